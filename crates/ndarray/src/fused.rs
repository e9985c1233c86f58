//! One-pass kernels for the fused functions, on float arrays of one dtype; every other
//! case (other dtypes, mixed dtypes, shapes that broadcast the first argument, more
//! than four dimensions) takes the composed default, so results never depend on which
//! path ran. Each kernel evaluates the same expression in the same order as
//! [`FusedOp::compose`], so the two agree bit for bit.

use arrayapi_core::fused::{SELU_ALPHA, SELU_SCALE};
use arrayapi_core::{broadcast_shapes, Activation, FusedOp, Result};
use ndarray::{ArrayView4, Axis, IxDyn, Zip};

use crate::elem::Float;
use crate::elementwise::{fixed4, row_major};
use crate::simd;
use crate::storage::{shaped, Arr, Data};
use crate::NdArray;

fn cast<T: Float>(v: f64) -> T {
    <T as num_traits::NumCast>::from(v).unwrap_or_else(T::nan)
}

/// A view of at most 4 dimensions broadcast to `shape`, as a fixed 4-D view.
fn view4<'a, T>(a: &'a Arr<T>, shape: &[usize]) -> Option<ArrayView4<'a, T>> {
    fixed4(a.broadcast(IxDyn(shape))?).ok()
}

/// The kernel for one float type; `None` means "not a case for a kernel".
fn kernel<T: Float>(op: FusedOp, args: &[&Arr<T>]) -> Option<Arr<T>> {
    let shape = args[0].shape();
    // Only the first argument's shape may be the result's: the others broadcast to it.
    let mut out_shape = shape.to_vec();
    for a in &args[1..] {
        out_shape = broadcast_shapes(op.name(), &[&out_shape, a.shape()]).ok()?;
    }
    if out_shape != shape || shape.len() > 4 {
        return None;
    }
    let v: Vec<ArrayView4<'_, T>> = args.iter().map(|a| view4(a, shape)).collect::<Option<_>>()?;
    let (scale, scale_alpha) = (cast::<T>(SELU_SCALE), cast::<T>(SELU_SCALE * SELU_ALPHA));
    let out = match op {
        // One closure per activation, so each loop is monomorphised without a branch on
        // the activation inside it (and vectorised).
        FusedOp::BiasActivation(act) => match act {
            Activation::Relu => map2(&v[0], &v[1], |x, b| (x + b).max_nan(T::zero())),
            Activation::Tanh => map2(&v[0], &v[1], |x, b| num_traits::Float::tanh(x + b)),
            Activation::Selu => map2(&v[0], &v[1], |x, b| {
                let z = x + b;
                if z > T::zero() {
                    z * scale
                } else {
                    num_traits::Float::exp_m1(z) * scale_alpha
                }
            }),
        },
        FusedOp::ActivationGrad(act) => match act {
            Activation::Relu => map2(&v[0], &v[1], |u, a| u * if a > T::zero() { T::one() } else { T::zero() }),
            Activation::Tanh => map2(&v[0], &v[1], |u, a| u * (T::one() - a * a)),
            Activation::Selu => map2(&v[0], &v[1], |u, a| u * if a > T::zero() { scale } else { a + scale_alpha }),
        },
        FusedOp::Ema { beta } => {
            let c = cast::<T>(1.0 - beta);
            map2(&v[0], &v[1], |m, g| m + (g - m) * c)
        }
        FusedOp::EmaSquare { beta } => {
            let c = cast::<T>(1.0 - beta);
            map2(&v[0], &v[1], |s, g| s + (g * g - s) * c)
        }
        FusedOp::AdamParam { lr, bias_correction, eps } => {
            let (lr, bc, eps) = (cast::<T>(lr), cast::<T>(bias_correction), cast::<T>(eps));
            map3(&v[0], &v[1], &v[2], |p, m, s| p - m / (num_traits::Float::sqrt(s) / bc + eps) * lr)
        }
    };
    shaped(shape, out).ok()
}

/// `f` over two 4-D views of one shape, row-major, compiled for AVX2 where the CPU has
/// it ([`simd`]). Same-layout contiguous operands run as one flat loop; a contiguous first
/// operand with a second that repeats one row along axis 2 (a bias `[K, 1, H]` against
/// `[K, N, H]`) runs row by row, fetching the repeated row once per `(axis 0, axis 1)`
/// index; anything else goes through `Zip`.
pub(crate) fn map2<T: Copy, U: Clone>(a: &ArrayView4<'_, T>, b: &ArrayView4<'_, T>, f: impl Fn(T, T) -> U) -> Vec<U> {
    simd::avx2_fma_or!(map2_avx2, map2_loops, (a, b, f))
}

