//! Reductions: `sum`, `prod`, `max`, `min`, `all`, `any`, `mean`, `var`, `std`, `argmax`, `argmin`, `cumulative_sum`, with `axis` and `keepdims`.

use arrayapi_core::{ArrayApi, Axes, DType, Error, Result};

use crate::support::*;

/// x[i, j, k] = i * 100 + j * 10 + k, shape [2, 3, 4].
fn cube<A: ArrayApi>(ns: &A::Namespace) -> (A, Vec<f64>) {
    let v: Vec<f64> = (0..24).map(|n| ((n / 12) * 100 + (n / 4 % 3) * 10 + n % 4) as f64).collect();
    (f64s::<A>(ns, &v, &[2, 3, 4]), v)
}

/// Reference reduction over `axes` of a [2, 3, 4] array.
fn ref_reduce(v: &[f64], axes: &[usize], init: f64, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    let shape = [2, 3, 4];
    let out_shape: Vec<usize> = (0..3).filter(|d| !axes.contains(d)).map(|d| shape[d]).collect();
    let n: usize = out_shape.iter().product();
    let mut out = vec![init; n];
    for (i, &x) in v.iter().enumerate() {
        let idx = unravel(i, &shape);
        let mut flat = 0;
        for d in (0..3).filter(|d| !axes.contains(d)) {
            flat = flat * shape[d] + idx[d];
        }
        out[flat] = f(out[flat], x);
    }
    out
}

/// Conformance check `sum_prod_max_min_over_axes`: sum prod max min over axes.
pub fn sum_prod_max_min_over_axes<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let (x, v) = cube::<A>(ns);
    let cases: [(Axes, Vec<usize>, Vec<usize>); 6] = [
        (Axes::All, vec![0, 1, 2], vec![]),
        (Axes::One(0), vec![0], vec![3, 4]),
        (Axes::One(-1), vec![2], vec![2, 3]),
        (Axes::Many(vec![0, 2]), vec![0, 2], vec![3]),
        (Axes::Many(vec![-1, -3]), vec![0, 2], vec![3]),
        (Axes::Many(vec![]), vec![], vec![2, 3, 4]),
    ];
    for (axes, norm, shape) in cases {
        let kept: Vec<usize> = (0..3).map(|d| if norm.contains(&d) { 1 } else { [2, 3, 4][d] }).collect();
        let sum = ref_reduce(&v, &norm, 0.0, |a, b| a + b);
        check(&x.sum(axes.clone(), false)?, &shape, DType::Float64, &sum, 0.0);
        check(&x.sum(axes.clone(), true)?, &kept, DType::Float64, &sum, 0.0);
        let prod = ref_reduce(&v, &norm, 1.0, |a, b| a * b);
        check(&x.prod(axes.clone(), false)?, &shape, DType::Float64, &prod, 1e-15);
        let max = ref_reduce(&v, &norm, f64::NEG_INFINITY, f64::max);
        check(&x.max(axes.clone(), false)?, &shape, DType::Float64, &max, 0.0);
        let min = ref_reduce(&v, &norm, f64::INFINITY, f64::min);
        check(&x.min(axes.clone(), true)?, &kept, DType::Float64, &min, 0.0);
    }
    Ok(())
}

