package conformance;

import io.github.sourcegrad.Differentiable;

/** A loss that skips non-finite terms, through a boolean helper and a non-short-circuit & of two checks. */
class FiniteGuardHelper {
    static boolean usable(double v, double limit) {
        return Double.isFinite(v) && Math.abs(v) < limit;
    }

    @Differentiable
    static double f(double[] x, double[] y) {
        double s = 0;
        int used = 0;
        for (int i = 0; i < x.length; i++) {
            double r = Math.log(x[i]) - y[i];
            if (usable(x[i], 10) & !Double.isNaN(y[i])) {
                s += r * r;
                used++;
            }
        }
        return used == 0 ? 0 : s / used;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.7, 12.0, 2.2}, new double[] {-0.4, 0.3, 2.0, 0.9}};
    }
}
