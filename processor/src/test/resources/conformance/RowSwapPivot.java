package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: assigning a whole row of the matrix 'a' is not supported
/** Gaussian elimination that swaps rows of a local matrix by reference (double[] tmp = a[i]). */
class RowSwapPivot {
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
                double[] tmp = a[p];
                a[p] = a[k];
                a[k] = tmp;
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
        return new Object[] {new double[][] {{1.0, 2.0, 0.5}, {3.0, -1.0, 2.0}, {0.5, 4.0, 1.0}}};
    }
}
