package conformance;

import io.github.sourcegrad.Differentiable;

/** A while (k-- > 0) loop that updates a local array in place, and a for (; i++ < n; ) one. */
class SideEffectConditionWrites {
    @Differentiable
    static double f(double[] x) {
        int n = x.length;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = x[i];
        }
        int k = n;
        while (k-- > 1) {
            a[k - 1] += a[k] * a[k - 1];
        }
        int i = 0;
        double s = 0;
        for (; i++ < n;) {
            a[i - 1] = Math.sin(a[i - 1]);
            s += a[i - 1];
        }
        return s + a[0];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.1, -0.3, 0.8}};
    }
}
