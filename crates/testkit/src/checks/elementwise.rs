//! Element-wise functions: values against Rust's own `f64` functions on the standard's special values, integer semantics, broadcasting, promotion, scalars, `where`, `clip`.

use arrayapi_core::{ArrayApi, DType, Error, Operand, Result, UnaryOp};

use crate::support::*;

/// Special values the standard singles out, plus ordinary ones.
const SPECIAL: [f64; 12] =
    [-2.5, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 1.5, 2.5, f64::INFINITY, f64::NEG_INFINITY, f64::NAN];

fn reference(op: UnaryOp, x: f64) -> f64 {
    match op {
        UnaryOp::Negative => -x,
        UnaryOp::Abs => x.abs(),
        UnaryOp::Sign => {
            if x.is_nan() {
                f64::NAN
            } else if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            }
        }
        UnaryOp::Square => x * x,
        UnaryOp::Exp => x.exp(),
        UnaryOp::Expm1 => x.exp_m1(),
        UnaryOp::Log => x.ln(),
        UnaryOp::Log1p => x.ln_1p(),
        UnaryOp::Sqrt => x.sqrt(),
        UnaryOp::Sin => x.sin(),
        UnaryOp::Cos => x.cos(),
        UnaryOp::Tanh => x.tanh(),
        UnaryOp::Floor => x.floor(),
        UnaryOp::Ceil => x.ceil(),
        UnaryOp::Round => x.round_ties_even(),
        UnaryOp::IsNan => x.is_nan() as u8 as f64,
        UnaryOp::IsInf => x.is_infinite() as u8 as f64,
        UnaryOp::IsFinite => x.is_finite() as u8 as f64,
        UnaryOp::Acos => x.acos(),
        UnaryOp::Acosh => x.acosh(),
        UnaryOp::Asin => x.asin(),
        UnaryOp::Asinh => x.asinh(),
        UnaryOp::Atan => x.atan(),
        UnaryOp::Atanh => x.atanh(),
        UnaryOp::Cosh => x.cosh(),
        UnaryOp::Sinh => x.sinh(),
        UnaryOp::Tan => x.tan(),
        UnaryOp::Log2 => x.log2(),
        UnaryOp::Log10 => x.log10(),
        UnaryOp::Reciprocal => 1.0 / x,
        UnaryOp::Trunc => x.trunc(),
        UnaryOp::Positive => x,
        UnaryOp::SignBit => x.is_sign_negative() as u8 as f64,
        UnaryOp::LogicalNot => unreachable!(),
    }
}

const FLOAT_OPS: [UnaryOp; 33] = [
    UnaryOp::Negative,
    UnaryOp::Abs,
    UnaryOp::Sign,
    UnaryOp::Square,
    UnaryOp::Exp,
    UnaryOp::Expm1,
    UnaryOp::Log,
    UnaryOp::Log1p,
    UnaryOp::Sqrt,
    UnaryOp::Sin,
    UnaryOp::Cos,
    UnaryOp::Tanh,
    UnaryOp::Floor,
    UnaryOp::Ceil,
    UnaryOp::Round,
    UnaryOp::IsNan,
    UnaryOp::IsInf,
    UnaryOp::IsFinite,
    UnaryOp::Acos,
    UnaryOp::Acosh,
    UnaryOp::Asin,
    UnaryOp::Asinh,
    UnaryOp::Atan,
    UnaryOp::Atanh,
    UnaryOp::Cosh,
    UnaryOp::Sinh,
    UnaryOp::Tan,
    UnaryOp::Log2,
    UnaryOp::Log10,
    UnaryOp::Reciprocal,
    UnaryOp::Trunc,
    UnaryOp::Positive,
    UnaryOp::SignBit,
];

/// Conformance check `unary_float_values`: unary float values.
pub fn unary_float_values<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // float64 and float32, each where the backend declares it.
    let x64 = stores::<A>(ns, DType::Float64).then(|| f64s::<A>(ns, &SPECIAL, &[3, 4]));
    let x32 = stores::<A>(ns, DType::Float32).then(|| f32s::<A>(ns, &SPECIAL.map(|v| v as f32), &[3, 4]));
    requires::<A>(ns, DType::Float32);
    for op in FLOAT_OPS {
        let want: Vec<f64> = SPECIAL.iter().map(|&x| reference(op, x)).collect();
        let out_dtype = |d| {
            if matches!(op, UnaryOp::IsNan | UnaryOp::IsInf | UnaryOp::IsFinite | UnaryOp::SignBit) {
                DType::Bool
            } else {
                d
            }
        };
        // The standard fixes the sign of every zero these functions return from the
        // special values, but for `sign`, whose result for -0 and +0 is "0".
        let check_op = |x: &A, dtype: DType, want: &[f64], rtol: f64| -> Result<()> {
            let got = x.unary(op)?;
            if op == UnaryOp::Sign {
                check_near_as(op.name(), &got, &[3, 4], dtype, want, 0.0, 0.0);
            } else {
                check_as(op.name(), &got, &[3, 4], out_dtype(dtype), want, rtol);
            }
            Ok(())
        };
        if let Some(x64) = &x64 {
            check_op(x64, DType::Float64, &want, 1e-15)?;
        }
        let want32: Vec<f64> = SPECIAL.iter().map(|&x| reference(op, x as f32 as f64) as f32 as f64).collect();
        if let Some(x32) = &x32 {
            check_op(x32, DType::Float32, &want32, 1e-6)?;
        }
    }
    Ok(())
}

