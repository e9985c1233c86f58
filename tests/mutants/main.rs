//! The conformance suite proves itself: each deliberately wrong backend below (the
//! ndarray backend with one function corrupted in one realistic way, `backend.rs`) must
//! fail the suite, in the check named for the function it breaks (the check's name, or
//! its failure message, names that function). The table of mutants and the checks that
//! catch them is generated into the testkit README; regenerate it with
//!
//! ```text
//! UPDATE_MUTANTS=1 cargo test --test mutants
//! ```

mod backend;

use arrayapi_testkit::{run_all, Verdict};
use backend::{Mutant, MutantNs, Mutation};

/// Each mutant: the mutation, the function it breaks, what it does wrong, and the check
/// that must catch it.
const MUTANTS: &[(Mutation, &str, &str, &str)] = &[
    (Mutation::NegativeKeepsInfinity, "negative", "`negative(+inf)` is `+inf`", "unary_float_values"),
    (Mutation::NegativeLosesZeroSign, "negative", "`negative(0.0)` is `+0.0`", "unary_float_values"),
    (Mutation::CeilLosesZeroSign, "ceil", "`ceil(-0.5)` is `+0.0`", "unary_float_values"),
    (Mutation::RoundHalfAwayFromZero, "round", "ties round away from zero, not to even", "unary_float_values"),
    (Mutation::SignOfNanIsZero, "sign", "`sign(NaN)` is 0", "unary_float_values"),
    (Mutation::SqrtOfMinusZeroIsPlusZero, "sqrt", "`sqrt(-0.0)` is `+0.0`", "unary_float_values"),
    (Mutation::Expm1Cancels, "expm1", "`exp(x) - 1` (cancels near 0)", "expm1_log1p_near_zero"),
    (Mutation::Log1pCancels, "log1p", "`log(1 + x)` (cancels near 0)", "expm1_log1p_near_zero"),
    (Mutation::IntegerAbsSaturates, "abs", "`abs(int8 -128)` saturates to 127 instead of wrapping", "unary_integers"),
    (Mutation::MaximumDropsNan, "maximum", "NaN does not propagate (`f64::max`)", "binary_broadcasting"),
    (Mutation::EqualSaysNanEqualsNan, "equal", "`NaN == NaN` is true", "comparisons_and_logic"),
    (Mutation::IntegerAddSaturates, "add", "integer overflow saturates instead of wrapping", "integer_arithmetic"),
    (Mutation::LogaddexpOverflows, "logaddexp", "`log(exp(a) + exp(b))`: inf for 1000", "binary_float_functions"),
    (Mutation::HypotOverflows, "hypot", "`sqrt(a^2 + b^2)`: inf for 1e300", "binary_float_functions"),
    (Mutation::BroadcastRepeatsWrongAxis, "broadcast_to", "repeats along the wrong axis", "broadcasting"),
    (Mutation::SumOverNextAxis, "sum", "reduces the axis after the one asked for", "sum_prod_max_min_over_axes"),
    (Mutation::SumIgnoresKeepdims, "sum", "`keepdims` ignored", "sum_prod_max_min_over_axes"),
    (
        Mutation::MinStartsFromFloatMax,
        "min",
        "starts from the dtype's largest finite value (all-inf lanes give it)",
        "reductions_random_shapes_and_axes",
    ),
    (Mutation::ArgmaxLastOfTies, "argmax", "returns the last of equal maxima", "argmax_argmin"),
    (Mutation::CumulativeSumExclusive, "cumulative_sum", "an exclusive scan", "cumulative_sum"),
    (
        Mutation::CumulativeSumPoisonedByInfinity,
        "cumulative_sum",
        "a sum through a triangle of ones: one inf makes every output NaN",
        "cumulative_sum",
    ),
    (Mutation::SumIgnoresDtype, "sum", "`dtype=` ignored", "reductions_with_dtype"),
    (Mutation::MeanDividesByNMinusOne, "mean", "divides by n - 1", "mean_var_std"),
    (Mutation::VarIgnoresCorrection, "var", "`correction` ignored", "mean_var_std"),
    (Mutation::ConcatReversesOrder, "concat", "joins the arrays in reverse order", "concat_stack"),
    (Mutation::TakeNegativeCountsFromStart, "take", "index -1 is the first element", "flip_take"),
    (Mutation::SqueezeDropsEveryUnitAxis, "squeeze", "drops every unit axis, not the ones asked for", "expand_squeeze"),
    (Mutation::FlipIgnoresAxis, "flip", "flips every axis", "flip_take"),
    (Mutation::PermuteAppliesInverse, "permute_dims", "applies the inverse permutation", "permute_and_transpose"),
    (Mutation::LinspaceDropsEndpoint, "linspace", "`endpoint=true` ignored", "linspace"),
    (Mutation::ArangeIncludesStop, "arange", "includes `stop`", "arange"),
    (Mutation::CastInfinityToFloatMax, "astype", "float64 -> float32 saturates inf to `f32::MAX`", "astype"),
    (Mutation::CastFloatToIntWraps, "astype", "float -> int wraps where it should saturate", "astype"),
    (Mutation::EyeNegatesOffset, "eye", "`k` counted below the diagonal", "eye"),
    (Mutation::ArgsortUnstable, "argsort", "not stable: equal keys reversed", "sort_and_argsort"),
    (Mutation::SortPutsNanFirst, "sort", "NaN sorted first", "sort_and_argsort"),
    (Mutation::UniqueMergesNans, "unique", "every NaN merged into one value", "unique"),
    (Mutation::SearchsortedIgnoresSide, "searchsorted", "`side='right'` ignored", "searchsorted"),
    (Mutation::IsinIgnoresInvert, "isin", "`invert` ignored", "isin"),
    (Mutation::FloorDivideTruncates, "floor_divide", "integer division rounds toward zero", "floor_divide"),
    (Mutation::RemainderTakesDividendSign, "remainder", "C's `fmod`: the dividend's sign", "remainder"),
    (Mutation::RightShiftLogical, "bitwise_right_shift", "a logical shift for signed integers", "bitwise_and_shifts"),
    (
        Mutation::MatmulReusesFirstBatch,
        "matmul",
        "uses the right operand's first matrix for every batch",
        "matmul_batched_broadcast",
    ),
    (
        Mutation::MatmulRefusesIntegers,
        "matmul",
        "integer dtypes refused although the backend declares them",
        "matmul_integers",
    ),
    (Mutation::InvTransposed, "inv", "returns the transpose of the inverse", "inv_and_solve"),
    (Mutation::MatrixPowerOneShort, "matrix_power", "one product short", "matrix_power"),
    (Mutation::TensordotContractsLastAxesOfBoth, "tensordot", "contracts the last axes of both operands", "tensordot"),
    (Mutation::DetLosesSign, "det", "the absolute value of the determinant", "det_and_slogdet"),
    (Mutation::ClipRefusesBroadcast, "clip", "array bounds must have x's shape", "clip"),
    (Mutation::WhereSwapsBranches, "where", "`x1` and `x2` swapped", "where_"),
    (
        Mutation::BiasAddedAfterActivation,
        "bias_activation",
        "`act(x) + bias` instead of `act(x + bias)`",
        "fused_functions",
    ),
    (
        Mutation::SliceNegativeStepReversesRange,
        "slice",
        "a negative step walks `start..stop` from its end (ndarray's rule), not from `start`",
        "slices_1d",
    ),
    (Mutation::SliceIndexClampsToEnd, "slice", "an integer past the end picks the last element", "slice_errors"),
    (Mutation::SliceSetIgnoresStep, "slice_set", "writes with step 1 whatever the step", "slice_updates"),
    (Mutation::MaskColumnMajor, "mask", "selects in column-major order", "masks"),
    (
        Mutation::IndexArraysOuter,
        "index_arrays",
        "orthogonal indexing (an outer product of the index arrays), not vectorised",
        "integer_array_indexing",
    ),
    (Mutation::PutFirstValueWins, "put", "a repeated position keeps the first value", "integer_array_indexing"),
];

