//! NumPy-style free functions: `arrayapi::matmul(&a, &b)`, `arrayapi::subtract(1.0, &x)`.
//!
//! Each is generic over the array type, so it works on a backend's own arrays
//! (static dispatch) and on [`crate::Array`] (run-time dispatch) alike. Binary functions
//! accept a scalar on either side.

use crate::api::ArrayApi;
use crate::error::{Error, Result};
use crate::operand::{scalar_array, Operand};
use crate::ops::{BinaryOp, Side};
use crate::shape::Axes;

/// A scalar on the left of a binary function: `binary_scalar` with `Side::Left` where the
/// function has a `BinaryOp`.
fn scalar_first<'a, A: ArrayApi>(s: crate::Scalar, x2: Operand<'a, A>, op: BinaryOp) -> Result<A> {
    match x2 {
        Operand::Array(b) => b.binary_scalar(s, op, Side::Left),
        Operand::Scalar(_) => Err(Error::invalid(op.name(), "at least one operand must be an array")),
    }
}

/// A scalar on the left of a function computed on the host (no `BinaryOp`): a 0-d array of
/// the other operand's dtype, then the function.
fn scalar_array_first<'a, A: ArrayApi>(
    func: &'static str,
    s: crate::Scalar,
    x2: Operand<'a, A>,
    f: impl FnOnce(&A, &A) -> Result<A>,
) -> Result<A> {
    match x2 {
        Operand::Array(b) => f(&scalar_array(func, s, b.dtype(), &b.namespace()).map_err(|e| e.in_func(func))?, b),
        Operand::Scalar(_) => Err(Error::invalid(func, "at least one operand must be an array")),
    }
}

macro_rules! binary_fns {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "(x1, x2)`: either operand may be a scalar.")]
        pub fn $name<'a, A: ArrayApi>(
            x1: impl Into<Operand<'a, A>>,
            x2: impl Into<Operand<'a, A>>,
        ) -> Result<A> {
            // An array on the left is the table's own function (its dispatch point).
            match x1.into() {
                Operand::Array(a) => a.$name(x2),
                Operand::Scalar(s) => scalar_first(s, x2.into(), BinaryOp::$op),
            }
        }
    )*};
}

binary_fns!(
    add => Add, subtract => Subtract, multiply => Multiply, divide => Divide, pow => Pow,
    maximum => Maximum, minimum => Minimum, equal => Equal, not_equal => NotEqual,
    less => Less, less_equal => LessEqual, greater => Greater, greater_equal => GreaterEqual,
    logical_and => LogicalAnd, logical_or => LogicalOr,
    logical_xor => LogicalXor,
    atan2 => Atan2,
    hypot => Hypot,
    copysign => CopySign,
    logaddexp => LogAddExp,
);

macro_rules! host_binary_fns {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "(x1, x2)`: either operand may be a scalar.")]
        pub fn $name<'a, A: ArrayApi>(
            x1: impl Into<Operand<'a, A>>,
            x2: impl Into<Operand<'a, A>>,
        ) -> Result<A> {
            match x1.into() {
                Operand::Array(a) => a.$name(x2),
                Operand::Scalar(s) => scalar_array_first(stringify!($name), s, x2.into(), |a, b| a.$name(b)),
            }
        }
    )*};
}

host_binary_fns!(
    remainder,
    floor_divide,
    nextafter,
    bitwise_and,
    bitwise_or,
    bitwise_xor,
    bitwise_left_shift,
    bitwise_right_shift,
);

macro_rules! unary_fns {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "(x)`: see [`ArrayApi::", stringify!($name), "`].")]
        pub fn $name<A: ArrayApi>(x: &A) -> Result<A> {
            x.$name()
        }
    )*};
}

unary_fns!(
    negative,
    abs,
    sign,
    square,
    exp,
    expm1,
    log,
    log1p,
    sqrt,
    sin,
    cos,
    tanh,
    floor,
    ceil,
    round,
    logical_not,
    isnan,
    isinf,
    isfinite,
    matrix_transpose,
    acos,
    acosh,
    asin,
    asinh,
    atan,
    atanh,
    cosh,
    sinh,
    tan,
    log2,
    log10,
    reciprocal,
    trunc,
    positive,
    signbit,
);

