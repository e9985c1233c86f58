//! Printing arrays as NumPy's `str(x)` does, the same on every backend: nested brackets,
//! elements aligned to a common width (floats on their decimal point), and past 1,000
//! elements only the first and last three along each axis, with `...` between.
//!
//! ```text
//! [[ 1.   2.5]
//!  [-3.   nan]]
//! ```
//!
//! Floats print in the shortest form that reads back to the same value (`0.1`, not
//! `0.10000000149` for float32), rounded to 8 fractional digits where that needs more
//! (NumPy's `precision=8`, `floatmode="maxprec"`); an array whose largest non-zero
//! magnitude is 1e8 or more, whose smallest is below 1e-4, or whose ratio of the two is
//! above 1000 prints all its floats in scientific notation (`1.e-05`); rows wrap before
//! 75 columns; a 0-d float prints as Python's `repr` (`1e-05`, `1.0`); `nan`, `inf`,
//! `-inf` and signed zeros (`-0.`) as NumPy writes them; booleans as `True`/`False`.
//! Checked against NumPy 2.4.6's output in `tests/display.rs`.

use std::fmt;

use crate::values::host::{HostArray, HostData};

/// Elements past which an array is summarised (NumPy's `threshold`).
pub const THRESHOLD: usize = 1000;
/// Elements shown at each end of a summarised axis (NumPy's `edgeitems`).
pub const EDGE_ITEMS: usize = 3;

/// `host` formatted as NumPy's `str()` formats an array.
pub fn format_host(host: &HostArray) -> String {
    let shape = host.shape();
    let size: usize = shape.iter().product();
    if size == 0 && !shape.is_empty() {
        return "[]".to_string();
    }
    if shape.is_empty() {
        if let Some(s) = scalar_float(host.data()) {
            return s;
        }
    }
    let summarise = size > THRESHOLD;
    // The flat indices shown, in order, and the elements as strings.
    let shown = shown_indices(shape, summarise);
    let cells = cells(host.data(), &shown);
    let width = cells.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    let mut next = cells.iter();
    format_axis(shape, 0, summarise, width, &mut next, " ", LINE_WIDTH)
}

/// The positions shown along an axis of length `n`.
fn axis_positions(n: usize, summarise: bool) -> Vec<Option<usize>> {
    if summarise && n > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS).map(Some).chain([None]).chain((n - EDGE_ITEMS..n).map(Some)).collect()
    } else {
        (0..n).map(Some).collect()
    }
}

fn shown_indices(shape: &[usize], summarise: bool) -> Vec<usize> {
    let mut out = vec![0usize];
    for &n in shape {
        let pos: Vec<usize> = axis_positions(n, summarise).into_iter().flatten().collect();
        out = out.iter().flat_map(|&base| pos.iter().map(move |&p| base * n + p)).collect();
    }
    out
}

/// NumPy's line width: rows wrap before 75 characters.
pub const LINE_WIDTH: usize = 75;

/// NumPy's `_formatArray`: the axes from `axis` on, with `hanging` the indentation of a
/// continuation line and `curr_width` the room left on a line.
fn format_axis<'a>(
    shape: &[usize],
    axis: usize,
    summarise: bool,
    width: usize,
    cells: &mut impl Iterator<Item = &'a String>,
    hanging: &str,
    curr_width: usize,
) -> String {
    let axes_left = shape.len() - axis;
    if axes_left == 0 {
        return cells.next().map(|c| format!("{c:>width$}")).unwrap_or_default();
    }
    let next_hanging = format!("{hanging} ");
    let next_width = curr_width.saturating_sub(1);
    let positions = axis_positions(shape[axis], summarise);
    let last = positions.len().saturating_sub(1);
    let mut s = String::new();
    if axes_left == 1 {
        // Room up to the closing bracket.
        let elem_width = curr_width.saturating_sub(1);
        let mut line = hanging.to_string();
        for (i, p) in positions.iter().enumerate() {
            let word = match p {
                Some(_) => format_axis(shape, axis + 1, summarise, width, cells, &next_hanging, next_width),
                None => "...".to_string(),
            };
            // Wrap before a word that would pass the width, unless the line is empty.
            if line.len() + word.len() > elem_width && line.len() > hanging.len() {
                s.push_str(line.trim_end());
                s.push('\n');
                line = hanging.to_string();
            }
            line.push_str(&word);
            if i < last {
                line.push(' ');
            }
        }
        s.push_str(&line);
    } else {
        let line_sep = "\n".repeat(axes_left - 1);
        for (i, p) in positions.iter().enumerate() {
            let nested = match p {
                Some(_) => format_axis(shape, axis + 1, summarise, width, cells, &next_hanging, next_width),
                None => "...".to_string(),
            };
            s.push_str(hanging);
            s.push_str(&nested);
            if i < last {
                s.push_str(&line_sep);
            }
        }
    }
    format!("[{}]", s.get(hanging.len()..).unwrap_or(""))
}

