//! Element-wise functions the required primitives cannot express (bitwise operations,
//! shifts, integer floor division and remainder, `nextafter`) and `cumulative_prod`,
//! computed on the host: the provided default of every backend. A backend with its own
//! kernels overrides the trait method.
//!
//! Each follows the same steps: check the dtypes, promote, broadcast with the backend's
//! own primitives, copy to the host, compute, copy back.

use crate::api::ArrayApi;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::host::{scan_axis, HostArray, HostData};
use crate::operand::{scalar_array, Operand};
use crate::shape::broadcast_shapes;

/// A binary function computed on the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HostBinary {
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    LeftShift,
    RightShift,
    FloorDivide,
    Remainder,
    NextAfter,
}

impl HostBinary {
    pub(crate) fn name(self) -> &'static str {
        match self {
            HostBinary::BitwiseAnd => "bitwise_and",
            HostBinary::BitwiseOr => "bitwise_or",
            HostBinary::BitwiseXor => "bitwise_xor",
            HostBinary::LeftShift => "bitwise_left_shift",
            HostBinary::RightShift => "bitwise_right_shift",
            HostBinary::FloorDivide => "floor_divide",
            HostBinary::Remainder => "remainder",
            HostBinary::NextAfter => "nextafter",
        }
    }

    /// Whether `dtype` (already promoted) is allowed.
    fn accepts(self, dtype: DType) -> (bool, &'static str) {
        match self {
            HostBinary::BitwiseAnd | HostBinary::BitwiseOr | HostBinary::BitwiseXor => {
                (dtype.is_integer() || dtype == DType::Bool, "an integer or boolean")
            }
            HostBinary::LeftShift | HostBinary::RightShift => (dtype.is_integer(), "an integer"),
            HostBinary::FloorDivide | HostBinary::Remainder => (dtype.is_numeric(), "a numeric"),
            HostBinary::NextAfter => (dtype.is_floating(), "a floating-point"),
        }
    }
}

/// Python's floor division and remainder of floats, as NumPy computes them (`divmod`):
/// the quotient is the floor of the exact quotient, the remainder has the divisor's sign.
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    if b == 0.0 {
        return (a / b, a % b);
    }
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(b);
    }
    let q = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0f64.copysign(a / b)
    };
    (q, m)
}

macro_rules! nextafter_fn {
    ($name:ident, $t:ty, |$v:ident| $wide:expr) => {
        /// The next representable value after `x` towards `y` (C's `nextafter`), stepping
        /// the format's own bits; compared through `$wide` (the value in a primitive float).
        fn $name(x: $t, y: $t) -> $t {
            let wide = |$v: $t| $wide;
            let (xw, yw) = (wide(x), wide(y));
            if xw.is_nan() || yw.is_nan() {
                return <$t>::NAN;
            }
            if xw == yw {
                return y;
            }
            if xw == 0.0 {
                let tiny = <$t>::from_bits(1);
                return if yw > 0.0 { tiny } else { -tiny };
            }
            let bits = x.to_bits();
            let up = (yw > xw) == (xw > 0.0);
            <$t>::from_bits(if up { bits + 1 } else { bits - 1 })
        }
    };
}
nextafter_fn!(nextafter_f64, f64, |v| v);
nextafter_fn!(nextafter_f32, f32, |v| v);
nextafter_fn!(nextafter_f16, half::f16, |v| v.to_f32());
nextafter_fn!(nextafter_bf16, half::bf16, |v| v.to_f32());

/// `op` on half-width floats: floor division and remainder through `f64` (exact there,
/// then rounded once), `nextafter` in the format itself.
macro_rules! half_kernel {
    ($t:ty, $next:ident, $op:expr, $a:expr, $b:expr) => {
        $a.iter()
            .zip($b.iter())
            .map(|(&p, &q)| match $op {
                HostBinary::FloorDivide => <$t>::from_f64(float_divmod(p.to_f64(), q.to_f64()).0),
                HostBinary::Remainder => <$t>::from_f64(float_divmod(p.to_f64(), q.to_f64()).1),
                _ => $next(p, q),
            })
            .collect()
    };
}

