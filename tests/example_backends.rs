//! The two worked examples of docs/new-backend.md, tested from their own source files:
//! the from-scratch `VecArray` and the `Traced` wrapper.

#[path = "../examples/vec_backend/backend.rs"]
mod vec_backend;

#[path = "../examples/trace/backend.rs"]
mod trace;

use arrayapi::ensemble::{DataKind, Dataset, Ensemble, EnsembleConfig, TrainData};
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{Array, ArrayApi, DType, Namespace};
use trace::{take_log, Traced, TracedNs};
use vec_backend::{VecArray, VecNamespace};

mod vec_static {
    arrayapi_testkit::conformance!(crate::vec_backend::VecArray, crate::vec_backend::VecNamespace);
}

mod vec_dynamic {
    arrayapi_testkit::conformance!(
        arrayapi::Array,
        arrayapi::Namespace::new::<crate::vec_backend::VecArray>(crate::vec_backend::VecNamespace)
    );
}

fn trained<A: ArrayApi>(ns: &A::Namespace, dtype: DType) -> (Vec<Vec<f64>>, Vec<f64>) {
    let data = Dataset::generate(DataKind::Gap, None, 3).unwrap();
    let config = EnsembleConfig { members: 5, layers: vec![1, 8, 8, 1], dtype, ..Default::default() };
    let mut e = Ensemble::<A>::new(ns, &config, &TrainData::new(data.x.clone(), data.y.clone()).unwrap()).unwrap();
    let report = e.train(40, 0, |_, _| Ok(())).unwrap();
    let params = e.parameters().unwrap().iter().map(|p| p.to_host().unwrap().data().to_f64_vec()).collect();
    (params, report.losses)
}

#[test]
fn the_trainer_gives_the_same_ensemble_through_the_wrapper() {
    let plain = trained::<NdArray>(&NdNamespace, DType::Float32);
    let wrapped = trained::<Array>(&TracedNs::over(arrayapi::ndarray::namespace()), DType::Float32);
    assert_eq!(plain, wrapped, "the wrapper delegates to the same kernels: bit-identical");
    let log = take_log();
    // About 34 whole functions per step, each traced once (not its parts).
    assert!(log.len() >= 40 * 30, "every call was traced: {}", log.len());
    let adam = log.iter().filter(|r| r.func == "adam_update").count();
    assert_eq!(adam, 40 * 6, "one adam_update per parameter (3 layers: 6) per step");
    let matmuls: Vec<_> = log.iter().filter(|r| r.func == "matmul").collect();
    assert!(!matmuls.is_empty());
    assert!(matmuls.iter().all(|r| r.shapes.len() == 2 && r.dtype == DType::Float32));
    assert!(matmuls.iter().all(|r| r.elapsed < std::time::Duration::from_secs(10)));
    // The static path through the wrapper type works too.
    let statically = trained::<Traced>(&TracedNs { inner: arrayapi::ndarray::namespace() }, DType::Float32);
    assert_eq!(plain, statically);
}

#[test]
fn the_trainer_gives_the_same_ensemble_on_the_from_scratch_backend() {
    let (nd_params, nd_losses) = trained::<NdArray>(&NdNamespace, DType::Float64);
    let (vec_params, vec_losses) = trained::<VecArray>(&VecNamespace, DType::Float64);
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
    assert!(nd_losses.iter().zip(&vec_losses).all(|(a, b)| close(*a, *b)), "{nd_losses:?}\n{vec_losses:?}");
    for (p, q) in nd_params.iter().zip(&vec_params) {
        assert!(p.iter().zip(q).all(|(a, b)| close(*a, *b)));
    }
    // And dynamically, with the backend picked by its namespace.
    let (dyn_params, _) = trained::<Array>(&Namespace::new::<VecArray>(VecNamespace), DType::Float64);
    assert_eq!(dyn_params, vec_params);
}
