//! The ensemble: K members trained together, one batched array program per step.

use std::ops::Range;

use arrayapi_core::{ArrayApi, HostArray};
use rand::rngs::StdRng;
use rand::seq::index::sample;
use rand::SeedableRng;

use crate::config::{EnsembleConfig, PriorSpec};
use crate::error::{check_finite, EnsembleError, Result};
use crate::mlp::{host, StackedMlp};
use crate::perturb;
use crate::prior::Prior;
use crate::shard::{join_lists, join_members, member_ranges, members_of, side_by_side, Batch, Shard};

/// Training inputs and targets, row-major: `x` is `[N, in]`, `y` is `[N, out]`.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainData {
    x: Vec<f64>,
    y: Vec<f64>,
    n: usize,
}

impl TrainData {
    /// One input and one target per point.
    pub fn new(x: Vec<f64>, y: Vec<f64>) -> Result<Self> {
        if x.is_empty() {
            return Err(EnsembleError::Data("no training points".into()));
        }
        if x.len() != y.len() {
            return Err(EnsembleError::Data(format!("{} inputs but {} targets", x.len(), y.len())));
        }
        check_finite("x", &x)?;
        check_finite("y", &y)?;
        let n = x.len();
        Ok(TrainData { x, y, n })
    }

    /// The inputs and targets, row-major.
    pub fn values(&self) -> (&[f64], &[f64]) {
        (&self.x, &self.y)
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Always `false` (empty data are rejected).
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// Where training stands, passed to an observer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Steps done so far (1-based after the first step).
    pub step: usize,
    /// Steps asked for.
    pub total: usize,
    /// The loss of the last step: the sum over members of each member's weighted MSE.
    pub loss: f64,
}

/// Per-member predictions and their spread, on the host.
#[derive(Clone, Debug, PartialEq)]
pub struct Predictions {
    /// Number of members K.
    pub members: usize,
    /// Number of points M.
    pub points: usize,
    /// `Q_k(x_m)`, member-major: `q[k * points + m]`.
    pub q: Vec<f64>,
    /// Mean over members.
    pub mean: Vec<f64>,
    /// Standard deviation over members (population: divides by K).
    pub std: Vec<f64>,
}

impl Predictions {
    /// Member `k`'s predictions (`None` for a `k` past the members, or for predictions
    /// whose `q` does not hold `members * points` values).
    pub fn member(&self, k: usize) -> Option<&[f64]> {
        if k >= self.members {
            return None;
        }
        let start = k.checked_mul(self.points)?;
        self.q.get(start..start.checked_add(self.points)?)
    }

    /// Whether the fields agree: `q` holds `members * points` values, `mean` and `std`
    /// `points` each.
    pub fn is_consistent(&self) -> bool {
        self.members.checked_mul(self.points) == Some(self.q.len())
            && self.mean.len() == self.points
            && self.std.len() == self.points
    }
}

/// An ensemble of K MLPs with randomized prior functions, on any backend `A`.
///
/// With `config.threads` above 1 the members are split into that many shards trained side
/// by side on rayon's threads (see [`EnsembleConfig::threads`]); the results do not depend
/// on it.
///
/// ```
/// use arrayapi_core::ArrayApi;
/// use arrayapi_ensemble::{Ensemble, EnsembleConfig, TrainData};
/// use arrayapi_ndarray::{NdArray, NdNamespace};
///
/// fn fit<A: ArrayApi>(ns: &A::Namespace) -> arrayapi_ensemble::Result<f64> {
///     let config = EnsembleConfig { members: 4, layers: vec![1, 8, 1], ..Default::default() };
///     let data = TrainData::new(vec![0.0, 0.5, 1.0], vec![0.0, 0.25, 1.0])?;
///     let mut ensemble = Ensemble::<A>::new(ns, &config, &data)?;
///     let report = ensemble.train(50, 0, |_, _| Ok(()))?;
///     Ok(report.final_loss)
/// }
///
/// // Any backend: here the ndarray backend, statically.
/// let loss = fit::<NdArray>(&NdNamespace)?;
/// assert!(loss.is_finite());
/// # Ok::<(), arrayapi_ensemble::EnsembleError>(())
/// ```
#[derive(Debug)]
pub struct Ensemble<A: ArrayApi> {
    config: EnsembleConfig,
    ns: A::Namespace,
    /// The members' prior, all K of them (only evaluated outside training).
    prior: Prior<A>,
    /// `[N, in]`, shared by every member.
    x: A,
    /// The members this ensemble holds (all K unless built by [`Ensemble::part`]).
    part: Range<usize>,
    /// The members, cut along the member axis, in order.
    shards: Vec<Shard<A>>,
    rng: StdRng,
    steps_done: usize,
}

/// An ensemble's training state on the host ([`Ensemble::state`]), for checkpoints.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TrainState {
    /// The members it holds.
    pub members: Range<usize>,
    /// Steps trained.
    pub steps_done: usize,
    /// Adam's step count (its bias corrections).
    pub adam_steps: i32,
    /// The trainable parameters, as [`Ensemble::parameters`].
    pub parameters: Vec<HostArray>,
    /// Adam's first moments, one per parameter.
    pub adam_m: Vec<HostArray>,
    /// Adam's second moments, one per parameter.
    pub adam_v: Vec<HostArray>,
}

