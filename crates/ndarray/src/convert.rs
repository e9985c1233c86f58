//! Host transfer, `full` and `astype`.

use arrayapi_core::{check, DType, Error, HostArray, HostData, Result, Scalar};
use ndarray::IxDyn;
use num_traits::AsPrimitive;

use crate::elem::{Elem, Num};
use crate::storage::{shaped, with_any, Arr, Data};

pub(crate) fn from_host(host: HostArray) -> Result<Data> {
    let data_dtype = host.dtype();
    let (shape, data) = host.into_parts();
    Ok(match data {
        HostData::Bool(v) => Data::Bool(shaped(&shape, v)?),
        HostData::I8(v) => Data::I8(shaped(&shape, v)?),
        HostData::I16(v) => Data::I16(shaped(&shape, v)?),
        HostData::I32(v) => Data::I32(shaped(&shape, v)?),
        HostData::I64(v) => Data::I64(shaped(&shape, v)?),
        HostData::U8(v) => Data::U8(shaped(&shape, v)?),
        HostData::U16(v) => Data::U16(shaped(&shape, v)?),
        HostData::U32(v) => Data::U32(shaped(&shape, v)?),
        HostData::U64(v) => Data::U64(shaped(&shape, v)?),
        HostData::F32(v) => Data::F32(shaped(&shape, v)?),
        HostData::F64(v) => Data::F64(shaped(&shape, v)?),
        HostData::F16(_) | HostData::BF16(_) => return Err(half_unsupported("asarray", data_dtype)),
    })
}

/// `float16` and `bfloat16`: not stored by this backend (the candle backend stores them).
pub(crate) fn half_unsupported(func: &'static str, dtype: DType) -> Error {
    Error::Unsupported {
        func,
        backend: crate::BACKEND,
        what: format!("dtype {dtype} (the ndarray backend stores the standard's dtypes; candle stores {dtype})"),
    }
}

/// Row-major elements of any layout.
pub(crate) fn to_vec<T: Clone>(a: &Arr<T>) -> Vec<T> {
    match a.as_slice() {
        Some(s) => s.to_vec(),
        None => a.iter().cloned().collect(),
    }
}

pub(crate) fn to_host(data: &Data) -> Result<HostArray> {
    let shape = data.shape().to_vec();
    with_any!(data, a => HostArray::from_vec(to_vec(a), &shape))
}

fn filled<T: Elem>(shape: &[usize], s: Scalar) -> Data {
    T::wrap(Arr::from_elem(IxDyn(shape), T::from_scalar(s)))
}

pub(crate) fn full(shape: &[usize], fill: Scalar, dtype: DType) -> Result<Data> {
    let fill = fill.cast("full", dtype)?;
    check::output("full", shape, dtype)?;
    Ok(match dtype {
        DType::Bool => filled::<bool>(shape, fill),
        DType::Int8 => filled::<i8>(shape, fill),
        DType::Int16 => filled::<i16>(shape, fill),
        DType::Int32 => filled::<i32>(shape, fill),
        DType::Int64 => filled::<i64>(shape, fill),
        DType::UInt8 => filled::<u8>(shape, fill),
        DType::UInt16 => filled::<u16>(shape, fill),
        DType::UInt32 => filled::<u32>(shape, fill),
        DType::UInt64 => filled::<u64>(shape, fill),
        DType::Float32 => filled::<f32>(shape, fill),
        DType::Float64 => filled::<f64>(shape, fill),
        DType::Float16 | DType::BFloat16 => return Err(half_unsupported("full", dtype)),
    })
}

/// Element-wise conversion of a numeric array with Rust's `as` (truncating, saturating).
fn cast<T, U>(a: &Arr<T>) -> Arr<U>
where
    T: AsPrimitive<U>,
    U: Copy + 'static,
{
    a.mapv(|x| x.as_()).into_shared()
}

