package conformance;

import io.github.sourcegrad.Differentiable;

/** Partial pivoting that swaps rows element by element, then the determinant. */
class RowSwapElements {
    @Differentiable
    static double f(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j];
            }
        }
        double det = 1;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                    p = i;
                }
            }
            if (p != k) {
                for (int j = 0; j < n; j++) {
                    double t = a[p][j];
                    a[p][j] = a[k][j];
                    a[k][j] = t;
                }
                det = -det;
            }
            det *= a[k][k];
            for (int i = k + 1; i < n; i++) {
                double factor = a[i][k] / a[k][k];
                for (int j = k; j < n; j++) {
                    a[i][j] -= factor * a[k][j];
                }
            }
        }
        return det;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{1.0, 2.0, 0.5, 0.1}, {3.0, -1.0, 2.0, 0.4}, {0.5, 4.0, 1.0, -0.2},
                {0.3, 0.2, -0.7, 2.0}}};
    }
}
