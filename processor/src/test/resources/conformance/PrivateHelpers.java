package conformance;

import io.github.sourcegrad.Differentiable;

/** Private @Differentiable helpers (with and without loops), as users keep helpers private. */
class PrivateHelpers {
    @Differentiable
    private static double sq(double v) {
        return v * v;
    }

    @Differentiable
    private static double sumSq(double[] v) {
        double s = 0;
        for (double e : v) {
            s += sq(e);
        }
        return s;
    }

    @Differentiable
    static double f(double[] x, double y) {
        return sumSq(x) * sq(y) + sq(x[0] - y);
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.1, -0.3}, 0.7};
    }
}
