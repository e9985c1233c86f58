//! Basic slices of `NdArray` are views (no copy, negative steps included), and
//! `slice_assign` writes in place when nothing else shares the data.

use arrayapi_core::{s, Array, ArrayApi, DType, NewAxis};
use arrayapi_ndarray::{NdArray, NdNamespace};

fn seq(n: usize) -> NdArray {
    NdArray::arange(&NdNamespace, 0.0, n as f64, 1.0, DType::Float64).unwrap()
}

fn ptr(x: &NdArray) -> usize {
    x.as_ndarray::<f64>().unwrap().as_ptr() as usize
}

#[test]
fn slices_share_memory_with_their_input() {
    let x = seq(12).reshape(&[3, 4]).unwrap();
    let base = ptr(&x);
    // x[::-1, 1::2]: starts at x[2, 1], strides (-4, 2) elements.
    let y = x.slice(s![..;-1, 1..;2]).unwrap();
    assert_eq!(ptr(&y), base + 8 * (2 * 4 + 1));
    assert_eq!(y.as_ndarray::<f64>().unwrap().strides(), &[-4, 2]);
    assert_eq!(y.to_vec::<f64>().unwrap(), vec![9.0, 11.0, 5.0, 7.0, 1.0, 3.0]);
    // An integer, an ellipsis and a new axis are views too.
    let z = x.slice(s![NewAxis, ..., 3]).unwrap();
    assert_eq!(z.shape(), &[1, 3]);
    assert_eq!(ptr(&z), base + 8 * 3);
}

#[test]
fn slice_assign_writes_in_place_when_not_shared() {
    let mut x = seq(6);
    let before = ptr(&x);
    x.slice_assign(s![1..;2], 0.0).unwrap();
    assert_eq!(ptr(&x), before, "an unshared array is written in place");
    assert_eq!(x.to_vec::<f64>().unwrap(), vec![0.0, 0.0, 2.0, 0.0, 4.0, 0.0]);

    // Shared: the write copies first, and the other holder keeps its values.
    let other = x.clone();
    x.slice_assign(s![0], 9.0).unwrap();
    assert_ne!(ptr(&x), ptr(&other));
    assert_eq!(other.to_vec::<f64>().unwrap(), vec![0.0, 0.0, 2.0, 0.0, 4.0, 0.0]);
    assert_eq!(x.to_vec::<f64>().unwrap(), vec![9.0, 0.0, 2.0, 0.0, 4.0, 0.0]);
}

#[test]
fn the_dynamic_array_writes_in_place_when_its_handle_is_the_only_one() {
    let mut x = Array::new(seq(4));
    let before = ptr(x.downcast_ref::<NdArray>().unwrap());
    x.slice_assign(s![..2], &Array::new(seq(2))).unwrap();
    x.slice_assign(s![-1], 7.0).unwrap();
    assert_eq!(ptr(x.downcast_ref::<NdArray>().unwrap()), before);
    assert_eq!(x.to_vec::<f64>().unwrap(), vec![0.0, 1.0, 2.0, 7.0]);

    let held = x.clone();
    x.slice_assign(s![0], -1.0).unwrap();
    assert_eq!(held.to_vec::<f64>().unwrap(), vec![0.0, 1.0, 2.0, 7.0]);
    assert_eq!(x.to_vec::<f64>().unwrap(), vec![-1.0, 1.0, 2.0, 7.0]);
}