macro_rules! reduction_fns {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "(x, axis, keepdims)`: see [`ArrayApi::", stringify!($name), "`].")]
        pub fn $name<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool) -> Result<A> {
            x.$name(axes, keepdims)
        }
    )*};
}

reduction_fns!(sum, prod, max, min, all, any, mean);

/// `var(x, axis, correction, keepdims)`.
pub fn var<A: ArrayApi>(x: &A, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<A> {
    x.var(axes, correction, keepdims)
}

/// `std(x, axis, correction, keepdims)`.
pub fn std<A: ArrayApi>(x: &A, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<A> {
    x.std(axes, correction, keepdims)
}

/// `argmax(x, axis, keepdims)`.
pub fn argmax<A: ArrayApi>(x: &A, axis: Option<isize>, keepdims: bool) -> Result<A> {
    x.argmax(axis, keepdims)
}

/// `argmin(x, axis, keepdims)`.
pub fn argmin<A: ArrayApi>(x: &A, axis: Option<isize>, keepdims: bool) -> Result<A> {
    x.argmin(axis, keepdims)
}

/// `cumulative_sum(x, axis, include_initial)`.
pub fn cumulative_sum<A: ArrayApi>(x: &A, axis: Option<isize>, include_initial: bool) -> Result<A> {
    x.cumulative_sum(axis, include_initial)
}

/// `where(cond, x1, x2)`: either branch may be a scalar.
pub fn where_<'a, A: ArrayApi>(cond: &'a A, x1: impl Into<Operand<'a, A>>, x2: impl Into<Operand<'a, A>>) -> Result<A> {
    cond.where_(x1, x2)
}

/// `clip(x, min, max)`.
pub fn clip<'a, A: ArrayApi>(x: &'a A, min: Option<Operand<'a, A>>, max: Option<Operand<'a, A>>) -> Result<A> {
    x.clip(min, max)
}

/// `matmul(x1, x2)`.
pub fn matmul<A: ArrayApi>(x1: &A, x2: &A) -> Result<A> {
    x1.matmul(x2)
}

/// `astype(x, dtype)`.
pub fn astype<A: ArrayApi>(x: &A, dtype: crate::DType) -> Result<A> {
    x.astype(dtype)
}

/// `reshape(x, shape)`: one dimension may be `-1`.
pub fn reshape<A: ArrayApi>(x: &A, shape: &[isize]) -> Result<A> {
    x.reshape(shape)
}

/// `permute_dims(x, axes)`.
pub fn permute_dims<A: ArrayApi>(x: &A, axes: &[usize]) -> Result<A> {
    x.permute_dims(axes)
}

/// `expand_dims(x, axis)`.
pub fn expand_dims<A: ArrayApi>(x: &A, axis: isize) -> Result<A> {
    x.expand_dims(axis)
}

/// `squeeze(x, axis)`.
pub fn squeeze<A: ArrayApi>(x: &A, axes: impl Into<Axes>) -> Result<A> {
    x.squeeze(axes)
}

/// `broadcast_to(x, shape)`.
pub fn broadcast_to<A: ArrayApi>(x: &A, shape: &[usize]) -> Result<A> {
    x.broadcast_to(shape)
}

/// `broadcast_arrays(*arrays)`.
pub fn broadcast_arrays<A: ArrayApi>(arrays: &[A]) -> Result<Vec<A>> {
    A::broadcast_arrays(arrays)
}

/// `concat(arrays, axis)` (`None`: flatten first).
pub fn concat<A: ArrayApi>(arrays: &[A], axis: Option<isize>) -> Result<A> {
    A::concat(arrays, axis)
}

/// `stack(arrays, axis)`.
pub fn stack<A: ArrayApi>(arrays: &[A], axis: isize) -> Result<A> {
    A::stack(arrays, axis)
}

/// `flip(x, axis)`.
pub fn flip<A: ArrayApi>(x: &A, axes: impl Into<Axes>) -> Result<A> {
    x.flip(axes)
}

/// `take(x, indices, axis)`.
pub fn take<A: ArrayApi>(x: &A, indices: &A, axis: Option<isize>) -> Result<A> {
    x.take(indices, axis)
}
