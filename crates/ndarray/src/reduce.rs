//! Reductions: `reduce` (sum, prod, max, min, all, any), `arg_reduce`, `cumulative`.

use arrayapi_core::{check, ArgReduceOp, CumulativeOp, DType, ReduceOp, Result};
use ndarray::{Axis, IxDyn};

use crate::convert::astype;
use crate::elem::{Elem, Num};
use crate::storage::{internal, shaped, with_kind, Arr, Data};

/// Folds `f` from `init` over `axes` (sorted ascending), one axis at a time from the
/// last, so that each pass reads lanes of an array already reduced. A zero-element input
/// gives `init` everywhere at once: folding it axis by axis could make intermediates far
/// larger than the (checked) output.
fn fold_axes<T: Copy>(a: &Arr<T>, axes: &[usize], init: T, f: impl Fn(T, T) -> T + Copy) -> Result<Arr<T>> {
    if a.is_empty() {
        let out_shape = check::reduced_shape(a.shape(), axes, false);
        let n = out_shape.iter().product();
        return shaped(&out_shape, vec![init; n]);
    }
    if axes.len() == a.ndim() {
        let v = match a.as_slice_memory_order() {
            Some(s) => s.iter().fold(init, |acc, &x| f(acc, x)),
            None => a.iter().fold(init, |acc, &x| f(acc, x)),
        };
        return shaped(&[], vec![v]);
    }
    if let ([ax], Some(flat)) = (axes, a.as_slice()) {
        // One axis of a contiguous array: as `[outer, n, inner]`, each output row is the
        // fold of `n` contiguous rows, slice by slice.
        let shape = a.shape();
        let (n, inner) = (shape[*ax], shape[*ax + 1..].iter().product::<usize>());
        let mut out_shape = shape.to_vec();
        out_shape.remove(*ax);
        let mut out = Vec::with_capacity(flat.len() / n.max(1));
        if n * inner > 0 {
            let mut acc = vec![init; inner];
            for block in flat.chunks_exact(n * inner) {
                if inner == 1 {
                    out.push(block.iter().fold(init, |acc, &x| f(acc, x)));
                    continue;
                }
                acc.fill(init);
                for row in block.chunks_exact(inner) {
                    acc.iter_mut().zip(row).for_each(|(s, &x)| *s = f(*s, x));
                }
                out.extend_from_slice(&acc);
            }
        } else {
            out.resize(out_shape.iter().product(), init);
        }
        return shaped(&out_shape, out);
    }
    let mut cur: Option<ndarray::ArrayD<T>> = None;
    for &ax in axes.iter().rev() {
        let view = match &cur {
            None => a.view(),
            Some(c) => c.view(),
        };
        // The last axis: one contiguous lane per output element. Any other: whole
        // sub-arrays accumulated one after the other (the same order of operations, but
        // vectorised over the inner axes instead of striding through memory per lane).
        let next = if ax + 1 == view.ndim() {
            view.map_axis(Axis(ax), |lane| lane.iter().fold(init, |acc, &x| f(acc, x)))
        } else {
            view.fold_axis(Axis(ax), init, |&acc, &x| f(acc, x))
        };
        cur = Some(next);
    }
    Ok(cur.map_or_else(|| a.clone(), |c| c.into_shared()))
}

fn reduce_num<T: Num>(a: &Arr<T>, op: ReduceOp, axes: &[usize]) -> Result<Arr<T>> {
    match op {
        ReduceOp::Sum => fold_axes(a, axes, T::ZERO, T::add),
        ReduceOp::Prod => fold_axes(a, axes, T::ONE, T::mul),
        // `check::reduce` rejects empty max/min, so these identities never show.
        ReduceOp::Max => fold_axes(a, axes, T::LOWEST, T::max_nan),
        ReduceOp::Min => fold_axes(a, axes, T::HIGHEST, T::min_nan),
        ReduceOp::All | ReduceOp::Any => Err(internal("boolean reduction reached a numeric kernel")),
    }
}

