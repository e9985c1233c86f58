//! A backend that stores only some dtypes, as its namespace declares: the ndarray backend
//! behind a wrapper that refuses every other dtype, for inputs and results alike, with
//! `Error::Unsupported` naming it. The suite must pass every check that applies to such a
//! backend, report the others as not applicable (never as failed, never as passed), and
//! still check that the undeclared dtypes are refused.

use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{
    ArgReduceOp, ArrayApi, BackendNamespace, BinaryOp, CumulativeOp, DType, Device, Error, FusedOp, HostArray,
    ReduceOp, Result, Scalar, UnaryOp,
};
use arrayapi_testkit::{run_all, Verdict};

/// A GPU-like set: no float64, no narrow or unsigned integers but uint8.
const METAL_LIKE: &[DType] = &[DType::Bool, DType::UInt8, DType::Int32, DType::Int64, DType::Float32];
/// The smallest useful set: no int64 (so no int64 indices or sums) and one float.
const MINIMAL: &[DType] = &[DType::Bool, DType::Int32, DType::Float32];

#[derive(Clone, Copy, Debug)]
struct NarrowNs {
    dtypes: &'static [DType],
}

impl BackendNamespace for NarrowNs {
    fn backend_name(&self) -> &'static str {
        "narrow"
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
    fn dtypes(&self) -> Vec<DType> {
        self.dtypes.to_vec()
    }
}

#[derive(Clone, Debug)]
struct Narrow {
    inner: NdArray,
    dtypes: &'static [DType],
}

fn guard(dtypes: &'static [DType], func: &'static str, r: Result<NdArray>) -> Result<Narrow> {
    let inner = r?;
    if dtypes.contains(&inner.dtype()) {
        Ok(Narrow { inner, dtypes })
    } else {
        Err(Error::Unsupported { func, backend: "narrow", what: format!("dtype {}", inner.dtype()) })
    }
}

impl Narrow {
    fn out(&self, func: &'static str, r: Result<NdArray>) -> Result<Self> {
        guard(self.dtypes, func, r)
    }
}

// Every backend's array prints as NumPy does (the contract requires `Display`).
arrayapi::impl_display!(Narrow);

impl arrayapi::Backend for Narrow {
    type Namespace = NarrowNs;

