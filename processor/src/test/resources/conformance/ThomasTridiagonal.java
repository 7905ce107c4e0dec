package conformance;

import io.github.sourcegrad.Differentiable;

/** The Thomas algorithm for a tridiagonal system, forward sweep into local arrays and back substitution. */
class ThomasTridiagonal {
    @Differentiable
    static double f(double[] lower, double[] diag, double[] upper, double[] rhs) {
        int n = diag.length;
        double[] cp = new double[n];
        double[] dp = new double[n];
        cp[0] = upper[0] / diag[0];
        dp[0] = rhs[0] / diag[0];
        for (int i = 1; i < n; i++) {
            double m = diag[i] - lower[i] * cp[i - 1];
            cp[i] = i < n - 1 ? upper[i] / m : 0;
            dp[i] = (rhs[i] - lower[i] * dp[i - 1]) / m;
        }
        double[] x = new double[n];
        x[n - 1] = dp[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            x[i] = dp[i] - cp[i] * x[i + 1];
        }
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0, 1, 0.5, -0.3}, new double[] {4, 5, 3.5, 4.2}, new double[] {1, -0.5, 0.7, 0},
                new double[] {1, 2, 0.5, -1}};
    }
}
