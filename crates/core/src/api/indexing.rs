//! Indexing functions: `take` and `take_along_axis`.
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::indexing`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_indexing {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Selects entries along a non-negative `axis` by 1-D integer `indices` (negative
            /// indices count from the end; out of range is [`Error::IndexOutOfBounds`](crate::Error::IndexOutOfBounds)).
            /// Validate with [`check::take`](crate::check::take) and [`check::index`](crate::check::index).
            TakeAxis "take" => fn take_axis[x](indices: arr, axis: [usize]) -> one;
            /// Picks, along `axis`, the element each entry of `indices` names
            /// (`take_along_axis`): `indices` has this array's number of dimensions and
            /// broadcasts against it on every other axis. Composed from `take` on the flattened
            /// array, so it runs on every backend.
            TakeAlongAxis "take_along_axis" => fn take_along_axis[x](indices: arr, axis: [isize]) -> one = indexing::take_along_axis;
            /// Selects entries along `axis` by 1-D integer `indices` (`None`: 1-D input only).
            Take "take" => fn take[x](indices: arr, axis: [Option<isize>]) -> one = indexing::take;
        ] [$($rest),*] $cb }
    };
}
