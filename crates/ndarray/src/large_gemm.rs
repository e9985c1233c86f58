//! GEMM for everything the narrow and small-`k` kernels do not take: the `gemm` crate's
//! blocked kernels (faer's; candle's CPU matmul uses them too).
//!
//! They replaced ndarray's `general_mat_mul` (the `matrixmultiply` crate) here because they
//! were faster on every shape the ensemble's large workloads multiply, measured on the
//! 2-vCPU AMD EPYC of docs/benchmarks.md, one thread, best of five: `1024 x 128 @ 128 x
//! 128` 111 against 95 GFLOP/s, `128 x 1024 @ 1024 x 128` (a weight gradient) 107 against
//! 80, `64 x 128 @ 128 x 128` 103 against 90, with `b` transposed 91 against 74. Both
//! choose AVX2/FMA (or AVX-512, `gemm`'s `x86-v4` feature, not enabled: it measured no
//! faster there) at run time. One thread per call: the batch is split between threads
//! above this (`matmul::gemm_split`), so a product's summation order does not depend on
//! the number of threads.

use ndarray::{ArrayView2, ArrayViewMut2};

use crate::elem::Float;

/// `out = a @ b` for `a: m x k`, `b: k x n`, `out: m x n`, any strides (negative and
/// zero included).
pub(crate) fn gemm<T: Float>(a: &ArrayView2<'_, T>, b: &ArrayView2<'_, T>, out: &mut ArrayViewMut2<'_, T>) {
    let (m, k) = a.dim();
    let n = b.ncols();
    assert!(b.nrows() == k && out.dim() == (m, n), "large_gemm: shapes checked by the caller");
    if m == 0 || n == 0 {
        return;
    }
    let (a_rs, a_cs) = (a.strides()[0], a.strides()[1]);
    let (b_rs, b_cs) = (b.strides()[0], b.strides()[1]);
    let (o_rs, o_cs) = (out.strides()[0], out.strides()[1]);
    let dst = out.as_mut_ptr();
    #[allow(unsafe_code)]
    // SAFETY: each pointer is its view's element [0, 0] and each view's strides are passed
    // with it, so every element `gemm` reads or writes lies inside that view (the shapes
    // agree, asserted above); `out` is borrowed mutably, so it aliases neither `a` nor
    // `b`; `read_dst` is false, so `out`'s old values (initialised anyway) are not read.
    // T is f32 or f64 (`Float`), both of which `gemm` implements.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst,
            o_cs,
            o_rs,
            false,
            a.as_ptr(),
            a_cs,
            a_rs,
            b.as_ptr(),
            b_cs,
            b_rs,
            T::zero(),
            T::one(),
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}
