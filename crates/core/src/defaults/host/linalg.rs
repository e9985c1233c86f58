//! The `linalg` extension's factorisations (`det`, `slogdet`, `inv`, `solve`,
//! `cholesky`, `qr`), computed on the host in float64 over every matrix of a batch and
//! returned in the input's dtype: the provided default of every backend. A backend with
//! a LAPACK or cuSOLVER binding overrides the trait methods.

use crate::api::ArrayApi;
use crate::check;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::host::{HostArray, HostData};
use crate::shape::broadcast_shapes;

/// A batch of square float matrices `[..., n, n]` as float64 host data.
struct Batch {
    batch: Vec<usize>,
    rows: usize,
    cols: usize,
    data: Vec<f64>,
    dtype: DType,
}

impl Batch {
    fn count(&self) -> usize {
        self.batch.iter().product()
    }
    fn matrix(&self, b: usize) -> &[f64] {
        &self.data[b * self.rows * self.cols..(b + 1) * self.rows * self.cols]
    }
}

/// Checks that `dtype` and `shape` make (square) float matrices; returns the batch shape,
/// rows and columns.
fn matrices(func: &'static str, dtype: DType, shape: &[usize], square: bool) -> Result<(Vec<usize>, usize, usize)> {
    if !dtype.is_floating() {
        return Err(Error::DType { func, dtype, expected: "a floating-point" });
    }
    let nd = shape.len();
    if nd < 2 {
        return Err(Error::shape(func, format!("needs a matrix or a stack of matrices, got {nd} dimensions")));
    }
    let (rows, cols) = (shape[nd - 2], shape[nd - 1]);
    if square && rows != cols {
        return Err(Error::shape(func, format!("needs square matrices, got {rows}x{cols}")));
    }
    Ok((shape[..nd - 2].to_vec(), rows, cols))
}

fn load<A: ArrayApi>(func: &'static str, x: &A, square: bool) -> Result<Batch> {
    let (batch, rows, cols) = matrices(func, x.dtype(), x.shape(), square)?;
    // The float64 host copy, and at least one float64 per matrix for the results (a
    // determinant, a rank...): a batch of empty matrices counts one element each, so a
    // huge batch of them is a typed error, not a loop of 2^40 iterations or an
    // allocation abort.
    let per_matrix = [rows.max(1), cols.max(1)];
    let results = [&batch[..], &per_matrix].concat();
    check::allocations(func, &[(x.shape(), DType::Float64), (&results, DType::Float64)])?;
    let data = x.astype(DType::Float64)?.to_host()?.into_vec::<f64>()?;
    Ok(Batch { batch, rows, cols, data, dtype: x.dtype() })
}

fn store<A: ArrayApi>(like: &A, shape: &[usize], data: Vec<f64>, dtype: DType) -> Result<A> {
    A::from_host(&like.namespace(), HostArray::new(shape, HostData::F64(data))?)?.astype(dtype)
}

/// LU decomposition with partial pivoting, in place (`L` unit lower, `U` upper). Returns
/// the row permutation's sign, or `None` for an exactly singular matrix.
fn lu(a: &mut [f64], n: usize, perm: &mut [usize]) -> Option<f64> {
    let mut sign = 1.0;
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    for k in 0..n {
        let (mut best, mut p) = (a[k * n + k].abs(), k);
        for i in k + 1..n {
            if a[i * n + k].abs() > best {
                best = a[i * n + k].abs();
                p = i;
            }
        }
        if best == 0.0 || best.is_nan() {
            return None;
        }
        if p != k {
            for j in 0..n {
                a.swap(k * n + j, p * n + j);
            }
            perm.swap(k, p);
            sign = -sign;
        }
        for i in k + 1..n {
            let f = a[i * n + k] / a[k * n + k];
            a[i * n + k] = f;
            for j in k + 1..n {
                a[i * n + j] -= f * a[k * n + j];
            }
        }
    }
    Some(sign)
}

/// Solves `A x = b` for `m` right-hand sides (`b` is `[n, m]`) given `A`'s LU factors.
fn lu_solve(lu: &[f64], n: usize, perm: &[usize], b: &[f64], m: usize) -> Vec<f64> {
    let mut x = vec![0.0; n * m];
    for c in 0..m {
        let mut y: Vec<f64> = (0..n).map(|i| b[perm[i] * m + c]).collect();
        for i in 0..n {
            for j in 0..i {
                y[i] -= lu[i * n + j] * y[j];
            }
        }
        for i in (0..n).rev() {
            for j in i + 1..n {
                y[i] -= lu[i * n + j] * y[j];
            }
            y[i] /= lu[i * n + i];
        }
        for i in 0..n {
            x[i * m + c] = y[i];
        }
    }
    x
}

