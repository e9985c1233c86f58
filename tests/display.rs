//! `Display` prints like NumPy's `str()` on every backend and on the dynamic `Array`, the
//! same characters for the same values (the strings below are NumPy's).

use arrayapi::candle::{CandleArray, CandleNamespace};
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{Array, ArrayApi, DType};

macro_rules! printing_on {
    ($A:ty, $ns:expr) => {{
        let ns = $ns;
        let x = <$A>::asarray(&ns, &[1.0f32, 2.5, -3.0, f32::NAN], &[2, 2]).unwrap();
        assert_eq!(x.to_string(), "[[ 1.   2.5]\n [-3.   nan]]");
        let i = <$A>::asarray(&ns, &[1i32, -20, 300], &[3]).unwrap();
        assert_eq!(format!("{i}"), "[  1 -20 300]");
        let b = i.greater(0i32).unwrap();
        assert_eq!(b.to_string(), "[ True False  True]");
        let s = <$A>::full(&ns, &[], 0.5f64.into(), DType::Float32).unwrap();
        assert_eq!(s.to_string(), "0.5");
        let e = <$A>::zeros(&ns, &[2, 0], DType::Float32).unwrap();
        assert_eq!(e.to_string(), "[]");
        let big = <$A>::arange(&ns, 0.0, 2000.0, 1.0, DType::Int32).unwrap().reshape(&[2, 1000]).unwrap();
        assert_eq!(big.to_string(), "[[   0    1    2 ...  997  998  999]\n [1000 1001 1002 ... 1997 1998 1999]]");
    }};
}

#[test]
fn printing_on_the_ndarray_backend() {
    printing_on!(NdArray, NdNamespace);
}

#[test]
fn printing_on_the_candle_backend() {
    printing_on!(CandleArray, CandleNamespace::cpu());
}

#[test]
fn printing_on_the_dynamic_array() {
    printing_on!(Array, arrayapi::ndarray::namespace());
    printing_on!(Array, arrayapi::candle::namespace(arrayapi::Device::Cpu).unwrap());
}
