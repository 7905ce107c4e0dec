package conformance;

import io.github.sourcegrad.Differentiable;

/** A search that returns from inside a nested loop over an array updated in place. */
class SearchReturnWritten {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = a[i] * a[i] + 0.1;
                if (a[i] > 5) {
                    return a[i] + pass;
                }
            }
        }
        return a[0] + a[1];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.3, 0.9}};
    }
}
