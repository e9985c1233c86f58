//! Outcomes of one call on one path, and how two outcomes must agree.

use std::panic::{catch_unwind, AssertUnwindSafe};

use arrayapi::{ArrayApi, DType, Error, HostArray, HostData};

use crate::calls::{apply, Call, Case};

/// What one path did with a case.
#[derive(Debug)]
pub enum Out {
    /// The backend cannot hold an input (candle has no int8, ndarray no float16).
    Input(Error),
    Ok(Vec<HostArray>),
    Err(Error),
    Panic(String),
}

/// Runs `case` on backend type `A` in `ns`, catching any panic.
pub fn run<A: ArrayApi>(case: &Case, ns: &A::Namespace) -> Out {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let mut xs = Vec::with_capacity(case.inputs.len());
        for h in &case.inputs {
            match A::from_host(ns, h.clone()) {
                Ok(a) => xs.push(a),
                Err(e) => return Out::Input(e),
            }
        }
        match apply(&case.call, ns, &xs).and_then(|outs| outs.iter().map(|a| a.to_host()).collect()) {
            Ok(hosts) => Out::Ok(hosts),
            Err(e) => Out::Err(e),
        }
    }));
    r.unwrap_or_else(|p| {
        let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
        Out::Panic(msg.unwrap_or_else(|| "a panic without a message".into()))
    })
}

/// A float's bits widened to compare NaN, infinities and signed zeros exactly.
pub fn floats(h: &HostData) -> Option<Vec<f64>> {
    Some(match h {
        HostData::F32(v) => v.iter().map(|&x| x as f64).collect(),
        HostData::F64(v) => v.clone(),
        HostData::F16(v) => v.iter().map(|x| x.to_f64()).collect(),
        HostData::BF16(v) => v.iter().map(|x| x.to_f64()).collect(),
        _ => return None,
    })
}

