package conformance;

import io.github.sourcegrad.Differentiable;

/** Heston dynamics by full-truncation Euler steps, variance floored by Math.max, fixed correlated draws. */
class HestonEuler {
    static final double[] Z1 = {0.5, -0.2, 1.1, -0.7, 0.3, 0.9, -1.3, 0.4};
    static final double[] Z2 = {-0.1, 0.6, 0.2, -0.5, 1.0, -0.3, 0.7, 0.1};

    @Differentiable
    static double f(double s0, double v0, double kappa, double theta, double xi, double rho) {
        double dt = 0.125;
        double logS = Math.log(s0);
        double v = v0;
        for (int i = 0; i < Z1.length; i++) {
            double vPos = Math.max(v, 0.0);
            double w2 = rho * Z1[i] + Math.sqrt(1 - rho * rho) * Z2[i];
            logS += -0.5 * vPos * dt + Math.sqrt(vPos * dt) * Z1[i];
            v += kappa * (theta - vPos) * dt + xi * Math.sqrt(vPos * dt) * w2;
        }
        return Math.exp(logS) + v;
    }

    static Object[] point() {
        return new Object[] {100.0, 0.04, 1.5, 0.05, 0.3, -0.6};
    }
}
