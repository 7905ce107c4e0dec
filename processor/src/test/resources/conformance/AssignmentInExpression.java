package conformance;

import io.github.sourcegrad.Differentiable;

/** (x = y) / (y * y). */
class AssignmentInExpression {
    @Differentiable
    static double f(double x, double y) {
        return (x = y) / (y * y) + x;
    }

    static Object[] point() {
        return new Object[] {0.7, 1.9};
    }
}
