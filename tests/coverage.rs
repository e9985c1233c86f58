//! Generates `docs/coverage.md` from the code and fails if the committed file differs.
//!
//! Every function of the array API standard's main namespace (2025.12: 135) and of its
//! `linalg` extension is called here on each backend, once per dtype, through the
//! dynamic `Array`; a dtype is listed where the call returns a value. The conformance
//! suite then runs on each backend with nothing skipped, and the checks that do not
//! pass are listed with the first line of their failure. Regenerate with
//!
//! ```text
//! UPDATE_COVERAGE=1 cargo test --test coverage
//! ```

use arrayapi::{Array, ArrayApi, Axes, BackendNamespace, DType, Namespace, Result, Scalar, Side};
use arrayapi_testkit::{run_all, Verdict};

type Probe = fn(&Namespace, DType) -> Result<()>;

/// A 2x2 array of `dtype` (values 1..4; all `true` for bool).
fn x(ns: &Namespace, dtype: DType) -> Result<Array> {
    Array::asarray(ns, &[1.0f64, 2.0, 3.0, 4.0], &[2, 2])?.astype(dtype)
}

/// Another, for binary functions.
fn y(ns: &Namespace, dtype: DType) -> Result<Array> {
    Array::asarray(ns, &[2.0f64, 1.0, 1.0, 3.0], &[2, 2])?.astype(dtype)
}

fn one(dtype: DType) -> Scalar {
    match dtype {
        DType::Bool => Scalar::Bool(true),
        d if d.is_floating() => Scalar::Float(1.0),
        _ => Scalar::Int(1),
    }
}

fn idx(ns: &Namespace) -> Result<Array> {
    Array::asarray(ns, &[1i64, 0], &[2])
}

macro_rules! probes {
    ($($name:literal => |$ns:ident, $dt:ident| $body:expr;)*) => {
        &[$(($name, {
            fn probe($ns: &Namespace, $dt: DType) -> Result<()> {
                #[allow(clippy::let_unit_value)]
                let _ = $body;
                Ok(())
            }
            Some(probe as Probe)
        })),*]
    };
}

/// What cannot be probed: complex numbers and DLPack.
const NOT_APPLICABLE: &[(&str, &str)] = &[
    ("conj", "complex numbers are not supported"),
    ("imag", "complex numbers are not supported"),
    ("real", "complex numbers are not supported"),
    ("from_dlpack", "DLPack is a Python protocol; arrays move between backends with `to_namespace`"),
];

