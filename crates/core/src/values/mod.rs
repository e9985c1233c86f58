//! The value types every layer uses: dtypes and promotion, scalars, element types, host
//! data, shapes and axes, devices, operation descriptors, operands, and the one error
//! enum.

pub(crate) mod device;
pub(crate) mod dtype;
pub(crate) mod element;
pub(crate) mod error;
pub(crate) mod host;
pub mod index;
pub(crate) mod operand;
pub mod ops;
pub(crate) mod scalar;
pub mod shape;
