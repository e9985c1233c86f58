//! Creation functions: `zeros`, `ones`, `full`, `empty`, `*_like`, `asarray`, `arange`, `linspace`, `eye`, and `astype`.

use arrayapi_core::{ArrayApi, DType, Error, Result};

use crate::support::*;

/// Conformance check `zeros_ones_full_empty`: zeros ones full empty.
pub fn zeros_ones_full_empty<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    for dtype in DType::ALL.into_iter().filter(|&d| stores::<A>(ns, d)) {
        check(&A::zeros(ns, &[2, 3], dtype)?, &[2, 3], dtype, &[0.0; 6], 0.0);
        check(&A::ones(ns, &[3], dtype)?, &[3], dtype, &[1.0; 3], 0.0);
        check(&A::empty(ns, &[0, 4], dtype)?, &[0, 4], dtype, &[], 0.0);
    }
    check(&A::full(ns, &[], 7.into(), DType::Int16)?, &[], DType::Int16, &[7.0], 0.0);
    check(&A::full(ns, &[2], f64::NAN.into(), DType::Float32)?, &[2], DType::Float32, &[f64::NAN; 2], 0.0);
    check(&A::full(ns, &[1], true.into(), DType::Bool)?, &[1], DType::Bool, &[1.0], 0.0);
    // The fill value takes the dtype only where the standard allows it.
    assert!(matches!(err(A::full(ns, &[1], 1.5.into(), DType::Int32)), Error::ScalarCast { func: "full", .. }));
    assert!(matches!(err(A::full(ns, &[1], 300.into(), DType::UInt8)), Error::ScalarCast { .. }));
    assert!(matches!(err(A::full(ns, &[1], (-1).into(), DType::UInt8)), Error::ScalarCast { .. }));
    assert!(matches!(err(A::full(ns, &[1], 1.into(), DType::Bool)), Error::ScalarCast { .. }));
    Ok(())
}

/// Conformance check `like_functions`: like functions.
pub fn like_functions<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = arr::<A, i32>(ns, &[1, 2, 3, 4], &[2, 2]);
    check(&x.zeros_like()?, &[2, 2], DType::Int32, &[0.0; 4], 0.0);
    check(&x.ones_like()?, &[2, 2], DType::Int32, &[1.0; 4], 0.0);
    check(&x.full_like(9)?, &[2, 2], DType::Int32, &[9.0; 4], 0.0);
    check(&x.empty_like()?, &[2, 2], DType::Int32, &[0.0; 4], 0.0);
    assert_eq!(x.zeros_like()?.backend_name(), x.backend_name());
    Ok(())
}

/// Conformance check `asarray_roundtrip`: asarray roundtrip.
pub fn asarray_roundtrip<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    if stores::<A>(ns, DType::UInt64) {
        let x = A::asarray(ns, &[1u64, u64::MAX, 3, 4, 5, 6], &[3, 2])?;
        assert_eq!(x.to_vec::<u64>()?, vec![1, u64::MAX, 3, 4, 5, 6]);
    }
    let x = A::asarray(ns, &[1i64, i64::MIN, 3, 4, 5, i64::MAX], &[3, 2])?;
    assert_eq!(x.to_vec::<i64>()?, vec![1, i64::MIN, 3, 4, 5, i64::MAX]);
    assert_eq!(x.size(), 6);
    assert_eq!(x.ndim(), 2);
    assert!(matches!(err(x.to_vec::<u64>()), Error::DType { func: "to_vec", .. }));
    let b = A::asarray(ns, &[true, false], &[2])?;
    assert_eq!(b.to_vec::<bool>()?, vec![true, false]);
    let s = A::asarray(ns, &[2.5f32], &[])?;
    assert_eq!(s.shape(), &[] as &[usize]);
    assert!(matches!(err(A::asarray(ns, &[1.0f64, 2.0, 3.0], &[2, 2])), Error::ShapeMismatch { func: "asarray", .. }));
    Ok(())
}

/// Conformance check `arange`: arange.
pub fn arange<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    check(&A::arange(ns, 0.0, 5.0, 1.0, DType::Int64)?, &[5], DType::Int64, &[0.0, 1.0, 2.0, 3.0, 4.0], 0.0);
    for dt in [DType::Int8, DType::Int16].into_iter().filter(|&d| stores::<A>(ns, d)) {
        check(&A::arange(ns, 5.0, 0.0, -2.0, dt)?, &[3], dt, &[5.0, 3.0, 1.0], 0.0);
    }
    check(&A::arange(ns, 0.0, 1.0, 0.25, DType::Float32)?, &[4], DType::Float32, &[0.0, 0.25, 0.5, 0.75], 0.0);
    check(&A::arange(ns, 3.0, 1.0, 1.0, DType::Float64)?, &[0], DType::Float64, &[], 0.0);
    assert!(matches!(err(A::arange(ns, 0.0, 1.0, 0.0, DType::Float64)), Error::InvalidArgument { func: "arange", .. }));
    assert!(matches!(err(A::arange(ns, 0.0, f64::INFINITY, 1.0, DType::Float64)), Error::InvalidArgument { .. }));
    assert!(matches!(err(A::arange(ns, 0.0, 1.0, 0.5, DType::Int32)), Error::InvalidArgument { .. }));
    assert!(matches!(err(A::arange(ns, 0.0, 300.0, 1.0, DType::UInt8)), Error::ScalarCast { .. }));
    assert!(matches!(err(A::arange(ns, 0.0, 1e300, 1e-300, DType::Float64)), Error::Overflow { .. }));
    // Integers exactly, past float64's 2^53 too; a non-integral stop bounds them.
    let p53 = 9_007_199_254_740_992i64; // 2^53
    let big = A::arange(ns, p53 as f64, (p53 + 4) as f64, 1.0, DType::Int64)?;
    assert_eq!(big.to_vec::<i64>()?, vec![p53, p53 + 1, p53 + 2, p53 + 3], "arange past 2^53");
    assert_eq!(A::arange(ns, 0.0, 2.5, 1.0, DType::Int64)?.to_vec::<i64>()?, vec![0, 1, 2]);
    assert_eq!(A::arange(ns, 0.0, -2.5, -1.0, DType::Int64)?.to_vec::<i64>()?, vec![0, -1, -2]);
    if stores::<A>(ns, DType::UInt64) {
        let u = A::arange(ns, 9_223_372_036_854_775_808.0, 9_223_372_036_854_777_856.0, 1024.0, DType::UInt64)?;
        assert_eq!(u.to_vec::<u64>()?, vec![1 << 63, (1 << 63) + 1024], "arange of uint64 past int64");
    }
    // A value outside the dtype is an error, never saturated.
    assert!(matches!(err(A::arange(ns, 9.3e18, 9.4e18, 1e16, DType::Int64)), Error::ScalarCast { func: "arange", .. }));
    assert!(matches!(err(A::arange(ns, -1.0, 3.0, 1.0, DType::UInt8)), Error::ScalarCast { func: "arange", .. }));
    Ok(())
}

