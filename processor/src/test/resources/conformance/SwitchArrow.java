package conformance;

import io.github.sourcegrad.Differentiable;

/** An arrow switch on an int parameter. */
class SwitchArrow {
    @Differentiable
    static double f(double x, int k) {
        double y;
        switch (k) {
            case 0 -> y = x;
            case 1, 2 -> y = x * x;
            default -> y = Math.sin(x);
        }
        return y;
    }

    static Object[] point() {
        return new Object[] {0.7, 2};
    }
}
