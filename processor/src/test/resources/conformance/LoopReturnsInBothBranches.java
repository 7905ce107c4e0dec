package conformance;

import io.github.sourcegrad.Differentiable;

/** A loop that returns from either branch of an if inside it, or falls out at the end. */
class LoopReturnsInBothBranches {
    @Differentiable
    static double f(double x, double y) {
        double a = x;
        for (int i = 0; i < 10; i++) {
            a = a * 1.2 + y;
            if (a > 5) {
                return a - y;
            } else if (a < -5) {
                return a + y;
            }
        }
        return a;
    }

    static Object[] point() {
        return new Object[] {0.5, 0.3};
    }
}
