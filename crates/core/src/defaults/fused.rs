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
