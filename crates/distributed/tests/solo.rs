//! Sharded training in one process (`Solo`): the same parameters as the trainer alone,
//! checkpoints that resume bit for bit, and setups refused with typed errors. The
//! multi-process runs (mpirun -n 1, 2, 4) are `scripts/mpi-test.sh`, which `.ci/run` runs.

use std::path::PathBuf;

use arrayapi_core::ArrayApi;
use arrayapi_distributed::checkpoint;
use arrayapi_distributed::{gather_parameters, gather_predictions, member_range, train, DistributedError, Plan, Solo};
use arrayapi_ensemble::{DataKind, Dataset, Ensemble, EnsembleConfig, EnsembleError, TrainData};
use arrayapi_ndarray::{NdArray, NdNamespace};

fn setup() -> (EnsembleConfig, TrainData) {
    let data = Dataset::generate(DataKind::Gap, None, 3).unwrap();
    let td = TrainData::new(data.x, data.y).unwrap();
    (EnsembleConfig { members: 4, layers: vec![1, 8, 8, 1], batch_size: Some(9), ..Default::default() }, td)
}

fn bits(params: &[arrayapi_core::HostArray]) -> Vec<Vec<u64>> {
    params.iter().map(|p| p.data().to_f64_vec().iter().map(|v| v.to_bits()).collect()).collect()
}

fn alone(config: &EnsembleConfig, td: &TrainData, steps: usize) -> Vec<arrayapi_core::HostArray> {
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, config, td).unwrap();
    e.train(steps, 0, |_, _| Ok(())).unwrap();
    e.parameters().unwrap().iter().map(|p| p.to_host().unwrap()).collect()
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("arrayapi-ckpt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn one_rank_trains_the_whole_ensemble_as_the_trainer_does() {
    let (config, td) = setup();
    let plan = Plan { steps: 30, sync_every: 7, ..Default::default() };
    let mut seen = Vec::new();
    let t = train::<NdArray, _>(&Solo, &NdNamespace, &config, &td, &plan, |s, l, _| seen.push((s, l))).unwrap();
    // Synchronised every 7 steps and after the last.
    assert_eq!(seen.iter().map(|s| s.0).collect::<Vec<_>>(), vec![7, 14, 21, 28, 30]);
    assert_eq!(t.losses, seen);
    assert_eq!(bits(&gather_parameters(&Solo, &t.ensemble).unwrap()), bits(&alone(&config, &td, 30)));
    let p = gather_predictions(&Solo, &t.ensemble, &[0.1, 0.7]).unwrap();
    assert_eq!((p.members, p.points, p.q.len()), (4, 2, 8));
    // Mean and std over members, on the host: check one by hand.
    let col: Vec<f64> = (0..4).map(|k| p.q[k * 2]).collect();
    let mu = col.iter().sum::<f64>() / 4.0;
    assert!((p.mean[0] - mu).abs() < 1e-12);
    let sd = (col.iter().map(|v| (v - mu).powi(2)).sum::<f64>() / 4.0).sqrt();
    assert!((p.std[0] - sd).abs() < 1e-12);
}

