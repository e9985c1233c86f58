//! `matmul` with the standard's batching: one optimised GEMM per matrix of the batch.
//!
//! Floats go through ndarray's `general_mat_mul` (the `matrixmultiply` crate's blocked,
//! SIMD kernels, which take any strides, so transposed views are not copied); integers
//! through a plain loop that wraps on overflow like every other integer op.

use arrayapi_core::{check, Result};
use ndarray::{linalg::general_mat_mul, Array3, ArrayView3, Axis, CowArray, Ix3, IxDyn};

use crate::convert::astype;
use crate::elem::{Elem, Float, Num};
use crate::storage::{internal, with_kind, Arr, Data};

/// `a` as a `[B, rows, cols]` view over the broadcast batch. No copy when `a` already
/// has the full batch and is 2-D, 3-D or contiguous; otherwise one copy.
fn batched<'a, T: Num>(a: &'a Arr<T>, batch: &[usize], rows: usize, cols: usize) -> Result<CowArray<'a, T, Ix3>> {
    let nb: usize = batch.iter().product();
    let lead = a.ndim().saturating_sub(2);
    let err = |e: ndarray::ShapeError| internal(&e.to_string());
    if a.ndim() >= 2 && &a.shape()[..lead] == batch {
        match a.ndim() {
            2 => return Ok(a.view().insert_axis(Axis(0)).into_dimensionality::<Ix3>().map_err(err)?.into()),
            3 => return Ok(a.view().into_dimensionality::<Ix3>().map_err(err)?.into()),
            _ if a.is_standard_layout() => {
                return Ok(a.view().into_shape_with_order((nb, rows, cols)).map_err(err)?.into())
            }
            _ => {}
        }
    }
    // General case: promote a vector to a matrix, broadcast the batch, copy once. The copy
    // can be larger than the output (a big matrix broadcast over a long batch): check it.
    check::output("matmul", &[nb, rows, cols], T::DTYPE)?;
    let mut mat_shape = a.shape()[..lead].to_vec();
    mat_shape.extend([rows, cols]);
    let mat = a.to_shape(IxDyn(&mat_shape)).map_err(err)?;
    let mut full = batch.to_vec();
    full.extend([rows, cols]);
    let wide = mat.broadcast(IxDyn(&full)).ok_or_else(|| internal("matmul batch broadcast failed"))?;
    let owned = wide.as_standard_layout().into_owned().into_shape_with_order((nb, rows, cols)).map_err(err)?;
    Ok(owned.into())
}

fn gemm_float<T: Float>(a: ArrayView3<'_, T>, b: ArrayView3<'_, T>, out: &mut Array3<T>) {
    for ((am, bm), mut om) in a.outer_iter().zip(b.outer_iter()).zip(out.outer_iter_mut()) {
        general_mat_mul(T::one(), &am, &bm, T::zero(), &mut om);
    }
}

fn gemm_int<T: Num>(a: ArrayView3<'_, T>, b: ArrayView3<'_, T>, out: &mut Array3<T>) {
    for ((am, bm), mut om) in a.outer_iter().zip(b.outer_iter()).zip(out.outer_iter_mut()) {
        for ((i, j), o) in om.indexed_iter_mut() {
            *o = am.row(i).iter().zip(bm.column(j)).fold(T::ZERO, |acc, (&x, &y)| acc.add(x.mul(y)));
        }
    }
}

type Gemm<T> = fn(ArrayView3<'_, T>, ArrayView3<'_, T>, &mut Array3<T>);

fn run<T: Num>(a: &Arr<T>, b: &Arr<T>, spec: &check::MatmulSpec, gemm: Gemm<T>) -> Result<Data> {
    let nb: usize = spec.batch.iter().product();
    let a3 = batched(a, &spec.batch, spec.m, spec.k)?;
    let b3 = batched(b, &spec.batch, spec.k, spec.n)?;
    let mut out = Array3::from_elem((nb, spec.m, spec.n), T::ZERO);
    if spec.k > 0 {
        gemm(a3.view(), b3.view(), &mut out);
    }
    out.into_shape_with_order(IxDyn(&spec.out_shape))
        .map(|o| T::wrap(o.into_shared()))
        .map_err(|e| internal(&e.to_string()))
}

pub(crate) fn matmul(a: &Data, b: &Data) -> Result<Data> {
    let spec = check::matmul((a.shape(), a.dtype()), (b.shape(), b.dtype()))?;
    let (a, b) = (astype(a, spec.dtype)?, astype(b, spec.dtype)?);
    let other = |_: &Data| internal("matmul operands differ in dtype");
    with_kind!(&a,
        float x => run(x, Elem::unwrap(&b).ok_or_else(|| other(&b))?, &spec, gemm_float),
        int x => run(x, Elem::unwrap(&b).ok_or_else(|| other(&b))?, &spec, gemm_int),
        bool _x => Err(internal("matmul of bool passed its dtype rule")))
}
