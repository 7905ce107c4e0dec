package conformance;

import io.github.sourcegrad.Differentiable;

/** A Cholesky factorisation in a local matrix and the log-determinant plus a solved quadratic form (Stan's multi_normal). */
class CholeskyLogDet {
    @Differentiable
    static double f(double[][] a, double[] b) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double logDet = 0;
        double quad = 0;
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(l[i][i]);
            quad += z[i] * z[i];
        }
        return 0.5 * (logDet + quad);
    }

    static Object[] point() {
        return new Object[] {new double[][] {{4.0, 1.2, 0.4}, {1.2, 3.0, -0.5}, {0.4, -0.5, 2.5}},
                new double[] {0.7, -1.1, 0.3}};
    }
}
