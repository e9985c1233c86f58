//! The one error type of arrayapi.
//!
//! Every variant names the function that failed (`func`) and what was wrong with the
//! input: shapes, dtypes, devices, axes, or the backends that were asked. Variants are
//! grouped by kind, and [`Error::kind`] gives the group for code that wants to branch.

use crate::device::Device;
use crate::dtype::DType;

/// `Result` with arrayapi's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in an array function.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // ---- shape ---------------------------------------------------------------------
    /// Two or more shapes cannot be broadcast together.
    #[error("{func}: shapes {lhs:?} and {rhs:?} cannot be broadcast together")]
    Broadcast {
        /// The function called.
        func: &'static str,
        /// The first shape.
        lhs: Vec<usize>,
        /// The shape it could not be broadcast with.
        rhs: Vec<usize>,
    },
    /// Shapes that had to agree do not (matmul's inner dimensions, concat, reshape sizes).
    #[error("{func}: {reason}")]
    ShapeMismatch {
        /// The function called.
        func: &'static str,
        /// Which shapes, and why they do not fit.
        reason: String,
    },
    /// An axis is outside `[-ndim, ndim)`.
    #[error("{func}: axis {axis} is out of range for an array of {ndim} dimension(s)")]
    AxisOutOfRange {
        /// The function called.
        func: &'static str,
        /// The axis as given.
        axis: isize,
        /// The number of dimensions it was checked against.
        ndim: usize,
    },
    /// The same axis was given twice.
    #[error("{func}: axis {axis} is repeated in {axes:?}")]
    DuplicateAxis {
        /// The function called.
        func: &'static str,
        /// The repeated axis, normalised.
        axis: usize,
        /// All axes as given.
        axes: Vec<isize>,
    },
    /// A shape's element count (or byte count) does not fit in `usize`.
    #[error("{func}: the element count of shape {shape:?} overflows usize")]
    Overflow {
        /// The function called.
        func: &'static str,
        /// The offending shape.
        shape: Vec<usize>,
    },
    /// An index is outside the axis it indexes.
    #[error("{func}: index {index} is out of bounds for axis {axis} with size {size}")]
    IndexOutOfBounds {
        /// The function called.
        func: &'static str,
        /// The index as given.
        index: i64,
        /// The axis indexed.
        axis: usize,
        /// That axis' length.
        size: usize,
    },

    // ---- dtype ---------------------------------------------------------------------
    /// The standard defines no promotion for this pair (see [`crate::result_type`]).
    #[error(
        "{func}: no type promotion between {lhs} and {rhs} \
         (arrayapi does not mix kinds implicitly; convert one operand with astype)"
    )]
    Promotion {
        /// The function called.
        func: &'static str,
        /// One dtype.
        lhs: DType,
        /// The dtype it does not promote with.
        rhs: DType,
    },
    /// The function is not defined for this dtype (e.g. `sin` of an integer array).
    #[error("{func}: expected {expected} input, got {dtype}")]
    DType {
        /// The function called.
        func: &'static str,
        /// The dtype given.
        dtype: DType,
        /// What the function accepts, in words ("a floating-point", "a boolean").
        expected: &'static str,
    },
    /// A scalar cannot be represented in the array's dtype without loss.
    #[error("{func}: the scalar {value} cannot be represented as {dtype}")]
    ScalarCast {
        /// The function called.
        func: &'static str,
        /// The scalar, printed.
        value: String,
        /// The dtype it had to take.
        dtype: DType,
    },

    // ---- device --------------------------------------------------------------------
    /// Arrays on different devices met in one call.
    #[error("{func}: arrays are on different devices, {lhs} and {rhs}; move one with to_device")]
    DeviceMismatch {
        /// The function called.
        func: &'static str,
        /// One device.
        lhs: Device,
        /// The other device.
        rhs: Device,
    },
    /// A device this build or this machine does not have.
    #[error("{func}: device {device} is not available: {reason}")]
    DeviceUnavailable {
        /// The function called.
        func: &'static str,
        /// The device asked for.
        device: Device,
        /// Why (not compiled in, no such GPU, driver error...).
        reason: String,
    },

    // ---- dispatch ------------------------------------------------------------------
    /// No backend of the arguments handled the call (NumPy's
    /// `TypeError: no implementation found for 'numpy.X' on types [...]`).
    #[error("no implementation found for '{func}' on backends {backends:?}")]
    NoImplementation {
        /// The function called.
        func: &'static str,
        /// Every backend asked, in the order asked.
        backends: Vec<&'static str>,
    },

    // ---- backend -------------------------------------------------------------------
    /// The backend lacks this function or dtype; nothing was computed.
    #[error("{func}: the {backend} backend does not support {what}")]
    Unsupported {
        /// The function called.
        func: &'static str,
        /// The backend's name.
        backend: &'static str,
        /// What it lacks ("dtype int8", "this function").
        what: String,
    },
    /// An output could not be allocated.
    #[error("{func}: cannot allocate {bytes} bytes for the result")]
    OutOfMemory {
        /// The function called.
        func: &'static str,
        /// The size asked for.
        bytes: usize,
    },
    /// The backend's own library reported an error.
    #[error("{func}: the {backend} backend failed: {message}")]
    Backend {
        /// The function called.
        func: &'static str,
        /// The backend's name.
        backend: &'static str,
        /// The library's message.
        message: String,
    },

    // ---- files -----------------------------------------------------------------------
    /// Reading or writing a file failed, or the file is not what it should be (a `.npy`
    /// file with a bad header, a dtype arrayapi has no type for, missing data).
    #[error("{func}: {path}: {reason}")]
    Io {
        /// The function called.
        func: &'static str,
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },

    // ---- values --------------------------------------------------------------------
    /// An argument that is not an array is invalid (a zero step, a bad count...).
    #[error("{func}: {reason}")]
    InvalidArgument {
        /// The function called.
        func: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// The group an [`Error`] belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Shapes, axes, indices and element counts.
    Shape,
    /// Data types and promotion.
    DType,
    /// Devices.
    Device,
    /// The dispatch protocol found no handler.
    Dispatch,
    /// A backend's limitation or failure.
    Backend,
    /// Files: reading, writing, their contents.
    Io,
    /// Other invalid arguments.
    Value,
}

