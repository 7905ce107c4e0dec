package io.github.sourcegrad.examples;

import io.github.sourcegrad.Differentiable;

/**
 * Functions with a branch and with loops, written as plain Java. SourceGrad differentiates them along
 * the path the inputs take: the backward pass of {@code ControlFlowGrad} takes the same branch, and runs
 * each loop's iterations in reverse, reading back from a tape the values an iteration overwrote.
 */
public final class ControlFlow {

    /** When {@link #newtonSqrt} stops: once {@code |x^2 - a|} is below this fraction of {@code a}. */
    private static final double TOLERANCE = 1e-12;

    private ControlFlow() {
    }

    /**
     * The Huber loss of a residual {@code r}: quadratic near 0, linear beyond {@code delta}, with an
     * early return.
     * <pre>
     *   huber(r, delta) = r^2 / 2                  if |r| <= delta
     *                     delta (|r| - delta / 2)  otherwise
     * </pre>
     * Its derivatives are {@code r} and {@code 0} on the quadratic branch, {@code delta sign(r)} and
     * {@code |r| - delta} on the linear one.
     */
    @Differentiable
    public static double huber(double r, double delta) {
        double a = Math.abs(r);
        if (a <= delta) {
            return 0.5 * r * r;
        }
        return delta * (a - 0.5 * delta);
    }

    /**
     * The square root of {@code a > 0} by Newton's method, iterated until it has converged: the trip
     * count depends on {@code a}. Differentiating the iterations gives {@code 1 / (2 sqrt a)}, the
     * derivative of the square root, because each Newton step also converges in its derivative.
     *
     * <p>The gradient is the derivative of the path the inputs take. At {@code a = 1} the start is already
     * the root, the loop does not run, the program is {@code x = a}, and its gradient is 1, not 1/2 (a
     * finite difference, which runs the loop on either side, says 1/2).
     */
    @Differentiable
    public static double newtonSqrt(double a) {
        double x = a;
        while (Math.abs(x * x - a) > TOLERANCE * a) {
            x = 0.5 * (x + a / x);
        }
        return x;
    }

    /**
     * A recurrent cell run for {@code steps} steps, {@code h <- tanh(w h + b)} from {@code h0}: the
     * final state, differentiated with respect to the weight, the bias and the initial state
     * (backpropagation through time). {@code steps} is an {@code int}, a constant of the
     * differentiation. Each iteration overwrites {@code h}, so the gradient tapes it once per step.
     */
    @Differentiable
    public static double recurrence(double w, double b, double h0, int steps) {
        double h = h0;
        for (int i = 0; i < steps; i++) {
            h = Math.tanh(w * h + b);
        }
        return h;
    }
}
