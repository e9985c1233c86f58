//! Pictures: one animated GIF per setting and a summary PNG, drawn with plotters using
//! an embedded font (no system fonts or fontconfig needed).

use std::path::Path;

use arrayapi::ensemble::{Dataset, Predictions};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::run::{Frame, Outcome};

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Registers the embedded font under the family name plotters asks for.
pub fn register_font() -> Result<(), String> {
    plotters::style::register_font("sans-serif", FontStyle::Normal, FONT)
        .map_err(|_| "the embedded font could not be read".to_string())
}

const MEMBER: RGBColor = RGBColor(70, 110, 200);
const MEAN: RGBColor = RGBColor(20, 40, 140);
const TRUTH: RGBColor = RGBColor(40, 40, 40);
const POINTS: RGBColor = RGBColor(220, 60, 30);

type DrawResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The y-range shown: the truth's range widened, fixed for a whole animation.
fn y_range(data: &Dataset) -> (f64, f64) {
    let lo = data.truth.iter().chain(&data.y).copied().fold(f64::INFINITY, f64::min);
    let hi = data.truth.iter().chain(&data.y).copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = (hi - lo).max(1.0) * 0.9;
    (lo - pad, hi + pad)
}

fn clamp(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if v.is_nan() {
        lo
    } else {
        v.clamp(lo, hi)
    }
}

/// Draws one panel: shaded ±2 std band, every member (thin), the mean (bold), the true
/// function and the data points.
fn panel(area: &DrawingArea<BitMapBackend<'_>, Shift>, title: &str, data: &Dataset, p: &Predictions) -> DrawResult<()> {
    let (x0, x1) = (data.grid[0], data.grid[data.grid.len() - 1]);
    let yr = y_range(data);
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 22))
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(36)
        .build_cartesian_2d(x0..x1, yr.0..yr.1)?;
    chart.configure_mesh().light_line_style(WHITE.mix(0.0)).label_style(("sans-serif", 13)).draw()?;
    // Gap and data regions, lightly shaded for orientation.
    for &(a, b) in data.data_intervals() {
        chart.draw_series(std::iter::once(Rectangle::new([(a, yr.0), (b, yr.1)], RGBColor(245, 240, 225).filled())))?;
    }
    let band: Vec<(f64, f64)> = data
        .grid
        .iter()
        .zip(&p.mean)
        .zip(&p.std)
        .map(|((&x, &m), &s)| (x, clamp(m + 2.0 * s, yr)))
        .chain(data.grid.iter().zip(&p.mean).zip(&p.std).rev().map(|((&x, &m), &s)| (x, clamp(m - 2.0 * s, yr))))
        .collect();
    chart.draw_series(std::iter::once(Polygon::new(band, MEMBER.mix(0.18).filled())))?;
    for k in 0..p.members {
        let line = data.grid.iter().zip(p.member(k).unwrap_or_default()).map(|(&x, &q)| (x, clamp(q, yr)));
        chart.draw_series(LineSeries::new(line, MEMBER.mix(0.35).stroke_width(1)))?;
    }
    chart
        .draw_series(LineSeries::new(
            data.grid.iter().zip(&data.truth).map(|(&x, &t)| (x, clamp(t, yr))),
            TRUTH.stroke_width(2),
        ))?
        .label("true function")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], TRUTH.stroke_width(2)));
    chart
        .draw_series(LineSeries::new(
            data.grid.iter().zip(&p.mean).map(|(&x, &m)| (x, clamp(m, yr))),
            MEAN.stroke_width(3),
        ))?
        .label("ensemble mean ± 2 std")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], MEAN.stroke_width(3)));
    chart
        .draw_series(data.x.iter().zip(&data.y).map(|(&x, &y)| Circle::new((x, clamp(y, yr)), 4, POINTS.filled())))?
        .label("training data")
        .legend(|(x, y)| Circle::new((x + 9, y), 4, POINTS.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 13))
        .draw()?;
    Ok(())
}

/// Writes the animation of one setting.
pub fn animation(path: &Path, setting: &str, data: &Dataset, frames: &[Frame], total_steps: u64) -> DrawResult<()> {
    let root = BitMapBackend::gif(path, (720, 450), 80)?.into_drawing_area();
    for frame in frames {
        root.fill(&WHITE)?;
        let title = format!("{setting}: step {} / {total_steps}", frame.step);
        panel(&root, &title, data, &frame.predictions)?;
        root.present()?;
    }
    Ok(())
}

/// Writes the four (or fewer) settings side by side after training.
pub fn summary(path: &Path, data: &Dataset, outcomes: &[Outcome]) -> DrawResult<()> {
    let w = 560 * outcomes.len().max(1) as u32;
    let root = BitMapBackend::new(path, (w, 440)).into_drawing_area();
    root.fill(&WHITE)?;
    let panels = root.split_evenly((1, outcomes.len().max(1)));
    for (area, o) in panels.iter().zip(outcomes) {
        let ratio = o.metrics.std_ratio_outside_over_data;
        let title = format!("{} (std outside/data {ratio:.1})", o.setting.name());
        panel(area, &title, data, &o.final_predictions)?;
    }
    root.present()?;
    Ok(())
}
