package conformance;

import io.github.sourcegrad.Differentiable;

/** StrictMath and Math functions mixed in one expression. */
class StrictMathMix {
    @Differentiable
    static double f(double x, double y) {
        double a = StrictMath.sinh(x) * StrictMath.cos(y) + Math.atan2(y, x);
        double b = StrictMath.log1p(x * x) - Math.expm1(-y) + StrictMath.cbrt(x + 2);
        double c = StrictMath.hypot(x, y) * Math.tanh(x - y) + StrictMath.pow(x, 2.5);
        return a * b + c + Math.toDegrees(Math.asin(y / 3)) / 100;
    }

    static Object[] point() {
        return new Object[] {0.8, 0.45};
    }
}
