//! Conversions between `ndarray`'s arrays (of any dimension) and [`NdArray`], and from
//! vectors, slices and scalars. No copy where ndarray's storage allows: an owned
//! `ndarray::Array` or an `ArcArray` goes in as it is, and comes out as it is when
//! nothing else shares it.
//!
//! ```
//! use arrayapi_core::{Array, ArrayApi};
//! use arrayapi_ndarray::{nd, NdArray};
//!
//! let a = nd::array![[1.0f32, 2.0], [3.0, 4.0]];
//! let x = NdArray::from(a); // no copy
//! let y: NdArray = (&x * 2.0)?;
//! let b: nd::Array2<f32> = y.try_into()?; // no copy: y is not shared
//! assert_eq!(b, nd::array![[2.0, 4.0], [6.0, 8.0]]);
//! // The dynamic Array: any backend in, an ndarray out (a copy unless it holds an NdArray).
//! let z = Array::from(NdArray::from(vec![1i64, 2, 3]));
//! let c: nd::ArcArray<i64, nd::Ix1> = arrayapi_ndarray::to_ndarray(&z)?;
//! assert_eq!(c.to_vec(), vec![1, 2, 3]);
//! # Ok::<(), arrayapi_core::Error>(())
//! ```

use std::any::Any;

use arrayapi_core::{Array, ArrayApi, Error, Result};
use ndarray::{ArcArray, ArrayBase, ArrayView, Dimension, IxDyn, OwnedRepr};

use crate::array::{NdArray, NdElement};

impl<T: NdElement, D: Dimension> From<ArrayBase<OwnedRepr<T>, D>> for NdArray {
    fn from(a: ArrayBase<OwnedRepr<T>, D>) -> Self {
        NdArray::from_ndarray(a.into_dyn().into_shared())
    }
}

impl<T: NdElement, D: Dimension> From<ArcArray<T, D>> for NdArray {
    fn from(a: ArcArray<T, D>) -> Self {
        NdArray::from_ndarray(a.into_dyn())
    }
}

impl<T: NdElement, D: Dimension> From<ArrayView<'_, T, D>> for NdArray {
    /// A copy (a view borrows memory an `NdArray` cannot keep).
    fn from(a: ArrayView<'_, T, D>) -> Self {
        NdArray::from_ndarray(a.into_dyn().to_shared())
    }
}

impl<T: NdElement> From<Vec<T>> for NdArray {
    /// A 1-D array (no copy).
    fn from(v: Vec<T>) -> Self {
        NdArray::from(ndarray::Array1::from_vec(v))
    }
}

impl<T: NdElement> From<&[T]> for NdArray {
    /// A 1-D array (a copy).
    fn from(v: &[T]) -> Self {
        NdArray::from(v.to_vec())
    }
}

impl<T: NdElement> From<T> for NdArray {
    /// A 0-d array.
    fn from(v: T) -> Self {
        NdArray::from(ndarray::arr0(v))
    }
}

impl NdArray {
    /// The data as an `ArcArray` of element `T` and dimension `D` (no copy); a dtype
    /// other than `T`'s is [`Error::DType`], a number of dimensions other than `D`'s
    /// [`Error::ShapeMismatch`].
    pub fn to_ndarray<T: NdElement, D: Dimension>(&self) -> Result<ArcArray<T, D>> {
        const F: &str = "to_ndarray";
        let a = self.as_ndarray::<T>().ok_or(Error::DType {
            func: F,
            dtype: ArrayApi::dtype(self),
            expected: T::DTYPE.name(),
        })?;
        a.clone().into_dimensionality::<D>().map_err(|_| {
            Error::shape(F, format!("an array of {} dimensions is not an ndarray of {:?}", a.ndim(), D::NDIM))
        })
    }
}

impl<T: NdElement, D: Dimension> TryFrom<NdArray> for ArrayBase<OwnedRepr<T>, D> {
    type Error = Error;
    /// An owned ndarray: no copy when nothing else shares the data.
    fn try_from(x: NdArray) -> Result<Self> {
        let a = x.to_ndarray::<T, D>()?;
        // `x`'s reference gone, `a` is the only one unless the data is shared elsewhere.
        drop(x);
        Ok(a.into_owned())
    }
}

impl<T: NdElement, D: Dimension> TryFrom<&NdArray> for ArcArray<T, D> {
    type Error = Error;
    fn try_from(x: &NdArray) -> Result<Self> {
        x.to_ndarray::<T, D>()
    }
}

/// Any array (of any backend, or the dynamic [`Array`]) as an `ArcArray` of `T` and `D`:
/// no copy for an [`NdArray`] (or an `Array` holding one), a copy through host memory
/// otherwise. The dtype must be `T`'s exactly ([`Error::DType`]; convert with `astype`).
pub fn to_ndarray<T: NdElement, D: Dimension, A: ArrayApi>(x: &A) -> Result<ArcArray<T, D>> {
    const F: &str = "to_ndarray";
    let any = x as &dyn Any;
    if let Some(nd) = any.downcast_ref::<NdArray>().or_else(|| any.downcast_ref::<Array>()?.downcast_ref::<NdArray>()) {
        return nd.to_ndarray();
    }
    let v = x.to_vec::<T>().map_err(|e| e.in_func(F))?;
    let a = ndarray::ArrayD::from_shape_vec(IxDyn(x.shape()), v).map_err(|e| Error::shape(F, e.to_string()))?;
    NdArray::from(a).to_ndarray()
}
