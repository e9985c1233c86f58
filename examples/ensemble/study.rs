//! `--study`: the measured study that chooses the demo's defaults (docs/ensemble.md, "The
//! study"). It trains the four settings over a grid of prior scales, activations and
//! optimiser schedules on two data sets and several seeds, applies the rule written down
//! before the study first ran, then measures the chosen defaults on fresh seeds.

use std::time::Instant;

use arrayapi::ensemble::{Activation, DataKind, Dataset, Metrics, Region};
use arrayapi::Array;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::cli::{Args, Setting};
use crate::run;

/// The prior scales: the random MLP's beta, the sine's amplitude.
pub const BETAS: [f64; 5] = [0.3, 1.0, 3.0, 5.0, 10.0];
/// The activations, in the rule's tie-break order.
pub const ACTIVATIONS: [Activation; 3] = [Activation::Selu, Activation::Relu, Activation::Tanh];
/// The optimiser schedules, in the rule's tie-break order.
pub const SCHEDULES: [Schedule; 2] = [Schedule { lr: 0.05, steps: 1000 }, Schedule { lr: 0.01, steps: 3000 }];
/// The data sets.
pub const DATA: [DataKind; 2] = [DataKind::Gap, DataKind::Osband];
/// Eligibility: `prior-bootstrap`'s data-region RMSE at most this times `naive`'s.
pub const RMSE_FACTOR: f64 = 1.5;

/// An Adam learning rate with its number of full-batch steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    pub lr: f64,
    pub steps: u64,
}

impl Schedule {
    pub fn name(&self) -> String {
        format!("lr {} x {} steps", self.lr, self.steps)
    }
}

/// Reads one metric of a region.
pub type MetricOf = fn(&arrayapi::ensemble::RegionMetrics) -> f64;

/// The metrics the study reports, with their names in JSON and on the figure.
pub const METRICS: [(&str, MetricOf); 9] = [
    ("rmse", |r| r.rmse),
    ("nll", |r| r.nll),
    ("mixture_nll", |r| r.mixture_nll),
    ("dyadic_nll", |r| r.dyadic_nll),
    ("coverage_1sd", |r| r.coverage_1sd),
    ("coverage_2sd", |r| r.coverage_2sd),
    ("coverage_3sd", |r| r.coverage_3sd),
    ("calibration_error", |r| r.calibration_error),
    ("mean_std", |r| r.mean_std),
];

/// The reader of the metric called `name` in [`METRICS`].
pub fn metric(name: &str) -> Option<MetricOf> {
    METRICS.iter().find(|(n, _)| *n == name).map(|m| m.1)
}

/// One cell of the grid: everything but the seed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub data: DataKind,
    pub activation: Activation,
    pub schedule: usize,
    pub setting: Setting,
    /// `None` for `naive`.
    pub beta: Option<f64>,
}

/// A cell's results over its seeds.
pub struct CellResult {
    pub cell: Cell,
    /// The metrics of every seed that trained (in seed order).
    pub runs: Vec<(u64, Metrics)>,
    /// Seeds whose training failed (diverged), with the error.
    pub failed: Vec<(u64, String)>,
}

impl CellResult {
    /// Mean and sample standard deviation over the seeds that trained of `metric` in `region`.
    pub fn stat(&self, region: Region, name: &str) -> Option<(f64, f64)> {
        let read = metric(name)?;
        let values: Vec<f64> = self.runs.iter().filter_map(|(_, m)| m.region(region)).map(read).collect();
        mean_sd(&values)
    }

    /// Per seed, `(nll(gap) + nll(outside)) / 2`: the rule's score.
    pub fn scores(&self) -> Vec<f64> {
        self.runs.iter().map(|(_, m)| away_nll(m)).collect()
    }
}

/// `(nll(gap) + nll(outside)) / 2` (NaN when a region is missing).
pub fn away_nll(m: &Metrics) -> f64 {
    match (m.region(Region::Gap), m.region(Region::Outside)) {
        (Some(g), Some(o)) => 0.5 * (g.nll + o.nll),
        _ => f64::NAN,
    }
}

