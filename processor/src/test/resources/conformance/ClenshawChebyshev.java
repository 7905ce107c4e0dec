package conformance;

import io.github.sourcegrad.Differentiable;

/** A Chebyshev series evaluated by Clenshaw's backward recurrence, coefficients differentiated too. */
class ClenshawChebyshev {
    @Differentiable
    static double f(double[] c, double x) {
        double b1 = 0;
        double b2 = 0;
        for (int k = c.length - 1; k >= 1; k--) {
            double b0 = 2 * x * b1 - b2 + c[k];
            b2 = b1;
            b1 = b0;
        }
        return x * b1 - b2 + c[0];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.25, 0.125, 0.3, -0.07}, 0.37};
    }
}
