//! Indexing functions: basic indexing (`slice`, `slice_set`), boolean and integer-array
//! indexing (`mask`, `index_arrays`), `put`, `take` and `take_along_axis`.
//!
//! The user's spellings are [`s!`](crate::s) for a basic index and
//! [`ArrayApi::at`](crate::ArrayApi::at) for a functional update (see [`crate::api::at`]).
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
            /// Basic indexing, NumPy's `x[index]` with integers, slices (any step), `...` and
            /// new axes, built with [`s!`](crate::s): `x.slice(s![1..3, ..;2])` is
            /// `x[1:3, ::2]`. An out-of-range integer is
            /// [`Error::IndexOutOfBounds`](crate::Error::IndexOutOfBounds) naming the axis;
            /// slice bounds are clamped. Backends may return a view (ndarray and candle do).
            Slice "slice" => fn slice[x](index: sel) -> one = indexing::slice;
            /// NumPy's `x[index] = values` as a new array (JAX's `x.at[index].set(values)`):
            /// `values` (an array or scalar) broadcasts to the shape of `x.slice(index)` and
            /// must convert to `x`'s dtype by the promotion rules (no silent truncation).
            SliceSet "slice_set" => fn slice_set[x](index: sel, values: opd) -> one = indexing::slice_set;
            /// Boolean-array indexing, NumPy's `x[mask]`: `mask`'s shape is the leading part of
            /// `x`'s (a 0-d mask adds an axis); the result is the selected elements (or
            /// sub-arrays) in row-major order, shape `[count] + x.shape[mask.ndim..]`.
            Mask "mask" => fn mask[x](mask: arr) -> one = indexing::mask;
            /// Integer-array indexing, NumPy's `x[i, j]` with integer arrays `indices` (0-d
            /// for an integer) for the leading axes: they broadcast together, and the
            /// result has their broadcast shape followed by the axes not indexed. An index
            /// out of range is [`Error::IndexOutOfBounds`](crate::Error::IndexOutOfBounds)
            /// naming its axis.
            IndexArrays "index_arrays" => fn index_arrays[x](indices: refs) -> one = indexing::index_arrays;
            /// NumPy's `put` as a new array: the elements at flat (row-major) positions
            /// `indices` (negative from the end) replaced by `values`, which broadcast to
            /// `indices`' shape; a repeated position takes the last value.
            Put "put" => fn put[x](indices: arr, values: opd) -> one = indexing::put;
        ] [$($rest),*] $cb }
    };
}
