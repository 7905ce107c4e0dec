package conformance;

import io.github.sourcegrad.Differentiable;

/** Log |det| by LU elimination in place, without pivoting. */
class LuDeterminant {
    @Differentiable
    static double f(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j];
            }
        }
        double logDet = 0;
        for (int k = 0; k < n; k++) {
            for (int i = k + 1; i < n; i++) {
                double factor = a[i][k] / a[k][k];
                for (int j = k; j < n; j++) {
                    a[i][j] = a[i][j] - factor * a[k][j];
                }
            }
            logDet += Math.log(Math.abs(a[k][k]));
        }
        return logDet;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{4, -1, 0.5}, {1, 3, -2}, {0.25, 1, 5}}};
    }
}
