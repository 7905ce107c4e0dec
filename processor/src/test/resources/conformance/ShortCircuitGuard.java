package conformance;

import io.github.sourcegrad.Differentiable;

/** && and || guarding array reads against out-of-range indices, in a loop condition and in ifs. */
class ShortCircuitGuard {
    @Differentiable
    static double f(double[] x, int k) {
        int j = x.length - 1;
        double s = 0;
        while (j >= 0 && x[j] > 0) {
            s += x[j] * x[j];
            j--;
        }
        for (int i = 0; i < x.length; i++) {
            if (i > 0 && x[i - 1] > 0) {
                s += x[i] * x[i - 1];
            }
        }
        if (k >= x.length || x[k] < 0) {
            return s + x[0];
        }
        return s * x[k];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.5, 2.0}, 3};
    }
}
