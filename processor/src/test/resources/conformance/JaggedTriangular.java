package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: only double and int arrays can be created: new double[n], new double[n][m] or new int[n]
/** A lower-triangular local array allocated row by row (jagged), filled and summed. */
class JaggedTriangular {
    @Differentiable
    static double f(double[] x) {
        int n = x.length;
        double[][] t = new double[n][];
        for (int i = 0; i < n; i++) {
            t[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                t[i][j] = x[i] * x[j];
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                s += t[i][j] / (1 + i + j);
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.2, 2.0}};
    }
}
