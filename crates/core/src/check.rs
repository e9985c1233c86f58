//! Argument checks shared by every backend.
//!
//! A backend's required primitive starts with the matching function here: it validates
//! the arguments and returns what the output must be (shape, dtype), or the typed error
//! the conformance suite expects. Backends that use these behave identically on bad
//! input and never need to re-derive the standard's rules.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::device::Device;
use crate::dtype::{result_type, DType};
use crate::error::{Error, Result};
use crate::ops::{ArgReduceOp, BinaryOp, CumulativeOp, ReduceOp};
use crate::shape::{broadcast_pair, broadcast_shapes, can_broadcast_to, numel};

/// Outputs above this many bytes are probed with a fallible reservation before a backend
/// allocates them, so an impossible size is an error instead of an allocation abort.
const PROBE_BYTES: usize = 1 << 30;

/// Checks that an output of `shape` and `dtype` can be allocated: the element and byte
/// counts must fit in `usize` (and `isize`, Rust's allocation limit), and outputs over
/// 1 GiB are probed with a fallible reservation ([`allocations`] for the output alone).
/// Returns the element count.
pub fn output(func: &'static str, shape: &[usize], dtype: DType) -> Result<usize> {
    allocations(func, &[(shape, dtype)])?;
    numel(func, shape)
}

/// The allocation budget: no function allocates more than this many bytes at once
/// (see [`allocations`]). `usize::MAX` (the default) means no limit but the memory the
/// operating system grants.
static ALLOCATION_LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Sets the allocation budget for the whole process: a function whose output and copies
/// together need more than `bytes` returns [`Error::OutOfMemory`] instead of allocating
/// (`None` removes the limit). For services that must stay within a memory quota, and
/// for tests of the out-of-memory paths.
pub fn set_allocation_limit(bytes: Option<usize>) {
    ALLOCATION_LIMIT.store(bytes.unwrap_or(usize::MAX), Ordering::Relaxed);
}

/// The allocation budget set by [`set_allocation_limit`], if any.
pub fn allocation_limit() -> Option<usize> {
    Some(ALLOCATION_LIMIT.load(Ordering::Relaxed)).filter(|&b| b != usize::MAX)
}

/// Checks that everything a function allocates at once can be allocated: its output and
/// the copies it makes on the way (promoted operands, host copies, materialised
/// broadcasts), given as `(shape, dtype)` pairs. Their total byte count must fit in
/// `isize` and in the budget of [`set_allocation_limit`], and totals over 1 GiB are
/// probed with a fallible reservation, so that an impossible size is
/// [`Error::OutOfMemory`] naming the function and the bytes, not an allocation abort in
/// the middle of it. [`output`] is this for the output alone.
pub fn allocations(func: &'static str, parts: &[(&[usize], DType)]) -> Result<()> {
    let mut total: usize = 0;
    for (shape, dtype) in parts {
        let n = numel(func, shape)?;
        total = n
            .checked_mul(dtype.size_in_bytes())
            .and_then(|b| total.checked_add(b))
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or_else(|| Error::Overflow { func, shape: shape.to_vec() })?;
    }
    if total > ALLOCATION_LIMIT.load(Ordering::Relaxed) {
        return Err(Error::OutOfMemory { func, bytes: total });
    }
    if total > PROBE_BYTES {
        let mut probe: Vec<u8> = Vec::new();
        probe.try_reserve_exact(total).map_err(|_| Error::OutOfMemory { func, bytes: total })?;
    }
    Ok(())
}

/// Checks that two arrays are on one device.
#[inline]
pub fn same_device(func: &'static str, a: Device, b: Device) -> Result<()> {
    if a == b {
        Ok(())
    } else {
        Err(Error::DeviceMismatch { func, lhs: a, rhs: b })
    }
}

/// Checks that arrays come from one backend, for functions that compute on the host
/// (which could read any backend's data): mixing backends is the dispatch protocol's
/// `NoImplementation`, naming each backend once, in order, as for every other function.
pub fn same_backend(func: &'static str, backends: &[&'static str]) -> Result<()> {
    let mut seen: Vec<&'static str> = Vec::new();
    for &b in backends {
        if !seen.contains(&b) {
            seen.push(b);
        }
    }
    if seen.len() <= 1 {
        Ok(())
    } else {
        Err(Error::NoImplementation { func, backends: seen })
    }
}

