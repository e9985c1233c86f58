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
    if dtype.is_integer() {
        return arange_integers(start, stop, step, dtype);
    }
    let len = ((stop - start) / step).ceil().max(0.0);
    if len >= usize::MAX as f64 {
        return Err(Error::Overflow { func: F, shape: vec![usize::MAX] });
    }
    let n = len as usize;
    crate::check::output(F, &[n], dtype)?;
    HostArray::new(&[n], from_f64s(F, n, dtype, |i| start + step * i as f64)?)
}

/// Integer `arange`, exactly: the count and every value in `i128` (float arithmetic
/// rounds past 2^53: `arange(2^53, 2^53 + 4)` gave `..992, ..992, ..994`), and a first or
/// last value outside `dtype` an error rather than saturated.
fn arange_integers(start: f64, stop: f64, step: f64, dtype: DType) -> Result<HostArray> {
    const F: &str = "arange";
    for v in [start, step] {
        if v.fract() != 0.0 {
            return Err(Error::invalid(F, format!("{v} is not an integer; {dtype} needs integral start and step")));
        }
    }
    // Integral f64s beyond 2^100 give counts past any allocation anyway: clamp them so
    // that they fit i128 without changing which case applies.
    const BIG: f64 = 1.2676506002282294e30; // 2^100
    let int = |v: f64| v.clamp(-BIG, BIG) as i128;
    let (a, d) = (int(start), int(step));
    // Values v < stop (step > 0) are those below ceil(stop); v > stop (step < 0) those
    // above floor(stop).
    let span = if d > 0 { int(stop.ceil()) - a } else { a - int(stop.floor()) };
    let n = if span <= 0 { 0 } else { (span + d.abs() - 1) / d.abs() };
    let n = usize::try_from(n)
        .ok()
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| Error::Overflow { func: F, shape: vec![usize::MAX] })?;
    if n > 0 {
        let info = crate::dtype::iinfo(dtype)?;
        let last = a + d * (n as i128 - 1);
        if let Some(&v) = [a, last].iter().find(|&&v| v < info.min || v > info.max) {
            return Err(Error::ScalarCast { func: F, value: v.to_string(), dtype });
        }
    }
    crate::check::output(F, &[n], dtype)?;
    fn build<T: Element + TryFrom<i128>>(n: usize, f: impl Fn(usize) -> i128) -> Result<HostData> {
        let v = try_build(F, n, |i| T::try_from(f(i)).ok())?;
        let v: Option<Vec<T>> = v.into_iter().collect();
        v.map(T::into_host_data).ok_or_else(|| Error::invalid(F, "a value left the dtype's range"))
    }
    let f = |i: usize| a + d * i as i128;
    let data = match dtype {
        DType::Int8 => build::<i8>(n, f)?,
        DType::Int16 => build::<i16>(n, f)?,
        DType::Int32 => build::<i32>(n, f)?,
        DType::Int64 => build::<i64>(n, f)?,
        DType::UInt8 => build::<u8>(n, f)?,
        DType::UInt16 => build::<u16>(n, f)?,
        DType::UInt32 => build::<u32>(n, f)?,
        DType::UInt64 => build::<u64>(n, f)?,
        _ => return Err(Error::DType { func: F, dtype, expected: "an integer" }),
    };
    HostArray::new(&[n], data)
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
