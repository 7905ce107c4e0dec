package conformance;

import io.github.sourcegrad.Differentiable;

/** Math.pow of a negative base to integer exponents: a constant, an int variable, a double constant local. */
class PowNegativeBase {
    @Differentiable
    static double f(double x, int n) {
        double k = 3;
        return Math.pow(x, n) + Math.pow(x, 2.0) + Math.pow(x, k) + Math.pow(x - 1, 4);
    }

    static Object[] point() {
        return new Object[] {-1.3, 5};
    }
}
