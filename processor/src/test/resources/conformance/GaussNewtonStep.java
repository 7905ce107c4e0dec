package conformance;

import io.github.sourcegrad.Differentiable;

/** Two Gauss-Newton iterations for an exponential fit, the 2x2 normal equations solved by Cramer's rule. */
class GaussNewtonStep {
    static final double[] T = {0.0, 0.5, 1.0, 1.5, 2.0};
    static final double[] Y = {2.0, 1.3, 0.9, 0.55, 0.4};

    @Differentiable
    static double f(double a0, double k0) {
        double a = a0;
        double k = k0;
        for (int it = 0; it < 2; it++) {
            double jtj00 = 0;
            double jtj01 = 0;
            double jtj11 = 0;
            double g0 = 0;
            double g1 = 0;
            for (int i = 0; i < T.length; i++) {
                double e = Math.exp(-k * T[i]);
                double r = a * e - Y[i];
                double ja = e;
                double jk = -a * T[i] * e;
                jtj00 += ja * ja;
                jtj01 += ja * jk;
                jtj11 += jk * jk;
                g0 += ja * r;
                g1 += jk * r;
            }
            double det = jtj00 * jtj11 - jtj01 * jtj01;
            a -= (jtj11 * g0 - jtj01 * g1) / det;
            k -= (jtj00 * g1 - jtj01 * g0) / det;
        }
        return a + 10 * k;
    }

    static Object[] point() {
        return new Object[] {1.8, 0.7};
    }
}
