//! Operation descriptors: values that name a family member of a primitive
//! (`UnaryOp::Exp`, `BinaryOp::Add`...). Their names travel into every error message and
//! into the dispatch protocol; their dtype rules are the standard's.

use crate::dtype::{result_type, DType};
use crate::error::{Error, Result};

/// What an op accepts, for its error message.
fn require(func: &'static str, dtype: DType, ok: bool, expected: &'static str) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(Error::DType { func, dtype, expected })
    }
}

/// Element-wise functions of one array.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum UnaryOp {
    Negative,
    Abs,
    Sign,
    Square,
    Exp,
    Expm1,
    Log,
    Log1p,
    Sqrt,
    Sin,
    Cos,
    Tanh,
    Floor,
    Ceil,
    Round,
    LogicalNot,
    IsNan,
    IsInf,
    IsFinite,
    Acos,
    Acosh,
    Asin,
    Asinh,
    Atan,
    Atanh,
    Cosh,
    Sinh,
    Tan,
    Log2,
    Log10,
    Reciprocal,
    Trunc,
    Positive,
    SignBit,
}

impl UnaryOp {
    /// The standard's function name.
    pub const fn name(self) -> &'static str {
        match self {
            UnaryOp::Negative => "negative",
            UnaryOp::Abs => "abs",
            UnaryOp::Sign => "sign",
            UnaryOp::Square => "square",
            UnaryOp::Exp => "exp",
            UnaryOp::Expm1 => "expm1",
            UnaryOp::Log => "log",
            UnaryOp::Log1p => "log1p",
            UnaryOp::Sqrt => "sqrt",
            UnaryOp::Sin => "sin",
            UnaryOp::Cos => "cos",
            UnaryOp::Tanh => "tanh",
            UnaryOp::Floor => "floor",
            UnaryOp::Ceil => "ceil",
            UnaryOp::Round => "round",
            UnaryOp::LogicalNot => "logical_not",
            UnaryOp::IsNan => "isnan",
            UnaryOp::IsInf => "isinf",
            UnaryOp::IsFinite => "isfinite",
            UnaryOp::Acos => "acos",
            UnaryOp::Acosh => "acosh",
            UnaryOp::Asin => "asin",
            UnaryOp::Asinh => "asinh",
            UnaryOp::Atan => "atan",
            UnaryOp::Atanh => "atanh",
            UnaryOp::Cosh => "cosh",
            UnaryOp::Sinh => "sinh",
            UnaryOp::Tan => "tan",
            UnaryOp::Log2 => "log2",
            UnaryOp::Log10 => "log10",
            UnaryOp::Reciprocal => "reciprocal",
            UnaryOp::Trunc => "trunc",
            UnaryOp::Positive => "positive",
            UnaryOp::SignBit => "signbit",
        }
    }

    /// `true` for functions defined only on floating-point input (`exp`, `sin`, ...).
    pub const fn is_transcendental(self) -> bool {
        matches!(
            self,
            UnaryOp::Exp
                | UnaryOp::Expm1
                | UnaryOp::Log
                | UnaryOp::Log1p
                | UnaryOp::Sqrt
                | UnaryOp::Sin
                | UnaryOp::Cos
                | UnaryOp::Tanh
                | UnaryOp::Acos
                | UnaryOp::Acosh
                | UnaryOp::Asin
                | UnaryOp::Asinh
                | UnaryOp::Atan
                | UnaryOp::Atanh
                | UnaryOp::Cosh
                | UnaryOp::Sinh
                | UnaryOp::Tan
                | UnaryOp::Log2
                | UnaryOp::Log10
                | UnaryOp::Reciprocal
        )
    }

    /// The output dtype for `input`, or [`Error::DType`] if the op is not defined on it:
    /// transcendental functions (and `reciprocal`) take floats; `logical_not` takes bool;
    /// `signbit` takes floats and returns bool; the rest take numbers. `isnan`/`isinf`/
    /// `isfinite` return bool; all others keep the dtype (`floor`, `ceil`, `round`,
    /// `trunc` of an integer are the identity, as in the standard).
    pub fn result_dtype(self, input: DType) -> Result<DType> {
        let f = self.name();
        match self {
            UnaryOp::LogicalNot => {
                require(f, input, input.is_bool(), "a boolean")?;
                Ok(DType::Bool)
            }
            UnaryOp::SignBit => {
                require(f, input, input.is_floating(), "a floating-point")?;
                Ok(DType::Bool)
            }
            UnaryOp::IsNan | UnaryOp::IsInf | UnaryOp::IsFinite => {
                require(f, input, input.is_numeric(), "a numeric")?;
                Ok(DType::Bool)
            }
            op if op.is_transcendental() => {
                require(f, input, input.is_floating(), "a floating-point")?;
                Ok(input)
            }
            _ => {
                require(f, input, input.is_numeric(), "a numeric")?;
                Ok(input)
            }
        }
    }
}

/// Element-wise functions of two arrays (broadcast against each other).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Pow,
    Maximum,
    Minimum,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
    Atan2,
    Hypot,
    CopySign,
    LogAddExp,
}

