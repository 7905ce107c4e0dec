package conformance;

import io.github.sourcegrad.Differentiable;

/** Newton's square root in a do-while until converged. */
class NewtonSqrt {
    @Differentiable
    static double f(double a) {
        double x = a;
        double previous;
        do {
            previous = x;
            x = 0.5 * (x + a / x);
        } while (Math.abs(x - previous) > 1e-15 * x);
        return x;
    }

    static Object[] point() {
        return new Object[] {2.5};
    }
}
