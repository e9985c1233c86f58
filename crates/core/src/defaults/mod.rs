//! The default implementations: NumPy's `func._implementation`.
//!
//! One module per family, one function per row of the function table that is not a
//! required primitive. Each is generic over [`ArrayApi`] and built from other functions
//! of the table:
//!
//! - a backend that does not override a function runs its default *statically on its
//!   own type* (the parts are direct calls, no dispatch);
//! - run on the dynamic [`crate::Array`] (as a wrapper does with
//!   [`crate::Call::run_default`]), the parts are dispatched one by one.
//!
//! They are public: a backend that overrides a function for some inputs calls the
//! default for the rest (`arrayapi_core::defaults::sorting::sort(x, axis, descending)`).

pub mod creation;
pub mod elementwise;
pub mod fused;
pub(crate) mod host;
pub mod indexing;
pub mod linalg;
pub mod manipulation;
pub mod reductions;
pub mod searching;
pub mod sets;
pub mod sorting;

/// What every family's defaults use.
mod common {
    pub(crate) use crate::api::ArrayApi;
    pub(crate) use crate::check;
    pub(crate) use crate::device::Device;
    pub(crate) use crate::dtype::DType;
    pub(crate) use crate::error::{Error, Result};
    pub(crate) use crate::fused::{Activation, FusedOp};
    pub(crate) use crate::host_ops::{self, HostBinary};
    pub(crate) use crate::linalg;
    pub(crate) use crate::namespace::BackendNamespace;
    pub(crate) use crate::operand::{scalar_array, Operand};
    pub(crate) use crate::ops::{ArgReduceOp, BinaryOp, CumulativeOp, ReduceOp, Side, UnaryOp};
    pub(crate) use crate::scalar::Scalar;
    pub(crate) use crate::set::{self, UniqueAll};
    pub(crate) use crate::shape::{axis_or_only, normalize_axis, resolve_reshape, Axes};

    pub(crate) use super::{
        arg_reduce_provided, float_reduction_axes, host_indices, named, reduce_as, sort_order, triangle,
    };
}

use crate::api::ArrayApi;
use crate::check;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::ops::ArgReduceOp;
use crate::shape::{normalize_axis, Axes};

/// Axes of a floating-point-only reduction and the number of elements reduced.
pub(crate) fn float_reduction_axes<A: ArrayApi>(func: &'static str, x: &A, axes: Axes) -> Result<(Vec<usize>, usize)> {
    if !x.dtype().is_floating() {
        return Err(Error::DType { func, dtype: x.dtype(), expected: "a floating-point" });
    }
    let axes = axes.normalize(func, x.ndim())?;
    let n = axes.iter().map(|&a| x.shape()[a]).product();
    Ok((axes, n))
}

/// Runs the body of a provided function that is built from other functions, so that an
/// error from any of its parts names the function the user called (`std`, not `var`).
#[inline]
pub(crate) fn named<T>(func: &'static str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    body().map_err(|e| e.in_func(func))
}

/// Host indices `f(0), ..., f(n - 1)` for a `take`, allocated fallibly: an axis of a
/// zero-element array may be huge, and its index vector is then a typed
/// [`Error::OutOfMemory`], not an allocation abort.
pub(crate) fn host_indices(func: &'static str, n: usize, f: impl FnMut(usize) -> i64) -> Result<Vec<i64>> {
    check::output(func, &[n], DType::Int64)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| Error::OutOfMemory { func, bytes: n.saturating_mul(8) })?;
    v.extend((0..n).map(f));
    Ok(v)
}

/// Sorting permutations computed on the host: for each lane along `axis` (moved last),
/// the positions in sorted order, both within the lane and as flat indices.
pub(crate) struct SortOrder {
    pub(crate) within: Vec<i64>,
    pub(crate) flat: Vec<i64>,
}

