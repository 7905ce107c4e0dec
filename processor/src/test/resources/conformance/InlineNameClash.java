package conformance;

import io.github.sourcegrad.Differentiable;

/** Caller locals named like an inlined callee's prefixed names (sqX, sqT1, dsqX), called twice in one expression. */
class InlineNameClash {
    @Differentiable
    static double sq(double x) {
        double t = x * x;
        return t * Math.sin(x);
    }

    @Differentiable
    static double cube(double x) {
        double t = sq(x) * x;
        return t + sq(t);
    }

    @Differentiable
    static double f(double x, double y) {
        double sqX = x + y;
        double sqT = x * y;
        double sqT1 = sqX * 2;
        double dsqX = sqT + 1;
        double cubeT = 0.5;
        return sq(sqX) * sq(sqT) + cube(dsqX) + sqT1 * cubeT + cube(x) * sq(y);
    }

    static Object[] point() {
        return new Object[] {0.6, 0.9};
    }
}
