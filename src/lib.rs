//! **arrayapi**: NumPy's array-function protocol (NEP 18) for Rust.
//!
//! Write array code once against [`ArrayApi`] (NumPy's function names, the Python
//! array API standard's semantics) and run it on any backend: statically, monomorphised
//! for one backend, or dynamically through [`Array`], whose every function picks its
//! implementation from the arrays it is given at run time.
//!
//! ```
//! use arrayapi::{ArrayApi, Array, DType};
//!
//! // Choose a backend at run time; the code below never names it.
//! let xp = arrayapi::ndarray::namespace();
//! let x: Array = xp.asarray(&[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3])?;
//! let w = xp.ones(&[3, 1], DType::Float32)?;
//! let y = arrayapi::matmul(&x, &w)?;            // NumPy-style free function
//! let z = y.subtract(1.0)?.maximum(0.0)?;       // scalars take the array's dtype
//! assert_eq!(z.to_vec::<f32>()?, vec![5.0, 14.0]);
//! assert_eq!(z.backend_name(), "ndarray");
//! # Ok::<(), arrayapi::Error>(())
//! ```
//!
//! Crates of the workspace, re-exported here:
//! - [`arrayapi_core`](mod@arrayapi_core) (everything at this crate's root): dtypes,
//!   shapes, devices, errors, the trait, the dispatch protocol and the free functions;
//! - [`ndarray`](mod@crate::ndarray) (the `arrayapi-ndarray` crate): the CPU backend;
//! - [`candle`](mod@crate::candle) (the `arrayapi-candle` crate): CPU, CUDA and Metal
//!   through candle;
//! - [`ensemble`](mod@crate::ensemble) (the `arrayapi-ensemble` crate): the ensemble
//!   trainer.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub use arrayapi_core::functions::*;
pub use arrayapi_core::*;

/// The ndarray CPU backend (the `arrayapi-ndarray` crate).
pub use arrayapi_ndarray as ndarray;

/// The `ndarray` crate (the backend's version), for conversions: `NdArray::from(nd::array![..])`.
pub use arrayapi_ndarray::nd;

/// NumPy's `.npy` files for arrays of any backend ([`npy::load`], [`npy::save`]).
pub use arrayapi_ndarray::npy;

/// The candle backend: CPU, and CUDA or Metal with the `cuda`/`metal` features (the
/// `arrayapi-candle` crate).
#[cfg(feature = "candle")]
pub use arrayapi_candle as candle;

/// The ensemble trainer with randomized prior functions (the `arrayapi-ensemble` crate).
pub use arrayapi_ensemble as ensemble;

/// Ensemble members across processes and machines (MPI with the `mpi` feature).
pub use arrayapi_distributed as distributed;

/// The README's code, compiled and run as a doc test so that it stays true.
#[cfg(all(doctest, feature = "candle"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
