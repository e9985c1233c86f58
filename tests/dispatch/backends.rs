//! Test backends, each exercising one rule of the dispatch protocol.
//!
//! `Wrap<T>` is a native backend that stores an `NdArray` and claims a device of its
//! choosing; each tag `T` makes it a distinct type (so a distinct backend to dispatch)
//! and may change how it answers `array_function`. `Traced` is a wrapper ("duck")
//! backend over arrays of any backend, taking precedence over all of them.

use std::cell::RefCell;
use std::fmt::Debug;
use std::marker::PhantomData;

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{
    native_array_function, ArgReduceOp, Array, ArrayApi, BackendNamespace, BinaryOp, Call, CumulativeOp, DType, Device,
    Error, HostArray, Outcome, ReduceOp, Result, Scalar, UnaryOp,
};

thread_local! {
    /// Backends asked to handle a call, in order (reset by `take_asked`).
    static ASKED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// The backends asked since the last call, in order.
pub fn take_asked() -> Vec<&'static str> {
    ASKED.with(|a| std::mem::take(&mut *a.borrow_mut()))
}

fn asked(name: &'static str) {
    ASKED.with(|a| a.borrow_mut().push(name));
}

/// How a `Wrap` backend behaves.
pub trait Tag: 'static + Debug {
    const NAME: &'static str;
    fn array_function(call: &Call<'_>) -> Outcome
    where
        Self: Sized,
    {
        native_array_function::<Wrap<Self>>(call)
    }
    fn takes_precedence_over(_other: &Array) -> bool {
        false
    }
}

/// A second, ordinary native backend.
#[derive(Debug)]
pub struct Plain;
impl Tag for Plain {
    const NAME: &'static str = "plain";
}

/// A backend that does not implement `matmul` ("not mine").
#[derive(Debug)]
pub struct Declines;
impl Tag for Declines {
    const NAME: &'static str = "declines";
    fn array_function(call: &Call<'_>) -> Outcome {
        match call {
            Call::Matmul { .. } => Outcome::NotImplemented,
            _ => native_array_function::<Wrap<Self>>(call),
        }
    }
}

/// A backend that also accepts `Declines` arrays (converting them), without precedence.
#[derive(Debug)]
pub struct Helper;
impl Tag for Helper {
    const NAME: &'static str = "helper";
    fn array_function(call: &Call<'_>) -> Outcome {
        let converted: Option<Vec<Array>> = call
            .arrays()
            .map(|a| {
                if let Some(d) = a.downcast_ref::<Wrap<Declines>>() {
                    Some(Array::new(Wrap::<Helper>::new(d.inner.clone(), d.device)))
                } else if a.is::<Wrap<Helper>>() {
                    Some(a.clone())
                } else {
                    None
                }
            })
            .collect();
        let Some(converted) = converted else { return Outcome::NotImplemented };
        match call.with_arrays(&converted) {
            Ok(c) => native_array_function::<Wrap<Self>>(&c),
            Err(e) => Outcome::Handled(Err(e)),
        }
    }
}

/// A backend that takes precedence over every other and fails every call.
#[derive(Debug)]
pub struct Failing;
impl Tag for Failing {
    const NAME: &'static str = "failing";
    fn array_function(call: &Call<'_>) -> Outcome {
        Outcome::Handled(Err(Error::Backend { func: call.name(), backend: Self::NAME, message: "out of order".into() }))
    }
    fn takes_precedence_over(other: &Array) -> bool {
        !other.is::<Wrap<Failing>>()
    }
}

#[derive(Debug)]
pub struct Wrap<T> {
    pub inner: NdArray,
    pub device: Device,
    _tag: PhantomData<fn() -> T>,
}

impl<T> Clone for Wrap<T> {
    fn clone(&self) -> Self {
        Wrap { inner: self.inner.clone(), device: self.device, _tag: PhantomData }
    }
}

impl<T: Tag> Wrap<T> {
    pub fn new(inner: NdArray, device: Device) -> Self {
        Wrap { inner, device, _tag: PhantomData }
    }
    fn lift(&self, r: Result<NdArray>) -> Result<Self> {
        r.map(|inner| Wrap::new(inner, self.device))
    }
}

