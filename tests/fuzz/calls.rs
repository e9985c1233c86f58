//! The calls the campaign makes: one variant per public function (or family), its
//! random arguments, and one generic `apply` that runs it on any `ArrayApi` type, so the
//! same call runs statically on each backend and dynamically through `Array`.

use arrayapi::{Activation, ArrayApi, Axes, BinaryOp, DType, HostArray, Result, Scalar, Selection, Side, SliceItem};

use crate::gen::Gen;

pub const UNARY: [&str; 35] = [
    "negative",
    "abs",
    "sign",
    "square",
    "exp",
    "expm1",
    "log",
    "log1p",
    "sqrt",
    "sin",
    "cos",
    "tanh",
    "floor",
    "ceil",
    "round",
    "logical_not",
    "isnan",
    "isinf",
    "isfinite",
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atanh",
    "cosh",
    "sinh",
    "tan",
    "log2",
    "log10",
    "reciprocal",
    "trunc",
    "positive",
    "signbit",
    "bitwise_invert",
];

pub const BINARY: [&str; 28] = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "pow",
    "maximum",
    "minimum",
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "logical_and",
    "logical_or",
    "logical_xor",
    "atan2",
    "hypot",
    "copysign",
    "logaddexp",
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
    "bitwise_left_shift",
    "bitwise_right_shift",
    "floor_divide",
    "remainder",
    "nextafter",
];

const BINARY_OPS: [BinaryOp; 20] = [
    BinaryOp::Add,
    BinaryOp::Subtract,
    BinaryOp::Multiply,
    BinaryOp::Divide,
    BinaryOp::Pow,
    BinaryOp::Maximum,
    BinaryOp::Minimum,
    BinaryOp::Equal,
    BinaryOp::NotEqual,
    BinaryOp::Less,
    BinaryOp::LessEqual,
    BinaryOp::Greater,
    BinaryOp::GreaterEqual,
    BinaryOp::LogicalAnd,
    BinaryOp::LogicalOr,
    BinaryOp::LogicalXor,
    BinaryOp::Atan2,
    BinaryOp::Hypot,
    BinaryOp::CopySign,
    BinaryOp::LogAddExp,
];

const REDUCE: [&str; 10] = ["sum", "prod", "max", "min", "all", "any", "mean", "var", "std", "count_nonzero"];
const LINALG: [&str; 10] =
    ["det", "slogdet", "inv", "cholesky", "qr", "eigh", "eigvalsh", "svd", "svdvals", "matrix_rank"];
const ACTIVATIONS: [Activation; 3] = [Activation::Relu, Activation::Tanh, Activation::Selu];

