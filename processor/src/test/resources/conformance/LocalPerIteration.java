package conformance;

import io.github.sourcegrad.Differentiable;

/** A local declared in each iteration: 3x^2 + 3x. */
class LocalPerIteration {
    @Differentiable
    static double f(double x) {
        double res = 0;
        for (int i = 0; i < 3; ++i) {
            final double n = x + i;
            res += x * n;
        }
        return res;
    }

    static Object[] point() {
        return new Object[] {0.8};
    }
}
