//! Rust's operators on arrays: `&a + &b`, `&x * 2.0`, `1.0 - &x`, `-&x`, `!&mask`, ...
//!
//! Every operator returns `Result<A>`, as candle's do: a shape, dtype or device error is a
//! typed [`crate::Error`] naming the function (`add`), never a panic. The left operand may
//! also be a `Result<A>`, so an expression chains with one `?` at the end:
//! `((&x * &w) + &b)?` (Rust's orphan rule forbids `Result op Result` and
//! `Result op scalar`: give the inner result its own `?` there).
//!
//! | operator | function |
//! |---|---|
//! | `+ - * / %` | `add`, `subtract`, `multiply`, `divide`, `remainder` |
//! | `& \| ^ << >>` | `bitwise_and`, `bitwise_or`, `bitwise_xor`, `bitwise_left_shift`, `bitwise_right_shift` |
//! | unary `-`, `!` | `negative`, `bitwise_invert` (logical NOT on bool) |
//!
//! Scalars on either side take the array's dtype (the standard's rule; an out-of-range
//! scalar is an error); a scalar on the left goes through the free function
//! ([`crate::functions::subtract`], ...), which takes a scalar on either side. Comparisons return arrays, so they stay methods (`x.less(&y)`), as
//! in candle; the matrix product is `x.matmul(&y)`.
//!
//! [`crate::Array`] has them here; a backend's own array type gets them with one line in
//! its crate, `arrayapi_core::impl_operators!(MyArray);` (Rust's orphan rule keeps a
//! blanket impl over every backend out of reach).

/// Implements Rust's arithmetic and bitwise operators for an [`crate::ArrayApi`] type
/// defined in the calling crate (see [`crate::api::operators`]).
#[macro_export]
macro_rules! impl_operators {
    ($t:ty) => {
        $crate::__arrayapi_binop!($t, Add, add, add);
        $crate::__arrayapi_binop!($t, Sub, sub, subtract);
        $crate::__arrayapi_binop!($t, Mul, mul, multiply);
        $crate::__arrayapi_binop!($t, Div, div, divide);
        $crate::__arrayapi_binop!($t, Rem, rem, remainder);
        $crate::__arrayapi_binop!($t, BitAnd, bitand, bitwise_and);
        $crate::__arrayapi_binop!($t, BitOr, bitor, bitwise_or);
        $crate::__arrayapi_binop!($t, BitXor, bitxor, bitwise_xor);
        $crate::__arrayapi_binop!($t, Shl, shl, bitwise_left_shift);
        $crate::__arrayapi_binop!($t, Shr, shr, bitwise_right_shift);
        $crate::__arrayapi_unop!($t, Neg, neg, negative);
        $crate::__arrayapi_unop!($t, Not, not, bitwise_invert);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_binop {
    ($t:ty, $tr:ident, $m:ident, $api:ident) => {
        impl<'a, 'b> ::core::ops::$tr<&'b $t> for &'a $t {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: &'b $t) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(self, rhs)
            }
        }
        impl ::core::ops::$tr<$t> for $t {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: $t) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(&self, &rhs)
            }
        }
        impl<'b> ::core::ops::$tr<&'b $t> for $t {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: &'b $t) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(&self, rhs)
            }
        }
        impl<'a> ::core::ops::$tr<$t> for &'a $t {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: $t) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(self, &rhs)
            }
        }
        // A result on the left: its error passes through, named by the function that
        // made it.
        impl<'b> ::core::ops::$tr<&'b $t> for $crate::Result<$t> {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: &'b $t) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(&self?, rhs)
            }
        }
        impl ::core::ops::$tr<$t> for $crate::Result<$t> {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: $t) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(&self?, &rhs)
            }
        }
        // A result on the right of an array.
        impl<'a> ::core::ops::$tr<$crate::Result<$t>> for &'a $t {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: $crate::Result<$t>) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(self, &rhs?)
            }
        }
        $crate::__arrayapi_scalar_ops!($t, $tr, $m, $api; f32 f64 i8 i16 i32 i64 u8 u16 u32 u64 bool);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_scalar_ops {
    ($t:ty, $tr:ident, $m:ident, $api:ident; $($s:ty)*) => {$(
        impl<'a> ::core::ops::$tr<$s> for &'a $t {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: $s) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(self, rhs)
            }
        }
        impl ::core::ops::$tr<$s> for $t {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: $s) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(&self, rhs)
            }
        }
        // A scalar on the left: the free function, which takes a scalar on either side
        // (the scalar cast to the array's dtype by the standard's rule).
        impl<'b> ::core::ops::$tr<&'b $t> for $s {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: &'b $t) -> $crate::Result<$t> {
                $crate::functions::$api(self, rhs)
            }
        }
        impl ::core::ops::$tr<$t> for $s {
            type Output = $crate::Result<$t>;
            fn $m(self, rhs: $t) -> $crate::Result<$t> {
                ::core::ops::$tr::$m(self, &rhs)
            }
        }
    )*};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_unop {
    ($t:ty, $tr:ident, $m:ident, $api:ident) => {
        impl<'a> ::core::ops::$tr for &'a $t {
            type Output = $crate::Result<$t>;
            fn $m(self) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(self)
            }
        }
        impl ::core::ops::$tr for $t {
            type Output = $crate::Result<$t>;
            fn $m(self) -> $crate::Result<$t> {
                $crate::ArrayApi::$api(&self)
            }
        }
    };
}

crate::impl_operators!(crate::Array);