/// [`map2_loops`] compiled with AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn map2_avx2<T: Copy, U: Clone>(a: &ArrayView4<'_, T>, b: &ArrayView4<'_, T>, f: impl Fn(T, T) -> U) -> Vec<U> {
    map2_loops(a, b, f)
}

#[inline(always)]
fn map2_loops<T: Copy, U: Clone>(a: &ArrayView4<'_, T>, b: &ArrayView4<'_, T>, f: impl Fn(T, T) -> U) -> Vec<U> {
    if let (Some(xs), Some(ys)) = (a.as_slice(), b.as_slice()) {
        // Both standard layout, so the same shape: one loop the compiler vectorises.
        return xs.iter().zip(ys).map(|(&p, &q)| f(p, q)).collect();
    }
    let (d0, d1, d2, d3) = a.dim();
    if let Some(xs) = a.as_slice() {
        if b.strides()[2] == 0 || d2 == 1 {
            let mut out = Vec::with_capacity(xs.len());
            let mut blocks = xs.chunks_exact((d2 * d3).max(1));
            for i0 in 0..d0 {
                for i1 in 0..d1 {
                    let row = b.index_axis(Axis(0), i0).index_axis_move(Axis(0), i1).index_axis_move(Axis(0), 0);
                    let (Some(bs), Some(block)) = (row.as_slice(), blocks.next()) else { break };
                    for x in block.chunks_exact(d3.max(1)) {
                        out.extend(x.iter().zip(bs).map(|(&p, &q)| f(p, q)));
                    }
                }
            }
            if out.len() == xs.len() {
                return out;
            }
        }
    }
    row_major(Zip::from(a).and(b).map_collect(|&p, &q| f(p, q)))
}

/// `f` over three same-shape 4-D views, row-major (Adam's parameter update), compiled
/// for AVX2 where the CPU has it.
fn map3<T: Copy, U: Clone>(
    a: &ArrayView4<'_, T>,
    b: &ArrayView4<'_, T>,
    c: &ArrayView4<'_, T>,
    f: impl Fn(T, T, T) -> U,
) -> Vec<U> {
    simd::avx2_fma_or!(map3_avx2, map3_loops, (a, b, c, f))
}

/// [`map3_loops`] compiled with AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn map3_avx2<T: Copy, U: Clone>(
    a: &ArrayView4<'_, T>,
    b: &ArrayView4<'_, T>,
    c: &ArrayView4<'_, T>,
    f: impl Fn(T, T, T) -> U,
) -> Vec<U> {
    map3_loops(a, b, c, f)
}

#[inline(always)]
fn map3_loops<T: Copy, U: Clone>(
    a: &ArrayView4<'_, T>,
    b: &ArrayView4<'_, T>,
    c: &ArrayView4<'_, T>,
    f: impl Fn(T, T, T) -> U,
) -> Vec<U> {
    if let (Some(xs), Some(ys), Some(zs)) = (a.as_slice(), b.as_slice(), c.as_slice()) {
        // Written into a filled vector: collecting a three-way zip left the loop out of
        // line, without the target features, three times slower (measured).
        let Some(((&x0, &y0), &z0)) = xs.first().zip(ys.first()).zip(zs.first()) else { return Vec::new() };
        let mut out = vec![f(x0, y0, z0); xs.len()];
        for (((o, &p), &q), &r) in out.iter_mut().zip(xs).zip(ys).zip(zs) {
            *o = f(p, q, r);
        }
        return out;
    }
    row_major(Zip::from(a).and(b).and(c).map_collect(|&p, &q, &r| f(p, q, r)))
}

fn typed<T: Float>(op: FusedOp, args: &[&NdArray]) -> Option<Data> {
    let arrays: Vec<&Arr<T>> = args.iter().map(|a| T::unwrap(&a.data)).collect::<Option<_>>()?;
    kernel(op, &arrays).map(T::wrap)
}

/// `op` on `args`: a one-pass kernel where one applies, the composition otherwise.
pub(crate) fn fused(op: FusedOp, args: &[&NdArray]) -> Result<NdArray> {
    if args.len() != op.arity() {
        return op.compose(args);
    }
    let data = match &args[0].data {
        Data::F32(_) => typed::<f32>(op, args),
        Data::F64(_) => typed::<f64>(op, args),
        _ => None,
    };
    match data {
        Some(d) => Ok(NdArray::from_data(d)),
        None => op.compose(args),
    }
}
