//! Searching, sets and indexing with data: `nonzero`, `searchsorted`, `unique_*`,
//! `isin`, `take_along_axis`, `cumulative_prod`.

use arrayapi_core::{ArrayApi, DType, ErrorKind, Result, Side};

use crate::support::*;

fn ints<A: ArrayApi>(x: &A) -> Vec<i64> {
    vals(x).iter().map(|&v| v as i64).collect()
}

/// Conformance check `nonzero`: indices per dimension (NaN is non-zero), booleans, none,
/// and 0-d input refused.
pub fn nonzero<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[0.0, 1.5, 0.0, -2.0, f64::NAN, 0.0], &[2, 3]);
    let nz = x.nonzero()?;
    assert_eq!(nz.len(), 2);
    assert_eq!(nz[0].dtype(), DType::Int64);
    assert_eq!(ints(&nz[0]), vec![0, 1, 1], "rows of the non-zeros (NaN is non-zero)");
    assert_eq!(ints(&nz[1]), vec![1, 0, 1]);
    let b = arr::<A, bool>(ns, &[false, true, true], &[3]);
    assert_eq!(ints(&b.nonzero()?[0]), vec![1, 2]);
    let none = f64s::<A>(ns, &[0.0, 0.0], &[2]).nonzero()?;
    assert_eq!(none[0].shape(), &[0]);
    assert_eq!(err(f64s::<A>(ns, &[1.0], &[]).nonzero()).kind(), ErrorKind::Shape);
    Ok(())
}

/// Conformance check `searchsorted`: insertion points on both sides, NaN sorted last,
/// with a sorter, and errors.
pub fn searchsorted<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[0.0, 1.5, 0.0, -2.0, f64::NAN, 0.0], &[2, 3]);

    let sorted = f64s::<A>(ns, &[1.0, 2.0, 2.0, 3.0, f64::NAN], &[5]);
    let v = f64s::<A>(ns, &[0.0, 2.0, 2.5, 4.0, f64::NAN, 2.0], &[2, 3]);
    let left = sorted.searchsorted(&v, Side::Left, None)?;
    assert_eq!(left.shape(), &[2, 3]);
    assert_eq!(left.dtype(), DType::Int64);
    assert_eq!(ints(&left), vec![0, 1, 3, 4, 4, 1]);
    assert_eq!(ints(&sorted.searchsorted(&v, Side::Right, None)?), vec![0, 3, 3, 4, 5, 3]);
    // An unsorted array with the order that sorts it; integers.
    let unsorted = arr::<A, i64>(ns, &[30, 10, 20], &[3]);
    let order = unsorted.argsort(0, false)?;
    let q = arr::<A, i64>(ns, &[5, 10, 25, 35], &[4]);
    assert_eq!(ints(&unsorted.searchsorted(&q, Side::Left, Some(&order))?), vec![0, 0, 2, 3]);
    assert_eq!(err(x.searchsorted(&v, Side::Left, None)).kind(), ErrorKind::Shape, "x1 must be 1-D");
    Ok(())
}

/// Conformance check `unique`: the four `unique_*` functions (sorted, NaNs distinct,
/// `-0 == 0`, inverse in the input's shape, first occurrences).
pub fn unique<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[3.0, 1.0, f64::NAN, 3.0, -0.0, 0.0, f64::NAN, 1.0], &[2, 4]);
    let all = x.unique_all()?;
    // (-0 and 0 are one value; which of the two represents it is unspecified.)
    check_near(&all.values, &[5], DType::Float64, &[0.0, 1.0, 3.0, f64::NAN, f64::NAN], 0.0, 0.0);
    assert_eq!(ints(&all.counts), vec![2, 2, 2, 1, 1]);
    assert_eq!(all.inverse_indices.shape(), &[2, 4]);
    // Every element is its value: values[inverse] reproduces the input.
    let back = all.values.take(&all.inverse_indices.reshape(&[-1])?, Some(0))?;
    check_near(&back, &[8], DType::Float64, &vals(&x), 0.0, 0.0);
    // First occurrences.
    let first = ints(&all.indices);
    assert_eq!(&first[..3], &[4, 1, 0]);
    check_near(&x.unique_values()?, &[5], DType::Float64, &[0.0, 1.0, 3.0, f64::NAN, f64::NAN], 0.0, 0.0);
    let (v, c) = x.unique_counts()?;
    assert_eq!((v.shape(), ints(&c)), (&[5usize][..], vec![2, 2, 2, 1, 1]));
    let (v2, inv) = x.unique_inverse()?;
    assert_eq!(v2.shape(), &[5]);
    assert_eq!(inv.dtype(), DType::Int64);
    // Integers keep their dtype; an empty array has no values.
    let i = arr::<A, i32>(ns, &[5, -1, 5, 5], &[4]);
    check(&i.unique_values()?, &[2], DType::Int32, &[-1.0, 5.0], 0.0);
    assert_eq!(f64s::<A>(ns, &[], &[0]).unique_values()?.shape(), &[0]);
    Ok(())
}

