package conformance;

import io.github.sourcegrad.Differentiable;

/** I = j = 0 and a = b = x * y. */
class ChainedAssignment {
    @Differentiable
    static double f(double x, double y) {
        double a;
        double b;
        a = b = x * y;
        return a * b + a;
    }

    static Object[] point() {
        return new Object[] {0.7, -1.4};
    }
}
