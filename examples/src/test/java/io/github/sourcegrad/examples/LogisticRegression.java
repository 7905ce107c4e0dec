package io.github.sourcegrad.examples;

import static io.github.sourcegrad.ArrayMath.add;
import static io.github.sourcegrad.ArrayMath.addRow;
import static io.github.sourcegrad.ArrayMath.log;
import static io.github.sourcegrad.ArrayMath.matmul;
import static io.github.sourcegrad.ArrayMath.multiply;
import static io.github.sourcegrad.ArrayMath.negate;
import static io.github.sourcegrad.ArrayMath.relu;
import static io.github.sourcegrad.ArrayMath.sigmoid;
import static io.github.sourcegrad.ArrayMath.softplus;
import static io.github.sourcegrad.ArrayMath.subtract;
import static io.github.sourcegrad.ArrayMath.sum;

import io.github.sourcegrad.Differentiable;
import io.github.sourcegrad.SmoothMath;

/**
 * Logistic regression, {@code L = mean_i -log sigmoid(t_i (x_i . w + b))} with {@code t_i = +1 or -1}, written
 * four ways: with the smooth {@code softplus} and with the kinked identity
 * {@code -log sigmoid(s) = relu(-s) - log sigmoid(|s|)}, each vectorized and with a loop. The values agree
 * everywhere; the gradients agree everywhere except where a margin {@code s} is exactly 0, where the kinked
 * forms' {@code relu'(0) = 0} and {@code abs'(0) = 0} give 0 instead of the true {@code -1/2}.
 */
final class LogisticRegression {

    private LogisticRegression() {
    }

    @Differentiable(wrt = {"W", "b"})
    static double smooth(double[][] X, double[][] T, double[][] W, double[] b) {
        double[][] S = multiply(T, addRow(matmul(X, W), b));    // the margins t (x . w + b)
        return sum(softplus(negate(S))) / X.length;             // -log sigmoid(s) = log(1 + e^-s)
    }

    /** The old {@code Mlp.loss} formulation: finite, but kinked at {@code s = 0}. */
    @Differentiable(wrt = {"W", "b"})
    static double kinked(double[][] X, double[][] T, double[][] W, double[] b) {
        double[][] S = multiply(T, addRow(matmul(X, W), b));
        double[][] negative = relu(negate(S));                  // relu(-s)
        double[][] magnitude = add(relu(S), negative);          // |s|
        return sum(subtract(negative, log(sigmoid(magnitude)))) / X.length;
    }

    @Differentiable(wrt = {"w", "b"})
    static double smoothLoop(double[][] X, double[] t, double[] w, double b) {
        double loss = 0;
        for (int i = 0; i < X.length; i++) {
            double s = t[i] * (X[i][0] * w[0] + X[i][1] * w[1] + b);
            loss += SmoothMath.softplus(-s);
        }
        return loss / X.length;
    }

    /** The old {@code Mlp.exampleLoss} formulation, summed over the examples. */
    @Differentiable(wrt = {"w", "b"})
    static double kinkedLoop(double[][] X, double[] t, double[] w, double b) {
        double loss = 0;
        for (int i = 0; i < X.length; i++) {
            double s = t[i] * (X[i][0] * w[0] + X[i][1] * w[1] + b);
            loss += Math.max(-s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
        }
        return loss / X.length;
    }
}
