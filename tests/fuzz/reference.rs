//! Host references, computed here from the inputs with Rust's own arithmetic, for the
//! calls where one is cheap: element-wise functions, same-dtype arithmetic and
//! comparisons with broadcasting, whole-array integer reductions and data movement.

use arrayapi::{DType, HostArray};

use crate::calls::{Call, Case};
use crate::compare::{agree, floats, ints, Agreement};

/// An expected output: shape, dtype and values.
pub struct Expected {
    pub shape: Vec<usize>,
    pub dtype: DType,
    pub values: Values,
    pub how: Agreement,
}

pub enum Values {
    Ints(Vec<i128>),
    Floats(Vec<f64>),
}

/// The reference for `case`, where this module has one.
pub fn expected(case: &Case) -> Option<Expected> {
    let x = case.inputs.first()?;
    match &case.call {
        Call::Unary(name) => unary(name, x),
        Call::Binary(name) => binary(name, x, case.inputs.get(1)?),
        Call::Reduce { name, axes: arrayapi::Axes::All, keepdims, .. } => reduce_all(name, x, *keepdims),
        Call::Flip(arrayapi::Axes::All) => {
            let values = match (ints(x.data()), floats(x.data())) {
                (Some(v), _) => Values::Ints(v.into_iter().rev().collect()),
                (_, Some(v)) => Values::Floats(v.into_iter().rev().collect()),
                _ => return None,
            };
            Some(Expected { shape: x.shape().to_vec(), dtype: x.dtype(), values, how: Agreement::Exact })
        }
        Call::MatrixTranspose if x.shape().len() == 2 => {
            let (r, c) = (x.shape()[0], x.shape()[1]);
            let order: Vec<usize> = (0..r * c).map(|k| (k % r) * c + k / r).collect();
            let values = match (ints(x.data()), floats(x.data())) {
                (Some(v), _) => Values::Ints(order.iter().map(|&i| v[i]).collect()),
                (_, Some(v)) => Values::Floats(order.iter().map(|&i| v[i]).collect()),
                _ => return None,
            };
            Some(Expected { shape: vec![c, r], dtype: x.dtype(), values, how: Agreement::Exact })
        }
        _ => None,
    }
}

/// Why `out` is not `want`, or `None`.
pub fn mismatch(want: &Expected, out: &[HostArray]) -> Option<String> {
    let [out] = out else { return Some(format!("{} outputs, expected one", out.len())) };
    if out.shape() != want.shape.as_slice() || out.dtype() != want.dtype {
        return Some(format!("{:?} {}, expected {:?} {}", out.shape(), out.dtype(), want.shape, want.dtype));
    }
    match &want.values {
        Values::Ints(w) => {
            let got = ints(out.data())?;
            (0..w.len()).find(|&i| got[i] != w[i]).map(|i| format!("element {i}: {} expected {}", got[i], w[i]))
        }
        Values::Floats(w) => {
            let got = floats(out.data())?;
            (0..w.len())
                .find(|&i| !agree(got[i], w[i], want.how, want.dtype))
                .map(|i| format!("element {i}: {:e} expected {:e}", got[i], w[i]))
        }
    }
}

/// `acosh` without the overflow of `x * x` for large `x` (std's formula squares it).
/// Between 1 and 2, `2 asinh(sqrt((x - 1) / 2))` (`x - 1` exact): std's `x * x - 1`
/// cancels near 1.
fn acosh(x: f64) -> f64 {
    if x >= 1e150 {
        x.ln() + std::f64::consts::LN_2
    } else if x > 1.0 && x < 2.0 {
        2.0 * ((x - 1.0) / 2.0).sqrt().asinh()
    } else {
        x.acosh()
    }
}

fn asinh(x: f64) -> f64 {
    if x.abs() >= 1e150 {
        (x.abs().ln() + std::f64::consts::LN_2).copysign(x)
    } else {
        x.asinh()
    }
}

/// `atanh` without std's rounded quotient near `|x| = 1`: there `1 - x` and `1 + x` are
/// (nearly) exact, so their logarithms are accurate; std's formula is fine elsewhere.
fn atanh(x: f64) -> f64 {
    if x.abs() < 0.5 {
        x.atanh()
    } else {
        0.5 * ((1.0 + x).ln() - (1.0 - x).ln())
    }
}

