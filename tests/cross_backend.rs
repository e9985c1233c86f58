//! The same generic computations on the ndarray backend and on candle's CPU device give
//! the same values (within float tolerance), statically and through the dynamic `Array`.

use arrayapi::candle::{CandleArray, CandleNamespace};
use arrayapi::ensemble::{DataKind, Dataset, Ensemble, EnsembleConfig, TrainData};
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{Array, ArrayApi, Axes, DType, Device, Error, Result};

/// A computation touching every family of functions.
fn model<A: ArrayApi>(ns: &A::Namespace, dtype: DType) -> Result<Vec<f64>> {
    let x = A::linspace(ns, -1.5, 1.5, 24, true, dtype)?.reshape(&[4, 3, 2])?;
    let w = A::arange(ns, 0.0, 8.0, 1.0, dtype)?.multiply(0.25)?.reshape(&[4, 2, 1])?;
    let h = x.matmul(&w)?.tanh()?.maximum(-0.5)?.squeeze(-1)?; // [4, 3]
    let parts = [
        h.exp()?.log1p()?.sum(Axes::All, true)?.reshape(&[1])?,
        h.mean(0, false)?,
        h.std(1, 1.0, false)?,
        h.var([0, 1], 0.0, false)?.reshape(&[1])?,
        h.max(0, false)?,
        h.min(-1, false)?,
        h.argmax(Some(0), false)?.astype(dtype)?,
        h.argmin(None, true)?.astype(dtype)?.reshape(&[1])?,
        h.cumulative_sum(Some(1), true)?.reshape(&[-1])?,
        h.round()?.abs()?.sign()?.reshape(&[-1])?,
        h.greater(0.1)?.where_(&h.sqrt()?.floor()?, &h.square()?.ceil()?)?.reshape(&[-1])?,
        A::concat(&[h.flip(0)?, h.permute_dims(&[1, 0])?.matrix_transpose()?], Some(1))?.reshape(&[-1])?,
        h.take(&A::asarray(ns, &[2i64, 0, -1], &[3])?, Some(0))?.reshape(&[-1])?,
        h.clip(Some((-0.2).into()), Some(0.3.into()))?.pow(2.0)?.reshape(&[-1])?,
        A::stack(&[h.sin()?, h.cos()?], 0)?.reshape(&[-1])?,
        h.expand_dims(0)?.broadcast_to(&[2, 4, 3])?.sum(0, false)?.reshape(&[-1])?,
        A::eye(ns, 3, Some(4), 1, dtype)?.reshape(&[-1])?,
    ];
    let all = A::concat(&parts, None)?;
    Ok(all.to_host()?.data().to_f64_vec())
}

fn close(a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!((x.is_nan() && y.is_nan()) || (x - y).abs() <= tol * x.abs().max(1.0), "element {i}: {x} vs {y}");
    }
}

#[test]
fn every_function_family_agrees_between_ndarray_and_candle() {
    for (dtype, tol) in [(DType::Float64, 1e-12), (DType::Float32, 1e-5)] {
        let nd = model::<NdArray>(&NdNamespace, dtype).unwrap();
        let cd = model::<CandleArray>(&CandleNamespace::cpu(), dtype).unwrap();
        close(&nd, &cd, tol);
        let dynamic = model::<Array>(&arrayapi::candle::namespace(Device::Cpu).unwrap(), dtype).unwrap();
        assert_eq!(dynamic, cd, "candle through the dynamic Array runs the same kernels");
    }
}

#[test]
fn the_ensemble_trains_alike_on_both_backends() {
    let data = Dataset::generate(DataKind::Gap, None, 0).unwrap();
    let td = TrainData::new(data.x.clone(), data.y.clone()).unwrap();
    let config = EnsembleConfig { members: 6, dtype: DType::Float64, ..Default::default() };
    let run = |ns: &arrayapi::Namespace| {
        let mut e = Ensemble::<Array>::new(ns, &config, &td).unwrap();
        let r = e.train(100, 0, |_, _| Ok(())).unwrap();
        (r.losses, e.predict(&data.grid).unwrap().mean)
    };
    let (nd_loss, nd_mean) = run(&arrayapi::ndarray::namespace());
    let (cd_loss, cd_mean) = run(&arrayapi::candle::namespace(Device::Cpu).unwrap());
    close(&nd_loss, &cd_loss, 1e-8);
    close(&nd_mean, &cd_mean, 1e-7);
}

