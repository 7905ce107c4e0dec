package conformance;

import io.github.sourcegrad.Differentiable;

/** A stencil that reads neighbours through ternaries guarding the boundaries, on a parameter and a written local. */
class TernaryBoundary {
    @Differentiable
    static double f(double[] u) {
        int n = u.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double left = i > 0 ? u[i - 1] : 0;
            double right = i < n - 1 ? u[i + 1] : 0;
            v[i] = left - 2 * u[i] + right;
        }
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < n; i++) {
                double l = i > 0 ? v[i - 1] : v[i];
                v[i] = v[i] + 0.1 * (l - v[i]);
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i] * v[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.2, -0.3, 0.8, 2.0}};
    }
}