macro_rules! int_kernel {
    ($t:ty, $op:expr, $a:expr, $b:expr) => {{
        let bits = <$t>::BITS as i128;
        let f = |x: $t, y: $t| -> $t {
            match $op {
                HostBinary::BitwiseAnd => x & y,
                HostBinary::BitwiseOr => x | y,
                HostBinary::BitwiseXor => x ^ y,
                // Shifts by a negative count or by the width or more: NumPy's results
                // (0, or -1 for a negative value shifted right).
                HostBinary::LeftShift => {
                    let s = y as i128;
                    if s < 0 || s >= bits {
                        0
                    } else {
                        x.wrapping_shl(s as u32)
                    }
                }
                HostBinary::RightShift => {
                    let s = y as i128;
                    if s < 0 || s >= bits {
                        if (x as i128) < 0 {
                            (0 as $t).wrapping_sub(1)
                        } else {
                            0
                        }
                    } else {
                        x.wrapping_shr(s as u32)
                    }
                }
                // Division by zero gives 0 (NumPy's result, with a warning there).
                HostBinary::FloorDivide => {
                    if y == 0 {
                        0
                    } else {
                        let q = x.wrapping_div(y);
                        if (x.wrapping_rem(y) != 0) && (((x as i128) < 0) != ((y as i128) < 0)) {
                            q.wrapping_sub(1)
                        } else {
                            q
                        }
                    }
                }
                HostBinary::Remainder => {
                    if y == 0 {
                        0
                    } else {
                        let r = x.wrapping_rem(y);
                        if r != 0 && (((r as i128) < 0) != ((y as i128) < 0)) {
                            r.wrapping_add(y)
                        } else {
                            r
                        }
                    }
                }
                HostBinary::NextAfter => x,
            }
        };
        $a.iter().zip($b.iter()).map(|(&x, &y)| f(x, y)).collect::<Vec<$t>>()
    }};
}

fn compute(op: HostBinary, a: &HostData, b: &HostData) -> Result<HostData> {
    use HostData as H;
    let internal = || Error::invalid(op.name(), "operands did not convert to one dtype");
    Ok(match (a, b) {
        (H::Bool(x), H::Bool(y)) => H::Bool(
            x.iter()
                .zip(y)
                .map(|(&p, &q)| match op {
                    HostBinary::BitwiseAnd => p & q,
                    HostBinary::BitwiseOr => p | q,
                    _ => p ^ q,
                })
                .collect(),
        ),
        (H::I8(x), H::I8(y)) => H::I8(int_kernel!(i8, op, x, y)),
        (H::I16(x), H::I16(y)) => H::I16(int_kernel!(i16, op, x, y)),
        (H::I32(x), H::I32(y)) => H::I32(int_kernel!(i32, op, x, y)),
        (H::I64(x), H::I64(y)) => H::I64(int_kernel!(i64, op, x, y)),
        (H::U8(x), H::U8(y)) => H::U8(int_kernel!(u8, op, x, y)),
        (H::U16(x), H::U16(y)) => H::U16(int_kernel!(u16, op, x, y)),
        (H::U32(x), H::U32(y)) => H::U32(int_kernel!(u32, op, x, y)),
        (H::U64(x), H::U64(y)) => H::U64(int_kernel!(u64, op, x, y)),
        (H::F64(x), H::F64(y)) => H::F64(
            x.iter()
                .zip(y)
                .map(|(&p, &q)| match op {
                    HostBinary::FloorDivide => float_divmod(p, q).0,
                    HostBinary::Remainder => float_divmod(p, q).1,
                    _ => nextafter_f64(p, q),
                })
                .collect(),
        ),
        (H::F16(x), H::F16(y)) => H::F16(half_kernel!(half::f16, nextafter_f16, op, x, y)),
        (H::BF16(x), H::BF16(y)) => H::BF16(half_kernel!(half::bf16, nextafter_bf16, op, x, y)),
        (H::F32(x), H::F32(y)) => H::F32(
            x.iter()
                .zip(y)
                .map(|(&p, &q)| match op {
                    HostBinary::FloorDivide => float_divmod(p as f64, q as f64).0 as f32,
                    HostBinary::Remainder => {
                        // The remainder in float32 arithmetic (exact either way: fmod is exact).
                        float_divmod(p as f64, q as f64).1 as f32
                    }
                    _ => nextafter_f32(p, q),
                })
                .collect(),
        ),
        _ => return Err(internal()),
    })
}

/// `op(x1, x2)` with promotion and broadcasting, on the host.
pub(crate) fn binary<'a, A: ArrayApi>(op: HostBinary, x1: &'a A, x2: Operand<'a, A>) -> Result<A> {
    let f = op.name();
    let scalar;
    let x2 = match x2 {
        Operand::Array(a) => a,
        Operand::Scalar(s) => {
            scalar = scalar_array(f, s, x1.dtype(), &x1.namespace())?;
            &scalar
        }
    };
    crate::check::same_backend(f, &[x1.backend_name(), x2.backend_name()])?;
    crate::check::same_device(f, x1.device(), x2.device())?;
    let dtype = crate::dtype::result_type(f, &[x1.dtype(), x2.dtype()])?;
    let (ok, expected) = op.accepts(dtype);
    if !ok {
        return Err(Error::DType { func: f, dtype, expected });
    }
    let shape = broadcast_shapes(f, &[x1.shape(), x2.shape()])?;
    // The operands cast, both broadcast onto the host, and the result.
    crate::check::allocations(
        f,
        &[(x1.shape(), dtype), (x2.shape(), dtype), (&shape, dtype), (&shape, dtype), (&shape, dtype)],
    )?;
    let a = x1.astype(dtype)?.broadcast_to(&shape)?.to_host()?;
    let b = x2.astype(dtype)?.broadcast_to(&shape)?.to_host()?;
    let data = compute(op, a.data(), b.data())?;
    A::from_host(&x1.namespace(), HostArray::new(&shape, data)?)
}

