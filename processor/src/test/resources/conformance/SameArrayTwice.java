package conformance;

import io.github.sourcegrad.Differentiable;

/** A helper with a loop called with the same array for both parameters (dot(v, v)), and with a row twice. */
class SameArrayTwice {
    @Differentiable
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Differentiable
    static double f(double[] v, double[][] m) {
        double s = dot(v, v);
        for (int i = 0; i < m.length; i++) {
            s += dot(m[i], m[i]) * dot(m[i], v);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.9}, new double[][] {{0.1, 0.4, -0.3}, {0.7, 0.2, 0.5}}};
    }
}
