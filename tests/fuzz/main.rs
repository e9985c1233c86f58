//! A fuzzing campaign in the spirit of a hostile caller: random calls of every public
//! function (random dtypes, shapes with zero and huge dimensions, axes, counts and
//! scalars at the type limits, NaN, infinities and signed zeros) through both backends,
//! statically and through the dynamic `Array`. Each call must:
//!
//! - not panic (caught with `catch_unwind`) and not abort: the whole campaign runs in a
//!   child process under an 8 GiB address-space limit, so an allocation abort fails this
//!   test instead of killing the run, and the *risky* cases (creation functions asked
//!   for 16 GiB or more) must be refused with a typed error;
//! - give the same outcome on the static and dynamic path of a backend (bit for bit),
//!   and the same on both backends (values within the call's [`compare::Agreement`], or
//!   the same kind of error), unless a backend cannot hold an input's dtype;
//! - name the function the user called in its error;
//! - match a host reference computed here, where one is cheap ([`reference`]).
//!
//! CI runs the debug profile with a fixed seed and a bounded count. A longer run:
//! `ARRAYAPI_FUZZ_CASES=200000 ARRAYAPI_FUZZ_SEED=7 cargo test --test fuzz --release`;
//! `ARRAYAPI_FUZZ_ONLY=N` reruns case `N` alone.

mod calls;
mod compare;
mod gen;
mod reference;

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arrayapi::candle::{CandleArray, CandleNamespace};
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::Array;
use rand::rngs::StdRng;
use rand::SeedableRng;

use compare::{agreement, differ, identical, run, Out};

const CHILD: &str = "ARRAYAPI_FUZZ_CHILD";
const DEFAULT_CASES: usize = 100_000;
const DEFAULT_SEED: u64 = 20_261_202;
/// The child's address-space limit, in KiB (8 GiB).
const LIMIT_KIB: u64 = 8 << 20;
/// A case that runs this long has hung (each takes milliseconds).
const CASE_LIMIT: Duration = Duration::from_secs(30);
/// The whole campaign's limit, should the child's watchdog itself hang.
const CAMPAIGN_LIMIT: Duration = Duration::from_secs(20 * 60);

