package conformance;

import io.github.sourcegrad.Differentiable;

/** JAX's while_loop test: grow x by a factor until it passes a bound, data-dependent trip count. */
class JaxWhileLoop {
    @Differentiable
    static double f(double x, double rate) {
        double y = x;
        int steps = 0;
        while (y < 10) {
            y = y * rate + 0.1;
            steps++;
        }
        return y / steps;
    }

    static Object[] point() {
        return new Object[] {0.9, 1.7};
    }
}
