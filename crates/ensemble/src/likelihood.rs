//! The likelihoods the neural testbed scores an ensemble by (Osband et al., "The Neural
//! Testbed", 2022; Dwaracherla et al., "Ensembles for Uncertainty Estimation: Benefits of
//! Prior Functions and Bootstrapping", 2022): the ensemble is a uniform mixture of its K
//! members, each member a Gaussian of the known noise around its prediction,
//! `p(y | x) = (1/K) sum_k N(y; Q_k(x), s_n^2)`.
//!
//! - [`mixture_nll`]: the marginal NLL of one point, in expectation over `y ~ N(f*(x),
//!   s_n^2)`, by quadrature (the testbed samples `y`; the expectation is the quantity its
//!   samples estimate, without their noise).
//! - [`dyadic_nll`]: the joint NLL of `tau` inputs drawn from `kappa` anchor points
//!   (the testbed's polyadic sampling, "dyadic" for `kappa = 2`), in which one member must
//!   explain all `tau` targets together: an ensemble whose members each cover the truth
//!   only on average scores badly here, one whose members are each plausible functions
//!   scores well.

use std::f64::consts::PI;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};

/// `log N(y; m, s^2)` for `s2 = s^2`.
fn log_normal(y: f64, m: f64, s2: f64) -> f64 {
    -0.5 * (2.0 * PI * s2).ln() - (y - m) * (y - m) / (2.0 * s2)
}

/// `log (1/K) sum_k exp(l_k)`, computed stably.
fn log_mean_exp(l: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = l.clone().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY || max.is_nan() {
        return max;
    }
    let (sum, n) = l.fold((0.0, 0usize), |(s, n), v| (s + (v - max).exp(), n + 1));
    max + (sum / n as f64).ln()
}

/// Nodes of the quadrature over `z ~ N(0, 1)`: the trapezoidal rule on [-8, 8], whose
/// error on a smooth integrand times the Gaussian density falls faster than any power of
/// the step; 321 nodes put it far below float64's last digits for every mixture here.
const QUADRATURE_NODES: usize = 321;
const QUADRATURE_HALF_WIDTH: f64 = 8.0;

/// The expected NLL of one point, `E_{y ~ N(f, s_n^2)} [-log (1/K) sum_k N(y; q_k, s_n^2)]`,
/// for the members' predictions `q` at that point and the true value `f`.
pub fn mixture_nll(q: &[f64], f: f64, noise_std: f64) -> f64 {
    let s2 = noise_std * noise_std;
    let h = 2.0 * QUADRATURE_HALF_WIDTH / (QUADRATURE_NODES - 1) as f64;
    let (mut total, mut weights) = (0.0, 0.0);
    for i in 0..QUADRATURE_NODES {
        let z = -QUADRATURE_HALF_WIDTH + h * i as f64;
        let end = if i == 0 || i == QUADRATURE_NODES - 1 { 0.5 } else { 1.0 };
        let w = end * (-0.5 * z * z).exp();
        let y = f + noise_std * z;
        total -= w * log_mean_exp(q.iter().map(|&m| log_normal(y, m, s2)));
        weights += w;
    }
    total / weights
}

/// The testbed's anchor points per joint sample (`kappa`).
pub const DYADIC_ANCHORS: usize = 2;
/// Inputs per joint sample (`tau`), each one of the anchors.
pub const DYADIC_INPUTS: usize = 10;
/// Joint samples averaged per region.
pub const DYADIC_SAMPLES: usize = 1000;
/// The seed of the joint samples' draws: fixed, so that every ensemble evaluated on the
/// same grid is scored on the same anchors and targets (paired comparisons).
pub const DYADIC_SEED: u64 = 0xd1ad_1c00;

/// The dyadic joint NLL over the grid points `points` (indices into the grid), divided
/// by `tau` so that it reads on the scale of the marginal NLL: the mean over
/// [`DYADIC_SAMPLES`] draws of `-(1/tau) log (1/K) sum_k prod_i N(y_i; Q_k(x_i), s_n^2)`,
/// where each draw picks [`DYADIC_ANCHORS`] distinct anchors among `points` (one if there
/// is only one), [`DYADIC_INPUTS`] inputs `x_i` uniformly among the anchors and
/// `y_i = f*(x_i) + s_n eps_i`. `member(k)` gives member k's predictions on the whole
/// grid, `truth` the true function there. `NaN` for no points.
pub fn dyadic_nll<'a>(
    points: &[usize],
    members: usize,
    member: impl Fn(usize) -> &'a [f64],
    truth: &[f64],
    noise_std: f64,
) -> f64 {
    if points.is_empty() || members == 0 {
        return f64::NAN;
    }
    let s2 = noise_std * noise_std;
    let mut rng = StdRng::seed_from_u64(DYADIC_SEED);
    let kappa = DYADIC_ANCHORS.min(points.len());
    let mut total = 0.0;
    let mut xs = [0usize; DYADIC_INPUTS];
    let mut ys = [0f64; DYADIC_INPUTS];
    for _ in 0..DYADIC_SAMPLES {
        let anchors = rand::seq::index::sample(&mut rng, points.len(), kappa);
        for i in 0..DYADIC_INPUTS {
            let a = points[anchors.index(rng.random_range(0..kappa))];
            let eps: f64 = StandardNormal.sample(&mut rng);
            xs[i] = a;
            ys[i] = truth[a] + noise_std * eps;
        }
        let joint = (0..members).map(|k| {
            let q = member(k);
            xs.iter().zip(&ys).map(|(&x, &y)| log_normal(y, q[x], s2)).sum::<f64>()
        });
        total -= log_mean_exp(joint);
    }
    total / (DYADIC_SAMPLES * DYADIC_INPUTS) as f64
}

