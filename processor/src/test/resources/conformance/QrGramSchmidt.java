package conformance;

import io.github.sourcegrad.Differentiable;

/** Modified Gram-Schmidt on the columns of a local copy, the log of |det| as the sum of log R diagonals. */
class QrGramSchmidt {
    @Differentiable
    static double f(double[][] a) {
        int n = a.length;
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = a[i][j];
            }
        }
        double logDet = 0;
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i][k] * q[i][k];
            }
            norm = Math.sqrt(norm);
            logDet += Math.log(norm);
            for (int i = 0; i < n; i++) {
                q[i][k] /= norm;
            }
            for (int j = k + 1; j < n; j++) {
                double r = 0;
                for (int i = 0; i < n; i++) {
                    r += q[i][k] * q[i][j];
                }
                for (int i = 0; i < n; i++) {
                    q[i][j] -= r * q[i][k];
                }
            }
        }
        return logDet;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{2, 1, 0.5}, {0.3, 3, 0.2}, {0.5, -0.4, 1.5}}};
    }
}
