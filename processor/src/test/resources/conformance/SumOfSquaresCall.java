package conformance;

import io.github.sourcegrad.Differentiable;

/** A sum of calls to another @Differentiable method over an array. */
class SumOfSquaresCall {
    @Differentiable
    static double sq(double x) {
        return x * x;
    }

    @Differentiable
    static double f(double[] p, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += sq(p[i]);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.5, 2.25}, 3};
    }
}
