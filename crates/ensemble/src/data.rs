//! The demo's data sets (ENSEMBLE.md): training points, the true function, an evaluation
//! grid and its regions.

use std::f64::consts::PI;
use std::fmt;
use std::str::FromStr;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};

use crate::error::{EnsembleError, Result};

/// Which data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataKind {
    /// 10 points on [0, 0.5], 10 on [1, 1.5]; `f(x) = x + sin(3x) + sin(12x)`, noise 0.1;
    /// evaluated on 301 points of [-1, 2].
    Gap,
    /// `x = linspace(-2, 2, 10)`, `y = x + 2 eps` (Osband's notebook); evaluated on [-3, 3].
    Osband,
    /// `x ~ U(-1, 1)`, `y = sin(3x) + 0.1 eps` (the benchmark workload); evaluated on [-3, 3].
    Sin,
}

impl FromStr for DataKind {
    type Err = EnsembleError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "gap" => Ok(DataKind::Gap),
            "osband" => Ok(DataKind::Osband),
            "sin" => Ok(DataKind::Sin),
            _ => Err(EnsembleError::Config(format!("unknown data set {s:?}: expected gap, osband or sin"))),
        }
    }
}

impl fmt::Display for DataKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DataKind::Gap => "gap",
            DataKind::Osband => "osband",
            DataKind::Sin => "sin",
        })
    }
}

/// Where a grid point lies relative to the training data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// Inside an interval the training points cover.
    Data,
    /// Between two such intervals.
    Gap,
    /// Beyond the data on either side.
    Outside,
}

impl Region {
    /// All regions, in report order.
    pub const ALL: [Region; 3] = [Region::Data, Region::Gap, Region::Outside];

    /// The name used in reports (`data`, `gap`, `outside`).
    pub fn name(self) -> &'static str {
        match self {
            Region::Data => "data",
            Region::Gap => "gap",
            Region::Outside => "outside",
        }
    }
}

/// A 1-D regression problem with its evaluation grid.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// Which data set.
    pub kind: DataKind,
    /// Training inputs.
    pub x: Vec<f64>,
    /// Training targets.
    pub y: Vec<f64>,
    /// The known noise standard deviation of `y`.
    pub noise_std: f64,
    /// Evaluation grid.
    pub grid: Vec<f64>,
    /// The true function on the grid.
    pub truth: Vec<f64>,
    /// The region of each grid point.
    pub regions: Vec<Region>,
    data_intervals: Vec<(f64, f64)>,
}

fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    (0..n).map(|i| if n == 1 { a } else { a + (b - a) * i as f64 / (n - 1) as f64 }).collect()
}

/// The most training points [`Dataset::generate`] makes (16 M: 128 MiB of inputs and as
/// much of targets).
pub const MAX_POINTS: usize = 1 << 24;

impl Dataset {
    /// The data set `kind` with `points` training points (`None`: its default, 20, 10 or
    /// 64), noise drawn from `seed`.
    pub fn generate(kind: DataKind, points: Option<usize>, seed: u64) -> Result<Self> {
        let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_da7a);
        let n = points.unwrap_or(match kind {
            DataKind::Gap => 20,
            DataKind::Osband => 10,
            DataKind::Sin => 64,
        });
        if n == 0 {
            return Err(EnsembleError::Data("a data set needs at least one point".into()));
        }
        if n > MAX_POINTS {
            return Err(EnsembleError::Data(format!("{n} points asked for; at most {MAX_POINTS} are made")));
        }
        let (x, noise_std, grid, intervals) = match kind {
            DataKind::Gap => {
                let half = n / 2;
                let mut x = linspace(0.0, 0.5, n - half);
                x.extend(linspace(1.0, 1.5, half));
                let intervals = if half == 0 { vec![(0.0, 0.5)] } else { vec![(0.0, 0.5), (1.0, 1.5)] };
                (x, 0.1, linspace(-1.0, 2.0, 301), intervals)
            }
            DataKind::Osband => (linspace(-2.0, 2.0, n), 2.0, linspace(-3.0, 3.0, 301), vec![(-2.0, 2.0)]),
            DataKind::Sin => {
                let x: Vec<f64> = (0..n).map(|_| rng.random_range(-1.0..1.0)).collect();
                (x, 0.1, linspace(-3.0, 3.0, 301), vec![(-1.0, 1.0)])
            }
        };
        let y = x
            .iter()
            .map(|&xi| {
                let eps: f64 = StandardNormal.sample(&mut rng);
                truth(kind, xi) + noise_std * eps
            })
            .collect();
        let truth_grid = grid.iter().map(|&g| truth(kind, g)).collect();
        let regions = grid.iter().map(|&g| region_of(g, &intervals)).collect();
        Ok(Dataset { kind, x, y, noise_std, grid, truth: truth_grid, regions, data_intervals: intervals })
    }

    /// The intervals covered by training data.
    pub fn data_intervals(&self) -> &[(f64, f64)] {
        &self.data_intervals
    }

    /// The true function at `x`.
    pub fn truth_at(&self, x: f64) -> f64 {
        truth(self.kind, x)
    }
}

fn truth(kind: DataKind, x: f64) -> f64 {
    match kind {
        DataKind::Gap => x + (3.0 * x).sin() + (12.0 * x).sin(),
        DataKind::Osband => x,
        DataKind::Sin => (3.0 * x).sin(),
    }
}

fn region_of(x: f64, intervals: &[(f64, f64)]) -> Region {
    let lo = intervals.iter().map(|i| i.0).fold(f64::INFINITY, f64::min);
    let hi = intervals.iter().map(|i| i.1).fold(f64::NEG_INFINITY, f64::max);
    if intervals.iter().any(|&(a, b)| x >= a && x <= b) {
        Region::Data
    } else if x < lo || x > hi {
        Region::Outside
    } else {
        Region::Gap
    }
}

/// `2 pi`, for the Gaussian NLL.
pub(crate) const TWO_PI: f64 = 2.0 * PI;
