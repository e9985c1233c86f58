//! A backend that overrides `sort`, `mean`, `unique_values` and `linalg.solve` (and
//! nothing else beyond the required primitives) gets its overrides through the dynamic
//! `Array`, as on the static path; a function it does not override runs the default on
//! its own type.

use std::cell::RefCell;

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{
    ArgReduceOp, ArrayApi, Axes, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, HostArray, Namespace,
    ReduceOp, Result, Scalar, UnaryOp,
};

thread_local! {
    static OVERRIDES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

fn took() -> Vec<&'static str> {
    OVERRIDES.with(|o| std::mem::take(&mut *o.borrow_mut()))
}

fn overridden(name: &'static str) {
    OVERRIDES.with(|o| o.borrow_mut().push(name));
}

/// The ndarray backend under another type, with four overrides that say they ran.
#[derive(Clone, Debug)]
struct Own(NdArray);

#[derive(Clone, Copy, Debug)]
struct OwnNs;

impl BackendNamespace for OwnNs {
    fn backend_name(&self) -> &'static str {
        "own"
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
}

fn own(r: Result<NdArray>) -> Result<Own> {
    r.map(Own)
}

// Every backend's array prints as NumPy does (the contract requires `Display`).
arrayapi::impl_display!(Own);

impl arrayapi::Backend for Own {
    type Namespace = OwnNs;

    fn namespace(_: &Self) -> OwnNs {
        OwnNs
    }
    fn shape(x: &Self) -> &[usize] {
        x.0.shape()
    }
    fn dtype(x: &Self) -> DType {
        x.0.dtype()
    }
    fn device(_: &Self) -> Device {
        Device::Cpu
    }
    fn from_host(_: &OwnNs, host: HostArray) -> Result<Self> {
        own(<NdArray as ArrayApi>::from_host(&NdNamespace, host))
    }
    fn to_host(x: &Self) -> Result<HostArray> {
        x.0.to_host()
    }
    fn full(_: &OwnNs, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        own(<NdArray as ArrayApi>::full(&NdNamespace, shape, fill, dtype))
    }
    fn astype(x: &Self, dtype: DType) -> Result<Self> {
        own(x.0.astype(dtype))
    }
    fn unary(x: &Self, op: UnaryOp) -> Result<Self> {
        own(x.0.unary(op))
    }
    fn binary(x: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        own(x.0.binary(&other.0, op))
    }
    fn select(x: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        own(x.0.select(&x1.0, &x2.0))
    }
    fn reduce(x: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        own(x.0.reduce(op, axes, keepdims))
    }
    fn arg_reduce(x: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        own(x.0.arg_reduce(op, axis, keepdims))
    }
    fn cumulative(x: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        own(x.0.cumulative(op, axis, include_initial))
    }
    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        own(x.0.reshape_exact(shape))
    }
    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        own(x.0.permute_dims(axes))
    }
    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        own(x.0.broadcast_to(shape))
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let inner: Vec<NdArray> = arrays.iter().map(|a| a.0.clone()).collect();
        own(<NdArray as ArrayApi>::concat_axis(&inner, axis))
    }
    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        own(x.0.take_axis(&indices.0, axis))
    }
    fn matmul(x: &Self, other: &Self) -> Result<Self> {
        own(x.0.matmul(&other.0))
    }

    // The four overrides: each records itself, then computes with ndarray's own.
    fn sort(x: &Self, axis: isize, descending: bool) -> Result<Self> {
        overridden("sort");
        own(x.0.sort(axis, descending))
    }
    fn mean(x: &Self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        overridden("mean");
        own(x.0.mean(axes, keepdims))
    }
    fn unique_values(x: &Self) -> Result<Self> {
        overridden("unique_values");
        own(x.0.unique_values())
    }
    fn solve(x: &Self, b: &Self) -> Result<Self> {
        overridden("solve");
        own(x.0.solve(&b.0))
    }
}

fn ns() -> Namespace {
    Namespace::new::<Own>(OwnNs)
}

#[test]
fn overrides_are_reached_through_the_dynamic_array() {
    let xp = ns();
    let a = xp.asarray(&[3.0f64, 1.0, 2.0, 1.0], &[2, 2]).unwrap();
    assert!(a.is::<Own>());
    took();
    assert_eq!(a.sort(-1, false).unwrap().to_vec::<f64>().unwrap(), vec![1.0, 3.0, 1.0, 2.0]);
    assert_eq!(took(), vec!["sort"]);
    assert_eq!(a.mean(Axes::All, false).unwrap().to_vec::<f64>().unwrap(), vec![1.75]);
    assert_eq!(took(), vec!["mean"]);
    assert_eq!(a.unique_values().unwrap().to_vec::<f64>().unwrap(), vec![1.0, 2.0, 3.0]);
    assert_eq!(took(), vec!["unique_values"]);
    let b = xp.asarray(&[4.0f64, 3.0], &[2]).unwrap();
    // [[3, 1], [2, 1]] x = [4, 3]: x = [1, 1].
    let x = a.solve(&b).unwrap();
    assert_eq!(took(), vec!["solve"]);
    let x = x.to_vec::<f64>().unwrap();
    assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 1.0).abs() < 1e-12, "{x:?}");
    // Not overridden: `std` runs its default on `Own` (its `var` is the default too) and
    // `argsort` the host default; neither touches an override.
    assert_eq!(a.std(Axes::All, 0.0, false).unwrap().to_vec::<f64>().unwrap()[0], (0.6875f64).sqrt());
    a.argsort(-1, false).unwrap();
    assert_eq!(took(), Vec::<&str>::new());
    // The static path reaches the same overrides.
    let s = a.downcast_ref::<Own>().unwrap().clone();
    s.mean(Axes::All, false).unwrap();
    assert_eq!(took(), vec!["mean"]);
}
