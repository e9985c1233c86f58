//! The default implementations of the elementwise functions (the rows of [`crate::api::elementwise`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::to_device`].
pub fn to_device<A: ArrayApi>(x: &A, device: Device) -> Result<A> {
    if device == x.device() {
        return Ok(x.clone());
    }
    let ns = x.namespace().on_device(device)?;
    A::from_host(&ns, x.to_host()?)
}

/// The default [`ArrayApi::binary_scalar`].
pub fn binary_scalar<A: ArrayApi>(x: &A, scalar: Scalar, op: BinaryOp, side: Side) -> Result<A> {
    let s = scalar.cast(op.name(), x.dtype())?;
    let s = A::full(&x.namespace(), &[], s, x.dtype())?;
    match side {
        Side::Right => x.binary(&s, op),
        Side::Left => s.binary(x, op),
    }
}

/// The default [`ArrayApi::negative`].
pub fn negative<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Negative)
}

/// The default [`ArrayApi::abs`].
pub fn abs<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Abs)
}

/// The default [`ArrayApi::sign`].
pub fn sign<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Sign)
}

/// The default [`ArrayApi::square`].
pub fn square<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Square)
}

/// The default [`ArrayApi::exp`].
pub fn exp<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Exp)
}

/// The default [`ArrayApi::expm1`].
pub fn expm1<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Expm1)
}

/// The default [`ArrayApi::log`].
pub fn log<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Log)
}

/// The default [`ArrayApi::log1p`].
pub fn log1p<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Log1p)
}

/// The default [`ArrayApi::sqrt`].
pub fn sqrt<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Sqrt)
}

/// The default [`ArrayApi::sin`].
pub fn sin<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Sin)
}

/// The default [`ArrayApi::cos`].
pub fn cos<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Cos)
}

/// The default [`ArrayApi::tanh`].
pub fn tanh<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Tanh)
}

/// The default [`ArrayApi::floor`].
pub fn floor<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Floor)
}

/// The default [`ArrayApi::ceil`].
pub fn ceil<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Ceil)
}

/// The default [`ArrayApi::round`].
pub fn round<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Round)
}

/// The default [`ArrayApi::logical_not`].
pub fn logical_not<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::LogicalNot)
}

/// The default [`ArrayApi::isnan`].
pub fn isnan<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::IsNan)
}

/// The default [`ArrayApi::isinf`].
pub fn isinf<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::IsInf)
}

/// The default [`ArrayApi::isfinite`].
pub fn isfinite<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::IsFinite)
}

/// The default [`ArrayApi::acos`].
pub fn acos<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Acos)
}

/// The default [`ArrayApi::acosh`].
pub fn acosh<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Acosh)
}

/// The default [`ArrayApi::asin`].
pub fn asin<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Asin)
}

/// The default [`ArrayApi::asinh`].
pub fn asinh<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Asinh)
}

/// The default [`ArrayApi::atan`].
pub fn atan<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Atan)
}

/// The default [`ArrayApi::atanh`].
pub fn atanh<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Atanh)
}

/// The default [`ArrayApi::cosh`].
pub fn cosh<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Cosh)
}

/// The default [`ArrayApi::sinh`].
pub fn sinh<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Sinh)
}

/// The default [`ArrayApi::tan`].
pub fn tan<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Tan)
}

/// The default [`ArrayApi::log2`].
pub fn log2<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Log2)
}

/// The default [`ArrayApi::log10`].
pub fn log10<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Log10)
}

/// The default [`ArrayApi::reciprocal`].
pub fn reciprocal<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Reciprocal)
}

/// The default [`ArrayApi::trunc`].
pub fn trunc<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Trunc)
}

/// The default [`ArrayApi::positive`].
pub fn positive<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::Positive)
}

/// The default [`ArrayApi::signbit`].
pub fn signbit<A: ArrayApi>(x: &A) -> Result<A> {
    x.unary(UnaryOp::SignBit)
}

/// The default [`ArrayApi::add`].
pub fn add<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Add)
}

/// The default [`ArrayApi::subtract`].
pub fn subtract<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Subtract)
}

/// The default [`ArrayApi::multiply`].
pub fn multiply<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Multiply)
}

/// The default [`ArrayApi::divide`].
pub fn divide<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Divide)
}

