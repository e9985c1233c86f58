//! Helpers for writing checks: building arrays, comparing values with NaN and signed
//! zeros in mind, reference broadcasting on host data.

use arrayapi_core::{ArrayApi, DType, Element, Result};

/// A float64 array (the check is not applicable to a backend without float64).
pub fn f64s<A: ArrayApi>(ns: &A::Namespace, v: &[f64], shape: &[usize]) -> A {
    arr::<A, f64>(ns, v, shape)
}

/// A float32 array (the check is not applicable to a backend without float32).
pub fn f32s<A: ArrayApi>(ns: &A::Namespace, v: &[f32], shape: &[usize]) -> A {
    arr::<A, f32>(ns, v, shape)
}

/// An array of any element type (the check is not applicable to a backend that does not
/// declare its dtype).
pub fn arr<A: ArrayApi, T: Element>(ns: &A::Namespace, v: &[T], shape: &[usize]) -> A {
    requires::<A>(ns, T::DTYPE);
    A::asarray(ns, v, shape).unwrap()
}

/// Why a check does not apply to a backend: the payload of the panic [`requires`] raises,
/// which [`crate::run_check`] reports as "not applicable" rather than as a failure.
#[derive(Clone, Debug)]
pub struct NotApplicable(pub String);

/// Ends the check as not applicable unless the backend declares `dtype`
/// ([`arrayapi_core::BackendNamespace::dtypes`]): a check whose inputs (or the result the
/// standard fixes, such as int64 indices) need a dtype the backend does not store does
/// not apply to it. `declared_dtypes` checks that such dtypes are refused.
#[track_caller]
pub fn requires<A: ArrayApi>(ns: &A::Namespace, dtype: DType) {
    if !stores::<A>(ns, dtype) {
        std::panic::panic_any(NotApplicable(format!("needs {dtype}, which the backend does not declare")));
    }
}

/// Whether the backend stores `dtype`, as its namespace declares
/// ([`arrayapi_core::BackendNamespace::dtypes`]). Checks run their parts for other dtypes
/// only where it does, and `declared_dtypes` checks that the rest are refused with a
/// typed error: a backend without `int8` is still checked on everything else.
pub fn stores<A: ArrayApi>(ns: &A::Namespace, dtype: DType) -> bool {
    use arrayapi_core::BackendNamespace;
    ns.dtypes().contains(&dtype)
}

/// The widest float dtype the backend declares (float64, else float32), for checks whose
/// subject is not a dtype (the check does not apply to a backend with neither).
pub fn widest_float<A: ArrayApi>(ns: &A::Namespace) -> DType {
    if stores::<A>(ns, DType::Float64) {
        DType::Float64
    } else {
        requires::<A>(ns, DType::Float32);
        DType::Float32
    }
}

/// Values as f64, row-major.
pub fn vals<A: ArrayApi>(x: &A) -> Vec<f64> {
    x.to_host().unwrap().data().to_f64_vec()
}

/// Whether a value a backend returned is the one a check wants, by the suite's one rule:
///
/// - NaN only as NaN, and +inf and -inf only as themselves (a tolerance never reaches
///   an infinity);
/// - a zero only as a zero of the same sign (the standard fixes the sign of zero for the
///   functions it defines on signed zeros; checks that allow either sign say so with
///   [`check_near`]);
/// - anything else within `rtol` of `want`, relative to `want`: `rtol = 0` is exact, and
///   the checks use `1e-15` (about 4.5 units in the last place) for float64 and `1e-6`
///   (about 8 units) for float32, where a function's reference is computed in float64
///   and rounded, so a result near zero is held to the same relative accuracy as any
///   other (what catches `expm1(x)` computed as `exp(x) - 1`).
pub fn same_value(got: f64, want: f64, rtol: f64) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    if !want.is_finite() || !got.is_finite() {
        return got == want;
    }
    if want == 0.0 {
        return got == 0.0 && got.is_sign_negative() == want.is_sign_negative();
    }
    (got - want).abs() <= rtol * want.abs()
}

/// Like [`same_value`] for identities whose exact answer is zero but whose computed
/// answer comes from cancellation (`x @ inv(x)` off the diagonal): NaN and infinities by
/// class, either sign of zero, and `|got - want| <= atol + rtol * |want|`.
pub fn near_value(got: f64, want: f64, rtol: f64, atol: f64) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    if !want.is_finite() || !got.is_finite() {
        return got == want;
    }
    (got - want).abs() <= atol + rtol * want.abs()
}

#[track_caller]
fn compare<A: ArrayApi>(what: &str, x: &A, shape: &[usize], dtype: DType, want: &[f64], ok: impl Fn(f64, f64) -> bool) {
    assert_eq!(x.shape(), shape, "{what}shape");
    assert_eq!(x.dtype(), dtype, "{what}dtype");
    let got = vals(x);
    assert_eq!(got.len(), want.len(), "{what}length of {got:?} vs {want:?}");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(ok(g, w), "{what}element {i}: got {g:?}, want {w:?}\n got {got:?}\nwant {want:?}");
    }
}

/// Asserts shape, dtype and values by [`same_value`]: NaN, infinities and signed zeros
/// exactly, integers and booleans exactly whatever `rtol` says, other floats within
/// `rtol` relative to the wanted value.
#[track_caller]
pub fn check<A: ArrayApi>(x: &A, shape: &[usize], dtype: DType, want: &[f64], rtol: f64) {
    let rtol = if dtype.is_floating() { rtol } else { 0.0 };
    compare("", x, shape, dtype, want, |g, w| same_value(g, w, rtol));
}

/// [`check`], with the failure message starting with `what` (the function checked, in
/// checks that loop over several).
#[track_caller]
pub fn check_as<A: ArrayApi>(what: &str, x: &A, shape: &[usize], dtype: DType, want: &[f64], rtol: f64) {
    let rtol = if dtype.is_floating() { rtol } else { 0.0 };
    compare(&format!("{what}: "), x, shape, dtype, want, |g, w| same_value(g, w, rtol));
}

/// Asserts shape, dtype and values by [`near_value`] (for identities computed through
/// cancellation).
#[track_caller]
pub fn check_near<A: ArrayApi>(x: &A, shape: &[usize], dtype: DType, want: &[f64], rtol: f64, atol: f64) {
    compare("", x, shape, dtype, want, |g, w| near_value(g, w, rtol, atol));
}

/// [`check_near`], with the failure message starting with `what`.
#[track_caller]
pub fn check_near_as<A: ArrayApi>(
    what: &str,
    x: &A,
    shape: &[usize],
    dtype: DType,
    want: &[f64],
    rtol: f64,
    atol: f64,
) {
    compare(&format!("{what}: "), x, shape, dtype, want, |g, w| near_value(g, w, rtol, atol));
}

/// Asserts exact values including the sign of zero.
#[track_caller]
pub fn check_bits<A: ArrayApi>(x: &A, want: &[f64]) {
    bits("", x, want);
}

/// [`check_bits`], with the failure message starting with `what`.
#[track_caller]
pub fn check_bits_as<A: ArrayApi>(what: &str, x: &A, want: &[f64]) {
    bits(&format!("{what}: "), x, want);
}

#[track_caller]
fn bits<A: ArrayApi>(what: &str, x: &A, want: &[f64]) {
    let got = vals(x);
    assert_eq!(got.len(), want.len(), "{what}length of {got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!(same_value(*g, *w, 0.0), "{what}got {got:?}, want {want:?}");
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