/// Conformance check `unary_named_methods`: unary named methods.
pub fn unary_named_methods<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // The named methods are the same ops; check a few standard special cases by name.
    let x = f64s::<A>(ns, &[0.0, -0.0, -1.0, 1.0], &[4]);
    check(&x.log()?, &[4], DType::Float64, &[f64::NEG_INFINITY, f64::NEG_INFINITY, f64::NAN, 0.0], 0.0);
    check(&x.sqrt()?, &[4], DType::Float64, &[0.0, -0.0, f64::NAN, 1.0], 0.0);
    check_bits(&x.sqrt()?, &[0.0, -0.0, f64::NAN, 1.0]);
    check_bits(&x.negative()?, &[-0.0, 0.0, 1.0, -1.0]);
    // sign(-0) and sign(+0) are "0" in the standard, of either sign.
    check_near_as("sign", &x.sign()?, &[4], DType::Float64, &[0.0, 0.0, -1.0, 1.0], 0.0, 0.0);
    check(&x.log1p()?, &[4], DType::Float64, &[0.0, -0.0, f64::NEG_INFINITY, 2f64.ln()], 1e-15);
    let r = f64s::<A>(ns, &[0.5, 1.5, 2.5, -0.5, -2.5], &[5]);
    check_bits(&r.round()?, &[0.0, 2.0, 2.0, -0.0, -2.0]);
    check(&r.floor()?, &[5], DType::Float64, &[0.0, 1.0, 2.0, -1.0, -3.0], 0.0);
    check(&r.ceil()?, &[5], DType::Float64, &[1.0, 2.0, 3.0, -0.0, -2.0], 0.0);
    check(&r.abs()?, &[5], DType::Float64, &[0.5, 1.5, 2.5, 0.5, 2.5], 0.0);
    check(&r.square()?, &[5], DType::Float64, &[0.25, 2.25, 6.25, 0.25, 6.25], 0.0);
    check(&r.exp()?.log()?, &[5], DType::Float64, &[0.5, 1.5, 2.5, -0.5, -2.5], 1e-15);
    check(
        &r.expm1()?,
        &[5],
        DType::Float64,
        &[0.5f64.exp_m1(), 1.5f64.exp_m1(), 2.5f64.exp_m1(), (-0.5f64).exp_m1(), (-2.5f64).exp_m1()],
        1e-15,
    );
    check(
        &r.sin()?,
        &[5],
        DType::Float64,
        &[0.5f64.sin(), 1.5f64.sin(), 2.5f64.sin(), (-0.5f64).sin(), (-2.5f64).sin()],
        1e-15,
    );
    check(
        &r.cos()?,
        &[5],
        DType::Float64,
        &[0.5f64.cos(), 1.5f64.cos(), 2.5f64.cos(), (-0.5f64).cos(), (-2.5f64).cos()],
        1e-15,
    );
    check(
        &r.tanh()?,
        &[5],
        DType::Float64,
        &[0.5f64.tanh(), 1.5f64.tanh(), 2.5f64.tanh(), (-0.5f64).tanh(), (-2.5f64).tanh()],
        1e-15,
    );
    let s = f64s::<A>(ns, &[f64::NAN, f64::INFINITY, 1.0], &[3]);
    check(&s.isnan()?, &[3], DType::Bool, &[1.0, 0.0, 0.0], 0.0);
    check(&s.isinf()?, &[3], DType::Bool, &[0.0, 1.0, 0.0], 0.0);
    check(&s.isfinite()?, &[3], DType::Bool, &[0.0, 0.0, 1.0], 0.0);
    let b = arr::<A, bool>(ns, &[true, false], &[2]);
    check(&b.logical_not()?, &[2], DType::Bool, &[0.0, 1.0], 0.0);
    // The standard's special cases of the newer functions, signed zeros included.
    let z = f64s::<A>(ns, &[0.0, -0.0, 1.0, -1.0, 2.0, f64::NAN], &[6]);
    check(&z.signbit()?, &[6], DType::Bool, &[0.0, 1.0, 0.0, 1.0, 0.0, 0.0], 0.0);
    check_bits(&z.trunc()?, &[0.0, -0.0, 1.0, -1.0, 2.0, f64::NAN]);
    check_bits(&z.reciprocal()?, &[f64::INFINITY, f64::NEG_INFINITY, 1.0, -1.0, 0.5, f64::NAN]);
    check(&z.atanh()?, &[6], DType::Float64, &[0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::NAN], 0.0);
    check(&z.acosh()?, &[6], DType::Float64, &[f64::NAN, f64::NAN, 0.0, f64::NAN, 2f64.acosh(), f64::NAN], 1e-15);
    check(&z.log2()?, &[6], DType::Float64, &[f64::NEG_INFINITY, f64::NEG_INFINITY, 0.0, f64::NAN, 1.0, f64::NAN], 0.0);
    check(
        &z.log10()?,
        &[6],
        DType::Float64,
        &[f64::NEG_INFINITY, f64::NEG_INFINITY, 0.0, f64::NAN, 2f64.log10(), f64::NAN],
        1e-15,
    );
    check_bits(&z.asin()?.reshape(&[6])?.take(&arr::<A, i64>(ns, &[0, 1], &[2]), None)?, &[0.0, -0.0]);
    check(
        &arrayapi_core::functions::tan(&z)?,
        &[6],
        DType::Float64,
        &[0.0, -0.0, 1f64.tan(), (-1f64).tan(), 2f64.tan(), f64::NAN],
        1e-15,
    );
    Ok(())
}

