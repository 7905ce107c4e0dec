package conformance;

import io.github.sourcegrad.Differentiable;

/** Several variables in one declaration, with and without initialisers, and two loop variables declared together. */
class MultipleDeclarators {
    @Differentiable
    static double f(double x, double y) {
        double a = x * y, b = x + y, c;
        int i, n = 4;
        c = a - b;
        for (i = 0; i < n; i++) {
            double p = a * 0.5, q = b * 0.25;
            c = c * p + q;
        }
        for (int k = 0, m = 3; k < m; k++) {
            c += Math.sin(c) * k;
        }
        return c;
    }

    static Object[] point() {
        return new Object[] {0.8, 0.6};
    }
}
