package conformance;

import io.github.sourcegrad.Differentiable;

/** Y[i] += A[i][j] x[j] in a nested loop, then sum of tanh. */
class MatVecCompound {
    @Differentiable
    static double f(double[][] A, double[] x) {
        double[] y = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += A[i][j] * x[j];
            }
        }
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.tanh(y[i]);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{1, 2, -1}, {0.5, -0.25, 3}}, new double[] {0.3, -0.8, 1.2}};
    }
}
