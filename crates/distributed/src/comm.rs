//! The communicator training needs, and the one-process communicator.

use std::ops::Range;

use crate::error::{DistributedError, Result};

/// What sharded training asks of a communicator. Every call is collective: every rank
/// makes it, in the same order.
pub trait Comm {
    /// This process's rank, `0..size`.
    fn rank(&self) -> usize;
    /// The number of ranks.
    fn size(&self) -> usize;
    /// Element-wise sum over the ranks, on every rank.
    fn all_reduce_sum(&self, values: &mut [f64]);
    /// The largest value over the ranks, on every rank.
    fn all_reduce_max(&self, value: u64) -> u64;
    /// The smallest value over the ranks, on every rank (by [`Comm::all_reduce_max`]).
    fn all_reduce_min(&self, value: u64) -> u64 {
        u64::MAX - self.all_reduce_max(u64::MAX - value)
    }
    /// Every rank's `values`, in rank order, on every rank (the lengths may differ).
    fn all_gather(&self, values: &[f64]) -> Vec<Vec<f64>>;
}

/// One process: rank 0 of 1, every collective the identity.
#[derive(Clone, Copy, Debug, Default)]
pub struct Solo;

impl Comm for Solo {
    fn rank(&self) -> usize {
        0
    }
    fn size(&self) -> usize {
        1
    }
    fn all_reduce_sum(&self, _values: &mut [f64]) {}
    fn all_reduce_max(&self, value: u64) -> u64 {
        value
    }
    fn all_gather(&self, values: &[f64]) -> Vec<Vec<f64>> {
        vec![values.to_vec()]
    }
}

/// The members rank `rank` of `size` holds: contiguous, balanced ranges of `0..members`
/// (the first `members % size` ranks one longer), the cut the trainer's threads use.
/// More ranks than members is a setup error (on every rank: each computes it alone).
pub fn member_range(members: usize, size: usize, rank: usize) -> Result<Range<usize>> {
    if size == 0 || rank >= size {
        return Err(DistributedError::Setup(format!("rank {rank} of {size} ranks")));
    }
    if size > members {
        return Err(DistributedError::Setup(format!(
            "{size} ranks for {members} members: every rank needs at least one member (use at most {members} ranks)"
        )));
    }
    let (base, extra) = (members / size, members % size);
    let start = rank * base + rank.min(extra);
    Ok(start..start + base + usize::from(rank < extra))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_members_contiguously() {
        let cut = |k, n| (0..n).map(|r| member_range(k, n, r).unwrap()).collect::<Vec<_>>();
        assert_eq!(cut(10, 3), vec![0..4, 4..7, 7..10]);
        assert_eq!(cut(8, 4), vec![0..2, 2..4, 4..6, 6..8]);
        assert_eq!(cut(5, 1), vec![0..5]);
        assert_eq!(cut(2, 2), vec![0..1, 1..2]);
        assert!(matches!(member_range(3, 4, 0), Err(DistributedError::Setup(m)) if m.contains("4 ranks for 3")));
        assert!(member_range(3, 2, 2).is_err());
    }
}
