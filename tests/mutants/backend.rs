//! `Mutant`: the ndarray backend behind a wrapper that corrupts exactly one function in
//! one realistic way (which one is a [`Mutation`] carried by every array and by the
//! namespace). Everything else delegates to `NdArray`, so the conformance suite run on a
//! `Mutant` must fail where, and only because, that one function is wrong.

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{
    ArgReduceOp, ArrayApi, Axes, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, Error, FusedOp, HostArray,
    Operand, ReduceOp, Result, Scalar, Selection, Side, SliceItem, UnaryOp,
};

/// The one mistake a `Mutant` makes (`None`: it makes none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutation {
    None,
    NegativeKeepsInfinity,
    NegativeLosesZeroSign,
    CeilLosesZeroSign,
    RoundHalfAwayFromZero,
    SignOfNanIsZero,
    SqrtOfMinusZeroIsPlusZero,
    Expm1Cancels,
    Log1pCancels,
    IntegerAbsSaturates,
    MaximumDropsNan,
    EqualSaysNanEqualsNan,
    IntegerAddSaturates,
    LogaddexpOverflows,
    HypotOverflows,
    BroadcastRepeatsWrongAxis,
    SumOverNextAxis,
    SumIgnoresKeepdims,
    MinStartsFromFloatMax,
    ArgmaxLastOfTies,
    CumulativeSumExclusive,
    CumulativeSumPoisonedByInfinity,
    SumIgnoresDtype,
    MeanDividesByNMinusOne,
    VarIgnoresCorrection,
    ConcatReversesOrder,
    TakeNegativeCountsFromStart,
    SqueezeDropsEveryUnitAxis,
    FlipIgnoresAxis,
    PermuteAppliesInverse,
    LinspaceDropsEndpoint,
    ArangeIncludesStop,
    CastInfinityToFloatMax,
    CastFloatToIntWraps,
    EyeNegatesOffset,
    ArgsortUnstable,
    SortPutsNanFirst,
    UniqueMergesNans,
    SearchsortedIgnoresSide,
    IsinIgnoresInvert,
    FloorDivideTruncates,
    RemainderTakesDividendSign,
    RightShiftLogical,
    MatmulReusesFirstBatch,
    MatmulRefusesIntegers,
    InvTransposed,
    MatrixPowerOneShort,
    TensordotContractsLastAxesOfBoth,
    DetLosesSign,
    ClipRefusesBroadcast,
    WhereSwapsBranches,
    BiasAddedAfterActivation,
    SliceNegativeStepReversesRange,
    SliceIndexClampsToEnd,
    SliceSetIgnoresStep,
    MaskColumnMajor,
    IndexArraysOuter,
    PutFirstValueWins,
}

/// A namespace making `Mutant` arrays with one mutation.
#[derive(Clone, Copy, Debug)]
pub struct MutantNs {
    /// The mistake its arrays make.
    pub mutation: Mutation,
}

impl BackendNamespace for MutantNs {
    fn backend_name(&self) -> &'static str {
        "mutant"
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
}

/// An `NdArray` and the mistake it makes.
#[derive(Clone, Debug)]
pub struct Mutant {
    inner: NdArray,
    mutation: Mutation,
}

impl Mutant {
    fn wrap(&self, r: Result<NdArray>) -> Result<Self> {
        r.map(|inner| Mutant { inner, mutation: self.mutation })
    }
    fn is(&self, m: Mutation) -> bool {
        self.mutation == m
    }
}

fn in_ns(ns: &MutantNs, r: Result<NdArray>) -> Result<Mutant> {
    r.map(|inner| Mutant { inner, mutation: ns.mutation })
}

/// Values as f64, row-major.
fn host(x: &NdArray) -> Result<Vec<f64>> {
    Ok(x.to_host()?.data().to_f64_vec())
}

/// `x` with every value replaced by `f(index, value)`, in `x`'s dtype.
fn remap(x: &NdArray, f: impl Fn(usize, f64) -> f64) -> Result<NdArray> {
    let v: Vec<f64> = host(x)?.iter().enumerate().map(|(i, &y)| f(i, y)).collect();
    NdArray::from_host(&NdNamespace, HostArray::from_vec(v, x.shape())?)?.astype(x.dtype())
}

