//! The checks, one module per family of functions. Each check is a generic
//! `fn(&A::Namespace) -> Result<()>` that panics (through assertions) where the backend
//! departs from the standard; expected values are computed on host data in the check,
//! never by the backend under test.

/// Creation functions.
pub mod creation;
/// Element-wise functions.
pub mod elementwise;
/// Inputs that must give a typed error, never a panic or an abort; error messages..
pub mod errors;
/// Fused functions (activation with bias, its backward pass, Adam's steps).
pub mod fused;
/// `float16` and `bfloat16`, where a backend stores them.
pub mod half;
/// Indexing: slices, their updates, masks, integer arrays, `put`.
pub mod indexing;
/// Bitwise operations, shifts, floor division, remainder, `nextafter`.
pub mod integer;
/// The `linalg` extension's factorisations and products.
pub mod linalg;
/// Manipulation.
pub mod manipulation;
/// `matmul`.
pub mod matmul;
/// Property-based checks on random shapes and values.
pub mod properties;
/// Reductions.
pub mod reductions;
/// Searching, sets, `take_along_axis`, `cumulative_prod`.
pub mod sets;