/// The main namespace, in the standard's order of categories.
fn main_namespace() -> Vec<(&'static str, &'static str, Option<Probe>)> {
    let mut all: Vec<(&'static str, &'static str, Option<Probe>)> = Vec::new();
    let mut add = |category: &'static str, list: &[(&'static str, Option<Probe>)]| {
        all.extend(list.iter().map(|&(n, p)| (n, category, p)));
    };
    add(
        "creation",
        probes! {
            "arange" => |ns, dt| Array::arange(ns, 0.0, 3.0, 1.0, dt)?;
            "asarray" => |ns, dt| x(ns, dt)?;
            "empty" => |ns, dt| Array::empty(ns, &[2], dt)?;
            "empty_like" => |ns, dt| x(ns, dt)?.empty_like()?;
            "eye" => |ns, dt| Array::eye(ns, 2, None, 0, dt)?;
            "full" => |ns, dt| Array::full(ns, &[2], one(dt), dt)?;
            "full_like" => |ns, dt| x(ns, dt)?.full_like(one(dt))?;
            "linspace" => |ns, dt| Array::linspace(ns, 0.0, 1.0, 3, true, dt)?;
            "meshgrid" => |ns, dt| Array::meshgrid(&[x(ns, dt)?.reshape(&[-1])?, y(ns, dt)?.reshape(&[-1])?], false)?;
            "ones" => |ns, dt| Array::ones(ns, &[2], dt)?;
            "ones_like" => |ns, dt| x(ns, dt)?.ones_like()?;
            "tril" => |ns, dt| x(ns, dt)?.tril(0)?;
            "triu" => |ns, dt| x(ns, dt)?.triu(0)?;
            "zeros" => |ns, dt| Array::zeros(ns, &[2], dt)?;
            "zeros_like" => |ns, dt| x(ns, dt)?.zeros_like()?;
        },
    );
    add("creation", &[("from_dlpack", None)]);
    add(
        "data types",
        probes! {
            "astype" => |ns, dt| x(ns, dt)?.astype(DType::Float64)?;
            "can_cast" => |_ns, dt| arrayapi::can_cast(dt, DType::Float64);
            "finfo" => |_ns, dt| arrayapi::finfo(dt)?;
            "iinfo" => |_ns, dt| arrayapi::iinfo(dt)?;
            "isdtype" => |_ns, dt| arrayapi::isdtype(dt, "numeric")?;
            "result_type" => |_ns, dt| arrayapi::result_type("result_type", &[dt, dt])?;
        },
    );
    add(
        "element-wise",
        probes! {
            "abs" => |ns, dt| x(ns, dt)?.abs()?;
            "acos" => |ns, dt| x(ns, dt)?.acos()?;
            "acosh" => |ns, dt| x(ns, dt)?.acosh()?;
            "add" => |ns, dt| x(ns, dt)?.add(&y(ns, dt)?)?;
            "asin" => |ns, dt| x(ns, dt)?.asin()?;
            "asinh" => |ns, dt| x(ns, dt)?.asinh()?;
            "atan" => |ns, dt| x(ns, dt)?.atan()?;
            "atan2" => |ns, dt| x(ns, dt)?.atan2(&y(ns, dt)?)?;
            "atanh" => |ns, dt| x(ns, dt)?.atanh()?;
            "bitwise_and" => |ns, dt| x(ns, dt)?.bitwise_and(&y(ns, dt)?)?;
            "bitwise_left_shift" => |ns, dt| x(ns, dt)?.bitwise_left_shift(&y(ns, dt)?)?;
            "bitwise_invert" => |ns, dt| x(ns, dt)?.bitwise_invert()?;
            "bitwise_or" => |ns, dt| x(ns, dt)?.bitwise_or(&y(ns, dt)?)?;
            "bitwise_right_shift" => |ns, dt| x(ns, dt)?.bitwise_right_shift(&y(ns, dt)?)?;
            "bitwise_xor" => |ns, dt| x(ns, dt)?.bitwise_xor(&y(ns, dt)?)?;
            "ceil" => |ns, dt| x(ns, dt)?.ceil()?;
            "clip" => |ns, dt| x(ns, dt)?.clip(Some((&y(ns, dt)?).into()), None)?;
            "copysign" => |ns, dt| x(ns, dt)?.copysign(&y(ns, dt)?)?;
            "cos" => |ns, dt| x(ns, dt)?.cos()?;
            "cosh" => |ns, dt| x(ns, dt)?.cosh()?;
            "divide" => |ns, dt| x(ns, dt)?.divide(&y(ns, dt)?)?;
            "equal" => |ns, dt| x(ns, dt)?.equal(&y(ns, dt)?)?;
            "exp" => |ns, dt| x(ns, dt)?.exp()?;
            "expm1" => |ns, dt| x(ns, dt)?.expm1()?;
            "floor" => |ns, dt| x(ns, dt)?.floor()?;
            "floor_divide" => |ns, dt| x(ns, dt)?.floor_divide(&y(ns, dt)?)?;
            "greater" => |ns, dt| x(ns, dt)?.greater(&y(ns, dt)?)?;
            "greater_equal" => |ns, dt| x(ns, dt)?.greater_equal(&y(ns, dt)?)?;
            "hypot" => |ns, dt| x(ns, dt)?.hypot(&y(ns, dt)?)?;
            "isfinite" => |ns, dt| x(ns, dt)?.isfinite()?;
            "isinf" => |ns, dt| x(ns, dt)?.isinf()?;
            "isnan" => |ns, dt| x(ns, dt)?.isnan()?;
            "less" => |ns, dt| x(ns, dt)?.less(&y(ns, dt)?)?;
            "less_equal" => |ns, dt| x(ns, dt)?.less_equal(&y(ns, dt)?)?;
            "log" => |ns, dt| x(ns, dt)?.log()?;
            "log1p" => |ns, dt| x(ns, dt)?.log1p()?;
            "log2" => |ns, dt| x(ns, dt)?.log2()?;
            "log10" => |ns, dt| x(ns, dt)?.log10()?;
            "logaddexp" => |ns, dt| x(ns, dt)?.logaddexp(&y(ns, dt)?)?;
            "logical_and" => |ns, dt| x(ns, dt)?.logical_and(&y(ns, dt)?)?;
            "logical_not" => |ns, dt| x(ns, dt)?.logical_not()?;
            "logical_or" => |ns, dt| x(ns, dt)?.logical_or(&y(ns, dt)?)?;
            "logical_xor" => |ns, dt| x(ns, dt)?.logical_xor(&y(ns, dt)?)?;
            "maximum" => |ns, dt| x(ns, dt)?.maximum(&y(ns, dt)?)?;
            "minimum" => |ns, dt| x(ns, dt)?.minimum(&y(ns, dt)?)?;
            "multiply" => |ns, dt| x(ns, dt)?.multiply(&y(ns, dt)?)?;
            "negative" => |ns, dt| x(ns, dt)?.negative()?;
            "nextafter" => |ns, dt| x(ns, dt)?.nextafter(&y(ns, dt)?)?;
            "not_equal" => |ns, dt| x(ns, dt)?.not_equal(&y(ns, dt)?)?;
            "positive" => |ns, dt| x(ns, dt)?.positive()?;
            "pow" => |ns, dt| x(ns, dt)?.pow(&y(ns, dt)?)?;
            "reciprocal" => |ns, dt| x(ns, dt)?.reciprocal()?;
            "remainder" => |ns, dt| x(ns, dt)?.remainder(&y(ns, dt)?)?;
            "round" => |ns, dt| x(ns, dt)?.round()?;
            "sign" => |ns, dt| x(ns, dt)?.sign()?;
            "signbit" => |ns, dt| x(ns, dt)?.signbit()?;
            "sin" => |ns, dt| x(ns, dt)?.sin()?;
            "sinh" => |ns, dt| x(ns, dt)?.sinh()?;
            "square" => |ns, dt| x(ns, dt)?.square()?;
            "sqrt" => |ns, dt| x(ns, dt)?.sqrt()?;
            "subtract" => |ns, dt| x(ns, dt)?.subtract(&y(ns, dt)?)?;
            "tan" => |ns, dt| x(ns, dt)?.tan()?;
            "tanh" => |ns, dt| x(ns, dt)?.tanh()?;
            "trunc" => |ns, dt| x(ns, dt)?.trunc()?;
        },
    );
    add("element-wise", &[("conj", None), ("imag", None), ("real", None)]);
    add(
        "indexing",
        probes! {
            "take" => |ns, dt| x(ns, dt)?.take(&idx(ns)?, Some(0))?;
            "take_along_axis" => |ns, dt| x(ns, dt)?.take_along_axis(&idx(ns)?.reshape(&[2, 1])?, 1)?;
        },
    );
    add(
        "inspection",
        probes! {
            "__array_namespace_info__" => |ns, dt| {
                if !ns.info().dtypes.contains(&dt) {
                    return Err(arrayapi::Error::invalid("info", "dtype not listed"));
                }
            };
        },
    );
    add(
        "linear algebra",
        probes! {
            "matmul" => |ns, dt| x(ns, dt)?.matmul(&y(ns, dt)?)?;
            "matrix_transpose" => |ns, dt| x(ns, dt)?.matrix_transpose()?;
            "tensordot" => |ns, dt| x(ns, dt)?.tensordot(&y(ns, dt)?, 1)?;
            "vecdot" => |ns, dt| x(ns, dt)?.vecdot(&y(ns, dt)?, -1)?;
        },
    );
    add(
        "manipulation",
        probes! {
            "broadcast_arrays" => |ns, dt| Array::broadcast_arrays(&[x(ns, dt)?, y(ns, dt)?.take(&idx(ns)?, Some(0))?])?;
            "broadcast_to" => |ns, dt| x(ns, dt)?.broadcast_to(&[3, 2, 2])?;
            "concat" => |ns, dt| Array::concat(&[x(ns, dt)?, y(ns, dt)?], Some(0))?;
            "expand_dims" => |ns, dt| x(ns, dt)?.expand_dims(0)?;
            "flip" => |ns, dt| x(ns, dt)?.flip(Axes::All)?;
            "moveaxis" => |ns, dt| x(ns, dt)?.moveaxis(&[0], &[1])?;
            "permute_dims" => |ns, dt| x(ns, dt)?.permute_dims(&[1, 0])?;
            "repeat" => |ns, dt| x(ns, dt)?.repeat(2, Some(0))?;
            "reshape" => |ns, dt| x(ns, dt)?.reshape(&[4])?;
            "roll" => |ns, dt| x(ns, dt)?.roll(1, Some(0))?;
            "squeeze" => |ns, dt| x(ns, dt)?.expand_dims(0)?.squeeze(0)?;
            "stack" => |ns, dt| Array::stack(&[x(ns, dt)?, y(ns, dt)?], 0)?;
            "tile" => |ns, dt| x(ns, dt)?.tile(&[2, 1])?;
            "unstack" => |ns, dt| x(ns, dt)?.unstack(0)?;
        },
    );
    add(
        "searching",
        probes! {
            "argmax" => |ns, dt| x(ns, dt)?.argmax(Some(0), false)?;
            "argmin" => |ns, dt| x(ns, dt)?.argmin(Some(0), false)?;
            "count_nonzero" => |ns, dt| x(ns, dt)?.count_nonzero(Axes::All, false)?;
            "nonzero" => |ns, dt| x(ns, dt)?.nonzero()?;
            "searchsorted" => |ns, dt| x(ns, dt)?.reshape(&[-1])?.searchsorted(&y(ns, dt)?, Side::Left, None)?;
            "where" => |ns, dt| x(ns, DType::Bool)?.where_(&x(ns, dt)?, &y(ns, dt)?)?;
        },
    );
    add(
        "set",
        probes! {
            "isin" => |ns, dt| x(ns, dt)?.isin(&y(ns, dt)?, false)?;
            "unique_all" => |ns, dt| x(ns, dt)?.unique_all()?;
            "unique_counts" => |ns, dt| x(ns, dt)?.unique_counts()?;
            "unique_inverse" => |ns, dt| x(ns, dt)?.unique_inverse()?;
            "unique_values" => |ns, dt| x(ns, dt)?.unique_values()?;
        },
    );
    add(
        "sorting",
        probes! {
            "argsort" => |ns, dt| x(ns, dt)?.argsort(-1, false)?;
            "sort" => |ns, dt| x(ns, dt)?.sort(-1, false)?;
        },
    );
    add(
        "statistical",
        probes! {
            "cumulative_prod" => |ns, dt| x(ns, dt)?.cumulative_prod(Some(0), false)?;
            "cumulative_sum" => |ns, dt| x(ns, dt)?.cumulative_sum(Some(0), false)?;
            "max" => |ns, dt| x(ns, dt)?.max(Axes::All, false)?;
            "mean" => |ns, dt| x(ns, dt)?.mean(Axes::All, false)?;
            "min" => |ns, dt| x(ns, dt)?.min(Axes::All, false)?;
            "prod" => |ns, dt| x(ns, dt)?.prod(Axes::All, false)?;
            "std" => |ns, dt| x(ns, dt)?.std(Axes::All, 0.0, false)?;
            "sum" => |ns, dt| x(ns, dt)?.sum(Axes::All, false)?;
            "var" => |ns, dt| x(ns, dt)?.var(Axes::All, 0.0, false)?;
        },
    );
    add(
        "utility",
        probes! {
            "all" => |ns, dt| x(ns, dt)?.all(Axes::All, false)?;
            "any" => |ns, dt| x(ns, dt)?.any(Axes::All, false)?;
            "diff" => |ns, dt| x(ns, dt)?.diff(-1, 1)?;
        },
    );
    all
}