/// Integers and bools, exactly.
pub fn ints(h: &HostData) -> Option<Vec<i128>> {
    Some(match h {
        HostData::Bool(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::I8(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::I16(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::I32(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::I64(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::U8(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::U16(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::U32(v) => v.iter().map(|&x| x as i128).collect(),
        HostData::U64(v) => v.iter().map(|&x| x as i128).collect(),
        _ => return None,
    })
}

/// The same value: NaN equals NaN, and zeros must have the same sign.
pub fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
}

/// How closely two backends' float results must agree for a call.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Agreement {
    /// Bit for bit (after widening): data movement, exact IEEE operations.
    Exact,
    /// Within `n` units in the last place of the dtype, with special values exact:
    /// element-wise functions whose libm may differ.
    Ulps(f64),
    /// Within a relative tolerance of the largest magnitude involved: sums and products
    /// whose order of accumulation differs between backends.
    Reordered,
    /// Shapes and dtypes only: decompositions whose factors are unique only up to sign.
    ShapeOnly,
    /// [`Agreement::Ulps`], with `-0` and `+0` alike: fused activations, where `relu(-0)`
    /// may be either zero (the standard leaves `maximum(-0, +0)` unspecified).
    UlpsAnyZero(f64),
}

pub fn agreement(call: &Call) -> Agreement {
    match call {
        Call::Unary(n) => match *n {
            "negative" | "abs" | "sign" | "square" | "floor" | "ceil" | "round" | "trunc" | "positive" | "isnan"
            | "isinf" | "isfinite" | "signbit" | "logical_not" | "bitwise_invert" | "sqrt" | "reciprocal" => {
                Agreement::Exact
            }
            _ => Agreement::Ulps(4.0),
        },
        Call::Binary(n) | Call::BinaryScalar(n, _) => binary_agreement(n),
        Call::ScalarLeft(op, _) => binary_agreement(op.name()),
        Call::BiasActivation(_) | Call::ActivationGrad(_) => Agreement::UlpsAnyZero(4.0),
        // Dozens of squarings overflow or underflow whatever the input; which infinities
        // then meet zeros (NaN, or 0) depends on each backend's matmul order.
        Call::MatrixPower(n) if n.unsigned_abs() > 64 => Agreement::ShapeOnly,
        Call::Reduce { name, .. } if matches!(*name, "max" | "min" | "all" | "any" | "count_nonzero") => {
            Agreement::Exact
        }
        Call::Reduce { .. }
        | Call::ReduceAs { .. }
        | Call::Cumulative { .. }
        | Call::CumulativeSumAs { .. }
        | Call::Vecdot(_)
        | Call::Trace(_)
        | Call::Matmul
        | Call::Tensordot(_)
        | Call::TensordotAxes(..)
        | Call::VectorNorm(..)
        | Call::Cross(_)
        | Call::MatrixPower(_)
        | Call::Arange(..)
        | Call::Linspace(..) => Agreement::Reordered,
        Call::Linalg(..) | Call::Solve | Call::Pinv(_) | Call::MatrixNorm(..) => Agreement::ShapeOnly,
        _ => Agreement::Exact,
    }
}

/// Whether every finite, non-zero input is between 1e-6 and 1e6 in magnitude
/// (infinities, NaN and zeros allowed): no reordered sum or product of the campaign's
/// small arrays can then overflow or underflow (`inf * 1e-300 * 5e-324` is `inf` in one
/// order and `NaN` in another).
pub fn moderate(inputs: &[HostArray]) -> bool {
    inputs.iter().all(|h| {
        let ok = |x: f64| !x.is_finite() || x == 0.0 || (1e-6..=1e6).contains(&x.abs());
        match (floats(h.data()), ints(h.data())) {
            (Some(v), _) => v.into_iter().all(ok),
            (_, Some(v)) => v.into_iter().all(|i| i.abs() <= 1_000_000),
            _ => true,
        }
    })
}

fn binary_agreement(name: &str) -> Agreement {
    match name {
        "pow" | "atan2" | "hypot" | "logaddexp" => Agreement::Ulps(4.0),
        _ => Agreement::Exact,
    }
}

fn eps(dtype: DType) -> f64 {
    match dtype {
        DType::Float16 => 9.77e-4,
        DType::BFloat16 => 7.82e-3,
        DType::Float32 => f32::EPSILON as f64,
        _ => f64::EPSILON,
    }
}

/// Whether two float values agree under `how` for `dtype`.
pub fn agree(a: f64, b: f64, how: Agreement, dtype: DType) -> bool {
    if same(a, b) {
        return true;
    }
    match how {
        Agreement::Exact => false,
        Agreement::ShapeOnly => true,
        Agreement::UlpsAnyZero(_) if a == 0.0 && b == 0.0 => true,
        Agreement::UlpsAnyZero(n) => agree(a, b, Agreement::Ulps(n), dtype),
        Agreement::Ulps(n) => {
            if !a.is_finite() || !b.is_finite() || a == 0.0 || b == 0.0 {
                // Zeros and specials exactly; a result that underflows to a subnormal
                // differs from its neighbours by one subnormal step.
                return (a - b).abs() <= f64::MIN_POSITIVE && a.is_finite() && b.is_finite() && (a != 0.0 || b != 0.0);
            }
            (a - b).abs() <= n * eps(dtype) * a.abs().max(b.abs()) || (a - b).abs() < tiny(dtype)
        }
        Agreement::Reordered => {
            // Reordered sums of values at the extremes may overflow on one side only, and
            // cancellation leaves an absolute error of the inputs' scale.
            if a.is_nan() || b.is_nan() {
                return false;
            }
            if a.is_infinite() || b.is_infinite() {
                return a.signum() == b.signum() && a.abs().min(b.abs()) >= max_finite(dtype) / 16.0;
            }
            (a - b).abs() <= 1e3 * eps(dtype) * a.abs().max(b.abs()).max(1.0)
        }
    }
}

fn max_finite(dtype: DType) -> f64 {
    match dtype {
        DType::Float32 => f32::MAX as f64,
        DType::Float16 => 65504.0,
        DType::BFloat16 => 3.38e38,
        _ => f64::MAX,
    }
}

fn tiny(dtype: DType) -> f64 {
    match dtype {
        DType::Float32 => f32::MIN_POSITIVE as f64,
        DType::Float16 => 6.1e-5,
        DType::BFloat16 => 1.2e-38,
        _ => f64::MIN_POSITIVE,
    }
}

/// Why two outcomes differ, or `None` when they agree under `how`.
pub fn differ(a: &Out, b: &Out, how: Agreement) -> Option<String> {
    match (a, b) {
        (Out::Ok(x), Out::Ok(y)) => {
            if x.len() != y.len() {
                return Some(format!("{} outputs against {}", x.len(), y.len()));
            }
            for (k, (x, y)) in x.iter().zip(y).enumerate() {
                if x.shape() != y.shape() || x.dtype() != y.dtype() {
                    return Some(format!(
                        "output {k}: {:?} {} against {:?} {}",
                        x.shape(),
                        x.dtype(),
                        y.shape(),
                        y.dtype()
                    ));
                }
                if let (Some(p), Some(q)) = (ints(x.data()), ints(y.data())) {
                    if let Some(i) = (0..p.len()).find(|&i| p[i] != q[i]) {
                        return Some(format!("output {k} element {i}: {} against {}", p[i], q[i]));
                    }
                }
                if let (Some(p), Some(q)) = (floats(x.data()), floats(y.data())) {
                    if let Some(i) = (0..p.len()).find(|&i| !agree(p[i], q[i], how, x.dtype())) {
                        return Some(format!("output {k} element {i}: {:e} against {:e}", p[i], q[i]));
                    }
                }
            }
            None
        }
        (Out::Err(e), Out::Err(f)) => {
            if e == f || (e.kind() == f.kind() && e.func() == f.func()) {
                None
            } else {
                Some(format!("errors differ: {e} / {f}"))
            }
        }
        (Out::Ok(_), Out::Err(e)) => Some(format!("one returned a value, the other: {e}")),
        (Out::Err(e), Out::Ok(_)) => Some(format!("one failed: {e}; the other returned a value")),
        _ => None,
    }
}

/// The same outcome bit for bit: the static and dynamic paths of one backend run the
/// same kernels.
pub fn identical(a: &Out, b: &Out) -> Option<String> {
    match (a, b) {
        (Out::Err(e), Out::Err(f)) if e != f => Some(format!("errors differ: {e} / {f}")),
        (Out::Input(e), Out::Input(f)) if e != f => Some(format!("input errors differ: {e} / {f}")),
        (Out::Input(_), Out::Input(_)) => None,
        (Out::Input(e), _) | (_, Out::Input(e)) => Some(format!("only one path refused an input: {e}")),
        _ => differ(a, b, Agreement::Exact),
    }
}
