//! The arrayapi conformance suite: one line runs it on any backend.
//!
//! ```text
//! // In your backend's tests/conformance.rs:
//! arrayapi_testkit::conformance!(MyArray, MyNamespace::default());
//!
//! // With functions or dtypes your backend declares it lacks:
//! arrayapi_testkit::conformance!(MyArray, MyNamespace::default(), skip: {
//!     unary_integers: "integer arrays are not supported yet",
//! });
//! ```
//!
//! The macro stamps out one `#[test]` per check (see [`CHECKS`] for the list), so
//! `cargo test` reports each by name. A skipped check becomes `#[ignore = "reason"]`:
//! the test runner reports it as ignored, with its reason, never as passed. Put each
//! invocation in a module of its own (`mod static_path { conformance!(..); }`).
//!
//! A failure names the check, the function, and the element that differed:
//!
//! ```text
//! ---- elementwise_unary_float_values stdout ----
//! thread 'elementwise_unary_float_values' panicked at crates/testkit/src/support.rs:..:
//! element 11: got 0, want NaN
//!  got [...]
//! want [...]
//! ```
//!
//! Checks can also be run one by one with [`run_check`], and the helpers in
//! [`support`] are public for writing checks of a backend's own.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod checks;
pub mod support;

use arrayapi_core::ArrayApi;

/// Runs one check on backend `A`, turning an unexpected `Err` into a failure that names
/// the error.
pub fn run_check<A: ArrayApi>(ns: &A::Namespace, check: fn(&A::Namespace) -> arrayapi_core::Result<()>) {
    if let Err(e) = check(ns) {
        panic!("the check returned an error instead of a value: {e} ({e:?})");
    }
}

/// The outcome of one check run by [`run_all`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The backend behaved as the standard says.
    Passed,
    /// It did not; the first difference, as the check reported it.
    Failed(String),
    /// Declared lacking by the backend, with its reason.
    Skipped(String),
}

/// Runs every check on backend `A` in this process (not as `#[test]`s), catching
/// failures, and returns each check's name and verdict in order. `skip` lists checks the
/// backend declares it lacks, with reasons. Panic messages of failing checks are kept
/// in the verdict, not printed.
pub fn run_all<A: ArrayApi>(ns: &A::Namespace, skip: &[(&str, &str)]) -> Vec<(&'static str, Verdict)> {
    type Check<A> = fn(&<A as ArrayApi>::Namespace) -> arrayapi_core::Result<()>;
    let mut all: Vec<(&'static str, Check<A>)> = Vec::new();
    macro_rules! push {
        ($module:ident, $name:ident) => {
            all.push((stringify!($name), checks::$module::$name::<A>));
        };
    }
    __for_each_check!(push);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let verdicts = all
        .into_iter()
        .map(|(name, check)| {
            if let Some((_, reason)) = skip.iter().find(|(s, _)| *s == name) {
                return (name, Verdict::Skipped((*reason).to_string()));
            }
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_check::<A>(ns, check)));
            let verdict = match outcome {
                Ok(()) => Verdict::Passed,
                Err(payload) => Verdict::Failed(
                    payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "the check panicked".into()),
                ),
            };
            (name, verdict)
        })
        .collect();
    std::panic::set_hook(hook);
    verdicts
}

/// Every check's name, in the order the suite runs them.
///
/// ```
/// use arrayapi_testkit::CHECKS;
/// assert!(CHECKS.contains(&"matmul_batched_broadcast"));
/// assert!(CHECKS.contains(&"binary_random_shapes_and_values"));
/// // One test per check: names are unique.
/// let mut names = CHECKS.to_vec();
/// names.sort();
/// names.dedup();
/// assert_eq!(names.len(), CHECKS.len());
/// ```
pub const CHECKS: &[&str] = &[
    "zeros_ones_full_empty",
    "like_functions",
    "asarray_roundtrip",
    "arange",
    "linspace",
    "eye",
    "astype",
    "unary_float_values",
    "unary_named_methods",
    "unary_integers",
    "binary_broadcasting",
    "comparisons_and_logic",
    "promotion",
    "integer_arithmetic",
    "scalars",
    "where_and_clip",
    "binary_float_functions",
    "sum_prod_max_min_over_axes",
    "reduction_dtypes_and_edges",
    "all_any",
    "mean_var_std",
    "argmax_argmin",
    "cumulative_sum",
    "axes_validation",
    "reshape",
    "permute_and_transpose",
    "expand_squeeze",
    "broadcasting",
    "concat_stack",
    "flip_take",
    "more_manipulation",
    "matmul_2d_and_vectors",
    "matmul_batched_broadcast",
    "matmul_edges",
    "linalg_and_sorting",
    "fused_functions",
    "bitwise_and_shifts",
    "floor_divide_remainder_nextafter",
    "nonzero_and_searchsorted",
    "unique_and_isin",
    "take_along_axis_and_cumulative_prod",
    "linalg_factorisations",
    "linalg_eigen_and_svd",
    "element_counts_that_overflow",
    "declared_dtypes",
    "half_precision_floats",
    "errors_name_function_and_kind",
    "nan_and_infinity_flow_through",
    "binary_random_shapes_and_values",
    "reductions_random_shapes_and_axes",
];

