//! The default implementations of the searching functions (the rows of [`crate::api::searching`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::where_`].
pub fn where_<'a, A: ArrayApi>(x: &'a A, x1: impl Into<Operand<'a, A>>, x2: impl Into<Operand<'a, A>>) -> Result<A> {
    named("where", || {
        let ns = x.namespace();
        let scalar_like = |s: Scalar, other: &A| scalar_array("where", s, other.dtype(), &ns);
        match (x1.into(), x2.into()) {
            (Operand::Array(a), Operand::Array(b)) => x.select(a, b),
            (Operand::Array(a), Operand::Scalar(s)) => x.select(a, &scalar_like(s, a)?),
            (Operand::Scalar(s), Operand::Array(b)) => x.select(&scalar_like(s, b)?, b),
            (Operand::Scalar(_), Operand::Scalar(_)) => {
                Err(Error::invalid("where", "at least one of x1 and x2 must be an array"))
            }
        }
    })
}

/// The default [`ArrayApi::argmax`].
pub fn argmax<A: ArrayApi>(x: &A, axis: Option<isize>, keepdims: bool) -> Result<A> {
    named("argmax", || arg_reduce_provided(x, ArgReduceOp::ArgMax, axis, keepdims))
}

/// The default [`ArrayApi::argmin`].
pub fn argmin<A: ArrayApi>(x: &A, axis: Option<isize>, keepdims: bool) -> Result<A> {
    named("argmin", || arg_reduce_provided(x, ArgReduceOp::ArgMin, axis, keepdims))
}

/// The default [`ArrayApi::count_nonzero`].
pub fn count_nonzero<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
    named("count_nonzero", || {
        x.astype(DType::Bool)?.astype(DType::Int64)?.sum(axes, keepdims).map_err(|e| e.in_func("count_nonzero"))
    })
}

/// The default [`ArrayApi::nonzero`].
pub fn nonzero<A: ArrayApi>(x: &A) -> Result<Vec<A>> {
    named("nonzero", || set::nonzero(x))
}

/// The default [`ArrayApi::searchsorted`].
pub fn searchsorted<A: ArrayApi>(x: &A, values: &A, side: Side, sorter: Option<&A>) -> Result<A> {
    named("searchsorted", || set::searchsorted(x, values, side, sorter))
}

fn arg_reduce_provided<A: ArrayApi>(x: &A, op: ArgReduceOp, axis: Option<isize>, keepdims: bool) -> Result<A> {
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
