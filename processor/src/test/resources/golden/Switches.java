package golden;

import io.github.sourcegrad.Differentiable;

/** Switches become if/else chains: the backward pass takes the same case. */
class Switches {
    /**
     * The colon form with fall-through and a default in the middle: each branch runs the statements Java runs
     * when it enters the switch at that case.
     */
    @Differentiable
    @SuppressWarnings("fallthrough")
    static double fallThrough(double x, int k) {
        double y = x;
        switch (k) {
            case 0:
                y = y * x;
            case 1:
                y = y + Math.sin(x);
                break;
            default:
                y = 2 * y;
            case 3:
                y = y * y;
                break;
            case 4:
                y = -y;
        }
        return y;
    }

    /** A switch expression inside arithmetic, with a selector computed from a double. */
    @Differentiable
    static double band(double x, double a) {
        return 1 + x * switch ((int) Math.floor(x)) {
            case 0 -> a;
            case 1, 2 -> {
                double t = a * x;
                yield t * t;
            }
            default -> 0;
        };
    }
}
