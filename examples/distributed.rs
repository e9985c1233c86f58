//! Ensemble members across MPI ranks: each rank trains its contiguous range of the K
//! members (prior-bootstrap on the gap data), the ranks sum their losses every few steps,
//! and rank 0 prints one JSON line with the timing, the final loss and, with `--check`,
//! whether the parameters gathered from every rank equal a one-process run bit for bit.
//!
//! ```text
//! cargo build --release --features mpi --example distributed
//! mpirun -n 4 target/release/examples/distributed --members 160 --steps 500
//! mpirun -n 2 target/release/examples/distributed --check
//! mpirun -n 2 target/release/examples/distributed --checkpoint-every 20 --checkpoint-dir ckpt --steps 100
//! mpirun -n 2 target/release/examples/distributed --resume --checkpoint-dir ckpt --steps 100 --check
//! ```
//! docs/distributed.md explains the design, the launchers and the measured scaling.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[cfg(feature = "candle")]
use arrayapi::distributed::mpi::rank_gpu;
use arrayapi::distributed::mpi::Mpi;
use arrayapi::distributed::{agree, gather_parameters, train, Comm, DistributedError, Plan};
use arrayapi::ensemble::{DataKind, Dataset, Ensemble, EnsembleConfig, PriorSpec, TrainData};
use arrayapi::{Array, ArrayApi, HostArray};
use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Trains an ensemble split over MPI ranks.
#[derive(Parser, Debug)]
#[command(name = "distributed", about)]
struct Args {
    /// Members K in all (split over the ranks).
    #[arg(long, default_value_t = 8)]
    members: usize,
    /// Hidden widths.
    #[arg(long, default_value = "16,16", value_delimiter = ',')]
    hidden: Vec<usize>,
    /// Training steps in all.
    #[arg(long, default_value_t = 60)]
    steps: usize,
    /// Sum the losses over the ranks every this many steps.
    #[arg(long, default_value_t = 10)]
    sync_every: usize,
    /// Write each rank's checkpoint every this many steps (0: never).
    #[arg(long, default_value_t = 0)]
    checkpoint_every: usize,
    /// Where checkpoints go.
    #[arg(long)]
    checkpoint_dir: Option<PathBuf>,
    /// Continue from the latest checkpoint every rank has.
    #[arg(long)]
    resume: bool,
    /// Threads per rank (shards of the rank's members).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// The seed of all randomness.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Minibatch size (default: the full batch).
    #[arg(long)]
    batch_size: Option<usize>,
    /// Array backend: ndarray (CPU) or candle.
    #[arg(long, default_value = "ndarray")]
    backend: String,
    /// GPUs per machine for the candle backend: rank r uses cuda:{local rank % gpus}
    /// (0: the CPU).
    #[arg(long, default_value_t = 0)]
    gpus: usize,
    /// Rank 0 also trains the whole ensemble in one process and compares the parameters.
    #[arg(long)]
    check: bool,
    /// Testing faults: this rank exits abruptly after this step's synchronisation.
    #[arg(long, requires = "crash_rank")]
    crash_at: Option<usize>,
    /// The rank that exits (with --crash-at).
    #[arg(long)]
    crash_rank: Option<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let comm = match Mpi::init() {
        Ok(c) => c,
        Err(e) => {
            print_error(&format!("error: {e}"));
            return ExitCode::FAILURE;
        }
    };
    match run(&args, &comm) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            print_error(&format!("rank {}: error: {e}", comm.rank()));
            ExitCode::FAILURE
        }
    }
}

/// Writes one line to stderr in one write: `eprintln!` writes each formatted piece
/// separately, and under `mpirun` the ranks' pieces interleave into one garbled line.
fn print_error(line: &str) {
    let _ = std::io::stderr().write_all(format!("{line}\n").as_bytes());
}

