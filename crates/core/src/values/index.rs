//! Basic indexing (the standard's multi-axis indexing): integers, slices with any step,
//! `...` and new axes, written with [`s!`](crate::s), and their resolution against a
//! shape into one [`Pick`] per output step.
//!
//! The rules are Python's and the standard's, not `ndarray`'s:
//!
//! - `a..b;step` is `a:b:step`; with a negative step it runs *from* `a` down to (not
//!   including) `b`, as in NumPy (`s![..;-1]` reverses, `s![5..1;-1]` is `5, 4, 3, 2`);
//! - slice bounds past the ends are clamped (an empty slice is not an error); a step of
//!   zero is an error;
//! - an integer index removes its axis and must lie in `[-n, n)`: outside is
//!   [`Error::IndexOutOfBounds`] naming the axis;
//! - `..` is one whole axis (NumPy's `:`), `...` is NumPy's ellipsis (as many whole axes
//!   as needed; at most one), [`NewAxis`] inserts a length-1 axis; axes not indexed at the
//!   end are taken whole.

use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

use crate::error::{Error, Result};

/// One entry of a basic index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SliceItem {
    /// One position (negative counts from the end); removes the axis.
    Index(isize),
    /// `start:stop:step` (Python's slice; `None` is the end the step runs from or to).
    Slice {
        /// First position (inclusive); `None`: the start for the step's direction.
        start: Option<isize>,
        /// Last position (exclusive); `None`: past the end for the step's direction.
        stop: Option<isize>,
        /// Non-zero step.
        step: isize,
    },
    /// `...`: as many whole axes as the other entries leave.
    Ellipsis,
    /// A new axis of length 1 (`None` / `newaxis`).
    NewAxis,
}

/// A new length-1 axis in an index (`s![.., NewAxis]`, NumPy's `x[:, None]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NewAxis;

/// The ellipsis in an index, for code that builds one without [`s!`](crate::s)
/// (which spells it `...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ellipsis;

impl From<NewAxis> for SliceItem {
    fn from(_: NewAxis) -> Self {
        SliceItem::NewAxis
    }
}

impl From<Ellipsis> for SliceItem {
    fn from(_: Ellipsis) -> Self {
        SliceItem::Ellipsis
    }
}

/// A range that can become a slice with a step (what `a..b;step` in [`s!`](crate::s)
/// accepts).
pub trait IntoSlice {
    /// The slice `self` with `step`.
    fn into_slice(self, step: isize) -> SliceItem;
}

/// `r` with `step` (what [`s!`](crate::s) expands `r;step` to).
pub fn stepped<R: IntoSlice>(r: R, step: isize) -> SliceItem {
    r.into_slice(step)
}

fn slice(start: Option<isize>, stop: Option<isize>, step: isize) -> SliceItem {
    SliceItem::Slice { start, stop, step }
}

/// The exclusive stop of an inclusive end `b` for `step`'s direction (`None` where the
/// end is the array's last or first element, which `b + 1` / `b - 1` cannot name).
fn inclusive_stop(b: isize, step: isize) -> Option<isize> {
    if step > 0 {
        (b != -1).then_some(b.saturating_add(1))
    } else {
        (b != 0).then_some(b.saturating_sub(1))
    }
}

impl IntoSlice for RangeFull {
    fn into_slice(self, step: isize) -> SliceItem {
        slice(None, None, step)
    }
}

impl From<RangeFull> for SliceItem {
    fn from(r: RangeFull) -> Self {
        r.into_slice(1)
    }
}

macro_rules! index_types {
    ($($t:ty),*) => {$(
        impl From<$t> for SliceItem {
            fn from(i: $t) -> Self {
                SliceItem::Index(clamp(i))
            }
        }
        impl IntoSlice for Range<$t> {
            fn into_slice(self, step: isize) -> SliceItem {
                slice(Some(clamp(self.start)), Some(clamp(self.end)), step)
            }
        }
        impl IntoSlice for RangeFrom<$t> {
            fn into_slice(self, step: isize) -> SliceItem {
                slice(Some(clamp(self.start)), None, step)
            }
        }
        impl IntoSlice for RangeTo<$t> {
            fn into_slice(self, step: isize) -> SliceItem {
                slice(None, Some(clamp(self.end)), step)
            }
        }
        impl IntoSlice for RangeInclusive<$t> {
            fn into_slice(self, step: isize) -> SliceItem {
                slice(Some(clamp(*self.start())), inclusive_stop(clamp(*self.end()), step), step)
            }
        }
        impl IntoSlice for RangeToInclusive<$t> {
            fn into_slice(self, step: isize) -> SliceItem {
                slice(None, inclusive_stop(clamp(self.end), step), step)
            }
        }
        impl From<Range<$t>> for SliceItem {
            fn from(r: Range<$t>) -> Self { r.into_slice(1) }
        }
        impl From<RangeFrom<$t>> for SliceItem {
            fn from(r: RangeFrom<$t>) -> Self { r.into_slice(1) }
        }
        impl From<RangeTo<$t>> for SliceItem {
            fn from(r: RangeTo<$t>) -> Self { r.into_slice(1) }
        }
        impl From<RangeInclusive<$t>> for SliceItem {
            fn from(r: RangeInclusive<$t>) -> Self { r.into_slice(1) }
        }
        impl From<RangeToInclusive<$t>> for SliceItem {
            fn from(r: RangeToInclusive<$t>) -> Self { r.into_slice(1) }
        }
    )*};
}

