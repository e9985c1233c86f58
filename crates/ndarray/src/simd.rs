//! Loops compiled twice: for the baseline target, and with AVX2 and FMA for x86-64 CPUs
//! that have them, chosen at run time (the build itself stays portable).
//!
//! The pattern, used by the narrow GEMM and the fused kernels: the loop is an
//! `#[inline(always)]` function; a twin marked `#[target_feature(enable = "avx2,fma")]`
//! calls it (so it is compiled again, inside the twin, with the features); the entry
//! point calls the twin, in an `unsafe` block, only after [`has_avx2_fma`]. The twin must
//! be a named function: a closure passed to a generic runner is inlined into it only if
//! the compiler's cost model agrees, and a loop left outside gets no features (with
//! `mul_add` it becomes a library call, a hundred times slower: measured).
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
