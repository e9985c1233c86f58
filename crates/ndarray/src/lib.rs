//! The ndarray CPU backend of arrayapi.
//!
//! [`NdArray`] implements the backend contract [`arrayapi_core::Backend`] (and so [`arrayapi_core::ArrayApi`]) for every dtype on the CPU:
//! each operation matches the dtype once and runs a monomorphised kernel (contiguous
//! inputs take flat-slice fast paths), and `matmul` runs a GEMM per matrix of the
//! batch: its own register-blocked kernel for narrow outputs, the `gemm` crate's otherwise.
//!
//! ```
//! use arrayapi_core::{ArrayApi, DType};
//! use arrayapi_ndarray::{NdArray, NdNamespace};
//!
//! let x = NdArray::asarray(&NdNamespace, &[1.0f32, 2.0, 3.0, 4.0], &[2, 2])?;
//! let y = x.matmul(&x)?.sum(arrayapi_core::Axes::All, false)?;
//! assert_eq!(y.to_vec::<f32>()?, vec![54.0]);
//! # Ok::<(), arrayapi_core::Error>(())
//! ```
#![warn(missing_docs)]
// `unsafe` in two places: `simd::avx2_fma_or!` calls a loop's twin compiled for AVX2 and
// FMA only after the CPU is checked for both (the narrow GEMM and the fused kernels use
// it); `large_gemm` calls the `gemm` crate with views' pointers and strides.
#![deny(unsafe_code)]

mod array;
mod convert;
mod elem;
mod elementwise;
mod fused;
mod index;
mod interop;
mod large_gemm;
mod manipulate;
mod matmul;
mod narrow_gemm;
pub mod npy;
mod reduce;
mod simd;
mod storage;

/// The `ndarray` crate itself (`arrayapi::nd` in the umbrella crate): the same version
/// the backend is built on, for `From`/`TryFrom` conversions.
pub use ::ndarray as nd;
pub use array::{NdArray, NdElement, NdNamespace};
pub use interop::to_ndarray;

/// The backend's name, as it appears in errors.
pub const BACKEND: &str = "ndarray";

/// How many times a float `matmul` has been split between rayon's threads in this
/// process (it splits a batch, or a single matrix's rows, above about 8 M multiply-adds
/// when the pool has more than one thread). For tests and profiling.
pub fn matmul_thread_splits() -> usize {
    matmul::thread_splits()
}

/// The ndarray backend as a dynamic [`arrayapi_core::Namespace`]: creation functions of
/// the dynamic [`arrayapi_core::Array`] build `NdArray`s through it.
pub fn namespace() -> arrayapi_core::Namespace {
    arrayapi_core::Namespace::new::<NdArray>(NdNamespace)
}
