package conformance;

import io.github.sourcegrad.Differentiable;

/** Beale's function plus Himmelblau's, with Math.pow on integer exponents. */
class BealeHimmelblau {
    @Differentiable
    static double f(double x, double y) {
        double beale = Math.pow(1.5 - x + x * y, 2) + Math.pow(2.25 - x + x * y * y, 2)
                + Math.pow(2.625 - x + x * Math.pow(y, 3), 2);
        double himmelblau = Math.pow(x * x + y - 11, 2) + Math.pow(x + y * y - 7, 2);
        return beale + himmelblau;
    }

    static Object[] point() {
        return new Object[] {2.2, 0.6};
    }
}
