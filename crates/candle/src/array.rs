//! `CandleArray` and its `Backend` implementation.
//!
//! Most functions map onto one candle operation. Where candle's result differs from the
//! standard, the backend fixes it up with further candle operations on the same device:
//! NaN propagation in `maximum`/`minimum`/`max`/`min`/`argmax`, the first of equal
//! extrema in `argmax`/`argmin`, saturating float-to-integer casts, ties-to-even
//! `round`, `sign(NaN)`, integer `abs`/`negative`. `pow`, whose candle kernel is
//! `exp(b * ln a)` (NaN for negative bases), runs on the host. What candle's GPU kernels
//! lack goes through its CPU device (`fallback`); ReLU's fused functions are in `fused`.

use arrayapi_core::values::index::{new_axes, picks_shape, removed_axes};
use arrayapi_core::{
    check, ArgReduceOp, ArrayApi, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, Element, Error, FusedOp,
    HostArray, HostData, Pick, ReduceOp, Result, Scalar, Selection, UnaryOp,
};
use candle_core::Tensor;

use crate::device::{ours, CandleNamespace};
use crate::dtype::{err, from_host, storage, to_host};
use crate::fallback::on_cpu;
use crate::BACKEND;

/// An array on a candle device: a `candle_core::Tensor` and the arrayapi dtype it holds
/// (`bool` is stored as `u8`).
#[derive(Clone)]
pub struct CandleArray {
    t: Tensor,
    dtype: DType,
}

impl CandleArray {
    /// Wraps a candle tensor (its dtype must be one arrayapi has; `u8` is read as `uint8`).
    pub fn from_tensor(t: Tensor) -> Result<Self> {
        use candle_core::DType as C;
        let dtype = match t.dtype() {
            C::U8 => DType::UInt8,
            C::U32 => DType::UInt32,
            C::I16 => DType::Int16,
            C::I32 => DType::Int32,
            C::I64 => DType::Int64,
            C::F32 => DType::Float32,
            C::F64 => DType::Float64,
            C::F16 => DType::Float16,
            C::BF16 => DType::BFloat16,
            other => {
                return Err(Error::Unsupported {
                    func: "from_tensor",
                    backend: BACKEND,
                    what: format!("candle dtype {other:?}"),
                })
            }
        };
        Ok(CandleArray { t, dtype })
    }

    /// The candle tensor, by value (no copy; a `bool` array's is `u8` of 0 and 1).
    pub fn into_tensor(self) -> Tensor {
        self.t
    }

    /// The candle tensor (a `bool` array's is `u8` of 0 and 1).
    pub fn tensor(&self) -> &Tensor {
        &self.t
    }

    fn with(&self, t: Tensor, dtype: DType) -> Self {
        CandleArray { t, dtype }
    }

    /// `t` as an array of this one's dtype (its candle dtype must be this one's storage).
    pub(crate) fn with_tensor(&self, t: Tensor) -> Self {
        self.with(t, self.dtype)
    }

    /// This array on `device` (candle copies the storage as it is, layout and all: no
    /// kernel runs).
    pub(crate) fn moved(&self, func: &'static str, device: &candle_core::Device) -> Result<Self> {
        Ok(self.with(self.t.to_device(device).map_err(err(func))?, self.dtype))
    }

    /// This array's data as `dtype`, as a tensor.
    fn cast(&self, func: &'static str, dtype: DType) -> Result<Tensor> {
        if dtype == self.dtype {
            return Ok(self.t.clone());
        }
        if dtype == DType::Bool {
            return self.t.ne(0f64).map_err(err(func));
        }
        let e = err(func);
        let to = storage(func, dtype)?;
        let mut t = self.t.clone();
        if self.dtype.is_floating() && dtype.is_integer() {
            // Saturating, as Rust's `as` and the ndarray backend: NaN to 0, the rest clamped
            // into the target's range. candle's CUDA casts are C casts (NaN to i64::MIN).
            let range = arrayapi_core::iinfo(dtype)?;
            let zero = t.zeros_like().map_err(&e)?;
            t = isnan(&t, func)?.where_cond(&zero, &t).map_err(&e)?;
            t = t.clamp(range.min as f64, range.max as f64).map_err(&e)?;
        }
        let half = |d: candle_core::DType| matches!(d, candle_core::DType::F16 | candle_core::DType::BF16);
        let (from, i64) = (t.dtype(), candle_core::DType::I64);
        if !t.device().is_cpu() && ((half(from) && to == i64) || (from == i64 && half(to))) {
            // No CUDA kernel between the half floats and i64: through f32, whose range
            // covers f16's and bf16's.
            t = t.to_dtype(candle_core::DType::F32).map_err(&e)?;
        }
        t.to_dtype(to).map_err(e)
    }
}

fn isnan(t: &Tensor, f: &'static str) -> Result<Tensor> {
    t.ne(t).map_err(err(f))
}

/// The first position along `axis` where `mask` (u8, not all zero along it) is set, as u32
/// with `axis` kept: the minimum of the positions where it is set.
fn first_true(mask: &Tensor, axis: usize, f: &'static str) -> Result<Tensor> {
    let e = err(f);
    let n = mask.dims()[axis];
    let mut line = vec![1; mask.rank()];
    line[axis] = n;
    let pos = Tensor::arange(0u32, n as u32, mask.device()).and_then(|p| p.reshape(line)).map_err(&e)?;
    let pos = pos.broadcast_as(mask.shape()).map_err(&e)?;
    let past = Tensor::full(n as u32, mask.shape(), mask.device()).map_err(&e)?;
    mask.where_cond(&pos, &past).and_then(|p| p.min_keepdim(axis)).map_err(e)
}

