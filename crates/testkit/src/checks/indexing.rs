//! Indexing: basic slicing (`slice`), its functional and in-place updates (`slice_set`,
//! `slice_assign`, `at`), boolean masks (`mask`), integer-array indexing
//! (`index_arrays`) and `put`.
//!
//! The arrays are `0, 1, 2, ...` (each element's value is its flat position), so the
//! expected values below are the positions NumPy picks, worked out by hand; the 1-D
//! slices are compared with a transcription of CPython's `slice.indices` and `range`.

use arrayapi_core::{s, ArrayApi, DType, Error, NewAxis, Result, Selection, SliceItem};

use crate::support::*;

fn seq<A: ArrayApi>(ns: &A::Namespace, shape: &[usize]) -> A {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n).map(|i| i as f64).collect();
    f64s::<A>(ns, &v, shape)
}

fn i64s<A: ArrayApi>(ns: &A::Namespace, v: &[i64], shape: &[usize]) -> A {
    arr::<A, i64>(ns, v, shape)
}

fn bools<A: ArrayApi>(ns: &A::Namespace, v: &[bool], shape: &[usize]) -> A {
    arr::<A, bool>(ns, v, shape)
}

/// CPython's `list(range(n))[start:stop:step]`: `slice.indices` (PySlice_AdjustIndices)
/// and then the `range` walked element by element.
fn python_slice(n: i64, start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<f64> {
    let (lower, upper) = if step < 0 { (-1, n - 1) } else { (0, n) };
    let adjust = |v: i64| if v < 0 { (v + n).max(lower) } else { v.min(upper) };
    let start = start.map(adjust).unwrap_or(if step < 0 { upper } else { lower });
    let stop = stop.map(adjust).unwrap_or(if step < 0 { lower } else { upper });
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as f64);
        i += step;
    }
    out
}

/// Conformance check `slices_1d`: every 1-D slice `start:stop:step` of lengths 0 to 5,
/// bounds from -7 to 7 or absent, steps -3 to 3, against CPython's rules.
pub fn slices_1d<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let bounds: Vec<Option<i64>> = std::iter::once(None).chain((-7..=7).map(Some)).collect();
    for n in 0..=5i64 {
        let x = seq::<A>(ns, &[n as usize]);
        for &start in &bounds {
            for &stop in &bounds {
                for step in [-3i64, -2, -1, 1, 2, 3] {
                    let item = SliceItem::Slice {
                        start: start.map(|v| v as isize),
                        stop: stop.map(|v| v as isize),
                        step: step as isize,
                    };
                    let want = python_slice(n, start, stop, step);
                    let what = format!("x[{start:?}:{stop:?}:{step}] of {n}");
                    check_as(&what, &x.slice(Selection::new(vec![item]))?, &[want.len()], DType::Float64, &want, 0.0);
                }
            }
        }
    }
    // The macro's spellings of the same slices.
    let x = seq::<A>(ns, &[6]);
    check_as("slice", &x.slice(s![1..4])?, &[3], DType::Float64, &[1.0, 2.0, 3.0], 0.0);
    check_as("slice", &x.slice(s![..;-1])?, &[6], DType::Float64, &[5.0, 4.0, 3.0, 2.0, 1.0, 0.0], 0.0);
    check_as("slice", &x.slice(s![5..1;-2])?, &[2], DType::Float64, &[5.0, 3.0], 0.0);
    check_as("slice", &x.slice(s![-2..])?, &[2], DType::Float64, &[4.0, 5.0], 0.0);
    check_as("slice", &x.slice(s![..=2])?, &[3], DType::Float64, &[0.0, 1.0, 2.0], 0.0);
    check_as("slice", &x.slice(s![-1])?, &[], DType::Float64, &[5.0], 0.0);
    Ok(())
}

