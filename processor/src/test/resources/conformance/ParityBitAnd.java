package conformance;

import io.github.sourcegrad.Differentiable;

/** Alternating signs chosen by (i & 1), a common integer idiom. */
class ParityBitAnd {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (i & 1) == 0 ? x[i] * x[i] : -x[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.3, -0.9, 0.2}};
    }
}
