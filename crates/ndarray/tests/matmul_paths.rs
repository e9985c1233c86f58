//! The ndarray backend's matmul paths that the conformance suite's small inputs do not
//! reach: batches and single matrices large enough to be split across threads, and the
//! small-inner-dimension kernel on a shared (zero-stride) input, the narrow-output
//! kernel over every width class, height remainder and operand layout, and the wide
//! products of `large_gemm` in every layout.

use arrayapi_core::ArrayApi;
use arrayapi_ndarray::{NdArray, NdNamespace};

fn data(n: usize, seed: f32) -> Vec<f32> {
    (0..n).map(|i| ((i as f32 + 1.0) * seed).sin()).collect()
}

/// `[B, m, k] @ [B, k, n]` in f64 on the host; `b_shared` broadcasts one `[k, n]`.
fn reference(a: &[f32], b: &[f32], nb: usize, m: usize, k: usize, n: usize, b_shared: bool) -> Vec<f64> {
    let mut out = vec![0.0; nb * m * n];
    for bi in 0..nb {
        let boff = if b_shared { 0 } else { bi * k * n };
        for i in 0..m {
            for j in 0..n {
                out[(bi * m + i) * n + j] =
                    (0..k).map(|p| a[(bi * m + i) * k + p] as f64 * b[boff + p * n + j] as f64).sum();
            }
        }
    }
    out
}

fn assert_close(got: &NdArray, want: &[f64]) {
    let got = got.to_vec::<f32>().unwrap();
    assert_eq!(got.len(), want.len());
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!((g as f64 - w).abs() <= 1e-4 * w.abs().max(1.0), "element {i}: got {g}, want {w}");
    }
}

#[test]
fn batches_split_across_threads_match_the_reference() {
    // 8 x 128 x 96 x 128 = 12.6 M multiply-adds: split by batch.
    let (nb, m, k, n) = (8, 128, 96, 128);
    let (a, b) = (data(nb * m * k, 0.37), data(nb * k * n, 0.11));
    let x = NdArray::asarray(&NdNamespace, &a, &[nb, m, k]).unwrap();
    let w = NdArray::asarray(&NdNamespace, &b, &[nb, k, n]).unwrap();
    assert_close(&split(|| x.matmul(&w)), &reference(&a, &b, nb, m, k, n, false));
}

/// Runs `f` on a pool of four threads (whatever the machine's core count), asserting
/// that the product was split between them.
fn split(f: impl FnOnce() -> arrayapi_core::Result<NdArray> + Send) -> NdArray {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    let before = arrayapi_ndarray::matmul_thread_splits();
    let out = pool.install(f).unwrap();
    assert!(arrayapi_ndarray::matmul_thread_splits() > before, "the product was not split between threads");
    out
}

#[test]
fn one_large_matrix_split_by_rows_matches_the_reference() {
    // 1 x 1024 x 96 x 96 = 9.4 M multiply-adds in one matrix: split by rows.
    let (m, k, n) = (1024, 96, 96);
    let (a, b) = (data(m * k, 0.23), data(k * n, 0.71));
    let x = NdArray::asarray(&NdNamespace, &a, &[m, k]).unwrap();
    let w = NdArray::asarray(&NdNamespace, &b, &[k, n]).unwrap();
    assert_close(&split(|| x.matmul(&w)), &reference(&a, &b, 1, m, k, n, false));
}

#[test]
fn small_inner_dimension_on_a_shared_input() {
    // [N, 1] shared by K members @ [K, 1, H]: the k = 1 kernel over a zero-stride batch.
    let (kk, nn, h) = (5, 7, 3);
    let (a, b) = (data(nn, 0.5), data(kk * h, 0.9));
    let x = NdArray::asarray(&NdNamespace, &a, &[nn, 1]).unwrap();
    let w = NdArray::asarray(&NdNamespace, &b, &[kk, 1, h]).unwrap();
    let tiled: Vec<f32> = (0..kk).flat_map(|_| a.clone()).collect();
    let y = x.matmul(&w).unwrap();
    assert_eq!(y.shape(), &[kk, nn, h]);
    assert_close(&y, &reference(&tiled, &b, kk, nn, 1, h, false));
    // And a transposed (non-contiguous) right operand with k = 2 takes the strided loop.
    let w2 = NdArray::asarray(&NdNamespace, &data(kk * 2 * h, 0.3), &[kk, h, 2]).unwrap().matrix_transpose().unwrap();
    let x2 = NdArray::asarray(&NdNamespace, &data(nn * 2, 0.8), &[nn, 2]).unwrap();
    let w2h: Vec<f32> = w2.to_vec().unwrap();
    let x2t: Vec<f32> = (0..kk).flat_map(|_| data(nn * 2, 0.8)).collect();
    assert_close(&x2.matmul(&w2).unwrap(), &reference(&x2t, &w2h, kk, nn, 2, h, false));
}

/// The transpose of each matrix of a stack.
fn transposed(values: &[f32], nb: usize, rows: usize, cols: usize) -> Vec<f32> {
    // values hold [nb, cols, rows]; the result is its transpose, [nb, rows, cols].
    let mut out = vec![0.0; values.len()];
    for bi in 0..nb {
        for i in 0..rows {
            for j in 0..cols {
                out[(bi * rows + i) * cols + j] = values[(bi * cols + j) * rows + i];
            }
        }
    }
    out
}

