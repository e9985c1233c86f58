//! Shapes: element counts, broadcasting, axis normalisation, reshape resolution.
//!
//! Every function here is checked: overflow, out-of-range axes and incompatible shapes
//! are errors naming the calling function, never panics.

use crate::error::{Error, Result};

/// Number of elements of `shape`, or [`Error::Overflow`] if the product of its non-zero
/// lengths does not fit in `isize`.
pub fn numel(func: &'static str, shape: &[usize]) -> Result<usize> {
    // The product of the non-zero lengths must fit in `isize` too, as in NumPy ("array is
    // too big") and ndarray (which panics otherwise): `[usize::MAX, 0, usize::MAX]` has no
    // elements but is refused alike on every backend.
    let nonzero = shape
        .iter()
        .filter(|&&d| d != 0)
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&p| p <= isize::MAX as usize)
        .ok_or_else(|| Error::Overflow { func, shape: shape.to_vec() })?;
    Ok(if shape.contains(&0) { 0 } else { nonzero })
}

/// The standard's broadcasting of two shapes: align from the right; each pair of
/// dimensions must be equal or one of them 1.
pub fn broadcast_pair(func: &'static str, a: &[usize], b: &[usize]) -> Result<Vec<usize>> {
    if a == b {
        return Ok(a.to_vec());
    }
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for (i, o) in out.iter_mut().enumerate() {
        let da = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let db = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        *o = match (da, db) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => return Err(Error::Broadcast { func, lhs: a.to_vec(), rhs: b.to_vec() }),
        };
    }
    numel(func, &out)?;
    Ok(out)
}

/// The standard's `broadcast_shapes` of any number of shapes (none gives `[]`).
pub fn broadcast_shapes(func: &'static str, shapes: &[&[usize]]) -> Result<Vec<usize>> {
    let mut out: Vec<usize> = Vec::new();
    for s in shapes {
        out = broadcast_pair(func, &out, s)?;
    }
    Ok(out)
}

/// `true` if `from` can be broadcast to exactly `to` (the rule of `broadcast_to`).
pub fn can_broadcast_to(from: &[usize], to: &[usize]) -> bool {
    from.len() <= to.len() && from.iter().rev().zip(to.iter().rev()).all(|(&f, &t)| f == t || f == 1)
}

/// Normalises a possibly negative axis against `ndim`: `-1` is the last axis.
pub fn normalize_axis(func: &'static str, axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis >= n || axis < -n {
        Err(Error::AxisOutOfRange { func, axis, ndim })
    } else if axis < 0 {
        Ok((axis + n) as usize)
    } else {
        Ok(axis as usize)
    }
}

/// An optional axis: `Some` normalised against `ndim`; `None` only for a 1-D array (its
/// one axis), as the standard's `take` and `cumulative_*` allow.
pub fn axis_or_only(func: &'static str, axis: Option<isize>, ndim: usize) -> Result<usize> {
    match axis {
        Some(a) => normalize_axis(func, a, ndim),
        None if ndim == 1 => Ok(0),
        None => Err(Error::invalid(func, format!("axis is required for a {ndim}-d array"))),
    }
}

/// Which axes a reduction or `flip` acts on: all of them, one, or several.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Axes {
    /// Every axis (`axis=None` in the standard).
    #[default]
    All,
    /// One axis; negative counts from the end.
    One(isize),
    /// Several axes; negative count from the end; each at most once.
    Many(Vec<isize>),
}

impl Axes {
    /// The axes normalised against `ndim`, sorted ascending, each once;
    /// [`Error::AxisOutOfRange`] or [`Error::DuplicateAxis`] otherwise.
    pub fn normalize(&self, func: &'static str, ndim: usize) -> Result<Vec<usize>> {
        match self {
            Axes::All => Ok((0..ndim).collect()),
            Axes::One(a) => Ok(vec![normalize_axis(func, *a, ndim)?]),
            Axes::Many(axes) => {
                let mut out = axes.iter().map(|&a| normalize_axis(func, a, ndim)).collect::<Result<Vec<_>>>()?;
                out.sort_unstable();
                if let Some(w) = out.windows(2).find(|w| w[0] == w[1]) {
                    return Err(Error::DuplicateAxis { func, axis: w[0], axes: axes.clone() });
                }
                Ok(out)
            }
        }
    }
}

impl From<isize> for Axes {
    fn from(a: isize) -> Self {
        Axes::One(a)
    }
}

impl From<i32> for Axes {
    fn from(a: i32) -> Self {
        Axes::One(a as isize)
    }
}

impl From<&[isize]> for Axes {
    fn from(a: &[isize]) -> Self {
        Axes::Many(a.to_vec())
    }
}

impl From<Vec<isize>> for Axes {
    fn from(a: Vec<isize>) -> Self {
        Axes::Many(a)
    }
}

impl<const N: usize> From<[isize; N]> for Axes {
    fn from(a: [isize; N]) -> Self {
        Axes::Many(a.to_vec())
    }
}

impl From<Option<isize>> for Axes {
    fn from(a: Option<isize>) -> Self {
        a.map_or(Axes::All, Axes::One)
    }
}

