//! `matmul`: 2-D, vectors, batches, broadcast batches, strided operands, zero-size and error cases.

use arrayapi_core::{ArrayApi, Axes, DType, Error, Result};

use crate::support::*;

/// Reference batched matmul on [B, m, k] x [B, k, n] host data.
fn ref_mm(a: &[f64], b: &[f64], nb: usize, m: usize, k: usize, n: usize) -> Vec<f64> {
    let mut out = vec![0.0; nb * m * n];
    for bi in 0..nb {
        for i in 0..m {
            for j in 0..n {
                out[bi * m * n + i * n + j] =
                    (0..k).map(|p| a[bi * m * k + i * k + p] * b[bi * k * n + p * n + j]).sum();
            }
        }
    }
    out
}

fn data(n: usize, seed: f64) -> Vec<f64> {
    (0..n).map(|i| ((i as f64 + 1.0) * seed).sin()).collect()
}

/// Conformance check `matmul_2d_and_vectors`: matmul 2d and vectors.
pub fn matmul_2d_and_vectors<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let (a, b) = (data(6, 0.7), data(12, 1.3));
    let (x, y) = (f64s::<A>(ns, &a, &[2, 3]), f64s::<A>(ns, &b, &[3, 4]));
    check(&x.matmul(&y)?, &[2, 4], DType::Float64, &ref_mm(&a, &b, 1, 2, 3, 4), 1e-12);
    check(&arrayapi_core::functions::matmul(&x, &y)?, &[2, 4], DType::Float64, &ref_mm(&a, &b, 1, 2, 3, 4), 1e-12);
    // Vectors: promoted to matrices, the added dimension removed.
    let v = f64s::<A>(ns, &a[..3], &[3]);
    check(&v.matmul(&v)?, &[], DType::Float64, &[a[..3].iter().map(|x| x * x).sum()], 1e-12);
    check(&v.matmul(&y)?, &[4], DType::Float64, &ref_mm(&a[..3], &b, 1, 1, 3, 4), 1e-12);
    check(&x.matmul(&v)?, &[2], DType::Float64, &ref_mm(&a, &a[..3], 1, 2, 3, 1), 1e-12);
    // float32 through the GEMM kernel.
    let (x32, y32) = (x.astype(DType::Float32)?, y.astype(DType::Float32)?);
    check(&x32.matmul(&y32)?, &[2, 4], DType::Float32, &ref_mm(&a, &b, 1, 2, 3, 4), 1e-6);
    Ok(())
}

/// Conformance check `matmul_batched_broadcast`: matmul batched broadcast.
pub fn matmul_batched_broadcast<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // [K, N, in] @ [K, in, out]: one call for K ensemble members.
    let (a, b) = (data(4 * 5 * 3, 0.3), data(4 * 3 * 2, 0.9));
    let (x, w) = (f64s::<A>(ns, &a, &[4, 5, 3]), f64s::<A>(ns, &b, &[4, 3, 2]));
    check(&x.matmul(&w)?, &[4, 5, 2], DType::Float64, &ref_mm(&a, &b, 4, 5, 3, 2), 1e-12);
    // A shared [N, in] input broadcast against K weight matrices.
    let shared = f64s::<A>(ns, &a[..15], &[5, 3]);
    let tiled: Vec<f64> = (0..4).flat_map(|_| a[..15].to_vec()).collect();
    check(&shared.matmul(&w)?, &[4, 5, 2], DType::Float64, &ref_mm(&tiled, &b, 4, 5, 3, 2), 1e-12);
    // Batch dimensions broadcast: [2, 1, m, k] @ [3, k, n] -> [2, 3, m, n].
    let (c, d) = (data(2 * 2 * 3, 0.5), data(3 * 3 * 2, 0.2));
    let (p, q) = (f64s::<A>(ns, &c, &[2, 1, 2, 3]), f64s::<A>(ns, &d, &[3, 3, 2]));
    let mut want = Vec::new();
    for i in 0..2 {
        for j in 0..3 {
            want.extend(ref_mm(&c[i * 6..i * 6 + 6], &d[j * 6..j * 6 + 6], 1, 2, 3, 2));
        }
    }
    check(&p.matmul(&q)?, &[2, 3, 2, 2], DType::Float64, &want, 1e-12);
    // A transposed operand (a strided view) gives the same result as a contiguous one.
    let wt = w.matrix_transpose()?; // [4, 2, 3]
    let wt_host = f64s::<A>(ns, &vals(&wt), &[4, 2, 3]);
    check(&x.matmul(&wt.matrix_transpose()?)?, &[4, 5, 2], DType::Float64, &ref_mm(&a, &b, 4, 5, 3, 2), 1e-12);
    // (W^T X^T = (X W)^T, per batch, transposed on the host.)
    let xw = ref_mm(&a, &b, 4, 5, 3, 2);
    let xw_t: Vec<f64> = (0..4 * 2 * 5).map(|i| xw[(i / 10) * 10 + (i % 5) * 2 + (i / 5) % 2]).collect();
    check(&wt.matmul(&x.matrix_transpose()?)?, &[4, 2, 5], DType::Float64, &xw_t, 1e-12);
    check(&wt_host.matmul(&x.matrix_transpose()?)?, &[4, 2, 5], DType::Float64, &xw_t, 1e-12);
    Ok(())
}

