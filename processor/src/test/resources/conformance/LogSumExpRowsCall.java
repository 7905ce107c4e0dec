package conformance;

import io.github.sourcegrad.Differentiable;

/** A loop over the rows of a matrix that calls log-sum-exp and a squared norm, both written with loops. */
class LogSumExpRowsCall {
    @Differentiable
    static double logsumexp(double[] x) {
        double m = x[0];
        for (int i = 1; i < x.length; i++) {
            if (x[i] > m) {
                m = x[i];
            }
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.exp(x[i] - m);
        }
        return m + Math.log(s);
    }

    @Differentiable
    static double sqnorm(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
        }
        return s;
    }

    @Differentiable
    static double f(double[][] X, double[] w, double lambda) {
        double total = 0;
        for (int i = 0; i < X.length; i++) {
            total += logsumexp(X[i]) - w[i] * X[i][0];
        }
        return total + lambda * sqnorm(w);
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, -1, 2}, {1.5, 1.5, -0.25}}, new double[] {0.3, -0.7}, 0.1};
    }
}
