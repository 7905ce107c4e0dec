package golden;

import io.github.sourcegrad.Differentiable;

/** Forward mode (forward = true): each value followed by its tangent, as the lecture's forward-mode slides write it. */
public class Forward {

    /** f(x, y) = 1 / (y + e^-x), with the slide's intermediates; at (0, 1) the tangent along (tx, ty) is 0.25 tx - 0.25 ty. */
    @Differentiable(forward = true)
    static double f(double x, double y) {
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;
        return d;
    }

    /** A branch: the tangent follows the branch that the value takes. */
    @Differentiable(forward = true)
    static double leakyRelu(double x, double slope) {
        double y;
        if (x > 0) {
            y = x;
        } else {
            y = slope * x;
        }
        return y * y;
    }

    /** Newton's iteration for sqrt(a): the loop carries x and its tangent tx. */
    @Differentiable(forward = true, wrt = "a")
    static double newtonSqrt(double a, int steps) {
        double x = a;
        for (int i = 0; i < steps; i++) {
            x = 0.5 * (x + a / x);
        }
        return x;
    }

    /** A recurrence h <- h * w + 1: the product needs h's old value, so its tangent is computed first. */
    @Differentiable(forward = true)
    static double recurrence(double w, double h0, int n) {
        double h = h0;
        int k = 0;
        while (k < n) {
            h = h * w + 1;
            k++;
        }
        return h;
    }
}
