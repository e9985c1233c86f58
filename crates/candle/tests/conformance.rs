//! The candle backend on candle's CPU device against the conformance suite (skips and
//! their reasons in suite/mod.rs).

#[macro_use]
mod suite;

candle_conformance!(arrayapi_candle::CandleNamespace::cpu());
