//! The NEP 18 dispatch protocol: ordering, "not mine", the no-handler error, wrappers
//! that take precedence, mixed devices, NEP 35 `like` creation, NEP 47 namespaces, and
//! the same generic code giving the same answer statically and dynamically.

mod backends;
mod every_function;
mod overrides;

use arrayapi::dispatch::IntoArray;
use arrayapi::ndarray::{self as nd, NdArray, NdNamespace};
use arrayapi::{Array, ArrayApi, Axes, BackendNamespace, DType, Device, Error, Namespace, Result};
use backends::*;

fn nd_array(v: &[f32], shape: &[usize]) -> Array {
    nd::namespace().asarray(v, shape).unwrap()
}

fn wrap<T: Tag>(v: &[f32], shape: &[usize], device: Device) -> Array {
    Array::new(Wrap::<T>::new(NdArray::asarray(&NdNamespace, v, shape).unwrap(), device))
}

fn traced(x: Array) -> Array {
    Array::new(Traced { inner: x })
}

#[test]
fn no_implementation_names_every_backend_in_order() {
    let a = nd_array(&[1.0, 2.0], &[2]);
    let b = wrap::<Plain>(&[1.0, 2.0], &[2], Device::Cpu);
    assert_eq!(a.add(&b).unwrap_err(), Error::NoImplementation { func: "add", backends: vec!["ndarray", "plain"] });
    assert_eq!(b.add(&a).unwrap_err(), Error::NoImplementation { func: "add", backends: vec!["plain", "ndarray"] });
    let msg = b.matmul(&a).unwrap_err().to_string();
    assert_eq!(msg, r#"no implementation found for 'matmul' on backends ["plain", "ndarray"]"#);
    // Each backend is asked once, however many of its arrays there are.
    take_asked();
    let c = wrap::<Plain>(&[0.0, 0.0], &[2], Device::Cpu);
    let _ = b.select(&a, &c);
    assert_eq!(take_asked(), vec!["plain"]);
}

#[test]
fn not_mine_falls_through_to_the_next_backend() {
    let d = wrap::<Declines>(&[1.0, 2.0, 3.0, 4.0], &[2, 2], Device::Cpu);
    let h = wrap::<Helper>(&[1.0, 0.0, 0.0, 1.0], &[2, 2], Device::Cpu);
    take_asked();
    let r = d.matmul(&h).unwrap();
    // Left to right: `declines` is asked first and says "not mine"; `helper` handles it.
    assert_eq!(take_asked(), vec!["declines", "helper"]);
    assert_eq!(r.backend_name(), "helper");
    assert_eq!(r.to_vec::<f32>().unwrap(), vec![1.0, 2.0, 3.0, 4.0]);
    // Alone, the declining backend leaves nobody to handle the call.
    assert_eq!(d.matmul(&d).unwrap_err(), Error::NoImplementation { func: "matmul", backends: vec!["declines"] });
    // Everything it does implement works.
    assert_eq!(d.add(&d).unwrap().to_vec::<f32>().unwrap(), vec![2.0, 4.0, 6.0, 8.0]);
}

#[test]
fn a_real_error_stops_the_search() {
    let f = wrap::<Failing>(&[1.0], &[1], Device::Cpu);
    let x = nd_array(&[1.0], &[1]);
    take_asked();
    // `failing` takes precedence, is asked first, and its error is final: ndarray, which
    // could not have handled the mix anyway, is never asked, and the error is not
    // NoImplementation.
    let e = x.add(&f).unwrap_err();
    assert_eq!(e, Error::Backend { func: "add", backend: "failing", message: "out of order".into() });
    assert_eq!(take_asked(), vec!["failing"]);
}

#[test]
fn a_wrapper_takes_precedence_over_the_arrays_it_wraps() {
    let x = nd_array(&[1.0, 2.0, 3.0], &[3]);
    let t = traced(nd_array(&[10.0, 20.0, 30.0], &[3]));
    take_trace();
    // Mixed arguments, plain first: the wrapper still handles it.
    let r = x.add(&t).unwrap();
    assert!(r.is::<Traced>());
    assert_eq!(r.to_vec::<f32>().unwrap(), vec![11.0, 22.0, 33.0]);
    let r = A_concat(&[x.clone(), t.clone(), x.clone()]);
    assert!(r.is::<Traced>());
    assert_eq!(take_trace(), vec!["add", "concat"]);
    // Every function is a dispatch point: the wrapper sees `mean` as a whole...
    let m = t.mean(Axes::All, false).unwrap();
    assert_eq!(m.to_vec::<f32>().unwrap(), vec![20.0]);
    assert_eq!(take_trace(), vec!["mean"]);
    // ...or, asking for the default implementation, its parts: sum then divide.
    set_view(View::Primitives);
    let m = t.mean(Axes::All, false).unwrap();
    set_view(View::Whole);
    assert_eq!(m.to_vec::<f32>().unwrap(), vec![20.0]);
    assert!(m.is::<Traced>());
    assert_eq!(take_trace(), vec!["sum", "divide"]);
    // A wrapper over another wrapper's arrays: both layers trace.
    let tt = traced(t.clone());
    tt.exp().unwrap();
    assert_eq!(take_trace(), vec!["exp", "exp"]);
    // The wrapper also works with a non-ndarray backend inside.
    let w = traced(wrap::<Plain>(&[1.0], &[1], Device::Cuda(0)));
    assert_eq!(w.negative().unwrap().device(), Device::Cuda(0));
}

#[allow(non_snake_case)]
fn A_concat(arrays: &[Array]) -> Array {
    Array::concat(arrays, Some(0)).unwrap()
}

#[test]
fn mixed_devices_are_an_error_naming_both() {
    let cpu = wrap::<Plain>(&[1.0, 2.0], &[2], Device::Cpu);
    let gpu = wrap::<Plain>(&[1.0, 2.0], &[2], Device::Cuda(0));
    let e = cpu.add(&gpu).unwrap_err();
    assert_eq!(e, Error::DeviceMismatch { func: "add", lhs: Device::Cpu, rhs: Device::Cuda(0) });
    assert_eq!(e.to_string(), "add: arrays are on different devices, cpu and cuda:0; move one with to_device");
    assert!(matches!(gpu.matmul(&cpu.reshape(&[2, 1]).unwrap()), Err(Error::DeviceMismatch { func: "matmul", .. })));
    assert!(matches!(Array::concat(&[cpu.clone(), gpu.clone()], Some(0)), Err(Error::DeviceMismatch { .. })));
    let cond = wrap::<Plain>(&[1.0, 0.0], &[2], Device::Cuda(0)).astype(DType::Bool).unwrap();
    assert!(matches!(cond.where_(&gpu, &cpu), Err(Error::DeviceMismatch { func: "where", .. })));
    // Moving explicitly makes it work; nothing is ever copied silently.
    let moved = cpu.to_device(Device::Cuda(0)).unwrap();
    assert_eq!(moved.device(), Device::Cuda(0));
    assert_eq!(moved.add(&gpu).unwrap().to_vec::<f32>().unwrap(), vec![2.0, 4.0]);
}

#[test]
fn to_device_on_a_backend_without_that_device() {
    let x = nd_array(&[1.0], &[1]);
    assert_eq!(x.to_device(Device::Cpu).unwrap().to_vec::<f32>().unwrap(), vec![1.0]);
    let e = x.to_device(Device::Cuda(0)).unwrap_err();
    assert!(matches!(e, Error::DeviceUnavailable { func: "to_device", device: Device::Cuda(0), .. }), "{e}");
    let e = NdArray::asarray(&NdNamespace, &[1.0f32], &[1]).unwrap().to_device(Device::Metal(0)).unwrap_err();
    assert!(e.to_string().contains("metal:0"), "{e}");
}

#[test]
fn creation_like_an_array_nep35() {
    let gpu = wrap::<Plain>(&[1.0, 2.0], &[2], Device::Cuda(1));
    let xp = gpu.namespace();
    assert_eq!((xp.backend_name(), xp.device()), ("plain", Device::Cuda(1)));
    let z = Array::zeros(&xp, &[3], DType::Float64).unwrap();
    assert_eq!((z.backend_name(), z.device(), z.dtype()), ("plain", Device::Cuda(1), DType::Float64));
    let o = gpu.ones_like().unwrap();
    assert_eq!((o.backend_name(), o.device()), ("plain", Device::Cuda(1)));
    let l = xp.linspace(0.0, 1.0, 3, true, DType::Float32).unwrap();
    assert_eq!(l.backend_name(), "plain");
    // A namespace moved to another device (the standard's device= argument).
    let e = xp.on_device(Device::Metal(0)).unwrap().eye(2, None, 0, DType::Float32).unwrap();
    assert_eq!(e.device(), Device::Metal(0));
    // A wrapper's namespace creates wrapped arrays.
    let t = traced(nd_array(&[1.0], &[1]));
    let a = t.namespace().asarray(&[1i32, 2], &[2]).unwrap();
    assert!(a.is::<Traced>());
    assert_eq!(a.namespace().backend_name(), "traced");
}

#[test]
fn namespaces_and_conversion_between_backends() {
    let x = nd_array(&[1.0, -2.0, 3.0], &[3]);
    assert_eq!(x.namespace().backend_name(), "ndarray");
    assert_eq!(format!("{:?}", x.namespace()), "Namespace(ndarray, cpu)");
    let plain: Namespace = Namespace::new::<Wrap<Plain>>(WrapNs::on(Device::Cuda(0)));
    let y = x.to_namespace(&plain).unwrap();
    assert_eq!((y.backend_name(), y.device()), ("plain", Device::Cuda(0)));
    let back = y.to_namespace(&nd::namespace()).unwrap();
    assert!(back.is::<NdArray>());
    assert_eq!(back.to_vec::<f32>().unwrap(), vec![1.0, -2.0, 3.0]);
}

#[test]
fn wrapping_and_downcasting() {
    let n = NdArray::asarray(&NdNamespace, &[1u8, 2], &[2]).unwrap();
    let a = Array::new(n.clone());
    assert!(a.is::<NdArray>() && !a.is::<Traced>());
    assert_eq!(a.downcast_ref::<NdArray>().unwrap().to_vec::<u8>().unwrap(), vec![1, 2]);
    assert!(a.downcast_ref::<Traced>().is_none());
    // `Array::new` takes backends only (an `Array` is not one); `into_array` on an
    // `Array` is the identity, not a second layer.
    let again = a.clone().into_array();
    assert!(again.is::<NdArray>() && again.same_type(&a));
    assert_eq!(format!("{a:?}"), format!("{n:?}"));
}

/// A small generic computation touching most families: a two-layer network, a loss,
/// statistics, manipulation.
fn model<A: ArrayApi>(ns: &A::Namespace) -> Result<Vec<f64>> {
    let x = A::linspace(ns, -1.0, 1.0, 12, true, DType::Float32)?.reshape(&[4, 3, 1])?;
    let w1 = A::arange(ns, 0.0, 12.0, 1.0, DType::Float32)?.multiply(0.1)?.reshape(&[4, 1, 3])?;
    let w2 = A::ones(ns, &[3, 1], DType::Float32)?.divide(3.0)?;
    let h = x.matmul(&w1)?.tanh()?.maximum(-0.5)?;
    let y = h.matmul(&w2)?.squeeze(-1)?;
    let target = y.sin()?;
    let loss = y.subtract(&target)?.square()?.mean(Axes::All, false)?;
    let stats = A::concat(&[y.std(0, 1.0, false)?, y.var(1, 0.0, false)?, loss.reshape(&[1])?], Some(0))?;
    let picked = stats.take(&A::asarray(ns, &[0i64, 2, -1], &[3])?, None)?;
    let flags = picked.greater(0.01)?.astype(DType::Float32)?;
    let out = A::stack(&[picked.clone(), flags, picked.flip(0)?], 0)?.cumulative_sum(Some(1), false)?;
    out.astype(DType::Float64)?.to_vec::<f64>()
}

#[test]
fn static_and_dynamic_paths_agree_bit_for_bit() {
    let stat = model::<NdArray>(&NdNamespace).unwrap();
    let dynamic = model::<Array>(&nd::namespace()).unwrap();
    assert_eq!(stat.len(), 9);
    assert_eq!(stat, dynamic);
    // And through a wrapper that re-dispatches every call.
    let traced_ns = Namespace::new::<Traced>(TracedNs { inner: nd::namespace() });
    assert_eq!(model::<Array>(&traced_ns).unwrap(), stat);
    // And on another backend type entirely.
    let plain = Namespace::new::<Wrap<Plain>>(WrapNs::on(Device::Cpu));
    assert_eq!(model::<Array>(&plain).unwrap(), stat);
}

/// The conformance suite through the most indirect dispatch paths: a wrapper that
/// unwraps and re-dispatches every call, and a second native backend type.
mod traced_conformance {
    use super::*;
    arrayapi_testkit::conformance!(Array, Namespace::new::<Traced>(TracedNs { inner: nd::namespace() }));
}

mod plain_conformance {
    use super::*;
    arrayapi_testkit::conformance!(Array, Namespace::new::<Wrap<Plain>>(WrapNs::on(Device::Cpu)));
}

/// A backend that lacks a function declares it; the suite reports those checks as
/// ignored, with the reason, never as passed.
mod declining_conformance {
    use super::*;
    arrayapi_testkit::conformance!(Array, Namespace::new::<Wrap<Declines>>(WrapNs::on(Device::Cpu)), skip: {
        matmul_2d_and_vectors: "this backend declines matmul (NEP 18 'not mine')",
        matmul_batched_broadcast: "this backend declines matmul (NEP 18 'not mine')",
        matmul_edges: "this backend declines matmul (NEP 18 'not mine')",
        matmul_integers: "this backend declines matmul (NEP 18 'not mine')",
        tensordot: "its default is built on matmul, which this backend declines",
        matrix_power: "its default is built on matmul, which this backend declines",
        slices_matmul: "this backend declines matmul (NEP 18 'not mine')",
    });
}