/// Conformance check `unary_integers`: unary integers.
pub fn unary_integers<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // The narrowest signed integer the backend stores (int8, else int16), at its limits.
    let (dt, lo, hi) = if stores::<A>(ns, DType::Int8) {
        (DType::Int8, i8::MIN as i64, i8::MAX as i64)
    } else {
        (DType::Int16, i16::MIN as i64, i16::MAX as i64)
    };
    let x = arr::<A, i64>(ns, &[lo, -3, 0, 5, hi], &[5]).astype(dt)?;
    let (l, h) = (lo as f64, hi as f64);
    check_as("negative", &x.negative()?, &[5], dt, &[l, 3.0, 0.0, -5.0, -h], 0.0); // wraps
    check_as("abs", &x.abs()?, &[5], dt, &[l, 3.0, 0.0, 5.0, h], 0.0); // wraps, as NumPy
    check_as("sign", &x.sign()?, &[5], dt, &[-1.0, -1.0, 0.0, 1.0, 1.0], 0.0);
    check_as("square", &x.square()?, &[5], dt, &[0.0, 9.0, 0.0, 25.0, 1.0], 0.0); // wraps
    check_as("floor", &x.floor()?, &[5], dt, &[l, -3.0, 0.0, 5.0, h], 0.0);
    check_as("round", &x.round()?, &[5], dt, &[l, -3.0, 0.0, 5.0, h], 0.0);
    check_as("isnan", &x.isnan()?, &[5], DType::Bool, &[0.0; 5], 0.0);
    check_as("isfinite", &x.isfinite()?, &[5], DType::Bool, &[1.0; 5], 0.0);
    // Unsigned negation wraps in the type's width.
    let (du, width) =
        if stores::<A>(ns, DType::UInt16) { (DType::UInt16, 65536.0) } else { (DType::UInt32, 4294967296.0) };
    let u = arr::<A, i64>(ns, &[0, 7], &[2]).astype(du)?;
    check_as("sign", &u.sign()?, &[2], du, &[0.0, 1.0], 0.0);
    check_as("negative", &u.negative()?, &[2], du, &[0.0, width - 7.0], 0.0);
    check_as("trunc", &x.trunc()?, &[5], dt, &[l, -3.0, 0.0, 5.0, h], 0.0);
    check_as("positive", &x.positive()?, &[5], dt, &[l, -3.0, 0.0, 5.0, h], 0.0);
    assert!(matches!(err(x.signbit()), Error::DType { func: "signbit", .. }));
    assert!(matches!(err(x.reciprocal()), Error::DType { func: "reciprocal", .. }));
    assert!(matches!(err(x.acos()), Error::DType { func: "acos", .. }));
    // Functions the standard defines only for floats (or bools) refuse other dtypes.
    assert!(matches!(err(x.exp()), Error::DType { func: "exp", .. }));
    assert!(matches!(err(x.logical_not()), Error::DType { func: "logical_not", .. }));
    let b = arr::<A, bool>(ns, &[true], &[1]);
    assert!(matches!(err(b.negative()), Error::DType { func: "negative", .. }));
    assert!(matches!(err(b.isnan()), Error::DType { func: "isnan", .. }));
    Ok(())
}

