package conformance;

import io.github.sourcegrad.Differentiable;

/** Enzyme's readwriteread: an element read, overwritten with a function of itself, and read again. */
class ReadWriteRead {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double before = a[i];
            a[i] = a[i] * a[i];
            s += before * a[i];
            a[i] = Math.sqrt(a[i] + 1);
            s += a[i];
        }
        return s + a[0] * a[a.length - 1];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.4, -1.3, 0.9}};
    }
}
