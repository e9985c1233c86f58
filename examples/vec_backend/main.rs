//! A backend written from scratch (`backend.rs`; the program prints its line count) that implements only the
//! required primitives of the backend contract (`Backend`), runs the conformance suite, joins the dynamic
//! dispatch without any registration, and trains the unchanged ensemble trainer.
//!
//! Run: `cargo run --release --example vec_backend`

mod backend;

use arrayapi::ensemble::{evaluate, DataKind, Dataset, Ensemble, EnsembleConfig, Region, TrainData};
use arrayapi::{Array, ArrayApi, Namespace};
use arrayapi_testkit::{run_all, Verdict};
use backend::{VecArray, VecNamespace};

const SOURCE: &str = include_str!("backend.rs");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lines = SOURCE.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//")).count();
    println!("VecArray: a backend in {lines} lines of code (backend.rs, without blank lines and comments)\n");

    // 1. The conformance suite, statically and through the dynamic Array.
    for (path, verdicts) in [
        ("static  VecArray", run_all::<VecArray>(&VecNamespace, &[])),
        ("dynamic Array   ", run_all::<Array>(&Namespace::new::<VecArray>(VecNamespace), &[])),
    ] {
        let passed = verdicts.iter().filter(|(_, v)| *v == Verdict::Passed).count();
        let skipped = verdicts.iter().filter(|(_, v)| matches!(v, Verdict::Skipped(_))).count();
        let failed: Vec<_> = verdicts.iter().filter(|(_, v)| matches!(v, Verdict::Failed(_))).collect();
        println!(
            "conformance, {path}: {} checks, {passed} passed, {} failed, {skipped} skipped",
            verdicts.len(),
            failed.len()
        );
        for (name, verdict) in failed {
            println!("  FAILED {name}: {verdict:?}");
        }
    }

    // 2. The unchanged ensemble trainer on the new backend.
    let data = Dataset::generate(DataKind::Gap, None, 0)?;
    let config = EnsembleConfig { members: 8, ..Default::default() };
    let mut ensemble =
        Ensemble::<VecArray>::new(&VecNamespace, &config, &TrainData::new(data.x.clone(), data.y.clone())?)?;
    let start = std::time::Instant::now();
    let report = ensemble.train(300, 0, |_, _| Ok(()))?;
    let metrics = evaluate(&ensemble.predict(&data.grid)?, &data)?;
    let std = |r| metrics.region(r).map_or(f64::NAN, |m| m.mean_std);
    println!(
        "\nensemble of {} on VecArray: loss {:.3} -> {:.3} in 300 steps ({:.2} s); mean std on the data {:.3}, outside {:.3}",
        config.members,
        report.losses[0],
        report.final_loss,
        start.elapsed().as_secs_f64(),
        std(Region::Data),
        std(Region::Outside)
    );

    // 3. Mixed with another backend: NEP 18 finds no handler and says so.
    let mine = Array::new(VecArray::asarray(&VecNamespace, &[1.0f32, 2.0], &[2])?);
    let theirs = arrayapi::ndarray::namespace().asarray(&[1.0f32, 2.0], &[2])?;
    println!("\nVecArray + NdArray: {}", mine.add(&theirs).unwrap_err());
    println!(
        "after an explicit conversion: {:?}",
        mine.add(&theirs.to_namespace(&mine.namespace())?)?.to_vec::<f32>()?
    );
    Ok(())
}