/// Conformance check `matmul_edges`: matmul edges.
pub fn matmul_edges<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // Zero-size contraction: zeros.
    let (x, y) = (A::zeros(ns, &[2, 0], DType::Float32)?, A::zeros(ns, &[0, 3], DType::Float32)?);
    // (Sums of nothing: 0, of a sign the standard does not fix.)
    check_near(&x.matmul(&y)?, &[2, 3], DType::Float32, &[0.0; 6], 0.0, 0.0);
    let (x, y) = (A::zeros(ns, &[0, 4], DType::Float64)?, A::ones(ns, &[4, 3], DType::Float64)?);
    check(&x.matmul(&y)?, &[0, 3], DType::Float64, &[], 0.0);
    // NaN and infinities propagate.
    let n = f64s::<A>(ns, &[f64::NAN, 1.0, 1.0, f64::INFINITY], &[2, 2]);
    let r = vals(&n.matmul(&A::ones(ns, &[2, 1], DType::Float64)?)?);
    assert!(r[0].is_nan() && r[1] == f64::INFINITY);
    // Errors name the shapes.
    let (a, b) = (A::zeros(ns, &[2, 3], DType::Float64)?, A::zeros(ns, &[4, 2], DType::Float64)?);
    assert!(matches!(err(a.matmul(&b)), Error::ShapeMismatch { func: "matmul", .. }));
    let msg = err(a.matmul(&b)).to_string();
    assert!(msg.contains("[2, 3]") && msg.contains("[4, 2]"), "{msg}");
    let s = A::zeros(ns, &[], DType::Float64)?;
    assert!(matches!(err(s.matmul(&a)), Error::ShapeMismatch { func: "matmul", .. }));
    let (p, q) = (A::zeros(ns, &[2, 2, 3], DType::Float64)?, A::zeros(ns, &[3, 3, 2], DType::Float64)?);
    assert!(matches!(err(p.matmul(&q)), Error::Broadcast { func: "matmul", .. }));
    let b = arr::<A, bool>(ns, &[true], &[1, 1]);
    assert!(matches!(err(b.matmul(&b)), Error::DType { func: "matmul", .. }));
    let i = A::zeros(ns, &[3, 2], DType::Int32)?;
    assert!(matches!(err(a.matmul(&i)), Error::Promotion { func: "matmul", .. }));
    Ok(())
}

