//! Random inputs in the spirit of a hostile caller: every dtype, shapes with zero and
//! huge dimensions, axes and counts at the type limits, and values at the edges of each
//! dtype (NaN, +-inf, -0, the extremes, subnormals).

use arrayapi::half::{bf16, f16};
use arrayapi::{DType, HostArray, HostData};
use rand::rngs::StdRng;
use rand::RngExt;

/// A dimension so large that only a zero-element shape can hold it.
pub const HUGE: usize = 1 << 40;

pub struct Gen {
    pub rng: StdRng,
    /// Whether this case may use sizes whose allocation must be refused (run only in the
    /// memory-limited child process).
    pub risky: bool,
}

impl Gen {
    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    pub fn dtype(&mut self) -> DType {
        if self.chance(0.03) {
            return self.pick(&[DType::Float16, DType::BFloat16]);
        }
        // Floats most often: they have the most special cases.
        if self.chance(0.45) {
            return self.pick(&[DType::Float32, DType::Float64]);
        }
        self.pick(&DType::STANDARD)
    }

    pub fn float_dtype(&mut self) -> DType {
        if self.chance(0.1) {
            self.dtype()
        } else {
            self.pick(&[DType::Float32, DType::Float64])
        }
    }

    /// A shape of 0 to 4 dimensions with at most 60 elements, or (rarely) a zero-element
    /// shape with a huge dimension.
    pub fn shape(&mut self) -> Vec<usize> {
        let ndim = self.pick(&[0, 1, 1, 2, 2, 2, 3, 3, 4]);
        let mut shape: Vec<usize> = (0..ndim).map(|_| self.pick(&[0, 1, 1, 2, 2, 3, 3, 4, 5])).collect();
        while shape.iter().product::<usize>() > 60 {
            let i = self.rng.random_range(0..shape.len());
            shape[i] = (shape[i] / 2).max(1);
        }
        if ndim >= 2 && self.chance(0.03) {
            let i = self.rng.random_range(0..ndim);
            let j = (i + 1) % ndim;
            shape[i] = self.pick(&[HUGE, usize::MAX, usize::MAX / 2]);
            shape[j] = 0;
        }
        shape
    }

    /// A shape that broadcasts with `shape` (most often), or an unrelated one.
    pub fn partner_shape(&mut self, shape: &[usize]) -> Vec<usize> {
        let r = self.rng.random_range(0..100);
        let mut s: Vec<usize> = if r < 55 {
            shape.to_vec()
        } else if r < 85 {
            let drop = self.rng.random_range(0..=shape.len());
            shape[drop..].iter().map(|&d| if self.chance(0.4) { 1 } else { d }).collect()
        } else {
            self.shape()
        };
        // Dropping the zero of a huge zero-element shape leaves data nobody can hold.
        if s.iter().try_fold(1usize, |n, &d| n.checked_mul(d)).is_none_or(|n| n > 64) {
            for d in s.iter_mut().filter(|d| **d > 64) {
                *d = 0;
            }
        }
        s
    }

    /// A shape that must be refused before anything is allocated: it needs at least
    /// 16 GiB (over the child's 8 GiB address-space limit) or overflows.
    pub fn huge_shape(&mut self) -> Vec<usize> {
        match self.rng.random_range(0..4) {
            0 => vec![1 << 31, 8],
            1 => vec![1 << 32, 1 << 32],
            2 => vec![usize::MAX, 2],
            _ => vec![3, 1 << 34],
        }
    }

    pub fn axis(&mut self, ndim: usize) -> isize {
        let n = ndim as isize;
        if self.chance(0.04) {
            return self.pick(&[isize::MIN, isize::MAX, n, -n - 1]);
        }
        if n == 0 {
            return self.pick(&[0, -1]);
        }
        self.rng.random_range(-(n as i64)..n as i64) as isize
    }

    pub fn axes(&mut self, ndim: usize) -> arrayapi::Axes {
        match self.rng.random_range(0..4) {
            0 => arrayapi::Axes::All,
            1 => arrayapi::Axes::One(self.axis(ndim)),
            _ => {
                let k = self.rng.random_range(0..=ndim.min(3));
                arrayapi::Axes::Many((0..k).map(|_| self.axis(ndim)).collect())
            }
        }
    }

    /// A small count, or rarely one at a type's limit.
    pub fn count(&mut self) -> usize {
        if self.chance(0.04) {
            return self.pick(&[usize::MAX, usize::MAX / 2, HUGE, 1 << 36]);
        }
        self.rng.random_range(0..4)
    }

