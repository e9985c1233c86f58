//! Element-wise functions: the standard's 60-odd unary and binary functions, `astype`,
//! `to_device`, `clip`, and the op-generic primitives `unary`, `binary`, `binary_scalar`.
//!
//! The rows of the function table for this family (see [`crate::for_each_function`]).
//! Each row is one public function: its [`crate::FunctionId`] variant, its name in
//! errors, its signature by parameter kind ([`crate::api::kinds`]), its result kind and
//! its default implementation in [`crate::defaults::elementwise`] (none for a required primitive).

#[doc(hidden)]
#[macro_export]
macro_rules! __arrayapi_rows_elementwise {
    ([$($acc:tt)*] [$next:path $(, $rest:path)*] $cb:path) => {
        $next! { [$($acc)*
            /// Converts to `dtype` (`astype`). Float to integer truncates toward zero and
            /// saturates (NaN becomes 0); number to bool is `x != 0`; bool to number is 0 or 1.
            Astype "astype" => fn astype[x](dtype: [$crate::DType]) -> one;
            /// An element-wise function of one array; dtype rules in [`UnaryOp::result_dtype`](crate::UnaryOp::result_dtype).
            /// IEEE special cases follow the standard (`log(0) = -inf`, `sqrt(-1) = NaN`,
            /// `sign(NaN) = NaN`, `round` ties to even).
            Unary "unary" => fn unary[x](op: [$crate::UnaryOp]) -> one;
            /// An element-wise function of two arrays, broadcast together. Validate with
            /// [`check::binary`](crate::check::binary). Integer arithmetic wraps on overflow; `maximum`/`minimum`
            /// propagate NaN; integer `pow` with a negative exponent is an error.
            Binary "binary" => fn binary[x](other: arr, op: [$crate::BinaryOp]) -> one;
            /// Copies the array to `device` on the same backend (`to_device`). The default
            /// returns a clone for the current device and otherwise goes through host memory to
            /// [`BackendNamespace::on_device`](crate::BackendNamespace::on_device); GPU backends override it with a direct copy.
            ToDevice "to_device" => fn to_device[x](device: [$crate::Device]) -> one = elementwise::to_device;
            /// `self op scalar` (`Side::Right`) or `scalar op self` (`Side::Left`); the scalar
            /// takes this array's dtype ([`Scalar::cast`](crate::Scalar::cast)). The default makes a 0-d array and
            /// calls [`ArrayApi::binary`](crate::ArrayApi::binary); backends override it to skip that.
            BinaryScalar "binary_scalar" => fn binary_scalar[x](scalar: [$crate::Scalar], op: [$crate::BinaryOp], side: [$crate::Side]) -> one = elementwise::binary_scalar;
            /// `-x`.
            Negative "negative" => fn negative[x]() -> one = elementwise::negative;
            /// `|x|`.
            Abs "abs" => fn abs[x]() -> one = elementwise::abs;
            /// -1, 0 or 1 by the sign of `x` (NaN stays NaN; -0 gives 0).
            Sign "sign" => fn sign[x]() -> one = elementwise::sign;
            /// `x * x`.
            Square "square" => fn square[x]() -> one = elementwise::square;
            /// `e^x`.
            Exp "exp" => fn exp[x]() -> one = elementwise::exp;
            /// `e^x - 1`, accurate near 0.
            Expm1 "expm1" => fn expm1[x]() -> one = elementwise::expm1;
            /// Natural logarithm.
            Log "log" => fn log[x]() -> one = elementwise::log;
            /// `log(1 + x)`, accurate near 0.
            Log1p "log1p" => fn log1p[x]() -> one = elementwise::log1p;
            /// Square root.
            Sqrt "sqrt" => fn sqrt[x]() -> one = elementwise::sqrt;
            /// Sine.
            Sin "sin" => fn sin[x]() -> one = elementwise::sin;
            /// Cosine.
            Cos "cos" => fn cos[x]() -> one = elementwise::cos;
            /// Hyperbolic tangent.
            Tanh "tanh" => fn tanh[x]() -> one = elementwise::tanh;
            /// Round toward -inf (identity on integers).
            Floor "floor" => fn floor[x]() -> one = elementwise::floor;
            /// Round toward +inf (identity on integers).
            Ceil "ceil" => fn ceil[x]() -> one = elementwise::ceil;
            /// Round to nearest, ties to even (identity on integers).
            Round "round" => fn round[x]() -> one = elementwise::round;
            /// Boolean not.
            LogicalNot "logical_not" => fn logical_not[x]() -> one = elementwise::logical_not;
            /// `true` where NaN.
            Isnan "isnan" => fn isnan[x]() -> one = elementwise::isnan;
            /// `true` where +-inf.
            Isinf "isinf" => fn isinf[x]() -> one = elementwise::isinf;
            /// `true` where neither NaN nor infinite.
            Isfinite "isfinite" => fn isfinite[x]() -> one = elementwise::isfinite;
            /// Inverse cosine.
            Acos "acos" => fn acos[x]() -> one = elementwise::acos;
            /// Inverse hyperbolic cosine.
            Acosh "acosh" => fn acosh[x]() -> one = elementwise::acosh;
            /// Inverse sine.
            Asin "asin" => fn asin[x]() -> one = elementwise::asin;
            /// Inverse hyperbolic sine.
            Asinh "asinh" => fn asinh[x]() -> one = elementwise::asinh;
            /// Inverse tangent.
            Atan "atan" => fn atan[x]() -> one = elementwise::atan;
            /// Inverse hyperbolic tangent.
            Atanh "atanh" => fn atanh[x]() -> one = elementwise::atanh;
            /// Hyperbolic cosine.
            Cosh "cosh" => fn cosh[x]() -> one = elementwise::cosh;
            /// Hyperbolic sine.
            Sinh "sinh" => fn sinh[x]() -> one = elementwise::sinh;
            /// Tangent.
            Tan "tan" => fn tan[x]() -> one = elementwise::tan;
            /// Base-2 logarithm.
            Log2 "log2" => fn log2[x]() -> one = elementwise::log2;
            /// Base-10 logarithm.
            Log10 "log10" => fn log10[x]() -> one = elementwise::log10;
            /// `1 / x` (floating point only).
            Reciprocal "reciprocal" => fn reciprocal[x]() -> one = elementwise::reciprocal;
            /// Round toward zero (identity on integers).
            Trunc "trunc" => fn trunc[x]() -> one = elementwise::trunc;
            /// `+x`: a copy (numbers only).
            Positive "positive" => fn positive[x]() -> one = elementwise::positive;
            /// `true` where the sign bit is set (`-0.0` and negative NaN included).
            Signbit "signbit" => fn signbit[x]() -> one = elementwise::signbit;
            /// `x1 + x2`.
            Add "add" => fn add[x](other: opd) -> one = elementwise::add;
            /// `x1 - x2`.
            Subtract "subtract" => fn subtract[x](other: opd) -> one = elementwise::subtract;
            /// `x1 * x2`.
            Multiply "multiply" => fn multiply[x](other: opd) -> one = elementwise::multiply;
            /// `x1 / x2` (floating point only).
            Divide "divide" => fn divide[x](other: opd) -> one = elementwise::divide;
            /// `x1 ** x2`.
            Pow "pow" => fn pow[x](other: opd) -> one = elementwise::pow;
            /// Element-wise maximum; NaN propagates.
            Maximum "maximum" => fn maximum[x](other: opd) -> one = elementwise::maximum;
            /// Element-wise minimum; NaN propagates.
            Minimum "minimum" => fn minimum[x](other: opd) -> one = elementwise::minimum;
            /// `x1 == x2`.
            Equal "equal" => fn equal[x](other: opd) -> one = elementwise::equal;
            /// `x1 != x2`.
            NotEqual "not_equal" => fn not_equal[x](other: opd) -> one = elementwise::not_equal;
            /// `x1 < x2`.
            Less "less" => fn less[x](other: opd) -> one = elementwise::less;
            /// `x1 <= x2`.
            LessEqual "less_equal" => fn less_equal[x](other: opd) -> one = elementwise::less_equal;
            /// `x1 > x2`.
            Greater "greater" => fn greater[x](other: opd) -> one = elementwise::greater;
            /// `x1 >= x2`.
            GreaterEqual "greater_equal" => fn greater_equal[x](other: opd) -> one = elementwise::greater_equal;
            /// Boolean and.
            LogicalAnd "logical_and" => fn logical_and[x](other: opd) -> one = elementwise::logical_and;
            /// Boolean or.
            LogicalOr "logical_or" => fn logical_or[x](other: opd) -> one = elementwise::logical_or;
            /// Boolean exclusive or.
            LogicalXor "logical_xor" => fn logical_xor[x](other: opd) -> one = elementwise::logical_xor;
            /// The angle of the point `(x2, x1)`, quadrant-aware (`atan2(x1, x2)` with `self` as `x1`).
            Atan2 "atan2" => fn atan2[x](other: opd) -> one = elementwise::atan2;
            /// `sqrt(x1^2 + x2^2)` without undue overflow; infinite if either is infinite.
            Hypot "hypot" => fn hypot[x](other: opd) -> one = elementwise::hypot;
            /// `|x1|` with the sign of `x2`.
            Copysign "copysign" => fn copysign[x](other: opd) -> one = elementwise::copysign;
            /// `log(exp(x1) + exp(x2))` without overflow.
            Logaddexp "logaddexp" => fn logaddexp[x](other: opd) -> one = elementwise::logaddexp;
            /// Clamps to `[min, max]` (either bound optional; NaN propagates). As in the standard,
            /// the result has `self`'s dtype; array bounds broadcast with `self` (x of shape `[2]`
            /// with a min of shape `[2, 1]` gives `[2, 2]`).
            Clip "clip" => fn clip[x](min: opt_opd, max: opt_opd) -> one = elementwise::clip;
            /// `x1 & x2` (integers and bool).
            BitwiseAnd "bitwise_and" => fn bitwise_and[x](other: opd) -> one = elementwise::bitwise_and;
            /// `x1 | x2` (integers and bool).
            BitwiseOr "bitwise_or" => fn bitwise_or[x](other: opd) -> one = elementwise::bitwise_or;
            /// `x1 ^ x2` (integers and bool).
            BitwiseXor "bitwise_xor" => fn bitwise_xor[x](other: opd) -> one = elementwise::bitwise_xor;
            /// `x1 << x2` (integers; a count that is negative or at least the width gives 0).
            BitwiseLeftShift "bitwise_left_shift" => fn bitwise_left_shift[x](other: opd) -> one = elementwise::bitwise_left_shift;
            /// `x1 >> x2`, arithmetic for signed integers.
            BitwiseRightShift "bitwise_right_shift" => fn bitwise_right_shift[x](other: opd) -> one = elementwise::bitwise_right_shift;
            /// `~x` (integers; logical NOT for bool).
            BitwiseInvert "bitwise_invert" => fn bitwise_invert[x]() -> one = elementwise::bitwise_invert;
            /// `x1 // x2`: the floor of the quotient (Python's and NumPy's results, including
            /// `1 // 0.1 == 9`); an integer division by zero gives 0.
            FloorDivide "floor_divide" => fn floor_divide[x](other: opd) -> one = elementwise::floor_divide;
            /// `x1 % x2` with the divisor's sign (Python's `%`); an integer remainder by zero
            /// gives 0.
            Remainder "remainder" => fn remainder[x](other: opd) -> one = elementwise::remainder;
            /// The next representable float after `x1` towards `x2`.
            Nextafter "nextafter" => fn nextafter[x](other: opd) -> one = elementwise::nextafter;
        ] [$($rest),*] $cb }
    };
}
