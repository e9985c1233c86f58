//! Ensemble members across processes, GPUs and machines.
//!
//! Members of an [`arrayapi_ensemble::Ensemble`] never interact until prediction, so the
//! K members are cut into contiguous ranges, one per process (a *rank*), each trained on
//! its own device by [`Ensemble::part`](arrayapi_ensemble::Ensemble::part): every rank
//! draws all K members' randomness, so the parameters do not depend on the number of
//! ranks. Ranks exchange a few bytes every `sync_every` steps (the summed loss and a
//! divergence flag) and the results once at the end.
//!
//! - [`Comm`]: what training needs of a communicator (rank, size, two all-reduces and an
//!   all-gather); [`Solo`] is one process, `mpi::Mpi` (feature `mpi`) is MPI through
//!   rsmpi; [`Local`] is a group of threads in this process, one rank per device
//!   ([`train_local`]: several GPUs in one process without MPI).
//! - [`train`]: sharded training with progress, divergence detection on every rank at the
//!   same step, and per-rank checkpoints written atomically ([`checkpoint`]).
//! - [`agree`]: one fallible step made collectively, so a failure on one rank is an error
//!   on all of them (a program's own setup: a namespace, an output folder).
//! - [`member_range`]: which members a rank holds.
//!
//! docs/distributed.md has the design, how to run it and what it measures.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod checkpoint;
mod comm;
mod error;
mod local;
#[cfg(feature = "mpi")]
pub mod mpi;
mod train;

pub use comm::{member_range, Comm, Solo};
pub use error::{DistributedError, Result};
pub use local::{on_ranks, train_local, Local};
pub use train::{agree, gather_parameters, gather_predictions, start, train, Plan, Started, Trained};