/// Conformance check `slices_multi_axis`: integers, steps, `...` and new axes together;
/// empty results; 0-d arrays; dtypes kept.
pub fn slices_multi_axis<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3, 4]);
    // x[1, ::-1, 1:3]
    check_as(
        "slice",
        &x.slice(s![1, ..;-1, 1..3])?,
        &[3, 2],
        DType::Float64,
        &[21.0, 22.0, 17.0, 18.0, 13.0, 14.0],
        0.0,
    );
    // x[..., -1]
    check_as("slice", &x.slice(s![..., -1])?, &[2, 3], DType::Float64, &[3.0, 7.0, 11.0, 15.0, 19.0, 23.0], 0.0);
    // x[None, 0, :, None, 3]
    check_as("slice", &x.slice(s![NewAxis, 0, .., NewAxis, 3])?, &[1, 3, 1], DType::Float64, &[3.0, 7.0, 11.0], 0.0);
    // x[1, ..., 1:2]: the ellipsis stands for one axis here.
    check_as("slice", &x.slice(s![1, ..., 1..2])?, &[3, 1], DType::Float64, &[13.0, 17.0, 21.0], 0.0);
    // x[-1, -1, -1] is 0-d.
    check_as("slice", &x.slice(s![-1, -1, -1])?, &[], DType::Float64, &[23.0], 0.0);
    // Axes not indexed are taken whole; x[()] is x.
    check_as("slice", &x.slice(s![1])?, &[3, 4], DType::Float64, &(12..24).map(f64::from).collect::<Vec<_>>(), 0.0);
    check_as("slice", &x.slice(s![])?, &[2, 3, 4], DType::Float64, &vals(&x), 0.0);
    // Empty slices keep their axis with length 0.
    check_as("slice", &x.slice(s![0..0])?, &[0, 3, 4], DType::Float64, &[], 0.0);
    check_as("slice", &x.slice(s![.., 3..])?, &[2, 0, 4], DType::Float64, &[], 0.0);
    check_as("slice", &x.slice(s![.., 2..0;2, 1])?, &[2, 0], DType::Float64, &[], 0.0);
    // 0-d arrays: only new axes and the ellipsis apply.
    let z = f64s::<A>(ns, &[7.0], &[]);
    check_as("slice", &z.slice(s![])?, &[], DType::Float64, &[7.0], 0.0);
    check_as("slice", &z.slice(s![...])?, &[], DType::Float64, &[7.0], 0.0);
    check_as("slice", &z.slice(s![NewAxis, ..., NewAxis])?, &[1, 1], DType::Float64, &[7.0], 0.0);
    // The dtype is kept.
    let b = bools::<A>(ns, &[true, false, false, true], &[2, 2]);
    check_as("slice", &b.slice(s![.., ..;-1])?, &[2, 2], DType::Bool, &[0.0, 1.0, 1.0, 0.0], 0.0);
    if stores::<A>(ns, DType::Int32) {
        let i = arr::<A, i32>(ns, &[1, 2, 3], &[3]);
        check_as("slice", &i.slice(s![..;2])?, &[2], DType::Int32, &[1.0, 3.0], 0.0);
    }
    Ok(())
}

