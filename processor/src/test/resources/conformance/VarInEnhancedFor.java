package conformance;

import io.github.sourcegrad.Differentiable;

/** Enhanced for with var and final loop variables over a vector and the rows of a matrix; a local constant array. */
class VarInEnhancedFor {
    @Differentiable
    static double f(double[] x, double[][] m) {
        final double[] weights = {0.5, 1.5, -0.25};
        double s = 0;
        int i = 0;
        for (final double v : x) {
            s += weights[i++] * v * v;
        }
        for (var row : m) {
            for (var e : row) {
                s += Math.cos(e) * s * 0.1;
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9}, new double[][] {{0.1, 0.4}, {0.7, 0.2}}};
    }
}
