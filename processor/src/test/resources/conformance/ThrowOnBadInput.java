package conformance;

import io.github.sourcegrad.Differentiable;

/** Argument validation with throw, as Java code usually starts. */
class ThrowOnBadInput {
    @Differentiable
    static double f(double[] x, double p) {
        if (x.length == 0) {
            throw new IllegalArgumentException("empty");
        }
        double s = 0;
        for (double v : x) {
            s += Math.pow(Math.abs(v), p);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -1.2, 2.0}, 1.5};
    }
}
