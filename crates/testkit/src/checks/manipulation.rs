//! Manipulation: `reshape`, `permute_dims`, `matrix_transpose`, `expand_dims`, `squeeze`, broadcasting, `concat`, `stack`, `flip`, `take`.

use arrayapi_core::{ArrayApi, Axes, DType, Error, Result};

use crate::support::*;

fn seq<A: ArrayApi>(ns: &A::Namespace, shape: &[usize]) -> A {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n).map(|i| i as f64).collect();
    f64s::<A>(ns, &v, shape)
}

/// Conformance check `reshape`: reshape.
pub fn reshape<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3, 4]);
    let all: Vec<f64> = (0..24).map(f64::from).collect();
    check(&x.reshape(&[4, -1])?, &[4, 6], DType::Float64, &all, 0.0);
    check(&x.reshape(&[24])?, &[24], DType::Float64, &all, 0.0);
    check(&x.reshape(&[-1])?.reshape(&[1, 2, 1, 12])?, &[1, 2, 1, 12], DType::Float64, &all, 0.0);
    // Reshaping a transposed (non-contiguous) array reads it in logical row-major order.
    let t = seq::<A>(ns, &[2, 3]).matrix_transpose()?;
    check(&t.reshape(&[6])?, &[6], DType::Float64, &[0.0, 3.0, 1.0, 4.0, 2.0, 5.0], 0.0);
    let e = A::zeros(ns, &[0, 3], DType::Int16)?;
    check(&e.reshape(&[3, 0])?, &[3, 0], DType::Int16, &[], 0.0);
    assert!(matches!(err(e.reshape(&[-1, 0])), Error::ShapeMismatch { func: "reshape", .. }));
    assert!(matches!(err(x.reshape(&[5, -1])), Error::ShapeMismatch { func: "reshape", .. }));
    assert!(matches!(err(x.reshape(&[-1, -1])), Error::InvalidArgument { func: "reshape", .. }));
    assert!(matches!(err(x.reshape(&[-2, 12])), Error::InvalidArgument { func: "reshape", .. }));
    assert!(matches!(err(x.reshape_exact(&[5, 5])), Error::ShapeMismatch { func: "reshape", .. }));
    Ok(())
}

/// Conformance check `permute_and_transpose`: permute and transpose.
pub fn permute_and_transpose<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3, 4]);
    let p = x.permute_dims(&[2, 0, 1])?;
    let want: Vec<f64> = (0..24)
        .map(|i| {
            let idx = unravel(i, &[4, 2, 3]);
            (idx[1] * 12 + idx[2] * 4 + idx[0]) as f64
        })
        .collect();
    check_as("permute_dims", &p, &[4, 2, 3], DType::Float64, &want, 0.0);
    let m = seq::<A>(ns, &[2, 3]);
    check(&m.matrix_transpose()?, &[3, 2], DType::Float64, &[0.0, 3.0, 1.0, 4.0, 2.0, 5.0], 0.0);
    check(
        &arrayapi_core::functions::matrix_transpose(&m)?.matrix_transpose()?,
        &[2, 3],
        DType::Float64,
        &vals(&m),
        0.0,
    );
    assert!(matches!(err(x.permute_dims(&[0, 1])), Error::ShapeMismatch { func: "permute_dims", .. }));
    assert!(matches!(err(x.permute_dims(&[0, 1, 1])), Error::DuplicateAxis { func: "permute_dims", .. }));
    assert!(matches!(err(x.permute_dims(&[0, 1, 3])), Error::AxisOutOfRange { func: "permute_dims", .. }));
    assert!(matches!(
        err(seq::<A>(ns, &[3]).matrix_transpose()),
        Error::ShapeMismatch { func: "matrix_transpose", .. }
    ));
    Ok(())
}

