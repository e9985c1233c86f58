//! `--bench-scaling`: strong and weak scaling over this run's ranks (MPI's with `--mpi`,
//! the devices of `--devices`), measured in one command.

use std::time::Instant;

use arrayapi::distributed::{self, Comm, Plan};
use arrayapi::ensemble::{Dataset, EnsembleConfig, TrainData};
use arrayapi::{Array, Namespace};
use serde_json::{json, Value};

use crate::cli::{Args, Setting};
use crate::run;

/// One measurement: `members` trained on the first `ranks` ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Case {
    /// Weak scaling (members per rank fixed) or strong (members fixed).
    pub weak: bool,
    pub ranks: usize,
    pub members: usize,
}

/// 1, 2, 4, ... below `ranks`, then `ranks`.
fn rank_counts(ranks: usize) -> Vec<usize> {
    let mut counts: Vec<usize> =
        std::iter::successors(Some(1usize), |r| r.checked_mul(2)).take_while(|&r| r < ranks).collect();
    counts.push(ranks);
    counts
}

/// Strong scaling: `members` on every rank count; weak: `members / ranks` per rank, so
/// both end at `members` on every rank.
pub fn cases(ranks: usize, members: usize) -> Result<Vec<Case>, String> {
    if members < ranks {
        return Err(format!(
            "--bench-scaling over {ranks} ranks needs at least {ranks} members (weak scaling gives each rank \
             members / ranks), got {members}"
        ));
    }
    let per_rank = members / ranks;
    let mut out: Vec<Case> = rank_counts(ranks).into_iter().map(|r| Case { weak: false, ranks: r, members }).collect();
    out.extend(rank_counts(ranks).into_iter().map(|r| Case { weak: true, ranks: r, members: per_rank * r }));
    Ok(out)
}

/// What one case measured, its median over the rounds.
pub struct Measured {
    pub case: Case,
    pub seconds: Vec<f64>,
}

impl Measured {
    fn median(&self) -> f64 {
        let mut s = self.seconds.clone();
        s.sort_by(f64::total_cmp);
        let n = s.len();
        if n % 2 == 1 {
            s[n / 2]
        } else {
            0.5 * (s[n / 2 - 1] + s[n / 2])
        }
    }
}

fn unmeasured(cases: &[Case]) -> Vec<Measured> {
    cases.iter().map(|&case| Measured { case, seconds: Vec::new() }).collect()
}

/// The configuration, plan and data every case trains with (only the members differ).
pub struct Workload {
    setting: Setting,
    config: EnsembleConfig,
    plan: Plan,
    data: TrainData,
}

impl Workload {
    pub fn new(args: &Args, setting: Setting, data: &Dataset, sync_every: usize) -> Result<Self, String> {
        let config = run::config(args, setting);
        config.validate().map_err(|e| format!("{}: {e}", setting.name()))?;
        let plan = Plan { steps: args.steps as usize, sync_every, ..Default::default() };
        let data = TrainData::new(data.x.clone(), data.y.clone()).map_err(|e| e.to_string())?;
        Ok(Workload { setting, config, plan, data })
    }

    /// Seconds of the training loop of `members` over `comm`'s ranks (the slowest
    /// rank's; building the members is not timed).
    pub fn time<C: Comm>(&self, comm: &C, ns: &Namespace, members: usize) -> Result<f64, String> {
        let config = EnsembleConfig { members, ..self.config.clone() };
        let started =
            distributed::start::<Array, _>(comm, ns, &config, &self.data, &self.plan).map_err(|e| e.to_string())?;
        let t = Instant::now();
        started.train(|_, _, _| {}).map_err(|e| e.to_string())?;
        let nanos = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
        Ok(comm.all_reduce_max(nanos) as f64 * 1e-9)
    }
}

/// The scaling bench over the devices of `--devices`: each case on the first `ranks`
/// of them, one thread each; cases interleaved within each of `repeats` rounds.
pub fn on_devices(
    namespaces: &[Namespace],
    work: &Workload,
    cases: &[Case],
    repeats: usize,
) -> Result<Vec<Measured>, String> {
    let mut measured = unmeasured(cases);
    for _ in 0..repeats {
        for m in &mut measured {
            let t = run::on_local_ranks(&namespaces[..m.case.ranks], |comm, ns| work.time(comm, ns, m.case.members))?;
            m.seconds.push(t);
        }
    }
    Ok(measured)
}

