//! NumPy-style code with one import, on both backends and through `Array`: a gradient
//! step of least squares, `w -= lr * (x.T @ (x @ w - y)) / n`, checked against the
//! same step worked out on the host.

use arrayapi::prelude::*;

/// One step from `w = 0` on `x = [[1, 2], [3, 4], [5, 6]]`, `y = [1, 2, 3]`, written for
/// a concrete array type `$A` as a user would.
macro_rules! step {
    ($A:ty, $ns:expr) => {{
        let ns = $ns;
        let run = || -> Result<Vec<f64>> {
            let x = <$A>::asarray(&ns, &[1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0], &[3, 2])?;
            let y = <$A>::asarray(&ns, &[1.0f64, 2.0, 3.0], &[3, 1])?;
            let mut w = <$A>::zeros(&ns, &[2, 1], DType::Float64)?;
            let (lr, n) = (0.1f64, 3.0f64);
            // w -= lr * (x.T @ (x @ w - y)) / n
            let grad = x.matrix_transpose()?.matmul(&(&x.matmul(&w)? - &y)?)?;
            w = (&w - &((lr * &grad)? / n)?)?;
            w.to_vec::<f64>()
        };
        run().unwrap()
    }};
}

#[test]
fn least_squares_step_reads_like_numpy() {
    // x.T @ (0 - y) = -[1*1 + 3*2 + 5*3, 2*1 + 4*2 + 6*3] = -[22, 28]; w = 0.1 * [22, 28] / 3.
    let want = [0.1 * 22.0 / 3.0, 0.1 * 28.0 / 3.0];
    let close = |got: Vec<f64>| got.iter().zip(&want).all(|(g, w)| (g - w).abs() < 1e-12);
    assert!(close(step!(arrayapi::ndarray::NdArray, arrayapi::ndarray::NdNamespace)));
    assert!(close(step!(arrayapi::candle::CandleArray, arrayapi::candle::CandleNamespace::cpu())));
    assert!(close(step!(Array, arrayapi::ndarray::namespace())));
    assert!(close(step!(Array, arrayapi::candle::namespace(Device::Cpu).unwrap())));
}
