//! Rust's operators on arrays, on every backend and on the dynamic `Array`: each against
//! values worked out by hand (not against the methods they call), scalars on both sides
//! of the non-commutative ones, `Result` chaining, and errors that name the function.

use arrayapi::candle::{CandleArray, CandleNamespace};
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{Array, ArrayApi, DType, Error, ErrorKind, Result};

fn f32s<A: ArrayApi>(ns: &A::Namespace, v: &[f32]) -> A {
    A::asarray(ns, v, &[v.len()]).unwrap()
}

fn i32s<A: ArrayApi>(ns: &A::Namespace, v: &[i32]) -> A {
    A::asarray(ns, v, &[v.len()]).unwrap()
}

macro_rules! operators_on {
    ($A:ty, $ns:expr) => {{
        let ns = $ns;
        let x = f32s::<$A>(&ns, &[1.0, -2.0, 3.5]);
        let y = f32s::<$A>(&ns, &[4.0, 0.5, -1.0]);
        let v = |r: Result<$A>| r.unwrap().to_vec::<f32>().unwrap();
        assert_eq!(v(&x + &y), vec![5.0, -1.5, 2.5]);
        assert_eq!(v(&x - &y), vec![-3.0, -2.5, 4.5]);
        assert_eq!(v(&x * &y), vec![4.0, -1.0, -3.5]);
        assert_eq!(v(&x / &y), vec![0.25, -4.0, -3.5]);
        // Python's %: the divisor's sign.
        assert_eq!(v(&x % &y), vec![1.0, 0.0, -0.5]);
        // Owned and mixed operands.
        assert_eq!(v(x.clone() + y.clone()), vec![5.0, -1.5, 2.5]);
        assert_eq!(v(x.clone() - &y), vec![-3.0, -2.5, 4.5]);
        assert_eq!(v(&x - y.clone()), vec![-3.0, -2.5, 4.5]);
        // Scalars on the right and, for the non-commutative ones, on the left.
        assert_eq!(v(&x + 1.0), vec![2.0, -1.0, 4.5]);
        assert_eq!(v(&x * 2.0f32), vec![2.0, -4.0, 7.0]);
        assert_eq!(v(&x - 1.0), vec![0.0, -3.0, 2.5]);
        assert_eq!(v(1.0 - &x), vec![0.0, 3.0, -2.5]);
        assert_eq!(v(1.0 / &y), vec![0.25, 2.0, -1.0]);
        assert_eq!(v(7.0 % &y), vec![3.0, 0.0, -0.0]);
        assert_eq!(v(2.0 * x.clone()), vec![2.0, -4.0, 7.0]);
        // Unary minus, signed zeros exactly.
        let z = f32s::<$A>(&ns, &[0.0, -0.0, 2.0]);
        let neg = (-&z).unwrap().to_vec::<f32>().unwrap();
        assert_eq!(neg.iter().map(|f| f.to_bits()).collect::<Vec<_>>(), [-0.0f32, 0.0, -2.0].map(f32::to_bits));
        // Chained through `Result`: (x * y + x) - 1, one `?` at the end.
        let chained = ((&x * &y) + &x).unwrap();
        assert_eq!(v(&chained - 1.0), vec![4.0, -4.0, -1.0]);
        assert_eq!(v(&x + (&y * 2.0)), vec![9.0, -1.0, 1.5]);

        // Integers: bitwise and shifts, with scalars.
        let a = i32s::<$A>(&ns, &[12, -7, 5]);
        let b = i32s::<$A>(&ns, &[10, 3, 1]);
        let w = |r: Result<$A>| r.unwrap().to_vec::<i32>().unwrap();
        assert_eq!(w(&a & &b), vec![8, 1, 1]);
        assert_eq!(w(&a | &b), vec![14, -5, 5]);
        assert_eq!(w(&a ^ &b), vec![6, -6, 4]);
        assert_eq!(w(&a << &b), vec![12288, -56, 10]);
        assert_eq!(w(&a >> &b), vec![0, -1, 2]);
        assert_eq!(w(&a & 6), vec![4, 0, 4]);
        assert_eq!(w(1 << &b), vec![1024, 8, 2]);
        assert_eq!(w(!&a), vec![-13, 6, -6]);
        assert_eq!(w(-&a), vec![-12, 7, -5]);
        assert_eq!(w(&a % &b), vec![2, 2, 0]);
        assert_eq!(w(-7 % &b), vec![3, 2, 0]);
        // `!` on bool is logical NOT.
        let m = <$A>::asarray(&ns, &[true, false], &[2]).unwrap();
        assert_eq!((!&m).unwrap().to_vec::<bool>().unwrap(), vec![false, true]);

        // Errors are typed and name the function, wherever they arise in a chain.
        let short = f32s::<$A>(&ns, &[1.0, 2.0]);
        let e = (&x + &short).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Shape, "{e}");
        assert!(e.to_string().starts_with("add"), "{e}");
        let e = ((&x + &short) * &y).unwrap_err();
        assert!(e.to_string().starts_with("add"), "the first error passes through: {e}");
        let e = (&x & &x).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DType, "{e}");
        assert!(e.to_string().contains("bitwise_and"), "{e}");
        // A scalar that does not fit the array's dtype.
        let e = (1000i32 - &i32s::<$A>(&ns, &[1]).astype(DType::Int16).unwrap()).unwrap();
        assert_eq!(e.to_vec::<i16>().unwrap(), vec![999]);
        let small = <$A>::asarray(&ns, &[1u8], &[1]).unwrap();
        let e = (300i32 - &small).unwrap_err();
        assert!(matches!(e, Error::ScalarCast { .. }), "{e:?}");
        assert!(e.to_string().contains("subtract"), "{e}");
    }};
}

#[test]
fn operators_on_the_ndarray_backend() {
    operators_on!(NdArray, NdNamespace);
}

#[test]
fn operators_on_the_candle_backend() {
    operators_on!(CandleArray, CandleNamespace::cpu());
}

#[test]
fn operators_on_the_dynamic_array() {
    operators_on!(Array, arrayapi::ndarray::namespace());
    operators_on!(Array, arrayapi::candle::namespace(arrayapi::Device::Cpu).unwrap());
}
