//! The candle conformance suite with its skip list, shared by the CPU and CUDA tests.
//!
//! candle has no int8, uint16 or uint64 dtype, and the backend refuses them with
//! `Error::Unsupported` rather than store them in another type. The checks below use one
//! of those dtypes somewhere, and a check stops at its first failure, so they are skipped
//! whole: their other parts are not run on candle until the suite's checks are split by
//! dtype (issue 3).

/// Stamps out the suite for candle arrays on the namespace `$ns`.
macro_rules! candle_conformance {
    ($ns:expr) => {
        arrayapi_testkit::conformance!(arrayapi_candle::CandleArray, $ns, skip: {
            zeros_ones_full_empty: "iterates over every dtype, including int8, uint16 and uint64, which candle lacks",
            asarray_roundtrip: "uses uint64, which candle lacks",
            arange: "uses int8, which candle lacks",
            astype: "converts to and from int8, which candle lacks",
            unary_integers: "uses int8 and uint16, which candle lacks",
            promotion: "uses int8 and uint64, which candle lacks",
            where_and_clip: "uses int8, which candle lacks",
            reduction_dtypes_and_edges: "sums int8 and accumulates uint8 in uint64, which candle lacks",
            cumulative_sum: "uses int8, which candle lacks",
            reshape: "uses int8, which candle lacks",
            flip_take: "uses int8, which candle lacks",
            matmul_edges: "uses int8, which candle lacks",
        });
    };
}
