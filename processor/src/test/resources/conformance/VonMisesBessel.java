package conformance;

import io.github.sourcegrad.Differentiable;

/** A von Mises log-likelihood with log I0(kappa) by its power series summed until negligible. */
class VonMisesBessel {
    static final double[] ANGLES = {0.3, -0.5, 1.1, 0.8, 0.05};

    @Differentiable
    static double f(double mu, double kappa) {
        double term = 1;
        double i0 = 1;
        double q = kappa * kappa / 4;
        int k = 0;
        do {
            k++;
            term *= q / ((double) k * k);
            i0 += term;
        } while (term > 1e-17 * i0);
        double ll = -ANGLES.length * (Math.log(2 * Math.PI) + Math.log(i0));
        for (double a : ANGLES) {
            ll += kappa * Math.cos(a - mu);
        }
        return ll;
    }

    static Object[] point() {
        return new Object[] {0.2, 2.3};
    }
}