/// The running sum of a float tensor along `axis` by doubling steps (Hillis and Steele):
/// after the step of width `s`, each element holds the sum of the `2s` elements ending at
/// it. `log2(n)` additions of shifted copies, `O(n)` memory, and infinities and NaN
/// propagate as in a sequential sum: candle's own `cumsum` multiplies by a triangle of
/// ones (`0 * inf = NaN` poisons every output, and it needs `n * n` memory). The shifted
/// copies are padded with `-0.0`, the identity of addition (`-0 + x` is `x` for every x,
/// `-0` included), so a leading `-0.0` stays `-0.0`.
fn scan_sum(t: &Tensor, axis: usize) -> candle_core::Result<Tensor> {
    let n = t.dims()[axis];
    let mut acc = t.contiguous()?;
    if n < 2 {
        return Ok(acc);
    }
    // One padding of -0.0, as long as the longest shift (under n); each step narrows it.
    let mut pad = t.dims().to_vec();
    pad[axis] = n - 1;
    let zeros = Tensor::full(-0.0f64, pad, t.device())?.to_dtype(t.dtype())?;
    let mut s = 1;
    while s < n {
        let shifted = Tensor::cat(&[&zeros.narrow(axis, 0, s)?, &acc.narrow(axis, 0, n - s)?], axis)?;
        acc = acc.add(&shifted)?;
        s *= 2;
    }
    Ok(acc)
}

/// A tensor of NaN shaped like `t`.
fn nans(t: &Tensor, f: &'static str) -> Result<Tensor> {
    t.affine(0.0, f64::NAN).map_err(err(f))
}

fn unary_float(t: &Tensor, op: UnaryOp) -> Result<Tensor> {
    let f = op.name();
    let e = err(f);
    Ok(match op {
        UnaryOp::Negative => t.neg().map_err(e)?,
        UnaryOp::Abs => t.abs().map_err(e)?,
        UnaryOp::Sign => {
            let s = t
                .gt(0f64)
                .map_err(&e)?
                .to_dtype(t.dtype())
                .map_err(&e)?
                .sub(&t.lt(0f64).map_err(&e)?.to_dtype(t.dtype()).map_err(&e)?)
                .map_err(&e)?;
            isnan(t, f)?.where_cond(t, &s).map_err(e)?
        }
        UnaryOp::Square => t.sqr().map_err(e)?,
        UnaryOp::Exp => t.exp().map_err(e)?,
        UnaryOp::Expm1 => {
            // Kahan's expm1, accurate to a few units in the last place everywhere (exp(x) - 1
            // alone loses all digits near 0): u = exp(x); x where u rounds to 1, -1 where
            // u - 1 does, u where u is infinite, else (u - 1) * x / log(u).
            let u = t.exp().map_err(&e)?;
            let um1 = u.affine(1.0, -1.0).map_err(&e)?;
            let ratio = t.div(&u.log().map_err(&e)?).map_err(&e)?;
            let r = um1.mul(&ratio).map_err(&e)?;
            let r = u.eq(f64::INFINITY).map_err(&e)?.where_cond(&u, &r).map_err(&e)?;
            let r = um1.eq(-1f64).map_err(&e)?.where_cond(&um1, &r).map_err(&e)?;
            u.eq(1f64).map_err(&e)?.where_cond(t, &r).map_err(e)?
        }
        UnaryOp::Log => t.log().map_err(e)?,
        UnaryOp::Log1p => {
            // Kahan's log1p: u = 1 + x; x where u rounds to 1, +inf where u is +inf, else
            // log(u) * (x / (u - 1)), which cancels the rounding of 1 + x.
            let u = t.affine(1.0, 1.0).map_err(&e)?;
            let ratio = t.div(&u.affine(1.0, -1.0).map_err(&e)?).map_err(&e)?;
            let r = u.log().map_err(&e)?.mul(&ratio).map_err(&e)?;
            let r = u.eq(f64::INFINITY).map_err(&e)?.where_cond(&u, &r).map_err(&e)?;
            u.eq(1f64).map_err(&e)?.where_cond(t, &r).map_err(e)?
        }
        UnaryOp::Sqrt => t.sqrt().map_err(e)?,
        UnaryOp::Sin => t.sin().map_err(e)?,
        UnaryOp::Cos => t.cos().map_err(e)?,
        UnaryOp::Tanh => t.tanh().map_err(e)?,
        UnaryOp::Floor => t.floor().map_err(e)?,
        UnaryOp::Ceil => t.ceil().map_err(e)?,
        UnaryOp::Round => {
            // Ties to even, and the sign of zero kept (round(-0.4) is -0).
            let fl = t.floor().map_err(&e)?;
            let frac = t.sub(&fl).map_err(&e)?;
            let up = fl.affine(1.0, 1.0).map_err(&e)?;
            let half = fl.affine(0.5, 0.0).map_err(&e)?;
            let even = half.floor().map_err(&e)?.eq(&half).map_err(&e)?;
            let tie = even.where_cond(&fl, &up).map_err(&e)?;
            let r = frac
                .lt(0.5)
                .map_err(&e)?
                .where_cond(&fl, &frac.gt(0.5).map_err(&e)?.where_cond(&up, &tie).map_err(&e)?)
                .map_err(&e)?;
            // A zero result takes x's sign (round(-0.4) is -0): x * 0 has it.
            let x0 = t.mul(&t.zeros_like().map_err(&e)?).map_err(&e)?;
            r.eq(0f64).map_err(&e)?.where_cond(&x0, &r).map_err(e)?
        }
        UnaryOp::IsNan => isnan(t, f)?,
        UnaryOp::IsInf => t.abs().map_err(&e)?.eq(f64::INFINITY).map_err(e)?,
        UnaryOp::IsFinite => {
            let bad = isnan(t, f)?.add(&t.abs().map_err(&e)?.eq(f64::INFINITY).map_err(&e)?).map_err(&e)?;
            bad.eq(0f64).map_err(e)?
        }
        UnaryOp::LogicalNot => t.eq(0f64).map_err(e)?,
        UnaryOp::Reciprocal => t.recip().map_err(e)?,
        UnaryOp::Trunc => {
            t.lt(0f64).map_err(&e)?.where_cond(&t.ceil().map_err(&e)?, &t.floor().map_err(&e)?).map_err(e)?
        }
        UnaryOp::Positive => t.clone(),
        UnaryOp::Acos => on_host(t, f64::acos)?,
        UnaryOp::Acosh => on_host(t, arrayapi_core::math::acosh)?,
        UnaryOp::Asin => on_host(t, f64::asin)?,
        UnaryOp::Asinh => on_host(t, arrayapi_core::math::asinh)?,
        UnaryOp::Atan => on_host(t, f64::atan)?,
        UnaryOp::Atanh => on_host(t, arrayapi_core::math::atanh)?,
        UnaryOp::Cosh => on_host(t, f64::cosh)?,
        UnaryOp::Sinh => on_host(t, f64::sinh)?,
        UnaryOp::Tan => on_host(t, f64::tan)?,
        UnaryOp::Log2 => on_host(t, f64::log2)?,
        UnaryOp::Log10 => on_host(t, f64::log10)?,
        UnaryOp::SignBit => {
            let bits = on_host(t, |x| if x.is_sign_negative() { 1.0 } else { 0.0 })?;
            bits.ne(0f64).map_err(e)?
        }
    })
}