/// What [`Ensemble::train`] returns.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainReport {
    /// Loss of every step.
    pub losses: Vec<f64>,
    /// Loss of the last step.
    pub final_loss: f64,
}

impl<A: ArrayApi> Ensemble<A> {
    /// An untrained ensemble with the prior `config.prior` describes.
    pub fn new(ns: &A::Namespace, config: &EnsembleConfig, data: &TrainData) -> Result<Self> {
        Self::build(ns, config, data, None, None)
    }

    /// Members `members` of the ensemble `config` describes, and only those: every
    /// member's randomness is drawn as for the whole ensemble (so member k is the same
    /// network whichever part holds it), then the part keeps its range. The parts of a
    /// cut of `0..K`, trained apart (on other processes or machines), give the parameters
    /// the whole ensemble gives, bit for bit; `config.threads` then splits the part.
    /// Its parameters, predictions and losses are the part's members' only.
    pub fn part(ns: &A::Namespace, config: &EnsembleConfig, data: &TrainData, members: Range<usize>) -> Result<Self> {
        if members.is_empty() || members.end > config.members {
            return Err(EnsembleError::Config(format!(
                "a part must be a non-empty range of the {} members, got {members:?}",
                config.members
            )));
        }
        if config.threads > members.len() {
            return Err(EnsembleError::Config(format!(
                "threads must be between 1 and the part's {} members, got {}",
                members.len(),
                config.threads
            )));
        }
        Self::build(ns, config, data, None, Some(members))
    }

    /// An untrained ensemble with a prior of the caller's (e.g. [`Prior::function`]);
    /// `config.prior` is ignored.
    pub fn with_prior(ns: &A::Namespace, config: &EnsembleConfig, data: &TrainData, prior: Prior<A>) -> Result<Self> {
        Self::build(ns, config, data, Some(prior), None)
    }

