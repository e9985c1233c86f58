//! The default implementations of the indexing functions (the rows of [`crate::api::indexing`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::take_along_axis`].
pub fn take_along_axis<A: ArrayApi>(x: &A, indices: &A, axis: isize) -> Result<A> {
    named("take_along_axis", || {
        const F: &str = "take_along_axis";
        let axis = normalize_axis(F, axis, x.ndim())?;
        if indices.ndim() != x.ndim() {
            return Err(Error::shape(F, format!("indices have {} dimensions, the array {}", indices.ndim(), x.ndim())));
        }
        if !indices.dtype().is_integer() {
            return Err(Error::DType { func: F, dtype: indices.dtype(), expected: "an integer" });
        }
        // The output: the array's shape broadcast with the indices', except along `axis`.
        let mut x_shape = x.shape().to_vec();
        x_shape[axis] = 1;
        let mut i_shape = indices.shape().to_vec();
        i_shape[axis] = 1;
        let mut out_shape = crate::shape::broadcast_shapes(F, &[&x_shape, &i_shape])?;
        out_shape[axis] = indices.shape()[axis];
        let idx = checked_positions(F, indices, axis, x.shape()[axis])?.broadcast_to(&out_shape)?;
        // Flat index = sum over dims of position * stride in the broadcast array.
        let mut full = out_shape.clone();
        full[axis] = x.shape()[axis];
        let src = x.broadcast_to(&full)?;
        let ns = x.namespace();
        let mut flat = idx.multiply(full[axis + 1..].iter().product::<usize>() as i64)?;
        for d in (0..full.len()).filter(|&d| d != axis) {
            let stride: usize = full[d + 1..].iter().product();
            let mut shape = vec![1usize; full.len()];
            shape[d] = out_shape[d];
            let pos = A::arange(&ns, 0.0, out_shape[d] as f64, 1.0, DType::Int64)?.reshape_exact(&shape)?;
            flat = flat.add(&pos.multiply(stride as i64)?)?;
        }
        let size = flat.size();
        src.reshape_exact(&[src.size()])?.take_axis(&flat.reshape_exact(&[size])?, 0)?.reshape_exact(&out_shape)
    })
}

/// The default [`ArrayApi::take`].
pub fn take<A: ArrayApi>(x: &A, indices: &A, axis: Option<isize>) -> Result<A> {
    named("take", || {
        let axis = axis_or_only("take", axis, x.ndim())?;
        x.take_axis(indices, axis)
    })
}

/// The default [`ArrayApi::slice`]: one `take` per axis that is not taken whole (an
/// index array of its positions), then one reshape that drops the integer-indexed axes
/// and inserts the new ones. A copy; backends with views override it.
pub fn slice<A: ArrayApi>(x: &A, index: impl Into<Selection>) -> Result<A> {
    named("slice", || {
        let picks = index.into().resolve("slice", x.shape())?;
        if x.size() == 0 {
            // Every pick of an empty axis is empty: the result is empty too, and its
            // other axes may be huge (no index vectors for them).
            return x.reshape_exact(&picks_shape(&picks));
        }
        let ns = x.namespace();
        let mut y = x.clone();
        for pick in &picks {
            let axis = match *pick {
                Pick::Index { axis, .. } | Pick::Range { axis, .. } => axis,
                Pick::NewAxis => continue,
            };
            if pick.is_whole(x.shape()[axis]) {
                continue;
            }
            let positions: Vec<i64> = pick.positions().map(|p| p as i64).collect();
            let n = positions.len();
            y = y.take_axis(&A::asarray(&ns, &positions, &[n])?, axis)?;
        }
        y.reshape_exact(&picks_shape(&picks))
    })
}

