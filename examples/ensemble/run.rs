//! Training one setting on the backend chosen at run time, recording animation frames.

use std::time::Instant;

use arrayapi::distributed::{self, gather_predictions, Comm, Local, Plan};
use arrayapi::ensemble::{
    Dataset, Ensemble, EnsembleConfig, EnsembleError, Metrics, Perturbation, Predictions, PriorSpec, TrainData,
};
use arrayapi::{Array, ArrayApi, BackendNamespace, Device, Namespace};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Args, BackendArg, Setting};

/// The namespace the whole run creates its arrays in: the only place a backend is named.
pub fn namespace(backend: BackendArg, device: Device) -> Result<Namespace, String> {
    match backend {
        BackendArg::Ndarray => {
            let ns = arrayapi::ndarray::namespace();
            ns.on_device(device)
                .map_err(|_| format!("the ndarray backend runs on the CPU only; {device} needs --backend candle"))
        }
        BackendArg::Candle => arrayapi::candle::namespace(device).map_err(|e| e.to_string()),
    }
}

/// Training throughput the estimate assumes, in FLOP/s of [`EnsembleConfig::flops_per_step`]:
/// ens-1d's default workload on one CPU thread (ndarray, 34 GFLOP/s) and on candle's CPU
/// device (9 GFLOP/s), rounded down (docs/benchmarks.md). Small members on a GPU run at
/// about candle's CPU rate (launch-bound), so candle's figure serves every device.
const FLOPS_NDARRAY: f64 = 30e9;
const FLOPS_CANDLE: f64 = 6e9;

/// A step's time besides its matrix products (launches, element-wise passes, Adam),
/// from the same measurements: the floor of the estimate for small members.
const STEP_OVERHEAD_SECONDS: f64 = 50e-6;

/// Runs past these need `--yes`.
pub const CONFIRM_SECONDS: f64 = 10.0 * 60.0;
pub const CONFIRM_BYTES: u64 = 2 << 30;

/// What a run will take, estimated before it starts.
pub struct Estimate {
    /// The largest setting's working set ([`EnsembleConfig::working_set_bytes`]).
    pub bytes: u64,
    /// Training time of all settings, one after the other.
    pub seconds: f64,
}

impl Estimate {
    pub fn needs_confirmation(&self) -> bool {
        self.seconds > CONFIRM_SECONDS || self.bytes > CONFIRM_BYTES
    }
}

impl std::fmt::Display for Estimate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.seconds;
        let b = self.bytes as f64;
        let size = if b < (1u64 << 30) as f64 {
            format!("{:.0} MiB", b / (1u64 << 20) as f64)
        } else {
            format!("{:.2} GiB", b / (1u64 << 30) as f64)
        };
        let time = if s < 120.0 {
            format!("{s:.0} s")
        } else if s < 7200.0 {
            format!("{:.0} min", s / 60.0)
        } else {
            format!("{:.1} h", s / 3600.0)
        };
        write!(f, "estimate: about {time} of training and {size} of working set")
    }
}

/// The estimate for `settings` on `points` training points (their configurations
/// already validated, so the counts fit).
pub fn estimate(args: &Args, settings: &[Setting], points: usize) -> Estimate {
    // One thread's rate whatever --threads says: an estimate that errs long.
    let rate = match args.backend {
        BackendArg::Ndarray => FLOPS_NDARRAY,
        BackendArg::Candle => FLOPS_CANDLE,
    };
    let mut e = Estimate { bytes: 0, seconds: 0.0 };
    for &setting in settings {
        let c = config(args, setting);
        e.bytes = e.bytes.max(c.working_set_bytes(points).unwrap_or(u64::MAX));
        let step = c.flops_per_step(points).map_or(f64::INFINITY, |f| f as f64 / rate);
        e.seconds += step.max(STEP_OVERHEAD_SECONDS) * args.steps as f64;
    }
    e
}

