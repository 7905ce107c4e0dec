package conformance;

import io.github.sourcegrad.Differentiable;

/** Writes into a local matrix, then a labelled break out of two loops part way through a row. */
class BreakAfterWritesNested {
    @Differentiable
    static double f(double[][] m, double limit) {
        int r = m.length;
        int c = m[0].length;
        double[][] a = new double[r][c];
        double run = 0;
        scan:
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                a[i][j] = m[i][j] * m[i][j] + run;
                run += a[i][j] * 0.1;
                if (run > limit) {
                    a[i][j] *= 0.5;
                    break scan;
                }
                a[i][j] = Math.sqrt(a[i][j]);
            }
        }
        double s = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                s += a[i][j] * (i + 2 * j + 1);
            }
        }
        return s + run;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, 1.1, 0.3}, {0.8, -0.6, 1.4}, {0.2, 0.9, 0.7}}, 0.6};
    }
}