/// Conformance check `slices_compute`: strided and reversed slices (views on backends
/// that have them) feed every kind of function correctly.
pub fn slices_compute<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3, 4]);
    // x[:, ::-2, ::-1]
    let y = x.slice(s![.., ..;-2, ..;-1])?;
    let want = [11.0, 10.0, 9.0, 8.0, 3.0, 2.0, 1.0, 0.0, 23.0, 22.0, 21.0, 20.0, 15.0, 14.0, 13.0, 12.0];
    check(&y, &[2, 2, 4], DType::Float64, &want, 0.0);
    check(&y.reshape(&[16])?, &[16], DType::Float64, &want, 0.0);
    let doubled: Vec<f64> = want.iter().map(|v| 2.0 * v).collect();
    check(&y.add(&y)?, &[2, 2, 4], DType::Float64, &doubled, 0.0);
    check(
        &y.add(&x.slice(s![.., 0..2, ..])?)?.subtract(&x.slice(s![.., 0..2, ..])?)?,
        &[2, 2, 4],
        DType::Float64,
        &want,
        0.0,
    );
    check(&y.sum(arrayapi_core::Axes::All, false)?, &[], DType::Float64, &[184.0], 0.0);
    check(&y.max(2, false)?, &[2, 2], DType::Float64, &[11.0, 3.0, 23.0, 15.0], 0.0);
    let r = seq::<A>(ns, &[5]).slice(s![..;-1])?;
    check(&r.cumulative_sum(None, false)?, &[5], DType::Float64, &[4.0, 7.0, 9.0, 10.0, 10.0], 0.0);
    check(&r.sort(-1, false)?, &[5], DType::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0], 0.0);
    check(&r.astype(DType::Float32)?, &[5], DType::Float32, &[4.0, 3.0, 2.0, 1.0, 0.0], 0.0);
    let host = r.to_host()?.into_vec::<f64>()?;
    assert_eq!(host, vec![4.0, 3.0, 2.0, 1.0, 0.0], "to_host of a reversed slice");
    Ok(())
}

/// Conformance check `slices_matmul`: `matmul` of strided and reversed slices.
pub fn slices_matmul<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let y = seq::<A>(ns, &[2, 3, 4]).slice(s![.., ..;-2, ..;-1])?;
    // [[11, 10, 9, 8], [3, 2, 1, 0]] @ [0, 1, 2, 3]^T
    let w = seq::<A>(ns, &[4, 1]);
    check(&y.slice(s![0])?.matmul(&w)?, &[2, 1], DType::Float64, &[52.0, 4.0], 0.0);
    // A reversed right operand: [[3, 2, 1, 0]] @ [3, 2, 1, 0]^T = [[9 + 4 + 1]]
    let m = y.slice(s![0, 1..])?;
    check(&m.matmul(&w.slice(s![..;-1])?)?, &[1, 1], DType::Float64, &[14.0], 0.0);
    // A column-reversed left operand against a transposed slice: x[0, :, ::-1] @ x[1, :, 1:].T
    let x = seq::<A>(ns, &[2, 3, 4]);
    let a = x.slice(s![0, .., ..;-1])?; // [[3, 2, 1, 0], [7, 6, 5, 4], [11, 10, 9, 8]]
    let b = x.slice(s![1, 1.., ..])?.matrix_transpose()?; // [[16, 20], [17, 21], [18, 22], [19, 23]]
    let want: Vec<f64> = [[3.0, 2.0, 1.0, 0.0], [7.0, 6.0, 5.0, 4.0], [11.0, 10.0, 9.0, 8.0]]
        .iter()
        .flat_map(|row| {
            [[16.0, 17.0, 18.0, 19.0], [20.0, 21.0, 22.0, 23.0]]
                .map(|col| row.iter().zip(col).map(|(p, q)| p * q).sum::<f64>())
        })
        .collect();
    check(&a.matmul(&b)?, &[3, 2], DType::Float64, &want, 0.0);
    Ok(())
}

/// Conformance check `slice_errors`: out-of-range integers name the axis; too many
/// indices, two ellipses and a zero step are typed errors.
pub fn slice_errors<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3]);
    let e = err(x.slice(s![2]));
    assert!(matches!(e, Error::IndexOutOfBounds { func: "slice", index: 2, axis: 0, size: 2 }), "{e}");
    let e = err(x.slice(s![.., -4]));
    assert!(matches!(e, Error::IndexOutOfBounds { func: "slice", index: -4, axis: 1, size: 3 }), "{e}");
    let e = err(x.slice(s![0, 0, 0]));
    assert!(matches!(e, Error::InvalidArgument { func: "slice", .. }), "{e}");
    let e = err(x.slice(s![..., 0, ...]));
    assert!(matches!(e, Error::InvalidArgument { func: "slice", .. }), "{e}");
    let e = err(x.slice(s![..;0]));
    assert!(matches!(e, Error::InvalidArgument { func: "slice", .. }), "{e}");
    let e = err(f64s::<A>(ns, &[1.0], &[]).slice(s![0]));
    assert!(matches!(e, Error::InvalidArgument { func: "slice", .. }), "{e}");
    let e = err(x.slice_set(s![.., 3], 1.0));
    assert!(matches!(e, Error::IndexOutOfBounds { func: "slice_set", index: 3, axis: 1, size: 3 }), "{e}");
    Ok(())
}

