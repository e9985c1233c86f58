//! The dispatch algorithm (NEP 18) and the default handler of every backend.

use crate::api::ArrayApi;
use crate::backend::Backend;
use crate::check::same_device;
use crate::device::Device;
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
        return dispatch_to(first, call);
    }
    let order = implementing_arrays(call);
    for candidate in &order {
        if let Outcome::Handled(r) = candidate.object().array_function(call) {
            return r;
        }
    }
    Err(Error::NoImplementation { func: call.name(), backends: order.iter().map(|a| a.backend_name()).collect() })
}

/// `call`, every relevant array of which is of `first`'s backend: that backend is the
/// only one to ask.
#[inline]
pub(crate) fn dispatch_to(first: &Array, call: &Call<'_>) -> Result<Output> {
    match first.object().array_function(call) {
        Outcome::Handled(r) => r,
        Outcome::NotImplemented => {
            Err(Error::NoImplementation { func: call.name(), backends: vec![first.backend_name()] })
        }
    }
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
    native_from::<B>(None, call)
}

/// [`native_array_function`] asked through one of the call's own arrays, `this` (the
/// default [`Backend::array_function`]): an argument that *is* `this` (the same object,
/// by address) needs no downcast.
#[inline]
pub(crate) fn native_from<B: Backend>(this: Option<&B>, call: &Call<'_>) -> Outcome {
    match run_native::<B>(this, call) {
        Some(r) => Outcome::Handled(r),
        None => Outcome::NotImplemented,
    }
}

/// `a`'s backend array if it is a `B`: `this` itself when `a` holds that very object,
/// else by downcasting.
#[inline]
pub(crate) fn typed<'a, B: Backend>(this: Option<&'a B>, a: &'a Array) -> Option<&'a B> {
    match this {
        Some(t) if std::ptr::addr_eq(a.addr(), t as *const B) => Some(t),
        _ => a.downcast_ref::<B>(),
    }
}

/// The devices of a call's arrays: the first, and the first that differs from it.
struct Devices {
    first: Option<Device>,
    other: Option<Device>,
}

impl Devices {
    #[inline]
    fn see(&mut self, d: Device) {
        match self.first {
            None => self.first = Some(d),
            Some(f) if f != d && self.other.is_none() => self.other = Some(d),
            Some(_) => {}
        }
    }

    #[inline]
    fn check(&self, func: &'static str) -> Result<()> {
        match (self.first, self.other) {
            (Some(a), Some(b)) => same_device(func, a, b),
            _ => Ok(()),
        }
    }
}

macro_rules! native_arms {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        /// `B`'s own method for `call`, after checking that the arrays share a device;
        /// `None` if an array argument is not a `B`.
        #[allow(clippy::let_unit_value, clippy::unit_arg)]
        fn run_native<B: Backend>(this: Option<&B>, call: &Call<'_>) -> Option<Result<Output>> {
            let mut devices = Devices { first: None, other: None };
            Some(match *call {
                $(Call::$variant { $($recv,)? $($arg,)* } => {
                    $(
                        let $recv = typed::<B>(this, $recv)?;
                        devices.see(<B as Backend>::device($recv));
                    )?
                    $(
                        let $arg = to_backend!(B, this, $kind, $arg);
                        see_devices!(devices, B, $kind, $arg);
                    )*
                    if let Err(e) = devices.check(call.name()) {
                        return Some(Err(e));
                    }
                    <B as Backend>::$name($($recv,)? $($arg),*).map(|r| to_output!($ret, r))
                })*
            })
        }
    };
}

crate::for_each_function!(native_arms);
