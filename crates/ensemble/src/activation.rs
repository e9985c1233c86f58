//! Activations and their derivatives, as array code.

use arrayapi_core::{functions::subtract, ArrayApi, Result};

use crate::config::Activation;

/// SELU's constants (Klambauer et al. 2017).
const SELU_SCALE: f64 = 1.050_700_987_355_480_5;
const SELU_ALPHA: f64 = 1.673_263_242_354_377_3;

impl Activation {
    /// `act(z)`.
    pub fn forward<A: ArrayApi>(self, z: &A) -> Result<A> {
        match self {
            Activation::Relu => z.maximum(0.0),
            Activation::Tanh => z.tanh(),
            Activation::Selu => {
                let negative = z.expm1()?.multiply(SELU_SCALE * SELU_ALPHA)?;
                z.greater(0.0)?.where_(&z.multiply(SELU_SCALE)?, &negative)
            }
        }
    }

    /// `act'(z)`, given `z` and `a = act(z)`.
    pub fn derivative<A: ArrayApi>(self, z: &A, a: &A) -> Result<A> {
        match self {
            Activation::Relu => z.greater(0.0)?.astype(z.dtype()),
            Activation::Tanh => subtract(1.0, &a.square()?),
            Activation::Selu => z.greater(0.0)?.where_(SELU_SCALE, &z.exp()?.multiply(SELU_SCALE * SELU_ALPHA)?),
        }
    }
}