/// Conformance check `slice_updates`: `slice_set` (a new array; the input unchanged),
/// `slice_assign` (in place; other holders unchanged), values broadcast and converted by
/// the promotion rules only.
pub fn slice_updates<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3]);
    check_as("slice_set", &x.slice_set(s![.., 1], 9.0)?, &[2, 3], DType::Float64, &[0.0, 9.0, 2.0, 3.0, 9.0, 5.0], 0.0);
    check_as("slice_set", &x, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], 0.0);
    // x[::-1, 0] = [7, 8]: row 1 gets 7, row 0 gets 8.
    let v = f64s::<A>(ns, &[7.0, 8.0], &[2]);
    check_as(
        "slice_set",
        &x.slice_set(s![..;-1, 0], &v)?,
        &[2, 3],
        DType::Float64,
        &[8.0, 1.0, 2.0, 7.0, 4.0, 5.0],
        0.0,
    );
    // A row broadcast over the whole array; x[:, ::2] = [[-1], [-2]].
    let row = f64s::<A>(ns, &[10.0, 20.0, 30.0], &[3]);
    check_as(
        "slice_set",
        &x.slice_set(s![..], &row)?,
        &[2, 3],
        DType::Float64,
        &[10.0, 20.0, 30.0, 10.0, 20.0, 30.0],
        0.0,
    );
    let col = f64s::<A>(ns, &[-1.0, -2.0], &[2, 1]);
    check_as(
        "slice_set",
        &x.slice_set(s![.., ..;2], &col)?,
        &[2, 3],
        DType::Float64,
        &[-1.0, 1.0, -1.0, -2.0, 4.0, -2.0],
        0.0,
    );
    // x[1, 1] = -0.0 keeps the sign; an empty slice changes nothing.
    check_bits(&x.slice_set(s![1, 1], -0.0)?, &[0.0, 1.0, 2.0, 3.0, -0.0, 5.0]);
    check_as("slice_set", &x.slice_set(s![0..0], 1.0)?, &[2, 3], DType::Float64, &vals(&x), 0.0);
    // Values that do not broadcast to the slice.
    let e = err(x.slice_set(s![0], &f64s::<A>(ns, &[1.0, 2.0], &[2])));
    assert!(matches!(e, Error::Broadcast { func: "slice_set", .. }), "{e}");
    // Conversions: the promotion rules only, never a silent truncation.
    let e = err(x.slice_set(s![0], &i64s::<A>(ns, &[1, 2, 3], &[3])));
    assert!(matches!(e, Error::InvalidArgument { func: "slice_set", .. }), "{e}");
    if stores::<A>(ns, DType::Int32) {
        let i = arr::<A, i32>(ns, &[1, 2, 3, 4], &[4]);
        let e = err(i.slice_set(s![0], 2.5));
        assert!(matches!(e, Error::ScalarCast { func: "slice_set", .. }), "{e}");
        check_as("slice_set", &i.slice_set(s![1..3], 7)?, &[4], DType::Int32, &[1.0, 7.0, 7.0, 4.0], 0.0);
        if stores::<A>(ns, DType::Int8) {
            let small = arr::<A, i8>(ns, &[-5], &[1]);
            check_as("slice_set", &i.slice_set(s![3..], &small)?, &[4], DType::Int32, &[1.0, 2.0, 3.0, -5.0], 0.0);
        }
    }
    if stores::<A>(ns, DType::Float32) {
        let f = f32s::<A>(ns, &[1.0, 2.0], &[2]);
        let e = err(f.slice_set(s![0], &f64s::<A>(ns, &[0.5], &[])));
        assert!(matches!(e, Error::InvalidArgument { func: "slice_set", .. }), "{e}");
    }
    let b = bools::<A>(ns, &[false, false, false], &[3]);
    check_as("slice_set", &b.slice_set(s![1..], true)?, &[3], DType::Bool, &[0.0, 1.0, 1.0], 0.0);
    // In place: the array changes, a clone taken before does not.
    let mut y = seq::<A>(ns, &[2, 3]);
    let before = y.clone();
    y.slice_assign(s![1, ..;2], 0.0)?;
    check_as("slice_assign", &y, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, 0.0, 4.0, 0.0], 0.0);
    check_as("slice_assign", &before, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], 0.0);
    y.slice_assign(s![.., 1], &f64s::<A>(ns, &[5.0, 6.0], &[2]))?;
    check_as("slice_assign", &y, &[2, 3], DType::Float64, &[0.0, 5.0, 2.0, 0.0, 6.0, 0.0], 0.0);
    // A slice of an array, updated in place, leaves the array it came from alone.
    let mut part = before.slice(s![0])?;
    part.slice_assign(s![..], -1.0)?;
    check_as("slice_assign", &part, &[3], DType::Float64, &[-1.0, -1.0, -1.0], 0.0);
    check_as("slice_assign", &before, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], 0.0);
    let e = err(y.slice_assign(s![2], 1.0));
    assert!(matches!(e, Error::IndexOutOfBounds { axis: 0, size: 2, .. }), "{e}");
    let e = err(y.slice_assign(s![0], &f64s::<A>(ns, &[1.0, 2.0], &[2])));
    assert!(matches!(e, Error::Broadcast { .. }), "{e}");
    check_as("slice_assign", &y, &[2, 3], DType::Float64, &[0.0, 5.0, 2.0, 0.0, 6.0, 0.0], 0.0);
    Ok(())
}

