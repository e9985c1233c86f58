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
        let n = x.shape()[axis] as i64;
        if indices.dtype() == DType::UInt64 {
            // Before the cast to int64, which would wrap 2^64 - 2 into -2 (x[-2]).
            if let Some(&bad) = indices.to_vec::<u64>()?.iter().find(|&&i| i >= n as u64) {
                let index = i64::try_from(bad).unwrap_or(i64::MAX);
                return Err(Error::IndexOutOfBounds { func: F, index, axis, size: n as usize });
            }
        }
        let idx = indices.astype(DType::Int64)?.broadcast_to(&out_shape)?;
        if let Some(&bad) = idx.to_vec::<i64>()?.iter().find(|&&i| i < -n || i >= n) {
            return Err(Error::IndexOutOfBounds { func: F, index: bad, axis, size: n as usize });
        }
        let idx = idx.less(0i64)?.where_(&idx.add(n)?, &idx)?;
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
