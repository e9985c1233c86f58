//! Pictures: one animated GIF per setting and a summary PNG, drawn with plotters using
//! an embedded font (no system fonts or fontconfig needed).

use std::path::Path;

use arrayapi::ensemble::{Dataset, Metrics, Predictions, Region};
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

/// What every picture of a run says about it, in its caption.
pub struct Caption {
    /// e.g. `ndarray (cpu)`.
    pub backend: String,
    pub members: usize,
    /// e.g. `1-20-20-1 tanh`.
    pub architecture: String,
    /// e.g. `1000 steps of Adam, lr 0.05`.
    pub training: String,
    pub data: String,
    pub seed: u64,
}

impl Caption {
    fn text(&self) -> String {
        format!(
            "K = {} members, {} MLPs, {}, {} data, seed {}, on {}",
            self.members, self.architecture, self.training, self.data, self.seed, self.backend
        )
    }
}

/// The y-range shown: the truth, the data and every member of every prediction given
/// (all frames of an animation, all settings of the summary), padded; NaN and infinite
/// values are ignored (and drawn at the range's edge).
fn y_range<'a>(data: &Dataset, predictions: impl Iterator<Item = &'a Predictions>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let finite = |v: &&f64| v.is_finite();
    for &v in data.truth.iter().chain(&data.y).filter(finite) {
        (lo, hi) = (lo.min(v), hi.max(v));
    }
    for p in predictions {
        for &v in p.q.iter().filter(finite) {
            (lo, hi) = (lo.min(v), hi.max(v));
        }
    }
    let pad = (hi - lo).max(1.0) * 0.06;
    (lo - pad, hi + pad)
}

fn clamp(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if v.is_nan() {
        lo
    } else {
        v.clamp(lo, hi)
    }
}

/// Font sizes of one panel, and whether it draws the legend.
#[derive(Clone, Copy)]
struct Fonts {
    title: u32,
    label: u32,
    legend: u32,
    with_legend: bool,
}

const DATA_REGION: RGBColor = RGBColor(238, 228, 200);

/// Draws one panel: the data regions shaded, the ±2 std band, every member (thin), the
/// mean (bold), the true function, the data points, a legend if asked, and, if given, an inset
/// with the metrics away from the data.
fn panel(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    title: &str,
    data: &Dataset,
    p: &Predictions,
    yr: (f64, f64),
    fonts: Fonts,
    inset: Option<&Metrics>,
) -> DrawResult<()> {
    let (x0, x1) = (data.grid[0], data.grid[data.grid.len() - 1]);
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", fonts.title))
        .margin(14)
        .x_label_area_size(fonts.label * 3)
        .y_label_area_size(fonts.label * 3)
        .build_cartesian_2d(x0..x1, yr.0..yr.1)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE.mix(0.0))
        .x_desc("x")
        .y_desc("y")
        .label_style(("sans-serif", fonts.label))
        .axis_desc_style(("sans-serif", fonts.label))
        .draw()?;
    let mut first = true;
    for &(a, b) in data.data_intervals() {
        let s = chart.draw_series(std::iter::once(Rectangle::new([(a, yr.0), (b, yr.1)], DATA_REGION.filled())))?;
        if std::mem::take(&mut first) {
            s.label("where the training data are")
                .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 18, y + 6)], DATA_REGION.filled()));
        }
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
        let s = chart.draw_series(LineSeries::new(line, MEMBER.mix(0.35).stroke_width(1)))?;
        if k == 0 {
            s.label(format!("the {} members, one line each", p.members))
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], MEMBER.mix(0.6).stroke_width(2)));
        }
    }
    chart
        .draw_series(LineSeries::new(
            data.grid.iter().zip(&data.truth).map(|(&x, &t)| (x, clamp(t, yr))),
            TRUTH.stroke_width(2),
        ))?
        .label("true function f*")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], TRUTH.stroke_width(2)));
    chart
        .draw_series(LineSeries::new(
            data.grid.iter().zip(&p.mean).map(|(&x, &m)| (x, clamp(m, yr))),
            MEAN.stroke_width(3),
        ))?
        .label("ensemble mean, band ± 2 std")
        .legend(|(x, y)| {
            EmptyElement::at((x, y))
                + Rectangle::new([(0, -6), (18, 6)], MEMBER.mix(0.25).filled())
                + PathElement::new(vec![(0, 0), (18, 0)], MEAN.stroke_width(3))
        });
    chart
        .draw_series(data.x.iter().zip(&data.y).map(|(&x, &y)| Circle::new((x, clamp(y, yr)), 4, POINTS.filled())))?
        .label("training points")
        .legend(|(x, y)| Circle::new((x + 9, y), 4, POINTS.filled()));
    if fonts.with_legend {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", fonts.legend))
            .draw()?;
    }
    if let Some(m) = inset {
        draw_inset(area, &chart.plotting_area().get_pixel_range(), m, fonts.legend)?;
    }
    Ok(())
}