/// `f` applied on the host, for functions candle has no kernel for: computed in `f64`
/// and rounded once into the tensor's dtype (exact for float64, correctly rounded for
/// float32 up to `f`'s own accuracy).
fn on_host(t: &Tensor, f: fn(f64) -> f64) -> Result<Tensor> {
    if let Some(r) = half_through_f32("unary", &[t], |w| on_host(&w[0], f)) {
        return r;
    }
    let shape = t.dims().to_vec();
    let host = match t.dtype() {
        candle_core::DType::F32 => {
            let v = to_host(t, DType::Float32)?.into_vec::<f32>()?;
            HostArray::from_vec(v.into_iter().map(|x| f(f64::from(x)) as f32).collect::<Vec<f32>>(), &shape)?
        }
        _ => {
            let v = to_host(t, DType::Float64)?.into_vec::<f64>()?;
            HostArray::from_vec(v.into_iter().map(f).collect::<Vec<f64>>(), &shape)?
        }
    };
    from_host(host, t.device())
}

/// `f` over two same-shaped float tensors, on the host (in f64, rounded once).
fn binary_on_host(a: &Tensor, b: &Tensor, f: fn(f64, f64) -> f64) -> Result<Tensor> {
    if let Some(r) = half_through_f32("binary", &[a, b], |w| binary_on_host(&w[0], &w[1], f)) {
        return r;
    }
    let e = err("binary");
    let shape = a.dims().to_vec();
    let (a, b) = (a.contiguous().map_err(&e)?, b.contiguous().map_err(&e)?);
    let host = match a.dtype() {
        candle_core::DType::F32 => {
            let (x, y) =
                (to_host(&a, DType::Float32)?.into_vec::<f32>()?, to_host(&b, DType::Float32)?.into_vec::<f32>()?);
            HostArray::from_vec(
                x.iter().zip(&y).map(|(&p, &q)| f(p.into(), q.into()) as f32).collect::<Vec<f32>>(),
                &shape,
            )?
        }
        _ => {
            let (x, y) =
                (to_host(&a, DType::Float64)?.into_vec::<f64>()?, to_host(&b, DType::Float64)?.into_vec::<f64>()?);
            HostArray::from_vec(x.iter().zip(&y).map(|(&p, &q)| f(p, q)).collect::<Vec<f64>>(), &shape)?
        }
    };
    from_host(host, a.device())
}

/// For half-width floats (`f16`, `bf16`), the host fall-backs' one rule: `op` on the
/// tensors widened to float32 (which holds every value), its result rounded back once.
/// `None` for every other dtype.
fn half_through_f32(
    func: &'static str,
    ts: &[&Tensor],
    op: impl FnOnce(&[Tensor]) -> Result<Tensor>,
) -> Option<Result<Tensor>> {
    let half =
        ts.first().map(|t| t.dtype()).filter(|d| matches!(d, candle_core::DType::F16 | candle_core::DType::BF16))?;
    let wide = ts.iter().map(|t| t.to_dtype(candle_core::DType::F32).map_err(err(func))).collect::<Result<Vec<_>>>();
    Some(wide.and_then(|w| op(&w)).and_then(|r| r.to_dtype(half).map_err(err(func))))
}

/// candle's integer kernels use plain `+`, `-` and `*`: they wrap in release builds but
/// panic ("attempt to add with overflow") in every debug build that depends on candle,
/// which is what users' `cargo build` and `cargo test` are. Integer arithmetic that can
/// overflow therefore runs on the host, in `i64` with wrapping operations (which agree
/// with wrapping in any narrower width, modulo its size), and the result is cast back
/// (a truncating `as`, which never panics).
/// `f` of the integer tensors `parts` (same candle dtype, on one device) as `i64` host
/// values, giving the values of a tensor of `shape` in that dtype, on that device.
fn int_on_host(
    parts: &[&Tensor],
    shape: &[usize],
    func: &'static str,
    f: impl FnOnce(&[Vec<i64>]) -> Vec<i64>,
) -> Result<Tensor> {
    let e = err(func);
    let (dtype, device) = (parts[0].dtype(), parts[0].device().clone());
    let cpu = candle_core::Device::Cpu;
    let host = parts
        .iter()
        .map(|t| {
            t.to_device(&cpu)
                .and_then(|t| t.to_dtype(candle_core::DType::I64))
                .and_then(|t| t.flatten_all())
                .and_then(|t| t.to_vec1::<i64>())
        })
        .collect::<candle_core::Result<Vec<_>>>()
        .map_err(&e)?;
    let out = f(&host);
    Tensor::from_vec(out, shape, &cpu).and_then(|t| t.to_dtype(dtype)).and_then(|t| t.to_device(&device)).map_err(e)
}

/// `f` of each element of an integer tensor, wrapping (see [`int_on_host`]).
fn int_map_on_host(t: &Tensor, func: &'static str, f: fn(i64) -> i64) -> Result<Tensor> {
    int_on_host(&[t], t.dims(), func, |v| v[0].iter().map(|&x| f(x)).collect())
}

