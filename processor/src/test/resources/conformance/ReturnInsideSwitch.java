package conformance;

import io.github.sourcegrad.Differentiable;

/** Clad's switch tests return from inside a case. */
class ReturnInsideSwitch {
    @Differentiable
    static double f(double x, int k) {
        switch (k) {
            case 0:
                return x * x;
            case 1:
                return Math.sin(x);
            default:
                break;
        }
        return x;
    }

    static Object[] point() {
        return new Object[] {0.8, 1};
    }
}
