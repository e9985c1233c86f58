//! Functional updates: `x.at(index).set(values)`, in the spirit of JAX's `x.at[index]`.
//!
//! Arrays in arrayapi are values (as in JAX): `x.at(index).set(v)` returns a new array
//! and leaves `x` as it was, whatever else holds it. The in-place form,
//! [`ArrayApi::slice_assign`], writes into `x`'s own memory when nothing else shares it
//! (ndarray's copy-on-write) and is the same update otherwise; see docs/semantics.md.

use crate::api::ArrayApi;
use crate::error::Result;
use crate::operand::Operand;
use crate::ops::BinaryOp;
use crate::values::index::Selection;

/// What [`ArrayApi::at`] indexes: a basic index ([`s!`](crate::s)), a boolean mask
/// (`&mask`), or integer index arrays (`[&i, &j]`).
#[derive(Debug)]
pub enum Target<'a, A> {
    /// A basic index, as [`ArrayApi::slice`] takes.
    Slice(Selection),
    /// A boolean mask, as [`ArrayApi::mask`] takes.
    Mask(&'a A),
    /// Integer index arrays, as [`ArrayApi::index_arrays`] takes.
    Arrays(Vec<&'a A>),
}

impl<A> From<Selection> for Target<'_, A> {
    fn from(s: Selection) -> Self {
        Target::Slice(s)
    }
}

impl<'a, A> From<&'a A> for Target<'a, A> {
    fn from(mask: &'a A) -> Self {
        Target::Mask(mask)
    }
}

impl<'a, A, const N: usize> From<[&'a A; N]> for Target<'a, A> {
    fn from(arrays: [&'a A; N]) -> Self {
        Target::Arrays(arrays.to_vec())
    }
}

impl<'a, A> From<&[&'a A]> for Target<'a, A> {
    fn from(arrays: &[&'a A]) -> Self {
        Target::Arrays(arrays.to_vec())
    }
}

/// `x` at an index, for reading or for a functional update (see [`ArrayApi::at`]).
#[derive(Debug)]
pub struct At<'a, A> {
    x: &'a A,
    target: Target<'a, A>,
}

impl<'a, A: ArrayApi> At<'a, A> {
    pub(crate) fn new(x: &'a A, target: Target<'a, A>) -> Self {
        At { x, target }
    }

    /// `x[index]`.
    pub fn get(&self) -> Result<A> {
        match &self.target {
            Target::Slice(s) => self.x.slice(s),
            Target::Mask(m) => self.x.mask(m),
            Target::Arrays(a) => self.x.index_arrays(a),
        }
    }

    /// A new array: `x` with `x[index] = values` (`values` broadcasts to the shape of
    /// `x[index]` and converts to `x`'s dtype by the promotion rules). With integer index
    /// arrays that repeat a position, the last value wins (as in NumPy).
    pub fn set<'b>(&self, values: impl Into<Operand<'b, A>>) -> Result<A> {
        let values: Operand<'b, A> = values.into();
        match &self.target {
            Target::Slice(s) => self.x.slice_set(s, values),
            Target::Mask(_) | Target::Arrays(_) => {
                let positions = At::new(&crate::defaults::indexing::positions(self.x)?, self.target_ref()).get()?;
                self.x.put(&positions, values)
            }
        }
    }

    /// `x` with `x[index] += values` (NumPy's semantics: a position repeated in index
    /// arrays is updated once, not once per repetition as JAX's `.add` does).
    pub fn add<'b>(&self, values: impl Into<Operand<'b, A>>) -> Result<A> {
        self.apply(values.into(), BinaryOp::Add)
    }

    /// `x` with `x[index] -= values`.
    pub fn subtract<'b>(&self, values: impl Into<Operand<'b, A>>) -> Result<A> {
        self.apply(values.into(), BinaryOp::Subtract)
    }

    /// `x` with `x[index] *= values`.
    pub fn multiply<'b>(&self, values: impl Into<Operand<'b, A>>) -> Result<A> {
        self.apply(values.into(), BinaryOp::Multiply)
    }

    /// `x` with `x[index] /= values` (the quotient must keep `x`'s dtype: true division
    /// of an integer array is an error, as `/=` is in NumPy).
    pub fn divide<'b>(&self, values: impl Into<Operand<'b, A>>) -> Result<A> {
        self.apply(values.into(), BinaryOp::Divide)
    }

    /// `x` with `x[index] = minimum(x[index], values)`.
    pub fn min<'b>(&self, values: impl Into<Operand<'b, A>>) -> Result<A> {
        self.apply(values.into(), BinaryOp::Minimum)
    }

    /// `x` with `x[index] = maximum(x[index], values)`.
    pub fn max<'b>(&self, values: impl Into<Operand<'b, A>>) -> Result<A> {
        self.apply(values.into(), BinaryOp::Maximum)
    }

    fn apply(&self, values: Operand<'_, A>, op: BinaryOp) -> Result<A> {
        let updated = self.get()?.binary_operand(values, op)?;
        self.set(&updated)
    }

    fn target_ref(&self) -> Target<'a, A> {
        match &self.target {
            Target::Slice(s) => Target::Slice(s.clone()),
            Target::Mask(m) => Target::Mask(m),
            Target::Arrays(a) => Target::Arrays(a.clone()),
        }
    }
}
