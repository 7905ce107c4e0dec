package conformance;

import io.github.sourcegrad.Differentiable;

/** Gauss-Seidel until the first unknown stops changing: the do-while condition reads the updated solution. */
class DoWhileConvergence {
    @Differentiable
    static double f(double[][] a, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        double prev;
        int sweeps = 0;
        do {
            prev = x[0];
            for (int i = 0; i < n; i++) {
                double sigma = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        sigma += a[i][j] * x[j];
                    }
                }
                x[i] = (b[i] - sigma) / a[i][i];
            }
            sweeps++;
        } while (Math.abs(x[0] - prev) > 1e-13 && sweeps < 200);
        return x[0] + 2 * x[1] + 3 * x[2];
    }

    static Object[] point() {
        return new Object[] {new double[][] {{5, 1, 0.5}, {1, 4, -1}, {0.5, -1, 3}}, new double[] {1, 2, -0.5}};
    }
}
