//! The default implementations of the linalg functions (the rows of [`crate::api::linalg`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::diagonal`].
pub fn diagonal<A: ArrayApi>(x: &A, offset: isize) -> Result<A> {
    named("diagonal", || {
        const F: &str = "diagonal";
        let n = x.ndim();
        if n < 2 {
            return Err(Error::shape(F, format!("needs at least 2 dimensions, got shape {:?}", x.shape())));
        }
        // In i128: no offset (isize::MIN included) can overflow the arithmetic.
        let (rows, cols) = (x.shape()[n - 2] as i128, x.shape()[n - 1] as i128);
        let offset = offset as i128;
        let (r0, c0) = (offset.min(0).abs(), offset.max(0));
        let len = (rows - r0).min(cols - c0).max(0) as usize;
        let idx = host_indices(F, len, |i| ((r0 + i as i128) * cols + c0 + i as i128) as i64)?;
        let mut flat = x.shape()[..n - 2].to_vec();
        flat.push(x.shape()[n - 2] * x.shape()[n - 1]);
        x.reshape_exact(&flat)?.take_axis(&A::asarray(&x.namespace(), &idx, &[len])?, n - 2)
    })
}

/// The default [`ArrayApi::trace`].
pub fn trace<A: ArrayApi>(x: &A, offset: isize) -> Result<A> {
    named("trace", || x.diagonal(offset).and_then(|d| d.sum(-1, false)).map_err(|e| e.in_func("trace")))
}

/// The default [`ArrayApi::vecdot`].
pub fn vecdot<A: ArrayApi>(x: &A, other: &A, axis: isize) -> Result<A> {
    named("vecdot", || {
        const F: &str = "vecdot";
        let p = x.multiply(other).map_err(|e| e.in_func(F))?;
        let a = normalize_axis(F, axis, p.ndim())?;
        let (x, y) = (x.shape(), other.shape());
        let dim = |s: &[usize]| s.len().checked_sub(p.ndim() - a).and_then(|i| s.get(i)).copied().unwrap_or(1);
        if dim(x) != dim(y) {
            return Err(Error::shape(F, format!("shapes {x:?} and {y:?} differ along axis {axis}")));
        }
        p.sum(a as isize, false)
    })
}

/// The default [`ArrayApi::outer`].
pub fn outer<A: ArrayApi>(x: &A, other: &A) -> Result<A> {
    named("outer", || {
        const F: &str = "outer";
        if x.ndim() != 1 || other.ndim() != 1 {
            return Err(Error::shape(F, format!("operands must be 1-D, got {:?} and {:?}", x.shape(), other.shape())));
        }
        let a = x.reshape_exact(&[x.size(), 1])?;
        let b = other.reshape_exact(&[1, other.size()])?;
        a.multiply(&b).map_err(|e| e.in_func(F))
    })
}

/// The default [`ArrayApi::vector_norm`].
pub fn vector_norm<A: ArrayApi>(x: &A, axes: impl Into<Axes>, keepdims: bool, ord: f64) -> Result<A> {
    named("vector_norm", || {
        const F: &str = "vector_norm";
        if !x.dtype().is_floating() {
            return Err(Error::DType { func: F, dtype: x.dtype(), expected: "a floating-point" });
        }
        if ord.is_nan() {
            return Err(Error::invalid(F, "ord must not be NaN"));
        }
        let axes = axes.into();
        let a = x.abs()?;
        let r = if ord == f64::INFINITY {
            a.max(axes, keepdims)
        } else if ord == f64::NEG_INFINITY {
            a.min(axes, keepdims)
        } else if ord == 0.0 {
            a.count_nonzero(axes, keepdims)?.astype(x.dtype())
        } else if ord == 1.0 {
            a.sum(axes, keepdims)
        } else if ord == 2.0 {
            a.square()?.sum(axes, keepdims)?.sqrt()
        } else {
            a.pow(ord)?.sum(axes, keepdims)?.pow(1.0 / ord)
        };
        r.map_err(|e| e.in_func(F))
    })
}

