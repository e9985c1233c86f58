//! The default implementations of the sorting functions (the rows of [`crate::api::sorting`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::sort`].
pub fn sort<A: ArrayApi>(x: &A, axis: isize, descending: bool) -> Result<A> {
    named("sort", || {
        let order = sort_order(x, "sort", axis, descending)?;
        let axis = normalize_axis("sort", axis, x.ndim())?;
        // Gather each lane in its sorted order: flat indices of the whole array.
        let idx = A::asarray(&x.namespace(), &order.flat, &[order.flat.len()])?;
        let moved = x.moveaxis(&[axis as isize], &[-1])?;
        let flat = moved.reshape_exact(&[moved.size()])?.take_axis(&idx, 0)?;
        let shape = moved.shape().to_vec();
        flat.reshape_exact(&shape)?.moveaxis(&[-1], &[axis as isize])
    })
}

/// The default [`ArrayApi::argsort`].
pub fn argsort<A: ArrayApi>(x: &A, axis: isize, descending: bool) -> Result<A> {
    named("argsort", || {
        let order = sort_order(x, "argsort", axis, descending)?;
        let axis = normalize_axis("argsort", axis, x.ndim())?;
        let moved_shape: Vec<usize> = {
            let mut s: Vec<usize> = x.shape().to_vec();
            let n = s.remove(axis);
            s.push(n);
            s
        };
        A::asarray(&x.namespace(), &order.within, &moved_shape)?.moveaxis(&[-1], &[axis as isize])
    })
}