/// A 0-d float array's one element as NumPy prints it (`None` for other dtypes).
fn scalar_float(data: &HostData) -> Option<String> {
    Some(match data {
        HostData::F32(v) => v.first().map(|&f| float_scalar(f as f64, &f.to_string(), &format!("{f:e}")))?,
        HostData::F64(v) => v.first().map(|&f| float_scalar(f, &f.to_string(), &format!("{f:e}")))?,
        HostData::F16(v) => {
            v.first().map(|&f| float_scalar(f.to_f64(), &f.to_string(), &format!("{:e}", f.to_f32())))?
        }
        HostData::BF16(v) => {
            v.first().map(|&f| float_scalar(f.to_f64(), &f.to_string(), &format!("{:e}", f.to_f32())))?
        }
        _ => return None,
    })
}

fn cells(data: &HostData, idx: &[usize]) -> Vec<String> {
    fn ints<T: ToString>(v: &[T], idx: &[usize]) -> Vec<String> {
        idx.iter().filter_map(|&i| v.get(i)).map(ToString::to_string).collect()
    }
    match data {
        HostData::Bool(v) => {
            idx.iter().filter_map(|&i| v.get(i)).map(|&b| if b { "True" } else { "False" }.to_string()).collect()
        }
        HostData::I8(v) => ints(v, idx),
        HostData::I16(v) => ints(v, idx),
        HostData::I32(v) => ints(v, idx),
        HostData::I64(v) => ints(v, idx),
        HostData::U8(v) => ints(v, idx),
        HostData::U16(v) => ints(v, idx),
        HostData::U32(v) => ints(v, idx),
        HostData::U64(v) => ints(v, idx),
        HostData::F32(v) => {
            floats(idx.iter().filter_map(|&i| v.get(i)).map(|&f| (f as f64, f.to_string(), format!("{f:e}"))))
        }
        HostData::F64(v) => floats(idx.iter().filter_map(|&i| v.get(i)).map(|&f| (f, f.to_string(), format!("{f:e}")))),
        HostData::F16(v) => floats(
            idx.iter().filter_map(|&i| v.get(i)).map(|&f| (f.to_f64(), f.to_string(), format!("{:e}", f.to_f32()))),
        ),
        HostData::BF16(v) => floats(
            idx.iter().filter_map(|&i| v.get(i)).map(|&f| (f.to_f64(), f.to_string(), format!("{:e}", f.to_f32()))),
        ),
    }
}

/// NumPy's default `precision`: at most this many fractional digits.
pub const PRECISION: usize = 8;