#[derive(Debug)]
pub struct WrapNs<T> {
    pub device: Device,
    _tag: PhantomData<fn() -> T>,
}

impl<T> Clone for WrapNs<T> {
    fn clone(&self) -> Self {
        WrapNs { device: self.device, _tag: PhantomData }
    }
}

impl<T: Tag> WrapNs<T> {
    pub fn on(device: Device) -> Self {
        WrapNs { device, _tag: PhantomData }
    }
}

impl<T: Tag> BackendNamespace for WrapNs<T> {
    fn backend_name(&self) -> &'static str {
        T::NAME
    }
    fn device(&self) -> Device {
        self.device
    }
    /// Pretends every device exists.
    fn on_device(&self, device: Device) -> Result<Self> {
        Ok(WrapNs::on(device))
    }
}

impl<T: Tag> std::fmt::Display for Wrap<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        arrayapi::api::display::write_array(f, arrayapi::ArrayApi::to_host(self))
    }
}

impl<T: Tag> arrayapi::Backend for Wrap<T> {
    type Namespace = WrapNs<T>;

    fn namespace(x: &Self) -> WrapNs<T> {
        WrapNs::on(x.device)
    }
    fn shape(x: &Self) -> &[usize] {
        x.inner.shape()
    }
    fn dtype(x: &Self) -> DType {
        x.inner.dtype()
    }
    fn device(x: &Self) -> Device {
        x.device
    }
    fn from_host(ns: &WrapNs<T>, host: HostArray) -> Result<Self> {
        Ok(Wrap::new(<NdArray as ArrayApi>::from_host(&NdNamespace, host)?, ns.device))
    }
    fn to_host(x: &Self) -> Result<HostArray> {
        x.inner.to_host()
    }
    fn full(ns: &WrapNs<T>, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        Ok(Wrap::new(<NdArray as ArrayApi>::full(&NdNamespace, shape, fill, dtype)?, ns.device))
    }
    fn astype(x: &Self, dtype: DType) -> Result<Self> {
        x.lift(x.inner.astype(dtype))
    }
    fn unary(x: &Self, op: UnaryOp) -> Result<Self> {
        x.lift(x.inner.unary(op))
    }
    fn binary(x: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        x.lift(x.inner.binary(&other.inner, op))
    }
    fn select(x: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        x.lift(x.inner.select(&x1.inner, &x2.inner))
    }
    fn reduce(x: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        x.lift(x.inner.reduce(op, axes, keepdims))
    }
    fn arg_reduce(x: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        x.lift(x.inner.arg_reduce(op, axis, keepdims))
    }
    fn cumulative(x: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        x.lift(x.inner.cumulative(op, axis, include_initial))
    }
    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        x.lift(x.inner.reshape_exact(shape))
    }
    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        x.lift(x.inner.permute_dims(axes))
    }
    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        x.lift(x.inner.broadcast_to(shape))
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let inner: Vec<NdArray> = arrays.iter().map(|a| a.inner.clone()).collect();
        let device = arrays.first().map_or(Device::Cpu, |a| a.device);
        Ok(Wrap::new(<NdArray as ArrayApi>::concat_axis(&inner, axis)?, device))
    }
    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        x.lift(x.inner.take_axis(&indices.inner, axis))
    }
    fn matmul(x: &Self, other: &Self) -> Result<Self> {
        x.lift(x.inner.matmul(&other.inner))
    }
    fn array_function(&self, call: &Call<'_>) -> Outcome {
        asked(T::NAME);
        T::array_function(call)
    }
    fn takes_precedence_over(&self, other: &Array) -> bool {
        T::takes_precedence_over(other)
    }
}

// The tracing wrapper is the worked example users copy: the tests use that very file.
#[allow(dead_code)] // the profile fields are the example's; these tests read the names
#[path = "../../examples/trace/backend.rs"]
mod traced;
pub use traced::{set_view, take_ids, take_trace, Traced, TracedNs, View};
