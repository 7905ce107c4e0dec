package golden;

import io.github.sourcegrad.CustomDerivative;
import io.github.sourcegrad.Differentiable;

/**
 * A derivative given by hand: erf, summed as a series SourceGrad does not read, gets its derivative from its
 * pullback; the gradient and the jvp of its caller call the entry point SourceGrad writes for it.
 */
public class Custom {

    /** erf(x) by its Taylor series, 2 / sqrt(pi) times the sum of (-1)^n x^(2n+1) / (n! (2n+1)), for |x| < 3. */
    @CustomDerivative(pullback = "erfPullback")
    static double erf(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < 80; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** erf'(x) = 2 / sqrt(pi) exp(-x^2). */
    static void erfPullback(double x, double dz, double[] grad) {
        grad[0] = dz * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
    }

    /** The normal distribution's cumulative distribution function. */
    @Differentiable(forward = true)
    static double normalCdf(double x, double mu, double sigma) {
        return 0.5 * (1 + erf((x - mu) / (sigma * Math.sqrt(2))));
    }
}
