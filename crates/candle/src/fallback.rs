//! What candle's GPU kernels cannot do, done on its CPU device.
//!
//! candle 0.11 stores `i16` and `i32` tensors on CUDA but compiles almost no kernels for
//! them: no casts, arithmetic, comparisons, copies, gathers or reductions (the first GPU
//! run of the conformance suite failed 13 checks on "named symbol not found"). Its CUDA
//! kernels also refuse to launch over zero elements. A [`CandleArray`] function whose
//! operands sit on a GPU and are `int16` or `int32`, or empty, or whose result would be
//! `int16` or `int32`, therefore runs on the CPU device and its result is copied back to
//! the operands' GPU. The answers are the CPU's, which the conformance suite checks; the
//! cost is two transfers of those arrays, which matters only if `int16`/`int32` arrays are
//! in a GPU program's hot loop (use `int64` there, which has kernels).
//!
//! Operands on different devices are left alone, so that the function itself reports the
//! mismatch.

use arrayapi_core::{ArrayApi, DType, Result};
use candle_core::Device;

use crate::array::CandleArray;

/// Whether candle's GPU kernels lack `dtype` (see the module documentation).
pub(crate) fn gpu_lacks(dtype: DType) -> bool {
    matches!(dtype, DType::Int16 | DType::Int32)
}

/// Runs `f` on copies of `arrays` on the CPU device and moves its result back, when
/// `arrays` share a GPU and include an `int16`/`int32` or empty array, or `results`
/// names `int16`/`int32`; `None` otherwise (the caller goes on as usual).
pub(crate) fn on_cpu(
    func: &'static str,
    arrays: &[&CandleArray],
    results: &[DType],
    f: impl FnOnce(&[CandleArray]) -> Result<CandleArray>,
) -> Option<Result<CandleArray>> {
    let device = arrays.first()?.tensor().device();
    if device.is_cpu() || arrays.iter().any(|a| !a.tensor().device().same_device(device)) {
        return None;
    }
    let needed = arrays.iter().any(|a| gpu_lacks(a.dtype()) || a.tensor().elem_count() == 0)
        || results.iter().any(|&d| gpu_lacks(d));
    if !needed {
        return None;
    }
    Some(run(func, arrays, device, f))
}

fn run(
    func: &'static str,
    arrays: &[&CandleArray],
    device: &Device,
    f: impl FnOnce(&[CandleArray]) -> Result<CandleArray>,
) -> Result<CandleArray> {
    let moved = arrays.iter().map(|a| a.moved(func, &Device::Cpu)).collect::<Result<Vec<_>>>()?;
    f(&moved)?.moved(func, device)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpu_needs_no_fallback() {
        let ns = crate::CandleNamespace::new(arrayapi_core::Device::Cpu).unwrap();
        let x = CandleArray::zeros(&ns, &[0], DType::Int32).unwrap();
        assert!(on_cpu("add", &[&x], &[DType::Int32], |v| Ok(v[0].clone())).is_none());
    }

    #[test]
    fn moving_keeps_the_dtype_and_values() {
        let ns = crate::CandleNamespace::new(arrayapi_core::Device::Cpu).unwrap();
        let x = CandleArray::asarray(&ns, &[-3i32, 7], &[2]).unwrap();
        let y = run("add", &[&x], &Device::Cpu, |v| v[0].add(&v[0])).unwrap();
        assert_eq!(y.dtype(), DType::Int32);
        assert_eq!(y.to_host().unwrap().into_vec::<i32>().unwrap(), vec![-6, 14]);
    }
}
