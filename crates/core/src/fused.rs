//! Fused functions: several element-wise steps of a training loop in one pass.
//!
//! NumPy has no such functions; PyTorch and JAX get the same effect from fused optimiser
//! kernels and from XLA's fusion. Here each is one dispatchable call
//! ([`crate::ArrayApi::fused`]) whose default implementation composes the standard's
//! functions, so every backend has it, and a backend may override it with a single
//! loop (the ndarray backend does, for contiguous float arrays). The conformance suite
//! checks each against its composition.

use crate::api::ArrayApi;
use crate::error::{Error, Result};

/// SELU's scale (Klambauer et al. 2017).
pub const SELU_SCALE: f64 = 1.050_700_987_355_480_5;
/// SELU's alpha (Klambauer et al. 2017).
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_3;

/// An activation function with fused kernels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// `max(z, 0)`.
    Relu,
    /// `tanh(z)`.
    Tanh,
    /// `scale * z` for `z > 0`, else `scale * alpha * expm1(z)`.
    Selu,
}

impl Activation {
    /// `act(z)`, composed from the standard's functions.
    pub fn apply<A: ArrayApi>(self, z: &A) -> Result<A> {
        match self {
            Activation::Relu => z.maximum(crate::creation::zero(z.dtype())),
            Activation::Tanh => z.tanh(),
            Activation::Selu => {
                let negative = z.expm1()?.multiply(SELU_SCALE * SELU_ALPHA)?;
                z.greater(0.0)?.where_(&z.multiply(SELU_SCALE)?, &negative)
            }
        }
    }

    /// `act'(z)` from the activation's output `a = act(z)` alone (each of these three
    /// is a function of its output: `relu' = [a > 0]`, `tanh' = 1 - a^2`,
    /// `selu' = scale` where `a > 0`, else `a + scale * alpha`), so the backward pass
    /// need not keep the pre-activations.
    pub fn derivative_from_output<A: ArrayApi>(self, a: &A) -> Result<A> {
        match self {
            Activation::Relu => a.greater(crate::creation::zero(a.dtype()))?.astype(a.dtype()),
            Activation::Tanh => crate::functions::subtract(1.0, &a.square()?),
            Activation::Selu => a.greater(0.0)?.where_(SELU_SCALE, &a.add(SELU_SCALE * SELU_ALPHA)?),
        }
    }

    /// The activation's name (`"relu"`).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Selu => "selu",
        }
    }
}

/// A fused function: what it computes and which arrays it takes (see [`FusedOp::arity`]
/// and the argument order in each variant's description).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FusedOp {
    /// `act(x + bias)`, `bias` broadcast against `x`: `[x, bias]`.
    BiasActivation(Activation),
    /// `upstream * act'(z)` given `a = act(z)`: `[upstream, a]` (the backward pass of
    /// an activation).
    ActivationGrad(Activation),
    /// `m + (1 - beta) * (g - m)`, an exponential moving average (Adam's first moment):
    /// `[m, g]`.
    Ema {
        /// The decay.
        beta: f64,
    },
    /// `v + (1 - beta) * (g^2 - v)` (Adam's second moment): `[v, g]`.
    EmaSquare {
        /// The decay.
        beta: f64,
    },
    /// `p - lr * m / (sqrt(v) / bias_correction + eps)` (Adam's parameter update, with
    /// `lr` already divided by the first moment's bias correction and
    /// `bias_correction = sqrt(1 - beta2^t)`): `[p, m, v]`.
    AdamParam {
        /// Step size over the first moment's bias correction.
        lr: f64,
        /// `sqrt(1 - beta2^t)`.
        bias_correction: f64,
        /// Added to the denominator.
        eps: f64,
    },
}

impl FusedOp {
    /// The function's name in errors (`"bias_activation"`).
    pub fn name(&self) -> &'static str {
        match self {
            FusedOp::BiasActivation(_) => "bias_activation",
            FusedOp::ActivationGrad(_) => "activation_grad",
            FusedOp::Ema { .. } => "ema",
            FusedOp::EmaSquare { .. } => "ema_square",
            FusedOp::AdamParam { .. } => "adam_param",
        }
    }

    /// How many arrays it takes.
    pub fn arity(&self) -> usize {
        match self {
            FusedOp::AdamParam { .. } => 3,
            _ => 2,
        }
    }

    /// The function composed from the standard's functions: the default implementation
    /// every backend inherits, and the reference the conformance suite compares
    /// overrides with. `args` must have [`FusedOp::arity`] arrays.
    pub fn compose<A: ArrayApi>(&self, args: &[&A]) -> Result<A> {
        if args.len() != self.arity() {
            return Err(Error::invalid(self.name(), format!("takes {} arrays, got {}", self.arity(), args.len())));
        }
        let run = || match *self {
            FusedOp::BiasActivation(act) => act.apply(&args[0].add(args[1])?),
            FusedOp::ActivationGrad(act) => args[0].multiply(&act.derivative_from_output(args[1])?),
            FusedOp::Ema { beta } => args[0].add(&args[1].subtract(args[0])?.multiply(1.0 - beta)?),
            FusedOp::EmaSquare { beta } => args[0].add(&args[1].square()?.subtract(args[0])?.multiply(1.0 - beta)?),
            FusedOp::AdamParam { lr, bias_correction, eps } => {
                let denom = args[2].sqrt()?.divide(bias_correction)?.add(eps)?;
                args[0].subtract(&args[1].divide(&denom)?.multiply(lr)?)
            }
        };
        run().map_err(|e| e.in_func(self.name()))
    }
}
