//! Fused training functions: one pass where a backend has a kernel for it (see
//! [`crate::FusedOp`]).
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::fused`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_fused {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Runs a fused function on `args` (see [`FusedOp`](crate::FusedOp) for what each computes and its
            /// argument order). The default composes the standard's functions
            /// ([`FusedOp::compose`](crate::FusedOp::compose)); a backend overrides it with a one-pass kernel for the
            /// cases it cares about and calls `op.compose(args)` for the rest.
            Fused "fused" => fn fused[](op: [$crate::FusedOp], args: refs) -> one = fused::fused;
            /// `act(self + bias)` in one pass where the backend fuses it.
            BiasActivation "bias_activation" => fn bias_activation[x](bias: arr, act: [$crate::Activation]) -> one = fused::bias_activation;
            /// `self * act'(z)` given the activation's output `a = act(z)`: the backward pass of
            /// an activation, in one pass where the backend fuses it.
            ActivationGrad "activation_grad" => fn activation_grad[x](output: arr, act: [$crate::Activation]) -> one = fused::activation_grad;
            /// One Adam step of a parameter (`self`) from its gradient and moments, as three
            /// fused passes where the backend fuses them: `m' = m + (1 - beta1)(g - m)`,
            /// `v' = v + (1 - beta2)(g^2 - v)`, `p' = p - lr * m' / (sqrt(v') /
            /// bias_correction + eps)`, with `lr` already divided by the first moment's bias
            /// correction and `bias_correction = sqrt(1 - beta2^t)`. Returns `(p', m', v')`.
            AdamUpdate "adam_update" => fn adam_update[x](grad: arr, m: arr, v: arr, beta1: [f64], beta2: [f64], lr: [f64], bias_correction: [f64], eps: [f64]) -> three = fused::adam_update;
        ] [$($rest),*] $cb }
    };
}
