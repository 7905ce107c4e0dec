package conformance;

import io.github.sourcegrad.Differentiable;

/** A local and a parameter that shadow static fields of the class with the same names. */
class ShadowedConstant {
    static final double SCALE = 100;
    static final double[] W = {5, 6, 7};

    @Differentiable
    static double f(double x, double[] W) {
        double SCALE = 0.5;
        double s = 0;
        for (int i = 0; i < W.length; i++) {
            s += W[i] * x * SCALE;
        }
        return s + ShadowedConstant.SCALE * 1e-3 * x;
    }

    static Object[] point() {
        return new Object[] {0.7, new double[] {0.5, 1.1, -0.3}};
    }
}