/// Conformance check `reduction_dtypes_and_edges`: reduction dtypes and edges.
pub fn reduction_dtypes_and_edges<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // Integer sums accumulate in the default integer of their kind.
    // (a sum that overflows the input's type: 3 x 20000 > int16::MAX).
    let i = arr::<A, i16>(ns, &[20000, 20000, 20000], &[3]);
    check(&i.sum(Axes::All, false)?, &[], DType::Int64, &[60000.0], 0.0);
    let u = arr::<A, u8>(ns, &[200, 200], &[2]);
    if stores::<A>(ns, DType::UInt64) {
        check(&u.sum(Axes::All, false)?, &[], DType::UInt64, &[400.0], 0.0);
        check(&u.prod(Axes::All, false)?, &[], DType::UInt64, &[40000.0], 0.0);
    }
    check(&u.max(Axes::All, false)?, &[], DType::UInt8, &[200.0], 0.0);
    let f = f32s::<A>(ns, &[0.5, 0.25], &[2]);
    check(&f.sum(Axes::All, false)?, &[], DType::Float32, &[0.75], 0.0);
    // Empty reductions: identities, or an error where there is none.
    let e = A::zeros(ns, &[0, 3], DType::Float64)?;
    // (The sum of nothing is 0; the standard does not fix that zero's sign.)
    check_near(&e.sum(0, false)?, &[3], DType::Float64, &[0.0; 3], 0.0, 0.0);
    check(&e.prod(0, false)?, &[3], DType::Float64, &[1.0; 3], 0.0);
    check(&e.sum(1, false)?, &[0], DType::Float64, &[], 0.0);
    check(&e.max(1, false)?, &[0], DType::Float64, &[], 0.0);
    assert!(matches!(err(e.max(0, false)), Error::ShapeMismatch { func: "max", .. }));
    assert!(matches!(err(e.min(Axes::All, false)), Error::ShapeMismatch { func: "min", .. }));
    // NaN propagates through max and min.
    let n = f64s::<A>(ns, &[1.0, f64::NAN, 3.0, 4.0], &[2, 2]);
    check(&n.max(1, false)?, &[2], DType::Float64, &[f64::NAN, 4.0], 0.0);
    check(&n.min(0, false)?, &[2], DType::Float64, &[1.0, f64::NAN], 0.0);
    check(&n.sum(Axes::All, false)?, &[], DType::Float64, &[f64::NAN], 0.0);
    // A 0-d array reduces over no axes.
    let s = f64s::<A>(ns, &[2.0], &[]);
    check(&s.sum(Axes::All, false)?, &[], DType::Float64, &[2.0], 0.0);
    assert!(matches!(err(s.sum(0, false)), Error::AxisOutOfRange { func: "sum", axis: 0, ndim: 0 }));
    assert!(matches!(err(arr::<A, bool>(ns, &[true], &[1]).sum(Axes::All, false)), Error::DType { func: "sum", .. }));
    Ok(())
}

/// Conformance check `all_any`: all any.
pub fn all_any<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let b = arr::<A, bool>(ns, &[true, false, true, true], &[2, 2]);
    check(&b.all(1, false)?, &[2], DType::Bool, &[0.0, 1.0], 0.0);
    check(&b.any(0, true)?, &[1, 2], DType::Bool, &[1.0, 1.0], 0.0);
    check(&b.all(Axes::All, false)?, &[], DType::Bool, &[0.0], 0.0);
    let f = f64s::<A>(ns, &[0.0, f64::NAN, -0.0], &[3]);
    check(&f.any(Axes::All, false)?, &[], DType::Bool, &[1.0], 0.0); // NaN is non-zero
    check(&f.all(Axes::All, false)?, &[], DType::Bool, &[0.0], 0.0);
    let e = A::zeros(ns, &[0], DType::Int32)?;
    check(&e.all(Axes::All, false)?, &[], DType::Bool, &[1.0], 0.0);
    check(&e.any(Axes::All, false)?, &[], DType::Bool, &[0.0], 0.0);
    Ok(())
}

/// Conformance check `mean_var_std`: mean var std.
pub fn mean_var_std<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[1.0, 2.0, 3.0, 4.0, 6.0, 8.0], &[2, 3]);
    check(&x.mean(Axes::All, false)?, &[], DType::Float64, &[4.0], 1e-15);
    check(&x.mean(1, true)?, &[2, 1], DType::Float64, &[2.0, 6.0], 1e-15);
    check(&x.var(1, 0.0, false)?, &[2], DType::Float64, &[2.0 / 3.0, 8.0 / 3.0], 1e-15);
    check(&x.var(1, 1.0, false)?, &[2], DType::Float64, &[1.0, 4.0], 1e-15);
    check(&x.std(1, 1.0, false)?, &[2], DType::Float64, &[1.0, 2.0], 1e-15);
    check(&x.var(0, 0.0, false)?, &[3], DType::Float64, &[2.25, 4.0, 6.25], 1e-15);
    check(&x.std([0, 1], 0.0, false)?, &[], DType::Float64, &[(130.0f64 / 6.0 - 16.0).sqrt()], 1e-12);
    let f = f32s::<A>(ns, &[1.0, 3.0], &[2]);
    check(&f.mean(Axes::All, false)?, &[], DType::Float32, &[2.0], 0.0);
    // count - correction <= 0 gives NaN, as the standard says; the mean of nothing is NaN.
    check(&x.var(0, 2.0, false)?, &[3], DType::Float64, &[f64::NAN; 3], 0.0);
    check(&x.var(0, 3.0, false)?, &[3], DType::Float64, &[f64::NAN; 3], 0.0);
    let e = A::zeros(ns, &[0], DType::Float64)?;
    check(&e.mean(Axes::All, false)?, &[], DType::Float64, &[f64::NAN], 0.0);
    let i = arr::<A, i32>(ns, &[1, 2], &[2]);
    assert!(matches!(err(i.mean(Axes::All, false)), Error::DType { func: "mean", .. }));
    assert!(matches!(err(x.var(0, -1.0, false)), Error::InvalidArgument { func: "var", .. }));
    assert!(matches!(err(x.std(0, f64::NAN, false)), Error::InvalidArgument { func: "std", .. }));
    Ok(())
}