    /// A small offset, or rarely one at a type's limit.
    pub fn offset(&mut self) -> isize {
        if self.chance(0.05) {
            return self.pick(&[isize::MIN, isize::MAX, isize::MIN + 1]);
        }
        self.rng.random_range(-4i64..5) as isize
    }

    pub fn float(&mut self) -> f64 {
        match self.rng.random_range(0..20) {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => f64::NEG_INFINITY,
            3 => -0.0,
            4 => 0.0,
            5 => self.pick(&[f64::MAX, -f64::MAX, f64::MIN_POSITIVE, 5e-324, 1e300, -1e-300, 3.4e38, 1e-40]),
            6..=9 => self.rng.random_range(-4i32..5) as f64,
            10 => self.pick(&[0.5, -0.5, 1.5, 2.5, -2.5, 1.0, -1.0]),
            _ => self.rng.random_range(-3.0..3.0),
        }
    }

    fn int(&mut self, min: i128, max: i128) -> i128 {
        match self.rng.random_range(0..10) {
            0 => min,
            1 => max,
            2 => self.rng.random_range(min..=max),
            _ => self.rng.random_range(-4i128..5).clamp(min, max),
        }
    }

    /// Host data of `dtype` and `shape` (the shape's element count is small).
    pub fn host(&mut self, dtype: DType, shape: &[usize]) -> HostArray {
        if elements(shape) > 4096 {
            // A shape derived from a huge zero-element one lost its zero: keep the huge
            // dimensions, with zero elements.
            let zeroed: Vec<usize> = shape.iter().map(|&d| if d > 64 { 0 } else { d }).collect();
            return self.host(dtype, &zeroed);
        }
        let n = elements(shape);
        let data = match dtype {
            DType::Bool => HostData::Bool((0..n).map(|_| self.chance(0.5)).collect()),
            DType::Int8 => HostData::I8((0..n).map(|_| self.int(i8::MIN.into(), i8::MAX.into()) as i8).collect()),
            DType::Int16 => HostData::I16((0..n).map(|_| self.int(i16::MIN.into(), i16::MAX.into()) as i16).collect()),
            DType::Int32 => HostData::I32((0..n).map(|_| self.int(i32::MIN.into(), i32::MAX.into()) as i32).collect()),
            DType::Int64 => HostData::I64((0..n).map(|_| self.int(i64::MIN.into(), i64::MAX.into()) as i64).collect()),
            DType::UInt8 => HostData::U8((0..n).map(|_| self.int(0, u8::MAX.into()) as u8).collect()),
            DType::UInt16 => HostData::U16((0..n).map(|_| self.int(0, u16::MAX.into()) as u16).collect()),
            DType::UInt32 => HostData::U32((0..n).map(|_| self.int(0, u32::MAX.into()) as u32).collect()),
            DType::UInt64 => HostData::U64((0..n).map(|_| self.int(0, u64::MAX.into()) as u64).collect()),
            DType::Float32 => HostData::F32((0..n).map(|_| self.float() as f32).collect()),
            DType::Float64 => HostData::F64((0..n).map(|_| self.float()).collect()),
            DType::Float16 => HostData::F16((0..n).map(|_| f16::from_f64(self.float())).collect()),
            DType::BFloat16 => HostData::BF16((0..n).map(|_| bf16::from_f64(self.float())).collect()),
        };
        match HostArray::new(shape, data) {
            Ok(h) => h,
            // Zero elements, but a product of the other dimensions past isize::MAX:
            // NumPy refuses such a shape, so no array can have it.
            Err(_) => {
                let smaller: Vec<usize> = shape.iter().map(|&d| d.min(HUGE)).collect();
                self.host(dtype, &smaller)
            }
        }
    }

    /// A scalar operand: a float, an integer at a type's limit, or a bool.
    pub fn scalar(&mut self) -> arrayapi::Scalar {
        match self.rng.random_range(0..6) {
            0 => arrayapi::Scalar::Bool(self.chance(0.5)),
            1 => arrayapi::Scalar::Int(self.pick(&[i64::MIN, i64::MAX, -1, 0, 1, 2, 255, 256, -129])),
            2 => arrayapi::Scalar::UInt(u64::MAX),
            3 => arrayapi::Scalar::Int(self.rng.random_range(-5..6)),
            _ => arrayapi::Scalar::Float(self.float()),
        }
    }
}

/// The element count of a shape the generator made: zero when any dimension is zero
/// (before a huge dimension can overflow the product), `usize::MAX` past it.
pub fn elements(shape: &[usize]) -> usize {
    if shape.contains(&0) {
        0
    } else {
        shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d)).unwrap_or(usize::MAX)
    }
}
