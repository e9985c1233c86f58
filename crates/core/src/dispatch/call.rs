//! A call to one array function, as a value.

use crate::device::Device;
use crate::dispatch::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::fused::FusedOp;
use crate::ops::{ArgReduceOp, BinaryOp, CumulativeOp, ReduceOp, Side, UnaryOp};
use crate::scalar::Scalar;

/// One call of a dispatchable function: which function, with which arguments.
///
/// This is what NumPy passes to `__array_function__` as `func`, `args` and `kwargs`. The
/// array fields are the *relevant arguments* dispatch looks at; every other field is a
/// plain parameter. A backend's [`crate::ArrayApi::array_function`] receives it, and a
/// wrapper backend can rebuild it around other arrays with [`Call::with_arrays`] and
/// run it again with [`Call::dispatch`].
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum Call<'a> {
    AsType { x: &'a Array, dtype: DType },
    ToDevice { x: &'a Array, device: Device },
    Unary { x: &'a Array, op: UnaryOp },
    Binary { x1: &'a Array, x2: &'a Array, op: BinaryOp },
    BinaryScalar { x: &'a Array, scalar: Scalar, op: BinaryOp, side: Side },
    Where { cond: &'a Array, x1: &'a Array, x2: &'a Array },
    Reduce { x: &'a Array, op: ReduceOp, axes: &'a [usize], keepdims: bool },
    ArgReduce { x: &'a Array, op: ArgReduceOp, axis: usize, keepdims: bool },
    Cumulative { x: &'a Array, op: CumulativeOp, axis: usize, include_initial: bool },
    Reshape { x: &'a Array, shape: &'a [usize] },
    PermuteDims { x: &'a Array, axes: &'a [usize] },
    BroadcastTo { x: &'a Array, shape: &'a [usize] },
    Concat { arrays: &'a [Array], axis: usize },
    Take { x: &'a Array, indices: &'a Array, axis: usize },
    Matmul { x1: &'a Array, x2: &'a Array },
    Fused { op: FusedOp, args: &'a [Array] },
}

impl<'a> Call<'a> {
    /// The function's name (the standard's, e.g. `"exp"`, `"matmul"`), as used in errors.
    pub fn name(&self) -> &'static str {
        match self {
            Call::AsType { .. } => "astype",
            Call::ToDevice { .. } => "to_device",
            Call::Unary { op, .. } => op.name(),
            Call::Binary { op, .. } | Call::BinaryScalar { op, .. } => op.name(),
            Call::Where { .. } => "where",
            Call::Reduce { op, .. } => op.name(),
            Call::ArgReduce { op, .. } => op.name(),
            Call::Cumulative { op, .. } => op.name(),
            Call::Reshape { .. } => "reshape",
            Call::PermuteDims { .. } => "permute_dims",
            Call::BroadcastTo { .. } => "broadcast_to",
            Call::Concat { .. } => "concat",
            Call::Take { .. } => "take",
            Call::Matmul { .. } => "matmul",
            Call::Fused { op, .. } => op.name(),
        }
    }

    /// The relevant array arguments, in argument order.
    pub fn arrays(&self) -> CallArrays<'a> {
        let fixed = |a: [Option<&'a Array>; 3]| CallArrays::Fixed(a.into_iter());
        match *self {
            Call::AsType { x, .. }
            | Call::ToDevice { x, .. }
            | Call::Unary { x, .. }
            | Call::BinaryScalar { x, .. }
            | Call::Reduce { x, .. }
            | Call::ArgReduce { x, .. }
            | Call::Cumulative { x, .. }
            | Call::Reshape { x, .. }
            | Call::PermuteDims { x, .. }
            | Call::BroadcastTo { x, .. } => fixed([Some(x), None, None]),
            Call::Binary { x1, x2, .. } | Call::Matmul { x1, x2 } => fixed([Some(x1), Some(x2), None]),
            Call::Take { x, indices, .. } => fixed([Some(x), Some(indices), None]),
            Call::Where { cond, x1, x2 } => fixed([Some(cond), Some(x1), Some(x2)]),
            Call::Concat { arrays, .. } | Call::Fused { args: arrays, .. } => CallArrays::Slice(arrays.iter()),
        }
    }

    /// The number of relevant array arguments.
    pub fn num_arrays(&self) -> usize {
        match self {
            Call::Concat { arrays, .. } | Call::Fused { args: arrays, .. } => arrays.len(),
            _ => self.arrays().count(),
        }
    }

    /// The same call with its array arguments replaced, in order, by `arrays` (which must
    /// have [`Call::num_arrays`] elements). This is how a wrapper backend unwraps its
    /// arguments and re-dispatches to the arrays it wraps.
    pub fn with_arrays<'b>(&self, arrays: &'b [Array]) -> Result<Call<'b>>
    where
        'a: 'b,
    {
        if arrays.len() != self.num_arrays() {
            return Err(Error::invalid(
                self.name(),
                format!("with_arrays got {} arrays for a call with {}", arrays.len(), self.num_arrays()),
            ));
        }
        let a = |i: usize| &arrays[i];
        Ok(match *self {
            Call::AsType { dtype, .. } => Call::AsType { x: a(0), dtype },
            Call::ToDevice { device, .. } => Call::ToDevice { x: a(0), device },
            Call::Unary { op, .. } => Call::Unary { x: a(0), op },
            Call::Binary { op, .. } => Call::Binary { x1: a(0), x2: a(1), op },
            Call::BinaryScalar { scalar, op, side, .. } => Call::BinaryScalar { x: a(0), scalar, op, side },
            Call::Where { .. } => Call::Where { cond: a(0), x1: a(1), x2: a(2) },
            Call::Reduce { op, axes, keepdims, .. } => Call::Reduce { x: a(0), op, axes, keepdims },
            Call::ArgReduce { op, axis, keepdims, .. } => Call::ArgReduce { x: a(0), op, axis, keepdims },
            Call::Cumulative { op, axis, include_initial, .. } => {
                Call::Cumulative { x: a(0), op, axis, include_initial }
            }
            Call::Reshape { shape, .. } => Call::Reshape { x: a(0), shape },
            Call::PermuteDims { axes, .. } => Call::PermuteDims { x: a(0), axes },
            Call::BroadcastTo { shape, .. } => Call::BroadcastTo { x: a(0), shape },
            Call::Concat { axis, .. } => Call::Concat { arrays, axis },
            Call::Take { axis, .. } => Call::Take { x: a(0), indices: a(1), axis },
            Call::Matmul { .. } => Call::Matmul { x1: a(0), x2: a(1) },
            Call::Fused { op, .. } => Call::Fused { op, args: arrays },
        })
    }

    /// Runs the call through the dispatch protocol (see [`crate::dispatch`]).
    pub fn dispatch(&self) -> Result<Array> {
        super::protocol::dispatch(self)
    }
}

/// Iterator over a [`Call`]'s relevant arrays.
#[derive(Debug)]
pub enum CallArrays<'a> {
    /// Up to three positional arrays.
    Fixed(std::array::IntoIter<Option<&'a Array>, 3>),
    /// A sequence argument (`concat`).
    Slice(std::slice::Iter<'a, Array>),
}

impl<'a> Iterator for CallArrays<'a> {
    type Item = &'a Array;

    fn next(&mut self) -> Option<&'a Array> {
        match self {
            CallArrays::Fixed(it) => it.next().flatten(),
            CallArrays::Slice(it) => it.next(),
        }
    }
}
