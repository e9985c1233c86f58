//! Element-wise results are row-major whatever the operands' layouts: a transposed
//! operand makes ndarray's `Zip` produce a column-major result, which the backend must
//! not read as row-major (a regression test).

use arrayapi_core::{ArrayApi, FusedOp};
use arrayapi_ndarray::{NdArray, NdNamespace};

#[test]
fn transposed_operands_give_row_major_results() {
    let v: Vec<f64> = (0..6).map(f64::from).collect();
    // t = [[0, 3], [1, 4], [2, 5]] (a transposed view), b broadcasts over rows.
    let t = NdArray::asarray(&NdNamespace, &v, &[2, 3]).unwrap().matrix_transpose().unwrap();
    let b = NdArray::asarray(&NdNamespace, &[10.0, 20.0], &[1, 2]).unwrap();
    let want = vec![10.0, 23.0, 11.0, 24.0, 12.0, 25.0];
    assert_eq!(t.add(&b).unwrap().to_vec::<f64>().unwrap(), want);
    assert_eq!(b.add(&t).unwrap().to_vec::<f64>().unwrap(), want);
    let c = t.greater(1.5).unwrap();
    assert_eq!(c.where_(&t, &b).unwrap().to_vec::<f64>().unwrap(), vec![10.0, 3.0, 10.0, 4.0, 2.0, 5.0]);
    let e = NdArray::fused(FusedOp::Ema { beta: 0.0 }, &[&t, &t.add(1.0).unwrap()]).unwrap();
    assert_eq!(e.to_vec::<f64>().unwrap(), vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
    let p = NdArray::fused(FusedOp::AdamParam { lr: 0.0, bias_correction: 1.0, eps: 1.0 }, &[&t, &t, &t]).unwrap();
    assert_eq!(p.to_vec::<f64>().unwrap(), vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    // And a reshape of the result.
    assert_eq!(t.add(&b).unwrap().reshape(&[-1]).unwrap().to_vec::<f64>().unwrap(), want);
}
