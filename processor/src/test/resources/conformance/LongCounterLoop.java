package conformance;

import io.github.sourcegrad.Differentiable;

/** A long counter and a long parameter driving a loop, mixed into the arithmetic. */
class LongCounterLoop {
    @Differentiable
    static double f(double x, long steps) {
        double y = x;
        long k = 0;
        while (k < steps) {
            y = y + (x - y) / (k + 2) + 1e-3 * k;
            k++;
        }
        return y * y + k * x;
    }

    static Object[] point() {
        return new Object[] {1.7, 6L};
    }
}