    fn build(
        ns: &A::Namespace,
        config: &EnsembleConfig,
        data: &TrainData,
        prior: Option<Prior<A>>,
        part: Option<Range<usize>>,
    ) -> Result<Self> {
        config.validate()?;
        let (k, dtype) = (config.members, config.dtype);
        let (d_in, d_out) = (config.layers[0], config.layers[config.layers.len() - 1]);
        if !data.x.len().is_multiple_of(d_in)
            || !data.y.len().is_multiple_of(d_out)
            || data.x.len() / d_in != data.y.len() / d_out
        {
            return Err(EnsembleError::Data(format!(
                "{} inputs and {} targets do not make points of {d_in} inputs and {d_out} outputs",
                data.x.len(),
                data.y.len()
            )));
        }
        config.check_working_set(data.x.len() / d_in)?;
        let n = data.x.len() / d_in;
        if let Some(b) = config.batch_size {
            if b > n {
                return Err(EnsembleError::Config(format!("batch size {b} exceeds the {n} training points")));
            }
        }
        // One generator, drawn in a fixed order: trainable nets, prior nets, perturbation.
        let mut rng = StdRng::seed_from_u64(config.seed);
        let net = StackedMlp::init(ns, k, &config.layers, config.activation, dtype, &mut rng)?;
        let prior = match (prior, config.prior) {
            (Some(p), _) => p,
            (None, PriorSpec::None) => Prior::None,
            (None, PriorSpec::RandomMlp { beta }) => Prior::RandomMlp {
                net: StackedMlp::init(ns, k, &config.layers, config.activation, dtype, &mut rng)?,
                beta,
            },
            (None, PriorSpec::Sin { beta, omega }) => Prior::sin(beta, omega),
        };
        let (weights, noise) = perturb::draw(config.perturbation, k, n, &mut rng)?;
        let x = A::from_host(ns, host(data.x.clone(), &[n, d_in], dtype)?)?;
        let y = A::from_host(ns, host(data.y.clone(), &[1, n, d_out], dtype)?)?;
        let noise = A::from_host(ns, host(noise, &[k, n, 1], dtype)?)?;
        let targets = y.add(&noise)?;
        let weights = A::from_host(ns, host(weights, &[k, n, 1], dtype)?)?;
        // The prior cannot change: evaluate it on the training inputs once.
        let prior_train = prior.eval(&x)?;
        // Everything is drawn for all K members first, so neither the part nor the
        // shards change it.
        let part = part.unwrap_or(0..k);
        let shards = member_ranges(part.len(), config.threads)
            .iter()
            .map(|r| {
                let r = part.start + r.start..part.start + r.end;
                Shard::cut(ns, &r, &net, &targets, &weights, prior_train.as_ref(), config.adam)
            })
            .collect::<Result<Vec<_>>>()?;
        let prior = prior.part(ns, &part)?;
        Ok(Ensemble { config: config.clone(), ns: ns.clone(), prior, x, part, shards, rng, steps_done: 0 })
    }

    /// The configuration.
    pub fn config(&self) -> &EnsembleConfig {
        &self.config
    }

    /// The members this ensemble holds: `0..K`, or the range given to [`Ensemble::part`].
    pub fn members(&self) -> Range<usize> {
        self.part.clone()
    }

    /// The trainable parameters of its members, `[W0, b0, W1, b1, ...]` with `W` of
    /// shape `[K, in, out]` (K the members held; joined from the shards when there are
    /// several).
    pub fn parameters(&self) -> Result<Vec<A>> {
        join_lists(self.shards.iter().map(|s| s.net.params().to_vec()).collect())
    }

    /// Replaces the trainable parameters (e.g. to check gradients numerically).
    pub fn set_parameters(&mut self, params: Vec<A>) -> Result<()> {
        if !self.fits_parameters(&params) {
            return Err(EnsembleError::Config(
                "new parameters must match the old ones in number, shape and dtype".into(),
            ));
        }
        let cut = self.per_shard(&params)?;
        for (shard, params) in self.shards.iter_mut().zip(cut) {
            *shard.net.params_mut() = params;
        }
        Ok(())
    }

    /// Whether `list` matches the parameters in number, shape and dtype: checked against
    /// the first shard's with the member axis widened to the members held (no need to
    /// join the shards just to read shapes).
    fn fits_parameters(&self, list: &[A]) -> bool {
        let (k, old) = (self.part.len(), self.shards.first().map_or(&[][..], |s| s.net.params()));
        let fits = |p: &A, o: &A| {
            p.dtype() == o.dtype()
                && p.shape()
                    .split_first()
                    .zip(o.shape().split_first())
                    .is_some_and(|((&pk, pr), (_, or))| pk == k && pr == or)
        };
        list.len() == old.len() && list.iter().zip(old).all(|(p, o)| fits(p, o))
    }

    /// Cuts each array of `list` (member axis first, one entry per member held) into the
    /// members of each shard: one list per shard.
    fn per_shard(&self, list: &[A]) -> Result<Vec<Vec<A>>> {
        member_ranges(self.part.len(), self.shards.len())
            .iter()
            .map(|range| list.iter().map(|a| members_of(&self.ns, a, range).map_err(EnsembleError::from)).collect())
            .collect()
    }

    /// The prior.
    pub fn prior(&self) -> &Prior<A> {
        &self.prior
    }

    /// Steps trained so far.
    pub fn steps_done(&self) -> usize {
        self.steps_done
    }

