//! Bitwise operations, shifts, floor division, remainder and `nextafter`: values against
//! Rust's integer and float arithmetic on the host, broadcasting, promotion and errors.

use arrayapi_core::{ArrayApi, DType, ErrorKind, Result};

use crate::support::*;

/// Python's floor division of integers.
fn floor_div(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let q = a / b;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// Python's remainder of integers (the divisor's sign).
fn rem(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// Conformance check `bitwise_and_shifts`: `bitwise_and/or/xor/invert`, both shifts, on
/// int32, int64, uint8 and bool, broadcast, with scalars; floats are an error.
pub fn bitwise_and_shifts<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let a: Vec<i64> = vec![0, 1, -2, 7, 12, -128, 255, 100];
    let b: Vec<i64> = vec![3, 5, 6, -1];
    for dtype in [DType::Int32, DType::Int64] {
        let x = arr::<A, i64>(ns, &a, &[2, 4]).astype(dtype)?;
        let y = arr::<A, i64>(ns, &b, &[4]).astype(dtype)?;
        let want = |f: fn(i64, i64) -> i64| -> Vec<f64> {
            ref_binary(
                &a.iter().map(|&v| v as f64).collect::<Vec<_>>(),
                &[2, 4],
                &b.iter().map(|&v| v as f64).collect::<Vec<_>>(),
                &[4],
                &[2, 4],
                |p, q| f(p as i64, q as i64) as f64,
            )
        };
        check_as("bitwise_and", &x.bitwise_and(&y)?, &[2, 4], dtype, &want(|p, q| p & q), 0.0);
        check_as("bitwise_or", &x.bitwise_or(&y)?, &[2, 4], dtype, &want(|p, q| p | q), 0.0);
        check_as("bitwise_xor", &x.bitwise_xor(&y)?, &[2, 4], dtype, &want(|p, q| p ^ q), 0.0);
        check_as(
            "bitwise_invert",
            &x.bitwise_invert()?,
            &[2, 4],
            dtype,
            &a.iter().map(|&v| !v as f64).collect::<Vec<_>>(),
            0.0,
        );
        // Shifts by in-range counts; a negative count or one past the width gives 0
        // (or -1 for a negative value shifted right), as NumPy does.
        let s = arr::<A, i64>(ns, &[0, 1, 3, 4], &[4]).astype(dtype)?;
        let sh: Vec<i64> = vec![0, 1, 3, 4];
        let shl: Vec<f64> = (0..8).map(|i| (a[i] << sh[i % 4]) as f64).collect();
        let shr: Vec<f64> = (0..8).map(|i| (a[i] >> sh[i % 4]) as f64).collect();
        check_as("bitwise_left_shift", &x.bitwise_left_shift(&s)?, &[2, 4], dtype, &shl, 0.0);
        check_as("bitwise_right_shift", &x.bitwise_right_shift(&s)?, &[2, 4], dtype, &shr, 0.0);
        let big = arr::<A, i64>(ns, &[-2, 200], &[2]).astype(dtype)?;
        let v = arr::<A, i64>(ns, &[-8, 8], &[2]).astype(dtype)?;
        check_as("bitwise_right_shift", &v.bitwise_right_shift(&big)?, &[2], dtype, &[-1.0, 0.0], 0.0);
        check_as("bitwise_left_shift", &v.bitwise_left_shift(&big)?, &[2], dtype, &[0.0, 0.0], 0.0);
        // With a Python-style integer scalar.
        check_as(
            "bitwise_and",
            &x.bitwise_and(6i64)?,
            &[2, 4],
            dtype,
            &a.iter().map(|&v| (v & 6) as f64).collect::<Vec<_>>(),
            0.0,
        );
    }
    // uint8 wraps in its own width.
    let u = arr::<A, u8>(ns, &[0, 1, 128, 255], &[4]);
    check_as("bitwise_invert", &u.bitwise_invert()?, &[4], DType::UInt8, &[255.0, 254.0, 127.0, 0.0], 0.0);
    check_as("bitwise_left_shift", &u.bitwise_left_shift(1i64)?, &[4], DType::UInt8, &[0.0, 2.0, 0.0, 254.0], 0.0);
    // bool: logical.
    let p = arr::<A, bool>(ns, &[true, true, false, false], &[4]);
    let q = arr::<A, bool>(ns, &[true, false, true, false], &[4]);
    check_as("bitwise_and", &p.bitwise_and(&q)?, &[4], DType::Bool, &[1.0, 0.0, 0.0, 0.0], 0.0);
    check_as("bitwise_xor", &p.bitwise_xor(&q)?, &[4], DType::Bool, &[0.0, 1.0, 1.0, 0.0], 0.0);
    check_as("bitwise_invert", &p.bitwise_invert()?, &[4], DType::Bool, &[0.0, 0.0, 1.0, 1.0], 0.0);
    // Promotion: int32 with int64 gives int64.
    let i32s = arr::<A, i32>(ns, &[1, 2], &[2]);
    let i64s = arr::<A, i64>(ns, &[3, 3], &[2]);
    check_as("bitwise_or", &i32s.bitwise_or(&i64s)?, &[2], DType::Int64, &[3.0, 3.0], 0.0);
    // Errors.
    let f = f64s::<A>(ns, &[1.0, 2.0], &[2]);
    let e = err(f.bitwise_and(&f));
    assert_eq!(e.kind(), ErrorKind::DType, "{e}");
    assert!(e.to_string().contains("bitwise_and"), "{e}");
    assert_eq!(err(f.bitwise_invert()).kind(), ErrorKind::DType);
    assert_eq!(err(p.bitwise_left_shift(&q)).kind(), ErrorKind::DType);
    let three = arr::<A, i64>(ns, &[1, 2, 3], &[3]);
    assert_eq!(err(i64s.bitwise_xor(&three)).kind(), ErrorKind::Shape);
    Ok(())
}

const INT_A: [i64; 6] = [7, -7, 7, -7, 0, 5];
const INT_B: [i64; 6] = [2, 2, -2, -2, 3, 0];

/// Conformance check `floor_divide`: Python's `//` on integers (signs, division by zero
/// giving 0) and floats (`1 // 0.1 == 9`, infinities, NaN, the sign of zero).
pub fn floor_divide<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    for dtype in [DType::Int32, DType::Int64] {
        let x = arr::<A, i64>(ns, &INT_A, &[6]).astype(dtype)?;
        let y = arr::<A, i64>(ns, &INT_B, &[6]).astype(dtype)?;
        let fd: Vec<f64> = INT_A.iter().zip(&INT_B).map(|(&p, &q)| floor_div(p, q) as f64).collect();
        check(&x.floor_divide(&y)?, &[6], dtype, &fd, 0.0);
    }
    let inf = f64::INFINITY;
    let x = f64s::<A>(ns, &[7.0, -7.0, 7.0, 1.0, 5.5, -0.0, 5.0, f64::NAN], &[8]);
    let y = f64s::<A>(ns, &[2.0, 2.0, -2.0, 0.1, 0.0, 3.0, inf, 1.0], &[8]);
    let fd = x.floor_divide(&y)?;
    check_as("floor_divide", &fd, &[8], DType::Float64, &[3.0, -4.0, -4.0, 9.0, inf, -0.0, 0.0, f64::NAN], 0.0);
    // float32 stays float32; a scalar divisor broadcasts.
    let x32 = x.astype(DType::Float32)?;
    check_as(
        "floor_divide",
        &x32.floor_divide(2.0)?,
        &[8],
        DType::Float32,
        &[3.0, -4.0, 3.0, 0.0, 2.0, -0.0, 2.0, f64::NAN],
        0.0,
    );
    // Where the standard lets a library match Python: inf // 2 is +inf (or Python's NaN),
    // -5 // inf is -0 (or Python's -1).
    let odd = f64s::<A>(ns, &[inf, -5.0], &[2]).floor_divide(&f64s::<A>(ns, &[2.0, inf], &[2]))?;
    let v = vals(&odd);
    assert!(v[0] == inf || v[0].is_nan(), "floor_divide: inf // 2 is +inf or NaN, got {}", v[0]);
    assert!(
        (v[1] == 0.0 && v[1].is_sign_negative()) || v[1] == -1.0,
        "floor_divide: -5 // inf is -0 or -1, got {}",
        v[1]
    );
    let bools = arr::<A, bool>(ns, &[true], &[1]);
    assert_eq!(err(bools.floor_divide(&bools)).kind(), ErrorKind::DType);
    Ok(())
}

