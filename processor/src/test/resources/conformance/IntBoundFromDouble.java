package conformance;

import io.github.sourcegrad.Differentiable;

/** An inner bound computed from a double by a cast: the trip count depends on the input. */
class IntBoundFromDouble {
    @Differentiable
    static double f(double x, double y) {
        int m = (int) (x * 3);
        double s = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                s += y / (1 + i + j) * x;
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {1.7, 0.8};
    }
}
