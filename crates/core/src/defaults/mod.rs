//! The default implementations: NumPy's `func._implementation`.
//!
//! One module per family, one function per row of the function table that is not a
//! required primitive. Each is generic over [`crate::ArrayApi`] and built from other functions
//! of the table:
//!
//! - a backend that does not override a function runs its default *statically on its
//!   own type* (the parts are direct calls, no dispatch);
//! - run on the dynamic [`crate::Array`] (as a wrapper does with
//!   [`crate::Call::run_default`]), the parts are dispatched one by one.
//!
//! They are public: a backend that overrides a function for some inputs calls the
//! default for the rest (`arrayapi_core::defaults::sorting::sort(x, axis, descending)`).

pub mod creation;
pub mod elementwise;
pub mod fused;
pub(crate) mod host;
pub mod indexing;
pub mod linalg;
pub mod manipulation;
pub mod reductions;
pub mod searching;
pub mod sets;
pub mod sorting;

/// What every family's defaults use.
mod common {
    pub(crate) use crate::api::ArrayApi;
    pub(crate) use crate::check;
    pub(crate) use crate::device::Device;
    pub(crate) use crate::dtype::DType;
    pub(crate) use crate::error::{Error, Result};
    pub(crate) use crate::fused::{Activation, FusedOp};
    pub(crate) use crate::host_ops::{self, HostBinary};
    pub(crate) use crate::linalg;
    pub(crate) use crate::namespace::BackendNamespace;
    pub(crate) use crate::operand::{scalar_array, Operand};
    pub(crate) use crate::ops::{ArgReduceOp, BinaryOp, CumulativeOp, ReduceOp, Side, UnaryOp};
    pub(crate) use crate::scalar::Scalar;
    pub(crate) use crate::set::{self, UniqueAll};
    pub(crate) use crate::shape::{axis_or_only, normalize_axis, resolve_reshape, Axes};
    pub(crate) use crate::values::index::{picks_shape, Pick, Selection};

    pub(crate) use super::{host_indices, named};
}

use crate::check;
use crate::dtype::DType;
use crate::error::{Error, Result};

/// Runs the body of a provided function that is built from other functions, so that an
/// error from any of its parts names the function the user called (`std`, not `var`).
#[inline]
pub(crate) fn named<T>(func: &'static str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    body().map_err(|e| e.in_func(func))
}

/// Host indices `f(0), ..., f(n - 1)` for a `take`, allocated fallibly: an axis of a
/// zero-element array may be huge, and its index vector is then a typed
/// [`Error::OutOfMemory`], not an allocation abort.
pub(crate) fn host_indices(func: &'static str, n: usize, f: impl FnMut(usize) -> i64) -> Result<Vec<i64>> {
    check::output(func, &[n], DType::Int64)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| Error::OutOfMemory { func, bytes: n.saturating_mul(8) })?;
    v.extend((0..n).map(f));
    Ok(v)
}
