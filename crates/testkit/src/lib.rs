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

/// One check: a generic function of the backend's namespace.
pub type Check<A> = fn(&<A as ArrayApi>::Namespace) -> arrayapi_core::Result<()>;

/// Runs one check on backend `A`: returns if it passed, panics (naming the function, the
/// element and the values, or the error it got instead of a value) if it failed. A check
/// that does not apply to the backend, because it needs a dtype the backend does not
/// declare, returns after a note on stderr (`not applicable: ...`); see
/// [`check_applies`].
pub fn run_check<A: ArrayApi>(ns: &A::Namespace, check: Check<A>) {
    if let Err(reason) = check_applies::<A>(ns, check) {
        eprintln!("not applicable: {reason}");
    }
}

/// Runs one check: `Ok` if it passed, `Err(reason)` if it does not apply to the backend,
/// and a panic if it failed. A check does not apply where it needs a dtype the backend
/// does not declare in [`arrayapi_core::BackendNamespace::dtypes`]: for an input (the
/// check's helpers ask [`support::requires`]), or for a result the standard fixes (int64
/// indices, int64 sums), which such a backend refuses with [`arrayapi_core::Error::Unsupported`]
/// naming that dtype. A refusal that names only declared dtypes is a failure.
pub fn check_applies<A: ArrayApi>(ns: &A::Namespace, check: Check<A>) -> Result<(), String> {
    install_panic_hook();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(ns))) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => match undeclared_dtype_refused::<A>(ns, &e) {
            Some(dtype) => Err(format!("{} refused {dtype}, which the backend does not declare", e.func())),
            None => panic!("the check returned an error instead of a value: {e} ({e:?})"),
        },
        Err(payload) => match payload.downcast::<support::NotApplicable>() {
            Ok(na) => Err(na.0),
            Err(payload) => std::panic::resume_unwind(payload),
        },
    }
}

/// The undeclared dtype an `Unsupported` error names, if any (by whole words of its
/// message: `int8` is not found in `uint8`).
fn undeclared_dtype_refused<A: ArrayApi>(ns: &A::Namespace, e: &arrayapi_core::Error) -> Option<arrayapi_core::DType> {
    use arrayapi_core::BackendNamespace;
    if !matches!(e, arrayapi_core::Error::Unsupported { .. }) {
        return None;
    }
    let declared = ns.dtypes();
    let text = e.to_string();
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    arrayapi_core::DType::ALL.into_iter().find(|d| !declared.contains(d) && words.contains(&d.name()))
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
    /// Needs a dtype the backend does not declare (see [`check_applies`]).
    NotApplicable(String),
}

