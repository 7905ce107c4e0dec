package conformance;

import io.github.sourcegrad.Differentiable;

/** Three levels of helpers with loops and arrays: mean, variance using mean, and a z-score loss. */
class HelperCallsHelperLoops {
    @Differentiable
    static double mean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s / v.length;
    }

    @Differentiable
    static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double e : v) {
            s += (e - m) * (e - m);
        }
        return s / (v.length - 1);
    }

    @Differentiable
    static double f(double[] v, double target) {
        double m = mean(v);
        double sd = Math.sqrt(variance(v));
        double loss = 0;
        for (int i = 0; i < v.length; i++) {
            double z = (v[i] - m) / sd;
            loss += (z - target) * (z - target);
        }
        return loss + variance(v);
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9, 1.4}, 0.3};
    }
}
