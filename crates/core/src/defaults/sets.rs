//! The default implementations of the sets functions (the rows of [`crate::api::sets`]).

#[allow(unused_imports)]
use super::common::*;

/// The default [`ArrayApi::unique_values`].
pub fn unique_values<A: ArrayApi>(x: &A) -> Result<A> {
    named("unique_values", || Ok(set::unique_all(x)?.values))
}

/// The default [`ArrayApi::unique_counts`].
pub fn unique_counts<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    named("unique_counts", || {
        let u = set::unique_all(x)?;
        Ok((u.values, u.counts))
    })
}

/// The default [`ArrayApi::unique_inverse`].
pub fn unique_inverse<A: ArrayApi>(x: &A) -> Result<(A, A)> {
    named("unique_inverse", || {
        let u = set::unique_all(x)?;
        Ok((u.values, u.inverse_indices))
    })
}

/// The default [`ArrayApi::unique_all`].
pub fn unique_all<A: ArrayApi>(x: &A) -> Result<UniqueAll<A>> {
    named("unique_all", || set::unique_all(x))
}

/// The default [`ArrayApi::isin`].
pub fn isin<A: ArrayApi>(x: &A, test_elements: &A, invert: bool) -> Result<A> {
    named("isin", || set::isin(x, test_elements, invert))
}
