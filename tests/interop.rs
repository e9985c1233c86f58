//! Data in and out: `.npy` files written by NumPy (the fixtures in tests/fixtures/npy,
//! made by its make.py), round trips on every backend, hostile files, and the
//! conversions to and from `ndarray` arrays (no copy where the storage allows).

use std::path::PathBuf;

use arrayapi::candle::CandleNamespace;
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{nd, npy, Array, ArrayApi, DType, Error};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/npy").join(name)
}

fn values(x: &impl ArrayApi) -> Vec<f64> {
    x.to_host().unwrap().data().to_f64_vec()
}

#[test]
fn files_written_by_numpy_load_with_their_dtype_shape_and_values() {
    let xp = arrayapi::ndarray::namespace();
    let load = |name: &str| -> Array { npy::load(&xp, fixture(name)).unwrap() };
    let x = load("f64_2x3.npy");
    assert_eq!((x.shape(), x.dtype()), (&[2usize, 3][..], DType::Float64));
    let v = x.to_vec::<f64>().unwrap();
    assert_eq!(&v[..3], &[0.5, -1.0, 2.25]);
    assert_eq!(v[3], f64::INFINITY);
    assert!(v[4] == 0.0 && v[4].is_sign_negative(), "-0.0 keeps its sign");
    assert!(v[5].is_nan());
    let x = load("f32_vector.npy");
    assert_eq!((x.shape(), x.to_vec::<f32>().unwrap()), (&[5usize][..], vec![0.0, 0.25, 0.5, 0.75, 1.0]));
    let x = load("i16_scalar.npy");
    assert_eq!((x.shape(), x.to_vec::<i16>().unwrap()), (&[][..], vec![-7]));
    let x = load("bool_2x2.npy");
    assert_eq!(x.to_vec::<bool>().unwrap(), vec![true, false, false, true]);
    let x = load("i64_2x2x2.npy");
    assert_eq!((x.shape(), x.to_vec::<i64>().unwrap()), (&[2usize, 2, 2][..], vec![-3, -2, -1, 0, 1, 2, 3, 4]));
    let x = load("u8_empty.npy");
    assert_eq!((x.shape(), x.dtype()), (&[0usize, 3][..], DType::UInt8));
    // Column-major data reads in logical (row-major) order.
    let x = load("f64_fortran.npy");
    assert_eq!((x.shape(), x.to_vec::<f64>().unwrap()), (&[2usize, 3][..], vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]));
    let x = load("f64_big_endian.npy");
    assert_eq!(x.to_vec::<f64>().unwrap(), vec![1.5, -2.0, 3.0]);
    // On candle, too.
    let c: Array =
        npy::load(&arrayapi::candle::namespace(arrayapi::Device::Cpu).unwrap(), fixture("f32_vector.npy")).unwrap();
    assert_eq!((c.backend_name(), c.to_vec::<f32>().unwrap()), ("candle", vec![0.0, 0.25, 0.5, 0.75, 1.0]));
}

/// The header dictionary's text and the data after it.
fn split(file: &[u8]) -> (String, &[u8]) {
    let end = file.iter().position(|&b| b == b'\n').unwrap() + 1;
    (String::from_utf8_lossy(&file[10..end]).split_whitespace().collect::<String>(), &file[end..])
}

/// Ours and NumPy's files hold the same bytes of data after headers that say the same
/// thing (NumPy writes `(2, 3), }` where ndarray-npy writes `(2, 3)}`; NumPy 2.4.6 reads
/// ndarray-npy's files, checked once by hand with `np.load`).
#[test]
fn what_arrayapi_writes_is_the_data_numpy_wrote() {
    for name in ["f64_2x3.npy", "f32_vector.npy", "i16_scalar.npy", "bool_2x2.npy", "i64_2x2x2.npy", "u8_empty.npy"] {
        let file = std::fs::read(fixture(name)).unwrap();
        let x: NdArray = npy::from_npy_bytes(&NdNamespace, &file).unwrap();
        let ours = npy::to_npy_bytes(&x).unwrap();
        assert_eq!(&ours[..8], &file[..8], "{name}: magic and version 1.0");
        let ((our_header, our_data), (their_header, their_data)) = (split(&ours), split(&file));
        assert_eq!(our_data, their_data, "{name}: data");
        assert_eq!(
            our_header.replace(",}", "}").replace(",)", ")"),
            their_header.replace(",}", "}").replace(",)", ")"),
            "{name}"
        );
    }
}

