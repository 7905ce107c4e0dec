package conformance;

import io.github.sourcegrad.Differentiable;

/** A do-while that accumulates x * i until i reaches the bound, as Clad's do-while tests do. */
class CladDoWhileSum {
    @Differentiable
    static double f(double x, double y) {
        double s = 0;
        int i = 0;
        do {
            s += x * i + y * y;
            ++i;
        } while (i < 5);
        return s;
    }

    static Object[] point() {
        return new Object[] {0.6, -1.2};
    }
}
