//! The candle backend on candle's CPU device against the conformance suite (skips and
//! their reasons in suite/mod.rs).

#[macro_use]
mod suite;

candle_conformance!(arrayapi_candle::CandleNamespace::cpu());

/// The trainer on candle's CPU device against the ndarray backend.
#[test]
fn training_matches_the_ndarray_backend() {
    suite::trains_like_the_ndarray_backend(arrayapi_candle::CandleNamespace::cpu());
}
