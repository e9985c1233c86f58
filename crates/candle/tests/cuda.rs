//! The conformance suite on CUDA device 0. Built only with `--features cuda`; run on a
//! GPU machine by scripts/gpu-check.sh (see docs/gpu.md). Same skips as on the CPU
//! (suite/mod.rs): they are about candle's dtypes, not the device.
#![cfg(feature = "cuda")]

#[macro_use]
mod suite;

fn cuda() -> arrayapi_candle::CandleNamespace {
    arrayapi_candle::CandleNamespace::new(arrayapi_core::Device::Cuda(0)).expect("CUDA device 0")
}

candle_conformance!(cuda());

/// CUDA and the ndarray backend agree on a training run.
#[test]
fn cuda_matches_the_cpu() {
    use arrayapi_core::{ArrayApi, DType};
    let cpu = arrayapi_candle::CandleNamespace::cpu();
    let x: Vec<f32> = (0..64 * 64).map(|i| (i as f32 * 0.37).sin()).collect();
    let a = arrayapi_candle::CandleArray::asarray(&cuda(), &x, &[64, 64]).unwrap();
    let b = arrayapi_candle::CandleArray::asarray(&cpu, &x, &[64, 64]).unwrap();
    let ga = a.matmul(&a).unwrap().tanh().unwrap().sum(0, false).unwrap().to_vec::<f32>().unwrap();
    let gb = b.matmul(&b).unwrap().tanh().unwrap().sum(0, false).unwrap().to_vec::<f32>().unwrap();
    for (p, q) in ga.iter().zip(&gb) {
        assert!((p - q).abs() <= 1e-3 * q.abs().max(1.0), "{p} vs {q}");
    }
    assert_eq!(a.device(), arrayapi_core::Device::Cuda(0));
    let _ = DType::Float32;
}