/// The `linalg` extension.
fn linalg() -> Vec<(&'static str, &'static str, Option<Probe>)> {
    let list: &[(&'static str, Option<Probe>)] = probes! {
        "cholesky" => |ns, dt| x(ns, dt)?.matmul(&x(ns, dt)?.matrix_transpose()?)?.cholesky(false)?;
        "cross" => |ns, dt| Array::asarray(ns, &[1.0f64, 2.0, 3.0], &[3])?.astype(dt)?.cross(&Array::asarray(ns, &[3.0f64, 1.0, 2.0], &[3])?.astype(dt)?, -1)?;
        "det" => |ns, dt| x(ns, dt)?.det()?;
        "diagonal" => |ns, dt| x(ns, dt)?.diagonal(0)?;
        "inv" => |ns, dt| x(ns, dt)?.inv()?;
        "matmul" => |ns, dt| x(ns, dt)?.matmul(&y(ns, dt)?)?;
        "matrix_norm" => |ns, dt| x(ns, dt)?.matrix_norm("fro", false)?;
        "matrix_power" => |ns, dt| x(ns, dt)?.matrix_power(2)?;
        "matrix_transpose" => |ns, dt| x(ns, dt)?.matrix_transpose()?;
        "outer" => |ns, dt| x(ns, dt)?.reshape(&[-1])?.outer(&y(ns, dt)?.reshape(&[-1])?)?;
        "qr" => |ns, dt| x(ns, dt)?.qr()?;
        "slogdet" => |ns, dt| x(ns, dt)?.slogdet()?;
        "solve" => |ns, dt| x(ns, dt)?.solve(&y(ns, dt)?)?;
        "tensordot" => |ns, dt| x(ns, dt)?.tensordot(&y(ns, dt)?, 1)?;
        "trace" => |ns, dt| x(ns, dt)?.trace(0)?;
        "vecdot" => |ns, dt| x(ns, dt)?.vecdot(&y(ns, dt)?, -1)?;
        "vector_norm" => |ns, dt| x(ns, dt)?.vector_norm(Axes::All, false, 2.0)?;
        "eigh" => |ns, dt| x(ns, dt)?.eigh()?;
        "eigvalsh" => |ns, dt| x(ns, dt)?.eigvalsh()?;
        "matrix_rank" => |ns, dt| x(ns, dt)?.matrix_rank(None)?;
        "pinv" => |ns, dt| x(ns, dt)?.pinv(None)?;
        "svd" => |ns, dt| x(ns, dt)?.svd()?;
        "svdvals" => |ns, dt| x(ns, dt)?.svdvals()?;
    };
    let mut all: Vec<_> = list.iter().map(|&(n, p)| (n, "linalg", p)).collect::<Vec<_>>();
    all.sort_by_key(|e| e.0);
    all
}

fn short(d: DType) -> &'static str {
    match d {
        DType::Bool => "bool",
        DType::Int8 => "i8",
        DType::Int16 => "i16",
        DType::Int32 => "i32",
        DType::Int64 => "i64",
        DType::UInt8 => "u8",
        DType::UInt16 => "u16",
        DType::UInt32 => "u32",
        DType::UInt64 => "u64",
        DType::Float32 => "f32",
        DType::Float64 => "f64",
        DType::Float16 => "f16",
        DType::BFloat16 => "bf16",
    }
}

