//! The core of arrayapi: NumPy's array-function protocol (NEP 18) for Rust.
//!
//! The layers, one folder each:
//!
//! - [`values`]: the value types: [`DType`] with the standard's promotion lattice
//!   ([`result_type`], [`can_cast`]), shapes and broadcasting ([`shape`]), [`Device`],
//!   [`Scalar`], the operation descriptors ([`ops`]), the one [`Error`] enum;
//! - [`api`]: [`ArrayApi`], the trait users program against, generated from one table of
//!   functions ([`for_each_function`]) split by family;
//! - [`backend`]: [`Backend`], the contract a backend implements (required primitives,
//!   optional overrides of everything else);
//! - [`defaults`]: the default implementation of every function that is not a primitive
//!   (NumPy's `func._implementation`);
//! - [`dispatch`]: [`Array`] and [`Namespace`], the dynamic array and creation handle,
//!   every function dispatched per array at run time (NEP 18).
//!
//! Beside them: [`check`], the argument checks a backend calls so that every backend
//! fails alike; [`fused`], the fused training functions' descriptors; [`math`]; and the
//! free functions in the NumPy style ([`functions`], re-exported at the root).
//!
//! The core names no backend. Backends live in their own crates
//! (`arrayapi-ndarray`, ...) and plug in without editing this one.
#![warn(missing_docs)]
// `unsafe` only in `dispatch::inline`, which allows it and argues its soundness.
#![deny(unsafe_code)]

// The value types and the defaults' host algorithms keep their short paths inside the
// crate (`crate::dtype::DType`); `ops` and `shape` are public as before.
pub(crate) use defaults::host::{creation, host_ops, linalg, set};
pub(crate) use values::{device, dtype, element, error, host, operand, scalar};
pub use values::{ops, shape};

#[macro_use]
pub mod api;
pub mod backend;
pub mod check;
pub mod defaults;
pub mod dispatch;
pub mod functions;
pub mod fused;
pub mod math;
mod namespace;
pub mod prelude;
pub mod random;
pub mod values;

pub use api::{result_type_of, ArrayApi};
pub use backend::Backend;
pub use device::Device;
pub use dispatch::{native_array_function, Array, Call, FunctionId, Namespace, Outcome, Output};
pub use dtype::{can_cast, finfo, iinfo, isdtype, promote, result_type, DType, DTypeKind, FInfo, IInfo};
pub use element::Element;
pub use error::{Error, ErrorKind, Result};
pub use fused::{Activation, FusedOp};
/// The `half` crate, whose `f16` and `bf16` are the element types of
/// [`DType::Float16`] and [`DType::BFloat16`].
pub use half;
pub use host::{scan_axis, HostArray, HostData};
pub use namespace::{BackendNamespace, NamespaceInfo};
pub use operand::Operand;
pub use ops::{ArgReduceOp, BinaryOp, CumulativeOp, ReduceOp, Side, UnaryOp};
pub use scalar::Scalar;
pub use set::UniqueAll;
pub use shape::{broadcast_shapes, Axes};
pub use values::index::{Ellipsis, NewAxis, Pick, Selection, SliceItem};
