package conformance;

import io.github.sourcegrad.Differentiable;

/** A piecewise cubic Hermite curve: the interval found by binary search over knots, then the cubic in it. */
class SplineBinarySearch {
    static final double[] KNOTS = {0.0, 0.5, 1.2, 2.0, 3.1, 4.0};

    @Differentiable
    static double f(double[] values, double[] slopes, double t) {
        int lo = 0;
        int hi = KNOTS.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (KNOTS[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double h = KNOTS[hi] - KNOTS[lo];
        double s = (t - KNOTS[lo]) / h;
        double h00 = (1 + 2 * s) * (1 - s) * (1 - s);
        double h10 = s * (1 - s) * (1 - s);
        double h01 = s * s * (3 - 2 * s);
        double h11 = s * s * (s - 1);
        return h00 * values[lo] + h10 * h * slopes[lo] + h01 * values[hi] + h11 * h * slopes[hi];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.0, 0.4, 1.1, 0.9, 1.5, 2.0}, new double[] {1.0, 0.8, 0.2, -0.1, 0.6, 0.4},
                2.45};
    }
}
