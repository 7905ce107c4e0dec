package conformance;

import io.github.sourcegrad.Differentiable;

/** while (true) with a break in the middle of the body: the statements after it run one time fewer. */
class WhileBreakMiddle {
    @Differentiable
    static double f(double x) {
        double a = x;
        double b = 1;
        int i = 0;
        while (true) {
            a = a * 1.3 + 0.1;
            if (a > 4) {
                break;
            }
            b = b * a + x;
            i++;
        }
        return a + b + i;
    }

    static Object[] point() {
        return new Object[] {0.45};
    }
}
