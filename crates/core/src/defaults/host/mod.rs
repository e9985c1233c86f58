//! What the defaults compute on the host: the data of `arange`, `linspace` and `eye`,
//! the bitwise and integer-division functions, the set functions and sorting orders, and
//! the `linalg` factorisations (float64 per matrix). Correct on any backend; a backend
//! with kernels for them overrides the functions that use them.

pub(crate) mod creation;
pub(crate) mod host_ops;
pub(crate) mod linalg;
pub(crate) mod set;
