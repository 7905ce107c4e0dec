package conformance;

import io.github.sourcegrad.Differentiable;

/** Break and continue in a loop over an array. */
class BreakAndContinue {
    @Differentiable
    static double f(double[] x, double c) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                continue;
            }
            if (s > 10) {
                break;
            }
            s += c * x[i] * x[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {1.5, -2, 2.5, 0.5, 3}, 0.8};
    }
}