/// `(sign, log|det|, det)` per matrix: a singular matrix gives `(0, -inf, 0)`, one with a
/// NaN `(NaN, NaN, NaN)` (as NumPy: a NaN pivot is not a zero one). The determinant is
/// the signed product of the pivots, not `sign * exp(log|det|)`, which loses digits as
/// `log|det|` grows.
fn slogdet_values(b: &Batch) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let n = b.rows;
    let (mut signs, mut logs, mut dets) = (Vec::new(), Vec::new(), Vec::new());
    let mut perm = vec![0; n];
    for i in 0..b.count() {
        let mut a = b.matrix(i).to_vec();
        if a.iter().any(|v| v.is_nan()) {
            signs.push(f64::NAN);
            logs.push(f64::NAN);
            dets.push(f64::NAN);
            continue;
        }
        match lu(&mut a, n, &mut perm) {
            None => {
                signs.push(0.0);
                logs.push(f64::NEG_INFINITY);
                dets.push(0.0);
            }
            Some(mut s) => {
                let (mut l, mut d) = (0.0, s);
                for k in 0..n {
                    let p = a[k * n + k];
                    if p < 0.0 {
                        s = -s;
                    }
                    l += p.abs().ln();
                    d *= p;
                }
                signs.push(s);
                logs.push(l);
                dets.push(d);
            }
        }
    }
    (signs, logs, dets)
}

pub(crate) fn det<A: ArrayApi>(x: &A) -> Result<A> {
    let b = load("det", x, true)?;
    let (_, _, d) = slogdet_values(&b);
    store(x, &b.batch, d, b.dtype)
}

pub(crate) fn slogdet<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    let b = load("slogdet", x, true)?;
    let (s, l, _) = slogdet_values(&b);
    Ok((store(x, &b.batch, s, b.dtype)?, store(x, &b.batch, l, b.dtype)?))
}

fn singular(func: &'static str) -> Error {
    Error::invalid(func, "the matrix is singular")
}

pub(crate) fn inv<A: ArrayApi>(x: &A) -> Result<A> {
    let b = load("inv", x, true)?;
    let n = b.rows;
    let eye: Vec<f64> = (0..n * n).map(|i| f64::from(u8::from(i / n.max(1) == i % n.max(1)))).collect();
    let mut out = Vec::with_capacity(b.data.len());
    let mut perm = vec![0; n];
    for i in 0..b.count() {
        let mut a = b.matrix(i).to_vec();
        lu(&mut a, n, &mut perm).ok_or_else(|| singular("inv"))?;
        out.extend(lu_solve(&a, n, &perm, &eye, n));
    }
    store(x, x.shape(), out, b.dtype)
}

/// `x1 @ result = x2`; `x2` is `[..., n, k]`, or `[n]` (one vector for every matrix).
pub(crate) fn solve<A: ArrayApi>(x1: &A, x2: &A) -> Result<A> {
    const F: &str = "solve";
    crate::check::same_backend(F, &[x1.backend_name(), x2.backend_name()])?;
    crate::check::same_device(F, x1.device(), x2.device())?;
    let dtype = crate::dtype::result_type(F, &[x1.dtype(), x2.dtype()])?;
    let (a_batch, n, _) = matrices(F, dtype, x1.shape(), true)?;
    let vector = x2.ndim() == 1;
    let x2m = if vector { x2.expand_dims(-1)? } else { x2.clone() };
    if x2m.ndim() < 2 || x2m.shape()[x2m.ndim() - 2] != n {
        return Err(Error::shape(F, format!("x2 of shape {:?} does not fit {n}x{n} matrices", x2.shape())));
    }
    let k = x2m.shape()[x2m.ndim() - 1];
    let batch = broadcast_shapes(F, &[&a_batch, &x2m.shape()[..x2m.ndim() - 2]])?;
    let mut full_a = batch.clone();
    full_a.extend([n, n]);
    let mut full_b = batch.clone();
    full_b.extend([n, k]);
    if full_b.contains(&0) {
        // Nothing to solve for (and no loop over right-hand sides that may be huge).
        let r = A::zeros(&x1.namespace(), &full_b, dtype)?;
        return if vector { r.squeeze(-1) } else { Ok(r) };
    }
    let a = load(F, &x1.astype(dtype)?.broadcast_to(&full_a)?, true)?;
    let rhs = x2m.astype(DType::Float64)?.broadcast_to(&full_b)?.to_host()?.into_vec::<f64>()?;
    let mut out = Vec::with_capacity(rhs.len());
    let mut perm = vec![0; n];
    for i in 0..a.count() {
        let mut m = a.matrix(i).to_vec();
        lu(&mut m, n, &mut perm).ok_or_else(|| singular(F))?;
        out.extend(lu_solve(&m, n, &perm, &rhs[i * n * k..(i + 1) * n * k], k));
    }
    let r = store(x1, &full_b, out, dtype)?;
    if vector {
        r.squeeze(-1)
    } else {
        Ok(r)
    }
}