fn unary_int(t: &Tensor, op: UnaryOp) -> Result<Tensor> {
    let e = err(op.name());
    Ok(match op {
        UnaryOp::Negative => int_map_on_host(t, op.name(), i64::wrapping_neg)?,
        UnaryOp::Abs => int_map_on_host(t, op.name(), i64::wrapping_abs)?,
        UnaryOp::Sign => {
            let pos = t.gt(0f64).map_err(&e)?.to_dtype(t.dtype()).map_err(&e)?;
            let neg = t.lt(0f64).map_err(&e)?.to_dtype(t.dtype()).map_err(&e)?;
            pos.sub(&neg).map_err(e)?
        }
        UnaryOp::Square => int_map_on_host(t, op.name(), |x| x.wrapping_mul(x))?,
        UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round | UnaryOp::Trunc | UnaryOp::Positive => t.clone(),
        UnaryOp::IsNan | UnaryOp::IsInf => t.ne(t).map_err(e)?,
        UnaryOp::IsFinite => t.eq(t).map_err(e)?,
        UnaryOp::LogicalNot => t.eq(0f64).map_err(e)?,
        _ => return Err(Error::DType { func: op.name(), dtype: DType::Int64, expected: "a floating-point" }),
    })
}

/// Integer `base ** exp` by squaring, wrapping like every integer op; a negative
/// exponent is an error, as on every backend.
fn int_pow<T>(base: &[T], exp: &[T]) -> Result<Vec<T>>
where
    T: Copy + Into<i128> + TryFrom<i128>,
{
    base.iter()
        .zip(exp)
        .map(|(&b, &e)| {
            let (mut b, mut e): (i128, i128) = (b.into(), e.into());
            if e < 0 {
                return Err(Error::invalid("pow", "integers to negative integer powers are not allowed"));
            }
            let mut acc: i128 = 1;
            while e > 0 {
                if e & 1 == 1 {
                    acc = acc.wrapping_mul(b);
                }
                b = b.wrapping_mul(b);
                e >>= 1;
            }
            // Wrap into T: keep the low bits, as `as` would.
            let bits = 8 * std::mem::size_of::<T>() as u32;
            let wrapped = acc & ((1i128 << bits) - 1);
            let signed = T::try_from(-1i128).is_ok();
            let v = if signed && wrapped >= 1i128 << (bits - 1) { wrapped - (1i128 << bits) } else { wrapped };
            T::try_from(v).map_err(|_| Error::invalid("pow", "integer pow overflowed its dtype"))
        })
        .collect()
}

/// `pow` on the host (candle's kernel is `exp(b ln a)`, NaN for negative bases).
fn pow_host(a: &Tensor, b: &Tensor, dtype: DType, device: &candle_core::Device) -> Result<Tensor> {
    if let Some(r) = half_through_f32("pow", &[a, b], |w| pow_host(&w[0], &w[1], DType::Float32, device)) {
        return r;
    }
    let (x, y) = (to_host(a, dtype)?, to_host(b, dtype)?);
    let shape = a.dims().to_vec();
    let host = match (x.data(), y.data()) {
        (HostData::F32(p), HostData::F32(q)) => {
            HostArray::from_vec(p.iter().zip(q).map(|(p, q)| p.powf(*q)).collect::<Vec<f32>>(), &shape)?
        }
        (HostData::F64(p), HostData::F64(q)) => {
            HostArray::from_vec(p.iter().zip(q).map(|(p, q)| p.powf(*q)).collect::<Vec<f64>>(), &shape)?
        }
        (HostData::U8(p), HostData::U8(q)) => HostArray::from_vec(int_pow(p, q)?, &shape)?,
        (HostData::U32(p), HostData::U32(q)) => HostArray::from_vec(int_pow(p, q)?, &shape)?,
        (HostData::I16(p), HostData::I16(q)) => HostArray::from_vec(int_pow(p, q)?, &shape)?,
        (HostData::I32(p), HostData::I32(q)) => HostArray::from_vec(int_pow(p, q)?, &shape)?,
        (HostData::I64(p), HostData::I64(q)) => HostArray::from_vec(int_pow(p, q)?, &shape)?,
        _ => return Err(Error::Unsupported { func: "pow", backend: BACKEND, what: format!("pow of {dtype}") }),
    };
    from_host(host, device)
}

impl TryFrom<Tensor> for CandleArray {
    type Error = Error;
    /// [`CandleArray::from_tensor`] (no copy).
    fn try_from(t: Tensor) -> Result<Self> {
        CandleArray::from_tensor(t)
    }
}

impl From<CandleArray> for Tensor {
    /// [`CandleArray::into_tensor`] (no copy).
    fn from(x: CandleArray) -> Tensor {
        x.into_tensor()
    }
}

impl arrayapi_core::Backend for CandleArray {
    type Namespace = CandleNamespace;
    // A `Tensor` clone is a reference count, and nothing here writes into shared
    // storage (`slice_assign` builds a new tensor).
    const SHARES_ON_CLONE: bool = true;

