//! MPI through rsmpi (feature `mpi`): one rank per process, started by `mpirun`,
//! `mpiexec` or Slurm's `srun`.

use ::mpi::collective::SystemOperation;
use ::mpi::datatype::PartitionMut;
use ::mpi::environment::Universe;
use ::mpi::topology::{Color, SimpleCommunicator};
use ::mpi::traits::*;
use ::mpi::Count;

use crate::comm::Comm;
use crate::error::{DistributedError, Result};

/// The variables the common launchers set in every process they start (Open MPI's
/// `mpirun`, MPICH's Hydra `mpiexec`, PMIx and Slurm's `srun`).
const LAUNCHER_VARIABLES: [&str; 6] =
    ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK", "MPI_LOCALNRANKS", "SLURM_PROCID"];

/// Whether this process was started by an MPI launcher.
pub fn launched() -> bool {
    LAUNCHER_VARIABLES.iter().any(|v| std::env::var_os(v).is_some())
}

/// This process's rank among the ranks on its machine (for `cuda:{local_rank % gpus}`),
/// from the launcher's variables; the world rank if none is set.
pub fn local_rank(world_rank: usize) -> usize {
    ["OMPI_COMM_WORLD_LOCAL_RANK", "MPI_LOCALRANKID", "SLURM_LOCALID", "PMI_LOCAL_RANK"]
        .iter()
        .find_map(|v| std::env::var(v).ok()?.parse().ok())
        .unwrap_or(world_rank)
}

/// The GPU a rank trains on when each machine has `gpus` of them: `cuda:{local rank %
/// gpus}`, so the ranks of one machine spread over its GPUs (and share them when there
/// are more ranks than GPUs).
pub fn rank_gpu(world_rank: usize, gpus: usize) -> arrayapi_core::Device {
    arrayapi_core::Device::Cuda(local_rank(world_rank) % gpus.max(1))
}

/// MPI's world communicator. Dropping it finalises MPI.
pub struct Mpi {
    world: Group,
    // Last: finalises MPI when dropped, after the communicator.
    _universe: Universe,
}

/// Some of MPI's ranks ([`Mpi::first`]), a communicator of their own.
pub struct Group {
    comm: SimpleCommunicator,
}

impl std::fmt::Debug for Mpi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mpi {{ rank: {}, size: {} }}", self.rank(), self.size())
    }
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Group {{ rank: {}, size: {} }}", self.rank(), self.size())
    }
}

impl Mpi {
    /// Initialises MPI. Outside a launcher this is a setup error, not MPI's singleton
    /// mode: a program asked to run distributed but started alone should say so.
    pub fn init() -> Result<Self> {
        if !launched() {
            return Err(DistributedError::Setup(
                "built with MPI but not started by an MPI launcher: run it as `mpirun -n N <program> ...` \
                 (or `srun`), or without distributed training"
                    .into(),
            ));
        }
        let universe = ::mpi::initialize()
            .ok_or_else(|| DistributedError::Setup("MPI is already initialised in this process".into()))?;
        Ok(Mpi { world: Group { comm: universe.world() }, _universe: universe })
    }

    /// World ranks `0..n` as a communicator of their own (`Some` on them, `None` on the
    /// others), to train on fewer ranks than were started (a scaling measurement). A
    /// collective of the world: every rank calls it.
    pub fn first(&self, n: usize) -> Option<Group> {
        let color = if self.rank() < n { Color::with_value(0) } else { Color::undefined() };
        self.world.comm.split_by_color(color).map(|comm| Group { comm })
    }
}

impl Comm for Mpi {
    fn rank(&self) -> usize {
        self.world.rank()
    }
    fn size(&self) -> usize {
        self.world.size()
    }
    fn all_reduce_sum(&self, values: &mut [f64]) {
        self.world.all_reduce_sum(values)
    }
    fn all_reduce_max(&self, value: u64) -> u64 {
        self.world.all_reduce_max(value)
    }
    fn all_gather(&self, values: &[f64]) -> Vec<Vec<f64>> {
        self.world.all_gather(values)
    }
}

impl Comm for Group {
    fn rank(&self) -> usize {
        self.comm.rank() as usize
    }

    fn size(&self) -> usize {
        self.comm.size() as usize
    }

    fn all_reduce_sum(&self, values: &mut [f64]) {
        let send = values.to_vec();
        self.comm.all_reduce_into(&send[..], values, SystemOperation::sum());
    }

    fn all_reduce_max(&self, value: u64) -> u64 {
        let mut out = 0u64;
        self.comm.all_reduce_into(&value, &mut out, SystemOperation::max());
        out
    }

    fn all_gather(&self, values: &[f64]) -> Vec<Vec<f64>> {
        let size = self.size();
        let mut counts: Vec<Count> = vec![0; size];
        self.comm.all_gather_into(&(values.len() as Count), &mut counts[..]);
        let displs: Vec<Count> = counts
            .iter()
            .scan(0, |acc, &c| {
                let d = *acc;
                *acc += c;
                Some(d)
            })
            .collect();
        let total: usize = counts.iter().map(|&c| c as usize).sum();
        let mut buf = vec![0f64; total];
        {
            let mut partition = PartitionMut::new(&mut buf[..], &counts[..], &displs[..]);
            self.comm.all_gather_varcount_into(values, &mut partition);
        }
        counts.iter().zip(&displs).map(|(&c, &d)| buf[d as usize..(d + c) as usize].to_vec()).collect()
    }
}
