//! GEMM for narrow outputs: matrices of at most [`MAX_N`] columns (an ensemble's hidden
//! width, or one output).
//!
//! A general blocked GEMM (`matrixmultiply`) packs both operands into freshly allocated,
//! padded panels on every call and writes edge tiles through a temporary: for a
//! `64 x 20 @ 20 x 20` product that overhead is as large as the arithmetic, and a batch
//! pays it once per matrix. Here one scratch buffer serves the whole batch, `b` is copied
//! once per matrix into rows padded to a multiple of [`NR`], `a` is read in place through
//! its strides, and a block of `MR` output rows stays in registers across the whole inner
//! dimension. On x86-64 the kernel is compiled a second time with AVX2 and FMA and chosen
//! at run time when the CPU has them ([`crate::simd`], as `matrixmultiply` does); elsewhere
//! it is plain Rust the compiler vectorises for the baseline target.
//!
//! Every output element is computed from its own row of `a` and column of `b` in an order
//! fixed by the shapes alone (ascending over the inner dimension; in eight partial sums
//! for a single output column), so the result does not depend on the batch size or on
//! how a batch is split between threads.

use ndarray::{ArrayView2, ArrayViewMut2, CowArray, Ix2};

use crate::elem::Float;
use crate::simd;

/// Output widths up to this take this kernel.
pub(crate) const MAX_N: usize = 32;

/// Output columns are padded to a multiple of this: one AVX2 register of `f32`.
const NR: usize = 8;

/// Reusable packing space for one batch.
#[derive(Default)]
pub(crate) struct Scratch<T> {
    b: Vec<T>,
}

/// A matrix's elements in memory order with its row and column strides, copying it to
/// row-major first when its layout is anything else (negative or broadcast strides).
fn strided<'a, T: Float>(v: &'a ArrayView2<'_, T>) -> (CowArray<'a, T, Ix2>, usize, usize) {
    let contiguous = v.strides().iter().all(|&s| s >= 0) && v.as_slice_memory_order().is_some();
    let v: CowArray<'a, T, Ix2> = if contiguous { v.view().into() } else { v.as_standard_layout() };
    let (rs, cs) = (v.strides()[0] as usize, v.strides()[1] as usize);
    (v, rs, cs)
}

/// `out = a @ b` for `b` of at most [`MAX_N`] columns and a row-major `out`.
pub(crate) fn gemm<T: Float>(
    a: &ArrayView2<'_, T>,
    b: &ArrayView2<'_, T>,
    out: &mut ArrayViewMut2<'_, T>,
    scratch: &mut Scratch<T>,
) {
    let Some(out) = out.as_slice_mut() else {
        // Not reached: matmul writes into a fresh row-major array.
        return ndarray::linalg::general_mat_mul(T::one(), a, b, T::zero(), out);
    };
    simd::avx2_fma_or!(gemm_avx2_fma, gemm_with::<T, false>, (a, b, out, scratch))
}

/// [`gemm_with`] compiled with AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn gemm_avx2_fma<T: Float>(a: &ArrayView2<'_, T>, b: &ArrayView2<'_, T>, out: &mut [T], scratch: &mut Scratch<T>) {
    gemm_with::<T, true>(a, b, out, scratch);
}

