//! `Traced`: a wrapper ("duck") backend over arrays of *any* backend. It takes precedence
//! over every other backend under NEP 18's ordering, records each function it sees with
//! its arguments' shapes and dtypes and the time the wrapped backend took, and delegates.
//! The shape of Dask over NumPy, or of a units library; here a profiler.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use arrayapi::{
    ArgReduceOp, Array, ArrayApi, BackendNamespace, BinaryOp, Call, CumulativeOp, DType, Device, HostArray, Namespace,
    Outcome, ReduceOp, Result, Scalar, Side, UnaryOp,
};

/// One recorded call.
#[derive(Clone, Debug)]
pub struct Record {
    /// The function's name (`"matmul"`).
    pub func: &'static str,
    /// Shapes of the array arguments.
    pub shapes: Vec<Vec<usize>>,
    /// Dtype of the first array argument.
    pub dtype: DType,
    /// Time spent in the wrapped backend.
    pub elapsed: Duration,
}

thread_local! {
    static LOG: RefCell<Vec<Record>> = const { RefCell::new(Vec::new()) };
}

/// The calls recorded on this thread since the last call, in order.
pub fn take_log() -> Vec<Record> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Just the names of [`take_log`] (the dispatch tests use this file too).
#[allow(dead_code)]
pub fn take_trace() -> Vec<&'static str> {
    take_log().into_iter().map(|r| r.func).collect()
}

/// An array of another backend, traced.
#[derive(Clone, Debug)]
pub struct Traced {
    /// The wrapped array.
    pub inner: Array,
}

/// Creates traced arrays on the wrapped namespace's backend and device.
#[derive(Clone, Debug)]
pub struct TracedNs {
    /// The wrapped namespace.
    pub inner: Namespace,
}

impl TracedNs {
    /// A dynamic namespace that makes traced arrays over `inner`.
    pub fn over(inner: Namespace) -> Namespace {
        Namespace::new::<Traced>(TracedNs { inner })
    }
}

impl BackendNamespace for TracedNs {
    fn backend_name(&self) -> &'static str {
        "traced"
    }
    fn device(&self) -> Device {
        self.inner.device()
    }
    fn on_device(&self, device: Device) -> Result<Self> {
        Ok(TracedNs { inner: self.inner.on_device(device)? })
    }
}

fn traced(r: Result<Array>) -> Result<Traced> {
    r.map(|inner| Traced { inner })
}

/// The static path (`Traced` used as a type parameter) delegates primitive by primitive;
/// the dynamic path goes through `array_function` below, which handles everything.
impl ArrayApi for Traced {
    type Namespace = TracedNs;

    fn namespace(&self) -> TracedNs {
        TracedNs { inner: self.inner.namespace() }
    }
    fn shape(&self) -> &[usize] {
        self.inner.shape()
    }
    fn dtype(&self) -> DType {
        self.inner.dtype()
    }
    fn device(&self) -> Device {
        self.inner.device()
    }
    fn from_host(ns: &TracedNs, host: HostArray) -> Result<Self> {
        traced(Array::from_host(&ns.inner, host))
    }
    fn to_host(&self) -> Result<HostArray> {
        self.inner.to_host()
    }
    fn full(ns: &TracedNs, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        traced(Array::full(&ns.inner, shape, fill, dtype))
    }
    fn astype(&self, dtype: DType) -> Result<Self> {
        traced(self.inner.astype(dtype))
    }
    fn unary(&self, op: UnaryOp) -> Result<Self> {
        traced(self.inner.unary(op))
    }
    fn binary(&self, other: &Self, op: BinaryOp) -> Result<Self> {
        traced(self.inner.binary(&other.inner, op))
    }
    fn binary_scalar(&self, scalar: Scalar, op: BinaryOp, side: Side) -> Result<Self> {
        traced(self.inner.binary_scalar(scalar, op, side))
    }
    fn select(&self, x1: &Self, x2: &Self) -> Result<Self> {
        traced(self.inner.select(&x1.inner, &x2.inner))
    }
    fn reduce(&self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        traced(self.inner.reduce(op, axes, keepdims))
    }
    fn arg_reduce(&self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        traced(self.inner.arg_reduce(op, axis, keepdims))
    }
    fn cumulative(&self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        traced(self.inner.cumulative(op, axis, include_initial))
    }
    fn reshape_exact(&self, shape: &[usize]) -> Result<Self> {
        traced(self.inner.reshape_exact(shape))
    }
    fn permute_dims(&self, axes: &[usize]) -> Result<Self> {
        traced(self.inner.permute_dims(axes))
    }
    fn broadcast_to(&self, shape: &[usize]) -> Result<Self> {
        traced(self.inner.broadcast_to(shape))
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let inner: Vec<Array> = arrays.iter().map(|a| a.inner.clone()).collect();
        traced(Array::concat_axis(&inner, axis))
    }
    fn take_axis(&self, indices: &Self, axis: usize) -> Result<Self> {
        traced(self.inner.take_axis(&indices.inner, axis))
    }
    fn matmul(&self, other: &Self) -> Result<Self> {
        traced(self.inner.matmul(&other.inner))
    }

    /// Accepts any mix of traced and plain arrays: unwraps, re-dispatches the same call
    /// to the wrapped arrays, records it, wraps the result.
    fn array_function(&self, call: &Call<'_>) -> Outcome {
        let unwrapped: Vec<Array> =
            call.arrays().map(|a| a.downcast_ref::<Traced>().map_or_else(|| a.clone(), |t| t.inner.clone())).collect();
        let start = Instant::now();
        let result = call.with_arrays(&unwrapped).and_then(|c| c.dispatch());
        let record = Record {
            func: call.name(),
            shapes: unwrapped.iter().map(|a| a.shape().to_vec()).collect(),
            dtype: unwrapped.first().map_or(DType::Float32, |a| a.dtype()),
            elapsed: start.elapsed(),
        };
        LOG.with(|l| l.borrow_mut().push(record));
        Outcome::Handled(result.map(|inner| Array::new(Traced { inner })))
    }

    /// Goes before every other backend, as a subclass goes before its superclass.
    fn takes_precedence_over(&self, other: &Array) -> bool {
        !other.is::<Traced>()
    }
}
