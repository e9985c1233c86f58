//! Element-wise kernels: unary, binary (with broadcasting), scalar and `where`.

use arrayapi_core::{check, BinaryOp, Error, Result, Scalar, Side, UnaryOp};
use ndarray::{IxDyn, Zip};

use crate::convert::{astype, scalar_as};
use crate::elem::{Elem, Float, Num};
use crate::storage::{internal, shaped, with_kind, with_pair, Arr, Data};

/// `f(x, y)` over two arrays broadcast to `shape`, with a flat-slice fast path when both
/// are contiguous and already of that shape.
fn zip_with<T: Copy, U: Clone>(a: &Arr<T>, b: &Arr<T>, shape: &[usize], f: impl Fn(T, T) -> U) -> Result<Arr<U>> {
    if a.shape() == shape && b.shape() == shape {
        if let (Some(x), Some(y)) = (a.as_slice(), b.as_slice()) {
            return shaped(shape, x.iter().zip(y).map(|(&p, &q)| f(p, q)).collect());
        }
    }
    if b.len() == 1 && a.shape() == shape {
        if let Some(&q) = b.iter().next() {
            return Ok(a.mapv(|p| f(p, q)).into_shared());
        }
    }
    if a.len() == 1 && b.shape() == shape {
        if let Some(&p) = a.iter().next() {
            return Ok(b.mapv(|q| f(p, q)).into_shared());
        }
    }
    let (av, bv) = (broadcast_lean(a, shape)?, broadcast_lean(b, shape)?);
    if av.ndim() <= 4 {
        let out = Zip::from(fixed4(av)?).and(fixed4(bv)?).map_collect(|&p, &q| f(p, q));
        return shaped(shape, row_major(out));
    }
    shaped(shape, row_major(Zip::from(av).and(bv).map_collect(|&p, &q| f(p, q))))
}

/// `a` broadcast to `shape` (already checked), without the axes of length 1.
fn broadcast_lean<'a, T>(a: &'a Arr<T>, shape: &[usize]) -> Result<ndarray::ArrayViewD<'a, T>> {
    let v = a.broadcast(IxDyn(shape)).ok_or_else(|| internal("broadcast of a checked shape failed"))?;
    Ok(without_unit_axes(v))
}