index_types!(i32, i64, isize, u32, u64, usize);

/// An integer as `isize`, saturating: a position past `isize::MAX` is out of range of
/// any axis anyway, and saturating keeps it out of range (a slice bound clamps).
fn clamp<T: TryInto<isize> + PartialOrd + Default>(i: T) -> isize {
    let negative = i < T::default();
    i.try_into().unwrap_or(if negative { isize::MIN } else { isize::MAX })
}

/// A basic index: the entries of `x[...]`, as [`s!`](crate::s) builds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    items: Vec<SliceItem>,
}

impl Selection {
    /// The selection of `items`.
    pub fn new(items: Vec<SliceItem>) -> Self {
        Selection { items }
    }

    /// The entries as given.
    pub fn items(&self) -> &[SliceItem] {
        &self.items
    }

    /// Resolves the selection against `shape`: one [`Pick`] per axis of the result or
    /// per integer index, in order, with the implicit trailing axes made explicit. Errors
    /// name `func`.
    pub fn resolve(&self, func: &'static str, shape: &[usize]) -> Result<Vec<Pick>> {
        let ellipses = self.items.iter().filter(|i| matches!(i, SliceItem::Ellipsis)).count();
        if ellipses > 1 {
            return Err(Error::invalid(func, "an index can have only one ellipsis (...)"));
        }
        let consuming =
            self.items.iter().filter(|i| matches!(i, SliceItem::Index(_) | SliceItem::Slice { .. })).count();
        if consuming > shape.len() {
            return Err(Error::invalid(
                func,
                format!("too many indices: {consuming} for an array of {} dimensions", shape.len()),
            ));
        }
        let mut picks = Vec::with_capacity(shape.len() + self.items.len());
        let mut axis = 0;
        let whole = |axis: usize| Pick::Range { axis, start: 0, step: 1, len: shape[axis] };
        for item in &self.items {
            match *item {
                SliceItem::Index(i) => {
                    picks.push(Pick::Index { axis, index: crate::check::index(func, i as i64, axis, shape[axis])? });
                    axis += 1;
                }
                SliceItem::Slice { start, stop, step } => {
                    picks.push(resolve_slice(func, start, stop, step, axis, shape[axis])?);
                    axis += 1;
                }
                SliceItem::NewAxis => picks.push(Pick::NewAxis),
                SliceItem::Ellipsis => {
                    let fill = shape.len() - consuming;
                    for _ in 0..fill {
                        picks.push(whole(axis));
                        axis += 1;
                    }
                }
            }
        }
        while axis < shape.len() {
            picks.push(whole(axis));
            axis += 1;
        }
        Ok(picks)
    }
}

impl From<Vec<SliceItem>> for Selection {
    fn from(items: Vec<SliceItem>) -> Self {
        Selection::new(items)
    }
}

impl<const N: usize> From<[SliceItem; N]> for Selection {
    fn from(items: [SliceItem; N]) -> Self {
        Selection::new(items.to_vec())
    }
}

impl From<&Selection> for Selection {
    fn from(s: &Selection) -> Self {
        s.clone()
    }
}

/// One step of a resolved basic index, in output order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pick {
    /// Input `axis` at position `index` (in range); the axis is removed.
    Index {
        /// The input axis.
        axis: usize,
        /// The position, in `[0, n)`.
        index: usize,
    },
    /// Input `axis` at `start, start + step, ...` (`len` positions, all in range; `start`
    /// is 0 when `len` is 0).
    Range {
        /// The input axis.
        axis: usize,
        /// The first position.
        start: usize,
        /// The non-zero step (negative: backwards).
        step: isize,
        /// The number of positions.
        len: usize,
    },
    /// A new axis of length 1.
    NewAxis,
}

