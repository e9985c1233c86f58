//! The user-facing API: the [`ArrayApi`] trait and the table of functions it is made of.
//!
//! Every public function of the standard's main namespace and `linalg` (and the fused
//! training functions) is one row of one table, split by family in the files of this
//! folder ([`creation`], [`elementwise`], [`reductions`], [`manipulation`], [`indexing`],
//! [`searching`], [`sorting`], [`sets`], [`linalg`], [`fused`]). The table is the single
//! source of:
//!
//! - the method of [`ArrayApi`] (what users call),
//! - the method of [`crate::Backend`] (what a backend may override; required for the
//!   primitives, a default from [`crate::defaults`] otherwise),
//! - the static implementation for every backend (a direct call, no dispatch),
//! - the variant of [`crate::Call`] and [`crate::FunctionId`], its name in errors and its
//!   relevant array arguments,
//! - the dynamic [`crate::Array`]'s method (one dispatched call) and the arm of
//!   [`crate::native_array_function`] that runs a backend's own method.
//!
//! Adding a function is one row plus its default. [`crate::for_each_function`] hands the
//! whole table to a macro of your own (a wrapper backend or a test can generate code
//! from it the same way).

// Public for its documentation (the table of parameter kinds the rows are written in);
// its macros stay inside the crate.
#[macro_use]
pub mod kinds;

pub mod at;
pub mod creation;
pub mod display;
pub mod elementwise;
pub mod fused;
pub mod indexing;
pub mod linalg;
pub mod manipulation;
pub mod operators;
pub mod reductions;
pub mod searching;
pub mod sets;
pub mod sorting;

use std::fmt::{Debug, Display};

use crate::device::Device;
use crate::dtype::{result_type, DType};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::host::HostArray;
use crate::namespace::BackendNamespace;
use crate::operand::Operand;
use crate::ops::{BinaryOp, Side};
use crate::scalar::Scalar;
use crate::shape::numel;
use crate::values::index::Selection;

