//! Every function of the core issue on the ndarray backend, through both the static
//! path (`NdArray`, monomorphised) and the dynamic path (`Array`, run-time dispatch).
//!
//! Each test is a generic `fn name<A: ArrayApi>(ns: &A::Namespace) -> Result<()>`,
//! stamped out once per path by `both_paths!`. Expected values come from plain Rust on
//! host data, never from the backend under test.

#[macro_use]
mod support;

mod creation;
mod elementwise;
mod errors;
mod manipulation;
mod matmul;
mod reductions;
