package conformance;

import io.github.sourcegrad.Differentiable;

/** The chained Rosenbrock function in n dimensions, and the pairwise (extended) form with a step of two. */
class ExtendedRosenbrock {
    @Differentiable
    static double f(double[] x, boolean chained) {
        double s = 0;
        if (chained) {
            for (int i = 0; i < x.length - 1; i++) {
                double a = x[i + 1] - x[i] * x[i];
                double b = 1 - x[i];
                s += 100 * a * a + b * b;
            }
        } else {
            for (int i = 0; i < x.length; i += 2) {
                double a = x[i + 1] - x[i] * x[i];
                s += 100 * a * a + (1 - x[i]) * (1 - x[i]);
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {-1.2, 1.0, -1.2, 1.0, 0.5, 0.3}, true};
    }
}
