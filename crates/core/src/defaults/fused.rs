//! The default implementations of the fused functions (the rows of [`crate::api::fused`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::fused`].
pub fn fused<A: ArrayApi>(op: FusedOp, args: &[&A]) -> Result<A> {
    op.compose(args)
}

/// The default [`ArrayApi::bias_activation`].
pub fn bias_activation<A: ArrayApi>(x: &A, bias: &A, act: Activation) -> Result<A> {
    A::fused(FusedOp::BiasActivation(act), &[x, bias])
}

/// The default [`ArrayApi::activation_grad`].
pub fn activation_grad<A: ArrayApi>(x: &A, output: &A, act: Activation) -> Result<A> {
    A::fused(FusedOp::ActivationGrad(act), &[x, output])
}

/// The default [`ArrayApi::adam_update`]: [`FusedOp::Ema`], [`FusedOp::EmaSquare`], then
/// [`FusedOp::AdamParam`].
#[allow(clippy::too_many_arguments)]
pub fn adam_update<A: ArrayApi>(
    x: &A,
    grad: &A,
    m: &A,
    v: &A,
    beta1: f64,
    beta2: f64,
    lr: f64,
    bias_correction: f64,
    eps: f64,
) -> Result<(A, A, A)> {
    named("adam_update", || {
        let m = A::fused(FusedOp::Ema { beta: beta1 }, &[m, grad])?;
        let v = A::fused(FusedOp::EmaSquare { beta: beta2 }, &[v, grad])?;
        let p = A::fused(FusedOp::AdamParam { lr, bias_correction, eps }, &[x, &m, &v])?;
        Ok((p, m, v))
    })
}
