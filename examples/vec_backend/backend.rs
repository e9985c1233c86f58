//! `VecArray`: an arrayapi backend written from scratch, as simply as possible.
//!
//! Data are flat row-major vectors: floats as `f64`, integers and booleans as `i128`.
//! Every operation computes in those wide types and then rounds (float32) or wraps (the
//! integer types) the result back into the array's dtype, which gives exact semantics for
//! every dtype with one code path each. It implements only the 20 required methods of
//! the backend contract, `Backend`; every other function (`mean`, `stack`, `linspace`,
//! `clip`, ...) runs its default implementation from `arrayapi::defaults`, and the
//! argument checks come from `arrayapi::check`.

use std::sync::Arc;

use arrayapi::check;
use arrayapi::{
    ArgReduceOp, ArrayApi, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, Error, HostArray, HostData,
    ReduceOp, Result, Scalar, UnaryOp,
};

/// The namespace: host memory only.
#[derive(Clone, Copy, Debug, Default)]
pub struct VecNamespace;

impl BackendNamespace for VecNamespace {
    fn backend_name(&self) -> &'static str {
        "vec"
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Buf {
    F(Arc<Vec<f64>>),
    I(Arc<Vec<i128>>),
}

/// A row-major array in a `Vec`.
#[derive(Clone, Debug)]
pub struct VecArray {
    shape: Vec<usize>,
    dtype: DType,
    buf: Buf,
}

/// `dtype` if this backend stores it: the standard's eleven (the namespace's default
/// `dtypes()`), not the half-width floats, which would need their own rounding.
fn stored(func: &'static str, dtype: DType) -> Result<DType> {
    if DType::STANDARD.contains(&dtype) {
        Ok(dtype)
    } else {
        Err(Error::Unsupported { func, backend: "vec", what: format!("dtype {dtype}") })
    }
}

/// Rounds or wraps a wide value into `dtype`.
fn fix_f(dtype: DType, x: f64) -> f64 {
    if dtype == DType::Float32 {
        x as f32 as f64
    } else {
        x
    }
}

fn fix_i(dtype: DType, x: i128) -> i128 {
    match dtype {
        DType::Bool => (x != 0) as i128,
        DType::Int8 => x as i8 as i128,
        DType::Int16 => x as i16 as i128,
        DType::Int32 => x as i32 as i128,
        DType::Int64 => x as i64 as i128,
        DType::UInt8 => x as u8 as i128,
        DType::UInt16 => x as u16 as i128,
        DType::UInt32 => x as u32 as i128,
        _ => x as u64 as i128,
    }
}

/// A float converted to an integer dtype as Rust's `as` does: truncate, saturate, NaN is 0.
fn f_to_i(dtype: DType, x: f64) -> i128 {
    match dtype {
        DType::Bool => (x != 0.0) as i128,
        DType::Int8 => x as i8 as i128,
        DType::Int16 => x as i16 as i128,
        DType::Int32 => x as i32 as i128,
        DType::Int64 => x as i64 as i128,
        DType::UInt8 => x as u8 as i128,
        DType::UInt16 => x as u16 as i128,
        DType::UInt32 => x as u32 as i128,
        _ => x as u64 as i128,
    }
}

fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1] * shape[i + 1];
    }
    s
}

/// For each element of `out` (row-major), the index of the element of an array of shape
/// `from` it reads when `from` is broadcast to `out`.
fn broadcast_map(from: &[usize], out: &[usize]) -> Vec<usize> {
    let n: usize = out.iter().product();
    let (fs, off) = (strides(from), out.len() - from.len());
    (0..n)
        .map(|mut flat| {
            let mut src = 0;
            for d in (0..out.len()).rev() {
                let i = flat % out[d];
                flat /= out[d];
                if d >= off && from[d - off] != 1 {
                    src += i * fs[d - off];
                }
            }
            src
        })
        .collect()
}

