package conformance;

import io.github.sourcegrad.Differentiable;

/** A colon switch with fall-through and default in the middle. */
class SwitchFallThrough {
    @Differentiable
    @SuppressWarnings("fallthrough") // falling through is the point
    static double f(double x, int k) {
        double y = 1;
        switch (k) {
            case 3:
                y *= x;
            default:
                y *= x;
            case 1:
                y += x;
                break;
            case 2:
                y = -x;
        }
        return y;
    }

    static Object[] point() {
        return new Object[] {0.7, 3};
    }
}
