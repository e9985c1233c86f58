//! The default implementations of the creation functions: those that take an array,
//! and the [`crate::Backend`] defaults of `arange`, `linspace` and `eye`, which take a
//! namespace.

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::zeros_like`].
pub fn zeros_like<A: ArrayApi>(x: &A) -> Result<A> {
    named("zeros_like", || A::zeros(&x.namespace(), x.shape(), x.dtype()))
}

/// The default [`ArrayApi::ones_like`].
pub fn ones_like<A: ArrayApi>(x: &A) -> Result<A> {
    named("ones_like", || A::ones(&x.namespace(), x.shape(), x.dtype()))
}

/// The default [`ArrayApi::full_like`].
pub fn full_like<A: ArrayApi>(x: &A, fill: impl Into<Scalar>) -> Result<A> {
    named("full_like", || A::full(&x.namespace(), x.shape(), fill.into(), x.dtype()))
}

/// The default [`ArrayApi::empty_like`].
pub fn empty_like<A: ArrayApi>(x: &A) -> Result<A> {
    named("empty_like", || x.zeros_like())
}

/// The default [`ArrayApi::tril`].
pub fn tril<A: ArrayApi>(x: &A, k: isize) -> Result<A> {
    named("tril", || triangle(x, k, true))
}

/// The default [`ArrayApi::triu`].
pub fn triu<A: ArrayApi>(x: &A, k: isize) -> Result<A> {
    named("triu", || triangle(x, k, false))
}

/// The default [`ArrayApi::meshgrid`].
pub fn meshgrid<A: ArrayApi>(arrays: &[A], ij: bool) -> Result<Vec<A>> {
    named("meshgrid", || {
        const F: &str = "meshgrid";
        if let Some(a) = arrays.iter().find(|a| a.ndim() != 1) {
            return Err(Error::shape(F, format!("inputs must be 1-D, got shape {:?}", a.shape())));
        }
        let mut shape: Vec<usize> = arrays.iter().map(|a| a.shape()[0]).collect();
        let mut pos: Vec<usize> = (0..arrays.len()).collect();
        if !ij && arrays.len() >= 2 {
            shape.swap(0, 1);
            pos.swap(0, 1);
        }
        arrays
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut s = vec![1; shape.len()];
                s[pos[i]] = a.shape()[0];
                a.reshape_exact(&s)?.broadcast_to(&shape)
            })
            .collect()
    })
}

/// The default [`crate::Backend::arange`].
pub fn arange<A: ArrayApi>(ns: &A::Namespace, start: f64, stop: f64, step: f64, dtype: DType) -> Result<A> {
    named("arange", || A::from_host(ns, crate::creation::arange(start, stop, step, dtype)?))
}

/// The default [`crate::Backend::linspace`].
pub fn linspace<A: ArrayApi>(
    ns: &A::Namespace,
    start: f64,
    stop: f64,
    num: usize,
    endpoint: bool,
    dtype: DType,
) -> Result<A> {
    named("linspace", || A::from_host(ns, crate::creation::linspace(start, stop, num, endpoint, dtype)?))
}

/// The default [`crate::Backend::eye`].
pub fn eye<A: ArrayApi>(ns: &A::Namespace, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<A> {
    named("eye", || A::from_host(ns, crate::creation::eye(n_rows, n_cols.unwrap_or(n_rows), k, dtype)?))
}

/// `tril` (`lower`) or `triu`: keep `j - i <= k` (or `>= k`) in the last two axes.
fn triangle<A: ArrayApi>(x: &A, k: isize, lower: bool) -> Result<A> {
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
