package conformance;

import io.github.sourcegrad.Differentiable;

/** A loss chosen by name: a switch expression on a String parameter. */
class SwitchOnString {
    @Differentiable
    static double f(double prediction, double target, String loss) {
        double r = prediction - target;
        return switch (loss) {
            case "l2", "mse" -> r * r;
            case "huber" -> Math.abs(r) <= 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
            default -> Math.log(Math.cosh(r));
        };
    }

    static Object[] point() {
        return new Object[] {1.7, 0.2, "huber"};
    }
}
