//! The default implementations of the reductions functions (the rows of [`crate::api::reductions`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::sum`].
pub fn sum<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    over_axes(x, ReduceOp::Sum, axes.into(), keepdims)
}

/// The default [`ArrayApi::prod`].
pub fn prod<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    over_axes(x, ReduceOp::Prod, axes.into(), keepdims)
}

/// The default [`ArrayApi::sum_as`].
pub fn sum_as<A: ArrayApi>(x: &A, axes: impl Into<Axes>, dtype: DType, keepdims: bool) -> Result<A> {
    let axes = axes.into();
    reduce_as(x, "sum", dtype, |x| x.sum(axes, keepdims))
}

/// The default [`ArrayApi::prod_as`].
pub fn prod_as<A: ArrayApi>(x: &A, axes: impl Into<Axes>, dtype: DType, keepdims: bool) -> Result<A> {
    let axes = axes.into();
    reduce_as(x, "prod", dtype, |x| x.prod(axes, keepdims))
}

/// The default [`ArrayApi::max`].
pub fn max<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    over_axes(x, ReduceOp::Max, axes.into(), keepdims)
}

/// The default [`ArrayApi::min`].
pub fn min<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    over_axes(x, ReduceOp::Min, axes.into(), keepdims)
}

/// The default [`ArrayApi::all`].
pub fn all<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    over_axes(x, ReduceOp::All, axes.into(), keepdims)
}

/// The default [`ArrayApi::any`].
pub fn any<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    over_axes(x, ReduceOp::Any, axes.into(), keepdims)
}

/// The default [`ArrayApi::mean`].
pub fn mean<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    named("mean", || {
        let (axes, n) = float_reduction_axes("mean", x, axes.into())?;
        x.reduce(ReduceOp::Sum, &axes, keepdims)?.binary_scalar(Scalar::Float(n as f64), BinaryOp::Divide, Side::Right)
    })
}

/// The default [`ArrayApi::var`].
pub fn var<A: ArrayApi>(x: &A, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<A> {
    named("var", || {
        const F: &str = "var";
        if !(correction.is_finite() && correction >= 0.0) {
            return Err(Error::invalid(F, format!("correction must be finite and >= 0, got {correction}")));
        }
        let (axes, n) = float_reduction_axes(F, x, axes.into())?;
        let nf = Scalar::Float(n as f64);
        let mean = x.reduce(ReduceOp::Sum, &axes, true)?.binary_scalar(nf, BinaryOp::Divide, Side::Right)?;
        let dev = x.binary(&mean, BinaryOp::Subtract)?;
        let ss = dev.unary(UnaryOp::Square)?.reduce(ReduceOp::Sum, &axes, keepdims)?;
        let dof = n as f64 - correction;
        let divisor = if dof > 0.0 { dof } else { f64::NAN };
        ss.binary_scalar(Scalar::Float(divisor), BinaryOp::Divide, Side::Right)
    })
}

/// The default [`ArrayApi::std`].
pub fn std<A: ArrayApi>(x: &A, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<A> {
    named("std", || x.var(axes, correction, keepdims)?.unary(UnaryOp::Sqrt))
}

/// The default [`ArrayApi::cumulative_sum`].
pub fn cumulative_sum<A: ArrayApi>(x: &A, axis: Option<isize>, include_initial: bool) -> Result<A> {
    let axis = axis_or_only("cumulative_sum", axis, x.ndim())?;
    x.cumulative(CumulativeOp::Sum, axis, include_initial)
}

/// The default [`ArrayApi::cumulative_sum_as`].
pub fn cumulative_sum_as<A: ArrayApi>(x: &A, axis: Option<isize>, dtype: DType, include_initial: bool) -> Result<A> {
    reduce_as(x, "cumulative_sum", dtype, |x| x.cumulative_sum(axis, include_initial))
}

/// The default [`ArrayApi::diff`].
pub fn diff<A: ArrayApi>(x: &A, axis: isize, n: usize) -> Result<A> {
    named("diff", || {
        const F: &str = "diff";
        let axis = normalize_axis(F, axis, x.ndim())?;
        let ns = x.namespace();
        if x.size() == 0 {
            // No values to subtract: only the shape changes (the index vectors below
            // would be as long as the axis, which a zero-element array may make huge).
            let mut shape = x.shape().to_vec();
            shape[axis] = shape[axis].saturating_sub(n);
            return A::zeros(&ns, &shape, x.dtype()).map_err(|e| e.in_func(F));
        }
        let mut out = x.clone();
        for _ in 0..n {
            let len = out.shape()[axis];
            if len == 0 {
                break;
            }
            let hi = host_indices(F, len - 1, |i| i as i64 + 1)?;
            let lo = host_indices(F, len - 1, |i| i as i64)?;
            let a = out.take_axis(&A::asarray(&ns, &hi, &[len - 1])?, axis)?;
            let b = out.take_axis(&A::asarray(&ns, &lo, &[len - 1])?, axis)?;
            out = if out.dtype().is_bool() { a.not_equal(&b)? } else { a.subtract(&b)? };
        }
        Ok(out)
    })
}

/// The default [`ArrayApi::cumulative_prod`].
pub fn cumulative_prod<A: ArrayApi>(x: &A, axis: Option<isize>, include_initial: bool) -> Result<A> {
    named("cumulative_prod", || {
        let axis = axis_or_only("cumulative_prod", axis, x.ndim())?;
        host_ops::cumulative_prod(x, axis, include_initial)
    })
}

/// `op` over the user's `axes` (normalised, errors named by the op): the default of the
/// named reductions.
fn over_axes<A: ArrayApi>(x: &A, op: ReduceOp, axes: Axes, keepdims: bool) -> Result<A> {
    x.reduce(op, &axes.normalize(op.name(), x.ndim())?, keepdims)
}

/// Axes of a floating-point-only reduction and the number of elements reduced.
fn float_reduction_axes<A: ArrayApi>(func: &'static str, x: &A, axes: Axes) -> Result<(Vec<usize>, usize)> {
    if !x.dtype().is_floating() {
        return Err(Error::DType { func, dtype: x.dtype(), expected: "a floating-point" });
    }
    let axes = axes.normalize(func, x.ndim())?;
    let n = axes.iter().map(|&a| x.shape()[a]).product();
    Ok((axes, n))
}

/// A sum, product or running sum with the standard's `dtype=`: the input cast to `dtype`
/// (both numeric), reduced, and the result in `dtype`. Integers accumulate in int64,
/// whose wrapping arithmetic agrees with wrapping in any integer dtype modulo its width
/// (unsigned ones included), and are cast back, which truncates: the result is what
/// summing in `dtype` gives, on backends without a uint64 accumulator too.
fn reduce_as<A: ArrayApi>(x: &A, func: &'static str, dtype: DType, f: impl FnOnce(&A) -> Result<A>) -> Result<A> {
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