/// The default [`ArrayApi::pow`].
pub fn pow<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Pow)
}

/// The default [`ArrayApi::maximum`].
pub fn maximum<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Maximum)
}

/// The default [`ArrayApi::minimum`].
pub fn minimum<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Minimum)
}

/// The default [`ArrayApi::equal`].
pub fn equal<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Equal)
}

/// The default [`ArrayApi::not_equal`].
pub fn not_equal<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::NotEqual)
}

/// The default [`ArrayApi::less`].
pub fn less<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Less)
}

/// The default [`ArrayApi::less_equal`].
pub fn less_equal<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::LessEqual)
}

/// The default [`ArrayApi::greater`].
pub fn greater<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Greater)
}

/// The default [`ArrayApi::greater_equal`].
pub fn greater_equal<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::GreaterEqual)
}

/// The default [`ArrayApi::logical_and`].
pub fn logical_and<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::LogicalAnd)
}

/// The default [`ArrayApi::logical_or`].
pub fn logical_or<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::LogicalOr)
}

/// The default [`ArrayApi::logical_xor`].
pub fn logical_xor<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::LogicalXor)
}

/// The default [`ArrayApi::atan2`].
pub fn atan2<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Atan2)
}

/// The default [`ArrayApi::hypot`].
pub fn hypot<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::Hypot)
}

/// The default [`ArrayApi::copysign`].
pub fn copysign<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::CopySign)
}

/// The default [`ArrayApi::logaddexp`].
pub fn logaddexp<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    x.binary_operand(other.into(), BinaryOp::LogAddExp)
}

/// The default [`ArrayApi::clip`].
pub fn clip<'a, A: ArrayApi>(x: &'a A, min: Option<Operand<'a, A>>, max: Option<Operand<'a, A>>) -> Result<A> {
    const F: &str = "clip";
    if !x.dtype().is_numeric() {
        return Err(Error::DType { func: F, dtype: x.dtype(), expected: "a numeric" });
    }
    let mut out = x.clone();
    for (bound, op) in [(min, BinaryOp::Maximum), (max, BinaryOp::Minimum)] {
        if let Some(b) = bound {
            if let Operand::Array(b) = b {
                if b.dtype() != x.dtype() {
                    return Err(Error::DType { func: F, dtype: b.dtype(), expected: x.dtype().name() });
                }
            }
            out = out.binary_operand(b, op).map_err(|e| e.in_func(F))?;
        }
    }
    Ok(out)
}

/// The default [`ArrayApi::bitwise_and`].
pub fn bitwise_and<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("bitwise_and", || host_ops::binary(HostBinary::BitwiseAnd, x, other.into()))
}

/// The default [`ArrayApi::bitwise_or`].
pub fn bitwise_or<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("bitwise_or", || host_ops::binary(HostBinary::BitwiseOr, x, other.into()))
}

/// The default [`ArrayApi::bitwise_xor`].
pub fn bitwise_xor<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("bitwise_xor", || host_ops::binary(HostBinary::BitwiseXor, x, other.into()))
}

/// The default [`ArrayApi::bitwise_left_shift`].
pub fn bitwise_left_shift<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("bitwise_left_shift", || host_ops::binary(HostBinary::LeftShift, x, other.into()))
}

/// The default [`ArrayApi::bitwise_right_shift`].
pub fn bitwise_right_shift<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("bitwise_right_shift", || host_ops::binary(HostBinary::RightShift, x, other.into()))
}

/// The default [`ArrayApi::bitwise_invert`].
pub fn bitwise_invert<A: ArrayApi>(x: &A) -> Result<A> {
    named("bitwise_invert", || host_ops::invert(x))
}

/// The default [`ArrayApi::floor_divide`].
pub fn floor_divide<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("floor_divide", || host_ops::binary(HostBinary::FloorDivide, x, other.into()))
}

/// The default [`ArrayApi::remainder`].
pub fn remainder<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("remainder", || host_ops::binary(HostBinary::Remainder, x, other.into()))
}

/// The default [`ArrayApi::nextafter`].
pub fn nextafter<'a, A: ArrayApi>(x: &'a A, other: impl Into<Operand<'a, A>>) -> Result<A> {
    named("nextafter", || host_ops::binary(HostBinary::NextAfter, x, other.into()))
}
