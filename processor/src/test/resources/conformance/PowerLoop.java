package conformance;

import io.github.sourcegrad.Differentiable;

/** T *= x in a counted loop: x^3. */
class PowerLoop {
    @Differentiable
    static double f(double x) {
        double t = 1;
        for (int i = 0; i < 3; i++) {
            t *= x;
        }
        return t;
    }

    static Object[] point() {
        return new Object[] {1.7};
    }
}
