//! The `linalg` extension's factorisations and products: `det`, `slogdet`, `inv`,
//! `solve`, `cholesky`, `qr`, `cross`, `matrix_power`, `tensordot`, checked by the
//! identities that define them and against values worked out by hand.

use arrayapi_core::{ArrayApi, DType, ErrorKind, Result};

use crate::support::*;

fn close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol * w.abs().max(1.0), "{what}: element {i}: got {g}, want {w}\n{got:?}");
    }
}

/// Conformance check `linalg_factorisations`.
pub fn linalg_factorisations<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // A batch of two 3x3 matrices: one general (det -3 worked by hand), one symmetric
    // positive-definite.
    let m = [2.0, 1.0, 1.0, 1.0, 3.0, 2.0, 1.0, 0.0, 0.0, 4.0, 2.0, 0.0, 2.0, 5.0, 1.0, 0.0, 1.0, 3.0];
    let x = f64s::<A>(ns, &m, &[2, 3, 3]);
    let det = x.det()?;
    assert_eq!(det.shape(), &[2]);
    close(&vals(&det), &[-1.0, 4.0 * 14.0 - 2.0 * 6.0], 1e-12, "det");
    let (sign, logabs) = x.slogdet()?;
    close(&vals(&sign), &[-1.0, 1.0], 0.0, "slogdet sign");
    close(&vals(&logabs), &[0.0, 44f64.ln()], 1e-12, "slogdet log");
    // inv: x @ inv(x) = I.
    let eye: Vec<f64> = (0..18).map(|i| f64::from(u8::from((i % 9) / 3 == i % 3))).collect();
    check(&x.matmul(&x.inv()?)?, &[2, 3, 3], DType::Float64, &eye, 1e-12);
    // solve with a matrix and with a vector right-hand side.
    let b = f64s::<A>(ns, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3, 1]);
    let s = x.solve(&b)?;
    check(&x.matmul(&s)?, &[2, 3, 1], DType::Float64, &vals(&b), 1e-12);
    let v = f64s::<A>(ns, &[1.0, 0.0, 0.0], &[3]);
    let sv = x.solve(&v)?;
    assert_eq!(sv.shape(), &[2, 3]);
    // cholesky of the positive-definite one: L @ L^T = A, L lower.
    let spd = x.take(&arr::<A, i64>(ns, &[1], &[1]), Some(0))?.squeeze(0)?;
    let l = spd.cholesky(false)?;
    let lv = vals(&l);
    assert!(lv[1] == 0.0 && lv[2] == 0.0 && lv[5] == 0.0, "lower triangular: {lv:?}");
    check(&l.matmul(&l.matrix_transpose()?)?, &[3, 3], DType::Float64, &vals(&spd), 1e-12);
    let u = spd.cholesky(true)?;
    check(&u.matrix_transpose()?, &[3, 3], DType::Float64, &lv, 1e-12);
    // qr of a tall 4x2 matrix: Q^T Q = I, R upper, Q R = A.
    let t = f64s::<A>(ns, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0], &[4, 2]);
    let (q, r) = t.qr()?;
    assert_eq!((q.shape(), r.shape()), (&[4usize, 2][..], &[2usize, 2][..]));
    check(&q.matrix_transpose()?.matmul(&q)?, &[2, 2], DType::Float64, &[1.0, 0.0, 0.0, 1.0], 1e-12);
    assert_eq!(vals(&r)[2], 0.0, "R is upper triangular");
    check(&q.matmul(&r)?, &[4, 2], DType::Float64, &vals(&t), 1e-12);
    // float32 in, float32 out.
    assert_eq!(x.astype(DType::Float32)?.inv()?.dtype(), DType::Float32);
    // cross: e_x x e_y = e_z, broadcast over a batch.
    let e = f64s::<A>(ns, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0], &[2, 3]);
    let ey = f64s::<A>(ns, &[0.0, 1.0, 0.0], &[3]);
    check(&e.cross(&ey, -1)?, &[2, 3], DType::Float64, &[0.0, 0.0, 1.0, 0.0, 0.0, 0.0], 0.0);
    // matrix_power: 0 gives identities, 3 is x@x@x, -1 is the inverse.
    check(&x.matrix_power(0)?, &[2, 3, 3], DType::Float64, &eye, 0.0);
    check(&x.matrix_power(3)?, &[2, 3, 3], DType::Float64, &vals(&x.matmul(&x)?.matmul(&x)?), 1e-12);
    check(&x.matrix_power(-1)?, &[2, 3, 3], DType::Float64, &vals(&x.inv()?), 1e-12);
    // tensordot: axes=1 is matmul; axes=0 an outer product; explicit axis pairs.
    let a = f64s::<A>(ns, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
    let bm = f64s::<A>(ns, &[1.0, 0.0, 2.0, 1.0, 0.0, 3.0], &[3, 2]);
    check(&a.tensordot(&bm, 1)?, &[2, 2], DType::Float64, &vals(&a.matmul(&bm)?), 0.0);
    assert_eq!(a.tensordot(&bm, 0)?.shape(), &[2, 3, 3, 2]);
    let td = a.tensordot_axes(&a, &[0, 1], &[0, 1])?;
    check(&td, &[], DType::Float64, &[91.0], 0.0);
    check(&a.tensordot_axes(&a, &[0], &[0])?, &[3, 3], DType::Float64, &vals(&a.matrix_transpose()?.matmul(&a)?), 0.0);
    // Errors: singular, not positive-definite, not square, integer input, bad axes.
    let singular = f64s::<A>(ns, &[1.0, 2.0, 2.0, 4.0], &[2, 2]);
    assert_eq!(err(singular.inv()).kind(), ErrorKind::Value);
    assert_eq!(vals(&singular.det()?), vec![0.0]);
    assert_eq!(err(singular.solve(&v.take(&arr::<A, i64>(ns, &[0, 1], &[2]), Some(0))?)).kind(), ErrorKind::Value);
    let not_pd = f64s::<A>(ns, &[1.0, 2.0, 2.0, 1.0], &[2, 2]);
    let e = err(not_pd.cholesky(false));
    assert!(e.to_string().contains("cholesky"), "{e}");
    assert_eq!(err(t.det()).kind(), ErrorKind::Shape);
    assert_eq!(err(arr::<A, i64>(ns, &[1, 0, 0, 1], &[2, 2]).inv()).kind(), ErrorKind::DType);
    assert_eq!(err(bm.cross(&bm, -1)).kind(), ErrorKind::Shape);
    assert_eq!(err(a.tensordot(&bm, 3)).kind(), ErrorKind::Value);
    assert_eq!(err(a.tensordot_axes(&bm, &[1], &[1])).kind(), ErrorKind::Shape);
    Ok(())
}

