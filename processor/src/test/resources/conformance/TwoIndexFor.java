package conformance;

import io.github.sourcegrad.Differentiable;

/** A for loop with two indices moving toward each other (i++, j--), pairing elements from both ends. */
class TwoIndexFor {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (int i = 0, j = x.length - 1; i < j; i++, j--) {
            s += x[i] * x[j];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.5, -0.7, 2.0, 0.3, -1.1}};
    }
}
