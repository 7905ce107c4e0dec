package conformance;

import io.github.sourcegrad.Differentiable;

/** The Bessel function J0 by its power series with a fixed number of terms. */
class BesselJ0Series {
    @Differentiable
    static double f(double x) {
        double q = -0.25 * x * x;
        double term = 1;
        double sum = 1;
        for (int k = 1; k <= 25; k++) {
            term = term * q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    static Object[] point() {
        return new Object[] {2.1};
    }
}
