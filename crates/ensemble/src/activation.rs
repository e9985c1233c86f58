//! Activations and their derivatives, as the core's fused functions (one pass on
//! backends that fuse them, the standard's functions composed elsewhere).

use arrayapi_core::ArrayApi;
use arrayapi_core::Result;

use crate::config::Activation;

impl Activation {
    /// The core's kernel for this activation.
    pub fn kernel(self) -> arrayapi_core::Activation {
        match self {
            Activation::Relu => arrayapi_core::Activation::Relu,
            Activation::Tanh => arrayapi_core::Activation::Tanh,
            Activation::Selu => arrayapi_core::Activation::Selu,
        }
    }

    /// `act(z)`.
    pub fn forward<A: ArrayApi>(self, z: &A) -> Result<A> {
        self.kernel().apply(z)
    }

    /// `act(x + bias)`, fused.
    pub fn forward_bias<A: ArrayApi>(self, x: &A, bias: &A) -> Result<A> {
        x.bias_activation(bias, self.kernel())
    }

    /// `upstream * act'(z)` given the activation's output `a = act(z)`, fused.
    pub fn backward<A: ArrayApi>(self, upstream: &A, a: &A) -> Result<A> {
        upstream.activation_grad(a, self.kernel())
    }
}