/// Conformance check `expand_squeeze`: expand squeeze.
pub fn expand_squeeze<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3]);
    assert_eq!(x.expand_dims(0)?.shape(), &[1, 2, 3]);
    assert_eq!(x.expand_dims(-1)?.shape(), &[2, 3, 1]);
    assert_eq!(x.expand_dims(2)?.shape(), &[2, 3, 1]);
    assert_eq!(x.expand_dims(-3)?.shape(), &[1, 2, 3]);
    assert!(matches!(err(x.expand_dims(3)), Error::AxisOutOfRange { func: "expand_dims", .. }));
    let y = seq::<A>(ns, &[1, 2, 1, 3]);
    check(&y.squeeze([0, 2])?, &[2, 3], DType::Float64, &vals(&x), 0.0);
    check(&y.squeeze(-2)?, &[1, 2, 3], DType::Float64, &vals(&x), 0.0);
    check(&y.squeeze(Axes::Many(vec![]))?, &[1, 2, 1, 3], DType::Float64, &vals(&x), 0.0);
    assert!(matches!(err(y.squeeze(1)), Error::ShapeMismatch { func: "squeeze", .. }));
    check(&y.squeeze(Axes::All)?, &[2, 3], DType::Float64, &vals(&x), 0.0);
    Ok(())
}

/// Conformance check `broadcasting`: broadcasting.
pub fn broadcasting<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[3, 1]);
    check(
        &x.broadcast_to(&[2, 3, 2])?,
        &[2, 3, 2],
        DType::Float64,
        &[0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0],
        0.0,
    );
    assert_eq!(
        err(x.broadcast_to(&[3, 2, 2])),
        Error::Broadcast { func: "broadcast_to", lhs: vec![3, 1], rhs: vec![3, 2, 2] }
    );
    assert!(matches!(err(x.broadcast_to(&[1])), Error::Broadcast { .. }));
    // Square targets, where repeating along the wrong axis keeps the shape: a column
    // repeats across, a row repeats down.
    check_as(
        "broadcast_to",
        &x.broadcast_to(&[3, 3])?,
        &[3, 3],
        DType::Float64,
        &[0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0],
        0.0,
    );
    let row = seq::<A>(ns, &[3]);
    check_as(
        "broadcast_to",
        &row.broadcast_to(&[3, 3])?,
        &[3, 3],
        DType::Float64,
        &[0.0, 1.0, 2.0, 0.0, 1.0, 2.0, 0.0, 1.0, 2.0],
        0.0,
    );
    let y = seq::<A>(ns, &[4]);
    let both = arrayapi_core::functions::broadcast_arrays(&[x.clone(), y.clone()])?;
    assert_eq!(both[0].shape(), &[3, 4]);
    assert_eq!(both[1].shape(), &[3, 4]);
    check(&both[1], &[3, 4], DType::Float64, &[0.0, 1.0, 2.0, 3.0, 0.0, 1.0, 2.0, 3.0, 0.0, 1.0, 2.0, 3.0], 0.0);
    assert!(matches!(
        err(A::broadcast_arrays(&[seq::<A>(ns, &[2]), y])),
        Error::Broadcast { func: "broadcast_arrays", .. }
    ));
    assert_eq!(arrayapi_core::broadcast_shapes("broadcast_shapes", &[&[8, 1, 6, 1], &[7, 1, 5]])?, vec![8, 7, 6, 5]);
    Ok(())
}