/// 2-sd coverage of `f*` over the gap and outside regions together (weighted by points).
pub fn away_coverage_2sd(m: &Metrics) -> f64 {
    let (mut covered, mut points) = (0.0, 0usize);
    for r in [Region::Gap, Region::Outside].iter().filter_map(|&r| m.region(r)) {
        covered += r.coverage_2sd * r.points as f64;
        points += r.points;
    }
    covered / points as f64
}

pub fn mean_sd(v: &[f64]) -> Option<(f64, f64)> {
    if v.is_empty() {
        return None;
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = if v.len() > 1 { (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt() } else { 0.0 };
    Some((mean, sd))
}

/// What the rule chose.
#[derive(Clone, Debug)]
pub struct Choice {
    pub activation: Activation,
    pub schedule: usize,
    pub beta: f64,
    /// `None` when no sine amplitude is eligible (the amplitude then stays as it was).
    pub beta_s: Option<f64>,
    pub score: f64,
    pub beta_s_score: f64,
}

/// Every cell of the grid.
fn cells() -> Vec<Cell> {
    let mut out = Vec::new();
    for data in DATA {
        for activation in ACTIVATIONS {
            for schedule in 0..SCHEDULES.len() {
                out.push(Cell { data, activation, schedule, setting: Setting::Naive, beta: None });
                for beta in BETAS {
                    for setting in [Setting::Prior, Setting::PriorBootstrap, Setting::SinBootstrap] {
                        out.push(Cell { data, activation, schedule, setting, beta: Some(beta) });
                    }
                }
            }
        }
    }
    out
}

/// The demo's arguments for one cell and seed: one thread per run (runs go side by side).
fn cell_args(base: &Args, cell: &Cell, seed: u64, steps_scale: f64) -> Args {
    let schedule = SCHEDULES[cell.schedule];
    let mut a = base.clone();
    a.data = cell.data;
    a.activation = cell.activation;
    a.lr = schedule.lr;
    a.steps = ((schedule.steps as f64 * steps_scale).round() as u64).max(1);
    a.seed = seed;
    a.threads = Some(1);
    if let Some(beta) = cell.beta {
        a.beta = beta;
        a.beta_s = beta;
    }
    a
}

/// Trains `jobs` (cell, seed) side by side on rayon's pool; a failed training is kept as
/// its error, any other failure stops the study.
fn train_all(
    base: &Args,
    jobs: &[(Cell, u64)],
    steps_scale: f64,
    label: &str,
) -> Result<Vec<Result<Metrics, String>>, String> {
    let bar = ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos:>5}/{len} runs, {elapsed} (eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(label.to_string());
    let out = jobs
        .par_iter()
        .map(|(cell, seed)| {
            let args = cell_args(base, cell, *seed, steps_scale);
            let ns = run::namespace(args.backend, args.device)?;
            let data =
                Dataset::generate(args.data, args.points.map(|p| p as usize), *seed).map_err(|e| e.to_string())?;
            let result = match run::train::<Array>(
                &ns,
                run::Job { args: &args, setting: cell.setting, data: &data, frames: 0, bar: None },
            ) {
                Ok(o) => Ok(o.metrics),
                Err(e @ arrayapi::ensemble::EnsembleError::Diverged { .. }) => Err(e.to_string()),
                Err(e) => return Err(format!("{} on {}: {e}", cell.setting.name(), cell.data)),
            };
            bar.inc(1);
            Ok(result)
        })
        .collect::<Result<Vec<_>, String>>();
    bar.finish();
    out
}

fn group(jobs: &[(Cell, u64)], results: Vec<Result<Metrics, String>>) -> Vec<CellResult> {
    let mut cells: Vec<CellResult> = Vec::new();
    for ((cell, seed), r) in jobs.iter().zip(results) {
        let i = match cells.iter().position(|c| c.cell == *cell) {
            Some(i) => i,
            None => {
                cells.push(CellResult { cell: *cell, runs: Vec::new(), failed: Vec::new() });
                cells.len() - 1
            }
        };
        match r {
            Ok(m) => cells[i].runs.push((*seed, m)),
            Err(e) => cells[i].failed.push((*seed, e)),
        }
    }
    cells
}

fn find<'a>(cells: &'a [CellResult], want: &Cell) -> Option<&'a CellResult> {
    cells.iter().find(|c| c.cell == *want)
}