/// Conformance check `binary_broadcasting`: binary broadcasting.
pub fn binary_broadcasting<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let a: Vec<f64> = vec![1.0, -2.0, 3.5, 0.0, f64::NAN, -0.5];
    let b: Vec<f64> = vec![2.0, 0.5, -1.0];
    let c: Vec<f64> = vec![3.0, -4.0];
    let (xa, xb, xc) = (f64s::<A>(ns, &a, &[2, 3]), f64s::<A>(ns, &b, &[3]), f64s::<A>(ns, &c, &[2, 1, 1]));
    type F = fn(f64, f64) -> f64;
    let ops: [(&str, F); 7] = [
        ("add", |x, y| x + y),
        ("subtract", |x, y| x - y),
        ("multiply", |x, y| x * y),
        ("divide", |x, y| x / y),
        ("pow", f64::powf),
        ("maximum", |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.max(y) }),
        ("minimum", |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.min(y) }),
    ];
    for (name, f) in ops {
        let run = |x: &A, y: &A| -> Result<A> {
            match name {
                "add" => x.add(y),
                "subtract" => x.subtract(y),
                "multiply" => x.multiply(y),
                "divide" => x.divide(y),
                "pow" => x.pow(y),
                "maximum" => x.maximum(y),
                _ => x.minimum(y),
            }
        };
        check_as(name, &run(&xa, &xb)?, &[2, 3], DType::Float64, &ref_binary(&a, &[2, 3], &b, &[3], &[2, 3], f), 1e-15);
        check_as(name, &run(&xb, &xa)?, &[2, 3], DType::Float64, &ref_binary(&b, &[3], &a, &[2, 3], &[2, 3], f), 1e-15);
        check_as(
            name,
            &run(&xc, &xa)?,
            &[2, 2, 3],
            DType::Float64,
            &ref_binary(&c, &[2, 1, 1], &a, &[2, 3], &[2, 2, 3], f),
            1e-15,
        );
    }
    // The free functions are the same operations.
    check(
        &arrayapi_core::functions::add(&xa, &xb)?,
        &[2, 3],
        DType::Float64,
        &ref_binary(&a, &[2, 3], &b, &[3], &[2, 3], |x, y| x + y),
        0.0,
    );
    // Zero-size dimensions broadcast like any other.
    let e = A::zeros(ns, &[0, 3], DType::Float64)?;
    check(&e.add(&xb)?, &[0, 3], DType::Float64, &[], 0.0);
    let one = A::zeros(ns, &[2, 1], DType::Float64)?;
    check(&one.add(&A::zeros(ns, &[0], DType::Float64)?)?, &[2, 0], DType::Float64, &[], 0.0);
    // Incompatible shapes name both.
    let e = err(xa.add(&c_shape::<A>(ns)));
    assert_eq!(e, Error::Broadcast { func: "add", lhs: vec![2, 3], rhs: vec![2] });
    Ok(())
}

fn c_shape<A: ArrayApi>(ns: &A::Namespace) -> A {
    f64s::<A>(ns, &[1.0, 2.0], &[2])
}

/// Conformance check `comparisons_and_logic`: comparisons and logic.
pub fn comparisons_and_logic<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[1.0, 2.0, f64::NAN, -0.0], &[4]);
    let y = f64s::<A>(ns, &[2.0, 2.0, f64::NAN, 0.0], &[4]);
    check_as("equal", &x.equal(&y)?, &[4], DType::Bool, &[0.0, 1.0, 0.0, 1.0], 0.0);
    check_as("not_equal", &x.not_equal(&y)?, &[4], DType::Bool, &[1.0, 0.0, 1.0, 0.0], 0.0);
    check_as("less", &x.less(&y)?, &[4], DType::Bool, &[1.0, 0.0, 0.0, 0.0], 0.0);
    check_as("less_equal", &x.less_equal(&y)?, &[4], DType::Bool, &[1.0, 1.0, 0.0, 1.0], 0.0);
    check_as("greater", &x.greater(&y)?, &[4], DType::Bool, &[0.0, 0.0, 0.0, 0.0], 0.0);
    check_as("greater_equal", &x.greater_equal(&y)?, &[4], DType::Bool, &[0.0, 1.0, 0.0, 1.0], 0.0);
    check_as("greater", &x.greater(1.5)?, &[4], DType::Bool, &[0.0, 1.0, 0.0, 0.0], 0.0);
    let p = arr::<A, bool>(ns, &[true, true, false, false], &[4]);
    let q = arr::<A, bool>(ns, &[true, false, true, false], &[4]);
    check_as("logical_and", &p.logical_and(&q)?, &[4], DType::Bool, &[1.0, 0.0, 0.0, 0.0], 0.0);
    check_as("logical_or", &p.logical_or(&q)?, &[4], DType::Bool, &[1.0, 1.0, 1.0, 0.0], 0.0);
    check_as("equal", &p.equal(&q)?, &[4], DType::Bool, &[1.0, 0.0, 0.0, 1.0], 0.0);
    check_as("logical_and", &p.logical_and(true)?, &[4], DType::Bool, &[1.0, 1.0, 0.0, 0.0], 0.0);
    assert!(matches!(err(p.less(&q)), Error::DType { func: "less", .. }));
    assert!(matches!(err(x.logical_and(&y)), Error::DType { func: "logical_and", .. }));
    Ok(())
}

