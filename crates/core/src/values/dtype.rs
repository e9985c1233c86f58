//! Data types and the array API standard's type-promotion lattice.
//!
//! The standard defines promotion only *within* a kind (bool with bool, integers with
//! integers, floats with floats). arrayapi's rule for everything else is documented on
//! [`result_type`]: **mixed-kind promotion is an error** that tells the caller to convert
//! explicitly with `astype`. This is stricter than NumPy (which turns `int + float` into
//! `float64`) and never silently widens an ensemble's `float32` arrays to `float64`.

use std::fmt;

use crate::error::{Error, Result};

/// The data type of an array's elements.
///
/// Names follow the Python array API standard (`DType::Float32` is `float32`). Two
/// floats are extensions the standard does not have: `float16` (IEEE half precision, as
/// NumPy names it) and `bfloat16` (8 exponent bits, 7 mantissa bits, as PyTorch and JAX
/// name it). Backends that cannot store them refuse them with `Unsupported` (the ndarray
/// backend does; candle stores both).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(rename_all = "lowercase"))]
pub enum DType {
    /// `bool`: `true` or `false`.
    Bool,
    /// `int8`: 8-bit signed integer.
    Int8,
    /// `int16`: 16-bit signed integer.
    Int16,
    /// `int32`: 32-bit signed integer.
    Int32,
    /// `int64`: 64-bit signed integer (the default integer dtype).
    Int64,
    /// `uint8`: 8-bit unsigned integer.
    UInt8,
    /// `uint16`: 16-bit unsigned integer.
    UInt16,
    /// `uint32`: 32-bit unsigned integer.
    UInt32,
    /// `uint64`: 64-bit unsigned integer.
    UInt64,
    /// `float32`: IEEE 754 single precision.
    Float32,
    /// `float64`: IEEE 754 double precision (the default floating-point dtype).
    Float64,
    /// `float16`: IEEE 754 half precision (not in the standard; NumPy's `float16`).
    Float16,
    /// `bfloat16`: "brain" float, float32's exponent with 7 mantissa bits (not in the
    /// standard; PyTorch's and JAX's `bfloat16`).
    BFloat16,
}

/// The kind of a dtype, as used by the standard's `isdtype` and by promotion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DTypeKind {
    /// `bool`.
    Bool,
    /// Signed integers.
    SignedInt,
    /// Unsigned integers.
    UnsignedInt,
    /// Real floating point.
    Float,
}

impl DType {
    /// The standard's eleven dtypes, in the order of its table.
    pub const STANDARD: [DType; 11] = [
        DType::Bool,
        DType::Int8,
        DType::Int16,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Float32,
        DType::Float64,
    ];

    /// Every dtype: the standard's, then the two half-width floats.
    pub const ALL: [DType; 13] = {
        let mut all = [DType::Float16; 13];
        let mut i = 0;
        while i < Self::STANDARD.len() {
            all[i] = Self::STANDARD[i];
            i += 1;
        }
        all[12] = DType::BFloat16;
        all
    };

