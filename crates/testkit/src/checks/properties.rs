//! Property-based checks: random shapes (including 0-d and zero-size dimensions) and
//! random values (including NaN, ±inf, ±0 and subnormals), compared with a reference
//! computed on the host. A fixed seed and a bounded number of cases keep runs
//! reproducible and fast; a failure reports the smallest case proptest found.

use arrayapi_core::{ArrayApi, Axes, BinaryOp, DType, Result};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::support::*;

const CASES: u32 = 48;

fn runner() -> TestRunner {
    let config = Config { cases: CASES, failure_persistence: None, ..Config::default() };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// Float data as an array of `dtype` (float64 or float32), made in that dtype.
fn float_array<A: ArrayApi>(ns: &A::Namespace, v: &[f64], shape: &[usize], dtype: DType) -> Result<A> {
    if dtype == DType::Float32 {
        A::asarray(ns, &v.iter().map(|&x| x as f32).collect::<Vec<f32>>(), shape)
    } else {
        A::asarray(ns, v, shape)
    }
}

/// Values the standard singles out, and ordinary ones.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -8.0f64..8.0,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(f64::MIN_POSITIVE / 4.0),
        1 => Just(1.0),
    ]
}

/// An output shape of 0 to 3 dimensions of length 0 to 3, and two operand shapes that
/// broadcast to it (leading dimensions dropped, some set to 1).
fn broadcast_pair() -> impl Strategy<Value = (Vec<usize>, Vec<usize>, Vec<usize>)> {
    prop::collection::vec(0usize..4, 0..4).prop_flat_map(|out| {
        let n = out.len();
        let operand = |out: Vec<usize>| {
            (0..=n, prop::collection::vec(any::<bool>(), n)).prop_map(move |(drop, ones)| {
                out.iter().enumerate().skip(drop).map(|(i, &d)| if ones[i] { 1 } else { d }).collect::<Vec<usize>>()
            })
        };
        (Just(out.clone()), operand(out.clone()), operand(out))
    })
}

/// The broadcast of two compatible shapes, by the standard's rule (independent of the
/// library's own implementation).
fn broadcast_reference(a: &[usize], b: &[usize]) -> Vec<usize> {
    let n = a.len().max(b.len());
    let get = |s: &[usize], i: usize| if i + s.len() >= n { s[i + s.len() - n] } else { 1 };
    (0..n).map(|i| if get(a, i) == 1 { get(b, i) } else { get(a, i) }).collect()
}

fn values(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(value(), n)
}

fn reference(op: BinaryOp, x: f64, y: f64) -> f64 {
    match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::Divide => x / y,
        BinaryOp::Maximum => {
            if x.is_nan() || y.is_nan() {
                f64::NAN
            } else {
                x.max(y)
            }
        }
        BinaryOp::Minimum => {
            if x.is_nan() || y.is_nan() {
                f64::NAN
            } else {
                x.min(y)
            }
        }
        BinaryOp::Equal => (x == y) as u8 as f64,
        BinaryOp::NotEqual => (x != y) as u8 as f64,
        BinaryOp::Less => (x < y) as u8 as f64,
        BinaryOp::LessEqual => (x <= y) as u8 as f64,
        BinaryOp::Greater => (x > y) as u8 as f64,
        _ => (x >= y) as u8 as f64,
    }
}

const OPS: [BinaryOp; 12] = [
    BinaryOp::Add,
    BinaryOp::Subtract,
    BinaryOp::Multiply,
    BinaryOp::Divide,
    BinaryOp::Maximum,
    BinaryOp::Minimum,
    BinaryOp::Equal,
    BinaryOp::NotEqual,
    BinaryOp::Less,
    BinaryOp::LessEqual,
    BinaryOp::Greater,
    BinaryOp::GreaterEqual,
];

