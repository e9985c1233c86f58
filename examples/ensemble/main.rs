//! The ensemble demo: 40 MLPs with randomized prior functions (Osband et al. 2018) in the
//! four settings of Christian Perone's animations, trained on a backend chosen at run
//! time, with animations, a summary plot and uncertainty metrics.
//!
//! ```text
//! cargo run --release --example ensemble                       # all four settings -> out/
//! cargo run --release --example ensemble -- --help             # every flag
//! cargo run --release --example ensemble -- --bench --data sin --points 64 --members 40 \
//!     --hidden 20,20 --activation relu --beta 3 --lr 0.01 --steps 2000 \
//!     --perturb bootstrap --settings prior-bootstrap             # the ens-1d benchmark
//! ```

mod cli;
mod plot;
mod report;
mod run;
mod scaling;
mod study;
mod study_plot;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use arrayapi::ensemble::Dataset;
use arrayapi::{Array, BackendNamespace};
use clap::Parser;
use indicatif::MultiProgress;

use cli::{Args, BackendArg, DispatchArg, Setting};

/// A training step allocates and frees arrays of a few hundred kilobytes dozens of times;
/// glibc's allocator hands such blocks back to the kernel and faults them in again on
/// every step (a third of the step's time at ens-1d), mimalloc keeps them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// MPI's world communicator (built with `mpi`, started with `--mpi`).
#[cfg(feature = "mpi")]
type World = arrayapi::distributed::mpi::Mpi;
/// Nothing: this build has no MPI.
#[cfg(not(feature = "mpi"))]
type World = std::convert::Infallible;