/// Conformance check `remainder`: Python's `%` (the divisor's sign) on integers and
/// floats.
pub fn remainder<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    for dtype in [DType::Int32, DType::Int64] {
        let x = arr::<A, i64>(ns, &INT_A, &[6]).astype(dtype)?;
        let y = arr::<A, i64>(ns, &INT_B, &[6]).astype(dtype)?;
        let rm: Vec<f64> = INT_A.iter().zip(&INT_B).map(|(&p, &q)| rem(p, q) as f64).collect();
        check(&x.remainder(&y)?, &[6], dtype, &rm, 0.0);
    }
    let x = f64s::<A>(ns, &[7.0, -7.0, 7.0, 1.0, 5.5, -0.0, f64::INFINITY, f64::NAN], &[8]);
    let y = f64s::<A>(ns, &[2.0, 2.0, -2.0, 0.1, 0.0, 3.0, 2.0, 1.0], &[8]);
    let want = [1.0, 1.0, -1.0, 0.09999999999999995, f64::NAN, 0.0, f64::NAN, f64::NAN];
    check(&x.remainder(&y)?, &[8], DType::Float64, &want, 1e-15);
    let ints = arr::<A, i64>(ns, &[1, 2], &[2]);
    assert_eq!(err(ints.remainder(&arr::<A, i64>(ns, &[1, 2, 3], &[3]))).kind(), ErrorKind::Shape);
    Ok(())
}

/// Conformance check `nextafter`: one unit in the last place at a time, towards the
/// second argument, subnormals and signed zeros included.
pub fn nextafter<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let from = f64s::<A>(ns, &[1.0, 1.0, 0.0, 0.0, f64::NAN, 2.0], &[6]);
    let to = f64s::<A>(ns, &[2.0, 0.0, 1.0, -1.0, 1.0, 2.0], &[6]);
    let tiny = f64::from_bits(1);
    let want = [1.0 + f64::EPSILON, 1.0 - f64::EPSILON / 2.0, tiny, -tiny, f64::NAN, 2.0];
    check_bits(&from.nextafter(&to)?, &want);
    let n32 = from.astype(DType::Float32)?.nextafter(&to.astype(DType::Float32)?)?;
    assert_eq!(n32.dtype(), DType::Float32);
    assert_eq!(vals(&n32)[0], (1.0 + f32::EPSILON) as f64);
    let ints = arr::<A, i64>(ns, &[1, 2], &[2]);
    assert_eq!(err(ints.nextafter(&ints)).kind(), ErrorKind::DType);
    Ok(())
}
