package conformance;

import io.github.sourcegrad.Differentiable;

/** Gauss-Seidel sweeps on a diagonally dominant system, the solution updated in place. */
class JacobiSolver {
    @Differentiable
    static double f(double[][] a, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        for (int sweep = 0; sweep < 40; sweep++) {
            for (int i = 0; i < n; i++) {
                double sigma = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        sigma += a[i][j] * x[j];
                    }
                }
                x[i] = (b[i] - sigma) / a[i][i];
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (i + 1) * x[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{5, 1, 0.5}, {1, 4, -1}, {0.5, -1, 3}}, new double[] {1, 2, -0.5}};
    }
}
