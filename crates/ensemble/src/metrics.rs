//! Uncertainty metrics per region (ENSEMBLE.md), computed on the host from predictions.

use crate::data::{Dataset, Region, TWO_PI};
use crate::ensemble::Predictions;
use crate::error::{EnsembleError, Result};
use crate::likelihood::{calibration_error, dyadic_nll, mixture_nll};

/// Metrics of one region of the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionMetrics {
    /// Which region.
    pub region: Region,
    /// Grid points in it.
    pub points: usize,
    /// RMSE of the ensemble mean against the true function.
    pub rmse: f64,
    /// Mean Gaussian NLL of `f* + noise` under `N(mu, s_e^2 + s_n^2)`, in closed form:
    /// `0.5 log(2 pi s_p^2) + ((mu - f*)^2 + s_n^2) / (2 s_p^2)`.
    pub nll: f64,
    /// Fraction of points where `f*` is within `mu ± 1 s_e`.
    pub coverage_1sd: f64,
    /// ... within `mu ± 2 s_e`.
    pub coverage_2sd: f64,
    /// ... within `mu ± 3 s_e`.
    pub coverage_3sd: f64,
    /// Mean ensemble standard deviation `s_e`.
    pub mean_std: f64,
    /// Mean expected NLL of `f* + noise` under the mixture of the members,
    /// `-log (1/K) sum_k N(y; Q_k(x), s_n^2)` (the neural testbed's marginal NLL;
    /// [`crate::likelihood::mixture_nll`]).
    pub mixture_nll: f64,
    /// The dyadic joint NLL per input (kappa = 2 anchors, tau = 10 inputs;
    /// [`crate::likelihood::dyadic_nll`]).
    pub dyadic_nll: f64,
    /// Calibration error of `mu ± z s_e` for `f*` over the central levels 0.1 to 0.9
    /// ([`crate::likelihood::calibration_error`]).
    pub calibration_error: f64,
}

/// Metrics of every region present on the grid, plus the spread ratio.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    /// One entry per region that has grid points, in `Region::ALL` order.
    pub regions: Vec<RegionMetrics>,
    /// `mean_std(outside) / mean_std(data)`: how much more the members disagree away
    /// from the data than on it.
    pub std_ratio_outside_over_data: f64,
}

impl Metrics {
    /// The metrics of `region`, if the grid has points there.
    pub fn region(&self, region: Region) -> Option<&RegionMetrics> {
        self.regions.iter().find(|r| r.region == region)
    }
}

