package conformance;

import io.github.sourcegrad.Differentiable;

/** Math.toRadians and Math.fma. */
class DegreesAndFma {
    @Differentiable
    static double f(double deg, double a) {
        return Math.fma(a, Math.sin(Math.toRadians(deg)), a * a);
    }

    static Object[] point() {
        return new Object[] {30.0, 1.5};
    }
}
