package golden;

import io.github.sourcegrad.Differentiable;

/**
 * Second derivatives (hessian = true): the gradient of the directional derivative, as forward mode (each value
 * followed by its tangent) and then reverse mode of that code.
 */
public class Second {

    /** f(x, y) = 1 / (y + e^-x), with the slide's intermediates. */
    @Differentiable(hessian = true)
    static double f(double x, double y) {
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;
        return d;
    }

    /** The negative log-likelihood of a logistic regression: a loop over the data, weights in an array. */
    @Differentiable(hessian = true, forward = true, wrt = "w")
    static double logisticLoss(double[] w, double[][] xs, double[] ys) {
        double loss = 0;
        for (int i = 0; i < ys.length; i++) {
            double m = 0;
            for (int j = 0; j < w.length; j++) {
                m += w[j] * xs[i][j];
            }
            loss += Math.log1p(Math.exp(-m)) + (1 - ys[i]) * m;
        }
        return loss;
    }
}