/// The trainer configuration of a setting.
pub fn config(args: &Args, setting: Setting) -> EnsembleConfig {
    let mut layers = vec![1];
    layers.extend(&args.hidden.0);
    layers.push(1);
    let (prior, perturbation) = match setting {
        Setting::Naive => (PriorSpec::None, Perturbation::None),
        Setting::Prior => (PriorSpec::RandomMlp { beta: args.beta }, Perturbation::None),
        Setting::PriorBootstrap => (PriorSpec::RandomMlp { beta: args.beta }, args.perturb),
        Setting::SinBootstrap => (PriorSpec::Sin { beta: args.beta_s, omega: args.omega }, args.perturb),
    };
    EnsembleConfig {
        members: args.members as usize,
        layers,
        activation: args.activation,
        prior,
        perturbation,
        adam: arrayapi::ensemble::AdamConfig { lr: args.lr, ..Default::default() },
        batch_size: None,
        seed: args.seed,
        dtype: args.dtype.dtype(),
        threads: args.threads(),
    }
}

/// One frame of an animation: the step and the predictions on the grid.
pub struct Frame {
    pub step: usize,
    pub predictions: Predictions,
}

/// What training one setting produced.
pub struct Outcome {
    pub setting: Setting,
    pub frames: Vec<Frame>,
    pub final_predictions: Predictions,
    pub metrics: Metrics,
    pub final_loss: f64,
    /// Seconds in the training loop, frame recording excluded.
    pub train_seconds: f64,
}

/// Trains `setting` on backend `A` (the dynamic `Array` unless the bench mode asks for
/// the static path), recording `frames` evenly spaced frames (none if 0).
pub fn train<A: ArrayApi>(ns: &A::Namespace, job: Job<'_>) -> Result<Outcome, EnsembleError> {
    let Job { args, setting, data, frames, bar } = job;
    let train_data = TrainData::new(data.x.clone(), data.y.clone())?;
    let mut ensemble = Ensemble::<A>::new(ns, &config(args, setting), &train_data)?;
    let steps = args.steps as usize;
    let every = if frames == 0 { 0 } else { steps.div_ceil(frames).max(1) };
    let mut recorded = Vec::new();
    if frames > 0 {
        recorded.push(Frame { step: 0, predictions: ensemble.predict(&data.grid)? });
    }
    let mut observing = 0.0;
    let start = Instant::now();
    let report = ensemble.train(steps, 1, |p, e| {
        if let Some(bar) = bar {
            bar.set_position(p.step as u64);
            if p.step % 50 == 0 || p.step == p.total {
                bar.set_message(format!("loss {:.4}", p.loss));
            }
        }
        if every > 0 && (p.step % every == 0 || p.step == p.total) {
            let t = Instant::now();
            recorded.push(Frame { step: p.step, predictions: e.predict(&data.grid)? });
            observing += t.elapsed().as_secs_f64();
        }
        Ok(())
    })?;
    let train_seconds = start.elapsed().as_secs_f64() - observing;
    let final_predictions = ensemble.predict(&data.grid)?;
    let metrics = arrayapi::ensemble::evaluate(&final_predictions, data)?;
    Ok(Outcome { setting, frames: recorded, final_predictions, metrics, final_loss: report.final_loss, train_seconds })
}

/// One setting to train: what [`train`], [`Ranks::train`] and [`train_distributed`] take.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub args: &'a Args,
    pub setting: Setting,
    pub data: &'a Dataset,
    /// Animation frames to record (0: none).
    pub frames: usize,
    /// The progress bar (rank 0's).
    pub bar: Option<&'a ProgressBar>,
}

/// Where a run's members train.
pub enum Ranks<'a> {
    /// One process, one device (threads within it as `--threads` says).
    One(&'a Namespace),
    /// One rank per device, threads of this process (`--devices`).
    Devices(&'a [Namespace]),
    /// MPI's ranks (`--mpi`), each on its namespace.
    #[cfg(feature = "mpi")]
    Mpi(&'a arrayapi::distributed::mpi::Mpi, &'a Namespace),
}

impl Ranks<'_> {
    /// How many ranks train.
    pub fn size(&self) -> usize {
        match self {
            Ranks::One(_) => 1,
            Ranks::Devices(nss) => nss.len(),
            #[cfg(feature = "mpi")]
            Ranks::Mpi(comm, _) => comm.size(),
        }
    }

    /// Trains the job's setting; rank 0 gets the outcome, the other MPI ranks `None`.
    pub fn train(&self, job: Job<'_>) -> Result<Option<Outcome>, String> {
        match self {
            Ranks::One(ns) => train::<Array>(ns, job).map(Some).map_err(|e| e.to_string()),
            Ranks::Devices(nss) => train_on_devices(nss, job).map(Some),
            #[cfg(feature = "mpi")]
            Ranks::Mpi(comm, ns) => train_distributed(*comm, ns, job),
        }
    }
}

