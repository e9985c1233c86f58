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

/// `(float32?, values, shape, what NumPy 2.4.6's str() printed)`, written by
/// `str(np.array(values, dtype).reshape(shape))` (default print options).
const NUMPY_FLOATS: &[(bool, &[f64], &[usize], &str)] = &[
    (false, &[-1.025755289064345, -0.6527533657682196, 0.09325048082403138, 1.5852581740085334], &[1, 4], "[[-1.02575529 -0.65275337  0.09325048  1.58525817]]"),
    (false, &[0.1, 0.123456789], &[2], "[0.1        0.12345679]"),
    (false, &[1.0, 2.5, 3.0], &[3], "[1.  2.5 3. ]"),
    (false, &[1e-05, 1.0], &[2], "[1.e-05 1.e+00]"),
    (true, &[0.1, -0.0], &[2], "[ 0.1 -0. ]"),
    (false, &[1.5, f64::NAN, f64::INFINITY], &[3], "[1.5 nan inf]"),
    (false, &[1.5, f64::NEG_INFINITY, 2.0], &[3], "[ 1.5 -inf  2. ]"),
    (false, &[f64::NAN, 1.0], &[2], "[nan  1.]"),
    (false, &[123456789.123, 1.0], &[2], "[1.23456789e+08 1.00000000e+00]"),
    (false, &[1e+16, 1.0], &[2], "[1.e+16 1.e+00]"),
    (false, &[0.876425940063888, 1.0], &[2], "[0.87642594 1.        ]"),
    (false, &[1.23456789012345], &[], "1.23456789012345"),
    (false, &[1.0], &[], "1.0"),
    (false, &[1e-05], &[], "1e-05"),
    (false, &[1e+16], &[], "1e+16"),
    (false, &[-0.0], &[], "-0.0"),
    (false, &[f64::NAN], &[], "nan"),
    (true, &[0.3333333333333333], &[], "0.33333334"),
    (true, &[0.3333333333333333, 2.0], &[2], "[0.33333334 2.        ]"),
    (false, &[0.30000000000000004], &[1], "[0.3]"),
    (false, &[1e+300, -1e-300, 0.0], &[3], "[ 1.e+300 -1.e-300  0.e+000]"),
    (false, &[1000.5, 0.5], &[2], "[1.0005e+03 5.0000e-01]"),
    (false, &[1001.0, 1.0], &[2], "[1.001e+03 1.000e+00]"),
    (false, &[0.0, 0.0], &[2], "[0. 0.]"),
    (false, &[-1.5, 22.25, -333.125, 4.0, 5.0, 6.0], &[2, 3], "[[  -1.5     22.25  -333.125]\n [   4.       5.       6.   ]]"),
    (false, &[1.000000001, 2.0], &[2], "[1. 2.]"),
    (false, &[99999999.9, 1.0], &[2], "[9.99999999e+07 1.00000000e+00]"),
    (false, &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY], &[3], "[ nan  inf -inf]"),
    (false, &[1e-10, f64::NAN], &[2], "[1.e-10    nan]"),
    (false, &[1.23e+100, 1.0, 2.0], &[3], "[1.23e+100 1.00e+000 2.00e+000]"),
    (false, &[0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714, 0.7142857142857143, 0.8571428571428571, 1.0, 1.1428571428571428, 1.2857142857142858, 1.4285714285714286, 1.5714285714285714], &[3, 4], "[[0.         0.14285714 0.28571429 0.42857143]\n [0.57142857 0.71428571 0.85714286 1.        ]\n [1.14285714 1.28571429 1.42857143 1.57142857]]"),
];

#[test]
fn floats_print_as_numpy_2_4_6_printed_them() {
    for &(f32_, values, shape, want) in NUMPY_FLOATS {
        let x = if f32_ {
            let v: Vec<f32> = values.iter().map(|&v| v as f32).collect();
            NdArray::asarray(&NdNamespace, &v, shape).unwrap()
        } else {
            NdArray::asarray(&NdNamespace, values, shape).unwrap()
        };
        assert_eq!(x.to_string(), want, "values {values:?}, shape {shape:?}");
    }
}

