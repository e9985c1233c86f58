//! Per-member views of the data: loss weights and target noise, drawn on the host.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, Poisson, StandardNormal};

use crate::config::Perturbation;
use crate::error::{EnsembleError, Result};

/// Loss weights `[K * N]` and target noise `[K * N]` (row-major, member first).
pub(crate) fn draw(
    perturbation: Perturbation,
    members: usize,
    n: usize,
    rng: &mut impl Rng,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let mut weights = vec![1.0; members * n];
    let mut noise = vec![0.0; members * n];
    match perturbation {
        Perturbation::None => {}
        Perturbation::Bootstrap => {
            for k in 0..members {
                let row = &mut weights[k * n..(k + 1) * n];
                row.fill(0.0);
                for _ in 0..n {
                    row[rng.random_range(0..n)] += 1.0;
                }
            }
        }
        Perturbation::Bernoulli => {
            for w in &mut weights {
                *w = if rng.random_bool(0.5) { 2.0 } else { 0.0 };
            }
        }
        Perturbation::Poisson => {
            let p = Poisson::new(1.0).map_err(|e| EnsembleError::Config(e.to_string()))?;
            for w in &mut weights {
                *w = p.sample(rng);
            }
        }
        Perturbation::Noise { scale } => {
            for e in &mut noise {
                let z: f64 = StandardNormal.sample(rng);
                *e = scale * z;
            }
        }
    }
    Ok((weights, noise))
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn each_perturbation_has_its_distribution() {
        let (k, n) = (50, 40);
        let mut rng = StdRng::seed_from_u64(7);
        let (w, e) = draw(Perturbation::None, k, n, &mut rng).unwrap();
        assert!(w.iter().all(|&x| x == 1.0) && e.iter().all(|&x| x == 0.0));

        let (w, e) = draw(Perturbation::Bootstrap, k, n, &mut rng).unwrap();
        for row in w.chunks(n) {
            assert_eq!(row.iter().sum::<f64>(), n as f64, "a bootstrap draws N points");
            assert!(row.iter().all(|&c| c >= 0.0 && c.fract() == 0.0));
        }
        // About 1 - 1/e of the points appear in a bootstrap sample.
        let present = w.iter().filter(|&&c| c > 0.0).count() as f64 / (k * n) as f64;
        assert!((present - 0.632).abs() < 0.05, "{present}");
        assert!(e.iter().all(|&x| x == 0.0));

        let (w, _) = draw(Perturbation::Bernoulli, k, n, &mut rng).unwrap();
        assert!(w.iter().all(|&x| x == 0.0 || x == 2.0));
        let mean = w.iter().sum::<f64>() / w.len() as f64;
        assert!((mean - 1.0).abs() < 0.1, "{mean}");

        let (w, _) = draw(Perturbation::Poisson, k, n, &mut rng).unwrap();
        assert!(w.iter().all(|&x| x >= 0.0 && x.fract() == 0.0));
        let mean = w.iter().sum::<f64>() / w.len() as f64;
        assert!((mean - 1.0).abs() < 0.1, "{mean}");

        let (w, e) = draw(Perturbation::Noise { scale: 0.5 }, k, n, &mut rng).unwrap();
        assert!(w.iter().all(|&x| x == 1.0));
        let sd = (e.iter().map(|x| x * x).sum::<f64>() / e.len() as f64).sqrt();
        assert!((sd - 0.5).abs() < 0.05, "{sd}");
    }
}
