package conformance;

import io.github.sourcegrad.Differentiable;

/** Ternaries mixing int and double operands, and a ternary as a call argument. */
class MixedTernaryTypes {
    @Differentiable
    static double f(double x, int k) {
        double w = k > 2 ? 1 : x;
        double v = k < 0 ? k : x * x;
        return Math.exp(k % 2 == 0 ? -x : x) * w + v;
    }

    static Object[] point() {
        return new Object[] {0.6, 3};
    }
}
