//! Host-side construction of the provided creation functions' data.

use crate::dtype::DType;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::host::{HostArray, HostData};
use crate::scalar::Scalar;

/// The zero of `dtype` (`false` for bool).
pub(crate) fn zero(dtype: DType) -> Scalar {
    if dtype.is_bool() {
        Scalar::Bool(false)
    } else {
        Scalar::Int(0)
    }
}

/// The one of `dtype` (`true` for bool).
pub(crate) fn one(dtype: DType) -> Scalar {
    if dtype.is_bool() {
        Scalar::Bool(true)
    } else {
        Scalar::Int(1)
    }
}

/// A `Vec` of `n` elements built by `f(i)`, with a fallible reservation so that an
/// impossible `n` is an error, not an abort.
pub(crate) fn try_build<T>(func: &'static str, n: usize, f: impl FnMut(usize) -> T) -> Result<Vec<T>> {
    let mut v = Vec::new();
    let bytes = n.saturating_mul(std::mem::size_of::<T>());
    v.try_reserve_exact(n).map_err(|_| Error::OutOfMemory { func, bytes })?;
    v.extend((0..n).map(f));
    Ok(v)
}

/// Host data of `dtype` from `f64` values that are already known to be representable.
fn from_f64s(func: &'static str, n: usize, dtype: DType, f: impl Fn(usize) -> f64) -> Result<HostData> {
    fn build<T: Element>(func: &'static str, n: usize, f: impl Fn(usize) -> f64) -> Result<HostData> {
        Ok(T::into_host_data(try_build(func, n, |i| T::from_scalar(Scalar::Float(f(i))))?))
    }
    match dtype {
        DType::Bool => Ok(HostData::Bool(try_build(func, n, |i| f(i) != 0.0)?)),
        DType::Int8 => build::<i8>(func, n, f),
        DType::Int16 => build::<i16>(func, n, f),
        DType::Int32 => build::<i32>(func, n, f),
        DType::Int64 => build::<i64>(func, n, f),
        DType::UInt8 => build::<u8>(func, n, f),
        DType::UInt16 => build::<u16>(func, n, f),
        DType::UInt32 => build::<u32>(func, n, f),
        DType::UInt64 => build::<u64>(func, n, f),
        DType::Float32 => build::<f32>(func, n, f),
        DType::Float64 => build::<f64>(func, n, f),
        DType::Float16 => build::<half::f16>(func, n, f),
        DType::BFloat16 => build::<half::bf16>(func, n, f),
    }
}

pub(crate) fn arange(start: f64, stop: f64, step: f64, dtype: DType) -> Result<HostArray> {
    const F: &str = "arange";
    if !(start.is_finite() && stop.is_finite() && step.is_finite()) {
        return Err(Error::invalid(F, format!("start {start}, stop {stop} and step {step} must be finite")));
    }
    if step == 0.0 {
        return Err(Error::invalid(F, "step must not be zero"));
    }
    if dtype.is_bool() {
        return Err(Error::DType { func: F, dtype, expected: "a numeric" });
    }
    let len = ((stop - start) / step).ceil().max(0.0);
    if len >= usize::MAX as f64 {
        return Err(Error::Overflow { func: F, shape: vec![usize::MAX] });
    }
    let n = len as usize;
    if dtype.is_integer() {
        let last = start + step * (n.saturating_sub(1)) as f64;
        for v in [start, step, last] {
            if v.fract() != 0.0 {
                return Err(Error::invalid(F, format!("{v} is not an integer; {dtype} needs integral start and step")));
            }
            if n > 0 {
                Scalar::Int(v as i64).cast(F, dtype).map_err(|_| Error::ScalarCast {
                    func: F,
                    value: v.to_string(),
                    dtype,
                })?;
            }
        }
    }
    crate::check::output(F, &[n], dtype)?;
    HostArray::new(&[n], from_f64s(F, n, dtype, |i| start + step * i as f64)?)
}

pub(crate) fn linspace(start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<HostArray> {
    const F: &str = "linspace";
    if !dtype.is_floating() {
        return Err(Error::DType { func: F, dtype, expected: "a floating-point" });
    }
    if !(start.is_finite() && stop.is_finite()) {
        return Err(Error::invalid(F, format!("start {start} and stop {stop} must be finite")));
    }
    crate::check::output(F, &[num], dtype)?;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let step = if div > 0 { (stop - start) / div as f64 } else { 0.0 };
    let data =
        from_f64s(F, num, dtype, |i| if endpoint && i + 1 == num && num > 1 { stop } else { start + step * i as f64 })?;
    HostArray::new(&[num], data)
}

pub(crate) fn eye(n_rows: usize, n_cols: usize, k: isize, dtype: DType) -> Result<HostArray> {
    const F: &str = "eye";
    let n = crate::check::output(F, &[n_rows, n_cols], dtype)?;
    let data = from_f64s(F, n, dtype, |i| {
        let (r, c) = (i / n_cols.max(1), i % n_cols.max(1));
        if c as i128 - r as i128 == k as i128 {
            1.0
        } else {
            0.0
        }
    })?;
    HostArray::new(&[n_rows, n_cols], data)
}