/// Conformance check `masks`: boolean-array indexing by the standard's rules.
pub fn masks<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3]);
    let m = bools::<A>(ns, &[true, false, true, false, true, false], &[2, 3]);
    check_as("mask", &x.mask(&m)?, &[3], DType::Float64, &[0.0, 2.0, 4.0], 0.0);
    // A mask of the leading axes selects sub-arrays.
    check_as("mask", &x.mask(&bools::<A>(ns, &[false, true], &[2]))?, &[1, 3], DType::Float64, &[3.0, 4.0, 5.0], 0.0);
    // A mask from a comparison: x[x > 2.5].
    check_as("mask", &x.mask(&x.greater(2.5)?)?, &[3], DType::Float64, &[3.0, 4.0, 5.0], 0.0);
    // All false; 0-d masks add an axis of length 1 or 0.
    let none = bools::<A>(ns, &[false; 6], &[2, 3]);
    check_as("mask", &x.mask(&none)?, &[0], DType::Float64, &[], 0.0);
    check_as("mask", &x.mask(&bools::<A>(ns, &[true], &[]))?, &[1, 2, 3], DType::Float64, &vals(&x), 0.0);
    check_as("mask", &x.mask(&bools::<A>(ns, &[false], &[]))?, &[0, 2, 3], DType::Float64, &[], 0.0);
    // Wrong shape, wrong dtype.
    let e = err(x.mask(&bools::<A>(ns, &[true, false, true], &[3])));
    assert!(matches!(e, Error::ShapeMismatch { func: "mask", .. }), "{e}");
    let e = err(x.mask(&bools::<A>(ns, &[true; 12], &[2, 3, 2])));
    assert!(matches!(e, Error::ShapeMismatch { func: "mask", .. }), "{e}");
    let e = err(x.mask(&i64s::<A>(ns, &[1, 0], &[2])));
    assert!(matches!(e, Error::DType { func: "mask", .. }), "{e}");
    Ok(())
}

