//! Configuration: architecture, prior, data perturbation, optimiser.

use std::fmt;
use std::str::FromStr;

use arrayapi_core::DType;

use crate::error::{EnsembleError, Result};

/// The hidden layers' activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// SELU (Klambauer et al. 2017).
    Selu,
    /// max(x, 0).
    Relu,
    /// tanh, the demo's default (chosen by the study in docs/ensemble.md).
    Tanh,
}

impl FromStr for Activation {
    type Err = EnsembleError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "selu" => Ok(Activation::Selu),
            "relu" => Ok(Activation::Relu),
            "tanh" => Ok(Activation::Tanh),
            _ => Err(EnsembleError::Config(format!("unknown activation {s:?}: expected selu, relu or tanh"))),
        }
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Activation::Selu => "selu",
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
        })
    }
}

/// The prior added to every member's trainable network: `Q_k = f_k + prior_k`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PriorSpec {
    /// No prior (`Q_k = f_k`).
    None,
    /// A random MLP per member, of the trainable net's architecture, frozen:
    /// `Q_k = f_k + beta * p_k`.
    RandomMlp {
        /// The prior's scale.
        beta: f64,
    },
    /// The same fixed function for every member: `Q_k = f_k + beta * sin(omega * x)`.
    Sin {
        /// Amplitude.
        beta: f64,
        /// Angular frequency.
        omega: f64,
    },
}

/// How each member's view of the data is perturbed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Perturbation {
    /// Every member sees every point once.
    None,
    /// Each member draws N indices with replacement; the counts become loss weights.
    Bootstrap,
    /// Each point's weight is 0 or 2 with probability 1/2 ("double or nothing").
    Bernoulli,
    /// Each point's weight is drawn from Poisson(1).
    Poisson,
    /// Each member's targets get independent Gaussian noise of this standard deviation.
    Noise {
        /// The noise's standard deviation.
        scale: f64,
    },
}

impl FromStr for Perturbation {
    type Err = EnsembleError;
    /// `none`, `bootstrap`, `bernoulli`, `poisson`, `noise` (scale 0.1) or `noise:S`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            EnsembleError::Config(format!(
                "unknown perturbation {s:?}: expected none, bootstrap, bernoulli, poisson or noise[:scale]"
            ))
        };
        match s.split_once(':') {
            Some(("noise", scale)) => match scale.parse::<f64>() {
                Ok(scale) if scale.is_finite() && scale >= 0.0 => Ok(Perturbation::Noise { scale }),
                _ => Err(EnsembleError::Config(format!("noise scale must be finite and >= 0, got {scale:?}"))),
            },
            Some(_) => Err(bad()),
            None => match s {
                "none" => Ok(Perturbation::None),
                "bootstrap" => Ok(Perturbation::Bootstrap),
                "bernoulli" => Ok(Perturbation::Bernoulli),
                "poisson" => Ok(Perturbation::Poisson),
                "noise" => Ok(Perturbation::Noise { scale: 0.1 }),
                _ => Err(bad()),
            },
        }
    }
}

/// Adam's hyper-parameters (Kingma & Ba 2015): by default PyTorch's betas and eps, and
/// the learning rate the study in docs/ensemble.md chose for the demo, 0.01 (PyTorch's
/// default is 0.001).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamConfig {
    /// Learning rate.
    pub lr: f64,
    /// First-moment decay.
    pub beta1: f64,
    /// Second-moment decay.
    pub beta2: f64,
    /// Added to the denominator.
    pub eps: f64,
}

impl Default for AdamConfig {
    fn default() -> Self {
        AdamConfig { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 }
    }
}

/// Everything that defines an ensemble and its training.
#[derive(Clone, Debug, PartialEq)]
pub struct EnsembleConfig {
    /// Number of members K.
    pub members: usize,
    /// Layer widths, input first, output last (default `[1, 20, 20, 1]`).
    pub layers: Vec<usize>,
    /// Hidden-layer activation.
    pub activation: Activation,
    /// The prior.
    pub prior: PriorSpec,
    /// How members see the data.
    pub perturbation: Perturbation,
    /// The optimiser.
    pub adam: AdamConfig,
    /// Minibatch size; `None` trains on the full batch.
    pub batch_size: Option<usize>,
    /// Seed of the one host generator all randomness comes from.
    pub seed: u64,
    /// Floating-point dtype of every array: float32 or float64 (half precision is refused).
    pub dtype: DType,
    /// How many shards (groups of members) train side by side, each on its own thread
    /// of rayon's pool; 1 (the default) trains every member on the calling thread. The
    /// parameters do not depend on it (members never interact), so it is purely a speed
    /// setting: the number of CPU cores on a CPU device, 1 on a GPU.
    pub threads: usize,
}

impl Default for EnsembleConfig {
    /// The demo's defaults, as the study in docs/ensemble.md chose them: 40 members,
    /// 1 -> 20 -> 20 -> 1 tanh, a random-MLP prior with beta 1, bootstrap, Adam lr 0.01
    /// (the demo trains 3,000 steps), full batch, seed 0, float32, one thread.
    fn default() -> Self {
        EnsembleConfig {
            members: 40,
            layers: vec![1, 20, 20, 1],
            activation: Activation::Tanh,
            prior: PriorSpec::RandomMlp { beta: 1.0 },
            perturbation: Perturbation::Bootstrap,
            adam: AdamConfig::default(),
            batch_size: None,
            seed: 0,
            dtype: DType::Float32,
            threads: 1,
        }
    }
}

