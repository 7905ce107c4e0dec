package conformance;

import io.github.sourcegrad.Differentiable;

/** Straight-line caller of helpers with an early return and a ternary, each called with different signs. */
class InlinedHelperBranches {
    @Differentiable
    static double softAbs(double x, double eps) {
        if (x > eps) {
            return x;
        }
        if (x < -eps) {
            return -x;
        }
        return (x * x / eps + eps) / 2;
    }

    @Differentiable
    static double leaky(double x) {
        return x > 0 ? x : 0.01 * x;
    }

    @Differentiable
    static double f(double x, double y) {
        return softAbs(x, 0.1) + softAbs(y, 0.5) + softAbs(x - y, 2) + leaky(x) * leaky(y);
    }

    static Object[] point() {
        return new Object[] {0.6, -0.3};
    }
}
