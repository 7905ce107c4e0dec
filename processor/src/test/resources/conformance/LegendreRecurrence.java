package conformance;

import io.github.sourcegrad.Differentiable;

/** A Legendre series by the three-term recurrence, the coefficients from an array parameter. */
class LegendreRecurrence {
    @Differentiable
    static double f(double[] c, double x) {
        double pPrev = 1;
        double p = x;
        double s = c[0] + c[1] * x;
        for (int n = 1; n + 1 < c.length; n++) {
            double pNext = ((2 * n + 1) * x * p - n * pPrev) / (n + 1);
            pPrev = p;
            p = pNext;
            s += c[n + 1] * p;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -0.2, 0.5, 0.1, -0.4, 0.25}, 0.42};
    }
}
