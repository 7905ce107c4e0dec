package io.github.sourcegrad.examples;

import static io.github.sourcegrad.ArrayMath.addRow;
import static io.github.sourcegrad.ArrayMath.matmul;
import static io.github.sourcegrad.ArrayMath.multiply;
import static io.github.sourcegrad.ArrayMath.negate;
import static io.github.sourcegrad.ArrayMath.softplus;
import static io.github.sourcegrad.ArrayMath.sum;
import static io.github.sourcegrad.ArrayMath.tanh;

import io.github.sourcegrad.Differentiable;
import io.github.sourcegrad.SmoothMath;

/**
 * A two-layer perceptron, 2 inputs, a hidden layer of {@code tanh} units, one output logit, for binary
 * classification: the network of the lecture's minibatch slides, written the way they write it.
 *
 * <pre>
 *   H = tanh(X W1 + b1)          X: n×2 (one example a row), W1: 2×16, b1: 16
 *   Z = H W2 + b2                W2: 16×1, b2: 1;  Z[i][0] is the logit of example i
 *   L = mean_i -log sigmoid(t_i z_i)     t_i = +1 or -1
 * </pre>
 *
 * <p>{@code -log sigmoid(t z)} is binary cross-entropy on the logit: with {@code p = sigmoid(z)} it is
 * {@code -log p} for {@code t = 1} and {@code -log(1 - p)} for {@code t = -1}. Written as {@code log} of a
 * {@code sigmoid} directly, it would become {@code -log(0) = Infinity} once a margin {@code s = t z}
 * passes about -745. {@link #loss} writes it {@code softplus(-s) = log(1 + e^-s)}, which
 * {@code SmoothMath.softplus} computes without overflow for every {@code s}, with the exact derivative
 * {@code -sigmoid(-s)} everywhere. (The identity {@code -log sigmoid(s) = relu(-s) - log sigmoid(|s|)} also stays
 * finite, but it builds a smooth function from {@code relu} and {@code |s|}, whose kinks at {@code s = 0} give
 * the gradient 0 there instead of {@code -1/2}: see {@code GradientsTest}.)
 */
final class Mlp {

    private Mlp() {
    }

    /**
     * The mean binary cross-entropy of the network over a minibatch, in the vectorized style: every line
     * is one operation on the whole batch.
     *
     * @param X the inputs, one example per row ({@code n×2})
     * @param T the targets, an {@code n×1} column of {@code +1} and {@code -1}
     */
    @Differentiable(wrt = {"W1", "b1", "W2", "b2"})
    static double loss(double[][] X, double[][] T, double[][] W1, double[] b1, double[][] W2, double[] b2) {
        double[][] H = tanh(addRow(matmul(X, W1), b1));
        double[][] Z = addRow(matmul(H, W2), b2);
        double[][] S = multiply(T, Z);                          // the margins t z
        double[][] losses = softplus(negate(S));                // -log sigmoid(s) = log(1 + e^-s)
        return sum(losses) / X.length;
    }

    /**
     * The same loss for one example, written with loops over the elements as one would without
     * {@code ArrayMath}: {@code h[j] = tanh(b1[j] + Σ_k x[k] W1[k][j])}, {@code z = b2[0] + Σ_j h[j] W2[j][0]}.
     * Its gradient is the vectorized {@link #loss}'s gradient on a batch of this one example.
     *
     * @param x the input of the example
     * @param t its target, {@code +1} or {@code -1}
     */
    @Differentiable(wrt = {"W1", "b1", "W2", "b2"})
    static double exampleLoss(double[] x, double t, double[][] W1, double[] b1, double[][] W2, double[] b2) {
        double[] h = new double[b1.length];
        for (int j = 0; j < h.length; j++) {
            double a = b1[j];
            for (int k = 0; k < x.length; k++) {
                a += x[k] * W1[k][j];
            }
            h[j] = Math.tanh(a);
        }
        double z = b2[0];
        for (int j = 0; j < h.length; j++) {
            z += h[j] * W2[j][0];
        }
        double s = t * z;
        return SmoothMath.softplus(-s);
    }

    /** The logits {@code Z = tanh(X W1 + b1) W2 + b2} (forward pass only, to classify). */
    static double[][] logits(double[][] X, double[][] W1, double[] b1, double[][] W2, double[] b2) {
        return addRow(matmul(tanh(addRow(matmul(X, W1), b1)), W2), b2);
    }
}
