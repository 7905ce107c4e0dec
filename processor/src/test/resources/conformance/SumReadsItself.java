package conformance;

import io.github.sourcegrad.Differentiable;

/** Accumulators that read themselves or each other: s += s * x[i]; t += s * x[i]. */
class SumReadsItself {
    @Differentiable
    static double f(double[] x, double w) {
        double s = 1;
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            s += s * x[i] * w;
            t += s * x[i];
        }
        return s + t;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.3, 0.7}, 0.9};
    }
}
