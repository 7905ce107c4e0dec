package conformance;

import io.github.sourcegrad.Differentiable;

/** Clad's while-loop test: x multiplied into a product while a counter runs down (x^n * y). */
class CladWhileCounter {
    @Differentiable
    static double f(double x, double y, int n) {
        double r = y;
        int i = n;
        while (i > 0) {
            r = r * x;
            i--;
        }
        return r;
    }

    static Object[] point() {
        return new Object[] {1.1, 0.7, 4};
    }
}