impl Pick {
    /// `true` for a range that takes its whole axis of length `n` in order.
    pub fn is_whole(&self, n: usize) -> bool {
        matches!(*self, Pick::Range { start: 0, step: 1, len, .. } if len == n)
    }

    /// The positions of a range or an index (empty for a new axis).
    pub fn positions(&self) -> impl Iterator<Item = usize> {
        let (start, step, len) = match *self {
            Pick::Index { index, .. } => (index, 1, 1),
            Pick::Range { start, step, len, .. } => (start, step, len),
            Pick::NewAxis => (0, 1, 0),
        };
        (0..len).map(move |k| (start as isize + step * k as isize) as usize)
    }
}

/// The `(axis, index)` of `picks`' integers, last axis first (the order in which
/// removing them keeps the numbers of the axes not yet removed valid).
pub fn removed_axes(picks: &[Pick]) -> impl Iterator<Item = (usize, usize)> + '_ {
    picks.iter().rev().filter_map(|p| match *p {
        Pick::Index { axis, index } => Some((axis, index)),
        _ => None,
    })
}

/// The axes of the result where `picks` insert new axes, first first (insert them in
/// this order, after the integer-indexed axes are removed).
pub fn new_axes(picks: &[Pick]) -> impl Iterator<Item = usize> + '_ {
    picks
        .iter()
        .filter(|p| !matches!(p, Pick::Index { .. }))
        .enumerate()
        .filter_map(|(out, p)| matches!(p, Pick::NewAxis).then_some(out))
}

/// The shape of the result of `picks`.
pub fn picks_shape(picks: &[Pick]) -> Vec<usize> {
    picks
        .iter()
        .filter_map(|p| match *p {
            Pick::Index { .. } => None,
            Pick::Range { len, .. } => Some(len),
            Pick::NewAxis => Some(1),
        })
        .collect()
}

/// Python's `slice.indices(n)` followed by the length of the range.
fn resolve_slice(
    func: &'static str,
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
    axis: usize,
    n: usize,
) -> Result<Pick> {
    if step == 0 {
        return Err(Error::invalid(func, format!("slice step cannot be zero (axis {axis})")));
    }
    let n_i = n as i128;
    let (lo, hi) = if step > 0 { (0, n_i) } else { (-1, n_i - 1) };
    let bound = |b: Option<isize>, default: i128| match b {
        None => default,
        Some(b) => {
            let b = b as i128;
            let b = if b < 0 { b + n_i } else { b };
            b.clamp(lo, hi)
        }
    };
    let step_i = step as i128;
    let (start, stop) =
        if step > 0 { (bound(start, 0), bound(stop, n_i)) } else { (bound(start, n_i - 1), bound(stop, -1)) };
    let len = if step > 0 {
        if stop > start {
            (stop - start + step_i - 1) / step_i
        } else {
            0
        }
    } else if start > stop {
        (start - stop + (-step_i) - 1) / (-step_i)
    } else {
        0
    };
    let start = if len == 0 { 0 } else { start as usize };
    Ok(Pick::Range { axis, start, step, len: len as usize })
}

