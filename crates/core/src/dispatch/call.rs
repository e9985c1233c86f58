//! A call to one array function, as a value; generated from the function table.

use crate::dispatch::{Array, Output};
use crate::error::{Error, Result};

macro_rules! call_types {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        /// One call of a public function: which function, with which arguments.
        ///
        /// This is what NumPy passes to `__array_function__` as `func`, `args` and
        /// `kwargs`. There is one variant per row of the function table
        /// ([`crate::for_each_function`]), with the method's parameters as fields (the
        /// receiver is `x`). The array fields are the *relevant arguments* dispatch looks
        /// at ([`Call::arrays`]); every other field is a plain parameter. A backend's
        /// [`crate::Backend::array_function`] receives it; a wrapper backend can rebuild
        /// it around other arrays with [`Call::with_arrays`] and run it again with
        /// [`Call::dispatch`], or run its default implementation with
        /// [`Call::run_default`].
        #[derive(Clone, Copy, Debug)]
        #[non_exhaustive]
        #[allow(missing_docs)]
        pub enum Call<$l> {
            $(
                #[doc = concat!("[`crate::ArrayApi::", stringify!($name), "`]")]
                $variant { $($recv: &$l Array,)? $($arg: call_ty!($l, $kind),)* },
            )*
        }

        /// Which function a [`Call`] is: one variant per row of the function table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[allow(missing_docs)]
        pub enum FunctionId {
            $(
                #[doc = concat!("[`crate::ArrayApi::", stringify!($name), "`]")]
                $variant,
            )*
        }

        impl FunctionId {
            /// Every function of the table, in table order.
            pub const ALL: &'static [FunctionId] = &[$(FunctionId::$variant),*];

            /// The standard's name of the function (`"mean"`; `"where"` for both
            /// `where_` and its primitive `select`; the op-generic primitives are
            /// `"unary"`, `"binary"`, ...: a [`Call`] names their op instead).
            #[inline]
            pub fn name(self) -> &'static str {
                match self {
                    $(FunctionId::$variant => $fname,)*
                }
            }

            /// The name of the Rust method in [`crate::ArrayApi`] and [`crate::Backend`]
            /// (`"where_"`, `"sum_as"`): unique per function.
            pub fn method(self) -> &'static str {
                match self {
                    $(FunctionId::$variant => stringify!($name),)*
                }
            }

            /// `true` for a required primitive of [`crate::Backend`] (no default).
            pub fn is_required(self) -> bool {
                match self {
                    $(FunctionId::$variant => call_types!(@required $($fam)?),)*
                }
            }
        }

        impl<$l> Call<$l> {
            /// Which function this is.
            #[inline]
            pub fn id(&self) -> FunctionId {
                match self {
                    $(Call::$variant { .. } => FunctionId::$variant,)*
                }
            }

            /// The relevant array arguments, in argument order.
            #[inline]
            #[allow(unused_variables)]
            pub fn arrays(&self) -> CallArrays<$l> {
                let mut v = CallArrays::default();
                match *self {
                    $(Call::$variant { $($recv,)? $($arg,)* } => {
                        $(v.push($recv);)?
                        $(push_arrays!(v, $kind, $arg);)*
                    })*
                }
                v
            }

            /// The same call with its array arguments replaced, in order, by `arrays`
            /// (which must have [`Call::num_arrays`] elements). This is how a wrapper
            /// backend unwraps its arguments and re-dispatches to the arrays it wraps.
            #[allow(unused_variables)]
            pub fn with_arrays<'b>(&self, arrays: &'b [Array]) -> Result<Call<'b>>
            where
                $l: 'b,
            {
                let mismatch = || {
                    let reason = format!("with_arrays got {} arrays for a call with {}", arrays.len(), self.num_arrays());
                    Error::invalid(self.name(), reason)
                };
                if arrays.len() != self.num_arrays() {
                    return Err(mismatch());
                }
                // With the count right every array is there; the cursor still answers
                // `None` rather than index out of range.
                let mut c = Cursor { arrays, used: 0 };
                let call = (|| {
                    Some(match *self {
                        $(Call::$variant { $($recv,)? $($arg,)* } => Call::$variant {
                            $($recv: c.next()?,)?
                            $($arg: replace_arrays!(c, $kind, $arg),)*
                        },)*
                    })
                })();
                call.ok_or_else(mismatch)
            }

            /// Runs the function's default implementation ([`crate::defaults`]) on these
            /// arguments, so that its parts are dispatched one by one; `None` for a
            /// required primitive, which has no default. A wrapper backend that wants
            /// the parts of a function (`sum` then `divide` for `mean`) rather than the
            /// whole uses this.
            #[allow(unused_variables)]
            pub fn run_default(&self) -> Option<Result<Output>> {
                match *self {
                    $(Call::$variant { $($recv,)? $($arg,)* } =>
                        call_types!(@default [$($fam :: $f)?] [$($recv)?] ($($arg : $kind),*) -> $ret),)*
                }
            }
        }
    };
    (@required) => { true };
    (@required $fam:ident) => { false };
    (@default [] [$($recv:ident)?] ($($arg:ident : $kind:tt),*) -> $ret:ident) => { None };
    (@default [$fam:ident :: $f:ident] [$($recv:ident)?] ($($arg:ident : $kind:tt),*) -> $ret:ident) => {
        Some($crate::defaults::$fam::$f($($recv,)? $(to_default!($kind, $arg)),*).map(|r| to_output!($ret, r)))
    };
}

