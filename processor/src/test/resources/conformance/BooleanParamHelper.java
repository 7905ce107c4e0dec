package conformance;

import io.github.sourcegrad.Differentiable;

/** A helper with boolean and int parameters called in a loop with varying flags. */
class BooleanParamHelper {
    @Differentiable
    static double act(double x, boolean smooth, int power) {
        double base = smooth ? Math.log1p(Math.exp(x)) : Math.max(x, 0);
        double r = 1;
        for (int k = 0; k < power; k++) {
            r *= base;
        }
        return r;
    }

    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += act(x[i], i % 2 == 0, i + 1);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9, 1.3}};
    }
}