    /// The standard's name of the dtype (`"float32"`).
    pub const fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Float16 => "float16",
            DType::BFloat16 => "bfloat16",
        }
    }

    /// The dtype's kind.
    pub const fn kind(self) -> DTypeKind {
        match self {
            DType::Bool => DTypeKind::Bool,
            DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => DTypeKind::SignedInt,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => DTypeKind::UnsignedInt,
            DType::Float16 | DType::BFloat16 | DType::Float32 | DType::Float64 => DTypeKind::Float,
        }
    }

    /// Size of one element in bytes.
    pub const fn size_in_bytes(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 | DType::Float16 | DType::BFloat16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 => 8,
        }
    }

    /// `true` for `bool`.
    pub const fn is_bool(self) -> bool {
        matches!(self, DType::Bool)
    }

    /// `true` for signed and unsigned integers (not `bool`).
    pub const fn is_integer(self) -> bool {
        matches!(self.kind(), DTypeKind::SignedInt | DTypeKind::UnsignedInt)
    }

    /// `true` for signed integers.
    pub const fn is_signed_integer(self) -> bool {
        matches!(self.kind(), DTypeKind::SignedInt)
    }

    /// `true` for unsigned integers.
    pub const fn is_unsigned_integer(self) -> bool {
        matches!(self.kind(), DTypeKind::UnsignedInt)
    }

    /// `true` for the floats (`float16`, `bfloat16`, `float32`, `float64`).
    pub const fn is_floating(self) -> bool {
        matches!(self.kind(), DTypeKind::Float)
    }

    /// `true` for integers and floats: the standard's "numeric" kind.
    pub const fn is_numeric(self) -> bool {
        !self.is_bool()
    }

    /// Bits of an integer or float dtype (`bool` counts as 8).
    const fn bits(self) -> u32 {
        (self.size_in_bytes() * 8) as u32
    }

    /// The signed integer dtype with `bits` bits.
    const fn signed_with_bits(bits: u32) -> Option<DType> {
        match bits {
            8 => Some(DType::Int8),
            16 => Some(DType::Int16),
            32 => Some(DType::Int32),
            64 => Some(DType::Int64),
            _ => None,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Promotes two dtypes by the standard's lattice, or returns `None` where the standard
/// defines no promotion (mixed kinds, and `uint64` with any signed integer).
pub const fn promote(a: DType, b: DType) -> Option<DType> {
    use DTypeKind::*;
    match (a.kind(), b.kind()) {
        (Bool, Bool) => Some(DType::Bool),
        (SignedInt, SignedInt) | (UnsignedInt, UnsignedInt) => Some(if a.bits() >= b.bits() { a } else { b }),
        // float16 and bfloat16 hold different values: together they need float32 (as in
        // PyTorch and JAX). Otherwise the wider float.
        (Float, Float) if a.bits() == b.bits() && a as u8 != b as u8 => Some(DType::Float32),
        (Float, Float) => Some(if a.bits() >= b.bits() { a } else { b }),
        (SignedInt, UnsignedInt) => mixed_sign(a, b),
        (UnsignedInt, SignedInt) => mixed_sign(b, a),
        _ => None,
    }
}

/// `int<i>` with `uint<u>`: the smallest signed type holding both, if there is one.
const fn mixed_sign(signed: DType, unsigned: DType) -> Option<DType> {
    let need = if unsigned.bits() * 2 > signed.bits() { unsigned.bits() * 2 } else { signed.bits() };
    DType::signed_with_bits(need)
}

/// The dtype that results from combining `dtypes` (the standard's `result_type`).
///
/// Promotion follows the standard's lattice. Where the standard leaves promotion
/// undefined, arrayapi's rule is: **it is an error**, [`Error::Promotion`], naming
/// `func` and both dtypes. That covers mixed kinds (`bool` with a number, an integer with
/// a float) and `uint64` with a signed integer. Convert one operand with `astype` first.
pub fn result_type(func: &'static str, dtypes: &[DType]) -> Result<DType> {
    let (first, rest) = dtypes
        .split_first()
        .ok_or_else(|| Error::InvalidArgument { func, reason: "at least one dtype is required".into() })?;
    rest.iter().try_fold(*first, |acc, &d| promote(acc, d).ok_or(Error::Promotion { func, lhs: acc, rhs: d }))
}

/// The standard's `isdtype(dtype, kind)`: `kind` is one of `"bool"`, `"signed integer"`,
/// `"unsigned integer"`, `"integral"`, `"real floating"`, `"complex floating"`,
/// `"numeric"`.
pub fn isdtype(dtype: DType, kind: &str) -> Result<bool> {
    Ok(match kind {
        "bool" => dtype.is_bool(),
        "signed integer" => dtype.is_signed_integer(),
        "unsigned integer" => dtype.is_unsigned_integer(),
        "integral" => dtype.is_integer(),
        "real floating" => dtype.is_floating(),
        "complex floating" => false,
        "numeric" => dtype.is_numeric(),
        _ => return Err(Error::invalid("isdtype", format!("unknown kind {kind:?}"))),
    })
}

/// Machine limits of a floating-point dtype (the standard's `finfo`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FInfo {
    /// Bits per element.
    pub bits: u32,
    /// Difference between 1 and the next representable value.
    pub eps: f64,
    /// Largest finite value.
    pub max: f64,
    /// Smallest (most negative) finite value.
    pub min: f64,
    /// Smallest positive normal value.
    pub smallest_normal: f64,
    /// The dtype.
    pub dtype: DType,
}

/// Machine limits of an integer dtype (the standard's `iinfo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IInfo {
    /// Bits per element.
    pub bits: u32,
    /// Largest value.
    pub max: i128,
    /// Smallest value.
    pub min: i128,
    /// The dtype.
    pub dtype: DType,
}

