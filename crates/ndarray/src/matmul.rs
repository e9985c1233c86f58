//! `matmul` with the standard's batching: one optimised GEMM per matrix of the batch.
//!
//! Floats take one of three kernels by shape: a single output row, or an inner dimension
//! up to 4 beyond 32 output columns, a row-update loop ([`small_k`]); outputs up to 32
//! columns wide the register-blocked kernel of [`crate::narrow_gemm`]; everything else
//! [`crate::large_gemm`] (the `gemm` crate's blocked SIMD kernels). All take any strides,
//! so transposed views are not copied. Integers go through a plain loop that wraps on
//! overflow like every other integer op.

use arrayapi_core::{check, Result};
use ndarray::{Array3, ArrayView2, ArrayView3, ArrayViewMut2, ArrayViewMut3, Axis, CowArray, Ix3, IxDyn};

use crate::convert::astype;
use crate::elem::{Elem, Float, Num};
use crate::storage::{internal, shaped, with_kind, Arr, Data};
use crate::{large_gemm, narrow_gemm};

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
    // One matrix shared by the whole batch (an ensemble's common input): a view whose
    // batch stride is zero, no copy.
    if a.ndim() == 2 && a.shape() == [rows, cols] {
        let wide = a.broadcast(IxDyn(&[nb, rows, cols])).ok_or_else(|| internal("matmul batch broadcast failed"))?;
        return Ok(wide.into_dimensionality::<Ix3>().map_err(err)?.into());
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

/// Multiply-adds below which a batch is not split between threads: a rayon task costs
/// about a microsecond, this much arithmetic several.
const PAR_MIN_WORK: usize = 1 << 22;

/// One GEMM per matrix of the batch, the batch (or, for a single matrix, its rows) split
/// in halves across rayon's threads while each half still has [`PAR_MIN_WORK`]
/// multiply-adds; every output element is computed by one thread in one order, so the
/// result does not depend on the number of threads.
fn gemm_float<T: Float + Send + Sync>(a: ArrayView3<'_, T>, b: ArrayView3<'_, T>, out: &mut Array3<T>) {
    gemm_split(a, b, out.view_mut());
}

/// How many times [`gemm_split`] has split a product between threads in this process.
static SPLITS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// See [`crate::matmul_thread_splits`].
pub(crate) fn thread_splits() -> usize {
    SPLITS.load(std::sync::atomic::Ordering::Relaxed)
}

fn gemm_split<T: Float + Send + Sync>(a: ArrayView3<'_, T>, b: ArrayView3<'_, T>, mut out: ArrayViewMut3<'_, T>) {
    let (nb, m, k) = a.dim();
    let n = b.dim().2;
    let work = nb * m * n * k;
    if work >= 2 * PAR_MIN_WORK && rayon::current_num_threads() > 1 && (nb >= 2 || m >= 2) {
        SPLITS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if nb >= 2 {
            let mid = nb / 2;
            let (a1, a2) = a.split_at(Axis(0), mid);
            let (b1, b2) = b.split_at(Axis(0), mid);
            let (o1, o2) = out.split_at(Axis(0), mid);
            rayon::join(|| gemm_split(a1, b1, o1), || gemm_split(a2, b2, o2));
            return;
        }
        if m >= 2 {
            let mid = m / 2;
            let (a1, a2) = a.split_at(Axis(1), mid);
            let (o1, o2) = out.split_at(Axis(1), mid);
            rayon::join(|| gemm_split(a1, b, o1), || gemm_split(a2, b, o2));
            return;
        }
    }
    let mut scratch = narrow_gemm::Scratch::default();
    for ((am, bm), mut om) in a.outer_iter().zip(b.outer_iter()).zip(out.outer_iter_mut()) {
        // A single output row (an ensemble's first-layer weight gradient, `x^T @ g`): row
        // updates read `b` once, where the narrow kernel would first copy all of it.
        if (m == 1 && n > 1) || (n > narrow_gemm::MAX_N && k <= SMALL_K) {
            small_k(&am, &bm, &mut om);
        } else if n <= narrow_gemm::MAX_N {
            narrow_gemm::gemm(&am, &bm, &mut om, &mut scratch);
        } else {
            large_gemm::gemm(&am, &bm, &mut om);
        }
    }
}

/// Inner dimensions up to this go through [`small_k`]: packing for the blocked kernel
/// costs more than the arithmetic there (an ensemble's first layer has `k = 1`).
const SMALL_K: usize = 4;

/// `out = a @ b` as `k` row updates `out[i, :] += a[i, p] * b[p, :]`, in the blocked
/// kernel's summation order (`p` ascending from zero).
fn small_k<T: Float>(a: &ArrayView2<'_, T>, b: &ArrayView2<'_, T>, out: &mut ArrayViewMut2<'_, T>) {
    let n = b.ncols();
    if let (Some(bs), Some(os)) = (b.as_slice(), out.as_slice_mut()) {
        // Contiguous rows: plain slice loops.
        for (i, orow) in os.chunks_exact_mut(n.max(1)).enumerate() {
            orow.fill(T::zero());
            for (p, brow) in bs.chunks_exact(n.max(1)).enumerate() {
                let s = a[[i, p]];
                orow.iter_mut().zip(brow).for_each(|(o, &x)| *o = *o + s * x);
            }
        }
        return;
    }
    for (i, mut row) in out.outer_iter_mut().enumerate() {
        row.fill(T::zero());
        for (p, brow) in b.outer_iter().enumerate() {
            let s = a[[i, p]];
            row.zip_mut_with(&brow, |o, &x| *o = *o + s * x);
        }
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
    if spec.k == 0 || spec.out_shape.contains(&0) {
        // Zeros, without materialising operands at a batch shape that may be huge.
        let n = spec.out_shape.iter().product();
        return shaped(&spec.out_shape, vec![T::ZERO; n]).map(T::wrap);
    }
    let nb: usize = spec.batch.iter().product();
    let a3 = batched(a, &spec.batch, spec.m, spec.k)?;
    let b3 = batched(b, &spec.batch, spec.k, spec.n)?;
    let mut out = Array3::from_elem((nb, spec.m, spec.n), T::ZERO);
    gemm(a3.view(), b3.view(), &mut out);
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
