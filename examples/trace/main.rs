//! Profiles one training step of the ensemble trainer by running it on `Traced` arrays
//! over the ndarray backend: the trainer is unchanged, the wrapper sees every array
//! function it calls. The step is shown twice: as the whole functions the trainer calls
//! (each one dispatched call), and as the primitives their default implementations are
//! made of (what a wrapper that asks for the default implementation sees).
//!
//! Run: `cargo run --release --example trace` (the demo's SELU configuration) or
//! `cargo run --release --example trace -- ens-1d [K N H]` (the benchmark workload: ReLU,
//! beta 3, Adam 0.01; by default 40 members, 64 points of sin(3x), hidden width 20).

mod backend;

use std::collections::BTreeMap;
use std::time::Duration;

use arrayapi::ensemble::{
    Activation, AdamConfig, DataKind, Dataset, Ensemble, EnsembleConfig, Perturbation, PriorSpec, TrainData,
};
use arrayapi::{Array, ArrayApi};
use backend::{set_view, take_log, Record, Traced, TracedNs, View};

/// The demo's allocator, so the profile shows the demo's costs (see `examples/ensemble`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let xp = TracedNs::over(arrayapi::ndarray::namespace());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ens_1d = args.first().map(String::as_str) == Some("ens-1d");
    let (data, config) = if ens_1d {
        let size = |i: usize, default: usize| -> Result<usize, String> {
            args.get(i).map_or(Ok(default), |s| s.parse().map_err(|_| format!("expected a size, got {s:?}")))
        };
        let (k, n, h) = (size(1, 40)?, size(2, 64)?, size(3, 20)?);
        let config = EnsembleConfig {
            members: k,
            layers: vec![1, h, h, 1],
            activation: Activation::Relu,
            prior: PriorSpec::RandomMlp { beta: 3.0 },
            perturbation: Perturbation::Bootstrap,
            adam: AdamConfig { lr: 0.01, ..Default::default() },
            ..Default::default()
        };
        (Dataset::generate(DataKind::Sin, Some(n), 0)?, config)
    } else {
        (Dataset::generate(DataKind::Gap, None, 0)?, EnsembleConfig::default())
    };
    let mut ensemble = Ensemble::<Array>::new(&xp, &config, &TrainData::new(data.x.clone(), data.y.clone())?)?;
    for _ in 0..20 {
        ensemble.step()?; // warm up
    }
    let steps = 50;
    for (view, title) in [(View::Whole, "whole functions"), (View::Primitives, "primitives of their defaults")] {
        set_view(view);
        take_log();
        for _ in 0..steps {
            ensemble.step()?;
        }
        report(title, &take_log(), steps, &config, data.x.len());
    }
    set_view(View::Whole);

    // Mixed arguments dispatch to the wrapper, whatever their order.
    let plain = arrayapi::ndarray::namespace().ones(&[2], arrayapi::DType::Float32)?;
    let traced = xp.ones(&[2], arrayapi::DType::Float32)?;
    let sum = plain.add(&traced)?;
    println!(
        "\nplain + traced -> {} array; calls seen: {:?}",
        sum.backend_name(),
        take_log().iter().map(|r| r.func).collect::<Vec<_>>()
    );
    assert!(sum.is::<Traced>());
    Ok(())
}

/// Prints the calls of `steps` training steps, aggregated by function and argument shapes.
fn report(title: &str, log: &[Record], steps: usize, config: &EnsembleConfig, points: usize) {
    let mut by_call: BTreeMap<(&str, String), (usize, Duration)> = BTreeMap::new();
    for r in log {
        let shapes = r.shapes.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(" ");
        let e = by_call.entry((r.func, format!("{} {shapes}", r.dtype))).or_default();
        e.0 += 1;
        e.1 += r.elapsed;
    }
    let total: Duration = log.iter().map(|r| r.elapsed).sum();
    let mut rows: Vec<_> = by_call.into_iter().collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1 .1));
    println!(
        "one training step of {} members ({} layers, {points} points) as {title}, averaged over {steps} steps: {} array calls, {:.1} us in the backend\n",
        config.members,
        config.layers.len() - 1,
        log.len() / steps,
        total.as_secs_f64() * 1e6 / steps as f64
    );
    println!("{:<20} {:>6} {:>10} {:>7}  dtype, argument shapes", "function", "calls", "us/step", "share");
    for ((func, shapes), (calls, time)) in rows {
        let per_step = time.as_secs_f64() * 1e6 / steps as f64;
        let share = 100.0 * time.as_secs_f64() / total.as_secs_f64();
        println!("{func:<20} {:>6} {per_step:>10.1} {share:>6.1}%  {shapes}", calls / steps);
    }
    println!();
}
