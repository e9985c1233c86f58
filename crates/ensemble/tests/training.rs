//! The trainer's behaviour, on the ndarray backend (statically unless stated).

use arrayapi_core::{Array, ArrayApi, DType, HostArray, HostData};
use arrayapi_ensemble::*;
use arrayapi_ndarray::{NdArray, NdNamespace};

fn gap() -> (Dataset, TrainData) {
    let data = Dataset::generate(DataKind::Gap, None, 0).unwrap();
    let td = TrainData::new(data.x.clone(), data.y.clone()).unwrap();
    (data, td)
}

fn trained(config: EnsembleConfig, steps: usize) -> (Dataset, Metrics, TrainReport) {
    let (data, td) = gap();
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
    let report = e.train(steps, 0, |_, _| Ok(())).unwrap();
    let metrics = evaluate(&e.predict(&data.grid).unwrap(), &data).unwrap();
    (data, metrics, report)
}

fn setting(prior: PriorSpec, perturbation: Perturbation) -> EnsembleConfig {
    EnsembleConfig { prior, perturbation, ..Default::default() }
}

#[test]
fn the_loss_decreases() {
    let (_, _, report) = trained(setting(PriorSpec::None, Perturbation::None), 1000);
    assert!(report.losses.iter().all(|l| l.is_finite()));
    assert!(report.final_loss < 0.1 * report.losses[0], "{} -> {}", report.losses[0], report.final_loss);
}

#[test]
fn a_single_linear_member_without_prior_fits_a_line_exactly() {
    let x: Vec<f64> = (0..10).map(|i| i as f64 / 9.0).collect();
    let y: Vec<f64> = x.iter().map(|x| 2.0 * x + 1.0).collect();
    let config = EnsembleConfig {
        members: 1,
        layers: vec![1, 1],
        prior: PriorSpec::RandomMlp { beta: 0.0 },
        perturbation: Perturbation::None,
        dtype: DType::Float64,
        ..Default::default()
    };
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &TrainData::new(x, y).unwrap()).unwrap();
    let report = e.train(3000, 0, |_, _| Ok(())).unwrap();
    let w = e.parameters().unwrap()[0].to_vec::<f64>().unwrap()[0];
    let b = e.parameters().unwrap()[1].to_vec::<f64>().unwrap()[0];
    assert!((w - 2.0).abs() < 1e-4 && (b - 1.0).abs() < 1e-4, "w {w}, b {b}, loss {}", report.final_loss);
    assert!(report.final_loss < 1e-8);
}

#[test]
fn gradients_match_finite_differences() {
    let (_, td) = gap();
    for activation in [Activation::Selu, Activation::Tanh, Activation::Relu] {
        for perturbation in [Perturbation::Bootstrap, Perturbation::Noise { scale: 0.3 }] {
            let config = EnsembleConfig {
                members: 3,
                layers: vec![1, 5, 4, 1],
                activation,
                perturbation,
                dtype: DType::Float64,
                ..Default::default()
            };
            let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
            let (_, grads) = e.loss_and_gradients().unwrap();
            let params = e.parameters().unwrap();
            for (pi, p) in params.iter().enumerate() {
                let g = grads[pi].to_vec::<f64>().unwrap();
                let v = p.to_vec::<f64>().unwrap();
                for j in 0..v.len() {
                    let mut loss_at = |d: f64| {
                        let mut w = v.clone();
                        w[j] += d;
                        let mut ps = params.clone();
                        ps[pi] = NdArray::from_host(&NdNamespace, HostArray::new(p.shape(), HostData::F64(w)).unwrap())
                            .unwrap();
                        e.set_parameters(ps).unwrap();
                        e.loss_and_gradients().unwrap().0
                    };
                    let h = 1e-6;
                    let fd = (loss_at(h) - loss_at(-h)) / (2.0 * h);
                    let rel = (fd - g[j]).abs() / (1e-6 + fd.abs().max(g[j].abs()));
                    assert!(
                        rel < 1e-4,
                        "{activation} {perturbation:?} param {pi}[{j}]: analytic {}, numeric {fd}",
                        g[j]
                    );
                }
            }
            e.set_parameters(params).unwrap();
        }
    }
}

