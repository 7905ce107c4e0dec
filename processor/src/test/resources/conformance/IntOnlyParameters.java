package conformance;

import io.github.sourcegrad.Differentiable;

/** A @Differentiable method whose only double parameter is joined by int parameters before it. */
class IntOnlyParameters {
    @Differentiable
    static double f(int n, int m, double x) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s += Math.pow(x, i) / (j + 1);
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {3, 2, 0.7};
    }
}