fn operand(o: Operand<'_, Mutant>) -> Operand<'_, NdArray> {
    match o {
        Operand::Array(a) => Operand::Array(&a.inner),
        Operand::Scalar(s) => Operand::Scalar(s),
    }
}

/// An operand as an array (a scalar takes `like`'s dtype).
fn as_array(o: &Operand<'_, Mutant>, like: &NdArray) -> Result<NdArray> {
    match o {
        Operand::Array(a) => Ok(a.inner.clone()),
        Operand::Scalar(s) => NdArray::full(&NdNamespace, &[], s.cast("mutant", like.dtype())?, like.dtype()),
    }
}

fn dtype_max(dtype: DType) -> f64 {
    if dtype == DType::Float32 {
        f32::MAX as f64
    } else {
        f64::MAX
    }
}

/// `index` with ndarray's meaning of a negative step (the range `start..stop` walked
/// backwards from its end) instead of Python's (from `start` down to `stop`).
fn ndarray_steps(index: &Selection, shape: &[usize]) -> Result<Selection> {
    let items = index.items();
    if items.iter().any(|i| matches!(i, SliceItem::Ellipsis | SliceItem::NewAxis)) {
        return Ok(index.clone());
    }
    let mut out = Vec::new();
    for (axis, item) in items.iter().enumerate() {
        out.push(match *item {
            SliceItem::Slice { start, stop, step } if step < 0 => {
                let forward = Selection::new(vec![SliceItem::Slice { start, stop, step: 1 }]);
                match forward.resolve("mutant", &shape[axis..=axis])?[0] {
                    arrayapi::Pick::Range { start, len, .. } if len > 0 => SliceItem::Slice {
                        start: Some((start + len - 1) as isize),
                        stop: if start == 0 { None } else { Some(start as isize - 1) },
                        step,
                    },
                    _ => SliceItem::Slice { start: Some(0), stop: Some(0), step: 1 },
                }
            }
            other => other,
        });
    }
    Ok(Selection::new(out))
}

/// `index` with integers past the end of their axis clamped to its last position.
fn clamp_indices(index: &Selection, shape: &[usize]) -> Selection {
    let items = index.items();
    if items.iter().any(|i| matches!(i, SliceItem::Ellipsis | SliceItem::NewAxis)) || items.len() > shape.len() {
        return index.clone();
    }
    let clamp = |(axis, item): (usize, &SliceItem)| match *item {
        SliceItem::Index(i) if i >= 0 && i as usize >= shape[axis] => SliceItem::Index(shape[axis] as isize - 1),
        other => other,
    };
    Selection::new(items.iter().enumerate().map(clamp).collect())
}

// Every backend's array prints as NumPy does (the contract requires `Display`).
arrayapi::impl_display!(Mutant);

impl arrayapi::Backend for Mutant {
    type Namespace = MutantNs;

    fn namespace(x: &Self) -> MutantNs {
        MutantNs { mutation: x.mutation }
    }
    fn shape(x: &Self) -> &[usize] {
        x.inner.shape()
    }
    fn dtype(x: &Self) -> DType {
        x.inner.dtype()
    }
    fn device(_: &Self) -> Device {
        Device::Cpu
    }
    fn from_host(ns: &MutantNs, host: HostArray) -> Result<Self> {
        in_ns(ns, <NdArray as ArrayApi>::from_host(&NdNamespace, host))
    }
    fn to_host(x: &Self) -> Result<HostArray> {
        x.inner.to_host()
    }
    fn full(ns: &MutantNs, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        in_ns(ns, <NdArray as ArrayApi>::full(&NdNamespace, shape, fill, dtype))
    }

    fn astype(this: &Self, dtype: DType) -> Result<Self> {
        let r = this.inner.astype(dtype)?;
        let from = this.dtype();
        if this.is(Mutation::CastInfinityToFloatMax) && from == DType::Float64 && dtype == DType::Float32 {
            return this.wrap(remap(&r, |_, v| if v.is_infinite() { v.signum() * f32::MAX as f64 } else { v }));
        }
        if this.is(Mutation::CastFloatToIntWraps) && from.is_floating() && dtype.is_integer() {
            let bits = arrayapi::iinfo(dtype)?.bits;
            let x = host(&this.inner)?;
            return this.wrap(remap(&r, |i, v| {
                let t = x[i].trunc();
                if t.is_finite() && t.abs() < 1e18 {
                    let m = 2f64.powi(bits as i32);
                    let w = t.rem_euclid(m);
                    if dtype.is_signed_integer() && w >= m / 2.0 {
                        w - m
                    } else {
                        w
                    }
                } else {
                    v
                }
            }));
        }
        this.wrap(Ok(r))
    }

    fn unary(this: &Self, op: UnaryOp) -> Result<Self> {
        let r = this.inner.unary(op)?;
        let x = || host(&this.inner);
        let f32s = this.dtype() == DType::Float32;
        let out = match (this.mutation, op) {
            (Mutation::NegativeKeepsInfinity, UnaryOp::Negative) => {
                let x = x()?;
                remap(&r, |i, v| if x[i].is_infinite() { x[i] } else { v })?
            }
            (Mutation::NegativeLosesZeroSign, UnaryOp::Negative) => remap(&r, |_, v| if v == 0.0 { 0.0 } else { v })?,
            (Mutation::CeilLosesZeroSign, UnaryOp::Ceil) => remap(&r, |_, v| if v == 0.0 { 0.0 } else { v })?,
            (Mutation::RoundHalfAwayFromZero, UnaryOp::Round) => {
                let x = x()?;
                remap(&r, |i, v| if this.dtype().is_floating() { x[i].round() } else { v })?
            }
            (Mutation::SignOfNanIsZero, UnaryOp::Sign) => remap(&r, |_, v| if v.is_nan() { 0.0 } else { v })?,
            (Mutation::SqrtOfMinusZeroIsPlusZero, UnaryOp::Sqrt) => remap(&r, |_, v| if v == 0.0 { 0.0 } else { v })?,
            (Mutation::Expm1Cancels, UnaryOp::Expm1) => {
                let x = x()?;
                remap(&r, |i, _| if f32s { ((x[i] as f32).exp() - 1.0) as f64 } else { x[i].exp() - 1.0 })?
            }
            (Mutation::Log1pCancels, UnaryOp::Log1p) => {
                let x = x()?;
                remap(&r, |i, _| if f32s { (1.0 + x[i] as f32).ln() as f64 } else { (1.0 + x[i]).ln() })?
            }
            (Mutation::IntegerAbsSaturates, UnaryOp::Abs) if this.dtype().is_signed_integer() => {
                let max = arrayapi::iinfo(this.dtype())?.max as f64;
                let x = x()?;
                remap(&r, |i, v| if x[i] < 0.0 && v < 0.0 { max } else { v })?
            }
            _ => r,
        };
        this.wrap(Ok(out))
    }

    fn binary(x: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        let r = x.inner.binary(&other.inner, op)?;
        let m = x.mutation;
        let hit = matches!(
            (m, op),
            (Mutation::MaximumDropsNan, BinaryOp::Maximum)
                | (Mutation::EqualSaysNanEqualsNan, BinaryOp::Equal)
                | (Mutation::LogaddexpOverflows, BinaryOp::LogAddExp)
                | (Mutation::HypotOverflows, BinaryOp::Hypot)
        ) || (m == Mutation::IntegerAddSaturates && op == BinaryOp::Add && r.dtype().is_integer());
        if !hit {
            return x.wrap(Ok(r));
        }
        // The operands broadcast to the result, on the host.
        let a = host(&x.inner.astype(DType::Float64)?.broadcast_to(r.shape())?)?;
        let b = host(&other.inner.astype(DType::Float64)?.broadcast_to(r.shape())?)?;
        let out = match m {
            Mutation::MaximumDropsNan => remap(&r, |i, _| a[i].max(b[i]))?,
            Mutation::EqualSaysNanEqualsNan => remap(&r, |i, v| if a[i].is_nan() && b[i].is_nan() { 1.0 } else { v })?,
            Mutation::LogaddexpOverflows => remap(&r, |i, _| (a[i].exp() + b[i].exp()).ln())?,
            Mutation::HypotOverflows => remap(&r, |i, _| (a[i] * a[i] + b[i] * b[i]).sqrt())?,
            _ => {
                let info = arrayapi::iinfo(r.dtype())?;
                remap(&r, |i, _| (a[i] + b[i]).clamp(info.min as f64, info.max as f64))?
            }
        };
        x.wrap(Ok(out))
    }

    fn select(x: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        if x.is(Mutation::WhereSwapsBranches) {
            return x.wrap(x.inner.select(&x2.inner, &x1.inner));
        }
        x.wrap(x.inner.select(&x1.inner, &x2.inner))
    }

    fn reduce(x: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        let nd = x.ndim();
        if x.is(Mutation::SumOverNextAxis) && op == ReduceOp::Sum && axes.len() == 1 && nd >= 2 {
            return x.wrap(x.inner.reduce(op, &[(axes[0] + 1) % nd], keepdims));
        }
        if x.is(Mutation::SumIgnoresKeepdims) && op == ReduceOp::Sum {
            return x.wrap(x.inner.reduce(op, axes, false));
        }
        let r = x.inner.reduce(op, axes, keepdims)?;
        if x.is(Mutation::MinStartsFromFloatMax) && op == ReduceOp::Min && r.dtype().is_floating() {
            let max = dtype_max(r.dtype());
            return x.wrap(remap(&r, |_, v| if v == f64::INFINITY { max } else { v }));
        }
        x.wrap(Ok(r))
    }

    fn arg_reduce(x: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        if x.is(Mutation::ArgmaxLastOfTies) && op == ArgReduceOp::ArgMax {
            // The first of the flipped axis is the last of the original.
            let n = x.shape()[axis] as f64;
            let r = x.inner.flip(axis as isize)?.arg_reduce(op, axis, keepdims)?;
            return x.wrap(remap(&r, |_, v| n - 1.0 - v));
        }
        x.wrap(x.inner.arg_reduce(op, axis, keepdims))
    }

    fn cumulative(x: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        if x.is(Mutation::CumulativeSumExclusive) && op == CumulativeOp::Sum && !include_initial {
            let n = x.shape()[axis];
            let all = x.inner.cumulative(op, axis, true)?;
            let first: Vec<i64> = (0..n as i64).collect();
            let idx = NdArray::asarray(&NdNamespace, &first, &[n])?;
            return x.wrap(all.take_axis(&idx, axis));
        }
        let r = x.inner.cumulative(op, axis, include_initial)?;
        if x.is(Mutation::CumulativeSumPoisonedByInfinity) && op == CumulativeOp::Sum && r.dtype().is_floating() {
            // What a sum through a matrix of ones does: 0 * inf = NaN everywhere.
            if host(&x.inner)?.iter().any(|v| !v.is_finite()) {
                return x.wrap(remap(&r, |_, _| f64::NAN));
            }
        }
        x.wrap(Ok(r))
    }

    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        x.wrap(x.inner.reshape_exact(shape))
    }

    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        if x.is(Mutation::PermuteAppliesInverse) && axes.len() == x.ndim() {
            let mut inv = vec![0; axes.len()];
            for (i, &a) in axes.iter().enumerate() {
                if a < inv.len() {
                    inv[a] = i;
                }
            }
            return x.wrap(x.inner.permute_dims(&inv));
        }
        x.wrap(x.inner.permute_dims(axes))
    }

    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        let r = x.inner.broadcast_to(shape)?;
        let square = shape.len() == 2 && shape[0] == shape[1] && shape[0] > 1;
        if x.is(Mutation::BroadcastRepeatsWrongAxis) && square && x.shape() != shape {
            // Repeats along the other axis: the transpose of the right answer.
            return x.wrap(r.permute_dims(&[1, 0]));
        }
        x.wrap(Ok(r))
    }

    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let mut inner: Vec<NdArray> = arrays.iter().map(|a| a.inner.clone()).collect();
        let mutation = arrays.first().map_or(Mutation::None, |a| a.mutation);
        if mutation == Mutation::ConcatReversesOrder {
            inner.reverse();
        }
        <NdArray as ArrayApi>::concat_axis(&inner, axis).map(|inner| Mutant { inner, mutation })
    }

    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        if x.is(Mutation::TakeNegativeCountsFromStart) && indices.dtype().is_signed_integer() {
            // -1 read as "the first", -2 as "the second"...
            let fixed = remap(&indices.inner, |_, v| if v < 0.0 { -v - 1.0 } else { v })?;
            return x.wrap(x.inner.take_axis(&fixed, axis));
        }
        x.wrap(x.inner.take_axis(&indices.inner, axis))
    }

    fn matmul(x: &Self, other: &Self) -> Result<Self> {
        if x.is(Mutation::MatmulRefusesIntegers) && (x.dtype().is_integer() || other.dtype().is_integer()) {
            return Err(Error::Unsupported { func: "matmul", backend: "mutant", what: "integer dtypes".into() });
        }
        if x.is(Mutation::MatmulReusesFirstBatch) && other.ndim() == 3 && other.shape()[0] > 1 {
            let first = NdArray::asarray(&NdNamespace, &[0i64], &[1])?;
            let b0 = other.inner.take_axis(&first, 0)?;
            return x.wrap(x.inner.matmul(&b0));
        }
        x.wrap(x.inner.matmul(&other.inner))
    }

    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        let mutation = args.first().map_or(Mutation::None, |a| a.mutation);
        if let (Mutation::BiasAddedAfterActivation, FusedOp::BiasActivation(act)) = (mutation, op) {
            return act.apply(args[0])?.add(args[1]);
        }
        let inner: Vec<&NdArray> = args.iter().map(|a| &a.inner).collect();
        <NdArray as ArrayApi>::fused(op, &inner).map(|inner| Mutant { inner, mutation })
    }

    // ---- provided functions a mutation corrupts (the rest keep their defaults) ------

    fn sum_as(x: &Self, axes: impl Into<Axes>, dtype: DType, keepdims: bool) -> Result<Self> {
        if x.is(Mutation::SumIgnoresDtype) {
            return x.wrap(x.inner.sum(axes, keepdims));
        }
        x.wrap(x.inner.sum_as(axes, dtype, keepdims))
    }

    fn mean(x: &Self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let r = x.inner.mean(axes, keepdims)?;
        if x.is(Mutation::MeanDividesByNMinusOne) && r.size() > 0 {
            let n = (x.size() / r.size()) as f64;
            return x.wrap(r.multiply(n / (n - 1.0)));
        }
        x.wrap(Ok(r))
    }

    fn var(x: &Self, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<Self> {
        let correction = if x.is(Mutation::VarIgnoresCorrection) { 0.0 } else { correction };
        x.wrap(x.inner.var(axes, correction, keepdims))
    }

    fn squeeze(x: &Self, axes: impl Into<Axes>) -> Result<Self> {
        if x.is(Mutation::SqueezeDropsEveryUnitAxis) {
            return x.wrap(x.inner.squeeze(Axes::All));
        }
        x.wrap(x.inner.squeeze(axes))
    }

    fn slice(x: &Self, index: impl Into<Selection>) -> Result<Self> {
        let mut index = index.into();
        if x.is(Mutation::SliceNegativeStepReversesRange) {
            index = ndarray_steps(&index, x.shape())?;
        }
        if x.is(Mutation::SliceIndexClampsToEnd) {
            index = clamp_indices(&index, x.shape());
        }
        x.wrap(x.inner.slice(index))
    }

    fn slice_set<'a>(x: &'a Self, index: impl Into<Selection>, values: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let mut index = index.into();
        if x.is(Mutation::SliceSetIgnoresStep) {
            let unit = |item: &SliceItem| match *item {
                SliceItem::Slice { start, stop, step } => SliceItem::Slice { start, stop, step: step.signum() },
                other => other,
            };
            index = Selection::new(index.items().iter().map(unit).collect());
        }
        x.wrap(x.inner.slice_set(index, operand(values.into())))
    }

    fn mask(x: &Self, mask: &Self) -> Result<Self> {
        if x.is(Mutation::MaskColumnMajor) && x.ndim() == 2 && mask.ndim() == 2 {
            return x.wrap(x.inner.matrix_transpose()?.mask(&mask.inner.matrix_transpose()?));
        }
        x.wrap(x.inner.mask(&mask.inner))
    }

    fn index_arrays(x: &Self, indices: &[&Self]) -> Result<Self> {
        if x.is(Mutation::IndexArraysOuter) && indices.len() >= 2 && indices.iter().all(|i| i.ndim() == 1) {
            // Orthogonal indexing (each array picks along its own axis), not the
            // standard's vectorised indexing.
            let mut y = x.inner.clone();
            for (axis, i) in indices.iter().enumerate() {
                y = y.take(&i.inner, Some(axis as isize))?;
            }
            return x.wrap(Ok(y));
        }
        let inner: Vec<&NdArray> = indices.iter().map(|i| &i.inner).collect();
        x.wrap(x.inner.index_arrays(&inner))
    }

    fn put<'a>(x: &'a Self, indices: &'a Self, values: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let values = values.into();
        if let (true, Operand::Array(v)) = (x.is(Mutation::PutFirstValueWins), values) {
            if indices.ndim() == 1 && v.shape() == indices.shape() {
                return x.wrap(x.inner.put(&indices.inner.flip(Axes::All)?, &v.inner.flip(Axes::All)?));
            }
        }
        x.wrap(x.inner.put(&indices.inner, operand(values)))
    }

    fn flip(x: &Self, axes: impl Into<Axes>) -> Result<Self> {
        if x.is(Mutation::FlipIgnoresAxis) {
            return x.wrap(x.inner.flip(Axes::All));
        }
        x.wrap(x.inner.flip(axes))
    }

    fn linspace(ns: &MutantNs, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Self> {
        let endpoint = endpoint && ns.mutation != Mutation::LinspaceDropsEndpoint;
        in_ns(ns, <NdArray as ArrayApi>::linspace(&NdNamespace, start, stop, num, endpoint, dtype))
    }

    fn arange(ns: &MutantNs, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Self> {
        let stop = if ns.mutation == Mutation::ArangeIncludesStop { stop + step } else { stop };
        in_ns(ns, <NdArray as ArrayApi>::arange(&NdNamespace, start, stop, step, dtype))
    }

    fn eye(ns: &MutantNs, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Self> {
        let k = if ns.mutation == Mutation::EyeNegatesOffset { -k } else { k };
        in_ns(ns, <NdArray as ArrayApi>::eye(&NdNamespace, n_rows, n_cols, k, dtype))
    }

    fn argsort(x: &Self, axis: isize, descending: bool) -> Result<Self> {
        let r = x.inner.argsort(axis, descending)?;
        if x.is(Mutation::ArgsortUnstable) && x.ndim() == 1 {
            // Equal keys come out in reverse order of appearance.
            let (keys, mut order) = (host(&x.inner)?, host(&r)?);
            let mut start = 0;
            while start < order.len() {
                let key = keys[order[start] as usize];
                let end = (start..order.len()).find(|&j| keys[order[j] as usize] != key).unwrap_or(order.len());
                order[start..end].reverse();
                start = end.max(start + 1);
            }
            return x.wrap(remap(&r, |i, _| order[i]));
        }
        x.wrap(Ok(r))
    }

    fn sort(this: &Self, axis: isize, descending: bool) -> Result<Self> {
        let r = this.inner.sort(axis, descending)?;
        let last = axis == -1 || axis == this.ndim() as isize - 1;
        if this.is(Mutation::SortPutsNanFirst) && last && this.ndim() > 0 {
            let row = *this.shape().last().unwrap_or(&1);
            let v = host(&r)?;
            let mut out = Vec::with_capacity(v.len());
            for chunk in v.chunks(row.max(1)) {
                out.extend(chunk.iter().filter(|x| x.is_nan()));
                out.extend(chunk.iter().filter(|x| !x.is_nan()));
            }
            return this.wrap(remap(&r, |i, _| out[i]));
        }
        this.wrap(Ok(r))
    }

    fn unique_values(this: &Self) -> Result<Self> {
        let r = this.inner.unique_values()?;
        if this.is(Mutation::UniqueMergesNans) {
            let v = host(&r)?;
            let mut kept: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            if v.iter().any(|x| x.is_nan()) {
                kept.push(f64::NAN);
            }
            let merged =
                <NdArray as ArrayApi>::from_host(&NdNamespace, HostArray::from_vec(kept.clone(), &[kept.len()])?)?;
            return this.wrap(merged.astype(r.dtype()));
        }
        this.wrap(Ok(r))
    }

    fn searchsorted(x: &Self, values: &Self, side: Side, sorter: Option<&Self>) -> Result<Self> {
        let side = if x.is(Mutation::SearchsortedIgnoresSide) { Side::Left } else { side };
        x.wrap(x.inner.searchsorted(&values.inner, side, sorter.map(|s| &s.inner)))
    }

    fn isin(x: &Self, test_elements: &Self, invert: bool) -> Result<Self> {
        let invert = invert && !x.is(Mutation::IsinIgnoresInvert);
        x.wrap(x.inner.isin(&test_elements.inner, invert))
    }

    fn floor_divide<'a>(x: &'a Self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let other = other.into();
        let r = x.inner.floor_divide(operand(other))?;
        if x.is(Mutation::FloorDivideTruncates) && r.dtype().is_integer() {
            // Rounds toward zero: one more than the floor where the quotient is negative
            // and inexact.
            let rem = x.inner.remainder(operand(other))?;
            let fix = rem.not_equal(0)?.logical_and(&r.less(0)?)?.astype(r.dtype())?;
            return x.wrap(r.add(&fix));
        }
        x.wrap(Ok(r))
    }

    fn remainder<'a>(x: &'a Self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let other = other.into();
        let r = x.inner.remainder(operand(other))?;
        if x.is(Mutation::RemainderTakesDividendSign) {
            // C's fmod: the dividend's sign, where Python's % takes the divisor's.
            let b = as_array(&other, &x.inner)?;
            let differs = r.less(0)?.not_equal(&x.inner.less(0)?)?.logical_and(&r.not_equal(0)?)?;
            return x.wrap(differs.select(&r.subtract(&b)?, &r));
        }
        x.wrap(Ok(r))
    }

    fn bitwise_right_shift<'a>(x: &'a Self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let r = x.inner.bitwise_right_shift(operand(other.into()))?;
        if x.is(Mutation::RightShiftLogical) && r.dtype().is_signed_integer() {
            // Fills with zeros from the left: the sign bit cleared.
            let max = arrayapi::iinfo(r.dtype())?.max as i64;
            return x.wrap(r.bitwise_and(max));
        }
        x.wrap(Ok(r))
    }

    fn inv(x: &Self) -> Result<Self> {
        let r = x.inner.inv()?;
        if x.is(Mutation::InvTransposed) {
            return x.wrap(r.matrix_transpose());
        }
        x.wrap(Ok(r))
    }

    fn matrix_power(x: &Self, n: i64) -> Result<Self> {
        let n = if x.is(Mutation::MatrixPowerOneShort) && n > 1 { n - 1 } else { n };
        x.wrap(x.inner.matrix_power(n))
    }

    fn tensordot(x: &Self, other: &Self, axes: usize) -> Result<Self> {
        if x.is(Mutation::TensordotContractsLastAxesOfBoth) && axes > 0 {
            let last = |nd: usize| -> Vec<isize> { (nd.saturating_sub(axes)..nd).map(|a| a as isize).collect() };
            return x.wrap(x.inner.tensordot_axes(&other.inner, &last(x.ndim()), &last(other.ndim())));
        }
        x.wrap(x.inner.tensordot(&other.inner, axes))
    }

    fn det(x: &Self) -> Result<Self> {
        let r = x.inner.det()?;
        if x.is(Mutation::DetLosesSign) {
            return x.wrap(r.abs());
        }
        x.wrap(Ok(r))
    }

    fn clip<'a>(x: &'a Self, min: Option<Operand<'a, Self>>, max: Option<Operand<'a, Self>>) -> Result<Self> {
        let r = x.inner.clip(min.map(operand), max.map(operand))?;
        if x.is(Mutation::ClipRefusesBroadcast) && r.shape() != x.shape() {
            return Err(Error::Broadcast { func: "clip", lhs: x.shape().to_vec(), rhs: r.shape().to_vec() });
        }
        x.wrap(Ok(r))
    }
}