fn namespace(args: &Args, #[allow(unused_variables)] rank: usize) -> Result<arrayapi::Namespace, String> {
    match args.backend.as_str() {
        "ndarray" => Ok(arrayapi::ndarray::namespace()),
        #[cfg(feature = "candle")]
        "candle" => {
            use arrayapi::Device;
            let device = if args.gpus == 0 { Device::Cpu } else { rank_gpu(rank, args.gpus) };
            arrayapi::candle::namespace(device).map_err(|e| e.to_string())
        }
        other => Err(format!("unknown backend {other:?}: ndarray or candle")),
    }
}

fn host_bits(params: &[HostArray]) -> Vec<Vec<u64>> {
    params.iter().map(|p| p.data().to_f64_vec().iter().map(|v| v.to_bits()).collect()).collect()
}

/// Returns whether the check (if asked for) passed.
fn run(args: &Args, comm: &Mpi) -> Result<bool, String> {
    let data = Dataset::generate(DataKind::Gap, None, args.seed).map_err(|e| e.to_string())?;
    let td = TrainData::new(data.x.clone(), data.y.clone()).map_err(|e| e.to_string())?;
    let mut layers = vec![1];
    layers.extend(&args.hidden);
    layers.push(1);
    let config = EnsembleConfig {
        members: args.members,
        layers,
        prior: PriorSpec::RandomMlp { beta: 1.0 },
        batch_size: args.batch_size,
        seed: args.seed,
        threads: args.threads,
        ..Default::default()
    };
    // A bad backend or device on one rank is an error there and a setup error on the
    // others, before anyone trains.
    let ns = agree(comm, "to create its namespace", namespace(args, comm.rank()).map_err(DistributedError::Setup))
        .map_err(|e| e.to_string())?;
    let plan = Plan {
        steps: args.steps,
        sync_every: args.sync_every,
        checkpoint_every: args.checkpoint_every,
        checkpoint_dir: args.checkpoint_dir.clone(),
        resume: args.resume,
    };
    let rank = comm.rank();
    let start = Instant::now();
    let trained = train::<Array, _>(comm, &ns, &config, &td, &plan, |step, loss, _| {
        if args.crash_at == Some(step) && args.crash_rank == Some(rank) {
            eprintln!("rank {rank}: exiting at step {step}, as asked (--crash-at)");
            std::process::exit(3);
        }
        if rank == 0 && (step % (10 * args.sync_every) == 0 || step == args.steps) {
            eprintln!("step {step}: loss {loss:.6}");
        }
    })
    .map_err(|e| e.to_string())?;
    let seconds = start.elapsed().as_secs_f64();
    let params = gather_parameters(comm, &trained.ensemble).map_err(|e| e.to_string())?;
    let trained_steps = args.steps - trained.resumed_from;
    let mut identical = None;
    if args.check && rank == 0 {
        let one = EnsembleConfig { threads: 1, ..config.clone() };
        let mut whole = Ensemble::<Array>::new(&ns, &one, &td).map_err(|e| e.to_string())?;
        whole.train(args.steps, 0, |_, _| Ok(())).map_err(|e| e.to_string())?;
        let want: Vec<HostArray> = whole
            .parameters()
            .map_err(|e| e.to_string())?
            .iter()
            .map(|p| p.to_host())
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        let same = want.len() == params.len()
            && want.iter().zip(&params).all(|(a, b)| a.shape() == b.shape() && a.dtype() == b.dtype())
            && host_bits(&want) == host_bits(&params);
        identical = Some(same);
    }
    if rank == 0 {
        let per_step = seconds / trained_steps.max(1) as f64;
        let line = serde_json::json!({
            "ranks": comm.size(),
            "members": args.members,
            "members_per_rank": args.members as f64 / comm.size() as f64,
            "hidden": args.hidden,
            "threads_per_rank": args.threads,
            "steps": trained_steps,
            "resumed_from": trained.resumed_from,
            "seconds": seconds,
            "ms_per_step": 1e3 * per_step,
            "members_per_second": args.members as f64 / per_step,
            "final_loss": trained.losses.last().map(|l| l.1),
            "identical_to_one_process": identical,
        });
        println!("{line}");
    }
    Ok(identical != Some(false))
}