impl BinaryOp {
    /// The standard's function name.
    pub const fn name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Subtract => "subtract",
            BinaryOp::Multiply => "multiply",
            BinaryOp::Divide => "divide",
            BinaryOp::Pow => "pow",
            BinaryOp::Maximum => "maximum",
            BinaryOp::Minimum => "minimum",
            BinaryOp::Equal => "equal",
            BinaryOp::NotEqual => "not_equal",
            BinaryOp::Less => "less",
            BinaryOp::LessEqual => "less_equal",
            BinaryOp::Greater => "greater",
            BinaryOp::GreaterEqual => "greater_equal",
            BinaryOp::LogicalAnd => "logical_and",
            BinaryOp::LogicalOr => "logical_or",
            BinaryOp::LogicalXor => "logical_xor",
            BinaryOp::Atan2 => "atan2",
            BinaryOp::Hypot => "hypot",
            BinaryOp::CopySign => "copysign",
            BinaryOp::LogAddExp => "logaddexp",
        }
    }

    /// `true` for the functions defined on floats only (`divide`, `atan2`, `hypot`,
    /// `copysign`, `logaddexp`).
    pub const fn is_float_only(self) -> bool {
        matches!(self, BinaryOp::Divide | BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::CopySign | BinaryOp::LogAddExp)
    }

    /// `true` for comparisons (their output is bool).
    pub const fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Equal
                | BinaryOp::NotEqual
                | BinaryOp::Less
                | BinaryOp::LessEqual
                | BinaryOp::Greater
                | BinaryOp::GreaterEqual
        )
    }

    /// Checks an operand dtype (already promoted) and returns the output dtype.
    ///
    /// Arithmetic, `maximum`/`minimum` and ordering comparisons take numbers; `equal` and
    /// `not_equal` take any dtype; the logical functions take bool; `atan2`, `hypot`,
    /// `copysign` and `logaddexp` take floats. `divide` takes floats only: the standard leaves integer true division implementation-defined, and
    /// arrayapi asks for an explicit `astype` rather than guess a float width.
    pub fn result_dtype_of(self, operand: DType) -> Result<DType> {
        let f = self.name();
        match self {
            BinaryOp::Equal | BinaryOp::NotEqual => Ok(DType::Bool),
            BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::LogicalXor => {
                require(f, operand, operand.is_bool(), "a boolean")?;
                Ok(DType::Bool)
            }
            op if op.is_float_only() => {
                require(f, operand, operand.is_floating(), "a floating-point")?;
                Ok(operand)
            }
            op if op.is_comparison() => {
                require(f, operand, operand.is_numeric(), "a numeric")?;
                Ok(DType::Bool)
            }
            _ => {
                require(f, operand, operand.is_numeric(), "a numeric")?;
                Ok(operand)
            }
        }
    }

    /// Promotes the operand dtypes and returns `(operand dtype, output dtype)`.
    pub fn dtypes(self, a: DType, b: DType) -> Result<(DType, DType)> {
        let operand = result_type(self.name(), &[a, b])?;
        Ok((operand, self.result_dtype_of(operand)?))
    }
}

/// Which side of a binary op a scalar operand stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// `scalar op array`, e.g. `1 - x`.
    Left,
    /// `array op scalar`, e.g. `x - 1`.
    Right,
}

/// Reductions over a set of axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum ReduceOp {
    Sum,
    Prod,
    Max,
    Min,
    All,
    Any,
}

impl ReduceOp {
    /// The standard's function name.
    pub const fn name(self) -> &'static str {
        match self {
            ReduceOp::Sum => "sum",
            ReduceOp::Prod => "prod",
            ReduceOp::Max => "max",
            ReduceOp::Min => "min",
            ReduceOp::All => "all",
            ReduceOp::Any => "any",
        }
    }

    /// The output dtype: `sum`/`prod` of a signed integer is `int64` and of an unsigned
    /// integer `uint64` (the standard's default integer of the same kind), of a float the
    /// same float; `max`/`min` keep the dtype; `all`/`any` give bool (on any dtype,
    /// testing against zero).
    pub fn result_dtype(self, input: DType) -> Result<DType> {
        let f = self.name();
        match self {
            ReduceOp::All | ReduceOp::Any => Ok(DType::Bool),
            ReduceOp::Max | ReduceOp::Min => {
                require(f, input, input.is_numeric(), "a numeric")?;
                Ok(input)
            }
            ReduceOp::Sum | ReduceOp::Prod => {
                require(f, input, input.is_numeric(), "a numeric")?;
                Ok(accumulator_dtype(input))
            }
        }
    }
}

/// The dtype `sum`, `prod` and `cumulative_sum` accumulate in.
pub const fn accumulator_dtype(input: DType) -> DType {
    if input.is_signed_integer() {
        DType::Int64
    } else if input.is_unsigned_integer() {
        DType::UInt64
    } else {
        input
    }
}

/// Index-of-extremum reductions along one axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum ArgReduceOp {
    ArgMax,
    ArgMin,
}

impl ArgReduceOp {
    /// The standard's function name.
    pub const fn name(self) -> &'static str {
        match self {
            ArgReduceOp::ArgMax => "argmax",
            ArgReduceOp::ArgMin => "argmin",
        }
    }
}

/// Running reductions along one axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum CumulativeOp {
    Sum,
}

impl CumulativeOp {
    /// The standard's function name.
    pub const fn name(self) -> &'static str {
        match self {
            CumulativeOp::Sum => "cumulative_sum",
        }
    }

    /// The output dtype (as for `sum`).
    pub fn result_dtype(self, input: DType) -> Result<DType> {
        require(self.name(), input, input.is_numeric(), "a numeric")?;
        Ok(accumulator_dtype(input))
    }
}
