//! The default implementations of the reductions functions (the rows of [`crate::api::reductions`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::sum`].
pub fn sum<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    let axes = axes.into().normalize("sum", x.ndim())?;
    x.reduce(ReduceOp::Sum, &axes, keepdims)
}

/// The default [`ArrayApi::prod`].
pub fn prod<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    let axes = axes.into().normalize("prod", x.ndim())?;
    x.reduce(ReduceOp::Prod, &axes, keepdims)
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
    let axes = axes.into().normalize("max", x.ndim())?;
    x.reduce(ReduceOp::Max, &axes, keepdims)
}

/// The default [`ArrayApi::min`].
pub fn min<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    let axes = axes.into().normalize("min", x.ndim())?;
    x.reduce(ReduceOp::Min, &axes, keepdims)
}

/// The default [`ArrayApi::all`].
pub fn all<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    let axes = axes.into().normalize("all", x.ndim())?;
    x.reduce(ReduceOp::All, &axes, keepdims)
}

/// The default [`ArrayApi::any`].
pub fn any<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    let axes = axes.into().normalize("any", x.ndim())?;
    x.reduce(ReduceOp::Any, &axes, keepdims)
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
