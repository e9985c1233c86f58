//! Ranks as threads of one process: several devices (GPUs) in one process without MPI,
//! one rank per device, trained by the same [`train`](crate::train) as MPI's ranks.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use arrayapi_core::ArrayApi;
use arrayapi_ensemble::{Ensemble, EnsembleConfig, TrainData};

use crate::comm::Comm;
use crate::error::{DistributedError, Result};
use crate::train::{train, Plan, Trained};

/// One rank of a group of threads in this process ([`Local::group`]). Its collectives
/// meet the group's other ranks in shared memory; as with MPI, every rank must make every
/// collective in the same order. A rank that panics, or is dropped while the others
/// still make collectives, makes them panic at their next collective instead of waiting
/// for it forever.
#[derive(Debug)]
pub struct Local {
    rank: usize,
    size: usize,
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    round: Mutex<Round>,
    done: Condvar,
    /// `Round::generation`, readable without the lock: a waiting rank spins on it for a
    /// while before it sleeps on `done` (waking a sleeping thread takes tens of
    /// microseconds, as long as a small step).
    completed: AtomicU64,
}

/// How long a rank spins for a collective to complete before it sleeps.
const SPIN: Duration = Duration::from_micros(100);

#[derive(Debug)]
struct Round {
    /// Collectives completed so far.
    generation: u64,
    /// This collective's contributions, by rank.
    slots: Vec<Option<Vec<u64>>>,
    /// The last completed collective's contributions, in rank order.
    result: Arc<Vec<Vec<u64>>>,
    /// Ranks dropped (finished or unwound): no further collective can complete.
    gone: usize,
}

impl Local {
    /// `size` ranks (at least 1) that make collectives with each other: give one to each
    /// thread.
    pub fn group(size: usize) -> Vec<Local> {
        let size = size.max(1);
        let shared = Arc::new(Shared {
            round: Mutex::new(Round { generation: 0, slots: vec![None; size], result: Arc::new(Vec::new()), gone: 0 }),
            done: Condvar::new(),
            completed: AtomicU64::new(0),
        });
        (0..size).map(|rank| Local { rank, size, shared: Arc::clone(&shared) }).collect()
    }

    fn lock(&self) -> MutexGuard<'_, Round> {
        // A rank that panicked while holding the lock left consistent state (every
        // update below is completed before anything that can panic).
        self.shared.round.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Every rank's `mine`, in rank order, once every rank has given its own.
    fn exchange(&self, mine: Vec<u64>) -> Arc<Vec<Vec<u64>>> {
        let mut round = self.lock();
        let left = |round: &Round| {
            format!(
                "rank {} of a local group: {} other rank(s) ended before this collective (a panic, or a \
                 collective the others did not make)",
                self.rank, round.gone
            )
        };
        if round.gone > 0 {
            std::panic::panic_any(GroupBroken(left(&round)));
        }
        let generation = round.generation;
        round.slots[self.rank] = Some(mine);
        if round.slots.iter().all(Option::is_some) {
            round.result = Arc::new(round.slots.iter_mut().map(|s| s.take().unwrap_or_default()).collect());
            round.generation += 1;
            self.shared.completed.store(round.generation, Ordering::Release);
            self.shared.done.notify_all();
            return Arc::clone(&round.result);
        }
        drop(round);
        let start = Instant::now();
        while self.shared.completed.load(Ordering::Acquire) == generation && start.elapsed() < SPIN {
            std::hint::spin_loop();
        }
        // The result stays until the next collective completes, which needs this rank.
        let mut round = self.lock();
        while round.generation == generation {
            if round.gone > 0 {
                std::panic::panic_any(GroupBroken(left(&round)));
            }
            round = self.shared.done.wait(round).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        Arc::clone(&round.result)
    }
}

/// The panic of a rank whose collective cannot complete because another rank ended: a
/// consequence, which [`train_local`] tells from the panic that caused it.
#[derive(Debug)]
struct GroupBroken(String);

impl Drop for Local {
    fn drop(&mut self) {
        self.lock().gone += 1;
        self.shared.done.notify_all();
    }
}

impl Comm for Local {
    fn rank(&self) -> usize {
        self.rank
    }

    fn size(&self) -> usize {
        self.size
    }

    fn all_reduce_sum(&self, values: &mut [f64]) {
        let all = self.exchange(values.iter().map(|v| v.to_bits()).collect());
        // In rank order on every rank: every rank gets the same bits (and from the first
        // rank's value, not from +0, so that a sum of -0s stays -0, as MPI's does).
        for (i, v) in values.iter_mut().enumerate() {
            *v = all.iter().map(|r| f64::from_bits(r[i])).reduce(|acc, x| acc + x).unwrap_or(*v);
        }
    }

    fn all_reduce_max(&self, value: u64) -> u64 {
        self.exchange(vec![value]).iter().map(|r| r[0]).max().unwrap_or(value)
    }

