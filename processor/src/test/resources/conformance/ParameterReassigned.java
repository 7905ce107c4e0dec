package conformance;

import io.github.sourcegrad.Differentiable;

/** Clad's tests reassign parameters: x = x * x, y += x, then a loop on the new x. */
class ParameterReassigned {
    @Differentiable
    static double f(double x, double y, int n) {
        x = x * x;
        y += x;
        while (n-- > 0) {
            x = x * y;
            y = y - 0.1;
        }
        return x + y;
    }

    static Object[] point() {
        return new Object[] {0.9, 1.1, 3};
    }
}