/// The flat (row-major) positions of `x`'s elements, as an int64 array of `x`'s shape:
/// indexing it as `x` is indexed gives the positions an update writes to.
pub(crate) fn positions<A: ArrayApi>(x: &A) -> Result<A> {
    let size = x.size();
    check::output("positions", x.shape(), DType::Int64)?;
    A::arange(&x.namespace(), 0.0, size as f64, 1.0, DType::Int64)?.reshape_exact(x.shape())
}

/// The default [`ArrayApi::slice_set`]: the positions `index` selects (the index applied
/// to `x`'s flat positions, so backends' own `slice` serves it), then [`put`].
pub fn slice_set<'a, A: ArrayApi>(
    x: &'a A,
    index: impl Into<Selection>,
    values: impl Into<Operand<'a, A>>,
) -> Result<A> {
    let values: Operand<'a, A> = values.into();
    named("slice_set", || x.put(&positions(x)?.slice(index)?, values))
}

/// The default [`ArrayApi::mask`]: the mask flattened, its true positions (`nonzero`),
/// and one `take` along the flattened leading axes.
pub fn mask<A: ArrayApi>(x: &A, mask: &A) -> Result<A> {
    named("mask", || {
        const F: &str = "mask";
        if mask.dtype() != DType::Bool {
            return Err(Error::DType {
                func: F,
                dtype: mask.dtype(),
                expected: "a bool (for integer indices use index_arrays)",
            });
        }
        let k = mask.ndim();
        if k > x.ndim() || *mask.shape() != x.shape()[..k] {
            return Err(Error::shape(
                F,
                format!("a mask of shape {:?} does not match the leading axes of shape {:?}", mask.shape(), x.shape()),
            ));
        }
        let flat = flatten_leading(x, k)?;
        let true_at = mask
            .reshape_exact(&[flat.shape()[0]])?
            .nonzero()?
            .pop()
            .ok_or_else(|| Error::invalid(F, "nonzero of a 1-D mask gave no array"))?;
        flat.take_axis(&true_at, 0)
    })
}

/// The default [`ArrayApi::index_arrays`]: the index arrays checked and broadcast, turned
/// into flat positions over the leading axes, and one `take` along them.
pub fn index_arrays<A: ArrayApi>(x: &A, indices: &[&A]) -> Result<A> {
    named("index_arrays", || {
        const F: &str = "index_arrays";
        let k = indices.len();
        if k > x.ndim() {
            return Err(Error::invalid(F, format!("too many indices: {k} for an array of {} dimensions", x.ndim())));
        }
        if k == 0 {
            return Ok(x.clone());
        }
        if let Some(bad) = indices.iter().find(|i| !i.dtype().is_integer()) {
            let expected =
                if bad.dtype() == DType::Bool { "an integer (for a boolean mask use mask)" } else { "an integer" };
            return Err(Error::DType { func: F, dtype: bad.dtype(), expected });
        }
        let shapes: Vec<&[usize]> = indices.iter().map(|i| i.shape()).collect();
        let bshape = crate::shape::broadcast_shapes(F, &shapes)?;
        let mut flat: Option<A> = None;
        for (axis, idx) in indices.iter().enumerate() {
            let n = x.shape()[axis];
            let idx = checked_positions(F, *idx, axis, n)?.broadcast_to(&bshape)?;
            let stride: usize = x.shape()[axis + 1..k].iter().product();
            let term = if stride == 1 { idx } else { idx.multiply(stride as i64)? };
            flat = Some(match flat {
                None => term,
                Some(f) => f.add(&term)?,
            });
        }
        let flat = flat.ok_or_else(|| Error::invalid(F, "no index arrays"))?;
        let m = flat.size();
        let taken = flatten_leading(x, k)?.take_axis(&flat.reshape_exact(&[m])?, 0)?;
        let mut out = bshape;
        out.extend_from_slice(&x.shape()[k..]);
        taken.reshape_exact(&out)
    })
}

