//! The fused functions on candle: ReLU's two with fewer, contiguous kernels; the rest take
//! the trait's composed default.
//!
//! A profile of the largest ens-1d workload on an H200 (Nsight Compute, two steps) put
//! half of the GPU's time in the composed ReLU: `maximum(z, 0)` compares against a
//! broadcast scalar, which sends candle's kernels down their strided path (a `maximum`
//! over `[160, 1024, 128]` took 252 us where a contiguous add takes 85), and its NaN
//! fix-up adds two `isnan` passes, a flag add, a sum and a `where`. Here `relu(z)` is
//! candle's own kernel with the NaN put back by one `where` (three passes), and ReLU's
//! derivative compares against a contiguous zero tensor. Both give what the composition
//! gives, special values included (the conformance suite checks it).

use arrayapi_core::{Activation, ArrayApi, FusedOp, Result};
use candle_core::Tensor;

use crate::array::CandleArray;
use crate::dtype::err;

pub(crate) fn fused(op: FusedOp, args: &[&CandleArray]) -> Result<CandleArray> {
    // Float arrays of one dtype, none empty (candle's CUDA kernels refuse zero-element
    // launches; the composition routes those through the CPU, see `fallback`).
    let same_float = args.len() == op.arity()
        && args[0].dtype().is_floating()
        && args.iter().all(|a| a.dtype() == args[0].dtype() && a.tensor().elem_count() > 0);
    let run = || match op {
        FusedOp::BiasActivation(Activation::Relu) if same_float => {
            let z = args[0].add(args[1])?;
            let t = relu_keeping_nan(z.tensor()).map_err(err(op.name()))?;
            Ok(z.with_tensor(t))
        }
        FusedOp::ActivationGrad(Activation::Relu) if same_float => {
            let a = args[1].tensor();
            let positive = a
                .gt(&a.zeros_like().map_err(err(op.name()))?)
                .and_then(|m| m.to_dtype(a.dtype()))
                .map_err(err(op.name()))?;
            args[0].multiply(&args[1].with_tensor(positive))
        }
        _ => op.compose(args),
    };
    // Errors name the fused function, as the composition's do.
    run().map_err(|e| e.in_func(op.name()))
}

/// `max(z, 0)` with NaN kept (candle's `relu` maps it to 0).
fn relu_keeping_nan(z: &Tensor) -> candle_core::Result<Tensor> {
    z.ne(z)?.where_cond(z, &z.relu()?)
}
