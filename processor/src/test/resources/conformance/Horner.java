package conformance;

import io.github.sourcegrad.Differentiable;

/** A polynomial by Horner's rule with coefficients in an array. */
class Horner {
    @Differentiable
    static double f(double[] c, double x) {
        double p = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            p = p * x + c[i];
        }
        return p;
    }

    static Object[] point() {
        return new Object[] {new double[] {1, -2, 0.5, 3}, 0.7};
    }
}
