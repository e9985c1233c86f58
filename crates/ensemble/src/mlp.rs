//! K multilayer perceptrons stacked on a leading axis: one batched `matmul` per layer
//! runs every member.

use arrayapi_core::{ArrayApi, DType, Error, HostArray, HostData, Result};
use rand::{Rng, RngExt};

use crate::config::Activation;
use crate::shard::members_of;

/// K MLPs of one architecture. Layer `l` has weights `[K, in, out]` and biases
/// `[K, 1, out]`, stored as `params = [W0, b0, W1, b1, ...]`.
#[derive(Clone, Debug)]
pub struct StackedMlp<A: ArrayApi> {
    params: Vec<A>,
    activation: Activation,
}

/// What the backward pass needs from the forward pass: the input of each layer (`x`
/// for the first, then the hidden activations, from which the activations' derivatives
/// are computed).
#[derive(Debug)]
pub struct ForwardCache<A> {
    inputs: Vec<A>,
}

/// Host data of `dtype` from `f64` values, in that dtype: a backend that cannot hold it
/// refuses it (ndarray has no float16), rather than the run silently training in
/// float64. `EnsembleConfig::validate` admits only floating-point dtypes.
pub(crate) fn host(values: Vec<f64>, shape: &[usize], dtype: DType) -> Result<HostArray> {
    use arrayapi_core::half::{bf16, f16};
    let data = match dtype {
        DType::Float32 => HostData::F32(values.into_iter().map(|v| v as f32).collect()),
        DType::Float64 => HostData::F64(values),
        DType::Float16 => HostData::F16(values.into_iter().map(f16::from_f64).collect()),
        DType::BFloat16 => HostData::BF16(values.into_iter().map(bf16::from_f64).collect()),
        other => return Err(Error::DType { func: "asarray", dtype: other, expected: "a floating-point" }),
    };
    HostArray::new(shape, data)
}

impl<A: ArrayApi> StackedMlp<A> {
    /// K members of widths `layers`: weights Xavier-uniform, `U(±sqrt(6 / (in + out)))`,
    /// biases PyTorch's default, `U(±1 / sqrt(in))`, drawn from `rng` layer by layer.
    pub fn init(
        ns: &A::Namespace,
        members: usize,
        layers: &[usize],
        activation: Activation,
        dtype: DType,
        rng: &mut impl Rng,
    ) -> Result<Self> {
        const F: &str = "StackedMlp::init";
        if members == 0 || layers.len() < 2 || layers.contains(&0) {
            return Err(arrayapi_core::Error::invalid(
                F,
                format!("needs at least one member and two positive widths, got {members} members of {layers:?}"),
            ));
        }
        let mut params = Vec::with_capacity(2 * (layers.len() - 1));
        for w in layers.windows(2) {
            let (fan_in, fan_out) = (w[0], w[1]);
            let count = |dims: &[usize]| -> Result<usize> {
                let n = arrayapi_core::shape::numel(F, dims)?;
                arrayapi_core::check::output(F, dims, DType::Float64)?;
                Ok(n)
            };
            let (nw, nb) = (count(&[members, fan_in, fan_out])?, count(&[members, 1, fan_out])?);
            let g = (6.0 / (fan_in as f64 + fan_out as f64)).sqrt();
            let weights: Vec<f64> = (0..nw).map(|_| rng.random_range(-g..=g)).collect();
            let b = 1.0 / (fan_in as f64).sqrt();
            let biases: Vec<f64> = (0..nb).map(|_| rng.random_range(-b..=b)).collect();
            params.push(A::from_host(ns, host(weights, &[members, fan_in, fan_out], dtype)?)?);
            params.push(A::from_host(ns, host(biases, &[members, 1, fan_out], dtype)?)?);
        }
        Ok(StackedMlp { params, activation })
    }

    /// Members `range` as a stack of their own (copies of their parameters).
    pub(crate) fn members(&self, ns: &A::Namespace, range: &std::ops::Range<usize>) -> Result<Self> {
        let params = self.params.iter().map(|p| members_of(ns, p, range)).collect::<Result<_>>()?;
        Ok(StackedMlp { params, activation: self.activation })
    }

    /// The parameters, `[W0, b0, W1, b1, ...]`.
    pub fn params(&self) -> &[A] {
        &self.params
    }

    /// Replaces the parameters (same number; shapes are the caller's responsibility and
    /// are checked by the next forward pass).
    pub(crate) fn params_mut(&mut self) -> &mut Vec<A> {
        &mut self.params
    }

    fn layers(&self) -> usize {
        self.params.len() / 2
    }

    /// Outputs `[K, N, out]` for inputs `x` of shape `[N, in]` (shared by every member)
    /// or `[K, N, in]`.
    pub fn forward(&self, x: &A) -> Result<A> {
        Ok(self.forward_cached(x)?.0)
    }

    /// The forward pass, keeping what the backward pass needs.
    pub fn forward_cached(&self, x: &A) -> Result<(A, ForwardCache<A>)> {
        let n = self.layers();
        let mut cache = ForwardCache { inputs: Vec::with_capacity(n) };
        let mut a = x.clone();
        for l in 0..n {
            let (w, b) = (&self.params[2 * l], &self.params[2 * l + 1]);
            let xw = a.matmul(w)?;
            cache.inputs.push(a);
            if l + 1 == n {
                return Ok((xw.add(b)?, cache));
            }
            a = self.activation.forward_bias(&xw, b)?;
        }
        unreachable_layers()
    }

    /// Gradients of a loss with respect to every parameter, given `d_out` (the loss's
    /// gradient with respect to the output) and the forward pass's cache. Same order as
    /// [`StackedMlp::params`].
    pub fn backward(&self, d_out: &A, cache: &ForwardCache<A>) -> Result<Vec<A>> {
        let n = self.layers();
        if cache.inputs.len() != n {
            return Err(arrayapi_core::Error::invalid(
                "backward",
                format!("the cache holds {} layers' inputs, the network has {n} layers", cache.inputs.len()),
            ));
        }
        let mut grads: Vec<Option<A>> = vec![None; 2 * n];
        let mut delta = d_out.clone();
        for l in (0..n).rev() {
            // dW = input^T @ delta (a shared [N, in] input broadcasts over the K members).
            grads[2 * l] = Some(cache.inputs[l].matrix_transpose()?.matmul(&delta)?);
            grads[2 * l + 1] = Some(delta.sum(1, true)?);
            if l > 0 {
                let upstream = delta.matmul(&self.params[2 * l].matrix_transpose()?)?;
                delta = self.activation.backward(&upstream, &cache.inputs[l])?;
            }
        }
        Ok(grads.into_iter().flatten().collect())
    }
}

/// `forward_cached` returns inside its loop for every network with at least one layer,
/// which `EnsembleConfig::validate` guarantees.
fn unreachable_layers<T>() -> Result<T> {
    Err(arrayapi_core::Error::invalid("forward", "a network needs at least one layer"))
}