/// What a binary element-wise op must produce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BinarySpec {
    /// The broadcast shape of the operands.
    pub shape: Vec<usize>,
    /// Both operands are converted to this dtype before the op.
    pub operand_dtype: DType,
    /// The dtype of the result.
    pub out_dtype: DType,
}

/// Checks a binary element-wise op: promotion, the op's dtype rule, broadcasting.
pub fn binary(
    op: BinaryOp,
    (a_shape, a_dtype): (&[usize], DType),
    (b_shape, b_dtype): (&[usize], DType),
) -> Result<BinarySpec> {
    let (operand_dtype, out_dtype) = op.dtypes(a_dtype, b_dtype)?;
    let shape = broadcast_pair(op.name(), a_shape, b_shape)?;
    // The output, and each operand promoted to a wider dtype (a uint8 [6e8] plus an
    // int64 scalar copies 4.8 GB before computing anything); an operand already in the
    // dtype counts as a zero-element copy, so nothing is allocated here.
    let copy_a: &[usize] = if a_dtype == operand_dtype { &[0] } else { a_shape };
    let copy_b: &[usize] = if b_dtype == operand_dtype { &[0] } else { b_shape };
    allocations(op.name(), &[(&shape, out_dtype), (copy_a, operand_dtype), (copy_b, operand_dtype)])?;
    Ok(BinarySpec { shape, operand_dtype, out_dtype })
}

/// Checks `where(cond, x1, x2)`: `cond` is bool, `x1`/`x2` promote, all three broadcast.
/// Returns the output shape and dtype.
pub fn where_(cond: (&[usize], DType), x1: (&[usize], DType), x2: (&[usize], DType)) -> Result<(Vec<usize>, DType)> {
    const F: &str = "where";
    if !cond.1.is_bool() {
        return Err(Error::DType { func: F, dtype: cond.1, expected: "a boolean condition" });
    }
    let dtype = result_type(F, &[x1.1, x2.1])?;
    let shape = broadcast_shapes(F, &[cond.0, x1.0, x2.0])?;
    output(F, &shape, dtype)?;
    Ok((shape, dtype))
}

/// Checks axes given to a primitive: each `< ndim`, strictly ascending.
pub fn sorted_axes(func: &'static str, axes: &[usize], ndim: usize) -> Result<()> {
    for (i, &a) in axes.iter().enumerate() {
        if a >= ndim {
            return Err(Error::AxisOutOfRange { func, axis: a as isize, ndim });
        }
        if i > 0 && axes[i - 1] >= a {
            return Err(Error::invalid(func, format!("axes {axes:?} must be strictly ascending")));
        }
    }
    Ok(())
}