/// Conformance check `concat_stack`: concat stack.
pub fn concat_stack<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let a = seq::<A>(ns, &[2, 2]);
    let b = f64s::<A>(ns, &[9.0, 8.0], &[1, 2]);
    check(&A::concat(&[a.clone(), b.clone()], Some(0))?, &[3, 2], DType::Float64, &[0.0, 1.0, 2.0, 3.0, 9.0, 8.0], 0.0);
    check(
        &A::concat(&[a.clone(), a.clone()], Some(-1))?,
        &[2, 4],
        DType::Float64,
        &[0.0, 1.0, 0.0, 1.0, 2.0, 3.0, 2.0, 3.0],
        0.0,
    );
    check(
        &arrayapi_core::functions::concat(&[a.clone(), b.clone()], None)?,
        &[6],
        DType::Float64,
        &[0.0, 1.0, 2.0, 3.0, 9.0, 8.0],
        0.0,
    );
    let e = A::zeros(ns, &[0, 2], DType::Float64)?;
    check(&A::concat(&[e.clone(), b.clone(), e], Some(0))?, &[1, 2], DType::Float64, &[9.0, 8.0], 0.0);
    // dtypes promote by the lattice.
    let f = f32s::<A>(ns, &[1.0, 2.0], &[1, 2]);
    check(&A::concat(&[b.clone(), f.clone()], Some(0))?, &[2, 2], DType::Float64, &[9.0, 8.0, 1.0, 2.0], 0.0);
    let i = arr::<A, i32>(ns, &[1, 2], &[1, 2]);
    assert!(matches!(err(A::concat(&[b.clone(), i], Some(0))), Error::Promotion { func: "concat", .. }));
    assert!(matches!(err(A::concat(&[a.clone(), b.clone()], Some(1))), Error::ShapeMismatch { func: "concat", .. }));
    assert!(matches!(err(A::concat(&[], Some(0))), Error::InvalidArgument { func: "concat", .. }));
    assert!(matches!(
        err(A::concat(&[f64s::<A>(ns, &[1.0], &[])], Some(0))),
        Error::ShapeMismatch { func: "concat", .. }
    ));
    assert!(matches!(err(A::concat(std::slice::from_ref(&a), Some(2))), Error::AxisOutOfRange { func: "concat", .. }));

    check(
        &A::stack(&[b.clone(), f.astype(DType::Float64)?], 0)?,
        &[2, 1, 2],
        DType::Float64,
        &[9.0, 8.0, 1.0, 2.0],
        0.0,
    );
    check(
        &arrayapi_core::functions::stack(&[b.clone(), b.clone()], -1)?,
        &[1, 2, 2],
        DType::Float64,
        &[9.0, 9.0, 8.0, 8.0],
        0.0,
    );
    assert!(matches!(err(A::stack(&[a, b], 0)), Error::ShapeMismatch { func: "stack", .. }));
    Ok(())
}

/// Conformance check `flip_take`: flip take.
pub fn flip_take<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3]);
    check(&x.flip(Axes::All)?, &[2, 3], DType::Float64, &[5.0, 4.0, 3.0, 2.0, 1.0, 0.0], 0.0);
    check(&x.flip(1)?, &[2, 3], DType::Float64, &[2.0, 1.0, 0.0, 5.0, 4.0, 3.0], 0.0);
    check(&x.flip(-2)?, &[2, 3], DType::Float64, &[3.0, 4.0, 5.0, 0.0, 1.0, 2.0], 0.0);
    check(&A::zeros(ns, &[0], DType::Int16)?.flip(Axes::All)?, &[0], DType::Int16, &[], 0.0);
    let idx = arr::<A, i64>(ns, &[2, -3, 2], &[3]);
    check(&x.take(&idx, Some(1))?, &[2, 3], DType::Float64, &[2.0, 0.0, 2.0, 5.0, 3.0, 5.0], 0.0);
    let idx8 = arr::<A, u8>(ns, &[1], &[1]);
    check(&x.take(&idx8, Some(0))?, &[1, 3], DType::Float64, &[3.0, 4.0, 5.0], 0.0);
    let v = seq::<A>(ns, &[4]);
    check(
        &arrayapi_core::functions::take(&v, &arr::<A, i32>(ns, &[3, 0], &[2]), None)?,
        &[2],
        DType::Float64,
        &[3.0, 0.0],
        0.0,
    );
    let none = A::zeros(ns, &[0], DType::Int64)?;
    check(&x.take(&none, Some(1))?, &[2, 0], DType::Float64, &[], 0.0);
    assert_eq!(
        err(x.take(&arr::<A, i64>(ns, &[3], &[1]), Some(1))),
        Error::IndexOutOfBounds { func: "take", index: 3, axis: 1, size: 3 }
    );
    assert!(matches!(err(x.take(&arr::<A, i64>(ns, &[-4], &[1]), Some(1))), Error::IndexOutOfBounds { index: -4, .. }));
    assert!(matches!(err(x.take(&f64s::<A>(ns, &[0.0], &[1]), Some(1))), Error::DType { func: "take", .. }));
    assert!(matches!(
        err(x.take(&arr::<A, i64>(ns, &[0, 1], &[1, 2]), Some(1))),
        Error::ShapeMismatch { func: "take", .. }
    ));
    assert!(matches!(err(x.take(&idx, None)), Error::InvalidArgument { func: "take", .. }));
    Ok(())
}

