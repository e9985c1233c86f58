//! What a dispatched call returns: one array, or the tuple or list some functions return.

use crate::backend::Backend;
use crate::dispatch::Array;
use crate::error::{Error, Result};
use crate::set::UniqueAll;

/// The result of a dispatched [`crate::Call`]: as many arrays as the function returns.
#[derive(Clone, Debug)]
pub enum Output {
    /// Most functions.
    One(Array),
    /// `unique_counts`, `unique_inverse`, `slogdet`, `qr`, `eigh` (boxed, as are the
    /// other multi-array results, so that the common one-array case stays small).
    Two(Box<(Array, Array)>),
    /// `svd`.
    Three(Box<(Array, Array, Array)>),
    /// `nonzero`, `unstack`, `broadcast_arrays`, `meshgrid`.
    List(Vec<Array>),
    /// `unique_all`.
    UniqueAll(Box<UniqueAll<Array>>),
}

impl Output {
    /// Applies `f` to every array (a wrapper re-wraps the arrays an inner backend
    /// returned).
    pub fn try_map(self, mut f: impl FnMut(Array) -> Result<Array>) -> Result<Output> {
        Ok(match self {
            Output::One(a) => Output::One(f(a)?),
            Output::Two(p) => {
                let (a, b) = *p;
                Output::Two(Box::new((f(a)?, f(b)?)))
            }
            Output::Three(p) => {
                let (a, b, c) = *p;
                Output::Three(Box::new((f(a)?, f(b)?, f(c)?)))
            }
            Output::List(v) => Output::List(v.into_iter().map(f).collect::<Result<_>>()?),
            Output::UniqueAll(u) => {
                let UniqueAll { values, indices, inverse_indices, counts } = *u;
                Output::UniqueAll(Box::new(UniqueAll {
                    values: f(values)?,
                    indices: f(indices)?,
                    inverse_indices: f(inverse_indices)?,
                    counts: f(counts)?,
                }))
            }
        })
    }

    fn arity(&self) -> &'static str {
        match self {
            Output::One(_) => "one array",
            Output::Two(..) => "two arrays",
            Output::Three(..) => "three arrays",
            Output::List(_) => "a list of arrays",
            Output::UniqueAll(_) => "unique_all's four arrays",
        }
    }

    fn wrong(&self, func: &'static str, expected: &str) -> Error {
        Error::Backend {
            func,
            backend: "array_function",
            message: format!("a handler returned {} where {expected} was expected", self.arity()),
        }
    }

    /// The one array (a typed error naming `func` otherwise).
    #[inline]
    pub fn one(self, func: &'static str) -> Result<Array> {
        match self {
            Output::One(a) => Ok(a),
            other => Err(other.wrong(func, "one array")),
        }
    }

    /// The two arrays.
    pub fn two(self, func: &'static str) -> Result<(Array, Array)> {
        match self {
            Output::Two(p) => Ok(*p),
            other => Err(other.wrong(func, "two arrays")),
        }
    }

    /// The three arrays.
    pub fn three(self, func: &'static str) -> Result<(Array, Array, Array)> {
        match self {
            Output::Three(p) => Ok(*p),
            other => Err(other.wrong(func, "three arrays")),
        }
    }

    /// The list.
    pub fn list(self, func: &'static str) -> Result<Vec<Array>> {
        match self {
            Output::List(v) => Ok(v),
            other => Err(other.wrong(func, "a list of arrays")),
        }
    }

    /// `unique_all`'s arrays.
    pub fn unique_all(self, func: &'static str) -> Result<UniqueAll<Array>> {
        match self {
            Output::UniqueAll(u) => Ok(*u),
            other => Err(other.wrong(func, "unique_all's four arrays")),
        }
    }
}

impl From<Array> for Output {
    fn from(a: Array) -> Self {
        Output::One(a)
    }
}

/// A backend's array (or an `Array`) as the dynamic `Array`, for [`Output`].
pub trait IntoArray {
    /// Wraps `self` ([`Array::new`]); an `Array` stays as it is.
    fn into_array(self) -> Array;
}

impl<B: Backend> IntoArray for B {
    #[inline]
    fn into_array(self) -> Array {
        Array::new(self)
    }
}

impl IntoArray for Array {
    #[inline]
    fn into_array(self) -> Array {
        self
    }
}