    /// The training batch for the next step: all points, or a minibatch drawn without
    /// replacement (the same points for every member).
    fn batch(&mut self) -> Result<Batch<A>> {
        let n = self.x.shape()[0];
        match self.config.batch_size {
            Some(b) if b < n => {
                let idx: Vec<i64> = sample(&mut self.rng, n, b).into_iter().map(|i| i as i64).collect();
                let idx = A::asarray(&self.ns, &idx, &[b])?;
                Ok(Batch { x: self.x.take(&idx, Some(0))?, points: Some(idx), n: b })
            }
            _ => Ok(Batch { x: self.x.clone(), points: None, n }),
        }
    }

    /// Every shard's loss (read to the host) and gradients, computed side by side.
    fn shard_losses(&self, batch: &Batch<A>) -> Result<Vec<(f64, Vec<A>)>> {
        side_by_side(self.shards.iter().collect(), |shard| {
            let (loss, grads) = shard.loss_grads(batch)?;
            Ok((scalar(&loss)?, grads))
        })
    }

    /// The loss (sum over members of each member's weighted MSE) and its gradient with
    /// respect to every trainable parameter, on the full batch.
    pub fn loss_and_gradients(&self) -> Result<(f64, Vec<A>)> {
        let batch = Batch { x: self.x.clone(), points: None, n: self.x.shape()[0] };
        let (losses, grads): (Vec<f64>, Vec<Vec<A>>) = self.shard_losses(&batch)?.into_iter().unzip();
        Ok((losses.iter().sum(), join_lists(grads)?))
    }

    /// One Adam step; returns its loss. A non-finite loss is [`EnsembleError::Diverged`]
    /// and leaves the parameters as they were.
    pub fn step(&mut self) -> Result<f64> {
        let batch = self.batch()?;
        let (losses, grads): (Vec<f64>, Vec<Vec<A>>) = self.shard_losses(&batch)?.into_iter().unzip();
        let loss = losses.iter().sum();
        self.steps_done += 1;
        if !f64::is_finite(loss) {
            return Err(EnsembleError::Diverged { step: self.steps_done, loss });
        }
        side_by_side(self.shards.iter_mut().zip(&grads).collect(), |(shard, g)| shard.update(g))?;
        Ok(loss)
    }

    /// Trains `steps` steps. Every `observe_every` steps (and after the last; never if 0)
    /// `observer` sees the progress and the ensemble, e.g. to record predictions for an
    /// animation; an error from it stops training and is returned.
    ///
    /// With several shards the whole loop, observer included, runs on one of rayon's
    /// threads: each step then forks from a pool thread whose peers are still awake from
    /// the step before, instead of waking the pool from outside twice a step (which
    /// costs tens of microseconds on a small VM).
    pub fn train(
        &mut self,
        steps: usize,
        observe_every: usize,
        observer: impl FnMut(&Progress, &Self) -> Result<()> + Send,
    ) -> Result<TrainReport> {
        if self.shards.len() == 1 {
            return self.train_here(steps, observe_every, observer);
        }
        rayon::scope(|_| self.train_here(steps, observe_every, observer))
    }

    fn train_here(
        &mut self,
        steps: usize,
        observe_every: usize,
        mut observer: impl FnMut(&Progress, &Self) -> Result<()>,
    ) -> Result<TrainReport> {
        // (Reserved for at most 2^16 steps: an observer may stop a run of usize::MAX.)
        let mut losses = Vec::with_capacity(steps.min(1 << 16));
        for i in 1..=steps {
            let loss = self.step()?;
            losses.push(loss);
            if observe_every > 0 && (i % observe_every == 0 || i == steps) {
                observer(&Progress { step: i, total: steps, loss }, self)?;
            }
        }
        let final_loss = losses.last().copied().unwrap_or(f64::NAN);
        Ok(TrainReport { losses, final_loss })
    }