/// Hands every row of the function table to the macro `$cb` (a path), as
/// `$cb! { 'a; rows... }`.
///
/// Each row reads
///
/// ```text
/// /// docs
/// Variant "name" => fn method[receiver](param: kind, ...) -> result = family::default;
/// ```
///
/// where `[receiver]` is `[x]` for a method (`x` is the receiver's field name in
/// [`crate::Call`]) and `[]` for an associated function (`concat`), each `kind` is one of
/// [`crate::api::kinds`]'s, `result` is `one`, `two`, `three`, `list` or `uall`, and the
/// `= family::default` part (a function of [`crate::defaults`]) is absent for the
/// required primitives. `'a` is the lifetime the kinds' borrowed types use.
#[macro_export]
macro_rules! for_each_function {
    ($cb:path) => {
        $crate::__arrayapi_rows_creation! { [] [
            $crate::__arrayapi_rows_elementwise,
            $crate::__arrayapi_rows_reductions,
            $crate::__arrayapi_rows_manipulation,
            $crate::__arrayapi_rows_indexing,
            $crate::__arrayapi_rows_searching,
            $crate::__arrayapi_rows_sorting,
            $crate::__arrayapi_rows_sets,
            $crate::__arrayapi_rows_linalg,
            $crate::__arrayapi_rows_fused,
            $crate::__arrayapi_rows_end
        ] $cb }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_end {
    ([$($acc:tt)*] [] $cb:path) => {
        $cb! { 'a; $($acc)* }
    };
}

/// The methods of [`ArrayApi`], one per row.
macro_rules! user_methods {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        $( user_method! { $l; [$(#[$doc])*] $name [$($recv)?] ($($arg : $kind),*) -> $ret } )*
    };
}

macro_rules! user_method {
    ($l:lifetime; [$(#[$doc:meta])*] $name:ident [$recv:ident] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        $(#[$doc])*
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>(&$l self $(, $arg: user_ty!($l, $kind))*) -> Result<ret_ty!($ret)>;
    };
    ($l:lifetime; [$(#[$doc:meta])*] $name:ident [] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        $(#[$doc])*
        #[allow(clippy::needless_lifetimes, clippy::extra_unused_lifetimes, clippy::too_many_arguments)]
        fn $name<$l>($($arg: user_ty!($l, $kind)),*) -> Result<ret_ty!($ret)>;
    };
}

/// An array library: the functions of NumPy's main namespace, with the Python array API
/// standard's names, arguments and semantics. This is the trait users program against.
///
/// # Two ways to run the same code
///
/// - **static**: every [`crate::Backend`] implements `ArrayApi` (a blanket impl), so
///   `fn f<A: ArrayApi>(x: &A)` monomorphised for one backend calls that backend's
///   methods directly, with no dispatch;
/// - **dynamic**: [`crate::Array`] implements `ArrayApi` by dispatching *every* function
///   at run time on the arrays it is given (NEP 18): one dispatched call per function,
///   which runs the chosen backend's override or, when it has none, the default
///   implementation statically on that backend's own type.
///
/// The methods are generated from the function table ([`crate::for_each_function`]),
/// split by family in `crates/core/src/api/`; a few more (metadata, host transfer and
/// the creation functions that take a namespace) are written by hand below.
///
/// # Semantics
///
/// - Promotion follows the standard's lattice; mixed kinds are an error (see
///   [`crate::result_type`]).
/// - Shapes broadcast by the standard's rule; mismatches name both shapes.
/// - Arrays are immutable values: every function returns a new array (which may share
///   memory with its input, as views do in NumPy).
/// - No input makes a function panic: bad shapes, dtypes, axes and devices are typed
///   [`Error`]s naming the function.
///
/// # Example
///
/// ```
/// use arrayapi_core::{ArrayApi, Axes, Result};
///
/// /// Standardise each column: written once, runs on every backend.
/// fn standardize<A: ArrayApi>(x: &A) -> Result<A> {
///     let mean = x.mean(0, true)?;
///     let std = x.std(0, 0.0, true)?;
///     x.subtract(&mean)?.divide(&std)
/// }
/// # let _ = standardize::<arrayapi_core::Array>;
/// ```
pub trait ArrayApi: Clone + Debug + Display + Send + Sync + Sized + 'static {
    /// Where new arrays of this type are created (backend and device).
    type Namespace: BackendNamespace;

    // ---- metadata (attributes, not dispatched) ------------------------------------

    /// The array's namespace (NEP 47): pass it to creation functions to create arrays
    /// "like" this one (NEP 35).
    fn namespace(&self) -> Self::Namespace;
    /// The shape; `[]` for a 0-d array.
    fn shape(&self) -> &[usize];
    /// The dtype.
    fn dtype(&self) -> DType;
    /// The device the data lives on.
    fn device(&self) -> Device;
    /// The backend's name (`"ndarray"`).
    fn backend_name(&self) -> &'static str;

    /// Number of dimensions.
    fn ndim(&self) -> usize {
        self.shape().len()
    }

    /// Number of elements.
    fn size(&self) -> usize {
        numel("size", self.shape()).unwrap_or(usize::MAX)
    }

    // ---- host transfer --------------------------------------------------------------

    /// Copies the array to host memory, row-major, same dtype and shape.
    fn to_host(&self) -> Result<HostArray>;

    /// The elements as `Vec<T>`, row-major; `T` must match the dtype exactly.
    fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if T::DTYPE != self.dtype() {
            return Err(Error::DType { func: "to_vec", dtype: self.dtype(), expected: T::DTYPE.name() });
        }
        self.to_host()?.into_vec()
    }

    /// The one element of a 0-d or one-element array (NumPy's `item()`); `T` must match
    /// the dtype exactly. Any other size is [`Error::InvalidArgument`].
    fn item<T: Element>(&self) -> Result<T> {
        if self.size() != 1 {
            return Err(Error::invalid(
                "item",
                format!("can only convert an array of size 1 to a scalar, got shape {:?}", self.shape()),
            ));
        }
        let v = self.to_vec::<T>().map_err(|e| e.in_func("item"))?;
        v.into_iter().next().ok_or_else(|| Error::invalid("item", "no element"))
    }

    /// The rows of a 2-D array (candle's `to_vec2`); another number of dimensions is
    /// [`Error::ShapeMismatch`], a dtype other than `T`'s [`Error::DType`].
    fn to_vec2<T: Element>(&self) -> Result<Vec<Vec<T>>> {
        let &[_, cols] = self.shape() else {
            return Err(Error::shape("to_vec2", format!("to_vec2 needs a 2-D array, got shape {:?}", self.shape())));
        };
        let v = self.to_vec::<T>().map_err(|e| e.in_func("to_vec2"))?;
        if cols == 0 {
            return Ok(vec![Vec::new(); self.shape()[0]]);
        }
        Ok(v.chunks(cols).map(<[T]>::to_vec).collect())
    }

    // ---- creation in a namespace (dispatched on the namespace, NEP 35) -------------

    /// Copies host data into a new array on `ns`'s device.
    fn from_host(ns: &Self::Namespace, host: HostArray) -> Result<Self>;

    /// An array of `shape` filled with `fill`, converted to `dtype` by the rules of
    /// [`Scalar::cast`].
    fn full(ns: &Self::Namespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self>;

    /// `start, start + step, ...` up to but excluding `stop` (`arange`). `step` must be
    /// non-zero and all three finite; integer dtypes need integral values.
    fn arange(ns: &Self::Namespace, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Self>;

    /// `num` evenly spaced floats over `[start, stop]` (or `[start, stop)` without
    /// `endpoint`); the last value is exactly `stop` with `endpoint`.
    fn linspace(ns: &Self::Namespace, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Self>;

    /// A `n_rows x n_cols` matrix with ones on diagonal `k` (`eye`).
    fn eye(ns: &Self::Namespace, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Self>;

    /// An array from host elements and a shape (`asarray`).
    fn asarray<T: Element>(ns: &Self::Namespace, values: &[T], shape: &[usize]) -> Result<Self> {
        Self::from_host(ns, HostArray::from_slice(values, shape)?)
    }

    /// Zeros (`false` for bool).
    fn zeros(ns: &Self::Namespace, shape: &[usize], dtype: DType) -> Result<Self> {
        Self::full(ns, shape, crate::creation::zero(dtype), dtype).map_err(|e| e.in_func("zeros"))
    }

    /// Ones (`true` for bool).
    fn ones(ns: &Self::Namespace, shape: &[usize], dtype: DType) -> Result<Self> {
        Self::full(ns, shape, crate::creation::one(dtype), dtype).map_err(|e| e.in_func("ones"))
    }

    /// An array whose contents the caller will overwrite. Safe Rust has no uninitialised
    /// arrays, so this is [`ArrayApi::zeros`].
    fn empty(ns: &Self::Namespace, shape: &[usize], dtype: DType) -> Result<Self> {
        Self::zeros(ns, shape, dtype).map_err(|e| e.in_func("empty"))
    }

    // ---- a convenience over two table functions -------------------------------------

    /// Applies `op` with an array or scalar right operand ([`ArrayApi::binary`] or
    /// [`ArrayApi::binary_scalar`]).
    fn binary_operand<'a>(&'a self, other: Operand<'a, Self>, op: BinaryOp) -> Result<Self> {
        match other {
            Operand::Array(o) => self.binary(o, op),
            Operand::Scalar(s) => self.binary_scalar(s, op, Side::Right),
        }
    }

    // ---- attributes and spellings of the array object ----------------------------------

    /// The transpose of a 2-D array (the standard's `x.T`; an array of another number of
    /// dimensions is an error, as the standard asks: use [`ArrayApi::permute_dims`] or
    /// [`ArrayApi::matrix_transpose`], `x.mT`).
    fn t(&self) -> Result<Self> {
        if self.ndim() != 2 {
            return Err(Error::shape(
                "T",
                format!("T needs a 2-D array, got {} dimensions (matrix_transpose is mT)", self.ndim()),
            ));
        }
        self.matrix_transpose()
    }

    /// `x @ other`: the matrix product, [`ArrayApi::matmul`] (the standard's semantics for
    /// every number of dimensions, not `np.dot`'s for more than two).
    fn dot(&self, other: &Self) -> Result<Self> {
        self.matmul(other)
    }

    // ---- indexing for updates ----------------------------------------------------------

    /// This array at `index`, for reading (`.get()`) or for a functional update
    /// (`.set(v)`, `.add(v)`, ...: new arrays, `self` unchanged), like JAX's `x.at[index]`.
    /// `index` is a basic index (`s![1.., ..;2]`), a boolean mask (`&mask`) or integer
    /// index arrays (`[&i, &j]`).
    ///
    /// ```
    /// # use arrayapi_core::{s, ArrayApi, Result};
    /// fn zero_first_row<A: ArrayApi>(x: &A) -> Result<A> {
    ///     x.at(s![0]).set(0.0)
    /// }
    /// # let _ = zero_first_row::<arrayapi_core::Array>;
    /// ```
    fn at<'a>(&'a self, index: impl Into<at::Target<'a, Self>>) -> at::At<'a, Self> {
        at::At::new(self, index.into())
    }

    /// NumPy's `x[index] = values` in place: writes into this array's memory when nothing
    /// else shares it (a backend that supports it, like ndarray, copies only a shared
    /// array, copy-on-write), and otherwise replaces `self` with
    /// [`ArrayApi::slice_set`]'s new array. Other holders of the old array never see the
    /// change.
    fn slice_assign<'a>(&mut self, index: impl Into<Selection>, values: impl Into<Operand<'a, Self>>) -> Result<()> {
        let values: Operand<'a, Self> = values.into();
        let updated = self.slice_set(index, values)?;
        *self = updated;
        Ok(())
    }

    // ---- the function table -----------------------------------------------------------
    crate::for_each_function!(crate::api::user_methods);
}

/// `result_type` over arrays (the standard's `result_type` with array arguments).
pub fn result_type_of<A: ArrayApi>(arrays: &[&A]) -> Result<DType> {
    let dtypes: Vec<DType> = arrays.iter().map(|a| a.dtype()).collect();
    result_type("result_type", &dtypes)
}

pub(crate) use user_methods;
