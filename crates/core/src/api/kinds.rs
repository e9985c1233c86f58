//! How each kind of parameter in the function table becomes a type or a value in the
//! code the table generates.
//!
//! A row of the table (see [`crate::for_each_function`]) writes each parameter as
//! `name: kind`, where `kind` is one of:
//!
//! | kind | in the API (`Self` is the array type) | in a [`crate::Call`] | a relevant array? |
//! |---|---|---|---|
//! | `arr` | `&'a Self` | `&'a Array` | yes |
//! | `opt_arr` | `Option<&'a Self>` | `Option<&'a Array>` | when `Some` |
//! | `arrs` | `&'a [Self]` | `&'a [Array]` | each element |
//! | `refs` | `&'a [&'a Self]` | `&'a [Array]` | each element |
//! | `opd` | `impl Into<Operand<'a, Self>>` | `Operand<'a, Array>` | when an array |
//! | `opt_opd` | `Option<Operand<'a, Self>>` | `Option<Operand<'a, Array>>` | when an array |
//! | `axes` | `impl Into<Axes>` | `&'a Axes` | no |
//! | `sel` | `impl Into<Selection>` | `&'a Selection` | no |
//! | `scalar` | `impl Into<Scalar>` | `Scalar` | no |
//! | `[T]` | `T` | `T` | no |
//!
//! and each row's result is one of `one` (`Self`), `two` (`(Self, Self)`), `three`,
//! `list` (`Vec<Self>`) or `uall` ([`crate::UniqueAll`]).

/// The parameter's type in [`crate::ArrayApi`] and [`crate::Backend`].
macro_rules! user_ty {
    ($l:lifetime, arr) => { &$l Self };
    ($l:lifetime, opt_arr) => { Option<&$l Self> };
    ($l:lifetime, arrs) => { &$l [Self] };
    ($l:lifetime, refs) => { &$l [&$l Self] };
    ($l:lifetime, opd) => { impl Into<$crate::Operand<$l, Self>> };
    ($l:lifetime, opt_opd) => { Option<$crate::Operand<$l, Self>> };
    ($l:lifetime, axes) => { impl Into<$crate::Axes> };
    ($l:lifetime, sel) => { impl Into<$crate::Selection> };
    ($l:lifetime, scalar) => { impl Into<$crate::Scalar> };
    ($l:lifetime, [$t:ty]) => { $t };
}

/// The result type (inside `Result`).
macro_rules! ret_ty {
    (one) => { Self };
    (two) => { (Self, Self) };
    (three) => { (Self, Self, Self) };
    (list) => { Vec<Self> };
    (uall) => { $crate::UniqueAll<Self> };
}

/// The parameter's field type in [`crate::Call`].
macro_rules! call_ty {
    ($l:lifetime, arr) => { &$l $crate::Array };
    ($l:lifetime, opt_arr) => { Option<&$l $crate::Array> };
    ($l:lifetime, arrs) => { &$l [$crate::Array] };
    ($l:lifetime, refs) => { &$l [$crate::Array] };
    ($l:lifetime, opd) => { $crate::Operand<$l, $crate::Array> };
    ($l:lifetime, opt_opd) => { Option<$crate::Operand<$l, $crate::Array>> };
    ($l:lifetime, axes) => { &$l $crate::Axes };
    ($l:lifetime, sel) => { &$l $crate::Selection };
    ($l:lifetime, scalar) => { $crate::Scalar };
    ($l:lifetime, [$t:ty]) => { $t };
}

/// The dynamic `Array`'s argument as a [`crate::Call`] field (temporaries live until the
/// end of the statement that dispatches the call).
macro_rules! to_call {
    (refs, $x:ident) => {
        &$x.iter().map(|a| (*a).clone()).collect::<Vec<$crate::Array>>()
    };
    (opd, $x:ident) => {
        $x.into()
    };
    (axes, $x:ident) => {
        &$x.into()
    };
    (sel, $x:ident) => {
        &$x.into()
    };
    (scalar, $x:ident) => {
        $x.into()
    };
    ($kind:tt, $x:ident) => {
        $x
    };
}

