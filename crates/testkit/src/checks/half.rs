//! `float16` and `bfloat16`, on backends that store them (they are not in the standard;
//! a backend that does not list them is checked to refuse them by `declared_dtypes`).
//!
//! Each result is compared with the same operation done in `f64` on the already-rounded
//! inputs and rounded once to the format: a correct half-precision op is within half a
//! unit in the last place of that, so the tolerance is the format's `eps`.

use arrayapi_core::half::{bf16, f16};
use arrayapi_core::{finfo, ArrayApi, Axes, DType, Result};

use crate::support::{check, err, f32s, f64s, stores, vals};

/// `v` rounded to `dtype` (nearest, ties to even), as `f64`.
fn round(dtype: DType, v: f64) -> f64 {
    match dtype {
        DType::Float16 => f16::from_f64(v).to_f64(),
        _ => bf16::from_f64(v).to_f64(),
    }
}

/// Creation, host transfer in the format's own element type, arithmetic and math that
/// stay in the format, reductions, `matmul`, comparisons, IEEE overflow, and promotion
/// with the other floats.
pub fn half_precision_floats<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    for dtype in [DType::Float16, DType::BFloat16] {
        if !stores::<A>(ns, dtype) {
            continue;
        }
        let eps = finfo(dtype)?.eps;
        let raw = [0.1, -2.5, 3.0, 1000.1];
        let want: Vec<f64> = raw.iter().map(|&v| round(dtype, v)).collect();
        let x = f64s::<A>(ns, &raw, &[2, 2]).astype(dtype)?;
        check(&x, &[2, 2], dtype, &want, 0.0);
        // Host data in the element type itself.
        let host = x.to_host()?;
        assert_eq!(host.dtype(), dtype);
        match dtype {
            DType::Float16 => {
                let v = x.to_vec::<f16>()?;
                assert_eq!(v[1], f16::from_f64(-2.5));
                let y = A::asarray(ns, &v, &[4])?;
                check(&y, &[4], dtype, &want, 0.0);
            }
            _ => {
                let v = x.to_vec::<bf16>()?;
                assert_eq!(v[1], bf16::from_f64(-2.5));
                let y = A::asarray(ns, &v, &[4])?;
                check(&y, &[4], dtype, &want, 0.0);
            }
        }
        let z = A::zeros(ns, &[3], dtype)?;
        check(&z, &[3], dtype, &[0.0; 3], 0.0);
        // Element-wise: results in the format, rounded once.
        let each = |f: fn(f64, f64) -> f64| -> Vec<f64> { want.iter().map(|&a| round(dtype, f(a, a))).collect() };
        check(&x.add(&x)?, &[2, 2], dtype, &each(|a, b| a + b), eps);
        check(&x.multiply(&x)?, &[2, 2], dtype, &each(|a, b| a * b), eps);
        check(&x.divide(&x.abs()?)?, &[2, 2], dtype, &[1.0, -1.0, 1.0, 1.0], 0.0);
        check(&x.multiply(0.5)?, &[2, 2], dtype, &each(|a, _| a * 0.5), eps);
        let small = f64s::<A>(ns, &[0.5, -1.0, 2.0, 0.0], &[2, 2]).astype(dtype)?;
        check(
            &small.exp()?,
            &[2, 2],
            dtype,
            &[0.5f64.exp(), (-1f64).exp(), 2f64.exp(), 1.0].map(|v| round(dtype, v)),
            eps,
        );
        check(
            &small.abs()?.sqrt()?,
            &[2, 2],
            dtype,
            &[0.5f64.sqrt(), 1.0, 2f64.sqrt(), 0.0].map(|v| round(dtype, v)),
            eps,
        );
        check(&x.greater(&small)?, &[2, 2], DType::Bool, &[0.0, 0.0, 1.0, 1.0], 0.0);
        // Reductions and matmul: sums of four products stay within a few eps.
        let total: f64 = want.iter().sum();
        check(&x.sum(Axes::All, false)?, &[], dtype, &[round(dtype, total)], 4.0 * eps);
        check(&x.max(Axes::All, false)?, &[], dtype, &[want[3]], 0.0);
        let mm = x.matmul(&x)?;
        let w = &want;
        let mm_want = [
            w[0] * w[0] + w[1] * w[2],
            w[0] * w[1] + w[1] * w[3],
            w[2] * w[0] + w[3] * w[2],
            w[2] * w[1] + w[3] * w[3],
        ];
        check(&mm, &[2, 2], dtype, &mm_want.map(|v| round(dtype, v)), 4.0 * eps);
        // IEEE overflow to infinity at the format's own limit.
        let big = f64s::<A>(ns, &[finfo(dtype)?.max], &[1]).astype(dtype)?;
        assert_eq!(vals(&big.multiply(2.0)?), vec![f64::INFINITY], "{dtype} overflow");
        // Promotion: with float32 and float64 the wider float; the two half formats
        // together need float32.
        assert_eq!(x.add(&f32s::<A>(ns, &[1.0], &[1]))?.dtype(), DType::Float32);
        assert_eq!(x.add(&f64s::<A>(ns, &[1.0], &[1]))?.dtype(), DType::Float64);
        let other = if dtype == DType::Float16 { DType::BFloat16 } else { DType::Float16 };
        if stores::<A>(ns, other) {
            let mixed = x.add(&small.astype(other)?)?;
            assert_eq!(mixed.dtype(), DType::Float32);
            let want_mixed: Vec<f64> =
                want.iter().zip([0.5, -1.0, 2.0, 0.0]).map(|(a, b)| a + round(other, b)).collect();
            check(&mixed, &[2, 2], DType::Float32, &want_mixed, 1e-6);
        }
        // Integers still do not mix with floats.
        let ints = A::asarray(ns, &[1i32, 2, 3, 4], &[2, 2])?;
        assert!(err(x.add(&ints)).to_string().contains("add"));
        // Back to float32 exactly (every half value is a float32 value).
        check(&x.astype(DType::Float32)?, &[2, 2], DType::Float32, &want, 0.0);
    }
    Ok(())
}
