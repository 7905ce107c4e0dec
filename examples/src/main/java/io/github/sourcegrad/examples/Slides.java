package io.github.sourcegrad.examples;

import io.github.sourcegrad.Differentiable;

/**
 * The scalar functions of the lecture, written the way a student writes them on the slides: one
 * intermediate value per line, named as in the lecture. SourceGrad generates {@code SlidesGrad} from
 * this class at compile time; {@link Main} checks every gradient against the numbers the lecture gives
 * and against finite differences.
 *
 * <p>Sources:
 * <ul>
 *   <li><em>slides</em>: "Backpropagation and Computational Graphs" (Banner and Spiering);</li>
 *   <li><em>notes</em>: "Computational Graphs and the Chain Rule of Differentiation", section 1.6.</li>
 * </ul>
 */
public final class Slides {

    private Slides() {
    }

    /**
     * {@code f(x, y) = 1 / (y + e^-x)}, the running example of the slides ("How Do We Construct a
     * Computational Graph?", "Forward Pass Example", "Some Gradient Notation").
     *
     * <p>At {@code (0, 1)} the forward pass gives {@code a = 0, b = 1, c = 2, d = 0.5}, and the slides
     * find {@code df/dx = 1/4} and {@code df/dy = -1/4}.
     */
    @Differentiable
    public static double f(double x, double y) {
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;
        return d;
    }

    /**
     * {@code g(x, y, z) = [max(3x, 0) - y]^2 + z}, the slides' exercise (named {@code f} there).
     *
     * <p>At {@code (1, 0, -2)} the slides' forward pass gives {@code p = 3, q = 3, r = 3, s = 9, t = 7}.
     * Their backward pass ({@code dr = 2r, dq = dr, dy = -dr, dp = (p > 0) dq, dx = 3 dp}) gives, by
     * hand, {@code dx = 18, dy = -6, dz = 1}.
     */
    @Differentiable
    public static double g(double x, double y, double z) {
        double p = x * 3;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = r * r;
        double t = s + z;
        return t;
    }

    /**
     * The goal of the lecture: the squared loss of a two-layer ReLU perceptron with one input,
     * {@code L(x, y, w1, b1, w2, b2) = [max(max(w1 x + b1, 0) w2 + b2, 0) - y]^2}, differentiated with
     * respect to the parameters only ({@code x} and {@code y} are data).
     *
     * <p>The slides ask for the gradient at {@code L(2, 10, -1, 4, 3, 1)}. By hand: {@code h1 = 2},
     * {@code a1 = 2}, {@code h2 = 7}, {@code a2 = 7}, {@code r = -3}, {@code L = 9}; backwards
     * {@code dr = 2r = -6}, {@code dh2 = -6} (ReLU open), {@code dw2 = a1 dh2 = -12}, {@code db2 = -6},
     * {@code da1 = w2 dh2 = -18}, {@code dh1 = -18} (ReLU open), {@code dw1 = x dh1 = -36},
     * {@code db1 = -18}.
     */
    @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
    public static double mlpLoss(double x, double y, double w1, double b1, double w2, double b2) {
        double h1 = w1 * x + b1;
        double a1 = Math.max(h1, 0);
        double h2 = a1 * w2 + b2;
        double a2 = Math.max(h2, 0);
        double r = a2 - y;
        double loss = r * r;
        return loss;
    }

    /**
     * {@code z = log(3x^2 + 5xy)}, the example of the notes (sections 1.6.1 to 1.6.6), with the notes'
     * names {@code a} to {@code e} for the intermediate values.
     *
     * <p>At {@code (2, 3)}: {@code a = 4, b = 12, c = 6, d = 30, e = 42, z = log 42 = 3.7377}, and PyTorch
     * prints {@code x.grad = 0.6429}, {@code y.grad = 0.2381}; exactly {@code (6x + 5y) / e = 27/42} and
     * {@code 5x / e = 10/42}.
     */
    @Differentiable
    public static double logOfPolynomial(double x, double y) {
        double a = x * x;
        double b = 3 * a;
        double c = x * y;
        double d = 5 * c;
        double e = b + d;
        double z = Math.log(e);
        return z;
    }

    /**
     * {@code w = x^2 + 3x}, the slides' "Handling Multiple Gradients": {@code x} fans out to three uses,
     * and backpropagation must add up their contributions, {@code dw/dx = 2x + 3}.
     *
     * <p>The slide leaves the point open; {@link Main} uses {@code x = 2}, where {@code w = 10} and
     * {@code dw/dx = 7}.
     */
    @Differentiable
    public static double fanOut(double x) {
        double a = x * x;
        double b = 3 * x;
        double w = a + b;
        return w;
    }

    /**
     * {@code w = (x + y) z}, the slides' "Functions of > 1 Variable", at {@code (1, 2, -3)}: by hand
     * {@code w = -9}, {@code dw/dx = dw/dy = z = -3}, {@code dw/dz = x + y = 3}.
     */
    @Differentiable
    public static double sumTimes(double x, double y, double z) {
        double q = x + y;
        double w = q * z;
        return w;
    }

    /**
     * {@code w = log([e^x]^2)}, the slides' "Example with Del Notation", at {@code x = 0}. It simplifies
     * to {@code 2x}, so {@code w = 0} and {@code dw/dx = 2}.
     */
    @Differentiable
    public static double logOfSquaredExp(double x) {
        double a = Math.exp(x);
        double b = Math.pow(a, 2);
        double w = Math.log(b);
        return w;
    }

    /**
     * {@code w = 1 / e^-x}, the slides' "Forward Example" and "Backward Example", at {@code x = 0}: it is
     * {@code e^x}, so {@code w = 1}, and the slides find {@code dw/dx = +1}.
     */
    @Differentiable
    public static double reciprocalOfExp(double x) {
        double a = -x;
        double b = Math.exp(a);
        double w = 1 / b;
        return w;
    }
}
