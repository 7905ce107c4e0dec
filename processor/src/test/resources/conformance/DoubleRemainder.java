package conformance;

import io.github.sourcegrad.Differentiable;

/** Angle wrapping with % on doubles. */
class DoubleRemainder {
    @Differentiable
    static double f(double theta) {
        double wrapped = theta % (2 * Math.PI);
        return Math.sin(wrapped) * wrapped;
    }

    static Object[] point() {
        return new Object[] {7.5};
    }
}
