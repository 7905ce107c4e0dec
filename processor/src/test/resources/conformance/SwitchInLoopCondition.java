package conformance;

import io.github.sourcegrad.Differentiable;

/** A ternary and a switch expression in loop bounds. */
class SwitchInLoopCondition {
    @Differentiable
    static double f(double x, int mode) {
        double s = 0;
        for (int i = 0; i < switch (mode) { case 0 -> 2; case 1 -> 4; default -> 6; }; i++) {
            s = s * x + 1;
        }
        for (int i = 0; i < (mode > 0 ? 3 : 1); i++) {
            s += Math.cos(s * x);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {0.7, 1};
    }
}
