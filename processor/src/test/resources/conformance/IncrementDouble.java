package conformance;

import io.github.sourcegrad.Differentiable;

/** X++ on a double parameter ten times: x + 10. */
class IncrementDouble {
    @Differentiable
    static double f(double x) {
        for (int i = 0; i < 10; i++) {
            x++;
        }
        return x * x;
    }

    static Object[] point() {
        return new Object[] {0.4};
    }
}