    /// Everything training has changed, copied to the host: the parameters, Adam's
    /// moments and step count, and the steps done. With the configuration and data it
    /// was built from, it restores the ensemble exactly ([`Ensemble::restore`]).
    pub fn state(&self) -> Result<TrainState> {
        let host = |v: Vec<A>| v.iter().map(|a| a.to_host().map_err(EnsembleError::from)).collect::<Result<Vec<_>>>();
        let (mut m, mut v) = (Vec::new(), Vec::new());
        for s in &self.shards {
            let (sm, sv) = s.moments();
            m.push(sm.to_vec());
            v.push(sv.to_vec());
        }
        Ok(TrainState {
            members: self.part.clone(),
            steps_done: self.steps_done,
            adam_steps: self.shards.first().map_or(0, Shard::adam_steps),
            parameters: host(self.parameters()?)?,
            adam_m: host(join_lists(m)?)?,
            adam_v: host(join_lists(v)?)?,
        })
    }

    /// Puts back a [`TrainState`] taken from an ensemble of the same configuration,
    /// data and members; the ensemble then trains on exactly as the one it was taken
    /// from would have (minibatches included: the draws of the steps done are replayed).
    pub fn restore(&mut self, state: &TrainState) -> Result<()> {
        if state.members != self.part || self.steps_done != 0 {
            return Err(EnsembleError::Config(format!(
                "a state of members {:?} restores a fresh ensemble of the same members; this one holds {:?} \
                 and has trained {} steps",
                state.members, self.part, self.steps_done
            )));
        }
        let device = |list: &[HostArray]| {
            list.iter()
                .map(|h| A::from_host(&self.ns, h.clone()).map_err(EnsembleError::from))
                .collect::<Result<Vec<_>>>()
        };
        let (params, m, v) = (device(&state.parameters)?, device(&state.adam_m)?, device(&state.adam_v)?);
        if !(self.fits_parameters(&params) && self.fits_parameters(&m) && self.fits_parameters(&v)) {
            return Err(EnsembleError::Config("the state's arrays do not match this ensemble's parameters".into()));
        }
        self.set_parameters(params)?;
        let moments = self.per_shard(&m)?.into_iter().zip(self.per_shard(&v)?);
        for (shard, (m, v)) in self.shards.iter_mut().zip(moments) {
            shard.set_moments(m, v, state.adam_steps);
        }
        // Replay the minibatch draws of the steps done, so the next batch is the one the
        // interrupted run would have drawn.
        let n = self.x.shape()[0];
        if let Some(b) = self.config.batch_size.filter(|&b| b < n) {
            for _ in 0..state.steps_done {
                sample(&mut self.rng, n, b);
            }
        }
        self.steps_done = state.steps_done;
        Ok(())
    }

    /// Every member's prediction `Q_k(x)` at inputs `x` (`[M, in]` row-major), with the
    /// mean and standard deviation over members, copied to the host.
    pub fn predict(&self, x: &[f64]) -> Result<Predictions> {
        check_finite("prediction input", x)?;
        let d_in = self.config.layers[0];
        if x.is_empty() || !x.len().is_multiple_of(d_in) {
            return Err(EnsembleError::Data(format!("{} prediction inputs do not make points of {d_in}", x.len())));
        }
        if self.config.layers[self.config.layers.len() - 1] != 1 {
            return Err(EnsembleError::Config("predict summarises networks with one output".into()));
        }
        let m = x.len() / d_in;
        let xa = A::from_host(&self.ns, host(x.to_vec(), &[m, d_in], self.config.dtype)?)?;
        let mut q = join_members(self.shards.iter().map(|s| s.net.forward(&xa)).collect::<Result<Vec<_>, _>>()?)?;
        if let Some(p) = self.prior.eval(&xa)? {
            q = q.add(&p)?;
        }
        let q = q.squeeze(-1)?; // [K, M, 1] -> [K, M]
        let k = self.part.len();
        let mean = q.mean(0, false)?;
        let std = q.std(0, 0.0, false)?;
        Ok(Predictions { members: k, points: m, q: to_f64(&q)?, mean: to_f64(&mean)?, std: to_f64(&std)? })
    }
}

fn to_f64<A: ArrayApi>(x: &A) -> Result<Vec<f64>> {
    Ok(x.to_host()?.data().to_f64_vec())
}

fn scalar<A: ArrayApi>(x: &A) -> Result<f64> {
    to_f64(x)?.first().copied().ok_or_else(|| EnsembleError::Data("empty loss".into()))
}
