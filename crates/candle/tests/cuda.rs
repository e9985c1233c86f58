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

/// A training run on CUDA against the same run on the ndarray backend (CPU).
#[test]
fn training_on_cuda_matches_the_ndarray_backend() {
    suite::trains_like_the_ndarray_backend(cuda());
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
