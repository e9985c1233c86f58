//! The `linalg` extension's factorisations and products: `det`, `slogdet`, `inv`,
//! `solve`, `cholesky`, `qr`, `cross`, `matrix_power`, `tensordot`, `eigh`, `svd`,
//! `pinv`, `matrix_rank`, checked against values worked out by hand and by the identities
//! that define them, every product of an identity computed on the host (never with the
//! backend's own `matmul` or `inv`, from which its defaults are built).

use arrayapi_core::{ArrayApi, DType, ErrorKind, Result};

use crate::support::*;

fn close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(near_value(*g, *w, tol, tol), "{what}: element {i}: got {g}, want {w}\n{got:?}");
    }
}

/// `[m, k] @ [k, n]` on host data (the references never use the backend's matmul).
fn mm(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> Vec<f64> {
    (0..m * n).map(|o| (0..k).map(|p| a[(o / n) * k + p] * b[p * n + o % n]).sum()).collect()
}

/// The transpose of an `[m, n]` matrix on host data.
fn tr(a: &[f64], m: usize, n: usize) -> Vec<f64> {
    (0..m * n).map(|o| a[(o % m) * n + o / m]).collect()
}

/// The inverse of a 3x3 matrix by cofactors, on the host.
fn inv3(a: &[f64]) -> Vec<f64> {
    let c = |r: usize, q: usize| a[r * 3 + q];
    let det = c(0, 0) * (c(1, 1) * c(2, 2) - c(1, 2) * c(2, 1)) - c(0, 1) * (c(1, 0) * c(2, 2) - c(1, 2) * c(2, 0))
        + c(0, 2) * (c(1, 0) * c(2, 1) - c(1, 1) * c(2, 0));
    let cof = |r: usize, q: usize| {
        let (r0, r1) = ((r + 1) % 3, (r + 2) % 3);
        let (q0, q1) = ((q + 1) % 3, (q + 2) % 3);
        c(r0, q0) * c(r1, q1) - c(r0, q1) * c(r1, q0)
    };
    // inv[i][j] = cofactor(j, i) / det (the cyclic minors carry their signs).
    (0..9).map(|o| cof(o % 3, o / 3) / det).collect()
}

/// A batch of two 3x3 matrices: one general (det -1 worked by hand), one symmetric
/// positive-definite (det 44).
const M: [f64; 18] = [2.0, 1.0, 1.0, 1.0, 3.0, 2.0, 1.0, 0.0, 0.0, 4.0, 2.0, 0.0, 2.0, 5.0, 1.0, 0.0, 1.0, 3.0];

fn identity3x2() -> Vec<f64> {
    (0..18).map(|i| f64::from(u8::from((i % 9) / 3 == i % 3))).collect()
}

/// Conformance check `det_and_slogdet`: values worked out by hand, a batch, a singular
/// matrix (det 0, slogdet sign 0 and -inf), and errors.
pub fn det_and_slogdet<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &M, &[2, 3, 3]);
    let det = x.det()?;
    assert_eq!(det.shape(), &[2]);
    close(&vals(&det), &[-1.0, 44.0], 1e-12, "det");
    let (sign, logabs) = x.slogdet()?;
    close(&vals(&sign), &[-1.0, 1.0], 0.0, "slogdet sign");
    close(&vals(&logabs), &[0.0, 44f64.ln()], 1e-12, "slogdet log");
    let singular = f64s::<A>(ns, &[1.0, 2.0, 2.0, 4.0], &[2, 2]);
    assert_eq!(vals(&singular.det()?), vec![0.0]);
    let (s0, l0) = singular.slogdet()?;
    assert_eq!((vals(&s0), vals(&l0)), (vec![0.0], vec![f64::NEG_INFINITY]), "slogdet of a singular matrix");
    // A NaN is not a zero pivot: NaN, not 0 (NumPy's answer too).
    let nan = f64s::<A>(ns, &[1.0, 2.0, f64::NAN, 4.0, 1.0, 0.0, 0.0, 1.0], &[2, 2, 2]);
    check_as("det", &nan.det()?, &[2], DType::Float64, &[f64::NAN, 1.0], 0.0);
    let (sn, ln) = nan.slogdet()?;
    check_as("slogdet", &sn, &[2], DType::Float64, &[f64::NAN, 1.0], 0.0);
    check_as("slogdet", &ln, &[2], DType::Float64, &[f64::NAN, 0.0], 0.0);
    // The determinant is the product of the pivots: exact for a diagonal matrix whose
    // log-determinant is large (sign * exp(log|det|) is not).
    let big = f64s::<A>(ns, &[1e150, 0.0, 0.0, 3e150], &[2, 2]);
    check_as("det", &big.det()?, &[], DType::Float64, &[3e300], 1e-15);
    let t = f64s::<A>(ns, &[1.0; 8], &[4, 2]);
    assert_eq!(err(t.det()).kind(), ErrorKind::Shape);
    assert_eq!(err(arr::<A, i64>(ns, &[1, 0, 0, 1], &[2, 2]).det()).kind(), ErrorKind::DType);
    Ok(())
}

