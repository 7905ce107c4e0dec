package conformance;

import io.github.sourcegrad.Differentiable;

/** A for counter advanced by i += 2 inside the body of an i++ loop, no branch. */
class CounterSkipTwo {
    @Differentiable
    static double f(double[] x) {
        double s = 1;
        for (int i = 0; i < x.length; i++) {
            s = Math.sin(s) * x[i];
            i += 1;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.2, 2.0, 0.7, -0.3, 1.1, 0.9}};
    }
}