/// The dtypes `probe` accepts on `ns`, written compactly.
fn dtypes_cell(ns: &Namespace, probe: Probe) -> (bool, String) {
    let ok: Vec<DType> = DType::ALL.into_iter().filter(|&d| probe(ns, d).is_ok()).collect();
    if ok.is_empty() {
        return (false, "no".into());
    }
    let stored = ns.dtypes();
    let text = if ok.len() == DType::ALL.len() {
        format!("all {} dtypes", DType::ALL.len())
    } else if ok == stored {
        format!("all {} it stores", stored.len())
    } else {
        ok.iter().map(|&d| short(d)).collect::<Vec<_>>().join(" ")
    };
    (true, text)
}

fn table(out: &mut String, rows: &[(&str, &str, Option<Probe>)], backends: &[(&str, Namespace)]) -> Vec<usize> {
    let mut counts = vec![0; backends.len()];
    out.push_str("| function | category |");
    for (name, _) in backends {
        out.push_str(&format!(" {name} |"));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(backends.len()));
    out.push('\n');
    for &(name, category, probe) in rows {
        out.push_str(&format!("| `{name}` | {category} |"));
        for (i, (_, ns)) in backends.iter().enumerate() {
            match probe {
                Some(p) => {
                    let (ok, cell) = dtypes_cell(ns, p);
                    counts[i] += usize::from(ok);
                    out.push_str(&format!(" {} |", if ok { cell } else { "**no**".into() }));
                }
                None => {
                    let why = NOT_APPLICABLE.iter().find(|(n, _)| *n == name).map_or("not yet", |(_, w)| w);
                    out.push_str(&format!(" – ({why}) |"));
                }
            }
        }
        out.push('\n');
    }
    counts
}

