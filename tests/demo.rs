//! End to end: the demo example, run as a user runs it, with small settings.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example binary, next to this test's binary. `cargo test` builds examples; a run
/// filtered to this test does not, so build it then.
fn demo_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(Path::parent).expect("target profile folder");
    let bin = dir.join("examples").join(format!("ensemble{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo).args(["build", "--example", "ensemble"]).status().expect("cargo runs");
        assert!(status.success() && bin.exists(), "could not build {}", bin.display());
    }
    bin
}

fn run(args: &[&str]) -> Output {
    Command::new(demo_binary()).args(args).output().expect("the demo runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("arrayapi-demo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn gif_frames(path: &Path) -> usize {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(std::fs::File::open(path).unwrap()).unwrap();
    let mut n = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        n += 1;
    }
    n
}

#[test]
fn the_demo_writes_animations_a_summary_and_finite_metrics() {
    let out = scratch("full");
    let o = run(&["--members", "3", "--steps", "30", "--frames", "5", "--out", out.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    assert!(
        stdout.lines().last().unwrap().contains(out.to_str().unwrap()),
        "the last line says where the files are: {stdout}"
    );
    for setting in ["naive", "prior", "prior-bootstrap", "sin-bootstrap"] {
        // 30 steps in frames of 6, plus the untrained state: 6 frames.
        assert_eq!(gif_frames(&out.join(format!("{setting}.gif"))), 6, "{setting}");
        assert!(stdout.contains(setting));
    }
    let png = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(out.join("summary.png")).unwrap()));
    let info = png.read_info().unwrap();
    // Four settings in a 2 x 2 grid under a caption.
    assert_eq!((info.info().width, info.info().height), (2 * 880, 2 * 620 + 136));

    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("metrics.json")).unwrap()).unwrap();
    assert_eq!(json["backend"], "ndarray");
    assert_eq!(json["device"], "cpu");
    assert_eq!(json["config"]["members"], 3);
    for setting in ["naive", "prior", "prior-bootstrap", "sin-bootstrap"] {
        let s = &json[setting];
        for region in ["data", "gap", "outside"] {
            for field in [
                "rmse",
                "nll",
                "coverage_1sd",
                "coverage_2sd",
                "coverage_3sd",
                "mean_std",
                "mixture_nll",
                "dyadic_nll",
                "calibration_error",
            ] {
                let v = s[region][field]
                    .as_f64()
                    .unwrap_or_else(|| panic!("{setting}.{region}.{field} is {}", s[region][field]));
                assert!(v.is_finite());
            }
        }
        for field in ["std_ratio_outside_over_data", "final_loss", "train_seconds"] {
            assert!(s[field].as_f64().unwrap().is_finite(), "{setting}.{field}");
        }
    }
    // No temporary files are left behind.
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains("partial") && !n.starts_with(".write")), "{names:?}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn the_table_explains_its_columns() {
    let out = scratch("table");
    let o = run(&[
        "--members",
        "2",
        "--steps",
        "5",
        "--frames",
        "1",
        "--settings",
        "naive",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let header = stdout.lines().find(|l| l.starts_with("setting")).expect("a header line");
    let columns: Vec<&str> = header.split_whitespace().skip(2).collect();
    assert_eq!(columns.len(), 9, "{header}");
    for c in columns {
        assert!(stdout.lines().any(|l| l.trim_start().starts_with(&format!("{c}: "))), "no line explains {c}");
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn study_mode_writes_its_json_and_figures_and_applies_its_rule() {
    // The whole grid at a hundredth of its steps, two members, one seed each way.
    let out = scratch("study");
    let o = run(&[
        "--study",
        "--members",
        "2",
        "--hidden",
        "4",
        "--study-seeds",
        "0",
        "--report-seeds",
        "1",
        "--study-steps-scale",
        "0.01",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("study.json")).unwrap()).unwrap();
    // 2 data sets x 3 activations x 2 schedules x (naive + 3 prior settings x 5 betas).
    let cells = json["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 2 * 3 * 2 * 16);
    // The rule, recomputed here from the cells: the eligible prior-bootstrap cell on gap
    // data with the lowest score.
    let rmse = |c: &serde_json::Value| c["regions"]["data"]["rmse"]["mean"].as_f64().unwrap();
    let mut best: Option<(f64, &serde_json::Value)> = None;
    for c in cells.iter().filter(|c| c["data"] == "gap" && c["setting"] == "prior-bootstrap") {
        let naive = cells
            .iter()
            .find(|n| {
                n["data"] == "gap"
                    && n["setting"] == "naive"
                    && n["activation"] == c["activation"]
                    && n["lr"] == c["lr"]
            })
            .unwrap();
        let score = c["score_away_nll"]["mean"].as_f64().unwrap();
        let eligible = c["failed"].as_array().unwrap().is_empty() && rmse(c) <= 1.5 * rmse(naive);
        if eligible && best.is_none_or(|(b, _)| score < b - 1e-9) {
            best = Some((score, c));
        }
    }
    let choice = &json["choice"];
    match best {
        Some((score, c)) => {
            assert_eq!(choice["activation"], c["activation"]);
            assert_eq!(choice["lr"], c["lr"]);
            assert_eq!(choice["beta"], c["beta"]);
            assert!((choice["score"].as_f64().unwrap() - score).abs() < 1e-12);
            assert_eq!(json["report"].as_array().unwrap().len(), 4);
            assert_eq!(json["goals"].as_array().unwrap().len(), 6);
            assert_eq!(json["report"][0]["seeds"], serde_json::json!([1]));
        }
        None => assert!(choice.is_null()),
    }
    for name in ["study-gap.png", "study-osband.png"] {
        assert!(std::fs::metadata(out.join(name)).unwrap().len() > 1000, "{name}");
    }
    let _ = std::fs::remove_dir_all(&out);

    // The report's seeds must be fresh.
    let o = run(&["--study", "--study-seeds", "0-4", "--report-seeds", "4-9", "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("seed 4") && err.contains("fresh"), "{err}");
    let o = run(&["--study", "--study-seeds", "4-2"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("seed range"));
}

#[test]
fn bench_mode_prints_one_json_line() {
    let o = run(&[
        "--bench",
        "--data",
        "sin",
        "--members",
        "4",
        "--hidden",
        "8,8",
        "--activation",
        "relu",
        "--beta",
        "3",
        "--lr",
        "0.01",
        "--steps",
        "20",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(stdout.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["steps"], 20);
    assert_eq!(v["setting"], "prior-bootstrap");
    assert!(v["seconds"].as_f64().unwrap() > 0.0 && v["steps_per_second"].as_f64().unwrap() > 0.0);
    assert!(v["final_loss"].as_f64().unwrap().is_finite());
    assert_eq!(v["config"]["hidden"], serde_json::json!([8, 8]));
}

#[test]
fn a_result_path_that_is_a_folder_fails_before_training_and_leaves_nothing() {
    let out = scratch("folder-result");
    std::fs::create_dir_all(out.join("summary.png")).unwrap();
    let o = run(&["--out", out.to_str().unwrap(), "--members", "2", "--steps", "2", "--frames", "1"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(stderr.contains("summary.png is a folder"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("summary.png")], "nothing written: {left:?}");
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn a_partial_file_left_by_a_killed_run_is_removed_by_the_next() {
    let out = scratch("stale-partial");
    std::fs::create_dir_all(&out).unwrap();
    let stale = out.join(".summary.partial.png");
    std::fs::write(&stale, b"half a picture").unwrap();
    // A run that fails in training writes no result (so no write could overwrite the
    // stale file): it is gone all the same, removed before training.
    let args = ["--members", "2", "--steps", "50", "--frames", "1", "--settings", "naive", "--lr", "1e30"];
    let o = run(&[&["--out", out.to_str().unwrap()], &args[..]].concat());
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("diverged"));
    assert!(!stale.exists(), "the stale partial file is gone");
    assert!(!out.join("summary.png").exists());
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn bad_input_gives_one_line_and_a_non_zero_exit() {
    let file = std::env::temp_dir().join(format!("arrayapi-demo-file-{}", std::process::id()));
    std::fs::write(&file, b"").unwrap();
    let cases: [(&[&str], &str); 29] = [
        (&["--frobnicate"], "unexpected argument"),
        (&["--members", "0"], "--members"),
        (&["--threads", "0"], "--threads"),
        (
            &["--bench", "--members", "2", "--threads", "3", "--steps", "1"],
            "threads must be between 1 and the 2 members",
        ),
        (&["--steps", "0"], "--steps"),
        (&["--lr", "-1"], "must be positive"),
        (&["--device", "cuda:0"], "CPU only"),
        (&["--backend", "candle", "--device", "cuda:0"], "not compiled with CUDA support"),
        (&["--bench", "--settings", "naive,prior"], "one setting"),
        (&["--devices", "cpu,cuda:0"], "CPU only"),
        (&["--devices", "cpu,cpu,cpu", "--members", "2"], "3 ranks for 2 members"),
        (&["--devices", "cpu", "--device", "cpu"], "cannot be used with"),
        (&["--devices", "cpu,gpu"], "unknown device"),
        (&["--bench-scaling"], "run it with --devices, or under mpirun"),
        (&["--bench-scaling", "--devices", "cpu,cpu", "--members", "1"], "needs at least 2 members"),
        (&["--bench-scaling", "--bench"], "cannot be used with"),
        (&["--out", file.to_str().unwrap()], "cannot create output folder"),
        // Hostile values, each refused before any training.
        (&["--hidden", ""], "is not a width"),
        (&["--hidden", ",,"], "is not a width"),
        (&["--hidden", "20,,20"], "is not a width"),
        (&["--hidden", "+8"], "is not a width"),
        (&["--settings", "naive,naive"], "names naive twice"),
        (&["--perturb", "noise:nan"], "noise scale must be finite"),
        (&["--perturb", "noise:-1"], "noise scale must be finite"),
        (&["--members", "100000", "--hidden", "100000"], "the trainer accepts at most"),
        (&["--points", "10000000"], "the trainer accepts at most"),
        // Hours of training, or gigabytes, do not start without --yes.
        (&["--steps", "10000000"], "pass --yes to start it"),
        (&["--bench", "--steps", "10000000"], "pass --yes to start it"),
        (&["--members", "5000", "--hidden", "200,200", "--steps", "1"], "4.25 GiB of working set"),
    ];
    for (args, expect) in cases {
        let o = run(args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{args:?} succeeded");
        assert!(stderr.contains(expect), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let _ = std::fs::remove_file(file);
}

#[test]
fn several_devices_in_one_process_reproduce_the_one_device_run() {
    // Every device here is the CPU (CI has no GPU): the members split over two ranks, one
    // thread each, give the one-process metrics (to float32 rounding: the mean and spread
    // are summed in another order) and the same animation frames, step 0 included.
    let (one, two) = (scratch("one-device"), scratch("two-devices"));
    let small = ["--members", "5", "--steps", "30", "--frames", "5"];
    let o = run(&[&small[..], &["--threads", "1", "--out", one.to_str().unwrap()]].concat());
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let o = run(&[&small[..], &["--devices", "cpu,cpu", "--out", two.to_str().unwrap()]].concat());
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let read = |d: &Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(d.join("metrics.json")).unwrap()).unwrap()
    };
    let (a, b) = (read(&one), read(&two));
    assert_eq!(b["device"], "cpu,cpu");
    for setting in ["naive", "prior", "prior-bootstrap", "sin-bootstrap"] {
        assert_eq!(gif_frames(&two.join(format!("{setting}.gif"))), 6, "{setting}");
        for region in ["data", "gap", "outside"] {
            for field in ["rmse", "nll", "mean_std", "coverage_2sd", "dyadic_nll"] {
                let (x, y) = (a[setting][region][field].as_f64().unwrap(), b[setting][region][field].as_f64().unwrap());
                assert!((x - y).abs() <= 1e-5 * x.abs().max(1.0), "{setting}.{region}.{field}: {x} vs {y}");
            }
        }
        let (x, y) = (a[setting]["final_loss"].as_f64().unwrap(), b[setting]["final_loss"].as_f64().unwrap());
        assert!((x - y).abs() <= 1e-5 * x.abs().max(1.0), "{setting} loss: {x} vs {y}");
    }
    let _ = std::fs::remove_dir_all(&one);
    let _ = std::fs::remove_dir_all(&two);
}

#[test]
fn the_scaling_bench_measures_strong_and_weak_scaling_over_the_devices() {
    let o = run(&["--devices", "cpu,cpu,cpu", "--bench-scaling", "--members", "7", "--steps", "20", "--repeats", "2"]);
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let json: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let rows = json["scaling"].as_array().unwrap();
    let cases: Vec<(&str, u64, u64)> = rows
        .iter()
        .map(|r| (r["kind"].as_str().unwrap(), r["ranks"].as_u64().unwrap(), r["members"].as_u64().unwrap()))
        .collect();
    // Strong: all 7 members on 1, 2 and 3 ranks; weak: 7 / 3 = 2 per rank.
    assert_eq!(
        cases,
        vec![("strong", 1, 7), ("strong", 2, 7), ("strong", 3, 7), ("weak", 1, 2), ("weak", 2, 4), ("weak", 3, 6)]
    );
    let median = |r: &serde_json::Value| {
        let mut s: Vec<f64> = r["seconds"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        assert_eq!(s.len(), 2, "one time per round");
        assert!(s.iter().all(|t| t.is_finite() && *t > 0.0));
        s.sort_by(f64::total_cmp);
        0.5 * (s[0] + s[1])
    };
    for (kind, first) in [("strong", 0), ("weak", 3)] {
        let t1 = median(&rows[first]);
        for r in rows.iter().filter(|r| r["kind"] == kind) {
            let (t, ranks, members) = (median(r), r["ranks"].as_f64().unwrap(), r["members"].as_f64().unwrap());
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs();
            assert!(close(r["ms_per_step"].as_f64().unwrap(), 1e3 * t / 20.0), "{r}");
            assert!(close(r["members_per_second"].as_f64().unwrap(), members * 20.0 / t), "{r}");
            let (speedup, efficiency) =
                if kind == "strong" { (t1 / t, t1 / t / ranks) } else { (ranks * t1 / t, t1 / t) };
            assert!(close(r["speedup"].as_f64().unwrap(), speedup), "{r}");
            assert!(close(r["efficiency"].as_f64().unwrap(), efficiency), "{r}");
        }
    }
    assert_eq!(json["device"], "cpu,cpu,cpu");
    assert!(stdout.contains("efficiency"), "a table before the JSON line: {stdout}");
}