/// Conformance check `matmul_integers`: every integer dtype the backend stores, exact,
/// wrapping in the dtype as the standard's integer arithmetic does, with a batch and a
/// vector operand.
pub fn matmul_integers<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let a: Vec<i64> = vec![100, 100, 1, 2, 3, -1, 7, 0, 5, 5, -4, 9];
    let b: Vec<i64> = vec![100, -3, 2, 1, 4, 6, -2, 8, 3];
    for dtype in DType::ALL.into_iter().filter(|&d| d.is_integer() && stores::<A>(ns, d)) {
        let (bits, signed) = (arrayapi_core::iinfo(dtype)?.bits, dtype.is_signed_integer());
        let wrap = |v: i128| -> f64 {
            let m = 1i128 << bits;
            let r = v.rem_euclid(m);
            (if signed && r >= m / 2 { r - m } else { r }) as f64
        };
        let fit = |v: &[i64]| -> Vec<i64> { v.iter().map(|&x| if signed { x } else { x.abs() }).collect() };
        let (av, bv) = (fit(&a), fit(&b));
        let x = arr::<A, i64>(ns, &av, &[4, 3]).astype(dtype)?;
        let y = arr::<A, i64>(ns, &bv, &[3, 3]).astype(dtype)?;
        // The operands as the dtype holds them (a wrapped input), then the exact product.
        let (ah, bh): (Vec<i128>, Vec<i128>) =
            (vals(&x).iter().map(|&v| v as i128).collect(), vals(&y).iter().map(|&v| v as i128).collect());
        let want: Vec<f64> =
            (0..12).map(|o| wrap((0..3).map(|p| ah[(o / 3) * 3 + p] * bh[p * 3 + o % 3]).sum())).collect();
        check_as(dtype.name(), &x.matmul(&y)?, &[4, 3], dtype, &want, 0.0);
        // A batch of two with a shared right operand, and a vector on the right.
        let xb = A::stack(&[x.clone(), x.clone()], 0)?;
        let twice: Vec<f64> = want.iter().chain(&want).copied().collect();
        check_as(dtype.name(), &xb.matmul(&y)?, &[2, 4, 3], dtype, &twice, 0.0);
        let v = y.take(&arr::<A, i64>(ns, &[0], &[1]), Some(1))?.reshape(&[3])?;
        let want_v: Vec<f64> = (0..4).map(|r| wrap((0..3).map(|p| ah[r * 3 + p] * bh[p * 3]).sum())).collect();
        check_as(dtype.name(), &x.matmul(&v)?, &[4], dtype, &want_v, 0.0);
    }
    Ok(())
}

/// Conformance check `diagonal_and_trace`.
pub fn diagonal_and_trace<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let s: Vec<f64> = (0..12).map(f64::from).collect();
    let m = f64s::<A>(ns, &s, &[3, 4]);
    check(&m.diagonal(0)?, &[3], DType::Float64, &[0.0, 5.0, 10.0], 0.0);
    check(&m.diagonal(1)?, &[3], DType::Float64, &[1.0, 6.0, 11.0], 0.0);
    check(&m.diagonal(-1)?, &[2], DType::Float64, &[4.0, 9.0], 0.0);
    check(&m.diagonal(9)?, &[0], DType::Float64, &[], 0.0);
    check(&m.trace(0)?, &[], DType::Float64, &[15.0], 0.0);
    let b = f64s::<A>(ns, &s, &[3, 2, 2]);
    check(&b.trace(0)?, &[3], DType::Float64, &[3.0, 11.0, 19.0], 0.0);
    assert!(matches!(err(f64s::<A>(ns, &[1.0], &[1]).diagonal(0)), Error::ShapeMismatch { func: "diagonal", .. }));
    // Offsets at the limits of isize: empty diagonals and a zero trace, no overflow.
    for k in [isize::MIN, isize::MAX] {
        check(&m.diagonal(k)?, &[0], DType::Float64, &[], 0.0);
        check(&m.trace(k)?, &[], DType::Float64, &[0.0], 0.0);
    }
    Ok(())
}

/// Conformance check `vecdot_and_outer`.
pub fn vecdot_and_outer<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let u = f64s::<A>(ns, &[1.0, 2.0, 3.0], &[3]);
    let w = f64s::<A>(ns, &[4.0, 5.0, 6.0, -1.0, 0.0, 1.0], &[2, 3]);
    check(&u.vecdot(&w, -1)?, &[2], DType::Float64, &[32.0, 2.0], 0.0);
    assert!(matches!(err(u.vecdot(&f64s::<A>(ns, &[1.0; 4], &[4]), -1)), Error::Broadcast { .. }));
    check(
        &u.outer(&f64s::<A>(ns, &[1.0, -1.0], &[2]))?,
        &[3, 2],
        DType::Float64,
        &[1.0, -1.0, 2.0, -2.0, 3.0, -3.0],
        0.0,
    );
    assert!(matches!(err(w.outer(&u)), Error::ShapeMismatch { func: "outer", .. }));
    Ok(())
}