/// The shape left after reducing `axes` (sorted, checked) of `shape`.
pub fn reduced_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    shape
        .iter()
        .enumerate()
        .filter_map(|(i, &d)| match (axes.contains(&i), keepdims) {
            (false, _) => Some(d),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
}

/// Checks a reduction; returns the output shape and dtype ([`output`] checks its size).
/// `max` and `min` over zero elements are an error (they have no identity), as in NumPy.
pub fn reduce(
    op: ReduceOp,
    shape: &[usize],
    dtype: DType,
    axes: &[usize],
    keepdims: bool,
) -> Result<(Vec<usize>, DType)> {
    let f = op.name();
    let out_dtype = op.result_dtype(dtype)?;
    sorted_axes(f, axes, shape.len())?;
    if matches!(op, ReduceOp::Max | ReduceOp::Min) && axes.iter().any(|&a| shape[a] == 0) {
        return Err(Error::shape(
            f,
            format!("zero-size reduction over axes {axes:?} of shape {shape:?} has no identity"),
        ));
    }
    let out = reduced_shape(shape, axes, keepdims);
    output(f, &out, out_dtype)?;
    Ok((out, out_dtype))
}

/// Checks `argmax`/`argmin` along `axis`; returns the output shape (dtype is `int64`).
pub fn arg_reduce(op: ArgReduceOp, shape: &[usize], dtype: DType, axis: usize, keepdims: bool) -> Result<Vec<usize>> {
    let f = op.name();
    if !dtype.is_numeric() {
        return Err(Error::DType { func: f, dtype, expected: "a numeric" });
    }
    sorted_axes(f, &[axis], shape.len())?;
    if shape[axis] == 0 {
        return Err(Error::shape(f, format!("attempt to get {f} of an empty axis {axis} of shape {shape:?}")));
    }
    Ok(reduced_shape(shape, &[axis], keepdims))
}

/// Checks a cumulative reduction; returns output shape and dtype.
pub fn cumulative(
    op: CumulativeOp,
    shape: &[usize],
    dtype: DType,
    axis: usize,
    include_initial: bool,
) -> Result<(Vec<usize>, DType)> {
    let f = op.name();
    let out_dtype = op.result_dtype(dtype)?;
    sorted_axes(f, &[axis], shape.len())?;
    let mut out = shape.to_vec();
    if include_initial {
        out[axis] = out[axis].checked_add(1).ok_or_else(|| Error::Overflow { func: f, shape: shape.to_vec() })?;
    }
    output(f, &out, out_dtype)?;
    Ok((out, out_dtype))
}

/// Checks a fully resolved reshape: same element count.
pub fn reshape(from: &[usize], to: &[usize]) -> Result<()> {
    let (a, b) = (numel("reshape", from)?, numel("reshape", to)?);
    if a != b {
        return Err(Error::shape(
            "reshape",
            format!("cannot reshape an array of shape {from:?} ({a} elements) into shape {to:?} ({b} elements)"),
        ));
    }
    Ok(())
}

/// Checks that `axes` is a permutation of `0..ndim`; returns the permuted shape.
pub fn permute_dims(shape: &[usize], axes: &[usize]) -> Result<Vec<usize>> {
    const F: &str = "permute_dims";
    let ndim = shape.len();
    if axes.len() != ndim {
        return Err(Error::shape(F, format!("axes {axes:?} do not match an array of {ndim} dimension(s)")));
    }
    let mut seen = vec![false; ndim];
    for &a in axes {
        if a >= ndim {
            return Err(Error::AxisOutOfRange { func: F, axis: a as isize, ndim });
        }
        if std::mem::replace(&mut seen[a], true) {
            return Err(Error::DuplicateAxis { func: F, axis: a, axes: axes.iter().map(|&x| x as isize).collect() });
        }
    }
    Ok(axes.iter().map(|&a| shape[a]).collect())
}

/// Checks `broadcast_to`: `from` must broadcast to exactly `to`.
pub fn broadcast_to(from: &[usize], to: &[usize], dtype: DType) -> Result<()> {
    const F: &str = "broadcast_to";
    if !can_broadcast_to(from, to) {
        return Err(Error::Broadcast { func: F, lhs: from.to_vec(), rhs: to.to_vec() });
    }
    output(F, to, dtype)?;
    Ok(())
}

/// Checks `concat` along a normalised axis; returns the output shape and dtype.
pub fn concat(shapes: &[&[usize]], dtypes: &[DType], axis: usize) -> Result<(Vec<usize>, DType)> {
    const F: &str = "concat";
    let first = *shapes.first().ok_or_else(|| Error::invalid(F, "at least one array is required"))?;
    let dtype = result_type(F, dtypes)?;
    let ndim = first.len();
    if axis >= ndim {
        return Err(Error::AxisOutOfRange { func: F, axis: axis as isize, ndim });
    }
    let mut out = first.to_vec();
    out[axis] = 0;
    for s in shapes {
        let fits = s.len() == ndim && s.iter().enumerate().all(|(i, &d)| i == axis || d == first[i]);
        if !fits {
            return Err(Error::shape(
                F,
                format!("shapes {first:?} and {s:?} differ outside the concatenation axis {axis}"),
            ));
        }
        out[axis] = out[axis].checked_add(s[axis]).ok_or_else(|| Error::Overflow { func: F, shape: s.to_vec() })?;
    }
    output(F, &out, dtype)?;
    Ok((out, dtype))
}

/// Checks `take` along a normalised axis: integer 1-D indices. Returns the output shape.
/// (Index values are bounds-checked by the backend, which holds them.)
pub fn take(shape: &[usize], dtype: DType, indices: (&[usize], DType), axis: usize) -> Result<Vec<usize>> {
    const F: &str = "take";
    if !indices.1.is_integer() {
        return Err(Error::DType { func: F, dtype: indices.1, expected: "integer indices" });
    }
    if indices.0.len() != 1 {
        return Err(Error::shape(F, format!("indices must be 1-D, got shape {:?}", indices.0)));
    }
    sorted_axes(F, &[axis], shape.len())?;
    let mut out = shape.to_vec();
    out[axis] = indices.0[0];
    if shape[axis] == 0 && indices.0[0] > 0 {
        return Err(Error::IndexOutOfBounds { func: F, index: 0, axis, size: 0 });
    }
    output(F, &out, dtype)?;
    Ok(out)
}

/// Normalises one index against an axis of `size` (negative counts from the end).
pub fn index(func: &'static str, index: i64, axis: usize, size: usize) -> Result<usize> {
    let n = size as i64;
    if index >= n || index < -n {
        Err(Error::IndexOutOfBounds { func, index, axis, size })
    } else if index < 0 {
        Ok((index + n) as usize)
    } else {
        Ok(index as usize)
    }
}

/// What a `matmul` must compute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatmulSpec {
    /// The broadcast batch shape (leading dimensions).
    pub batch: Vec<usize>,
    /// Rows of the left operand's matrices (1 if it was a vector).
    pub m: usize,
    /// The contracted dimension.
    pub k: usize,
    /// Columns of the right operand's matrices (1 if it was a vector).
    pub n: usize,
    /// The operand and output dtype.
    pub dtype: DType,
    /// The output shape (vector dimensions removed, as in the standard).
    pub out_shape: Vec<usize>,
}

