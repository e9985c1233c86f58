//! The `ArrayApi` trait: NumPy's high-level functions with the array API standard's
//! semantics, as a small set of required primitives plus provided functions.

use std::fmt::Debug;

use crate::device::Device;
use crate::dispatch::{native_array_function, Array, Call, Outcome};
use crate::dtype::{result_type, DType};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::fused::{Activation, FusedOp};
use crate::host::HostArray;
use crate::host_ops::{self, HostBinary};
use crate::linalg;
use crate::namespace::BackendNamespace;
use crate::operand::{scalar_array, Operand};
use crate::ops::{ArgReduceOp, BinaryOp, CumulativeOp, ReduceOp, Side, UnaryOp};
use crate::scalar::Scalar;
use crate::set::{self, UniqueAll};
use crate::shape::{axis_or_only, normalize_axis, numel, resolve_reshape, Axes};
use crate::{check, creation};

/// An array library: the functions of NumPy's main namespace, with the Python array API
/// standard's names, arguments and semantics.
///
/// # Design
///
/// The trait has two halves, in the manner of Burn's backend traits:
///
/// - **Required primitives** (20 methods, listed first): metadata, host transfer, `full`,
///   and one method per *family* of operations (`unary(op)`, `binary(op)`,
///   `reduce(op, axes)`, ...). A new backend implements only these. Each primitive's
///   documentation says what it must guarantee; the [`check`] module has the function
///   that validates its arguments, so every backend returns the same typed errors.
/// - **Provided functions** (everything else: `add`, `exp`, `mean`, `stack`, `linspace`,
///   ...) with default bodies built on the primitives. They normalise user-level
///   arguments (negative axes, `-1` in shapes, scalars, `axis=None`) and call the
///   primitives. A backend may override any of them for speed; this is NumPy's
///   `func._implementation`.
///
/// Both the static and the dynamic path use the same trait: generic code
/// `fn f<A: ArrayApi>(x: &A)` is monomorphised for one backend with no dispatch cost, or
/// runs with [`Array`], which implements `ArrayApi` by dispatching each primitive at run
/// time on the arrays it is given (NEP 18). The *dispatch points* are the required
/// compute primitives plus [`ArrayApi::binary_scalar`] and [`ArrayApi::to_device`]; the
/// two provided hooks [`ArrayApi::array_function`] and
/// [`ArrayApi::takes_precedence_over`] customise a backend's part in that protocol.
///
/// # Semantics
///
/// - Promotion follows the standard's lattice; mixed kinds are an error (see
///   [`result_type`]).
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
pub trait ArrayApi: Clone + Debug + Send + Sync + Sized + 'static {
    /// Where new arrays of this type are created (backend and device).
    type Namespace: BackendNamespace;

    // =================================================================================
    // Required: metadata
    // =================================================================================

    /// The array's namespace (NEP 47): pass it to creation functions to create arrays
    /// "like" this one (NEP 35).
    fn namespace(&self) -> Self::Namespace;

    /// The shape; `[]` for a 0-d array.
    fn shape(&self) -> &[usize];

    /// The dtype.
    fn dtype(&self) -> DType;

    /// The device the data lives on.
    fn device(&self) -> Device;

    // =================================================================================
    // Required: host transfer and creation
    // =================================================================================

    /// Copies host data into a new array on `ns`'s device. `host`'s shape and length
    /// already agree ([`HostArray::new`] checks); the backend returns
    /// [`Error::Unsupported`] for a dtype it cannot hold.
    fn from_host(ns: &Self::Namespace, host: HostArray) -> Result<Self>;

    /// Copies the array to host memory, row-major, same dtype and shape.
    fn to_host(&self) -> Result<HostArray>;

    /// An array of `shape` filled with `fill`, converted to `dtype` by the rules of
    /// [`Scalar::cast`] ([`check::output`] then checks the size).
    fn full(ns: &Self::Namespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self>;

    // =================================================================================
    // Required: compute primitives (the dispatch points of the dynamic `Array`)
    // =================================================================================

    /// Converts to `dtype` (`astype`). Float to integer truncates toward zero and
    /// saturates (NaN becomes 0); number to bool is `x != 0`; bool to number is 0 or 1.
    fn astype(&self, dtype: DType) -> Result<Self>;

    /// An element-wise function of one array; dtype rules in [`UnaryOp::result_dtype`].
    /// IEEE special cases follow the standard (`log(0) = -inf`, `sqrt(-1) = NaN`,
    /// `sign(NaN) = NaN`, `round` ties to even).
    fn unary(&self, op: UnaryOp) -> Result<Self>;

    /// An element-wise function of two arrays, broadcast together. Validate with
    /// [`check::binary`]. Integer arithmetic wraps on overflow; `maximum`/`minimum`
    /// propagate NaN; integer `pow` with a negative exponent is an error.
    fn binary(&self, other: &Self, op: BinaryOp) -> Result<Self>;

    /// `where(cond, x1, x2)` with `self` as `cond`: elements of `x1` where `cond` is
    /// true, else of `x2`, all three broadcast. Validate with [`check::where_`].
    fn select(&self, x1: &Self, x2: &Self) -> Result<Self>;

    /// Reduces over `axes` (sorted, unique, in range: [`check::reduce`] verifies and
    /// gives the output). `sum`/`prod` accumulate in [`crate::ops::accumulator_dtype`];
    /// `max`/`min` propagate NaN; an empty `sum` is 0 and an empty `prod` 1.
    fn reduce(&self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self>;

    /// Index (`int64`) of the first maximum/minimum along `axis`; a NaN counts as the
    /// extremum (NumPy's rule). Validate with [`check::arg_reduce`].
    fn arg_reduce(&self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self>;

    /// Running reduction along `axis`; with `include_initial` the output starts with the
    /// identity (one longer along `axis`). Validate with [`check::cumulative`].
    fn cumulative(&self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self>;

    /// Reshape to a fully resolved `shape` with the same element count, in row-major
    /// order. Validate with [`check::reshape`].
    fn reshape_exact(&self, shape: &[usize]) -> Result<Self>;

    /// Permutes the axes: output axis `i` is input axis `axes[i]`
    /// ([`check::permute_dims`]).
    fn permute_dims(&self, axes: &[usize]) -> Result<Self>;

    /// Broadcasts to exactly `shape` ([`check::broadcast_to`]).
    fn broadcast_to(&self, shape: &[usize]) -> Result<Self>;

    /// Joins arrays along an existing, non-negative `axis`, promoting dtypes
    /// ([`check::concat`]).
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self>;

    /// Selects entries along a non-negative `axis` by 1-D integer `indices` (negative
    /// indices count from the end; out of range is [`Error::IndexOutOfBounds`]).
    /// Validate with [`check::take`] and [`check::index`].
    fn take_axis(&self, indices: &Self, axis: usize) -> Result<Self>;

    /// Matrix product with the standard's batching and broadcasting ([`check::matmul`]).
    fn matmul(&self, other: &Self) -> Result<Self>;

    // =================================================================================
    // Provided: dispatch protocol hooks (NEP 18)
    // =================================================================================

    /// This type's `__array_function__`: asked to run `call` whenever one of its
    /// arguments is of this type. The default (`ndarray.__array_function__`) accepts a
    /// call only when every array argument is `Self` and runs this type's own method; any
    /// other mix returns [`Outcome::NotImplemented`] so the next backend is asked.
    /// A wrapper backend overrides this to accept other backends' arrays.
    fn array_function(&self, call: &Call<'_>) -> Outcome {
        native_array_function::<Self>(call)
    }

    /// Whether this type goes before `other`'s type in dispatch order (NEP 18 asks
    /// subclasses before superclasses). A wrapper that handles another backend's arrays
    /// returns `true` for them. Default: `false` (left-to-right order).
    fn takes_precedence_over(&self, other: &Array) -> bool {
        let _ = other;
        false
    }

    // =================================================================================
    // Provided: fused functions (dispatch points with a composed default)
    // =================================================================================

    /// Runs a fused function on `args` (see [`FusedOp`] for what each computes and its
    /// argument order). The default composes the standard's functions
    /// ([`FusedOp::compose`]); a backend overrides it with a one-pass kernel for the
    /// cases it cares about and calls `op.compose(args)` for the rest.
    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        op.compose(args)
    }

    /// `act(self + bias)` in one pass where the backend fuses it.
    fn bias_activation(&self, bias: &Self, act: Activation) -> Result<Self> {
        Self::fused(FusedOp::BiasActivation(act), &[self, bias])
    }

    /// `self * act'(z)` given the activation's output `a = act(z)`: the backward pass of
    /// an activation, in one pass where the backend fuses it.
    fn activation_grad(&self, output: &Self, act: Activation) -> Result<Self> {
        Self::fused(FusedOp::ActivationGrad(act), &[self, output])
    }

    // =================================================================================
    // Provided: metadata
    // =================================================================================

    /// The backend's name (`"ndarray"`).
    fn backend_name(&self) -> &'static str {
        self.namespace().backend_name()
    }

    /// Number of dimensions.
    fn ndim(&self) -> usize {
        self.shape().len()
    }

    /// Number of elements.
    fn size(&self) -> usize {
        numel("size", self.shape()).unwrap_or(usize::MAX)
    }

    /// The elements as `Vec<T>`, row-major; `T` must match the dtype exactly.
    fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if T::DTYPE != self.dtype() {
            return Err(Error::DType { func: "to_vec", dtype: self.dtype(), expected: T::DTYPE.name() });
        }
        self.to_host()?.into_vec()
    }

    /// Copies the array to `device` on the same backend (`to_device`). The default
    /// returns a clone for the current device and otherwise goes through host memory to
    /// [`BackendNamespace::on_device`]; GPU backends override it with a direct copy.
    fn to_device(&self, device: Device) -> Result<Self> {
        if device == self.device() {
            return Ok(self.clone());
        }
        let ns = self.namespace().on_device(device)?;
        Self::from_host(&ns, self.to_host()?)
    }

    // =================================================================================
    // Provided: creation
    // =================================================================================

    /// An array from host elements and a shape (`asarray`).
    fn asarray<T: Element>(ns: &Self::Namespace, values: &[T], shape: &[usize]) -> Result<Self> {
        Self::from_host(ns, HostArray::from_slice(values, shape)?)
    }

    /// Zeros (`false` for bool).
    fn zeros(ns: &Self::Namespace, shape: &[usize], dtype: DType) -> Result<Self> {
        Self::full(ns, shape, creation::zero(dtype), dtype).map_err(|e| e.in_func("zeros"))
    }

    /// Ones (`true` for bool).
    fn ones(ns: &Self::Namespace, shape: &[usize], dtype: DType) -> Result<Self> {
        Self::full(ns, shape, creation::one(dtype), dtype).map_err(|e| e.in_func("ones"))
    }

    /// An array whose contents the caller will overwrite. Safe Rust has no uninitialised
    /// arrays, so this is [`ArrayApi::zeros`].
    fn empty(ns: &Self::Namespace, shape: &[usize], dtype: DType) -> Result<Self> {
        Self::zeros(ns, shape, dtype).map_err(|e| e.in_func("empty"))
    }

    /// `start, start + step, ...` up to but excluding `stop` (`arange`). `step` must be
    /// non-zero and all three finite; integer dtypes need integral values.
    fn arange(ns: &Self::Namespace, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Self> {
        named("arange", || Self::from_host(ns, creation::arange(start, stop, step, dtype)?))
    }

    /// `num` evenly spaced floats over `[start, stop]` (or `[start, stop)` without
    /// `endpoint`); the last value is exactly `stop` with `endpoint`.
    fn linspace(ns: &Self::Namespace, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Self> {
        named("linspace", || Self::from_host(ns, creation::linspace(start, stop, num, endpoint, dtype)?))
    }

    /// A `n_rows x n_cols` matrix with ones on diagonal `k` (`eye`).
    fn eye(ns: &Self::Namespace, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Self> {
        named("eye", || Self::from_host(ns, creation::eye(n_rows, n_cols.unwrap_or(n_rows), k, dtype)?))
    }

    /// Zeros with this array's shape, dtype, backend and device.
    fn zeros_like(&self) -> Result<Self> {
        named("zeros_like", || Self::zeros(&self.namespace(), self.shape(), self.dtype()))
    }

    /// Ones with this array's shape, dtype, backend and device.
    fn ones_like(&self) -> Result<Self> {
        named("ones_like", || Self::ones(&self.namespace(), self.shape(), self.dtype()))
    }

    /// `fill` with this array's shape, dtype, backend and device.
    fn full_like(&self, fill: impl Into<Scalar>) -> Result<Self> {
        named("full_like", || Self::full(&self.namespace(), self.shape(), fill.into(), self.dtype()))
    }

    /// [`ArrayApi::zeros_like`] (see [`ArrayApi::empty`]).
    fn empty_like(&self) -> Result<Self> {
        named("empty_like", || self.zeros_like())
    }

    // =================================================================================
    // Provided: element-wise
    // =================================================================================

    /// `self op scalar` (`Side::Right`) or `scalar op self` (`Side::Left`); the scalar
    /// takes this array's dtype ([`Scalar::cast`]). The default makes a 0-d array and
    /// calls [`ArrayApi::binary`]; backends override it to skip that.
    fn binary_scalar(&self, scalar: Scalar, op: BinaryOp, side: Side) -> Result<Self> {
        let s = scalar.cast(op.name(), self.dtype())?;
        let s = Self::full(&self.namespace(), &[], s, self.dtype())?;
        match side {
            Side::Right => self.binary(&s, op),
            Side::Left => s.binary(self, op),
        }
    }

    /// Applies `op` with an array or scalar right operand.
    fn binary_operand<'a>(&'a self, other: Operand<'a, Self>, op: BinaryOp) -> Result<Self> {
        match other {
            Operand::Array(o) => self.binary(o, op),
            Operand::Scalar(s) => self.binary_scalar(s, op, Side::Right),
        }
    }

    /// `-x`.
    fn negative(&self) -> Result<Self> {
        self.unary(UnaryOp::Negative)
    }
    /// `|x|`.
    fn abs(&self) -> Result<Self> {
        self.unary(UnaryOp::Abs)
    }
    /// -1, 0 or 1 by the sign of `x` (NaN stays NaN; -0 gives 0).
    fn sign(&self) -> Result<Self> {
        self.unary(UnaryOp::Sign)
    }
    /// `x * x`.
    fn square(&self) -> Result<Self> {
        self.unary(UnaryOp::Square)
    }
    /// `e^x`.
    fn exp(&self) -> Result<Self> {
        self.unary(UnaryOp::Exp)
    }
    /// `e^x - 1`, accurate near 0.
    fn expm1(&self) -> Result<Self> {
        self.unary(UnaryOp::Expm1)
    }
    /// Natural logarithm.
    fn log(&self) -> Result<Self> {
        self.unary(UnaryOp::Log)
    }
    /// `log(1 + x)`, accurate near 0.
    fn log1p(&self) -> Result<Self> {
        self.unary(UnaryOp::Log1p)
    }
    /// Square root.
    fn sqrt(&self) -> Result<Self> {
        self.unary(UnaryOp::Sqrt)
    }
    /// Sine.
    fn sin(&self) -> Result<Self> {
        self.unary(UnaryOp::Sin)
    }
    /// Cosine.
    fn cos(&self) -> Result<Self> {
        self.unary(UnaryOp::Cos)
    }
    /// Hyperbolic tangent.
    fn tanh(&self) -> Result<Self> {
        self.unary(UnaryOp::Tanh)
    }
    /// Round toward -inf (identity on integers).
    fn floor(&self) -> Result<Self> {
        self.unary(UnaryOp::Floor)
    }
    /// Round toward +inf (identity on integers).
    fn ceil(&self) -> Result<Self> {
        self.unary(UnaryOp::Ceil)
    }
    /// Round to nearest, ties to even (identity on integers).
    fn round(&self) -> Result<Self> {
        self.unary(UnaryOp::Round)
    }
    /// Boolean not.
    fn logical_not(&self) -> Result<Self> {
        self.unary(UnaryOp::LogicalNot)
    }
    /// `true` where NaN.
    fn isnan(&self) -> Result<Self> {
        self.unary(UnaryOp::IsNan)
    }
    /// `true` where +-inf.
    fn isinf(&self) -> Result<Self> {
        self.unary(UnaryOp::IsInf)
    }
    /// `true` where neither NaN nor infinite.
    fn isfinite(&self) -> Result<Self> {
        self.unary(UnaryOp::IsFinite)
    }
    /// Inverse cosine.
    fn acos(&self) -> Result<Self> {
        self.unary(UnaryOp::Acos)
    }
    /// Inverse hyperbolic cosine.
    fn acosh(&self) -> Result<Self> {
        self.unary(UnaryOp::Acosh)
    }
    /// Inverse sine.
    fn asin(&self) -> Result<Self> {
        self.unary(UnaryOp::Asin)
    }
    /// Inverse hyperbolic sine.
    fn asinh(&self) -> Result<Self> {
        self.unary(UnaryOp::Asinh)
    }
    /// Inverse tangent.
    fn atan(&self) -> Result<Self> {
        self.unary(UnaryOp::Atan)
    }
    /// Inverse hyperbolic tangent.
    fn atanh(&self) -> Result<Self> {
        self.unary(UnaryOp::Atanh)
    }
    /// Hyperbolic cosine.
    fn cosh(&self) -> Result<Self> {
        self.unary(UnaryOp::Cosh)
    }
    /// Hyperbolic sine.
    fn sinh(&self) -> Result<Self> {
        self.unary(UnaryOp::Sinh)
    }
    /// Tangent.
    fn tan(&self) -> Result<Self> {
        self.unary(UnaryOp::Tan)
    }
    /// Base-2 logarithm.
    fn log2(&self) -> Result<Self> {
        self.unary(UnaryOp::Log2)
    }
    /// Base-10 logarithm.
    fn log10(&self) -> Result<Self> {
        self.unary(UnaryOp::Log10)
    }
    /// `1 / x` (floating point only).
    fn reciprocal(&self) -> Result<Self> {
        self.unary(UnaryOp::Reciprocal)
    }
    /// Round toward zero (identity on integers).
    fn trunc(&self) -> Result<Self> {
        self.unary(UnaryOp::Trunc)
    }
    /// `+x`: a copy (numbers only).
    fn positive(&self) -> Result<Self> {
        self.unary(UnaryOp::Positive)
    }
    /// `true` where the sign bit is set (`-0.0` and negative NaN included).
    fn signbit(&self) -> Result<Self> {
        self.unary(UnaryOp::SignBit)
    }

    /// `x1 + x2`.
    fn add<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Add)
    }
    /// `x1 - x2`.
    fn subtract<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Subtract)
    }
    /// `x1 * x2`.
    fn multiply<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Multiply)
    }
    /// `x1 / x2` (floating point only).
    fn divide<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Divide)
    }
    /// `x1 ** x2`.
    fn pow<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Pow)
    }
    /// Element-wise maximum; NaN propagates.
    fn maximum<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Maximum)
    }
    /// Element-wise minimum; NaN propagates.
    fn minimum<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Minimum)
    }
    /// `x1 == x2`.
    fn equal<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Equal)
    }
    /// `x1 != x2`.
    fn not_equal<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::NotEqual)
    }
    /// `x1 < x2`.
    fn less<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Less)
    }
    /// `x1 <= x2`.
    fn less_equal<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::LessEqual)
    }
    /// `x1 > x2`.
    fn greater<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Greater)
    }
    /// `x1 >= x2`.
    fn greater_equal<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::GreaterEqual)
    }
    /// Boolean and.
    fn logical_and<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::LogicalAnd)
    }
    /// Boolean or.
    fn logical_or<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::LogicalOr)
    }
    /// Boolean exclusive or.
    fn logical_xor<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::LogicalXor)
    }
    /// The angle of the point `(x2, x1)`, quadrant-aware (`atan2(x1, x2)` with `self` as `x1`).
    fn atan2<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Atan2)
    }
    /// `sqrt(x1^2 + x2^2)` without undue overflow; infinite if either is infinite.
    fn hypot<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::Hypot)
    }
    /// `|x1|` with the sign of `x2`.
    fn copysign<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::CopySign)
    }
    /// `log(exp(x1) + exp(x2))` without overflow.
    fn logaddexp<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        self.binary_operand(other.into(), BinaryOp::LogAddExp)
    }

    /// Clamps to `[min, max]` (either bound optional; NaN propagates). As in the standard,
    /// the result has `self`'s dtype; array bounds broadcast with `self` (x of shape `[2]`
    /// with a min of shape `[2, 1]` gives `[2, 2]`).
    fn clip<'a>(&'a self, min: Option<Operand<'a, Self>>, max: Option<Operand<'a, Self>>) -> Result<Self> {
        const F: &str = "clip";
        if !self.dtype().is_numeric() {
            return Err(Error::DType { func: F, dtype: self.dtype(), expected: "a numeric" });
        }
        let mut out = self.clone();
        for (bound, op) in [(min, BinaryOp::Maximum), (max, BinaryOp::Minimum)] {
            if let Some(b) = bound {
                if let Operand::Array(b) = b {
                    if b.dtype() != self.dtype() {
                        return Err(Error::DType { func: F, dtype: b.dtype(), expected: self.dtype().name() });
                    }
                }
                out = out.binary_operand(b, op).map_err(|e| e.in_func(F))?;
            }
        }
        Ok(out)
    }

    /// `where(cond, x1, x2)` with `self` as the boolean condition. Either branch may be a
    /// scalar, which takes the other branch's dtype; at least one must be an array.
    fn where_<'a>(&'a self, x1: impl Into<Operand<'a, Self>>, x2: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("where", || {
            let ns = self.namespace();
            let scalar_like = |s: Scalar, other: &Self| scalar_array("where", s, other.dtype(), &ns);
            match (x1.into(), x2.into()) {
                (Operand::Array(a), Operand::Array(b)) => self.select(a, b),
                (Operand::Array(a), Operand::Scalar(s)) => self.select(a, &scalar_like(s, a)?),
                (Operand::Scalar(s), Operand::Array(b)) => self.select(&scalar_like(s, b)?, b),
                (Operand::Scalar(_), Operand::Scalar(_)) => {
                    Err(Error::invalid("where", "at least one of x1 and x2 must be an array"))
                }
            }
        })
    }

    // =================================================================================
    // Provided: reductions and statistics
    // =================================================================================

    /// Sum over `axes` (`Axes::All`, one axis, or several; negative count from the end).
    fn sum(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let axes = axes.into().normalize("sum", self.ndim())?;
        self.reduce(ReduceOp::Sum, &axes, keepdims)
    }
    /// Product over `axes`.
    fn prod(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let axes = axes.into().normalize("prod", self.ndim())?;
        self.reduce(ReduceOp::Prod, &axes, keepdims)
    }
    /// `sum` with the standard's `dtype=` argument: `self` is cast to `dtype` before
    /// summing (so int8 data can be summed in int64, or float32 in float64), and the
    /// result has `dtype` (an integer sum wraps in it).
    fn sum_as(&self, axes: impl Into<Axes>, dtype: DType, keepdims: bool) -> Result<Self> {
        let axes = axes.into();
        reduce_as(self, "sum", dtype, |x| x.sum(axes, keepdims))
    }
    /// `prod` with the standard's `dtype=` argument (see [`ArrayApi::sum_as`]).
    fn prod_as(&self, axes: impl Into<Axes>, dtype: DType, keepdims: bool) -> Result<Self> {
        let axes = axes.into();
        reduce_as(self, "prod", dtype, |x| x.prod(axes, keepdims))
    }
    /// Maximum over `axes` (error over zero elements; NaN propagates).
    fn max(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let axes = axes.into().normalize("max", self.ndim())?;
        self.reduce(ReduceOp::Max, &axes, keepdims)
    }
    /// Minimum over `axes` (error over zero elements; NaN propagates).
    fn min(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let axes = axes.into().normalize("min", self.ndim())?;
        self.reduce(ReduceOp::Min, &axes, keepdims)
    }
    /// `true` if every element over `axes` is non-zero (`true` over zero elements).
    fn all(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let axes = axes.into().normalize("all", self.ndim())?;
        self.reduce(ReduceOp::All, &axes, keepdims)
    }
    /// `true` if any element over `axes` is non-zero (`false` over zero elements).
    fn any(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let axes = axes.into().normalize("any", self.ndim())?;
        self.reduce(ReduceOp::Any, &axes, keepdims)
    }

    /// Arithmetic mean over `axes` (floating point only; NaN over zero elements).
    fn mean(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        named("mean", || {
            let (axes, n) = float_reduction_axes("mean", self, axes.into())?;
            self.reduce(ReduceOp::Sum, &axes, keepdims)?.binary_scalar(
                Scalar::Float(n as f64),
                BinaryOp::Divide,
                Side::Right,
            )
        })
    }

    /// Variance over `axes` with `correction` degrees of freedom subtracted from the count
    /// (0: population, 1: sample). NaN where `count - correction <= 0`.
    fn var(&self, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<Self> {
        named("var", || {
            const F: &str = "var";
            if !(correction.is_finite() && correction >= 0.0) {
                return Err(Error::invalid(F, format!("correction must be finite and >= 0, got {correction}")));
            }
            let (axes, n) = float_reduction_axes(F, self, axes.into())?;
            let nf = Scalar::Float(n as f64);
            let mean = self.reduce(ReduceOp::Sum, &axes, true)?.binary_scalar(nf, BinaryOp::Divide, Side::Right)?;
            let dev = self.binary(&mean, BinaryOp::Subtract)?;
            let ss = dev.unary(UnaryOp::Square)?.reduce(ReduceOp::Sum, &axes, keepdims)?;
            let dof = n as f64 - correction;
            let divisor = if dof > 0.0 { dof } else { f64::NAN };
            ss.binary_scalar(Scalar::Float(divisor), BinaryOp::Divide, Side::Right)
        })
    }

    /// Standard deviation: `sqrt(var(..))`.
    fn std(&self, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<Self> {
        named("std", || self.var(axes, correction, keepdims)?.unary(UnaryOp::Sqrt))
    }

    /// Index of the maximum along `axis` (`None`: of the flattened array).
    fn argmax(&self, axis: Option<isize>, keepdims: bool) -> Result<Self> {
        named("argmax", || arg_reduce_provided(self, ArgReduceOp::ArgMax, axis, keepdims))
    }

    /// Index of the minimum along `axis` (`None`: of the flattened array).
    fn argmin(&self, axis: Option<isize>, keepdims: bool) -> Result<Self> {
        named("argmin", || arg_reduce_provided(self, ArgReduceOp::ArgMin, axis, keepdims))
    }

    /// Running sum along `axis` (`None` is allowed for 1-D arrays only).
    fn cumulative_sum(&self, axis: Option<isize>, include_initial: bool) -> Result<Self> {
        let axis = axis_or_only("cumulative_sum", axis, self.ndim())?;
        self.cumulative(CumulativeOp::Sum, axis, include_initial)
    }

    /// `cumulative_sum` with the standard's `dtype=` argument: `self` is cast to `dtype`
    /// first, and the result has `dtype` (see [`ArrayApi::sum_as`]).
    fn cumulative_sum_as(&self, axis: Option<isize>, dtype: DType, include_initial: bool) -> Result<Self> {
        reduce_as(self, "cumulative_sum", dtype, |x| x.cumulative_sum(axis, include_initial))
    }

    // =================================================================================
    // Provided: manipulation
    // =================================================================================

    /// Reshape; one dimension may be `-1` ("whatever fits").
    fn reshape(&self, shape: &[isize]) -> Result<Self> {
        let shape = resolve_reshape("reshape", self.shape(), shape)?;
        self.reshape_exact(&shape)
    }

    /// Swaps the last two axes (`ndim >= 2`).
    fn matrix_transpose(&self) -> Result<Self> {
        named("matrix_transpose", || {
            let n = self.ndim();
            if n < 2 {
                return Err(Error::shape(
                    "matrix_transpose",
                    format!("needs at least 2 dimensions, got shape {:?}", self.shape()),
                ));
            }
            let mut axes: Vec<usize> = (0..n).collect();
            axes.swap(n - 2, n - 1);
            self.permute_dims(&axes)
        })
    }

    /// Inserts a length-1 axis at `axis` (in `[-ndim-1, ndim]`).
    fn expand_dims(&self, axis: isize) -> Result<Self> {
        named("expand_dims", || {
            let axis = normalize_axis("expand_dims", axis, self.ndim() + 1)?;
            let mut shape = self.shape().to_vec();
            shape.insert(axis, 1);
            self.reshape_exact(&shape)
        })
    }

    /// Removes length-1 `axes` (an axis whose length is not 1 is an error);
    /// `Axes::All` removes every length-1 axis, as NumPy's `squeeze()` does.
    fn squeeze(&self, axes: impl Into<Axes>) -> Result<Self> {
        named("squeeze", || {
            const F: &str = "squeeze";
            let axes = match axes.into() {
                Axes::All => (0..self.ndim()).filter(|&a| self.shape()[a] == 1).collect(),
                axes => axes.normalize(F, self.ndim())?,
            };
            if let Some(&a) = axes.iter().find(|&&a| self.shape()[a] != 1) {
                return Err(Error::shape(
                    F,
                    format!("cannot squeeze axis {a} of length {} in shape {:?}", self.shape()[a], self.shape()),
                ));
            }
            let shape = check::reduced_shape(self.shape(), &axes, false);
            self.reshape_exact(&shape)
        })
    }

    /// Broadcasts all arrays to their common shape.
    fn broadcast_arrays(arrays: &[Self]) -> Result<Vec<Self>> {
        named("broadcast_arrays", || {
            let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
            let shape = crate::shape::broadcast_shapes("broadcast_arrays", &shapes)?;
            arrays
                .iter()
                .map(|a| if a.shape() == shape.as_slice() { Ok(a.clone()) } else { a.broadcast_to(&shape) })
                .collect()
        })
    }

    /// Joins arrays along `axis` (`None`: flatten each first), promoting dtypes.
    fn concat(arrays: &[Self], axis: Option<isize>) -> Result<Self> {
        named("concat", || {
            const F: &str = "concat";
            let first = arrays.first().ok_or_else(|| Error::invalid(F, "at least one array is required"))?;
            match axis {
                Some(a) => {
                    if first.ndim() == 0 {
                        return Err(Error::shape(F, "zero-dimensional arrays cannot be concatenated"));
                    }
                    Self::concat_axis(arrays, normalize_axis(F, a, first.ndim())?)
                }
                None => {
                    let flat = arrays.iter().map(|a| a.reshape_exact(&[a.size()])).collect::<Result<Vec<_>>>()?;
                    Self::concat_axis(&flat, 0)
                }
            }
        })
    }

    /// Joins same-shaped arrays along a new `axis`.
    fn stack(arrays: &[Self], axis: isize) -> Result<Self> {
        named("stack", || {
            const F: &str = "stack";
            let first = arrays.first().ok_or_else(|| Error::invalid(F, "at least one array is required"))?;
            if let Some(other) = arrays.iter().find(|a| a.shape() != first.shape()) {
                return Err(Error::shape(
                    F,
                    format!("all arrays must have one shape, got {:?} and {:?}", first.shape(), other.shape()),
                ));
            }
            let axis = normalize_axis(F, axis, first.ndim() + 1)?;
            let mut shape = first.shape().to_vec();
            shape.insert(axis, 1);
            let expanded = arrays.iter().map(|a| a.reshape_exact(&shape)).collect::<Result<Vec<_>>>()?;
            Self::concat_axis(&expanded, axis)
        })
    }

    /// Reverses the order of elements along `axes`.
    fn flip(&self, axes: impl Into<Axes>) -> Result<Self> {
        named("flip", || {
            const F: &str = "flip";
            let axes = axes.into().normalize(F, self.ndim())?;
            if self.size() == 0 {
                // Nothing moves (and a zero-element array's axis may be huge).
                return Ok(self.clone());
            }
            let ns = self.namespace();
            let mut out = self.clone();
            for a in axes {
                let n = self.shape()[a];
                let idx = host_indices(F, n, |i| (n - 1 - i) as i64)?;
                out = out.take_axis(&Self::asarray(&ns, &idx, &[n])?, a)?;
            }
            Ok(out)
        })
    }

    /// Moves axes `source` to positions `destination` (`moveaxis`); the other axes keep
    /// their order.
    fn moveaxis(&self, source: &[isize], destination: &[isize]) -> Result<Self> {
        named("moveaxis", || {
            const F: &str = "moveaxis";
            let n = self.ndim();
            if source.len() != destination.len() {
                return Err(Error::invalid(
                    F,
                    format!("{} source axes but {} destinations", source.len(), destination.len()),
                ));
            }
            // Range and repeats, in both lists.
            Axes::Many(source.to_vec()).normalize(F, n)?;
            Axes::Many(destination.to_vec()).normalize(F, n)?;
            let src_in_order: Vec<usize> = source.iter().map(|&a| normalize_axis(F, a, n)).collect::<Result<_>>()?;
            let dst_in_order: Vec<usize> =
                destination.iter().map(|&a| normalize_axis(F, a, n)).collect::<Result<_>>()?;
            let mut order: Vec<usize> = (0..n).filter(|a| !src_in_order.contains(a)).collect();
            let mut pairs: Vec<(usize, usize)> = dst_in_order.into_iter().zip(src_in_order).collect();
            pairs.sort_unstable();
            for (d, s) in pairs {
                order.insert(d, s);
            }
            self.permute_dims(&order)
        })
    }

    /// Rolls elements by `shift` along `axis` (`None`: of the flattened array, reshaped
    /// back): the element at `i` moves to `i + shift` (mod the length).
    fn roll(&self, shift: isize, axis: Option<isize>) -> Result<Self> {
        named("roll", || {
            const F: &str = "roll";
            let Some(axis) = axis else {
                return self.reshape_exact(&[self.size()])?.roll(shift, Some(0))?.reshape_exact(self.shape());
            };
            let axis = normalize_axis(F, axis, self.ndim())?;
            let n = self.shape()[axis];
            if self.size() == 0 {
                // Nothing moves (and a zero-element array's axis may be huge).
                return Ok(self.clone());
            }
            // A non-empty array's axis is at most its element count, which fits in isize.
            let s = shift.rem_euclid(n as isize) as usize;
            let idx = host_indices(F, n, |i| if i >= s { i - s } else { i + (n - s) } as i64)?;
            self.take_axis(&Self::asarray(&self.namespace(), &idx, &[n])?, axis)
        })
    }

    /// Repeats each element `repeats` times along `axis` (`None`: of the flattened array).
    fn repeat(&self, repeats: usize, axis: Option<isize>) -> Result<Self> {
        named("repeat", || {
            const F: &str = "repeat";
            let (x, axis) = match axis {
                Some(a) => (self.clone(), normalize_axis(F, a, self.ndim())?),
                None => (self.reshape_exact(&[self.size()])?, 0),
            };
            let n = x.shape()[axis];
            let total = n.checked_mul(repeats).ok_or_else(|| Error::Overflow { func: F, shape: vec![n, repeats] })?;
            let idx = host_indices(F, total, |i| (i / repeats.max(1)) as i64)?;
            x.take_axis(&Self::asarray(&self.namespace(), &idx, &[total])?, axis)
        })
    }

    /// Tiles the array `reps[i]` times along each axis (`tile`); shorter of shape and
    /// `reps` is padded with leading ones.
    fn tile(&self, reps: &[usize]) -> Result<Self> {
        named("tile", || {
            const F: &str = "tile";
            let d = self.ndim().max(reps.len());
            let shape: Vec<usize> =
                std::iter::repeat_n(1, d - self.ndim()).chain(self.shape().iter().copied()).collect();
            let reps: Vec<usize> = std::iter::repeat_n(1, d - reps.len()).chain(reps.iter().copied()).collect();
            // [1, s0, 1, s1, ...] broadcast to [r0, s0, r1, s1, ...], then merged pairwise.
            let spread: Vec<usize> = shape.iter().flat_map(|&s| [1, s]).collect();
            let wide: Vec<usize> = reps.iter().zip(&shape).flat_map(|(&r, &s)| [r, s]).collect();
            let out: Vec<usize> = reps
                .iter()
                .zip(&shape)
                .map(|(&r, &s)| r.checked_mul(s))
                .collect::<Option<_>>()
                .ok_or_else(|| Error::Overflow { func: F, shape: wide.clone() })?;
            check::output(F, &out, self.dtype())?;
            self.reshape_exact(&spread)?.broadcast_to(&wide)?.reshape_exact(&out)
        })
    }

    /// Splits into the sub-arrays along `axis` (`unstack`).
    fn unstack(&self, axis: isize) -> Result<Vec<Self>> {
        named("unstack", || {
            const F: &str = "unstack";
            let axis = normalize_axis(F, axis, self.ndim())?;
            let ns = self.namespace();
            let n = self.shape()[axis];
            // `n` arrays, each with a handle and its metadata (say 256 bytes): refused like
            // an allocation of that size rather than looping over a huge, zero-element axis.
            check::allocations(F, &[(&[n, 256], DType::UInt8)])?;
            (0..n)
                .map(|i| {
                    let one = self.take_axis(&Self::asarray(&ns, &[i as i64], &[1])?, axis)?;
                    let shape = check::reduced_shape(one.shape(), &[axis], false);
                    one.reshape_exact(&shape)
                })
                .collect()
        })
    }

    /// The `n`-th forward difference along `axis` (`diff`): `x[i + 1] - x[i]`, `n` times.
    fn diff(&self, axis: isize, n: usize) -> Result<Self> {
        named("diff", || {
            const F: &str = "diff";
            let axis = normalize_axis(F, axis, self.ndim())?;
            let ns = self.namespace();
            if self.size() == 0 {
                // No values to subtract: only the shape changes (the index vectors below
                // would be as long as the axis, which a zero-element array may make huge).
                let mut shape = self.shape().to_vec();
                shape[axis] = shape[axis].saturating_sub(n);
                return Self::zeros(&ns, &shape, self.dtype()).map_err(|e| e.in_func(F));
            }
            let mut out = self.clone();
            for _ in 0..n {
                let len = out.shape()[axis];
                if len == 0 {
                    break;
                }
                let hi = host_indices(F, len - 1, |i| i as i64 + 1)?;
                let lo = host_indices(F, len - 1, |i| i as i64)?;
                let a = out.take_axis(&Self::asarray(&ns, &hi, &[len - 1])?, axis)?;
                let b = out.take_axis(&Self::asarray(&ns, &lo, &[len - 1])?, axis)?;
                out = if out.dtype().is_bool() { a.not_equal(&b)? } else { a.subtract(&b)? };
            }
            Ok(out)
        })
    }

    /// The number of non-zero elements over `axes` (`int64`).
    fn count_nonzero(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        named("count_nonzero", || {
            self.astype(DType::Bool)?.astype(DType::Int64)?.sum(axes, keepdims).map_err(|e| e.in_func("count_nonzero"))
        })
    }

    /// The lower triangle of the last two axes, from diagonal `k` down; zeros above.
    fn tril(&self, k: isize) -> Result<Self> {
        named("tril", || triangle(self, k, true))
    }

    /// The upper triangle of the last two axes, from diagonal `k` up; zeros below.
    fn triu(&self, k: isize) -> Result<Self> {
        named("triu", || triangle(self, k, false))
    }

    /// Coordinate grids from 1-D arrays (`meshgrid`): `xy` indexing (`ij = false`) swaps the
    /// first two output axes, as in NumPy.
    fn meshgrid(arrays: &[Self], ij: bool) -> Result<Vec<Self>> {
        named("meshgrid", || {
            const F: &str = "meshgrid";
            if let Some(a) = arrays.iter().find(|a| a.ndim() != 1) {
                return Err(Error::shape(F, format!("inputs must be 1-D, got shape {:?}", a.shape())));
            }
            let mut shape: Vec<usize> = arrays.iter().map(|a| a.shape()[0]).collect();
            let mut pos: Vec<usize> = (0..arrays.len()).collect();
            if !ij && arrays.len() >= 2 {
                shape.swap(0, 1);
                pos.swap(0, 1);
            }
            arrays
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let mut s = vec![1; shape.len()];
                    s[pos[i]] = a.shape()[0];
                    a.reshape_exact(&s)?.broadcast_to(&shape)
                })
                .collect()
        })
    }

    /// The `offset`-th diagonal of the last two axes (`linalg.diagonal`): shape
    /// `[..., L]`.
    fn diagonal(&self, offset: isize) -> Result<Self> {
        named("diagonal", || {
            const F: &str = "diagonal";
            let n = self.ndim();
            if n < 2 {
                return Err(Error::shape(F, format!("needs at least 2 dimensions, got shape {:?}", self.shape())));
            }
            // In i128: no offset (isize::MIN included) can overflow the arithmetic.
            let (rows, cols) = (self.shape()[n - 2] as i128, self.shape()[n - 1] as i128);
            let offset = offset as i128;
            let (r0, c0) = (offset.min(0).abs(), offset.max(0));
            let len = (rows - r0).min(cols - c0).max(0) as usize;
            let idx = host_indices(F, len, |i| ((r0 + i as i128) * cols + c0 + i as i128) as i64)?;
            let mut flat = self.shape()[..n - 2].to_vec();
            flat.push(self.shape()[n - 2] * self.shape()[n - 1]);
            self.reshape_exact(&flat)?.take_axis(&Self::asarray(&self.namespace(), &idx, &[len])?, n - 2)
        })
    }

    /// The sum of the `offset`-th diagonal of the last two axes (`linalg.trace`).
    fn trace(&self, offset: isize) -> Result<Self> {
        named("trace", || self.diagonal(offset).and_then(|d| d.sum(-1, false)).map_err(|e| e.in_func("trace")))
    }

    /// The dot product of vectors along `axis` after broadcasting (`vecdot`).
    fn vecdot(&self, other: &Self, axis: isize) -> Result<Self> {
        named("vecdot", || {
            const F: &str = "vecdot";
            let p = self.multiply(other).map_err(|e| e.in_func(F))?;
            let a = normalize_axis(F, axis, p.ndim())?;
            let (x, y) = (self.shape(), other.shape());
            let dim = |s: &[usize]| s.len().checked_sub(p.ndim() - a).and_then(|i| s.get(i)).copied().unwrap_or(1);
            if dim(x) != dim(y) {
                return Err(Error::shape(F, format!("shapes {x:?} and {y:?} differ along axis {axis}")));
            }
            p.sum(a as isize, false)
        })
    }

    /// The outer product of two vectors (`linalg.outer`): `[n] x [m] -> [n, m]`.
    fn outer(&self, other: &Self) -> Result<Self> {
        named("outer", || {
            const F: &str = "outer";
            if self.ndim() != 1 || other.ndim() != 1 {
                return Err(Error::shape(
                    F,
                    format!("operands must be 1-D, got {:?} and {:?}", self.shape(), other.shape()),
                ));
            }
            let a = self.reshape_exact(&[self.size(), 1])?;
            let b = other.reshape_exact(&[1, other.size()])?;
            a.multiply(&b).map_err(|e| e.in_func(F))
        })
    }

    /// The `ord`-norm of vectors over `axes` (`linalg.vector_norm`): `ord` is `2.0` (the
    /// default in NumPy), `1.0`, `f64::INFINITY` (max |x|), `f64::NEG_INFINITY` (min |x|),
    /// `0.0` (the count of non-zeros) or any other `p` (`(sum |x|^p)^(1/p)`).
    fn vector_norm(&self, axes: impl Into<Axes>, keepdims: bool, ord: f64) -> Result<Self> {
        named("vector_norm", || {
            const F: &str = "vector_norm";
            if !self.dtype().is_floating() {
                return Err(Error::DType { func: F, dtype: self.dtype(), expected: "a floating-point" });
            }
            if ord.is_nan() {
                return Err(Error::invalid(F, "ord must not be NaN"));
            }
            let axes = axes.into();
            let a = self.abs()?;
            let r = if ord == f64::INFINITY {
                a.max(axes, keepdims)
            } else if ord == f64::NEG_INFINITY {
                a.min(axes, keepdims)
            } else if ord == 0.0 {
                a.count_nonzero(axes, keepdims)?.astype(self.dtype())
            } else if ord == 1.0 {
                a.sum(axes, keepdims)
            } else if ord == 2.0 {
                a.square()?.sum(axes, keepdims)?.sqrt()
            } else {
                a.pow(ord)?.sum(axes, keepdims)?.pow(1.0 / ord)
            };
            r.map_err(|e| e.in_func(F))
        })
    }

    /// A matrix norm of the last two axes (`linalg.matrix_norm`): `"fro"`, `"1"`, `"-1"`
    /// (max/min absolute column sum), `"inf"`, `"-inf"` (max/min absolute row sum). The
    /// spectral (`2`) and nuclear norms need an SVD and are not provided.
    fn matrix_norm(&self, ord: &str, keepdims: bool) -> Result<Self> {
        named("matrix_norm", || {
            const F: &str = "matrix_norm";
            let n = self.ndim();
            if n < 2 {
                return Err(Error::shape(F, format!("needs at least 2 dimensions, got shape {:?}", self.shape())));
            }
            if !self.dtype().is_floating() {
                return Err(Error::DType { func: F, dtype: self.dtype(), expected: "a floating-point" });
            }
            let (r, c) = (n as isize - 2, n as isize - 1);
            let a = self.abs()?;
            let out = match ord {
                "fro" => a.square()?.sum([r, c], true)?.sqrt()?,
                "1" => a.sum(r, true)?.max(c, true)?,
                "-1" => a.sum(r, true)?.min(c, true)?,
                "inf" => a.sum(c, true)?.max(r, true)?,
                "-inf" => a.sum(c, true)?.min(r, true)?,
                _ => {
                    return Err(Error::invalid(F, format!("unsupported ord {ord:?}: expected fro, 1, -1, inf or -inf")))
                }
            };
            if keepdims {
                Ok(out)
            } else {
                out.squeeze([r, c])
            }
        })
    }

    /// Sorted along `axis`, stably; NaN sorts last (as in NumPy), `descending` reverses the
    /// order of unequal elements only. The default runs on the host (a backend may
    /// override it with a device sort).
    fn sort(&self, axis: isize, descending: bool) -> Result<Self> {
        named("sort", || {
            let order = sort_order(self, "sort", axis, descending)?;
            let axis = normalize_axis("sort", axis, self.ndim())?;
            // Gather each lane in its sorted order: flat indices of the whole array.
            let idx = Self::asarray(&self.namespace(), &order.flat, &[order.flat.len()])?;
            let moved = self.moveaxis(&[axis as isize], &[-1])?;
            let flat = moved.reshape_exact(&[moved.size()])?.take_axis(&idx, 0)?;
            let shape = moved.shape().to_vec();
            flat.reshape_exact(&shape)?.moveaxis(&[-1], &[axis as isize])
        })
    }

    /// The indices (`int64`) that sort along `axis`, stably; see [`ArrayApi::sort`].
    fn argsort(&self, axis: isize, descending: bool) -> Result<Self> {
        named("argsort", || {
            let order = sort_order(self, "argsort", axis, descending)?;
            let axis = normalize_axis("argsort", axis, self.ndim())?;
            let moved_shape: Vec<usize> = {
                let mut s: Vec<usize> = self.shape().to_vec();
                let n = s.remove(axis);
                s.push(n);
                s
            };
            Self::asarray(&self.namespace(), &order.within, &moved_shape)?.moveaxis(&[-1], &[axis as isize])
        })
    }

    // =================================================================================
    // Provided: functions computed on the host by default (see host_ops, set, linalg)
    // =================================================================================

    /// `x1 & x2` (integers and bool).
    fn bitwise_and<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("bitwise_and", || host_ops::binary(HostBinary::BitwiseAnd, self, other.into()))
    }
    /// `x1 | x2` (integers and bool).
    fn bitwise_or<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("bitwise_or", || host_ops::binary(HostBinary::BitwiseOr, self, other.into()))
    }
    /// `x1 ^ x2` (integers and bool).
    fn bitwise_xor<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("bitwise_xor", || host_ops::binary(HostBinary::BitwiseXor, self, other.into()))
    }
    /// `x1 << x2` (integers; a count that is negative or at least the width gives 0).
    fn bitwise_left_shift<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("bitwise_left_shift", || host_ops::binary(HostBinary::LeftShift, self, other.into()))
    }
    /// `x1 >> x2`, arithmetic for signed integers.
    fn bitwise_right_shift<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("bitwise_right_shift", || host_ops::binary(HostBinary::RightShift, self, other.into()))
    }
    /// `~x` (integers; logical NOT for bool).
    fn bitwise_invert(&self) -> Result<Self> {
        named("bitwise_invert", || host_ops::invert(self))
    }
    /// `x1 // x2`: the floor of the quotient (Python's and NumPy's results, including
    /// `1 // 0.1 == 9`); an integer division by zero gives 0.
    fn floor_divide<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("floor_divide", || host_ops::binary(HostBinary::FloorDivide, self, other.into()))
    }
    /// `x1 % x2` with the divisor's sign (Python's `%`); an integer remainder by zero
    /// gives 0.
    fn remainder<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("remainder", || host_ops::binary(HostBinary::Remainder, self, other.into()))
    }
    /// The next representable float after `x1` towards `x2`.
    fn nextafter<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        named("nextafter", || host_ops::binary(HostBinary::NextAfter, self, other.into()))
    }

    /// Running product along `axis` (`None` for 1-D arrays only), in `prod`'s dtype.
    fn cumulative_prod(&self, axis: Option<isize>, include_initial: bool) -> Result<Self> {
        named("cumulative_prod", || {
            let axis = axis_or_only("cumulative_prod", axis, self.ndim())?;
            host_ops::cumulative_prod(self, axis, include_initial)
        })
    }

    /// Picks, along `axis`, the element each entry of `indices` names
    /// (`take_along_axis`): `indices` has this array's number of dimensions and
    /// broadcasts against it on every other axis. Composed from `take` on the flattened
    /// array, so it runs on every backend.
    fn take_along_axis(&self, indices: &Self, axis: isize) -> Result<Self> {
        named("take_along_axis", || {
            const F: &str = "take_along_axis";
            let axis = normalize_axis(F, axis, self.ndim())?;
            if indices.ndim() != self.ndim() {
                return Err(Error::shape(
                    F,
                    format!("indices have {} dimensions, the array {}", indices.ndim(), self.ndim()),
                ));
            }
            if !indices.dtype().is_integer() {
                return Err(Error::DType { func: F, dtype: indices.dtype(), expected: "an integer" });
            }
            // The output: the array's shape broadcast with the indices', except along `axis`.
            let mut x_shape = self.shape().to_vec();
            x_shape[axis] = 1;
            let mut i_shape = indices.shape().to_vec();
            i_shape[axis] = 1;
            let mut out_shape = crate::shape::broadcast_shapes(F, &[&x_shape, &i_shape])?;
            out_shape[axis] = indices.shape()[axis];
            let n = self.shape()[axis] as i64;
            if indices.dtype() == DType::UInt64 {
                // Before the cast to int64, which would wrap 2^64 - 2 into -2 (x[-2]).
                if let Some(&bad) = indices.to_vec::<u64>()?.iter().find(|&&i| i >= n as u64) {
                    let index = i64::try_from(bad).unwrap_or(i64::MAX);
                    return Err(Error::IndexOutOfBounds { func: F, index, axis, size: n as usize });
                }
            }
            let idx = indices.astype(DType::Int64)?.broadcast_to(&out_shape)?;
            if let Some(&bad) = idx.to_vec::<i64>()?.iter().find(|&&i| i < -n || i >= n) {
                return Err(Error::IndexOutOfBounds { func: F, index: bad, axis, size: n as usize });
            }
            let idx = idx.less(0i64)?.where_(&idx.add(n)?, &idx)?;
            // Flat index = sum over dims of position * stride in the broadcast array.
            let mut full = out_shape.clone();
            full[axis] = self.shape()[axis];
            let src = self.broadcast_to(&full)?;
            let ns = self.namespace();
            let mut flat = idx.multiply(full[axis + 1..].iter().product::<usize>() as i64)?;
            for d in (0..full.len()).filter(|&d| d != axis) {
                let stride: usize = full[d + 1..].iter().product();
                let mut shape = vec![1usize; full.len()];
                shape[d] = out_shape[d];
                let pos = Self::arange(&ns, 0.0, out_shape[d] as f64, 1.0, DType::Int64)?.reshape_exact(&shape)?;
                flat = flat.add(&pos.multiply(stride as i64)?)?;
            }
            let size = flat.size();
            src.reshape_exact(&[src.size()])?.take_axis(&flat.reshape_exact(&[size])?, 0)?.reshape_exact(&out_shape)
        })
    }

    /// The indices (`int64`) of the non-zero elements, one 1-D array per dimension
    /// (a data-dependent shape).
    fn nonzero(&self) -> Result<Vec<Self>> {
        named("nonzero", || set::nonzero(self))
    }

    /// Where `values` would be inserted into this sorted 1-D array to keep it sorted
    /// (`int64`, `values`' shape): before equal elements with `Side::Left`, after them
    /// with `Side::Right`. `sorter` gives the order of an unsorted array.
    fn searchsorted(&self, values: &Self, side: Side, sorter: Option<&Self>) -> Result<Self> {
        named("searchsorted", || set::searchsorted(self, values, side, sorter))
    }

    /// The distinct values, sorted (each NaN distinct), flattened.
    fn unique_values(&self) -> Result<Self> {
        named("unique_values", || Ok(set::unique_all(self)?.values))
    }
    /// The distinct values and how often each occurs (`int64`).
    fn unique_counts(&self) -> Result<(Self, Self)> {
        named("unique_counts", || {
            let u = set::unique_all(self)?;
            Ok((u.values, u.counts))
        })
    }
    /// The distinct values and, for every element, the index of its value (`int64`, this
    /// array's shape).
    fn unique_inverse(&self) -> Result<(Self, Self)> {
        named("unique_inverse", || {
            let u = set::unique_all(self)?;
            Ok((u.values, u.inverse_indices))
        })
    }
    /// Values, first indices, inverse indices and counts.
    fn unique_all(&self) -> Result<UniqueAll<Self>> {
        named("unique_all", || set::unique_all(self))
    }
    /// Whether each element occurs in `test_elements` (`bool`, this array's shape);
    /// `invert` negates. NaN is in nothing.
    fn isin(&self, test_elements: &Self, invert: bool) -> Result<Self> {
        named("isin", || set::isin(self, test_elements, invert))
    }

    /// Sums products over the last `axes` axes of `self` and the first `axes` of `other`
    /// (`tensordot` with an integer `axes`).
    fn tensordot(&self, other: &Self, axes: usize) -> Result<Self> {
        named("tensordot", || {
            const F: &str = "tensordot";
            if axes > self.ndim() || axes > other.ndim() {
                return Err(Error::invalid(
                    F,
                    format!("axes={axes} exceeds the dimensions ({} and {})", self.ndim(), other.ndim()),
                ));
            }
            let a: Vec<isize> = (self.ndim() - axes..self.ndim()).map(|d| d as isize).collect();
            let b: Vec<isize> = (0..axes).map(|d| d as isize).collect();
            self.tensordot_axes(other, &a, &b)
        })
    }
    /// Sums products over `self`'s axes `a_axes` paired with `other`'s `b_axes`
    /// (`tensordot` with a pair of axis lists); the result has `self`'s free axes, then
    /// `other`'s. Composed from `permute_dims`, `reshape` and `matmul`.
    fn tensordot_axes(&self, other: &Self, a_axes: &[isize], b_axes: &[isize]) -> Result<Self> {
        named("tensordot", || {
            const F: &str = "tensordot";
            if a_axes.len() != b_axes.len() {
                return Err(Error::invalid(F, "the two axis lists differ in length"));
            }
            let a: Vec<usize> = a_axes.iter().map(|&d| normalize_axis(F, d, self.ndim())).collect::<Result<_>>()?;
            let b: Vec<usize> = b_axes.iter().map(|&d| normalize_axis(F, d, other.ndim())).collect::<Result<_>>()?;
            for (&i, &j) in a.iter().zip(&b) {
                if self.shape()[i] != other.shape()[j] {
                    return Err(Error::shape(
                        F,
                        format!("contracted axes differ in length: {} and {}", self.shape()[i], other.shape()[j]),
                    ));
                }
            }
            let (mut sa, mut sb) = (a.clone(), b.clone());
            sa.sort_unstable();
            sb.sort_unstable();
            if sa.windows(2).any(|w| w[0] == w[1]) || sb.windows(2).any(|w| w[0] == w[1]) {
                return Err(Error::invalid(F, "an axis is contracted twice"));
            }
            let free_a: Vec<usize> = (0..self.ndim()).filter(|d| !a.contains(d)).collect();
            let free_b: Vec<usize> = (0..other.ndim()).filter(|d| !b.contains(d)).collect();
            let k: usize = a.iter().map(|&d| self.shape()[d]).product();
            let m: usize = free_a.iter().map(|&d| self.shape()[d]).product();
            let n: usize = free_b.iter().map(|&d| other.shape()[d]).product();
            let pa: Vec<usize> = free_a.iter().chain(&a).copied().collect();
            let pb: Vec<usize> = b.iter().chain(&free_b).copied().collect();
            let lhs = self.permute_dims(&pa)?.reshape_exact(&[m, k])?;
            let rhs = other.permute_dims(&pb)?.reshape_exact(&[k, n])?;
            let out: Vec<usize> =
                free_a.iter().map(|&d| self.shape()[d]).chain(free_b.iter().map(|&d| other.shape()[d])).collect();
            lhs.matmul(&rhs)?.reshape_exact(&out)
        })
    }

    /// `linalg.det`: determinants of `[..., n, n]` float matrices.
    fn det(&self) -> Result<Self> {
        named("det", || linalg::det(self))
    }
    /// `linalg.slogdet`: the sign and the natural log of the absolute determinant.
    fn slogdet(&self) -> Result<(Self, Self)> {
        named("slogdet", || linalg::slogdet(self))
    }
    /// `linalg.inv`: matrix inverses; a singular matrix is an error.
    fn inv(&self) -> Result<Self> {
        named("inv", || linalg::inv(self))
    }
    /// `linalg.solve`: `self @ x = b` for `x`, batches broadcast; `b` is `[..., n, k]` or
    /// a vector `[n]`.
    fn solve(&self, b: &Self) -> Result<Self> {
        named("solve", || linalg::solve(self, b))
    }
    /// `linalg.cholesky`: the lower (or `upper`) Cholesky factor of symmetric
    /// positive-definite matrices.
    fn cholesky(&self, upper: bool) -> Result<Self> {
        named("cholesky", || linalg::cholesky(self, upper))
    }
    /// `linalg.qr` (reduced): `Q` with orthonormal columns and upper-triangular `R`.
    fn qr(&self) -> Result<(Self, Self)> {
        named("qr", || linalg::qr(self))
    }
    /// `linalg.eigh`: eigenvalues (ascending, `[..., n]`) and eigenvectors (columns,
    /// `[..., n, n]`) of symmetric matrices (the lower triangle is read).
    fn eigh(&self) -> Result<(Self, Self)> {
        named("eigh", || linalg::eigh(self))
    }
    /// `linalg.eigvalsh`: the eigenvalues of symmetric matrices, ascending.
    fn eigvalsh(&self) -> Result<Self> {
        named("eigvalsh", || Ok(linalg::eigh(self)?.0))
    }
    /// `linalg.svd` (reduced): `U` `[..., m, k]`, `S` `[..., k]` descending, `Vh`
    /// `[..., k, n]`, `k = min(m, n)`.
    fn svd(&self) -> Result<(Self, Self, Self)> {
        named("svd", || linalg::svd(self))
    }
    /// `linalg.svdvals`: singular values, descending.
    fn svdvals(&self) -> Result<Self> {
        named("svdvals", || linalg::svdvals(self))
    }
    /// `linalg.matrix_rank`: the number of singular values above `rtol` times the largest
    /// (default `max(m, n) * eps`), as `int64`.
    fn matrix_rank(&self, rtol: Option<f64>) -> Result<Self> {
        named("matrix_rank", || linalg::matrix_rank(self, rtol))
    }
    /// `linalg.pinv`: the pseudo-inverse, singular values at or below `rtol` times the
    /// largest treated as zero (default `max(m, n) * eps`).
    fn pinv(&self, rtol: Option<f64>) -> Result<Self> {
        named("pinv", || linalg::pinv(self, rtol))
    }
    /// `linalg.cross`: the cross product of 3-vectors along `axis` (broadcast).
    fn cross(&self, other: &Self, axis: isize) -> Result<Self> {
        named("cross", || {
            const F: &str = "cross";
            let shape = crate::shape::broadcast_shapes(F, &[self.shape(), other.shape()])?;
            let d = normalize_axis(F, axis, shape.len())?;
            if shape[d] != 3 {
                return Err(Error::shape(F, format!("axis {axis} has length {}, not 3", shape[d])));
            }
            let (a, b) = (self.broadcast_to(&shape)?, other.broadcast_to(&shape)?);
            let ax = Some(d as isize);
            // c = a[1:] x b: a rolled by -1 times b rolled by -2, minus the reverse.
            a.roll(-1, ax)?
                .multiply(&b.roll(-2, ax)?)?
                .subtract(&a.roll(-2, ax)?.multiply(&b.roll(-1, ax)?)?)
                .map_err(|e| e.in_func(F))
        })
    }
    /// `linalg.matrix_power`: `n` repeated matrix products (by squaring); `n < 0` inverts
    /// first, `n == 0` gives identities.
    fn matrix_power(&self, n: i64) -> Result<Self> {
        named("matrix_power", || {
            const F: &str = "matrix_power";
            let nd = self.ndim();
            if nd < 2 || self.shape()[nd - 1] != self.shape()[nd - 2] {
                return Err(Error::shape(F, format!("needs square matrices, got shape {:?}", self.shape())));
            }
            let m = self.shape()[nd - 1];
            let base = if n < 0 { self.inv()? } else { self.clone() };
            let eye = Self::eye(&self.namespace(), m, None, 0, self.dtype())?.broadcast_to(self.shape())?;
            let (mut result, mut p, mut e) = (eye, base, n.unsigned_abs());
            while e > 0 {
                if e & 1 == 1 {
                    result = result.matmul(&p)?;
                }
                e >>= 1;
                if e > 0 {
                    p = p.matmul(&p)?;
                }
            }
            Ok(result)
        })
    }

    /// Selects entries along `axis` by 1-D integer `indices` (`None`: 1-D input only).
    fn take(&self, indices: &Self, axis: Option<isize>) -> Result<Self> {
        named("take", || {
            let axis = axis_or_only("take", axis, self.ndim())?;
            self.take_axis(indices, axis)
        })
    }
}

