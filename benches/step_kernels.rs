//! The hot functions of an ens-1d training step (K 40, N 64, H 20, float32), on the
//! ndarray backend through the dynamic `Array` under mimalloc (the demo's setting): each
//! fused function against the composition it replaces, the step's matmul shapes, and the
//! bias-gradient reduction. `cargo bench --bench step_kernels`.

use std::hint::black_box;
use std::time::Duration;

use arrayapi::{Activation, Array, ArrayApi, FusedOp};
use criterion::{criterion_group, criterion_main, Criterion};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const K: usize = 40;
const N: usize = 64;
const H: usize = 20;

fn arr(shape: &[usize], seed: f32) -> Array {
    let n: usize = shape.iter().product();
    let v: Vec<f32> = (0..n).map(|i| ((i as f32 + 1.0) * seed).sin()).collect();
    arrayapi::ndarray::namespace().asarray(&v, shape).unwrap()
}

fn fused(c: &mut Criterion) {
    let z = arr(&[K, N, H], 0.37);
    let b = arr(&[K, 1, H], 0.91);
    let u = arr(&[K, N, H], 0.13);
    let mut g = c.benchmark_group("step/bias_activation_relu");
    g.bench_function("fused", |bn| bn.iter(|| black_box(&z).bias_activation(black_box(&b), Activation::Relu).unwrap()));
    g.bench_function("composed", |bn| {
        bn.iter(|| FusedOp::BiasActivation(Activation::Relu).compose(&[black_box(&z), black_box(&b)]).unwrap())
    });
    g.finish();
    let a = z.maximum(0.0).unwrap();
    let mut g = c.benchmark_group("step/activation_grad_relu");
    g.bench_function("fused", |bn| bn.iter(|| black_box(&u).activation_grad(black_box(&a), Activation::Relu).unwrap()));
    g.bench_function("composed", |bn| {
        bn.iter(|| FusedOp::ActivationGrad(Activation::Relu).compose(&[black_box(&u), black_box(&a)]).unwrap())
    });
    g.finish();
    // Adam on the largest parameter, W1 [K, H, H]: three fused calls against twelve.
    let (p, gr, m) = (arr(&[K, H, H], 0.2), arr(&[K, H, H], 0.7), arr(&[K, H, H], 0.3));
    let v = m.square().unwrap();
    let step = FusedOp::AdamParam { lr: 0.01, bias_correction: 0.5, eps: 1e-8 };
    let adam = |compose: bool| {
        let run = |op: FusedOp, args: &[&Array]| if compose { op.compose(args) } else { Array::fused(op, args) };
        let m2 = run(FusedOp::Ema { beta: 0.9 }, &[&m, &gr]).unwrap();
        let v2 = run(FusedOp::EmaSquare { beta: 0.999 }, &[&v, &gr]).unwrap();
        run(step, &[&p, &m2, &v2]).unwrap()
    };
    let mut g = c.benchmark_group("step/adam_w1");
    g.bench_function("fused", |bn| bn.iter(|| adam(false)));
    g.bench_function("composed", |bn| bn.iter(|| adam(true)));
    g.finish();
}

fn matmuls(c: &mut Criterion) {
    let x = arr(&[N, 1], 0.5);
    let h = arr(&[K, N, H], 0.37);
    let w0 = arr(&[K, 1, H], 0.2);
    let w1 = arr(&[K, H, H], 0.4);
    let mut g = c.benchmark_group("step/matmul");
    g.bench_function("shared_input_k1", |bn| bn.iter(|| black_box(&x).matmul(black_box(&w0)).unwrap()));
    g.bench_function("hidden_KxNxH_at_KxHxH", |bn| bn.iter(|| black_box(&h).matmul(black_box(&w1)).unwrap()));
    let ht = h.matrix_transpose().unwrap();
    g.bench_function("weight_grad_transposed", |bn| bn.iter(|| black_box(&ht).matmul(black_box(&h)).unwrap()));
    let w1t = w1.matrix_transpose().unwrap();
    g.bench_function("backward_through_transposed_weights", |bn| {
        bn.iter(|| black_box(&h).matmul(black_box(&w1t)).unwrap())
    });
    let w2 = arr(&[K, H, 1], 0.3);
    g.bench_function("output_layer_n1", |bn| bn.iter(|| black_box(&h).matmul(black_box(&w2)).unwrap()));
    g.finish();
    let mut g = c.benchmark_group("step/reduce");
    g.bench_function("bias_grad_sum_axis1", |bn| bn.iter(|| black_box(&h).sum(1, true).unwrap()));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = fused, matmuls
}
criterion_main!(benches);