/// The scaling bench over MPI's ranks: each case on world ranks `0..ranks` (the others
/// wait for it in the world's next collective); rank 0 gets the results.
#[cfg(feature = "mpi")]
pub fn on_mpi(
    world: &arrayapi::distributed::mpi::Mpi,
    ns: &Namespace,
    work: &Workload,
    cases: &[Case],
    repeats: usize,
) -> Result<Option<Vec<Measured>>, String> {
    use arrayapi::distributed::{agree, DistributedError};
    let mut measured = unmeasured(cases);
    for _ in 0..repeats {
        for m in &mut measured {
            let group = world.first(m.case.ranks);
            let outcome = match &group {
                Some(g) => work.time(g, ns, m.case.members).map(Some),
                None => Ok(None),
            };
            // Every world rank, in the case or not, learns whether it succeeded.
            let what = format_args!("the scaling case of {} members on {} ranks", m.case.members, m.case.ranks);
            let outcome = agree(world, what, outcome.map_err(DistributedError::Setup)).map_err(|e| e.to_string())?;
            m.seconds.extend(outcome);
        }
    }
    Ok((world.rank() == 0).then_some(measured))
}

/// The table and the JSON line of the results.
pub fn report(args: &Args, work: &Workload, measured: &[Measured], backend: &str, device: &str) -> (String, Value) {
    let steps = args.steps as f64;
    let base = |weak: bool| {
        measured.iter().find(|m| m.case.weak == weak && m.case.ranks == 1).map_or(f64::NAN, Measured::median)
    };
    let mut rows = Vec::new();
    let mut table = format!(
        "scaling: {}, {} steps, {} rounds (medians), {backend} on {device}\n{:<7} {:>5} {:>8} {:>9} {:>11} {:>8} {:>10}\n",
        work.setting.name(),
        args.steps,
        measured.first().map_or(0, |m| m.seconds.len()),
        "kind",
        "ranks",
        "members",
        "ms/step",
        "members/s",
        "speedup",
        "efficiency"
    );
    for m in measured {
        let t = m.median();
        let (kind, r, k) = (if m.case.weak { "weak" } else { "strong" }, m.case.ranks, m.case.members);
        // Strong: the speedup over one rank, and that per rank. Weak: one rank's time
        // over this one (the work per rank is the same), and the throughput's speedup.
        let t1 = base(m.case.weak);
        let (speedup, efficiency) = if m.case.weak {
            let e = t1 / t;
            (e * r as f64, e)
        } else {
            (t1 / t, t1 / t / r as f64)
        };
        let ms = 1e3 * t / steps;
        let rate = k as f64 * steps / t;
        table.push_str(&format!(
            "{kind:<7} {r:>5} {k:>8} {ms:>9.4} {rate:>11.0} {speedup:>8.2} {:>9.1}%\n",
            100.0 * efficiency
        ));
        rows.push(json!({
            "kind": kind,
            "ranks": r,
            "members": k,
            "ms_per_step": ms,
            "members_per_second": rate,
            "speedup": speedup,
            "efficiency": efficiency,
            "seconds": m.seconds,
        }));
    }
    let line = json!({
        "scaling": rows,
        "setting": work.setting.name(),
        "steps": args.steps,
        "sync_every": work.plan.sync_every,
        "backend": backend,
        "device": device,
        "config": crate::report::config_json(args),
    });
    (table, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_cover_powers_of_two_and_the_rank_count() {
        assert_eq!(rank_counts(1), vec![1]);
        assert_eq!(rank_counts(2), vec![1, 2]);
        assert_eq!(rank_counts(6), vec![1, 2, 4, 6]);
        assert_eq!(rank_counts(8), vec![1, 2, 4, 8]);
        let c = cases(3, 10).unwrap();
        let strong: Vec<_> = c.iter().filter(|c| !c.weak).map(|c| (c.ranks, c.members)).collect();
        let weak: Vec<_> = c.iter().filter(|c| c.weak).map(|c| (c.ranks, c.members)).collect();
        assert_eq!(strong, vec![(1, 10), (2, 10), (3, 10)]);
        assert_eq!(weak, vec![(1, 3), (2, 6), (3, 9)]);
        assert!(cases(4, 3).unwrap_err().contains("at least 4 members"));
    }
}
