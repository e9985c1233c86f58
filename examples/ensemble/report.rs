//! The metrics table on the terminal and `metrics.json`.

use arrayapi::ensemble::Region;
use serde_json::{json, Map, Value};

use crate::cli::Args;
use crate::run::Outcome;

/// NaN and infinities become JSON `null` (JSON has no NaN).
fn num(v: f64) -> Value {
    if v.is_finite() {
        json!(v)
    } else {
        Value::Null
    }
}

/// The run's configuration, as recorded in every JSON output.
pub fn config_json(args: &Args) -> Value {
    json!({
        "members": args.members,
        "hidden": args.hidden.0,
        "activation": args.activation.to_string(),
        "beta": args.beta,
        "beta_s": args.beta_s,
        "omega": args.omega,
        "steps": args.steps,
        "lr": args.lr,
        "data": args.data.to_string(),
        "points": args.points,
        "perturb": format!("{:?}", args.perturb).to_lowercase(),
        "seed": args.seed,
        "frames": args.frames,
        "dtype": args.dtype.dtype().name(),
        "threads": args.threads(),
    })
}

/// `metrics.json`.
pub fn metrics_json(args: &Args, backend: &str, device: &str, outcomes: &[Outcome]) -> Value {
    let mut root = Map::new();
    for o in outcomes {
        let mut s = Map::new();
        for r in &o.metrics.regions {
            s.insert(
                r.region.name().into(),
                json!({
                    "points": r.points,
                    "rmse": num(r.rmse),
                    "nll": num(r.nll),
                    "coverage_1sd": num(r.coverage_1sd),
                    "coverage_2sd": num(r.coverage_2sd),
                    "coverage_3sd": num(r.coverage_3sd),
                    "mean_std": num(r.mean_std),
                    "mixture_nll": num(r.mixture_nll),
                    "dyadic_nll": num(r.dyadic_nll),
                    "calibration_error": num(r.calibration_error),
                }),
            );
        }
        s.insert("std_ratio_outside_over_data".into(), num(o.metrics.std_ratio_outside_over_data));
        s.insert("final_loss".into(), num(o.final_loss));
        s.insert("train_seconds".into(), num(o.train_seconds));
        root.insert(o.setting.name().into(), Value::Object(s));
    }
    root.insert("config".into(), config_json(args));
    root.insert("backend".into(), json!(backend));
    root.insert("device".into(), json!(device));
    Value::Object(root)
}

/// What each column of the table means, one line each.
pub const COLUMNS: [(&str, &str); 9] = [
    ("rmse", "root-mean-square error of the ensemble mean against the true function f*"),
    ("nll", "Gaussian NLL of f* + noise under N(mean, std^2 + noise^2), closed form (lower is better)"),
    ("mix_nll", "NLL under the mixture of the members, each N(Q_k(x), noise^2) (the neural testbed's)"),
    ("dyadic", "joint NLL per input of 10 inputs drawn from 2 anchor points: one member must explain all"),
    ("cov1sd", "fraction of grid points where f* is within mean ± 1 std (of the members)"),
    ("cov2sd", "... within mean ± 2 std (about 0.95 if the spread is calibrated)"),
    ("cov3sd", "... within mean ± 3 std"),
    ("calib", "mean |coverage - level| over central levels 0.1 to 0.9 (0 is calibrated)"),
    ("std", "mean standard deviation over the members (their disagreement)"),
];

/// The metrics as a table, with one line per column saying what it means.
pub fn table(outcomes: &[Outcome]) -> String {
    let mut out = format!("{:<16} {:<8}", "setting", "region");
    for (name, _) in COLUMNS {
        out += &format!(" {name:>7}");
    }
    out += "\n";
    for o in outcomes {
        for region in Region::ALL {
            if let Some(r) = o.metrics.region(region) {
                out += &format!("{:<16} {:<8}", o.setting.name(), region.name());
                for v in [
                    r.rmse,
                    r.nll,
                    r.mixture_nll,
                    r.dyadic_nll,
                    r.coverage_1sd,
                    r.coverage_2sd,
                    r.coverage_3sd,
                    r.calibration_error,
                    r.mean_std,
                ] {
                    out += &format!(" {v:>7.3}");
                }
                out += "\n";
            }
        }
        out += &format!(
            "{:<16} std outside/data {:.2}, final loss {:.4}, trained in {:.2} s\n",
            "", o.metrics.std_ratio_outside_over_data, o.final_loss, o.train_seconds
        );
    }
    out += "\nregions: data (where the training points are), gap (between the two clusters), outside (beyond them)\n";
    for (name, what) in COLUMNS {
        out += &format!("{name:>8}: {what}\n");
    }
    out
}