/// Exits the process when one case runs past [`CASE_LIMIT`]: a hang is a failure that
/// names its case, not a CI run that never ends.
fn watchdog(progress: Arc<AtomicUsize>) {
    std::thread::spawn(move || {
        let mut seen = usize::MAX;
        let mut since = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let now = progress.load(Ordering::Relaxed);
            if now != seen {
                (seen, since) = (now, Instant::now());
            } else if since.elapsed() > CASE_LIMIT {
                eprintln!("hang: case {now} ran for more than {CASE_LIMIT:?}");
                std::process::exit(3);
            }
        }
    });
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn the_campaign_runs_in_a_memory_limited_child_without_a_failure() {
    let exe = std::env::current_exe().expect("the test binary's path");
    let dir = std::env::temp_dir().join(format!("arrayapi-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let (out_path, err_path) = (dir.join("stdout"), dir.join("stderr"));
    let file = |p: &std::path::Path| std::fs::File::create(p).expect("a log file");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\" \"$@\""))
        .arg(exe)
        .args(["child_campaign", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .stdout(file(&out_path))
        .stderr(file(&err_path))
        .spawn()
        .expect("the child starts");
    // The child's own watchdog reports a case that hangs; this is the backstop.
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break Some(status);
        }
        if started.elapsed() > CAMPAIGN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let last_case = stderr.lines().rev().find(|l| l.starts_with("case ")).unwrap_or("before the first case");
    print!("{stdout}");
    let tail = stderr.lines().filter(|l| !l.starts_with("case ")).collect::<Vec<_>>();
    let tail = tail[tail.len().saturating_sub(30)..].join("\n");
    let status =
        status.unwrap_or_else(|| panic!("the campaign ran past {CAMPAIGN_LIMIT:?}; last case started: {last_case}"));
    assert!(status.success(), "the campaign failed ({status}); last case started: {last_case}\n{tail}");
}

/// The campaign itself; runs only as the child of the test above.
#[test]
fn child_campaign() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let cases = env_number("ARRAYAPI_FUZZ_CASES", DEFAULT_CASES as u64) as usize;
    let seed = env_number("ARRAYAPI_FUZZ_SEED", DEFAULT_SEED);
    let risky = cases / 10;
    let nd_dyn = arrayapi::ndarray::namespace();
    let cd_dyn = arrayapi::candle::namespace(arrayapi::Device::Cpu).expect("candle's CPU device");
    let cd = CandleNamespace::cpu();

    let mut failures: Vec<String> = Vec::new();
    let mut tally: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut calls = 0usize;
    let mut referenced = 0usize;
    let mut time: BTreeMap<&'static str, f64> = BTreeMap::new();
    let progress = Arc::new(AtomicUsize::new(0));
    watchdog(progress.clone());
    let only = std::env::var("ARRAYAPI_FUZZ_ONLY").ok().and_then(|v| v.parse::<usize>().ok());
    for i in 0..cases + risky {
        if only.is_some_and(|k| k != i) {
            continue;
        }
        progress.store(i, Ordering::Relaxed);
        let mut g = gen::Gen {
            rng: StdRng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i as u64),
            risky: i >= cases,
        };
        let case = calls::case(&mut g);
        let label = format!(
            "case {i}: {:?} on {:?}",
            case.call,
            case.inputs.iter().map(|h| (h.dtype().name(), h.shape().to_vec())).collect::<Vec<_>>()
        );
        eprintln!("{label}");
        let started = std::time::Instant::now();
        let outs = [
            ("ndarray", run::<NdArray>(&case, &NdNamespace)),
            ("ndarray dynamic", run::<Array>(&case, &nd_dyn)),
            ("candle", run::<CandleArray>(&case, &cd)),
            ("candle dynamic", run::<Array>(&case, &cd_dyn)),
        ];
        calls += outs.len();
        *time.entry(case.call.name()).or_default() += started.elapsed().as_secs_f64();
        let mut fail = |what: String| failures.push(format!("{label}: {what}"));
        for (path, out) in &outs {
            *tally
                .entry(match out {
                    Out::Input(_) => "input refused",
                    Out::Ok(_) => "value",
                    Out::Err(_) => "typed error",
                    Out::Panic(_) => "panic",
                })
                .or_default() += 1;
            match out {
                Out::Panic(msg) => fail(format!("{path} panicked: {msg}")),
                Out::Err(e) if e.func() != case.call.name() => {
                    fail(format!("{path}'s error names '{}', not '{}': {e}", e.func(), case.call.name()))
                }
                Out::Ok(v) => {
                    if let Some(want) = reference::expected(&case) {
                        referenced += 1;
                        if let Some(why) = reference::mismatch(&want, v) {
                            fail(format!("{path} against the host reference: {why}"));
                        }
                    }
                }
                _ => {}
            }
        }
        for (a, b) in [(0, 1), (2, 3)] {
            if let Some(why) = identical(&outs[a].1, &outs[b].1) {
                fail(format!("{} and {} differ: {why}", outs[a].0, outs[b].0));
            }
        }
        let candle_cannot =
            |o: &Out| matches!(o, Out::Input(_) | Out::Err(arrayapi::Error::Unsupported { backend: "candle", .. }));
        let ndarray_cannot =
            |o: &Out| matches!(o, Out::Input(_) | Out::Err(arrayapi::Error::Unsupported { backend: "ndarray", .. }));
        if !candle_cannot(&outs[2].1) && !ndarray_cannot(&outs[0].1) {
            let mut how = agreement(&case.call);
            if how == compare::Agreement::Reordered && !compare::moderate(&case.inputs) {
                // Where a partial sum or product can overflow, which it does depends on
                // the order of accumulation: only shapes and dtypes must agree.
                how = compare::Agreement::ShapeOnly;
            }
            if let Some(why) = differ(&outs[0].1, &outs[2].1, how) {
                fail(format!("ndarray and candle differ: {why}"));
            }
        }
    }
    println!(
        "fuzz campaign: seed {seed}, {} cases ({risky} risky), {calls} calls, {referenced} checked against host references; outcomes {tally:?}",
        cases + risky
    );
    let mut slowest: Vec<_> = time.into_iter().collect();
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("slowest functions (seconds in all): {:?}", &slowest[..slowest.len().min(8)]);
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for f in &failures {
        let key = f.split(": ").nth(1).unwrap_or("").split(" on ").next().unwrap_or("").chars().take(40).collect();
        *by_kind.entry(key).or_default() += 1;
    }
    for f in failures.iter().take(400) {
        println!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} failures, by call: {by_kind:?}", failures.len());
}

/// The allocation budget reaches every backend and both paths. (Process-wide: this
/// binary's other tests do no array work in this process.)
#[test]
fn the_allocation_budget_holds_on_every_backend() {
    use arrayapi::{check, ArrayApi, DType, Error};
    fn refused<A: ArrayApi>(ns: &A::Namespace) {
        let big = A::zeros(ns, &[1 << 18], DType::Float64).unwrap_err();
        assert_eq!(big, Error::OutOfMemory { func: "zeros", bytes: 1 << 21 });
        let x = A::ones(ns, &[1, 1 << 16], DType::Float64).unwrap(); // 512 KiB fits
        let y = A::ones(ns, &[4, 1], DType::Float64).unwrap();
        let e = x.add(&y).unwrap_err(); // a [4, 65536] result: 2 MiB
        assert!(matches!(e, Error::OutOfMemory { func: "add", .. }), "{e}");
        // A host-computed function counts its host copies: two 256 KiB int64 operands
        // fit, but with their host copies and the result they do not.
        let i = A::ones(ns, &[1 << 15], DType::Int64).unwrap();
        let e = i.remainder(&i).unwrap_err();
        assert_eq!(e, Error::OutOfMemory { func: "remainder", bytes: 5 << 18 });
    }
    check::set_allocation_limit(Some(1 << 20));
    refused::<NdArray>(&NdNamespace);
    refused::<CandleArray>(&CandleNamespace::cpu());
    refused::<Array>(&arrayapi::ndarray::namespace());
    refused::<Array>(&arrayapi::candle::namespace(arrayapi::Device::Cpu).unwrap());
    check::set_allocation_limit(None);
}
