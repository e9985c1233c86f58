//! The fused functions: each against its formula evaluated on the host, with a broadcast
//! bias, special values, both float dtypes, and the errors of bad arguments.

use arrayapi_core::fused::{SELU_ALPHA, SELU_SCALE};
use arrayapi_core::{Activation, ArrayApi, DType, ErrorKind, FusedOp, Result};

use crate::support::*;

fn act(a: Activation, z: f64) -> f64 {
    match a {
        Activation::Relu => {
            if z.is_nan() {
                z
            } else {
                z.max(0.0)
            }
        }
        Activation::Tanh => z.tanh(),
        Activation::Selu if z > 0.0 => SELU_SCALE * z,
        Activation::Selu => SELU_SCALE * SELU_ALPHA * z.exp_m1(),
    }
}

/// `act'` from the output, rounded as the dtype rounds (`round`): `selu'` at `-inf` is
/// `-scale*alpha + scale*alpha`, exactly 0 only when both are rounded alike.
fn deriv_from_output(a: Activation, y: f64, round: fn(f64) -> f64) -> f64 {
    match a {
        Activation::Relu => f64::from(u8::from(y > 0.0)),
        Activation::Tanh => round(1.0 - y * y),
        Activation::Selu if y > 0.0 => round(SELU_SCALE),
        Activation::Selu => round(y + round(SELU_SCALE * SELU_ALPHA)),
    }
}