/// Conformance check `integer_array_indexing`: `index_arrays` (broadcast index arrays,
/// 0-d arrays for integers, negative indices, errors naming the axis) and `put`.
pub fn integer_array_indexing<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3]);
    // x[[1, 0, 1]]: rows.
    let rows = i64s::<A>(ns, &[1, 0, 1], &[3]);
    check_as(
        "index_arrays",
        &x.index_arrays(&[&rows])?,
        &[3, 3],
        DType::Float64,
        &[3.0, 4.0, 5.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0],
        0.0,
    );
    // x[[[1], [0]], [0, 2, -1]]: the index arrays broadcast to [2, 3].
    let i = i64s::<A>(ns, &[1, 0], &[2, 1]);
    let j = i64s::<A>(ns, &[0, 2, -1], &[3]);
    check_as(
        "index_arrays",
        &x.index_arrays(&[&i, &j])?,
        &[2, 3],
        DType::Float64,
        &[3.0, 5.0, 5.0, 0.0, 2.0, 2.0],
        0.0,
    );
    // x[[0, 1], [2, 0]]: element by element, not an outer product.
    let i2 = i64s::<A>(ns, &[0, 1], &[2]);
    let j2 = i64s::<A>(ns, &[2, 0], &[2]);
    check_as("index_arrays", &x.index_arrays(&[&i2, &j2])?, &[2], DType::Float64, &[2.0, 3.0], 0.0);
    // x[1, [2, 0]] with the integer as a 0-d array.
    let one = i64s::<A>(ns, &[1], &[]);
    let cols = i64s::<A>(ns, &[2, 0], &[2]);
    check_as("index_arrays", &x.index_arrays(&[&one, &cols])?, &[2], DType::Float64, &[5.0, 3.0], 0.0);
    check_as("index_arrays", &x.index_arrays(&[&one, &one])?, &[], DType::Float64, &[4.0], 0.0);
    if stores::<A>(ns, DType::Int32) {
        let j32 = arr::<A, i32>(ns, &[-3], &[1]);
        check_as("index_arrays", &x.index_arrays(&[&one, &j32])?, &[1], DType::Float64, &[3.0], 0.0);
    }
    // Errors: out of range names its axis; bool arrays; too many; shapes that do not broadcast.
    let e = err(x.index_arrays(&[&one, &i64s::<A>(ns, &[0, 3], &[2])]));
    assert!(matches!(e, Error::IndexOutOfBounds { func: "index_arrays", index: 3, axis: 1, size: 3 }), "{e}");
    let e = err(x.index_arrays(&[&i64s::<A>(ns, &[-3], &[1])]));
    assert!(matches!(e, Error::IndexOutOfBounds { func: "index_arrays", index: -3, axis: 0, size: 2 }), "{e}");
    if stores::<A>(ns, DType::UInt64) {
        let huge = arr::<A, u64>(ns, &[u64::MAX - 1], &[1]);
        let e = err(x.index_arrays(&[&huge]));
        assert!(matches!(e, Error::IndexOutOfBounds { func: "index_arrays", axis: 0, .. }), "{e}");
    }
    let e = err(x.index_arrays(&[&bools::<A>(ns, &[true, false], &[2])]));
    assert!(matches!(e, Error::DType { func: "index_arrays", .. }), "{e}");
    let e = err(x.index_arrays(&[&one, &one, &one]));
    assert!(matches!(e, Error::InvalidArgument { func: "index_arrays", .. }), "{e}");
    let e = err(x.index_arrays(&[&rows, &cols]));
    assert!(matches!(e, Error::Broadcast { func: "index_arrays", .. }), "{e}");
    // put: flat positions, negative from the end, the last value of a repeated position.
    let at = i64s::<A>(ns, &[0, -1, 0], &[3]);
    check_as(
        "put",
        &x.put(&at, &f64s::<A>(ns, &[1.0, 2.0, 3.0], &[3]))?,
        &[2, 3],
        DType::Float64,
        &[3.0, 1.0, 2.0, 3.0, 4.0, 2.0],
        0.0,
    );
    check_as("put", &x.put(&at, 7.0)?, &[2, 3], DType::Float64, &[7.0, 1.0, 2.0, 3.0, 4.0, 7.0], 0.0);
    check_as("put", &x.put(&i64s::<A>(ns, &[], &[0]), 7.0)?, &[2, 3], DType::Float64, &vals(&x), 0.0);
    let e = err(x.put(&i64s::<A>(ns, &[6], &[1]), 1.0));
    assert!(matches!(e, Error::IndexOutOfBounds { func: "put", index: 6, .. }), "{e}");
    Ok(())
}

