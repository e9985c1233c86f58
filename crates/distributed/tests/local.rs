//! Ranks as threads of one process (`Local`, `train_local`): one namespace per rank, as
//! several GPUs in one process would be, with the same parameters as the trainer alone.
//! Here every namespace is the CPU (no GPU in CI); the cut, the collectives and the
//! checkpoints are the device-independent part.

use std::sync::Mutex;

use arrayapi_core::{ArrayApi, HostArray};
use arrayapi_distributed::{gather_parameters, gather_predictions, train_local, DistributedError, Plan};
use arrayapi_ensemble::{DataKind, Dataset, Ensemble, EnsembleConfig, EnsembleError, TrainData};
use arrayapi_ndarray::{NdArray, NdNamespace};

fn setup(members: usize) -> (EnsembleConfig, TrainData) {
    let data = Dataset::generate(DataKind::Gap, None, 5).unwrap();
    let td = TrainData::new(data.x, data.y).unwrap();
    (EnsembleConfig { members, layers: vec![1, 8, 8, 1], batch_size: Some(9), ..Default::default() }, td)
}

fn bits(params: &[HostArray]) -> Vec<Vec<u64>> {
    params.iter().map(|p| p.data().to_f64_vec().iter().map(|v| v.to_bits()).collect()).collect()
}

fn alone(config: &EnsembleConfig, td: &TrainData, steps: usize) -> Vec<HostArray> {
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, config, td).unwrap();
    e.train(steps, 0, |_, _| Ok(())).unwrap();
    e.parameters().unwrap().iter().map(|p| p.to_host().unwrap()).collect()
}

/// Trains on `devices` ranks and returns rank 0's view of every member's parameters,
/// gathered at the last synchronisation (a collective inside the observer).
fn trained_on(devices: usize, config: &EnsembleConfig, td: &TrainData, plan: &Plan) -> Vec<HostArray> {
    let gathered = Mutex::new(None);
    let ranks = train_local::<NdArray, _>(&vec![NdNamespace; devices], config, td, plan, |comm, step, _, e| {
        if step == plan.steps {
            let all = gather_parameters(comm, e).unwrap();
            if arrayapi_distributed::Comm::rank(comm) == 0 {
                *gathered.lock().unwrap() = Some(all);
            }
        }
    })
    .unwrap();
    assert_eq!(ranks.len(), devices);
    // Each rank holds its contiguous range.
    let mut next = 0;
    for r in &ranks {
        assert_eq!(r.ensemble.members().start, next);
        next = r.ensemble.members().end;
    }
    assert_eq!(next, config.members);
    gathered.into_inner().unwrap().unwrap()
}

#[test]
fn one_rank_per_device_trains_the_trainers_parameters_bit_for_bit() {
    let (config, td) = setup(5);
    let plan = Plan { steps: 24, sync_every: 6, ..Default::default() };
    let want = bits(&alone(&config, &td, 24));
    for devices in [1, 2, 3, 5] {
        assert_eq!(bits(&trained_on(devices, &config, &td, &plan)), want, "{devices} devices");
    }
}

#[test]
fn the_observer_sees_the_summed_loss_and_gathers_predictions_on_every_rank() {
    let (config, td) = setup(4);
    let plan = Plan { steps: 10, sync_every: 5, ..Default::default() };
    let seen = Mutex::new(Vec::new());
    let ranks = train_local::<NdArray, _>(&[NdNamespace, NdNamespace], &config, &td, &plan, |comm, step, loss, e| {
        let p = gather_predictions(comm, e, &[0.0, 0.5, 1.0]).unwrap();
        seen.lock().unwrap().push((arrayapi_distributed::Comm::rank(comm), step, loss.to_bits(), p.q));
    })
    .unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), 4, "two syncs on two ranks");
    // The one-process trainer's loss at the last step is the same sum of per-member terms.
    let mut whole = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
    let report = whole.train(10, 0, |_, _| Ok(())).unwrap();
    let at_10: Vec<_> = seen.iter().filter(|s| s.1 == 10).collect();
    assert_eq!(at_10.len(), 2);
    assert_eq!(at_10[0].2, at_10[1].2, "every rank gets the same summed loss");
    let loss = f64::from_bits(at_10[0].2);
    assert!((loss - report.final_loss).abs() <= 1e-6 * report.final_loss.abs(), "{loss} vs {}", report.final_loss);
    // Every rank gathered all four members' predictions, equal to the whole ensemble's.
    let want = whole.predict(&[0.0, 0.5, 1.0]).unwrap().q;
    for s in &at_10 {
        assert_eq!(s.3, want);
    }
    assert_eq!(ranks[1].losses.last().map(|l| l.1.to_bits()), Some(at_10[0].2));
}

#[test]
fn checkpoints_of_device_ranks_resume_bit_for_bit() {
    let (config, td) = setup(4);
    let dir = std::env::temp_dir().join(format!("arrayapi-local-ckpt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let plan =
        Plan { steps: 20, sync_every: 5, checkpoint_every: 10, checkpoint_dir: Some(dir.clone()), resume: false };
    trained_on(2, &config, &td, &plan);
    let resumed = Plan { steps: 35, resume: true, ..plan };
    assert_eq!(bits(&trained_on(2, &config, &td, &resumed)), bits(&alone(&config, &td, 35)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_setups_and_divergence_are_one_error() {
    let (config, td) = setup(2);
    let run = |n: usize, config: &EnsembleConfig, plan: &Plan| {
        train_local::<NdArray, _>(&vec![NdNamespace; n], config, &td, plan, |_, _, _, _| {}).map(|_| ())
    };
    let plan = Plan { steps: 40, sync_every: 4, ..Default::default() };
    match run(3, &config, &plan) {
        Err(DistributedError::Setup(m)) => assert!(m.contains("3 ranks for 2 members"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(run(0, &config, &plan), Err(DistributedError::Setup(m)) if m.contains("at least one")));
    let wild = EnsembleConfig { adam: arrayapi_ensemble::AdamConfig { lr: 1e30, ..Default::default() }, ..config };
    match run(2, &wild, &plan) {
        Err(DistributedError::Ensemble(EnsembleError::Diverged { step, .. })) => assert!((2..=40).contains(&step)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rank_that_panics_is_an_error_not_a_hang() {
    let (config, td) = setup(4);
    let plan = Plan { steps: 20, sync_every: 5, ..Default::default() };
    let r = train_local::<NdArray, _>(&[NdNamespace, NdNamespace], &config, &td, &plan, |comm, step, _, _| {
        if step == 10 && arrayapi_distributed::Comm::rank(comm) == 1 {
            panic!("the observer failed");
        }
    });
    match r {
        Err(DistributedError::Setup(m)) => assert_eq!(m, "rank 1 panicked: the observer failed"),
        other => panic!("{other:?}"),
    }
}