/// Resolves a reshape target that may hold one `-1` ("whatever fits") against an
/// array of `size` elements.
pub fn resolve_reshape(func: &'static str, from: &[usize], to: &[isize]) -> Result<Vec<usize>> {
    let size = numel(func, from)?;
    let mut unknown = None;
    let mut known = 1usize;
    for (i, &d) in to.iter().enumerate() {
        match d {
            -1 if unknown.is_none() => unknown = Some(i),
            -1 => return Err(Error::invalid(func, format!("more than one -1 in shape {to:?}"))),
            d if d < 0 => return Err(Error::invalid(func, format!("negative dimension {d} in shape {to:?}"))),
            d => {
                known = known
                    .checked_mul(d as usize)
                    .ok_or_else(|| Error::Overflow { func, shape: to.iter().map(|&x| x.max(0) as usize).collect() })?
            }
        }
    }
    let mut out: Vec<usize> = to.iter().map(|&d| d.max(0) as usize).collect();
    let mismatch =
        || Error::shape(func, format!("cannot reshape an array of shape {from:?} ({size} elements) into shape {to:?}"));
    match unknown {
        Some(i) => {
            if known == 0 || size % known != 0 {
                return Err(mismatch());
            }
            out[i] = size / known;
        }
        None if known != size => return Err(mismatch()),
        None => {}
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting_follows_the_standard() {
        assert_eq!(broadcast_shapes("f", &[&[8, 1, 6, 1], &[7, 1, 5]]), Ok(vec![8, 7, 6, 5]));
        assert_eq!(broadcast_shapes("f", &[&[5, 4], &[1]]), Ok(vec![5, 4]));
        assert_eq!(broadcast_shapes("f", &[&[15, 3, 5], &[15, 1, 5], &[3, 1]]), Ok(vec![15, 3, 5]));
        assert_eq!(broadcast_shapes("f", &[&[0], &[1]]), Ok(vec![0]));
        assert_eq!(broadcast_shapes("f", &[]), Ok(vec![]));
        assert_eq!(broadcast_shapes("f", &[&[], &[2]]), Ok(vec![2]));
        assert_eq!(
            broadcast_shapes("f", &[&[2, 1], &[8, 4, 3]]),
            Err(Error::Broadcast { func: "f", lhs: vec![2, 1], rhs: vec![8, 4, 3] })
        );
        assert_eq!(broadcast_pair("f", &[0], &[2]), Err(Error::Broadcast { func: "f", lhs: vec![0], rhs: vec![2] }));
        assert!(matches!(broadcast_pair("f", &[usize::MAX, 1], &[1, 2]), Err(Error::Overflow { .. })));
    }

    #[test]
    fn broadcast_to_is_one_directional() {
        assert!(can_broadcast_to(&[3, 1], &[2, 3, 4]));
        assert!(can_broadcast_to(&[], &[2]));
        assert!(!can_broadcast_to(&[2, 3, 4], &[3, 4]));
        assert!(!can_broadcast_to(&[3], &[1]));
    }

    #[test]
    fn element_counts_are_checked() {
        assert_eq!(numel("f", &[]), Ok(1));
        assert_eq!(numel("f", &[3, 0, 1 << 40]), Ok(0));
        // No elements, but the other lengths multiply past isize: refused (NumPy too).
        assert!(numel("f", &[3, 0, usize::MAX]).is_err());
        assert!(numel("f", &[usize::MAX, 0]).is_err());
        assert_eq!(numel("f", &[isize::MAX as usize, 0]), Ok(0));
        assert_eq!(numel("f", &[2, 3]), Ok(6));
        assert_eq!(numel("f", &[usize::MAX, 2]), Err(Error::Overflow { func: "f", shape: vec![usize::MAX, 2] }));
    }

    #[test]
    fn axes_normalise() {
        assert_eq!(normalize_axis("f", -1, 3), Ok(2));
        assert_eq!(normalize_axis("f", -3, 3), Ok(0));
        assert_eq!(normalize_axis("f", 3, 3), Err(Error::AxisOutOfRange { func: "f", axis: 3, ndim: 3 }));
        assert_eq!(normalize_axis("f", -4, 3), Err(Error::AxisOutOfRange { func: "f", axis: -4, ndim: 3 }));
        assert_eq!(normalize_axis("f", 0, 0), Err(Error::AxisOutOfRange { func: "f", axis: 0, ndim: 0 }));
        assert_eq!(Axes::Many(vec![-1, 0]).normalize("f", 3), Ok(vec![0, 2]));
        assert_eq!(Axes::All.normalize("f", 2), Ok(vec![0, 1]));
        assert_eq!(Axes::from(Some(-1)), Axes::One(-1));
        assert_eq!(Axes::from(None), Axes::All);
        assert_eq!(
            Axes::Many(vec![1, -2]).normalize("f", 3),
            Err(Error::DuplicateAxis { func: "f", axis: 1, axes: vec![1, -2] })
        );
    }

    #[test]
    fn reshape_resolves_one_unknown() {
        assert_eq!(resolve_reshape("f", &[2, 3, 4], &[-1, 4]), Ok(vec![6, 4]));
        assert_eq!(resolve_reshape("f", &[0, 3], &[3, -1]), Ok(vec![3, 0]));
        assert_eq!(resolve_reshape("f", &[], &[1, 1]), Ok(vec![1, 1]));
        assert!(matches!(resolve_reshape("f", &[6], &[4, -1]), Err(Error::ShapeMismatch { .. })));
        assert!(matches!(resolve_reshape("f", &[6], &[-1, -1]), Err(Error::InvalidArgument { .. })));
        assert!(matches!(resolve_reshape("f", &[6], &[-3, -2]), Err(Error::InvalidArgument { .. })));
        assert!(matches!(resolve_reshape("f", &[6], &[isize::MAX, 4]), Err(Error::Overflow { .. })));
    }
}
