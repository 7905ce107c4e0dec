package conformance;

import io.github.sourcegrad.Differentiable;

/** Flat row-major indexing through package-private int helpers, one calling the other, as C ports write idx(i, j, n). */
class PackageIndexHelper {
    static int idx(int i, int j, int n) {
        return i * n + j;
    }

    static int transposed(int k, int n) {
        return idx(k % n, k / n, n);
    }

    @Differentiable
    static double f(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s += a[idx(i, j, n)] * a[idx(j, i, n)];
            }
        }
        for (int k = 0; k < n * n; k++) {
            s += Math.sin(a[k]) * a[transposed(k, n)];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, 3};
    }
}
