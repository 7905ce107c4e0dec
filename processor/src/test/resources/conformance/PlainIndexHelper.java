package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: it returns int and is private, so the generated class cannot call it
/** A plain int helper for flat row-major indexing, as C ports write idx(i, j, n). */
class PlainIndexHelper {
    private static int idx(int i, int j, int n) {
        return i * n + j;
    }

    @Differentiable
    static double f(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s += a[idx(i, j, n)] * a[idx(j, i, n)];
            }
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, 3};
    }
}
