//! Adam, as array code on the backend (the arithmetic of PyTorch's `torch.optim.Adam`).

use arrayapi_core::{ArrayApi, Result};

use crate::config::AdamConfig;

/// Adam's moments for a list of parameters.
#[derive(Clone, Debug)]
pub struct Adam<A> {
    config: AdamConfig,
    m: Vec<A>,
    v: Vec<A>,
    t: i32,
}

impl<A: ArrayApi> Adam<A> {
    /// Zero moments shaped like `params`.
    pub fn new(config: AdamConfig, params: &[A]) -> Result<Self> {
        let zeros = params.iter().map(|p| p.zeros_like()).collect::<Result<Vec<_>>>()?;
        Ok(Adam { config, m: zeros.clone(), v: zeros, t: 0 })
    }

    /// The first and second moments.
    pub fn moments(&self) -> (&[A], &[A]) {
        (&self.m, &self.v)
    }

    /// Updates done (the `t` of the bias corrections).
    pub fn steps(&self) -> i32 {
        self.t
    }

    /// Replaces the moments and the step count (restoring a checkpoint).
    pub fn set_state(&mut self, m: Vec<A>, v: Vec<A>, t: i32) {
        (self.m, self.v, self.t) = (m, v, t);
    }

    /// One update of `params` from `grads`:
    /// `m = m + (1 - b1)(g - m)`, `v = v + (1 - b2)(g^2 - v)`,
    /// `p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)`.
    pub fn update(&mut self, params: &mut [A], grads: &[A]) -> Result<()> {
        let c = self.config;
        self.t = self.t.saturating_add(1);
        let bc1 = 1.0 - c.beta1.powi(self.t);
        let bc2_sqrt = (1.0 - c.beta2.powi(self.t)).sqrt();
        for (((p, g), m), v) in params.iter_mut().zip(grads).zip(&mut self.m).zip(&mut self.v) {
            // One function (one dispatched call), three fused passes where the backend
            // fuses them.
            (*p, *m, *v) = p.adam_update(g, m, v, c.beta1, c.beta2, c.lr / bc1, bc2_sqrt, c.eps)?;
        }
        Ok(())
    }
}
