//! Arrays in host memory: how data enters and leaves a backend.

use crate::dtype::DType;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::shape::numel;

/// A flat, row-major (C-order) vector of elements, tagged with its dtype.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(rename_all = "lowercase"))]
#[allow(missing_docs)]
pub enum HostData {
    Bool(Vec<bool>),
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    F16(Vec<half::f16>),
    BF16(Vec<half::bf16>),
}

impl HostData {
    /// The dtype of the elements.
    pub fn dtype(&self) -> DType {
        match self {
            HostData::Bool(_) => DType::Bool,
            HostData::I8(_) => DType::Int8,
            HostData::I16(_) => DType::Int16,
            HostData::I32(_) => DType::Int32,
            HostData::I64(_) => DType::Int64,
            HostData::U8(_) => DType::UInt8,
            HostData::U16(_) => DType::UInt16,
            HostData::U32(_) => DType::UInt32,
            HostData::U64(_) => DType::UInt64,
            HostData::F32(_) => DType::Float32,
            HostData::F64(_) => DType::Float64,
            HostData::F16(_) => DType::Float16,
            HostData::BF16(_) => DType::BFloat16,
        }
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        match self {
            HostData::Bool(v) => v.len(),
            HostData::I8(v) => v.len(),
            HostData::I16(v) => v.len(),
            HostData::I32(v) => v.len(),
            HostData::I64(v) => v.len(),
            HostData::U8(v) => v.len(),
            HostData::U16(v) => v.len(),
            HostData::U32(v) => v.len(),
            HostData::U64(v) => v.len(),
            HostData::F32(v) => v.len(),
            HostData::F64(v) => v.len(),
            HostData::F16(v) => v.len(),
            HostData::BF16(v) => v.len(),
        }
    }

    /// `true` if there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The elements converted to `f64` (booleans as 0 and 1; 64-bit integers round).
    pub fn to_f64_vec(&self) -> Vec<f64> {
        fn conv<T: Copy>(v: &[T], f: impl Fn(T) -> f64) -> Vec<f64> {
            v.iter().map(|&x| f(x)).collect()
        }
        match self {
            HostData::Bool(v) => conv(v, |x| x as u8 as f64),
            HostData::I8(v) => conv(v, f64::from),
            HostData::I16(v) => conv(v, f64::from),
            HostData::I32(v) => conv(v, f64::from),
            HostData::I64(v) => conv(v, |x| x as f64),
            HostData::U8(v) => conv(v, f64::from),
            HostData::U16(v) => conv(v, f64::from),
            HostData::U32(v) => conv(v, f64::from),
            HostData::U64(v) => conv(v, |x| x as f64),
            HostData::F32(v) => conv(v, f64::from),
            HostData::F64(v) => v.clone(),
            HostData::F16(v) => conv(v, half::f16::to_f64),
            HostData::BF16(v) => conv(v, half::bf16::to_f64),
        }
    }
}

/// An array in host memory: a shape and row-major data whose length matches it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(try_from = "RawHostArray"))]
pub struct HostArray {
    shape: Vec<usize>,
    data: HostData,
}

/// A `HostArray` as it is read, before [`HostArray::new`] checks that the shape holds
/// the data.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawHostArray {
    shape: Vec<usize>,
    data: HostData,
}

#[cfg(feature = "serde")]
impl TryFrom<RawHostArray> for HostArray {
    type Error = Error;
    fn try_from(raw: RawHostArray) -> Result<Self> {
        HostArray::new(&raw.shape, raw.data)
    }
}

impl HostArray {
    /// Pairs `data` with `shape`; the element count must match (and must not overflow).
    pub fn new(shape: &[usize], data: HostData) -> Result<Self> {
        let n = numel("asarray", shape)?;
        if n != data.len() {
            return Err(Error::shape(
                "asarray",
                format!("shape {shape:?} holds {n} elements but {} were given", data.len()),
            ));
        }
        Ok(HostArray { shape: shape.to_vec(), data })
    }

    /// From a slice of typed elements.
    pub fn from_slice<T: Element>(values: &[T], shape: &[usize]) -> Result<Self> {
        Self::new(shape, T::into_host_data(values.to_vec()))
    }