/// Conformance check `isin`: membership, inverted, across integer and float dtypes, NaN
/// in nothing.
pub fn isin<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[3.0, 1.0, f64::NAN, 3.0, -0.0, 0.0, f64::NAN, 1.0], &[2, 4]);

    let test = arr::<A, i64>(ns, &[1, 3], &[2]);
    let hit = x.isin(&test, false)?;
    assert_eq!(hit.dtype(), DType::Bool);
    check(&hit, &[2, 4], DType::Bool, &[1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0], 0.0);
    check(&x.isin(&test, true)?, &[2, 4], DType::Bool, &[0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0], 0.0);
    let nan = f64s::<A>(ns, &[f64::NAN], &[1]);
    assert!(vals(&x.isin(&nan, false)?).iter().all(|&v| v == 0.0), "NaN is in nothing");
    Ok(())
}

/// Conformance check `take_along_axis`: gathering sorted rows, broadcasting an index row,
/// negative indices, and out-of-range ones refused.
pub fn take_along_axis<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[10.0, 30.0, 20.0, 60.0, 40.0, 50.0], &[2, 3]);
    // The argsort of each row gathers the sorted rows.
    let order = x.argsort(1, false)?;
    check(&x.take_along_axis(&order, 1)?, &[2, 3], DType::Float64, &[10.0, 20.0, 30.0, 40.0, 50.0, 60.0], 0.0);
    // Along axis 0, broadcasting an index row over the columns; negative indices count
    // from the end.
    let idx = arr::<A, i64>(ns, &[1, -2, 1], &[1, 3]);
    check(&x.take_along_axis(&idx, 0)?, &[1, 3], DType::Float64, &[60.0, 30.0, 50.0], 0.0);
    let bad = arr::<A, i64>(ns, &[2, 0, 0], &[1, 3]);
    assert_eq!(err(x.take_along_axis(&bad, 0)).kind(), ErrorKind::Shape, "index 2 on an axis of 2");
    assert_eq!(err(x.take_along_axis(&arr::<A, i64>(ns, &[0], &[1]), 0)).kind(), ErrorKind::Shape);
    if stores::<A>(ns, DType::UInt64) {
        // An unsigned index never counts from the end: 2^64 - 2 is out of range, not -2.
        let huge = arr::<A, u64>(ns, &[u64::MAX - 1, 0, 0], &[1, 3]);
        assert_eq!(err(x.take_along_axis(&huge, 0)).kind(), ErrorKind::Shape, "uint64 index 2^64 - 2");
        let fine = arr::<A, u64>(ns, &[1, 0, 1], &[1, 3]);
        check(&x.take_along_axis(&fine, 0)?, &[1, 3], DType::Float64, &[60.0, 30.0, 50.0], 0.0);
    }
    Ok(())
}

/// Conformance check `cumulative_prod`: along either axis, with the initial 1, integers
/// in int64.
pub fn cumulative_prod<A: ArrayApi>(ns: &A::Namespace) -> Result<()> {
    let x = f64s::<A>(ns, &[10.0, 30.0, 20.0, 60.0, 40.0, 50.0], &[2, 3]);

    let c = x.cumulative_prod(Some(1), false)?;
    check(&c, &[2, 3], DType::Float64, &[10.0, 300.0, 6000.0, 60.0, 2400.0, 120000.0], 0.0);
    let c0 = x.cumulative_prod(Some(0), true)?;
    check(&c0, &[3, 3], DType::Float64, &[1.0, 1.0, 1.0, 10.0, 30.0, 20.0, 600.0, 1200.0, 1000.0], 0.0);
    // Integers accumulate in int64 (as prod does).
    let i = arr::<A, i32>(ns, &[2, -3, 4], &[3]);
    check(&i.cumulative_prod(None, false)?, &[3], DType::Int64, &[2.0, -6.0, -24.0], 0.0);
    assert_eq!(err(x.cumulative_prod(None, false)).kind(), ErrorKind::Value);
    assert_eq!(err(x.cumulative_prod(Some(2), false)).kind(), ErrorKind::Shape);
    Ok(())
}
