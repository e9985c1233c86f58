//! The dynamic array handle.

use std::any::{Any, TypeId};
use std::fmt;
use std::sync::Arc;

use crate::api::ArrayApi;
use crate::backend::Backend;
use crate::device::Device;
use crate::dispatch::{Call, Namespace, Outcome};
use crate::dtype::DType;
use crate::error::Result;
use crate::host::HostArray;
use crate::operand::Operand;
use crate::scalar::Scalar;
use crate::values::index::Selection;

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
    /// `x[index] = values` in place through the backend's own `slice_assign`, or `None`
    /// when an array among the values is not of this backend's type.
    fn slice_assign(&mut self, index: &Selection, values: Operand<'_, Array>) -> Option<Result<()>>;
}

impl<B: Backend> AnyArray for B {
    fn shape(&self) -> &[usize] {
        Backend::shape(self)
    }
    fn dtype(&self) -> DType {
        Backend::dtype(self)
    }
    fn device(&self) -> Device {
        Backend::device(self)
    }
    fn backend_name(&self) -> &'static str {
        Backend::backend_name(self)
    }
    fn namespace(&self) -> Namespace {
        Namespace::new::<B>(Backend::namespace(self))
    }
    fn to_host(&self) -> Result<HostArray> {
        Backend::to_host(self)
    }
    fn takes_precedence_over(&self, other: &Array) -> bool {
        Backend::takes_precedence_over(self, other)
    }
    fn array_function(&self, call: &Call<'_>) -> Outcome {
        Backend::array_function(self, call)
    }
    fn slice_assign(&mut self, index: &Selection, values: Operand<'_, Array>) -> Option<Result<()>> {
        let values = match values {
            Operand::Scalar(s) => Operand::Scalar(s),
            Operand::Array(a) => Operand::Array(a.downcast_ref::<B>()?),
        };
        Some(Backend::slice_assign(self, index, values))
    }
}

/// An array of any backend, chosen at run time: NEP 18's duck array.
///
/// `Array` implements [`ArrayApi`], so generic code runs on it unchanged; every function
/// is one dispatched call on the arrays it is given (see [`crate::dispatch`]). Cloning is cheap
/// (a reference count). Wrap a backend's array with [`Array::new`] (or `Array::from`), get
/// it back with [`Array::downcast_ref`].
///
/// # By task
///
/// - **Create**: on a [`Namespace`] (`xp.asarray(&v, &shape)`, `xp.zeros`, `xp.arange`,
///   `xp.linspace`, `xp.eye`), like another array ([`ArrayApi::zeros_like`],
///   [`ArrayApi::full_like`]), at random ([`crate::random::default_rng`]), from a file
///   (`arrayapi::npy::load`).
/// - **Inspect and print**: [`ArrayApi::shape`], [`ArrayApi::ndim`], [`ArrayApi::size`],
///   [`ArrayApi::dtype`], [`ArrayApi::device`]; `{x}` prints as NumPy's `str()`, `{x:?}` as
///   its `repr()` with the device and backend; [`ArrayApi::item`], [`ArrayApi::to_vec`],
///   [`ArrayApi::to_vec2`], [`ArrayApi::to_host`].
/// - **Index**: [`ArrayApi::slice`] with [`s!`](crate::s) (`x[1:3, ::-1]`),
///   [`ArrayApi::mask`] (`x[m]`), [`ArrayApi::index_arrays`] (`x[i, j]`),
///   [`ArrayApi::take`]; update with [`ArrayApi::at`] (`x.at(s![0]).set(v)`, a new array)
///   or [`ArrayApi::slice_assign`] (in place).
/// - **Compute**: operators (`&x + &y`, `&x * 2.0f64`, `-&x`, `&a & &b`), element-wise
///   methods ([`ArrayApi::exp`], [`ArrayApi::maximum`], [`ArrayApi::where_`], ...),
///   [`ArrayApi::dot`] / [`ArrayApi::matmul`] (`@`), [`ArrayApi::t`] (`.T`), `linalg`
///   ([`ArrayApi::solve`], [`ArrayApi::svd`], ...).
/// - **Reduce**: [`ArrayApi::sum`], [`ArrayApi::mean`], [`ArrayApi::std`],
///   [`ArrayApi::max`], [`ArrayApi::argmax`], [`ArrayApi::cumulative_sum`], ...
/// - **Reshape and combine**: [`ArrayApi::reshape`], [`ArrayApi::permute_dims`],
///   [`ArrayApi::expand_dims`], [`ArrayApi::squeeze`], `arrayapi::concat`, `arrayapi::stack`.
/// - **Move between devices and backends**: [`ArrayApi::to_device`],
///   [`Array::to_namespace`], [`ArrayApi::astype`].
#[derive(Clone)]
pub struct Array {
    inner: Arc<dyn AnyArray>,
    type_id: TypeId,
}

impl Array {
    /// Wraps a backend's array.
    pub fn new<B: Backend>(array: B) -> Array {
        Array { inner: Arc::new(array), type_id: TypeId::of::<B>() }
    }

    /// The backend array inside, if it is a `B`.
    pub fn downcast_ref<B: Backend>(&self) -> Option<&B> {
        if self.type_id == TypeId::of::<B>() {
            (&*self.inner as &dyn Any).downcast_ref::<B>()
        } else {
            None
        }
    }

    /// `true` if the backend array inside is a `B`.
    pub fn is<B: Backend>(&self) -> bool {
        self.type_id == TypeId::of::<B>()
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

impl<B: Backend> From<B> for Array {
    /// [`Array::new`].
    fn from(array: B) -> Self {
        Array::new(array)
    }
}

impl fmt::Debug for Array {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.inner, f)
    }
}

macro_rules! dynamic_methods {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        $( dynamic_method! { $l; $variant $name [$($recv)?] ($($arg : $kind),*) -> $ret } )*
    };
}

macro_rules! dynamic_method {
    ($l:lifetime; $variant:ident $name:ident [$recv:ident] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>(&$l self $(, $arg: user_ty!($l, $kind))*) -> Result<ret_ty!($ret)> {
            let call = Call::$variant { $recv: self $(, $arg: to_call!($kind, $arg))* };
            call.dispatch().and_then(|o| from_output!($ret, o, call.name()))
        }
    };
    ($l:lifetime; $variant:ident $name:ident [] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($($arg: user_ty!($l, $kind)),*) -> Result<ret_ty!($ret)> {
            let call = Call::$variant { $($arg: to_call!($kind, $arg)),* };
            call.dispatch().and_then(|o| from_output!($ret, o, call.name()))
        }
    };
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
    fn to_host(&self) -> Result<HostArray> {
        self.inner.to_host()
    }
    fn from_host(ns: &Namespace, host: HostArray) -> Result<Self> {
        ns.from_host(host)
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
    /// In place when this handle is the only one to its backend array and the values are
    /// of the same backend (the backend's own `slice_assign`); otherwise the dispatched
    /// `slice_set`, whose result replaces `self`.
    fn slice_assign<'a>(&mut self, index: impl Into<Selection>, values: impl Into<Operand<'a, Self>>) -> Result<()> {
        let (index, values) = (index.into(), values.into());
        if let Some(result) = Arc::get_mut(&mut self.inner).and_then(|inner| inner.slice_assign(&index, values)) {
            return result;
        }
        let updated = self.slice_set(index, values)?;
        *self = updated;
        Ok(())
    }

    crate::for_each_function!(dynamic_methods);
}
