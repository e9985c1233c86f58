//! Typed storage: one `ArcArray` per dtype, and the macros that match on it.
//!
//! Every operation matches the dtype **once** and then runs a monomorphised kernel over
//! the whole array: there is no per-element dynamic dispatch.

use arrayapi_core::{DType, Error, Result};
use ndarray::{ArcArray, IxDyn};

/// An n-dimensional, reference-counted ndarray of `T`.
pub type Arr<T> = ArcArray<T, IxDyn>;

/// The data of an [`crate::NdArray`]: one variant per dtype.
#[derive(Clone, Debug)]
#[allow(missing_docs)]
pub enum Data {
    Bool(Arr<bool>),
    I8(Arr<i8>),
    I16(Arr<i16>),
    I32(Arr<i32>),
    I64(Arr<i64>),
    U8(Arr<u8>),
    U16(Arr<u16>),
    U32(Arr<u32>),
    U64(Arr<u64>),
    F32(Arr<f32>),
    F64(Arr<f64>),
}

/// Runs `$body` with `$a` bound to the typed array, whatever the dtype.
macro_rules! with_any {
    ($data:expr, $a:ident => $body:expr) => {
        match $data {
            $crate::storage::Data::Bool($a) => $body,
            $crate::storage::Data::I8($a) => $body,
            $crate::storage::Data::I16($a) => $body,
            $crate::storage::Data::I32($a) => $body,
            $crate::storage::Data::I64($a) => $body,
            $crate::storage::Data::U8($a) => $body,
            $crate::storage::Data::U16($a) => $body,
            $crate::storage::Data::U32($a) => $body,
            $crate::storage::Data::U64($a) => $body,
            $crate::storage::Data::F32($a) => $body,
            $crate::storage::Data::F64($a) => $body,
        }
    };
}

/// Runs `$num` for numeric dtypes and `$bool` for bool.
macro_rules! with_num {
    ($data:expr, $a:ident => $num:expr, bool $b:ident => $bool:expr) => {
        match $data {
            $crate::storage::Data::Bool($b) => $bool,
            $crate::storage::Data::I8($a) => $num,
            $crate::storage::Data::I16($a) => $num,
            $crate::storage::Data::I32($a) => $num,
            $crate::storage::Data::I64($a) => $num,
            $crate::storage::Data::U8($a) => $num,
            $crate::storage::Data::U16($a) => $num,
            $crate::storage::Data::U32($a) => $num,
            $crate::storage::Data::U64($a) => $num,
            $crate::storage::Data::F32($a) => $num,
            $crate::storage::Data::F64($a) => $num,
        }
    };
}

/// Runs `$float` for float dtypes, `$int` for integers and `$bool` for bool.
macro_rules! with_kind {
    ($data:expr, float $f:ident => $float:expr, int $i:ident => $int:expr, bool $b:ident => $bool:expr) => {
        match $data {
            $crate::storage::Data::Bool($b) => $bool,
            $crate::storage::Data::I8($i) => $int,
            $crate::storage::Data::I16($i) => $int,
            $crate::storage::Data::I32($i) => $int,
            $crate::storage::Data::I64($i) => $int,
            $crate::storage::Data::U8($i) => $int,
            $crate::storage::Data::U16($i) => $int,
            $crate::storage::Data::U32($i) => $int,
            $crate::storage::Data::U64($i) => $int,
            $crate::storage::Data::F32($f) => $float,
            $crate::storage::Data::F64($f) => $float,
        }
    };
}

/// Runs `$body` with `$x`, `$y` bound to two typed arrays of the same dtype; bool pairs
/// run `$bool`. Different dtypes are an internal error (callers convert first).
macro_rules! with_pair {
    ($a:expr, $b:expr, $x:ident, $y:ident => $body:expr, bool => $bool:expr) => {{
        use $crate::storage::Data as D;
        match ($a, $b) {
            (D::Bool($x), D::Bool($y)) => $bool,
            (D::I8($x), D::I8($y)) => $body,
            (D::I16($x), D::I16($y)) => $body,
            (D::I32($x), D::I32($y)) => $body,
            (D::I64($x), D::I64($y)) => $body,
            (D::U8($x), D::U8($y)) => $body,
            (D::U16($x), D::U16($y)) => $body,
            (D::U32($x), D::U32($y)) => $body,
            (D::U64($x), D::U64($y)) => $body,
            (D::F32($x), D::F32($y)) => $body,
            (D::F64($x), D::F64($y)) => $body,
            _ => return Err($crate::storage::internal("operands were not converted to one dtype")),
        }
    }};
}

pub(crate) use {with_any, with_kind, with_num, with_pair};

impl Data {
    pub(crate) fn dtype(&self) -> DType {
        match self {
            Data::Bool(_) => DType::Bool,
            Data::I8(_) => DType::Int8,
            Data::I16(_) => DType::Int16,
            Data::I32(_) => DType::Int32,
            Data::I64(_) => DType::Int64,
            Data::U8(_) => DType::UInt8,
            Data::U16(_) => DType::UInt16,
            Data::U32(_) => DType::UInt32,
            Data::U64(_) => DType::UInt64,
            Data::F32(_) => DType::Float32,
            Data::F64(_) => DType::Float64,
        }
    }

    pub(crate) fn shape(&self) -> &[usize] {
        with_any!(self, a => a.shape())
    }
}

/// A bug in this backend, reported instead of a panic.
pub(crate) fn internal(what: &str) -> Error {
    Error::Backend { func: "ndarray", backend: "ndarray", message: format!("internal error: {what}") }
}

/// Builds an array of `shape` from row-major `values` (whose length matches).
pub(crate) fn shaped<T>(shape: &[usize], values: Vec<T>) -> Result<Arr<T>> {
    Arr::from_shape_vec(IxDyn(shape), values).map_err(|e| internal(&e.to_string()))
}
