package conformance;

import io.github.sourcegrad.Differentiable;

/** A Gaussian-mixture log-likelihood: log-sum-exp over components, nested loops over double[][]. */
class GmmLike {
    @Differentiable
    static double f(double[] alphas, double[][] means, double[][] x) {
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < alphas.length; k++) {
                double q = alphas[k];
                for (int d = 0; d < x[n].length; d++) {
                    double r = x[n][d] - means[k][d];
                    q -= 0.5 * r * r;
                }
                best = Math.max(best, q);
            }
            double sum = 0;
            for (int k = 0; k < alphas.length; k++) {
                double q = alphas[k];
                for (int d = 0; d < x[n].length; d++) {
                    double r = x[n][d] - means[k][d];
                    q -= 0.5 * r * r;
                }
                sum += Math.exp(q - best);
            }
            total += best + Math.log(sum);
        }
        double norm = 0;
        double best = alphas[0];
        for (int k = 1; k < alphas.length; k++) {
            best = Math.max(best, alphas[k]);
        }
        for (int k = 0; k < alphas.length; k++) {
            norm += Math.exp(alphas[k] - best);
        }
        return total - x.length * (best + Math.log(norm));
    }

    static Object[] point() {
        return new Object[] {new double[] {0.2, -0.5, 0.1}, new double[][] {{0, 1}, {1.5, -0.5}, {-1, 0.3}}, new double[][] {{0.3, 0.7}, {1.2, -0.1}, {-0.8, 0.4}, {0.1, 0.1}}};
    }
}
