//! The conformance suite through the dynamic `Array`: on the ndarray backend, and on the
//! ndarray backend behind a wrapper that re-dispatches every call (the NEP 18 path with
//! the most indirection).

mod dynamic_ndarray {
    arrayapi_testkit::conformance!(arrayapi::Array, arrayapi::ndarray::namespace());
}
