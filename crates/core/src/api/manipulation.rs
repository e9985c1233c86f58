//! Shape manipulation: `reshape`, `permute_dims`, `broadcast_to`, `concat`, `stack`,
//! `flip`, `roll`, `tile`, ...
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::manipulation`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_manipulation {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Reshape to a fully resolved `shape` with the same element count, in row-major
            /// order. Validate with [`check::reshape`](crate::check::reshape).
            ReshapeExact "reshape" => fn reshape_exact[x](shape: [&'a [usize]]) -> one;
            /// Permutes the axes: output axis `i` is input axis `axes[i]`
            /// ([`check::permute_dims`](crate::check::permute_dims)).
            PermuteDims "permute_dims" => fn permute_dims[x](axes: [&'a [usize]]) -> one;
            /// Broadcasts to exactly `shape` ([`check::broadcast_to`](crate::check::broadcast_to)).
            BroadcastTo "broadcast_to" => fn broadcast_to[x](shape: [&'a [usize]]) -> one;
            /// Joins arrays along an existing, non-negative `axis`, promoting dtypes
            /// ([`check::concat`](crate::check::concat)).
            ConcatAxis "concat" => fn concat_axis[](arrays: arrs, axis: [usize]) -> one;
            /// Reshape; one dimension may be `-1` ("whatever fits").
            Reshape "reshape" => fn reshape[x](shape: [&'a [isize]]) -> one = manipulation::reshape;
            /// Swaps the last two axes (`ndim >= 2`).
            MatrixTranspose "matrix_transpose" => fn matrix_transpose[x]() -> one = manipulation::matrix_transpose;
            /// Inserts a length-1 axis at `axis` (in `[-ndim-1, ndim]`).
            ExpandDims "expand_dims" => fn expand_dims[x](axis: [isize]) -> one = manipulation::expand_dims;
            /// Removes length-1 `axes` (an axis whose length is not 1 is an error);
            /// `Axes::All` removes every length-1 axis, as NumPy's `squeeze()` does.
            Squeeze "squeeze" => fn squeeze[x](axes: axes) -> one = manipulation::squeeze;
            /// Broadcasts all arrays to their common shape.
            BroadcastArrays "broadcast_arrays" => fn broadcast_arrays[](arrays: arrs) -> list = manipulation::broadcast_arrays;
            /// Joins arrays along `axis` (`None`: flatten each first), promoting dtypes.
            Concat "concat" => fn concat[](arrays: arrs, axis: [Option<isize>]) -> one = manipulation::concat;
            /// Joins same-shaped arrays along a new `axis`.
            Stack "stack" => fn stack[](arrays: arrs, axis: [isize]) -> one = manipulation::stack;
            /// Reverses the order of elements along `axes`.
            Flip "flip" => fn flip[x](axes: axes) -> one = manipulation::flip;
            /// Moves axes `source` to positions `destination` (`moveaxis`); the other axes keep
            /// their order.
            Moveaxis "moveaxis" => fn moveaxis[x](source: [&'a [isize]], destination: [&'a [isize]]) -> one = manipulation::moveaxis;
            /// Rolls elements by `shift` along `axis` (`None`: of the flattened array, reshaped
            /// back): the element at `i` moves to `i + shift` (mod the length).
            Roll "roll" => fn roll[x](shift: [isize], axis: [Option<isize>]) -> one = manipulation::roll;
            /// Repeats each element `repeats` times along `axis` (`None`: of the flattened array).
            Repeat "repeat" => fn repeat[x](repeats: [usize], axis: [Option<isize>]) -> one = manipulation::repeat;
            /// Tiles the array `reps[i]` times along each axis (`tile`); shorter of shape and
            /// `reps` is padded with leading ones.
            Tile "tile" => fn tile[x](reps: [&'a [usize]]) -> one = manipulation::tile;
            /// Splits into the sub-arrays along `axis` (`unstack`).
            Unstack "unstack" => fn unstack[x](axis: [isize]) -> list = manipulation::unstack;
        ] [$($rest),*] $cb }
    };
}
