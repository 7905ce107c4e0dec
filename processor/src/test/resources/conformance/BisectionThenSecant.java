package conformance;

import io.github.sourcegrad.Differentiable;

/** Bisection brackets the root of x^3 + a x - b, then one secant step through the bracket gives a smooth answer. */
class BisectionThenSecant {
    @Differentiable
    static double f(double a, double b) {
        double lo = 0;
        double hi = 4;
        for (int it = 0; it < 30; it++) {
            double mid = 0.5 * (lo + hi);
            double g = mid * mid * mid + a * mid - b;
            if (g > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double glo = lo * lo * lo + a * lo - b;
        double ghi = hi * hi * hi + a * hi - b;
        return lo - glo * (hi - lo) / (ghi - glo);
    }

    static Object[] point() {
        return new Object[] {0.7, 2.3};
    }
}