/// Conformance check `argmax_argmin`: argmax argmin.
pub fn argmax_argmin<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[3.0, 9.0, 9.0, 1.0, -5.0, 2.0], &[2, 3]);
    check(&x.argmax(Some(1), false)?, &[2], DType::Int64, &[1.0, 2.0], 0.0); // first of ties
    check(&x.argmin(Some(0), false)?, &[3], DType::Int64, &[1.0, 1.0, 1.0], 0.0);
    check(&x.argmax(Some(-1), true)?, &[2, 1], DType::Int64, &[1.0, 2.0], 0.0);
    check(&x.argmax(None, false)?, &[], DType::Int64, &[1.0], 0.0);
    check(&x.argmin(None, true)?, &[1, 1], DType::Int64, &[4.0], 0.0);
    let n = f64s::<A>(ns, &[1.0, f64::NAN, 5.0], &[3]);
    check(&n.argmax(None, false)?, &[], DType::Int64, &[1.0], 0.0); // NaN counts as the extremum
    check(&n.argmin(None, false)?, &[], DType::Int64, &[1.0], 0.0);
    let i = arr::<A, u8>(ns, &[4, 200, 7], &[3]);
    check(&i.argmax(None, false)?, &[], DType::Int64, &[1.0], 0.0);
    let e = A::zeros(ns, &[0, 2], DType::Float32)?;
    assert!(matches!(err(e.argmax(Some(0), false)), Error::ShapeMismatch { func: "argmax", .. }));
    check(&e.argmax(Some(1), false)?, &[0], DType::Int64, &[], 0.0);
    assert!(matches!(err(x.argmax(Some(2), false)), Error::AxisOutOfRange { func: "argmax", axis: 2, ndim: 2 }));
    Ok(())
}

/// Conformance check `cumulative_sum`: cumulative sum.
pub fn cumulative_sum<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
    check(&x.cumulative_sum(Some(1), false)?, &[2, 3], DType::Float64, &[1.0, 3.0, 6.0, 4.0, 9.0, 15.0], 0.0);
    check(&x.cumulative_sum(Some(0), false)?, &[2, 3], DType::Float64, &[1.0, 2.0, 3.0, 5.0, 7.0, 9.0], 0.0);
    check(&x.cumulative_sum(Some(-1), true)?, &[2, 4], DType::Float64, &[0.0, 1.0, 3.0, 6.0, 0.0, 4.0, 9.0, 15.0], 0.0);
    let v = arr::<A, i16>(ns, &[20000, 20000, 20000], &[3]);
    check(&v.cumulative_sum(None, false)?, &[3], DType::Int64, &[20000.0, 40000.0, 60000.0], 0.0);
    let e = A::zeros(ns, &[0], DType::Float32)?;
    check(&e.cumulative_sum(None, true)?, &[1], DType::Float32, &[0.0], 0.0);
    // Infinities and NaN flow forward only, as in a running sum (no 0 * inf anywhere).
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    for dtype in [DType::Float64, DType::Float32] {
        let s = f64s::<A>(ns, &[1.0, inf, -inf, 2.0, -0.0, 5.0], &[2, 3]).astype(dtype)?;
        check(&s.cumulative_sum(Some(1), false)?, &[2, 3], dtype, &[1.0, inf, nan, 2.0, 2.0, 7.0], 0.0);
        check(&s.cumulative_sum(Some(0), false)?, &[2, 3], dtype, &[1.0, inf, -inf, 3.0, inf, -inf], 0.0);
        let z = f64s::<A>(ns, &[-0.0, 1.0, nan, 1.0], &[4]).astype(dtype)?;
        check_near(&z.cumulative_sum(None, false)?, &[4], dtype, &[0.0, 1.0, nan, nan], 0.0, 0.0);
    }
    // Strided inputs along an inner axis: flipped, and flipped then transposed.
    let flipped = A::ones(ns, &[1, 3, 1, 5, 3], DType::Float32)?.flip(0)?;
    let want: Vec<f64> = (0..45).map(|i| ((i / 3) % 5 + 1) as f64).collect();
    check(&flipped.cumulative_sum(Some(-2), false)?, &[1, 3, 1, 5, 3], DType::Float32, &want, 0.0);
    let strided = flipped.permute_dims(&[0, 1, 2, 4, 3])?;
    let want: Vec<f64> = (0..45).map(|i| ((i / 5) % 3 + 1) as f64).collect();
    check(&strided.cumulative_sum(Some(-2), false)?, &[1, 3, 1, 3, 5], DType::Float32, &want, 0.0);
    // Longer than one block of any blocked scan: exact small integers in float64.
    let n = 1000;
    let ramp: Vec<f64> = (0..n).map(|i| (i % 7) as f64 - 3.0).collect();
    let mut acc = 0.0;
    let want: Vec<f64> = ramp
        .iter()
        .map(|v| {
            acc += v;
            acc
        })
        .collect();
    check(&f64s::<A>(ns, &ramp, &[n]).cumulative_sum(None, false)?, &[n], DType::Float64, &want, 0.0);
    assert!(matches!(err(x.cumulative_sum(None, false)), Error::InvalidArgument { func: "cumulative_sum", .. }));
    assert!(matches!(err(x.cumulative_sum(Some(5), false)), Error::AxisOutOfRange { .. }));
    Ok(())
}