fn run<A: ArrayApi>(
    ns: &A::Namespace,
    config: &EnsembleConfig,
    td: &TrainData,
    steps: usize,
) -> (Vec<Vec<f32>>, Vec<f64>, Predictions) {
    let mut e = Ensemble::<A>::new(ns, config, td).unwrap();
    let report = e.train(steps, 0, |_, _| Ok(())).unwrap();
    let params = e.parameters().unwrap().iter().map(|p| p.to_vec::<f32>().unwrap()).collect();
    (params, report.losses, e.predict(&[-1.0, 0.25, 2.0]).unwrap())
}

#[test]
fn same_seed_same_ensemble_statically_and_dynamically() {
    let (_, td) = gap();
    let config = EnsembleConfig { members: 8, batch_size: Some(12), ..Default::default() };
    let stat = run::<NdArray>(&NdNamespace, &config, &td, 60);
    let dynamic = run::<Array>(&arrayapi_ndarray::namespace(), &config, &td, 60);
    assert_eq!(stat, dynamic, "the dynamic path runs the same kernels: results are bit-identical");
    let again = run::<NdArray>(&NdNamespace, &config, &td, 60);
    assert_eq!(stat, again, "same seed, same ensemble");
    let other = run::<NdArray>(&NdNamespace, &EnsembleConfig { seed: 1, ..config.clone() }, &td, 60);
    assert_ne!(stat.0, other.0, "another seed, another ensemble");
}

#[test]
fn the_prior_is_never_trained() {
    let (_, td) = gap();
    let config = EnsembleConfig { members: 5, ..Default::default() };
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
    let prior_at = |e: &Ensemble<NdArray>| {
        let Prior::RandomMlp { net, .. } = e.prior() else { panic!("expected a random MLP prior") };
        net.params().iter().map(|p| p.to_vec::<f32>().unwrap()).collect::<Vec<_>>()
    };
    let before = prior_at(&e);
    let trainable_before = e.parameters().unwrap()[0].to_vec::<f32>().unwrap();
    e.train(20, 0, |_, _| Ok(())).unwrap();
    assert_eq!(prior_at(&e), before);
    assert_ne!(e.parameters().unwrap()[0].to_vec::<f32>().unwrap(), trainable_before);
}

#[test]
fn a_users_prior_function_is_added_to_every_member_and_trained_through() {
    let (data, td) = gap();
    let config = EnsembleConfig { members: 3, dtype: DType::Float64, ..Default::default() };
    let prior = |x: &NdArray| x.square()?.multiply(3.0);
    let with = |p| Ensemble::with_prior(&NdNamespace, &config, &td, p).unwrap();
    let mut e = with(Prior::function("3 x squared", prior));
    let zero = with(Prior::function("zero", |x: &NdArray| x.multiply(0.0)));
    assert!(format!("{:?}", e.prior()).contains("3 x squared"));
    // Untrained, the same seed gives the same nets: each member's prediction is its net's
    // plus the prior, exactly.
    let (p, q) = (e.predict(&data.grid).unwrap(), zero.predict(&data.grid).unwrap());
    for k in 0..3 {
        for (i, x) in data.grid.iter().enumerate() {
            let added = p.member(k).unwrap()[i] - q.member(k).unwrap()[i];
            assert!((added - 3.0 * x * x).abs() <= 1e-9 * (1.0 + 3.0 * x * x), "member {k} at {x}: {added}");
        }
    }
    // Trained, the members fit the data as Q = f + prior: on the training inputs the mean
    // is near y, where a trainer that ignored the prior would be off by 3 x^2.
    e.train(1500, 0, |_, _| Ok(())).unwrap();
    let fit = e.predict(&data.x).unwrap();
    let rms = |v: &mut dyn Iterator<Item = f64>| {
        let v: Vec<f64> = v.collect();
        (v.iter().map(|d| d * d).sum::<f64>() / v.len() as f64).sqrt()
    };
    let err = rms(&mut fit.mean.iter().zip(&data.y).map(|(m, y)| m - y));
    let prior_size = rms(&mut data.x.iter().map(|x| 3.0 * x * x));
    assert!(err < 0.2 * prior_size, "data RMSE {err} against the prior's size {prior_size}");
}

