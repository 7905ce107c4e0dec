package conformance;

import io.github.sourcegrad.Differentiable;

/** A switch expression in colon form with yield, on a computed int. */
class SwitchColonYield {
    @Differentiable
    static double f(double x, double y) {
        int region = (int) Math.floor(x);
        double w = switch (region) {
            case 0:
                yield y * x;
            case 1:
            case 2:
                double t = x - region;
                yield t * t * y;
            default:
                yield y;
        };
        return w + x * y;
    }

    static Object[] point() {
        return new Object[] {1.4, 0.8};
    }
}
