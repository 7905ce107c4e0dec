package conformance;

import io.github.sourcegrad.Differentiable;

/** Locals declared without a value and definitely assigned in every branch of an if chain and a switch. */
class UninitialisedThenBranches {
    @Differentiable
    static double f(double x, int mode) {
        double scale;
        double shift;
        if (x > 1) {
            scale = x;
            shift = 1;
        } else if (x > 0) {
            scale = x * x;
            shift = 0.5;
        } else {
            scale = -x;
            shift = 0;
        }
        double g;
        switch (mode) {
            case 0:
                g = Math.sin(scale);
                break;
            case 1:
                g = Math.cos(scale);
                break;
            default:
                g = scale;
                break;
        }
        return g * shift + scale;
    }

    static Object[] point() {
        return new Object[] {0.6, 1};
    }
}
