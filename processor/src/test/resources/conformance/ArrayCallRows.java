package conformance;

import io.github.sourcegrad.Differentiable;

/** A @Differentiable helper with a loop, taking a row and a vector, called per row with a weight. */
class ArrayCallRows {
    @Differentiable
    static double weightedDist(double[] a, double[] b, double w) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += w * d * d;
        }
        return Math.sqrt(s);
    }

    @Differentiable
    static double f(double[][] points, double[] centre, double w) {
        double total = 0;
        for (int i = 0; i < points.length; i++) {
            total += weightedDist(points[i], centre, w * (i + 1));
        }
        return total;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, 1.3}, {-0.9, 0.2}, {0.7, 0.1}}, new double[] {0.4, -0.6}, 0.8};
    }
}