/// Floats as NumPy's `str()` writes an array of them (`floatmode="maxprec"`, precision 8):
/// `(value, shortest decimal, shortest scientific)` in, aligned cells out.
///
/// Each element is its shortest round-trip form, rounded to 8 fractional digits where it
/// needs more; the array switches to scientific notation when its largest non-zero
/// magnitude is 1e8 or more, its smallest below 1e-4, or their ratio above 1000. In
/// positional notation the cells align on the decimal point (fractions padded with
/// spaces); in scientific notation every mantissa has the same number of digits.
fn floats(values: impl Iterator<Item = (f64, String, String)>) -> Vec<String> {
    let values: Vec<(f64, String, String)> = values.collect();
    let nonzero: Vec<f64> = values.iter().map(|v| v.0.abs()).filter(|a| a.is_finite() && *a != 0.0).collect();
    let scientific = match (nonzero.iter().cloned().reduce(f64::max), nonzero.iter().cloned().reduce(f64::min)) {
        (Some(max), Some(min)) => max >= 1e8 || min < 1e-4 || max / min > 1e3,
        _ => false,
    };
    let neg_inf = values.iter().any(|v| v.0 == f64::NEG_INFINITY);
    let special = |v: f64| {
        if v.is_nan() {
            "nan"
        } else if v > 0.0 {
            "inf"
        } else {
            "-inf"
        }
    };
    let trim = |s: String| {
        let t = s.trim_end_matches('0');
        t.to_string()
    };
    if scientific {
        // The digits each mantissa needs (at most 8), then all at the widest.
        let digits = |(v, _, sci): &(f64, String, String)| {
            let mantissa = sci.split('e').next().unwrap_or("");
            let frac = mantissa.split_once('.').map_or(0, |(_, f)| f.len());
            if frac > PRECISION {
                let rounded = format!("{v:.PRECISION$e}");
                let m = rounded.split('e').next().unwrap_or("").to_string();
                trim(m).split_once('.').map_or(0, |(_, f)| f.len())
            } else {
                frac
            }
        };
        let precision = values.iter().filter(|v| v.0.is_finite()).map(digits).max().unwrap_or(0);
        let text: Vec<String> = values
            .iter()
            .map(
                |(v, _, _)| {
                    if v.is_finite() {
                        numpy_exponent(&format!("{v:.precision$e}"))
                    } else {
                        special(*v).to_string()
                    }
                },
            )
            .collect();
        let exp_w = text.iter().filter_map(|t| t.split_once('e').map(|(_, e)| e.len())).max().unwrap_or(0);
        let text: Vec<String> = text
            .into_iter()
            .map(|t| match t.split_once('e') {
                // Exponents padded to a common number of digits: e+05 and e+100 as e+005.
                Some((m, e)) => format!("{m}e{}{:0>w$}", &e[..1], &e[1..], w = exp_w - 1),
                None => t,
            })
            .collect();
        let width = text.iter().map(|t| t.len()).max().unwrap_or(0);
        return text.into_iter().map(|t| format!("{t:>width$}")).collect();
    }
    let text: Vec<Option<(String, String)>> = values
        .iter()
        .map(|(v, dec, _)| {
            if !v.is_finite() {
                return None;
            }
            let dec = if dec.contains('.') { dec.clone() } else { format!("{dec}.") };
            let dec = match dec.split_once('.') {
                Some((_, f)) if f.len() > PRECISION => trim(format!("{v:.PRECISION$}")),
                _ => dec,
            };
            dec.split_once('.').map(|(a, b)| (a.to_string(), b.to_string()))
        })
        .collect();
    let mut int_w = text.iter().flatten().map(|(a, _)| a.len()).max().unwrap_or(0);
    let frac_w = text.iter().flatten().map(|(_, b)| b.len()).max().unwrap_or(0);
    if text.iter().any(Option::is_none) {
        // Room for nan and inf right-aligned under the numbers (NumPy's pad_left rule).
        let offset = frac_w + 1;
        int_w = int_w.max(3usize.saturating_sub(offset)).max((3 + usize::from(neg_inf)).saturating_sub(offset));
    }
    let width = int_w + 1 + frac_w;
    text.into_iter()
        .zip(&values)
        .map(|(p, (v, _, _))| match p {
            Some((a, b)) => format!("{a:>int_w$}.{b:<frac_w$}"),
            None => format!("{:>width$}", special(*v)),
        })
        .collect()
}

/// A 0-d float as NumPy prints a scalar (Python's `repr`): the shortest round-trip form,
/// `1.0` for integral values, scientific below 1e-4 and from 1e16 (`1e-05`, `1e+16`).
fn float_scalar(v: f64, dec: &str, sci: &str) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "nan"
        } else if v > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .to_string();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        let (m, e) = sci.split_once('e').unwrap_or((sci, "0"));
        let (sign, digits) = match e.strip_prefix('-') {
            Some(d) => ('-', d),
            None => ('+', e),
        };
        return format!("{m}e{sign}{digits:0>2}");
    }
    if dec.contains('.') {
        dec.to_string()
    } else {
        format!("{dec}.0")
    }
}

