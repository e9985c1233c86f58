//! `NdArray`: the ndarray backend's array type and its `Backend` implementation.

use arrayapi_core::{
    ArgReduceOp, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, FusedOp, HostArray, Operand, ReduceOp,
    Result, Scalar, Selection, Side, UnaryOp,
};
use ndarray::{ArcArray, IxDyn};

use crate::elem::Elem;
use crate::storage::Data;
use crate::{convert, elementwise, fused, index, manipulate, matmul, reduce};

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
#[derive(Clone)]
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

impl arrayapi_core::Backend for NdArray {
    type Namespace = NdNamespace;
    // An `ArcArray` clone is a reference count; writes copy shared data first.
    const SHARES_ON_CLONE: bool = true;

    fn namespace(_: &Self) -> NdNamespace {
        NdNamespace
    }
    fn backend_name(_: &Self) -> &'static str {
        crate::BACKEND
    }
    fn shape(x: &Self) -> &[usize] {
        x.data.shape()
    }
    fn dtype(x: &Self) -> DType {
        x.data.dtype()
    }
    fn device(_: &Self) -> Device {
        Device::Cpu
    }
    fn from_host(_: &NdNamespace, host: HostArray) -> Result<Self> {
        convert::from_host(host).map(Self::from_data)
    }
    fn to_host(x: &Self) -> Result<HostArray> {
        convert::to_host(&x.data)
    }
    fn full(_: &NdNamespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        convert::full(shape, fill, dtype).map(Self::from_data)
    }
    fn astype(x: &Self, dtype: DType) -> Result<Self> {
        convert::astype(&x.data, dtype).map(Self::from_data)
    }
    fn unary(x: &Self, op: UnaryOp) -> Result<Self> {
        elementwise::unary(&x.data, op).map(Self::from_data)
    }
    fn binary(x: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        elementwise::binary(&x.data, &other.data, op).map(Self::from_data)
    }
    fn binary_scalar(x: &Self, scalar: Scalar, op: BinaryOp, side: Side) -> Result<Self> {
        elementwise::binary_scalar(&x.data, scalar, op, side).map(Self::from_data)
    }
    fn select(x: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        elementwise::select(&x.data, &x1.data, &x2.data).map(Self::from_data)
    }
    fn reduce(x: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        reduce::reduce(&x.data, op, axes, keepdims).map(Self::from_data)
    }
    fn arg_reduce(x: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        reduce::arg_reduce(&x.data, op, axis, keepdims).map(Self::from_data)
    }
    fn cumulative(x: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        reduce::cumulative(&x.data, op, axis, include_initial).map(Self::from_data)
    }
    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        manipulate::reshape(&x.data, shape).map(Self::from_data)
    }
    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        manipulate::permute_dims(&x.data, axes).map(Self::from_data)
    }
    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        manipulate::broadcast_to(&x.data, shape).map(Self::from_data)
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let parts: Vec<&Data> = arrays.iter().map(|a| &a.data).collect();
        manipulate::concat(&parts, axis).map(Self::from_data)
    }
    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        manipulate::take(&x.data, &indices.data, axis).map(Self::from_data)
    }
    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        fused::fused(op, args)
    }
    fn matmul(x: &Self, other: &Self) -> Result<Self> {
        matmul::matmul(&x.data, &other.data).map(Self::from_data)
    }
    fn slice(x: &Self, index: impl Into<Selection>) -> Result<Self> {
        let picks = index.into().resolve("slice", x.data.shape())?;
        Ok(Self::from_data(index::slice(&x.data, &picks)))
    }
    fn slice_set<'a>(x: &'a Self, index: impl Into<Selection>, values: impl Into<Operand<'a, Self>>) -> Result<Self> {
        // A copy of the data (the clone is shared, so the write copies it), then the
        // write in place: no index arrays, unlike the default.
        let mut y = x.clone();
        <Self as arrayapi_core::Backend>::slice_assign(&mut y, &index.into(), values.into())
            .map_err(|e| e.in_func("slice_set"))?;
        Ok(y)
    }
    fn slice_assign(x: &mut Self, index: &Selection, values: Operand<'_, Self>) -> Result<()> {
        const F: &str = "slice_assign";
        let picks = index.resolve(F, x.data.shape())?;
        let values = arrayapi_core::defaults::indexing::update_values(F, x, values)?;
        index::assign(&mut x.data, &picks, &values.data)
    }
}

// Rust's operators (`&a + &b`, `&x * 2.0`, `-&x`), returning `Result` (see
// `arrayapi_core::api::operators`).
arrayapi_core::impl_operators!(NdArray);

// `Display`: NumPy's `str()`, the same on every backend (see `arrayapi_core::api::display`).
arrayapi_core::impl_display!(NdArray);
// `Debug`: NumPy's `repr()` with the dtype, device and backend.
arrayapi_core::impl_debug!(NdArray);