/// Conformance check `moveaxis`: values move with their axis; several axes; errors.
pub fn moveaxis<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = seq::<A>(ns, &[2, 3, 4]);
    let m = x.moveaxis(&[0], &[-1])?;
    assert_eq!(m.shape(), &[3, 4, 2]);
    let v = vals(&m);
    for (i, &got) in v.iter().enumerate() {
        let idx = unravel(i, &[3, 4, 2]);
        assert_eq!(got, (idx[2] * 12 + idx[0] * 4 + idx[1]) as f64);
    }
    assert_eq!(x.moveaxis(&[0, 1], &[-1, -2])?.shape(), &[4, 3, 2]);
    assert!(matches!(err(x.moveaxis(&[0], &[1, 2])), Error::InvalidArgument { func: "moveaxis", .. }));
    assert!(matches!(err(x.moveaxis(&[3], &[0])), Error::AxisOutOfRange { func: "moveaxis", .. }));
    Ok(())
}

/// Conformance check `roll`: flattened and along an axis, negative and long shifts, empty input.
pub fn roll<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let r = seq::<A>(ns, &[5]);
    check(&r.roll(2, None)?, &[5], DType::Float64, &[3.0, 4.0, 0.0, 1.0, 2.0], 0.0);
    check(&r.roll(-1, Some(0))?, &[5], DType::Float64, &[1.0, 2.0, 3.0, 4.0, 0.0], 0.0);
    let g = seq::<A>(ns, &[2, 3]);
    check(&g.roll(1, None)?, &[2, 3], DType::Float64, &[5.0, 0.0, 1.0, 2.0, 3.0, 4.0], 0.0);
    check(&g.roll(4, Some(-1))?, &[2, 3], DType::Float64, &[2.0, 0.0, 1.0, 5.0, 3.0, 4.0], 0.0);
    check(&A::zeros(ns, &[0], DType::Int32)?.roll(3, None)?, &[0], DType::Int32, &[], 0.0);
    Ok(())
}

/// Conformance check `repeat`: flattened, along an axis, zero times.
pub fn repeat<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let p = f64s::<A>(ns, &[1.0, 2.0], &[2]);
    check(&p.repeat(3, None)?, &[6], DType::Float64, &[1.0, 1.0, 1.0, 2.0, 2.0, 2.0], 0.0);
    check(
        &seq::<A>(ns, &[2, 2]).repeat(2, Some(0))?,
        &[4, 2],
        DType::Float64,
        &[0.0, 1.0, 0.0, 1.0, 2.0, 3.0, 2.0, 3.0],
        0.0,
    );
    check(&p.repeat(0, None)?, &[0], DType::Float64, &[], 0.0);
    Ok(())
}

/// Conformance check `tile`: fewer and more repetitions than dimensions; an overflowing count refused.
pub fn tile<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let p = f64s::<A>(ns, &[1.0, 2.0], &[2]);
    check(&p.tile(&[2])?, &[4], DType::Float64, &[1.0, 2.0, 1.0, 2.0], 0.0);
    check(&p.tile(&[2, 1])?, &[2, 2], DType::Float64, &[1.0, 2.0, 1.0, 2.0], 0.0);
    check(
        &seq::<A>(ns, &[2, 2]).tile(&[1, 2])?,
        &[2, 4],
        DType::Float64,
        &[0.0, 1.0, 0.0, 1.0, 2.0, 3.0, 2.0, 3.0],
        0.0,
    );
    assert!(matches!(err(p.tile(&[usize::MAX, 3])), Error::Overflow { func: "tile", .. }));
    Ok(())
}

