//! The default implementations of the sorting functions (the rows of [`crate::api::sorting`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::sort`].
pub fn sort<A: ArrayApi>(x: &A, axis: isize, descending: bool) -> Result<A> {
    named("sort", || {
        let order = sort_order(x, "sort", axis, descending)?;
        let axis = normalize_axis("sort", axis, x.ndim())?;
        // Gather each lane in its sorted order: flat indices of the whole array.
        let idx = A::asarray(&x.namespace(), &order.flat, &[order.flat.len()])?;
        let moved = x.moveaxis(&[axis as isize], &[-1])?;
        let flat = moved.reshape_exact(&[moved.size()])?.take_axis(&idx, 0)?;
        let shape = moved.shape().to_vec();
        flat.reshape_exact(&shape)?.moveaxis(&[-1], &[axis as isize])
    })
}

/// The default [`ArrayApi::argsort`].
pub fn argsort<A: ArrayApi>(x: &A, axis: isize, descending: bool) -> Result<A> {
    named("argsort", || {
        let order = sort_order(x, "argsort", axis, descending)?;
        let axis = normalize_axis("argsort", axis, x.ndim())?;
        let moved_shape: Vec<usize> = {
            let mut s: Vec<usize> = x.shape().to_vec();
            let n = s.remove(axis);
            s.push(n);
            s
        };
        A::asarray(&x.namespace(), &order.within, &moved_shape)?.moveaxis(&[-1], &[axis as isize])
    })
}

/// Sorting permutations computed on the host: for each lane along `axis` (moved last),
/// the positions in sorted order, both within the lane and as flat indices.
struct SortOrder {
    within: Vec<i64>,
    flat: Vec<i64>,
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