/// Runs every check on backend `A` in this process (not as `#[test]`s), catching
/// failures, and returns each check's name and verdict in order. `skip` lists checks the
/// backend declares it lacks, with reasons. Panic messages of failing checks are kept
/// in the verdict, not printed.
pub fn run_all<A: ArrayApi>(ns: &A::Namespace, skip: &[(&str, &str)]) -> Vec<(&'static str, Verdict)> {
    let mut all: Vec<(&'static str, Check<A>)> = Vec::new();
    macro_rules! push {
        ($module:ident, $name:ident) => {
            all.push((stringify!($name), checks::$module::$name::<A>));
        };
    }
    __for_each_check!(push);
    quiet_panics_on_this_thread(true);
    let verdicts = all
        .into_iter()
        .map(|(name, check)| {
            if let Some((_, reason)) = skip.iter().find(|(s, _)| *s == name) {
                return (name, Verdict::Skipped((*reason).to_string()));
            }
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_applies::<A>(ns, check)));
            let verdict = match outcome {
                Ok(Ok(())) => Verdict::Passed,
                Ok(Err(reason)) => Verdict::NotApplicable(reason),
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
    quiet_panics_on_this_thread(false);
    verdicts
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Silences panic messages on this thread only (the checks' failures that [`run_all`]
/// catches), leaving every other thread's panics as they were.
fn quiet_panics_on_this_thread(quiet: bool) {
    install_panic_hook();
    QUIET.with(|q| q.set(quiet));
}

/// Wraps the process's panic hook once (never swapped back and forth, so concurrent
/// callers, parallel tests, cannot leave it silent): silent on threads that
/// [`run_all`] quietened, and for the [`support::NotApplicable`] marker; otherwise the
/// hook the program had.
fn install_panic_hook() {
    static WRAP: std::sync::Once = std::sync::Once::new();
    WRAP.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let marker = info.payload().is::<support::NotApplicable>();
            if !marker && !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
}

/// Every check's name, in the order the suite runs them (made from the one list in
/// `__for_each_check!`, which also stamps out the tests and feeds [`run_all`]).
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
pub const CHECKS: &[&str] = crate::__for_each_check!(@names);

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

/// The one list of checks, as `module::name`: `__for_each_check!(case)` calls
/// `case!(module, name)` for each, and `__for_each_check!(@names)` is the array of names.
#[doc(hidden)]
#[macro_export]
macro_rules! __for_each_check {
    ($case:ident) => {
        $crate::__for_each_check!(@with $case);
    };
    (@names) => {
        $crate::__for_each_check!(@with __check_names)
    };
    (@with $case:ident) => {
        $crate::__for_each_check! {@list $case
            creation::zeros_ones_full_empty,
            creation::like_functions,
            creation::asarray_roundtrip,
            creation::arange,
            creation::linspace,
            creation::eye,
            creation::astype,
            elementwise::unary_float_values,
            elementwise::unary_named_methods,
            elementwise::unary_integers,
            elementwise::binary_broadcasting,
            elementwise::comparisons_and_logic,
            elementwise::promotion,
            elementwise::integer_arithmetic,
            elementwise::integer_overflow_wraps,
            elementwise::scalars,
            elementwise::where_,
            elementwise::clip,
            elementwise::expm1_log1p_near_zero,
            elementwise::acosh_asinh_large_arguments,
            elementwise::binary_float_functions,
            reductions::sum_prod_max_min_over_axes,
            reductions::reduction_dtypes_and_edges,
            reductions::all_any,
            reductions::mean_var_std,
            reductions::argmax_argmin,
            reductions::cumulative_sum,
            reductions::reductions_with_dtype,
            reductions::axes_validation,
            manipulation::reshape,
            manipulation::permute_and_transpose,
            manipulation::expand_squeeze,
            manipulation::broadcasting,
            manipulation::concat_stack,
            manipulation::flip_take,
            manipulation::moveaxis,
            manipulation::roll,
            manipulation::repeat,
            manipulation::tile,
            manipulation::unstack,
            manipulation::diff,
            manipulation::count_nonzero,
            manipulation::tril_and_triu,
            manipulation::meshgrid,
            matmul::matmul_2d_and_vectors,
            matmul::matmul_batched_broadcast,
            matmul::matmul_edges,
            matmul::matmul_integers,
            matmul::diagonal_and_trace,
            matmul::vecdot_and_outer,
            matmul::vector_and_matrix_norms,
            matmul::sort_and_argsort,
            fused::fused_functions,
            integer::bitwise_and_shifts,
            integer::floor_divide,
            integer::remainder,
            integer::nextafter,
            sets::nonzero,
            sets::searchsorted,
            sets::unique,
            sets::isin,
            sets::take_along_axis,
            indexing::slices_1d,
            indexing::slices_multi_axis,
            indexing::slices_compute,
            indexing::slices_matmul,
            indexing::slice_errors,
            indexing::slice_updates,
            indexing::masks,
            indexing::integer_array_indexing,
            indexing::at_updates,
            sets::cumulative_prod,
            linalg::det_and_slogdet,
            linalg::inv_and_solve,
            linalg::cholesky_and_qr,
            linalg::cross,
            linalg::matrix_power,
            linalg::tensordot,
            linalg::linalg_eigen_and_svd,
            errors::element_counts_that_overflow,
            errors::declared_dtypes,
            half::half_precision_floats,
            errors::errors_name_function_and_kind,
            errors::nan_and_infinity_flow_through,
            properties::binary_random_shapes_and_values,
            properties::reductions_random_shapes_and_axes,
        }
    };
    (@list __check_names $($module:ident :: $name:ident,)*) => {
        &[$(stringify!($name)),*]
    };
    (@list $case:ident $($module:ident :: $name:ident,)*) => {
        $($case!($module, $name);)*
    };
}
