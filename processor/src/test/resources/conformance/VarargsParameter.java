package conformance;

import io.github.sourcegrad.Differentiable;

/** A varargs double... parameter. */
class VarargsParameter {
    @Differentiable
    static double f(double... xs) {
        double s = 0;
        for (double x : xs) {
            s += x * x * x;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -0.4, 1.1}};
    }
}
