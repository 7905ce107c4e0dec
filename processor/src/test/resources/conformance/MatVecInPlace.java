package conformance;

import io.github.sourcegrad.Differentiable;

/** Y[i] = y[i] + A[i][j] x[j] accumulated in a nested loop, then |y|^2. */
class MatVecInPlace {
    @Differentiable
    static double f(double[][] A, double[] x) {
        double[] y = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] = y[i] + A[i][j] * x[j];
            }
        }
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * y[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{1, 2, -1}, {0.5, -0.25, 3}}, new double[] {0.3, -0.8, 1.2}};
    }
}