/// Builds a basic index ([`Selection`]), like NumPy's `x[...]`: `s![1..3, ..;2, NewAxis]`
/// is `x[1:3, ::2, None]`, `s![-1]` is `x[-1]`, `s![..., 0]` is `x[..., 0]`,
/// `s![..;-1]` is `x[::-1]`.
///
/// Each entry is an integer (of any integer type), a range (`a..b`, `a..`, `..b`, `..`,
/// `a..=b`), a range with a step (`range;step`, the step an `isize`), `...` or
/// [`NewAxis`]. See [`crate::values::index`] for the rules.
///
/// ```
/// use arrayapi_core::{s, SliceItem};
/// let sel = s![1..3, ..;2, arrayapi_core::NewAxis, -1];
/// assert_eq!(sel.items()[1], SliceItem::Slice { start: None, stop: None, step: 2 });
/// ```
#[macro_export]
macro_rules! s {
    ($($t:tt)*) => { $crate::__s_items!([] $($t)*) };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __s_items {
    ([$($o:expr,)*]) => { $crate::Selection::new(::std::vec![$($o,)*]) };
    ([$($o:expr,)*] ... $(, $($rest:tt)*)?) => {
        $crate::__s_items!([$($o,)* $crate::SliceItem::Ellipsis,] $($($rest)*)?)
    };
    ([$($o:expr,)*] $e:expr ; $step:expr $(, $($rest:tt)*)?) => {
        $crate::__s_items!([$($o,)* {
            // `5..1;-1` is Python's `5:1:-1`, not an empty Rust range.
            #[allow(clippy::reversed_empty_ranges)]
            let range = $e;
            $crate::values::index::stepped(range, $step)
        },] $($($rest)*)?)
    };
    ([$($o:expr,)*] $e:expr $(, $($rest:tt)*)?) => {
        $crate::__s_items!([$($o,)* $crate::SliceItem::from($e),] $($($rest)*)?)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `range(*slice(start, stop, step).indices(n))`, written out by hand for the
    /// cases below.
    fn positions(sel: Selection, shape: &[usize]) -> Vec<Vec<usize>> {
        sel.resolve("t", shape).unwrap().iter().map(|p| p.positions().collect()).collect()
    }

    #[test]
    fn slices_follow_python() {
        // x = list(range(6))
        assert_eq!(positions(s![1..4], &[6]), vec![vec![1, 2, 3]]); // x[1:4]
        assert_eq!(positions(s![..;2], &[6]), vec![vec![0, 2, 4]]); // x[::2]
        assert_eq!(positions(s![..;-1], &[6]), vec![vec![5, 4, 3, 2, 1, 0]]); // x[::-1]
        assert_eq!(positions(s![5..1;-1], &[6]), vec![vec![5, 4, 3, 2]]); // x[5:1:-1]
        assert_eq!(positions(s![-2..], &[6]), vec![vec![4, 5]]); // x[-2:]
        assert_eq!(positions(s![..-4], &[6]), vec![vec![0, 1]]); // x[:-4]
        assert_eq!(positions(s![-100..100], &[6]), vec![vec![0, 1, 2, 3, 4, 5]]); // clamped
        assert_eq!(positions(s![4..2;1], &[6]), vec![Vec::<usize>::new()]); // empty
        assert_eq!(positions(s![1..;-2], &[6]), vec![vec![1]]); // x[1::-2]
        assert_eq!(positions(s![..1;-2], &[6]), vec![vec![5, 3]]); // x[:1:-2]
        assert_eq!(positions(s![..=-1], &[6]), vec![vec![0, 1, 2, 3, 4, 5]]);
        assert_eq!(positions(s![4..=0;-2], &[6]), vec![vec![4, 2, 0]]);
        assert_eq!(positions(s![10..;-1], &[6]), vec![vec![5, 4, 3, 2, 1, 0]]); // x[10::-1]
        assert_eq!(positions(s![..;3], &[0]), vec![Vec::<usize>::new()]);
    }

    #[test]
    fn ellipsis_new_axes_and_trailing_axes() {
        let picks = s![..., 1].resolve("t", &[2, 3, 4]).unwrap();
        assert_eq!(picks_shape(&picks), vec![2, 3]);
        assert_eq!(picks[2], Pick::Index { axis: 2, index: 1 });
        let picks = s![NewAxis, 1, ..., NewAxis].resolve("t", &[2, 3, 4]).unwrap();
        assert_eq!(picks_shape(&picks), vec![1, 3, 4, 1]);
        let picks = s![0].resolve("t", &[2, 3]).unwrap();
        assert_eq!(picks_shape(&picks), vec![3]);
        assert_eq!(picks_shape(&s![...].resolve("t", &[]).unwrap()), Vec::<usize>::new());
        assert_eq!(picks_shape(&s![NewAxis].resolve("t", &[]).unwrap()), vec![1]);
    }

    #[test]
    fn bad_indices_are_typed_errors() {
        let e = s![.., 3].resolve("slice", &[2, 3]).unwrap_err();
        assert!(matches!(e, Error::IndexOutOfBounds { func: "slice", index: 3, axis: 1, size: 3 }), "{e}");
        let e = s![-3].resolve("slice", &[2, 3]).unwrap_err();
        assert!(matches!(e, Error::IndexOutOfBounds { index: -3, axis: 0, size: 2, .. }), "{e}");
        assert!(s![-2].resolve("slice", &[2]).is_ok());
        assert!(matches!(s![0, 0, 0].resolve("slice", &[2, 3]), Err(Error::InvalidArgument { .. })));
        assert!(matches!(s![..., ...].resolve("slice", &[2]), Err(Error::InvalidArgument { .. })));
        assert!(matches!(s![..;0].resolve("slice", &[2]), Err(Error::InvalidArgument { .. })));
        assert!(matches!(s![usize::MAX].resolve("slice", &[2]), Err(Error::IndexOutOfBounds { .. })));
    }
}
