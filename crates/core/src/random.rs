//! Seeded random arrays on any namespace, in the spirit of NumPy's
//! `np.random.default_rng(seed)`.
//!
//! Values are drawn on the host from one [`rand`] generator (`StdRng`, seeded with
//! `seed_from_u64`) through [`rand_distr`]'s distributions, then copied to the namespace's
//! device: the same seed gives the same values on every backend and device, on every
//! platform (for a given version of `rand`; a new major version of `rand` may change
//! them, as NumPy's streams are versioned too).
//!
//! ```
//! use arrayapi_core::{random, ArrayApi, Array, DType};
//! # fn demo(xp: &arrayapi_core::Namespace) -> arrayapi_core::Result<()> {
//! let mut rng = random::default_rng(42);
//! let w: Array = rng.normal(xp, 0.0, 0.1, &[3, 4], DType::Float32)?;
//! let u: Array = rng.uniform(xp, -1.0, 1.0, &[5], DType::Float64)?;
//! let k: Array = rng.integers(xp, 0, 10, &[2, 2], DType::Int64)?;
//! # let _ = (w, u, k); Ok(()) }
//! ```

use rand::rngs::StdRng;
use rand::SeedableRng;
use rand_distr::{Distribution, Normal, StandardNormal, StandardUniform, Uniform};

use crate::api::ArrayApi;
use crate::check;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::host::HostArray;

/// A seeded source of random arrays (NumPy's `Generator`). Each draw advances it: two
/// generators with the same seed give the same sequence of arrays.
#[derive(Debug)]
pub struct Generator {
    rng: StdRng,
}

/// A generator seeded with `seed` (NumPy's `np.random.default_rng(seed)`).
pub fn default_rng(seed: u64) -> Generator {
    Generator::new(seed)
}

/// `n` draws of `f`, allocated fallibly after the shape's size is checked.
fn draws<T>(func: &'static str, shape: &[usize], dtype: DType, mut f: impl FnMut() -> T) -> Result<Vec<T>> {
    let n = check::output(func, shape, dtype)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| Error::OutOfMemory { func, bytes: n.saturating_mul(8) })?;
    v.extend((0..n).map(|_| f()));
    Ok(v)
}

fn float_only(func: &'static str, dtype: DType) -> Result<()> {
    match dtype {
        DType::Float32 | DType::Float64 => Ok(()),
        _ => Err(Error::DType { func, dtype, expected: "float32 or float64" }),
    }
}

