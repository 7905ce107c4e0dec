package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: it returns void, and a method that returns nothing cannot be differentiated
/** A C-style helper that writes its result into an output array parameter. */
class VoidOutputParameter {
    static void matvec(double[][] a, double[] x, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = 0;
            for (int j = 0; j < x.length; j++) {
                out[i] += a[i][j] * x[j];
            }
        }
    }

    @Differentiable
    static double f(double[][] a, double[] x) {
        double[] y = new double[a.length];
        matvec(a, x, y);
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{1, 2}, {0.5, -1}}, new double[] {0.3, 0.7}};
    }
}
