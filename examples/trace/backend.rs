//! `Traced`: a wrapper ("duck") backend over arrays of *any* backend. It takes precedence
//! over every other backend under NEP 18's ordering, records each function it sees with
//! its arguments' shapes and dtypes and the time the wrapped backend took, and delegates.
//! The shape of Dask over NumPy, or of a units library; here a profiler.
//!
//! It shows a call in one of two [`View`]s: as the whole function the user called
//! (`mean`), handed to the wrapped backend in one piece, or as the primitives its default
//! implementation is made of (`sum`, then `divide`), which is what a wrapper that asks
//! for the default implementation ([`Call::run_default`]) sees.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use std::cell::Cell;

use arrayapi::{
    ArgReduceOp, Array, ArrayApi, BackendNamespace, BinaryOp, Call, CumulativeOp, DType, Device, FunctionId, HostArray,
    Namespace, Outcome, ReduceOp, Result, Scalar, UnaryOp,
};

/// How the wrapper handles a function that has a default implementation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Record the function and hand it, whole, to the wrapped backend.
    Whole,
    /// Run its default implementation on the traced arrays, so that its parts come back
    /// to the wrapper one by one; record only the primitives.
    Primitives,
}

/// One recorded call.
#[derive(Clone, Debug)]
pub struct Record {
    /// Which function of the table.
    pub id: FunctionId,
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
    static VIEW: Cell<View> = const { Cell::new(View::Whole) };
}

/// Sets how this thread's traced calls are handled (see [`View`]).
#[allow(dead_code)]
pub fn set_view(view: View) {
    VIEW.with(|v| v.set(view));
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

/// Just the functions of [`take_log`].
#[allow(dead_code)]
pub fn take_ids() -> Vec<FunctionId> {
    take_log().into_iter().map(|r| r.id).collect()
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

// Every backend's array prints as NumPy does (the contract requires `Display`).
arrayapi::impl_display!(Traced);

/// The backend contract: only the required primitives, each delegated to the wrapped
/// array (the static path, `Traced` as a type parameter, runs every other function's
/// default on them); the dynamic path goes through `array_function` below, which handles
/// every function.
impl arrayapi::Backend for Traced {
    type Namespace = TracedNs;

    fn namespace(x: &Self) -> TracedNs {
        TracedNs { inner: x.inner.namespace() }
    }
    fn shape(x: &Self) -> &[usize] {
        x.inner.shape()
    }
    fn dtype(x: &Self) -> DType {
        x.inner.dtype()
    }
    fn device(x: &Self) -> Device {
        x.inner.device()
    }
    fn from_host(ns: &TracedNs, host: HostArray) -> Result<Self> {
        traced(Array::from_host(&ns.inner, host))
    }
    fn to_host(x: &Self) -> Result<HostArray> {
        x.inner.to_host()
    }
    fn full(ns: &TracedNs, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        traced(Array::full(&ns.inner, shape, fill, dtype))
    }
    fn astype(x: &Self, dtype: DType) -> Result<Self> {
        traced(x.inner.astype(dtype))
    }
    fn unary(x: &Self, op: UnaryOp) -> Result<Self> {
        traced(x.inner.unary(op))
    }
    fn binary(x: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        traced(x.inner.binary(&other.inner, op))
    }
    fn select(x: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        traced(x.inner.select(&x1.inner, &x2.inner))
    }
    fn reduce(x: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        traced(x.inner.reduce(op, axes, keepdims))
    }
    fn arg_reduce(x: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        traced(x.inner.arg_reduce(op, axis, keepdims))
    }
    fn cumulative(x: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        traced(x.inner.cumulative(op, axis, include_initial))
    }
    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        traced(x.inner.reshape_exact(shape))
    }
    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        traced(x.inner.permute_dims(axes))
    }
    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        traced(x.inner.broadcast_to(shape))
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let inner: Vec<Array> = arrays.iter().map(|a| a.inner.clone()).collect();
        traced(Array::concat_axis(&inner, axis))
    }
    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        traced(x.inner.take_axis(&indices.inner, axis))
    }
    fn matmul(x: &Self, other: &Self) -> Result<Self> {
        traced(x.inner.matmul(&other.inner))
    }

    /// Accepts any mix of traced and plain arrays. In the [`View::Primitives`] view a
    /// function with a default implementation runs that default on the traced arrays
    /// (its parts come back here); otherwise the call is unwrapped, re-dispatched whole
    /// to the wrapped arrays, recorded, and its results wrapped.
    fn array_function(&self, call: &Call<'_>) -> Outcome {
        if VIEW.with(Cell::get) == View::Primitives {
            if let Some(result) = call.run_default() {
                return Outcome::Handled(result);
            }
        }
        let unwrapped: Vec<Array> =
            call.arrays().map(|a| a.downcast_ref::<Traced>().map_or_else(|| a.clone(), |t| t.inner.clone())).collect();
        let start = Instant::now();
        let result = call.with_arrays(&unwrapped).and_then(|c| c.dispatch());
        let record = Record {
            id: call.id(),
            func: call.name(),
            shapes: unwrapped.iter().map(|a| a.shape().to_vec()).collect(),
            dtype: unwrapped.first().map_or(DType::Float32, |a| a.dtype()),
            elapsed: start.elapsed(),
        };
        LOG.with(|l| l.borrow_mut().push(record));
        Outcome::Handled(result.and_then(|out| out.try_map(|inner| Ok(Array::new(Traced { inner })))))
    }

    /// Goes before every other backend, as a subclass goes before its superclass.
    fn takes_precedence_over(&self, other: &Array) -> bool {
        !other.is::<Traced>()
    }
}
