//! What the study in docs/ensemble.md found reliable, checked on the fresh seeds 5-9 it
//! did not choose the defaults on: the demo's defaults (`EnsembleConfig::default()`,
//! 3,000 steps) on the `gap` data, the ndarray backend, each seed its own data noise and
//! ensemble, as in the study. Training is deterministic, so these are fixed outcomes, not
//! flaky draws; what did *not* hold on every seed (prior-bootstrap's NLL in the gap, the
//! `prior` setting without bootstrap) is reported in docs/ensemble.md and not asserted.

use arrayapi_ensemble::*;
use arrayapi_ndarray::{NdArray, NdNamespace};

/// The demo's default number of steps.
const STEPS: usize = 3000;
const FRESH_SEEDS: [u64; 5] = [5, 6, 7, 8, 9];

struct Run {
    seed: u64,
    data: Dataset,
    metrics: Metrics,
    predictions: Predictions,
}

fn train(prior: PriorSpec, perturbation: Perturbation, seed: u64) -> Run {
    let data = Dataset::generate(DataKind::Gap, None, seed).unwrap();
    let td = TrainData::new(data.x.clone(), data.y.clone()).unwrap();
    let config = EnsembleConfig { prior, perturbation, seed, threads: 2, ..Default::default() };
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
    e.train(STEPS, 0, |_, _| Ok(())).unwrap();
    let predictions = e.predict(&data.grid).unwrap();
    let metrics = evaluate(&predictions, &data).unwrap();
    Run { seed, data, metrics, predictions }
}

/// The three settings the claims compare, on every fresh seed, trained side by side.
fn runs() -> Vec<[Run; 3]> {
    std::thread::scope(|s| {
        let handles: Vec<_> = FRESH_SEEDS
            .iter()
            .map(|&seed| {
                s.spawn(move || {
                    [
                        train(PriorSpec::None, Perturbation::None, seed),
                        train(PriorSpec::RandomMlp { beta: 1.0 }, Perturbation::Bootstrap, seed),
                        train(PriorSpec::Sin { beta: 0.3, omega: 3.0 }, Perturbation::Bootstrap, seed),
                    ]
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn at(m: &Metrics, r: Region) -> &RegionMetrics {
    m.region(r).unwrap()
}

/// 2-sd coverage of f* over the gap and outside together.
fn away_coverage(m: &Metrics) -> f64 {
    let (g, o) = (at(m, Region::Gap), at(m, Region::Outside));
    (g.coverage_2sd * g.points as f64 + o.coverage_2sd * o.points as f64) / (g.points + o.points) as f64
}

#[test]
fn the_studys_claims_hold_on_the_fresh_seeds() {
    let runs = runs();
    // The sine prior's mean follows the sine's shape beyond the data on the left: after
    // removing a straight-line trend, it correlates with 0.3 sin(3x).
    for [_, _, sin] in &runs {
        let far: Vec<usize> = (0..sin.data.grid.len()).filter(|&i| sin.data.grid[i] < -0.25).collect();
        let x: Vec<f64> = far.iter().map(|&i| sin.data.grid[i]).collect();
        let mean: Vec<f64> = far.iter().map(|&i| sin.predictions.mean[i]).collect();
        let sine: Vec<f64> = x.iter().map(|&x| 0.3 * (3.0 * x).sin()).collect();
        let (dm, ds) = (detrend(&x, &mean), detrend(&x, &sine));
        let corr = dot(&dm, &ds) / (dot(&dm, &dm) * dot(&ds, &ds)).sqrt();
        assert!(corr > 0.9, "seed {}: correlation with the sine's shape {corr}", sin.seed);
    }

    let mut coverage = Vec::new();
    let (mut rmse_pb, mut rmse_naive) = (0.0, 0.0);
    for [naive, pb, sin] in &runs {
        let (n, p, s) = (&naive.metrics, &pb.metrics, &sin.metrics);
        let seed = naive.seed;
        let out = Region::Outside;
        // Outside the data, both bootstrapped prior settings score better than naive by
        // every likelihood: Gaussian, mixture and dyadic joint.
        for (name, m) in [("prior-bootstrap", p), ("sin-bootstrap", s)] {
            assert!(
                at(m, out).nll < at(n, out).nll,
                "seed {seed} {name}: nll {} vs {}",
                at(m, out).nll,
                at(n, out).nll
            );
            assert!(at(m, out).mixture_nll < at(n, out).mixture_nll, "seed {seed} {name} mixture nll");
            assert!(at(m, out).dyadic_nll < at(n, out).dyadic_nll, "seed {seed} {name} dyadic nll");
            // ... their band covers f* more often, away from the data and in the gap ...
            assert!(away_coverage(m) > away_coverage(n), "seed {seed} {name} coverage");
            assert!(at(m, Region::Gap).coverage_2sd >= at(n, Region::Gap).coverage_2sd, "seed {seed} {name}");
            // ... because its members disagree more where there are no data ...
            for r in [Region::Gap, out] {
                assert!(at(m, r).mean_std > at(n, r).mean_std, "seed {seed} {name} {r:?} spread");
            }
            // ... and is better calibrated outside.
            assert!(at(m, out).calibration_error < at(n, out).calibration_error, "seed {seed} {name} calibration");
        }
        // Jointly, on the data too: one prior-bootstrap member explains a pair of points
        // better than one naive member does.
        assert!(at(p, Region::Data).dyadic_nll < at(n, Region::Data).dyadic_nll, "seed {seed}");
        coverage.push(away_coverage(p));
        rmse_pb += at(p, Region::Data).rmse;
        rmse_naive += at(n, Region::Data).rmse;
    }
    // The goals: coverage of at least 0.85 over gap and outside (mean over seeds,
    // 0.944 measured; every seed above 0.8), data-region RMSE at most 1.5x naive's (1.19x).
    let mean = coverage.iter().sum::<f64>() / coverage.len() as f64;
    assert!(mean >= 0.85 && coverage.iter().all(|&c| c > 0.8), "{coverage:?}");
    assert!(rmse_pb <= 1.5 * rmse_naive, "{rmse_pb} vs {rmse_naive}");
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Residual of a least-squares straight-line fit.
fn detrend(x: &[f64], y: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let slope = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum::<f64>()
        / x.iter().map(|a| (a - mx).powi(2)).sum::<f64>();
    x.iter().zip(y).map(|(a, b)| b - my - slope * (a - mx)).collect()
}