fn unary(name: &str, x: &HostArray) -> Option<Expected> {
    let dtype = x.dtype();
    if !matches!(dtype, DType::Float32 | DType::Float64) {
        return None;
    }
    let v = floats(x.data())?;
    let f32_ = dtype == DType::Float32;
    // Exact operations are computed in the input's format; transcendental ones in f64
    // (then rounded), which is within an ulp of the correctly rounded value.
    let exact = |f: fn(f64) -> f64| v.iter().map(|&a| f(a)).collect::<Vec<f64>>();
    let (values, how, out_dtype) = match name {
        "negative" => (exact(|a| -a), Agreement::Exact, dtype),
        "abs" => (exact(f64::abs), Agreement::Exact, dtype),
        "square" => (
            v.iter().map(|&a| if f32_ { ((a as f32) * (a as f32)) as f64 } else { a * a }).collect(),
            Agreement::Exact,
            dtype,
        ),
        "sqrt" => (exact(f64::sqrt), Agreement::Exact, dtype),
        "floor" => (exact(f64::floor), Agreement::Exact, dtype),
        "ceil" => (exact(f64::ceil), Agreement::Exact, dtype),
        "trunc" => (exact(f64::trunc), Agreement::Exact, dtype),
        "round" => (exact(f64::round_ties_even), Agreement::Exact, dtype),
        "reciprocal" => {
            (v.iter().map(|&a| if f32_ { (1.0 / a as f32) as f64 } else { 1.0 / a }).collect(), Agreement::Exact, dtype)
        }
        "isnan" => return bools(x, v.iter().map(|a| a.is_nan())),
        "isinf" => return bools(x, v.iter().map(|a| a.is_infinite())),
        "isfinite" => return bools(x, v.iter().map(|a| a.is_finite())),
        "signbit" => return bools(x, v.iter().map(|a| a.is_sign_negative())),
        "exp" => (exact(f64::exp), Agreement::Ulps(4.0), dtype),
        "expm1" => (exact(f64::exp_m1), Agreement::Ulps(4.0), dtype),
        "log" => (exact(f64::ln), Agreement::Ulps(4.0), dtype),
        "log1p" => (exact(f64::ln_1p), Agreement::Ulps(4.0), dtype),
        "log2" => (exact(f64::log2), Agreement::Ulps(4.0), dtype),
        "log10" => (exact(f64::log10), Agreement::Ulps(4.0), dtype),
        "sin" => (exact(f64::sin), Agreement::Ulps(4.0), dtype),
        "cos" => (exact(f64::cos), Agreement::Ulps(4.0), dtype),
        "tan" => (exact(f64::tan), Agreement::Ulps(4.0), dtype),
        "tanh" => (exact(f64::tanh), Agreement::Ulps(4.0), dtype),
        "sinh" => (exact(f64::sinh), Agreement::Ulps(4.0), dtype),
        "cosh" => (exact(f64::cosh), Agreement::Ulps(4.0), dtype),
        "asin" => (exact(f64::asin), Agreement::Ulps(4.0), dtype),
        "acos" => (exact(f64::acos), Agreement::Ulps(4.0), dtype),
        "atan" => (exact(f64::atan), Agreement::Ulps(4.0), dtype),
        "atanh" => (exact(atanh), Agreement::Ulps(4.0), dtype),
        "acosh" => (exact(acosh), Agreement::Ulps(4.0), dtype),
        "asinh" => (exact(asinh), Agreement::Ulps(4.0), dtype),
        _ => return None,
    };
    let values = if f32_ { values.into_iter().map(|a| a as f32 as f64).collect() } else { values };
    Some(Expected { shape: x.shape().to_vec(), dtype: out_dtype, values: Values::Floats(values), how })
}

fn bools(x: &HostArray, v: impl Iterator<Item = bool>) -> Option<Expected> {
    Some(Expected {
        shape: x.shape().to_vec(),
        dtype: DType::Bool,
        values: Values::Ints(v.map(|b| b as i128).collect()),
        how: Agreement::Exact,
    })
}

/// The standard's broadcast shape, computed here independently.
fn broadcast(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let dim = |s: &[usize], i: usize| if i + s.len() >= n { s[i + s.len() - n] } else { 1 };
    (0..n)
        .map(|i| match (dim(a, i), dim(b, i)) {
            (p, q) if p == q => Some(p),
            (1, q) => Some(q),
            (p, 1) => Some(p),
            _ => None,
        })
        .collect()
}

/// The flat index into an input of `shape` for output position `k` of `out`.
fn source(out: &[usize], shape: &[usize], mut k: usize) -> usize {
    let mut idx = 0;
    let mut stride = 1;
    let skip = out.len() - shape.len();
    for axis in (0..out.len()).rev() {
        let pos = k % out[axis];
        k /= out[axis];
        if axis >= skip {
            let d = shape[axis - skip];
            idx += if d == 1 { 0 } else { pos * stride };
            stride *= d;
        }
    }
    idx
}

