package conformance;

import io.github.sourcegrad.Differentiable;

/** A return inside a loop that stops it early: x^2. */
class EarlyReturnInLoop {
    @Differentiable
    static double f(double x) {
        double t = 1;
        for (int i = 0; i < 3; i++) {
            t *= x;
            if (i == 1) {
                return t;
            }
        }
        return t;
    }

    static Object[] point() {
        return new Object[] {1.3};
    }
}
