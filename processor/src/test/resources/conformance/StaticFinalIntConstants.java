package conformance;

import io.github.sourcegrad.Differentiable;

/** static final int and double constants sizing loops and scaling terms. */
class StaticFinalIntConstants {
    static final int TERMS = 6;
    static final double STEP = 0.25;
    private static final double HALF = 0.5;

    @Differentiable
    static double f(double x) {
        double s = 0;
        for (int k = 0; k < TERMS; k++) {
            s += Math.cos(k * STEP * x) * HALF / (k + 1);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {1.3};
    }
}
