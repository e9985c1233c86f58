//! dtypes: arrayapi's to candle's, and host transfer.
//!
//! candle stores `u8`, `u32`, `i16`, `i32`, `i64`, `f16`, `bf16`, `f32`, `f64`. `bool`
//! is stored as `u8` holding 0 or 1, with bool semantics kept at the API. `int8`,
//! `uint16` and `uint64` have no exact candle counterpart: asking for them is
//! [`Error::Unsupported`] naming the function, the dtype and the backend, never a
//! silently different dtype.

use arrayapi_core::{DType, Error, HostArray, HostData, Result};
use candle_core::{Device, Tensor};

use crate::BACKEND;

/// The candle dtype that stores `dtype` exactly.
pub(crate) fn storage(func: &'static str, dtype: DType) -> Result<candle_core::DType> {
    use candle_core::DType as C;
    Ok(match dtype {
        DType::Bool | DType::UInt8 => C::U8,
        DType::Int16 => C::I16,
        DType::Int32 => C::I32,
        DType::Int64 => C::I64,
        DType::UInt32 => C::U32,
        DType::Float32 => C::F32,
        DType::Float64 => C::F64,
        DType::Float16 => C::F16,
        DType::BFloat16 => C::BF16,
        DType::Int8 | DType::UInt16 | DType::UInt64 => {
            return Err(Error::Unsupported {
                func,
                backend: BACKEND,
                what: format!("dtype {dtype} (candle has no exact equivalent)"),
            })
        }
    })
}

/// Maps a candle error into arrayapi's, naming the function.
pub(crate) fn err(func: &'static str) -> impl Fn(candle_core::Error) -> Error {
    move |e| Error::Backend { func, backend: BACKEND, message: e.to_string() }
}

pub(crate) fn from_host(host: HostArray, device: &Device) -> Result<Tensor> {
    const F: &str = "asarray";
    let dtype = host.dtype();
    storage(F, dtype)?;
    let (shape, data) = host.into_parts();
    let t = match data {
        HostData::Bool(v) => Tensor::from_vec(v.into_iter().map(u8::from).collect::<Vec<u8>>(), shape, device),
        HostData::U8(v) => Tensor::from_vec(v, shape, device),
        HostData::I16(v) => Tensor::from_vec(v, shape, device),
        HostData::I32(v) => Tensor::from_vec(v, shape, device),
        HostData::I64(v) => Tensor::from_vec(v, shape, device),
        HostData::U32(v) => Tensor::from_vec(v, shape, device),
        HostData::F32(v) => Tensor::from_vec(v, shape, device),
        HostData::F64(v) => Tensor::from_vec(v, shape, device),
        HostData::F16(v) => Tensor::from_vec(v, shape, device),
        HostData::BF16(v) => Tensor::from_vec(v, shape, device),
        HostData::I8(_) | HostData::U16(_) | HostData::U64(_) => unreachable_storage(dtype)?,
    };
    t.map_err(err(F))
}

fn unreachable_storage(dtype: DType) -> Result<candle_core::Result<Tensor>> {
    Err(Error::Unsupported { func: "asarray", backend: BACKEND, what: format!("dtype {dtype}") })
}

pub(crate) fn to_host(t: &Tensor, dtype: DType) -> Result<HostArray> {
    const F: &str = "to_host";
    let shape = t.dims().to_vec();
    let moved;
    let t = if !t.device().is_cpu() && crate::fallback::gpu_lacks(dtype) {
        // No GPU copy kernel for these to flatten a strided view: the storage is copied
        // to the CPU as it is, and flattened there.
        moved = t.to_device(&Device::Cpu).map_err(err(F))?;
        &moved
    } else {
        t
    };
    let flat = t.flatten_all().map_err(err(F))?;
    let data = match dtype {
        DType::Bool => HostData::Bool(flat.to_vec1::<u8>().map_err(err(F))?.into_iter().map(|b| b != 0).collect()),
        DType::UInt8 => HostData::U8(flat.to_vec1().map_err(err(F))?),
        DType::Int16 => HostData::I16(flat.to_vec1().map_err(err(F))?),
        DType::Int32 => HostData::I32(flat.to_vec1().map_err(err(F))?),
        DType::Int64 => HostData::I64(flat.to_vec1().map_err(err(F))?),
        DType::UInt32 => HostData::U32(flat.to_vec1().map_err(err(F))?),
        DType::Float32 => HostData::F32(flat.to_vec1().map_err(err(F))?),
        DType::Float64 => HostData::F64(flat.to_vec1().map_err(err(F))?),
        DType::Float16 => HostData::F16(flat.to_vec1().map_err(err(F))?),
        DType::BFloat16 => HostData::BF16(flat.to_vec1().map_err(err(F))?),
        other => return Err(Error::Unsupported { func: F, backend: BACKEND, what: format!("dtype {other}") }),
    };
    HostArray::new(&shape, data)
}