fn failures(mutation: Mutation) -> Vec<(&'static str, String)> {
    run_all::<Mutant>(&MutantNs { mutation }, &[])
        .into_iter()
        .filter_map(|(name, v)| match v {
            Verdict::Failed(msg) => Some((name, msg)),
            _ => None,
        })
        .collect()
}

fn table(rows: &[(usize, Vec<&'static str>)]) -> String {
    let mut out = String::from("| # | function | the mistake | caught by | also failing |\n|---|---|---|---|---|\n");
    for (i, also) in rows {
        let (_, func, what, check) = MUTANTS[*i];
        let also: Vec<String> = also.iter().filter(|c| **c != check).map(|c| format!("`{c}`")).collect();
        out.push_str(&format!("| {} | `{func}` | {what} | `{check}` | {} |\n", i + 1, also.join(", ")));
    }
    out
}

const BEGIN: &str = "<!-- mutants: generated by tests/mutants (UPDATE_MUTANTS=1 cargo test --test mutants) -->\n";
const END: &str = "<!-- end of mutants -->";

#[test]
fn the_unmutated_wrapper_passes_every_check() {
    assert_eq!(failures(Mutation::None), vec![], "a failure of a mutant must be its mutation's");
}

#[test]
fn the_suite_catches_every_mutant_in_the_check_named_for_its_function() {
    assert!(MUTANTS.len() >= 30);
    let mut rows = Vec::new();
    let mut missed = Vec::new();
    for (i, &(mutation, func, what, check)) in MUTANTS.iter().enumerate() {
        let failed = failures(mutation);
        match failed.iter().find(|(name, _)| *name == check) {
            Some((name, msg)) if name.contains(func) || msg.contains(func) => {}
            Some((_, msg)) => missed.push(format!("{mutation:?}: {check} failed without naming `{func}`: {msg}")),
            None => missed.push(format!("{mutation:?} ({what}): {check} passed; failing: {failed:?}")),
        }
        rows.push((i, failed.iter().map(|(n, _)| *n).collect::<Vec<_>>()));
    }
    assert!(missed.is_empty(), "mutants the suite let through:\n{}", missed.join("\n"));
    // The published table is this run's.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/testkit/README.md");
    let readme = std::fs::read_to_string(path).expect("the testkit README");
    let (start, end) = (readme.find(BEGIN).expect("the mutants marker"), readme.find(END).expect("the end marker"));
    let fresh = format!("{}{BEGIN}{}{}", &readme[..start], table(&rows), &readme[end..]);
    if std::env::var_os("UPDATE_MUTANTS").is_some() {
        std::fs::write(path, &fresh).expect("write the testkit README");
        return;
    }
    assert!(
        fresh == readme,
        "the mutants table in crates/testkit/README.md is out of date: run `UPDATE_MUTANTS=1 cargo test --test mutants`"
    );
}
