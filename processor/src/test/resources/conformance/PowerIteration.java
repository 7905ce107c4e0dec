package conformance;

import io.github.sourcegrad.Differentiable;

/** The dominant eigenvalue by power iteration: multiply, normalise in place, Rayleigh quotient. */
class PowerIteration {
    @Differentiable
    static double f(double[][] a) {
        int n = a.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1.0 / Math.sqrt(n);
        }
        double lambda = 0;
        for (int it = 0; it < 60; it++) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[i] += a[i][j] * v[j];
                }
            }
            double norm = 0;
            lambda = 0;
            for (int i = 0; i < n; i++) {
                norm += w[i] * w[i];
                lambda += v[i] * w[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / norm;
            }
        }
        return lambda;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 1}}};
    }
}
