//! Basic indexing as views, and `x[index] = values` in place.
//!
//! A slice of an `ArcArray` is the same array with another offset, shape and strides (no
//! copy, negative steps included); the in-place update writes through a mutable view,
//! which copies the data first only when another array shares it (copy-on-write).

use arrayapi_core::values::index::{new_axes, removed_axes};
use arrayapi_core::{Error, Pick, Result};
use ndarray::{ArrayBase, Axis, IxDyn, RawData, Slice};

use crate::storage::{with_any, Data};

/// `a` indexed by resolved `picks`, as a view of the same data.
fn view<S: RawData>(mut a: ArrayBase<S, IxDyn>, picks: &[Pick]) -> ArrayBase<S, IxDyn> {
    for pick in picks {
        if let Pick::Range { axis, start, step, len } = *pick {
            if pick.is_whole(a.shape()[axis]) {
                continue;
            }
            // ndarray's negative step walks its range from the end: the range here runs
            // from the lowest position picked to one past the first.
            let slice = match (len, step > 0) {
                (0, _) => Slice::new(0, Some(0), 1),
                (_, true) => Slice::new(start as isize, Some(start as isize + step * (len as isize - 1) + 1), step),
                (_, false) => Slice::new(start as isize + step * (len as isize - 1), Some(start as isize + 1), step),
            };
            a.slice_axis_inplace(Axis(axis), slice);
        }
    }
    for (axis, index) in removed_axes(picks) {
        a.index_axis_inplace(Axis(axis), index);
    }
    for axis in new_axes(picks) {
        a.insert_axis_inplace(Axis(axis));
    }
    a
}

/// `x[picks]`: a view sharing `x`'s memory.
pub(crate) fn slice(data: &Data, picks: &[Pick]) -> Data {
    with_any!(data, a => crate::elem::Elem::wrap(view(a.clone(), picks)))
}

/// `x[picks] = values` in place; `values` already has `x`'s dtype.
pub(crate) fn assign(data: &mut Data, picks: &[Pick], values: &Data) -> Result<()> {
    const F: &str = "slice_assign";
    macro_rules! arms {
        ($($v:ident),*) => {
            match (data, values) {
                $((Data::$v(a), Data::$v(v)) => {
                    let mut target = view(a.view_mut(), picks);
                    let source = v.broadcast(target.raw_dim()).ok_or_else(|| Error::Broadcast {
                        func: F,
                        lhs: v.shape().to_vec(),
                        rhs: target.shape().to_vec(),
                    })?;
                    target.assign(&source);
                    Ok(())
                })*
                _ => Err(crate::storage::internal("slice_assign values were not converted to the array's dtype")),
            }
        };
    }
    arms!(Bool, I8, I16, I32, I64, U8, U16, U32, U64, F32, F64)
}