/// Conformance check `reductions_with_dtype`: the standard's `dtype=` of `sum`, `prod`
/// and `cumulative_sum` (`sum_as`, `prod_as`, `cumulative_sum_as`): the input is cast to
/// `dtype` before the reduction, and the result has `dtype`.
pub fn reductions_with_dtype<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // int16 data summed in int16 wraps; in int64 it does not.
    let i = arr::<A, i16>(ns, &[20000, 20000, 20000], &[3]);
    check_as("sum_as", &i.sum_as(Axes::All, DType::Int16, false)?, &[], DType::Int16, &[(60000i32 as i16) as f64], 0.0);
    check_as("sum_as", &i.sum_as(Axes::All, DType::Int64, false)?, &[], DType::Int64, &[60000.0], 0.0);
    check_as("prod_as", &i.prod_as(Axes::All, DType::Int64, false)?, &[], DType::Int64, &[8e12], 0.0);
    check(
        &i.cumulative_sum_as(None, DType::Int16, false)?,
        &[3],
        DType::Int16,
        &[20000.0, (40000i32 as i16) as f64, (60000i32 as i16) as f64],
        0.0,
    );
    // float32 data summed in float64: 2^24 + 1 is exact there, not in float32.
    let f = f32s::<A>(ns, &[16777216.0, 1.0, 1.0], &[3]);
    check_as("sum_as", &f.sum_as(Axes::All, DType::Float64, false)?, &[], DType::Float64, &[16777218.0], 0.0);
    check(
        &f.cumulative_sum_as(None, DType::Float64, true)?,
        &[4],
        DType::Float64,
        &[0.0, 16777216.0, 16777217.0, 16777218.0],
        0.0,
    );
    // Over axes, keepdims, and a float64 input summed as float32 (cast first).
    let x = f64s::<A>(ns, &[1.0, 2.0, 3.0, 4.0, 5.0, 1e-9], &[2, 3]);
    check(
        &x.sum_as(1, DType::Float32, true)?,
        &[2, 1],
        DType::Float32,
        &[6.0, (4.0f32 + 5.0 + 1e-9f64 as f32) as f64],
        0.0,
    );
    check_as("prod_as", &x.prod_as(0, DType::Float64, false)?, &[3], DType::Float64, &[4.0, 10.0, 3e-9], 1e-15);
    // uint8 summed in uint32 (where stored), and into a narrower type it wraps.
    let u = arr::<A, u8>(ns, &[200, 100], &[2]);
    check_as("sum_as", &u.sum_as(Axes::All, DType::UInt8, false)?, &[], DType::UInt8, &[44.0], 0.0);
    check_as("sum_as", &u.sum_as(Axes::All, DType::UInt32, false)?, &[], DType::UInt32, &[300.0], 0.0);
    // Non-numeric input or dtype is refused, naming the function.
    let b = arr::<A, bool>(ns, &[true], &[1]);
    assert!(matches!(err(b.sum_as(Axes::All, DType::Int64, false)), Error::DType { func: "sum", .. }));
    assert!(matches!(err(i.prod_as(Axes::All, DType::Bool, false)), Error::DType { func: "prod", .. }));
    assert!(matches!(
        err(i.cumulative_sum_as(Some(3), DType::Int64, false)),
        Error::AxisOutOfRange { func: "cumulative_sum", .. }
    ));
    Ok(())
}

/// Conformance check `axes_validation`: axes validation.
pub fn axes_validation<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let (x, _) = cube::<A>(ns);
    assert_eq!(err(x.sum(3, false)), Error::AxisOutOfRange { func: "sum", axis: 3, ndim: 3 });
    assert_eq!(err(x.mean(-4, false)), Error::AxisOutOfRange { func: "mean", axis: -4, ndim: 3 });
    assert!(matches!(err(x.max([0, -3], false)), Error::DuplicateAxis { func: "max", axis: 0, .. }));
    Ok(())
}
