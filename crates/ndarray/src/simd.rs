//! Loops compiled twice: for the baseline target, and with AVX2 and FMA for x86-64 CPUs
//! that have them, chosen at run time (the build itself stays portable).
//!
//! The default x86-64 target has only SSE2: 4 floats per instruction. Compiling a hot
//! loop a second time with AVX2 doubles that, and FMA makes `mul_add` one instruction
//! instead of a library call. Both versions compute the same IEEE operations, so results
//! do not depend on the CPU except where a kernel asks for `mul_add` itself.

/// Whether the AVX2 + FMA version can run here (checked once, then cached by `std`).
pub(crate) fn has_avx2_fma() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// `fast(args)` compiled with AVX2 and FMA where the CPU has them, `portable(args)`
/// elsewhere. Both closures are inlined into their callers, so everything they call that
/// is inlined too (iterator adaptors, `#[inline(always)]` kernels) gets the features.
#[inline(always)]
pub(crate) fn dispatch<A, R>(args: A, fast: impl FnOnce(A) -> R, portable: impl FnOnce(A) -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        #[allow(unsafe_code)]
        // SAFETY: `avx2_fma` is only compiled with the AVX2 and FMA instructions, and the
        // CPU has both (checked just above). This is the crate's one `unsafe` block.
        return unsafe { avx2_fma(args, fast) };
    }
    let _ = &fast;
    portable(args)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[inline]
fn avx2_fma<A, R>(args: A, f: impl FnOnce(A) -> R) -> R {
    f(args)
}