impl Error {
    /// The group this error belongs to.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Broadcast { .. }
            | Error::ShapeMismatch { .. }
            | Error::AxisOutOfRange { .. }
            | Error::DuplicateAxis { .. }
            | Error::Overflow { .. }
            | Error::IndexOutOfBounds { .. } => ErrorKind::Shape,
            Error::Promotion { .. } | Error::DType { .. } | Error::ScalarCast { .. } => ErrorKind::DType,
            Error::DeviceMismatch { .. } | Error::DeviceUnavailable { .. } => ErrorKind::Device,
            Error::NoImplementation { .. } => ErrorKind::Dispatch,
            Error::Unsupported { .. } | Error::Backend { .. } | Error::OutOfMemory { .. } => ErrorKind::Backend,
            Error::Io { .. } => ErrorKind::Io,
            Error::InvalidArgument { .. } => ErrorKind::Value,
        }
    }

    /// The name of the function that failed.
    pub fn func(&self) -> &'static str {
        match self {
            Error::Broadcast { func, .. }
            | Error::ShapeMismatch { func, .. }
            | Error::AxisOutOfRange { func, .. }
            | Error::DuplicateAxis { func, .. }
            | Error::Overflow { func, .. }
            | Error::IndexOutOfBounds { func, .. }
            | Error::Promotion { func, .. }
            | Error::DType { func, .. }
            | Error::ScalarCast { func, .. }
            | Error::DeviceMismatch { func, .. }
            | Error::DeviceUnavailable { func, .. }
            | Error::NoImplementation { func, .. }
            | Error::Unsupported { func, .. }
            | Error::Backend { func, .. }
            | Error::OutOfMemory { func, .. }
            | Error::Io { func, .. }
            | Error::InvalidArgument { func, .. } => func,
        }
    }

    /// The same error, reported as coming from `func` (a provided function re-labels the
    /// errors of the primitive it calls: `zeros` rather than `full`).
    pub fn in_func(mut self, func: &'static str) -> Self {
        match &mut self {
            Error::Broadcast { func: f, .. }
            | Error::ShapeMismatch { func: f, .. }
            | Error::AxisOutOfRange { func: f, .. }
            | Error::DuplicateAxis { func: f, .. }
            | Error::Overflow { func: f, .. }
            | Error::IndexOutOfBounds { func: f, .. }
            | Error::Promotion { func: f, .. }
            | Error::DType { func: f, .. }
            | Error::ScalarCast { func: f, .. }
            | Error::DeviceMismatch { func: f, .. }
            | Error::DeviceUnavailable { func: f, .. }
            | Error::NoImplementation { func: f, .. }
            | Error::Unsupported { func: f, .. }
            | Error::Backend { func: f, .. }
            | Error::OutOfMemory { func: f, .. }
            | Error::Io { func: f, .. }
            | Error::InvalidArgument { func: f, .. } => *f = func,
        }
        self
    }

    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid(func: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidArgument { func, reason: reason.into() }
    }

    /// Shorthand for [`Error::ShapeMismatch`].
    pub fn shape(func: &'static str, reason: impl Into<String>) -> Self {
        Error::ShapeMismatch { func, reason: reason.into() }
    }
}
