package conformance;

import io.github.sourcegrad.Differentiable;

/** a[i] = b[i] = expression, and a[i++] += v, in a loop. */
class ChainedElementAssign {
    @Differentiable
    static double f(double[] x) {
        int n = x.length;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = b[i] = x[i] * x[i];
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            b[k++] += Math.sin(a[i]);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.3, -0.9}};
    }
}
