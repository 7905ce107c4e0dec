package conformance;

import io.github.sourcegrad.Differentiable;

/** Two @Differentiable overloads of one helper name. */
class OverloadedHelpers {
    @Differentiable
    static double g(double x) {
        return x * x;
    }

    @Differentiable
    static double g(double x, double y) {
        return x * y + g(y);
    }

    @Differentiable
    static double f(double x, double y) {
        return g(x) + g(x, y);
    }

    static Object[] point() {
        return new Object[] {0.9, 1.1};
    }
}
