package conformance;

import io.github.sourcegrad.Differentiable;

/** An average written the buggy-but-legal C way (int / int into a double) next to the right one. */
class ExactlyIntegerDivision {
    @Differentiable
    static double f(double[] x) {
        int n = x.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double frac = i / n;
            double real = (double) i / n;
            s += x[i] * (frac + real) + x[i] * (i / 2) + x[i] * (i % 3 - 1);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.1, -0.3, 0.8, 0.4}};
    }
}
