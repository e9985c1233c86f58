//! Shards: groups of members, each trained on its own thread.
//!
//! Members never interact: the loss is a sum of per-member terms, so each member's
//! gradient depends on that member alone. The ensemble can therefore be cut along the
//! member axis into shards that run a step side by side with nothing shared but the
//! (read-only) inputs and nothing exchanged but each shard's loss. Every array function a
//! step calls computes each member's slice the same way whatever the number of members,
//! so the parameters after any number of steps do not depend on the number of shards;
//! only the reported loss, a sum of the shards' sums, may differ in its last bits.

use std::ops::Range;

use arrayapi_core::{ArrayApi, Axes};
use rayon::prelude::*;

use crate::adam::Adam;
use crate::config::AdamConfig;
use crate::error::{EnsembleError, Result};
use crate::mlp::StackedMlp;

/// `shards` contiguous, balanced ranges of `members` (the first `members % shards` one
/// longer).
pub(crate) fn member_ranges(members: usize, shards: usize) -> Vec<Range<usize>> {
    let (base, extra) = (members / shards, members % shards);
    let mut start = 0;
    (0..shards)
        .map(|s| {
            let len = base + usize::from(s < extra);
            start += len;
            start - len..start
        })
        .collect()
}

/// Members `range` of `a` (member axis first), as a new array.
pub(crate) fn members_of<A: ArrayApi>(ns: &A::Namespace, a: &A, range: &Range<usize>) -> arrayapi_core::Result<A> {
    if range.start == 0 && range.end == a.shape()[0] {
        return Ok(a.clone());
    }
    let idx: Vec<i64> = range.clone().map(|i| i as i64).collect();
    a.take(&A::asarray(ns, &idx, &[idx.len()])?, Some(0))
}

/// The arrays one step trains on: the inputs shared by every shard, and the minibatch's
/// point indices (`None` on the full batch).
pub(crate) struct Batch<A> {
    pub(crate) x: A,
    pub(crate) points: Option<A>,
    pub(crate) n: usize,
}

/// The members `range` of an ensemble: their trainable networks, data perturbation,
/// prior on the training inputs and optimiser state.
#[derive(Debug)]
pub(crate) struct Shard<A: ArrayApi> {
    pub(crate) net: StackedMlp<A>,
    /// `[k, N, out]`: targets with this shard's noise.
    targets: A,
    /// `[k, N, 1]`: this shard's loss weights.
    weights: A,
    /// `[k, N, out]` for a per-member prior, `[N, out]` for a shared one.
    prior_train: Option<A>,
    adam: Adam<A>,
}

impl<A: ArrayApi> Shard<A> {
    /// Cuts members `range` out of the whole ensemble's arrays.
    pub(crate) fn cut(
        ns: &A::Namespace,
        range: &Range<usize>,
        net: &StackedMlp<A>,
        targets: &A,
        weights: &A,
        prior_train: Option<&A>,
        adam: AdamConfig,
    ) -> Result<Self> {
        let net = net.members(ns, range)?;
        let prior_train = match prior_train {
            Some(p) if p.ndim() == 3 => Some(members_of(ns, p, range)?),
            other => other.cloned(),
        };
        let adam = Adam::new(adam, net.params())?;
        Ok(Shard {
            targets: members_of(ns, targets, range)?,
            weights: members_of(ns, weights, range)?,
            net,
            prior_train,
            adam,
        })
    }

    /// This shard's loss (the sum over its members of each member's weighted MSE) and
    /// its gradient with respect to each of its parameters.
    pub(crate) fn loss_grads(&self, batch: &Batch<A>) -> Result<(A, Vec<A>)> {
        let (targets, weights, prior) = match &batch.points {
            Some(idx) => (
                self.targets.take(idx, Some(1))?,
                self.weights.take(idx, Some(1))?,
                match &self.prior_train {
                    Some(p) => Some(p.take(idx, Some(p.ndim() as isize - 2))?),
                    None => None,
                },
            ),
            None => (self.targets.clone(), self.weights.clone(), self.prior_train.clone()),
        };
        let (out, cache) = self.net.forward_cached(&batch.x)?;
        let q = match prior {
            Some(p) => out.add(&p)?,
            None => out,
        };
        // L = sum_k (1/n) sum_i w_ki (q_ki - y_ki)^2 ;  dL/dq = (2/n) w (q - y)
        let n = batch.n as f64;
        let residual = q.subtract(&targets)?;
        let weighted = residual.multiply(&weights)?;
        let loss = weighted.multiply(&residual)?.sum(Axes::All, false)?.divide(n)?;
        let d_q = weighted.multiply(2.0 / n)?;
        let grads = self.net.backward(&d_q, &cache)?;
        Ok((loss, grads))
    }

    /// Adam's moments.
    pub(crate) fn moments(&self) -> (&[A], &[A]) {
        self.adam.moments()
    }

    /// Adam's step count.
    pub(crate) fn adam_steps(&self) -> i32 {
        self.adam.steps()
    }

    /// Replaces Adam's moments and step count (restoring a checkpoint).
    pub(crate) fn set_moments(&mut self, m: Vec<A>, v: Vec<A>, t: i32) {
        self.adam.set_state(m, v, t);
    }

    /// One Adam update of this shard's parameters.
    pub(crate) fn update(&mut self, grads: &[A]) -> Result<()> {
        Ok(self.adam.update(self.net.params_mut(), grads)?)
    }
}

/// `f` on every item (one per shard), each on its own thread of rayon's pool (on the
/// calling thread when there is one), results in order; the first error wins.
pub(crate) fn side_by_side<S: Send, T: Send>(
    items: Vec<S>,
    f: impl Fn(S) -> Result<T> + Send + Sync,
) -> Result<Vec<T>> {
    if items.len() == 1 {
        return items.into_iter().map(f).collect();
    }
    items.into_par_iter().map(f).collect()
}

/// Joins the shards' values of one array per member (parameters, gradients, predictions)
/// back along the member axis.
pub(crate) fn join_members<A: ArrayApi>(parts: Vec<A>) -> Result<A> {
    match <[A; 1]>::try_from(parts) {
        Ok([one]) => Ok(one),
        Err(parts) => A::concat(&parts, Some(0)).map_err(EnsembleError::from),
    }
}

/// Joins one list of per-member arrays per shard (every shard's parameters, or
/// gradients) into one list over all the members.
pub(crate) fn join_lists<A: ArrayApi>(per_shard: Vec<Vec<A>>) -> Result<Vec<A>> {
    let count = per_shard.first().map_or(0, Vec::len);
    let mut columns: Vec<Vec<A>> = (0..count).map(|_| Vec::with_capacity(per_shard.len())).collect();
    for list in per_shard {
        for (column, a) in columns.iter_mut().zip(list) {
            column.push(a);
        }
    }
    columns.into_iter().map(join_members).collect()
}

#[cfg(test)]
mod tests {
    use super::member_ranges;

    #[test]
    fn ranges_cover_the_members_in_balanced_contiguous_pieces() {
        assert_eq!(member_ranges(40, 1), vec![0..40]);
        assert_eq!(member_ranges(40, 2), vec![0..20, 20..40]);
        assert_eq!(member_ranges(10, 3), vec![0..4, 4..7, 7..10]);
        assert_eq!(member_ranges(2, 2), vec![0..1, 1..2]);
    }
}
