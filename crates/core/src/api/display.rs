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
//! `0.10000000149` for float32); an array with a non-zero magnitude below 1e-4 or from
//! 1e16 up prints all its floats in scientific notation (`1e-05`); `nan`, `inf`, `-inf`
//! and signed zeros (`-0.`) as NumPy writes them; booleans as `True`/`False`.

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
    let summarise = size > THRESHOLD;
    // The flat indices shown, in order, and the elements as strings.
    let shown = shown_indices(shape, summarise);
    let cells = cells(host.data(), &shown);
    let width = cells.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    let mut next = cells.iter();
    write_axis(&mut out, shape, 0, summarise, width, &mut next);
    out
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

fn write_axis<'a>(
    out: &mut String,
    shape: &[usize],
    axis: usize,
    summarise: bool,
    width: usize,
    cells: &mut impl Iterator<Item = &'a String>,
) {
    if axis == shape.len() {
        if let Some(c) = cells.next() {
            out.push_str(&format!("{c:>width$}"));
        }
        return;
    }
    out.push('[');
    let last = axis + 1 == shape.len();
    // Between rows: a newline per remaining axis, then indentation to this depth.
    let sep = if last { " ".to_string() } else { "\n".repeat(shape.len() - axis - 1) + &" ".repeat(axis + 1) };
    for (i, p) in axis_positions(shape[axis], summarise).into_iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match p {
            Some(_) => write_axis(out, shape, axis + 1, summarise, width, cells),
            None => out.push_str("..."),
        }
    }
    out.push(']');
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

/// Floats as NumPy aligns them: `(value, shortest decimal, shortest scientific)`.
fn floats(values: impl Iterator<Item = (f64, String, String)>) -> Vec<String> {
    let values: Vec<(f64, String, String)> = values.collect();
    let scientific = values.iter().any(|(v, _, _)| v.is_finite() && *v != 0.0 && (v.abs() < 1e-4 || v.abs() >= 1e16));
    let text: Vec<String> = values
        .iter()
        .map(|(v, dec, sci)| {
            if v.is_nan() {
                "nan".to_string()
            } else if v.is_infinite() {
                if *v > 0.0 { "inf" } else { "-inf" }.to_string()
            } else if scientific {
                numpy_exponent(sci)
            } else if dec.contains('.') {
                dec.clone()
            } else {
                format!("{dec}.")
            }
        })
        .collect();
    if scientific {
        return text;
    }
    // Align on the decimal point: pad the integer part on the left, the fraction on the
    // right; `nan` and `inf` are right-aligned to the whole width.
    let split = |s: &String| s.find('.').map(|p| (s[..p].to_string(), s[p..].to_string()));
    let parts: Vec<Option<(String, String)>> = text.iter().map(split).collect();
    let int_w = parts.iter().flatten().map(|(a, _)| a.len()).max().unwrap_or(0);
    let frac_w = parts.iter().flatten().map(|(_, b)| b.len()).max().unwrap_or(0);
    let width = int_w + frac_w;
    parts
        .into_iter()
        .zip(&text)
        .map(|(p, t)| match p {
            Some((a, b)) => format!("{a:>int_w$}{b:<frac_w$}"),
            None => format!("{t:>width$}"),
        })
        .collect()
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

/// Implements `Display` (NumPy's `str()`, see [`crate::api::display`]) for an
/// [`crate::ArrayApi`] type defined in the calling crate.
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
