package conformance;

import io.github.sourcegrad.Differentiable;

/** The @Differentiable method is a static method of an interface. */
interface InterfaceStaticMethod {
    @Differentiable
    static double f(double x, double y) {
        return Math.exp(x * y) + x;
    }

    static Object[] point() {
        return new Object[] {0.7, 0.2};
    }
}