#[test]
fn the_observer_sees_progress_and_can_stop_training() {
    let (data, td) = gap();
    let config = EnsembleConfig { members: 2, ..Default::default() };
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
    let mut seen = Vec::new();
    e.train(25, 10, |p, ens| {
        seen.push((p.step, p.total));
        assert_eq!(ens.predict(&data.grid)?.points, data.grid.len());
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, vec![(10, 25), (20, 25), (25, 25)]);
    let err = e
        .train(25, 5, |p, _| if p.step == 15 { Err(EnsembleError::Stopped("enough".into())) } else { Ok(()) })
        .unwrap_err();
    assert_eq!(err, EnsembleError::Stopped("enough".into()));
    assert_eq!(e.steps_done(), 25 + 15);
}

#[test]
fn minibatches_train_too() {
    let (_, td) = gap();
    let config = EnsembleConfig { members: 4, batch_size: Some(5), ..Default::default() };
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
    let first = e.loss_and_gradients().unwrap().0;
    e.train(300, 0, |_, _| Ok(())).unwrap();
    assert!(e.loss_and_gradients().unwrap().0 < 0.2 * first);
}

#[test]
fn bad_input_is_a_typed_error() {
    let (_, td) = gap();
    let ok = EnsembleConfig::default();
    let build = |c: &EnsembleConfig, d: &TrainData| Ensemble::<NdArray>::new(&NdNamespace, c, d).map(|_| ());
    assert!(matches!(build(&EnsembleConfig { members: 0, ..ok.clone() }, &td), Err(EnsembleError::Config(_))));
    assert!(matches!(build(&EnsembleConfig { layers: vec![1], ..ok.clone() }, &td), Err(EnsembleError::Config(_))));
    assert!(matches!(
        build(&EnsembleConfig { layers: vec![1, 0, 1], ..ok.clone() }, &td),
        Err(EnsembleError::Config(_))
    ));
    assert!(matches!(build(&EnsembleConfig { dtype: DType::Int32, ..ok.clone() }, &td), Err(EnsembleError::Config(_))));
    let bad_lr = EnsembleConfig { adam: AdamConfig { lr: f64::NAN, ..Default::default() }, ..ok.clone() };
    assert!(matches!(build(&bad_lr, &td), Err(EnsembleError::Config(_))));
    assert!(matches!(
        build(&EnsembleConfig { batch_size: Some(21), ..ok.clone() }, &td),
        Err(EnsembleError::Config(_))
    ));
    assert!(matches!(build(&EnsembleConfig { layers: vec![2, 4, 1], ..ok.clone() }, &td), Err(EnsembleError::Data(_))));
    assert_eq!(TrainData::new(vec![], vec![]).unwrap_err(), EnsembleError::Data("no training points".into()));
    assert!(matches!(TrainData::new(vec![1.0, 2.0], vec![1.0]), Err(EnsembleError::Data(_))));
    let err = TrainData::new(vec![1.0, f64::NAN], vec![1.0, 2.0]).unwrap_err();
    assert!(matches!(err, EnsembleError::NonFinite { what: "x", index: 1, value } if value.is_nan()), "{err}");
    assert_eq!(err.to_string(), "non-finite x at index 1: NaN");
    let e = Ensemble::<NdArray>::new(&NdNamespace, &ok, &td).unwrap();
    assert!(matches!(
        e.predict(&[f64::INFINITY]),
        Err(EnsembleError::NonFinite { what: "prediction input", index: 0, .. })
    ));
    assert!(matches!(e.predict(&[]), Err(EnsembleError::Data(_))));
}

#[test]
fn divergence_is_reported_with_its_step() {
    let (_, td) = gap();
    let config = EnsembleConfig { members: 2, ..Default::default() };
    let poisoned = Prior::function("NaN after a while", |x: &NdArray| x.multiply(f64::NAN));
    let mut e = Ensemble::with_prior(&NdNamespace, &config, &td, poisoned).unwrap();
    let err = e.train(10, 0, |_, _| Ok(())).unwrap_err();
    assert!(matches!(err, EnsembleError::Diverged { step: 1, .. }), "{err}");
    assert!(err.to_string().contains("step 1"));
    // An absurd learning rate diverges too, and the step is reported.
    let wild = EnsembleConfig { members: 2, adam: AdamConfig { lr: 1e30, ..Default::default() }, ..Default::default() };
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &wild, &td).unwrap();
    match e.train(200, 0, |_, _| Ok(())) {
        Err(EnsembleError::Diverged { step, loss }) => assert!(step > 1 && !loss.is_finite()),
        other => panic!("expected divergence, got {other:?}"),
    }
}

