//! What NumPy-style code needs in scope, in one line: `use arrayapi::prelude::*;`.
//!
//! The user API ([`ArrayApi`], its methods and operators), the dynamic [`Array`] and
//! [`Namespace`], and the value types. Not the backend contract ([`crate::Backend`]):
//! backend authors import it by name, and with both traits in scope an associated
//! function that both have (`MyArray::full(..)`) would need its trait named.

pub use crate::{
    s, Activation, Array, ArrayApi, Axes, BackendNamespace, DType, Device, Error, ErrorKind, Namespace, NewAxis,
    Operand, Result, Scalar, Side,
};
