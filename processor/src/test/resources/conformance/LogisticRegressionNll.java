package conformance;

import io.github.sourcegrad.Differentiable;

/** Logistic regression negative log-likelihood with an L2 penalty, labels 0/1 as doubles (Stan's example). */
class LogisticRegressionNll {
    static final double[][] X = {{1.0, 0.5, -1.2}, {1.0, -0.3, 0.8}, {1.0, 1.7, 0.1}, {1.0, -1.1, -0.4}};
    static final double[] Y = {1, 0, 1, 0};

    @Differentiable
    static double f(double[] beta, double lambda) {
        double nll = 0;
        for (int i = 0; i < X.length; i++) {
            double eta = 0;
            for (int j = 0; j < beta.length; j++) {
                eta += X[i][j] * beta[j];
            }
            if (Y[i] == 1) {
                nll += Math.log1p(Math.exp(-eta));
            } else {
                nll += Math.log1p(Math.exp(eta));
            }
        }
        double penalty = 0;
        for (double b : beta) {
            penalty += b * b;
        }
        return nll + 0.5 * lambda * penalty;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.2, -0.5, 0.8}, 0.1};
    }
}
