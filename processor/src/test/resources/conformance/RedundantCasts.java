package conformance;

import io.github.sourcegrad.Differentiable;

/** Casts a careful porter writes although they change nothing: (double) on doubles, (int) on ints, (long) on longs. */
class RedundantCasts {
    @Differentiable
    @SuppressWarnings("cast") // the casts are the point
    static double f(double x, int n, long m) {
        double y = (double) x * 2;
        int k = (int) n + 1;
        long q = (long) m * 2;
        double r = (double) k / (double) q;
        return (double) (y * y) + r * x + (double) n;
    }

    static Object[] point() {
        return new Object[] {0.7, 3, 5L};
    }
}
