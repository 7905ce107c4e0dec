package conformance;

import io.github.sourcegrad.Differentiable;

/** A cumulative sum in place on a copy (a[i] += a[i - 1]) and a prefix product, then a weighted total. */
class CumsumInPlace {
    @Differentiable
    static double f(double[] x) {
        double[] c = new double[x.length];
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i];
            p[i] = x[i];
        }
        for (int i = 1; i < c.length; i++) {
            c[i] += c[i - 1];
            p[i] *= p[i - 1];
        }
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += Math.sin(c[i]) + p[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.9, 1.1, -0.7, 1.3, 0.8}};
    }
}
