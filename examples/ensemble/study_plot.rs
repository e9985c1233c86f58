//! The study's figure: each metric against the prior scale beta, one line per setting,
//! with error bars of one standard deviation over the seeds, per region. The betas are
//! evenly spaced on the x axis (0.3, 1, 3, 5, 10: roughly logarithmic).

use std::path::Path;

use arrayapi::ensemble::{Activation, DataKind, Region};
use plotters::prelude::*;

use crate::cli::Setting;
use crate::study::{CellResult, BETAS, SCHEDULES};

type DrawResult<T> = Result<T, Box<dyn std::error::Error>>;

/// One setting's line: (x position, mean, sd) per beta.
type Series = (Setting, Vec<(f64, f64, f64)>);

/// The metrics drawn, as (index into `METRICS`, label).
const SHOWN: [(&str, &str); 7] = [
    ("rmse", "RMSE of the mean"),
    ("nll", "Gaussian NLL"),
    ("mixture_nll", "mixture NLL"),
    ("dyadic_nll", "dyadic joint NLL"),
    ("coverage_2sd", "2-sd coverage of f*"),
    ("calibration_error", "calibration error"),
    ("mean_std", "mean std"),
];

pub fn setting_color(s: Setting) -> RGBColor {
    match s {
        Setting::Naive => RGBColor(110, 110, 110),
        Setting::Prior => RGBColor(50, 100, 200),
        Setting::PriorBootstrap => RGBColor(210, 70, 30),
        Setting::SinBootstrap => RGBColor(30, 150, 80),
    }
}

/// The y-range of a panel: every mean ± sd, unless a few means lie far off the others (a
/// sine prior of amplitude 10 has an NLL of 20 beside values near 1), which would flatten
/// every other line. Means beyond the quartiles by more than 4 interquartile ranges are
/// outliers; the range then reaches at most one span of the other means beyond them (room
/// for their error bars), and what lies further is drawn at its edge. `true` if it cut.
fn y_range(series: &[Series]) -> (f64, f64, bool) {
    let mut means: Vec<f64> = series.iter().flat_map(|(_, p)| p.iter().map(|v| v.1)).collect();
    let lo = series.iter().flat_map(|(_, p)| p.iter().map(|v| v.1 - v.2)).fold(f64::INFINITY, f64::min);
    let hi = series.iter().flat_map(|(_, p)| p.iter().map(|v| v.1 + v.2)).fold(f64::NEG_INFINITY, f64::max);
    if means.is_empty() || !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0, false);
    }
    means.sort_by(f64::total_cmp);
    let q = |f: f64| means[((means.len() - 1) as f64 * f).round() as usize];
    let (q1, q3) = (q(0.25), q(0.75));
    let iqr = q3 - q1;
    let core: Vec<f64> = means.iter().copied().filter(|&m| m >= q1 - 4.0 * iqr && m <= q3 + 4.0 * iqr).collect();
    let (core_lo, core_hi) = (core[0], core[core.len() - 1]);
    let span = (core_hi - core_lo).max(1e-6);
    let (cut_lo, cut_hi) = (core_lo - span, core_hi + span);
    let clipped = lo < cut_lo || hi > cut_hi;
    (lo.max(cut_lo), hi.min(cut_hi), clipped)
}

