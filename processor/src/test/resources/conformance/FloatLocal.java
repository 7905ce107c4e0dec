package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: local variables of type 'float' are not supported
/** A float constant and a float local, as code ported from C float often keeps. */
class FloatLocal {
    @Differentiable
    static double f(double x) {
        float alpha = 0.25f;
        return alpha * x * x + 1.5f * x;
    }

    static Object[] point() {
        return new Object[] {0.7};
    }
}
