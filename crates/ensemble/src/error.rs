//! Errors of the trainer.

use arrayapi_core::Error as ArrayError;

/// `Result` with [`EnsembleError`].
pub type Result<T, E = EnsembleError> = std::result::Result<T, E>;

/// What can go wrong when building, training or evaluating an ensemble.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EnsembleError {
    /// A configuration value is out of range (zero members, no layers, lr <= 0...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The training data are unusable (empty, mismatched lengths, wrong width).
    #[error("invalid data: {0}")]
    Data(String),
    /// An input value is NaN or infinite.
    #[error("non-finite {what} at index {index}: {value}")]
    NonFinite {
        /// Which input ("x", "y", "prediction input").
        what: &'static str,
        /// Position in the flat input.
        index: usize,
        /// The value.
        value: f64,
    },
    /// The loss became NaN or infinite: training diverged.
    #[error("training diverged at step {step}: the loss is {loss} (lower the learning rate)")]
    Diverged {
        /// The step (1-based) whose loss was not finite.
        step: usize,
        /// The loss.
        loss: f64,
    },
    /// An array function failed.
    #[error(transparent)]
    Array(#[from] ArrayError),
    /// A caller's observer asked to stop, with its reason.
    #[error("stopped by the observer: {0}")]
    Stopped(String),
}

/// Checks that every value is finite.
pub(crate) fn check_finite(what: &'static str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(EnsembleError::NonFinite { what, index, value: values[index] }),
        None => Ok(()),
    }
}
