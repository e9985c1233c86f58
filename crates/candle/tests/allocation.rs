//! What candle materialises is checked before it is allocated: a `matmul` whose left
//! operand broadcasts over a batch is copied there (candle's matmul wants contiguous
//! batches), and an impossible copy is a typed error, never an allocation abort.

use arrayapi_candle::{CandleArray, CandleNamespace};
use arrayapi_core::{ArrayApi, DType, Error};

#[test]
fn a_broadcast_matmul_too_large_to_materialise_is_out_of_memory() {
    let ns = CandleNamespace::cpu();
    // 77 MB each; the left operand broadcast to the batch of 3100 is 238 GB of float64.
    let a = CandleArray::zeros(&ns, &[1, 3100, 3100], DType::Float64).unwrap();
    let b = CandleArray::zeros(&ns, &[3100, 3100, 1], DType::Float64).unwrap();
    let e = a.matmul(&b).unwrap_err();
    assert!(matches!(e, Error::OutOfMemory { func: "matmul", .. }), "{e}");
    assert!(e.to_string().contains("matmul"), "{e}");
    // A small broadcast still computes.
    let x = CandleArray::asarray(&ns, &[1.0f64, 2.0], &[1, 1, 2]).unwrap();
    let y = CandleArray::asarray(&ns, &[1.0f64, 1.0, 2.0, 2.0], &[2, 2, 1]).unwrap();
    assert_eq!(x.matmul(&y).unwrap().to_vec::<f64>().unwrap(), vec![3.0, 6.0]);
}