/// The central levels the calibration error averages over.
pub const CALIBRATION_LEVELS: [f64; 9] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/// `z` with `P(|Z| <= z) = level` for a standard normal `Z`, for each of
/// [`CALIBRATION_LEVELS`] (Python's `statistics.NormalDist().inv_cdf((1 + level) / 2)`).
pub(crate) const CALIBRATION_Z: [f64; 9] = [
    0.12566134685507413,
    0.2533471031357998,
    0.3853204664075676,
    0.5244005127080407,
    0.6744897501960817,
    0.8416212335729144,
    1.0364333894937894,
    1.2815515655446008,
    1.6448536269514715,
];

/// The calibration error of the band `mu ± z s_e` as an interval for `f*`: the mean over
/// [`CALIBRATION_LEVELS`] of `|coverage(level) - level|`, where `coverage(level)` is the
/// fraction of the points (pairs of the error `mu - f*` and `s_e`) whose error is within
/// the central `level` interval of `N(0, s_e^2)`. 0 is perfectly calibrated; a band that is
/// always too narrow (or zero) tends to the mean of the levels, 0.5.
pub fn calibration_error(points: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    let n = points.clone().count();
    if n == 0 {
        return f64::NAN;
    }
    let gaps = CALIBRATION_LEVELS.iter().zip(CALIBRATION_Z).map(|(&level, z)| {
        let covered = points.clone().filter(|&(err, s)| err.abs() <= z * s).count();
        (covered as f64 / n as f64 - level).abs()
    });
    gaps.sum::<f64>() / CALIBRATION_LEVELS.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const HALF_LOG_2PI: f64 = 0.918_938_533_204_672_8; // 0.5 ln(2 pi)

    /// Simpson's rule for `f` on `[a, b]` with `n` (even) intervals.
    fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
        let h = (b - a) / n as f64;
        let sum: f64 = (0..=n)
            .map(|i| {
                let w = if i == 0 || i == n {
                    1.0
                } else if i % 2 == 1 {
                    4.0
                } else {
                    2.0
                };
                w * f(a + h * i as f64)
            })
            .sum();
        sum * h / 3.0
    }

    #[test]
    fn one_member_gives_the_closed_form_gaussian_nll() {
        // E[-log N(f + s z; f + d, s^2)] = 0.5 ln(2 pi s^2) + (s^2 + d^2) / (2 s^2).
        for (s, d) in [(1.0, 0.0), (0.1, 0.0), (0.1, 0.25), (2.0, -3.0)] {
            let want = HALF_LOG_2PI + f64::ln(s) + (s * s + d * d) / (2.0 * s * s);
            let got = mixture_nll(&[1.5 + d], 1.5, s);
            assert!((got - want).abs() < 1e-12, "s {s} d {d}: {got} vs {want}");
            // K copies of one member are that member.
            let got4 = mixture_nll(&[1.5 + d; 4], 1.5, s);
            assert!((got4 - want).abs() < 1e-12, "{got4} vs {want}");
        }
    }

    #[test]
    fn a_two_member_mixture_matches_a_direct_integral() {
        // Members at f - 1 and f + 2 with s = 0.5: integrate -p_true(y) log p_mix(y) over y
        // by Simpson's rule on densities (no log-sum-exp, no change of variable).
        let (f, s) = (0.3, 0.5);
        let q = [f - 1.0, f + 2.0];
        let pdf = |y: f64, m: f64| (-(y - m) * (y - m) / (2.0 * s * s)).exp() / (s * (2.0 * PI).sqrt());
        let mix = |y: f64| 0.5 * (pdf(y, q[0]) + pdf(y, q[1]));
        let want = simpson(|y| -pdf(y, f) * mix(y).ln(), f - 12.0 * s, f + 12.0 * s, 20_000);
        let got = mixture_nll(&q, f, s);
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    }

    #[test]
    fn the_dyadic_nll_sees_what_the_marginal_cannot() {
        // Truth 0 on 8 points, noise 1. Ensemble A: one member is the truth everywhere, the
        // other is 6 everywhere. Ensemble B: the same values at every point, but the
        // members swap at odd points, so neither is a plausible function. The marginal
        // mixtures are identical; jointly only A explains two points at once.
        let truth = vec![0.0; 8];
        let a0 = vec![0.0; 8];
        let a1 = vec![6.0; 8];
        let b0: Vec<f64> = (0..8).map(|m| if m % 2 == 0 { 0.0 } else { 6.0 }).collect();
        let b1: Vec<f64> = (0..8).map(|m| if m % 2 == 0 { 6.0 } else { 0.0 }).collect();
        let points: Vec<usize> = (0..8).collect();
        for m in 0..8 {
            assert_eq!(mixture_nll(&[a0[m], a1[m]], 0.0, 1.0), mixture_nll(&[b0[m], b1[m]], 0.0, 1.0));
        }
        let a = dyadic_nll(&points, 2, |k| if k == 0 { &a0 } else { &a1 }, &truth, 1.0);
        let b = dyadic_nll(&points, 2, |k| if k == 0 { &b0 } else { &b1 }, &truth, 1.0);
        // A: the true member explains every draw: 0.5 ln(2 pi) + E[z^2]/2 + ln(2)/tau
        // (the mixture weight 1/2 shared by tau inputs), up to the sampling error of
        // 10,000 z^2 (standard error 0.007).
        let want = HALF_LOG_2PI + 0.5 + std::f64::consts::LN_2 / DYADIC_INPUTS as f64;
        assert!((a - want).abs() < 0.03, "{a} vs {want}");
        assert!(b > a + 1.0, "B {b} should be far worse than A {a}");
        // B by hand: 12 of the 28 anchor pairs share a parity and score as A; in the other
        // 16 the best member misses min(n, 10 - n) of the inputs, n ~ Binomial(10, 1/2),
        // by 6 noise widths (18 nats each, over what a hit costs), E[min] = 3860 / 1024:
        // 12/28 * want + 16/28 * (want + 1.8 * 3860/1024) = 5.37 (to about 0.05; the
        // sampling error is about 0.1). Inputs drawn from all 8 points instead of two
        // anchors would give about 8.3.
        let b_want = want + 16.0 / 28.0 * 1.8 * 3860.0 / 1024.0;
        assert!((b - b_want).abs() < 0.4, "B {b} vs {b_want}");
    }

    #[test]
    fn the_dyadic_nll_of_one_shifted_member_is_its_gaussian_nll() {
        // One member at truth + 0.5 with noise 0.5: per input 0.5 ln(2 pi s^2) + (s^2 + d^2) / (2 s^2).
        let truth: Vec<f64> = (0..5).map(|m| m as f64).collect();
        let q: Vec<f64> = truth.iter().map(|t| t + 0.5).collect();
        let got = dyadic_nll(&[1, 3, 4], 1, |_| &q, &truth, 0.5);
        let want = HALF_LOG_2PI + f64::ln(0.5) + 1.0;
        assert!((got - want).abs() < 0.05, "{got} vs {want}");
        assert!(dyadic_nll(&[], 1, |_| &q, &truth, 0.5).is_nan());
        // A single point is its own anchor.
        assert!(dyadic_nll(&[2], 1, |_| &q, &truth, 0.5).is_finite());
    }

    #[test]
    fn calibration_levels_are_the_normal_quantiles() {
        // P(|Z| <= z) by Simpson's rule on the density, independently of the table's source.
        for (&level, z) in CALIBRATION_LEVELS.iter().zip(CALIBRATION_Z) {
            let p = simpson(|x| (-0.5 * x * x).exp(), -z, z, 2000) / (2.0 * PI).sqrt();
            assert!((p - level).abs() < 1e-12, "{level}: {p}");
        }
    }

    #[test]
    fn calibration_error_by_hand() {
        // Every error exactly one band width: covered at the levels whose z >= 1 (0.7, 0.8,
        // 0.9). Gaps: 0.1 + ... + 0.6 = 2.1 below, 0.3 + 0.2 + 0.1 = 0.6 above; 2.7 / 9.
        let one_sd = [(1.0, 1.0), (-2.0, 2.0)];
        assert!((calibration_error(one_sd.iter().copied()) - 0.3).abs() < 1e-12);
        // Always covered (no error) or never (no spread): the mean of the levels' gaps, 0.5.
        assert!((calibration_error([(0.0, 1.0)].into_iter()) - 0.5).abs() < 1e-12);
        assert!((calibration_error([(0.1, 0.0)].into_iter()) - 0.5).abs() < 1e-12);
        // Half the points at z = 0.2, half at z = 2: coverage 0.5 from level 0.2 up to 0.9,
        // 1.0 at no level, 0 at 0.1. Gaps: 0.1, 0.3, 0.2, 0.1, 0, 0.1, 0.2, 0.3, 0.4 = 1.7.
        let mixed = [(0.2, 1.0), (2.0, 1.0)];
        assert!((calibration_error(mixed.iter().copied()) - 1.7 / 9.0).abs() < 1e-12);
        assert!(calibration_error(std::iter::empty()).is_nan());
    }
}
