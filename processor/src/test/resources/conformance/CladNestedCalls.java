package conformance;

import io.github.sourcegrad.Differentiable;

/** Calls nested inside calls: f(x, y) = outer(inner(x) , middle(inner(y), x)). */
class CladNestedCalls {
    @Differentiable
    static double inner(double a) {
        return a * a + 1;
    }

    @Differentiable
    static double middle(double a, double b) {
        return Math.log(a) * b;
    }

    @Differentiable
    static double outer(double a, double b) {
        return a * Math.exp(-b);
    }

    @Differentiable
    static double f(double x, double y) {
        return outer(inner(x), middle(inner(y), x)) + inner(middle(x + 1, y));
    }

    static Object[] point() {
        return new Object[] {0.8, -0.6};
    }
}