/// The default [`ArrayApi::matrix_norm`].
pub fn matrix_norm<A: ArrayApi>(x: &A, ord: &str, keepdims: bool) -> Result<A> {
    named("matrix_norm", || {
        const F: &str = "matrix_norm";
        let n = x.ndim();
        if n < 2 {
            return Err(Error::shape(F, format!("needs at least 2 dimensions, got shape {:?}", x.shape())));
        }
        if !x.dtype().is_floating() {
            return Err(Error::DType { func: F, dtype: x.dtype(), expected: "a floating-point" });
        }
        let (r, c) = (n as isize - 2, n as isize - 1);
        let a = x.abs()?;
        let out = match ord {
            "fro" => a.square()?.sum([r, c], true)?.sqrt()?,
            "1" => a.sum(r, true)?.max(c, true)?,
            "-1" => a.sum(r, true)?.min(c, true)?,
            "inf" => a.sum(c, true)?.max(r, true)?,
            "-inf" => a.sum(c, true)?.min(r, true)?,
            _ => return Err(Error::invalid(F, format!("unsupported ord {ord:?}: expected fro, 1, -1, inf or -inf"))),
        };
        if keepdims {
            Ok(out)
        } else {
            out.squeeze([r, c])
        }
    })
}

/// The default [`ArrayApi::tensordot`].
pub fn tensordot<A: ArrayApi>(x: &A, other: &A, axes: usize) -> Result<A> {
    named("tensordot", || {
        const F: &str = "tensordot";
        if axes > x.ndim() || axes > other.ndim() {
            return Err(Error::invalid(
                F,
                format!("axes={axes} exceeds the dimensions ({} and {})", x.ndim(), other.ndim()),
            ));
        }
        let a: Vec<isize> = (x.ndim() - axes..x.ndim()).map(|d| d as isize).collect();
        let b: Vec<isize> = (0..axes).map(|d| d as isize).collect();
        x.tensordot_axes(other, &a, &b)
    })
}

/// The default [`ArrayApi::tensordot_axes`].
pub fn tensordot_axes<A: ArrayApi>(x: &A, other: &A, a_axes: &[isize], b_axes: &[isize]) -> Result<A> {
    named("tensordot", || {
        const F: &str = "tensordot";
        if a_axes.len() != b_axes.len() {
            return Err(Error::invalid(F, "the two axis lists differ in length"));
        }
        let a: Vec<usize> = a_axes.iter().map(|&d| normalize_axis(F, d, x.ndim())).collect::<Result<_>>()?;
        let b: Vec<usize> = b_axes.iter().map(|&d| normalize_axis(F, d, other.ndim())).collect::<Result<_>>()?;
        for (&i, &j) in a.iter().zip(&b) {
            if x.shape()[i] != other.shape()[j] {
                return Err(Error::shape(
                    F,
                    format!("contracted axes differ in length: {} and {}", x.shape()[i], other.shape()[j]),
                ));
            }
        }
        let (mut sa, mut sb) = (a.clone(), b.clone());
        sa.sort_unstable();
        sb.sort_unstable();
        if sa.windows(2).any(|w| w[0] == w[1]) || sb.windows(2).any(|w| w[0] == w[1]) {
            return Err(Error::invalid(F, "an axis is contracted twice"));
        }
        let free_a: Vec<usize> = (0..x.ndim()).filter(|d| !a.contains(d)).collect();
        let free_b: Vec<usize> = (0..other.ndim()).filter(|d| !b.contains(d)).collect();
        let k: usize = a.iter().map(|&d| x.shape()[d]).product();
        let m: usize = free_a.iter().map(|&d| x.shape()[d]).product();
        let n: usize = free_b.iter().map(|&d| other.shape()[d]).product();
        let pa: Vec<usize> = free_a.iter().chain(&a).copied().collect();
        let pb: Vec<usize> = b.iter().chain(&free_b).copied().collect();
        let lhs = x.permute_dims(&pa)?.reshape_exact(&[m, k])?;
        let rhs = other.permute_dims(&pb)?.reshape_exact(&[k, n])?;
        let out: Vec<usize> =
            free_a.iter().map(|&d| x.shape()[d]).chain(free_b.iter().map(|&d| other.shape()[d])).collect();
        lhs.matmul(&rhs)?.reshape_exact(&out)
    })
}

