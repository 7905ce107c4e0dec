package golden;

import io.github.sourcegrad.Differentiable;

/** Branches and loops: the backward pass replays each decision and runs each loop in reverse. */
class ControlFlow {
    /** A branch that assigns a local: the backward pass takes the same branch. */
    @Differentiable
    static double piecewise(double x) {
        double y;
        if (x < 1) {
            y = x * x;
        } else if (x < 2) {
            y = 2 * x - 1;
        } else {
            y = 3 * Math.log(x / 2) + 3;
        }
        return y;
    }

    /** An early return: each path ends at its own return. */
    @Differentiable
    static double huber(double r, double delta) {
        double a = Math.abs(r);
        if (a <= delta) {
            return 0.5 * r * r;
        }
        return delta * (a - 0.5 * delta);
    }

    /** The conditional operator. */
    @Differentiable
    static double softClip(double x, double limit) {
        return x > limit ? limit + Math.log(1 + x - limit) : x;
    }

    /** A conditional expression whose sides are plain values stays one. */
    @Differentiable
    static double squaredRelu(double x) {
        double y = x > 0 ? x : 0;
        return y * y;
    }

    /** An overwritten loop-carried value: each iteration saves h on the tape. */
    @Differentiable(wrt = {"w", "b", "h0"})
    static double recurrence(double w, double b, double h0, int steps) {
        double h = h0;
        for (int i = 0; i < steps; i++) {
            h = Math.tanh(w * h + b);
        }
        return h;
    }

    /** A data-dependent trip count: Newton's method for sqrt(a), until it converges. */
    @Differentiable
    static double newtonSqrt(double a) {
        double x = a;
        while (Math.abs(x * x - a) > 1e-12 * a) {
            x = 0.5 * (x + a / x);
        }
        return x;
    }

    /**
     * A loop that only sums: its gradient is summed in the same loop, with the sum's adjoint taken as 1, and
     * scaled by the sum's real adjoint afterwards. No second pass, no tape.
     */
    @Differentiable(wrt = {"a", "b"})
    static double meanSquaredError(double a, double b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double x = 0.1 * i;
            double r = a * x + b - Math.sin(x);
            s += r * r;
        }
        return s / n;
    }

    /**
     * A guard, then a loop: the loop is in the early return's else branch, which holds its own backward pass,
     * so the loop runs once, not again when the branch is reversed.
     */
    @Differentiable(wrt = {"w", "b"})
    static double guardedRecurrence(double w, double b, int steps) {
        if (steps <= 0) {
            return 0;
        }
        double h = b;
        for (int i = 0; i < steps; i++) {
            h = Math.tanh(w * h + b);
        }
        return h * h;
    }

    /** An accumulation with continue: no tape at all. */
    @Differentiable(wrt = "x")
    static double skipNegative(double x, int n) {
        double s = 0;
        for (int k = 1; k <= n; k++) {
            double term = Math.sin(k * x);
            if (term < 0) {
                continue;
            }
            s += term / k;
        }
        return s;
    }

    /** break: stop once the partial sum passes a limit. */
    @Differentiable(wrt = "x")
    static double untilLimit(double x, double limit) {
        double s = 0;
        double p = 1;
        for (int k = 0; k < 100; k++) {
            p = p * x;
            s += p;
            if (s > limit) {
                break;
            }
        }
        return s;
    }
}
