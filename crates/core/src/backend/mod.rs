//! The backend contract: what a backend author implements.
//!
//! [`Backend`] has a small set of **required** methods (metadata, host transfer, `full`
//! and thirteen compute primitives, one per family of operations) and, for every other
//! function of the table ([`crate::for_each_function`]), an **optional override** whose
//! default is the function of [`crate::defaults`] run statically on the backend's own
//! type. A blanket impl then makes every backend an [`ArrayApi`], the trait users program
//! against, and the dynamic [`crate::Array`] reaches a backend's override of any function
//! (see [`crate::dispatch`]).
//!
//! This is the split of candle's `BackendStorage` (the contract) from `Tensor` (the API)
//! and of Burn's backend op traits from its `Tensor`.

use std::fmt::{Debug, Display};

use crate::api::ArrayApi;
use crate::device::Device;
use crate::dispatch::{Array, Call, Outcome};
use crate::dtype::DType;
use crate::error::Result;
use crate::host::HostArray;
use crate::namespace::BackendNamespace;
use crate::operand::Operand;
use crate::scalar::Scalar;
use crate::values::index::Selection;

/// The methods of [`Backend`], one per row: required for a primitive, a default otherwise.
macro_rules! backend_methods {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        $( backend_method! { $l; [$(#[$doc])*] [$($fam :: $f)?] $name [$($recv)?] ($($arg : $kind),*) -> $ret } )*
    };
}

macro_rules! backend_method {
    ($l:lifetime; [$(#[$doc:meta])*] [] $name:ident [$recv:ident] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        $(#[$doc])*
        ///
        /// **Required.**
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($recv: &$l Self $(, $arg: user_ty!($l, $kind))*) -> Result<ret_ty!($ret)>;
    };
    ($l:lifetime; [$(#[$doc:meta])*] [] $name:ident [] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        $(#[$doc])*
        ///
        /// **Required.**
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($($arg: user_ty!($l, $kind)),*) -> Result<ret_ty!($ret)>;
    };
    ($l:lifetime; [$(#[$doc:meta])*] [$fam:ident :: $f:ident] $name:ident [$recv:ident] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        #[doc = concat!("Optional: [`ArrayApi::", stringify!($name), "`] for this backend. Default: [`crate::defaults::",
            stringify!($fam), "::", stringify!($f), "`].")]
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($recv: &$l Self $(, $arg: user_ty!($l, $kind))*) -> Result<ret_ty!($ret)> {
            $crate::defaults::$fam::$f($recv $(, $arg)*)
        }
    };
    ($l:lifetime; [$(#[$doc:meta])*] [$fam:ident :: $f:ident] $name:ident [] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        #[doc = concat!("Optional: [`ArrayApi::", stringify!($name), "`] for this backend. Default: [`crate::defaults::",
            stringify!($fam), "::", stringify!($f), "`].")]
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($($arg: user_ty!($l, $kind)),*) -> Result<ret_ty!($ret)> {
            $crate::defaults::$fam::$f($($arg),*)
        }
    };
}

/// The static implementation of [`ArrayApi`] for a backend: each method calls the
/// backend's own (overridden or default) method directly.
macro_rules! static_methods {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        $( static_method! { $l; $name [$($recv)?] ($($arg : $kind),*) -> $ret } )*
    };
}

macro_rules! static_method {
    ($l:lifetime; $name:ident [$recv:ident] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        #[inline]
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>(&$l self $(, $arg: user_ty!($l, $kind))*) -> Result<ret_ty!($ret)> {
            <Self as Backend>::$name(self $(, $arg)*)
        }
    };
    ($l:lifetime; $name:ident [] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        #[inline]
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($($arg: user_ty!($l, $kind)),*) -> Result<ret_ty!($ret)> {
            <Self as Backend>::$name($($arg),*)
        }
    };
}

/// The contract of a backend: implement the required methods (the metadata, host
/// transfer, `full` and the thirteen compute primitives marked **Required**), override
/// any other function where the backend has a faster or native path, and the backend is
/// an [`ArrayApi`] on both the static and the dynamic path.
///
/// Each primitive's documentation says what it must guarantee; [`crate::check`] has the
/// function that validates its arguments, so that every backend returns the same typed
/// errors. Run `arrayapi_testkit::conformance` on the result (see `docs/new-backend.md`).
///
/// The contract's functions take the array as a plain first argument (`x: &Self`), as
/// Burn's backend ops do, not as `self`: a method call `x.sum(..)` in a backend's own
/// code then always means the user API ([`ArrayApi::sum`], which for a backend is a
/// direct call of its own `sum`), with both traits in scope and no ambiguity. Call the
/// contract's function by path (`Backend::sum(x, ..)`, `Self::sum(x, ..)`) where that is
/// meant.
pub trait Backend: Clone + Debug + Display + Send + Sync + Sized + 'static {
    /// Where new arrays of this type are created (backend and device).
    type Namespace: BackendNamespace;

    /// `true` if a clone of this type shares its data and costs about a reference count
    /// (`ndarray`'s `ArcArray`, candle's `Tensor`), and `slice_assign` on one clone
    /// leaves the others as they were (copy on write, as every backend must). The dynamic
    /// [`Array`] then holds a small array of this type inside the handle, with no
    /// allocation per result, and clones it by cloning it. Default `false`: the handle
    /// puts the array in one reference-counted allocation that its clones share, which
    /// suits a type whose clone copies its data.
    const SHARES_ON_CLONE: bool = false;

    // ---- required: metadata, host transfer, creation ---------------------------------

    /// The array's namespace (NEP 47).
    fn namespace(x: &Self) -> Self::Namespace;
    /// The shape; `[]` for a 0-d array.
    fn shape(x: &Self) -> &[usize];
    /// The dtype.
    fn dtype(x: &Self) -> DType;
    /// The device the data lives on.
    fn device(x: &Self) -> Device;

    /// Copies host data into a new array on `ns`'s device. `host`'s shape and length
    /// already agree ([`HostArray::new`] checks); return [`crate::Error::Unsupported`] for
    /// a dtype the backend cannot hold.
    fn from_host(ns: &Self::Namespace, host: HostArray) -> Result<Self>;

    /// Copies the array to host memory, row-major, same dtype and shape.
    fn to_host(x: &Self) -> Result<HostArray>;

    /// An array of `shape` filled with `fill`, converted to `dtype` by the rules of
    /// [`Scalar::cast`] ([`crate::check::output`] then checks the size).
    fn full(ns: &Self::Namespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self>;

    // ---- optional: metadata and creation in a namespace ------------------------------

    /// The backend's name (`"ndarray"`). Default: the namespace's.
    fn backend_name(x: &Self) -> &'static str {
        Backend::namespace(x).backend_name()
    }

    /// Optional: [`ArrayApi::arange`]. Default: [`crate::defaults::creation::arange`].
    fn arange(ns: &Self::Namespace, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Self> {
        crate::defaults::creation::arange(ns, start, stop, step, dtype)
    }

    /// Optional: [`ArrayApi::linspace`]. Default: [`crate::defaults::creation::linspace`].
    fn linspace(ns: &Self::Namespace, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Self> {
        crate::defaults::creation::linspace(ns, start, stop, num, endpoint, dtype)
    }

    /// Optional: [`ArrayApi::eye`]. Default: [`crate::defaults::creation::eye`].
    fn eye(ns: &Self::Namespace, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Self> {
        crate::defaults::creation::eye(ns, n_rows, n_cols, k, dtype)
    }

    // ---- optional: in-place update ------------------------------------------------------

    /// Optional: [`ArrayApi::slice_assign`], `x[index] = values` in place. Default:
    /// `*x = slice_set(x, index, values)` (a new array). A backend whose storage can be
    /// written when not shared overrides this.
    fn slice_assign(x: &mut Self, index: &Selection, values: Operand<'_, Self>) -> Result<()> {
        let updated = <Self as Backend>::slice_set(x, index, values)?;
        *x = updated;
        Ok(())
    }

    // ---- optional: the dispatch protocol's hooks (NEP 18) ----------------------------

    /// This type's `__array_function__`: asked to run `call` whenever one of its
    /// arguments is of this type. The default (`ndarray.__array_function__`,
    /// [`native_array_function`](crate::native_array_function)) accepts a call only when every array argument is `Self`
    /// and runs this backend's own method; any other mix returns
    /// [`Outcome::NotImplemented`] so the next backend is asked. A wrapper backend
    /// overrides this to accept other backends' arrays, and may run the whole call itself
    /// or ask for its default implementation ([`Call::run_default`]).
    fn array_function(&self, call: &Call<'_>) -> Outcome {
        crate::dispatch::native_from(Some(self), call)
    }

    /// Whether this type goes before `other`'s type in dispatch order (NEP 18 asks
    /// subclasses before superclasses). A wrapper that handles another backend's arrays
    /// returns `true` for them. Default: `false` (left-to-right order).
    fn takes_precedence_over(&self, other: &Array) -> bool {
        let _ = other;
        false
    }

    // ---- the function table: required primitives and optional overrides ------------
    crate::for_each_function!(crate::backend::backend_methods);
}

impl<B: Backend> ArrayApi for B {
    type Namespace = <B as Backend>::Namespace;

    #[inline]
    fn namespace(&self) -> Self::Namespace {
        <B as Backend>::namespace(self)
    }
    #[inline]
    fn shape(&self) -> &[usize] {
        <B as Backend>::shape(self)
    }
    #[inline]
    fn dtype(&self) -> DType {
        <B as Backend>::dtype(self)
    }
    #[inline]
    fn device(&self) -> Device {
        <B as Backend>::device(self)
    }
    #[inline]
    fn backend_name(&self) -> &'static str {
        <B as Backend>::backend_name(self)
    }
    #[inline]
    fn to_host(&self) -> Result<HostArray> {
        <B as Backend>::to_host(self)
    }
    #[inline]
    fn from_host(ns: &Self::Namespace, host: HostArray) -> Result<Self> {
        <B as Backend>::from_host(ns, host)
    }
    #[inline]
    fn full(ns: &Self::Namespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        <B as Backend>::full(ns, shape, fill, dtype)
    }
    #[inline]
    fn arange(ns: &Self::Namespace, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Self> {
        <B as Backend>::arange(ns, start, stop, step, dtype)
    }
    #[inline]
    fn linspace(ns: &Self::Namespace, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Self> {
        <B as Backend>::linspace(ns, start, stop, num, endpoint, dtype)
    }
    #[inline]
    fn eye(ns: &Self::Namespace, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Self> {
        <B as Backend>::eye(ns, n_rows, n_cols, k, dtype)
    }
    #[inline]
    fn slice_assign<'a>(&mut self, index: impl Into<Selection>, values: impl Into<Operand<'a, Self>>) -> Result<()> {
        <B as Backend>::slice_assign(self, &index.into(), values.into())
    }

    crate::for_each_function!(crate::backend::static_methods);
}

pub(crate) use {backend_methods, static_methods};
