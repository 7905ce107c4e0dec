package conformance;

import io.github.sourcegrad.Differentiable;

/** The inverse of a matrix by Gauss-Jordan elimination on an augmented local matrix, then its trace. */
class MatrixInverseGaussJordan {
    @Differentiable
    static double f(double[][] m) {
        int n = m.length;
        double[][] aug = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                aug[i][j] = m[i][j];
            }
            aug[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            double pivot = aug[col][col];
            for (int j = 0; j < 2 * n; j++) {
                aug[col][j] /= pivot;
            }
            for (int row = 0; row < n; row++) {
                if (row == col) {
                    continue;
                }
                double factor = aug[row][col];
                for (int j = 0; j < 2 * n; j++) {
                    aug[row][j] -= factor * aug[col][j];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += aug[i][n + i] * (i + 1);
        }
        return trace;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}}};
    }
}
