//! Sharded training over a communicator: each rank trains its members, the ranks agree
//! on the setup before the first step and on the loss every `sync_every` steps.

use std::path::PathBuf;

use arrayapi_core::{ArrayApi, DType, HostArray, HostData};
use arrayapi_ensemble::{Ensemble, EnsembleConfig, EnsembleError, Predictions, TrainData};

use crate::checkpoint::{self, Checkpoint};
use crate::comm::{member_range, Comm};
use crate::error::{DistributedError, Result};

/// How a distributed run trains.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Steps in all (a resumed run trains from its checkpoint's step to here).
    pub steps: usize,
    /// Ranks sum their losses (and learn of a divergence) every this many steps, and
    /// after the last.
    pub sync_every: usize,
    /// Each rank writes a checkpoint every this many steps (0: never); a multiple of
    /// `sync_every`, so a checkpoint is only written once every rank is known healthy.
    pub checkpoint_every: usize,
    /// Where checkpoints go (needed when `checkpoint_every > 0` or `resume`).
    pub checkpoint_dir: Option<PathBuf>,
    /// Start from the latest step every rank has a checkpoint of.
    pub resume: bool,
}

impl Default for Plan {
    fn default() -> Self {
        Plan { steps: 1000, sync_every: 10, checkpoint_every: 0, checkpoint_dir: None, resume: false }
    }
}

/// A trained rank.
#[derive(Debug)]
pub struct Trained<A: ArrayApi> {
    /// This rank's members.
    pub ensemble: Ensemble<A>,
    /// `(step, loss summed over every rank's members)` at every synchronisation.
    pub losses: Vec<(usize, f64)>,
    /// The step the run started from (0, or the checkpoint's).
    pub resumed_from: usize,
}

/// One collective check, made by every rank: if any rank's `outcome` failed, every rank
/// gets an error (its own, or [`DistributedError::Setup`] naming the first rank that
/// failed `what`). A program that does its own fallible setup before [`train`] (a
/// namespace, a device) passes it through here so that no rank waits for one that gave up.
pub fn agree<T, C: Comm>(comm: &C, what: impl std::fmt::Display, outcome: Result<T>) -> Result<T> {
    let first = comm.all_reduce_min(if outcome.is_err() { comm.rank() as u64 } else { u64::MAX });
    match outcome {
        Err(e) => Err(e),
        Ok(_) if first != u64::MAX => Err(DistributedError::Setup(format!(
            "rank {first} failed {what} (its error is on its output); every rank stops"
        ))),
        Ok(v) => Ok(v),
    }
}

/// Trains this rank's members of the ensemble `config` describes on `data`, as `plan`
/// says; `on_sync(step, loss, ensemble)` sees the summed loss and this rank's members at
/// every synchronisation, on every rank (print on rank 0; a collective in it, such as
/// [`gather_predictions`] for an animation frame, is then made by every rank at the same
/// step). [`start`] then [`Started::train`], for a caller that needs the members before
/// the first step (a frame at step 0). Every collective is made by every rank in the same
/// order, so a failure on one rank is an error on all of them, not a hang:
///
/// - more ranks than members, or a rank whose part cannot be built (an unavailable
///   device), is [`DistributedError::Setup`] on every rank before the first step;
/// - a loss that is not finite on any rank is [`EnsembleError::Diverged`] with the
///   earliest such step on every rank, at the next synchronisation (a rank that diverged
///   keeps its parameters from before that step; the others may be up to `sync_every - 1`
///   steps further);
/// - with `resume`, the ranks agree on the latest step all of them have a checkpoint of.
pub fn train<A: ArrayApi, C: Comm>(
    comm: &C,
    ns: &A::Namespace,
    config: &EnsembleConfig,
    data: &TrainData,
    plan: &Plan,
    on_sync: impl FnMut(usize, f64, &Ensemble<A>),
) -> Result<Trained<A>> {
    start(comm, ns, config, data, plan)?.train(on_sync)
}

