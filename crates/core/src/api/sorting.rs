//! Sorting functions: `sort` and `argsort`.
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::sorting`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_sorting {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Sorted along `axis`, stably; NaN sorts last (as in NumPy), `descending` reverses the
            /// order of unequal elements only. The default runs on the host (a backend may
            /// override it with a device sort).
            Sort "sort" => fn sort[x](axis: [isize], descending: [bool]) -> one = sorting::sort;
            /// The indices (`int64`) that sort along `axis`, stably; see [`ArrayApi::sort`](crate::ArrayApi::sort).
            Argsort "argsort" => fn argsort[x](axis: [isize], descending: [bool]) -> one = sorting::argsort;
        ] [$($rest),*] $cb }
    };
}