/// Axes of a floating-point-only reduction and the number of elements reduced.
fn float_reduction_axes<A: ArrayApi>(func: &'static str, x: &A, axes: Axes) -> Result<(Vec<usize>, usize)> {
    if !x.dtype().is_floating() {
        return Err(Error::DType { func, dtype: x.dtype(), expected: "a floating-point" });
    }
    let axes = axes.normalize(func, x.ndim())?;
    let n = axes.iter().map(|&a| x.shape()[a]).product();
    Ok((axes, n))
}

/// Runs the body of a provided function that is built from other functions, so that an
/// error from any of its parts names the function the user called (`std`, not `var`).
#[inline]
fn named<T>(func: &'static str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    body().map_err(|e| e.in_func(func))
}

/// Host indices `f(0), ..., f(n - 1)` for a `take`, allocated fallibly: an axis of a
/// zero-element array may be huge, and its index vector is then a typed
/// [`Error::OutOfMemory`], not an allocation abort.
fn host_indices(func: &'static str, n: usize, f: impl FnMut(usize) -> i64) -> Result<Vec<i64>> {
    check::output(func, &[n], DType::Int64)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| Error::OutOfMemory { func, bytes: n.saturating_mul(8) })?;
    v.extend((0..n).map(f));
    Ok(v)
}