/// Conformance check `linspace`: linspace.
pub fn linspace<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    check(
        &A::linspace(ns, 0.0, 1.0, 5, true, DType::Float64)?,
        &[5],
        DType::Float64,
        &[0.0, 0.25, 0.5, 0.75, 1.0],
        0.0,
    );
    check(&A::linspace(ns, 0.0, 1.0, 4, false, DType::Float32)?, &[4], DType::Float32, &[0.0, 0.25, 0.5, 0.75], 0.0);
    check(&A::linspace(ns, 2.0, 3.0, 1, true, DType::Float64)?, &[1], DType::Float64, &[2.0], 0.0);
    check(&A::linspace(ns, 2.0, 3.0, 0, true, DType::Float64)?, &[0], DType::Float64, &[], 0.0);
    // The endpoint is exact even where accumulated steps would round.
    let x = A::linspace(ns, -1.0, 2.0, 301, true, DType::Float64)?;
    assert_eq!(vals(&x)[300], 2.0);
    assert!(matches!(err(A::linspace(ns, 0.0, 1.0, 3, true, DType::Int32)), Error::DType { func: "linspace", .. }));
    assert!(matches!(err(A::linspace(ns, f64::NAN, 1.0, 3, true, DType::Float64)), Error::InvalidArgument { .. }));
    Ok(())
}

/// Conformance check `eye`: eye.
pub fn eye<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    check(&A::eye(ns, 2, None, 0, DType::Float32)?, &[2, 2], DType::Float32, &[1.0, 0.0, 0.0, 1.0], 0.0);
    check(&A::eye(ns, 2, Some(3), 1, DType::Int32)?, &[2, 3], DType::Int32, &[0.0, 1.0, 0.0, 0.0, 0.0, 1.0], 0.0);
    check(&A::eye(ns, 3, Some(2), -1, DType::Bool)?, &[3, 2], DType::Bool, &[0.0, 0.0, 1.0, 0.0, 0.0, 1.0], 0.0);
    check(&A::eye(ns, 0, Some(3), 0, DType::Float64)?, &[0, 3], DType::Float64, &[], 0.0);
    check(&A::eye(ns, 2, None, 5, DType::Float64)?, &[2, 2], DType::Float64, &[0.0; 4], 0.0);
    Ok(())
}

/// Conformance check `astype`: astype.
pub fn astype<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[-1.7, -0.5, 0.0, 2.9, 300.0, f64::NAN, f64::INFINITY], &[7]);
    check(&x.astype(DType::Int32)?, &[7], DType::Int32, &[-1.0, 0.0, 0.0, 2.0, 300.0, 0.0, i32::MAX as f64], 0.0);
    check(&x.astype(DType::UInt8)?, &[7], DType::UInt8, &[0.0, 0.0, 0.0, 2.0, 255.0, 0.0, 255.0], 0.0);
    check(&x.astype(DType::Bool)?, &[7], DType::Bool, &[1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0], 0.0);
    let f = x.astype(DType::Float32)?;
    check(&f, &[7], DType::Float32, &[-1.7, -0.5, 0.0, 2.9, 300.0, f64::NAN, f64::INFINITY], 1e-7);
    let b = arr::<A, bool>(ns, &[true, false], &[2]);
    check(&b.astype(DType::Float64)?, &[2], DType::Float64, &[1.0, 0.0], 0.0);
    for dt in [DType::Int8, DType::Int16].into_iter().filter(|&d| stores::<A>(ns, d)) {
        check(&b.astype(dt)?, &[2], dt, &[1.0, 0.0], 0.0);
    }
    let i = arr::<A, i16>(ns, &[-1, 256], &[2]);
    check(&i.astype(DType::UInt8)?, &[2], DType::UInt8, &[255.0, 0.0], 0.0);
    // Same dtype: a copy of the value.
    check(&i.astype(DType::Int16)?, &[2], DType::Int16, &[-1.0, 256.0], 0.0);
    Ok(())
}
