package conformance;

import io.github.sourcegrad.Differentiable;

/** A colon switch on i % 3 inside a loop, with break leaving the switch only. */
class CladSwitchInLoop {
    @Differentiable
    static double f(double x, double y) {
        double r = 0;
        for (int i = 0; i < 7; i++) {
            switch (i % 3) {
                case 0:
                    r += x;
                    break;
                case 1:
                    r *= y;
                    break;
                default:
                    r -= x * y;
            }
        }
        return r;
    }

    static Object[] point() {
        return new Object[] {0.5, 1.4};
    }
}
