package conformance;

import io.github.sourcegrad.Differentiable;

/** Poisson regression log-likelihood with counts, log k! by an inner loop over an int cast of the count. */
class PoissonLogLik {
    static final double[] COUNTS = {2, 0, 5, 1, 3};
    static final double[] COVARIATE = {0.1, -0.8, 1.3, 0.0, 0.6};

    @Differentiable
    static double f(double alpha, double beta) {
        double ll = 0;
        for (int i = 0; i < COUNTS.length; i++) {
            double eta = alpha + beta * COVARIATE[i];
            double logFact = 0;
            for (int k = 2; k <= (int) COUNTS[i]; k++) {
                logFact += Math.log(k);
            }
            ll += COUNTS[i] * eta - Math.exp(eta) - logFact;
        }
        return ll;
    }

    static Object[] point() {
        return new Object[] {0.4, 0.7};
    }
}