fn wrap(v: i128, dtype: DType) -> i128 {
    let bits = 8 * dtype.size_in_bytes() as u32;
    let m = v.rem_euclid(1i128 << bits);
    if dtype.is_signed_integer() && m >= 1i128 << (bits - 1) {
        m - (1i128 << bits)
    } else {
        m
    }
}

fn binary(name: &str, x: &HostArray, y: &HostArray) -> Option<Expected> {
    let dtype = x.dtype();
    if y.dtype() != dtype {
        return None;
    }
    let shape = broadcast(x.shape(), y.shape())?;
    let n = crate::gen::elements(&shape);
    let pairs = |k: usize| (source(&shape, x.shape(), k), source(&shape, y.shape(), k));
    let cmp = |o: std::cmp::Ordering| -> Option<bool> {
        use std::cmp::Ordering::*;
        Some(match name {
            "equal" => o == Equal,
            "not_equal" => o != Equal,
            "less" => o == Less,
            "less_equal" => o != Greater,
            "greater" => o == Greater,
            "greater_equal" => o != Less,
            _ => return None,
        })
    };
    if let (Some(a), Some(b)) = (ints(x.data()), ints(y.data())) {
        let is_bool = dtype == DType::Bool;
        let mut out = Vec::with_capacity(n);
        let out_dtype = if cmp(std::cmp::Ordering::Equal).is_some() { DType::Bool } else { dtype };
        for k in 0..n {
            let (i, j) = pairs(k);
            let (p, q) = (a[i], b[j]);
            let v = if let Some(c) = cmp(p.cmp(&q)) {
                c as i128
            } else if is_bool {
                match name {
                    "logical_and" => p & q,
                    "logical_or" => p | q,
                    "logical_xor" => p ^ q,
                    _ => return None,
                }
            } else {
                wrap(
                    match name {
                        // Wrapping in i128 agrees with wrapping in the dtype modulo its
                        // width (2^128 is a multiple of 2^64).
                        "add" => p.wrapping_add(q),
                        "subtract" => p.wrapping_sub(q),
                        "multiply" => p.wrapping_mul(q),
                        "maximum" => p.max(q),
                        "minimum" => p.min(q),
                        "bitwise_and" => p & q,
                        "bitwise_or" => p | q,
                        "bitwise_xor" => p ^ q,
                        _ => return None,
                    },
                    dtype,
                )
            };
            out.push(v);
        }
        return Some(Expected { shape, dtype: out_dtype, values: Values::Ints(out), how: Agreement::Exact });
    }
    let (a, b) = (floats(x.data())?, floats(y.data())?);
    if !matches!(dtype, DType::Float32 | DType::Float64) {
        return None;
    }
    if cmp(std::cmp::Ordering::Equal).is_some() {
        // A comparison; with a NaN operand every one is false except not_equal.
        let values = (0..n)
            .map(|k| {
                let (i, j) = pairs(k);
                a[i].partial_cmp(&b[j]).map_or(name == "not_equal", |o| cmp(o).unwrap_or(false)) as i128
            })
            .collect();
        return Some(Expected { shape, dtype: DType::Bool, values: Values::Ints(values), how: Agreement::Exact });
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let (i, j) = pairs(k);
        let (p, q) = (a[i], b[j]);
        let r = match name {
            "add" => p + q,
            "subtract" => p - q,
            "multiply" => p * q,
            "divide" => p / q,
            "copysign" => p.copysign(q),
            "maximum" | "minimum" if p.is_nan() || q.is_nan() => f64::NAN,
            // -0 and +0 compare equal; which one maximum returns is unspecified.
            "maximum" | "minimum" if p == q && p == 0.0 => return None,
            "maximum" => p.max(q),
            "minimum" => p.min(q),
            _ => return None,
        };
        out.push(if dtype == DType::Float32 { r as f32 as f64 } else { r });
    }
    Some(Expected { shape, dtype, values: Values::Floats(out), how: Agreement::Exact })
}

fn reduce_all(name: &str, x: &HostArray, keepdims: bool) -> Option<Expected> {
    let dtype = x.dtype();
    if !dtype.is_integer() {
        return None;
    }
    let v = ints(x.data())?;
    let shape = if keepdims { vec![1; x.shape().len()] } else { vec![] };
    let acc = if dtype.is_signed_integer() { DType::Int64 } else { DType::UInt64 };
    let (value, out_dtype) = match name {
        "sum" => (wrap(v.iter().fold(0i128, |s, &a| wrap(s + a, acc)), acc), acc),
        "max" if !v.is_empty() => (*v.iter().max()?, dtype),
        "min" if !v.is_empty() => (*v.iter().min()?, dtype),
        _ => return None,
    };
    Some(Expected { shape, dtype: out_dtype, values: Values::Ints(vec![value]), how: Agreement::Exact })
}