/// A sum, product or running sum with the standard's `dtype=`: the input cast to `dtype`
/// (both numeric), reduced, and the result in `dtype`. Integers accumulate in int64,
/// whose wrapping arithmetic agrees with wrapping in any integer dtype modulo its width
/// (unsigned ones included), and are cast back, which truncates: the result is what
/// summing in `dtype` gives, on backends without a uint64 accumulator too.
pub(crate) fn reduce_as<A: ArrayApi>(
    x: &A,
    func: &'static str,
    dtype: DType,
    f: impl FnOnce(&A) -> Result<A>,
) -> Result<A> {
    for d in [x.dtype(), dtype] {
        if !d.is_numeric() {
            return Err(Error::DType { func, dtype: d, expected: "a numeric" });
        }
    }
    let relabel = |e: Error| e.in_func(func);
    let mut input = x.astype(dtype).map_err(relabel)?;
    if dtype.is_integer() {
        input = input.astype(DType::Int64).map_err(relabel)?;
    }
    let r = f(&input).map_err(relabel)?;
    if r.dtype() == dtype {
        Ok(r)
    } else {
        r.astype(dtype).map_err(relabel)
    }
}

pub(crate) fn sort_order<A: ArrayApi>(x: &A, func: &'static str, axis: isize, descending: bool) -> Result<SortOrder> {
    if !x.dtype().is_numeric() && !x.dtype().is_bool() {
        return Err(Error::DType { func, dtype: x.dtype(), expected: "a real-valued" });
    }
    let axis = normalize_axis(func, axis, x.ndim())?;
    let moved = x.moveaxis(&[axis as isize], &[-1])?;
    let n = moved.shape().last().copied().unwrap_or(1);
    let host = moved.to_host()?;
    // Exact ordering keys: integers as i128, floats as f64 (NaN last).
    let keys: Vec<(bool, f64, i128)> = match host.data() {
        crate::HostData::F32(v) => v.iter().map(|&f| (f.is_nan(), f as f64, 0)).collect(),
        crate::HostData::F64(v) => v.iter().map(|&f| (f.is_nan(), f, 0)).collect(),
        crate::HostData::F16(_) | crate::HostData::BF16(_) => {
            host.data().to_f64_vec().into_iter().map(|f| (f.is_nan(), f, 0)).collect()
        }
        other => {
            let ints: Vec<i128> = match other {
                crate::HostData::Bool(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I8(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I16(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I32(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I64(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U8(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U16(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U32(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U64(v) => v.iter().map(|&b| b as i128).collect(),
                _ => Vec::new(),
            };
            ints.into_iter().map(|i| (false, 0.0, i)).collect()
        }
    };
    let mut within = Vec::with_capacity(keys.len());
    let mut flat = Vec::with_capacity(keys.len());
    for (lane, chunk) in keys.chunks(n.max(1)).enumerate() {
        let mut order: Vec<usize> = (0..chunk.len()).collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (&chunk[i], &chunk[j]);
            let by_value = a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal).then(a.2.cmp(&b.2));
            // NaN last in both directions; other values reversed when descending.
            a.0.cmp(&b.0).then(if descending { by_value.reverse() } else { by_value })
        });
        within.extend(order.iter().map(|&i| i as i64));
        flat.extend(order.iter().map(|&i| (lane * n + i) as i64));
    }
    Ok(SortOrder { within, flat })
}

/// `tril` (`lower`) or `triu`: keep `j - i <= k` (or `>= k`) in the last two axes.
pub(crate) fn triangle<A: ArrayApi>(x: &A, k: isize, lower: bool) -> Result<A> {
    let f = if lower { "tril" } else { "triu" };
    let n = x.ndim();
    if n < 2 {
        return Err(Error::shape(f, format!("needs at least 2 dimensions, got shape {:?}", x.shape())));
    }
    let (rows, cols) = (x.shape()[n - 2], x.shape()[n - 1]);
    let ns = x.namespace();
    let i = A::arange(&ns, 0.0, rows as f64, 1.0, DType::Int64)?.reshape_exact(&[rows, 1])?;
    let j = A::arange(&ns, 0.0, cols as f64, 1.0, DType::Int64)?.reshape_exact(&[1, cols])?;
    let offset = j.subtract(&i)?;
    let keep = if lower { offset.less_equal(k as i64)? } else { offset.greater_equal(k as i64)? };
    keep.where_(x, &x.zeros_like()?)
}

pub(crate) fn arg_reduce_provided<A: ArrayApi>(
    x: &A,
    op: ArgReduceOp,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<A> {
    match axis {
        Some(a) => x.arg_reduce(op, normalize_axis(op.name(), a, x.ndim())?, keepdims),
        None => {
            let flat = x.reshape_exact(&[x.size()])?;
            let r = flat.arg_reduce(op, 0, false)?;
            if keepdims {
                r.reshape_exact(&vec![1; x.ndim()])
            } else {
                Ok(r)
            }
        }
    }
}
