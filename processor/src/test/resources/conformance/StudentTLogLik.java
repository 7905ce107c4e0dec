package conformance;

import io.github.sourcegrad.Differentiable;

/** Student t log-likelihood in location, scale and degrees of freedom, log Gamma by a helper with a loop. */
class StudentTLogLik {
    static final double[] DATA = {0.3, -1.2, 2.5, 0.8, -0.1, 1.7};

    @Differentiable
    static double lgamma(double x) {
        double acc = 0;
        double z = x;
        while (z < 8) {
            acc -= Math.log(z);
            z++;
        }
        double inv = 1 / z;
        return acc + (z - 0.5) * Math.log(z) - z + 0.9189385332046727 + inv / 12 - inv * inv * inv / 360;
    }

    @Differentiable
    static double f(double mu, double sigma, double nu) {
        double ll = DATA.length * (lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(sigma));
        for (double y : DATA) {
            double z = (y - mu) / sigma;
            ll -= (nu + 1) / 2 * Math.log1p(z * z / nu);
        }
        return ll;
    }

    static Object[] point() {
        return new Object[] {0.5, 1.3, 4.5};
    }
}