fn mean_of(c: &CellResult, region: Region, metric: &str) -> Option<f64> {
    c.stat(region, metric).map(|s| s.0)
}

/// One candidate of the rule, with why it is or is not eligible.
pub struct Candidate {
    pub activation: Activation,
    pub schedule: usize,
    pub beta: f64,
    /// Mean and sd over seeds of the score.
    pub score: Option<(f64, f64)>,
    /// Its data-region RMSE over naive's.
    pub rmse_ratio: f64,
    pub failed: usize,
    pub eligible: bool,
}

/// The rule's candidates for `setting` on the `gap` data, restricted to `only` (activation,
/// schedule) if given, in tie-break order.
pub fn candidates(cells: &[CellResult], setting: Setting, only: Option<(Activation, usize)>) -> Vec<Candidate> {
    let mut out = Vec::new();
    for activation in ACTIVATIONS {
        for schedule in 0..SCHEDULES.len() {
            if only.is_some_and(|o| o != (activation, schedule)) {
                continue;
            }
            let naive = Cell { data: DataKind::Gap, activation, schedule, setting: Setting::Naive, beta: None };
            let naive_rmse = find(cells, &naive).and_then(|c| mean_of(c, Region::Data, "rmse"));
            for beta in BETAS {
                let cell = Cell { data: DataKind::Gap, activation, schedule, setting, beta: Some(beta) };
                let Some(c) = find(cells, &cell) else { continue };
                let rmse = mean_of(c, Region::Data, "rmse");
                let rmse_ratio = match (rmse, naive_rmse) {
                    (Some(r), Some(n)) => r / n,
                    _ => f64::NAN,
                };
                let score = mean_sd(&c.scores());
                let eligible =
                    c.failed.is_empty() && rmse_ratio <= RMSE_FACTOR && score.is_some_and(|s| s.0.is_finite());
                out.push(Candidate { activation, schedule, beta, score, rmse_ratio, failed: c.failed.len(), eligible });
            }
        }
    }
    out
}

/// The lowest score among the eligible; ties go to the earlier candidate (smaller beta,
/// then earlier activation and schedule).
fn best(candidates: &[Candidate]) -> Option<&Candidate> {
    let mut best: Option<&Candidate> = None;
    // Tie-break order: beta first, then activation, then schedule.
    let mut ordered: Vec<&Candidate> = candidates.iter().filter(|c| c.eligible).collect();
    let key = |c: &Candidate| {
        (
            BETAS.iter().position(|&b| b == c.beta).unwrap_or(0),
            ACTIVATIONS.iter().position(|&a| a == c.activation).unwrap_or(0),
            c.schedule,
        )
    };
    ordered.sort_by_key(|c| key(c));
    for c in ordered {
        let s = c.score.map_or(f64::INFINITY, |s| s.0);
        if best.is_none_or(|b| s < b.score.map_or(f64::INFINITY, |s| s.0) - 1e-9) {
            best = Some(c);
        }
    }
    best
}

/// The rule (docs/ensemble.md): `None` if no cell is eligible.
pub fn choose(cells: &[CellResult]) -> Option<Choice> {
    let pb = candidates(cells, Setting::PriorBootstrap, None);
    let win = best(&pb)?;
    let sin = candidates(cells, Setting::SinBootstrap, Some((win.activation, win.schedule)));
    let sin_win = best(&sin);
    Some(Choice {
        activation: win.activation,
        schedule: win.schedule,
        beta: win.beta,
        beta_s: sin_win.map(|c| c.beta),
        score: win.score.map_or(f64::NAN, |s| s.0),
        beta_s_score: sin_win.and_then(|c| c.score).map_or(f64::NAN, |s| s.0),
    })
}

/// A goal measured on the report seeds.
pub struct Goal {
    pub name: String,
    pub met: bool,
    pub detail: String,
}

