package conformance;

import io.github.sourcegrad.Differentiable;

/** continue outer from an inner loop that has already written elements of a local matrix. */
class LabelledContinueWrites {
    @Differentiable
    static double f(double[][] m) {
        int r = m.length;
        int c = m[0].length;
        double[][] a = new double[r][c];
        double s = 0;
        outer:
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                a[i][j] = Math.exp(m[i][j]);
                if (a[i][j] > 2) {
                    s += a[i][j];
                    continue outer;
                }
                a[i][j] *= m[i][j];
            }
            s += a[i][c - 1];
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                s += 0.1 * a[i][j] * a[i][j];
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, 0.9, 0.2}, {0.3, -0.4, 0.5}, {0.2, 0.1, 0.95}}};
    }
}