/// Parameters on the host, bit for bit.
fn host_params<A: ArrayApi>(e: &Ensemble<A>) -> Vec<Vec<f32>> {
    e.parameters().unwrap().iter().map(|p| p.to_vec::<f32>().unwrap()).collect()
}

#[test]
fn threads_change_the_speed_not_the_result() {
    // Members are independent, so shards trained side by side reach the same parameters
    // bit for bit, with a per-member prior, a shared prior and minibatches; the loss is
    // a sum in another order.
    let (data, td) = gap();
    let configs = [
        setting(PriorSpec::RandomMlp { beta: 1.0 }, Perturbation::Bootstrap),
        setting(PriorSpec::Sin { beta: 2.0, omega: 3.0 }, Perturbation::Noise { scale: 0.1 }),
        EnsembleConfig {
            members: 7,
            batch_size: Some(8),
            ..setting(PriorSpec::RandomMlp { beta: 3.0 }, Perturbation::Poisson)
        },
    ];
    for base in configs {
        let run = |threads: usize| {
            let config = EnsembleConfig { threads, ..base.clone() };
            let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
            let mut observed = 0;
            let report = e
                .train(25, 10, |_, _| {
                    observed += 1;
                    Ok(())
                })
                .unwrap();
            let predictions = e.predict(&data.grid).unwrap();
            (host_params(&e), report, predictions, observed, e.loss_and_gradients().unwrap())
        };
        let (params, report, predictions, observed, (loss, grads)) = run(1);
        assert_eq!(observed, 3);
        for threads in [2, 3] {
            let (p, r, pr, o, (l, g)) = run(threads);
            assert_eq!(p, params, "{threads} threads, {base:?}");
            assert_eq!(pr.q, predictions.q, "{threads} threads");
            assert_eq!(o, observed);
            for (a, b) in r.losses.iter().zip(&report.losses) {
                assert!((a - b).abs() <= 1e-5 * b.abs(), "{a} vs {b}");
            }
            assert!((l - loss).abs() <= 1e-5 * loss.abs());
            for (a, b) in g.iter().zip(&grads) {
                assert_eq!(a.shape(), b.shape());
                assert_eq!(a.to_vec::<f32>().unwrap(), b.to_vec::<f32>().unwrap());
            }
        }
    }
}

#[test]
fn parameters_set_on_a_sharded_ensemble_reach_every_shard() {
    let (_, td) = gap();
    let config = EnsembleConfig { members: 5, threads: 2, ..Default::default() };
    let mut e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
    let zeros: Vec<NdArray> = e.parameters().unwrap().iter().map(|p| p.zeros_like().unwrap()).collect();
    e.set_parameters(zeros).unwrap();
    assert!(host_params(&e).iter().flatten().all(|&v| v == 0.0));
    let (_, grads) = e.loss_and_gradients().unwrap();
    assert_eq!(grads[0].shape(), &[5, 1, 20]);
    let wrong = vec![e.parameters().unwrap()[0].clone()];
    assert!(matches!(e.set_parameters(wrong), Err(EnsembleError::Config(_))));
}

#[test]
fn threads_must_be_between_one_and_the_members() {
    let (_, td) = gap();
    for threads in [0, 41] {
        let config = EnsembleConfig { threads, ..Default::default() };
        let err = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap_err();
        assert!(matches!(err, EnsembleError::Config(ref m) if m.contains("threads")), "{err}");
    }
}

#[test]
fn half_precision_is_refused_not_trained_silently_in_float64() {
    let (_, td) = gap();
    for dtype in [DType::Float16, DType::BFloat16] {
        let config = EnsembleConfig { members: 2, dtype, ..Default::default() };
        let e = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).expect_err("half precision is refused");
        assert!(matches!(e, EnsembleError::Config(_)) && e.to_string().contains(dtype.name()), "{e}");
    }
}

