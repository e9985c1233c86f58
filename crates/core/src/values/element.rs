//! Rust element types that map one-to-one onto [`DType`]s.

use std::fmt::Debug;

use crate::dtype::DType;
use crate::host::HostData;
use crate::scalar::Scalar;

/// A Rust type that is the element type of exactly one [`DType`]:
/// `bool`, `i8`..`i64`, `u8`..`u64`, `f32`, `f64`, and the `half` crate's `f16` and
/// `bf16` (re-exported as [`crate::half`]).
///
/// It is how typed host data enters and leaves arrays (`asarray`, `to_vec`).
pub trait Element: Copy + Debug + PartialEq + PartialOrd + Send + Sync + 'static {
    /// The dtype whose elements are `Self`.
    const DTYPE: DType;
    /// Wraps a vector as type-tagged host data.
    fn into_host_data(values: Vec<Self>) -> HostData;
    /// The elements of `data` if it holds `Self`, else `data` back.
    fn from_host_data(data: HostData) -> Result<Vec<Self>, HostData>;
    /// A view of `data`'s elements if it holds `Self`.
    fn slice_of(data: &HostData) -> Option<&[Self]>;
    /// The value as a [`Scalar`].
    fn to_scalar(self) -> Scalar;
    /// Converts a scalar already checked to be representable (see [`Scalar::cast`]) with
    /// an `as`-conversion.
    fn from_scalar(s: Scalar) -> Self;
}

macro_rules! element {
    ($t:ty, $dtype:ident, $variant:ident, |$x:ident| $to:expr, |$s:ident| $from:expr) => {
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            fn into_host_data(values: Vec<Self>) -> HostData {
                HostData::$variant(values)
            }
            fn from_host_data(data: HostData) -> Result<Vec<Self>, HostData> {
                match data {
                    HostData::$variant(v) => Ok(v),
                    other => Err(other),
                }
            }
            fn slice_of(data: &HostData) -> Option<&[Self]> {
                match data {
                    HostData::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn to_scalar(self) -> Scalar {
                let $x = self;
                $to
            }
            fn from_scalar($s: Scalar) -> Self {
                $from
            }
        }
    };
}

/// A primitive number: `as`-conversions both ways.
macro_rules! primitive {
    ($t:ty, $dtype:ident, $variant:ident, $scalar:ident, $conv:ty) => {
        element!($t, $dtype, $variant, |x| Scalar::$scalar(x as $conv), |s| match s {
            Scalar::Bool(b) => b as u8 as $t,
            Scalar::Int(i) => i as $t,
            Scalar::UInt(u) => u as $t,
            Scalar::Float(f) => f as $t,
        });
    };
}

primitive!(i8, Int8, I8, Int, i64);
primitive!(i16, Int16, I16, Int, i64);
primitive!(i32, Int32, I32, Int, i64);
primitive!(i64, Int64, I64, Int, i64);
primitive!(u8, UInt8, U8, UInt, u64);
primitive!(u16, UInt16, U16, UInt, u64);
primitive!(u32, UInt32, U32, UInt, u64);
primitive!(u64, UInt64, U64, UInt, u64);
primitive!(f32, Float32, F32, Float, f64);
primitive!(f64, Float64, F64, Float, f64);
// The half-width floats: through f64, rounded to nearest, ties to even (values past the
// range become infinities).
element!(half::f16, Float16, F16, |x| Scalar::Float(x.to_f64()), |s| half::f16::from_f64(s.to_f64()));
element!(half::bf16, BFloat16, BF16, |x| Scalar::Float(x.to_f64()), |s| half::bf16::from_f64(s.to_f64()));

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    fn into_host_data(values: Vec<Self>) -> HostData {
        HostData::Bool(values)
    }
    fn from_host_data(data: HostData) -> Result<Vec<Self>, HostData> {
        match data {
            HostData::Bool(v) => Ok(v),
            other => Err(other),
        }
    }
    fn slice_of(data: &HostData) -> Option<&[Self]> {
        match data {
            HostData::Bool(v) => Some(v),
            _ => None,
        }
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::UInt(u) => u != 0,
            Scalar::Float(f) => f != 0.0,
        }
    }
}