/// `x` with its first `k` axes flattened into one (row-major), the rest kept.
fn flatten_leading<A: ArrayApi>(x: &A, k: usize) -> Result<A> {
    let mut shape = vec![x.shape()[..k].iter().product()];
    shape.extend_from_slice(&x.shape()[k..]);
    x.reshape_exact(&shape)
}

/// Integer `indices` into an axis of length `n` as non-negative int64 positions, or
/// [`Error::IndexOutOfBounds`] naming `axis` (checked on the host, before any cast that
/// could wrap a huge unsigned index into a valid negative one).
fn checked_positions<A: ArrayApi>(func: &'static str, indices: &A, axis: usize, n: usize) -> Result<A> {
    let out_of_range = |index: i64| Error::IndexOutOfBounds { func, index, axis, size: n };
    if indices.dtype() == DType::UInt64 {
        if let Some(&bad) = indices.to_vec::<u64>()?.iter().find(|&&i| i >= n as u64) {
            return Err(out_of_range(i64::try_from(bad).unwrap_or(i64::MAX)));
        }
    }
    let idx = indices.astype(DType::Int64)?;
    let n_i = n as i64;
    if let Some(&bad) = idx.to_vec::<i64>()?.iter().find(|&&i| i < -n_i || i >= n_i) {
        return Err(out_of_range(bad));
    }
    idx.less(0i64)?.where_(&idx.add(n_i)?, &idx)
}

/// The default [`ArrayApi::put`]: on the host, the position each element of the result
/// takes from `values` (the last one for a repeated position); on the backend, one `take`
/// of the values and one `where` against `x`.
pub fn put<'a, A: ArrayApi>(x: &'a A, indices: &'a A, values: impl Into<Operand<'a, A>>) -> Result<A> {
    named("put", || {
        const F: &str = "put";
        if !indices.dtype().is_integer() {
            return Err(Error::DType { func: F, dtype: indices.dtype(), expected: "an integer" });
        }
        let ns = x.namespace();
        let values = update_values(F, x, values.into())?;
        let values = values.broadcast_to(indices.shape())?;
        let size = x.size();
        let m = indices.size();
        if m == 0 {
            return Ok(x.clone());
        }
        let flat_at = checked_positions(F, &indices.reshape_exact(&[m])?, 0, size)?.to_vec::<i64>()?;
        // source[j]: which value lands at flat position j (-1: none, x's own element).
        let mut source = host_indices(F, size, |_| -1)?;
        for (k, &p) in flat_at.iter().enumerate() {
            source[p as usize] = k as i64;
        }
        let replaced: Vec<bool> = source.iter().map(|&s| s >= 0).collect();
        let from: Vec<i64> = source.iter().map(|&s| s.max(0)).collect();
        let gathered = values.reshape_exact(&[m])?.take_axis(&A::asarray(&ns, &from, &[size])?, 0)?;
        let replaced = A::asarray(&ns, &replaced, &[size])?;
        replaced.select(&gathered, &x.reshape_exact(&[size])?)?.reshape_exact(x.shape())
    })
}

/// The values of an update of `x` (`put`, `slice_set`, `slice_assign`) as an array of
/// `x`'s dtype on `x`'s namespace: a scalar by the standard's scalar rule
/// ([`Scalar::cast`]), an array only where the promotion rules allow the conversion
/// ([`crate::can_cast`]); anything else is a typed error naming `func`, never a silent
/// truncation. For backends that override an update.
pub fn update_values<A: ArrayApi>(func: &'static str, x: &A, values: Operand<'_, A>) -> Result<A> {
    match values {
        Operand::Array(v) => {
            if !crate::dtype::can_cast(v.dtype(), x.dtype()) {
                return Err(Error::invalid(
                    func,
                    format!(
                        "cannot store {} values in a {} array by the promotion rules (convert them with astype)",
                        v.dtype(),
                        x.dtype()
                    ),
                ));
            }
            v.astype(x.dtype())
        }
        Operand::Scalar(s) => scalar_array(func, s, x.dtype(), &x.namespace()),
    }
}