/// Rust's `1e-5` as NumPy's `1.e-05`.
fn numpy_exponent(s: &str) -> String {
    let Some((mantissa, exp)) = s.split_once('e') else {
        return s.to_string();
    };
    let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.") };
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    format!("{mantissa}e{sign}{digits:0>2}")
}

/// Writes an array's `format_host`, or, if its data cannot be read, what went wrong
/// (printing never fails and never panics).
pub fn write_array(f: &mut fmt::Formatter<'_>, host: crate::Result<HostArray>) -> fmt::Result {
    match host {
        Ok(h) => f.write_str(&format_host(&h)),
        Err(e) => write!(f, "<array: {e}>"),
    }
}

/// NumPy's `repr()` with the device and backend: `array([1., 2.], dtype=float32,
/// device=cpu, backend=ndarray)`, continuation lines indented under the first element.
pub fn write_repr(
    f: &mut fmt::Formatter<'_>,
    host: crate::Result<HostArray>,
    dtype: crate::DType,
    device: crate::Device,
    backend: &str,
) -> fmt::Result {
    let body = match host {
        Ok(h) => format_host(&h).replace('\n', "\n      "),
        Err(e) => format!("<{e}>"),
    };
    write!(f, "array({body}, dtype={dtype}, device={device}, backend={backend})")
}

/// Implements `Debug` as [`write_repr`] (NumPy's `repr()`, with the dtype, device and
/// backend) for an [`crate::ArrayApi`] type defined in the calling crate.
#[macro_export]
macro_rules! impl_debug {
    ($t:ty) => {
        impl ::core::fmt::Debug for $t {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::api::display::write_repr(
                    f,
                    $crate::ArrayApi::to_host(self),
                    $crate::ArrayApi::dtype(self),
                    $crate::ArrayApi::device(self),
                    $crate::ArrayApi::backend_name(self),
                )
            }
        }
    };
}

/// Implements `Display` (NumPy's `str()`, see [`crate::api::display`]) for an
/// [`crate::ArrayApi`] type defined in the calling crate. Every backend's array type
/// needs `Display` ([`crate::Backend`] requires it): this one line gives it.
#[macro_export]
macro_rules! impl_display {
    ($t:ty) => {
        impl ::core::fmt::Display for $t {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::api::display::write_array(f, $crate::ArrayApi::to_host(self))
            }
        }
    };
}

crate::impl_display!(crate::Array);

#[cfg(test)]
mod tests {
    use super::*;

    fn show<T: crate::Element>(v: &[T], shape: &[usize]) -> String {
        format_host(&HostArray::from_slice(v, shape).unwrap())
    }

    #[test]
    fn like_numpy() {
        assert_eq!(show(&[1.0f64, 2.5, 3.0], &[3]), "[1.  2.5 3. ]");
        assert_eq!(show(&[1.0f64, 2.5, -3.0, f64::NAN], &[2, 2]), "[[ 1.   2.5]\n [-3.   nan]]");
        assert_eq!(show(&[0.1f32, -0.0], &[2]), "[ 0.1 -0. ]");
        assert_eq!(show(&[1e-5f64, 1.0], &[2]), "[1.e-05 1.e+00]");
        assert_eq!(show(&[f64::INFINITY, f64::NEG_INFINITY, 0.5], &[3]), "[ inf -inf  0.5]");
        assert_eq!(show(&[1i32, -20, 300], &[3]), "[  1 -20 300]");
        assert_eq!(show(&[true, false], &[2]), "[ True False]");
        assert_eq!(show(&[7i64], &[]), "7");
        assert_eq!(show::<f32>(&[], &[2, 0]), "[]");
        assert_eq!(show(&(0..8).collect::<Vec<i32>>(), &[2, 2, 2]), "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
    }

    #[test]
    fn summarised_past_the_threshold() {
        let v: Vec<i32> = (0..1001).collect();
        assert_eq!(show(&v, &[1001]), "[   0    1    2 ...  998  999 1000]");
        let v: Vec<i32> = (0..2000).collect();
        let s = show(&v, &[2, 1000]);
        assert_eq!(s, "[[   0    1    2 ...  997  998  999]\n [1000 1001 1002 ... 1997 1998 1999]]");
    }
}