/// Conformance check `unstack`: one array per index along the axis.
pub fn unstack<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let parts = seq::<A>(ns, &[2, 2]).unstack(-1)?;
    assert_eq!(parts.len(), 2);
    check(&parts[0], &[2], DType::Float64, &[0.0, 2.0], 0.0);
    check(&parts[1], &[2], DType::Float64, &[1.0, 3.0], 0.0);
    Ok(())
}

/// Conformance check `diff`: first and higher differences, more than the length, 2-D, booleans.
pub fn diff<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let d = f64s::<A>(ns, &[1.0, 4.0, 9.0, 16.0], &[4]);
    check(&d.diff(0, 1)?, &[3], DType::Float64, &[3.0, 5.0, 7.0], 0.0);
    check(&d.diff(-1, 2)?, &[2], DType::Float64, &[2.0, 2.0], 0.0);
    check(&d.diff(0, 9)?, &[0], DType::Float64, &[], 0.0);
    check(&seq::<A>(ns, &[3, 2]).diff(0, 1)?, &[2, 2], DType::Float64, &[2.0, 2.0, 2.0, 2.0], 0.0);
    let b = arr::<A, bool>(ns, &[true, true, false], &[3]);
    check(&b.diff(0, 1)?, &[2], DType::Bool, &[0.0, 1.0], 0.0);
    Ok(())
}

/// Conformance check `count_nonzero`: over all axes and one (NaN and -0 counted as they compare).
pub fn count_nonzero<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let c = f64s::<A>(ns, &[0.0, 1.0, 2.0, 0.0, -0.0, f64::NAN], &[2, 3]);
    check(&c.count_nonzero(Axes::All, false)?, &[], DType::Int64, &[3.0], 0.0);
    check(&c.count_nonzero(1, true)?, &[2, 1], DType::Int64, &[2.0, 1.0], 0.0);
    Ok(())
}

/// Conformance check `tril_and_triu`: offsets, batches, and 1-D input refused.
pub fn tril_and_triu<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let p = f64s::<A>(ns, &[1.0, 2.0], &[2]);
    let t = seq::<A>(ns, &[3, 3]);
    check(&t.tril(0)?, &[3, 3], DType::Float64, &[0.0, 0.0, 0.0, 3.0, 4.0, 0.0, 6.0, 7.0, 8.0], 0.0);
    check(&t.triu(1)?, &[3, 3], DType::Float64, &[0.0, 1.0, 2.0, 0.0, 0.0, 5.0, 0.0, 0.0, 0.0], 0.0);
    check(&t.tril(-1)?, &[3, 3], DType::Float64, &[0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 6.0, 7.0, 0.0], 0.0);
    check(
        &seq::<A>(ns, &[2, 2, 2]).triu(0)?,
        &[2, 2, 2],
        DType::Float64,
        &[0.0, 1.0, 0.0, 3.0, 4.0, 5.0, 0.0, 7.0],
        0.0,
    );
    assert!(matches!(err(p.tril(0)), Error::ShapeMismatch { func: "tril", .. }));
    Ok(())
}

/// Conformance check `meshgrid`: `xy` and `ij` indexing, and non-1-D input refused.
pub fn meshgrid<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let t = seq::<A>(ns, &[3, 3]);
    let (gx, gy) = (f64s::<A>(ns, &[1.0, 2.0, 3.0], &[3]), f64s::<A>(ns, &[4.0, 5.0], &[2]));
    let xy = A::meshgrid(&[gx.clone(), gy.clone()], false)?;
    check(&xy[0], &[2, 3], DType::Float64, &[1.0, 2.0, 3.0, 1.0, 2.0, 3.0], 0.0);
    check(&xy[1], &[2, 3], DType::Float64, &[4.0, 4.0, 4.0, 5.0, 5.0, 5.0], 0.0);
    let ij = A::meshgrid(&[gx, gy], true)?;
    check(&ij[0], &[3, 2], DType::Float64, &[1.0, 1.0, 2.0, 2.0, 3.0, 3.0], 0.0);
    assert!(matches!(err(A::meshgrid(&[t], true)), Error::ShapeMismatch { func: "meshgrid", .. }));
    Ok(())
}