/// Draws the figure of data set `data` at one activation and schedule.
pub fn figure(
    path: &Path,
    cells: &[CellResult],
    data: DataKind,
    activation: Activation,
    schedule: usize,
) -> DrawResult<()> {
    let regions: Vec<Region> = Region::ALL
        .into_iter()
        .filter(|&r| cells.iter().any(|c| c.cell.data == data && c.stat(r, "rmse").is_some()))
        .collect();
    let (pw, ph) = (520u32, 300u32);
    let (w, h) = (pw * regions.len().max(1) as u32, ph * SHOWN.len() as u32 + 136);
    let root = BitMapBackend::new(path, (w, h)).into_drawing_area();
    root.fill(&WHITE)?;
    let (head, body) = root.split_vertically(136);
    let sched = SCHEDULES[schedule];
    head.draw_text(
        &format!(
            "{data} data, {activation}, Adam lr {} for {} steps: metrics against the prior scale beta",
            sched.lr, sched.steps
        ),
        &("sans-serif", 26).into_font().color(&BLACK),
        (20, 12),
    )?;
    head.draw_text(
        "mean over seeds, bars 1 sd; naive has no prior (flat); beta scales the random MLP prior, or the sine's amplitude",
        &("sans-serif", 18).into_font().color(&BLACK.mix(0.8)),
        (20, 48),
    )?;
    head.draw_text(
        "(clipped): a panel whose values lie far apart draws those past its axis at the edge",
        &("sans-serif", 18).into_font().color(&BLACK.mix(0.8)),
        (20, 74),
    )?;
    // Legend.
    let mut x = 20;
    for s in Setting::ALL {
        head.draw(&Rectangle::new([(x, 110), (x + 26, 116)], setting_color(s).filled()))?;
        head.draw_text(s.name(), &("sans-serif", 18).into_font().color(&BLACK), (x + 32, 104))?;
        x += 60 + 11 * s.name().len() as i32;
    }
    let panels = body.split_evenly((SHOWN.len(), regions.len().max(1)));
    for (row, (metric, label)) in SHOWN.iter().enumerate() {
        for (col, &region) in regions.iter().enumerate() {
            let area = &panels[row * regions.len() + col];
            // One series per setting: (beta, mean, sd).
            let series: Vec<Series> = Setting::ALL
                .iter()
                .map(|&s| {
                    let pts = BETAS
                        .iter()
                        .enumerate()
                        .filter_map(|(bi, &beta)| {
                            let c = cells.iter().find(|c| {
                                c.cell.data == data
                                    && c.cell.activation == activation
                                    && c.cell.schedule == schedule
                                    && c.cell.setting == s
                                    && (c.cell.beta == Some(beta) || (s == Setting::Naive && c.cell.beta.is_none()))
                            })?;
                            let (m, sd) = c.stat(region, metric)?;
                            m.is_finite().then_some((bi as f64, m, if sd.is_finite() { sd } else { 0.0 }))
                        })
                        .collect();
                    (s, pts)
                })
                .collect();
            let (lo, hi, clipped) = y_range(&series);
            let pad = ((hi - lo) * 0.08).max(1e-3);
            let (lo, hi) = (lo - pad, hi + pad);
            let clip = |v: f64| v.clamp(lo, hi);
            let title = format!("{label}: {}{}", region.name(), if clipped { " (clipped)" } else { "" });
            let mut chart = ChartBuilder::on(area)
                .caption(title, ("sans-serif", 20))
                .margin(8)
                .x_label_area_size(34)
                .y_label_area_size(56)
                .build_cartesian_2d(-0.4f64..(BETAS.len() as f64 - 0.6), lo..hi)?;
            chart
                .configure_mesh()
                .light_line_style(WHITE.mix(0.0))
                .x_desc("beta")
                .x_labels(BETAS.len())
                .x_label_formatter(&|v| {
                    let i = v.round();
                    if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < BETAS.len() {
                        format!("{}", BETAS[i as usize])
                    } else {
                        String::new()
                    }
                })
                .label_style(("sans-serif", 15))
                .axis_desc_style(("sans-serif", 15))
                .draw()?;
            for (s, pts) in &series {
                let color = setting_color(*s);
                chart.draw_series(LineSeries::new(pts.iter().map(|p| (p.0, clip(p.1))), color.stroke_width(2)))?;
                chart.draw_series(pts.iter().map(|p| {
                    ErrorBar::new_vertical(p.0, clip(p.1 - p.2), clip(p.1), clip(p.1 + p.2), color.stroke_width(1), 6)
                }))?;
            }
        }
    }
    root.present()?;
    Ok(())
}
