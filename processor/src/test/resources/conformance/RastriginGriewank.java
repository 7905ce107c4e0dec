package conformance;

import io.github.sourcegrad.Differentiable;

/** Rastrigin's sum plus Griewank's sum and product, the product over sqrt(i + 1). */
class RastriginGriewank {
    @Differentiable
    static double f(double[] x) {
        double r = 10.0 * x.length;
        double sum = 0;
        double prod = 1;
        for (int i = 0; i < x.length; i++) {
            r += x[i] * x[i] - 10 * Math.cos(2 * Math.PI * x[i]);
            sum += x[i] * x[i] / 4000;
            prod *= Math.cos(x[i] / Math.sqrt(i + 1));
        }
        return r + sum - prod + 1;
    }

    static Object[] point() {
        return new Object[] {new double[] {1.3, -0.4, 2.1, 0.8, -1.6}};
    }
}
