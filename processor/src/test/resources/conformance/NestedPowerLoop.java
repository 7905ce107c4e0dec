package conformance;

import io.github.sourcegrad.Differentiable;

/** T *= x in two nested loops: x^9. */
class NestedPowerLoop {
    @Differentiable
    static double f(double x) {
        double t = 1;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                t *= x;
            }
        }
        return t;
    }

    static Object[] point() {
        return new Object[] {1.1};
    }
}
