package golden;

import io.github.sourcegrad.Differentiable;

class Guard {
    /** The log-density of a normal distribution, with the usual argument check. */
    @Differentiable
    static double logNormal(double x, double mu, double sigma) {
        if (sigma <= 0) {
            throw new IllegalArgumentException("sigma must be positive: " + sigma);
        }
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    }
}
