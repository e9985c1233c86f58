//! The optional `serde` support: arrays go through `HostArray`, which serialises with
//! its shape, dtype and data, and refuses on the way in a shape that does not hold the
//! data (a typed error, not a wrong array).

use arrayapi::{Array, ArrayApi, DType, HostArray};

#[test]
fn host_arrays_round_trip_through_json() {
    let xp = arrayapi::ndarray::namespace();
    let x: Array = xp.asarray(&[1.5f32, -0.0, 3.0, 4.0], &[2, 2]).unwrap();
    let json = serde_json::to_string(&x.to_host().unwrap()).unwrap();
    assert_eq!(json, r#"{"shape":[2,2],"data":{"f32":[1.5,-0.0,3.0,4.0]}}"#);
    let back: HostArray = serde_json::from_str(&json).unwrap();
    let y = Array::from_host(&xp, back).unwrap();
    assert_eq!((y.shape(), y.dtype()), (&[2usize, 2][..], DType::Float32));
    let v = y.to_vec::<f32>().unwrap();
    assert!(v[1] == 0.0 && v[1].is_sign_negative());
    assert_eq!(serde_json::to_string(&DType::BFloat16).unwrap(), r#""bfloat16""#);
    assert_eq!(serde_json::from_str::<DType>(r#""int16""#).unwrap(), DType::Int16);
}

#[test]
fn a_shape_that_does_not_hold_the_data_is_refused() {
    let e = serde_json::from_str::<HostArray>(r#"{"shape":[3],"data":{"i64":[1,2]}}"#).unwrap_err();
    assert!(e.to_string().contains("shape [3] holds 3 elements but 2 were given"), "{e}");
    let e = serde_json::from_str::<HostArray>(r#"{"shape":[18446744073709551615,2],"data":{"u8":[]}}"#).unwrap_err();
    assert!(e.to_string().contains("overflows"), "{e}");
}
