package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;

/**
 * Loop-heavy functions, the primal of the loop benchmarks; SourceGrad generates {@code LoopsGrad} from them.
 * A loop that overwrites a value the backward pass needs (the recurrence, Newton's iteration) tapes it; an
 * accumulation over data (the Huber sum) tapes nothing and recomputes each iteration in the backward pass.
 */
public final class Loops {

    /** Spacing of the Huber data's abscissae: {@code x_i = i * X_STEP - 1}, so 100 points span {@code [-1, 0.98]}. */
    static final double X_STEP = 0.02;
    /** The true slope and intercept of the Huber data. */
    static final double SLOPE = 2;
    static final double INTERCEPT = 0.5;
    /** The jump of every tenth point, the outliers the Huber loss is for. */
    static final double OUTLIER = 3;

    private Loops() {
    }

    /**
     * A small recurrent cell: {@code h_{t+1} = tanh(w h_t + b)} for {@code steps} steps from {@code h0},
     * differentiated with respect to the weight, the bias and the initial state.
     */
    @Differentiable(wrt = {"w", "b", "h0"})
    public static double recurrence(double w, double b, double h0, int steps) {
        double h = h0;
        for (int i = 0; i < steps; i++) {
            h = Math.tanh(w * h + b);
        }
        return h;
    }

    /**
     * The Huber loss (threshold {@code delta}) of the line {@code a x + c} on {@code n} synthetic points,
     * differentiated with respect to the model's slope {@code a} and intercept {@code c}. Arrays are not
     * supported yet, so the data set is computed from the loop index, with integer arithmetic only (the cost
     * of an array load, not of a {@code Math} call): {@code x_i = 0.02 i - 1},
     * {@code y_i = 2 x_i + 0.5 + 0.02 ((37 i mod 11) - 5)}, plus 3 at every tenth point (the outliers).
     */
    @Differentiable(wrt = {"a", "c"})
    public static double huberSum(double a, double c, double delta, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double x = i * X_STEP - 1;
            double y = SLOPE * x + INTERCEPT + ((i * 37) % 11 - 5) * 0.02;
            if (i % 10 == 3) {
                y = y + OUTLIER;
            }
            double r = a * x + c - y;
            double abs = Math.abs(r);
            if (abs <= delta) {
                s += 0.5 * r * r;
            } else {
                s += delta * (abs - 0.5 * delta);
            }
        }
        return s;
    }

    /** Newton's method for {@code sqrt(a)} from {@code x = a}, until {@code |x^2 - a| <= 1e-12 a}. */
    @Differentiable
    public static double newtonSqrt(double a) {
        double x = a;
        while (Math.abs(x * x - a) > 1e-12 * a) {
            x = 0.5 * (x + a / x);
        }
        return x;
    }
}
