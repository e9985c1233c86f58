//! Linear algebra: `matmul`, `tensordot`, `vecdot` and the standard's `linalg` extension.
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::linalg`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_linalg {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Matrix product with the standard's batching and broadcasting ([`check::matmul`](crate::check::matmul)).
            Matmul "matmul" => fn matmul[x](other: arr) -> one;
            /// The `offset`-th diagonal of the last two axes (`linalg.diagonal`): shape
            /// `[..., L]`.
            Diagonal "diagonal" => fn diagonal[x](offset: [isize]) -> one = linalg::diagonal;
            /// The sum of the `offset`-th diagonal of the last two axes (`linalg.trace`).
            Trace "trace" => fn trace[x](offset: [isize]) -> one = linalg::trace;
            /// The dot product of vectors along `axis` after broadcasting (`vecdot`).
            Vecdot "vecdot" => fn vecdot[x](other: arr, axis: [isize]) -> one = linalg::vecdot;
            /// The outer product of two vectors (`linalg.outer`): `[n] x [m] -> [n, m]`.
            Outer "outer" => fn outer[x](other: arr) -> one = linalg::outer;
            /// The `ord`-norm of vectors over `axes` (`linalg.vector_norm`): `ord` is `2.0` (the
            /// default in NumPy), `1.0`, `f64::INFINITY` (max |x|), `f64::NEG_INFINITY` (min |x|),
            /// `0.0` (the count of non-zeros) or any other `p` (`(sum |x|^p)^(1/p)`).
            VectorNorm "vector_norm" => fn vector_norm[x](axes: axes, keepdims: [bool], ord: [f64]) -> one = linalg::vector_norm;
            /// A matrix norm of the last two axes (`linalg.matrix_norm`): `"fro"`, `"1"`, `"-1"`
            /// (max/min absolute column sum), `"inf"`, `"-inf"` (max/min absolute row sum). The
            /// spectral (`2`) and nuclear norms need an SVD and are not provided.
            MatrixNorm "matrix_norm" => fn matrix_norm[x](ord: [&'a str], keepdims: [bool]) -> one = linalg::matrix_norm;
            /// Sums products over the last `axes` axes of `self` and the first `axes` of `other`
            /// (`tensordot` with an integer `axes`).
            Tensordot "tensordot" => fn tensordot[x](other: arr, axes: [usize]) -> one = linalg::tensordot;
            /// Sums products over `self`'s axes `a_axes` paired with `other`'s `b_axes`
            /// (`tensordot` with a pair of axis lists); the result has `self`'s free axes, then
            /// `other`'s. Composed from `permute_dims`, `reshape` and `matmul`.
            TensordotAxes "tensordot" => fn tensordot_axes[x](other: arr, a_axes: [&'a [isize]], b_axes: [&'a [isize]]) -> one = linalg::tensordot_axes;
            /// `linalg.det`: determinants of `[..., n, n]` float matrices.
            Det "det" => fn det[x]() -> one = linalg::det;
            /// `linalg.slogdet`: the sign and the natural log of the absolute determinant.
            Slogdet "slogdet" => fn slogdet[x]() -> two = linalg::slogdet;
            /// `linalg.inv`: matrix inverses; a singular matrix is an error.
            Inv "inv" => fn inv[x]() -> one = linalg::inv;
            /// `linalg.solve`: `self @ x = b` for `x`, batches broadcast; `b` is `[..., n, k]` or
            /// a vector `[n]`.
            Solve "solve" => fn solve[x](b: arr) -> one = linalg::solve;
            /// `linalg.cholesky`: the lower (or `upper`) Cholesky factor of symmetric
            /// positive-definite matrices.
            Cholesky "cholesky" => fn cholesky[x](upper: [bool]) -> one = linalg::cholesky;
            /// `linalg.qr` (reduced): `Q` with orthonormal columns and upper-triangular `R`.
            Qr "qr" => fn qr[x]() -> two = linalg::qr;
            /// `linalg.eigh`: eigenvalues (ascending, `[..., n]`) and eigenvectors (columns,
            /// `[..., n, n]`) of symmetric matrices (the lower triangle is read).
            Eigh "eigh" => fn eigh[x]() -> two = linalg::eigh;
            /// `linalg.eigvalsh`: the eigenvalues of symmetric matrices, ascending.
            Eigvalsh "eigvalsh" => fn eigvalsh[x]() -> one = linalg::eigvalsh;
            /// `linalg.svd` (reduced): `U` `[..., m, k]`, `S` `[..., k]` descending, `Vh`
            /// `[..., k, n]`, `k = min(m, n)`.
            Svd "svd" => fn svd[x]() -> three = linalg::svd;
            /// `linalg.svdvals`: singular values, descending.
            Svdvals "svdvals" => fn svdvals[x]() -> one = linalg::svdvals;
            /// `linalg.matrix_rank`: the number of singular values above `rtol` times the largest
            /// (default `max(m, n) * eps`), as `int64`.
            MatrixRank "matrix_rank" => fn matrix_rank[x](rtol: [Option<f64>]) -> one = linalg::matrix_rank;
            /// `linalg.pinv`: the pseudo-inverse, singular values at or below `rtol` times the
            /// largest treated as zero (default `max(m, n) * eps`).
            Pinv "pinv" => fn pinv[x](rtol: [Option<f64>]) -> one = linalg::pinv;
            /// `linalg.cross`: the cross product of 3-vectors along `axis` (broadcast).
            Cross "cross" => fn cross[x](other: arr, axis: [isize]) -> one = linalg::cross;
            /// `linalg.matrix_power`: `n` repeated matrix products (by squaring); `n < 0` inverts
            /// first, `n == 0` gives identities.
            MatrixPower "matrix_power" => fn matrix_power[x](n: [i64]) -> one = linalg::matrix_power;
        ] [$($rest),*] $cb }
    };
}
