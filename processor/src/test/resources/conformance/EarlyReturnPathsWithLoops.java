package conformance;

import io.github.sourcegrad.Differentiable;

/** Each branch of a final if/else has its own loop over a written local array and returns its own value. */
class EarlyReturnPathsWithLoops {
    @Differentiable
    static double f(double[] x, double mode) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i] * mode;
        }
        if (mode > 1) {
            for (int i = 1; i < a.length; i++) {
                a[i] = a[i] * a[i - 1] + 1;
            }
            return a[a.length - 1];
        } else if (mode > 0) {
            double s = 0;
            for (int i = a.length - 1; i >= 0; i--) {
                a[i] = Math.exp(a[i]) - s;
                s += a[i];
            }
            return s * mode;
        }
        return a[0];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.1, -0.3, 0.8}, 0.7};
    }
}