/// Conformance check `at_updates`: `x.at(index)` reads and updates through slices,
/// masks and integer arrays (NumPy's semantics for repeated positions).
pub fn at_updates<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3]);
    check_as("at", &x.at(s![.., ..;-1]).get()?, &[2, 3], DType::Float64, &[2.0, 1.0, 0.0, 5.0, 4.0, 3.0], 0.0);
    check_as("at", &x.at(s![1]).multiply(2.0)?, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, 6.0, 8.0, 10.0], 0.0);
    check_as("at", &x.at(s![0]).max(1.5)?, &[2, 3], DType::Float64, &[1.5, 1.5, 2.0, 3.0, 4.0, 5.0], 0.0);
    check_as(
        "at",
        &x.at(s![.., 2]).subtract(&f64s::<A>(ns, &[1.0, 2.0], &[2]))?,
        &[2, 3],
        DType::Float64,
        &[0.0, 1.0, 1.0, 3.0, 4.0, 3.0],
        0.0,
    );
    // x[x > 2.5] = 0 and x[m] = values in order.
    check_as("at", &x.at(&x.greater(2.5)?).set(0.0)?, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, 0.0, 0.0, 0.0], 0.0);
    let m = bools::<A>(ns, &[false, true, false, true, false, true], &[2, 3]);
    let v = f64s::<A>(ns, &[10.0, 20.0, 30.0], &[3]);
    check_as("at", &x.at(&m).set(&v)?, &[2, 3], DType::Float64, &[0.0, 10.0, 2.0, 20.0, 4.0, 30.0], 0.0);
    check_as("at", &x.at(&m).get()?, &[3], DType::Float64, &[1.0, 3.0, 5.0], 0.0);
    // x[[0, 0], [1, 1]] += 10 updates x[0, 1] once, as in NumPy.
    let i = i64s::<A>(ns, &[0, 0], &[2]);
    let j = i64s::<A>(ns, &[1, 1], &[2]);
    check_as("at", &x.at([&i, &j]).add(10.0)?, &[2, 3], DType::Float64, &[0.0, 11.0, 2.0, 3.0, 4.0, 5.0], 0.0);
    check_as("at", &x.at([&j]).set(-1.0)?, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, -1.0, -1.0, -1.0], 0.0);
    // The input is unchanged by all of this.
    check_as("at", &x, &[2, 3], DType::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], 0.0);
    // Errors name the function that failed.
    let e = err(x.at(&bools::<A>(ns, &[true], &[1])).set(0.0));
    assert!(matches!(e, Error::ShapeMismatch { func: "mask", .. }), "{e}");
    let e = err(x.at(&m).set(&f64s::<A>(ns, &[1.0, 2.0], &[2])));
    assert!(matches!(e, Error::Broadcast { func: "put", .. }), "{e}");
    Ok(())
}
