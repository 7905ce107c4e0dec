package conformance;

import io.github.sourcegrad.Differentiable;

/** Casts between int, long and double: table lookup with linear interpolation. */
class CastsTruncation {
    static final double[] TABLE = {0.0, 0.8, 1.5, 1.9, 2.1, 2.2};

    @Differentiable
    static double f(double x) {
        int i = (int) x;
        double frac = x - i;
        long scaled = (long) (x * 1000);
        double lookup = TABLE[i] + frac * (TABLE[i + 1] - TABLE[i]);
        return lookup * x + (double) scaled * 0 + 0.5 * x;
    }

    static Object[] point() {
        return new Object[] {2.37};
    }
}