/// Conformance check `promotion`: promotion.
pub fn promotion<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let u8s = arr::<A, u8>(ns, &[255, 100], &[2]);
    // int8 with uint8 needs int16; without int8, int16 with uint8 stays int16.
    let small = if stores::<A>(ns, DType::Int8) { DType::Int8 } else { DType::Int16 };
    let i8s = arr::<A, i64>(ns, &[-1, 100], &[2]).astype(small)?;
    check(&i8s.add(&u8s)?, &[2], DType::Int16, &[254.0, 200.0], 0.0);
    let u32s = arr::<A, u32>(ns, &[1, 2], &[2]);
    check(&u32s.add(&arr::<A, i16>(ns, &[-1, 1], &[2]))?, &[2], DType::Int64, &[0.0, 3.0], 0.0);
    let f32s_ = f32s::<A>(ns, &[0.5, 1.5], &[2]);
    let f64s_ = f64s::<A>(ns, &[0.25, 0.25], &[2]);
    check(&f32s_.add(&f64s_)?, &[2], DType::Float64, &[0.75, 1.75], 0.0);
    // Mixed kinds are not promoted (documented rule): an error naming both dtypes.
    assert_eq!(err(i8s.add(&f32s_)), Error::Promotion { func: "add", lhs: small, rhs: DType::Float32 });
    let i64s = arr::<A, i64>(ns, &[1, 2], &[2]);
    if stores::<A>(ns, DType::UInt64) {
        let u64s = arr::<A, u64>(ns, &[1, 2], &[2]);
        assert!(matches!(err(u64s.add(&i64s)), Error::Promotion { .. }));
    }
    let b = arr::<A, bool>(ns, &[true, false], &[2]);
    assert!(matches!(err(b.add(&i8s)), Error::Promotion { .. }));
    // Integer true division is refused (`floor_divide` is integer division).
    assert!(matches!(err(i64s.divide(&i64s)), Error::DType { func: "divide", .. }));
    Ok(())
}

/// Conformance check `integer_arithmetic`: integer arithmetic.
pub fn integer_arithmetic<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = arr::<A, i32>(ns, &[i32::MAX, -7, 3], &[3]);
    let y = arr::<A, i32>(ns, &[1, 2, 4], &[3]);
    check_as("add", &x.add(&y)?, &[3], DType::Int32, &[i32::MIN as f64, -5.0, 7.0], 0.0); // wraps
    check_as("multiply", &x.multiply(&y)?, &[3], DType::Int32, &[i32::MAX as f64, -14.0, 12.0], 0.0);
    check_as("multiply", &x.multiply(2)?, &[3], DType::Int32, &[-2.0, -14.0, 6.0], 0.0); // wraps
    check_as("pow", &y.pow(&y)?, &[3], DType::Int32, &[1.0, 4.0, 256.0], 0.0);
    check_as("maximum", &x.maximum(&y)?, &[3], DType::Int32, &[i32::MAX as f64, 2.0, 4.0], 0.0);
    let neg = arr::<A, i32>(ns, &[-1, 1, 1], &[3]);
    assert!(matches!(err(y.pow(&neg)), Error::InvalidArgument { func: "pow", .. }));
    assert!(matches!(err(y.pow(-1)), Error::InvalidArgument { func: "pow", .. }));
    check_as("pow", &y.pow(2)?, &[3], DType::Int32, &[1.0, 4.0, 16.0], 0.0);
    Ok(())
}

/// Conformance check `integer_overflow_wraps`: every integer dtype the backend stores,
/// at its limits, through every function that can overflow: the result wraps modulo the
/// width, as the standard's integer arithmetic does, in every build profile (a debug
/// build must not panic with "attempt to add with overflow").
pub fn integer_overflow_wraps<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    for dtype in DType::ALL.into_iter().filter(|&d| d.is_integer() && stores::<A>(ns, d)) {
        let info = arrayapi_core::iinfo(dtype)?;
        let m = 1i128 << info.bits;
        let wrap = |v: i128| -> f64 {
            let r = v.rem_euclid(m);
            (if info.min < 0 && r > info.max { r - m } else { r }) as f64
        };
        let (lo, hi) = (info.min, info.max);
        let x = if dtype == DType::UInt64 {
            requires::<A>(ns, DType::UInt64);
            arr::<A, u64>(ns, &[0, u64::MAX], &[2])
        } else {
            arr::<A, i64>(ns, &[lo as i64, hi as i64], &[2]).astype(dtype)?
        };
        let name = dtype.name();
        let both = |f: &dyn Fn(i128) -> i128| vec![wrap(f(lo)), wrap(f(hi))];
        let two = arr::<A, i64>(ns, &[2], &[1]).astype(dtype)?;
        let one = arr::<A, i64>(ns, &[1], &[1]).astype(dtype)?;
        check_as(&format!("add {name}"), &x.add(&one)?, &[2], dtype, &both(&|v| v + 1), 0.0);
        check_as(&format!("subtract {name}"), &x.subtract(&one)?, &[2], dtype, &both(&|v| v - 1), 0.0);
        check_as(&format!("multiply {name}"), &x.multiply(&two)?, &[2], dtype, &both(&|v| v.wrapping_mul(2)), 0.0);
        check_as(&format!("add scalar {name}"), &x.add(1)?, &[2], dtype, &both(&|v| v + 1), 0.0);
        check_as(&format!("square {name}"), &x.square()?, &[2], dtype, &both(&|v| v.wrapping_mul(v)), 0.0);
        check_as(&format!("negative {name}"), &x.negative()?, &[2], dtype, &both(&|v| -v), 0.0);
        check_as(&format!("abs {name}"), &x.abs()?, &[2], dtype, &both(&|v| v.abs()), 0.0);
        check_as(&format!("diff {name}"), &x.diff(0, 1)?, &[1], dtype, &[wrap(hi - lo)], 0.0);
        // Sums and products accumulate in the 64-bit integer of the kind, and wrap there.
        let acc = if dtype.is_signed_integer() { DType::Int64 } else { DType::UInt64 };
        if stores::<A>(ns, acc) {
            let (m64, signed) = (1i128 << 64, acc == DType::Int64);
            let wrap64 = |v: i128| -> f64 {
                let r = v.rem_euclid(m64);
                (if signed && r >= m64 / 2 { r - m64 } else { r }) as f64
            };
            let sum = x.sum(arrayapi_core::Axes::All, false)?;
            check_as(&format!("sum {name}"), &sum, &[], acc, &[wrap64(lo + hi)], 0.0);
            let p =
                x.take(&arr::<A, i64>(ns, &[1, 1, 1, 1, 1], &[5]), Some(0))?.prod(arrayapi_core::Axes::All, false)?;
            check_as(&format!("prod {name}"), &p, &[], acc, &[wrap64(hi.wrapping_pow(5))], 0.0);
        }
    }
    Ok(())
}

