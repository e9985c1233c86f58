//! The dispatch algorithm (NEP 18) and the default handler of every backend.

use crate::check::same_device;
use crate::dispatch::{Array, Call};
use crate::error::{Error, Result};
use crate::ArrayApi;

/// What a backend answers when asked to run a [`Call`].
#[derive(Debug)]
pub enum Outcome {
    /// The backend ran the call. An `Err` here is a real error (a bad shape, say): it
    /// stops the search and reaches the caller.
    Handled(Result<Array>),
    /// "Not mine": the backend does not handle this combination of arguments
    /// (NumPy's `NotImplemented`); the next backend is asked.
    NotImplemented,
}

/// Runs `call`: the NEP 18 protocol.
///
/// 1. The backends of the relevant arguments, each once, in argument order; a backend
///    that [takes precedence over](crate::ArrayApi::takes_precedence_over) one already
///    listed is moved before it (NumPy's "subclasses before superclasses").
/// 2. Each is asked in turn; `NotImplemented` means "try the next".
/// 3. If none handles it: [`Error::NoImplementation`] naming the function and every
///    backend asked.
pub(crate) fn dispatch(call: &Call<'_>) -> Result<Array> {
    let mut arrays = call.arrays();
    let Some(first) = arrays.next() else {
        return Err(Error::invalid(call.name(), "at least one array is required"));
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

/// The default `array_function` of a backend `A`: accepts the call only if every
/// relevant argument is an `A`, checks that they share a device, and runs `A`'s own
/// method. Backends that override [`ArrayApi::array_function`] can call this for the
/// calls they do not treat specially.
pub fn native_array_function<A: ArrayApi>(call: &Call<'_>) -> Outcome {
    macro_rules! get {
        ($a:expr) => {
            match $a.downcast_ref::<A>() {
                Some(x) => x,
                None => return Outcome::NotImplemented,
            }
        };
    }
    let result = match *call {
        Call::AsType { x, dtype } => get!(x).astype(dtype),
        Call::ToDevice { x, device } => get!(x).to_device(device),
        Call::Unary { x, op } => get!(x).unary(op),
        Call::Binary { x1, x2, op } => {
            let (a, b) = (get!(x1), get!(x2));
            same_device(call.name(), a.device(), b.device()).and_then(|()| a.binary(b, op))
        }
        Call::BinaryScalar { x, scalar, op, side } => get!(x).binary_scalar(scalar, op, side),
        Call::Where { cond, x1, x2 } => {
            let (c, a, b) = (get!(cond), get!(x1), get!(x2));
            same_device(call.name(), c.device(), a.device())
                .and_then(|()| same_device(call.name(), a.device(), b.device()))
                .and_then(|()| c.select(a, b))
        }
        Call::Reduce { x, op, axes, keepdims } => get!(x).reduce(op, axes, keepdims),
        Call::ArgReduce { x, op, axis, keepdims } => get!(x).arg_reduce(op, axis, keepdims),
        Call::Cumulative { x, op, axis, include_initial } => get!(x).cumulative(op, axis, include_initial),
        Call::Reshape { x, shape } => get!(x).reshape_exact(shape),
        Call::PermuteDims { x, axes } => get!(x).permute_dims(axes),
        Call::BroadcastTo { x, shape } => get!(x).broadcast_to(shape),
        Call::Concat { arrays, axis } => {
            let mut typed = Vec::with_capacity(arrays.len());
            for a in arrays {
                typed.push(get!(a).clone());
            }
            let devices = typed.windows(2).try_for_each(|w| same_device(call.name(), w[0].device(), w[1].device()));
            devices.and_then(|()| A::concat_axis(&typed, axis))
        }
        Call::Take { x, indices, axis } => {
            let (a, i) = (get!(x), get!(indices));
            same_device(call.name(), a.device(), i.device()).and_then(|()| a.take_axis(i, axis))
        }
        Call::Fused { op, args } => {
            let mut typed = Vec::with_capacity(args.len());
            for a in args {
                typed.push(get!(a));
            }
            let devices = typed.windows(2).try_for_each(|w| same_device(call.name(), w[0].device(), w[1].device()));
            devices.and_then(|()| A::fused(op, &typed))
        }
        Call::Matmul { x1, x2 } => {
            let (a, b) = (get!(x1), get!(x2));
            same_device(call.name(), a.device(), b.device()).and_then(|()| a.matmul(b))
        }
    };
    Outcome::Handled(result.map(Array::new))
}