crate::for_each_function!(call_types);

impl<'a> Call<'a> {
    /// The function's name as used in errors: the standard's (`"exp"`, `"mean"`); for the
    /// op-generic primitives, the op's (`unary` with `UnaryOp::Exp` is `"exp"`).
    #[inline]
    pub fn name(&self) -> &'static str {
        match self {
            Call::Unary { op, .. } => op.name(),
            Call::Binary { op, .. } | Call::BinaryScalar { op, .. } => op.name(),
            Call::Reduce { op, .. } => op.name(),
            Call::ArgReduce { op, .. } => op.name(),
            Call::Cumulative { op, .. } => op.name(),
            Call::Fused { op, .. } => op.name(),
            other => other.id().name(),
        }
    }

    /// The number of relevant array arguments.
    pub fn num_arrays(&self) -> usize {
        self.arrays().len()
    }

    /// Runs the call through the dispatch protocol (see [`crate::dispatch`]).
    #[inline]
    pub fn dispatch(&self) -> Result<Output> {
        super::protocol::dispatch(self)
    }
}

/// The relevant arrays of a [`Call`]: up to four positional arrays, then the elements of
/// a sequence argument (`concat`'s arrays). No row of the table has more than four
/// positional array parameters, or a positional one after a sequence (a test checks).
#[derive(Clone, Debug, Default)]
pub struct CallArrays<'a> {
    fixed: [Option<&'a Array>; 4],
    n_fixed: usize,
    next_fixed: usize,
    slice: std::slice::Iter<'a, Array>,
}

impl<'a> CallArrays<'a> {
    #[inline]
    pub(crate) fn push(&mut self, a: &'a Array) {
        if let Some(slot) = self.fixed.get_mut(self.n_fixed) {
            *slot = Some(a);
            self.n_fixed += 1;
        }
    }

    #[inline]
    pub(crate) fn extend(&mut self, arrays: &'a [Array]) {
        self.slice = arrays.iter();
    }
}

impl<'a> Iterator for CallArrays<'a> {
    type Item = &'a Array;

    #[inline]
    fn next(&mut self) -> Option<&'a Array> {
        if self.next_fixed < self.n_fixed {
            let a = self.fixed[self.next_fixed];
            self.next_fixed += 1;
            return a;
        }
        self.slice.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.n_fixed - self.next_fixed + self.slice.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for CallArrays<'_> {}

/// Hands out the replacement arrays of [`Call::with_arrays`] in order.
struct Cursor<'b> {
    arrays: &'b [Array],
    used: usize,
}

impl<'b> Cursor<'b> {
    fn slice(&mut self, n: usize) -> Option<&'b [Array]> {
        let s = self.arrays.get(self.used..self.used.checked_add(n)?)?;
        self.used += n;
        Some(s)
    }

    fn next(&mut self) -> Option<&'b Array> {
        self.slice(1)?.first()
    }
}
