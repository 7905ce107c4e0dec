package conformance;

import io.github.sourcegrad.Differentiable;

/** One running sum feeding a second one (prefix sums summed), and a sum with a conditional term. */
class TwoAccumulators {
    @Differentiable
    static double f(double[] x, double w) {
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int i = 0; i < x.length; i++) {
            s1 += x[i] * w;
            s2 += s1 * s1;
            if (x[i] > 0) {
                s3 -= x[i] * w;
            }
        }
        return s2 + s3 * s1;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.3, 0.7}, 0.9};
    }
}
