package conformance;

import io.github.sourcegrad.Differentiable;

/** Three nested loops updating a local matrix in place, with a branch at the innermost level (Floyd-style relax). */
class TripleNestedWrites {
    @Differentiable
    static double f(double[][] w) {
        int n = w.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = w[i][j];
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double via = d[i][k] + d[k][j];
                    if (via < d[i][j]) {
                        d[i][j] = via;
                    }
                }
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s += d[i][j] * (1 + i);
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, 1.3, 4.1, 2.2}, {0.7, 0.2, 0.9, 3.3}, {2.8, 1.6, 0.15, 0.45},
                {0.35, 2.9, 1.15, 0.12}}};
    }
}
