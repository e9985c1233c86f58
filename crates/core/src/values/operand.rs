//! `Operand`: an array or a scalar, for the functions the standard lets take either.

use crate::api::ArrayApi;
use crate::dtype::DType;
use crate::error::Result;
use crate::scalar::Scalar;

/// One operand of a binary function: an array, or a scalar that takes the array's dtype
/// (`x.add(1.0)`, `x.add(&y)`).
#[derive(Debug)]
pub enum Operand<'a, A> {
    /// An array.
    Array(&'a A),
    /// A scalar.
    Scalar(Scalar),
}

impl<A> Clone for Operand<'_, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A> Copy for Operand<'_, A> {}

impl<'a, A> From<&'a A> for Operand<'a, A> {
    fn from(a: &'a A) -> Self {
        Operand::Array(a)
    }
}

impl<A> From<Scalar> for Operand<'_, A> {
    fn from(s: Scalar) -> Self {
        Operand::Scalar(s)
    }
}

macro_rules! operand_from {
    ($($t:ty),*) => {$(
        impl<A> From<$t> for Operand<'_, A> {
            fn from(x: $t) -> Self {
                Operand::Scalar(Scalar::from(x))
            }
        }
    )*};
}

operand_from!(bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

/// A 0-d array of `dtype` in `ns` holding `s`, cast by the standard's scalar rule (an
/// error naming `func` where it does not fit): how a scalar operand meets a function that
/// needs arrays.
pub(crate) fn scalar_array<A: ArrayApi>(func: &'static str, s: Scalar, dtype: DType, ns: &A::Namespace) -> Result<A> {
    A::full(ns, &[], s.cast(func, dtype)?, dtype)
}
