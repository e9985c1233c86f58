//! Searching functions: `where`, `argmax`/`argmin`, `nonzero`, `searchsorted`,
//! `count_nonzero`.
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::searching`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_searching {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// `where(cond, x1, x2)` with `self` as `cond`: elements of `x1` where `cond` is
            /// true, else of `x2`, all three broadcast. Validate with [`check::where_`](crate::check::where_).
            Select "where" => fn select[x](x1: arr, x2: arr) -> one;
            /// Index (`int64`) of the first maximum/minimum along `axis`; a NaN counts as the
            /// extremum (NumPy's rule). Validate with [`check::arg_reduce`](crate::check::arg_reduce).
            ArgReduce "arg_reduce" => fn arg_reduce[x](op: [$crate::ArgReduceOp], axis: [usize], keepdims: [bool]) -> one;
            /// `where(cond, x1, x2)` with `self` as the boolean condition. Either branch may be a
            /// scalar, which takes the other branch's dtype; at least one must be an array.
            Where "where" => fn where_[x](x1: opd, x2: opd) -> one = searching::where_;
            /// Index of the maximum along `axis` (`None`: of the flattened array).
            Argmax "argmax" => fn argmax[x](axis: [Option<isize>], keepdims: [bool]) -> one = searching::argmax;
            /// Index of the minimum along `axis` (`None`: of the flattened array).
            Argmin "argmin" => fn argmin[x](axis: [Option<isize>], keepdims: [bool]) -> one = searching::argmin;
            /// The number of non-zero elements over `axes` (`int64`).
            CountNonzero "count_nonzero" => fn count_nonzero[x](axes: axes, keepdims: [bool]) -> one = searching::count_nonzero;
            /// The indices (`int64`) of the non-zero elements, one 1-D array per dimension
            /// (a data-dependent shape).
            Nonzero "nonzero" => fn nonzero[x]() -> list = searching::nonzero;
            /// Where `values` would be inserted into this sorted 1-D array to keep it sorted
            /// (`int64`, `values`' shape): before equal elements with `Side::Left`, after them
            /// with `Side::Right`. `sorter` gives the order of an unsorted array.
            Searchsorted "searchsorted" => fn searchsorted[x](values: arr, side: [$crate::Side], sorter: opt_arr) -> one = searching::searchsorted;
        ] [$($rest),*] $cb }
    };
}
