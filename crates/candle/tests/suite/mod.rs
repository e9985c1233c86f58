//! The candle conformance suite with its skip list, shared by the CPU and CUDA tests.
//!
//! candle has no int8, uint16 or uint64 dtype, and the backend refuses them with
//! `Error::Unsupported` rather than store them in another type. `CandleNamespace::dtypes`
//! says so; the suite runs the parts of its checks for those dtypes only on backends that
//! list them, and its `declared_dtypes` check verifies they are refused. Nothing is
//! skipped.

/// Stamps out the suite for candle arrays on the namespace `$ns`.
macro_rules! candle_conformance {
    ($ns:expr) => {
        arrayapi_testkit::conformance!(arrayapi_candle::CandleArray, $ns);
    };
}
