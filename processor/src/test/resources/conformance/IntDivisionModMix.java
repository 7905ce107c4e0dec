package conformance;

import io.github.sourcegrad.Differentiable;

/** Integer division and remainder in indices and weights mixed with doubles. */
class IntDivisionModMix {
    @Differentiable
    static double f(double[] x) {
        int n = x.length;
        int half = n / 2;
        double s = 0;
        for (int k = 0; k < n; k++) {
            int mirror = (k + half) % n;
            double w = (k / 2) + 0.5 * (k % 2);
            s += w * x[k] * x[mirror] / (1 + k / 3);
        }
        return s + (double) n / 4 * x[half];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, 1.1, -0.4, 0.8, 1.6, -0.9, 0.2}};
    }
}