/// The goals on the report seeds, from each setting's per-seed metrics.
pub fn goals(report: &[CellResult]) -> Vec<Goal> {
    let of = |s: Setting| report.iter().find(|c| c.cell.setting == s);
    let (Some(naive), Some(pb)) = (of(Setting::Naive), of(Setting::PriorBootstrap)) else { return Vec::new() };
    let mut out = Vec::new();
    let per_seed = |c: &CellResult, f: &dyn Fn(&Metrics) -> f64| -> Vec<(u64, f64)> {
        c.runs.iter().map(|(s, m)| (*s, f(m))).collect()
    };
    let region = |r: Region, name: &'static str| {
        let read = metric(name);
        move |m: &Metrics| m.region(r).zip(read).map_or(f64::NAN, |(x, read)| read(x))
    };
    let seeds_trained = naive.failed.is_empty() && pb.failed.is_empty() && naive.runs.len() == pb.runs.len();
    let beats = |name: &str, f: &dyn Fn(&Metrics) -> f64, vs: &CellResult, who: &CellResult| {
        let a = per_seed(who, f);
        let b = per_seed(vs, f);
        let wins = a.iter().zip(&b).filter(|(x, y)| x.1 < y.1).count();
        let detail = a
            .iter()
            .zip(&b)
            .map(|(x, y)| format!("seed {}: {:.3} vs {:.3}", x.0, x.1, y.1))
            .collect::<Vec<_>>()
            .join(", ");
        Goal { name: name.to_string(), met: seeds_trained && wins == a.len() && !a.is_empty(), detail }
    };
    out.push(beats("prior-bootstrap's gap NLL below naive's on every seed", &region(Region::Gap, "nll"), naive, pb));
    out.push(beats(
        "prior-bootstrap's outside NLL below naive's on every seed",
        &region(Region::Outside, "nll"),
        naive,
        pb,
    ));
    out.push(beats(
        "prior-bootstrap's gap dyadic NLL below naive's on every seed",
        &region(Region::Gap, "dyadic_nll"),
        naive,
        pb,
    ));
    out.push(beats(
        "prior-bootstrap's outside dyadic NLL below naive's on every seed",
        &region(Region::Outside, "dyadic_nll"),
        naive,
        pb,
    ));
    let cov = per_seed(pb, &away_coverage_2sd);
    let cov_mean = mean_sd(&cov.iter().map(|c| c.1).collect::<Vec<_>>()).map_or(f64::NAN, |s| s.0);
    out.push(Goal {
        name: "prior-bootstrap's 2-sd coverage of f* over gap and outside at least 0.85 (mean over seeds)".into(),
        met: cov_mean >= 0.85,
        detail: format!(
            "mean {cov_mean:.3}; {}",
            cov.iter().map(|c| format!("seed {}: {:.3}", c.0, c.1)).collect::<Vec<_>>().join(", ")
        ),
    });
    let rmse = |c: &CellResult| mean_of(c, Region::Data, "rmse").unwrap_or(f64::NAN);
    let ratio = rmse(pb) / rmse(naive);
    out.push(Goal {
        name: format!("prior-bootstrap's data-region RMSE at most {RMSE_FACTOR}x naive's (means over seeds)"),
        met: ratio <= RMSE_FACTOR,
        detail: format!("{:.3} vs {:.3}: {ratio:.2}x", rmse(pb), rmse(naive)),
    });
    out
}

/// A list of seeds, given on the command line as a range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seeds(pub Vec<u64>);

/// Parses `A-B` (inclusive) or a single seed.
pub fn parse_seeds(s: &str) -> Result<Seeds, String> {
    let bad = || format!("{s:?} is not a seed range: give A-B (inclusive) or one seed");
    let (a, b) = match s.split_once('-') {
        Some((a, b)) => (a.trim().parse::<u64>().map_err(|_| bad())?, b.trim().parse::<u64>().map_err(|_| bad())?),
        None => {
            let v = s.trim().parse::<u64>().map_err(|_| bad())?;
            (v, v)
        }
    };
    if a > b || b - a >= 1000 {
        return Err(format!("seed range {s:?} must be A-B with A <= B and at most 1000 seeds"));
    }
    Ok(Seeds((a..=b).collect()))
}

/// What the study produced.
pub struct Study {
    pub cells: Vec<CellResult>,
    pub choice: Option<Choice>,
    /// The four settings at the chosen defaults on the report seeds (`gap` data).
    pub report: Vec<CellResult>,
    pub goals: Vec<Goal>,
    pub seconds: f64,
}