impl Generator {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Generator { rng: StdRng::seed_from_u64(seed) }
    }

    /// Floats uniform on `[0, 1)` (NumPy's `random`).
    pub fn random<A: ArrayApi>(&mut self, ns: &A::Namespace, shape: &[usize], dtype: DType) -> Result<A> {
        const F: &str = "random";
        float_only(F, dtype)?;
        let rng = &mut self.rng;
        let host = match dtype {
            DType::Float32 => {
                HostArray::from_vec(draws::<f32>(F, shape, dtype, || StandardUniform.sample(rng))?, shape)?
            }
            _ => HostArray::from_vec(draws::<f64>(F, shape, dtype, || StandardUniform.sample(rng))?, shape)?,
        };
        A::from_host(ns, host)
    }

    /// Floats uniform on `[low, high)`; `low == high` gives `low` everywhere. `low > high`
    /// or a bound or width that is not finite is [`Error::InvalidArgument`].
    pub fn uniform<A: ArrayApi>(
        &mut self,
        ns: &A::Namespace,
        low: f64,
        high: f64,
        shape: &[usize],
        dtype: DType,
    ) -> Result<A> {
        const F: &str = "uniform";
        float_only(F, dtype)?;
        if low.is_nan() || high.is_nan() || low > high || !(high - low).is_finite() {
            return Err(Error::invalid(F, format!("need finite low <= high, got low={low}, high={high}")));
        }
        let rng = &mut self.rng;
        let bad = |e: rand::distr::uniform::Error| Error::invalid(F, format!("low={low}, high={high}: {e}"));
        let host = match dtype {
            DType::Float32 if low == high => HostArray::from_vec(draws(F, shape, dtype, || low as f32)?, shape)?,
            DType::Float32 => {
                let d = Uniform::new(low as f32, high as f32).map_err(bad)?;
                HostArray::from_vec(draws(F, shape, dtype, || d.sample(rng))?, shape)?
            }
            _ if low == high => HostArray::from_vec(draws(F, shape, dtype, || low)?, shape)?,
            _ => {
                let d = Uniform::new(low, high).map_err(bad)?;
                HostArray::from_vec(draws(F, shape, dtype, || d.sample(rng))?, shape)?
            }
        };
        A::from_host(ns, host)
    }

    /// Floats from the normal distribution of `mean` and standard deviation `std`
    /// (`std >= 0`, both finite; otherwise [`Error::InvalidArgument`]).
    pub fn normal<A: ArrayApi>(
        &mut self,
        ns: &A::Namespace,
        mean: f64,
        std: f64,
        shape: &[usize],
        dtype: DType,
    ) -> Result<A> {
        const F: &str = "normal";
        float_only(F, dtype)?;
        if !mean.is_finite() || !std.is_finite() || std < 0.0 {
            return Err(Error::invalid(
                F,
                format!("need a finite mean and a finite std >= 0, got mean={mean}, std={std}"),
            ));
        }
        let rng = &mut self.rng;
        let bad = |e: rand_distr::NormalError| Error::invalid(F, format!("mean={mean}, std={std}: {e}"));
        let host = match dtype {
            DType::Float32 => {
                let d = Normal::new(mean as f32, std as f32).map_err(bad)?;
                HostArray::from_vec(draws(F, shape, dtype, || d.sample(rng))?, shape)?
            }
            _ => {
                let d = Normal::new(mean, std).map_err(bad)?;
                HostArray::from_vec(draws(F, shape, dtype, || d.sample(rng))?, shape)?
            }
        };
        A::from_host(ns, host)
    }

    /// Floats from the standard normal distribution (NumPy's `standard_normal`).
    pub fn standard_normal<A: ArrayApi>(&mut self, ns: &A::Namespace, shape: &[usize], dtype: DType) -> Result<A> {
        const F: &str = "standard_normal";
        float_only(F, dtype)?;
        let rng = &mut self.rng;
        let host = match dtype {
            DType::Float32 => {
                HostArray::from_vec(draws::<f32>(F, shape, dtype, || StandardNormal.sample(rng))?, shape)?
            }
            _ => HostArray::from_vec(draws::<f64>(F, shape, dtype, || StandardNormal.sample(rng))?, shape)?,
        };
        A::from_host(ns, host)
    }

    /// Integers uniform on `[low, high)` (NumPy's `integers`, `randint`) of an integer
    /// `dtype`; `low < high` and the range must fit the dtype, otherwise
    /// [`Error::InvalidArgument`].
    pub fn integers<A: ArrayApi>(
        &mut self,
        ns: &A::Namespace,
        low: i64,
        high: i64,
        shape: &[usize],
        dtype: DType,
    ) -> Result<A> {
        const F: &str = "integers";
        if !dtype.is_integer() {
            return Err(Error::DType { func: F, dtype, expected: "an integer" });
        }
        let (min, max) = crate::scalar::int_range(dtype);
        if low >= high || (low as i128) < min || (high as i128 - 1) > max {
            return Err(Error::invalid(
                F,
                format!("need low < high within {dtype}'s range, got low={low}, high={high}"),
            ));
        }
        let d = Uniform::new(low, high).map_err(|e| Error::invalid(F, format!("low={low}, high={high}: {e}")))?;
        let v = draws(F, shape, dtype, || d.sample(&mut self.rng))?;
        // Every value lies in [low, high), which fits the dtype (checked above).
        macro_rules! narrow {
            ($($dt:ident => $t:ty),*) => {
                match dtype {
                    $(DType::$dt => HostArray::from_vec(v.iter().map(|&x| x as $t).collect::<Vec<$t>>(), shape)?,)*
                    _ => HostArray::from_vec(v, shape)?,
                }
            };
        }
        let host =
            narrow!(Int8 => i8, Int16 => i16, Int32 => i32, UInt8 => u8, UInt16 => u16, UInt32 => u32, UInt64 => u64);
        A::from_host(ns, host)
    }
}
