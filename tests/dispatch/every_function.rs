//! Every function of the table is a dispatch point: generated from the table itself
//! (`arrayapi::for_each_function!`), one call per function through the dynamic `Array`
//! on traced arrays, and the wrapper must see exactly that function, whole (not its
//! parts). A function added to the table is called here without editing this file.

use std::collections::BTreeSet;

use arrayapi::{
    Activation, ArgReduceOp, Array, ArrayApi, Axes, BinaryOp, CumulativeOp, DType, Device, FunctionId, FusedOp,
    Operand, ReduceOp, Scalar, Side, UnaryOp,
};

use crate::backends::{set_view, take_ids, View};
use crate::traced;

/// A valid-looking value of each plain parameter type in the table. The call need not
/// succeed: the wrapper records it either way.
trait Sample<'a> {
    fn sample() -> Self;
}

macro_rules! samples {
    ($($t:ty => $v:expr),* $(,)?) => {$(
        impl<'a> Sample<'a> for $t {
            fn sample() -> Self {
                $v
            }
        }
    )*};
}

samples! {
    bool => false,
    usize => 1,
    isize => 0,
    i64 => 1,
    f64 => 0.5,
    Option<isize> => Some(0),
    Option<f64> => None,
    DType => DType::Float64,
    Device => Device::Cpu,
    UnaryOp => UnaryOp::Exp,
    BinaryOp => BinaryOp::Add,
    ReduceOp => ReduceOp::Sum,
    ArgReduceOp => ArgReduceOp::ArgMax,
    CumulativeOp => CumulativeOp::Sum,
    Side => Side::Left,
    FusedOp => FusedOp::Ema { beta: 0.9 },
    Activation => Activation::Relu,
    &'a [usize] => &[0],
    &'a [isize] => &[0],
    &'a str => "fro",
    Scalar => Scalar::Float(1.0),
}

/// The argument for one parameter kind, from a traced matrix `t`.
macro_rules! arg {
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, arr) => {
        $t
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, opt_arr) => {
        Some($t)
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, arrs) => {
        $list
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, refs) => {
        $refs
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, opd) => {
        $t
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, opt_opd) => {
        Some(Operand::Array($t))
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, axes) => {
        Axes::All
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, scalar) => {
        1.0
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, sel) => {
        arrayapi::s![0]
    };
    ($l:lifetime, $t:ident, $list:ident, $refs:ident, [$ty:ty]) => {
        <$ty as Sample<$l>>::sample()
    };
}