/// Whether the relevant arrays of one [`crate::Call`] field are all of `first`'s backend
/// type.
macro_rules! same_backend {
    (arr, $x:ident, $first:expr) => {
        $x.same_type($first)
    };
    (opt_arr, $x:ident, $first:expr) => {
        $x.is_none_or(|a| a.same_type($first))
    };
    (arrs, $x:ident, $first:expr) => {
        $x.iter().all(|a| a.same_type($first))
    };
    (refs, $x:ident, $first:expr) => {
        $x.iter().all(|a| a.same_type($first))
    };
    (opd, $x:ident, $first:expr) => {
        match $x {
            $crate::Operand::Array(a) => a.same_type($first),
            $crate::Operand::Scalar(_) => true,
        }
    };
    (opt_opd, $x:ident, $first:expr) => {
        match $x {
            Some($crate::Operand::Array(a)) => a.same_type($first),
            _ => true,
        }
    };
    ($kind:tt, $x:ident, $first:expr) => {
        true
    };
}

/// Pushes the relevant arrays of one field onto a [`crate::dispatch::CallArrays`].
macro_rules! push_arrays {
    ($v:ident, arr, $x:ident) => {
        $v.push($x)
    };
    ($v:ident, opt_arr, $x:ident) => {
        if let Some(a) = $x {
            $v.push(a)
        }
    };
    ($v:ident, arrs, $x:ident) => {
        $v.extend($x)
    };
    ($v:ident, refs, $x:ident) => {
        $v.extend($x)
    };
    ($v:ident, opd, $x:ident) => {
        if let $crate::Operand::Array(a) = $x {
            $v.push(a)
        }
    };
    ($v:ident, opt_opd, $x:ident) => {
        if let Some($crate::Operand::Array(a)) = $x {
            $v.push(a)
        }
    };
    ($v:ident, $kind:tt, $x:ident) => {
        let _ = $x;
    };
}

/// One field of [`crate::Call::with_arrays`]: its arrays replaced from the cursor `c`.
macro_rules! replace_arrays {
    ($c:ident, arr, $x:ident) => {
        $c.next()?
    };
    ($c:ident, opt_arr, $x:ident) => {
        match $x {
            Some(_) => Some($c.next()?),
            None => None,
        }
    };
    ($c:ident, arrs, $x:ident) => {
        $c.slice($x.len())?
    };
    ($c:ident, refs, $x:ident) => {
        $c.slice($x.len())?
    };
    ($c:ident, opd, $x:ident) => {
        match $x {
            $crate::Operand::Array(_) => $crate::Operand::Array($c.next()?),
            $crate::Operand::Scalar(s) => $crate::Operand::Scalar(s),
        }
    };
    ($c:ident, opt_opd, $x:ident) => {
        match $x {
            Some($crate::Operand::Array(_)) => Some($crate::Operand::Array($c.next()?)),
            other => other,
        }
    };
    ($c:ident, $kind:tt, $x:ident) => {
        $x
    };
}

/// A [`crate::Call`] field as backend `B`'s argument, or `None` (from the enclosing
/// function) when an array in it is not a `B`.
macro_rules! to_backend {
    ($b:ident, $this:ident, arr, $x:ident) => {
        $crate::dispatch::typed::<$b>($this, $x)?
    };
    ($b:ident, $this:ident, opt_arr, $x:ident) => {
        match $x {
            Some(a) => Some($crate::dispatch::typed::<$b>($this, a)?),
            None => None,
        }
    };
    ($b:ident, $this:ident, arrs, $x:ident) => {
        &$x.iter().map(|a| a.downcast_ref::<$b>().cloned()).collect::<Option<Vec<$b>>>()?
    };
    ($b:ident, $this:ident, refs, $x:ident) => {
        &$x.iter().map(|a| a.downcast_ref::<$b>()).collect::<Option<Vec<&$b>>>()?
    };
    ($b:ident, $this:ident, opd, $x:ident) => {
        match $x {
            $crate::Operand::Array(a) => $crate::Operand::Array($crate::dispatch::typed::<$b>($this, a)?),
            $crate::Operand::Scalar(s) => $crate::Operand::<$b>::Scalar(s),
        }
    };
    ($b:ident, $this:ident, opt_opd, $x:ident) => {
        match $x {
            Some($crate::Operand::Array(a)) => Some($crate::Operand::Array($crate::dispatch::typed::<$b>($this, a)?)),
            Some($crate::Operand::Scalar(s)) => Some($crate::Operand::<$b>::Scalar(s)),
            None => None,
        }
    };
    ($b:ident, $this:ident, axes, $x:ident) => {
        $x.clone()
    };
    ($b:ident, $this:ident, sel, $x:ident) => {
        $x.clone()
    };
    ($b:ident, $this:ident, $kind:tt, $x:ident) => {
        $x
    };
}

