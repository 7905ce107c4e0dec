package io.github.sourcegrad.examples;

import io.github.sourcegrad.CustomDerivative;
import io.github.sourcegrad.Differentiable;
import org.hipparchus.special.Gamma;

/**
 * Derivatives given by hand ({@link CustomDerivative}) to methods SourceGrad does not read: a call into a library
 * (Hipparchus' {@code Gamma.logGamma}, whose derivative is its {@code Gamma.digamma}) and a special function summed
 * as a power series until it converges (the Bessel function J0, whose derivative is -J1). The
 * {@code @Differentiable} methods below call them as they call {@code Math.exp}; {@link CustomDerivativesExample}
 * checks their gradients and fits a negative binomial model with them.
 */
public final class SpecialFunctions {

    private SpecialFunctions() {
    }

    /** log Gamma(x), from Hipparchus: SourceGrad cannot see into it, and would refuse the call. */
    @CustomDerivative(pullback = "logGammaPullback")
    static double logGamma(double x) {
        return Gamma.logGamma(x);
    }

    /** d/dx log Gamma(x) = digamma(x): the pullback writes dz times it into grad[0]. */
    static void logGammaPullback(double x, double dz, double[] grad) {
        grad[0] = dz * Gamma.digamma(x);
    }

    /**
     * The Bessel function J0 by its power series, sum over k of (-x^2 / 4)^k / (k!)^2, summed until a term no
     * longer changes the sum (for |x| up to about 10 in double precision).
     */
    @CustomDerivative(pullback = "besselJ0Pullback")
    static double besselJ0(double x) {
        double q = -x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 100 && sum + term != sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    /** J0' = -J1, with J1 by its own series, sum over k of (x / 2) (-x^2 / 4)^k / (k! (k + 1)!). */
    static void besselJ0Pullback(double x, double dz, double[] grad) {
        double q = -x * x / 4;
        double term = x / 2;
        double sum = term;
        for (int k = 1; k < 100 && sum + term != sum; k++) {
            term *= q / ((double) k * (k + 1));
            sum += term;
        }
        grad[0] = -dz * sum;
    }

    /**
     * The negative log-likelihood of the counts {@code y} under a negative binomial distribution with mean
     * {@code mu = exp(logMu)} and dispersion {@code r = exp(logR)} (variance {@code mu + mu^2 / r}):
     * the sum over the counts of {@code -[log Gamma(y + r) - log Gamma(r) - log Gamma(y + 1) + r log(r / (r + mu))
     * + y log(mu / (r + mu))]}.
     */
    @Differentiable(objective = true)
    static double negativeBinomialLoss(double logMu, double logR, int[] y) {
        double mu = Math.exp(logMu);
        double r = Math.exp(logR);
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            loss -= logGamma(y[i] + r) - logGamma(r) - logGamma(y[i] + 1.0)
                    + r * Math.log(r / (r + mu)) + y[i] * Math.log(mu / (r + mu));
        }
        return loss;
    }

    /** The intensity of a circular aperture's far field along one axis, J0(a x)^2, at the distance x from the axis. */
    @Differentiable
    static double besselIntensity(double a, double x) {
        double j = besselJ0(a * x);
        return j * j;
    }
}
