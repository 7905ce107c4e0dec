package conformance;

import io.github.sourcegrad.Differentiable;

/** A loss chosen by an int code, whose switch ends with a default that rejects unknown codes (both forms of switch). */
class SwitchDefaultThrows {
    @Differentiable
    static double f(double prediction, double target, int loss) {
        double r = prediction - target;
        double value;
        switch (loss) {
            case 0:
                value = r * r;
                break;
            case 1:
                value = Math.abs(r) < 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
                break;
            default:
                throw new IllegalStateException("unknown loss " + loss);
        }
        double weight = switch (loss) {
            case 0 -> 0.5;
            case 1 -> 1.0;
            default -> throw new IllegalStateException("unknown loss " + loss);
        };
        return weight * value;
    }

    static Object[] point() {
        return new Object[] {0.8, 2.1, 1};
    }
}
