//! Shape manipulation: reshape, permute, broadcast, concat, take.
//!
//! Reshape of a contiguous array and `permute_dims` share memory with their input
//! (arrays are immutable, so sharing is safe); the others copy.

use arrayapi_core::{check, DType, Result};
use ndarray::{Axis, IxDyn};

use crate::convert::{astype, indices};
use crate::elem::Elem;
use crate::storage::{internal, with_any, Data};

pub(crate) fn reshape(data: &Data, shape: &[usize]) -> Result<Data> {
    check::reshape(data.shape(), shape)?;
    // Contiguous input: a view of the same memory. Anything else (permuted axes,
    // zero-stride broadcasts, which `into_shape_clone` rejects on shared arrays): one
    // row-major copy.
    with_any!(data, a => match a.clone().into_shape_clone(IxDyn(shape)) {
        Ok(r) => Ok(Elem::wrap(r)),
        Err(_) => a
            .as_standard_layout()
            .into_owned()
            .into_shape_with_order(IxDyn(shape))
            .map(|r| Elem::wrap(r.into_shared()))
            .map_err(|e| internal(&e.to_string())),
    })
}

pub(crate) fn permute_dims(data: &Data, axes: &[usize]) -> Result<Data> {
    check::permute_dims(data.shape(), axes)?;
    Ok(with_any!(data, a => Elem::wrap(a.clone().permuted_axes(IxDyn(axes)))))
}

pub(crate) fn broadcast_to(data: &Data, shape: &[usize]) -> Result<Data> {
    check::broadcast_to(data.shape(), shape, data.dtype())?;
    if data.shape() == shape {
        return Ok(data.clone());
    }
    with_any!(data, a => a
        .broadcast(IxDyn(shape))
        .map(|v| Elem::wrap(v.to_owned().into_shared()))
        .ok_or_else(|| internal("broadcast of a checked shape failed")))
}

fn concat_typed<T: Elem>(parts: &[Data], axis: usize) -> Result<Data> {
    let views = parts
        .iter()
        .map(|d| T::unwrap(d).map(|a| a.view()))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| internal("concat parts were not converted to one dtype"))?;
    ndarray::concatenate(Axis(axis), &views).map(|a| T::wrap(a.into_shared())).map_err(|e| internal(&e.to_string()))
}

pub(crate) fn concat(parts: &[&Data], axis: usize) -> Result<Data> {
    let shapes: Vec<&[usize]> = parts.iter().map(|d| d.shape()).collect();
    let dtypes: Vec<DType> = parts.iter().map(|d| d.dtype()).collect();
    let (_, dtype) = check::concat(&shapes, &dtypes, axis)?;
    let parts = parts.iter().map(|d| astype(d, dtype)).collect::<Result<Vec<_>>>()?;
    match dtype {
        DType::Bool => concat_typed::<bool>(&parts, axis),
        DType::Int8 => concat_typed::<i8>(&parts, axis),
        DType::Int16 => concat_typed::<i16>(&parts, axis),
        DType::Int32 => concat_typed::<i32>(&parts, axis),
        DType::Int64 => concat_typed::<i64>(&parts, axis),
        DType::UInt8 => concat_typed::<u8>(&parts, axis),
        DType::UInt16 => concat_typed::<u16>(&parts, axis),
        DType::UInt32 => concat_typed::<u32>(&parts, axis),
        DType::UInt64 => concat_typed::<u64>(&parts, axis),
        DType::Float32 => concat_typed::<f32>(&parts, axis),
        DType::Float64 => concat_typed::<f64>(&parts, axis),
        DType::Float16 | DType::BFloat16 => Err(crate::convert::half_unsupported("concat", dtype)),
    }
}

pub(crate) fn take(data: &Data, idx: &Data, axis: usize) -> Result<Data> {
    check::take(data.shape(), data.dtype(), (idx.shape(), idx.dtype()), axis)?;
    let pos = indices("take", idx, axis, data.shape()[axis])?;
    Ok(with_any!(data, a => Elem::wrap(a.select(Axis(axis), &pos).into_shared())))
}