/// Conformance check `inv_and_solve`: against inverses computed by cofactors on the host,
/// and solutions from them; singular matrices are a value error.
pub fn inv_and_solve<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &M, &[2, 3, 3]);
    let want: Vec<f64> = [inv3(&M[..9]), inv3(&M[9..])].concat();
    let inv = x.inv()?;
    check_near(&inv, &[2, 3, 3], DType::Float64, &want, 1e-12, 1e-12);
    // solve with a matrix and with a vector right-hand side.
    let bv = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let b = f64s::<A>(ns, &bv, &[2, 3, 1]);
    let ws: Vec<f64> = [mm(&want[..9], &bv[..3], 3, 3, 1), mm(&want[9..], &bv[3..], 3, 3, 1)].concat();
    check_near(&x.solve(&b)?, &[2, 3, 1], DType::Float64, &ws, 1e-12, 1e-12);
    let v = f64s::<A>(ns, &[1.0, 0.0, 0.0], &[3]);
    let wv: Vec<f64> = (0..6).map(|o| want[(o / 3) * 9 + (o % 3) * 3]).collect();
    check_near(&x.solve(&v)?, &[2, 3], DType::Float64, &wv, 1e-12, 1e-12);
    // float32 in, float32 out.
    let inv32 = x.astype(DType::Float32)?.inv()?;
    check_near(&inv32, &[2, 3, 3], DType::Float32, &want, 1e-5, 1e-6);
    let singular = f64s::<A>(ns, &[1.0, 2.0, 2.0, 4.0], &[2, 2]);
    assert_eq!(err(singular.inv()).kind(), ErrorKind::Value);
    assert_eq!(err(singular.solve(&f64s::<A>(ns, &[1.0, 0.0], &[2]))).kind(), ErrorKind::Value);
    assert_eq!(err(arr::<A, i64>(ns, &[1, 0, 0, 1], &[2, 2]).inv()).kind(), ErrorKind::DType);
    Ok(())
}

/// Conformance check `cholesky_and_qr`: the factors' shapes and triangles, and their
/// products (on the host) giving the input back.
pub fn cholesky_and_qr<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let spd = f64s::<A>(ns, &M[9..], &[3, 3]);
    let l = spd.cholesky(false)?;
    let lv = vals(&l);
    assert!(lv[1] == 0.0 && lv[2] == 0.0 && lv[5] == 0.0, "lower triangular: {lv:?}");
    assert!(lv[0] > 0.0 && lv[4] > 0.0 && lv[8] > 0.0, "a positive diagonal: {lv:?}");
    close(&mm(&lv, &tr(&lv, 3, 3), 3, 3, 3), &M[9..], 1e-12, "L L^T");
    let u = spd.cholesky(true)?;
    close(&vals(&u), &tr(&lv, 3, 3), 1e-12, "the upper factor is L^T");
    // qr of a tall 4x2 matrix: Q^T Q = I, R upper with Q R = A.
    let tv = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0];
    let t = f64s::<A>(ns, &tv, &[4, 2]);
    let (q, r) = t.qr()?;
    assert_eq!((q.shape(), r.shape()), (&[4usize, 2][..], &[2usize, 2][..]));
    let (qv, rv) = (vals(&q), vals(&r));
    close(&mm(&tr(&qv, 4, 2), &qv, 2, 4, 2), &[1.0, 0.0, 0.0, 1.0], 1e-12, "Q^T Q");
    assert_eq!(rv[2], 0.0, "R is upper triangular");
    close(&mm(&qv, &rv, 4, 2, 2), &tv, 1e-12, "Q R");
    let not_pd = f64s::<A>(ns, &[1.0, 2.0, 2.0, 1.0], &[2, 2]);
    let e = err(not_pd.cholesky(false));
    assert!(e.to_string().contains("cholesky"), "{e}");
    Ok(())
}

