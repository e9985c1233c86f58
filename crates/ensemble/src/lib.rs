//! Ensembles of MLPs with randomized prior functions (Osband, Aslanides & Cassirer,
//! NeurIPS 2018), written once against [`arrayapi_core::ArrayApi`].
//!
//! Every numerical line is array code generic over the backend: the same trainer runs on
//! the ndarray backend statically, on any backend through the dynamic
//! [`arrayapi_core::Array`], or on a user's own backend. This crate names no backend.
//!
//! - K members are stacked on a leading axis: weights `[K, in, out]`, one batched
//!   `matmul` per layer for all members, trainable and prior networks alike
//!   ([`StackedMlp`]).
//! - Each member predicts `Q_k(x) = f_k(x) + prior_k(x)` ([`Prior`]); the prior is never
//!   trained and is evaluated on the training inputs once.
//! - Each member may see its own perturbation of the data ([`Perturbation`]).
//! - The loss is the sum over members of each member's weighted MSE; the backward pass
//!   and Adam ([`Adam`]) are hand-written array code.
//! - Members never interact, so they can be cut into shards trained side by side on
//!   threads ([`EnsembleConfig::threads`]) with bit-identical parameters.
//! - [`evaluate`] scores predictions per region (data, gap, outside): RMSE, Gaussian NLL,
//!   coverage, calibration, and the neural testbed's mixture and dyadic joint NLL
//!   ([`likelihood`]).
//! - All randomness comes from one seeded host generator, so one seed gives the same
//!   ensemble on every backend (within float tolerance).
//!
//! See [`Ensemble`] for an example.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod activation;
mod adam;
mod config;
mod data;
mod ensemble;
mod error;
pub mod likelihood;
mod metrics;
mod mlp;
mod perturb;
mod prior;
mod shard;

pub use adam::Adam;
pub use config::{Activation, AdamConfig, EnsembleConfig, Perturbation, PriorSpec, MAX_WORKING_SET_BYTES};
pub use data::{DataKind, Dataset, Region, MAX_POINTS};
pub use ensemble::{Ensemble, Predictions, Progress, TrainData, TrainReport, TrainState};
pub use error::{EnsembleError, Result};
pub use metrics::{evaluate, Metrics, RegionMetrics};
pub use mlp::{ForwardCache, StackedMlp};
pub use prior::{Prior, PriorFn};