impl VecArray {
    fn floats(&self) -> Result<&[f64]> {
        match &self.buf {
            Buf::F(v) => Ok(v),
            Buf::I(_) => Err(Error::Unsupported { func: "vec", backend: "vec", what: "a float op on integers".into() }),
        }
    }
    fn ints(&self) -> Result<&[i128]> {
        match &self.buf {
            Buf::I(v) => Ok(v),
            Buf::F(_) => {
                Err(Error::Unsupported { func: "vec", backend: "vec", what: "an integer op on floats".into() })
            }
        }
    }
    fn new_f(shape: Vec<usize>, dtype: DType, v: Vec<f64>) -> Self {
        let v = v.into_iter().map(|x| fix_f(dtype, x)).collect();
        VecArray { shape, dtype, buf: Buf::F(Arc::new(v)) }
    }
    fn new_i(shape: Vec<usize>, dtype: DType, v: Vec<i128>) -> Self {
        let v = v.into_iter().map(|x| fix_i(dtype, x)).collect();
        VecArray { shape, dtype, buf: Buf::I(Arc::new(v)) }
    }
    /// The elements in `order` (indices into this array), as a new buffer.
    fn gather(&self, shape: Vec<usize>, order: &[usize]) -> Self {
        let buf = match &self.buf {
            Buf::F(v) => Buf::F(Arc::new(order.iter().map(|&i| v[i]).collect())),
            Buf::I(v) => Buf::I(Arc::new(order.iter().map(|&i| v[i]).collect())),
        };
        VecArray { shape, dtype: self.dtype, buf }
    }
}

