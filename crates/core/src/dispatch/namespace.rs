//! The dynamic namespace: creation functions for any backend and device.

use std::fmt;
use std::sync::Arc;

use crate::api::ArrayApi;
use crate::backend::Backend;
use crate::device::Device;
use crate::dispatch::Array;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::Result;
use crate::host::HostArray;
use crate::namespace::BackendNamespace;
use crate::scalar::Scalar;

/// The object-safe face of a backend's namespace.
trait AnyNamespace: Send + Sync + fmt::Debug {
    fn backend_name(&self) -> &'static str;
    fn device(&self) -> Device;
    fn on_device(&self, device: Device) -> Result<Namespace>;
    fn dtypes(&self) -> Vec<DType>;
    #[allow(clippy::wrong_self_convention)] // mirrors ArrayApi::from_host(ns, host)
    fn from_host(&self, host: HostArray) -> Result<Array>;
    fn full(&self, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Array>;
    fn arange(&self, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Array>;
    fn linspace(&self, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Array>;
    fn eye(&self, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Array>;
}

struct Typed<B: Backend>(B::Namespace);

impl<B: Backend> fmt::Debug for Typed<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl<B: Backend> AnyNamespace for Typed<B> {
    fn backend_name(&self) -> &'static str {
        self.0.backend_name()
    }
    fn device(&self) -> Device {
        self.0.device()
    }
    fn on_device(&self, device: Device) -> Result<Namespace> {
        Ok(Namespace::new::<B>(self.0.on_device(device)?))
    }
    fn dtypes(&self) -> Vec<DType> {
        self.0.dtypes()
    }
    fn from_host(&self, host: HostArray) -> Result<Array> {
        <B as Backend>::from_host(&self.0, host).map(Array::new)
    }
    fn full(&self, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Array> {
        <B as Backend>::full(&self.0, shape, fill, dtype).map(Array::new)
    }
    fn arange(&self, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Array> {
        <B as Backend>::arange(&self.0, start, stop, step, dtype).map(Array::new)
    }
    fn linspace(&self, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Array> {
        <B as Backend>::linspace(&self.0, start, stop, num, endpoint, dtype).map(Array::new)
    }
    fn eye(&self, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Array> {
        <B as Backend>::eye(&self.0, n_rows, n_cols, k, dtype).map(Array::new)
    }
}

/// A backend and a device, chosen at run time: where the dynamic [`Array`]'s creation
/// functions build new arrays.
///
/// Get one from a backend crate (`arrayapi_ndarray::namespace()`), from an existing
/// array (`x.namespace()`, NEP 47), or move one to another device with
/// [`Namespace::on_device`]. Its methods mirror NumPy's creation functions, so
/// `let xp = x.namespace(); xp.zeros(..)` reads as `xp = x.__array_namespace__()` does in
/// Python.
#[derive(Clone)]
pub struct Namespace {
    inner: Arc<dyn AnyNamespace>,
}

impl Namespace {
    /// Wraps a backend's namespace.
    pub fn new<B: Backend>(ns: B::Namespace) -> Namespace {
        Namespace { inner: Arc::new(Typed::<B>(ns)) }
    }

    /// An array from host data (`ArrayApi::from_host` with this namespace).
    #[allow(clippy::wrong_self_convention)]
    pub fn from_host(&self, host: HostArray) -> Result<Array> {
        self.inner.from_host(host)
    }

    /// An array from typed host elements and a shape.
    pub fn asarray<T: Element>(&self, values: &[T], shape: &[usize]) -> Result<Array> {
        self.inner.from_host(HostArray::from_slice(values, shape)?)
    }

    /// An array filled with `fill` (see [`ArrayApi::full`]).
    pub fn full(&self, shape: &[usize], fill: impl Into<Scalar>, dtype: DType) -> Result<Array> {
        self.inner.full(shape, fill.into(), dtype)
    }

    /// Zeros.
    pub fn zeros(&self, shape: &[usize], dtype: DType) -> Result<Array> {
        Array::zeros(self, shape, dtype)
    }

    /// Ones.
    pub fn ones(&self, shape: &[usize], dtype: DType) -> Result<Array> {
        Array::ones(self, shape, dtype)
    }

    /// See [`ArrayApi::arange`].
    pub fn arange(&self, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Array> {
        self.inner.arange(start, stop, step, dtype)
    }

    /// See [`ArrayApi::linspace`].
    pub fn linspace(&self, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Array> {
        self.inner.linspace(start, stop, num, endpoint, dtype)
    }

    /// See [`ArrayApi::eye`].
    pub fn eye(&self, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Array> {
        self.inner.eye(n_rows, n_cols, k, dtype)
    }
}

impl BackendNamespace for Namespace {
    fn backend_name(&self) -> &'static str {
        self.inner.backend_name()
    }
    fn device(&self) -> Device {
        self.inner.device()
    }
    fn on_device(&self, device: Device) -> Result<Namespace> {
        self.inner.on_device(device)
    }
    fn dtypes(&self) -> Vec<DType> {
        self.inner.dtypes()
    }
}

impl fmt::Debug for Namespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Namespace({}, {})", self.inner.backend_name(), self.inner.device())
    }
}
