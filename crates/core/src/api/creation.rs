//! Creation functions that take an array: `zeros_like`, `full_like`, ..., `tril`, `triu`, `meshgrid`.
//!
//! The creation functions that take a namespace instead (`asarray`, `zeros`, `arange`,
//! `linspace`, `eye`, ...) are methods of [`crate::ArrayApi`] and [`crate::Namespace`]: they
//! dispatch on the namespace (NEP 35's `like=`), not on arrays.
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::creation`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_creation {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Zeros with this array's shape, dtype, backend and device.
            ZerosLike "zeros_like" => fn zeros_like[x]() -> one = creation::zeros_like;
            /// Ones with this array's shape, dtype, backend and device.
            OnesLike "ones_like" => fn ones_like[x]() -> one = creation::ones_like;
            /// `fill` with this array's shape, dtype, backend and device.
            FullLike "full_like" => fn full_like[x](fill: scalar) -> one = creation::full_like;
            /// [`ArrayApi::zeros_like`](crate::ArrayApi::zeros_like) (see [`ArrayApi::empty`](crate::ArrayApi::empty)).
            EmptyLike "empty_like" => fn empty_like[x]() -> one = creation::empty_like;
            /// The lower triangle of the last two axes, from diagonal `k` down; zeros above.
            Tril "tril" => fn tril[x](k: [isize]) -> one = creation::tril;
            /// The upper triangle of the last two axes, from diagonal `k` up; zeros below.
            Triu "triu" => fn triu[x](k: [isize]) -> one = creation::triu;
            /// Coordinate grids from 1-D arrays (`meshgrid`): `xy` indexing (`ij = false`) swaps the
            /// first two output axes, as in NumPy.
            Meshgrid "meshgrid" => fn meshgrid[](arrays: arrs, ij: [bool]) -> list = creation::meshgrid;
        ] [$($rest),*] $cb }
    };
}