/// Sorting permutations computed on the host: for each lane along `axis` (moved last),
/// the positions in sorted order, both within the lane and as flat indices.
struct SortOrder {
    within: Vec<i64>,
    flat: Vec<i64>,
}

/// A sum, product or running sum with the standard's `dtype=`: the input cast to `dtype`
/// (both numeric), reduced, and the result in `dtype`. Integers accumulate in int64,
/// whose wrapping arithmetic agrees with wrapping in any integer dtype modulo its width
/// (unsigned ones included), and are cast back, which truncates: the result is what
/// summing in `dtype` gives, on backends without a uint64 accumulator too.
fn reduce_as<A: ArrayApi>(x: &A, func: &'static str, dtype: DType, f: impl FnOnce(&A) -> Result<A>) -> Result<A> {
    for d in [x.dtype(), dtype] {
        if !d.is_numeric() {
            return Err(Error::DType { func, dtype: d, expected: "a numeric" });
        }
    }
    let relabel = |e: Error| e.in_func(func);
    let mut input = x.astype(dtype).map_err(relabel)?;
    if dtype.is_integer() {
        input = input.astype(DType::Int64).map_err(relabel)?;
    }
    let r = f(&input).map_err(relabel)?;
    if r.dtype() == dtype {
        Ok(r)
    } else {
        r.astype(dtype).map_err(relabel)
    }
}