/// The whole product; `FMA` says whether a fused multiply-add instruction exists (it is
/// a slow library call otherwise). A block of `MR` output rows of the padded width `W`
/// stays in registers: at most 12 vector registers of accumulators, so that they, a row of
/// `b` and the broadcast value of `a` fit in the 16 registers without spilling.
#[inline(always)]
fn gemm_with<T: Float, const FMA: bool>(
    a: &ArrayView2<'_, T>,
    b: &ArrayView2<'_, T>,
    out: &mut [T],
    scratch: &mut Scratch<T>,
) {
    if b.ncols() == 1 {
        return matvec::<T, FMA>(a, b, out, scratch);
    }
    let wide = size_of::<T>() == 8;
    match (b.ncols().div_ceil(NR), wide) {
        (1, false) => gemm_rows::<T, FMA, 8, 8>(a, b, out, scratch),
        (2, false) => gemm_rows::<T, FMA, 6, 16>(a, b, out, scratch),
        (3, false) => gemm_rows::<T, FMA, 3, 24>(a, b, out, scratch),
        (_, false) => gemm_rows::<T, FMA, 2, 32>(a, b, out, scratch),
        (1, true) => gemm_rows::<T, FMA, 6, 8>(a, b, out, scratch),
        (2, true) => gemm_rows::<T, FMA, 3, 16>(a, b, out, scratch),
        (_, true) => gemm_rows::<T, FMA, 1, 32>(a, b, out, scratch),
    }
}

/// `acc + s * x`, fused into one instruction (and one rounding) where `FMA` says the CPU
/// has it; a plain multiply and add otherwise (`mul_add` would be a slow library call).
#[inline(always)]
fn madd<T: Float, const FMA: bool>(s: T, x: T, acc: T) -> T {
    if FMA {
        s.mul_add(x, acc)
    } else {
        acc + s * x
    }
}

/// `out = a @ b` for a single column `b` (an ensemble's output layer and its weight
/// gradient), where an output block would use one lane in eight: dot products of `a`'s
/// contiguous rows with `b`, or, when `a`'s columns are contiguous (a transposed view),
/// `b[p]` times column `p` accumulated into the whole output. [`strided`] leaves `a`
/// contiguous, so one of the two applies: with both dimensions above 1 one stride is 1,
/// and a single column (`k == 1`) is a contiguous row of one.
#[inline(always)]
fn matvec<T: Float, const FMA: bool>(
    a: &ArrayView2<'_, T>,
    b: &ArrayView2<'_, T>,
    out: &mut [T],
    scratch: &mut Scratch<T>,
) {
    let (m, k) = a.dim();
    if m == 0 {
        return;
    }
    let (av, ars, acs) = strided(a);
    let as_ = av.as_slice_memory_order().unwrap_or_default();
    scratch.b.clear();
    scratch.b.extend(b.iter().copied());
    let bcol = &scratch.b[..k];
    let out = &mut out[..m];
    if acs == 1 || k == 1 {
        for (i, o) in out.iter_mut().enumerate() {
            let row = &as_[i * ars..i * ars + k];
            // NR partial sums across the row, then the tail, then the lanes.
            let mut lanes = [T::zero(); NR];
            let (xs, ys) = (row.chunks_exact(NR), bcol.chunks_exact(NR));
            let tail = xs.remainder().iter().zip(ys.remainder()).fold(T::zero(), |t, (&x, &y)| madd::<T, FMA>(x, y, t));
            for (xc, yc) in xs.zip(ys) {
                for ((l, &x), &y) in lanes.iter_mut().zip(xc).zip(yc) {
                    *l = madd::<T, FMA>(x, y, *l);
                }
            }
            *o = lanes.iter().fold(tail, |t, &l| t + l);
        }
        return;
    }
    // Columns contiguous (`ars == 1`, or a single row).
    out.fill(T::zero());
    for (p, &s) in bcol.iter().enumerate() {
        let col = &as_[p * acs..p * acs + m];
        for (o, &x) in out.iter_mut().zip(col) {
            *o = madd::<T, FMA>(s, x, *o);
        }
    }
}