#[test]
fn every_dtype_round_trips_through_a_file_on_every_backend() {
    let dir = std::env::temp_dir().join(format!("arrayapi-npy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xp = arrayapi::ndarray::namespace();
    let cp = arrayapi::candle::namespace(arrayapi::Device::Cpu).unwrap();
    let base: Array = xp.asarray(&[3.0f64, -0.0, f64::NAN, -2.5, 1e300, 7.0], &[3, 2]).unwrap();
    for dtype in DType::STANDARD {
        let x = base.abs().unwrap().astype(dtype).unwrap();
        let path = dir.join(format!("{dtype}.npy"));
        npy::save(&path, &x).unwrap();
        for ns in [&xp, &cp] {
            if !arrayapi::BackendNamespace::dtypes(ns).contains(&dtype) {
                continue;
            }
            let y: Array = npy::load(ns, &path).unwrap();
            assert_eq!((y.shape(), y.dtype()), (x.shape(), dtype), "{dtype} on {}", y.backend_name());
            let (a, b) = (values(&x), values(&y));
            assert!(a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits()), "{dtype}: {a:?} vs {b:?}");
        }
        // A strided view is written in logical order.
        let t = x.matrix_transpose().unwrap();
        npy::save(&path, &t).unwrap();
        let y: NdArray = npy::load(&NdNamespace, &path).unwrap();
        assert_eq!(values(&y).len(), 6);
        assert!(values(&y).iter().zip(values(&t)).all(|(p, q)| p.to_bits() == q.to_bits()));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_files_are_io_errors_naming_the_file() {
    let io = |e: Error| match e {
        Error::Io { func, path, reason } => (func, path, reason),
        other => panic!("expected Error::Io, got {other}"),
    };
    let (func, path, reason) = io(npy::load::<NdArray>(&NdNamespace, fixture("c128.npy")).unwrap_err());
    assert_eq!(func, "load");
    assert!(path.ends_with("c128.npy") && reason.contains("<c16"), "{path}: {reason}");
    let (_, path, _) = io(npy::load::<NdArray>(&NdNamespace, fixture("missing.npy")).unwrap_err());
    assert!(path.ends_with("missing.npy"));
    let file = std::fs::read(fixture("f64_2x3.npy")).unwrap();
    // Truncated data; a truncated header; not a .npy file at all.
    io(npy::from_npy_bytes::<NdArray>(&NdNamespace, &file[..file.len() - 1]).unwrap_err());
    io(npy::from_npy_bytes::<NdArray>(&NdNamespace, &file[..20]).unwrap_err());
    io(npy::from_npy_bytes::<NdArray>(&NdNamespace, b"hello, world").unwrap_err());
    // A header that claims 2^50 elements: refused before anything that size is allocated.
    let text = String::from_utf8_lossy(&file).to_string();
    let (from, to) = ("(2, 3), }", "(1125899906842624,), }");
    assert!(text.contains(from));
    let pad = to.len() - from.len();
    let header_end = file.iter().position(|&b| b == b'\n').unwrap();
    let mut hostile = file[..header_end - pad].to_vec();
    let at = hostile.windows(from.len()).position(|w| w == from.as_bytes()).unwrap();
    hostile.splice(at..at + from.len(), to.bytes());
    hostile.extend_from_slice(&file[header_end..]);
    assert_eq!(hostile.len(), file.len());
    let (_, _, reason) = io(npy::from_npy_bytes::<NdArray>(&NdNamespace, &hostile).unwrap_err());
    assert!(reason.contains("1125899906842624"), "{reason}");
    // Half floats cannot be written.
    let h = NdArray::from(vec![1.0f32]).astype(DType::Float16);
    if let Ok(h) = h {
        io(npy::to_npy_bytes(&h).unwrap_err());
    }
}

#[test]
fn ndarray_arrays_convert_without_copying() {
    let a = nd::array![[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]];
    let ptr = a.as_ptr();
    let x = NdArray::from(a);
    assert_eq!(x.as_ndarray::<f32>().unwrap().as_ptr(), ptr, "an owned ndarray goes in without a copy");
    assert_eq!((x.shape(), x.to_vec::<f32>().unwrap()), (&[2usize, 3][..], vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
    let back: nd::Array2<f32> = x.try_into().unwrap();
    assert_eq!(back.as_ptr(), ptr, "and comes out without one when not shared");
    // Shared: the owned copy leaves the other holder alone.
    let x = NdArray::from(back);
    let held = x.clone();
    let mut owned: nd::Array2<f32> = x.try_into().unwrap();
    owned[[0, 0]] = -1.0;
    assert_eq!(held.to_vec::<f32>().unwrap()[0], 1.0);
    // Views, other dimensions, vectors, slices and scalars.
    let v = nd::Array3::<i32>::zeros((2, 1, 2));
    assert_eq!(NdArray::from(v.view()).shape(), &[2, 1, 2]);
    assert_eq!(NdArray::from(nd::arr1(&[1u8, 2])).to_vec::<u8>().unwrap(), vec![1, 2]);
    assert_eq!(NdArray::from(vec![true, false]).to_vec::<bool>().unwrap(), vec![true, false]);
    assert_eq!(NdArray::from(&[1i64, 2, 3][..]).shape(), &[3]);
    let s = NdArray::from(2.5f64);
    assert_eq!((s.shape(), s.to_vec::<f64>().unwrap()), (&[][..], vec![2.5]));
    // ArcArray both ways: no copy.
    let arc = nd::ArcArray::<f64, nd::IxDyn>::zeros(nd::IxDyn(&[4]));
    let x = NdArray::from(arc.clone());
    let out: nd::ArcArray<f64, nd::Ix1> = (&x).try_into().unwrap();
    assert_eq!(out.as_ptr(), arc.as_ptr());
    // Wrong dtype, wrong number of dimensions.
    let e = x.to_ndarray::<f32, nd::Ix1>().unwrap_err();
    assert!(matches!(e, Error::DType { func: "to_ndarray", .. }), "{e}");
    let e = x.to_ndarray::<f64, nd::Ix2>().unwrap_err();
    assert!(matches!(e, Error::ShapeMismatch { func: "to_ndarray", .. }), "{e}");
}

#[test]
fn any_array_converts_to_an_ndarray() {
    let x = Array::from(NdArray::from(vec![1.0f64, 2.0]));
    let ptr = x.downcast_ref::<NdArray>().unwrap().as_ndarray::<f64>().unwrap().as_ptr();
    let a: nd::ArcArray<f64, nd::Ix1> = arrayapi::ndarray::to_ndarray(&x).unwrap();
    assert_eq!(a.as_ptr(), ptr, "an Array holding an NdArray: no copy");
    let c: Array =
        Array::asarray(&arrayapi::candle::namespace(arrayapi::Device::Cpu).unwrap(), &[1.0f32, 2.0, 3.0, 4.0], &[2, 2])
            .unwrap();
    let a: nd::ArcArray<f32, nd::Ix2> = arrayapi::ndarray::to_ndarray(&c).unwrap();
    assert_eq!(a, nd::array![[1.0f32, 2.0], [3.0, 4.0]]);
    let c2 = arrayapi::candle::CandleArray::asarray(&CandleNamespace::cpu(), &[5i64], &[]).unwrap();
    let a: nd::ArcArray<i64, nd::Ix0> = arrayapi::ndarray::to_ndarray(&c2).unwrap();
    assert_eq!(a[()], 5);
    let e = arrayapi::ndarray::to_ndarray::<f64, nd::Ix2, _>(&c).unwrap_err();
    assert!(matches!(e, Error::DType { func: "to_ndarray", .. }), "{e}");
}

#[test]
fn candle_tensors_convert_without_copying() {
    use arrayapi::candle::candle_core::{Device, Tensor};
    use arrayapi::candle::CandleArray;
    let t = Tensor::new(&[[1.0f32, 2.0], [3.0, 4.0]], &Device::Cpu).unwrap();
    let id = t.id();
    let x = CandleArray::try_from(t).unwrap();
    assert_eq!(x.to_vec::<f32>().unwrap(), vec![1.0, 2.0, 3.0, 4.0]);
    let back = Tensor::from(x);
    assert_eq!(back.id(), id, "the same tensor, not a copy");
    let e = CandleArray::try_from(
        Tensor::new(&[1u8], &Device::Cpu).unwrap().to_dtype(arrayapi::candle::candle_core::DType::F8E4M3).unwrap(),
    );
    assert!(matches!(e, Err(Error::Unsupported { func: "from_tensor", .. })), "{e:?}");
}
