//! Elementary functions where Rust's own lose range or accuracy. `f64::acosh` computes
//! `ln(x + sqrt(x * x - 1))`, and `x * x` overflows for `x` above about `1.3e154`
//! (float64) or `1.8e19` (float32), so `acosh(f64::MAX)` came out as `inf` instead of
//! 710.48 (`asinh` likewise). `f64::atanh` computes `ln_1p(2x / (1 - x)) / 2`, whose
//! rounded quotient loses digits near `|x| = 1` (about 7 ulps in float32 at `x = -0.988`,
//! found by the fuzzing campaign). Backends compute these three through here.

use num_traits::Float;

/// Above this, `acosh(x) = ln(x) + ln 2` and `asinh(x) = ln(x) + ln 2` to the last place
/// (the dropped term is below `1 / (4 x^2)`, far below float64's resolution of `ln x`).
const LARGE: f64 = 268_435_456.0; // 2^28

/// `acosh(x)` for every `x`: NaN below 1 and for NaN, `inf` only for `inf`. Between 1
/// and 2, `ln_1p(t + sqrt(2t + t^2))` with `t = x - 1` (exact there): std's
/// `x * x - 1` cancels near 1 (7 ulps in float32 at `x = 1.0048`, found by the fuzzing
/// campaign).
pub fn acosh<T: Float>(x: T) -> T {
    let large = T::from(LARGE).unwrap_or_else(T::max_value);
    let two = T::one() + T::one();
    if x > large {
        x.ln() + T::from(std::f64::consts::LN_2).unwrap_or_else(T::zero)
    } else if x > T::one() && x < two {
        let t = x - T::one();
        (t + (two * t + t * t).sqrt()).ln_1p()
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

/// `atanh(x) = (ln_1p(x) - ln_1p(-x)) / 2`: the two logarithms have opposite signs, so
/// nothing cancels, and `1 - |x|` is exact near `|x| = 1`. Odd, signed zeros kept;
/// `+-inf` at `+-1`, NaN beyond.
pub fn atanh<T: Float>(x: T) -> T {
    let half = T::from(0.5).unwrap_or_else(T::zero);
    half * (x.ln_1p() - (-x).ln_1p())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acosh_is_accurate_near_one() {
        // Reference: acosh(x) = 2 asinh(sqrt((x - 1) / 2)), x - 1 exact, in float64.
        for x in [1.0048f32, 1.0000001, 1.25, 1.999] {
            let xf = x as f64;
            let want = (2.0 * ((xf - 1.0) / 2.0).sqrt().asinh()) as f32;
            let got = acosh(x);
            assert!((got - want).abs() <= f32::EPSILON * want, "acosh({x}) = {got}, want {want}");
        }
        assert_eq!(acosh(1.0f32), 0.0);
        assert!((acosh(2.0f64) - 1.3169578969248166).abs() < 1e-15);
    }

    #[test]
    fn atanh_is_accurate_near_one_and_keeps_its_special_cases() {
        // Reference: atanh(x) = ln((1 + x) / (1 - x)) / 2 in float64 (1 - x and 1 + x
        // exact or nearly so here), rounded to float32.
        for x in [-0.98835f32, 0.99, -0.9999, 0.75, -0.5] {
            let xf = x as f64;
            let want = (0.5 * ((1.0 + xf).ln() - (1.0 - xf).ln())) as f32;
            let got = atanh(x);
            assert!((got - want).abs() <= f32::EPSILON * want.abs(), "atanh({x}) = {got}, want {want}");
        }
        assert_eq!(atanh(1.0f64), f64::INFINITY);
        assert_eq!(atanh(-1.0f64), f64::NEG_INFINITY);
        assert!(atanh(1.5f64).is_nan() && atanh(f64::NAN).is_nan());
        assert!(atanh(-0.0f64).is_sign_negative() && atanh(-0.0f64) == 0.0);
        assert!(atanh(0.0f64).is_sign_positive());
        assert_eq!(atanh(1e-300f64), 1e-300);
    }

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
        for x in [1.0, 10.0, 1e8, 2e8] {
            assert_eq!(acosh(x), x.acosh());
            assert_eq!(asinh(-x), (-x).asinh());
        }
        assert!(asinh(-0.0f64).is_sign_negative() && asinh(-0.0f64) == 0.0);
    }
}