/// `values` (row-major `[nb, rows, cols]`) as an array: stored so, or stored transposed
/// and viewed through `matrix_transpose` (a column-major view).
fn operand(values: &[f32], nb: usize, rows: usize, cols: usize, transposed_view: bool) -> NdArray {
    if transposed_view {
        let stored = transposed(values, nb, cols, rows); // [nb, cols, rows] whose transpose is values
        NdArray::asarray(&NdNamespace, &stored, &[nb, cols, rows]).unwrap().matrix_transpose().unwrap()
    } else {
        NdArray::asarray(&NdNamespace, values, &[nb, rows, cols]).unwrap()
    }
}

/// `[nb, m, k] @ [nb, k, n]` with each operand row-major or a transposed view, against
/// the reference.
fn check_every_layout(nb: usize, m: usize, k: usize, n: usize, a: &[f32], b: &[f32]) {
    let want = reference(a, b, nb, m, k, n, false);
    for (a_t, b_t) in [(false, false), (true, false), (false, true), (true, true)] {
        let got = operand(a, nb, m, k, a_t).matmul(&operand(b, nb, k, n, b_t)).unwrap();
        assert_eq!(got.shape(), &[nb, m, n], "m {m} k {k} n {n}");
        assert_close(&got, &want);
    }
}

/// `[m, k]` shared by the batch (a zero-stride view) @ `[nb, k, n]`, in float64.
fn check_shared_left_float64(nb: usize, m: usize, k: usize, n: usize) {
    let (a, b) = (data(m * k, 0.3 + n as f32), data(nb * k * n, 0.7));
    let a64: Vec<f64> = a.iter().map(|&v| v as f64).collect();
    let b64: Vec<f64> = b.iter().map(|&v| v as f64).collect();
    let x = NdArray::asarray(&NdNamespace, &a64, &[m, k]).unwrap();
    let w = NdArray::asarray(&NdNamespace, &b64, &[nb, k, n]).unwrap();
    let got = x.matmul(&w).unwrap().to_vec::<f64>().unwrap();
    let tiled: Vec<f32> = (0..nb).flat_map(|_| a.iter().copied()).collect();
    let want = reference(&tiled, &b, nb, m, k, n, false);
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert!((g - w).abs() <= 1e-9 * w.abs().max(1.0), "element {i}: got {g}, want {w}");
    }
}

#[test]
fn narrow_outputs_match_the_reference_in_every_layout() {
    // Widths around the kernel's 8-column padding and its 32-column limit, heights that
    // are and are not multiples of its row blocks, inner dimensions past the small-k
    // kernel.
    let nb = 3;
    for &n in &[1, 2, 7, 8, 9, 16, 20, 24, 25, 32, 33] {
        for &(m, k) in &[(1, 5), (5, 20), (64, 20), (13, 64)] {
            let (a, b) = (data(nb * m * k, 0.37 + n as f32), data(nb * k * n, 0.11 * m as f32));
            check_every_layout(nb, m, k, n, &a, &b);
        }
    }
}

#[test]
fn narrow_outputs_in_float64_and_on_a_shared_left_operand() {
    // The kernel's other register plan.
    check_shared_left_float64(4, 9, 30, 20);
}

#[test]
fn wide_outputs_match_the_reference_in_every_layout() {
    // More than 32 output columns and an inner dimension above 4: the `gemm` crate's
    // kernels (`large_gemm`); and `a` as a view flipped along its rows (negative strides).
    let nb = 2;
    for &(m, k, n) in &[(1, 5, 33), (7, 40, 64), (64, 128, 128), (33, 9, 100)] {
        let (a, b) = (data(nb * m * k, 0.29 + m as f32), data(nb * k * n, 0.13 * n as f32));
        check_every_layout(nb, m, k, n, &a, &b);
        // `a` stored upside down and flipped back.
        let mut upside_down = a.clone();
        for bi in 0..nb {
            for i in 0..m {
                let row = (bi * m + (m - 1 - i)) * k;
                upside_down[(bi * m + i) * k..(bi * m + i + 1) * k].copy_from_slice(&a[row..row + k]);
            }
        }
        let x = NdArray::asarray(&NdNamespace, &upside_down, &[nb, m, k]).unwrap().flip(1).unwrap();
        let w = NdArray::asarray(&NdNamespace, &b, &[nb, k, n]).unwrap();
        assert_close(&x.matmul(&w).unwrap(), &reference(&a, &b, nb, m, k, n, false));
    }
}

#[test]
fn wide_outputs_in_float64_on_a_shared_operand_and_with_no_rows() {
    check_shared_left_float64(3, 17, 50, 70);
    // No rows: an empty result of the right shape.
    let (nb, k, n) = (3, 50, 70);
    let e = NdArray::asarray(&NdNamespace, &[0f32; 0], &[nb, 0, k]).unwrap();
    let w = NdArray::asarray(&NdNamespace, &data(nb * k * n, 0.53), &[nb, k, n]).unwrap();
    assert_eq!(e.matmul(&w).unwrap().shape(), &[nb, 0, n]);
}