/// Conformance check `binary_random_shapes_and_values`: every arithmetic and comparison
/// function on random broadcastable shapes and special values, float64 and float32,
/// against IEEE arithmetic on the host (exact: the standard leaves no rounding freedom).
pub fn binary_random_shapes_and_values<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let strategy = broadcast_pair().prop_flat_map(|(out, sa, sb)| {
        let (na, nb) = (sa.iter().product::<usize>(), sb.iter().product::<usize>());
        (Just(out), Just(sa), Just(sb), values(na), values(nb))
    });
    let result = runner().run(&strategy, |(_, sa, sb, va, vb)| {
        let out = broadcast_reference(&sa, &sb);
        for dtype in [DType::Float64, DType::Float32].into_iter().filter(|&d| stores::<A>(ns, d)) {
            let round = |v: &[f64]| -> Vec<f64> {
                v.iter().map(|&x| if dtype == DType::Float32 { x as f32 as f64 } else { x }).collect()
            };
            let (va, vb) = (round(&va), round(&vb));
            let x = float_array::<A>(ns, &va, &sa, dtype).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let y = float_array::<A>(ns, &vb, &sb, dtype).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for op in OPS {
                let got = x.binary(&y, op).map_err(|e| TestCaseError::fail(format!("{}: {e}", op.name())))?;
                prop_assert_eq!(got.shape(), out.as_slice(), "{} shape", op.name());
                let want: Vec<f64> = ref_binary(&va, &sa, &vb, &sb, &out, |p, q| {
                    let r = reference(op, p, q);
                    if dtype == DType::Float32 && !op.is_comparison() {
                        r as f32 as f64
                    } else {
                        r
                    }
                });
                let got = vals(&got);
                for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                    // Exact, signed zeros included, except the order of signed zeros in
                    // maximum and minimum, which the standard leaves unspecified.
                    let zeros_free = matches!(op, BinaryOp::Maximum | BinaryOp::Minimum) && *w == 0.0;
                    prop_assert!(
                        if zeros_free { *g == 0.0 } else { same_value(*g, *w, 0.0) },
                        "{} {dtype} {:?} {:?}: element {i} got {g}, want {w}",
                        op.name(),
                        sa,
                        sb
                    );
                }
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    Ok(())
}

/// A reduction's name, what the backend returned, and the expected values (`None`: it
/// must fail).
type Case<A> = (&'static str, Result<A>, Option<Vec<f64>>);

/// Conformance check `reductions_random_shapes_and_axes`: `sum`, `max`, `min` and
/// `mean` over random axes of random shapes (zero-size included: `max` must then refuse),
/// with and without `keepdims`, against host folds.
pub fn reductions_random_shapes_and_axes<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let strategy = prop::collection::vec(0usize..4, 0..4).prop_flat_map(|shape| {
        let n = shape.iter().product::<usize>();
        let nd = shape.len();
        (Just(shape), values(n), prop::collection::vec(any::<bool>(), nd), any::<bool>())
    });
    let dtype = widest_float::<A>(ns);
    // Float32 sums round at 2^-24 of their partial sums: its tolerance unit.
    let unit = if dtype == DType::Float64 { 1e-12 } else { 1e-6 };
    let result = runner().run(&strategy, |(shape, v, pick, keepdims)| {
        let axes: Vec<usize> = (0..shape.len()).filter(|&d| pick[d]).collect();
        let v: Vec<f64> = v.iter().map(|&x| if dtype == DType::Float32 { x as f32 as f64 } else { x }).collect();
        let x = float_array::<A>(ns, &v, &shape, dtype).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let kept: Vec<usize> = (0..shape.len()).filter(|d| !axes.contains(d)).collect();
        let out_shape: Vec<usize> = kept.iter().map(|&d| shape[d]).collect();
        let n_out: usize = out_shape.iter().product();
        let reduced: usize = axes.iter().map(|&a| shape[a]).product();
        let fold = |init: f64, f: &dyn Fn(f64, f64) -> f64| -> Vec<f64> {
            let mut acc = vec![init; n_out];
            for (i, &val) in v.iter().enumerate() {
                let idx = unravel(i, &shape);
                let o = kept.iter().fold(0, |o, &d| o * shape[d] + idx[d]);
                acc[o] = f(acc[o], val);
            }
            acc
        };
        let axes_arg = Axes::Many(axes.iter().map(|&a| a as isize).collect());
        let cases: [Case<A>; 4] = [
            ("sum", x.sum(axes_arg.clone(), keepdims), Some(fold(0.0, &|a, b| a + b))),
            (
                "max",
                x.max(axes_arg.clone(), keepdims),
                (reduced > 0).then(|| {
                    fold(f64::NEG_INFINITY, &|a, b| if a.is_nan() || b.is_nan() { f64::NAN } else { a.max(b) })
                }),
            ),
            (
                "min",
                x.min(axes_arg.clone(), keepdims),
                (reduced > 0)
                    .then(|| fold(f64::INFINITY, &|a, b| if a.is_nan() || b.is_nan() { f64::NAN } else { a.min(b) })),
            ),
            (
                "mean",
                x.mean(axes_arg.clone(), keepdims),
                Some(fold(0.0, &|a, b| a + b).iter().map(|s| s / reduced as f64).collect()),
            ),
        ];
        for (name, got, want) in cases {
            match (got, want) {
                (Ok(g), Some(w)) => {
                    let expect_shape: Vec<usize> = if keepdims {
                        (0..shape.len()).map(|d| if axes.contains(&d) { 1 } else { shape[d] }).collect()
                    } else {
                        out_shape.clone()
                    };
                    prop_assert_eq!(g.shape(), expect_shape.as_slice(), "{} shape", name);
                    for (i, (a, b)) in vals(&g).iter().zip(&w).enumerate() {
                        // Summation order is the backend's: allow rounding, not other values.
                        // (infinities and NaN by class: no tolerance reaches them).
                        let ok = near_value(*a, *b, 0.0, unit * (1.0 + b.abs()) * (reduced as f64));
                        prop_assert!(
                            ok,
                            "{} over {:?} of {:?}: element {} got {}, want {}",
                            name,
                            axes,
                            shape,
                            i,
                            a,
                            b
                        );
                    }
                }
                (Err(_), None) => {}
                (Ok(_), None) => prop_assert!(false, "{} over an empty axis of {:?} must be an error", name, shape),
                (Err(e), Some(_)) => prop_assert!(false, "{} over {:?} of {:?}: {}", name, axes, shape, e),
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    Ok(())
}