fn generate() -> (String, usize, usize) {
    let backends = [
        ("ndarray", arrayapi::ndarray::namespace()),
        ("candle (CPU)", arrayapi::candle::namespace(arrayapi::Device::Cpu).expect("candle's CPU device")),
    ];
    let main = main_namespace();
    let lin = linalg();
    let mut body = String::new();
    let main_counts = table(&mut body, &main, &backends);
    let mut lin_body = String::new();
    let lin_counts = table(&mut lin_body, &lin, &backends);

    let mut out = String::new();
    out.push_str("# Coverage of the array API standard\n\n");
    out.push_str(
        "Generated by `tests/coverage.rs` (`UPDATE_COVERAGE=1 cargo test --test coverage`); the test \
         fails when this file is out of date. Each function is called on each backend through the \
         dynamic `Array`, once per dtype; a cell lists the dtypes for which the call returns a value \
         (functions the standard defines for floats only list the float dtypes, and so on; `f16` and `bf16` are the two floats beyond the standard, which only candle stores). The standard \
         is the 2025.12 revision: 135 functions in the main namespace, 23 in `linalg`.\n\n",
    );
    out.push_str("| | ");
    out.push_str(&backends.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" | "));
    out.push_str(" |\n|---|");
    out.push_str(&"---|".repeat(backends.len()));
    out.push_str(&format!(
        "\n| main namespace ({} functions) | {} |\n| `linalg` ({} functions) | {} |\n\n",
        main.len(),
        main_counts.iter().map(|c| format!("{c} implemented")).collect::<Vec<_>>().join(" | "),
        lin.len(),
        lin_counts.iter().map(|c| format!("{c} implemented")).collect::<Vec<_>>().join(" | ")
    ));
    out.push_str("## Main namespace\n\n");
    out.push_str(&body);
    out.push_str("\n## `linalg`\n\n");
    out.push_str(&lin_body);
    out.push_str(
        "\n## Conformance checks that do not pass\n\nThe whole suite (`arrayapi-testkit`) run on each \
         backend with nothing skipped; a backend's own tests declare these as skips, with reasons.\n\n",
    );
    for (name, ns) in &backends {
        let verdicts: Vec<(&str, Verdict)> = run_all::<Array>(ns, &[]);
        let failed: Vec<String> = verdicts
            .iter()
            .filter_map(|(check, v)| match v {
                Verdict::Passed => None,
                Verdict::Failed(msg) | Verdict::Skipped(msg) | Verdict::NotApplicable(msg) => {
                    let first = msg.lines().next().unwrap_or("").chars().take(200).collect::<String>();
                    Some(format!("- `{check}`: {first}"))
                }
            })
            .collect();
        out.push_str(&format!("**{name}**: {} of {} checks pass", verdicts.len() - failed.len(), verdicts.len()));
        if failed.is_empty() {
            out.push_str(".\n\n");
        } else {
            out.push_str("; not passing:\n\n");
            out.push_str(&failed.join("\n"));
            out.push_str("\n\n");
        }
    }
    (out, main_counts[0], lin_counts[0])
}

#[test]
fn coverage_table_is_up_to_date() {
    let (text, main, lin) = generate();
    assert!(main >= 125, "the ndarray backend implements {main} of the main namespace's functions");
    assert!(lin >= 10, "the ndarray backend implements {lin} linalg functions");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/coverage.md");
    if std::env::var_os("UPDATE_COVERAGE").is_some() {
        std::fs::write(path, &text).expect("write docs/coverage.md");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == text,
        "docs/coverage.md is out of date: run `UPDATE_COVERAGE=1 cargo test --test coverage` and commit it"
    );
}
