//! Inputs that must give a typed error, never a panic or an abort; error messages.

use arrayapi_core::{ArrayApi, DType, Error, ErrorKind, Result};

use crate::support::*;

/// Conformance check `element_counts_that_overflow`: element counts that overflow.
pub fn element_counts_that_overflow<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // The element count overflows usize.
    assert!(matches!(err(A::zeros(ns, &[usize::MAX, 2], DType::Float32)), Error::Overflow { func: "zeros", .. }));
    // No elements, but the other lengths multiply past isize: refused as NumPy does
    // ("array is too big"), on every backend, never a panic.
    assert!(matches!(
        err(A::zeros(ns, &[usize::MAX, 0, usize::MAX], DType::Float32)),
        Error::Overflow { func: "zeros", .. }
    ));
    assert_eq!(A::zeros(ns, &[1 << 40, 0, 1 << 20], DType::Float32)?.shape(), &[1 << 40, 0, 1 << 20]);
    // The element count fits but the byte count does not (4 or 8 bytes each).
    let float = widest_float::<A>(ns);
    assert!(matches!(err(A::zeros(ns, &[1 << 62], float)), Error::Overflow { .. }));
    // Fits in usize and isize but not in any address space: refused before allocating.
    assert!(matches!(err(A::zeros(ns, &[1 << 45], float)), Error::OutOfMemory { func: "zeros", .. }));
    // Broadcasting two harmless shapes into an impossible one.
    let a = A::zeros(ns, &[1 << 40, 0], DType::Float32)?;
    let b = A::zeros(ns, &[1, 0], DType::Float32)?;
    assert_eq!(a.add(&b)?.shape(), &[1 << 40, 0]);
    let c = A::zeros(ns, &[1, 0], DType::Float32)?.reshape(&[0])?;
    assert_eq!(c.size(), 0);
    assert!(matches!(
        err(arrayapi_core::broadcast_shapes("add", &[&[1 << 40, 1], &[1, 1 << 40]])),
        Error::Overflow { .. }
    ));
    assert!(matches!(err(a.broadcast_to(&[1 << 40, 1 << 40])), Error::Broadcast { .. }));
    assert!(matches!(err(A::eye(ns, 1 << 40, Some(1 << 40), 0, float)), Error::Overflow { func: "eye", .. }));
    Ok(())
}

/// Conformance check `errors_name_function_and_kind`: errors name function and kind.
pub fn errors_name_function_and_kind<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = A::zeros(ns, &[2, 3], DType::Float32)?;
    let y = A::zeros(ns, &[4], DType::Float32)?;
    let e = err(x.multiply(&y));
    assert_eq!(e.func(), "multiply");
    assert_eq!(e.kind(), ErrorKind::Shape);
    assert_eq!(e.to_string(), "multiply: shapes [2, 3] and [4] cannot be broadcast together");
    let e = err(x.sum(2, false));
    assert_eq!(e.to_string(), "sum: axis 2 is out of range for an array of 2 dimension(s)");
    let i = A::zeros(ns, &[2], DType::Int64)?;
    let e = err(i.sin());
    assert_eq!(e.kind(), ErrorKind::DType);
    assert_eq!(e.to_string(), "sin: expected a floating-point input, got int64");
    let e = err(x.add(&i));
    assert!(e.to_string().contains("astype"), "{e}");
    Ok(())
}

/// Conformance check `nan_and_infinity_flow_through`: nan and infinity flow through.
pub fn nan_and_infinity_flow_through<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0], &[4]);
    check(&x.add(&x)?, &[4], DType::Float64, &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0], 0.0);
    check(&x.subtract(&x)?, &[4], DType::Float64, &[f64::NAN, f64::NAN, f64::NAN, 0.0], 0.0);
    check(&x.divide(0.0)?, &[4], DType::Float64, &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::NAN], 0.0);
    check(&x.astype(DType::Int64)?, &[4], DType::Int64, &[0.0, i64::MAX as f64, i64::MIN as f64, 0.0], 0.0);
    Ok(())
}

/// Conformance check `declared_dtypes`: every dtype the namespace lists
/// (`BackendNamespace::dtypes`) can be created and read back; every other one is refused
/// with a typed error naming the function, never stored as something else.
fn host_one(dtype: DType) -> arrayapi_core::HostData {
    use arrayapi_core::{half, HostData as H};
    match dtype {
        DType::Bool => H::Bool(vec![true]),
        DType::Int8 => H::I8(vec![1]),
        DType::Int16 => H::I16(vec![1]),
        DType::Int32 => H::I32(vec![1]),
        DType::Int64 => H::I64(vec![1]),
        DType::UInt8 => H::U8(vec![1]),
        DType::UInt16 => H::U16(vec![1]),
        DType::UInt32 => H::U32(vec![1]),
        DType::UInt64 => H::U64(vec![1]),
        DType::Float32 => H::F32(vec![1.0]),
        DType::Float64 => H::F64(vec![1.0]),
        DType::Float16 => H::F16(vec![half::f16::ONE]),
        DType::BFloat16 => H::BF16(vec![half::bf16::ONE]),
    }
}

/// Conformance check `declared_dtypes`: every dtype the backend declares is stored as
/// itself; every other one is refused with a typed error, by creation, `astype` and
/// `from_host`, never stored as something else.
pub fn declared_dtypes<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    use arrayapi_core::BackendNamespace;
    let declared = ns.dtypes();
    assert!(!declared.is_empty(), "a backend stores at least one dtype");
    let source = A::zeros(ns, &[1], declared[0])?;
    for dtype in DType::ALL {
        if stores::<A>(ns, dtype) {
            let z = A::zeros(ns, &[2], dtype)?;
            assert_eq!(z.dtype(), dtype, "zeros of a listed dtype");
            assert_eq!(z.to_host()?.data().to_f64_vec(), vec![0.0, 0.0]);
            assert_eq!(source.astype(dtype)?.dtype(), dtype, "astype to listed {dtype}");
        } else {
            let e = err(A::zeros(ns, &[2], dtype));
            assert_eq!(e.kind(), ErrorKind::Backend, "{dtype} is not listed: {e}");
            assert!(e.to_string().contains("zeros"), "{e}");
            assert!(source.astype(dtype).is_err(), "astype to unlisted {dtype} must fail");
            let host = arrayapi_core::HostArray::new(&[1], host_one(dtype))?;
            assert!(A::from_host(ns, host).is_err(), "from_host of unlisted {dtype} must fail");
        }
    }
    Ok(())
}
