package conformance;

import io.github.sourcegrad.Differentiable;

/** Gaussian elimination with partial pivoting that records the row permutation in a local int[]. */
class IntArrayLocalPermutation {
    @Differentiable
    static double f(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][n];
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j];
            }
        }
        double det = 1;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[perm[i]][k]) > Math.abs(a[perm[p]][k])) {
                    p = i;
                }
            }
            if (p != k) {
                int t = perm[p];
                perm[p] = perm[k];
                perm[k] = t;
                det = -det;
            }
            double pivot = a[perm[k]][k];
            det *= pivot;
            for (int i = k + 1; i < n; i++) {
                double factor = a[perm[i]][k] / pivot;
                for (int j = k; j < n; j++) {
                    a[perm[i]][j] -= factor * a[perm[k]][j];
                }
            }
        }
        return det;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{1.0, 2.0, 0.5}, {3.0, -1.0, 2.0}, {0.5, 4.0, 1.0}}};
    }
}