/// Trains `setting` with its members split over ranks (MPI's with `--mpi`, threads of
/// this process with `--devices`): every rank trains its range, the ranks synchronise at
/// every frame (whose predictions are gathered, step 0's included), and rank 0 gets the
/// outcome (the others `None`).
pub fn train_distributed<C: Comm>(comm: &C, ns: &Namespace, job: Job<'_>) -> Result<Option<Outcome>, String> {
    let Job { args, setting, data, frames, bar } = job;
    let train_data = TrainData::new(data.x.clone(), data.y.clone()).map_err(|e| e.to_string())?;
    let steps = args.steps as usize;
    let every = if frames == 0 { sync_every(args) } else { steps.div_ceil(frames).max(1) };
    let plan = Plan { steps, sync_every: every, ..Default::default() };
    let config = config(args, setting);
    let rank0 = comm.rank() == 0;
    let mut recorded = Vec::new();
    let mut failure = None;
    let mut observing = 0.0;
    let started = distributed::start::<Array, _>(comm, ns, &config, &train_data, &plan).map_err(|e| e.to_string())?;
    if frames > 0 {
        let first = gather_predictions(comm, started.ensemble(), &data.grid).map_err(|e| e.to_string())?;
        if rank0 {
            recorded.push(Frame { step: 0, predictions: first });
        }
    }
    let start = Instant::now();
    let trained = started
        .train(|step, loss, e| {
            if let Some(bar) = bar {
                bar.set_position(step as u64);
                bar.set_message(format!("loss {loss:.4}"));
            }
            if frames > 0 && failure.is_none() {
                let t = Instant::now();
                match gather_predictions(comm, e, &data.grid) {
                    Ok(p) if rank0 => recorded.push(Frame { step, predictions: p }),
                    Ok(_) => {}
                    Err(err) => failure = Some(err.to_string()),
                }
                observing += t.elapsed().as_secs_f64();
            }
        })
        .map_err(|e| e.to_string())?;
    let train_seconds = start.elapsed().as_secs_f64() - observing;
    if let Some(f) = failure {
        return Err(f);
    }
    let final_predictions = gather_predictions(comm, &trained.ensemble, &data.grid).map_err(|e| e.to_string())?;
    if !rank0 {
        return Ok(None);
    }
    let metrics = arrayapi::ensemble::evaluate(&final_predictions, data).map_err(|e| e.to_string())?;
    let final_loss = trained.losses.last().map_or(f64::NAN, |l| l.1);
    Ok(Some(Outcome { setting, frames: recorded, final_predictions, metrics, final_loss, train_seconds }))
}

/// How often the ranks sum their losses when no frames are recorded.
pub fn sync_every(#[allow(unused_variables)] args: &Args) -> usize {
    #[cfg(feature = "mpi")]
    return args.sync_every as usize;
    #[cfg(not(feature = "mpi"))]
    10
}

/// Trains `setting` with one rank per namespace (`--devices`), each on its own thread,
/// through [`train_distributed`] with the in-process communicator; rank 0's outcome.
pub fn train_on_devices(namespaces: &[Namespace], job: Job<'_>) -> Result<Outcome, String> {
    let outcome = on_local_ranks(namespaces, |comm, ns| {
        let bar = if comm.rank() == 0 { job.bar } else { None };
        train_distributed(comm, ns, Job { bar, ..job })
    })?;
    outcome.ok_or_else(|| "rank 0 returned no outcome".into())
}

/// `f(comm, ns)` on one thread per namespace, each a rank of one [`Local`] group
/// ([`distributed::on_ranks`]); rank 0's result (the ranks fail together, their
/// collectives agree, so it says it all).
pub fn on_local_ranks<T: Send>(
    namespaces: &[Namespace],
    f: impl Fn(&Local, &Namespace) -> Result<T, String> + Sync,
) -> Result<T, String> {
    let results = distributed::on_ranks(namespaces, f).map_err(|e| e.to_string())?;
    results.into_iter().next().unwrap_or_else(|| Err("no devices".into()))
}

/// A progress bar for one setting.
pub fn progress_bar(setting: Setting, steps: u64) -> ProgressBar {
    let bar = ProgressBar::new(steps);
    let style = ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos:>6}/{len} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(setting.name());
    bar
}
