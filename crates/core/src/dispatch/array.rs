//! The dynamic array handle.

use std::any::{Any, TypeId};
use std::fmt;
use std::sync::Arc;

use crate::device::Device;
use crate::dispatch::{Call, Namespace, Outcome};
use crate::dtype::DType;
use crate::error::Result;
use crate::fused::FusedOp;
use crate::host::HostArray;
use crate::ops::{ArgReduceOp, BinaryOp, CumulativeOp, ReduceOp, Side, UnaryOp};
use crate::scalar::Scalar;
use crate::ArrayApi;

/// The object-safe face of any backend's array (what `Array` holds).
pub(crate) trait AnyArray: Any + Send + Sync + fmt::Debug {
    fn shape(&self) -> &[usize];
    fn dtype(&self) -> DType;
    fn device(&self) -> Device;
    fn backend_name(&self) -> &'static str;
    fn namespace(&self) -> Namespace;
    fn to_host(&self) -> Result<HostArray>;
    fn takes_precedence_over(&self, other: &Array) -> bool;
    fn array_function(&self, call: &Call<'_>) -> Outcome;
}

impl<A: ArrayApi> AnyArray for A {
    fn shape(&self) -> &[usize] {
        ArrayApi::shape(self)
    }
    fn dtype(&self) -> DType {
        ArrayApi::dtype(self)
    }
    fn device(&self) -> Device {
        ArrayApi::device(self)
    }
    fn backend_name(&self) -> &'static str {
        ArrayApi::backend_name(self)
    }
    fn namespace(&self) -> Namespace {
        Namespace::new::<A>(ArrayApi::namespace(self))
    }
    fn to_host(&self) -> Result<HostArray> {
        ArrayApi::to_host(self)
    }
    fn takes_precedence_over(&self, other: &Array) -> bool {
        ArrayApi::takes_precedence_over(self, other)
    }
    fn array_function(&self, call: &Call<'_>) -> Outcome {
        ArrayApi::array_function(self, call)
    }
}

/// An array of any backend, chosen at run time: NEP 18's duck array.
///
/// `Array` implements [`ArrayApi`], so generic code runs on it unchanged; each primitive
/// is dispatched on the arrays it is given (see [`crate::dispatch`]). Cloning is cheap
/// (a reference count). Wrap a backend's array with [`Array::new`], get it back with
/// [`Array::downcast_ref`].
#[derive(Clone)]
pub struct Array {
    inner: Arc<dyn AnyArray>,
    type_id: TypeId,
}

impl Array {
    /// Wraps a backend's array. Wrapping an `Array` returns it unchanged.
    pub fn new<A: ArrayApi>(array: A) -> Array {
        let mut slot = Some(array);
        // Monomorphised per `A`: the check folds away for every type but `Array` itself.
        if let Some(already) = (&mut slot as &mut dyn Any).downcast_mut::<Option<Array>>() {
            if let Some(a) = already.take() {
                return a;
            }
        }
        match slot {
            Some(a) => Array { inner: Arc::new(a), type_id: TypeId::of::<A>() },
            None => unreachable!("the slot is emptied only when A is Array, which returned above"),
        }
    }

    /// The backend array inside, if it is an `A`.
    pub fn downcast_ref<A: ArrayApi>(&self) -> Option<&A> {
        if self.type_id == TypeId::of::<A>() {
            (&*self.inner as &dyn Any).downcast_ref::<A>()
        } else {
            None
        }
    }

    /// `true` if the backend array inside is an `A`.
    pub fn is<A: ArrayApi>(&self) -> bool {
        self.type_id == TypeId::of::<A>()
    }

    /// The `TypeId` of the backend array type inside (the dispatch protocol's "type").
    pub fn backend_type_id(&self) -> TypeId {
        self.type_id
    }

    /// `true` if both hold arrays of the same backend type.
    pub fn same_type(&self, other: &Array) -> bool {
        self.type_id == other.type_id
    }

    /// Copies this array into another namespace (another backend and/or device) through
    /// host memory: the explicit conversion between backends.
    pub fn to_namespace(&self, ns: &Namespace) -> Result<Array> {
        ns.from_host(self.inner.to_host()?)
    }

    pub(crate) fn object(&self) -> &dyn AnyArray {
        &*self.inner
    }
}

impl fmt::Debug for Array {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.inner, f)
    }
}

impl ArrayApi for Array {
    type Namespace = Namespace;

    fn namespace(&self) -> Namespace {
        self.inner.namespace()
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
    fn backend_name(&self) -> &'static str {
        self.inner.backend_name()
    }
    fn from_host(ns: &Namespace, host: HostArray) -> Result<Self> {
        ns.from_host(host)
    }
    fn to_host(&self) -> Result<HostArray> {
        self.inner.to_host()
    }
    fn full(ns: &Namespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        ns.full(shape, fill, dtype)
    }
    fn arange(ns: &Namespace, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Self> {
        ns.arange(start, stop, step, dtype)
    }
    fn linspace(ns: &Namespace, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Self> {
        ns.linspace(start, stop, num, endpoint, dtype)
    }
    fn eye(ns: &Namespace, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Self> {
        ns.eye(n_rows, n_cols, k, dtype)
    }
    fn astype(&self, dtype: DType) -> Result<Self> {
        Call::AsType { x: self, dtype }.dispatch()
    }
    fn to_device(&self, device: Device) -> Result<Self> {
        Call::ToDevice { x: self, device }.dispatch()
    }
    fn unary(&self, op: UnaryOp) -> Result<Self> {
        Call::Unary { x: self, op }.dispatch()
    }
    fn binary(&self, other: &Self, op: BinaryOp) -> Result<Self> {
        Call::Binary { x1: self, x2: other, op }.dispatch()
    }
    fn binary_scalar(&self, scalar: Scalar, op: BinaryOp, side: Side) -> Result<Self> {
        Call::BinaryScalar { x: self, scalar, op, side }.dispatch()
    }
    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        let args: Vec<Array> = args.iter().map(|&a| a.clone()).collect();
        Call::Fused { op, args: &args }.dispatch()
    }
    fn select(&self, x1: &Self, x2: &Self) -> Result<Self> {
        Call::Where { cond: self, x1, x2 }.dispatch()
    }
    fn reduce(&self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        Call::Reduce { x: self, op, axes, keepdims }.dispatch()
    }
    fn arg_reduce(&self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        Call::ArgReduce { x: self, op, axis, keepdims }.dispatch()
    }
    fn cumulative(&self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        Call::Cumulative { x: self, op, axis, include_initial }.dispatch()
    }
    fn reshape_exact(&self, shape: &[usize]) -> Result<Self> {
        Call::Reshape { x: self, shape }.dispatch()
    }
    fn permute_dims(&self, axes: &[usize]) -> Result<Self> {
        Call::PermuteDims { x: self, axes }.dispatch()
    }
    fn broadcast_to(&self, shape: &[usize]) -> Result<Self> {
        Call::BroadcastTo { x: self, shape }.dispatch()
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        Call::Concat { arrays, axis }.dispatch()
    }
    fn take_axis(&self, indices: &Self, axis: usize) -> Result<Self> {
        Call::Take { x: self, indices, axis }.dispatch()
    }
    fn matmul(&self, other: &Self) -> Result<Self> {
        Call::Matmul { x1: self, x2: other }.dispatch()
    }
}