/// Conformance check `scalars`: scalars.
pub fn scalars<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f32s::<A>(ns, &[1.0, 2.0, 4.0], &[3]);
    // A scalar takes the array's dtype, on either side.
    check(&x.add(1)?, &[3], DType::Float32, &[2.0, 3.0, 5.0], 0.0);
    check(&x.subtract(0.5)?, &[3], DType::Float32, &[0.5, 1.5, 3.5], 0.0);
    check(&arrayapi_core::functions::subtract(1.0, &x)?, &[3], DType::Float32, &[0.0, -1.0, -3.0], 0.0);
    check(&arrayapi_core::functions::divide(1.0, &x)?, &[3], DType::Float32, &[1.0, 0.5, 0.25], 0.0);
    check(&arrayapi_core::functions::pow(2.0, &x)?, &[3], DType::Float32, &[2.0, 4.0, 16.0], 0.0);
    check(&x.multiply(f64::INFINITY)?, &[3], DType::Float32, &[f64::INFINITY; 3], 0.0);
    check(&arrayapi_core::functions::less(2.0, &x)?, &[3], DType::Bool, &[0.0, 0.0, 1.0], 0.0);
    let i = arr::<A, u8>(ns, &[1, 2, 250], &[3]);
    check(&i.add(10)?, &[3], DType::UInt8, &[11.0, 12.0, 4.0], 0.0);
    assert!(matches!(err(i.add(1.5)), Error::ScalarCast { func: "add", dtype: DType::UInt8, .. }));
    assert!(matches!(err(i.add(256)), Error::ScalarCast { .. }));
    assert!(matches!(err(i.add(-1)), Error::ScalarCast { .. }));
    assert!(matches!(err(i.add(true)), Error::ScalarCast { .. }));
    assert!(matches!(err(arrayapi_core::functions::add::<A>(1.0, 2.0)), Error::InvalidArgument { func: "add", .. }));
    Ok(())
}

/// Conformance check `where_`: `where(cond, x1, x2)` with broadcasting, scalars on
/// either side, promotion and its errors.
pub fn where_<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let c = arr::<A, bool>(ns, &[true, false, true], &[3]);
    let x = f64s::<A>(ns, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
    let y = f64s::<A>(ns, &[-1.0, -2.0], &[2, 1]);
    check(&c.where_(&x, &y)?, &[2, 3], DType::Float64, &[1.0, -1.0, 3.0, 4.0, -2.0, 6.0], 0.0);
    check(
        &arrayapi_core::functions::where_(&c, &x, 0.0)?,
        &[2, 3],
        DType::Float64,
        &[1.0, 0.0, 3.0, 4.0, 0.0, 6.0],
        0.0,
    );
    check(&c.where_(9, &x)?, &[2, 3], DType::Float64, &[9.0, 2.0, 9.0, 9.0, 5.0, 9.0], 0.0);
    // The condition broadcasts too: a column condition picks whole rows.
    let col = arr::<A, bool>(ns, &[false, true], &[2, 1]);
    check(&col.where_(&x, -0.0)?, &[2, 3], DType::Float64, &[-0.0, -0.0, -0.0, 4.0, 5.0, 6.0], 0.0);
    let i = arr::<A, i16>(ns, &[7, 8, 9], &[3]);
    let j = arr::<A, u8>(ns, &[0, 0, 0], &[3]);
    check(&c.where_(&i, &j)?, &[3], DType::Int16, &[7.0, 0.0, 9.0], 0.0);
    assert!(matches!(err(x.where_(&x, &x)), Error::DType { func: "where", .. }));
    assert!(matches!(err(c.where_(1.0, 2.0)), Error::InvalidArgument { func: "where", .. }));
    assert!(matches!(err(c.where_(&i, &x)), Error::Promotion { func: "where", .. }));
    Ok(())
}

