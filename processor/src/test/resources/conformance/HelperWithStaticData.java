package conformance;

import io.github.sourcegrad.Differentiable;

/** A helper called with a static final array and a row of a static final matrix as arguments. */
class HelperWithStaticData {
    static final double[] WEIGHTS = {0.2, 0.5, 0.3};
    static final double[][] BASIS = {{1, 0, 0.5}, {0, 1, -0.5}};

    @Differentiable
    static double weighted(double[] w, double[] v, double p) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += w[i] * Math.pow(Math.abs(v[i]) + 1, p);
        }
        return s;
    }

    @Differentiable
    static double f(double[] v, double p) {
        double s = weighted(WEIGHTS, v, p);
        for (double[] b : BASIS) {
            s += weighted(b, v, 1 / p);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9}, 1.7};
    }
}
