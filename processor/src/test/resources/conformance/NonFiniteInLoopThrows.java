package conformance;

import io.github.sourcegrad.Differentiable;

/** A log-sum-exp over a sample that stops at the first value that is not finite. */
class NonFiniteInLoopThrows {
    @Differentiable
    static double f(double[] x, double t) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (x[i] - x[i] != 0) {
                throw new IllegalArgumentException("x[" + i + "] is not finite: " + x[i]);
            }
            m = Math.max(m, x[i] / t);
        }
        double s = 0;
        for (double v : x) {
            s += Math.exp(v / t - m);
        }
        return t * (m + Math.log(s));
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -1.2, 2.5, 0.9}, 0.7};
    }
}
