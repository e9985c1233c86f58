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

/// Arrays created "like" a CUDA array, moved to CUDA, or made from another namespace on
/// cuda:0 all live on one candle device and combine.
#[test]
fn one_device_per_gpu() {
    use arrayapi_core::{ArrayApi, Device};
    let a = arrayapi_candle::CandleArray::asarray(&cuda(), &[1.0f32, 2.0], &[2]).unwrap();
    let b = a.ones_like().unwrap();
    let c = arrayapi_candle::CandleArray::asarray(&arrayapi_candle::CandleNamespace::cpu(), &[3.0f32, 4.0], &[2])
        .unwrap()
        .to_device(Device::Cuda(0))
        .unwrap();
    let d = arrayapi_candle::CandleArray::asarray(&cuda(), &[5.0f32, 6.0], &[2]).unwrap();
    let sum = a.add(&b).unwrap().add(&c).unwrap().add(&d).unwrap();
    assert_eq!(sum.to_vec::<f32>().unwrap(), vec![10.0, 13.0]);
}
