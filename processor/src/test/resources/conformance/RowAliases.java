package conformance;

import io.github.sourcegrad.Differentiable;

/** Rows of a parameter matrix and the parameter itself held in local aliases. */
class RowAliases {
    @Differentiable
    static double f(double[][] m, double[] v) {
        double[][] a = m;
        double[] w = v;
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double[] row = a[i];
            double dot = 0;
            for (int j = 0; j < row.length; j++) {
                dot += row[j] * w[j];
            }
            s += Math.tanh(dot);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, 1.3}, {-0.9, 0.2}, {0.7, 0.1}}, new double[] {0.4, -0.6}};
    }
}