/// A rank's members, built (and restored, with `resume`) by every rank together, before
/// the first step: [`train`]'s first half.
#[derive(Debug)]
pub struct Started<'r, A: ArrayApi, C: Comm> {
    comm: &'r C,
    ensemble: Ensemble<A>,
    config: &'r EnsembleConfig,
    plan: &'r Plan,
    fingerprint: String,
    resumed_from: usize,
}

/// Builds this rank's members (and with `plan.resume` restores them), collectively: the
/// setup errors of [`train`].
pub fn start<'r, A: ArrayApi, C: Comm>(
    comm: &'r C,
    ns: &A::Namespace,
    config: &'r EnsembleConfig,
    data: &TrainData,
    plan: &'r Plan,
) -> Result<Started<'r, A, C>> {
    let range = member_range(config.members, comm.size(), comm.rank())?;
    agree(comm, "its checks", check_plan(plan))?;
    let built = Ensemble::<A>::part(ns, config, data, range.clone()).map_err(DistributedError::from);
    let mut ensemble = agree(comm, "to build its members", built)?;
    let fingerprint = checkpoint::fingerprint(config, data);
    let dir = plan.checkpoint_dir.clone().unwrap_or_default();
    let resumed_from = if plan.resume { resume(comm, &mut ensemble, &dir, &fingerprint)? } else { 0 };
    Ok(Started { comm, ensemble, config, plan, fingerprint, resumed_from })
}

impl<A: ArrayApi, C: Comm> Started<'_, A, C> {
    /// This rank's members, as they start (after the restored step, with `resume`).
    pub fn ensemble(&self) -> &Ensemble<A> {
        &self.ensemble
    }

    /// The step training starts from (0, or the checkpoint's).
    pub fn resumed_from(&self) -> usize {
        self.resumed_from
    }

    /// Trains to `plan.steps`: [`train`]'s second half.
    pub fn train(self, mut on_sync: impl FnMut(usize, f64, &Ensemble<A>)) -> Result<Trained<A>> {
        let Started { comm, mut ensemble, config, plan, fingerprint, resumed_from } = self;
        let dir = plan.checkpoint_dir.clone().unwrap_or_default();
        let mut losses = Vec::new();
        let (mut last, mut diverged, mut failed): (f64, Option<usize>, Option<EnsembleError>) = (0.0, None, None);
        for step in resumed_from + 1..=plan.steps {
            if diverged.is_none() && failed.is_none() {
                match ensemble.step() {
                    Ok(loss) => last = loss,
                    Err(EnsembleError::Diverged { step, .. }) => diverged = Some(step),
                    Err(e) => failed = Some(e),
                }
            }
            if step % plan.sync_every != 0 && step != plan.steps {
                continue;
            }
            // A few bytes per synchronisation: the loss, the earliest divergence, a failure.
            let mut sum = [if diverged.is_some() || failed.is_some() { 0.0 } else { last }];
            comm.all_reduce_sum(&mut sum);
            let earliest = comm.all_reduce_min(diverged.map_or(u64::MAX, |s| s as u64));
            agree(comm, format_args!("at step {step}"), failed.take().map_or(Ok(()), |e| Err(e.into())))?;
            if earliest != u64::MAX {
                return Err(EnsembleError::Diverged { step: earliest as usize, loss: f64::NAN }.into());
            }
            losses.push((step, sum[0]));
            on_sync(step, sum[0], &ensemble);
            if plan.checkpoint_every > 0 && step % plan.checkpoint_every == 0 {
                let state = ensemble.state()?;
                let written = checkpoint::write(
                    &dir,
                    config.members,
                    &Checkpoint { format: checkpoint::FORMAT, fingerprint: fingerprint.clone(), state },
                );
                agree(comm, "to write its checkpoint", written)?;
            }
        }
        Ok(Trained { ensemble, losses, resumed_from })
    }
}

