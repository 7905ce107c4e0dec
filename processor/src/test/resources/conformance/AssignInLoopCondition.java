package conformance;

import io.github.sourcegrad.Differentiable;

/** An assignment inside a while condition: while ((d = step(d)) > tol). */
class AssignInLoopCondition {
    @Differentiable
    static double f(double x) {
        double d = x;
        double s = 0;
        int n = 0;
        while ((d = d * 0.5 + 0.01 * x) > 0.05) {
            s += d;
            n++;
        }
        return s + n * x;
    }

    static Object[] point() {
        return new Object[] {1.7};
    }
}