/// One call per row: `(the row's function, what the wrapper saw)`.
macro_rules! call_every_function {
    ($l:lifetime; $(
        $(#[$doc:meta])*
        $variant:ident $fname:literal => fn $name:ident [$($recv:ident)?] ($($arg:ident : $kind:tt),* $(,)?)
            -> $ret:ident $(= $fam:ident :: $f:ident)?;
    )*) => {
        fn call_every_function<$l>(t: &$l Array, list: &$l [Array], refs: &$l [&$l Array]) -> Vec<(FunctionId, Vec<FunctionId>)> {
            let mut seen = Vec::new();
            $(
                take_ids();
                let _ = call_every_function!(@call $l, t, list, refs, $name [$($recv)?] ($($kind),*));
                seen.push((FunctionId::$variant, take_ids()));
            )*
            seen
        }
    };
    (@call $l:lifetime, $t:ident, $list:ident, $refs:ident, $name:ident [$recv:ident] ($($kind:tt),*)) => {
        $t.$name($(arg!($l, $t, $list, $refs, $kind)),*)
    };
    (@call $l:lifetime, $t:ident, $list:ident, $refs:ident, $name:ident [] ($($kind:tt),*)) => {
        Array::$name($(arg!($l, $t, $list, $refs, $kind)),*)
    };
}

arrayapi::for_each_function!(call_every_function);

#[test]
fn the_wrapper_sees_every_function_whole() {
    set_view(View::Whole);
    let t = traced(crate::nd_array(&[4.0, 1.0, 1.0, 3.0], &[2, 2]).astype(DType::Float64).unwrap());
    let list = [t.clone(), t.clone()];
    let refs = [&t, &t];
    let seen = call_every_function(&t, &list, &refs);
    // Every function of the table was called, once each.
    let called: BTreeSet<FunctionId> = seen.iter().map(|(id, _)| *id).collect();
    assert_eq!(called, FunctionId::ALL.iter().copied().collect(), "a row was not called");
    assert_eq!(seen.len(), FunctionId::ALL.len());
    assert!(FunctionId::ALL.len() >= 150, "{} functions", FunctionId::ALL.len());
    for (id, ids) in &seen {
        assert_eq!(ids, &vec![*id], "{} ({}): the wrapper saw {ids:?}", id.method(), id.name());
    }
}

#[test]
fn with_the_default_implementation_the_wrapper_sees_the_parts() {
    // The same calls, the wrapper asking for each default: a function with a default is
    // never seen itself (its parts are), a required primitive always is.
    set_view(View::Primitives);
    let t = traced(crate::nd_array(&[4.0, 1.0, 1.0, 3.0], &[2, 2]).astype(DType::Float64).unwrap());
    let list = [t.clone(), t.clone()];
    let refs = [&t, &t];
    let seen = call_every_function(&t, &list, &refs);
    set_view(View::Whole);
    for (id, ids) in &seen {
        assert!(ids.iter().all(|i| i.is_required()), "{}: saw {ids:?}", id.method());
        if id.is_required() {
            assert_eq!(ids, &vec![*id], "{}", id.method());
        }
    }
    let mean = seen.iter().find(|(id, _)| *id == FunctionId::Mean).map(|(_, ids)| ids.clone());
    // `mean` is `sum` then a division by a scalar, and the scalar division's own default
    // makes the scalar an array (`full`, a namespace call) and divides.
    assert_eq!(mean, Some(vec![FunctionId::Reduce, FunctionId::Binary]));
}

#[test]
fn no_row_has_more_positional_arrays_than_a_call_holds() {
    // `CallArrays` holds four positional arrays: the widest row (adam_update) has four.
    let t = traced(crate::nd_array(&[1.0], &[1]));
    let call = arrayapi::Call::AdamUpdate {
        x: &t,
        grad: &t,
        m: &t,
        v: &t,
        beta1: 0.9,
        beta2: 0.999,
        lr: 0.1,
        bias_correction: 1.0,
        eps: 1e-8,
    };
    assert_eq!(call.num_arrays(), 4);
    assert_eq!(call.arrays().count(), 4);
}

#[test]
fn free_functions_and_operators_reach_the_tables_function() {
    set_view(View::Whole);
    let t = traced(crate::nd_array(&[4.0, 1.0], &[2]));
    take_ids();
    arrayapi::subtract(&t, &t).unwrap();
    arrayapi::remainder(&t, 2.0).unwrap();
    (&t * &t).unwrap();
    assert_eq!(take_ids(), vec![FunctionId::Subtract, FunctionId::Remainder, FunctionId::Multiply]);
    // A scalar on the left: `binary_scalar` (with `Side::Left`), or the function itself on
    // a 0-d array where the function has no `BinaryOp`.
    (1.0f64 - &t).unwrap();
    (7.0f64 % &t).unwrap();
    assert_eq!(take_ids(), vec![FunctionId::BinaryScalar, FunctionId::Remainder]);
}

#[test]
fn with_arrays_refuses_the_wrong_number_of_arrays() {
    let t = traced(crate::nd_array(&[1.0], &[1]));
    let call = arrayapi::Call::Matmul { x: &t, other: &t };
    for arrays in [vec![t.clone()], vec![t.clone(), t.clone(), t.clone()]] {
        let e = call.with_arrays(&arrays).unwrap_err();
        assert_eq!(e.kind(), arrayapi::ErrorKind::Value, "{e}");
        assert!(e.to_string().contains("matmul") && e.to_string().contains("a call with 2"), "{e}");
    }
    assert_eq!(call.with_arrays(&[t.clone(), t.clone()]).unwrap().num_arrays(), 2);
}
