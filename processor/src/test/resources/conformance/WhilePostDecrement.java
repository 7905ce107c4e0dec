package conformance;

import io.github.sourcegrad.Differentiable;

/** While (n-- > 0) r *= x: x^n. */
class WhilePostDecrement {
    @Differentiable
    static double f(double x, int n) {
        double r = 1;
        while (n-- > 0) {
            r *= x;
        }
        return r;
    }

    static Object[] point() {
        return new Object[] {1.2, 4};
    }
}