/// `v` without its axes of length 1, which change no element's row-major position: a
/// `[K, N, 1] + [K, 1, 1]` add (an ensemble's output bias) then zips `[K, N]` with
/// `[K, 1]`, an inner loop of N elements instead of one element per outer iteration
/// (measured 5 ns per element before, at K = 160, N = 64).
fn without_unit_axes<T>(mut v: ndarray::ArrayViewD<'_, T>) -> ndarray::ArrayViewD<'_, T> {
    for axis in (0..v.ndim()).rev() {
        if v.len_of(ndarray::Axis(axis)) == 1 && v.ndim() > 1 {
            v = v.remove_axis(ndarray::Axis(axis));
        }
    }
    v
}

/// The elements of a `Zip` result in row-major order. `map_collect` lays its output out
/// like its inputs, which is column-major when they are (a transposed operand), so the
/// raw buffer is only row-major for a standard-layout result.
pub(crate) fn row_major<T: Clone, D: ndarray::Dimension>(a: ndarray::Array<T, D>) -> Vec<T> {
    if a.is_standard_layout() {
        a.into_raw_vec_and_offset().0
    } else {
        a.iter().cloned().collect()
    }
}

/// A view of at most 4 dimensions as a fixed 4-D one (leading axes of length 1 added):
/// `Zip` over a fixed dimension runs its inner loop without `IxDyn`'s per-element index
/// bookkeeping, about twice as fast on a broadcast bias add.
pub(crate) fn fixed4<T>(v: ndarray::ArrayViewD<'_, T>) -> Result<ndarray::ArrayView4<'_, T>> {
    let mut v = v;
    while v.ndim() < 4 {
        v = v.insert_axis(ndarray::Axis(0));
    }
    v.into_dimensionality::<ndarray::Ix4>().map_err(|e| internal(&e.to_string()))
}

/// `mapv` with the kernel passed as a function item (not a pointer), so that each op is
/// monomorphised and inlined into the loop.
macro_rules! map {
    ($a:expr, $f:expr) => {
        Ok(Elem::wrap($a.mapv($f).into_shared()))
    };
}

macro_rules! test {
    ($a:expr, $f:expr) => {
        Ok(Data::Bool($a.mapv($f).into_shared()))
    };
}

fn unary_float<T: Float>(a: &Arr<T>, op: UnaryOp) -> Result<Data> {
    match op {
        UnaryOp::Exp => map!(a, num_traits::Float::exp),
        UnaryOp::Expm1 => map!(a, num_traits::Float::exp_m1),
        UnaryOp::Log => map!(a, num_traits::Float::ln),
        UnaryOp::Log1p => map!(a, num_traits::Float::ln_1p),
        UnaryOp::Sqrt => map!(a, num_traits::Float::sqrt),
        UnaryOp::Sin => map!(a, num_traits::Float::sin),
        UnaryOp::Cos => map!(a, num_traits::Float::cos),
        UnaryOp::Tanh => map!(a, num_traits::Float::tanh),
        UnaryOp::IsFinite => test!(a, num_traits::Float::is_finite),
        UnaryOp::Acos => map!(a, num_traits::Float::acos),
        UnaryOp::Acosh => map!(a, arrayapi_core::math::acosh),
        UnaryOp::Asin => map!(a, num_traits::Float::asin),
        UnaryOp::Asinh => map!(a, arrayapi_core::math::asinh),
        UnaryOp::Atan => map!(a, num_traits::Float::atan),
        UnaryOp::Atanh => map!(a, arrayapi_core::math::atanh),
        UnaryOp::Cosh => map!(a, num_traits::Float::cosh),
        UnaryOp::Sinh => map!(a, num_traits::Float::sinh),
        UnaryOp::Tan => map!(a, num_traits::Float::tan),
        UnaryOp::Log2 => map!(a, num_traits::Float::log2),
        UnaryOp::Log10 => map!(a, num_traits::Float::log10),
        UnaryOp::Reciprocal => map!(a, num_traits::Float::recip),
        UnaryOp::Trunc => map!(a, num_traits::Float::trunc),
        UnaryOp::SignBit => test!(a, num_traits::Float::is_sign_negative),
        _ => unary_num(a, op),
    }
}

fn unary_num<T: Num>(a: &Arr<T>, op: UnaryOp) -> Result<Data> {
    match op {
        UnaryOp::Negative => map!(a, T::neg),
        UnaryOp::Abs => map!(a, T::abs),
        UnaryOp::Sign => map!(a, T::sign),
        UnaryOp::Square => map!(a, |x| x.mul(x)),
        UnaryOp::Floor => map!(a, T::floor),
        UnaryOp::Ceil => map!(a, T::ceil),
        UnaryOp::Round => map!(a, T::round),
        UnaryOp::IsNan => test!(a, T::is_nan),
        UnaryOp::IsInf => test!(a, T::is_inf),
        UnaryOp::IsFinite => test!(a, |x| !x.is_nan() && !x.is_inf()),
        UnaryOp::Trunc | UnaryOp::Positive => map!(a, |x| x),
        _ => Err(internal("unary op reached a kernel its dtype rule excludes")),
    }
}

pub(crate) fn unary(data: &Data, op: UnaryOp) -> Result<Data> {
    op.result_dtype(data.dtype())?;
    with_kind!(data,
    float a => unary_float(a, op),
    int a => unary_num(a, op),
    bool a => match op {
        UnaryOp::LogicalNot => Ok(Data::Bool(a.mapv(|x| !x).into_shared())),
        _ => Err(internal("unary op on bool passed its dtype rule")),
    })
}

/// `log(exp(a) + exp(b))`, stable: NaN propagates, `-inf` with `-inf` is `-inf`.
/// Computed in float64: where the result is near 0, `max + ln_1p(..)` cancels, and in
/// float32 that cost up to about 25 ulps (found by the fuzzing campaign).
fn logaddexp<T: Float>(a: T, b: T) -> T {
    let wide = |t: T| t.to_f64().unwrap_or(f64::NAN);
    T::from(logaddexp_f64(wide(a), wide(b))).unwrap_or_else(T::nan)
}

fn logaddexp_f64(a: f64, b: f64) -> f64 {
    use num_traits::Float as F;
    let m = if a > b { a } else { b };
    if F::is_nan(a) || F::is_nan(b) {
        F::nan()
    } else if m == F::neg_infinity() || m == F::infinity() {
        m
    } else {
        m + F::ln_1p(F::exp(-F::abs(a - b)))
    }
}

/// The float-only functions (`atan2`, `hypot`, `copysign`, `logaddexp`).
fn float_fn<T: Float>(op: BinaryOp) -> Result<fn(T, T) -> T> {
    Ok(match op {
        BinaryOp::Atan2 => num_traits::Float::atan2,
        BinaryOp::Hypot => num_traits::Float::hypot,
        BinaryOp::CopySign => num_traits::Float::copysign,
        BinaryOp::LogAddExp => logaddexp,
        _ => return Err(internal("not a float-only function")),
    })
}

fn binary_float<T: Float>(a: &Arr<T>, b: &Arr<T>, op: BinaryOp, shape: &[usize]) -> Result<Data> {
    let f = float_fn::<T>(op)?;
    zip_with(a, b, shape, f).map(T::wrap)
}

/// The generic numeric binary ops, one table for both operand kinds: `$num!` applies a
/// function with a numeric result, `$cmp!` a comparison. Each expands at its call site,
/// so every op is a monomorphised, inlined kernel (no function pointers in the loop).
macro_rules! numeric_ops {
    ($op:expr, $num:ident, $cmp:ident) => {
        match $op {
            BinaryOp::Add => $num!(T::add),
            BinaryOp::Subtract => $num!(T::sub),
            BinaryOp::Multiply => $num!(T::mul),
            BinaryOp::Divide => $num!(T::div),
            BinaryOp::Pow => $num!(T::pow),
            BinaryOp::Maximum => $num!(T::max_nan),
            BinaryOp::Minimum => $num!(T::min_nan),
            BinaryOp::Equal => $cmp!(PartialEq::eq),
            BinaryOp::NotEqual => $cmp!(PartialEq::ne),
            BinaryOp::Less => $cmp!(PartialOrd::lt),
            BinaryOp::LessEqual => $cmp!(PartialOrd::le),
            BinaryOp::Greater => $cmp!(PartialOrd::gt),
            BinaryOp::GreaterEqual => $cmp!(PartialOrd::ge),
            BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::LogicalXor => {
                Err(internal("logical op on numbers passed its dtype rule"))
            }
            BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::CopySign | BinaryOp::LogAddExp => {
                Err(internal("float-only op reached the generic kernel"))
            }
        }
    };
}

/// Integer `pow` with a negative exponent is an error on every backend.
fn check_exponent<T: Num>(op: BinaryOp, negative_exponent: impl FnOnce() -> bool) -> Result<()> {
    if op == BinaryOp::Pow && !T::IS_FLOAT && negative_exponent() {
        return Err(Error::invalid("pow", "integers to negative integer powers are not allowed"));
    }
    Ok(())
}

/// The functions with a float-only kernel (`divide` has a generic one).
fn has_float_kernel(op: BinaryOp) -> bool {
    op.is_float_only() && op != BinaryOp::Divide
}

/// A binary op on two numeric arrays of one dtype, broadcast to `shape`.
fn binary_num<T: Num>(a: &Arr<T>, b: &Arr<T>, op: BinaryOp, shape: &[usize]) -> Result<Data> {
    macro_rules! w {
        ($f:expr) => {
            zip_with(a, b, shape, $f).map(T::wrap)
        };
    }
    macro_rules! c {
        ($f:expr) => {
            zip_with(a, b, shape, |x: T, y: T| $f(&x, &y)).map(Data::Bool)
        };
    }
    // Only an exponent that meets a base is an error: none does in an empty output.
    check_exponent::<T>(op, || !shape.contains(&0) && b.iter().any(|e| e.is_negative()))?;
    numeric_ops!(op, w, c)
}

fn binary_bool(a: &Arr<bool>, b: &Arr<bool>, op: BinaryOp, shape: &[usize]) -> Result<Data> {
    let f: fn(bool, bool) -> bool = match op {
        BinaryOp::LogicalAnd => |x, y| x & y,
        BinaryOp::LogicalOr => |x, y| x | y,
        BinaryOp::LogicalXor => |x, y| x ^ y,
        BinaryOp::Equal => |x, y| x == y,
        BinaryOp::NotEqual => |x, y| x != y,
        _ => return Err(internal("numeric op on bool passed its dtype rule")),
    };
    zip_with(a, b, shape, f).map(Data::Bool)
}

/// Converts to `dtype` only if needed (a reference-count bump otherwise).
fn as_dtype(data: &Data, dtype: arrayapi_core::DType) -> Result<std::borrow::Cow<'_, Data>> {
    if data.dtype() == dtype {
        Ok(std::borrow::Cow::Borrowed(data))
    } else {
        Ok(std::borrow::Cow::Owned(astype(data, dtype)?))
    }
}

pub(crate) fn binary(a: &Data, b: &Data, op: BinaryOp) -> Result<Data> {
    let spec = check::binary(op, (a.shape(), a.dtype()), (b.shape(), b.dtype()))?;
    let (a, b) = (as_dtype(a, spec.operand_dtype)?, as_dtype(b, spec.operand_dtype)?);
    if has_float_kernel(op) {
        return match (&*a, &*b) {
            (Data::F32(x), Data::F32(y)) => binary_float(x, y, op, &spec.shape),
            (Data::F64(x), Data::F64(y)) => binary_float(x, y, op, &spec.shape),
            _ => Err(internal("float-only op on other dtypes passed its dtype rule")),
        };
    }
    with_pair!(&*a, &*b, x, y => binary_num(x, y, op, &spec.shape),
        bool => binary_bool(x, y, op, &spec.shape))
}

/// `x op s` or `s op x` with the scalar in `x`'s dtype: one pass, no temporary array.
fn scalar_num<T: Num>(a: &Arr<T>, s: T, op: BinaryOp, side: Side) -> Result<Data> {
    macro_rules! m {
        ($f:expr) => {
            match side {
                Side::Right => map!(a, |x: T| $f(x, s)),
                Side::Left => map!(a, |x: T| $f(s, x)),
            }
        };
    }
    macro_rules! c {
        ($f:expr) => {
            match side {
                Side::Right => test!(a, |x: T| $f(&x, &s)),
                Side::Left => test!(a, |x: T| $f(&s, &x)),
            }
        };
    }
    check_exponent::<T>(op, || match side {
        // An empty array meets no exponent.
        Side::Right => !a.is_empty() && s.is_negative(),
        Side::Left => a.iter().any(|e| e.is_negative()),
    })?;
    numeric_ops!(op, m, c)
}

/// A float-only function with a scalar operand.
fn scalar_float<T: Float>(a: &Arr<T>, s: T, op: BinaryOp, side: Side) -> Result<Data> {
    let f = float_fn::<T>(op)?;
    Ok(T::wrap(
        match side {
            Side::Right => a.mapv(|x| f(x, s)),
            Side::Left => a.mapv(|x| f(s, x)),
        }
        .into_shared(),
    ))
}

pub(crate) fn binary_scalar(a: &Data, s: Scalar, op: BinaryOp, side: Side) -> Result<Data> {
    let dtype = a.dtype();
    let s = s.cast(op.name(), dtype)?;
    op.result_dtype_of(dtype)?;
    if has_float_kernel(op) {
        return match a {
            Data::F32(x) => scalar_float(x, scalar_as(s), op, side),
            Data::F64(x) => scalar_float(x, scalar_as(s), op, side),
            _ => Err(internal("float-only op on other dtypes passed its dtype rule")),
        };
    }
    with_kind!(a,
    float x => scalar_num(x, scalar_as(s), op, side),
    int x => scalar_num(x, scalar_as(s), op, side),
    bool x => {
        let s: bool = scalar_as(s);
        let f: fn(bool, bool) -> bool = match op {
            BinaryOp::LogicalAnd => |p, q| p & q,
            BinaryOp::LogicalOr => |p, q| p | q,
            BinaryOp::LogicalXor => |p, q| p ^ q,
            BinaryOp::Equal => |p, q| p == q,
            BinaryOp::NotEqual => |p, q| p != q,
            _ => return Err(internal("numeric op on bool passed its dtype rule")),
        };
        Ok(Data::Bool(x.mapv(|p| f(p, s)).into_shared()))
    })
}

fn select_typed<T: Elem>(c: &Arr<bool>, a: &Arr<T>, b: &Arr<T>, shape: &[usize]) -> Result<Data> {
    let (cv, av, bv) = (broadcast_lean(c, shape)?, broadcast_lean(a, shape)?, broadcast_lean(b, shape)?);
    if av.ndim() <= 4 {
        let out =
            Zip::from(fixed4(cv)?).and(fixed4(av)?).and(fixed4(bv)?).map_collect(|&c, &x, &y| if c { x } else { y });
        return Ok(T::wrap(shaped(shape, row_major(out))?));
    }
    let out = Zip::from(cv).and(av).and(bv).map_collect(|&c, &x, &y| if c { x } else { y });
    Ok(T::wrap(shaped(shape, row_major(out))?))
}

pub(crate) fn select(cond: &Data, a: &Data, b: &Data) -> Result<Data> {
    let (shape, dtype) = check::where_((cond.shape(), cond.dtype()), (a.shape(), a.dtype()), (b.shape(), b.dtype()))?;
    let Data::Bool(c) = cond else {
        return Err(internal("where condition passed its dtype rule"));
    };
    let (a, b) = (as_dtype(a, dtype)?, as_dtype(b, dtype)?);
    with_pair!(&*a, &*b, x, y => select_typed(c, x, y, &shape), bool => select_typed(c, x, y, &shape))
}
