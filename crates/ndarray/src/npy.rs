//! NumPy's `.npy` files, for arrays of any backend: [`load`] and [`save`] (and their
//! in-memory forms [`from_npy_bytes`] and [`to_npy_bytes`]), through the `ndarray-npy`
//! crate.
//!
//! Every dtype of the standard but the half floats is read and written, in either byte
//! order and either memory order (`fortran_order`); a file with any other dtype
//! (complex, structured, strings, objects), a bad header, or less data than its header
//! promises is [`Error::Io`], never a panic or a huge allocation: the element count a
//! header claims is checked against the file's size before anything is allocated.
//!
//! ```
//! use arrayapi_core::{Array, ArrayApi, DType};
//! let xp = arrayapi_ndarray::namespace();
//! let x = Array::arange(&xp, 0.0, 6.0, 1.0, DType::Float32)?.reshape(&[2, 3])?;
//! let bytes = arrayapi_ndarray::npy::to_npy_bytes(&x)?;
//! let y: Array = arrayapi_ndarray::npy::from_npy_bytes(&xp, &bytes)?;
//! assert_eq!(y.to_vec::<f32>()?, x.to_vec::<f32>()?);
//! # Ok::<(), arrayapi_core::Error>(())
//! ```

use std::path::Path;

use arrayapi_core::{ArrayApi, DType, Error, HostArray, HostData, Result};
use ndarray::{ArrayD, IxDyn};
use ndarray_npy::npy::header::Header;
use ndarray_npy::{ReadNpyExt, ReadableElement, WritableElement, WriteNpyExt};

fn io(func: &'static str, path: &str, reason: impl ToString) -> Error {
    Error::Io { func, path: path.to_string(), reason: reason.to_string() }
}

/// Reads the `.npy` file at `path` into an array on `ns`.
pub fn load<A: ArrayApi>(ns: &A::Namespace, path: impl AsRef<Path>) -> Result<A> {
    let shown = path.as_ref().display().to_string();
    let bytes = std::fs::read(path.as_ref()).map_err(|e| io("load", &shown, e))?;
    parse("load", &shown, &bytes).and_then(|host| A::from_host(ns, host))
}

/// Writes `x` to `path` as a `.npy` file (NumPy's format version 1.0, little-endian,
/// row-major).
pub fn save<A: ArrayApi>(path: impl AsRef<Path>, x: &A) -> Result<()> {
    let shown = path.as_ref().display().to_string();
    let bytes = encode("save", &shown, x)?;
    std::fs::write(path.as_ref(), bytes).map_err(|e| io("save", &shown, e))
}

/// The array a `.npy` file's bytes hold, on `ns`.
pub fn from_npy_bytes<A: ArrayApi>(ns: &A::Namespace, bytes: &[u8]) -> Result<A> {
    parse("from_npy_bytes", "<bytes>", bytes).and_then(|host| A::from_host(ns, host))
}

/// `x` as the bytes of a `.npy` file.
pub fn to_npy_bytes<A: ArrayApi>(x: &A) -> Result<Vec<u8>> {
    encode("to_npy_bytes", "<bytes>", x)
}

/// The dtype and item size a header's type descriptor (`'<f8'`, `'|b1'`...) names.
fn dtype_of(descriptor: &str) -> Option<(DType, usize)> {
    let code = descriptor.trim_matches('\'');
    let (order, kind) = (code.get(..1)?, code.get(1..)?);
    if !matches!(order, "<" | ">" | "|" | "=") {
        return None;
    }
    Some(match kind {
        "b1" => (DType::Bool, 1),
        "i1" => (DType::Int8, 1),
        "i2" => (DType::Int16, 2),
        "i4" => (DType::Int32, 4),
        "i8" => (DType::Int64, 8),
        "u1" => (DType::UInt8, 1),
        "u2" => (DType::UInt16, 2),
        "u4" => (DType::UInt32, 4),
        "u8" => (DType::UInt64, 8),
        "f4" => (DType::Float32, 4),
        "f8" => (DType::Float64, 8),
        _ => return None,
    })
}

fn read_as<T: ReadableElement + Copy>(func: &'static str, path: &str, bytes: &[u8]) -> Result<(Vec<usize>, Vec<T>)> {
    let a = ArrayD::<T>::read_npy(bytes).map_err(|e| io(func, path, e))?;
    // `iter` walks the logical (row-major) order whatever the file's memory order.
    Ok((a.shape().to_vec(), a.iter().copied().collect()))
}

