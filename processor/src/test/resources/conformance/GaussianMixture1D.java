package conformance;

import io.github.sourcegrad.Differentiable;

/** A two-component 1-D Gaussian mixture log-likelihood, weights by a logistic, log-sum-exp per point. */
class GaussianMixture1D {
    static final double[] DATA = {-1.3, -0.7, 0.2, 1.8, 2.4, 2.9};

    @Differentiable
    static double f(double logitW, double mu1, double mu2, double logS1, double logS2) {
        double w = 1 / (1 + Math.exp(-logitW));
        double total = 0;
        for (double x : DATA) {
            double z1 = (x - mu1) / Math.exp(logS1);
            double z2 = (x - mu2) / Math.exp(logS2);
            double a = Math.log(w) - logS1 - 0.5 * z1 * z1;
            double b = Math.log(1 - w) - logS2 - 0.5 * z2 * z2;
            double m = a > b ? a : b;
            total += m + Math.log(Math.exp(a - m) + Math.exp(b - m)) - 0.5 * Math.log(2 * Math.PI);
        }
        return total;
    }

    static Object[] point() {
        return new Object[] {0.2, -0.8, 2.1, -0.1, 0.3};
    }
}