fn wrapping_pow(mut base: i128, mut exp: i128) -> i128 {
    let mut acc: i128 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

// Every backend's array prints as NumPy does (the contract requires `Display`).
arrayapi::impl_display!(VecArray);

impl arrayapi::Backend for VecArray {
    type Namespace = VecNamespace;

    fn namespace(_: &Self) -> VecNamespace {
        VecNamespace
    }
    fn shape(x: &Self) -> &[usize] {
        &x.shape
    }
    fn dtype(x: &Self) -> DType {
        x.dtype
    }
    fn device(_: &Self) -> Device {
        Device::Cpu
    }

    fn from_host(_: &VecNamespace, host: HostArray) -> Result<Self> {
        let dtype = stored("asarray", host.dtype())?;
        let (shape, data) = host.into_parts();
        fn ints<T: Copy + Into<i128>>(v: Vec<T>) -> Vec<i128> {
            v.into_iter().map(Into::into).collect()
        }
        Ok(match data {
            HostData::F32(v) => Self::new_f(shape, dtype, v.into_iter().map(f64::from).collect()),
            HostData::F64(v) => Self::new_f(shape, dtype, v),
            HostData::Bool(v) => Self::new_i(shape, dtype, v.into_iter().map(i128::from).collect()),
            HostData::I8(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::I16(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::I32(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::I64(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::U8(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::U16(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::U32(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::U64(v) => Self::new_i(shape, dtype, ints(v)),
            HostData::F16(_) | HostData::BF16(_) => {
                return Err(Error::Unsupported { func: "asarray", backend: "vec", what: format!("dtype {dtype}") })
            }
        })
    }

    fn to_host(this: &Self) -> Result<HostArray> {
        let data = match (&this.buf, this.dtype) {
            (Buf::F(v), DType::Float32) => HostData::F32(v.iter().map(|&x| x as f32).collect()),
            (Buf::F(v), _) => HostData::F64(v.to_vec()),
            (Buf::I(v), DType::Bool) => HostData::Bool(v.iter().map(|&x| x != 0).collect()),
            (Buf::I(v), DType::Int8) => HostData::I8(v.iter().map(|&x| x as i8).collect()),
            (Buf::I(v), DType::Int16) => HostData::I16(v.iter().map(|&x| x as i16).collect()),
            (Buf::I(v), DType::Int32) => HostData::I32(v.iter().map(|&x| x as i32).collect()),
            (Buf::I(v), DType::Int64) => HostData::I64(v.iter().map(|&x| x as i64).collect()),
            (Buf::I(v), DType::UInt8) => HostData::U8(v.iter().map(|&x| x as u8).collect()),
            (Buf::I(v), DType::UInt16) => HostData::U16(v.iter().map(|&x| x as u16).collect()),
            (Buf::I(v), DType::UInt32) => HostData::U32(v.iter().map(|&x| x as u32).collect()),
            (Buf::I(v), _) => HostData::U64(v.iter().map(|&x| x as u64).collect()),
        };
        HostArray::new(&this.shape, data)
    }

    fn full(_: &VecNamespace, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        let fill = fill.cast("full", stored("full", dtype)?)?;
        let n = check::output("full", shape, dtype)?;
        Ok(match fill {
            Scalar::Float(x) => Self::new_f(shape.to_vec(), dtype, vec![x; n]),
            Scalar::Int(x) => Self::new_i(shape.to_vec(), dtype, vec![x as i128; n]),
            Scalar::UInt(x) => Self::new_i(shape.to_vec(), dtype, vec![x as i128; n]),
            Scalar::Bool(x) => Self::new_i(shape.to_vec(), dtype, vec![x as i128; n]),
        })
    }

    fn astype(this: &Self, dtype: DType) -> Result<Self> {
        check::output("astype", &this.shape, stored("astype", dtype)?)?;
        let shape = this.shape.clone();
        Ok(match (&this.buf, dtype.is_floating()) {
            (Buf::F(v), true) => Self::new_f(shape, dtype, v.to_vec()),
            (Buf::F(v), false) => {
                VecArray { shape, dtype, buf: Buf::I(Arc::new(v.iter().map(|&x| f_to_i(dtype, x)).collect())) }
            }
            (Buf::I(v), true) => Self::new_f(shape, dtype, v.iter().map(|&x| x as f64).collect()),
            (Buf::I(v), false) => Self::new_i(shape, dtype, v.to_vec()),
        })
    }

    fn unary(this: &Self, op: UnaryOp) -> Result<Self> {
        let out = op.result_dtype(this.dtype)?;
        let shape = this.shape.clone();
        use UnaryOp::*;
        if let Buf::F(v) = &this.buf {
            let test = |f: fn(f64) -> bool| Self::new_i(shape.clone(), out, v.iter().map(|&x| f(x) as i128).collect());
            let map = |f: fn(f64) -> f64| Self::new_f(shape.clone(), out, v.iter().map(|&x| f(x)).collect());
            return Ok(match op {
                IsNan => test(f64::is_nan),
                IsInf => test(f64::is_infinite),
                IsFinite => test(f64::is_finite),
                Negative => map(|x| -x),
                Abs => map(f64::abs),
                Sign => map(|x| {
                    if x.is_nan() {
                        x
                    } else if x > 0.0 {
                        1.0
                    } else if x < 0.0 {
                        -1.0
                    } else {
                        0.0
                    }
                }),
                Square => map(|x| x * x),
                Exp => map(f64::exp),
                Expm1 => map(f64::exp_m1),
                Log => map(f64::ln),
                Log1p => map(f64::ln_1p),
                Sqrt => map(f64::sqrt),
                Sin => map(f64::sin),
                Cos => map(f64::cos),
                Tanh => map(f64::tanh),
                Floor => map(f64::floor),
                Ceil => map(f64::ceil),
                Round => map(f64::round_ties_even),
                Trunc => map(f64::trunc),
                Positive => map(|x| x),
                Reciprocal => map(|x| 1.0 / x),
                Acos => map(f64::acos),
                Acosh => map(arrayapi::math::acosh),
                Asin => map(f64::asin),
                Asinh => map(arrayapi::math::asinh),
                Atan => map(f64::atan),
                Atanh => map(f64::atanh),
                Cosh => map(f64::cosh),
                Sinh => map(f64::sinh),
                Tan => map(f64::tan),
                Log2 => map(f64::log2),
                Log10 => map(f64::log10),
                SignBit => test(f64::is_sign_negative),
                LogicalNot => return Err(Error::DType { func: op.name(), dtype: this.dtype, expected: "a boolean" }),
            });
        }
        let v = this.ints()?;
        let map = |f: &dyn Fn(i128) -> i128| Self::new_i(shape.clone(), out, v.iter().map(|&x| f(x)).collect());
        Ok(match op {
            Negative => map(&|x| x.wrapping_neg()),
            Abs => map(&|x| x.wrapping_abs()),
            Sign => map(&i128::signum),
            Square => map(&|x| x.wrapping_mul(x)),
            Floor | Ceil | Round | Trunc | Positive => map(&|x| x),
            IsNan | IsInf => map(&|_| 0),
            IsFinite => map(&|_| 1),
            LogicalNot => map(&|x| (x == 0) as i128),
            _ => return Err(Error::DType { func: op.name(), dtype: this.dtype, expected: "a floating-point" }),
        })
    }

    fn binary(this: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        let spec = check::binary(op, (&this.shape, this.dtype), (&other.shape, other.dtype))?;
        let (a, b) = (this.astype(spec.operand_dtype)?, other.astype(spec.operand_dtype)?);
        let (ia, ib) = (broadcast_map(&a.shape, &spec.shape), broadcast_map(&b.shape, &spec.shape));
        let (shape, out) = (spec.shape.clone(), spec.out_dtype);
        use BinaryOp::*;
        if let (Buf::F(x), Buf::F(y)) = (&a.buf, &b.buf) {
            let pairs = ia.iter().zip(&ib).map(|(&i, &j)| (x[i], y[j]));
            let f: fn(f64, f64) -> f64 = match op {
                Add => |p, q| p + q,
                Subtract => |p, q| p - q,
                Multiply => |p, q| p * q,
                Divide => |p, q| p / q,
                Pow => f64::powf,
                Maximum => |p, q| if p.is_nan() || q.is_nan() { f64::NAN } else { p.max(q) },
                Minimum => |p, q| if p.is_nan() || q.is_nan() { f64::NAN } else { p.min(q) },
                Atan2 => f64::atan2,
                Hypot => f64::hypot,
                CopySign => f64::copysign,
                LogAddExp => |p, q| {
                    let m = p.max(q);
                    if p.is_nan() || q.is_nan() {
                        f64::NAN
                    } else if m.is_infinite() {
                        m
                    } else {
                        m + (-(p - q).abs()).exp().ln_1p()
                    }
                },
                _ => {
                    let c: fn(f64, f64) -> bool = match op {
                        Equal => |p, q| p == q,
                        NotEqual => |p, q| p != q,
                        Less => |p, q| p < q,
                        LessEqual => |p, q| p <= q,
                        Greater => |p, q| p > q,
                        _ => |p, q| p >= q,
                    };
                    return Ok(Self::new_i(shape, out, pairs.map(|(p, q)| c(p, q) as i128).collect()));
                }
            };
            return Ok(Self::new_f(shape, out, pairs.map(|(p, q)| f(p, q)).collect()));
        }
        let (x, y) = (a.ints()?, b.ints()?);
        if op == Pow && ia.iter().zip(&ib).any(|(_, &j)| y[j] < 0) {
            return Err(Error::invalid("pow", "integers to negative integer powers are not allowed"));
        }
        let f: fn(i128, i128) -> i128 = match op {
            Add => i128::wrapping_add,
            Subtract => i128::wrapping_sub,
            Multiply => i128::wrapping_mul,
            Pow => wrapping_pow,
            Maximum => i128::max,
            Minimum => i128::min,
            Equal => |p, q| (p == q) as i128,
            NotEqual => |p, q| (p != q) as i128,
            Less => |p, q| (p < q) as i128,
            LessEqual => |p, q| (p <= q) as i128,
            Greater => |p, q| (p > q) as i128,
            GreaterEqual => |p, q| (p >= q) as i128,
            LogicalAnd => |p, q| (p != 0 && q != 0) as i128,
            LogicalOr => |p, q| (p != 0 || q != 0) as i128,
            LogicalXor => |p, q| ((p != 0) != (q != 0)) as i128,
            Divide | Atan2 | Hypot | CopySign | LogAddExp => {
                return Err(Error::DType { func: op.name(), dtype: a.dtype, expected: "a floating-point" })
            }
        };
        Ok(Self::new_i(shape, out, ia.iter().zip(&ib).map(|(&i, &j)| f(x[i], y[j])).collect()))
    }

    fn select(this: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        let (shape, dtype) = check::where_((&this.shape, this.dtype), (&x1.shape, x1.dtype), (&x2.shape, x2.dtype))?;
        let (a, b) = (x1.astype(dtype)?, x2.astype(dtype)?);
        let cond = this.ints()?;
        let (ic, ia, ib) =
            (broadcast_map(&this.shape, &shape), broadcast_map(&a.shape, &shape), broadcast_map(&b.shape, &shape));
        let pick = |k: usize| if cond[ic[k]] != 0 { (0, ia[k]) } else { (1, ib[k]) };
        Ok(match (&a.buf, &b.buf) {
            (Buf::F(x), Buf::F(y)) => Self::new_f(
                shape.clone(),
                dtype,
                (0..ic.len())
                    .map(|k| match pick(k) {
                        (0, i) => x[i],
                        (_, j) => y[j],
                    })
                    .collect(),
            ),
            (Buf::I(x), Buf::I(y)) => Self::new_i(
                shape.clone(),
                dtype,
                (0..ic.len())
                    .map(|k| match pick(k) {
                        (0, i) => x[i],
                        (_, j) => y[j],
                    })
                    .collect(),
            ),
            _ => return Err(Error::invalid("where", "branches did not convert to one dtype")),
        })
    }

    fn reduce(this: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        let (out_shape, out_dtype) = check::reduce(op, &this.shape, this.dtype, axes, keepdims)?;
        let x = match op {
            ReduceOp::All | ReduceOp::Any => this.astype(DType::Bool)?,
            _ => this.astype(out_dtype)?,
        };
        // Output position of each input element: its index with the reduced axes dropped.
        let kept: Vec<usize> = (0..this.shape.len()).filter(|d| !axes.contains(d)).collect();
        let kept_shape: Vec<usize> = kept.iter().map(|&d| this.shape[d]).collect();
        let (ks, is) = (strides(&kept_shape), strides(&this.shape));
        let n_out: usize = kept_shape.iter().product();
        let dest = |flat: usize| kept.iter().zip(&ks).map(|(&d, &s)| (flat / is[d] % this.shape[d]) * s).sum::<usize>();
        let n_in: usize = this.shape.iter().product();
        match &x.buf {
            Buf::F(v) => {
                let (init, f): (f64, fn(f64, f64) -> f64) = match op {
                    ReduceOp::Sum => (0.0, |a, b| a + b),
                    ReduceOp::Prod => (1.0, |a, b| a * b),
                    ReduceOp::Max => {
                        (f64::NEG_INFINITY, |a, b| if a.is_nan() || b.is_nan() { f64::NAN } else { a.max(b) })
                    }
                    _ => (f64::INFINITY, |a, b| if a.is_nan() || b.is_nan() { f64::NAN } else { a.min(b) }),
                };
                let mut acc = vec![init; n_out];
                for i in 0..n_in {
                    let o = dest(i);
                    acc[o] = fix_f(out_dtype, f(acc[o], v[i]));
                }
                Ok(Self::new_f(out_shape, out_dtype, acc))
            }
            Buf::I(v) => {
                let (init, f): (i128, fn(i128, i128) -> i128) = match op {
                    ReduceOp::Sum => (0, i128::wrapping_add),
                    ReduceOp::Prod => (1, i128::wrapping_mul),
                    ReduceOp::Max => (i128::MIN, i128::max),
                    ReduceOp::Min => (i128::MAX, i128::min),
                    ReduceOp::All => (1, |a, b| (a != 0 && b != 0) as i128),
                    ReduceOp::Any => (0, |a, b| (a != 0 || b != 0) as i128),
                };
                let mut acc = vec![init; n_out];
                for i in 0..n_in {
                    let o = dest(i);
                    acc[o] = fix_i(out_dtype, f(acc[o], v[i]));
                }
                Ok(Self::new_i(out_shape, out_dtype, acc))
            }
        }
    }

    fn arg_reduce(this: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        let out_shape = check::arg_reduce(op, &this.shape, this.dtype, axis, keepdims)?;
        let x = this.astype(DType::Float64)?;
        let v = x.floats()?;
        let (len, stride) = (this.shape[axis], strides(&this.shape)[axis]);
        let outer: usize = this.shape[..axis].iter().product();
        let mut out = Vec::new();
        for o in 0..outer {
            for inner in 0..stride {
                let at = |i: usize| v[o * len * stride + i * stride + inner];
                let mut best = 0;
                for i in 0..len {
                    let (x, b) = (at(i), at(best));
                    if b.is_nan() {
                        break;
                    }
                    let better = match op {
                        ArgReduceOp::ArgMax => x > b,
                        ArgReduceOp::ArgMin => x < b,
                    };
                    if x.is_nan() || better {
                        best = i;
                    }
                }
                out.push(best as i128);
            }
        }
        Ok(Self::new_i(out_shape, DType::Int64, out))
    }

    fn cumulative(this: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        let (out_shape, dtype) = check::cumulative(op, &this.shape, this.dtype, axis, include_initial)?;
        let x = this.astype(dtype)?;
        let (len, stride) = (this.shape[axis], strides(&this.shape)[axis]);
        let outer: usize = this.shape[..axis].iter().product();
        let out_len = out_shape[axis];
        let mut order_f = Vec::new();
        let mut order_i = Vec::new();
        for o in 0..outer {
            for i in 0..out_len {
                for inner in 0..stride {
                    // Running sum of the first `k` elements of this lane.
                    let k = if include_initial { i } else { i + 1 };
                    let lane = (0..k.min(len)).map(|j| o * len * stride + j * stride + inner);
                    match &x.buf {
                        // From -0.0, the identity of IEEE addition (a lane of -0.0 sums
                        // to -0.0); the initial element of an inclusive-initial sum is +0.
                        Buf::F(_) if k == 0 => order_f.push(0.0),
                        Buf::F(v) => order_f.push(lane.fold(-0.0, |acc, j| fix_f(dtype, acc + v[j]))),
                        Buf::I(v) => order_i.push(lane.fold(0i128, |acc, j| fix_i(dtype, acc.wrapping_add(v[j])))),
                    }
                }
            }
        }
        Ok(match x.buf {
            Buf::F(_) => Self::new_f(out_shape, dtype, order_f),
            Buf::I(_) => Self::new_i(out_shape, dtype, order_i),
        })
    }

    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        check::reshape(&x.shape, shape)?;
        Ok(VecArray { shape: shape.to_vec(), dtype: x.dtype, buf: x.buf.clone() })
    }

    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        let out_shape = check::permute_dims(&x.shape, axes)?;
        let is = strides(&x.shape);
        let n: usize = out_shape.iter().product();
        let order: Vec<usize> = (0..n)
            .map(|mut flat| {
                let mut src = 0;
                for d in (0..out_shape.len()).rev() {
                    src += (flat % out_shape[d]) * is[axes[d]];
                    flat /= out_shape[d];
                }
                src
            })
            .collect();
        Ok(x.gather(out_shape, &order))
    }

    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        check::broadcast_to(&x.shape, shape, x.dtype)?;
        Ok(x.gather(shape.to_vec(), &broadcast_map(&x.shape, shape)))
    }

    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape.as_slice()).collect();
        let dtypes: Vec<DType> = arrays.iter().map(|a| a.dtype).collect();
        let (out_shape, dtype) = check::concat(&shapes, &dtypes, axis)?;
        let parts = arrays.iter().map(|a| a.astype(dtype)).collect::<Result<Vec<_>>>()?;
        let outer: usize = out_shape[..axis].iter().product();
        let inner: usize = out_shape[axis + 1..].iter().product();
        let mut f = Vec::new();
        let mut i = Vec::new();
        for o in 0..outer {
            for p in &parts {
                let block = p.shape[axis] * inner;
                match &p.buf {
                    Buf::F(v) => f.extend_from_slice(&v[o * block..(o + 1) * block]),
                    Buf::I(v) => i.extend_from_slice(&v[o * block..(o + 1) * block]),
                }
            }
        }
        Ok(if dtype.is_floating() { Self::new_f(out_shape, dtype, f) } else { Self::new_i(out_shape, dtype, i) })
    }

    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        let out_shape = check::take(&x.shape, x.dtype, (&indices.shape, indices.dtype), axis)?;
        let size = x.shape[axis];
        let idx = indices
            .ints()?
            .iter()
            .map(|&i| check::index("take", i.clamp(i64::MIN as i128, i64::MAX as i128) as i64, axis, size))
            .collect::<Result<Vec<_>>>()?;
        let (outer, inner): (usize, usize) = (x.shape[..axis].iter().product(), x.shape[axis + 1..].iter().product());
        let order: Vec<usize> = (0..outer)
            .flat_map(|o| idx.iter().flat_map(move |&i| (0..inner).map(move |k| (o * size + i) * inner + k)))
            .collect();
        Ok(x.gather(out_shape, &order))
    }

    fn matmul(this: &Self, other: &Self) -> Result<Self> {
        let spec = check::matmul((&this.shape, this.dtype), (&other.shape, other.dtype))?;
        // The two index maps (8 bytes an entry) over the broadcast batch, and the output:
        // checked before allocating, so an impossible broadcast is a typed error.
        let nb: usize = spec.batch.iter().product();
        check::allocations(
            "matmul",
            &[
                (&[nb, spec.m, spec.k], DType::UInt64),
                (&[nb, spec.k, spec.n], DType::UInt64),
                (&spec.out_shape, spec.dtype),
            ],
        )?;
        let (a, b) = (this.astype(spec.dtype)?, other.astype(spec.dtype)?);
        // Promote vectors to matrices and broadcast the batch, by index maps.
        let mat = |x: &VecArray, r: usize, c: usize| -> Vec<usize> {
            let mut s = x.shape[..x.shape.len().saturating_sub(2)].to_vec();
            s.extend([r, c]);
            let mut full = spec.batch.clone();
            full.extend([r, c]);
            broadcast_map(&s, &full)
        };
        let (ma, mb) = (mat(&a, spec.m, spec.k), mat(&b, spec.k, spec.n));
        let nb: usize = spec.batch.iter().product();
        let (m, k, n) = (spec.m, spec.k, spec.n);
        let at = |map: &[usize], bi: usize, r: usize, c: usize, cols: usize, rows: usize| {
            map[bi * rows * cols + r * cols + c]
        };
        match (&a.buf, &b.buf) {
            (Buf::F(x), Buf::F(y)) => {
                let mut out = Vec::with_capacity(nb * m * n);
                for bi in 0..nb {
                    for r in 0..m {
                        for c in 0..n {
                            // From +0.0, as BLAS does (Rust's `sum` starts from -0.0,
                            // which an empty contraction would return).
                            out.push(
                                (0..k)
                                    .fold(0.0, |acc, p| acc + x[at(&ma, bi, r, p, k, m)] * y[at(&mb, bi, p, c, n, k)]),
                            );
                        }
                    }
                }
                Ok(Self::new_f(spec.out_shape, spec.dtype, out))
            }
            (Buf::I(x), Buf::I(y)) => {
                let mut out = Vec::with_capacity(nb * m * n);
                for bi in 0..nb {
                    for r in 0..m {
                        for c in 0..n {
                            out.push((0..k).fold(0i128, |acc, p| {
                                acc.wrapping_add(x[at(&ma, bi, r, p, k, m)].wrapping_mul(y[at(&mb, bi, p, c, n, k)]))
                            }));
                        }
                    }
                }
                Ok(Self::new_i(spec.out_shape, spec.dtype, out))
            }
            _ => Err(Error::invalid("matmul", "operands did not convert to one dtype")),
        }
    }
}
