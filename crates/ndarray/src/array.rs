//! `NdArray`: the ndarray backend's array type and its `ArrayApi` implementation.

use arrayapi_core::{
    ArgReduceOp, ArrayApi, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, FusedOp, HostArray, ReduceOp,
    Result, Scalar, Side, UnaryOp,
};
use ndarray::{ArcArray, IxDyn};

use crate::elem::Elem;
use crate::storage::Data;
use crate::{convert, elementwise, fused, manipulate, matmul, reduce};

/// The ndarray backend's namespace: host memory, every dtype.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NdNamespace;

impl BackendNamespace for NdNamespace {
    fn backend_name(&self) -> &'static str {
        crate::BACKEND
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
}

/// An array on the CPU, stored as an `ndarray::ArcArray` of its dtype.
///
/// Cloning is cheap (a reference count); results of `reshape` (of contiguous input) and
/// `permute_dims` share memory with their input.
#[derive(Clone, Debug)]
pub struct NdArray {
    pub(crate) data: Data,
}

/// Element types an [`NdArray`] can be built from or viewed as: `bool`, `i8`..`i64`,
/// `u8`..`u64`, `f32`, `f64` (sealed).
pub trait NdElement: Elem {}

impl<T: Elem> NdElement for T {}

impl NdArray {
    pub(crate) fn from_data(data: Data) -> Self {
        NdArray { data }
    }

    /// Wraps an `ndarray` array of any supported element type (no copy).
    pub fn from_ndarray<T: NdElement>(a: ArcArray<T, IxDyn>) -> Self {
        NdArray { data: T::wrap(a) }
    }

    /// The underlying `ndarray` array, if the dtype is `T` (no copy).
    pub fn as_ndarray<T: NdElement>(&self) -> Option<&ArcArray<T, IxDyn>> {
        T::unwrap(&self.data)
    }
}

impl ArrayApi for NdArray {
    type Namespace = NdNamespace;

    fn namespace(&self) -> NdNamespace {
        NdNamespace
    }
    fn backend_name(&self) -> &'static str {
        crate::BACKEND
    }
    fn shape(&self) -> &[usize] {
        self.data.shape()
    }
    fn dtype(&self) -> DType {
        self.data.dtype()
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
    fn from_host(_: &NdNamespace, host: HostArray) -> Result<Self> {
        convert::from_host(host).map(Self::from_data)
    }
    fn to_host(&self) -> Result<HostArray> {
        convert::to_host(&self.data)
    }
    fn full(_: &NdNamespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        convert::full(shape, fill, dtype).map(Self::from_data)
    }
    fn astype(&self, dtype: DType) -> Result<Self> {
        convert::astype(&self.data, dtype).map(Self::from_data)
    }
    fn unary(&self, op: UnaryOp) -> Result<Self> {
        elementwise::unary(&self.data, op).map(Self::from_data)
    }
    fn binary(&self, other: &Self, op: BinaryOp) -> Result<Self> {
        elementwise::binary(&self.data, &other.data, op).map(Self::from_data)
    }
    fn binary_scalar(&self, scalar: Scalar, op: BinaryOp, side: Side) -> Result<Self> {
        elementwise::binary_scalar(&self.data, scalar, op, side).map(Self::from_data)
    }
    fn select(&self, x1: &Self, x2: &Self) -> Result<Self> {
        elementwise::select(&self.data, &x1.data, &x2.data).map(Self::from_data)
    }
    fn reduce(&self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        reduce::reduce(&self.data, op, axes, keepdims).map(Self::from_data)
    }
    fn arg_reduce(&self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        reduce::arg_reduce(&self.data, op, axis, keepdims).map(Self::from_data)
    }
    fn cumulative(&self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        reduce::cumulative(&self.data, op, axis, include_initial).map(Self::from_data)
    }
    fn reshape_exact(&self, shape: &[usize]) -> Result<Self> {
        manipulate::reshape(&self.data, shape).map(Self::from_data)
    }
    fn permute_dims(&self, axes: &[usize]) -> Result<Self> {
        manipulate::permute_dims(&self.data, axes).map(Self::from_data)
    }
    fn broadcast_to(&self, shape: &[usize]) -> Result<Self> {
        manipulate::broadcast_to(&self.data, shape).map(Self::from_data)
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let parts: Vec<&Data> = arrays.iter().map(|a| &a.data).collect();
        manipulate::concat(&parts, axis).map(Self::from_data)
    }
    fn take_axis(&self, indices: &Self, axis: usize) -> Result<Self> {
        manipulate::take(&self.data, &indices.data, axis).map(Self::from_data)
    }
    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        fused::fused(op, args)
    }
    fn matmul(&self, other: &Self) -> Result<Self> {
        matmul::matmul(&self.data, &other.data).map(Self::from_data)
    }
}