/// The Cholesky factor (lower, or upper with `upper`) of symmetric positive-definite
/// matrices; anything else is an error.
pub(crate) fn cholesky<A: ArrayApi>(x: &A, upper: bool) -> Result<A> {
    const F: &str = "cholesky";
    let b = load(F, x, true)?;
    let n = b.rows;
    let mut out = Vec::with_capacity(b.data.len());
    for i in 0..b.count() {
        let a = b.matrix(i);
        let mut l = vec![0.0; n * n];
        for r in 0..n {
            for c in 0..=r {
                let s: f64 = (0..c).map(|k| l[r * n + k] * l[c * n + k]).sum();
                if r == c {
                    let d = a[r * n + r] - s;
                    if d.is_nan() || d <= 0.0 {
                        return Err(Error::invalid(F, "the matrix is not positive-definite"));
                    }
                    l[r * n + c] = d.sqrt();
                } else {
                    l[r * n + c] = (a[r * n + c] - s) / l[c * n + c];
                }
            }
        }
        if upper {
            let t: Vec<f64> = (0..n * n).map(|i| l[(i % n) * n + i / n]).collect();
            out.extend(t);
        } else {
            out.extend(l);
        }
    }
    store(x, x.shape(), out, b.dtype)
}

/// The reduced QR decomposition: `Q` `[..., m, k]` with orthonormal columns and `R`
/// `[..., k, n]` upper triangular, `k = min(m, n)` (Householder reflections).
pub(crate) fn qr<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    let b = load("qr", x, false)?;
    let (m, n) = (b.rows, b.cols);
    let k = m.min(n);
    let (mut qs, mut rs) = (Vec::new(), Vec::new());
    for i in 0..b.count() {
        let mut r = b.matrix(i).to_vec();
        let mut vs: Vec<Vec<f64>> = Vec::with_capacity(k);
        for j in 0..k {
            let norm = (j..m).map(|p| r[p * n + j] * r[p * n + j]).sum::<f64>().sqrt();
            let mut v: Vec<f64> = (j..m).map(|p| r[p * n + j]).collect();
            let alpha = if v[0] > 0.0 { -norm } else { norm };
            v[0] -= alpha;
            let vnorm = v.iter().map(|e| e * e).sum::<f64>().sqrt();
            if vnorm > 0.0 {
                v.iter_mut().for_each(|e| *e /= vnorm);
                for c in 0..n {
                    let d: f64 = (j..m).map(|p| v[p - j] * r[p * n + c]).sum();
                    for p in j..m {
                        r[p * n + c] -= 2.0 * v[p - j] * d;
                    }
                }
            }
            vs.push(v);
        }
        // Q = H_0 H_1 ... H_{k-1} applied to the first k columns of the identity.
        let mut q: Vec<f64> = (0..m * k).map(|e| f64::from(u8::from(e / k == e % k))).collect();
        for j in (0..k).rev() {
            let v = &vs[j];
            for c in 0..k {
                let d: f64 = (j..m).map(|p| v[p - j] * q[p * k + c]).sum();
                for p in j..m {
                    q[p * k + c] -= 2.0 * v[p - j] * d;
                }
            }
        }
        qs.extend(q);
        for row in 0..k {
            for c in 0..n {
                rs.push(if c >= row { r[row * n + c] } else { 0.0 });
            }
        }
    }
    let mut qshape = b.batch.clone();
    qshape.extend([m, k]);
    let mut rshape = b.batch.clone();
    rshape.extend([k, n]);
    Ok((store(x, &qshape, qs, b.dtype)?, store(x, &rshape, rs, b.dtype)?))
}

/// The Jacobi rotation `(cos, sin)` that zeroes an off-diagonal term, from
/// `ratio = (d_q - d_p) / (2 * off)` (the smaller of the two rotation angles).
fn jacobi_rotation(ratio: f64) -> (f64, f64) {
    let t = ratio.signum() / (ratio.abs() + (ratio * ratio + 1.0).sqrt());
    let c = 1.0 / (t * t + 1.0).sqrt();
    (c, t * c)
}

