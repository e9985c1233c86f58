//! The dispatch algorithm (NEP 18) and the default handler of every backend.

use crate::api::ArrayApi;
use crate::backend::Backend;
use crate::check::same_device;
use crate::dispatch::{Array, Call, Output};
use crate::error::{Error, Result};

/// What a backend answers when asked to run a [`Call`].
#[derive(Debug)]
pub enum Outcome {
    /// The backend ran the call. An `Err` here is a real error (a bad shape, say): it
    /// stops the search and reaches the caller.
    Handled(Result<Output>),
    /// "Not mine": the backend does not handle this combination of arguments
    /// (NumPy's `NotImplemented`); the next backend is asked.
    NotImplemented,
}

/// Runs `call`: the NEP 18 protocol.
///
/// 1. The backends of the relevant arguments, each once, in argument order; a backend
///    that [takes precedence over](crate::Backend::takes_precedence_over) one already
///    listed is moved before it (NumPy's "subclasses before superclasses").
/// 2. Each is asked in turn; `NotImplemented` means "try the next".
/// 3. If none handles it: [`Error::NoImplementation`] naming the function and every
///    backend asked.
///
/// A call with no relevant arrays at all (`concat(&[])`, `meshgrid(&[])`) has no
/// backend to ask: its default implementation runs (which returns the empty result or
/// the function's own error), and a primitive reports that it needs an array.
pub(crate) fn dispatch(call: &Call<'_>) -> Result<Output> {
    let mut arrays = call.arrays();
    let Some(first) = arrays.next() else {
        return call
            .run_default()
            .unwrap_or_else(|| Err(Error::invalid(call.name(), "at least one array is required")));
    };
    // Fast path: every argument has one backend, the common case.
    if arrays.all(|a| a.same_type(first)) {
        return match first.object().array_function(call) {
            Outcome::Handled(r) => r,
            Outcome::NotImplemented => {
                Err(Error::NoImplementation { func: call.name(), backends: vec![first.backend_name()] })
            }
        };
    }
    let order = implementing_arrays(call);
    for candidate in &order {
        if let Outcome::Handled(r) = candidate.object().array_function(call) {
            return r;
        }
    }
    Err(Error::NoImplementation { func: call.name(), backends: order.iter().map(|a| a.backend_name()).collect() })
}

/// One representative argument per backend, in NEP 18 order.
fn implementing_arrays<'a>(call: &Call<'a>) -> Vec<&'a Array> {
    let mut order: Vec<&'a Array> = Vec::with_capacity(2);
    for a in call.arrays() {
        if order.iter().any(|o| o.same_type(a)) {
            continue;
        }
        match order.iter().position(|o| a.object().takes_precedence_over(o)) {
            Some(i) => order.insert(i, a),
            None => order.push(a),
        }
    }
    order
}

/// The default `array_function` of a backend `B` (NumPy's `ndarray.__array_function__`):
/// accepts the call only if every relevant argument is a `B`, checks that they share a
/// device, and runs `B`'s own method for the function: its override, or the default
/// implementation run statically on `B` (its parts are direct calls, not dispatched).
/// Backends that override [`Backend::array_function`] call this for the calls they do
/// not treat specially.
pub fn native_array_function<B: Backend>(call: &Call<'_>) -> Outcome {
    let mut arrays = call.arrays();
    let Some(first) = arrays.next() else {
        return Outcome::NotImplemented;
    };
    let Some(first) = first.downcast_ref::<B>() else {
        return Outcome::NotImplemented;
    };
    if arrays.len() > 0 {
        let device = first.device();
        for a in arrays {
            let Some(a) = a.downcast_ref::<B>() else {
                return Outcome::NotImplemented;
            };
            if let Err(e) = same_device(call.name(), device, a.device()) {
                return Outcome::Handled(Err(e));
            }
        }
    }
    match run_native::<B>(call) {
        Some(r) => Outcome::Handled(r),
        None => Outcome::NotImplemented,
    }
}

macro_rules! native_arms {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        /// `B`'s own method for `call`; `None` if an array argument is not a `B`.
        fn run_native<B: Backend>(call: &Call<'_>) -> Option<Result<Output>> {
            Some(match *call {
                $(Call::$variant { $($recv,)? $($arg,)* } => {
                    <B as Backend>::$name($($recv.downcast_ref::<B>()?,)? $(to_backend!(B, $kind, $arg)),*)
                        .map(|r| to_output!($ret, r))
                })*
            })
        }
    };
}

crate::for_each_function!(native_arms);
