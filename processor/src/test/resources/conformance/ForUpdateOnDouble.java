package conformance;

import io.github.sourcegrad.Differentiable;

/** The for update multiplies a double: x^3. */
class ForUpdateOnDouble {
    @Differentiable
    static double f(double x) {
        double t = 1;
        for (int i = 0; i < 3; t *= x) {
            i++;
        }
        return t;
    }

    static Object[] point() {
        return new Object[] {0.9};
    }
}