/// Conformance check `cross`: unit vectors, a broadcast batch, and the length-3 rule.
pub fn cross<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let e = f64s::<A>(ns, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0], &[2, 3]);
    let ey = f64s::<A>(ns, &[0.0, 1.0, 0.0], &[3]);
    // (Zeros of cancelled products: either sign.)
    check_near(&e.cross(&ey, -1)?, &[2, 3], DType::Float64, &[0.0, 0.0, 1.0, 0.0, 0.0, 0.0], 0.0, 0.0);
    let a = f64s::<A>(ns, &[1.0, 2.0, 3.0], &[3]);
    let b = f64s::<A>(ns, &[4.0, 5.0, 6.0], &[3]);
    check(&a.cross(&b, 0)?, &[3], DType::Float64, &[-3.0, 6.0, -3.0], 0.0);
    let bm = f64s::<A>(ns, &[1.0; 6], &[3, 2]);
    assert_eq!(err(bm.cross(&bm, -1)).kind(), ErrorKind::Shape);
    Ok(())
}

/// Conformance check `matrix_power`: powers 0 to 3 and -1, -2 against products and
/// inverses computed on the host.
pub fn matrix_power<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &M, &[2, 3, 3]);
    let per = |f: &dyn Fn(&[f64]) -> Vec<f64>| [f(&M[..9]), f(&M[9..])].concat();
    check_near(&x.matrix_power(0)?, &[2, 3, 3], DType::Float64, &identity3x2(), 0.0, 0.0);
    check(&x.matrix_power(1)?, &[2, 3, 3], DType::Float64, &M, 0.0);
    check(&x.matrix_power(2)?, &[2, 3, 3], DType::Float64, &per(&|m| mm(m, m, 3, 3, 3)), 1e-12);
    check(&x.matrix_power(3)?, &[2, 3, 3], DType::Float64, &per(&|m| mm(&mm(m, m, 3, 3, 3), m, 3, 3, 3)), 1e-12);
    check_near(&x.matrix_power(-1)?, &[2, 3, 3], DType::Float64, &per(&|m| inv3(m)), 1e-12, 1e-12);
    let m2 = per(&|m| {
        let i = inv3(m);
        mm(&i, &i, 3, 3, 3)
    });
    check_near(&x.matrix_power(-2)?, &[2, 3, 3], DType::Float64, &m2, 1e-12, 1e-12);
    assert_eq!(err(f64s::<A>(ns, &[1.0; 6], &[2, 3]).matrix_power(2)).kind(), ErrorKind::Shape);
    Ok(())
}