fn check_plan(plan: &Plan) -> Result<()> {
    let bad = |m: String| Err(DistributedError::Setup(m));
    if plan.sync_every == 0 {
        return bad("sync_every must be at least 1".into());
    }
    if plan.checkpoint_every > 0 && !plan.checkpoint_every.is_multiple_of(plan.sync_every) {
        return bad(format!(
            "checkpoint_every ({}) must be a multiple of sync_every ({})",
            plan.checkpoint_every, plan.sync_every
        ));
    }
    if (plan.checkpoint_every > 0 || plan.resume) && plan.checkpoint_dir.is_none() {
        return bad("checkpoints need a checkpoint folder".into());
    }
    Ok(())
}

/// Agrees on the latest step every rank has a checkpoint of (each keeps two, so a rank
/// killed between another's write and its own still has the step before) and restores it.
fn resume<A: ArrayApi, C: Comm>(
    comm: &C,
    ensemble: &mut Ensemble<A>,
    dir: &std::path::Path,
    fingerprint: &str,
) -> Result<usize> {
    let (range, total) = (ensemble.members(), ensemble.config().members);
    let have = agree(comm, "to list its checkpoints", checkpoint::steps(dir, &range, total))?;
    let latest = have.last().map_or(0, |&s| s as u64);
    let common = comm.all_reduce_min(latest);
    let missing = have.is_empty() || !have.contains(&(common as usize));
    let outcome = if missing {
        Err(DistributedError::Checkpoint(format!(
            "rank {} has no checkpoint of members {range:?} at step {common} in {} (it has steps {have:?})",
            comm.rank(),
            dir.display()
        )))
    } else {
        checkpoint::read(dir, &range, total, common as usize, fingerprint)
            .and_then(|state| ensemble.restore(&state).map_err(Into::into))
    };
    agree(comm, "to restore its checkpoint", outcome)?;
    Ok(common as usize)
}

/// Every member's trainable parameters, joined over the ranks in member order, on every
/// rank (one all-gather per parameter array).
pub fn gather_parameters<A: ArrayApi, C: Comm>(comm: &C, ensemble: &Ensemble<A>) -> Result<Vec<HostArray>> {
    let dtype = ensemble.config().dtype;
    let mut out = Vec::new();
    for p in ensemble.parameters()? {
        let host = p.to_host().map_err(EnsembleError::from)?;
        let parts = comm.all_gather(&host.data().to_f64_vec());
        let values: Vec<f64> = parts.concat();
        let mut shape = host.shape().to_vec();
        let per_member: usize = shape[1..].iter().product();
        shape[0] = values.len() / per_member.max(1);
        out.push(HostArray::new(&shape, host_data(values, dtype)).map_err(EnsembleError::from)?);
    }
    Ok(out)
}

fn host_data(values: Vec<f64>, dtype: DType) -> HostData {
    match dtype {
        // Exact: the values were float32 before they became float64.
        DType::Float32 => HostData::F32(values.into_iter().map(|v| v as f32).collect()),
        _ => HostData::F64(values),
    }
}

/// Every member's predictions at `x`, joined over the ranks, on every rank; the mean and
/// standard deviation over all members are computed on the host in float64.
pub fn gather_predictions<A: ArrayApi, C: Comm>(comm: &C, ensemble: &Ensemble<A>, x: &[f64]) -> Result<Predictions> {
    let local = ensemble.predict(x)?;
    let q: Vec<f64> = comm.all_gather(&local.q).concat();
    let m = local.points;
    let k = q.len() / m.max(1);
    let mut mean = vec![0.0; m];
    let mut std = vec![0.0; m];
    for i in 0..m {
        let mu = (0..k).map(|j| q[j * m + i]).sum::<f64>() / k as f64;
        let var = (0..k).map(|j| (q[j * m + i] - mu).powi(2)).sum::<f64>() / k as f64;
        (mean[i], std[i]) = (mu, var.sqrt());
    }
    Ok(Predictions { members: k, points: m, q, mean, std })
}