fn parse(func: &'static str, path: &str, bytes: &[u8]) -> Result<HostArray> {
    let header = Header::from_reader(&mut &bytes[..]).map_err(|e| io(func, path, e))?;
    let descriptor = header.type_descriptor.to_string();
    let (dtype, itemsize) = dtype_of(&descriptor).ok_or_else(|| {
        io(
            func,
            path,
            format!("dtype {descriptor} has no arrayapi type (arrayapi reads bool, integers, float32 and float64)"),
        )
    })?;
    // The data must fit in the file: a header claiming more is refused before the reader
    // allocates for it.
    let needed = header.shape.iter().try_fold(itemsize, |acc, &d| acc.checked_mul(d));
    match needed {
        Some(n) if n <= bytes.len() => {}
        _ => {
            return Err(io(
                func,
                path,
                format!("the header's shape {:?} needs more data than the file's {} bytes", header.shape, bytes.len()),
            ));
        }
    }
    let (shape, data) = match dtype {
        DType::Bool => read_as::<bool>(func, path, bytes).map(|(s, v)| (s, HostData::Bool(v)))?,
        DType::Int8 => read_as::<i8>(func, path, bytes).map(|(s, v)| (s, HostData::I8(v)))?,
        DType::Int16 => read_as::<i16>(func, path, bytes).map(|(s, v)| (s, HostData::I16(v)))?,
        DType::Int32 => read_as::<i32>(func, path, bytes).map(|(s, v)| (s, HostData::I32(v)))?,
        DType::Int64 => read_as::<i64>(func, path, bytes).map(|(s, v)| (s, HostData::I64(v)))?,
        DType::UInt8 => read_as::<u8>(func, path, bytes).map(|(s, v)| (s, HostData::U8(v)))?,
        DType::UInt16 => read_as::<u16>(func, path, bytes).map(|(s, v)| (s, HostData::U16(v)))?,
        DType::UInt32 => read_as::<u32>(func, path, bytes).map(|(s, v)| (s, HostData::U32(v)))?,
        DType::UInt64 => read_as::<u64>(func, path, bytes).map(|(s, v)| (s, HostData::U64(v)))?,
        DType::Float32 => read_as::<f32>(func, path, bytes).map(|(s, v)| (s, HostData::F32(v)))?,
        DType::Float64 => read_as::<f64>(func, path, bytes).map(|(s, v)| (s, HostData::F64(v)))?,
        DType::Float16 | DType::BFloat16 => return Err(io(func, path, format!("cannot read {dtype}"))),
    };
    HostArray::new(&shape, data)
}

fn write_as<T: WritableElement>(func: &'static str, path: &str, shape: &[usize], v: Vec<T>) -> Result<Vec<u8>> {
    let a = ArrayD::from_shape_vec(IxDyn(shape), v).map_err(|e| io(func, path, e))?;
    let mut out = Vec::new();
    a.write_npy(&mut out).map_err(|e| io(func, path, e))?;
    Ok(out)
}

fn encode<A: ArrayApi>(func: &'static str, path: &str, x: &A) -> Result<Vec<u8>> {
    let (shape, data) = x.to_host()?.into_parts();
    match data {
        HostData::Bool(v) => write_as(func, path, &shape, v),
        HostData::I8(v) => write_as(func, path, &shape, v),
        HostData::I16(v) => write_as(func, path, &shape, v),
        HostData::I32(v) => write_as(func, path, &shape, v),
        HostData::I64(v) => write_as(func, path, &shape, v),
        HostData::U8(v) => write_as(func, path, &shape, v),
        HostData::U16(v) => write_as(func, path, &shape, v),
        HostData::U32(v) => write_as(func, path, &shape, v),
        HostData::U64(v) => write_as(func, path, &shape, v),
        HostData::F32(v) => write_as(func, path, &shape, v),
        HostData::F64(v) => write_as(func, path, &shape, v),
        HostData::F16(_) | HostData::BF16(_) => Err(io(
            func,
            path,
            format!("cannot write {} (ndarray-npy has no half floats; convert with astype)", x.dtype()),
        )),
    }
}
