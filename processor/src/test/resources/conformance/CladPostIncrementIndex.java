package conformance;

import io.github.sourcegrad.Differentiable;

/** Reading a[i++] inside an expression, the way C code walks a pointer. */
class CladPostIncrementIndex {
    @Differentiable
    static double f(double[] a, int n) {
        int i = 0;
        double s = 0;
        while (i < n) {
            double v = a[i++];
            s += v * a[i - 1] + Math.sin(v);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -0.8, 1.7, 2.2}, 4};
    }
}
