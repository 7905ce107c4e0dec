package conformance;

import io.github.sourcegrad.Differentiable;

/** A switch expression with a yield inside a block, selecting an activation. */
class SwitchExpressionYield {
    @Differentiable
    static double f(double x, int kind) {
        double a = switch (kind) {
            case 0 -> Math.tanh(x);
            case 1 -> 1 / (1 + Math.exp(-x));
            case 2 -> {
                double e = Math.exp(x);
                yield Math.log(1 + e);
            }
            default -> x;
        };
        return a * a + x;
    }

    static Object[] point() {
        return new Object[] {0.35, 2};
    }
}