/// Conformance check `clip`: bounds as scalars or arrays, either one absent, NaN
/// propagating from x or a bound, array bounds broadcasting with x (the result takes x's
/// dtype, and the broadcast shape).
pub fn clip<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let nan = f64::NAN;
    let v = f64s::<A>(ns, &[-2.0, 0.5, 3.0, nan], &[4]);
    check(&v.clip(Some(0.0.into()), Some(1.0.into()))?, &[4], DType::Float64, &[0.0, 0.5, 1.0, nan], 0.0);
    check(&v.clip(None, Some(0.0.into()))?, &[4], DType::Float64, &[-2.0, 0.0, 0.0, nan], 0.0);
    let lo = f64s::<A>(ns, &[-3.0, 1.0, 1.0, 1.0], &[4]);
    check(&v.clip(Some(Operand::Array(&lo)), None)?, &[4], DType::Float64, &[-2.0, 1.0, 3.0, nan], 0.0);
    check(&v.clip(None, None)?, &[4], DType::Float64, &[-2.0, 0.5, 3.0, nan], 0.0);
    let hi = f64s::<A>(ns, &[nan, 9.0, 9.0, 9.0], &[4]);
    check(&v.clip(None, Some(Operand::Array(&hi)))?, &[4], DType::Float64, &[nan, 0.5, 3.0, nan], 0.0);
    // Bounds broadcast with x: x [2] with min [2, 1] is [2, 2].
    let x = f64s::<A>(ns, &[1.0, 5.0], &[2]);
    let m = f64s::<A>(ns, &[2.0, 4.0], &[2, 1]);
    check(&x.clip(Some(Operand::Array(&m)), None)?, &[2, 2], DType::Float64, &[2.0, 5.0, 4.0, 5.0], 0.0);
    check(&x.clip(None, Some(Operand::Array(&m)))?, &[2, 2], DType::Float64, &[1.0, 2.0, 1.0, 4.0], 0.0);
    let i = arr::<A, i32>(ns, &[-5, 0, 7], &[3]);
    check(&i.clip(Some((-1).into()), Some(3.into()))?, &[3], DType::Int32, &[-1.0, 0.0, 3.0], 0.0);
    let wide = f64s::<A>(ns, &[0.0; 6], &[2, 3]);
    assert!(matches!(err(v.clip(Some(Operand::Array(&wide)), None)), Error::Broadcast { func: "clip", .. }));
    assert!(matches!(err(arr::<A, bool>(ns, &[true], &[1]).clip(None, None)), Error::DType { func: "clip", .. }));
    Ok(())
}

/// Conformance check `acosh_asinh_large_arguments`: `acosh` and `asinh` of arguments
/// whose square overflows (`ln(x + sqrt(x^2 - 1))` gives `inf`; the true values are about
/// `ln(2x)`, 710.48 for `f64::MAX`).
pub fn acosh_asinh_large_arguments<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let ln2 = std::f64::consts::LN_2;
    if stores::<A>(ns, DType::Float64) {
        let v = [f64::MAX, 1e300, 1e160, 3e9];
        let x = f64s::<A>(ns, &v, &[4]);
        let want: Vec<f64> = v.iter().map(|x| x.ln() + ln2).collect();
        check_as("acosh", &x.acosh()?, &[4], DType::Float64, &want, 1e-15);
        check_as("asinh", &x.asinh()?, &[4], DType::Float64, &want, 1e-15);
        let neg: Vec<f64> = want.iter().map(|w| -w).collect();
        check_as("asinh", &x.negative()?.asinh()?, &[4], DType::Float64, &neg, 1e-15);
    }
    let v32 = [f32::MAX, 3e38, 1e30, 2e19];
    let x = f32s::<A>(ns, &v32, &[4]);
    let want: Vec<f64> = v32.iter().map(|&x| ((x as f64).ln() + ln2) as f32 as f64).collect();
    check_as("acosh", &x.acosh()?, &[4], DType::Float32, &want, 1e-6);
    check_as("asinh", &x.asinh()?, &[4], DType::Float32, &want, 1e-6);
    Ok(())
}

/// Conformance check `expm1_log1p_near_zero`: `expm1` and `log1p` keep full relative
/// accuracy near 0, where `exp(x) - 1` and `log(1 + x)` lose every digit (the standard
/// says to compute them without that cancellation), in float64 and float32.
pub fn expm1_log1p_near_zero<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let v = [1e-4, -3e-5, 2e-6, -7e-8, 1e-10, -1e-12, 3e-20, 1e-300, 0.01, -0.3];
    if stores::<A>(ns, DType::Float64) {
        let x = f64s::<A>(ns, &v, &[v.len()]);
        let want = |f: fn(f64) -> f64| v.iter().map(|&x| f(x)).collect::<Vec<f64>>();
        check_as("expm1", &x.expm1()?, &[v.len()], DType::Float64, &want(f64::exp_m1), 1e-15);
        check_as("log1p", &x.log1p()?, &[v.len()], DType::Float64, &want(f64::ln_1p), 1e-15);
    }
    let x32 = f32s::<A>(ns, &v.map(|x| x as f32), &[v.len()]);
    let want32 = |f: fn(f64) -> f64| v.iter().map(|&x| f(x as f32 as f64) as f32 as f64).collect::<Vec<f64>>();
    check_as("expm1", &x32.expm1()?, &[v.len()], DType::Float32, &want32(f64::exp_m1), 1e-6);
    check_as("log1p", &x32.log1p()?, &[v.len()], DType::Float32, &want32(f64::ln_1p), 1e-6);
    Ok(())
}

