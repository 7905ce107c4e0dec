package conformance;

import io.github.sourcegrad.Differentiable;

/** Boolean locals and a boolean parameter in compound conditions. */
class BooleanFlags {
    @Differentiable
    static double f(double x, double y, boolean regularize) {
        boolean positive = x > 0 && y > 0;
        boolean large = x * x + y * y > 4 || Math.abs(x - y) > 3;
        double r = positive ? Math.log(x * y) : x + y;
        if (!large && regularize) {
            r += 0.1 * (x * x + y * y);
        }
        if (positive != large) {
            r *= 2;
        }
        return r;
    }

    static Object[] point() {
        return new Object[] {0.7, 1.3, true};
    }
}
