//! The dynamic array handle.

use std::any::{Any, TypeId};
use std::fmt;
use std::sync::Arc;

use crate::api::ArrayApi;
use crate::backend::Backend;
use crate::device::Device;
use crate::dispatch::inline::Inline;
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
/// (a reference count: the handle's, or for a small array held inline, the backend
/// array's own). Wrap a backend's array with [`Array::new`] (or `Array::from`), get
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
    inner: Handle,
}

/// Where the backend array is: in the handle (a small array of a backend whose clones
/// share their data, [`Backend::SHARES_ON_CLONE`]), or in an allocation its clones share.
/// (The type's id is kept next to the shared array, in bytes the inline slot overlaps,
/// and in the inline array's table: a handle is 112 bytes, and results up to a few
/// words larger still move without a call to `memcpy`.)
#[derive(Clone)]
enum Handle {
    Inline(Inline),
    Shared(Arc<dyn AnyArray>, TypeId),
}

impl Array {
    /// Wraps a backend's array: without an allocation when `B`'s clones share their data
    /// ([`Backend::SHARES_ON_CLONE`]) and a `B` is small (the ndarray and candle
    /// backends' arrays are), in one reference-counted allocation otherwise.
    #[inline]
    pub fn new<B: Backend>(array: B) -> Array {
        let inline = if B::SHARES_ON_CLONE { Inline::new(array) } else { Err(array) };
        let inner = match inline {
            Ok(inline) => Handle::Inline(inline),
            Err(array) => Handle::Shared(Arc::new(array), TypeId::of::<B>()),
        };
        Array { inner }
    }

    /// The backend array inside, if it is a `B`.
    #[inline]
    pub fn downcast_ref<B: Backend>(&self) -> Option<&B> {
        match &self.inner {
            Handle::Inline(i) => i.downcast_ref::<B>(),
            Handle::Shared(a, id) if *id == TypeId::of::<B>() => (&**a as &dyn Any).downcast_ref::<B>(),
            Handle::Shared(..) => None,
        }
    }

    /// Where the backend array is (to recognise the very object a handler runs on).
    #[inline]
    pub(crate) fn addr(&self) -> *const () {
        match &self.inner {
            Handle::Inline(i) => i.addr(),
            Handle::Shared(a, _) => Arc::as_ptr(a).cast(),
        }
    }

    /// `true` if the backend array inside is a `B`.
    #[inline]
    pub fn is<B: Backend>(&self) -> bool {
        self.backend_type_id() == TypeId::of::<B>()
    }

    /// The `TypeId` of the backend array type inside (the dispatch protocol's "type").
    #[inline]
    pub fn backend_type_id(&self) -> TypeId {
        match &self.inner {
            Handle::Inline(i) => i.type_id(),
            Handle::Shared(_, id) => *id,
        }
    }

    /// `true` if both hold arrays of the same backend type.
    #[inline]
    pub fn same_type(&self, other: &Array) -> bool {
        self.backend_type_id() == other.backend_type_id()
    }

    /// Copies this array into another namespace (another backend and/or device) through
    /// host memory: the explicit conversion between backends.
    pub fn to_namespace(&self, ns: &Namespace) -> Result<Array> {
        ns.from_host(self.object().to_host()?)
    }

    #[inline]
    pub(crate) fn object(&self) -> &dyn AnyArray {
        match &self.inner {
            Handle::Inline(i) => i.get(),
            Handle::Shared(a, _) => &**a,
        }
    }

    /// The backend array, to change in place, if nothing else holds it (an inline array
    /// always; a shared one when this is its only handle).
    fn object_mut(&mut self) -> Option<&mut dyn AnyArray> {
        match &mut self.inner {
            Handle::Inline(i) => Some(i.get_mut()),
            Handle::Shared(a, _) => Arc::get_mut(a),
        }
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
        fmt::Debug::fmt(self.object(), f)
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
            $(let $arg = to_call!($kind, $arg);)*
            // The common case, every array of the receiver's backend, checked on the
            // typed arguments here (the protocol would collect them first).
            let one_backend = true $(&& same_backend!($kind, $arg, self))*;
            let call = Call::$variant { $recv: self $(, $arg)* };
            let out = if one_backend { super::protocol::dispatch_to(self, &call) } else { call.dispatch() };
            out.and_then(|o| from_output!($ret, o, call))
        }
    };
    ($l:lifetime; $variant:ident $name:ident [] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($($arg: user_ty!($l, $kind)),*) -> Result<ret_ty!($ret)> {
            let call = Call::$variant { $($arg: to_call!($kind, $arg)),* };
            call.dispatch().and_then(|o| from_output!($ret, o, call))
        }
    };
}

impl ArrayApi for Array {
    type Namespace = Namespace;

    fn namespace(&self) -> Namespace {
        self.object().namespace()
    }
    fn shape(&self) -> &[usize] {
        self.object().shape()
    }
    fn dtype(&self) -> DType {
        self.object().dtype()
    }
    fn device(&self) -> Device {
        self.object().device()
    }
    fn backend_name(&self) -> &'static str {
        self.object().backend_name()
    }
    fn to_host(&self) -> Result<HostArray> {
        self.object().to_host()
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
        if let Some(result) = self.object_mut().and_then(|inner| inner.slice_assign(&index, values)) {
            return result;
        }
        let updated = self.slice_set(index, values)?;
        *self = updated;
        Ok(())
    }

    crate::for_each_function!(dynamic_methods);
}
