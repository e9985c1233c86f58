//! The ndarray backend's one-pass fused kernels agree bit for bit with the composition
//! every other backend runs (the same expression, evaluated in the same order).

use arrayapi_core::{Activation, ArrayApi, DType, FusedOp};
use arrayapi_ndarray::{NdArray, NdNamespace};

fn arr(n: usize, seed: f32, shape: &[usize], dtype: DType) -> NdArray {
    let mut v: Vec<f32> = (0..n).map(|i| ((i as f32 + 1.0) * seed).sin() * 4.0).collect();
    if n > 3 {
        v[0] = f32::NAN;
        v[1] = f32::INFINITY;
        v[2] = -0.0;
    }
    NdArray::asarray(&NdNamespace, &v, shape).unwrap().astype(dtype).unwrap()
}

fn bits(x: &NdArray) -> Vec<u64> {
    x.to_host().unwrap().data().to_f64_vec().iter().map(|v| v.to_bits()).collect()
}

#[test]
fn kernels_equal_their_composition() {
    for dtype in [DType::Float32, DType::Float64] {
        let x = arr(3 * 5 * 4, 0.7, &[3, 5, 4], dtype);
        let b = arr(3 * 4, 1.3, &[3, 1, 4], dtype);
        let y = arr(3 * 5 * 4, 0.4, &[3, 5, 4], dtype);
        let v = x.abs().unwrap();
        let mut cases: Vec<(FusedOp, Vec<&NdArray>)> = Vec::new();
        for act in [Activation::Relu, Activation::Tanh, Activation::Selu] {
            cases.push((FusedOp::BiasActivation(act), vec![&x, &b]));
            cases.push((FusedOp::ActivationGrad(act), vec![&x, &y]));
        }
        cases.push((FusedOp::Ema { beta: 0.9 }, vec![&x, &y]));
        cases.push((FusedOp::EmaSquare { beta: 0.999 }, vec![&v, &b]));
        cases.push((FusedOp::AdamParam { lr: 0.01, bias_correction: 0.3, eps: 1e-8 }, vec![&x, &y, &v]));
        // A transposed (non-contiguous) operand takes the lane-by-lane path.
        let t = arr(3 * 4 * 5, 0.4, &[3, 4, 5], dtype).permute_dims(&[0, 2, 1]).unwrap();
        cases.push((FusedOp::Ema { beta: 0.5 }, vec![&x, &t]));
        for (op, args) in cases {
            let fused = NdArray::fused(op, &args).unwrap();
            let composed = op.compose(&args).unwrap();
            assert_eq!(fused.shape(), composed.shape(), "{op:?}");
            assert_eq!(bits(&fused), bits(&composed), "{op:?} {dtype}");
        }
    }
}