/// One public function with its non-array arguments.
#[derive(Clone, Debug)]
pub enum Call {
    Unary(&'static str),
    Binary(&'static str),
    /// `x.op(scalar)`.
    BinaryScalar(&'static str, Scalar),
    /// `scalar op x`.
    ScalarLeft(BinaryOp, Scalar),
    Astype(DType),
    /// Bounds: arrays (inputs 1 and 2, as present) or scalars.
    Clip {
        min: Option<Option<Scalar>>,
        max: Option<Option<Scalar>>,
    },
    Where,
    Reduce {
        name: &'static str,
        axes: Axes,
        keepdims: bool,
        correction: f64,
    },
    ReduceAs {
        prod: bool,
        axes: Axes,
        dtype: DType,
        keepdims: bool,
    },
    ArgReduce {
        max: bool,
        axis: Option<isize>,
        keepdims: bool,
    },
    Cumulative {
        prod: bool,
        axis: Option<isize>,
        include_initial: bool,
    },
    CumulativeSumAs {
        axis: Option<isize>,
        dtype: DType,
        include_initial: bool,
    },
    Reshape(Vec<isize>),
    MatrixTranspose,
    ExpandDims(isize),
    Squeeze(Axes),
    BroadcastTo(Vec<usize>),
    BroadcastArrays,
    Concat(Option<isize>),
    Stack(isize),
    Flip(Axes),
    Moveaxis(Vec<isize>, Vec<isize>),
    Roll(isize, Option<isize>),
    Repeat(usize, Option<isize>),
    Tile(Vec<usize>),
    Unstack(isize),
    Diff(isize, usize),
    Tril(isize),
    Triu(isize),
    Meshgrid(bool),
    Diagonal(isize),
    Trace(isize),
    Vecdot(isize),
    Outer,
    VectorNorm(Axes, bool, f64),
    MatrixNorm(&'static str, bool),
    Sort(isize, bool),
    Argsort(isize, bool),
    Take(Option<isize>),
    TakeAlongAxis(isize),
    /// Basic indexing; with `true`, `slice_set` of input 1 (or the scalar) there.
    Slice(Selection),
    SliceSet(Selection, Option<Scalar>),
    /// `x[mask]`, the mask input 1.
    Mask,
    /// `x[i, j, ...]`, the index arrays inputs 1...
    IndexArrays,
    /// `put(x, indices = input 1, values = input 2 or the scalar)`.
    Put(Option<Scalar>),
    Nonzero,
    Searchsorted(Side, bool),
    UniqueValues,
    UniqueCounts,
    UniqueInverse,
    UniqueAll,
    Isin(bool),
    Matmul,
    Tensordot(usize),
    TensordotAxes(Vec<isize>, Vec<isize>),
    Linalg(&'static str, bool),
    Solve,
    Pinv(Option<f64>),
    Cross(isize),
    MatrixPower(i64),
    Zeros(Vec<usize>, DType),
    Full(Vec<usize>, Scalar, DType),
    Arange(f64, f64, f64, DType),
    Linspace(f64, f64, usize, bool, DType),
    Eye(usize, Option<usize>, isize, DType),
    FullLike(Scalar),
    BiasActivation(Activation),
    ActivationGrad(Activation),
}

impl Call {
    /// The function a user called: what its errors must name.
    pub fn name(&self) -> &'static str {
        match self {
            Call::Unary(n) | Call::Binary(n) | Call::BinaryScalar(n, _) => n,
            Call::ScalarLeft(op, _) => op.name(),
            Call::Astype(_) => "astype",
            Call::Clip { .. } => "clip",
            Call::Where => "where",
            Call::Reduce { name, .. } => name,
            Call::ReduceAs { prod, .. } => {
                if *prod {
                    "prod"
                } else {
                    "sum"
                }
            }
            Call::ArgReduce { max, .. } => {
                if *max {
                    "argmax"
                } else {
                    "argmin"
                }
            }
            Call::Cumulative { prod, .. } => {
                if *prod {
                    "cumulative_prod"
                } else {
                    "cumulative_sum"
                }
            }
            Call::CumulativeSumAs { .. } => "cumulative_sum",
            Call::Reshape(_) => "reshape",
            Call::MatrixTranspose => "matrix_transpose",
            Call::ExpandDims(_) => "expand_dims",
            Call::Squeeze(_) => "squeeze",
            Call::BroadcastTo(_) => "broadcast_to",
            Call::BroadcastArrays => "broadcast_arrays",
            Call::Concat(_) => "concat",
            Call::Stack(_) => "stack",
            Call::Flip(_) => "flip",
            Call::Moveaxis(..) => "moveaxis",
            Call::Roll(..) => "roll",
            Call::Repeat(..) => "repeat",
            Call::Tile(_) => "tile",
            Call::Unstack(_) => "unstack",
            Call::Diff(..) => "diff",
            Call::Tril(_) => "tril",
            Call::Triu(_) => "triu",
            Call::Meshgrid(_) => "meshgrid",
            Call::Diagonal(_) => "diagonal",
            Call::Trace(_) => "trace",
            Call::Vecdot(_) => "vecdot",
            Call::Outer => "outer",
            Call::VectorNorm(..) => "vector_norm",
            Call::MatrixNorm(..) => "matrix_norm",
            Call::Sort(..) => "sort",
            Call::Argsort(..) => "argsort",
            Call::Take(_) => "take",
            Call::TakeAlongAxis(_) => "take_along_axis",
            Call::Slice(_) => "slice",
            Call::SliceSet(..) => "slice_set",
            Call::Mask => "mask",
            Call::IndexArrays => "index_arrays",
            Call::Put(_) => "put",
            Call::Nonzero => "nonzero",
            Call::Searchsorted(..) => "searchsorted",
            Call::UniqueValues => "unique_values",
            Call::UniqueCounts => "unique_counts",
            Call::UniqueInverse => "unique_inverse",
            Call::UniqueAll => "unique_all",
            Call::Isin(_) => "isin",
            Call::Matmul => "matmul",
            Call::Tensordot(_) | Call::TensordotAxes(..) => "tensordot",
            Call::Linalg(n, _) => n,
            Call::Solve => "solve",
            Call::Pinv(_) => "pinv",
            Call::Cross(_) => "cross",
            Call::MatrixPower(_) => "matrix_power",
            Call::Zeros(..) => "zeros",
            Call::Full(..) => "full",
            Call::Arange(..) => "arange",
            Call::Linspace(..) => "linspace",
            Call::Eye(..) => "eye",
            Call::FullLike(_) => "full_like",
            Call::BiasActivation(_) => "bias_activation",
            Call::ActivationGrad(_) => "activation_grad",
        }
    }
}

/// A call and its array arguments, in host memory.
#[derive(Clone, Debug)]
pub struct Case {
    pub call: Call,
    pub inputs: Vec<HostArray>,
}

/// A random case. With `g.risky`, creation functions may ask for sizes that must be
/// refused before they are allocated.
pub fn case(g: &mut Gen) -> Case {
    let shape = g.shape();
    let ndim = shape.len();
    let dtype = g.dtype();
    let x = g.host(dtype, &shape);
    let like = |g: &mut Gen, x: &HostArray| {
        let s = g.partner_shape(x.shape());
        let d = if g.chance(0.8) { x.dtype() } else { g.dtype() };
        g.host(d, &s)
    };
    let opt_axis = |g: &mut Gen| if g.chance(0.2) { None } else { Some(g.axis(ndim)) };
    let creation_shape = |g: &mut Gen| if g.risky && g.chance(0.3) { g.huge_shape() } else { g.shape() };
    let r = g.rng_range(0, 100);
    let (call, inputs) = match r {
        0..=19 => (Call::Unary(g.pick(&UNARY)), vec![x]),
        20..=37 => {
            let y = like(g, &x);
            (Call::Binary(g.pick(&BINARY)), vec![x, y])
        }
        38..=42 => (Call::BinaryScalar(g.pick(&BINARY), g.scalar()), vec![x]),
        43..=44 => (Call::ScalarLeft(g.pick(&BINARY_OPS), g.scalar()), vec![x]),
        45 => (Call::Astype(g.dtype()), vec![x]),
        46 => {
            let mut inputs = vec![x];
            let bound = |g: &mut Gen, inputs: &mut Vec<HostArray>| match g.rng_range(0, 3) {
                0 => None,
                1 => Some(Some(g.scalar())),
                _ => {
                    let b = like(g, &inputs[0]);
                    inputs.push(b);
                    Some(None)
                }
            };
            let min = bound(g, &mut inputs);
            let max = bound(g, &mut inputs);
            (Call::Clip { min, max }, inputs)
        }
        47 => {
            let cs = g.partner_shape(&shape);
            let c = g.host(DType::Bool, &cs);
            let y = like(g, &x);
            (Call::Where, vec![c, x, y])
        }
        48..=55 => {
            let call = Call::Reduce {
                name: g.pick(&REDUCE),
                axes: g.axes(ndim),
                keepdims: g.chance(0.5),
                correction: g.pick(&[0.0, 1.0, 2.5, -1.0, f64::NAN, 1e300]),
            };
            (call, vec![x])
        }
        56 => (
            Call::ReduceAs { prod: g.chance(0.5), axes: g.axes(ndim), dtype: g.dtype(), keepdims: g.chance(0.5) },
            vec![x],
        ),
        57..=58 => (Call::ArgReduce { max: g.chance(0.5), axis: opt_axis(g), keepdims: g.chance(0.5) }, vec![x]),
        59..=60 => {
            (Call::Cumulative { prod: g.chance(0.4), axis: opt_axis(g), include_initial: g.chance(0.5) }, vec![x])
        }
        61 => (Call::CumulativeSumAs { axis: opt_axis(g), dtype: g.dtype(), include_initial: g.chance(0.5) }, vec![x]),
        62 => {
            let mut target: Vec<isize> = g.shape().iter().map(|&d| d as isize).collect();
            if !target.is_empty() && g.chance(0.5) {
                let i = g.rng_range(0, target.len());
                target[i] = g.pick(&[-1, -2, isize::MIN, 0]);
            }
            if g.chance(0.3) {
                target = vec![-1];
            }
            (Call::Reshape(target), vec![x])
        }
        63 => (Call::MatrixTranspose, vec![x]),
        64 => (Call::ExpandDims(g.axis(ndim + 1)), vec![x]),
        65 => (Call::Squeeze(g.axes(ndim)), vec![x]),
        66 => {
            let mut target = g.partner_shape(&shape);
            if g.chance(0.5) {
                target = [vec![g.pick(&[0, 1, 2, 3])], shape.clone()].concat();
            }
            (Call::BroadcastTo(target), vec![x])
        }
        67 => {
            let y = like(g, &x);
            (Call::BroadcastArrays, vec![x, y])
        }
        68..=69 => {
            let n = g.rng_range(1, 4);
            let mut inputs = vec![x];
            for _ in 1..n {
                let y = like(g, &inputs[0]);
                inputs.push(y);
            }
            let call = if g.chance(0.5) { Call::Concat(opt_axis(g)) } else { Call::Stack(g.axis(ndim + 1)) };
            (call, inputs)
        }
        70 => (Call::Flip(g.axes(ndim)), vec![x]),
        71 => {
            let k = g.rng_range(0, ndim.min(2) + 1);
            let src = (0..k).map(|_| g.axis(ndim)).collect();
            let dst = (0..k).map(|_| g.axis(ndim)).collect();
            (Call::Moveaxis(src, dst), vec![x])
        }
        72 => (Call::Roll(g.offset(), opt_axis(g)), vec![x]),
        73 => (Call::Repeat(g.count(), opt_axis(g)), vec![x]),
        74 => {
            let k = g.rng_range(0, 4);
            (Call::Tile((0..k).map(|_| g.count()).collect()), vec![x])
        }
        75 => (Call::Unstack(g.axis(ndim)), vec![x]),
        76 => (Call::Diff(g.axis(ndim), g.count()), vec![x]),
        77 => {
            let k = g.offset();
            (if g.chance(0.5) { Call::Tril(k) } else { Call::Triu(k) }, vec![x])
        }
        78 => {
            let n = g.rng_range(1, 4);
            let inputs = (0..n)
                .map(|_| {
                    let s = [g.pick(&[0, 1, 2, 3])];
                    g.host(dtype, &s)
                })
                .collect();
            (Call::Meshgrid(g.chance(0.5)), inputs)
        }
        79 => (Call::Diagonal(g.offset()), vec![x]),
        80 => (Call::Trace(g.offset()), vec![x]),
        81 => {
            let y = like(g, &x);
            (if g.chance(0.6) { Call::Vecdot(g.axis(ndim)) } else { Call::Outer }, vec![x, y])
        }
        82 => {
            let ord = g.pick(&[2.0, 1.0, 0.0, f64::INFINITY, f64::NEG_INFINITY, 3.0, -1.0, f64::NAN]);
            if g.chance(0.5) {
                (Call::VectorNorm(g.axes(ndim), g.chance(0.5), ord), vec![x])
            } else {
                (
                    Call::MatrixNorm(
                        g.pick(&["fro", "nuc", "1", "-1", "2", "-2", "inf", "-inf", "bogus"]),
                        g.chance(0.5),
                    ),
                    vec![x],
                )
            }
        }
        83..=84 => {
            let axis = g.axis(ndim);
            (if g.chance(0.5) { Call::Sort(axis, g.chance(0.5)) } else { Call::Argsort(axis, g.chance(0.5)) }, vec![x])
        }
        86 => {
            // Indexing: basic slices (and their updates), masks, integer arrays, put.
            let len = shape.first().copied().unwrap_or(1).min(8) as i128;
            match g.rng_range(0, 5) {
                0 => (Call::Slice(selection(g, ndim)), vec![x]),
                1 => {
                    let sel = selection(g, ndim);
                    if g.chance(0.5) {
                        (Call::SliceSet(sel, Some(g.scalar())), vec![x])
                    } else {
                        let v = like(g, &x);
                        (Call::SliceSet(sel, None), vec![x, v])
                    }
                }
                2 => {
                    let k = g.rng_range(0, ndim + 2);
                    let mut s: Vec<usize> = shape.iter().copied().take(k).collect();
                    if g.chance(0.1) {
                        s = g.shape();
                    }
                    let d = if g.chance(0.9) { DType::Bool } else { g.dtype() };
                    (Call::Mask, vec![x, g.host(d, &s)])
                }
                3 => {
                    let k = g.rng_range(0, ndim + 2);
                    let mut inputs = vec![x];
                    for axis in 0..k {
                        let n = shape.get(axis).copied().unwrap_or(1).min(8) as i128;
                        let s = if g.chance(0.5) { vec![g.rng_range(0, 4)] } else { g.partner_shape(&[3]) };
                        let d = g.pick(&[
                            DType::Int64,
                            DType::Int64,
                            DType::Int32,
                            DType::UInt64,
                            DType::UInt8,
                            DType::Bool,
                        ]);
                        inputs.push(index_array(g, d, &s, n));
                    }
                    (Call::IndexArrays, inputs)
                }
                _ => {
                    let size = crate::gen::elements(&shape).min(64) as i128;
                    let n = g.rng_range(0, 5);
                    let d = g.pick(&[DType::Int64, DType::Int32, DType::UInt64, DType::Float32]);
                    let idx = index_array(g, d, &[n], size.max(len));
                    if g.chance(0.5) {
                        (Call::Put(Some(g.scalar())), vec![x, idx])
                    } else {
                        let (d, s) = (g.dtype(), g.partner_shape(&[n]));
                        let v = g.host(d, &s);
                        (Call::Put(None), vec![x, idx, v])
                    }
                }
            }
        }
        85 => {
            let n = g.rng_range(0, 5);
            let len = shape.first().copied().unwrap_or(1).min(8) as i128;
            let idx_dtype =
                g.pick(&[DType::Int64, DType::Int64, DType::Int32, DType::UInt64, DType::UInt8, DType::Float64]);
            let idx = index_array(g, idx_dtype, &[n], len);
            if g.chance(0.5) {
                (Call::Take(opt_axis(g)), vec![x, idx])
            } else {
                let s = g.partner_shape(&shape);
                let idx = index_array(g, idx_dtype, &s, len);
                (Call::TakeAlongAxis(g.axis(ndim)), vec![x, idx])
            }
        }
        87 => (Call::Nonzero, vec![x]),
        88 => {
            let y = like(g, &x);
            let side = if g.chance(0.5) { Side::Left } else { Side::Right };
            let mut inputs = vec![x, y];
            let sorter = g.chance(0.3);
            if sorter {
                let n = inputs[0].shape().first().copied().unwrap_or(0);
                let n = n.min(64);
                inputs.push(index_array(g, DType::Int64, &[n], n as i128));
            }
            (Call::Searchsorted(side, sorter), inputs)
        }
        89 => {
            let call = g.pick(&[0, 1, 2, 3]);
            let call = [Call::UniqueValues, Call::UniqueCounts, Call::UniqueInverse, Call::UniqueAll][call].clone();
            (call, vec![x])
        }
        90 => {
            let y = like(g, &x);
            (Call::Isin(g.chance(0.5)), vec![x, y])
        }
        91..=92 => {
            let y = matmul_partner(g, &x);
            let call = match g.rng_range(0, 4) {
                0 => Call::Tensordot(g.count()),
                1 => {
                    let k = g.rng_range(0, 3);
                    Call::TensordotAxes(
                        (0..k).map(|_| g.axis(ndim)).collect(),
                        (0..k).map(|_| g.axis(y.shape().len())).collect(),
                    )
                }
                _ => Call::Matmul,
            };
            (call, vec![x, y])
        }
        93..=94 => {
            let n = g.pick(&[0, 1, 2, 3]);
            let batch: Vec<usize> = if g.chance(0.3) { vec![g.pick(&[0, 1, 2])] } else { vec![] };
            let s = if g.chance(0.85) { [batch, vec![n, n]].concat() } else { g.shape() };
            let fd = g.float_dtype();
            let a = g.host(fd, &s);
            match g.rng_range(0, 5) {
                0 => {
                    let b = like(g, &a);
                    (Call::Solve, vec![a, b])
                }
                1 => (Call::Pinv(if g.chance(0.5) { None } else { Some(g.float()) }), vec![a]),
                2 => (Call::MatrixPower(g.pick(&[0, 1, 2, 3, -1, -2, i64::MIN, i64::MAX])), vec![a]),
                _ => (Call::Linalg(g.pick(&LINALG), g.chance(0.5)), vec![a]),
            }
        }
        95 => {
            let mut s = shape.clone();
            if !s.is_empty() && g.chance(0.8) {
                let i = g.rng_range(0, s.len());
                s[i] = 3;
            }
            let a = g.host(dtype, &s);
            let b = like(g, &a);
            (Call::Cross(g.axis(s.len())), vec![a, b])
        }
        96 => {
            let s = creation_shape(g);
            let d = g.dtype();
            (if g.chance(0.5) { Call::Zeros(s, d) } else { Call::Full(s, g.scalar(), d) }, vec![])
        }
        97 => {
            let d = g.dtype();
            if g.chance(0.5) {
                let big = g.risky && g.chance(0.3);
                let stop = if big { g.pick(&[1e12, 9.3e18, f64::MAX]) } else { g.float() };
                (Call::Arange(g.float(), stop, g.pick(&[1.0, 0.5, -1.0, 0.0, 1e-300, f64::NAN, 3.0]), d), vec![])
            } else {
                let num = if g.risky && g.chance(0.3) {
                    g.pick(&[1 << 34, 1 << 40, usize::MAX])
                } else {
                    g.count().saturating_add(1)
                };
                (Call::Linspace(g.float(), g.float(), num, g.chance(0.5), d), vec![])
            }
        }
        98 => {
            let n = if g.risky && g.chance(0.3) { g.pick(&[1 << 17, 1 << 20, usize::MAX]) } else { g.count() };
            let m = if g.chance(0.5) { None } else { Some(g.count()) };
            (Call::Eye(n, m, g.offset(), g.dtype()), vec![])
        }
        _ => {
            if g.chance(0.3) {
                return Case { call: Call::FullLike(g.scalar()), inputs: vec![x] };
            }
            let act = g.pick(&ACTIVATIONS);
            let y = like(g, &x);
            (if g.chance(0.5) { Call::BiasActivation(act) } else { Call::ActivationGrad(act) }, vec![x, y])
        }
    };
    Case { call, inputs }
}

/// Indices for `take`-like calls: mostly in `[-len, len)`, sometimes out of range or at
/// the dtype's limits.
/// A random basic index for an array of `ndim` dimensions: integers (in and out of
/// range), slices with any bounds and steps (zero now and then), new axes, ellipses
/// (sometimes two), and sometimes more entries than dimensions.
fn selection(g: &mut Gen, ndim: usize) -> Selection {
    let n = g.rng_range(0, ndim + 3);
    let bound = |g: &mut Gen| if g.chance(0.3) { None } else { Some(g.rng_range(0, 21) as isize - 10) };
    let items = (0..n)
        .map(|_| match g.rng_range(0, 10) {
            0..=2 => SliceItem::Index(g.rng_range(0, 17) as isize - 8),
            3..=7 => {
                let step = if g.chance(0.05) { 0 } else { g.pick(&[-3, -2, -1, 1, 1, 2, 3]) };
                SliceItem::Slice { start: bound(g), stop: bound(g), step }
            }
            8 => SliceItem::NewAxis,
            _ => SliceItem::Ellipsis,
        })
        .collect();
    Selection::new(items)
}

fn index_array(g: &mut Gen, dtype: DType, shape: &[usize], len: i128) -> HostArray {
    use arrayapi::HostData;
    let n = crate::gen::elements(shape);
    let mut v: Vec<i128> = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(match g.rng_range(0, 12) {
            0 => len,
            1 => -len - 1,
            2 => g.pick(&[i64::MIN as i128, i64::MAX as i128, u64::MAX as i128 - 1, (1i128 << 32) + 1]),
            _ if len > 0 => g.rng.random_range(-len..len),
            _ => 0,
        });
    }
    let data = match dtype {
        DType::Int32 => HostData::I32(v.iter().map(|&i| i as i32).collect()),
        DType::UInt64 => HostData::U64(v.iter().map(|&i| i as u64).collect()),
        DType::UInt8 => HostData::U8(v.iter().map(|&i| i as u8).collect()),
        DType::Float64 => HostData::F64(v.iter().map(|&i| i as f64).collect()),
        _ => HostData::I64(v.iter().map(|&i| i as i64).collect()),
    };
    HostArray::new(shape, data).unwrap_or_else(|_| {
        // A zero-element shape past NumPy's size rule (see `Gen::host`).
        let smaller: Vec<usize> = shape.iter().map(|&d| d.min(crate::gen::HUGE)).collect();
        index_array(g, dtype, &smaller, len)
    })
}

/// A right operand for `matmul`/`tensordot`: most often one whose leading dimension is
/// the left operand's last.
fn matmul_partner(g: &mut Gen, x: &HostArray) -> HostArray {
    let d = if g.chance(0.9) { x.dtype() } else { g.dtype() };
    let k = x.shape().last().copied().unwrap_or(1);
    let s = match g.rng_range(0, 4) {
        0 => vec![k],
        1 | 2 => vec![k, g.pick(&[0, 1, 2, 3])],
        _ => g.shape(),
    };
    g.host(d, &s)
}

use rand::RngExt;

impl Gen {
    pub fn rng_range(&mut self, lo: usize, hi: usize) -> usize {
        self.rng.random_range(lo..hi)
    }
}

fn flat<A>(r: Result<A>) -> Result<Vec<A>> {
    r.map(|a| vec![a])
}

fn bound<'a, A: ArrayApi>(
    b: &Option<Option<Scalar>>,
    next: &mut std::slice::Iter<'a, A>,
) -> Option<arrayapi::Operand<'a, A>> {
    match b {
        None => None,
        Some(Some(s)) => Some((*s).into()),
        Some(None) => Some(next.next().expect("the clip bound's array").into()),
    }
}

/// Runs `call` on `xs` (already on the backend) with creation in `ns`.
pub fn apply<A: ArrayApi>(call: &Call, ns: &A::Namespace, xs: &[A]) -> Result<Vec<A>> {
    let x = || &xs[0];
    let y = || &xs[1];
    match call {
        Call::Unary(name) => flat(unary(name, x())),
        Call::Binary(name) => flat(binary(name, x(), y().into())),
        Call::BinaryScalar(name, s) => flat(binary(name, x(), (*s).into())),
        Call::ScalarLeft(op, s) => flat(x().binary_scalar(*s, *op, Side::Left)),
        Call::Astype(d) => flat(x().astype(*d)),
        Call::Clip { min, max } => {
            let mut rest = xs[1..].iter();
            let lo = bound(min, &mut rest);
            let hi = bound(max, &mut rest);
            flat(x().clip(lo, hi))
        }
        Call::Where => flat(xs[0].where_(&xs[1], &xs[2])),
        Call::Reduce { name, axes, keepdims, correction } => {
            let (a, k) = (axes.clone(), *keepdims);
            flat(match *name {
                "sum" => x().sum(a, k),
                "prod" => x().prod(a, k),
                "max" => x().max(a, k),
                "min" => x().min(a, k),
                "all" => x().all(a, k),
                "any" => x().any(a, k),
                "mean" => x().mean(a, k),
                "var" => x().var(a, *correction, k),
                "std" => x().std(a, *correction, k),
                _ => x().count_nonzero(a, k),
            })
        }
        Call::ReduceAs { prod, axes, dtype, keepdims } => flat(if *prod {
            x().prod_as(axes.clone(), *dtype, *keepdims)
        } else {
            x().sum_as(axes.clone(), *dtype, *keepdims)
        }),
        Call::ArgReduce { max, axis, keepdims } => {
            flat(if *max { x().argmax(*axis, *keepdims) } else { x().argmin(*axis, *keepdims) })
        }
        Call::Cumulative { prod, axis, include_initial } => flat(if *prod {
            x().cumulative_prod(*axis, *include_initial)
        } else {
            x().cumulative_sum(*axis, *include_initial)
        }),
        Call::CumulativeSumAs { axis, dtype, include_initial } => {
            flat(x().cumulative_sum_as(*axis, *dtype, *include_initial))
        }
        Call::Reshape(s) => flat(x().reshape(s)),
        Call::MatrixTranspose => flat(x().matrix_transpose()),
        Call::ExpandDims(a) => flat(x().expand_dims(*a)),
        Call::Squeeze(a) => flat(x().squeeze(a.clone())),
        Call::BroadcastTo(s) => flat(x().broadcast_to(s)),
        Call::BroadcastArrays => A::broadcast_arrays(xs),
        Call::Concat(a) => flat(A::concat(xs, *a)),
        Call::Stack(a) => flat(A::stack(xs, *a)),
        Call::Flip(a) => flat(x().flip(a.clone())),
        Call::Moveaxis(s, d) => flat(x().moveaxis(s, d)),
        Call::Roll(s, a) => flat(x().roll(*s, *a)),
        Call::Repeat(r, a) => flat(x().repeat(*r, *a)),
        Call::Tile(r) => flat(x().tile(r)),
        Call::Unstack(a) => x().unstack(*a),
        Call::Diff(a, n) => flat(x().diff(*a, *n)),
        Call::Tril(k) => flat(x().tril(*k)),
        Call::Triu(k) => flat(x().triu(*k)),
        Call::Meshgrid(ij) => A::meshgrid(xs, *ij),
        Call::Diagonal(k) => flat(x().diagonal(*k)),
        Call::Trace(k) => flat(x().trace(*k)),
        Call::Vecdot(a) => flat(x().vecdot(y(), *a)),
        Call::Outer => flat(x().outer(y())),
        Call::VectorNorm(a, k, ord) => flat(x().vector_norm(a.clone(), *k, *ord)),
        Call::MatrixNorm(ord, k) => flat(x().matrix_norm(ord, *k)),
        Call::Sort(a, d) => flat(x().sort(*a, *d)),
        Call::Argsort(a, d) => flat(x().argsort(*a, *d)),
        Call::Take(a) => flat(x().take(y(), *a)),
        Call::TakeAlongAxis(a) => flat(x().take_along_axis(y(), *a)),
        Call::Slice(sel) => flat(x().slice(sel)),
        Call::SliceSet(sel, Some(v)) => flat(x().slice_set(sel, *v)),
        Call::SliceSet(sel, None) => flat(x().slice_set(sel, y())),
        Call::Mask => flat(x().mask(y())),
        Call::IndexArrays => flat(x().index_arrays(&xs[1..].iter().collect::<Vec<_>>())),
        Call::Put(Some(v)) => flat(x().put(y(), *v)),
        Call::Put(None) => flat(x().put(y(), &xs[2])),
        Call::Nonzero => x().nonzero(),
        Call::Searchsorted(side, sorter) => {
            flat(x().searchsorted(y(), *side, if *sorter { Some(&xs[2]) } else { None }))
        }
        Call::UniqueValues => flat(x().unique_values()),
        Call::UniqueCounts => x().unique_counts().map(|(a, b)| vec![a, b]),
        Call::UniqueInverse => x().unique_inverse().map(|(a, b)| vec![a, b]),
        Call::UniqueAll => x().unique_all().map(|u| vec![u.values, u.indices, u.inverse_indices, u.counts]),
        Call::Isin(inv) => flat(x().isin(y(), *inv)),
        Call::Matmul => flat(x().matmul(y())),
        Call::Tensordot(n) => flat(x().tensordot(y(), *n)),
        Call::TensordotAxes(a, b) => flat(x().tensordot_axes(y(), a, b)),
        Call::Linalg(name, flag) => match *name {
            "det" => flat(x().det()),
            "slogdet" => x().slogdet().map(|(a, b)| vec![a, b]),
            "inv" => flat(x().inv()),
            "cholesky" => flat(x().cholesky(*flag)),
            "qr" => x().qr().map(|(a, b)| vec![a, b]),
            "eigh" => x().eigh().map(|(a, b)| vec![a, b]),
            "eigvalsh" => flat(x().eigvalsh()),
            "svd" => x().svd().map(|(a, b, c)| vec![a, b, c]),
            "svdvals" => flat(x().svdvals()),
            _ => flat(x().matrix_rank(if *flag { None } else { Some(1e-3) })),
        },
        Call::Solve => flat(x().solve(y())),
        Call::Pinv(r) => flat(x().pinv(*r)),
        Call::Cross(a) => flat(x().cross(y(), *a)),
        Call::MatrixPower(n) => flat(x().matrix_power(*n)),
        Call::Zeros(s, d) => flat(A::zeros(ns, s, *d)),
        Call::Full(s, f, d) => flat(A::full(ns, s, *f, *d)),
        Call::Arange(a, b, c, d) => flat(A::arange(ns, *a, *b, *c, *d)),
        Call::Linspace(a, b, n, e, d) => flat(A::linspace(ns, *a, *b, *n, *e, *d)),
        Call::Eye(n, m, k, d) => flat(A::eye(ns, *n, *m, *k, *d)),
        Call::FullLike(s) => flat(x().full_like(*s)),
        Call::BiasActivation(act) => flat(x().bias_activation(y(), *act)),
        Call::ActivationGrad(act) => flat(x().activation_grad(y(), *act)),
    }
}

fn unary<A: ArrayApi>(name: &str, x: &A) -> Result<A> {
    match name {
        "negative" => x.negative(),
        "abs" => x.abs(),
        "sign" => x.sign(),
        "square" => x.square(),
        "exp" => x.exp(),
        "expm1" => x.expm1(),
        "log" => x.log(),
        "log1p" => x.log1p(),
        "sqrt" => x.sqrt(),
        "sin" => x.sin(),
        "cos" => x.cos(),
        "tanh" => x.tanh(),
        "floor" => x.floor(),
        "ceil" => x.ceil(),
        "round" => x.round(),
        "logical_not" => x.logical_not(),
        "isnan" => x.isnan(),
        "isinf" => x.isinf(),
        "isfinite" => x.isfinite(),
        "acos" => x.acos(),
        "acosh" => x.acosh(),
        "asin" => x.asin(),
        "asinh" => x.asinh(),
        "atan" => x.atan(),
        "atanh" => x.atanh(),
        "cosh" => x.cosh(),
        "sinh" => x.sinh(),
        "tan" => x.tan(),
        "log2" => x.log2(),
        "log10" => x.log10(),
        "reciprocal" => x.reciprocal(),
        "trunc" => x.trunc(),
        "positive" => x.positive(),
        "signbit" => x.signbit(),
        "bitwise_invert" => x.bitwise_invert(),
        other => unreachable!("unary {other}"),
    }
}

fn binary<'a, A: ArrayApi>(name: &str, x: &'a A, y: arrayapi::Operand<'a, A>) -> Result<A> {
    match name {
        "add" => x.add(y),
        "subtract" => x.subtract(y),
        "multiply" => x.multiply(y),
        "divide" => x.divide(y),
        "pow" => x.pow(y),
        "maximum" => x.maximum(y),
        "minimum" => x.minimum(y),
        "equal" => x.equal(y),
        "not_equal" => x.not_equal(y),
        "less" => x.less(y),
        "less_equal" => x.less_equal(y),
        "greater" => x.greater(y),
        "greater_equal" => x.greater_equal(y),
        "logical_and" => x.logical_and(y),
        "logical_or" => x.logical_or(y),
        "logical_xor" => x.logical_xor(y),
        "atan2" => x.atan2(y),
        "hypot" => x.hypot(y),
        "copysign" => x.copysign(y),
        "logaddexp" => x.logaddexp(y),
        "bitwise_and" => x.bitwise_and(y),
        "bitwise_or" => x.bitwise_or(y),
        "bitwise_xor" => x.bitwise_xor(y),
        "bitwise_left_shift" => x.bitwise_left_shift(y),
        "bitwise_right_shift" => x.bitwise_right_shift(y),
        "floor_divide" => x.floor_divide(y),
        "remainder" => x.remainder(y),
        "nextafter" => x.nextafter(y),
        other => unreachable!("binary {other}"),
    }
}