/// Conformance check `tensordot`: `axes = 0, 1, 2` and explicit axis pairs, against sums
/// over the contracted indices on the host.
pub fn tensordot<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let av = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let bv = [1.0, 0.0, 2.0, 1.0, 0.0, 3.0];
    let a = f64s::<A>(ns, &av, &[2, 3]);
    let bm = f64s::<A>(ns, &bv, &[3, 2]);
    check(&a.tensordot(&bm, 1)?, &[2, 2], DType::Float64, &mm(&av, &bv, 2, 3, 2), 0.0);
    let outer: Vec<f64> = av.iter().flat_map(|p| bv.iter().map(move |q| p * q)).collect();
    check(&a.tensordot(&bm, 0)?, &[2, 3, 3, 2], DType::Float64, &outer, 0.0);
    check(&a.tensordot_axes(&a, &[0, 1], &[0, 1])?, &[], DType::Float64, &[91.0], 0.0);
    check(&a.tensordot(&a, 2)?, &[], DType::Float64, &[91.0], 0.0);
    check(&a.tensordot_axes(&a, &[0], &[0])?, &[3, 3], DType::Float64, &mm(&tr(&av, 2, 3), &av, 3, 2, 3), 0.0);
    // Contracting a's axis 1 with bm's axis 0 written with negative axes.
    check(&a.tensordot_axes(&bm, &[-1], &[-2])?, &[2, 2], DType::Float64, &mm(&av, &bv, 2, 3, 2), 0.0);
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
    // A V = V diag(w), V^T V = I (products on the host).
    let (wv, vv) = (vals(&w), vals(&v));
    let s3v = vals(&s3);
    let vw: Vec<f64> = (0..9).map(|o| vv[o] * wv[o % 3]).collect();
    close(&mm(&s3v, &vv, 3, 3, 3), &vw, 1e-12, "A V = V diag(w)");
    let eye3 = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0];
    close(&mm(&tr(&vv, 3, 3), &vv, 3, 3, 3), &eye3, 1e-12, "V^T V");
    // SVD of a wide and of a tall matrix: U S Vh = A, orthonormal factors.
    let wide = f64s::<A>(ns, &[3.0, 2.0, 2.0, 2.0, 3.0, -2.0], &[2, 3]);
    let (u, sv, vh) = wide.svd()?;
    assert_eq!((u.shape(), sv.shape(), vh.shape()), (&[2usize, 2][..], &[2usize][..], &[2usize, 3][..]));
    close(&vals(&sv), &[5.0, 3.0], 1e-12, "singular values of [[3,2,2],[2,3,-2]]");
    let (uv, svv, vhv) = (vals(&u), vals(&sv), vals(&vh));
    let us: Vec<f64> = (0..4).map(|o| uv[o] * svv[o % 2]).collect();
    close(&mm(&us, &vhv, 2, 2, 3), &vals(&wide), 1e-12, "U S Vh");
    close(&mm(&tr(&uv, 2, 2), &uv, 2, 2, 2), &[1.0, 0.0, 0.0, 1.0], 1e-12, "U^T U");
    close(&mm(&vhv, &tr(&vhv, 2, 3), 2, 3, 2), &[1.0, 0.0, 0.0, 1.0], 1e-12, "Vh Vh^T");
    let tall = wide.matrix_transpose()?;
    close(&vals(&tall.svdvals()?), &[5.0, 3.0], 1e-12, "svdvals");
    let (u, sv, vh) = tall.svd()?;
    let (uv, svv, vhv) = (vals(&u), vals(&sv), vals(&vh));
    let us: Vec<f64> = (0..6).map(|o| uv[o] * svv[o % 2]).collect();
    close(&mm(&us, &vhv, 3, 2, 2), &vals(&tall), 1e-12, "U S Vh of the tall one");
    // Rank and pseudo-inverse: a rank-1 matrix, and A A+ A = A.
    let r1 = f64s::<A>(ns, &[1.0, 2.0, 2.0, 4.0, 3.0, 6.0], &[3, 2]);
    assert_eq!(vals(&r1.matrix_rank(None)?), vec![1.0]);
    assert_eq!(r1.matrix_rank(None)?.dtype(), DType::Int64);
    assert_eq!(vals(&wide.matrix_rank(None)?), vec![2.0]);
    let p = wide.pinv(None)?;
    assert_eq!(p.shape(), &[3, 2]);
    let (wd, pv) = (vals(&wide), vals(&p));
    close(&mm(&mm(&wd, &pv, 2, 3, 2), &wd, 2, 2, 3), &wd, 1e-12, "A A+ A");
    let (r1v, p1v) = (vals(&r1), vals(&r1.pinv(None)?));
    close(&mm(&mm(&r1v, &p1v, 3, 2, 3), &r1v, 3, 3, 2), &r1v, 1e-12, "A A+ A of rank 1");
    // Batches, float32 in and out; errors.
    let batch = A::stack(&[s2.clone(), s2.multiply(2.0)?], 0)?;
    close(&vals(&batch.eigvalsh()?), &[1.0, 3.0, 2.0, 6.0], 1e-12, "batched eigvalsh");
    assert_eq!(s2.astype(DType::Float32)?.svdvals()?.dtype(), DType::Float32);
    assert_eq!(err(wide.eigh()).kind(), ErrorKind::Shape);
    assert_eq!(err(arr::<A, i64>(ns, &[1, 0, 0, 1], &[2, 2]).svd()).kind(), ErrorKind::DType);
    Ok(())
}