/// Rotates columns `p` and `q` of a row-major `rows x cols` matrix by `(cos, sin)`.
fn rotate_columns(m: &mut [f64], rows: usize, cols: usize, (p, q): (usize, usize), (c, s): (f64, f64)) {
    for k in 0..rows {
        let (x, y) = (m[k * cols + p], m[k * cols + q]);
        m[k * cols + p] = c * x - s * y;
        m[k * cols + q] = s * x + c * y;
    }
}

/// Eigen-decomposition of a symmetric matrix (cyclic Jacobi rotations): eigenvalues in
/// ascending order and the matching orthonormal eigenvectors as columns.
fn jacobi_eigh(a: &[f64], n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = a.to_vec();
    let mut v: Vec<f64> = (0..n * n).map(|i| f64::from(u8::from(i / n == i % n))).collect();
    let norm: f64 = a.iter().map(|x| x * x).sum::<f64>().max(f64::MIN_POSITIVE);
    for _sweep in 0..100 {
        let off: f64 = (0..n).flat_map(|p| (p + 1..n).map(move |q| (p, q))).map(|(p, q)| a[p * n + q].powi(2)).sum();
        if off <= 1e-30 * norm {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let (c, s) = jacobi_rotation((a[q * n + q] - a[p * n + p]) / (2.0 * apq));
                rotate_columns(&mut a, n, n, (p, q), (c, s));
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                rotate_columns(&mut v, n, n, (p, q), (c, s));
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| a[i * n + i].total_cmp(&a[j * n + j]));
    let values = order.iter().map(|&i| a[i * n + i]).collect();
    let vectors = (0..n * n).map(|e| v[(e / n) * n + order[e % n]]).collect();
    (values, vectors)
}

/// `linalg.eigh`: eigenvalues (ascending) and eigenvectors (columns) of symmetric
/// matrices; only the lower triangle is read, as in LAPACK.
pub(crate) fn eigh<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    let b = load("eigh", x, true)?;
    let n = b.rows;
    let (mut vals, mut vecs) = (Vec::new(), Vec::new());
    for i in 0..b.count() {
        let m = b.matrix(i);
        let sym: Vec<f64> = (0..n * n)
            .map(|e| {
                let (r, c) = (e / n, e % n);
                m[r.max(c) * n + r.min(c)]
            })
            .collect();
        let (w, v) = jacobi_eigh(&sym, n);
        vals.extend(w);
        vecs.extend(v);
    }
    let mut vshape = b.batch.clone();
    vshape.push(n);
    Ok((store(x, &vshape, vals, b.dtype)?, store(x, x.shape(), vecs, b.dtype)?))
}

/// The thin SVD of one `m x n` matrix with `m >= n` (one-sided Jacobi): `U` `m x n`,
/// singular values (descending), `V` `n x n`.
fn jacobi_svd(a: &[f64], m: usize, n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut u = a.to_vec();
    let mut v: Vec<f64> = (0..n * n).map(|i| f64::from(u8::from(i / n == i % n))).collect();
    for _sweep in 0..100 {
        let mut rotated = false;
        for p in 0..n {
            for q in p + 1..n {
                let (mut alpha, mut beta, mut gamma) = (0.0, 0.0, 0.0);
                for i in 0..m {
                    let (x, y) = (u[i * n + p], u[i * n + q]);
                    alpha += x * x;
                    beta += y * y;
                    gamma += x * y;
                }
                if gamma == 0.0 || gamma.abs() <= 1e-15 * (alpha * beta).sqrt() {
                    continue;
                }
                rotated = true;
                let cs = jacobi_rotation((beta - alpha) / (2.0 * gamma));
                rotate_columns(&mut u, m, n, (p, q), cs);
                rotate_columns(&mut v, n, n, (p, q), cs);
            }
        }
        if !rotated {
            break;
        }
    }
    let sigma: Vec<f64> = (0..n).map(|j| (0..m).map(|i| u[i * n + j].powi(2)).sum::<f64>().sqrt()).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| sigma[j].total_cmp(&sigma[i]));
    let s: Vec<f64> = order.iter().map(|&j| sigma[j]).collect();
    let uo = (0..m * n)
        .map(|e| {
            let j = order[e % n];
            if sigma[j] > 0.0 {
                u[(e / n) * n + j] / sigma[j]
            } else {
                0.0
            }
        })
        .collect();
    let vo = (0..n * n).map(|e| v[(e / n) * n + order[e % n]]).collect();
    (uo, s, vo)
}

