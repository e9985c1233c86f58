//! The candle backend of arrayapi: [`CandleArray`] implements
//! [`arrayapi_core::ArrayApi`] over `candle_core::Tensor` on candle's CPU device and,
//! with the `cuda` or `metal` feature, on GPUs.
//!
//! - dtypes: `bool` (stored as `u8`), `uint8`, `int16`, `int32`, `int64`, `uint32`,
//!   `float32`, `float64`. `int8`, `uint16` and `uint64` are [`arrayapi_core::Error::Unsupported`]
//!   (candle has no exact equivalent).
//! - Devices: [`CandleNamespace::new`]`(Device::Cuda(0))` asks candle for the GPU; without
//!   the feature the API is the same and the answer is a clear "not compiled with CUDA
//!   support" error.
//! - Where candle's results differ from the standard the backend fixes them up (see the
//!   `array` module), so the same code gives the same answers here and on the ndarray
//!   backend; the conformance suite checks it, on the CPU in CI and on CUDA (docs/gpu.md).
//! - What candle's GPU kernels lack (`int16`/`int32`, zero-size arrays) runs on its CPU
//!   device and comes back (the `fallback` module).
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod array;
mod device;
mod dtype;
mod fallback;
mod fused;

pub use array::CandleArray;
/// The `candle-core` crate itself (the backend's version), for `TryFrom<Tensor>` and
/// `Tensor::from(array)`.
pub use candle_core;
pub use device::CandleNamespace;

/// The backend's name, as it appears in errors.
pub const BACKEND: &str = "candle";

/// The candle backend on `device` as a dynamic [`arrayapi_core::Namespace`].
pub fn namespace(device: arrayapi_core::Device) -> arrayapi_core::Result<arrayapi_core::Namespace> {
    Ok(arrayapi_core::Namespace::new::<CandleArray>(CandleNamespace::new(device)?))
}
