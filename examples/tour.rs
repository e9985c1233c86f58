//! A short tour of arrayapi: one function written once against `ArrayApi`, run
//! statically and dynamically, the backend picked at run time, and NEP 18's rules shown
//! by what happens when things go wrong.
//!
//! Run: `cargo run --release --example tour`

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{Array, ArrayApi, Axes, DType, Namespace, Result};

/// Standardised two-layer network outputs for K ensemble members at once: written once,
/// generic over the backend. `x` is `[N, 1]`, `w1` is `[K, 1, H]`, `w2` is `[K, H, 1]`.
fn forward<A: ArrayApi>(x: &A, w1: &A, w2: &A) -> Result<A> {
    let h = x.matmul(w1)?.tanh()?; // [K, N, H]: one batched matmul for all K members
    let y = h.matmul(w2)?.squeeze(-1)?; // [K, N]
    let mean = y.mean(0, true)?;
    let std = y.std(0, 1.0, true)?.add(1e-6)?;
    y.subtract(&mean)?.divide(&std)
}

fn inputs<A: ArrayApi>(ns: &A::Namespace) -> Result<(A, A, A)> {
    let (k, n, h) = (4, 5, 3);
    let x = A::linspace(ns, -1.0, 1.0, n, true, DType::Float32)?.reshape(&[-1, 1])?;
    let w1 = A::arange(ns, 0.0, (k * h) as f64, 1.0, DType::Float32)?
        .multiply(0.1)?
        .reshape(&[k as isize, 1, h as isize])?;
    let w2 = A::ones(ns, &[k, h, 1], DType::Float32)?.divide(h as f64)?;
    Ok((x, w1, w2))
}

fn main() -> Result<()> {
    // 1. Static: monomorphised for the ndarray backend, no dispatch.
    let (x, w1, w2) = inputs::<NdArray>(&NdNamespace)?;
    let static_out = forward(&x, &w1, &w2)?;
    println!("static  ({}): shape {:?}, dtype {}", static_out.backend_name(), static_out.shape(), static_out.dtype());

    // 2. Dynamic: the backend is a run-time value (here from an environment variable);
    //    every call is dispatched on the arrays it receives (NEP 18).
    let backend = std::env::var("ARRAYAPI_BACKEND").unwrap_or_else(|_| "ndarray".into());
    let xp: Namespace = match backend.as_str() {
        "ndarray" => arrayapi::ndarray::namespace(),
        other => {
            eprintln!("unknown backend {other:?} (available: ndarray)");
            std::process::exit(2);
        }
    };
    let (x, w1, w2) = inputs::<Array>(&xp)?;
    let dynamic_out = forward(&x, &w1, &w2)?;
    println!(
        "dynamic ({}): shape {:?}, dtype {}",
        dynamic_out.backend_name(),
        dynamic_out.shape(),
        dynamic_out.dtype()
    );
    let same = static_out.to_vec::<f32>()? == dynamic_out.to_vec::<f32>()?;
    println!("static and dynamic results identical: {same}");
    let row: Vec<String> = dynamic_out.to_vec::<f32>()?[..5].iter().map(|v| format!("{v:+.3}")).collect();
    println!("member 0, standardised: [{}]", row.join(", "));

    // 3. NEP 35: create "like" an existing array; NEP 47: get its namespace.
    let z = Array::zeros(&dynamic_out.namespace(), &[2], DType::Int64)?;
    println!("zeros like the output: backend {}, device {}", z.backend_name(), z.device());

    // 4. Bad input is a typed error naming the function and what was wrong.
    println!("\nerrors:");
    let ints = xp.asarray(&[1i32, 2, 3], &[3])?;
    for e in [
        x.add(&w2).err(),
        ints.add(&xp.asarray(&[1.0f32, 2.0, 3.0], &[3])?).err(),
        ints.sin().err(),
        x.sum(Axes::One(2), false).err(),
        ints.add(0.5).err(),
        xp.zeros(&[usize::MAX, 2], DType::Float32).err(),
    ]
    .into_iter()
    .flatten()
    {
        println!("  {e}");
    }
    Ok(())
}
