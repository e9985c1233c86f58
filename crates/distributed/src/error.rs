//! Errors of distributed training.

use arrayapi_ensemble::EnsembleError;

/// `Result` with [`DistributedError`].
pub type Result<T, E = DistributedError> = std::result::Result<T, E>;

/// What can go wrong across ranks. Every variant is raised on every rank (setups are
/// checked together before training), so no rank waits for one that has given up.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DistributedError {
    /// The setup cannot work: more ranks than members, a rank that could not build its
    /// part (an unavailable device...), MPI built in but the program not started by a
    /// launcher.
    #[error("distributed setup: {0}")]
    Setup(String),
    /// A checkpoint is missing, unreadable or does not belong to this run.
    #[error("checkpoint: {0}")]
    Checkpoint(String),
    /// Training failed on this rank (or, for `Diverged`, on some rank at that step).
    #[error(transparent)]
    Ensemble(#[from] EnsembleError),
}