/// Long arrays: summarised past 1,000 elements and wrapped at 75 characters, as NumPy
/// 2.4.6 printed them.
#[test]
fn long_arrays_wrap_and_summarise_as_numpy_printed_them() {
    let xp = &NdNamespace;
    let f = |n: usize| NdArray::arange(xp, 0.0, n as f64, 1.0, DType::Float64).unwrap();
    let i = |n: usize| NdArray::arange(xp, 0.0, n as f64, 1.0, DType::Int64).unwrap();
    let cases: Vec<(&str, NdArray, &str)> = vec![
        ("np.arange(2000.0)", f(2000), "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]"),
        ("(np.arange(1200.0) / 3).reshape(30, 40)", f(1200).divide(3.0).unwrap().reshape(&[30, 40]).unwrap(), "[[0.00000000e+00 3.33333333e-01 6.66666667e-01 ... 1.23333333e+01\n  1.26666667e+01 1.30000000e+01]\n [1.33333333e+01 1.36666667e+01 1.40000000e+01 ... 2.56666667e+01\n  2.60000000e+01 2.63333333e+01]\n [2.66666667e+01 2.70000000e+01 2.73333333e+01 ... 3.90000000e+01\n  3.93333333e+01 3.96666667e+01]\n ...\n [3.60000000e+02 3.60333333e+02 3.60666667e+02 ... 3.72333333e+02\n  3.72666667e+02 3.73000000e+02]\n [3.73333333e+02 3.73666667e+02 3.74000000e+02 ... 3.85666667e+02\n  3.86000000e+02 3.86333333e+02]\n [3.86666667e+02 3.87000000e+02 3.87333333e+02 ... 3.99000000e+02\n  3.99333333e+02 3.99666667e+02]]"),
        ("np.arange(30.0) / 7", f(30).divide(7.0).unwrap(), "[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571\n 0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857\n 1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143\n 2.57142857 2.71428571 2.85714286 3.         3.14285714 3.28571429\n 3.42857143 3.57142857 3.71428571 3.85714286 4.         4.14285714]"),
        ("np.arange(40) * 1001", i(40).multiply(1001i64).unwrap(), "[    0  1001  2002  3003  4004  5005  6006  7007  8008  9009 10010 11011\n 12012 13013 14014 15015 16016 17017 18018 19019 20020 21021 22022 23023\n 24024 25025 26026 27027 28028 29029 30030 31031 32032 33033 34034 35035\n 36036 37037 38038 39039]"),
        ("np.arange(90).reshape(3, 30) - 45", i(90).reshape(&[3, 30]).unwrap().subtract(45i64).unwrap(), "[[-45 -44 -43 -42 -41 -40 -39 -38 -37 -36 -35 -34 -33 -32 -31 -30 -29 -28\n  -27 -26 -25 -24 -23 -22 -21 -20 -19 -18 -17 -16]\n [-15 -14 -13 -12 -11 -10  -9  -8  -7  -6  -5  -4  -3  -2  -1   0   1   2\n    3   4   5   6   7   8   9  10  11  12  13  14]\n [ 15  16  17  18  19  20  21  22  23  24  25  26  27  28  29  30  31  32\n   33  34  35  36  37  38  39  40  41  42  43  44]]"),
        ("np.arange(30) % 3 == 0", i(30).remainder(3i64).unwrap().equal(0i64).unwrap(), "[ True False False  True False False  True False False  True False False\n  True False False  True False False  True False False  True False False\n  True False False  True False False]"),
        ("np.arange(9000).reshape(2, 3, 1500)", i(9000).reshape(&[2, 3, 1500]).unwrap(), "[[[   0    1    2 ... 1497 1498 1499]\n  [1500 1501 1502 ... 2997 2998 2999]\n  [3000 3001 3002 ... 4497 4498 4499]]\n\n [[4500 4501 4502 ... 5997 5998 5999]\n  [6000 6001 6002 ... 7497 7498 7499]\n  [7500 7501 7502 ... 8997 8998 8999]]]"),
        ("np.arange(10, dtype=np.float32) / 3", f(10).astype(DType::Float32).unwrap().divide(3.0).unwrap(), "[0.         0.33333334 0.6666667  1.         1.3333334  1.6666666\n 2.         2.3333333  2.6666667  3.        ]"),
    ];
    for (what, x, want) in cases {
        assert_eq!(x.to_string(), want, "{what}");
    }
}

/// `Debug` is NumPy's `repr()` with the device and backend; `item`, `to_vec2`, `t` and
/// `dot` on every backend.
#[test]
fn debug_item_to_vec2_t_and_dot() {
    let nd = NdArray::asarray(&NdNamespace, &[1.0f32, 2.0, 3.0, 4.0], &[2, 2]).unwrap();
    assert_eq!(format!("{nd:?}"), "array([[1. 2.]\n       [3. 4.]], dtype=float32, device=cpu, backend=ndarray)");
    let c = CandleArray::asarray(&CandleNamespace::cpu(), &[7i64], &[]).unwrap();
    assert_eq!(format!("{c:?}"), "array(7, dtype=int64, device=cpu, backend=candle)");
    assert_eq!(format!("{:?}", Array::from(c.clone())), format!("{c:?}"));
    assert_eq!(c.item::<i64>().unwrap(), 7);
    assert!(matches!(c.item::<f32>(), Err(arrayapi::Error::DType { func: "item", .. })));
    assert!(matches!(nd.item::<f32>(), Err(arrayapi::Error::InvalidArgument { func: "item", .. })));
    assert_eq!(nd.slice(arrayapi::s![1, 1..]).unwrap().item::<f32>().unwrap(), 4.0);
    assert_eq!(nd.to_vec2::<f32>().unwrap(), vec![vec![1.0, 2.0], vec![3.0, 4.0]]);
    assert!(matches!(c.to_vec2::<i64>(), Err(arrayapi::Error::ShapeMismatch { func: "to_vec2", .. })));
    let e = NdArray::zeros(&NdNamespace, &[3, 0], DType::Int8).unwrap();
    assert_eq!(e.to_vec2::<i8>().unwrap(), vec![Vec::<i8>::new(); 3]);
    // x.T @ x = [[10, 14], [14, 20]]
    assert_eq!(nd.t().unwrap().dot(&nd).unwrap().to_vec::<f32>().unwrap(), vec![10.0, 14.0, 14.0, 20.0]);
    let v = NdArray::asarray(&NdNamespace, &[1.0f32, 2.0], &[2]).unwrap();
    assert!(matches!(v.t(), Err(arrayapi::Error::ShapeMismatch { func: "T", .. })));
}
