//! Priors: what each member adds to its trainable network, never trained.

use std::fmt;
use std::sync::Arc;

use arrayapi_core::{ArrayApi, Result};

use crate::mlp::StackedMlp;

/// A function from inputs `[N, in]` to outputs broadcastable to `[K, N, out]`.
pub type PriorFn<A> = Arc<dyn Fn(&A) -> Result<A> + Send + Sync>;

/// The prior term of `Q_k(x) = f_k(x) + prior_k(x)`. It receives no gradient: its value
/// on the training inputs is computed once, before training.
#[derive(Clone)]
pub enum Prior<A: ArrayApi> {
    /// No prior.
    None,
    /// A random, frozen MLP per member, scaled: `beta * p_k(x)`.
    RandomMlp {
        /// The K frozen networks.
        net: StackedMlp<A>,
        /// The scale.
        beta: f64,
    },
    /// Any function of the inputs, the same for every member (a fixed sine, or a user's).
    Function {
        /// A name, for reports.
        name: String,
        /// The function.
        f: PriorFn<A>,
    },
}

impl<A: ArrayApi> Prior<A> {
    /// `beta * sin(omega * x)`, the same for every member.
    pub fn sin(beta: f64, omega: f64) -> Self {
        Prior::Function {
            name: format!("{beta} sin({omega} x)"),
            f: Arc::new(move |x: &A| x.multiply(omega)?.sin()?.multiply(beta)),
        }
    }

    /// A user's function of the inputs, the same for every member.
    pub fn function(name: impl Into<String>, f: impl Fn(&A) -> Result<A> + Send + Sync + 'static) -> Self {
        Prior::Function { name: name.into(), f: Arc::new(f) }
    }

    /// The prior of members `range` only (a per-member prior keeps those members'
    /// networks; a shared one is unchanged).
    pub(crate) fn part(self, ns: &A::Namespace, range: &std::ops::Range<usize>) -> crate::error::Result<Self> {
        Ok(match self {
            Prior::RandomMlp { net, beta } => Prior::RandomMlp { net: net.members(ns, range)?, beta },
            other => other,
        })
    }

    /// The prior's value at `x` (`None` for no prior).
    pub fn eval(&self, x: &A) -> Result<Option<A>> {
        match self {
            Prior::None => Ok(None),
            Prior::RandomMlp { net, beta } => Ok(Some(net.forward(x)?.multiply(*beta)?)),
            Prior::Function { f, .. } => f(x).map(Some),
        }
    }
}

impl<A: ArrayApi> fmt::Debug for Prior<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Prior::None => f.write_str("Prior::None"),
            Prior::RandomMlp { beta, .. } => write!(f, "Prior::RandomMlp {{ beta: {beta} }}"),
            Prior::Function { name, .. } => write!(f, "Prior::Function({name})"),
        }
    }
}