pub(crate) fn reduce(data: &Data, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Data> {
    let (out_shape, out_dtype) = check::reduce(op, data.shape(), data.dtype(), axes, keepdims)?;
    let reduced = match op {
        ReduceOp::All | ReduceOp::Any => {
            let Data::Bool(b) = astype(data, DType::Bool)? else {
                return Err(internal("astype(bool) returned another dtype"));
            };
            let r = match op {
                ReduceOp::All => fold_axes(&b, axes, true, |x, y| x & y)?,
                _ => fold_axes(&b, axes, false, |x, y| x | y)?,
            };
            Data::Bool(r)
        }
        _ => {
            let acc = astype(data, out_dtype)?;
            with_kind!(&acc,
                float a => reduce_num(a, op, axes).map(Elem::wrap)?,
                int a => reduce_num(a, op, axes).map(Elem::wrap)?,
                bool _a => return Err(internal("numeric reduction of bool passed its dtype rule")))
        }
    };
    reshape(reduced, &out_shape)
}

/// Reshapes a contiguous result (adds the kept length-1 axes).
fn reshape(d: Data, shape: &[usize]) -> Result<Data> {
    if d.shape() == shape {
        return Ok(d);
    }
    crate::manipulate::reshape(&d, shape)
}

fn arg_lane<T: Num>(lane: ndarray::ArrayView1<'_, T>, op: ArgReduceOp) -> i64 {
    let mut best_i = 0usize;
    let mut it = lane.iter().enumerate();
    let Some((_, &first)) = it.next() else { return 0 };
    let mut best = first;
    if best.is_nan() {
        return 0;
    }
    for (i, &x) in it {
        if x.is_nan() {
            return i as i64;
        }
        let better = match op {
            ArgReduceOp::ArgMax => x > best,
            ArgReduceOp::ArgMin => x < best,
        };
        if better {
            best = x;
            best_i = i;
        }
    }
    best_i as i64
}

pub(crate) fn arg_reduce(data: &Data, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Data> {
    let out_shape = check::arg_reduce(op, data.shape(), data.dtype(), axis, keepdims)?;
    fn run<T: Num>(a: &Arr<T>, op: ArgReduceOp, axis: usize) -> Arr<i64> {
        a.map_axis(Axis(axis), |lane| arg_lane(lane, op)).into_shared()
    }
    let r = with_kind!(data,
        float a => run(a, op, axis),
        int a => run(a, op, axis),
        bool _a => return Err(internal("argmax of bool passed its dtype rule")));
    reshape(Data::I64(r), &out_shape)
}

pub(crate) fn cumulative(data: &Data, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Data> {
    let (out_shape, out_dtype) = check::cumulative(op, data.shape(), data.dtype(), axis, include_initial)?;
    fn run<T: Num>(a: &Arr<T>, axis: usize, out_shape: &[usize], include_initial: bool) -> Result<Arr<T>> {
        let mut out = ndarray::ArrayD::<T>::from_elem(IxDyn(out_shape), T::ZERO);
        if a.is_empty() {
            // The sums of nothing (and no walk along an axis of a zero-element array,
            // which may be huge).
            return Ok(out.into_shared());
        }
        let offset = usize::from(include_initial);
        let mut dst = out.slice_axis_mut(Axis(axis), ndarray::Slice::from(offset..));
        dst.assign(a);
        dst.accumulate_axis_inplace(Axis(axis), |&prev, cur| *cur = prev.add(*cur));
        Ok(out.into_shared())
    }
    let acc = astype(data, out_dtype)?;
    let r = with_kind!(&acc,
        float a => Elem::wrap(run(a, axis, &out_shape, include_initial)?),
        int a => Elem::wrap(run(a, axis, &out_shape, include_initial)?),
        bool _a => return Err(internal("cumulative_sum of bool passed its dtype rule")));
    Ok(r)
}
