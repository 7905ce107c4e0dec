package conformance;

import io.github.sourcegrad.Differentiable;

/** Guard clauses returning early before the main loop, the main loop writing a local array. */
class GuardReturnThenLoop {
    @Differentiable
    static double f(double[] x, double t) {
        if (x.length < 2) {
            return t;
        }
        if (t < 0) {
            return -t * x[0];
        }
        double[] v = new double[x.length];
        v[0] = x[0];
        for (int i = 1; i < x.length; i++) {
            v[i] = v[i - 1] * t + x[i];
        }
        return v[x.length - 1] * v[0];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.1, -0.3, 0.8}, 0.7};
    }
}
