//! The default implementations of the manipulation functions (the rows of [`crate::api::manipulation`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::reshape`].
pub fn reshape<A: ArrayApi>(x: &A, shape: &[isize]) -> Result<A> {
    let shape = resolve_reshape("reshape", x.shape(), shape)?;
    x.reshape_exact(&shape)
}

/// The default [`ArrayApi::matrix_transpose`].
pub fn matrix_transpose<A: ArrayApi>(x: &A) -> Result<A> {
    named("matrix_transpose", || {
        let n = x.ndim();
        if n < 2 {
            return Err(Error::shape(
                "matrix_transpose",
                format!("needs at least 2 dimensions, got shape {:?}", x.shape()),
            ));
        }
        let mut axes: Vec<usize> = (0..n).collect();
        axes.swap(n - 2, n - 1);
        x.permute_dims(&axes)
    })
}

/// The default [`ArrayApi::expand_dims`].
pub fn expand_dims<A: ArrayApi>(x: &A, axis: isize) -> Result<A> {
    named("expand_dims", || {
        let axis = normalize_axis("expand_dims", axis, x.ndim() + 1)?;
        let mut shape = x.shape().to_vec();
        shape.insert(axis, 1);
        x.reshape_exact(&shape)
    })
}

/// The default [`ArrayApi::squeeze`].
pub fn squeeze<A: ArrayApi>(x: &A, axes: impl Into<Axes>) -> Result<A> {
    named("squeeze", || {
        const F: &str = "squeeze";
        let axes = match axes.into() {
            Axes::All => (0..x.ndim()).filter(|&a| x.shape()[a] == 1).collect(),
            axes => axes.normalize(F, x.ndim())?,
        };
        if let Some(&a) = axes.iter().find(|&&a| x.shape()[a] != 1) {
            return Err(Error::shape(
                F,
                format!("cannot squeeze axis {a} of length {} in shape {:?}", x.shape()[a], x.shape()),
            ));
        }
        let shape = check::reduced_shape(x.shape(), &axes, false);
        x.reshape_exact(&shape)
    })
}

/// The default [`ArrayApi::broadcast_arrays`].
pub fn broadcast_arrays<A: ArrayApi>(arrays: &[A]) -> Result<Vec<A>> {
    named("broadcast_arrays", || {
        let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
        let shape = crate::shape::broadcast_shapes("broadcast_arrays", &shapes)?;
        arrays
            .iter()
            .map(|a| if a.shape() == shape.as_slice() { Ok(a.clone()) } else { a.broadcast_to(&shape) })
            .collect()
    })
}

/// The default [`ArrayApi::concat`].
pub fn concat<A: ArrayApi>(arrays: &[A], axis: Option<isize>) -> Result<A> {
    named("concat", || {
        const F: &str = "concat";
        let first = arrays.first().ok_or_else(|| Error::invalid(F, "at least one array is required"))?;
        match axis {
            Some(a) => {
                if first.ndim() == 0 {
                    return Err(Error::shape(F, "zero-dimensional arrays cannot be concatenated"));
                }
                A::concat_axis(arrays, normalize_axis(F, a, first.ndim())?)
            }
            None => {
                let flat = arrays.iter().map(|a| a.reshape_exact(&[a.size()])).collect::<Result<Vec<_>>>()?;
                A::concat_axis(&flat, 0)
            }
        }
    })
}

/// The default [`ArrayApi::stack`].
pub fn stack<A: ArrayApi>(arrays: &[A], axis: isize) -> Result<A> {
    named("stack", || {
        const F: &str = "stack";
        let first = arrays.first().ok_or_else(|| Error::invalid(F, "at least one array is required"))?;
        if let Some(other) = arrays.iter().find(|a| a.shape() != first.shape()) {
            return Err(Error::shape(
                F,
                format!("all arrays must have one shape, got {:?} and {:?}", first.shape(), other.shape()),
            ));
        }
        let axis = normalize_axis(F, axis, first.ndim() + 1)?;
        let mut shape = first.shape().to_vec();
        shape.insert(axis, 1);
        let expanded = arrays.iter().map(|a| a.reshape_exact(&shape)).collect::<Result<Vec<_>>>()?;
        A::concat_axis(&expanded, axis)
    })
}

/// The default [`ArrayApi::flip`].
pub fn flip<A: ArrayApi>(x: &A, axes: impl Into<Axes>) -> Result<A> {
    named("flip", || {
        const F: &str = "flip";
        let axes = axes.into().normalize(F, x.ndim())?;
        if x.size() == 0 {
            // Nothing moves (and a zero-element array's axis may be huge).
            return Ok(x.clone());
        }
        let ns = x.namespace();
        let mut out = x.clone();
        for a in axes {
            let n = x.shape()[a];
            let idx = host_indices(F, n, |i| (n - 1 - i) as i64)?;
            out = out.take_axis(&A::asarray(&ns, &idx, &[n])?, a)?;
        }
        Ok(out)
    })
}

