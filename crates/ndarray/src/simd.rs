//! Loops compiled twice: for the baseline target, and with AVX2 and FMA for x86-64 CPUs
//! that have them, chosen at run time (the build itself stays portable).
//!
//! The pattern, used by the narrow GEMM and the fused kernels: the loop is an
//! `#[inline(always)]` function; a twin marked `#[target_feature(enable = "avx2,fma")]`
//! calls it (so it is compiled again, inside the twin, with the features); the entry
//! point calls the twin only after [`has_avx2_fma`] ([`avx2_fma_or`] writes that call and
//! its `unsafe` block, so the safety argument lives here once). The twin must
//! be a named function: a closure passed to a generic runner is inlined into it only if
//! the compiler's cost model agrees, and a loop left outside gets no features (with
//! `mul_add` it becomes a library call, a hundred times slower: measured).
//!
//! The default x86-64 target has only SSE2: 4 floats per instruction. Compiling a hot
//! loop a second time with AVX2 doubles that, and FMA makes `mul_add` one instruction
//! instead of a library call. Both versions compute the same IEEE operations, so results
//! do not depend on the CPU except where a kernel asks for `mul_add` itself.

/// The body of an entry point: `$twin(args)` where the CPU has AVX2 and FMA, `$plain(args)`
/// elsewhere. `$twin` must be a `#[target_feature(enable = "avx2,fma")]` function that
/// needs no other feature; the macro returns from the enclosing function on that path.
macro_rules! avx2_fma_or {
    ($twin:path, $plain:expr, ($($arg:expr),* $(,)?)) => {{
        #[cfg(target_arch = "x86_64")]
        if $crate::simd::has_avx2_fma() {
            #[allow(unsafe_code)]
            // SAFETY: the twin needs only AVX2 and FMA (its `target_feature`), and the CPU
            // has both (checked just above).
            return unsafe { $twin($($arg),*) };
        }
        $plain($($arg),*)
    }};
}
pub(crate) use avx2_fma_or;

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
