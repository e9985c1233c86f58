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

/// The metrics as a table.
pub fn table(outcomes: &[Outcome]) -> String {
    let mut out = format!(
        "{:<16} {:<8} {:>7} {:>8} {:>7} {:>7} {:>7} {:>9}\n",
        "setting", "region", "rmse", "nll", "cov1sd", "cov2sd", "cov3sd", "mean_std"
    );
    for o in outcomes {
        for region in Region::ALL {
            if let Some(r) = o.metrics.region(region) {
                out += &format!(
                    "{:<16} {:<8} {:>7.3} {:>8.3} {:>7.2} {:>7.2} {:>7.2} {:>9.3}\n",
                    o.setting.name(),
                    region.name(),
                    r.rmse,
                    r.nll,
                    r.coverage_1sd,
                    r.coverage_2sd,
                    r.coverage_3sd,
                    r.mean_std
                );
            }
        }
        out += &format!(
            "{:<16} std outside/data {:.2}, final loss {:.4}, trained in {:.2} s\n",
            "", o.metrics.std_ratio_outside_over_data, o.final_loss, o.train_seconds
        );
    }
    out
}