/// Records the devices of one backend argument (the default handler checks that a
/// call's arrays share a device).
macro_rules! see_devices {
    ($d:ident, $b:ident, arr, $x:ident) => {
        $d.see(<$b as $crate::Backend>::device($x))
    };
    ($d:ident, $b:ident, opt_arr, $x:ident) => {
        if let Some(a) = $x {
            $d.see(<$b as $crate::Backend>::device(a))
        }
    };
    ($d:ident, $b:ident, arrs, $x:ident) => {
        for a in $x.iter() {
            $d.see(<$b as $crate::Backend>::device(a))
        }
    };
    ($d:ident, $b:ident, refs, $x:ident) => {
        for a in $x.iter() {
            $d.see(<$b as $crate::Backend>::device(a))
        }
    };
    ($d:ident, $b:ident, opd, $x:ident) => {
        if let $crate::Operand::Array(a) = $x {
            $d.see(<$b as $crate::Backend>::device(a))
        }
    };
    ($d:ident, $b:ident, opt_opd, $x:ident) => {
        if let Some($crate::Operand::Array(a)) = $x {
            $d.see(<$b as $crate::Backend>::device(a))
        }
    };
    ($d:ident, $b:ident, $kind:tt, $x:ident) => {
        ()
    };
}

/// A [`crate::Call`] field as the argument of the default implementation run on
/// [`crate::Array`] itself.
macro_rules! to_default {
    (refs, $x:ident) => {
        &$x.iter().collect::<Vec<&$crate::Array>>()
    };
    (axes, $x:ident) => {
        $x.clone()
    };
    (sel, $x:ident) => {
        $x.clone()
    };
    ($kind:tt, $x:ident) => {
        $x
    };
}

/// A typed result as an [`crate::dispatch::Output`].
macro_rules! to_output {
    (one, $r:expr) => {
        $crate::dispatch::Output::One($crate::dispatch::IntoArray::into_array($r))
    };
    (two, $r:expr) => {{
        let (a, b) = $r;
        $crate::dispatch::Output::Two(Box::new((
            $crate::dispatch::IntoArray::into_array(a),
            $crate::dispatch::IntoArray::into_array(b),
        )))
    }};
    (three, $r:expr) => {{
        let (a, b, c) = $r;
        $crate::dispatch::Output::Three(Box::new((
            $crate::dispatch::IntoArray::into_array(a),
            $crate::dispatch::IntoArray::into_array(b),
            $crate::dispatch::IntoArray::into_array(c),
        )))
    }};
    (list, $r:expr) => {
        $crate::dispatch::Output::List($r.into_iter().map($crate::dispatch::IntoArray::into_array).collect())
    };
    (uall, $r:expr) => {{
        let u = $r;
        $crate::dispatch::Output::UniqueAll(Box::new($crate::UniqueAll {
            values: $crate::dispatch::IntoArray::into_array(u.values),
            indices: $crate::dispatch::IntoArray::into_array(u.indices),
            inverse_indices: $crate::dispatch::IntoArray::into_array(u.inverse_indices),
            counts: $crate::dispatch::IntoArray::into_array(u.counts),
        }))
    }};
}

/// An [`crate::dispatch::Output`] as the typed result (a typed error naming the call's
/// function if a handler returned the wrong number of arrays; the name is looked up only
/// then).
macro_rules! from_output {
    (one, $o:expr, $call:expr) => {
        match $o {
            $crate::dispatch::Output::One(a) => Ok(a),
            other => other.one($call.name()),
        }
    };
    (two, $o:expr, $call:expr) => {
        $o.two($call.name())
    };
    (three, $o:expr, $call:expr) => {
        $o.three($call.name())
    };
    (list, $o:expr, $call:expr) => {
        $o.list($call.name())
    };
    (uall, $o:expr, $call:expr) => {
        $o.unique_all($call.name())
    };
}