/// `~x` (bitwise NOT; logical NOT for bool).
pub(crate) fn invert<A: ArrayApi>(x: &A) -> Result<A> {
    const F: &str = "bitwise_invert";
    use HostData as H;
    let h = x.to_host()?;
    let data = match h.data() {
        H::Bool(v) => H::Bool(v.iter().map(|&p| !p).collect()),
        H::I8(v) => H::I8(v.iter().map(|&p| !p).collect()),
        H::I16(v) => H::I16(v.iter().map(|&p| !p).collect()),
        H::I32(v) => H::I32(v.iter().map(|&p| !p).collect()),
        H::I64(v) => H::I64(v.iter().map(|&p| !p).collect()),
        H::U8(v) => H::U8(v.iter().map(|&p| !p).collect()),
        H::U16(v) => H::U16(v.iter().map(|&p| !p).collect()),
        H::U32(v) => H::U32(v.iter().map(|&p| !p).collect()),
        H::U64(v) => H::U64(v.iter().map(|&p| !p).collect()),
        H::F32(_) | H::F64(_) | H::F16(_) | H::BF16(_) => {
            return Err(Error::DType { func: F, dtype: x.dtype(), expected: "an integer or boolean" })
        }
    };
    A::from_host(&x.namespace(), HostArray::new(x.shape(), data)?)
}

/// Running product along a non-negative `axis`, in `prod`'s accumulator dtype.
pub(crate) fn cumulative_prod<A: ArrayApi>(x: &A, axis: usize, include_initial: bool) -> Result<A> {
    const F: &str = "cumulative_prod";
    let dtype = crate::ops::CumulativeOp::Sum.result_dtype(x.dtype()).map_err(|e| e.in_func(F))?;
    let shape = x.shape();
    let mut out_shape = shape.to_vec();
    out_shape[axis] += usize::from(include_initial);
    crate::check::output(F, &out_shape, dtype)?;
    let h = x.astype(dtype)?.to_host()?;
    use HostData as H;
    let data = match h.data() {
        H::I64(v) => H::I64(scan_axis(F, v, shape, axis, include_initial, 1, i64::wrapping_mul)?),
        H::U64(v) => H::U64(scan_axis(F, v, shape, axis, include_initial, 1, u64::wrapping_mul)?),
        H::F32(v) => H::F32(scan_axis(F, v, shape, axis, include_initial, 1.0, |a, b| a * b)?),
        H::F64(v) => H::F64(scan_axis(F, v, shape, axis, include_initial, 1.0, |a, b| a * b)?),
        // Half-width floats: each running product rounded to the format, as a loop in
        // the format would.
        H::F16(v) => H::F16(scan_axis(F, v, shape, axis, include_initial, half::f16::ONE, |a, b| {
            half::f16::from_f32(a.to_f32() * b.to_f32())
        })?),
        H::BF16(v) => H::BF16(scan_axis(F, v, shape, axis, include_initial, half::bf16::ONE, |a, b| {
            half::bf16::from_f32(a.to_f32() * b.to_f32())
        })?),
        _ => return Err(Error::invalid(F, "the accumulator dtype is not int64, uint64 or a float")),
    };
    A::from_host(&x.namespace(), HostArray::new(&out_shape, data)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_divmod_matches_python() {
        assert_eq!(float_divmod(7.0, 2.0), (3.0, 1.0));
        assert_eq!(float_divmod(-7.0, 2.0), (-4.0, 1.0));
        assert_eq!(float_divmod(7.0, -2.0), (-4.0, -1.0));
        // 1 // 0.1 is 9 in Python (0.1 is slightly more than a tenth).
        assert_eq!(float_divmod(1.0, 0.1).0, 9.0);
        assert!(float_divmod(1.0, 0.0).0.is_infinite());
        assert!(float_divmod(1.0, 0.0).1.is_nan());
    }

    #[test]
    fn nextafter_steps_one_ulp() {
        assert_eq!(nextafter_f64(1.0, 2.0), 1.0 + f64::EPSILON);
        assert_eq!(nextafter_f64(0.0, -1.0), -f64::from_bits(1));
        assert_eq!(nextafter_f32(1.0, 0.0), 1.0 - f32::EPSILON / 2.0);
        assert!(nextafter_f64(f64::NAN, 1.0).is_nan());
        assert_eq!(nextafter_f64(2.0, 2.0), 2.0);
    }
}
