//! Command-line arguments, parsed and checked before any work starts.

use std::path::PathBuf;

use arrayapi::ensemble::{Activation, DataKind, Perturbation};
use arrayapi::{DType, Device};
use clap::{Parser, ValueEnum};

/// Trains ensembles of MLPs with randomized prior functions in four settings and writes
/// animations, a summary plot and uncertainty metrics.
#[derive(Parser, Debug, Clone)]
#[command(name = "ensemble", version, about)]
pub struct Args {
    /// Array backend, chosen at run time.
    #[arg(long, value_enum, default_value_t = BackendArg::Ndarray)]
    pub backend: BackendArg,
    /// Device: cpu, cuda:N or metal:N.
    #[arg(long, default_value = "cpu", value_parser = parse_device)]
    pub device: Device,
    /// Several devices in this process, comma-separated (`cuda:0,cuda:1`): every setting
    /// trains with its members split over them, one thread per device, as MPI ranks
    /// would split them (docs/distributed.md). Replaces --device.
    #[arg(long, value_delimiter = ',', value_parser = parse_device, conflicts_with_all = ["bench", "study", "device"])]
    pub devices: Option<Vec<Device>>,
    /// Settings to train, comma-separated (default: all four; in --bench mode: prior-bootstrap).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub settings: Option<Vec<Setting>>,
    /// Members per ensemble (K).
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub members: u64,
    /// Hidden layer widths, comma-separated (`none`: no hidden layer). Members times
    /// widths are bounded by the trainer's 16 GiB working set (parameters, optimiser
    /// state and activations), checked before any training.
    #[arg(long, default_value = "20,20", value_parser = parse_hidden)]
    pub hidden: Hidden,
    /// Hidden activation: selu, relu or tanh (the default, like the other training
    /// defaults, chosen by the study: docs/ensemble.md).
    #[arg(long, default_value = "tanh", value_parser = |s: &str| s.parse::<Activation>().map_err(|e| e.to_string()))]
    pub activation: Activation,
    /// Scale of the random-MLP prior (beta).
    #[arg(long, default_value_t = 1.0, value_parser = finite, allow_negative_numbers = true)]
    pub beta: f64,
    /// Amplitude of the sine prior (beta_s).
    #[arg(long, default_value_t = 0.3, value_parser = finite, allow_negative_numbers = true)]
    pub beta_s: f64,
    /// Angular frequency of the sine prior (omega).
    #[arg(long, default_value_t = 3.0, value_parser = finite, allow_negative_numbers = true)]
    pub omega: f64,
    /// Training steps (full batch). A run estimated at over 10 minutes needs --yes.
    #[arg(long, default_value_t = 3000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub steps: u64,
    /// Adam learning rate.
    #[arg(long, default_value_t = 0.01, value_parser = positive, allow_negative_numbers = true)]
    pub lr: f64,
    /// Data set: gap, osband or sin.
    #[arg(long, default_value = "gap", value_parser = |s: &str| s.parse::<DataKind>().map_err(|e| e.to_string()))]
    pub data: DataKind,
    /// Training points (default: the data set's own; the generator makes at most 2^24,
    /// and the working set bounds them with the members and widths).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub points: Option<u64>,
    /// Data perturbation of the bootstrap settings: bootstrap, bernoulli, poisson, noise[:S] or none.
    #[arg(long, default_value = "bootstrap", value_parser = |s: &str| s.parse::<Perturbation>().map_err(|e| e.to_string()))]
    pub perturb: Perturbation,
    /// Seed of all randomness.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Animation frames per setting.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub frames: u64,
    /// Output folder (created if missing).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Floating-point precision.
    #[arg(long, value_enum, default_value_t = DTypeArg::F32)]
    pub dtype: DTypeArg,
    /// Threads training shards of the members side by side (default: the CPU's cores on
    /// the CPU, at most --members; 1 on a GPU). The results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// Benchmark mode: train one setting, no pictures, print one JSON line.
    #[arg(long)]
    pub bench: bool,
    /// Scaling bench mode (with --mpi or --devices): one setting trained on 1, 2, 4, ...
    /// of the run's ranks, strong (--members over every rank count) and weak (--members /
    /// ranks per rank), interleaved over --repeats rounds; prints a table and one JSON
    /// line of medians.
    #[arg(long, conflicts_with_all = ["bench", "study"])]
    pub bench_scaling: bool,
    /// Rounds of the scaling bench (each measures every case once; medians reported).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub repeats: u64,
    /// Study mode: train the grid of docs/ensemble.md ("The study": the four settings over
    /// prior scales, activations and schedules, on gap and osband data), choose the
    /// defaults by its rule, measure them on fresh seeds; writes study.json and one figure
    /// per data set. Uses --members, --hidden, --perturb, --omega, --dtype, --backend.
    #[arg(long, conflicts_with = "bench")]
    pub study: bool,
    /// The seeds the study chooses on (A-B, inclusive).
    #[arg(long, default_value = "0-4", value_parser = crate::study::parse_seeds)]
    pub study_seeds: crate::study::Seeds,
    /// The fresh seeds the chosen defaults are measured on (A-B, inclusive).
    #[arg(long, default_value = "5-9", value_parser = crate::study::parse_seeds)]
    pub report_seeds: crate::study::Seeds,
    /// Multiplies the study's step counts (below 1 for a quick look; the documented
    /// study uses 1).
    #[arg(long, default_value_t = 1.0, value_parser = positive)]
    pub study_steps_scale: f64,
    /// Train every setting with its members split over the MPI ranks this program was
    /// started as (`mpirun -n 4 target/release/examples/ensemble --mpi ...`; built with
    /// `--features mpi`): rank 0 draws, writes and prints; every rank uses --device, or
    /// with --gpus its own GPU.
    #[cfg(feature = "mpi")]
    #[arg(long, conflicts_with_all = ["bench", "study", "devices"])]
    pub mpi: bool,
    /// With --mpi: the GPUs of each machine; each rank trains on `cuda:{local rank % N}`
    /// (the local rank from the launcher) instead of --device.
    #[cfg(feature = "mpi")]
    #[arg(long, requires = "mpi", conflicts_with = "device", value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub gpus: Option<u64>,
    /// With --mpi and no animation frames: sum the losses over the ranks every this many
    /// steps (with frames the ranks synchronise at every frame).
    #[cfg(feature = "mpi")]
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub sync_every: u64,
    /// Start a run even when its estimate (printed before training) is over 10 minutes
    /// or 2 GiB of working set.
    #[arg(long)]
    pub yes: bool,
    /// How the trainer reaches the backend: through the dynamic `Array` (run-time
    /// dispatch, the default) or statically (the backend's own array type,
    /// monomorphised), to measure what dispatch costs.
    #[arg(long, value_enum, default_value_t = DispatchArg::Dynamic)]
    pub dispatch: DispatchArg,
}