    fn all_gather(&self, values: &[f64]) -> Vec<Vec<f64>> {
        let all = self.exchange(values.iter().map(|v| v.to_bits()).collect());
        all.iter().map(|r| r.iter().map(|&b| f64::from_bits(b)).collect()).collect()
    }
}

/// Trains the ensemble `config` describes with one rank per namespace, each on its own
/// thread of this process: one shard of the members per device (`[cuda:0, cuda:1]`),
/// the same cut, collectives and checkpoints as MPI's ranks, so the parameters equal a
/// one-process run's bit for bit. `on_sync(comm, step, loss, ensemble)` runs on every
/// rank's thread at every synchronisation (a collective in it, such as
/// [`gather_predictions`](crate::gather_predictions), is made by every rank). Returns
/// every rank's result, in rank order; a failure is the lowest rank's error (every rank
/// has one: see [`train`]), a panic on a rank a [`DistributedError::Setup`] naming it.
pub fn train_local<A, F>(
    namespaces: &[A::Namespace],
    config: &EnsembleConfig,
    data: &TrainData,
    plan: &Plan,
    on_sync: F,
) -> Result<Vec<Trained<A>>>
where
    A: ArrayApi + Send,
    A::Namespace: Sync,
    F: Fn(&Local, usize, f64, &Ensemble<A>) + Sync,
{
    let ranks =
        on_ranks(namespaces, |comm, ns| train::<A, _>(comm, ns, config, data, plan, |s, l, e| on_sync(comm, s, l, e)))?;
    ranks.into_iter().collect()
}

/// `f(comm, item)` on one thread per item (a namespace, a device), each a rank of one
/// [`Local`] group; every rank's result, in rank order. A panic on a rank is a
/// [`DistributedError::Setup`] naming it: the rank that caused it, not the others that
/// could then no longer complete a collective.
pub fn on_ranks<N: Sync, R: Send>(items: &[N], f: impl Fn(&Local, &N) -> R + Sync) -> Result<Vec<R>> {
    if items.is_empty() {
        return Err(DistributedError::Setup("a local group needs at least one namespace".into()));
    }
    let f = &f;
    let joined: Vec<std::thread::Result<R>> = std::thread::scope(|scope| {
        let handles: Vec<_> = Local::group(items.len())
            .into_iter()
            .zip(items)
            .map(|(comm, item)| scope.spawn(move || f(&comm, item)))
            .collect();
        handles.into_iter().map(|h| h.join()).collect()
    });
    // A rank's own panic is the cause; the others' `GroupBroken` panics its consequence.
    let cause = joined
        .iter()
        .enumerate()
        .filter_map(|(rank, r)| r.as_ref().err().map(|panic| (rank, panic)))
        .min_by_key(|(_, panic)| panic.is::<GroupBroken>());
    if let Some((rank, panic)) = cause {
        return Err(DistributedError::Setup(format!("rank {rank} panicked: {}", panic_message(panic.as_ref()))));
    }
    Ok(joined.into_iter().flatten().collect())
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(GroupBroken(m)) = panic.downcast_ref::<GroupBroken>() {
        return m.clone();
    }
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f(comm)` on one thread per rank of a group of `n`, results in rank order.
    fn on_threads<T: Send>(n: usize, f: impl Fn(&Local) -> T + Sync) -> Vec<T> {
        std::thread::scope(|s| {
            let handles: Vec<_> = Local::group(n).into_iter().map(|c| s.spawn(|| f(&{ c }))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        })
    }

    #[test]
    fn collectives_meet_every_rank() {
        let out = on_threads(3, |c| {
            let r = c.rank() as f64;
            let mut v = [r, 10.0 * r, -0.0];
            c.all_reduce_sum(&mut v);
            let max = c.all_reduce_max(7 + c.rank() as u64 * 100);
            let min = c.all_reduce_min(7 + c.rank() as u64 * 100);
            let gathered = c.all_gather(&vec![r; c.rank()]);
            // Many rounds in a row: no rank may overtake another's result.
            let rounds: Vec<u64> = (0..200).map(|i| c.all_reduce_max(i * 3 + c.rank() as u64)).collect();
            (v, max, min, gathered, rounds, c.size())
        });
        for (v, max, min, gathered, rounds, size) in out {
            assert_eq!(v[..2], [3.0, 30.0]);
            assert!(v[2] == 0.0 && v[2].is_sign_negative(), "-0 + -0 + -0 is -0");
            assert_eq!((max, min, size), (207, 7, 3));
            assert_eq!(gathered, vec![vec![], vec![1.0], vec![2.0, 2.0]]);
            assert_eq!(rounds, (0..200).map(|i| i * 3 + 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_rank_that_fails_stops_every_rank() {
        let out = on_threads(3, |c| {
            let mine = if c.rank() == 1 { Err(DistributedError::Setup("no device".into())) } else { Ok(()) };
            crate::agree(c, "to open its device", mine)
        });
        assert!(matches!(&out[1], Err(DistributedError::Setup(m)) if m == "no device"));
        for r in [0, 2] {
            assert!(
                matches!(&out[r], Err(DistributedError::Setup(m)) if m.contains("rank 1 failed to open its device")),
                "{:?}",
                out[r]
            );
        }
    }

    #[test]
    fn a_rank_that_ends_early_is_a_panic_on_the_others_not_a_hang() {
        let mut group = Local::group(2);
        let (one, zero) = (group.pop().unwrap(), group.pop().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        // Rank 1's collective runs on a thread of its own, so that a hang fails this
        // test (below) instead of stalling the test run.
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one.all_reduce_max(1)));
            let _ = tx.send(r.is_err());
        });
        // Rank 0 ends without making the collective.
        drop(zero);
        let panicked = rx.recv_timeout(Duration::from_secs(20)).expect("the collective hung after rank 0 ended");
        assert!(panicked, "the collective with a departed rank returned");
    }
}
