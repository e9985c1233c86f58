//! `Mutant`: the ndarray backend behind a wrapper that corrupts exactly one function in
//! one realistic way (which one is a [`Mutation`] carried by every array and by the
//! namespace). Everything else delegates to `NdArray`, so the conformance suite run on a
//! `Mutant` must fail where, and only because, that one function is wrong.

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{
    ArgReduceOp, ArrayApi, Axes, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, Error, FusedOp, HostArray,
    Operand, ReduceOp, Result, Scalar, Side, UnaryOp,
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

impl ArrayApi for Mutant {
    type Namespace = MutantNs;

    fn namespace(&self) -> MutantNs {
        MutantNs { mutation: self.mutation }
    }
    fn shape(&self) -> &[usize] {
        self.inner.shape()
    }
    fn dtype(&self) -> DType {
        self.inner.dtype()
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
    fn from_host(ns: &MutantNs, host: HostArray) -> Result<Self> {
        in_ns(ns, NdArray::from_host(&NdNamespace, host))
    }
    fn to_host(&self) -> Result<HostArray> {
        self.inner.to_host()
    }
    fn full(ns: &MutantNs, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        in_ns(ns, NdArray::full(&NdNamespace, shape, fill, dtype))
    }

    fn astype(&self, dtype: DType) -> Result<Self> {
        let r = self.inner.astype(dtype)?;
        let from = self.dtype();
        if self.is(Mutation::CastInfinityToFloatMax) && from == DType::Float64 && dtype == DType::Float32 {
            return self.wrap(remap(&r, |_, v| if v.is_infinite() { v.signum() * f32::MAX as f64 } else { v }));
        }
        if self.is(Mutation::CastFloatToIntWraps) && from.is_floating() && dtype.is_integer() {
            let bits = arrayapi::iinfo(dtype)?.bits;
            let x = host(&self.inner)?;
            return self.wrap(remap(&r, |i, v| {
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
        self.wrap(Ok(r))
    }

    fn unary(&self, op: UnaryOp) -> Result<Self> {
        let r = self.inner.unary(op)?;
        let x = || host(&self.inner);
        let f32s = self.dtype() == DType::Float32;
        let out = match (self.mutation, op) {
            (Mutation::NegativeKeepsInfinity, UnaryOp::Negative) => {
                let x = x()?;
                remap(&r, |i, v| if x[i].is_infinite() { x[i] } else { v })?
            }
            (Mutation::NegativeLosesZeroSign, UnaryOp::Negative) => remap(&r, |_, v| if v == 0.0 { 0.0 } else { v })?,
            (Mutation::CeilLosesZeroSign, UnaryOp::Ceil) => remap(&r, |_, v| if v == 0.0 { 0.0 } else { v })?,
            (Mutation::RoundHalfAwayFromZero, UnaryOp::Round) => {
                let x = x()?;
                remap(&r, |i, v| if self.dtype().is_floating() { x[i].round() } else { v })?
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
            (Mutation::IntegerAbsSaturates, UnaryOp::Abs) if self.dtype().is_signed_integer() => {
                let max = arrayapi::iinfo(self.dtype())?.max as f64;
                let x = x()?;
                remap(&r, |i, v| if x[i] < 0.0 && v < 0.0 { max } else { v })?
            }
            _ => r,
        };
        self.wrap(Ok(out))
    }

    fn binary(&self, other: &Self, op: BinaryOp) -> Result<Self> {
        let r = self.inner.binary(&other.inner, op)?;
        let m = self.mutation;
        let hit = matches!(
            (m, op),
            (Mutation::MaximumDropsNan, BinaryOp::Maximum)
                | (Mutation::EqualSaysNanEqualsNan, BinaryOp::Equal)
                | (Mutation::LogaddexpOverflows, BinaryOp::LogAddExp)
                | (Mutation::HypotOverflows, BinaryOp::Hypot)
        ) || (m == Mutation::IntegerAddSaturates && op == BinaryOp::Add && r.dtype().is_integer());
        if !hit {
            return self.wrap(Ok(r));
        }
        // The operands broadcast to the result, on the host.
        let a = host(&self.inner.astype(DType::Float64)?.broadcast_to(r.shape())?)?;
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
        self.wrap(Ok(out))
    }

    fn select(&self, x1: &Self, x2: &Self) -> Result<Self> {
        if self.is(Mutation::WhereSwapsBranches) {
            return self.wrap(self.inner.select(&x2.inner, &x1.inner));
        }
        self.wrap(self.inner.select(&x1.inner, &x2.inner))
    }

    fn reduce(&self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        let nd = self.ndim();
        if self.is(Mutation::SumOverNextAxis) && op == ReduceOp::Sum && axes.len() == 1 && nd >= 2 {
            return self.wrap(self.inner.reduce(op, &[(axes[0] + 1) % nd], keepdims));
        }
        if self.is(Mutation::SumIgnoresKeepdims) && op == ReduceOp::Sum {
            return self.wrap(self.inner.reduce(op, axes, false));
        }
        let r = self.inner.reduce(op, axes, keepdims)?;
        if self.is(Mutation::MinStartsFromFloatMax) && op == ReduceOp::Min && r.dtype().is_floating() {
            let max = dtype_max(r.dtype());
            return self.wrap(remap(&r, |_, v| if v == f64::INFINITY { max } else { v }));
        }
        self.wrap(Ok(r))
    }

    fn arg_reduce(&self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        if self.is(Mutation::ArgmaxLastOfTies) && op == ArgReduceOp::ArgMax {
            // The first of the flipped axis is the last of the original.
            let n = self.shape()[axis] as f64;
            let r = self.inner.flip(axis as isize)?.arg_reduce(op, axis, keepdims)?;
            return self.wrap(remap(&r, |_, v| n - 1.0 - v));
        }
        self.wrap(self.inner.arg_reduce(op, axis, keepdims))
    }

    fn cumulative(&self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        if self.is(Mutation::CumulativeSumExclusive) && op == CumulativeOp::Sum && !include_initial {
            let n = self.shape()[axis];
            let all = self.inner.cumulative(op, axis, true)?;
            let first: Vec<i64> = (0..n as i64).collect();
            let idx = NdArray::asarray(&NdNamespace, &first, &[n])?;
            return self.wrap(all.take_axis(&idx, axis));
        }
        let r = self.inner.cumulative(op, axis, include_initial)?;
        if self.is(Mutation::CumulativeSumPoisonedByInfinity) && op == CumulativeOp::Sum && r.dtype().is_floating() {
            // What a sum through a matrix of ones does: 0 * inf = NaN everywhere.
            if host(&self.inner)?.iter().any(|v| !v.is_finite()) {
                return self.wrap(remap(&r, |_, _| f64::NAN));
            }
        }
        self.wrap(Ok(r))
    }

    fn reshape_exact(&self, shape: &[usize]) -> Result<Self> {
        self.wrap(self.inner.reshape_exact(shape))
    }

    fn permute_dims(&self, axes: &[usize]) -> Result<Self> {
        if self.is(Mutation::PermuteAppliesInverse) && axes.len() == self.ndim() {
            let mut inv = vec![0; axes.len()];
            for (i, &a) in axes.iter().enumerate() {
                if a < inv.len() {
                    inv[a] = i;
                }
            }
            return self.wrap(self.inner.permute_dims(&inv));
        }
        self.wrap(self.inner.permute_dims(axes))
    }

    fn broadcast_to(&self, shape: &[usize]) -> Result<Self> {
        let r = self.inner.broadcast_to(shape)?;
        let square = shape.len() == 2 && shape[0] == shape[1] && shape[0] > 1;
        if self.is(Mutation::BroadcastRepeatsWrongAxis) && square && self.shape() != shape {
            // Repeats along the other axis: the transpose of the right answer.
            return self.wrap(r.permute_dims(&[1, 0]));
        }
        self.wrap(Ok(r))
    }

    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let mut inner: Vec<NdArray> = arrays.iter().map(|a| a.inner.clone()).collect();
        let mutation = arrays.first().map_or(Mutation::None, |a| a.mutation);
        if mutation == Mutation::ConcatReversesOrder {
            inner.reverse();
        }
        NdArray::concat_axis(&inner, axis).map(|inner| Mutant { inner, mutation })
    }

    fn take_axis(&self, indices: &Self, axis: usize) -> Result<Self> {
        if self.is(Mutation::TakeNegativeCountsFromStart) && indices.dtype().is_signed_integer() {
            // -1 read as "the first", -2 as "the second"...
            let fixed = remap(&indices.inner, |_, v| if v < 0.0 { -v - 1.0 } else { v })?;
            return self.wrap(self.inner.take_axis(&fixed, axis));
        }
        self.wrap(self.inner.take_axis(&indices.inner, axis))
    }

    fn matmul(&self, other: &Self) -> Result<Self> {
        if self.is(Mutation::MatmulRefusesIntegers) && (self.dtype().is_integer() || other.dtype().is_integer()) {
            return Err(Error::Unsupported { func: "matmul", backend: "mutant", what: "integer dtypes".into() });
        }
        if self.is(Mutation::MatmulReusesFirstBatch) && other.ndim() == 3 && other.shape()[0] > 1 {
            let first = NdArray::asarray(&NdNamespace, &[0i64], &[1])?;
            let b0 = other.inner.take_axis(&first, 0)?;
            return self.wrap(self.inner.matmul(&b0));
        }
        self.wrap(self.inner.matmul(&other.inner))
    }

    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        let mutation = args.first().map_or(Mutation::None, |a| a.mutation);
        if let (Mutation::BiasAddedAfterActivation, FusedOp::BiasActivation(act)) = (mutation, op) {
            return act.apply(args[0])?.add(args[1]);
        }
        let inner: Vec<&NdArray> = args.iter().map(|a| &a.inner).collect();
        NdArray::fused(op, &inner).map(|inner| Mutant { inner, mutation })
    }

    // ---- provided functions a mutation corrupts (the rest keep their defaults) ------

    fn sum_as(&self, axes: impl Into<Axes>, dtype: DType, keepdims: bool) -> Result<Self> {
        if self.is(Mutation::SumIgnoresDtype) {
            return self.wrap(self.inner.sum(axes, keepdims));
        }
        self.wrap(self.inner.sum_as(axes, dtype, keepdims))
    }

    fn mean(&self, axes: impl Into<Axes>, keepdims: bool) -> Result<Self> {
        let r = self.inner.mean(axes, keepdims)?;
        if self.is(Mutation::MeanDividesByNMinusOne) && r.size() > 0 {
            let n = (self.size() / r.size()) as f64;
            return self.wrap(r.multiply(n / (n - 1.0)));
        }
        self.wrap(Ok(r))
    }

    fn var(&self, axes: impl Into<Axes>, correction: f64, keepdims: bool) -> Result<Self> {
        let correction = if self.is(Mutation::VarIgnoresCorrection) { 0.0 } else { correction };
        self.wrap(self.inner.var(axes, correction, keepdims))
    }

    fn squeeze(&self, axes: impl Into<Axes>) -> Result<Self> {
        if self.is(Mutation::SqueezeDropsEveryUnitAxis) {
            return self.wrap(self.inner.squeeze(Axes::All));
        }
        self.wrap(self.inner.squeeze(axes))
    }

    fn flip(&self, axes: impl Into<Axes>) -> Result<Self> {
        if self.is(Mutation::FlipIgnoresAxis) {
            return self.wrap(self.inner.flip(Axes::All));
        }
        self.wrap(self.inner.flip(axes))
    }

    fn linspace(ns: &MutantNs, start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<Self> {
        let endpoint = endpoint && ns.mutation != Mutation::LinspaceDropsEndpoint;
        in_ns(ns, NdArray::linspace(&NdNamespace, start, stop, num, endpoint, dtype))
    }

    fn arange(ns: &MutantNs, start: f64, stop: f64, step: f64, dtype: DType) -> Result<Self> {
        let stop = if ns.mutation == Mutation::ArangeIncludesStop { stop + step } else { stop };
        in_ns(ns, NdArray::arange(&NdNamespace, start, stop, step, dtype))
    }

    fn eye(ns: &MutantNs, n_rows: usize, n_cols: Option<usize>, k: isize, dtype: DType) -> Result<Self> {
        let k = if ns.mutation == Mutation::EyeNegatesOffset { -k } else { k };
        in_ns(ns, NdArray::eye(&NdNamespace, n_rows, n_cols, k, dtype))
    }

    fn argsort(&self, axis: isize, descending: bool) -> Result<Self> {
        let r = self.inner.argsort(axis, descending)?;
        if self.is(Mutation::ArgsortUnstable) && self.ndim() == 1 {
            // Equal keys come out in reverse order of appearance.
            let (keys, mut order) = (host(&self.inner)?, host(&r)?);
            let mut start = 0;
            while start < order.len() {
                let key = keys[order[start] as usize];
                let end = (start..order.len()).find(|&j| keys[order[j] as usize] != key).unwrap_or(order.len());
                order[start..end].reverse();
                start = end.max(start + 1);
            }
            return self.wrap(remap(&r, |i, _| order[i]));
        }
        self.wrap(Ok(r))
    }

    fn sort(&self, axis: isize, descending: bool) -> Result<Self> {
        let r = self.inner.sort(axis, descending)?;
        let last = axis == -1 || axis == self.ndim() as isize - 1;
        if self.is(Mutation::SortPutsNanFirst) && last && self.ndim() > 0 {
            let row = *self.shape().last().unwrap_or(&1);
            let v = host(&r)?;
            let mut out = Vec::with_capacity(v.len());
            for chunk in v.chunks(row.max(1)) {
                out.extend(chunk.iter().filter(|x| x.is_nan()));
                out.extend(chunk.iter().filter(|x| !x.is_nan()));
            }
            return self.wrap(remap(&r, |i, _| out[i]));
        }
        self.wrap(Ok(r))
    }

    fn unique_values(&self) -> Result<Self> {
        let r = self.inner.unique_values()?;
        if self.is(Mutation::UniqueMergesNans) {
            let v = host(&r)?;
            let mut kept: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            if v.iter().any(|x| x.is_nan()) {
                kept.push(f64::NAN);
            }
            let merged = NdArray::from_host(&NdNamespace, HostArray::from_vec(kept.clone(), &[kept.len()])?)?;
            return self.wrap(merged.astype(r.dtype()));
        }
        self.wrap(Ok(r))
    }

    fn searchsorted(&self, values: &Self, side: Side, sorter: Option<&Self>) -> Result<Self> {
        let side = if self.is(Mutation::SearchsortedIgnoresSide) { Side::Left } else { side };
        self.wrap(self.inner.searchsorted(&values.inner, side, sorter.map(|s| &s.inner)))
    }

    fn isin(&self, test_elements: &Self, invert: bool) -> Result<Self> {
        let invert = invert && !self.is(Mutation::IsinIgnoresInvert);
        self.wrap(self.inner.isin(&test_elements.inner, invert))
    }

    fn floor_divide<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let other = other.into();
        let r = self.inner.floor_divide(operand(other))?;
        if self.is(Mutation::FloorDivideTruncates) && r.dtype().is_integer() {
            // Rounds toward zero: one more than the floor where the quotient is negative
            // and inexact.
            let rem = self.inner.remainder(operand(other))?;
            let fix = rem.not_equal(0)?.logical_and(&r.less(0)?)?.astype(r.dtype())?;
            return self.wrap(r.add(&fix));
        }
        self.wrap(Ok(r))
    }

    fn remainder<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let other = other.into();
        let r = self.inner.remainder(operand(other))?;
        if self.is(Mutation::RemainderTakesDividendSign) {
            // C's fmod: the dividend's sign, where Python's % takes the divisor's.
            let b = as_array(&other, &self.inner)?;
            let differs = r.less(0)?.not_equal(&self.inner.less(0)?)?.logical_and(&r.not_equal(0)?)?;
            return self.wrap(differs.select(&r.subtract(&b)?, &r));
        }
        self.wrap(Ok(r))
    }

    fn bitwise_right_shift<'a>(&'a self, other: impl Into<Operand<'a, Self>>) -> Result<Self> {
        let r = self.inner.bitwise_right_shift(operand(other.into()))?;
        if self.is(Mutation::RightShiftLogical) && r.dtype().is_signed_integer() {
            // Fills with zeros from the left: the sign bit cleared.
            let max = arrayapi::iinfo(r.dtype())?.max as i64;
            return self.wrap(r.bitwise_and(max));
        }
        self.wrap(Ok(r))
    }

    fn inv(&self) -> Result<Self> {
        let r = self.inner.inv()?;
        if self.is(Mutation::InvTransposed) {
            return self.wrap(r.matrix_transpose());
        }
        self.wrap(Ok(r))
    }

    fn matrix_power(&self, n: i64) -> Result<Self> {
        let n = if self.is(Mutation::MatrixPowerOneShort) && n > 1 { n - 1 } else { n };
        self.wrap(self.inner.matrix_power(n))
    }

    fn tensordot(&self, other: &Self, axes: usize) -> Result<Self> {
        if self.is(Mutation::TensordotContractsLastAxesOfBoth) && axes > 0 {
            let last = |nd: usize| -> Vec<isize> { (nd.saturating_sub(axes)..nd).map(|a| a as isize).collect() };
            return self.wrap(self.inner.tensordot_axes(&other.inner, &last(self.ndim()), &last(other.ndim())));
        }
        self.wrap(self.inner.tensordot(&other.inner, axes))
    }

    fn det(&self) -> Result<Self> {
        let r = self.inner.det()?;
        if self.is(Mutation::DetLosesSign) {
            return self.wrap(r.abs());
        }
        self.wrap(Ok(r))
    }

    fn clip<'a>(&'a self, min: Option<Operand<'a, Self>>, max: Option<Operand<'a, Self>>) -> Result<Self> {
        let r = self.inner.clip(min.map(operand), max.map(operand))?;
        if self.is(Mutation::ClipRefusesBroadcast) && r.shape() != self.shape() {
            return Err(Error::Broadcast { func: "clip", lhs: self.shape().to_vec(), rhs: r.shape().to_vec() });
        }
        self.wrap(Ok(r))
    }
}
