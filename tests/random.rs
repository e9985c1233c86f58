//! Seeded random arrays: the same values on every backend and path for a seed, the
//! values `rand` documents for that seed (drawn here directly from `rand` and
//! `rand_distr`, not through arrayapi), the distributions' moments and ranges, and typed
//! errors for bad arguments.

use arrayapi::candle::{CandleArray, CandleNamespace};
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::random::default_rng;
use arrayapi::{Array, ArrayApi, DType, Error};
use rand::rngs::StdRng;
use rand::SeedableRng;
use rand_distr::{Distribution, Normal, StandardNormal, StandardUniform, Uniform};

/// One draw of each kind, as f64 values, from a generator seeded with `seed`, on `A`.
fn draws<A: ArrayApi>(ns: &A::Namespace, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = default_rng(seed);
    let f = |x: A| x.to_host().unwrap().data().to_f64_vec();
    vec![
        f(rng.normal(ns, 1.0, 2.0, &[2, 3], DType::Float64).unwrap()),
        f(rng.normal(ns, 1.0, 2.0, &[4], DType::Float32).unwrap()),
        f(rng.uniform(ns, -1.0, 3.0, &[5], DType::Float64).unwrap()),
        f(rng.uniform(ns, -1.0, 3.0, &[5], DType::Float32).unwrap()),
        f(rng.random(ns, &[3], DType::Float64).unwrap()),
        f(rng.standard_normal(ns, &[3], DType::Float32).unwrap()),
        f(rng.integers(ns, -5, 5, &[6], DType::Int64).unwrap()),
        f(rng.integers(ns, 0, 200, &[6], DType::UInt8).unwrap()),
    ]
}

#[test]
fn the_same_seed_gives_the_same_values_on_every_backend_and_path() {
    let nd = draws::<NdArray>(&NdNamespace, 7);
    assert_eq!(draws::<CandleArray>(&CandleNamespace::cpu(), 7), nd);
    assert_eq!(draws::<Array>(&arrayapi::ndarray::namespace(), 7), nd);
    assert_eq!(draws::<Array>(&arrayapi::candle::namespace(arrayapi::Device::Cpu).unwrap(), 7), nd);
    assert_eq!(draws::<NdArray>(&NdNamespace, 7), nd, "a seed gives the same values every time");
    assert_ne!(draws::<NdArray>(&NdNamespace, 8), nd, "another seed gives other values");
}

#[test]
fn the_values_are_rands_for_the_seed() {
    let mut want = StdRng::seed_from_u64(11);
    let mut rng = default_rng(11);
    let x: NdArray = rng.normal(&NdNamespace, 1.0, 2.0, &[4], DType::Float64).unwrap();
    let d = Normal::new(1.0, 2.0).unwrap();
    let expected: Vec<f64> = (0..4).map(|_| d.sample(&mut want)).collect();
    assert_eq!(x.to_vec::<f64>().unwrap(), expected);
    // The generator moves on: the next draw continues the same stream.
    let y: NdArray = rng.uniform(&NdNamespace, -1.0, 3.0, &[3], DType::Float32).unwrap();
    let d = Uniform::new(-1.0f32, 3.0).unwrap();
    let expected: Vec<f32> = (0..3).map(|_| d.sample(&mut want)).collect();
    assert_eq!(y.to_vec::<f32>().unwrap(), expected);
    let z: NdArray = rng.standard_normal(&NdNamespace, &[2], DType::Float64).unwrap();
    let expected: Vec<f64> = (0..2).map(|_| StandardNormal.sample(&mut want)).collect();
    assert_eq!(z.to_vec::<f64>().unwrap(), expected);
    let r: NdArray = rng.random(&NdNamespace, &[2], DType::Float32).unwrap();
    let expected: Vec<f32> = (0..2).map(|_| StandardUniform.sample(&mut want)).collect();
    assert_eq!(r.to_vec::<f32>().unwrap(), expected);
    let k: NdArray = rng.integers(&NdNamespace, -3, 9, &[5], DType::Int16).unwrap();
    let d = Uniform::new(-3i64, 9).unwrap();
    let expected: Vec<i16> = (0..5).map(|_| d.sample(&mut want) as i16).collect();
    assert_eq!(k.to_vec::<i16>().unwrap(), expected);
}

