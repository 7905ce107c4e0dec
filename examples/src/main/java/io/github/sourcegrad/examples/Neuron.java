package io.github.sourcegrad.examples;

import io.github.sourcegrad.Differentiable;

/**
 * Small neural-network losses built from {@link Activations}: calls between differentiable methods,
 * {@code var}, compound assignment, class constants and an {@code int} parameter.
 */
public final class Neuron {

    /** The strength of the L2 penalty on the weight in {@link #batchShare}. */
    static final double WEIGHT_DECAY = 0.01;

    private Neuron() {
    }

    /**
     * The squared error of one sigmoid neuron, {@code (sigmoid(w x + b) - y)^2}, differentiated with
     * respect to its parameters {@code w} and {@code b}; the data {@code x} and {@code y} are constants.
     */
    @Differentiable(wrt = {"w", "b"})
    public static double loss(double x, double y, double w, double b) {
        var z = w * x + b;
        var yHat = Activations.sigmoid(z);
        var r = yHat - y;
        return r * r;
    }

    /**
     * A ReLU hidden unit feeding a sigmoid output unit, scored with binary cross-entropy:
     * {@code p = sigmoid(w2 relu(w1 x + b1) + b2)}, {@code L = -(y log p + (1 - y) log(1 - p))}.
     */
    @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
    public static double tinyNetLoss(double x, double y, double w1, double b1, double w2, double b2) {
        var h = Activations.relu(w1 * x + b1);
        var p = Activations.sigmoid(w2 * h + b2);
        var loss = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
        return loss;
    }

    /**
     * One example's share of the mean loss over a mini-batch of {@code batchSize} examples, plus its share
     * of a weight-decay penalty: {@code loss(x, y, w, b) / batchSize + WEIGHT_DECAY w^2 / batchSize}.
     * The {@code int} parameter is a constant of the differentiation, as are the data.
     */
    @Differentiable(wrt = {"w", "b"})
    public static double batchShare(double x, double y, double w, double b, int batchSize) {
        double total = loss(x, y, w, b);
        total += WEIGHT_DECAY * w * w;
        total /= batchSize;
        return total;
    }
}
