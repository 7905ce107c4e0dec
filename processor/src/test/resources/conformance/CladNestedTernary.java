package conformance;

import io.github.sourcegrad.Differentiable;

/** Nested conditional expressions choosing between smooth pieces. */
class CladNestedTernary {
    @Differentiable
    static double f(double x, double y) {
        double z = x > y ? (x > 2 * y ? x * x : x * y) : (y > 0 ? y * y * y : -y);
        return z + (x < 0 ? -x : x) * y;
    }

    static Object[] point() {
        return new Object[] {1.5, 1.0};
    }
}
