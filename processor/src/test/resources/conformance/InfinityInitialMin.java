package conformance;

import io.github.sourcegrad.Differentiable;

/** A running minimum started at Double.POSITIVE_INFINITY, with Integer.MAX_VALUE as a sentinel index. */
class InfinityInitialMin {
    @Differentiable
    static double f(double[] x) {
        double best = Double.POSITIVE_INFINITY;
        int at = Integer.MAX_VALUE;
        for (int i = 0; i < x.length; i++) {
            double v = (x[i] - 0.5) * (x[i] - 0.5);
            if (v < best) {
                best = v;
                at = i;
            }
        }
        return best + at * x[0];
    }

    static Object[] point() {
        return new Object[] {new double[] {1.4, 0.1, 0.7, -0.3}};
    }
}
