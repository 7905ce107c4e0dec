package conformance;

import io.github.sourcegrad.Differentiable;

/** The idiom for (int i = n; i-- > 0; ) walking an array backward, Horner's rule from the top coefficient. */
class ReverseCountdown {
    @Differentiable
    static double f(double[] coeffs, double x) {
        double acc = 0;
        for (int i = coeffs.length; i-- > 0;) {
            acc = acc * x + coeffs[i];
        }
        return acc;
    }

    static Object[] point() {
        return new Object[] {new double[] {1.0, -0.5, 0.25, 0.3}, 1.7};
    }
}