impl Args {
    /// `--threads`, or its default for the device.
    pub fn threads(&self) -> usize {
        #[cfg(feature = "mpi")]
        if self.mpi && self.threads.is_none() {
            // The ranks share the machine's cores.
            return 1;
        }
        if self.devices.is_some() && self.threads.is_none() {
            // One thread per device already.
            return 1;
        }
        match (self.threads, self.device) {
            (Some(t), _) => t as usize,
            (None, Device::Cpu) => {
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                cores.min(self.members as usize)
            }
            (None, _) => 1,
        }
    }
}

/// The two ways to reach a backend.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum DispatchArg {
    /// `Ensemble<Array>`: every call dispatched at run time.
    Dynamic,
    /// `Ensemble<NdArray>` or `Ensemble<CandleArray>`: calls resolved at compile time.
    Static,
}

/// Backends the demo knows.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum BackendArg {
    /// The ndarray CPU backend.
    Ndarray,
    /// The candle backend (CPU, CUDA, Metal).
    Candle,
}

/// Floating-point precisions.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum DTypeArg {
    /// float32.
    F32,
    /// float64.
    F64,
}

impl DTypeArg {
    pub fn dtype(self) -> DType {
        match self {
            DTypeArg::F32 => DType::Float32,
            DTypeArg::F64 => DType::Float64,
        }
    }
}

/// The four settings of Perone's animations.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Setting {
    /// No prior, all points.
    Naive,
    /// A random frozen MLP prior per member, all points.
    Prior,
    /// A random frozen MLP prior per member, a bootstrap per member.
    PriorBootstrap,
    /// The same fixed sine prior for all members, a bootstrap per member.
    SinBootstrap,
}

impl Setting {
    pub const ALL: [Setting; 4] = [Setting::Naive, Setting::Prior, Setting::PriorBootstrap, Setting::SinBootstrap];

    pub fn name(self) -> &'static str {
        match self {
            Setting::Naive => "naive",
            Setting::Prior => "prior",
            Setting::PriorBootstrap => "prior-bootstrap",
            Setting::SinBootstrap => "sin-bootstrap",
        }
    }
}

/// Hidden widths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hidden(pub Vec<usize>);

/// `W1,W2,...` (decimal digits only, no empty entries) or `none` for no hidden layer.
fn parse_hidden(s: &str) -> Result<Hidden, String> {
    if s.trim() == "none" {
        return Ok(Hidden(Vec::new()));
    }
    let widths = s
        .split(',')
        .map(|p| {
            let p = p.trim();
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{p:?} is not a width: give widths like 20,20 (or none for no hidden layer)"));
            }
            p.parse::<usize>().map_err(|_| format!("{p:?} is not a width"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if widths.contains(&0) || widths.iter().any(|&w| w > 100_000) {
        return Err("widths must be between 1 and 100000".into());
    }
    Ok(Hidden(widths))
}

fn parse_device(s: &str) -> Result<Device, String> {
    s.parse::<Device>().map_err(|_| format!("unknown device {s:?}: expected cpu, cuda:N or metal:N"))
}

fn finite(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{s:?} is not a finite number")),
    }
}

fn positive(s: &str) -> Result<f64, String> {
    match finite(s)? {
        v if v > 0.0 => Ok(v),
        v => Err(format!("{v} must be positive")),
    }
}