fn main() -> ExitCode {
    let args = Args::parse();
    #[cfg(feature = "mpi")]
    let world = match args.mpi.then(arrayapi::distributed::mpi::Mpi::init).transpose() {
        Ok(w) => w,
        Err(e) => {
            print_error(&format!("error: {e}"));
            return ExitCode::FAILURE;
        }
    };
    #[cfg(not(feature = "mpi"))]
    let world: Option<World> = None;
    // The error is printed while MPI is up: finalising it (when `world` drops, after
    // this) waits for every rank, so no rank exits, and has mpirun kill the others,
    // before they print.
    match run_demo(&args, world.as_ref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&format!("error: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Writes one line to stderr in one write: `eprintln!` writes each formatted piece
/// separately, and under `mpirun` the ranks' pieces interleave into one garbled line.
fn print_error(line: &str) {
    let _ = std::io::stderr().write_all(format!("{line}\n").as_bytes());
}

fn run_demo(args: &Args, #[allow(unused_variables)] world: Option<&World>) -> Result<(), String> {
    let ns = run::namespace(args.backend, args.device)?;
    let (backend, device) = (ns.backend_name(), device_label(args, &ns));
    let data = Dataset::generate(args.data, args.points.map(|p| p as usize), args.seed).map_err(|e| e.to_string())?;
    if args.bench {
        return bench(args, &ns, &data, backend, &device);
    }
    if args.study {
        return study(args);
    }
    #[cfg(feature = "mpi")]
    let comm = world;
    #[cfg(feature = "mpi")]
    let rank0 = comm.is_none_or(|c| arrayapi::distributed::Comm::rank(c) == 0);
    #[cfg(not(feature = "mpi"))]
    let rank0 = true;
    // With --devices, one namespace per device, all opened before any training.
    let devices = match &args.devices {
        Some(list) => Some(list.iter().map(|&d| run::namespace(args.backend, d)).collect::<Result<Vec<_>, _>>()?),
        None => None,
    };
    // With --gpus each MPI rank opens its own GPU; one that cannot stops every rank.
    #[cfg(feature = "mpi")]
    let ns = match (comm, args.gpus) {
        (Some(c), Some(g)) => {
            use arrayapi::distributed::{agree, mpi::rank_gpu, Comm, DistributedError};
            let gpu = rank_gpu(c.rank(), g as usize);
            let own = run::namespace(args.backend, gpu).map_err(DistributedError::Setup);
            agree(c, "to open its device", own).map_err(|e| e.to_string())?
        }
        _ => ns,
    };
    let ranks = match &devices {
        Some(nss) => run::Ranks::Devices(nss),
        None => run::Ranks::One(&ns),
    };
    #[cfg(feature = "mpi")]
    let ranks = match comm {
        Some(c) => run::Ranks::Mpi(c, &ns),
        None => ranks,
    };
    if args.bench_scaling {
        return bench_scaling(args, &ranks, rank0, &data, (backend, &device));
    }

    let settings = args.settings.clone().unwrap_or_else(|| Setting::ALL.to_vec());
    // Every setting's configuration is checked before the first trains: a bad value or
    // a duplicate is one error up front, not after minutes of training.
    if let Some(dup) = settings.iter().enumerate().find_map(|(i, s)| settings[..i].contains(s).then_some(s)) {
        return Err(format!("--settings names {} twice", dup.name()));
    }
    for &setting in &settings {
        let config = run::config(args, setting);
        config
            .validate()
            .and_then(|()| config.check_working_set(data.x.len()))
            .map_err(|e| format!("{}: {e}", setting.name()))?;
    }
    confirm(args, &settings, data.x.len(), 1.0)?;
    let mut results: Vec<String> = settings.iter().map(|s| format!("{}.gif", s.name())).collect();
    results.extend(["summary.png".to_string(), "metrics.json".to_string()]);
    // Only rank 0 writes; the others learn whether it can before anyone trains.
    let prepared =
        if rank0 { prepare_output(&args.out, &results).and_then(|()| plot::register_font()) } else { Ok(()) };
    #[cfg(feature = "mpi")]
    let prepared = match comm {
        Some(c) => {
            use arrayapi::distributed::{agree, DistributedError};
            agree(c, "to prepare the output folder", prepared.map_err(DistributedError::Setup))
                .map_err(|e| e.to_string())
        }
        None => prepared,
    };
    prepared?;

    let bars = MultiProgress::new();
    let mut outcomes = Vec::new();
    for &setting in &settings {
        let bar = rank0.then(|| bars.add(run::progress_bar(setting, args.steps)));
        let frames = args.frames as usize;
        let outcome = ranks.train(run::Job { args, setting, data: &data, frames, bar: bar.as_ref() });
        let outcome = outcome.map_err(|e| format!("{}: {e}", setting.name()))?;
        if let Some(bar) = bar {
            bar.finish();
        }
        outcomes.extend(outcome);
    }
    if !rank0 {
        return Ok(());
    }

    // Write each file under a temporary name, then rename: a failed run leaves no
    // half-written file under a result's name.
    let mut written = Vec::new();
    let caption = caption(args, backend, &device);
    for o in &outcomes {
        let path = args.out.join(format!("{}.gif", o.setting.name()));
        write_atomically(&path, |tmp| plot::animation(tmp, o.setting.name(), &data, &o.frames, args.steps, &caption))?;
        written.push(path);
    }
    let summary = args.out.join("summary.png");
    write_atomically(&summary, |tmp| plot::summary(tmp, &data, &outcomes, &caption))?;
    written.push(summary);
    let metrics = report::metrics_json(args, backend, &device, &outcomes);
    let json = serde_json::to_string_pretty(&metrics).map_err(|e| e.to_string())?;
    let metrics_path = args.out.join("metrics.json");
    write_atomically(&metrics_path, |tmp| fs::write(tmp, &json).map_err(Into::into))?;
    written.push(metrics_path);

    println!("\n{}", report::table(&outcomes));
    println!(
        "{} settings on {backend} ({device}), data {}: wrote {} files to {}",
        outcomes.len(),
        args.data,
        written.len(),
        args.out.display()
    );
    Ok(())
}

/// The device (or devices) the run trains on, as the caption and metrics.json name it.
fn device_label(args: &Args, ns: &arrayapi::Namespace) -> String {
    #[cfg(feature = "mpi")]
    if let Some(g) = args.gpus {
        return format!("cuda:(local rank % {g})");
    }
    match &args.devices {
        Some(list) => list.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(","),
        None => ns.device().to_string(),
    }
}

/// The pictures' caption.
fn caption(args: &Args, backend: &str, device: &str) -> plot::Caption {
    let mut widths = vec!["1".to_string()];
    widths.extend(args.hidden.0.iter().map(|w| w.to_string()));
    widths.push("1".into());
    plot::Caption {
        backend: format!("{backend} ({device})"),
        members: args.members as usize,
        architecture: format!("{} {}", widths.join("-"), args.activation),
        training: format!("{} steps of Adam, lr {}", args.steps, args.lr),
        data: args.data.to_string(),
        seed: args.seed,
    }
}

/// The `--bench` mode: one setting, no pictures, one JSON line.
fn bench(args: &Args, ns: &arrayapi::Namespace, data: &Dataset, backend: &str, device: &str) -> Result<(), String> {
    let setting = bench_setting(args)?;
    let config = run::config(args, setting);
    config
        .validate()
        .and_then(|()| config.check_working_set(data.x.len()))
        .map_err(|e| format!("{}: {e}", setting.name()))?;
    confirm(args, &[setting], data.x.len(), 1.0)?;
    let job = run::Job { args, setting, data, frames: 0, bar: None };
    let outcome = match (args.dispatch, args.backend) {
        (DispatchArg::Dynamic, _) => run::train::<Array>(ns, job),
        (DispatchArg::Static, BackendArg::Ndarray) => {
            run::train::<arrayapi::ndarray::NdArray>(&arrayapi::ndarray::NdNamespace, job)
        }
        (DispatchArg::Static, BackendArg::Candle) => {
            let cns = arrayapi::candle::CandleNamespace::new(args.device).map_err(|e| e.to_string())?;
            run::train::<arrayapi::candle::CandleArray>(&cns, job)
        }
    }
    .map_err(|e| format!("{}: {e}", setting.name()))?;
    let steps = args.steps as f64;
    let line = serde_json::json!({
        "setting": setting.name(),
        "seconds": outcome.train_seconds,
        "steps": args.steps,
        "steps_per_second": steps / outcome.train_seconds,
        "ms_per_step": 1e3 * outcome.train_seconds / steps,
        "final_loss": outcome.final_loss,
        "final_loss_mean_per_member": outcome.final_loss / args.members as f64,
        "backend": backend,
        "device": device,
        "dispatch": format!("{:?}", args.dispatch).to_lowercase(),
        "config": report::config_json(args),
    });
    println!("{line}");
    Ok(())
}

/// The one setting a bench mode trains: `--settings`' only entry, or prior-bootstrap.
fn bench_setting(args: &Args) -> Result<Setting, String> {
    match args.settings.as_deref() {
        None => Ok(Setting::PriorBootstrap),
        Some([one]) => Ok(*one),
        Some(_) => Err("the bench modes run one setting: pass a single --settings value".into()),
    }
}

/// The `--bench-scaling` mode: over the devices of `--devices`, or MPI's ranks.
fn bench_scaling(
    args: &Args,
    ranks: &run::Ranks<'_>,
    rank0: bool,
    data: &Dataset,
    (backend, device): (&str, &str),
) -> Result<(), String> {
    let setting = bench_setting(args)?;
    let (members, repeats) = (args.members as usize, args.repeats as usize);
    if let run::Ranks::One(_) = ranks {
        return Err("--bench-scaling measures over ranks: run it with --devices, or under mpirun with --mpi".into());
    }
    let work = scaling::Workload::new(args, setting, data, run::sync_every(args))?;
    let cases = scaling::cases(ranks.size(), members)?;
    // Every case trains at most --members: at most the cases times the rounds of that.
    confirm(args, &[setting], data.x.len(), (cases.len() * repeats) as f64)?;
    let measured = match ranks {
        run::Ranks::Devices(nss) => Some(scaling::on_devices(nss, &work, &cases, repeats)?),
        #[cfg(feature = "mpi")]
        run::Ranks::Mpi(world, ns) => scaling::on_mpi(world, ns, &work, &cases, repeats)?,
        run::Ranks::One(_) => None,
    };
    if let (true, Some(measured)) = (rank0, measured) {
        let (table, line) = scaling::report(args, &work, &measured, backend, device);
        println!("{table}{line}");
    }
    Ok(())
}

/// The `--study` mode (docs/ensemble.md, "The study").
fn study(args: &Args) -> Result<(), String> {
    let (seeds, fresh) = (&args.study_seeds.0, &args.report_seeds.0);
    if let Some(s) = seeds.iter().find(|s| fresh.contains(s)) {
        return Err(format!("seed {s} is both a study seed and a report seed: the report needs fresh seeds"));
    }
    let names = ["study.json".to_string(), "study-gap.png".to_string(), "study-osband.png".to_string()];
    prepare_output(&args.out, &names)?;
    plot::register_font()?;
    let result = study::run(args, seeds, fresh, args.study_steps_scale)?;
    let json = study::to_json(args, &result, seeds, fresh, args.study_steps_scale);
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    write_atomically(&args.out.join("study.json"), |tmp| fs::write(tmp, &text).map_err(Into::into))?;
    // The figures at the chosen activation and schedule (the first of each if none was).
    let (activation, schedule) =
        result.choice.as_ref().map_or((study::ACTIVATIONS[0], 0), |c| (c.activation, c.schedule));
    for (data, name) in
        [(arrayapi::ensemble::DataKind::Gap, &names[1]), (arrayapi::ensemble::DataKind::Osband, &names[2])]
    {
        write_atomically(&args.out.join(name), |tmp| {
            study_plot::figure(tmp, &result.cells, data, activation, schedule)
        })?;
    }
    println!("\n{}", study::summary(&result));
    println!("wrote {} files to {}", names.len(), args.out.display());
    Ok(())
}

/// Prints the estimate of a long or large run before it starts, and refuses one past
/// the thresholds without `--yes`: `--steps 10000000` is hours of training, which should
/// not start silently.
/// `runs`: how many times the settings train (the scaling bench's cases and rounds).
fn confirm(args: &Args, settings: &[Setting], points: usize, runs: f64) -> Result<(), String> {
    let mut est = run::estimate(args, settings, points);
    est.seconds *= runs;
    if est.needs_confirmation() && !args.yes {
        return Err(format!(
            "{est}, past the {} min / {} GiB that start without asking; pass --yes to start it",
            run::CONFIRM_SECONDS / 60.0,
            run::CONFIRM_BYTES >> 30
        ));
    }
    if est.seconds > 60.0 || est.bytes > 1 << 30 {
        eprintln!("{est}");
    }
    Ok(())
}

/// Creates the output folder and checks it is writable, before any training.
/// The output folder, writable, and none of the result files a folder (which would fail
/// only after training, at the rename).
fn prepare_output(out: &Path, results: &[String]) -> Result<(), String> {
    fs::create_dir_all(out).map_err(|e| format!("cannot create output folder {}: {e}", out.display()))?;
    if let Some(p) = results.iter().map(|name| out.join(name)).find(|p| p.is_dir()) {
        return Err(format!("{} is a folder: the result cannot be written there", p.display()));
    }
    // A run killed while writing (SIGKILL cannot be caught) leaves its temporary file:
    // the next run into the folder removes it.
    for name in results {
        let _ = fs::remove_file(partial_path(&out.join(name)));
    }
    let probe = out.join(".write-test");
    fs::write(&probe, b"").map_err(|e| format!("output folder {} is not writable: {e}", out.display()))?;
    let _ = fs::remove_file(probe);
    Ok(())
}

/// Where a result is written before it is renamed into place: `.NAME.partial.EXT`.
fn partial_path(path: &Path) -> PathBuf {
    // Keep the extension last: the image encoders choose the format from it.
    let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{stem}.partial.{ext}"))
}

fn write_atomically(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<(), Box<dyn std::error::Error>>,
) -> Result<(), String> {
    let tmp = partial_path(path);
    let result = write(&tmp).map_err(|e| format!("writing {}: {e}", path.display()));
    // Whatever fails, writing or renaming, leaves no partial file behind.
    let result = result.and_then(|()| fs::rename(&tmp, path).map_err(|e| format!("writing {}: {e}", path.display())));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
