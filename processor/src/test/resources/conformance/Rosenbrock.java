package conformance;

import io.github.sourcegrad.Differentiable;

/** The extended Rosenbrock function over an array. */
class Rosenbrock {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {-1.2, 1, 0.8, 1.3}};
    }
}