fn sort_order<A: ArrayApi>(x: &A, func: &'static str, axis: isize, descending: bool) -> Result<SortOrder> {
    if !x.dtype().is_numeric() && !x.dtype().is_bool() {
        return Err(Error::DType { func, dtype: x.dtype(), expected: "a real-valued" });
    }
    let axis = normalize_axis(func, axis, x.ndim())?;
    let moved = x.moveaxis(&[axis as isize], &[-1])?;
    let n = moved.shape().last().copied().unwrap_or(1);
    let host = moved.to_host()?;
    // Exact ordering keys: integers as i128, floats as f64 (NaN last).
    let keys: Vec<(bool, f64, i128)> = match host.data() {
        crate::HostData::F32(v) => v.iter().map(|&f| (f.is_nan(), f as f64, 0)).collect(),
        crate::HostData::F64(v) => v.iter().map(|&f| (f.is_nan(), f, 0)).collect(),
        crate::HostData::F16(_) | crate::HostData::BF16(_) => {
            host.data().to_f64_vec().into_iter().map(|f| (f.is_nan(), f, 0)).collect()
        }
        other => {
            let ints: Vec<i128> = match other {
                crate::HostData::Bool(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I8(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I16(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I32(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::I64(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U8(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U16(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U32(v) => v.iter().map(|&b| b as i128).collect(),
                crate::HostData::U64(v) => v.iter().map(|&b| b as i128).collect(),
                _ => Vec::new(),
            };
            ints.into_iter().map(|i| (false, 0.0, i)).collect()
        }
    };
    let mut within = Vec::with_capacity(keys.len());
    let mut flat = Vec::with_capacity(keys.len());
    for (lane, chunk) in keys.chunks(n.max(1)).enumerate() {
        let mut order: Vec<usize> = (0..chunk.len()).collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (&chunk[i], &chunk[j]);
            let by_value = a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal).then(a.2.cmp(&b.2));
            // NaN last in both directions; other values reversed when descending.
            a.0.cmp(&b.0).then(if descending { by_value.reverse() } else { by_value })
        });
        within.extend(order.iter().map(|&i| i as i64));
        flat.extend(order.iter().map(|&i| (lane * n + i) as i64));
    }
    Ok(SortOrder { within, flat })
}

/// `tril` (`lower`) or `triu`: keep `j - i <= k` (or `>= k`) in the last two axes.
fn triangle<A: ArrayApi>(x: &A, k: isize, lower: bool) -> Result<A> {
    let f = if lower { "tril" } else { "triu" };
    let n = x.ndim();
    if n < 2 {
        return Err(Error::shape(f, format!("needs at least 2 dimensions, got shape {:?}", x.shape())));
    }
    let (rows, cols) = (x.shape()[n - 2], x.shape()[n - 1]);
    let ns = x.namespace();
    let i = A::arange(&ns, 0.0, rows as f64, 1.0, DType::Int64)?.reshape_exact(&[rows, 1])?;
    let j = A::arange(&ns, 0.0, cols as f64, 1.0, DType::Int64)?.reshape_exact(&[1, cols])?;
    let offset = j.subtract(&i)?;
    let keep = if lower { offset.less_equal(k as i64)? } else { offset.greater_equal(k as i64)? };
    keep.where_(x, &x.zeros_like()?)
}

fn arg_reduce_provided<A: ArrayApi>(x: &A, op: ArgReduceOp, axis: Option<isize>, keepdims: bool) -> Result<A> {
    match axis {
        Some(a) => x.arg_reduce(op, normalize_axis(op.name(), a, x.ndim())?, keepdims),
        None => {
            let flat = x.reshape_exact(&[x.size()])?;
            let r = flat.arg_reduce(op, 0, false)?;
            if keepdims {
                r.reshape_exact(&vec![1; x.ndim()])
            } else {
                Ok(r)
            }
        }
    }
}

/// `result_type` over arrays (the standard's `result_type` with array arguments).
pub fn result_type_of<A: ArrayApi>(arrays: &[&A]) -> Result<DType> {
    let dtypes: Vec<DType> = arrays.iter().map(|a| a.dtype()).collect();
    result_type("result_type", &dtypes)
}
