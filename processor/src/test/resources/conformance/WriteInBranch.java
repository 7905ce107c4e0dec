package conformance;

import io.github.sourcegrad.Differentiable;

/** A[i] = a[i] * a[i] only where a[i] > 0. */
class WriteInBranch {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                a[i] = a[i] * a[i];
            }
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.5, 2}};
    }
}
