package conformance;

import io.github.sourcegrad.Differentiable;

/** Several early returns, the last one after a loop. */
class CladMultipleReturns {
    @Differentiable
    static double f(double x, double y) {
        if (x < -10) {
            return 0;
        }
        double z = x * y;
        if (z > 100) {
            return z;
        } else if (z < -100) {
            return -z;
        }
        for (int i = 0; i < 3; i++) {
            z = z * 0.5 + Math.sin(x);
        }
        return z * y;
    }

    static Object[] point() {
        return new Object[] {0.9, 2.1};
    }
}
