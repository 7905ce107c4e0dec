package conformance;

import io.github.sourcegrad.Differentiable;

/** Every compound assignment on a double in sequence, as Clad's Assignments test uses them. */
class CladCompoundAll {
    @Differentiable
    static double f(double x, double y) {
        double t = x;
        t += y;
        t *= x;
        t -= y * y;
        t /= (1 + x * x);
        t *= t;
        t += 3;
        return t;
    }

    static Object[] point() {
        return new Object[] {1.3, 0.4};
    }
}
