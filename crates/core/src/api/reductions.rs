//! Reductions and statistics (`sum`, `mean`, `var`, ...), cumulative functions and the
//! standard's utility functions (`all`, `any`, `diff`).
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::reductions`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_reductions {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Reduces over `axes` (sorted, unique, in range: [`check::reduce`](crate::check::reduce) verifies and
            /// gives the output). `sum`/`prod` accumulate in [`crate::ops::accumulator_dtype`];
            /// `max`/`min` propagate NaN; an empty `sum` is 0 and an empty `prod` 1.
            Reduce "reduce" => fn reduce[x](op: [$crate::ReduceOp], axes: [&'a [usize]], keepdims: [bool]) -> one;
            /// Running reduction along `axis`; with `include_initial` the output starts with the
            /// identity (one longer along `axis`). Validate with [`check::cumulative`](crate::check::cumulative).
            Cumulative "cumulative" => fn cumulative[x](op: [$crate::CumulativeOp], axis: [usize], include_initial: [bool]) -> one;
            /// Sum over `axes` (`Axes::All`, one axis, or several; negative count from the end).
            Sum "sum" => fn sum[x](axes: axes, keepdims: [bool]) -> one = reductions::sum;
            /// Product over `axes`.
            Prod "prod" => fn prod[x](axes: axes, keepdims: [bool]) -> one = reductions::prod;
            /// `sum` with the standard's `dtype=` argument: `self` is cast to `dtype` before
            /// summing (so int8 data can be summed in int64, or float32 in float64), and the
            /// result has `dtype` (an integer sum wraps in it).
            SumAs "sum" => fn sum_as[x](axes: axes, dtype: [$crate::DType], keepdims: [bool]) -> one = reductions::sum_as;
            /// `prod` with the standard's `dtype=` argument (see [`ArrayApi::sum_as`](crate::ArrayApi::sum_as)).
            ProdAs "prod" => fn prod_as[x](axes: axes, dtype: [$crate::DType], keepdims: [bool]) -> one = reductions::prod_as;
            /// Maximum over `axes` (error over zero elements; NaN propagates).
            Max "max" => fn max[x](axes: axes, keepdims: [bool]) -> one = reductions::max;
            /// Minimum over `axes` (error over zero elements; NaN propagates).
            Min "min" => fn min[x](axes: axes, keepdims: [bool]) -> one = reductions::min;
            /// `true` if every element over `axes` is non-zero (`true` over zero elements).
            All "all" => fn all[x](axes: axes, keepdims: [bool]) -> one = reductions::all;
            /// `true` if any element over `axes` is non-zero (`false` over zero elements).
            Any "any" => fn any[x](axes: axes, keepdims: [bool]) -> one = reductions::any;
            /// Arithmetic mean over `axes` (floating point only; NaN over zero elements).
            Mean "mean" => fn mean[x](axes: axes, keepdims: [bool]) -> one = reductions::mean;
            /// Variance over `axes` with `correction` degrees of freedom subtracted from the count
            /// (0: population, 1: sample). NaN where `count - correction <= 0`.
            Var "var" => fn var[x](axes: axes, correction: [f64], keepdims: [bool]) -> one = reductions::var;
            /// Standard deviation: `sqrt(var(..))`.
            Std "std" => fn std[x](axes: axes, correction: [f64], keepdims: [bool]) -> one = reductions::std;
            /// Running sum along `axis` (`None` is allowed for 1-D arrays only).
            CumulativeSum "cumulative_sum" => fn cumulative_sum[x](axis: [Option<isize>], include_initial: [bool]) -> one = reductions::cumulative_sum;
            /// `cumulative_sum` with the standard's `dtype=` argument: `self` is cast to `dtype`
            /// first, and the result has `dtype` (see [`ArrayApi::sum_as`](crate::ArrayApi::sum_as)).
            CumulativeSumAs "cumulative_sum" => fn cumulative_sum_as[x](axis: [Option<isize>], dtype: [$crate::DType], include_initial: [bool]) -> one = reductions::cumulative_sum_as;
            /// The `n`-th forward difference along `axis` (`diff`): `x[i + 1] - x[i]`, `n` times.
            Diff "diff" => fn diff[x](axis: [isize], n: [usize]) -> one = reductions::diff;
            /// Running product along `axis` (`None` for 1-D arrays only), in `prod`'s dtype.
            CumulativeProd "cumulative_prod" => fn cumulative_prod[x](axis: [Option<isize>], include_initial: [bool]) -> one = reductions::cumulative_prod;
        ] [$($rest),*] $cb }
    };
}
