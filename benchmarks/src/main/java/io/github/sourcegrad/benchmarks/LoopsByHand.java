package io.github.sourcegrad.benchmarks;

import java.util.Arrays;

/**
 * Reverse-mode gradients of {@link Loops}, written by hand the way a careful person writes them: the
 * forward loop keeps the values the backward loop needs in a local {@code double[]} sized for the steps,
 * the backward loop walks them in reverse, each {@code tanh} is evaluated once and its derivative read from
 * its result, and an accumulation whose adjoint is constant (the Huber sum) needs no backward loop at all:
 * its gradient is accumulated in the forward loop. This is the target the generated code is compared with.
 *
 * <p>Every method returns the value and writes the gradient, in the order of the generated {@code double[]}
 * form, into {@code grad}. The adjoint of {@code v} is {@code gv}.
 */
public final class LoopsByHand {

    private LoopsByHand() {
    }

    /** {@link Loops#recurrence}, with respect to {@code w, b, h0}: the states in an array, then backwards. */
    public static double recurrence(double w, double b, double h0, int steps, double[] grad) {
        double[] hs = new double[steps + 1];     // hs[t] = h_t
        double h = h0;
        hs[0] = h;
        for (int t = 0; t < steps; t++) {
            h = Math.tanh(w * h + b);
            hs[t + 1] = h;
        }
        double gh = 1;
        double gw = 0;
        double gb = 0;
        for (int t = steps; t > 0; t--) {
            double ht = hs[t];
            double gz = (1 - ht * ht) * gh;      // tanh'(z) = 1 - tanh(z)^2
            gw += hs[t - 1] * gz;
            gb += gz;
            gh = w * gz;
        }
        grad[0] = gw;
        grad[1] = gb;
        grad[2] = gh;
        return h;
    }

    /**
     * {@link Loops#huberSum}, with respect to {@code a, c}, in one pass: the sum's adjoint is 1 in every
     * iteration, so each point's {@code dL/dr} is added to the gradient as the point is visited.
     */
    public static double huberSum(double a, double c, double delta, int n, double[] grad) {
        double s = 0;
        double ga = 0;
        double gc = 0;
        for (int i = 0; i < n; i++) {
            double x = i * Loops.X_STEP - 1;
            double y = Loops.SLOPE * x + Loops.INTERCEPT + ((i * 37) % 11 - 5) * 0.02;
            if (i % 10 == 3) {
                y = y + Loops.OUTLIER;
            }
            double r = a * x + c - y;
            double abs = Math.abs(r);
            double gr;
            if (abs <= delta) {
                s += 0.5 * r * r;
                gr = r;
            } else {
                s += delta * (abs - 0.5 * delta);
                gr = delta * Math.signum(r);
            }
            ga += gr * x;
            gc += gr;
        }
        grad[0] = ga;
        grad[1] = gc;
        return s;
    }

    /**
     * {@link Loops#newtonSqrt}, with respect to {@code a}, through the iterations (not by the closed form
     * {@code 1 / (2 sqrt a)}): the iterates in an array that grows if the trip count outruns it.
     */
    public static double newtonSqrt(double a, double[] grad) {
        double[] xs = new double[16];            // xs[k] = x_k, the iterate before step k
        int trips = 0;
        double x = a;
        while (Math.abs(x * x - a) > 1e-12 * a) {
            if (trips == xs.length) {
                xs = Arrays.copyOf(xs, 2 * trips);
            }
            xs[trips++] = x;
            x = 0.5 * (x + a / x);
        }
        // x_{k+1} = (x_k + a / x_k) / 2: dx_{k+1}/dx_k = (1 - a / x_k^2) / 2, dx_{k+1}/da = 1 / (2 x_k)
        double gx = 1;
        double ga = 0;
        for (int k = trips - 1; k >= 0; k--) {
            double xk = xs[k];
            double inv = 1 / xk;
            double half = 0.5 * gx;
            ga += half * inv;
            gx = half * (1 - a * inv * inv);
        }
        grad[0] = ga + gx;                       // x_0 = a
        return x;
    }
}