#[test]
fn the_flop_count_of_a_step_is_the_peers_formula() {
    // 40 members, 64 points, 1 -> 20 -> 20 -> 1: 8 K N (1*20 + 20*20 + 20*1) FLOPs, within
    // 2 K N H of benches/peers' K N (8 H^2 + 14 H) (about 1%).
    let c = EnsembleConfig { members: 40, layers: vec![1, 20, 20, 1], ..Default::default() };
    assert_eq!(c.flops_per_step(64), Some(8 * 40 * 64 * 440));
    assert_eq!(c.flops_per_step(64).unwrap() - 40 * 64 * (8 * 400 + 14 * 20), 40 * 64 * 2 * 20);
    let huge = EnsembleConfig { members: usize::MAX, layers: vec![1, usize::MAX, 1], ..Default::default() };
    assert_eq!(huge.flops_per_step(2), None);
}

/// Sizes a hostile caller might pass: each is a typed error before anything large is
/// allocated, never an abort or a panic.
#[test]
fn absurd_sizes_are_refused_before_allocating() {
    let (_, td) = gap();
    let refused = |config: EnsembleConfig| {
        let r = Ensemble::<NdArray>::new(&NdNamespace, &config, &td);
        assert!(matches!(r, Err(EnsembleError::Config(_))), "{:?}: {:?}", config.layers, r.err());
    };
    refused(EnsembleConfig { members: usize::MAX, ..Default::default() });
    refused(EnsembleConfig { members: 1 << 40, ..Default::default() });
    refused(EnsembleConfig { members: 100_000, layers: vec![1, 100_000, 1], ..Default::default() });
    refused(EnsembleConfig { layers: vec![1, usize::MAX, 1], ..Default::default() });
    refused(EnsembleConfig { layers: vec![usize::MAX, usize::MAX], ..Default::default() });
    refused(EnsembleConfig { layers: vec![], ..Default::default() });
    // The largest accepted working set is a documented constant.
    let ok = EnsembleConfig { members: 40, layers: vec![1, 20, 20, 1], ..Default::default() };
    assert!(ok.working_set_bytes(64).unwrap() <= MAX_WORKING_SET_BYTES && ok.validate().is_ok());
    // Ten million points for the default 40 members: about 27 GiB of activations.
    let many: Vec<f64> = vec![0.5; 10_000_000];
    let big = TrainData::new(many.clone(), many).unwrap();
    let r = Ensemble::<NdArray>::new(&NdNamespace, &EnsembleConfig::default(), &big);
    assert!(matches!(r, Err(EnsembleError::Config(_))), "{:?}", r.err());
    // Data sets and the network itself.
    for n in [usize::MAX, 1 << 40, MAX_POINTS + 1] {
        assert!(matches!(Dataset::generate(DataKind::Gap, Some(n), 0), Err(EnsembleError::Data(_))));
    }
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
    let init = |members, layers: &[usize], rng: &mut rand::rngs::StdRng| {
        StackedMlp::<NdArray>::init(&NdNamespace, members, layers, Activation::Relu, DType::Float32, rng)
    };
    assert!(init(2, &[], &mut rng).is_err());
    assert!(init(2, &[3], &mut rng).is_err());
    assert!(init(0, &[1, 2], &mut rng).is_err());
    assert!(init(1 << 40, &[1 << 20, 1 << 20], &mut rng).is_err());
    // backward with another network's cache: an error, not an index out of bounds.
    let small = init(2, &[1, 3, 1], &mut rng).unwrap();
    let deep = init(2, &[1, 3, 3, 3, 1], &mut rng).unwrap();
    let x = NdArray::asarray(&NdNamespace, &[0.5f32, -0.5], &[2, 1]).unwrap();
    let (out, cache) = small.forward_cached(&x).unwrap();
    assert!(deep.backward(&out, &cache).is_err());
    // train(usize::MAX) that the observer stops at step 3 reserves nothing absurd.
    let mut e =
        Ensemble::<NdArray>::new(&NdNamespace, &EnsembleConfig { members: 2, ..Default::default() }, &td).unwrap();
    let r =
        e.train(usize::MAX, 1, |p, _| if p.step == 3 { Err(EnsembleError::Stopped("three".into())) } else { Ok(()) });
    assert_eq!(r.unwrap_err(), EnsembleError::Stopped("three".into()));
    assert_eq!(e.steps_done(), 3);
}