/// Conformance check `linalg_eigen_and_svd`: `eigh`, `eigvalsh`, `svd`, `svdvals`,
/// `matrix_rank`, `pinv`, by their defining identities and known values.
pub fn linalg_eigen_and_svd<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    // Symmetric [[2, 1], [1, 2]]: eigenvalues 1 and 3; a 3x3 with a repeated eigenvalue.
    let s2 = f64s::<A>(ns, &[2.0, 1.0, 1.0, 2.0], &[2, 2]);
    close(&vals(&s2.eigvalsh()?), &[1.0, 3.0], 1e-12, "eigvalsh");
    let s3 = f64s::<A>(ns, &[4.0, 1.0, 0.0, 1.0, 4.0, 0.0, 0.0, 0.0, 5.0], &[3, 3]);
    let (w, v) = s3.eigh()?;
    close(&vals(&w), &[3.0, 5.0, 5.0], 1e-12, "eigh values");
    // A V = V diag(w), V^T V = I.
    let av = s3.matmul(&v)?;
    let vw = v.multiply(&w.expand_dims(0)?)?;
    check(&av, &[3, 3], DType::Float64, &vals(&vw), 1e-12);
    let eye3 = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0];
    check(&v.matrix_transpose()?.matmul(&v)?, &[3, 3], DType::Float64, &eye3, 1e-12);
    // SVD of a wide and of a tall matrix: U S Vh = A, orthonormal factors.
    let wide = f64s::<A>(ns, &[3.0, 2.0, 2.0, 2.0, 3.0, -2.0], &[2, 3]);
    let (u, sv, vh) = wide.svd()?;
    assert_eq!((u.shape(), sv.shape(), vh.shape()), (&[2usize, 2][..], &[2usize][..], &[2usize, 3][..]));
    close(&vals(&sv), &[5.0, 3.0], 1e-12, "singular values of [[3,2,2],[2,3,-2]]");
    let us = u.multiply(&sv.expand_dims(0)?)?;
    check(&us.matmul(&vh)?, &[2, 3], DType::Float64, &vals(&wide), 1e-12);
    check(&u.matrix_transpose()?.matmul(&u)?, &[2, 2], DType::Float64, &[1.0, 0.0, 0.0, 1.0], 1e-12);
    check(&vh.matmul(&vh.matrix_transpose()?)?, &[2, 2], DType::Float64, &[1.0, 0.0, 0.0, 1.0], 1e-12);
    let tall = wide.matrix_transpose()?;
    close(&vals(&tall.svdvals()?), &[5.0, 3.0], 1e-12, "svdvals");
    let (u, sv, vh) = tall.svd()?;
    check(&u.multiply(&sv.expand_dims(0)?)?.matmul(&vh)?, &[3, 2], DType::Float64, &vals(&tall), 1e-12);
    // Rank and pseudo-inverse: a rank-1 matrix, and A A+ A = A.
    let r1 = f64s::<A>(ns, &[1.0, 2.0, 2.0, 4.0, 3.0, 6.0], &[3, 2]);
    assert_eq!(vals(&r1.matrix_rank(None)?), vec![1.0]);
    assert_eq!(r1.matrix_rank(None)?.dtype(), DType::Int64);
    assert_eq!(vals(&wide.matrix_rank(None)?), vec![2.0]);
    let p = wide.pinv(None)?;
    assert_eq!(p.shape(), &[3, 2]);
    check(&wide.matmul(&p)?.matmul(&wide)?, &[2, 3], DType::Float64, &vals(&wide), 1e-12);
    let p1 = r1.pinv(None)?;
    check(&r1.matmul(&p1)?.matmul(&r1)?, &[3, 2], DType::Float64, &vals(&r1), 1e-12);
    // Batches, float32 in and out; errors.
    let batch = A::stack(&[s2.clone(), s2.multiply(2.0)?], 0)?;
    close(&vals(&batch.eigvalsh()?), &[1.0, 3.0, 2.0, 6.0], 1e-12, "batched eigvalsh");
    assert_eq!(s2.astype(DType::Float32)?.svdvals()?.dtype(), DType::Float32);
    assert_eq!(err(wide.eigh()).kind(), ErrorKind::Shape);
    assert_eq!(err(arr::<A, i64>(ns, &[1, 0, 0, 1], &[2, 2]).svd()).kind(), ErrorKind::DType);
    Ok(())
}