/// The largest working set the trainer accepts, in bytes: the members' parameters with
/// their gradients, Adam's two moments and a prior of the same architecture (five copies
/// of every parameter), and for `N` training points each member's activations and their
/// gradients (three copies of `N` times the hidden and output widths). Larger runs are
/// refused before anything is allocated ([`EnsembleConfig::validate`] without the data,
/// `Ensemble::new` with it).
pub const MAX_WORKING_SET_BYTES: u64 = 16 << 30;

impl EnsembleConfig {
    /// Parameters of one member (weights and biases of every layer), or `None` if the
    /// count overflows.
    pub fn parameters_per_member(&self) -> Option<u64> {
        self.layers.windows(2).try_fold(0u64, |acc, w| {
            let (i, o) = (w[0] as u64, w[1] as u64);
            acc.checked_add(i.checked_mul(o)?.checked_add(o)?)
        })
    }

    /// The trainer's working set in bytes for these members and layers on `points`
    /// training points (see [`MAX_WORKING_SET_BYTES`]), or `None` if it overflows.
    pub fn working_set_bytes(&self, points: usize) -> Option<u64> {
        let bytes = self.dtype.size_in_bytes() as u64;
        let params = self.parameters_per_member()?.checked_mul(5)?;
        let widths = self.layers.iter().skip(1).try_fold(0u64, |a, &w| a.checked_add(w as u64))?;
        let activations = widths.checked_mul(points as u64)?.checked_mul(3)?;
        params.checked_add(activations)?.checked_mul(self.members as u64)?.checked_mul(bytes)
    }

    /// The matrix-product FLOPs of one full-batch training step on `points` points: for
    /// each member and point, the trainable network's forward pass (2 per weight), its
    /// backward pass (4 per weight: gradients of the weights and of the inputs) and a
    /// prior network of the same layers forward (2 per weight): `8 K N sum(w_i w_i+1)`,
    /// within 2% of the count `benches/peers` uses (`K N (8 H^2 + 14 H)` for one input
    /// and output, which is `2 K N H` less). `None` if it overflows.
    pub fn flops_per_step(&self, points: usize) -> Option<u64> {
        let weights =
            self.layers.windows(2).try_fold(0u64, |a, w| a.checked_add((w[0] as u64).checked_mul(w[1] as u64)?))?;
        weights.checked_mul(8)?.checked_mul(self.members as u64)?.checked_mul(points as u64)
    }

    /// Checks the working set on `points` training points against
    /// [`MAX_WORKING_SET_BYTES`].
    pub fn check_working_set(&self, points: usize) -> Result<()> {
        match self.working_set_bytes(points) {
            Some(b) if b <= MAX_WORKING_SET_BYTES => Ok(()),
            est => {
                let size =
                    est.map_or("more than 2^64 bytes".to_string(), |b| format!("{:.1} GiB", b as f64 / 2f64.powi(30)));
                Err(EnsembleError::Config(format!(
                    "{} members of layers {:?} on {points} points need {size} for parameters, optimiser state \
                     and activations; the trainer accepts at most {} GiB",
                    self.members,
                    self.layers,
                    MAX_WORKING_SET_BYTES >> 30
                )))
            }
        }
    }

    /// Checks every value; the first problem is the error.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(EnsembleError::Config(m));
        if self.members == 0 {
            return bad("members must be at least 1".into());
        }
        if self.threads == 0 || self.threads > self.members {
            return bad(format!("threads must be between 1 and the {} members, got {}", self.members, self.threads));
        }
        if self.layers.len() < 2 || self.layers.contains(&0) {
            return bad(format!(
                "layers must have at least an input and an output width, all positive: {:?}",
                self.layers
            ));
        }
        if !self.dtype.is_floating() {
            return bad(format!("dtype must be floating point, got {}", self.dtype));
        }
        if matches!(self.dtype, DType::Float16 | DType::BFloat16) {
            // Tried on candle's CPU device: the loss is NaN by the second step. Training
            // in half precision needs loss scaling or float32 master weights.
            return bad(format!(
                "dtype {}: half-precision training is not supported yet (it diverges without loss scaling); \
                 use float32 or float64",
                self.dtype
            ));
        }
        self.check_working_set(0)?;
        let a = &self.adam;
        if !(a.lr.is_finite() && a.lr > 0.0) {
            return bad(format!("learning rate must be positive and finite, got {}", a.lr));
        }
        let betas_ok = (0.0..1.0).contains(&a.beta1) && (0.0..1.0).contains(&a.beta2);
        if !(betas_ok && a.eps.is_finite() && a.eps > 0.0) {
            return bad(format!("Adam needs 0 <= beta1, beta2 < 1 and eps > 0, got {a:?}"));
        }
        match self.prior {
            PriorSpec::RandomMlp { beta } if !beta.is_finite() => {
                return bad(format!("prior beta must be finite, got {beta}"))
            }
            PriorSpec::Sin { beta, omega } if !(beta.is_finite() && omega.is_finite()) => {
                return bad(format!("sine prior needs finite beta and omega, got {beta} and {omega}"))
            }
            PriorSpec::Sin { .. } if self.layers[0] != 1 => return bad("the sine prior needs one input".into()),
            _ => {}
        }
        if let Perturbation::Noise { scale } = self.perturbation {
            if !(scale.is_finite() && scale >= 0.0) {
                return bad(format!("noise scale must be finite and >= 0, got {scale}"));
            }
        }
        if self.batch_size == Some(0) {
            return bad("batch size must be at least 1".into());
        }
        Ok(())
    }
}
