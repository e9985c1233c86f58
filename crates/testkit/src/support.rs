//! Helpers for writing checks: building arrays, comparing values with NaN and signed
//! zeros in mind, reference broadcasting on host data.

use arrayapi_core::{ArrayApi, DType, Element, Result};

/// A float64 array.
pub fn f64s<A: ArrayApi>(ns: &A::Namespace, v: &[f64], shape: &[usize]) -> A {
    A::asarray(ns, v, shape).unwrap()
}

/// A float32 array.
pub fn f32s<A: ArrayApi>(ns: &A::Namespace, v: &[f32], shape: &[usize]) -> A {
    A::asarray(ns, v, shape).unwrap()
}

/// An array of any element type.
pub fn arr<A: ArrayApi, T: Element>(ns: &A::Namespace, v: &[T], shape: &[usize]) -> A {
    A::asarray(ns, v, shape).unwrap()
}

/// Whether the backend stores `dtype`, as its namespace declares
/// ([`arrayapi_core::BackendNamespace::dtypes`]). Checks run their parts for other dtypes
/// only where it does, and `declared_dtypes` checks that the rest are refused with a
/// typed error: a backend without `int8` is still checked on everything else.
pub fn stores<A: ArrayApi>(ns: &A::Namespace, dtype: DType) -> bool {
    use arrayapi_core::BackendNamespace;
    ns.dtypes().contains(&dtype)
}

/// Values as f64, row-major.
pub fn vals<A: ArrayApi>(x: &A) -> Vec<f64> {
    x.to_host().unwrap().data().to_f64_vec()
}

/// Asserts shape, dtype and values (NaN equals NaN; signed zeros compared too when
/// `exact_zero_sign`; relative tolerance `tol`).
#[track_caller]
pub fn check<A: ArrayApi>(x: &A, shape: &[usize], dtype: DType, want: &[f64], tol: f64) {
    assert_eq!(x.shape(), shape, "shape");
    assert_eq!(x.dtype(), dtype, "dtype");
    let got = vals(x);
    assert_eq!(got.len(), want.len(), "length of {got:?} vs {want:?}");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let ok = (g.is_nan() && w.is_nan()) || g == w || (g - w).abs() <= tol * w.abs().max(1.0);
        assert!(ok, "element {i}: got {g}, want {w}\n got {got:?}\nwant {want:?}");
    }
}

/// Asserts exact values including the sign of zero.
#[track_caller]
pub fn check_bits<A: ArrayApi>(x: &A, want: &[f64]) {
    let got = vals(x);
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g.is_nan() && w.is_nan()) || (g == w && g.is_sign_negative() == w.is_sign_negative()),
            "got {got:?}, want {want:?}"
        );
    }
}

/// Row-major index -> multi-index.
pub fn unravel(mut i: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for d in (0..shape.len()).rev() {
        idx[d] = i % shape[d];
        i /= shape[d];
    }
    idx
}

/// Reference broadcasting of a binary function, computed on host data.
pub fn ref_binary(
    a: &[f64],
    sa: &[usize],
    b: &[f64],
    sb: &[usize],
    out: &[usize],
    f: impl Fn(f64, f64) -> f64,
) -> Vec<f64> {
    let n: usize = out.iter().product();
    let pick = |v: &[f64], s: &[usize], idx: &[usize]| {
        let off = idx.len() - s.len();
        let mut flat = 0;
        for (d, &len) in s.iter().enumerate() {
            flat = flat * len + if len == 1 { 0 } else { idx[off + d] };
        }
        v[flat]
    };
    (0..n)
        .map(|i| {
            let idx = unravel(i, out);
            f(pick(a, sa, &idx), pick(b, sb, &idx))
        })
        .collect()
}

/// Unwraps the error of a result that must fail.
#[track_caller]
pub fn err<T: std::fmt::Debug>(r: Result<T>) -> arrayapi_core::Error {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}