/// `finfo(dtype)`; [`Error::DType`] for a non-float dtype.
pub fn finfo(dtype: DType) -> Result<FInfo> {
    match dtype {
        DType::Float32 => Ok(FInfo {
            bits: 32,
            eps: f32::EPSILON as f64,
            max: f32::MAX as f64,
            min: f32::MIN as f64,
            smallest_normal: f32::MIN_POSITIVE as f64,
            dtype,
        }),
        DType::Float16 => Ok(FInfo {
            bits: 16,
            eps: half::f16::EPSILON.to_f64(),
            max: half::f16::MAX.to_f64(),
            min: half::f16::MIN.to_f64(),
            smallest_normal: half::f16::MIN_POSITIVE.to_f64(),
            dtype,
        }),
        DType::BFloat16 => Ok(FInfo {
            bits: 16,
            eps: half::bf16::EPSILON.to_f64(),
            max: half::bf16::MAX.to_f64(),
            min: half::bf16::MIN.to_f64(),
            smallest_normal: half::bf16::MIN_POSITIVE.to_f64(),
            dtype,
        }),
        DType::Float64 => Ok(FInfo {
            bits: 64,
            eps: f64::EPSILON,
            max: f64::MAX,
            min: f64::MIN,
            smallest_normal: f64::MIN_POSITIVE,
            dtype,
        }),
        _ => Err(Error::DType { func: "finfo", dtype, expected: "a floating-point" }),
    }
}

/// `iinfo(dtype)`; [`Error::DType`] for a non-integer dtype.
pub fn iinfo(dtype: DType) -> Result<IInfo> {
    if !dtype.is_integer() {
        return Err(Error::DType { func: "iinfo", dtype, expected: "an integer" });
    }
    let (min, max) = crate::scalar::int_range(dtype);
    Ok(IInfo { bits: dtype.bits(), max, min, dtype })
}