/// Conformance check `fused_functions`: `bias_activation`, `activation_grad`, the Adam
/// steps and `adam_update` against their formulas, and their errors.
pub fn fused_functions<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // x: [2, 3, 4] with special values; bias: [2, 1, 4], broadcast over the middle axis.
    let mut xs: Vec<f64> = (0..24).map(|i| (i as f64 * 0.37).sin() * 3.0).collect();
    xs[1] = f64::NAN;
    xs[2] = f64::INFINITY;
    xs[3] = f64::NEG_INFINITY;
    xs[4] = -0.0;
    let bs: Vec<f64> = (0..8).map(|i| (i as f64 * 0.9).cos() * 0.5).collect();
    let shape = [2, 3, 4];
    for dtype in [DType::Float64, DType::Float32] {
        let tol = if dtype == DType::Float32 { 1e-6 } else { 1e-14 };
        let round: fn(f64) -> f64 = if dtype == DType::Float32 { |v| v as f32 as f64 } else { |v| v };
        let x = f64s::<A>(ns, &xs, &shape).astype(dtype)?;
        let b = f64s::<A>(ns, &bs, &[2, 1, 4]).astype(dtype)?;
        // Reference inputs rounded to the dtype first.
        let (xr, br) = (vals(&x), vals(&b));
        let bias_at_r = |i: usize| {
            let idx = unravel(i, &shape);
            br[idx[0] * 4 + idx[2]]
        };
        for a in [Activation::Relu, Activation::Tanh, Activation::Selu] {
            let want: Vec<f64> = (0..24).map(|i| act(a, xr[i] + bias_at_r(i))).collect();
            check_as("bias_activation", &x.bias_activation(&b, a)?, &shape, dtype, &want, tol);
            // Its composition agrees.
            check(&FusedOp::BiasActivation(a).compose(&[&x, &b])?, &shape, dtype, &want, tol);
            // The backward pass: upstream * act'(z) from the output.
            let y = x.bias_activation(&b, a)?;
            let (yr, ur) = (vals(&y), vals(&x));
            let want: Vec<f64> = (0..24).map(|i| ur[i] * deriv_from_output(a, yr[i], round)).collect();
            // (`1 - y^2` and the like cancel near |y| = 1 in the dtype: an absolute
            // tolerance of one `tol` there, infinities and NaN still by class.)
            check_near_as("activation_grad", &x.activation_grad(&y, a)?, &shape, dtype, &want, tol, tol);
        }
        // Adam: m, v and the parameter, including a broadcast gradient.
        let g = f64s::<A>(ns, &bs, &[2, 1, 4]).astype(dtype)?;
        let m = f64s::<A>(ns, &xs[8..16], &[2, 1, 4]).astype(dtype)?;
        let v = f64s::<A>(ns, &bs.iter().map(|e| e * e).collect::<Vec<_>>(), &[2, 1, 4]).astype(dtype)?;
        let (gr, mr, vr) = (vals(&g), vals(&m), vals(&v));
        let ema = A::fused(FusedOp::Ema { beta: 0.9 }, &[&m, &g])?;
        let want: Vec<f64> = (0..8).map(|i| mr[i] + (gr[i] - mr[i]) * 0.1).collect();
        check(&ema, &[2, 1, 4], dtype, &want, tol * 10.0);
        let ema2 = A::fused(FusedOp::EmaSquare { beta: 0.999 }, &[&v, &g])?;
        let want: Vec<f64> = (0..8).map(|i| vr[i] + (gr[i] * gr[i] - vr[i]) * 0.001).collect();
        check(&ema2, &[2, 1, 4], dtype, &want, tol * 10.0);
        let step = FusedOp::AdamParam { lr: 0.01, bias_correction: 0.5, eps: 1e-8 };
        let p = A::fused(step, &[&g, &m, &v])?;
        let want: Vec<f64> = (0..8).map(|i| gr[i] - mr[i] / (vr[i].sqrt() / 0.5 + 1e-8) * 0.01).collect();
        check(&p, &[2, 1, 4], dtype, &want, tol * 10.0);
        // The whole Adam step in one function: the same formulas, chained.
        // (Parameter `m`, gradient `g`, both moments `v`.)
        let (p2, m2, v2) = m.adam_update(&g, &v, &v, 0.9, 0.999, 0.01, 0.5, 1e-8)?;
        let want_m: Vec<f64> = (0..8).map(|i| vr[i] + (gr[i] - vr[i]) * 0.1).collect();
        let want_v: Vec<f64> = (0..8).map(|i| vr[i] + (gr[i] * gr[i] - vr[i]) * 0.001).collect();
        check_as("adam_update", &m2, &[2, 1, 4], dtype, &want_m, tol * 10.0);
        check_as("adam_update", &v2, &[2, 1, 4], dtype, &want_v, tol * 10.0);
        let (m2r, v2r) = (vals(&m2), vals(&v2));
        let want_p: Vec<f64> = (0..8).map(|i| mr[i] - m2r[i] / (v2r[i].sqrt() / 0.5 + 1e-8) * 0.01).collect();
        check_as("adam_update", &p2, &[2, 1, 4], dtype, &want_p, tol * 10.0);
        // A first argument that broadcasts against a larger second one: the result has
        // the broadcast shape, as the composition gives.
        let big = A::fused(FusedOp::Ema { beta: 0.5 }, &[&b, &x])?;
        assert_eq!(big.shape(), &shape, "ema of [2,1,4] with [2,3,4]");
    }
    // Errors: incompatible shapes, wrong number of arrays, float-only on integers.
    let x = f64s::<A>(ns, &xs, &shape);
    let bad = f64s::<A>(ns, &xs[..6], &[2, 3]);
    let e = err(x.bias_activation(&bad, Activation::Relu));
    assert_eq!(e.kind(), ErrorKind::Shape, "{e}");
    assert!(e.to_string().contains("bias_activation"), "{e}");
    let e = err(A::fused(FusedOp::Ema { beta: 0.9 }, &[&x]));
    assert!(e.to_string().contains("ema"), "{e}");
    let ints = arr::<A, i32>(ns, &[1, -2, 3], &[3]);
    let e = err(ints.bias_activation(&ints, Activation::Tanh));
    assert_eq!(e.kind(), ErrorKind::DType, "{e}");
    // ReLU is defined on integers (maximum with 0).
    check_as(
        "bias_activation",
        &ints.bias_activation(&ints, Activation::Relu)?,
        &[3],
        DType::Int32,
        &[2.0, 0.0, 6.0],
        0.0,
    );
    Ok(())
}
