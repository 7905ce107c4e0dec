package conformance;

import io.github.sourcegrad.Differentiable;

/** A sum whose term uses a value carried from the previous iteration, updated after the sum. */
class SumWithCarry {
    @Differentiable
    static double f(double[] x) {
        double s = 0;
        double prev = 1;
        for (int i = 0; i < x.length; i++) {
            s += prev * x[i];
            prev = x[i] * 2 + prev;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.2, 0.3, 0.7}};
    }
}