/// Whether `from` can be cast to `to` by the promotion rules alone (the standard's
/// `can_cast`): true exactly when promoting the two gives `to`.
pub fn can_cast(from: DType, to: DType) -> bool {
    promote(from, to) == Some(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    /// The standard's promotion table for integers, transcribed row by row
    /// (`-` where it defines none).
    const INT_TABLE: [(DType, [&str; 8]); 8] = [
        (Int8, ["i1", "i2", "i4", "i8", "i2", "i4", "i8", "-"]),
        (Int16, ["i2", "i2", "i4", "i8", "i2", "i4", "i8", "-"]),
        (Int32, ["i4", "i4", "i4", "i8", "i4", "i4", "i8", "-"]),
        (Int64, ["i8", "i8", "i8", "i8", "i8", "i8", "i8", "-"]),
        (UInt8, ["i2", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]),
        (UInt16, ["i4", "i4", "i4", "i8", "u2", "u2", "u4", "u8"]),
        (UInt32, ["i8", "i8", "i8", "i8", "u4", "u4", "u4", "u8"]),
        (UInt64, ["-", "-", "-", "-", "u8", "u8", "u8", "u8"]),
    ];
    const COLS: [DType; 8] = [Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64];

    fn short(d: &str) -> Option<DType> {
        Some(match d {
            "i1" => Int8,
            "i2" => Int16,
            "i4" => Int32,
            "i8" => Int64,
            "u1" => UInt8,
            "u2" => UInt16,
            "u4" => UInt32,
            "u8" => UInt64,
            _ => return None,
        })
    }

    #[test]
    fn integer_promotion_matches_the_standard_table() {
        for (row, cells) in INT_TABLE {
            for (col, cell) in COLS.iter().zip(cells) {
                assert_eq!(promote(row, *col), short(cell), "{row} with {col}");
                assert_eq!(promote(*col, row), short(cell), "symmetry: {col} with {row}");
            }
        }
    }

    #[test]
    fn float_and_bool_promotion() {
        assert_eq!(promote(Float16, Float32), Some(Float32));
        assert_eq!(promote(BFloat16, Float64), Some(Float64));
        assert_eq!(promote(Float16, BFloat16), Some(Float32));
        assert_eq!(promote(BFloat16, Float16), Some(Float32));
        assert_eq!(promote(BFloat16, BFloat16), Some(BFloat16));
        assert!(!can_cast(Float16, BFloat16) && !can_cast(BFloat16, Float16));
        assert!(can_cast(Float16, Float32) && can_cast(BFloat16, Float32));
        assert_eq!(finfo(Float16).map(|f| (f.max, f.eps)), Ok((65504.0, 0.0009765625)));
        assert_eq!(finfo(BFloat16).map(|f| f.eps), Ok(0.0078125));
        assert_eq!(promote(Float32, Float64), Some(Float64));
        assert_eq!(promote(Float32, Float32), Some(Float32));
        assert_eq!(promote(Bool, Bool), Some(Bool));
    }

    #[test]
    fn mixed_kinds_are_an_error_by_our_documented_rule() {
        for a in DType::ALL {
            for b in DType::ALL {
                if a.kind() == b.kind() {
                    continue;
                }
                let ints = a.is_integer() && b.is_integer();
                if !ints {
                    assert_eq!(promote(a, b), None, "{a} with {b}");
                    assert_eq!(result_type("add", &[a, b]), Err(Error::Promotion { func: "add", lhs: a, rhs: b }));
                }
            }
        }
    }

    #[test]
    fn result_type_folds_left_and_reports_the_failing_pair() {
        assert_eq!(result_type("f", &[Int8, UInt8, Int32]), Ok(Int32));
        assert_eq!(result_type("f", &[Float32]), Ok(Float32));
        assert_eq!(
            result_type("f", &[Int8, UInt8, Float32]),
            Err(Error::Promotion { func: "f", lhs: Int16, rhs: Float32 })
        );
        assert!(matches!(result_type("f", &[]), Err(Error::InvalidArgument { .. })));
    }

    #[test]
    fn can_cast_is_promotion_to_the_target() {
        assert!(can_cast(Int8, Int64));
        assert!(can_cast(UInt8, Int16));
        assert!(!can_cast(Int16, UInt8));
        assert!(!can_cast(Int64, Float64));
        assert!(can_cast(Float32, Float64));
        assert!(!can_cast(Float64, Float32));
        assert!(can_cast(Bool, Bool));
        for d in DType::ALL {
            assert!(can_cast(d, d));
        }
    }

    #[test]
    fn dtype_queries() {
        assert_eq!(isdtype(Int8, "signed integer"), Ok(true));
        assert_eq!(isdtype(UInt8, "integral"), Ok(true));
        assert_eq!(isdtype(Bool, "numeric"), Ok(false));
        assert_eq!(isdtype(Float32, "real floating"), Ok(true));
        assert!(isdtype(Float32, "floaty").is_err());
        assert_eq!(finfo(Float32).unwrap().eps, f32::EPSILON as f64);
        assert_eq!(finfo(Float64).unwrap().smallest_normal, f64::MIN_POSITIVE);
        assert!(matches!(finfo(Int32), Err(Error::DType { func: "finfo", .. })));
        let i = iinfo(Int8).unwrap();
        assert_eq!((i.bits, i.min, i.max), (8, -128, 127));
        assert_eq!(iinfo(UInt64).unwrap().max, u64::MAX as i128);
        assert!(matches!(iinfo(Float64), Err(Error::DType { func: "iinfo", .. })));
    }

    #[test]
    fn names_and_kinds() {
        let names: Vec<&str> = DType::ALL.iter().map(|d| d.name()).collect();
        assert_eq!(
            names,
            [
                "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64",
                "float16", "bfloat16"
            ]
        );
        assert_eq!(DType::STANDARD[..], DType::ALL[..11]);
        assert!(Float16.is_floating() && BFloat16.is_floating() && BFloat16.size_in_bytes() == 2);
        assert_eq!(Float32.to_string(), "float32");
        assert_eq!(UInt16.size_in_bytes(), 2);
        assert!(Int8.is_signed_integer() && UInt8.is_unsigned_integer() && Float64.is_floating() && Bool.is_bool());
    }
}