    fn namespace(x: &Self) -> NarrowNs {
        NarrowNs { dtypes: x.dtypes }
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
    fn from_host(ns: &NarrowNs, host: HostArray) -> Result<Self> {
        guard(ns.dtypes, "asarray", <NdArray as ArrayApi>::from_host(&NdNamespace, host))
    }
    fn to_host(x: &Self) -> Result<HostArray> {
        x.inner.to_host()
    }
    fn full(ns: &NarrowNs, shape: &[usize], fill: Scalar, dtype: DType) -> Result<Self> {
        if !ns.dtypes.contains(&dtype) {
            return Err(Error::Unsupported { func: "full", backend: "narrow", what: format!("dtype {dtype}") });
        }
        guard(ns.dtypes, "full", <NdArray as ArrayApi>::full(&NdNamespace, shape, fill, dtype))
    }
    fn astype(x: &Self, dtype: DType) -> Result<Self> {
        x.out("astype", x.inner.astype(dtype))
    }
    fn unary(x: &Self, op: UnaryOp) -> Result<Self> {
        x.out(op.name(), x.inner.unary(op))
    }
    fn binary(x: &Self, other: &Self, op: BinaryOp) -> Result<Self> {
        x.out(op.name(), x.inner.binary(&other.inner, op))
    }
    fn select(x: &Self, x1: &Self, x2: &Self) -> Result<Self> {
        x.out("where", x.inner.select(&x1.inner, &x2.inner))
    }
    fn reduce(x: &Self, op: ReduceOp, axes: &[usize], keepdims: bool) -> Result<Self> {
        x.out(op.name(), x.inner.reduce(op, axes, keepdims))
    }
    fn arg_reduce(x: &Self, op: ArgReduceOp, axis: usize, keepdims: bool) -> Result<Self> {
        x.out(op.name(), x.inner.arg_reduce(op, axis, keepdims))
    }
    fn cumulative(x: &Self, op: CumulativeOp, axis: usize, include_initial: bool) -> Result<Self> {
        x.out(op.name(), x.inner.cumulative(op, axis, include_initial))
    }
    fn reshape_exact(x: &Self, shape: &[usize]) -> Result<Self> {
        x.out("reshape", x.inner.reshape_exact(shape))
    }
    fn permute_dims(x: &Self, axes: &[usize]) -> Result<Self> {
        x.out("permute_dims", x.inner.permute_dims(axes))
    }
    fn broadcast_to(x: &Self, shape: &[usize]) -> Result<Self> {
        x.out("broadcast_to", x.inner.broadcast_to(shape))
    }
    fn concat_axis(arrays: &[Self], axis: usize) -> Result<Self> {
        let dtypes = arrays.first().map_or(METAL_LIKE, |a| a.dtypes);
        let inner: Vec<NdArray> = arrays.iter().map(|a| a.inner.clone()).collect();
        guard(dtypes, "concat", <NdArray as ArrayApi>::concat_axis(&inner, axis))
    }
    fn take_axis(x: &Self, indices: &Self, axis: usize) -> Result<Self> {
        x.out("take", x.inner.take_axis(&indices.inner, axis))
    }
    fn matmul(x: &Self, other: &Self) -> Result<Self> {
        x.out("matmul", x.inner.matmul(&other.inner))
    }
    fn fused(op: FusedOp, args: &[&Self]) -> Result<Self> {
        let dtypes = args.first().map_or(METAL_LIKE, |a| a.dtypes);
        let inner: Vec<&NdArray> = args.iter().map(|a| &a.inner).collect();
        guard(dtypes, op.name(), <NdArray as ArrayApi>::fused(op, &inner))
    }
}

fn verdicts(dtypes: &'static [DType]) -> (Vec<&'static str>, Vec<&'static str>, Vec<String>) {
    let (mut passed, mut not_applicable, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for (name, verdict) in run_all::<Narrow>(&NarrowNs { dtypes }, &[]) {
        match verdict {
            Verdict::Passed => passed.push(name),
            Verdict::NotApplicable(_) => not_applicable.push(name),
            other => failed.push(format!("{name}: {other:?}")),
        }
    }
    eprintln!("{dtypes:?}: {} checks pass, {} are not applicable", passed.len(), not_applicable.len());
    (passed, not_applicable, failed)
}

#[test]
fn a_backend_without_float64_passes_every_check_that_applies() {
    let (passed, not_applicable, failed) = verdicts(METAL_LIKE);
    assert!(failed.is_empty(), "checks failed on a correct backend that stores fewer dtypes:\n{}", failed.join("\n"));
    assert!(passed.contains(&"declared_dtypes"), "the refusal of undeclared dtypes is always checked");
    // What the suite still checks on such a backend (update the README's count with it).
    assert!(passed.len() >= 15, "only {} checks apply: {passed:?}\nnot applicable: {not_applicable:?}", passed.len());
}

#[test]
fn a_backend_with_three_dtypes_fails_no_check() {
    let (passed, not_applicable, failed) = verdicts(MINIMAL);
    assert!(failed.is_empty(), "checks failed on a correct backend that stores fewer dtypes:\n{}", failed.join("\n"));
    assert!(passed.contains(&"declared_dtypes"));
    assert!(passed.len() >= 9, "only {} checks apply: {passed:?}\nnot applicable: {not_applicable:?}", passed.len());
}

fn refuses(dtype: &str) -> arrayapi::Result<()> {
    Err(Error::Unsupported { func: "add", backend: "narrow", what: format!("dtype {dtype}") })
}

#[test]
fn refusing_a_declared_dtype_is_a_failure_not_a_skip() {
    let ns = NarrowNs { dtypes: METAL_LIKE };
    // float64 is not declared: the check does not apply.
    let undeclared: arrayapi_testkit::Check<Narrow> = |_| refuses("float64");
    assert!(arrayapi_testkit::check_applies::<Narrow>(&ns, undeclared).is_err());
    // float32 is declared: refusing it fails the check.
    let declared: arrayapi_testkit::Check<Narrow> = |_| refuses("float32");
    let outcome = std::panic::catch_unwind(|| arrayapi_testkit::check_applies::<Narrow>(&ns, declared));
    assert!(outcome.is_err(), "a refused declared dtype must fail the check");
}
