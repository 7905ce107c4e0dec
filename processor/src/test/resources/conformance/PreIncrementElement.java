package conformance;

import io.github.sourcegrad.Differentiable;

/** X = ++t[0] on a local array. */
class PreIncrementElement {
    @Differentiable
    static double f(double x) {
        double[] t = {x * x};
        double y = ++t[0];
        return y * t[0];
    }

    static Object[] point() {
        return new Object[] {1.5};
    }
}