/// Every parameter's values, member by member: `[layer][member] -> values`.
fn per_member(params: &[Vec<f32>], members: usize) -> Vec<Vec<Vec<f32>>> {
    params.iter().map(|p| p.chunks(p.len() / members).map(<[f32]>::to_vec).collect()).collect()
}

#[test]
fn parts_trained_apart_give_the_whole_ensembles_parameters_bit_for_bit() {
    let (_, td) = gap();
    for (prior, batch_size) in [
        (PriorSpec::RandomMlp { beta: 1.0 }, None),
        (PriorSpec::Sin { beta: 0.3, omega: 3.0 }, None),
        (PriorSpec::RandomMlp { beta: 3.0 }, Some(7)),
    ] {
        let config = EnsembleConfig { members: 7, prior, batch_size, ..Default::default() };
        let mut whole = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
        whole.train(40, 0, |_, _| Ok(())).unwrap();
        let want = per_member(&host_params(&whole), 7);
        let mut got: Vec<Vec<Vec<f32>>> = vec![Vec::new(); want.len()];
        for range in [0..3, 3..4, 4..7] {
            let threads = if range.len() > 1 { 2 } else { 1 };
            let c = EnsembleConfig { threads, ..config.clone() };
            let mut part = Ensemble::<NdArray>::part(&NdNamespace, &c, &td, range.clone()).unwrap();
            assert_eq!(part.members(), range);
            part.train(40, 0, |_, _| Ok(())).unwrap();
            for (layer, values) in per_member(&host_params(&part), range.len()).into_iter().enumerate() {
                got[layer].extend(values);
            }
            // Its predictions are its members' (prior included).
            let p = part.predict(&[0.25, 1.75]).unwrap();
            let w = whole.predict(&[0.25, 1.75]).unwrap();
            assert_eq!(p.members, range.len());
            assert_eq!(p.q, w.q[range.start * 2..range.end * 2].to_vec(), "{prior:?}");
        }
        assert_eq!(got, want, "{prior:?} {batch_size:?}");
    }
    // Bad parts are typed errors.
    let config = EnsembleConfig { members: 4, ..Default::default() };
    #[allow(clippy::reversed_empty_ranges)] // a reversed range is one of the bad inputs
    let bad = [0..0, 2..5, 3..2];
    for range in bad {
        let err = Ensemble::<NdArray>::part(&NdNamespace, &config, &td, range.clone()).unwrap_err();
        assert!(matches!(err, EnsembleError::Config(ref m) if m.contains("part")), "{range:?}: {err}");
    }
    let two = EnsembleConfig { threads: 2, ..config };
    assert!(matches!(Ensemble::<NdArray>::part(&NdNamespace, &two, &td, 0..1), Err(EnsembleError::Config(_))));
}

#[test]
fn a_restored_state_trains_on_exactly_as_the_uninterrupted_run() {
    let (_, td) = gap();
    for batch_size in [None, Some(6)] {
        let config = EnsembleConfig { members: 5, batch_size, threads: 2, ..Default::default() };
        let mut straight = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
        straight.train(50, 0, |_, _| Ok(())).unwrap();

        let mut first = Ensemble::<NdArray>::part(&NdNamespace, &config, &td, 0..5).unwrap();
        first.train(30, 0, |_, _| Ok(())).unwrap();
        let state = first.state().unwrap();
        assert_eq!((state.steps_done, state.adam_steps, state.members.clone()), (30, 30, 0..5));
        let mut resumed = Ensemble::<NdArray>::new(&NdNamespace, &config, &td).unwrap();
        resumed.restore(&state).unwrap();
        assert_eq!(resumed.steps_done(), 30);
        resumed.train(20, 0, |_, _| Ok(())).unwrap();
        assert_eq!(host_params(&resumed), host_params(&straight), "{batch_size:?}");

        // A state restores only a fresh ensemble of the same members.
        assert!(matches!(resumed.restore(&state), Err(EnsembleError::Config(_))));
        let mut other = Ensemble::<NdArray>::part(&NdNamespace, &config, &td, 0..3).unwrap();
        assert!(matches!(other.restore(&state), Err(EnsembleError::Config(_))));
    }
}