/// `out = a @ b` with `b` padded to `W` columns (`W` a multiple of [`NR`], at least n).
#[inline(always)]
fn gemm_rows<T: Float, const FMA: bool, const MR: usize, const W: usize>(
    a: &ArrayView2<'_, T>,
    b: &ArrayView2<'_, T>,
    out: &mut [T],
    scratch: &mut Scratch<T>,
) {
    let (m, k) = a.dim();
    let n = b.ncols();
    if m == 0 || n == 0 {
        return;
    }
    // b row-major, `W` columns.
    let (bv, brs, bcs) = strided(b);
    let bs = bv.as_slice_memory_order().unwrap_or_default();
    // Padding columns may hold anything (the next row of b, or stale values): output
    // column j depends on column j of b alone, and columns past n are never kept.
    scratch.b.resize(k * W, T::zero());
    for (p, dst) in scratch.b.chunks_exact_mut(W).enumerate() {
        let at = p * brs;
        if bcs == 1 {
            match bs.get(at..at + W) {
                Some(src) => dst.copy_from_slice(src), // a fixed-size copy
                None => dst[..n].copy_from_slice(&bs[at..at + n]),
            }
        } else {
            for (j, d) in dst.iter_mut().take(n).enumerate() {
                *d = bs[at + j * bcs];
            }
        }
    }
    let (av, ars, acs) = strided(a);
    let as_ = av.as_slice_memory_order().unwrap_or_default();
    for i0 in (0..m).step_by(MR) {
        // Offsets of the block's rows in `a`; rows past the end repeat the last one
        // (their results are dropped).
        let starts: [usize; MR] = std::array::from_fn(|r| (i0 + r).min(m - 1) * ars);
        let acc = block::<T, FMA, MR, W>(as_, &starts, acs, &scratch.b);
        if (i0 + MR - 1) * n + W <= out.len() {
            // Whole padded rows: fixed-size copies (vector stores, no library call). What
            // spills past column n lands on later rows, which are written after this one.
            for (r, acc_row) in acc.iter().enumerate() {
                let at = (i0 + r) * n;
                out[at..at + W].copy_from_slice(acc_row);
            }
        } else {
            // The last rows: exactly n values each.
            for (r, acc_row) in acc.iter().enumerate().take(m - i0) {
                let at = (i0 + r) * n;
                out[at..at + n].copy_from_slice(&acc_row[..n]);
            }
        }
    }
}

/// One `MR x W` output block: over the inner dimension, the block's `MR` values of `a`
/// (rows at `starts`, column stride `cs`) times a row of the padded `b`, in registers.
#[inline(always)]
fn block<T: Float, const FMA: bool, const MR: usize, const W: usize>(
    a: &[T],
    starts: &[usize; MR],
    cs: usize,
    b: &[T],
) -> [[T; W]; MR] {
    let mut acc = [[T::zero(); W]; MR];
    for (p, bp) in b.chunks_exact(W).enumerate() {
        let bp: [T; W] = std::array::from_fn(|j| bp[j]);
        for (acc_row, &start) in acc.iter_mut().zip(starts) {
            let s = a[start + p * cs];
            for (o, &x) in acc_row.iter_mut().zip(&bp) {
                *o = madd::<T, FMA>(s, x, *o);
            }
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use ndarray::Array2;

    use super::*;

    /// Both variants of the kernel (the tests outside reach only the one this CPU runs).
    #[test]
    fn with_and_without_fma_the_kernel_matches_a_plain_product() {
        for &(m, k, n) in &[(1, 5, 1), (7, 9, 8), (10, 20, 20), (3, 6, 32), (17, 3, 13)] {
            let a = Array2::from_shape_fn((m, k), |(i, p)| ((i * k + p) as f32 * 0.37).sin());
            let b = Array2::from_shape_fn((k, n), |(p, j)| ((p * n + j) as f32 * 0.11).cos());
            let want = a.dot(&b);
            for fma in [false, true] {
                let mut out = vec![f32::NAN; m * n];
                let mut scratch = Scratch::default();
                if fma {
                    gemm_with::<f32, true>(&a.view(), &b.view(), &mut out, &mut scratch);
                } else {
                    gemm_with::<f32, false>(&a.view(), &b.view(), &mut out, &mut scratch);
                }
                for (g, w) in out.iter().zip(want.iter()) {
                    assert!((g - w).abs() <= 1e-5 * w.abs().max(1.0), "{m}x{k}x{n} fma {fma}: {g} vs {w}");
                }
            }
        }
    }
}