#[test]
fn the_distributions_have_their_moments_and_ranges() {
    let mut rng = default_rng(3);
    let n = 200_000;
    let x: NdArray = rng.normal(&NdNamespace, 3.0, 2.0, &[n], DType::Float64).unwrap();
    let v = x.to_vec::<f64>().unwrap();
    let mean = v.iter().sum::<f64>() / n as f64;
    let sd = (v.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
    // Standard errors: 2 / sqrt(n) = 0.0045 for the mean, about 0.003 for the sd.
    assert!((mean - 3.0).abs() < 0.02, "mean {mean}");
    assert!((sd - 2.0).abs() < 0.02, "sd {sd}");

    let u: NdArray = rng.uniform(&NdNamespace, -1.0, 3.0, &[n], DType::Float32).unwrap();
    let u = u.to_vec::<f32>().unwrap();
    assert!(u.iter().all(|&a| (-1.0..3.0).contains(&a)));
    let mean = u.iter().map(|&a| a as f64).sum::<f64>() / n as f64;
    assert!((mean - 1.0).abs() < 0.02, "uniform mean {mean}");

    let k: NdArray = rng.integers(&NdNamespace, -3, 4, &[70_000], DType::Int8).unwrap();
    let mut counts = [0usize; 7];
    for a in k.to_vec::<i8>().unwrap() {
        counts[(a + 3) as usize] += 1;
    }
    // Each of the 7 values about 10,000 times (sd about 90).
    assert!(counts.iter().all(|&c| (9_500..10_500).contains(&c)), "{counts:?}");

    let same: NdArray = rng.uniform(&NdNamespace, 2.5, 2.5, &[3], DType::Float64).unwrap();
    assert_eq!(same.to_vec::<f64>().unwrap(), vec![2.5; 3]);
    let zero_sd: NdArray = rng.normal(&NdNamespace, -1.0, 0.0, &[2], DType::Float64).unwrap();
    assert_eq!(zero_sd.to_vec::<f64>().unwrap(), vec![-1.0; 2]);
    let empty: NdArray = rng.normal(&NdNamespace, 0.0, 1.0, &[0, 3], DType::Float32).unwrap();
    assert_eq!(empty.shape(), &[0, 3]);
}

#[test]
fn bad_arguments_are_typed_errors() {
    let mut rng = default_rng(0);
    let ns = &NdNamespace;
    let invalid = |e: Error, f: &str| assert!(matches!(e, Error::InvalidArgument { func, .. } if func == f), "{e}");
    invalid(rng.uniform::<NdArray>(ns, 1.0, 0.0, &[2], DType::Float64).unwrap_err(), "uniform");
    invalid(rng.uniform::<NdArray>(ns, f64::NAN, 1.0, &[2], DType::Float64).unwrap_err(), "uniform");
    invalid(rng.uniform::<NdArray>(ns, -f64::MAX, f64::MAX, &[2], DType::Float64).unwrap_err(), "uniform");
    invalid(rng.normal::<NdArray>(ns, 0.0, -1.0, &[2], DType::Float64).unwrap_err(), "normal");
    invalid(rng.normal::<NdArray>(ns, f64::INFINITY, 1.0, &[2], DType::Float64).unwrap_err(), "normal");
    invalid(rng.integers::<NdArray>(ns, 3, 3, &[2], DType::Int64).unwrap_err(), "integers");
    invalid(rng.integers::<NdArray>(ns, 0, 300, &[2], DType::UInt8).unwrap_err(), "integers");
    invalid(rng.integers::<NdArray>(ns, -1, 3, &[2], DType::UInt32).unwrap_err(), "integers");
    let e = rng.normal::<NdArray>(ns, 0.0, 1.0, &[2], DType::Int32).unwrap_err();
    assert!(matches!(e, Error::DType { func: "normal", .. }), "{e}");
    let e = rng.integers::<NdArray>(ns, 0, 2, &[2], DType::Float32).unwrap_err();
    assert!(matches!(e, Error::DType { func: "integers", .. }), "{e}");
    let e = rng.random::<NdArray>(ns, &[usize::MAX, 2], DType::Float64).unwrap_err();
    assert!(matches!(e, Error::Overflow { func: "random", .. }), "{e}");
    let e = rng.random::<NdArray>(ns, &[1 << 36], DType::Float64).unwrap_err();
    assert!(matches!(e, Error::OutOfMemory { func: "random", .. }), "{e}");
}
