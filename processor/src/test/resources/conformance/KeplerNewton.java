package conformance;

import io.github.sourcegrad.Differentiable;

/** Kepler's equation E - e sin E = M solved by Newton's method until the step is tiny. */
class KeplerNewton {
    @Differentiable
    static double f(double m, double e) {
        double ecc = e;
        double big = m;
        int iter = 0;
        double step;
        do {
            step = (big - ecc * Math.sin(big) - m) / (1 - ecc * Math.cos(big));
            big -= step;
            iter++;
        } while (Math.abs(step) > 1e-15 && iter < 50);
        return Math.cos(big) - ecc;
    }

    static Object[] point() {
        return new Object[] {1.2, 0.3};
    }
}