/// Conformance check `binary_float_functions`: `atan2`, `hypot`, `copysign`, `logaddexp`
/// on the standard's special cases and on broadcast operands, and `logical_xor`.
pub fn binary_float_functions<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    use std::f64::consts::{FRAC_PI_2, LN_2, PI};
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let y = f64s::<A>(ns, &[0.0, -0.0, 0.0, -0.0, 1.0, nan, -1.0], &[7]);
    let x = f64s::<A>(ns, &[0.0, 0.0, -0.0, -0.0, 0.0, 1.0, -inf], &[7]);
    check_bits_as("atan2", &y.atan2(&x)?, &[0.0, -0.0, PI, -PI, FRAC_PI_2, nan, -PI]);
    let a = f64s::<A>(ns, &[3.0, inf, nan, -inf, 1e300], &[5]);
    let b = f64s::<A>(ns, &[4.0, nan, 1.0, 2.0, 1e300], &[5]);
    check_as("hypot", &a.hypot(&b)?, &[5], DType::Float64, &[5.0, inf, nan, inf, 1e300 * 2f64.sqrt()], 1e-15);
    let m = f64s::<A>(ns, &[2.0, -3.0, 0.0, inf], &[4]);
    let s = f64s::<A>(ns, &[-0.0, 0.0, -1.0, -2.0], &[4]);
    check_bits_as("copysign", &m.copysign(&s)?, &[-2.0, 3.0, -0.0, -inf]);
    let p = f64s::<A>(ns, &[0.0, -inf, inf, 1000.0, nan, -1000.0], &[6]);
    let q = f64s::<A>(ns, &[0.0, -inf, 1.0, 1000.0, 1.0, 0.0], &[6]);
    check_as("logaddexp", &p.logaddexp(&q)?, &[6], DType::Float64, &[LN_2, -inf, inf, 1000.0 + LN_2, nan, 0.0], 1e-15);
    // Broadcasting, float32, and scalars on either side.
    let (va, vb) = ([0.5, -1.5, 2.0, 3.0, -0.25, 1.0], [1.0, -2.0, 0.5]);
    let (xa, xb) = (f64s::<A>(ns, &va, &[2, 3]), f64s::<A>(ns, &vb, &[3]));
    type F = fn(f64, f64) -> f64;
    let logaddexp: F = |p, q| p.max(q) + (-(p - q).abs()).exp().ln_1p();
    for (name, f) in
        [("atan2", f64::atan2 as F), ("hypot", f64::hypot), ("copysign", f64::copysign), ("logaddexp", logaddexp)]
    {
        let run = |a: &A, b: &A| -> Result<A> {
            match name {
                "atan2" => a.atan2(b),
                "hypot" => a.hypot(b),
                "copysign" => a.copysign(b),
                _ => a.logaddexp(b),
            }
        };
        let want = ref_binary(&va, &[2, 3], &vb, &[3], &[2, 3], f);
        check_as(name, &run(&xa, &xb)?, &[2, 3], DType::Float64, &want, 1e-15);
        let want32: Vec<f64> = want.iter().map(|&w| w as f32 as f64).collect();
        let (a32, b32) = (xa.astype(DType::Float32)?, xb.astype(DType::Float32)?);
        check_as(name, &run(&a32, &b32)?, &[2, 3], DType::Float32, &want32, 1e-6);
    }
    check_as(
        "atan2",
        &xb.atan2(1.0)?,
        &[3],
        DType::Float64,
        &[1f64.atan2(1.0), (-2f64).atan2(1.0), 0.5f64.atan2(1.0)],
        1e-15,
    );
    check(
        &arrayapi_core::functions::atan2(1.0, &xb)?,
        &[3],
        DType::Float64,
        &[1f64.atan2(1.0), 1f64.atan2(-2.0), 1f64.atan2(0.5)],
        1e-15,
    );
    // Floats only; logical_xor on booleans only.
    let i = arr::<A, i32>(ns, &[1, 2], &[2]);
    assert!(matches!(err(i.atan2(&i)), Error::DType { func: "atan2", .. }));
    assert!(matches!(err(i.hypot(&i)), Error::DType { func: "hypot", .. }));
    let t = arr::<A, bool>(ns, &[true, true, false, false], &[4]);
    let u = arr::<A, bool>(ns, &[true, false, true, false], &[4]);
    check_as("logical_xor", &t.logical_xor(&u)?, &[4], DType::Bool, &[0.0, 1.0, 1.0, 0.0], 0.0);
    check_as("logical_xor", &t.logical_xor(true)?, &[4], DType::Bool, &[0.0, 0.0, 1.0, 1.0], 0.0);
    assert!(matches!(err(xa.logical_xor(&xa)), Error::DType { func: "logical_xor", .. }));
    Ok(())
}