    fn namespace(x: &Self) -> CandleNamespace {
        // The tensor's own device: new arrays "like" this one can be combined with it.
        CandleNamespace::of(x.t.device())
    }
    fn backend_name(_: &Self) -> &'static str {
        BACKEND
    }
    fn shape(x: &Self) -> &[usize] {
        x.t.dims()
    }
    fn dtype(x: &Self) -> DType {
        x.dtype
    }
    fn device(x: &Self) -> Device {
        ours(x.t.device())
    }
    fn from_host(ns: &CandleNamespace, host: HostArray) -> Result<Self> {
        let dtype = host.dtype();
        Ok(CandleArray { t: from_host(host, ns.candle_device())?, dtype })
    }
    fn to_host(x: &Self) -> Result<HostArray> {
        to_host(&x.t, x.dtype)
    }
    fn full(ns: &CandleNamespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        let fill = fill.cast("full", dtype)?;
        storage("full", dtype)?;
        let n = check::output("full", shape, dtype)?;
        // Filled on the host and copied once: exact for every value of every dtype.
        fn filled<T: Element>(fill: Scalar, n: usize, shape: &[usize]) -> Result<HostArray> {
            HostArray::from_vec(vec![T::from_scalar(fill); n], shape)
        }
        let host = match dtype {
            DType::Bool => filled::<bool>(fill, n, shape)?,
            DType::UInt8 => filled::<u8>(fill, n, shape)?,
            DType::Int16 => filled::<i16>(fill, n, shape)?,
            DType::Int32 => filled::<i32>(fill, n, shape)?,
            DType::Int64 => filled::<i64>(fill, n, shape)?,
            DType::UInt32 => filled::<u32>(fill, n, shape)?,
            DType::Float32 => filled::<f32>(fill, n, shape)?,
            DType::Float64 => filled::<f64>(fill, n, shape)?,
            DType::Float16 => filled::<arrayapi_core::half::f16>(fill, n, shape)?,
            DType::BFloat16 => filled::<arrayapi_core::half::bf16>(fill, n, shape)?,
            // Refused by `storage` above; listed to keep the match exhaustive.
            DType::Int8 | DType::UInt16 | DType::UInt64 => {
                return Err(Error::Unsupported { func: "full", backend: BACKEND, what: format!("dtype {dtype}") })
            }
        };
        Ok(CandleArray { t: from_host(host, ns.candle_device())?, dtype })
    }
    fn to_device(x: &Self, device: Device) -> Result<Self> {
        let ns = x.namespace().on_device(device)?;
        Ok(x.with(x.t.to_device(ns.candle_device()).map_err(err("to_device"))?, x.dtype))
    }
    fn astype(x: &Self, dtype: DType) -> Result<Self> {
        check::output("astype", x.shape(), dtype)?;
        if let Some(r) = on_cpu("astype", &[x], &[dtype], |v| v[0].astype(dtype)) {
            return r;
        }
        Ok(x.with(x.cast("astype", dtype)?, dtype))
    }
    fn unary(x: &Self, op: UnaryOp) -> Result<Self> {
        let out = op.result_dtype(x.dtype)?;
        if let Some(r) = on_cpu(op.name(), &[x], &[], |v| v[0].unary(op)) {
            return r;
        }
        let t = if x.dtype.is_floating() { unary_float(&x.t, op)? } else { unary_int(&x.t, op)? };
        Ok(x.with(t, out))
    }
    fn binary(this: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        let f = op.name();
        let e = err(f);
        let spec = check::binary(op, (this.shape(), this.dtype), (other.shape(), other.dtype))?;
        check::same_device(f, this.device(), other.device())?;
        if let Some(r) = on_cpu(f, &[this, other], &[], |v| v[0].binary(&v[1], op)) {
            return r;
        }
        let a = this.cast(f, spec.operand_dtype)?.broadcast_as(spec.shape.as_slice()).map_err(&e)?;
        let b = other.cast(f, spec.operand_dtype)?.broadcast_as(spec.shape.as_slice()).map_err(&e)?;
        let float = spec.operand_dtype.is_floating();
        let wrapping = match op {
            BinaryOp::Add => Some(i64::wrapping_add as fn(i64, i64) -> i64),
            BinaryOp::Subtract => Some(i64::wrapping_sub as fn(i64, i64) -> i64),
            BinaryOp::Multiply => Some(i64::wrapping_mul as fn(i64, i64) -> i64),
            _ => None,
        };
        if let (Some(g), true) = (wrapping, spec.operand_dtype.is_integer()) {
            let t =
                int_on_host(&[&a, &b], &spec.shape, f, |v| v[0].iter().zip(&v[1]).map(|(&x, &y)| g(x, y)).collect())?;
            return Ok(this.with(t, spec.out_dtype));
        }
        let t = match op {
            BinaryOp::Add => a.add(&b).map_err(e)?,
            BinaryOp::Subtract => a.sub(&b).map_err(e)?,
            BinaryOp::Multiply => a.mul(&b).map_err(e)?,
            BinaryOp::Divide => a.div(&b).map_err(e)?,
            BinaryOp::Pow => {
                let (ca, cb) = (a.contiguous().map_err(&e)?, b.contiguous().map_err(&e)?);
                pow_host(&ca, &cb, spec.operand_dtype, this.t.device())?
            }
            BinaryOp::Maximum | BinaryOp::Minimum => {
                let m = if op == BinaryOp::Maximum { a.maximum(&b) } else { a.minimum(&b) }.map_err(&e)?;
                if float {
                    // candle ignores NaN here; the standard propagates it (a + b is NaN then).
                    let any_nan = isnan(&a, f)?.add(&isnan(&b, f)?).map_err(&e)?;
                    any_nan.where_cond(&a.add(&b).map_err(&e)?, &m).map_err(e)?
                } else {
                    m
                }
            }
            BinaryOp::Equal => a.eq(&b).map_err(e)?,
            BinaryOp::NotEqual => a.ne(&b).map_err(e)?,
            BinaryOp::Less => a.lt(&b).map_err(e)?,
            BinaryOp::LessEqual => a.le(&b).map_err(e)?,
            BinaryOp::Greater => a.gt(&b).map_err(e)?,
            BinaryOp::GreaterEqual => a.ge(&b).map_err(e)?,
            BinaryOp::LogicalAnd => a.mul(&b).map_err(e)?,
            BinaryOp::LogicalOr => a.add(&b).map_err(&e)?.gt(0f64).map_err(e)?,
            BinaryOp::LogicalXor => a.ne(&b).map_err(e)?,
            BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::CopySign | BinaryOp::LogAddExp => {
                // No candle kernels: computed on the host in f64, rounded once.
                let f: fn(f64, f64) -> f64 = match op {
                    BinaryOp::Atan2 => f64::atan2,
                    BinaryOp::Hypot => f64::hypot,
                    BinaryOp::CopySign => f64::copysign,
                    _ => |x, y| {
                        let m = x.max(y);
                        if x.is_nan() || y.is_nan() {
                            f64::NAN
                        } else if m.is_infinite() {
                            m
                        } else {
                            m + (-(x - y).abs()).exp().ln_1p()
                        }
                    },
                };
                binary_on_host(&a, &b, f)?
            }
        };
        Ok(this.with(t, spec.out_dtype))
    }
    fn select(x: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        const F: &str = "where";
        let e = err(F);
        let (shape, dtype) = check::where_((x.shape(), x.dtype), (x1.shape(), x1.dtype), (x2.shape(), x2.dtype))?;
        check::same_device(F, x1.device(), x2.device())?;
        check::same_device(F, x.device(), x1.device())?;
        if let Some(r) = on_cpu(F, &[x, x1, x2], &[], |v| v[0].select(&v[1], &v[2])) {
            return r;
        }
        let c = x.t.broadcast_as(shape.as_slice()).map_err(&e)?;
        let a = x1.cast(F, dtype)?.broadcast_as(shape.as_slice()).map_err(&e)?;
        let b = x2.cast(F, dtype)?.broadcast_as(shape.as_slice()).map_err(&e)?;
        Ok(x.with(c.where_cond(&a, &b).map_err(e)?, dtype))
    }
    fn reduce(this: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        let f = op.name();
        let e = err(f);
        let (out_shape, out_dtype) = check::reduce(op, this.shape(), this.dtype, axes, keepdims)?;
        if let Some(r) = on_cpu(f, &[this], &[out_dtype], |v| v[0].reduce(op, axes, keepdims)) {
            return r;
        }
        if out_shape.contains(&0) {
            // Nothing to compute (candle refuses a reduction into an empty tensor).
            let t = Tensor::zeros(out_shape, storage(f, out_dtype)?, this.t.device()).map_err(e)?;
            return Ok(this.with(t, out_dtype));
        }
        if this.shape().contains(&0) {
            // The identity everywhere (max and min of nothing were refused above); no
            // loop along the axes of a zero-element tensor, which may be huge.
            let identity = match op {
                ReduceOp::Prod | ReduceOp::All => Scalar::Int(1),
                _ => Scalar::Int(0),
            };
            let fill = if out_dtype.is_bool() { Scalar::Bool(op == ReduceOp::All) } else { identity };
            return <Self as arrayapi_core::Backend>::full(&this.namespace(), &out_shape, fill, out_dtype)
                .map_err(|e| e.in_func(f));
        }
        if axes.is_empty() {
            let t = match op {
                ReduceOp::All | ReduceOp::Any => this.cast(f, DType::Bool)?,
                _ => this.cast(f, out_dtype)?,
            };
            return Ok(this.with(t, out_dtype));
        }
        if out_dtype.is_integer() && matches!(op, ReduceOp::Sum | ReduceOp::Prod) {
            // Wrapping, on the host (see `int_on_host`).
            let v: Vec<i64> = this.astype(DType::Int64)?.to_host()?.into_vec()?;
            let (init, g): (i64, fn(i64, i64) -> i64) =
                if op == ReduceOp::Sum { (0, i64::wrapping_add) } else { (1, i64::wrapping_mul) };
            let out = fold_axes(&v, this.shape(), axes, init, g);
            let r =
                <Self as arrayapi_core::Backend>::from_host(&this.namespace(), HostArray::from_vec(out, &out_shape)?)?;
            return r.astype(out_dtype).map_err(|e| e.in_func(f));
        }
        let t = match op {
            ReduceOp::Sum => this.cast(f, out_dtype)?.sum_keepdim(axes.to_vec()).map_err(e)?,
            ReduceOp::Prod => {
                // No product reduction in candle: exp(sum(log|x|)) loses exactness, so
                // fold the reduced axes one by one with multiplications on the device.
                let mut t = this.cast(f, out_dtype)?;
                for &ax in axes.iter().rev() {
                    let n = t.dims()[ax];
                    let mut acc = t.narrow(ax, 0, n.min(1)).map_err(&e)?;
                    if n == 0 {
                        let mut shape = t.dims().to_vec();
                        shape[ax] = 1;
                        acc = Tensor::ones(shape, t.dtype(), t.device()).map_err(&e)?;
                    }
                    for i in 1..n {
                        acc = acc.mul(&t.narrow(ax, i, 1).map_err(&e)?).map_err(&e)?;
                    }
                    t = acc;
                }
                t
            }
            ReduceOp::Max | ReduceOp::Min => {
                let mut t = this.t.clone();
                for &ax in axes.iter().rev() {
                    t = if op == ReduceOp::Max { t.max_keepdim(ax) } else { t.min_keepdim(ax) }.map_err(&e)?;
                }
                if this.dtype.is_floating() {
                    let any_nan = isnan(&this.t, f)?
                        .to_dtype(candle_core::DType::U32)
                        .map_err(&e)?
                        .sum_keepdim(axes.to_vec())
                        .map_err(&e)?
                        .gt(0f64)
                        .map_err(&e)?;
                    any_nan.where_cond(&nans(&t, f)?, &t).map_err(e)?
                } else {
                    t
                }
            }
            ReduceOp::All | ReduceOp::Any => {
                let n: usize = axes.iter().map(|&a| this.shape()[a]).product();
                let count = this
                    .cast(f, DType::Bool)?
                    .to_dtype(candle_core::DType::I64)
                    .map_err(&e)?
                    .sum_keepdim(axes.to_vec())
                    .map_err(&e)?;
                if op == ReduceOp::All { count.eq(n as f64) } else { count.gt(0f64) }.map_err(e)?
            }
        };
        Ok(this.with(t.reshape(out_shape).map_err(err(f))?, out_dtype))
    }
    fn arg_reduce(x: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        let f = op.name();
        let e = err(f);
        let out_shape = check::arg_reduce(op, x.shape(), x.dtype, axis, keepdims)?;
        if let Some(r) = on_cpu(f, &[x], &[], |v| v[0].arg_reduce(op, axis, keepdims)) {
            return r;
        }
        if out_shape.contains(&0) {
            // Nothing to reduce into (candle refuses an empty reduction).
            let t = Tensor::zeros(out_shape, candle_core::DType::I64, x.t.device()).map_err(&e)?;
            return Ok(x.with(t, DType::Int64));
        }
        // The first of equal extrema, as the standard says: candle's CUDA argmax returns
        // any of them, so find the extremum, then the first position holding it.
        let extremum = match op {
            ArgReduceOp::ArgMax => x.t.max_keepdim(axis),
            ArgReduceOp::ArgMin => x.t.min_keepdim(axis),
        }
        .map_err(&e)?;
        let idx = first_true(&x.t.broadcast_eq(&extremum).map_err(&e)?, axis, f)?;
        let idx = if x.dtype.is_floating() {
            // The first NaN wins, as in NumPy.
            let nan = isnan(&x.t, f)?;
            let has_nan = nan.max_keepdim(axis).map_err(&e)?;
            has_nan.where_cond(&first_true(&nan, axis, f)?, &idx).map_err(&e)?
        } else {
            idx
        };
        let idx = idx.to_dtype(candle_core::DType::I64).map_err(&e)?.reshape(out_shape).map_err(e)?;
        Ok(x.with(idx, DType::Int64))
    }
    fn cumulative(this: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        let f = op.name();
        let e = err(f);
        let (out_shape, dtype) = check::cumulative(op, this.shape(), this.dtype, axis, include_initial)?;
        if let Some(r) = on_cpu(f, &[this], &[dtype], |v| v[0].cumulative(op, axis, include_initial)) {
            return r;
        }
        if dtype == DType::Int64 {
            // candle's cumsum is a float matmul, inexact beyond 2^24 (f32) or 2^53:
            // exact, wrapping integer sums on the host instead.
            let v: Vec<i64> = this.astype(dtype)?.to_host()?.into_vec()?;
            let out = arrayapi_core::scan_axis(f, &v, this.shape(), axis, include_initial, 0, i64::wrapping_add)?;
            return <Self as arrayapi_core::Backend>::from_host(
                &this.namespace(),
                HostArray::from_vec(out, &out_shape)?,
            );
        }
        if !dtype.is_floating() {
            return Err(Error::Unsupported {
                func: f,
                backend: BACKEND,
                what: format!("dtype {dtype} (candle stores no uint64 accumulator)"),
            });
        }
        let x = this.cast(f, dtype)?;
        let mut t = scan_sum(&x, axis).map_err(&e)?;
        if include_initial {
            let mut zshape = this.shape().to_vec();
            zshape[axis] = 1;
            let z = Tensor::zeros(zshape, t.dtype(), t.device()).map_err(&e)?;
            t = Tensor::cat(&[&z, &t], axis).map_err(&e)?;
        }
        Ok(this.with(t.reshape(out_shape).map_err(e)?, dtype))
    }
    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        check::reshape(x.shape(), shape)?;
        if let Some(r) = on_cpu("reshape", &[x], &[], |v| v[0].reshape_exact(shape)) {
            return r;
        }
        Ok(x.with(x.t.reshape(shape).map_err(err("reshape"))?, x.dtype))
    }
    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        check::permute_dims(x.shape(), axes)?;
        if axes.is_empty() {
            return Ok(x.clone());
        }
        Ok(x.with(x.t.permute(axes.to_vec()).map_err(err("permute_dims"))?, x.dtype))
    }
    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        check::broadcast_to(x.shape(), shape, x.dtype)?;
        Ok(x.with(x.t.broadcast_as(shape).map_err(err("broadcast_to"))?, x.dtype))
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        const F: &str = "concat";
        let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
        let dtypes: Vec<DType> = arrays.iter().map(|a| a.dtype).collect();
        let (_, dtype) = check::concat(&shapes, &dtypes, axis)?;
        if let Some(w) = arrays.windows(2).find(|w| w[0].device() != w[1].device()) {
            return Err(Error::DeviceMismatch { func: F, lhs: w[0].device(), rhs: w[1].device() });
        }
        let refs: Vec<&Self> = arrays.iter().collect();
        if let Some(r) = on_cpu(F, &refs, &[dtype], |v| <Self as arrayapi_core::Backend>::concat_axis(v, axis)) {
            return r;
        }
        let parts = arrays.iter().map(|a| a.cast(F, dtype)).collect::<Result<Vec<_>>>()?;
        let t = Tensor::cat(&parts, axis).map_err(err(F))?;
        Ok(CandleArray { t, dtype })
    }
    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        const F: &str = "take";
        let out_shape = check::take(x.shape(), x.dtype, (indices.shape(), indices.dtype), axis)?;
        if let Some(r) = on_cpu(F, &[x, indices], &[], |v| v[0].take_axis(&v[1], axis)) {
            return r;
        }
        let size = x.shape()[axis];
        let raw = to_host(&indices.cast(F, DType::Int64)?, DType::Int64)?.into_vec::<i64>()?;
        // candle's index_select takes u32 positions: an axis longer than u32::MAX is
        // refused, never indexed through a truncated position.
        let pos = raw
            .iter()
            .map(|&i| {
                let p = check::index(F, i, axis, size)?;
                u32::try_from(p).map_err(|_| Error::Unsupported {
                    func: F,
                    backend: BACKEND,
                    what: format!("position {p} on an axis of {size} (candle indexes with u32)"),
                })
            })
            .collect::<Result<Vec<u32>>>()?;
        if pos.is_empty() {
            let t = Tensor::zeros(out_shape, x.t.dtype(), x.t.device()).map_err(err(F))?;
            return Ok(x.with(t, x.dtype));
        }
        let n = pos.len();
        let idx = Tensor::from_vec(pos, n, x.t.device()).map_err(err(F))?;
        Ok(x.with(x.t.contiguous().map_err(err(F))?.index_select(&idx, axis).map_err(err(F))?, x.dtype))
    }
    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        crate::fused::fused(op, args)
    }
    fn slice(x: &Self, index: impl Into<Selection>) -> Result<Self> {
        const F: &str = "slice";
        let picks = index.into().resolve(F, x.shape())?;
        if x.shape().contains(&0) {
            // Empty in, empty out; its other axes may be huge (no index vectors for them).
            return <Self as arrayapi_core::Backend>::reshape_exact(x, &picks_shape(&picks));
        }
        // Unit steps and integers are candle's `narrow` (a view); other steps select
        // their positions (`index_select`, a copy). Axes are then removed and inserted
        // with `squeeze`/`unsqueeze`, which are views too.
        let mut y = x.clone();
        for pick in &picks {
            match *pick {
                Pick::Range { axis, .. } if pick.is_whole(x.shape()[axis]) => {}
                Pick::Range { axis, step, len, .. } if step != 1 && len > 1 => {
                    let positions: Vec<i64> = pick.positions().map(|p| p as i64).collect();
                    let idx = <Self as arrayapi_core::Backend>::from_host(
                        &x.namespace(),
                        HostArray::from_vec(positions, &[len])?,
                    )?;
                    y = <Self as arrayapi_core::Backend>::take_axis(&y, &idx, axis).map_err(|e| e.in_func(F))?;
                }
                Pick::Range { axis, start, len, .. } => y.t = y.t.narrow(axis, start, len).map_err(err(F))?,
                Pick::Index { axis, index } => y.t = y.t.narrow(axis, index, 1).map_err(err(F))?,
                Pick::NewAxis => {}
            }
        }
        for (axis, _) in removed_axes(&picks) {
            y.t = y.t.squeeze(axis).map_err(err(F))?;
        }
        for axis in new_axes(&picks) {
            y.t = y.t.unsqueeze(axis).map_err(err(F))?;
        }
        Ok(y)
    }
    fn matmul(this: &Self, other: &Self) -> Result<Self> {
        const F: &str = "matmul";
        let e = err(F);
        let spec = check::matmul((this.shape(), this.dtype), (other.shape(), other.dtype))?;
        check::same_device(F, this.device(), other.device())?;
        if let Some(r) = on_cpu(F, &[this, other], &[], |v| v[0].matmul(&v[1])) {
            return r;
        }
        let dev = this.t.device();
        let st = storage(F, spec.dtype)?;
        let n_out: usize = spec.out_shape.iter().product();
        if spec.k == 0 || n_out == 0 {
            return Ok(this.with(Tensor::zeros(spec.out_shape.as_slice(), st, dev).map_err(e)?, spec.dtype));
        }
        let batched = |x: &Self, rows: usize, cols: usize| -> Result<Tensor> {
            let lead = x.shape().len().saturating_sub(2);
            let mut mat = x.shape()[..lead].to_vec();
            mat.extend([rows, cols]);
            let mut full = spec.batch.clone();
            full.extend([rows, cols]);
            let nb: usize = spec.batch.iter().product();
            x.cast(F, spec.dtype)?
                .reshape(mat)
                .and_then(|t| t.broadcast_as(full))
                .and_then(|t| t.contiguous())
                .and_then(|t| t.reshape((nb, rows, cols)))
                .map_err(err(F))
        };
        // Both operands are materialised at the broadcast batch: checked with the output.
        let nb: usize = spec.batch.iter().product();
        check::allocations(
            F,
            &[(&[nb, spec.m, spec.k], spec.dtype), (&[nb, spec.k, spec.n], spec.dtype), (&spec.out_shape, spec.dtype)],
        )?;
        let (a, b) = (batched(this, spec.m, spec.k)?, batched(other, spec.k, spec.n)?);
        let t = if spec.dtype.is_integer() { integer_matmul(&a, &b)? } else { a.matmul(&b).map_err(&e)? };
        let t = t.reshape(spec.out_shape.as_slice()).map_err(e)?;
        Ok(this.with(t, spec.dtype))
    }
}

