//! Set functions: the four `unique_*` and `isin`.
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::sets`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_sets {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// The distinct values, sorted (each NaN distinct), flattened.
            UniqueValues "unique_values" => fn unique_values[x]() -> one = sets::unique_values;
            /// The distinct values and how often each occurs (`int64`).
            UniqueCounts "unique_counts" => fn unique_counts[x]() -> two = sets::unique_counts;
            /// The distinct values and, for every element, the index of its value (`int64`, this
            /// array's shape).
            UniqueInverse "unique_inverse" => fn unique_inverse[x]() -> two = sets::unique_inverse;
            /// Values, first indices, inverse indices and counts.
            UniqueAll "unique_all" => fn unique_all[x]() -> uall = sets::unique_all;
            /// Whether each element occurs in `test_elements` (`bool`, this array's shape);
            /// `invert` negates. NaN is in nothing.
            Isin "isin" => fn isin[x](test_elements: arr, invert: [bool]) -> one = sets::isin;
        ] [$($rest),*] $cb }
    };
}
