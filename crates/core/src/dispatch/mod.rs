//! Run-time dispatch: NEP 18's `__array_function__` protocol in Rust.
//!
//! - [`Call`] is a function call as a value (NumPy's `func` plus its arguments): it
//!   names the function and lists its *relevant* array arguments.
//! - [`Array`] is the dynamic array handle. It implements [`crate::ArrayApi`]; every
//!   function builds a [`Call`] and hands it to the protocol, once.
//! - The protocol ([`Call::dispatch`]) orders the backends of the relevant arguments as
//!   NEP 18 orders types, asks each backend's [`crate::Backend::array_function`] in
//!   turn, treats [`Outcome::NotImplemented`] as "try the next", and reports
//!   [`crate::Error::NoImplementation`] when nobody handles the call.
//! - [`Namespace`] is the dynamic creation handle (NEP 35 / NEP 47).
//! - `inline` holds small backend arrays inside the handle (no allocation per result).
//!
//! See `docs/protocol.md` for the full mapping and the ordering rule.

pub(crate) mod array;
mod call;
mod inline;
mod namespace;
mod output;
mod protocol;

pub use array::Array;
pub use call::{Call, CallArrays, FunctionId};
pub use namespace::Namespace;
pub use output::{IntoArray, Output};
pub use protocol::{native_array_function, Outcome};
pub(crate) use protocol::{native_from, typed};