/// The products of two batches of integer matrices (`[nb, m, k] @ [nb, k, n]`, one dtype),
/// exactly and wrapping in that dtype as the standard's integer arithmetic does: candle's
/// matmul has float kernels only. Accumulated on the host in `i64` with wrapping
/// arithmetic (which agrees with wrapping in any narrower width, modulo its size) and
/// cast back, which truncates to the width.
fn integer_matmul(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    const F: &str = "matmul";
    let (nb, m, k) = a.dims3().map_err(err(F))?;
    let n = b.dims()[2];
    int_on_host(&[a, b], &[nb, m, n], F, |v| {
        let (x, y) = (&v[0], &v[1]);
        let mut out = vec![0i64; nb * m * n];
        for bi in 0..nb {
            let (xa, yb, o) = (&x[bi * m * k..][..m * k], &y[bi * k * n..][..k * n], &mut out[bi * m * n..][..m * n]);
            for i in 0..m {
                for p in 0..k {
                    let v = xa[i * k + p];
                    for j in 0..n {
                        o[i * n + j] = o[i * n + j].wrapping_add(v.wrapping_mul(yb[p * n + j]));
                    }
                }
            }
        }
        out
    })
}

/// The fold of row-major `values` of `shape` over `axes` (sorted, distinct), in the order
/// of the kept elements: the host side of wrapping integer sums and products.
fn fold_axes(values: &[i64], shape: &[usize], axes: &[usize], init: i64, f: fn(i64, i64) -> i64) -> Vec<i64> {
    let kept: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
    let n_out: usize = kept.iter().map(|&d| shape[d]).product();
    let mut out = vec![init; n_out];
    let mut idx = vec![0usize; shape.len()];
    for &v in values {
        let o = kept.iter().fold(0, |o, &d| o * shape[d] + idx[d]);
        out[o] = f(out[o], v);
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out
}

// Rust's operators (`&a + &b`, `&x * 2.0`, `-&x`), returning `Result` (see
// `arrayapi_core::api::operators`).
arrayapi_core::impl_operators!(CandleArray);

// `Display`: NumPy's `str()`, the same on every backend (see `arrayapi_core::api::display`).
arrayapi_core::impl_display!(CandleArray);
arrayapi_core::impl_debug!(CandleArray);
