//! A short tour of arrayapi: NumPy-style code (operators, slicing, printing, random
//! arrays) written once against `ArrayApi`, run statically and dynamically on every
//! backend, and NEP 18's rules shown by what happens when things go wrong.
//!
//! Run: `cargo run --release --example tour`

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::prelude::*;
use arrayapi::random::default_rng;

/// One gradient step of least squares, NumPy's `w -= lr * (x.T @ (x @ w - y)) / n`.
/// Operators work on concrete array types (`Array`, `NdArray`, `CandleArray`); generic
/// code uses the methods, as `standardize_generic` below does.
fn regression_step(x: &Array, y: &Array, w: &Array, lr: f64) -> Result<Array> {
    w - &(x.t()?.dot(&(x.dot(w) - y)?)? * (lr / x.shape()[0] as f64))?
}

/// Standardise each column, NumPy's `(x - x.mean(0)) / x.std(0)`.
fn standardize(x: &Array) -> Result<Array> {
    &(x - &x.mean(0, true)?)? / &x.std(0, 0.0, true)?
}

/// The same, generic over the backend (static or dynamic), with the methods.
fn standardize_generic<A: ArrayApi>(x: &A) -> Result<A> {
    x.subtract(&x.mean(0, true)?)?.divide(&x.std(0, 0.0, true)?)
}

/// Fits `y = 2 x0 - x1 + 0.5` by gradient descent, then slices, masks and updates the
/// data: the array object people write code with, on whichever backend `xp` is.
fn tour(xp: &Namespace) -> Result<Array> {
    let mut rng = default_rng(0);
    let x: Array = rng.normal(xp, 0.0, 1.0, &[64, 2], DType::Float64)?;
    let x = arrayapi::concat(&[standardize(&x)?, xp.ones(&[64, 1], DType::Float64)?], Some(1))?; // a bias column
    let y = x.dot(&xp.asarray(&[2.0, -1.0, 0.5], &[3, 1])?)?;
    let mut w = xp.zeros(&[3, 1], DType::Float64)?;
    for _ in 0..200 {
        w = regression_step(&x, &y, &w, 0.1)?;
    }
    println!("fitted weights (want 2, -1, 0.5): {}", w.t()?);
    // Slicing: the first three rows, every other column; the last row reversed.
    println!("x[:3, ::2] =\n{}", x.slice(s![..3, ..;2])?);
    println!("x[-1, ::-1] = {}", x.slice(s![-1, ..;-1])?);
    // A mask, and a functional update (x is unchanged; the update is a new array).
    let col = x.slice(s![.., 0])?;
    let negatives = col.mask(&col.less(0.0)?)?;
    println!(
        "{} of 64 rows have x0 < 0, the smallest {:.3}",
        negatives.size(),
        negatives.min(Axes::All, false)?.item::<f64>()?
    );
    let clipped = x.at(s![.., 0]).max(0.0)?; // x[:, 0] = maximum(x[:, 0], 0)
    println!("after the update, column 0's minimum is {}", clipped.slice(s![.., 0])?.min(Axes::All, false)?);
    println!("{:?}", x.slice(s![..2, ..])?);
    Ok(w)
}

fn main() -> Result<()> {
    // 1. Static: monomorphised for the ndarray backend, no dispatch.
    let x = NdArray::asarray(&NdNamespace, &[1.0f64, 2.0, 4.0, 8.0], &[4, 1])?;
    println!("static, ndarray: standardize([1, 2, 4, 8]) = {}", standardize_generic(&x)?.t()?);

    // 2. Dynamic: the backend is a run-time value; every call is dispatched on the arrays
    //    it receives (NEP 18). The same code runs on both backends.
    let mut backends = vec![("ndarray", arrayapi::ndarray::namespace())];
    #[cfg(feature = "candle")]
    backends.push(("candle", arrayapi::candle::namespace(Device::Cpu)?));
    let mut fitted = Vec::new();
    for (name, xp) in &backends {
        println!("\n== dynamic, {name} ==");
        fitted.push(tour(xp)?.to_vec::<f64>()?);
    }
    let gap = fitted.iter().flat_map(|w| w.iter().zip(&fitted[0]).map(|(p, q)| (p - q).abs())).fold(0.0, f64::max);
    println!("\nthe backends' weights differ by at most {gap:.1e}");
    let w_dynamic = Array::from(NdArray::from(fitted[0].clone()));
    let xp = &backends[0].1;

    // 3. NEP 35: create "like" an existing array; NEP 47: get its namespace.
    let z = Array::zeros(&w_dynamic.namespace(), &[2], DType::Int64)?;
    println!("zeros like the weights: backend {}, device {}, {z:?}", z.backend_name(), z.device());

    // 4. Bad input is a typed error naming the function and what was wrong.
    println!("\nerrors:");
    let x: Array = xp.asarray(&[1.0f32, 2.0, 3.0], &[3, 1])?;
    let ints: Array = xp.asarray(&[1i32, 2, 3], &[3])?;
    for e in [
        (&x + &xp.ones(&[2], DType::Float32)?).and_then(|y| &y + &xp.ones(&[4, 1, 1], DType::Float32)?).err(),
        (&ints + &xp.asarray(&[1.0f32, 2.0, 3.0], &[3])?).err(),
        ints.sin().err(),
        x.slice(s![.., 1]).err(),
        x.sum(Axes::One(2), false).err(),
        (&ints + 0.5f64).err(),
        ints.at(s![0]).set(2.5).err(),
        xp.zeros(&[usize::MAX, 2], DType::Float32).err(),
    ]
    .into_iter()
    .flatten()
    {
        println!("  {e}");
    }
    Ok(())
}
