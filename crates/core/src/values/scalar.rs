//! Scalars: the non-array operand of `x + 1.0`, and fill values.

use std::fmt;

use crate::dtype::DType;
use crate::error::{Error, Result};

/// A single number or boolean, not yet tied to a dtype.
///
/// As in the array API standard, a scalar operand **takes the array's dtype**: `x + 1`
/// with a `float32` `x` is `float32`. [`Scalar::cast`] says which combinations are
/// allowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer (for values above `i64::MAX`).
    UInt(u64),
    /// A real number.
    Float(f64),
}

impl Scalar {
    /// Converts the scalar to `dtype` for use with an array of that dtype, following the
    /// standard's rules for mixing arrays with Python scalars:
    /// - a `bool` scalar goes only with `bool` arrays;
    /// - an integer scalar goes with integer arrays (it must fit the dtype's range) and
    ///   with floating-point arrays;
    /// - a float scalar goes only with floating-point arrays (any value, NaN and
    ///   infinities included; `float32` rounds).
    ///
    /// Anything else is [`Error::ScalarCast`] naming `func`, the value and the dtype.
    pub fn cast(self, func: &'static str, dtype: DType) -> Result<Scalar> {
        let fail = || Error::ScalarCast { func, value: self.to_string(), dtype };
        match (self, dtype) {
            (Scalar::Bool(_), DType::Bool) => Ok(self),
            (Scalar::Bool(_), _) | (_, DType::Bool) => Err(fail()),
            (_, d) if d.is_floating() => Ok(Scalar::Float(self.to_f64())),
            (Scalar::Float(_), _) => Err(fail()),
            (Scalar::Int(i), d) => {
                let (lo, hi) = int_range(d);
                if (i as i128) < lo || (i as i128) > hi {
                    Err(fail())
                } else if d.is_unsigned_integer() {
                    Ok(Scalar::UInt(i as u64))
                } else {
                    Ok(Scalar::Int(i))
                }
            }
            (Scalar::UInt(u), d) => {
                let (_, hi) = int_range(d);
                if (u as i128) > hi {
                    Err(fail())
                } else if d.is_unsigned_integer() {
                    Ok(Scalar::UInt(u))
                } else {
                    Ok(Scalar::Int(u as i64))
                }
            }
        }
    }

    /// The value as `f64` (`true` is 1, integers round to the nearest `f64`).
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::UInt(u) => u as f64,
            Scalar::Float(f) => f,
        }
    }

    /// `true` if the scalar is a finite number or a boolean.
    pub fn is_finite(self) -> bool {
        !matches!(self, Scalar::Float(f) if !f.is_finite())
    }
}

/// The inclusive range of an integer dtype, widened to `i128`.
pub(crate) fn int_range(dtype: DType) -> (i128, i128) {
    match dtype {
        DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
        DType::UInt8 => (0, u8::MAX as i128),
        DType::UInt16 => (0, u16::MAX as i128),
        DType::UInt32 => (0, u32::MAX as i128),
        DType::UInt64 => (0, u64::MAX as i128),
        DType::Bool => (0, 1),
        DType::Float16 | DType::BFloat16 | DType::Float32 | DType::Float64 => (i128::MIN, i128::MAX),
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Int(i) => write!(f, "{i}"),
            Scalar::UInt(u) => write!(f, "{u}"),
            Scalar::Float(x) => write!(f, "{x:?}"),
        }
    }
}

macro_rules! scalar_from {
    ($($t:ty => $v:ident as $c:ty),* $(,)?) => {$(
        impl From<$t> for Scalar {
            fn from(x: $t) -> Self {
                Scalar::$v(x as $c)
            }
        }
    )*};
}

scalar_from!(
    i8 => Int as i64, i16 => Int as i64, i32 => Int as i64, i64 => Int as i64,
    isize => Int as i64,
    u8 => UInt as u64, u16 => UInt as u64, u32 => UInt as u64, u64 => UInt as u64,
    usize => UInt as u64,
    f32 => Float as f64, f64 => Float as f64,
);

impl From<bool> for Scalar {
    fn from(b: bool) -> Self {
        Scalar::Bool(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_take_the_array_dtype_where_the_standard_allows() {
        assert_eq!(Scalar::Int(3).cast("f", DType::Float32), Ok(Scalar::Float(3.0)));
        assert_eq!(Scalar::Float(f64::NAN).cast("f", DType::Float64).map(|s| s.to_f64().is_nan()), Ok(true));
        assert_eq!(Scalar::Int(-128).cast("f", DType::Int8), Ok(Scalar::Int(-128)));
        assert_eq!(Scalar::Int(255).cast("f", DType::UInt8), Ok(Scalar::UInt(255)));
        assert_eq!(Scalar::UInt(u64::MAX).cast("f", DType::UInt64), Ok(Scalar::UInt(u64::MAX)));
        assert_eq!(Scalar::Bool(true).cast("f", DType::Bool), Ok(Scalar::Bool(true)));
        let refused = [
            (Scalar::Int(-129), DType::Int8),
            (Scalar::Int(-1), DType::UInt64),
            (Scalar::UInt(u64::MAX), DType::Int64),
            (Scalar::Float(1.0), DType::Int32),
            (Scalar::Bool(true), DType::Int32),
            (Scalar::Int(1), DType::Bool),
            (Scalar::Float(0.0), DType::Bool),
        ];
        for (s, d) in refused {
            assert!(matches!(s.cast("f", d), Err(Error::ScalarCast { func: "f", .. })), "{s} as {d}");
        }
    }

    #[test]
    fn conversions() {
        assert_eq!(Scalar::from(2u8), Scalar::UInt(2));
        assert_eq!(Scalar::from(-2i32), Scalar::Int(-2));
        assert_eq!(Scalar::from(0.5f32), Scalar::Float(0.5));
        assert_eq!(Scalar::from(true).to_f64(), 1.0);
        assert!(!Scalar::Float(f64::INFINITY).is_finite());
        assert_eq!(Scalar::Float(1.0).to_string(), "1.0");
    }
}