/// Runs the grid on `study_seeds`, applies the rule, and trains the choice on `report_seeds`.
pub fn run(args: &Args, study_seeds: &[u64], report_seeds: &[u64], steps_scale: f64) -> Result<Study, String> {
    let start = Instant::now();
    let jobs: Vec<(Cell, u64)> = cells().into_iter().flat_map(|c| study_seeds.iter().map(move |&s| (c, s))).collect();
    let results = train_all(args, &jobs, steps_scale, "study")?;
    let cells = group(&jobs, results);
    let choice = choose(&cells);
    let (report, goals) = match &choice {
        Some(ch) => {
            let report_jobs: Vec<(Cell, u64)> = Setting::ALL
                .iter()
                .map(|&setting| Cell {
                    data: DataKind::Gap,
                    activation: ch.activation,
                    schedule: ch.schedule,
                    setting,
                    beta: match setting {
                        Setting::Naive => None,
                        Setting::SinBootstrap => Some(ch.beta_s.unwrap_or(args.beta_s)),
                        _ => Some(ch.beta),
                    },
                })
                .flat_map(|c| report_seeds.iter().map(move |&s| (c, s)))
                .collect();
            let results = train_all(args, &report_jobs, steps_scale, "fresh seeds")?;
            let report = group(&report_jobs, results);
            let goals = goals(&report);
            (report, goals)
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(Study { cells, choice, report, goals, seconds: start.elapsed().as_secs_f64() })
}

fn num(v: f64) -> Value {
    if v.is_finite() {
        json!(v)
    } else {
        Value::Null
    }
}

fn cell_json(c: &CellResult) -> Value {
    let mut regions = serde_json::Map::new();
    for region in Region::ALL {
        let mut metrics = serde_json::Map::new();
        for (name, _) in METRICS {
            if let Some((mean, sd)) = c.stat(region, name) {
                metrics.insert((*name).into(), json!({"mean": num(mean), "sd": num(sd)}));
            }
        }
        if !metrics.is_empty() {
            regions.insert(region.name().into(), Value::Object(metrics));
        }
    }
    let schedule = SCHEDULES[c.cell.schedule];
    json!({
        "data": c.cell.data.to_string(),
        "activation": c.cell.activation.to_string(),
        "lr": schedule.lr,
        "steps": schedule.steps,
        "setting": c.cell.setting.name(),
        "beta": c.cell.beta,
        "seeds": c.runs.iter().map(|r| r.0).collect::<Vec<_>>(),
        "failed": c.failed.iter().map(|(s, e)| json!({"seed": s, "error": e})).collect::<Vec<_>>(),
        "score_away_nll": mean_sd(&c.scores()).map(|(m, s)| json!({"mean": num(m), "sd": num(s)})),
        "regions": regions,
        "per_seed": c.runs.iter().map(|(s, m)| json!({
            "seed": s,
            "away_nll": num(away_nll(m)),
            "away_coverage_2sd": num(away_coverage_2sd(m)),
            "regions": m.regions.iter().map(|r| (r.region.name().to_string(),
                METRICS.iter().map(|(n, f)| ((*n).to_string(), num(f(r)))).collect::<serde_json::Map<_, _>>().into()))
                .collect::<serde_json::Map<String, Value>>(),
        })).collect::<Vec<_>>(),
    })
}

/// `study.json`.
pub fn to_json(args: &Args, study: &Study, study_seeds: &[u64], report_seeds: &[u64], steps_scale: f64) -> Value {
    json!({
        "grid": {
            "betas": BETAS,
            "activations": ACTIVATIONS.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            "schedules": SCHEDULES.iter().map(|s| json!({"lr": s.lr, "steps": s.steps})).collect::<Vec<_>>(),
            "data": DATA.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "study_seeds": study_seeds,
            "report_seeds": report_seeds,
            "steps_scale": steps_scale,
            "members": args.members,
            "hidden": args.hidden.0,
            "perturb": format!("{:?}", args.perturb).to_lowercase(),
            "omega": args.omega,
            "dtype": args.dtype.dtype().name(),
        },
        "rule": "prior-bootstrap on gap, seeds of study_seeds: eligible if it never diverged and its mean \
                 data-region RMSE <= 1.5x naive's at the same activation and schedule; lowest mean of \
                 (nll(gap) + nll(outside)) / 2 wins, ties to the smaller beta, then the earlier activation and \
                 schedule; the same for sin-bootstrap's amplitude at the winning activation and schedule",
        "choice": study.choice.as_ref().map(|c| json!({
            "activation": c.activation.to_string(),
            "lr": SCHEDULES[c.schedule].lr,
            "steps": SCHEDULES[c.schedule].steps,
            "beta": c.beta,
            "beta_s": c.beta_s,
            "score": num(c.score),
            "beta_s_score": num(c.beta_s_score),
        })),
        "cells": study.cells.iter().map(cell_json).collect::<Vec<_>>(),
        "report": study.report.iter().map(cell_json).collect::<Vec<_>>(),
        "goals": study.goals.iter().map(|g| json!({"goal": g.name, "met": g.met, "detail": g.detail})).collect::<Vec<_>>(),
        "seconds": study.seconds,
    })
}

/// The rule's table, the choice, and the report seeds' table and goals.
pub fn summary(study: &Study) -> String {
    let mut out = String::from(
        "prior-bootstrap on gap (seeds of the study): score = mean (NLL gap + NLL outside) / 2 over seeds (sd), \
         RMSE ratio = its data-region RMSE / naive's\n",
    );
    out += &format!(
        "{:<6} {:<22} {:>5} {:>16} {:>10} {:>8}\n",
        "act", "schedule", "beta", "score (sd)", "rmse ratio", "eligible"
    );
    for c in candidates(&study.cells, Setting::PriorBootstrap, None) {
        let score = c.score.map_or("-".to_string(), |(m, s)| format!("{m:.3} ({s:.3})"));
        out += &format!(
            "{:<6} {:<22} {:>5} {:>16} {:>10.2} {:>8}{}\n",
            c.activation.to_string(),
            SCHEDULES[c.schedule].name(),
            c.beta,
            score,
            c.rmse_ratio,
            if c.eligible { "yes" } else { "no" },
            if c.failed > 0 { format!(" ({} diverged)", c.failed) } else { String::new() }
        );
    }
    match &study.choice {
        None => out += "\nno cell is eligible: the defaults stay\n",
        Some(ch) => {
            out += &format!(
                "\nchosen: {} activation, {}, beta {} (score {:.3}); sine amplitude {} (score {:.3})\n",
                ch.activation,
                SCHEDULES[ch.schedule].name(),
                ch.beta,
                ch.score,
                ch.beta_s.map_or("unchanged (none eligible)".to_string(), |b| b.to_string()),
                ch.beta_s_score
            );
            out += "\nfresh seeds, gap data, the chosen defaults (mean (sd) over seeds):\n";
            out += &format!(
                "{:<16} {:<8} {:>14} {:>14} {:>14} {:>14} {:>12} {:>12}\n",
                "setting", "region", "rmse", "nll", "mixture nll", "dyadic nll", "cov2sd", "calib err"
            );
            for c in &study.report {
                for region in Region::ALL {
                    let cols: Vec<String> =
                        ["rmse", "nll", "mixture_nll", "dyadic_nll", "coverage_2sd", "calibration_error"]
                            .iter()
                            .map(|m| c.stat(region, m).map_or("-".into(), |(mean, sd)| format!("{mean:.3} ({sd:.3})")))
                            .collect();
                    out += &format!(
                        "{:<16} {:<8} {:>14} {:>14} {:>14} {:>14} {:>12} {:>12}\n",
                        c.cell.setting.name(),
                        region.name(),
                        cols[0],
                        cols[1],
                        cols[2],
                        cols[3],
                        cols[4],
                        cols[5]
                    );
                }
            }
            out += "\ngoals on the fresh seeds:\n";
            for g in &study.goals {
                out += &format!("  [{}] {}: {}\n", if g.met { "met" } else { "NOT MET" }, g.name, g.detail);
            }
        }
    }
    out += &format!("\nstudy took {:.0} s\n", study.seconds);
    out
}
