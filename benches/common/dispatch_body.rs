// Shared body of the `dispatch` and `dispatch_mimalloc` benches (included by both, so the
// same code runs under two global allocators).
//
// Cost of the dynamic dispatch path: the same operation through raw ndarray, through
// the ndarray backend statically (`NdArray`), and dynamically (`Array`, NEP 18
// dispatch). Benchmarks are named `cpu/<allocator>/<op>/<path>`. The overhead per
// call is the dynamic median minus the static median of the 1-element `add`.

use std::hint::black_box;
use std::time::Duration;

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{Array, ArrayApi};
use criterion::Criterion;
use ndarray::{Array2, ArrayD, IxDyn};

fn data(n: usize) -> Vec<f32> {
    (0..n).map(|i| (i as f32 * 0.37).sin()).collect()
}

fn bench_add(c: &mut Criterion, alloc: &str, name: &str, n: usize) {
    // Two distinct arrays: a call's second argument is then downcast, not recognised as
    // the handler's own array.
    let (v, w) = (data(n), data(n + 1)[1..].to_vec());
    let raw = ArrayD::from_shape_vec(IxDyn(&[n]), v.clone()).unwrap().into_shared();
    let raw2 = ArrayD::from_shape_vec(IxDyn(&[n]), w.clone()).unwrap().into_shared();
    let stat = NdArray::asarray(&NdNamespace, &v, &[n]).unwrap();
    let stat2 = NdArray::asarray(&NdNamespace, &w, &[n]).unwrap();
    let (dynamic, dynamic2) = (Array::new(stat.clone()), Array::new(stat2.clone()));
    let mut g = c.benchmark_group(format!("cpu/{alloc}/{name}"));
    g.bench_function("raw_ndarray", |b| b.iter(|| black_box(&raw) + black_box(&raw2)));
    g.bench_function("static", |b| b.iter(|| black_box(&stat).add(black_box(&stat2)).unwrap()));
    g.bench_function("dynamic", |b| b.iter(|| black_box(&dynamic).add(black_box(&dynamic2)).unwrap()));
    g.finish();
}

fn bench_matmul(c: &mut Criterion, alloc: &str) {
    let v = data(64 * 64);
    let raw = Array2::from_shape_vec((64, 64), v.clone()).unwrap();
    let stat = NdArray::asarray(&NdNamespace, &v, &[64, 64]).unwrap();
    let dynamic = Array::new(stat.clone());
    let mut g = c.benchmark_group(format!("cpu/{alloc}/matmul_64x64"));
    g.bench_function("raw_ndarray", |b| b.iter(|| black_box(&raw).dot(black_box(&raw))));
    g.bench_function("static", |b| b.iter(|| black_box(&stat).matmul(black_box(&stat)).unwrap()));
    g.bench_function("dynamic", |b| b.iter(|| black_box(&dynamic).matmul(black_box(&dynamic)).unwrap()));
    g.finish();
}

/// The part of the dynamic overhead that is the handle's allocation: wrapping a result
/// in an `Array` (one `Arc` allocation, later freed) against cloning the backend array.
fn bench_handle(c: &mut Criterion, alloc: &str) {
    let stat = NdArray::asarray(&NdNamespace, &[1.0f32], &[1]).unwrap();
    let mut g = c.benchmark_group(format!("cpu/{alloc}/handle"));
    g.bench_function("clone_backend_array", |b| b.iter(|| black_box(&stat).clone()));
    g.bench_function("wrap_in_array", |b| b.iter(|| Array::new(black_box(&stat).clone())));
    g.finish();
}

fn run(c: &mut Criterion, alloc: &str) {
    bench_add(c, alloc, "add_1", 1);
    bench_add(c, alloc, "add_1e6", 1_000_000);
    bench_matmul(c, alloc);
    bench_handle(c, alloc);
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(60)
}
