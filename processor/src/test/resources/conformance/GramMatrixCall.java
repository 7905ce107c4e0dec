package conformance;

import io.github.sourcegrad.Differentiable;

/** A helper with nested loops that returns a matrix (the Gram matrix A^T A), read element by element. */
class GramMatrixCall {
    @Differentiable
    static double[][] gram(double[][] A) {
        int n = A[0].length;
        double[][] G = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < A.length; k++) {
                    s += A[k][i] * A[k][j];
                }
                G[i][j] = s;
            }
        }
        return G;
    }

    @Differentiable
    static double f(double[][] A, double lambda) {
        double[][] G = gram(A);
        double r = 0;
        for (int i = 0; i < G.length; i++) {
            for (int j = 0; j < G.length; j++) {
                double target = i == j ? lambda : 0;
                r += (G[i][j] - target) * (G[i][j] - target);
            }
        }
        return r;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, -1}, {1.5, 0.25}, {-0.75, 1}}, 2.0};
    }
}