/// `(U, S, Vh)` per matrix of the batch, `k = min(m, n)`: `U` `m x k`, `S` `k`, `Vh` `k x n`.
fn svd_parts(b: &Batch) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (m, n) = (b.rows, b.cols);
    let (mut us, mut ss, mut vhs) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..b.count() {
        let a = b.matrix(i);
        if m >= n {
            let (u, s, v) = jacobi_svd(a, m, n);
            us.extend(u);
            ss.extend(s);
            vhs.extend((0..n * n).map(|e| v[(e % n) * n + e / n]));
        } else {
            // A^T = U' S V'^T, so A = V' S U'^T.
            let at: Vec<f64> = (0..m * n).map(|e| a[(e % m) * n + e / m]).collect();
            let (u, s, v) = jacobi_svd(&at, n, m);
            us.extend(v);
            ss.extend(s);
            vhs.extend((0..m * n).map(|e| u[(e % n) * m + e / n]));
        }
    }
    (us, ss, vhs)
}

/// `linalg.svd` (reduced, `full_matrices=False`).
pub(crate) fn svd<A: ArrayApi>(x: &A) -> Result<(A, A, A)> {
    let b = load("svd", x, false)?;
    let (m, n) = (b.rows, b.cols);
    let k = m.min(n);
    let (u, s, vh) = svd_parts(&b);
    let shape = |tail: &[usize]| b.batch.iter().chain(tail).copied().collect::<Vec<_>>();
    Ok((
        store(x, &shape(&[m, k]), u, b.dtype)?,
        store(x, &shape(&[k]), s, b.dtype)?,
        store(x, &shape(&[k, n]), vh, b.dtype)?,
    ))
}

/// `linalg.svdvals`: singular values, descending.
pub(crate) fn svdvals<A: ArrayApi>(x: &A) -> Result<A> {
    let b = load("svdvals", x, false)?;
    let (_, s, _) = svd_parts(&b);
    let mut shape = b.batch.clone();
    shape.push(b.rows.min(b.cols));
    store(x, &shape, s, b.dtype)
}

/// The default relative cutoff of `matrix_rank` and `pinv`: `max(m, n) * eps`.
fn default_rtol(b: &Batch) -> f64 {
    let eps = if b.dtype == DType::Float32 { f64::from(f32::EPSILON) } else { f64::EPSILON };
    b.rows.max(b.cols) as f64 * eps
}

/// `linalg.matrix_rank`: singular values above `rtol * largest` (`int64`).
pub(crate) fn matrix_rank<A: ArrayApi>(x: &A, rtol: Option<f64>) -> Result<A> {
    let b = load("matrix_rank", x, false)?;
    let k = b.rows.min(b.cols);
    let tol = rtol.unwrap_or_else(|| default_rtol(&b));
    let (_, s, _) = svd_parts(&b);
    let ranks: Vec<i64> = s
        .chunks(k.max(1))
        .take(b.count())
        .map(|sv| {
            let cut = tol * sv.first().copied().unwrap_or(0.0);
            sv.iter().filter(|&&v| v > cut).count() as i64
        })
        .collect();
    let ranks = if k == 0 { vec![0; b.count()] } else { ranks };
    A::asarray(&x.namespace(), &ranks, &b.batch)
}

/// `linalg.pinv`: the Moore-Penrose pseudo-inverse `V S^+ U^T`, singular values at or
/// below `rtol * largest` treated as zero.
pub(crate) fn pinv<A: ArrayApi>(x: &A, rtol: Option<f64>) -> Result<A> {
    let b = load("pinv", x, false)?;
    let (m, n) = (b.rows, b.cols);
    let k = m.min(n);
    let tol = rtol.unwrap_or_else(|| default_rtol(&b));
    let (u, s, vh) = svd_parts(&b);
    let mut out = Vec::with_capacity(b.count() * n * m);
    for i in 0..b.count() {
        let (u, s, vh) = (&u[i * m * k..(i + 1) * m * k], &s[i * k..(i + 1) * k], &vh[i * k * n..(i + 1) * k * n]);
        let cut = tol * s.first().copied().unwrap_or(0.0);
        for r in 0..n {
            for c in 0..m {
                out.push((0..k).filter(|&j| s[j] > cut).map(|j| vh[j * n + r] * u[c * k + j] / s[j]).sum());
            }
        }
    }
    let mut shape = b.batch.clone();
    shape.extend([n, m]);
    store(x, &shape, out, b.dtype)
}