/// Conformance check `vector_and_matrix_norms`.
pub fn vector_and_matrix_norms<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let v = f64s::<A>(ns, &[3.0, -4.0, 0.0], &[3]);
    check(&v.vector_norm(Axes::All, false, 2.0)?, &[], DType::Float64, &[5.0], 1e-15);
    check(&v.vector_norm(Axes::All, false, 1.0)?, &[], DType::Float64, &[7.0], 0.0);
    check(&v.vector_norm(Axes::All, false, f64::INFINITY)?, &[], DType::Float64, &[4.0], 0.0);
    check(&v.vector_norm(Axes::All, false, f64::NEG_INFINITY)?, &[], DType::Float64, &[0.0], 0.0);
    check(&v.vector_norm(Axes::All, false, 0.0)?, &[], DType::Float64, &[2.0], 0.0);
    check(&v.vector_norm(0, true, 3.0)?, &[1], DType::Float64, &[91f64.powf(1.0 / 3.0)], 1e-12);
    assert!(matches!(err(arr::<A, i32>(ns, &[1], &[1]).vector_norm(Axes::All, false, 2.0)), Error::DType { .. }));
    let q = f64s::<A>(ns, &[1.0, -2.0, 3.0, 4.0], &[2, 2]);
    check(&q.matrix_norm("fro", false)?, &[], DType::Float64, &[30f64.sqrt()], 1e-15);
    check(&q.matrix_norm("1", false)?, &[], DType::Float64, &[6.0], 0.0);
    check(&q.matrix_norm("inf", true)?, &[1, 1], DType::Float64, &[7.0], 0.0);
    check(&q.matrix_norm("-inf", false)?, &[], DType::Float64, &[3.0], 0.0);
    assert!(matches!(err(q.matrix_norm("nuc", false)), Error::InvalidArgument { func: "matrix_norm", .. }));
    Ok(())
}

/// Conformance check `sort_and_argsort`: ascending and descending, NaN last, along
/// either axis, and stable (equal keys keep their order, also when descending).
pub fn sort_and_argsort<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[3.0, f64::NAN, 1.0, 2.0, 1.0, -0.5], &[2, 3]);
    check(&x.sort(-1, false)?, &[2, 3], DType::Float64, &[1.0, 3.0, f64::NAN, -0.5, 1.0, 2.0], 0.0);
    check(&x.sort(-1, true)?, &[2, 3], DType::Float64, &[3.0, 1.0, f64::NAN, 2.0, 1.0, -0.5], 0.0);
    check(&x.sort(0, false)?, &[2, 3], DType::Float64, &[2.0, 1.0, -0.5, 3.0, f64::NAN, 1.0], 0.0);
    check(&x.argsort(-1, false)?, &[2, 3], DType::Int64, &[2.0, 0.0, 1.0, 2.0, 1.0, 0.0], 0.0);
    // Stable: equal keys keep their order.
    let t = arr::<A, i32>(ns, &[2, 1, 2, 1], &[4]);
    check(&t.argsort(0, false)?, &[4], DType::Int64, &[1.0, 3.0, 0.0, 2.0], 0.0);
    check(&t.argsort(0, true)?, &[4], DType::Int64, &[0.0, 2.0, 1.0, 3.0], 0.0);
    let long: Vec<f64> = (0..40).map(|i| ((i * 7) % 5) as f64).collect();
    let mut order: Vec<usize> = (0..40).collect();
    order.sort_by(|&p, &q| long[p].total_cmp(&long[q]));
    let want: Vec<f64> = order.iter().map(|&i| i as f64).collect();
    check(&f64s::<A>(ns, &long, &[40]).argsort(0, false)?, &[40], DType::Int64, &want, 0.0);
    // Signed zeros are equal keys: stable among themselves.
    let z = f64s::<A>(ns, &[0.0, -0.0, 0.0, -1.0], &[4]);
    check(&z.argsort(0, false)?, &[4], DType::Int64, &[3.0, 0.0, 1.0, 2.0], 0.0);
    check(&A::zeros(ns, &[0], DType::Float32)?.sort(0, false)?, &[0], DType::Float32, &[], 0.0);
    Ok(())
}