#[test]
fn arrays_move_between_backends_in_both_directions() {
    let nd = arrayapi::ndarray::namespace().asarray(&[1.0f32, -2.0, 3.5], &[3]).unwrap();
    let cns = arrayapi::candle::namespace(Device::Cpu).unwrap();
    let c = nd.to_namespace(&cns).unwrap();
    assert_eq!(c.backend_name(), "candle");
    let back = c.exp().unwrap().to_namespace(&nd.namespace()).unwrap();
    assert_eq!(back.backend_name(), "ndarray");
    close(
        &back.to_host().unwrap().data().to_f64_vec(),
        &nd.exp().unwrap().to_host().unwrap().data().to_f64_vec(),
        1e-6,
    );
    // Mixing them without converting is the NEP 18 error, naming both.
    assert_eq!(nd.add(&c).unwrap_err(), Error::NoImplementation { func: "add", backends: vec!["ndarray", "candle"] });
    // So is every function computed on the host, which could read both backends' data.
    let both = || vec!["ndarray", "candle"];
    let no = |func: &'static str, r: Result<Array>| {
        assert_eq!(r.unwrap_err(), Error::NoImplementation { func, backends: both() }, "{func}");
    };
    let ints = nd.astype(DType::Int64).unwrap();
    let cints = c.astype(DType::Int64).unwrap();
    no("floor_divide", nd.floor_divide(&c));
    no("remainder", nd.remainder(&c));
    no("nextafter", nd.nextafter(&c));
    no("bitwise_and", ints.bitwise_and(&cints));
    no("bitwise_left_shift", ints.bitwise_left_shift(&cints));
    no("isin", nd.isin(&c, false));
    let sorted = nd.reshape(&[-1]).unwrap().sort(0, false).unwrap();
    no("searchsorted", sorted.searchsorted(&c, arrayapi::Side::Left, None));
    let m = Array::eye(&nd.namespace(), 2, None, 0, DType::Float64).unwrap();
    let cm = m.to_namespace(&cns).unwrap();
    no("solve", m.solve(&cm));
}

#[test]
fn unavailable_devices_and_dtypes_are_clear_errors() {
    let e = arrayapi::candle::namespace(Device::Cuda(0)).unwrap_err();
    assert!(matches!(e, Error::DeviceUnavailable { device: Device::Cuda(0), .. }), "{e}");
    assert!(e.to_string().contains("not compiled with CUDA support"), "{e}");
    let e = arrayapi::candle::namespace(Device::Metal(0)).unwrap_err();
    assert!(e.to_string().contains("Metal"), "{e}");
    let e = CandleArray::asarray(&CandleNamespace::cpu(), &[1i8, 2], &[2]).unwrap_err();
    assert!(matches!(e, Error::Unsupported { backend: "candle", .. }) && e.to_string().contains("int8"), "{e}");
    let e = CandleArray::zeros(&CandleNamespace::cpu(), &[2], DType::UInt64).unwrap_err();
    assert!(e.to_string().contains("uint64"), "{e}");
}

/// The continuous part of [`model`]: no rounding, signs, comparisons or arg-reductions,
/// whose results jump when an input moves by one unit of a coarse format.
fn smooth_model<A: ArrayApi>(ns: &A::Namespace, dtype: DType) -> Result<Vec<f64>> {
    let x = A::linspace(ns, -1.5, 1.5, 24, true, dtype)?.reshape(&[4, 3, 2])?;
    let w = A::arange(ns, 0.0, 8.0, 1.0, dtype)?.multiply(0.25)?.reshape(&[4, 2, 1])?;
    let h = x.matmul(&w)?.tanh()?.squeeze(-1)?; // [4, 3]
    let parts = [
        h.exp()?.log1p()?.sum(Axes::All, true)?.reshape(&[1])?,
        h.mean(0, false)?,
        h.std(1, 1.0, false)?,
        h.max(0, false)?,
        h.min(-1, false)?,
        h.cumulative_sum(Some(1), true)?.reshape(&[-1])?,
        A::concat(&[h.flip(0)?, h.permute_dims(&[1, 0])?.matrix_transpose()?], Some(1))?.reshape(&[-1])?,
        h.take(&A::asarray(ns, &[2i64, 0, -1], &[3])?, Some(0))?.reshape(&[-1])?,
        h.clip(Some((-0.2).into()), Some(0.3.into()))?.pow(2.0)?.reshape(&[-1])?,
        A::stack(&[h.sin()?, h.cos()?], 0)?.reshape(&[-1])?,
        h.expand_dims(0)?.broadcast_to(&[2, 4, 3])?.sum(0, false)?.reshape(&[-1])?,
    ];
    Ok(A::concat(&parts, None)?.to_host()?.data().to_f64_vec())
}

#[test]
fn candle_computes_in_float16_and_bfloat16_where_ndarray_refuses_them() {
    // The same computation in each half format on candle, against float32 on ndarray:
    // every result within a few units of the format's precision.
    let reference = smooth_model::<NdArray>(&NdNamespace, DType::Float32).unwrap();
    for dtype in [DType::Float16, DType::BFloat16] {
        let eps = arrayapi::finfo(dtype).unwrap().eps;
        let half = smooth_model::<CandleArray>(&CandleNamespace::cpu(), dtype).unwrap();
        close(&reference, &half, 8.0 * eps);
        let e = NdArray::zeros(&NdNamespace, &[2], dtype).unwrap_err();
        assert!(matches!(e, Error::Unsupported { backend: "ndarray", .. }), "{e}");
        assert!(e.to_string().contains(dtype.name()), "{e}");
    }
}