#[test]
fn a_resumed_run_equals_the_uninterrupted_one_bit_for_bit() {
    let (config, td) = setup();
    let dir = scratch("resume");
    let plan =
        Plan { steps: 25, sync_every: 5, checkpoint_every: 10, checkpoint_dir: Some(dir.clone()), resume: false };
    train::<NdArray, _>(&Solo, &NdNamespace, &config, &td, &plan, |_, _, _| {}).unwrap();
    // Checkpoints at 10 and 20, both kept (the last two).
    assert_eq!(checkpoint::steps(&dir, &(0..4), 4).unwrap(), vec![10, 20]);
    let resumed = Plan { steps: 50, resume: true, ..plan.clone() };
    let t = train::<NdArray, _>(&Solo, &NdNamespace, &config, &td, &resumed, |_, _, _| {}).unwrap();
    assert_eq!(t.resumed_from, 20);
    assert_eq!(t.ensemble.steps_done(), 50);
    assert_eq!(bits(&gather_parameters(&Solo, &t.ensemble).unwrap()), bits(&alone(&config, &td, 50)));
    // Only the last two checkpoints are kept.
    assert_eq!(checkpoint::steps(&dir, &(0..4), 4).unwrap(), vec![40, 50]);
    assert!(!std::fs::read_dir(&dir).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("partial")));

    // Another configuration's checkpoints are refused, by fingerprint.
    let other = EnsembleConfig { seed: 1, ..config.clone() };
    let err = train::<NdArray, _>(&Solo, &NdNamespace, &other, &td, &resumed, |_, _, _| {}).unwrap_err();
    assert!(matches!(err, DistributedError::Checkpoint(ref m) if m.contains("fingerprint")), "{err}");
    // Threads do not change the fingerprint (nor the parameters).
    let threads = EnsembleConfig { threads: 2, ..config.clone() };
    let more = Plan { steps: 60, ..resumed.clone() };
    let t = train::<NdArray, _>(&Solo, &NdNamespace, &threads, &td, &more, |_, _, _| {}).unwrap();
    assert_eq!(bits(&gather_parameters(&Solo, &t.ensemble).unwrap()), bits(&alone(&config, &td, 60)));
    // A corrupt file is a typed error, not a panic.
    std::fs::write(checkpoint::path(&dir, &(0..4), 4, 60), b"{not json").unwrap();
    let err = train::<NdArray, _>(&Solo, &NdNamespace, &config, &td, &more, |_, _, _| {}).unwrap_err();
    assert!(matches!(err, DistributedError::Checkpoint(ref m) if m.contains("not a checkpoint")), "{err}");
    let _ = std::fs::remove_dir_all(&dir);

    // Resuming from nothing says so.
    let empty = Plan { checkpoint_dir: Some(scratch("empty")), ..resumed };
    let err = train::<NdArray, _>(&Solo, &NdNamespace, &config, &td, &empty, |_, _, _| {}).unwrap_err();
    assert!(matches!(err, DistributedError::Checkpoint(ref m) if m.contains("no checkpoint")), "{err}");
}

#[test]
fn bad_setups_and_divergence_are_typed_errors() {
    let (config, td) = setup();
    let run = |config: &EnsembleConfig, plan: &Plan| {
        train::<NdArray, _>(&Solo, &NdNamespace, config, &td, plan, |_, _, _| {})
    };
    let setup_err = |r: Result<_, DistributedError>, want: &str| match r {
        Err(DistributedError::Setup(m)) => assert!(m.contains(want), "{m}"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("accepted"),
    };
    setup_err(run(&config, &Plan { sync_every: 0, ..Default::default() }), "sync_every");
    setup_err(
        run(
            &config,
            &Plan { sync_every: 3, checkpoint_every: 10, checkpoint_dir: Some("x".into()), ..Default::default() },
        ),
        "multiple",
    );
    setup_err(run(&config, &Plan { checkpoint_every: 10, ..Default::default() }), "folder");
    // A bad configuration is the trainer's error, on every rank.
    let zero = EnsembleConfig { members: 0, ..config.clone() };
    assert!(run(&zero, &Plan::default()).is_err());
    assert!(matches!(member_range(2, 3, 0), Err(DistributedError::Setup(_))));
    // Divergence: the step is reported.
    let wild = EnsembleConfig { adam: arrayapi_ensemble::AdamConfig { lr: 1e30, ..Default::default() }, ..config };
    match run(&wild, &Plan { steps: 50, sync_every: 4, ..Default::default() }) {
        Err(DistributedError::Ensemble(EnsembleError::Diverged { step, .. })) => assert!((2..=50).contains(&step)),
        other => panic!("{other:?}"),
    }
}