/// The default [`ArrayApi::moveaxis`].
pub fn moveaxis<A: ArrayApi>(x: &A, source: &[isize], destination: &[isize]) -> Result<A> {
    named("moveaxis", || {
        const F: &str = "moveaxis";
        let n = x.ndim();
        if source.len() != destination.len() {
            return Err(Error::invalid(
                F,
                format!("{} source axes but {} destinations", source.len(), destination.len()),
            ));
        }
        // Range and repeats, in both lists.
        Axes::Many(source.to_vec()).normalize(F, n)?;
        Axes::Many(destination.to_vec()).normalize(F, n)?;
        let src_in_order: Vec<usize> = source.iter().map(|&a| normalize_axis(F, a, n)).collect::<Result<_>>()?;
        let dst_in_order: Vec<usize> = destination.iter().map(|&a| normalize_axis(F, a, n)).collect::<Result<_>>()?;
        let mut order: Vec<usize> = (0..n).filter(|a| !src_in_order.contains(a)).collect();
        let mut pairs: Vec<(usize, usize)> = dst_in_order.into_iter().zip(src_in_order).collect();
        pairs.sort_unstable();
        for (d, s) in pairs {
            order.insert(d, s);
        }
        x.permute_dims(&order)
    })
}

/// The default [`ArrayApi::roll`].
pub fn roll<A: ArrayApi>(x: &A, shift: isize, axis: Option<isize>) -> Result<A> {
    named("roll", || {
        const F: &str = "roll";
        let Some(axis) = axis else {
            return x.reshape_exact(&[x.size()])?.roll(shift, Some(0))?.reshape_exact(x.shape());
        };
        let axis = normalize_axis(F, axis, x.ndim())?;
        let n = x.shape()[axis];
        if x.size() == 0 {
            // Nothing moves (and a zero-element array's axis may be huge).
            return Ok(x.clone());
        }
        // A non-empty array's axis is at most its element count, which fits in isize.
        let s = shift.rem_euclid(n as isize) as usize;
        let idx = host_indices(F, n, |i| if i >= s { i - s } else { i + (n - s) } as i64)?;
        x.take_axis(&A::asarray(&x.namespace(), &idx, &[n])?, axis)
    })
}

/// The default [`ArrayApi::repeat`].
pub fn repeat<A: ArrayApi>(x: &A, repeats: usize, axis: Option<isize>) -> Result<A> {
    named("repeat", || {
        const F: &str = "repeat";
        let (x, axis) = match axis {
            Some(a) => (x.clone(), normalize_axis(F, a, x.ndim())?),
            None => (x.reshape_exact(&[x.size()])?, 0),
        };
        let n = x.shape()[axis];
        let total = n.checked_mul(repeats).ok_or_else(|| Error::Overflow { func: F, shape: vec![n, repeats] })?;
        let idx = host_indices(F, total, |i| (i / repeats.max(1)) as i64)?;
        x.take_axis(&A::asarray(&x.namespace(), &idx, &[total])?, axis)
    })
}

/// The default [`ArrayApi::tile`].
pub fn tile<A: ArrayApi>(x: &A, reps: &[usize]) -> Result<A> {
    named("tile", || {
        const F: &str = "tile";
        let d = x.ndim().max(reps.len());
        let shape: Vec<usize> = std::iter::repeat_n(1, d - x.ndim()).chain(x.shape().iter().copied()).collect();
        let reps: Vec<usize> = std::iter::repeat_n(1, d - reps.len()).chain(reps.iter().copied()).collect();
        // [1, s0, 1, s1, ...] broadcast to [r0, s0, r1, s1, ...], then merged pairwise.
        let spread: Vec<usize> = shape.iter().flat_map(|&s| [1, s]).collect();
        let wide: Vec<usize> = reps.iter().zip(&shape).flat_map(|(&r, &s)| [r, s]).collect();
        let out: Vec<usize> = reps
            .iter()
            .zip(&shape)
            .map(|(&r, &s)| r.checked_mul(s))
            .collect::<Option<_>>()
            .ok_or_else(|| Error::Overflow { func: F, shape: wide.clone() })?;
        check::output(F, &out, x.dtype())?;
        x.reshape_exact(&spread)?.broadcast_to(&wide)?.reshape_exact(&out)
    })
}

/// The default [`ArrayApi::unstack`].
pub fn unstack<A: ArrayApi>(x: &A, axis: isize) -> Result<Vec<A>> {
    named("unstack", || {
        const F: &str = "unstack";
        let axis = normalize_axis(F, axis, x.ndim())?;
        let ns = x.namespace();
        let n = x.shape()[axis];
        // `n` arrays, each with a handle and its metadata (say 256 bytes): refused like
        // an allocation of that size rather than looping over a huge, zero-element axis.
        check::allocations(F, &[(&[n, 256], DType::UInt8)])?;
        (0..n)
            .map(|i| {
                let one = x.take_axis(&A::asarray(&ns, &[i as i64], &[1])?, axis)?;
                let shape = check::reduced_shape(one.shape(), &[axis], false);
                one.reshape_exact(&shape)
            })
            .collect()
    })
}