/// Checks `matmul` by the standard: 1-D operands are promoted to matrices and the added
/// dimension removed afterwards, leading dimensions broadcast, inner dimensions agree.
pub fn matmul(a: (&[usize], DType), b: (&[usize], DType)) -> Result<MatmulSpec> {
    const F: &str = "matmul";
    let dtype = result_type(F, &[a.1, b.1])?;
    if !dtype.is_numeric() {
        return Err(Error::DType { func: F, dtype, expected: "a numeric" });
    }
    let (sa, sb) = (a.0, b.0);
    if sa.is_empty() || sb.is_empty() {
        return Err(Error::shape(F, format!("operands must have at least one dimension, got {sa:?} and {sb:?}")));
    }
    let (m, ka) = if sa.len() == 1 { (1, sa[0]) } else { (sa[sa.len() - 2], sa[sa.len() - 1]) };
    let (kb, n) = if sb.len() == 1 { (sb[0], 1) } else { (sb[sb.len() - 2], sb[sb.len() - 1]) };
    if ka != kb {
        return Err(Error::shape(F, format!("inner dimensions differ: {sa:?} @ {sb:?} contracts {ka} with {kb}")));
    }
    let batch_a = if sa.len() > 2 { &sa[..sa.len() - 2] } else { &[][..] };
    let batch_b = if sb.len() > 2 { &sb[..sb.len() - 2] } else { &[][..] };
    let batch = broadcast_pair(F, batch_a, batch_b).map_err(|_| Error::Broadcast {
        func: F,
        lhs: sa.to_vec(),
        rhs: sb.to_vec(),
    })?;
    let mut out_shape = batch.clone();
    if sa.len() > 1 {
        out_shape.push(m);
    }
    if sb.len() > 1 {
        out_shape.push(n);
    }
    output(F, &out_shape, dtype)?;
    Ok(MatmulSpec { batch, m, k: ka, n, dtype, out_shape })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_op_counts_its_promoted_copies() {
        // bool [2^60] fits isize in bytes; with the uint8 operand promoted to int64
        // (2^63 more bytes) the total does not: Overflow, decided without allocating.
        let n = 1usize << 60;
        let e = binary(BinaryOp::Less, (&[n], DType::UInt8), (&[1], DType::Int64)).unwrap_err();
        assert!(matches!(e, Error::Overflow { func: "less", .. }), "{e}");
        // Operands already in the promoted dtype copy nothing.
        let spec = binary(BinaryOp::Less, (&[4], DType::Int64), (&[1], DType::Int64)).unwrap();
        assert_eq!((spec.shape, spec.out_dtype), (vec![4], DType::Bool));
    }
}