    /// From a vector of typed elements (no copy).
    pub fn from_vec<T: Element>(values: Vec<T>, shape: &[usize]) -> Result<Self> {
        Self::new(shape, T::into_host_data(values))
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The dtype.
    pub fn dtype(&self) -> DType {
        self.data.dtype()
    }

    /// The flat row-major data.
    pub fn data(&self) -> &HostData {
        &self.data
    }

    /// Splits into shape and data.
    pub fn into_parts(self) -> (Vec<usize>, HostData) {
        (self.shape, self.data)
    }

    /// The elements as `Vec<T>`; `T` must be the array's dtype exactly
    /// ([`Error::DType`] otherwise: convert with `astype` first).
    pub fn into_vec<T: Element>(self) -> Result<Vec<T>> {
        let dtype = self.dtype();
        T::from_host_data(self.data).map_err(|_| Error::DType { func: "to_vec", dtype, expected: T::DTYPE.name() })
    }
}

/// The running fold of row-major `values` of `shape` along `axis`, starting from `init`
/// (with `include_initial`, `init` itself first): the host side of `cumulative_sum` and
/// `cumulative_prod`. The result has `shape` with `axis` one longer if `include_initial`.
/// Errors name `func`: an axis out of range (a 0-d shape has none), or `values` not
/// holding exactly `shape`'s elements.
pub fn scan_axis<T: Copy>(
    func: &'static str,
    values: &[T],
    shape: &[usize],
    axis: usize,
    include_initial: bool,
    init: T,
    f: impl Fn(T, T) -> T,
) -> Result<Vec<T>> {
    if axis >= shape.len() {
        return Err(Error::AxisOutOfRange { func, axis: axis.min(isize::MAX as usize) as isize, ndim: shape.len() });
    }
    let count = crate::shape::numel(func, shape)?;
    if values.len() != count {
        return Err(Error::shape(func, format!("{} values for shape {shape:?} ({count} elements)", values.len())));
    }
    let mut out_shape = shape.to_vec();
    out_shape[axis] += usize::from(include_initial);
    let total = crate::shape::numel(func, &out_shape)?;
    let mut out = Vec::new();
    out.try_reserve_exact(total)
        .map_err(|_| Error::OutOfMemory { func, bytes: total.saturating_mul(std::mem::size_of::<T>()) })?;
    if count == 0 {
        // Only initial values, if any: no loop over the lanes of a zero-element array,
        // whose other axes may be huge.
        out.resize(total, init);
        return Ok(out);
    }
    let n = shape[axis];
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product();
    let mut acc = vec![init; inner];
    for o in 0..outer {
        acc.fill(init);
        if include_initial {
            out.extend_from_slice(&acc);
        }
        for row in values[o * n * inner..(o + 1) * n * inner].chunks_exact(inner.max(1)).take(n) {
            acc.iter_mut().zip(row).for_each(|(a, &x)| *a = f(*a, x));
            out.extend_from_slice(&acc);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    #[test]
    fn scan_axis_of_zero_elements_returns_at_once_whatever_the_other_axes() {
        let add = |a: i64, b: i64| a + b;
        // 2^40 lanes of length 0: no loop over them (this test would hang otherwise).
        assert_eq!(scan_axis("cumulative_sum", &[], &[1 << 40, 0], 1, false, 0, add).unwrap(), Vec::<i64>::new());
        assert_eq!(scan_axis("cumulative_sum", &[], &[0, 1 << 40], 1, false, 0, add).unwrap(), Vec::<i64>::new());
        assert_eq!(scan_axis("cumulative_sum", &[], &[2, 0], 1, true, 7, add).unwrap(), vec![7, 7]);
        // 2^40 initial values do not fit in memory: a typed error, not an abort.
        let e = scan_axis("cumulative_sum", &[], &[1 << 40, 0], 1, true, 0, add).unwrap_err();
        assert!(matches!(e, Error::OutOfMemory { func: "cumulative_sum", .. }), "{e}");
    }

    #[test]
    fn scan_axis_folds_and_refuses_bad_input_with_typed_errors() {
        let add = |a: i64, b: i64| a + b;
        // [[1, 2, 3], [4, 5, 6]] along each axis, against sums worked by hand.
        let v = [1, 2, 3, 4, 5, 6];
        assert_eq!(scan_axis("t", &v, &[2, 3], 1, false, 0, add).unwrap(), vec![1, 3, 6, 4, 9, 15]);
        assert_eq!(scan_axis("t", &v, &[2, 3], 0, true, 0, add).unwrap(), vec![0, 0, 0, 1, 2, 3, 5, 7, 9]);
        // Short values, a bad axis, a 0-d shape: errors naming the function.
        assert!(matches!(
            scan_axis("t", &v[..5], &[2, 3], 0, false, 0, add),
            Err(Error::ShapeMismatch { func: "t", .. })
        ));
        assert!(matches!(scan_axis("t", &v, &[2, 3], 2, false, 0, add), Err(Error::AxisOutOfRange { func: "t", .. })));
        assert!(matches!(scan_axis("t", &[7], &[], 0, false, 0, add), Err(Error::AxisOutOfRange { func: "t", .. })));
        assert!(matches!(scan_axis("t", &v, &[2, 3], usize::MAX, false, 0, add), Err(Error::AxisOutOfRange { .. })));
    }
}
