//! Set, searching and data-dependent-shape functions (`unique_*`, `isin`,
//! `searchsorted`, `nonzero`): the order is computed on the host, the values are
//! gathered with the backend's own `take`, so they keep their dtype and device.

use std::cmp::Ordering;

use crate::api::ArrayApi;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::host::HostData;
use crate::ops::Side;

/// Values as keys that order and compare exactly: integers (and bool) as `i128`,
/// floats as `f64` (where NaN sorts last and equals nothing).
enum Keys {
    Int(Vec<i128>),
    Float(Vec<f64>),
}

fn keys(data: &HostData, as_float: bool) -> Keys {
    use HostData as H;
    let ints: Option<Vec<i128>> = match data {
        H::Bool(v) => Some(v.iter().map(|&x| i128::from(x)).collect()),
        H::I8(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::I16(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::I32(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::I64(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::U8(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::U16(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::U32(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::U64(v) => Some(v.iter().map(|&x| x.into()).collect()),
        H::F32(_) | H::F64(_) | H::F16(_) | H::BF16(_) => None,
    };
    match ints {
        Some(v) if !as_float => Keys::Int(v),
        _ => Keys::Float(data.to_f64_vec()),
    }
}

/// NaN after every number; `-0 == +0`.
fn cmp_f64(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// Sorted distinct values of `x` (flattened): the flat index of each value's first
/// occurrence, the index of the distinct value of every element, and the counts. Each
/// NaN is distinct (the standard's rule), so NaNs are never merged.
struct Unique {
    first: Vec<i64>,
    inverse: Vec<i64>,
    counts: Vec<i64>,
}

fn unique_of(data: &HostData) -> Unique {
    let n = data.len();
    let mut order: Vec<usize> = (0..n).collect();
    let same: Box<dyn Fn(usize, usize) -> bool> = match keys(data, false) {
        Keys::Int(k) => {
            order.sort_by_key(|&i| k[i]);
            Box::new(move |i, j| k[i] == k[j])
        }
        Keys::Float(k) => {
            order.sort_by(|&i, &j| cmp_f64(k[i], k[j]));
            Box::new(move |i, j| k[i] == k[j])
        }
    };
    let (mut first, mut counts, mut inverse) = (Vec::new(), Vec::new(), vec![0i64; n]);
    let mut prev: Option<usize> = None;
    for &i in &order {
        match prev {
            Some(p) if same(p, i) => {
                let last = counts.len() - 1;
                counts[last] += 1;
            }
            _ => {
                first.push(i as i64);
                counts.push(1);
            }
        }
        inverse[i] = (first.len() - 1) as i64;
        prev = Some(i);
    }
    Unique { first, inverse, counts }
}

/// The four results of `unique_all`.
#[derive(Clone, Debug)]
pub struct UniqueAll<A> {
    /// The distinct values, sorted (NaNs last, each one distinct).
    pub values: A,
    /// The flat index (`int64`) of each value's first occurrence in the input.
    pub indices: A,
    /// For every input element, the index (`int64`) of its value in `values`; the input's
    /// shape.
    pub inverse_indices: A,
    /// How often each value occurs (`int64`).
    pub counts: A,
}

pub(crate) fn unique_all<A: ArrayApi>(x: &A) -> Result<UniqueAll<A>> {
    let flat = x.reshape_exact(&[x.size()])?;
    let u = unique_of(x.to_host()?.data());
    let ns = x.namespace();
    let indices = A::asarray(&ns, &u.first, &[u.first.len()])?;
    Ok(UniqueAll {
        values: flat.take_axis(&indices, 0)?,
        inverse_indices: A::asarray(&ns, &u.inverse, x.shape())?,
        counts: A::asarray(&ns, &u.counts, &[u.counts.len()])?,
        indices,
    })
}

/// Whether each element of `x1` occurs in `x2` (negated with `invert`).
pub(crate) fn isin<A: ArrayApi>(x1: &A, x2: &A, invert: bool) -> Result<A> {
    const F: &str = "isin";
    crate::check::same_backend(F, &[x1.backend_name(), x2.backend_name()])?;
    crate::check::same_device(F, x1.device(), x2.device())?;
    for x in [x1, x2] {
        if !x.dtype().is_numeric() && x.dtype() != DType::Bool {
            return Err(Error::DType { func: F, dtype: x.dtype(), expected: "a numeric or boolean" });
        }
    }
    let as_float = x1.dtype().is_floating() || x2.dtype().is_floating();
    let (a, b) = (x1.to_host()?, x2.to_host()?);
    let found: Vec<bool> = match (keys(a.data(), as_float), keys(b.data(), as_float)) {
        (Keys::Int(a), Keys::Int(mut b)) => {
            b.sort_unstable();
            a.iter().map(|v| b.binary_search(v).is_ok()).collect()
        }
        (Keys::Float(a), Keys::Float(mut b)) => {
            b.retain(|v| !v.is_nan());
            b.sort_by(|p, q| cmp_f64(*p, *q));
            a.iter().map(|&v| !v.is_nan() && b.binary_search_by(|p| cmp_f64(*p, v)).is_ok()).collect()
        }
        _ => return Err(Error::invalid(F, "operands did not convert to one kind of key")),
    };
    let found: Vec<bool> = found.into_iter().map(|f| f != invert).collect();
    A::asarray(&x1.namespace(), &found, x1.shape())
}

/// Insertion points of `x2`'s elements in the sorted 1-D `x1` (`int64`, `x2`'s shape).
pub(crate) fn searchsorted<A: ArrayApi>(x1: &A, x2: &A, side: Side, sorter: Option<&A>) -> Result<A> {
    const F: &str = "searchsorted";
    if x1.ndim() != 1 {
        return Err(Error::shape(F, format!("x1 must be 1-D, got {} dimensions", x1.ndim())));
    }
    crate::check::same_backend(F, &[x1.backend_name(), x2.backend_name()])?;
    crate::check::same_device(F, x1.device(), x2.device())?;
    let dtype = crate::dtype::result_type(F, &[x1.dtype(), x2.dtype()])?;
    if !dtype.is_numeric() {
        return Err(Error::DType { func: F, dtype, expected: "a numeric" });
    }
    let sorted = match sorter {
        Some(s) => {
            if !s.dtype().is_integer() || s.shape() != x1.shape() {
                return Err(Error::invalid(F, "sorter must be integer indices of x1's shape"));
            }
            x1.take_axis(s, 0)?
        }
        None => x1.clone(),
    };
    let as_float = dtype.is_floating();
    let (a, v) = (sorted.to_host()?, x2.to_host()?);
    let right = side == Side::Right;
    let pos: Vec<i64> = match (keys(a.data(), as_float), keys(v.data(), as_float)) {
        (Keys::Int(a), Keys::Int(v)) => {
            v.iter().map(|x| a.partition_point(|p| if right { p <= x } else { p < x }) as i64).collect()
        }
        (Keys::Float(a), Keys::Float(v)) => v
            .iter()
            .map(|&x| {
                a.partition_point(|&p| {
                    let o = cmp_f64(p, x);
                    if right {
                        o != Ordering::Greater
                    } else {
                        o == Ordering::Less
                    }
                }) as i64
            })
            .collect(),
        _ => return Err(Error::invalid(F, "operands did not convert to one kind of key")),
    };
    A::asarray(&x1.namespace(), &pos, x2.shape())
}

/// The indices (`int64`) of the non-zero elements, one array per dimension.
pub(crate) fn nonzero<A: ArrayApi>(x: &A) -> Result<Vec<A>> {
    const F: &str = "nonzero";
    if x.ndim() == 0 {
        return Err(Error::shape(F, "a 0-d array has no indices; use x[None] or atleast_1d first"));
    }
    let h = x.to_host()?;
    let nz: Vec<usize> = match keys(h.data(), false) {
        Keys::Int(k) => k.iter().enumerate().filter(|(_, &v)| v != 0).map(|(i, _)| i).collect(),
        Keys::Float(k) => k.iter().enumerate().filter(|(_, &v)| v != 0.0).map(|(i, _)| i).collect(),
    };
    let shape = x.shape();
    let ns = x.namespace();
    (0..shape.len())
        .map(|d| {
            let stride: usize = shape[d + 1..].iter().product();
            let idx: Vec<i64> = nz.iter().map(|&i| ((i / stride.max(1)) % shape[d]) as i64).collect();
            A::asarray(&ns, &idx, &[idx.len()])
        })
        .collect()
}
