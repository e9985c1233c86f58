//! The ndarray backend against the conformance suite, statically (the dynamic path runs
//! it in the workspace's tests/conformance.rs). Nothing skipped.

arrayapi_testkit::conformance!(arrayapi_ndarray::NdArray, arrayapi_ndarray::NdNamespace);