/// The metrics away from the data, in a box at the bottom right of the plotting area.
fn draw_inset(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    plot: &(std::ops::Range<i32>, std::ops::Range<i32>),
    m: &Metrics,
    size: u32,
) -> DrawResult<()> {
    let lines: Vec<String> = [Region::Gap, Region::Outside]
        .iter()
        .filter_map(|&r| m.region(r))
        .map(|r| format!("{}: NLL {:.2}, 2-sd coverage {:.2}", r.region.name(), r.nll, r.coverage_2sd))
        .collect();
    if lines.is_empty() {
        return Ok(());
    }
    let (base_x, base_y) = area.get_base_pixel();
    let line_h = size as i32 + 6;
    let chars = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let w = (size as f64 * 0.56 * chars as f64) as i32 + 16;
    let h = line_h * lines.len() as i32 + 10;
    let (x1, y1) = (plot.0.end - base_x - 8, plot.1.end - base_y - 8);
    let (x0, y0) = (x1 - w, y1 - h);
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.mix(0.9).filled()))?;
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], BLACK.mix(0.3)))?;
    for (i, l) in lines.iter().enumerate() {
        area.draw_text(l, &("sans-serif", size).into_font().color(&BLACK), (x0 + 8, y0 + 6 + line_h * i as i32))?;
    }
    Ok(())
}

/// The legend as one row, for the summary's header (its panels draw the same things).
fn legend_row(area: &DrawingArea<BitMapBackend<'_>, Shift>, y: i32, size: u32, members: usize) -> DrawResult<()> {
    let font = ("sans-serif", size).into_font().color(&BLACK);
    let h = size as i32 / 2;
    let mut x = 20;
    let label = |x: &mut i32, text: &str| -> DrawResult<()> {
        area.draw_text(text, &font, (*x + 30, y - h))?;
        *x += 30 + (size as f64 * 0.55 * text.chars().count() as f64) as i32 + 36;
        Ok(())
    };
    area.draw(&Rectangle::new([(x, y - h), (x + 22, y + h)], DATA_REGION.filled()))?;
    label(&mut x, "where the training data are")?;
    area.draw(&PathElement::new(vec![(x, y), (x + 22, y)], MEMBER.mix(0.6).stroke_width(2)))?;
    label(&mut x, &format!("the {members} members, one line each"))?;
    area.draw(&PathElement::new(vec![(x, y), (x + 22, y)], TRUTH.stroke_width(2)))?;
    label(&mut x, "true function f*")?;
    area.draw(&Rectangle::new([(x, y - h), (x + 22, y + h)], MEMBER.mix(0.25).filled()))?;
    area.draw(&PathElement::new(vec![(x, y), (x + 22, y)], MEAN.stroke_width(3)))?;
    label(&mut x, "ensemble mean, band ± 2 std")?;
    area.draw(&Circle::new((x + 11, y), 5, POINTS.filled()))?;
    label(&mut x, "training points")?;
    Ok(())
}

/// Writes the animation of one setting.
pub fn animation(
    path: &Path,
    setting: &str,
    data: &Dataset,
    frames: &[Frame],
    total_steps: u64,
    caption: &Caption,
) -> DrawResult<()> {
    let root = BitMapBackend::gif(path, (800, 540), 80)?.into_drawing_area();
    let yr = y_range(data, frames.iter().map(|f| &f.predictions));
    let fonts = Fonts { title: 24, label: 15, legend: 14, with_legend: true };
    for frame in frames {
        root.fill(&WHITE)?;
        let (head, body) = root.split_vertically(30);
        head.draw_text(&caption.text(), &("sans-serif", 14).into_font().color(&BLACK.mix(0.75)), (14, 10))?;
        let title = format!("{setting}: step {} / {total_steps}", frame.step);
        panel(&body, &title, data, &frame.predictions, yr, fonts, None)?;
        root.present()?;
    }
    Ok(())
}

/// Writes the settings (up to four) in a 2 x 2 grid after training, each with its
/// metrics away from the data, under one caption and one legend.
pub fn summary(path: &Path, data: &Dataset, outcomes: &[Outcome], caption: &Caption) -> DrawResult<()> {
    let n = outcomes.len().max(1);
    let cols = n.min(2);
    let rows = n.div_ceil(2);
    let (pw, ph, head_h) = (880u32, 620u32, 136u32);
    let root = BitMapBackend::new(path, (pw * cols as u32, ph * rows as u32 + head_h)).into_drawing_area();
    root.fill(&WHITE)?;
    let (head, body) = root.split_vertically(head_h);
    head.draw_text(
        "Ensembles with and without randomized prior functions, after training",
        &("sans-serif", 34).into_font().color(&BLACK),
        (20, 12),
    )?;
    head.draw_text(&caption.text(), &("sans-serif", 24).into_font().color(&BLACK.mix(0.75)), (20, 56))?;
    let members = outcomes.first().map_or(0, |o| o.final_predictions.members);
    legend_row(&head, 112, 22, members)?;
    let yr = y_range(data, outcomes.iter().map(|o| &o.final_predictions));
    let fonts = Fonts { title: 30, label: 20, legend: 20, with_legend: false };
    let panels = body.split_evenly((rows, cols));
    for (area, o) in panels.iter().zip(outcomes) {
        panel(area, o.setting.name(), data, &o.final_predictions, yr, fonts, Some(&o.metrics))?;
    }
    root.present()?;
    Ok(())
}
