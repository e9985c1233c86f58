//! Element traits: how each Rust element type computes, with the standard's semantics
//! (integers wrap on overflow; floats follow IEEE 754, NaN propagates through
//! `maximum`/`minimum`).

use arrayapi_core::Element;
use num_traits::AsPrimitive;

use crate::storage::{Arr, Data};

/// An element type the backend stores (public but unreachable: it seals [`crate::NdElement`]).
pub trait Elem: Element + Default {
    /// Tags a typed array with its dtype.
    fn wrap(a: Arr<Self>) -> Data;
    /// The typed array, if `d` holds this type.
    fn unwrap(d: &Data) -> Option<&Arr<Self>>;
}

/// A numeric element type (every dtype but bool).
pub(crate) trait Num: Elem + AsPrimitive<f64> {
    const ZERO: Self;
    const ONE: Self;
    const IS_FLOAT: bool;
    /// The identity of `max` (-inf for floats).
    const LOWEST: Self;
    /// The identity of `min` (+inf for floats).
    const HIGHEST: Self;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    /// Floats only (the dtype rules keep integer `divide` from reaching here).
    fn div(self, o: Self) -> Self;
    fn pow(self, o: Self) -> Self;
    fn neg(self) -> Self;
    fn abs(self) -> Self;
    fn sign(self) -> Self;
    fn max_nan(self, o: Self) -> Self;
    fn min_nan(self, o: Self) -> Self;
    fn is_nan(self) -> bool;
    fn is_inf(self) -> bool;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn round(self) -> Self;
    fn is_negative(self) -> bool;
}

/// A floating-point element type.
pub(crate) trait Float: Num + num_traits::Float + ndarray::LinalgScalar {}
impl Float for f32 {}
impl Float for f64 {}

macro_rules! elem {
    ($t:ty, $v:ident) => {
        impl Elem for $t {
            fn wrap(a: Arr<Self>) -> Data {
                Data::$v(a)
            }
            fn unwrap(d: &Data) -> Option<&Arr<Self>> {
                match d {
                    Data::$v(a) => Some(a),
                    _ => None,
                }
            }
        }
    };
}

elem!(bool, Bool);
elem!(i8, I8);
elem!(i16, I16);
elem!(i32, I32);
elem!(i64, I64);
elem!(u8, U8);
elem!(u16, U16);
elem!(u32, U32);
elem!(u64, U64);
elem!(f32, F32);
elem!(f64, F64);

/// `base ** exp` by squaring, wrapping on overflow (exp >= 0).
fn wrapping_pow_u64<T: Copy>(mut base: T, mut exp: u64, one: T, mul: impl Fn(T, T) -> T) -> T {
    let mut acc = one;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul(acc, base);
        }
        exp >>= 1;
        if exp > 0 {
            base = mul(base, base);
        }
    }
    acc
}

macro_rules! int {
    ($t:ty, signed: $signed:tt) => {
        impl Num for $t {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            const IS_FLOAT: bool = false;
            const LOWEST: Self = <$t>::MIN;
            const HIGHEST: Self = <$t>::MAX;
            #[inline]
            fn add(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            #[inline]
            fn sub(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            #[inline]
            fn mul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            #[inline]
            fn div(self, o: Self) -> Self {
                self.checked_div(o).unwrap_or(0)
            }
            #[inline]
            fn pow(self, o: Self) -> Self {
                // Negative exponents are rejected before the kernel runs.
                wrapping_pow_u64(self, o.max(0) as u64, 1, |a: Self, b: Self| a.wrapping_mul(b))
            }
            #[inline]
            fn neg(self) -> Self {
                self.wrapping_neg()
            }
            #[inline]
            fn abs(self) -> Self {
                int!(@abs $signed, self)
            }
            #[inline]
            fn sign(self) -> Self {
                int!(@sign $signed, self)
            }
            #[inline]
            fn max_nan(self, o: Self) -> Self {
                if self >= o { self } else { o }
            }
            #[inline]
            fn min_nan(self, o: Self) -> Self {
                if self <= o { self } else { o }
            }
            #[inline]
            fn is_nan(self) -> bool {
                false
            }
            #[inline]
            fn is_inf(self) -> bool {
                false
            }
            #[inline]
            fn floor(self) -> Self {
                self
            }
            #[inline]
            fn ceil(self) -> Self {
                self
            }
            #[inline]
            fn round(self) -> Self {
                self
            }
            #[inline]
            #[allow(unused_comparisons)]
            fn is_negative(self) -> bool {
                self < 0
            }
        }
    };
    (@abs true, $x:expr) => { $x.wrapping_abs() };
    (@abs false, $x:expr) => { $x };
    (@sign true, $x:expr) => { $x.signum() };
    (@sign false, $x:expr) => { if $x > 0 { 1 } else { 0 } };
}

int!(i8, signed: true);
int!(i16, signed: true);
int!(i32, signed: true);
int!(i64, signed: true);
int!(u8, signed: false);
int!(u16, signed: false);
int!(u32, signed: false);
int!(u64, signed: false);

macro_rules! float {
    ($t:ty) => {
        impl Num for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            const IS_FLOAT: bool = true;
            const LOWEST: Self = <$t>::NEG_INFINITY;
            const HIGHEST: Self = <$t>::INFINITY;
            #[inline]
            fn add(self, o: Self) -> Self {
                self + o
            }
            #[inline]
            fn sub(self, o: Self) -> Self {
                self - o
            }
            #[inline]
            fn mul(self, o: Self) -> Self {
                self * o
            }
            #[inline]
            fn div(self, o: Self) -> Self {
                self / o
            }
            #[inline]
            fn pow(self, o: Self) -> Self {
                self.powf(o)
            }
            #[inline]
            fn neg(self) -> Self {
                -self
            }
            #[inline]
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            #[inline]
            fn sign(self) -> Self {
                if self > 0.0 {
                    1.0
                } else if self < 0.0 {
                    -1.0
                } else if self.is_nan() {
                    self
                } else {
                    0.0
                }
            }
            #[inline]
            fn max_nan(self, o: Self) -> Self {
                if self.is_nan() || o.is_nan() {
                    <$t>::NAN
                } else if self >= o {
                    self
                } else {
                    o
                }
            }
            #[inline]
            fn min_nan(self, o: Self) -> Self {
                if self.is_nan() || o.is_nan() {
                    <$t>::NAN
                } else if self <= o {
                    self
                } else {
                    o
                }
            }
            #[inline]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            #[inline]
            fn is_inf(self) -> bool {
                <$t>::is_infinite(self)
            }
            #[inline]
            fn floor(self) -> Self {
                <$t>::floor(self)
            }
            #[inline]
            fn ceil(self) -> Self {
                <$t>::ceil(self)
            }
            #[inline]
            fn round(self) -> Self {
                <$t>::round_ties_even(self)
            }
            #[inline]
            fn is_negative(self) -> bool {
                self < 0.0
            }
        }
    };
}

float!(f32);
float!(f64);