/// Computes the metrics of `predictions` made on `data.grid`.
pub fn evaluate(predictions: &Predictions, data: &Dataset) -> Result<Metrics> {
    if !predictions.is_consistent() {
        return Err(EnsembleError::Data(format!(
            "predictions of {} members at {} points hold {} values, {} means and {} deviations",
            predictions.members,
            predictions.points,
            predictions.q.len(),
            predictions.mean.len(),
            predictions.std.len()
        )));
    }
    let n_grid = data.grid.len();
    if data.truth.len() != n_grid || data.regions.len() != n_grid {
        return Err(EnsembleError::Data(format!(
            "a grid of {n_grid} points with {} true values and {} regions",
            data.truth.len(),
            data.regions.len()
        )));
    }
    if predictions.points != data.grid.len() {
        return Err(EnsembleError::Data(format!(
            "{} predictions for a grid of {} points",
            predictions.points,
            data.grid.len()
        )));
    }
    let s_n2 = data.noise_std * data.noise_std;
    let member_values =
        |i: usize| -> Vec<f64> { (0..predictions.members).map(|k| predictions.q[k * n_grid + i]).collect() };
    let mut regions = Vec::new();
    for region in Region::ALL {
        let idx: Vec<usize> = (0..data.grid.len()).filter(|&i| data.regions[i] == region).collect();
        if idx.is_empty() {
            continue;
        }
        let n = idx.len() as f64;
        let (mut se, mut nll, mut c1, mut c2, mut c3, mut sd, mut mix) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for &i in &idx {
            let (mu, s, f) = (predictions.mean[i], predictions.std[i], data.truth[i]);
            let err = mu - f;
            se += err * err;
            let s_p2 = s * s + s_n2;
            nll += 0.5 * (TWO_PI * s_p2).ln() + (err * err + s_n2) / (2.0 * s_p2);
            c1 += f64::from(err.abs() <= s);
            c2 += f64::from(err.abs() <= 2.0 * s);
            c3 += f64::from(err.abs() <= 3.0 * s);
            sd += s;
            mix += mixture_nll(&member_values(i), f, data.noise_std);
        }
        let member = |k: usize| &predictions.q[k * n_grid..(k + 1) * n_grid];
        let dyadic = dyadic_nll(&idx, predictions.members, member, &data.truth, data.noise_std);
        let calibration =
            calibration_error(idx.iter().map(|&i| (predictions.mean[i] - data.truth[i], predictions.std[i])));
        regions.push(RegionMetrics {
            region,
            points: idx.len(),
            rmse: (se / n).sqrt(),
            nll: nll / n,
            coverage_1sd: c1 / n,
            coverage_2sd: c2 / n,
            coverage_3sd: c3 / n,
            mean_std: sd / n,
            mixture_nll: mix / n,
            dyadic_nll: dyadic,
            calibration_error: calibration,
        });
    }
    let std_of = |r: Region| regions.iter().find(|m| m.region == r).map(|m| m.mean_std);
    let ratio = match (std_of(Region::Outside), std_of(Region::Data)) {
        (Some(o), Some(d)) if d > 0.0 => o / d,
        _ => f64::NAN,
    };
    Ok(Metrics { regions, std_ratio_outside_over_data: ratio })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DataKind;

    #[test]
    fn metrics_match_hand_computed_values() {
        // Osband's data: truth f(x) = x, noise 2; data region [-2, 2].
        let data = Dataset::generate(DataKind::Osband, None, 0).unwrap();
        let m = data.grid.len();
        // Two members at truth ± 1 everywhere: mean = truth, std = 1.
        let mut q: Vec<f64> = data.truth.iter().map(|t| t + 1.0).collect();
        q.extend(data.truth.iter().map(|t| t - 1.0));
        let p = Predictions { members: 2, points: m, q, mean: data.truth.clone(), std: vec![1.0; m] };
        let r = evaluate(&p, &data).unwrap();
        let d = r.region(Region::Data).unwrap();
        assert_eq!(d.rmse, 0.0);
        assert_eq!((d.coverage_1sd, d.coverage_2sd, d.coverage_3sd), (1.0, 1.0, 1.0));
        assert_eq!(d.mean_std, 1.0);
        // NLL with s_p^2 = 1 + 4 = 5: 0.5 ln(2 pi 5) + 4 / 10.
        let want = 0.5 * (TWO_PI * 5.0).ln() + 0.4;
        assert!((d.nll - want).abs() < 1e-12);
        // The mixture NLL is the mean of the per-point mixture NLL (the same at every point
        // here, translation-invariant), which for two members differs from the Gaussian one.
        let mix = crate::likelihood::mixture_nll(&[1.0, -1.0], 0.0, 2.0);
        assert!(
            (d.mixture_nll - mix).abs() < 1e-10 && (d.mixture_nll - d.nll).abs() > 1e-4,
            "{} vs {mix}, nll {}",
            d.mixture_nll,
            d.nll
        );
        assert!(r.region(Region::Gap).is_none(), "one interval has no gap");
        assert_eq!(r.std_ratio_outside_over_data, 1.0);
        assert_eq!(d.points + r.region(Region::Outside).unwrap().points, m);

        // Shift the mean by 1.5: within 2 and 3 std, not 1; RMSE 1.5.
        let p2 = Predictions { mean: data.truth.iter().map(|t| t + 1.5).collect(), ..p.clone() };
        let d = evaluate(&p2, &data).unwrap().region(Region::Data).unwrap().clone();
        assert!((d.rmse - 1.5).abs() < 1e-12);
        assert_eq!((d.coverage_1sd, d.coverage_2sd), (0.0, 1.0));

        // One member on the truth: the mixture and the dyadic NLL are the noise's own NLL,
        // 0.5 ln(2 pi 4) + 1/2 (the dyadic one up to its sampling error); zero spread with
        // zero error is covered at every level, a calibration error of 0.5.
        let one =
            Predictions { members: 1, points: m, q: data.truth.clone(), mean: data.truth.clone(), std: vec![0.0; m] };
        let d = evaluate(&one, &data).unwrap().region(Region::Outside).unwrap().clone();
        let own = 0.5 * (TWO_PI * 4.0).ln() + 0.5;
        assert!((d.mixture_nll - own).abs() < 1e-12, "{}", d.mixture_nll);
        assert!((d.dyadic_nll - own).abs() < 0.05, "{}", d.dyadic_nll);
        assert!((d.calibration_error - 0.5).abs() < 1e-12);

        let wrong = Predictions { points: 3, ..p.clone() };
        assert!(matches!(evaluate(&wrong, &data), Err(EnsembleError::Data(_))));
        // Inconsistent fields are a typed error, never an index out of bounds.
        for bad in [
            Predictions { q: vec![0.0; 3], ..p.clone() },
            Predictions { mean: vec![0.0; 2], ..p.clone() },
            Predictions { std: vec![], ..p.clone() },
            Predictions { members: usize::MAX, ..p.clone() },
        ] {
            assert!(matches!(evaluate(&bad, &data), Err(EnsembleError::Data(_))), "{:?}", bad.members);
        }
        let mut short = data.clone();
        short.truth.pop();
        assert!(matches!(evaluate(&p, &short), Err(EnsembleError::Data(_))));
        // member(k) past the members, or on inconsistent fields, is None.
        assert_eq!(p.member(1).map(<[f64]>::len), Some(m));
        assert!(p.member(2).is_none() && p.member(usize::MAX).is_none());
        assert!(Predictions { q: vec![0.0; 3], ..p.clone() }.member(1).is_none());
    }

    #[test]
    fn gap_regions_follow_the_specification() {
        let data = Dataset::generate(DataKind::Gap, None, 0).unwrap();
        assert_eq!(data.grid.len(), 301);
        assert_eq!(data.x.len(), 20);
        for (&x, &r) in data.grid.iter().zip(&data.regions) {
            let want = if (0.0..=0.5).contains(&x) || (1.0..=1.5).contains(&x) {
                Region::Data
            } else if x > 0.5 && x < 1.0 {
                Region::Gap
            } else {
                Region::Outside
            };
            assert_eq!(r, want, "x = {x}");
        }
        let x = 0.3;
        assert_eq!(data.truth_at(x), x + (3.0 * x).sin() + (12.0 * x).sin());
    }
}
