//! Elementary functions where Rust's own lose range: `acosh` and `asinh` of large
//! arguments. `f64::acosh` computes `ln(x + sqrt(x * x - 1))`, and `x * x` overflows for
//! `x` above about `1.3e154` (float64) or `1.8e19` (float32), so `acosh(f64::MAX)` came
//! out as `inf` instead of 710.48. Backends compute these two through here.

use num_traits::Float;

/// Above this, `acosh(x) = ln(x) + ln 2` and `asinh(x) = ln(x) + ln 2` to the last place
/// (the dropped term is below `1 / (4 x^2)`, far below float64's resolution of `ln x`).
const LARGE: f64 = 268_435_456.0; // 2^28

/// `acosh(x)` for every `x`: NaN below 1 and for NaN, `inf` only for `inf`.
pub fn acosh<T: Float>(x: T) -> T {
    let large = T::from(LARGE).unwrap_or_else(T::max_value);
    if x > large {
        x.ln() + T::from(std::f64::consts::LN_2).unwrap_or_else(T::zero)
    } else {
        x.acosh()
    }
}

/// `asinh(x)` for every `x`, odd: `asinh(-x) = -asinh(x)`, signed zeros kept.
pub fn asinh<T: Float>(x: T) -> T {
    let large = T::from(LARGE).unwrap_or_else(T::max_value);
    if x.abs() > large {
        let v = x.abs().ln() + T::from(std::f64::consts::LN_2).unwrap_or_else(T::zero);
        if x < T::zero() {
            -v
        } else {
            v
        }
    } else {
        x.asinh()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_arguments_do_not_overflow() {
        // References: acosh(x) = ln(2x) - 1/(4x^2) - ..., exact to float64 here.
        let want = f64::MAX.ln() + std::f64::consts::LN_2;
        assert!((acosh(f64::MAX) - want).abs() <= 1e-15 * want, "{}", acosh(f64::MAX));
        assert!((asinh(-f64::MAX) + want).abs() <= 1e-15 * want);
        let w32 = (f32::MAX as f64).ln() + std::f64::consts::LN_2;
        assert!((acosh(3e38f32) as f64 - (3e38f64.ln() + std::f64::consts::LN_2)).abs() < 1e-5 * w32);
        assert_eq!(acosh(f64::INFINITY), f64::INFINITY);
        assert_eq!(asinh(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert!(acosh(f64::NAN).is_nan() && acosh(0.5).is_nan() && asinh(f64::NAN).is_nan());
        // Where std's are right, these are std's.
        for x in [1.0, 1.5, 10.0, 1e8, 2e8] {
            assert_eq!(acosh(x), x.acosh());
            assert_eq!(asinh(-x), (-x).asinh());
        }
        assert!(asinh(-0.0f64).is_sign_negative() && asinh(-0.0f64) == 0.0);
    }
}