/// Stamps out the conformance suite for a backend; see the crate documentation.
#[macro_export]
macro_rules! conformance {
    ($array:ty, $ns:expr $(,)?) => {
        $crate::conformance!($array, $ns, skip: {});
    };
    ($array:ty, $ns:expr, skip: { $($skip:ident : $reason:literal),* $(,)? } $(,)?) => {
        $crate::__conformance_with_dollar! { ($) ($array) ($ns) [$($skip : $reason),*] }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_with_dollar {
    (($d:tt) ($array:ty) ($ns:expr) [$($skip:ident : $reason:literal),*]) => {
        macro_rules! __arrayapi_testkit_case {
            $(
                ($d module:ident, $skip) => {
                    #[test]
                    #[ignore = $reason]
                    fn $skip() {
                        $crate::run_check::<$array>(&$ns, $crate::checks::$d module::$skip::<$array>);
                    }
                };
            )*
            ($d module:ident, $d name:ident) => {
                #[test]
                fn $d name() {
                    $crate::run_check::<$array>(&$ns, $crate::checks::$d module::$d name::<$array>);
                }
            };
        }
        $crate::__for_each_check!(__arrayapi_testkit_case);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __for_each_check {
    ($case:ident) => {
        $case!(creation, zeros_ones_full_empty);
        $case!(creation, like_functions);
        $case!(creation, asarray_roundtrip);
        $case!(creation, arange);
        $case!(creation, linspace);
        $case!(creation, eye);
        $case!(creation, astype);
        $case!(elementwise, unary_float_values);
        $case!(elementwise, unary_named_methods);
        $case!(elementwise, unary_integers);
        $case!(elementwise, binary_broadcasting);
        $case!(elementwise, comparisons_and_logic);
        $case!(elementwise, promotion);
        $case!(elementwise, integer_arithmetic);
        $case!(elementwise, scalars);
        $case!(elementwise, where_and_clip);
        $case!(elementwise, binary_float_functions);
        $case!(reductions, sum_prod_max_min_over_axes);
        $case!(reductions, reduction_dtypes_and_edges);
        $case!(reductions, all_any);
        $case!(reductions, mean_var_std);
        $case!(reductions, argmax_argmin);
        $case!(reductions, cumulative_sum);
        $case!(reductions, axes_validation);
        $case!(manipulation, reshape);
        $case!(manipulation, permute_and_transpose);
        $case!(manipulation, expand_squeeze);
        $case!(manipulation, broadcasting);
        $case!(manipulation, concat_stack);
        $case!(manipulation, flip_take);
        $case!(manipulation, more_manipulation);
        $case!(matmul, matmul_2d_and_vectors);
        $case!(matmul, matmul_batched_broadcast);
        $case!(matmul, matmul_edges);
        $case!(matmul, linalg_and_sorting);
        $case!(fused, fused_functions);
        $case!(integer, bitwise_and_shifts);
        $case!(integer, floor_divide_remainder_nextafter);
        $case!(sets, nonzero_and_searchsorted);
        $case!(sets, unique_and_isin);
        $case!(sets, take_along_axis_and_cumulative_prod);
        $case!(linalg, linalg_factorisations);
        $case!(linalg, linalg_eigen_and_svd);
        $case!(errors, element_counts_that_overflow);
        $case!(errors, declared_dtypes);
        $case!(half, half_precision_floats);
        $case!(errors, errors_name_function_and_kind);
        $case!(errors, nan_and_infinity_flow_through);
        $case!(properties, binary_random_shapes_and_values);
        $case!(properties, reductions_random_shapes_and_axes);
    };
}