fn cast_to<U: Num>(data: &Data) -> Arr<U>
where
    i8: AsPrimitive<U>,
    i16: AsPrimitive<U>,
    i32: AsPrimitive<U>,
    i64: AsPrimitive<U>,
    u8: AsPrimitive<U>,
    u16: AsPrimitive<U>,
    u32: AsPrimitive<U>,
    u64: AsPrimitive<U>,
    f32: AsPrimitive<U>,
    f64: AsPrimitive<U>,
{
    match data {
        Data::Bool(a) => a.mapv(|b| if b { U::ONE } else { U::ZERO }).into_shared(),
        Data::I8(a) => cast(a),
        Data::I16(a) => cast(a),
        Data::I32(a) => cast(a),
        Data::I64(a) => cast(a),
        Data::U8(a) => cast(a),
        Data::U16(a) => cast(a),
        Data::U32(a) => cast(a),
        Data::U64(a) => cast(a),
        Data::F32(a) => cast(a),
        Data::F64(a) => cast(a),
    }
}

fn truthy(data: &Data) -> Arr<bool> {
    fn nz<T: Num>(a: &Arr<T>) -> Arr<bool> {
        a.mapv(|x| x != T::ZERO).into_shared()
    }
    crate::storage::with_num!(data, a => nz(a), bool b => b.clone())
}

/// `astype`: a cheap clone when the dtype already matches.
pub(crate) fn astype(data: &Data, dtype: DType) -> Result<Data> {
    if data.dtype() == dtype {
        return Ok(data.clone());
    }
    check::output("astype", data.shape(), dtype)?;
    Ok(match dtype {
        DType::Bool => Data::Bool(truthy(data)),
        DType::Int8 => Data::I8(cast_to(data)),
        DType::Int16 => Data::I16(cast_to(data)),
        DType::Int32 => Data::I32(cast_to(data)),
        DType::Int64 => Data::I64(cast_to(data)),
        DType::UInt8 => Data::U8(cast_to(data)),
        DType::UInt16 => Data::U16(cast_to(data)),
        DType::UInt32 => Data::U32(cast_to(data)),
        DType::UInt64 => Data::U64(cast_to(data)),
        DType::Float32 => Data::F32(cast_to(data)),
        DType::Float64 => Data::F64(cast_to(data)),
        DType::Float16 | DType::BFloat16 => return Err(half_unsupported("astype", dtype)),
    })
}

/// A scalar (already cast to the array's dtype) as a typed element.
pub(crate) fn scalar_as<T: Elem>(s: Scalar) -> T {
    T::from_scalar(s)
}

/// Converts indices (any integer dtype) to in-range `usize` positions along an axis of
/// `size`; negative indices count from the end.
pub(crate) fn indices(func: &'static str, data: &Data, axis: usize, size: usize) -> Result<Vec<usize>> {
    fn conv<T>(func: &'static str, a: &Arr<T>, axis: usize, size: usize) -> Result<Vec<usize>>
    where
        T: Num + AsPrimitive<i64> + AsPrimitive<u64>,
    {
        a.iter()
            .map(|&i| {
                let wide: u64 = i.as_();
                let v: i64 = if T::is_negative(i) { i.as_() } else { wide.min(i64::MAX as u64) as i64 };
                check::index(func, v, axis, size)
            })
            .collect()
    }
    match data {
        Data::I8(a) => conv(func, a, axis, size),
        Data::I16(a) => conv(func, a, axis, size),
        Data::I32(a) => conv(func, a, axis, size),
        Data::I64(a) => conv(func, a, axis, size),
        Data::U8(a) => conv(func, a, axis, size),
        Data::U16(a) => conv(func, a, axis, size),
        Data::U32(a) => conv(func, a, axis, size),
        Data::U64(a) => conv(func, a, axis, size),
        other => Err(Error::DType { func, dtype: other.dtype(), expected: "integer indices" }),
    }
}