/// The default [`ArrayApi::det`].
pub fn det<A: ArrayApi>(x: &A) -> Result<A> {
    named("det", || linalg::det(x))
}

/// The default [`ArrayApi::slogdet`].
pub fn slogdet<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    named("slogdet", || linalg::slogdet(x))
}

/// The default [`ArrayApi::inv`].
pub fn inv<A: ArrayApi>(x: &A) -> Result<A> {
    named("inv", || linalg::inv(x))
}

/// The default [`ArrayApi::solve`].
pub fn solve<A: ArrayApi>(x: &A, b: &A) -> Result<A> {
    named("solve", || linalg::solve(x, b))
}

/// The default [`ArrayApi::cholesky`].
pub fn cholesky<A: ArrayApi>(x: &A, upper: bool) -> Result<A> {
    named("cholesky", || linalg::cholesky(x, upper))
}

/// The default [`ArrayApi::qr`].
pub fn qr<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    named("qr", || linalg::qr(x))
}

/// The default [`ArrayApi::eigh`].
pub fn eigh<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    named("eigh", || linalg::eigh(x))
}

/// The default [`ArrayApi::eigvalsh`].
pub fn eigvalsh<A: ArrayApi>(x: &A) -> Result<A> {
    named("eigvalsh", || Ok(linalg::eigh(x)?.0))
}

/// The default [`ArrayApi::svd`].
pub fn svd<A: ArrayApi>(x: &A) -> Result<(A, A, A)> {
    named("svd", || linalg::svd(x))
}

/// The default [`ArrayApi::svdvals`].
pub fn svdvals<A: ArrayApi>(x: &A) -> Result<A> {
    named("svdvals", || linalg::svdvals(x))
}

/// The default [`ArrayApi::matrix_rank`].
pub fn matrix_rank<A: ArrayApi>(x: &A, rtol: Option<f64>) -> Result<A> {
    named("matrix_rank", || linalg::matrix_rank(x, rtol))
}

/// The default [`ArrayApi::pinv`].
pub fn pinv<A: ArrayApi>(x: &A, rtol: Option<f64>) -> Result<A> {
    named("pinv", || linalg::pinv(x, rtol))
}

/// The default [`ArrayApi::cross`].
pub fn cross<A: ArrayApi>(x: &A, other: &A, axis: isize) -> Result<A> {
    named("cross", || {
        const F: &str = "cross";
        let shape = crate::shape::broadcast_shapes(F, &[x.shape(), other.shape()])?;
        let d = normalize_axis(F, axis, shape.len())?;
        if shape[d] != 3 {
            return Err(Error::shape(F, format!("axis {axis} has length {}, not 3", shape[d])));
        }
        let (a, b) = (x.broadcast_to(&shape)?, other.broadcast_to(&shape)?);
        let ax = Some(d as isize);
        // c = a[1:] x b: a rolled by -1 times b rolled by -2, minus the reverse.
        a.roll(-1, ax)?
            .multiply(&b.roll(-2, ax)?)?
            .subtract(&a.roll(-2, ax)?.multiply(&b.roll(-1, ax)?)?)
            .map_err(|e| e.in_func(F))
    })
}

/// The default [`ArrayApi::matrix_power`].
pub fn matrix_power<A: ArrayApi>(x: &A, n: i64) -> Result<A> {
    named("matrix_power", || {
        const F: &str = "matrix_power";
        let nd = x.ndim();
        if nd < 2 || x.shape()[nd - 1] != x.shape()[nd - 2] {
            return Err(Error::shape(F, format!("needs square matrices, got shape {:?}", x.shape())));
        }
        let m = x.shape()[nd - 1];
        let base = if n < 0 { x.inv()? } else { x.clone() };
        let eye = A::eye(&x.namespace(), m, None, 0, x.dtype())?.broadcast_to(x.shape())?;
        let (mut result, mut p, mut e) = (eye, base, n.unsigned_abs());
        while e > 0 {
            if e & 1 == 1 {
                result = result.matmul(&p)?;
            }
            e >>= 1;
            if e > 0 {
                p = p.matmul(&p)?;
            }
        }
        Ok(result)
    })
}
