//! The candle conformance suite with its skip list, shared by the CPU and CUDA tests.
//!
//! candle has no int8, uint16 or uint64 dtype, and the backend refuses them with
//! `Error::Unsupported` rather than store them in another type. `CandleNamespace::dtypes`
//! says so; the suite runs the parts of its checks for those dtypes only on backends that
//! list them, and its `declared_dtypes` check verifies they are refused. Nothing is
//! skipped.

/// Stamps out the suite for candle arrays on the namespace `$ns`.
macro_rules! candle_conformance {
    ($ns:expr) => {
        arrayapi_testkit::conformance!(arrayapi_candle::CandleArray, $ns);
    };
}

/// Trains the same small ensemble (5 members, 1 -> 8 -> 8 -> 1, float32, 100 steps) on
/// candle arrays on `ns` and on the ndarray backend, and asserts that the losses and the
/// parameters agree within float32 rounding: the whole trainer (forward, backward, Adam)
/// on this device against an independent backend.
pub fn trains_like_the_ndarray_backend(ns: arrayapi_candle::CandleNamespace) {
    use arrayapi_core::{ArrayApi, DType};
    use arrayapi_ensemble::{DataKind, Dataset, Ensemble, EnsembleConfig, TrainData};
    fn run<A: ArrayApi>(ns: &A::Namespace) -> (Vec<f64>, Vec<f64>) {
        let data = Dataset::generate(DataKind::Gap, None, 1).unwrap();
        let td = TrainData::new(data.x.clone(), data.y.clone()).unwrap();
        let config =
            EnsembleConfig { members: 5, layers: vec![1, 8, 8, 1], dtype: DType::Float32, ..Default::default() };
        let mut e = Ensemble::<A>::new(ns, &config, &td).unwrap();
        let report = e.train(100, 0, |_, _| Ok(())).unwrap();
        let params = e.parameters().unwrap().iter().flat_map(|p| p.to_host().unwrap().data().to_f64_vec()).collect();
        (report.losses, params)
    }
    let (losses, params) = run::<arrayapi_candle::CandleArray>(&ns);
    let (want_losses, want_params) = run::<arrayapi_ndarray::NdArray>(&arrayapi_ndarray::NdNamespace);
    assert_eq!(losses.len(), want_losses.len());
    for (step, (l, w)) in losses.iter().zip(&want_losses).enumerate() {
        assert!((l - w).abs() <= 1e-3 * w.abs().max(1e-3), "loss at step {step}: {l} vs ndarray's {w}");
    }
    assert_eq!(params.len(), want_params.len());
    for (i, (p, w)) in params.iter().zip(&want_params).enumerate() {
        assert!((p - w).abs() <= 1e-3 * w.abs().max(1.0), "parameter {i}: {p} vs ndarray's {w}");
    }
}
