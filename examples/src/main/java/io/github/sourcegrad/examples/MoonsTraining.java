package io.github.sourcegrad.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains {@link Mlp} on {@link TwoMoons} with plain minibatch SGD, using nothing but the gradient that
 * SourceGrad generated for {@link Mlp#loss}: each step calls the buffer form
 * {@code MlpGrad.dloss(X, T, W1, b1, W2, b2, gradW1, gradB1, gradW2, gradB2)} with the same four gradient
 * arrays, then moves every weight against its gradient.
 */
final class MoonsTraining {

    /** Hidden units. */
    static final int HIDDEN = 16;
    /** Examples per minibatch (the last batch of an epoch takes what is left). */
    static final int BATCH_SIZE = 32;
    /** Passes over the data. */
    static final int EPOCHS = 200;
    /** The SGD step size. */
    static final double LEARNING_RATE = 0.3;
    /** Seeds the initial weights. */
    static final long WEIGHT_SEED = 1;
    /** Seeds the order of the examples in each epoch. */
    static final long SHUFFLE_SEED = 2;

    private MoonsTraining() {
    }

    /**
     * The network's parameters: {@code W1} is {@code 2×hidden}, {@code b1} has {@code hidden} entries,
     * {@code W2} is {@code hidden×1}, {@code b2} has one.
     */
    record Weights(double[][] W1, double[] b1, double[][] W2, double[] b2) {

        /**
         * Gaussian weights, zero biases; the same {@code seed} gives the same weights. {@code W1} has
         * deviation 1, so that the hidden units' boundaries {@code x W1[.][j] + b1[j] = 0} cross the
         * moons (whose coordinates are of order 1) at varied angles and the units start in
         * {@code tanh}'s sloped range; {@code W2} has deviation {@code 1 / sqrt(hidden)}, so that the
         * first logits are of order 1.
         */
        static Weights initial(int hidden, long seed) {
            Random random = new Random(seed);
            double[][] w1 = gaussian(random, 2, hidden, 1);
            double[][] w2 = gaussian(random, hidden, 1, 1 / Math.sqrt(hidden));
            return new Weights(w1, new double[hidden], w2, new double[1]);
        }

        /** Zeros of the same shapes: the gradient arrays that the buffer form fills. */
        Weights zeros() {
            return new Weights(new double[W1.length][W1[0].length], new double[b1.length],
                    new double[W2.length][W2[0].length], new double[b2.length]);
        }

        /** A deep copy. */
        Weights copy() {
            return unflatten(flatten());
        }

        /** The number of parameters. */
        int count() {
            return W1.length * W1[0].length + b1.length + W2.length * W2[0].length + b2.length;
        }

        /** All parameters in one vector: {@code W1} row by row, {@code b1}, {@code W2} row by row, {@code b2}. */
        double[] flatten() {
            double[] p = new double[count()];
            int i = 0;
            for (double[] row : W1) {
                System.arraycopy(row, 0, p, i, row.length);
                i += row.length;
            }
            System.arraycopy(b1, 0, p, i, b1.length);
            i += b1.length;
            for (double[] row : W2) {
                System.arraycopy(row, 0, p, i, row.length);
                i += row.length;
            }
            System.arraycopy(b2, 0, p, i, b2.length);
            return p;
        }

        /** Weights of these shapes read from a vector in {@link #flatten()}'s order. */
        Weights unflatten(double[] p) {
            if (p.length != count()) {
                throw new IllegalArgumentException("expected " + count() + " parameters but got " + p.length);
            }
            Weights w = zeros();
            int i = 0;
            for (double[] row : w.W1) {
                System.arraycopy(p, i, row, 0, row.length);
                i += row.length;
            }
            System.arraycopy(p, i, w.b1, 0, w.b1.length);
            i += w.b1.length;
            for (double[] row : w.W2) {
                System.arraycopy(p, i, row, 0, row.length);
                i += row.length;
            }
            System.arraycopy(p, i, w.b2, 0, w.b2.length);
            return w;
        }

        /** The name of parameter {@code i} of {@link #flatten()}: {@code W1[0][3]}, {@code b2[0]}. */
        String name(int i) {
            int k = i;
            int columns1 = W1[0].length;
            if (k < W1.length * columns1) {
                return "W1[" + k / columns1 + "][" + k % columns1 + "]";
            }
            k -= W1.length * columns1;
            if (k < b1.length) {
                return "b1[" + k + "]";
            }
            k -= b1.length;
            int columns2 = W2[0].length;
            if (k < W2.length * columns2) {
                return "W2[" + k / columns2 + "][" + k % columns2 + "]";
            }
            return "b2[" + (k - W2.length * columns2) + "]";
        }

        /** {@code this -= rate * gradient}, in place. */
        void descend(Weights gradient, double rate) {
            descend(W1, gradient.W1, rate);
            descend(b1, gradient.b1, rate);
            descend(W2, gradient.W2, rate);
            descend(b2, gradient.b2, rate);
        }

        private static void descend(double[][] w, double[][] g, double rate) {
            for (int i = 0; i < w.length; i++) {
                descend(w[i], g[i], rate);
            }
        }

        private static void descend(double[] w, double[] g, double rate) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= rate * g[i];
            }
        }

        private static double[][] gaussian(Random random, int rows, int columns, double deviation) {
            double[][] m = new double[rows][columns];
            for (double[] row : m) {
                for (int j = 0; j < columns; j++) {
                    row[j] = deviation * random.nextGaussian();
                }
            }
            return m;
        }
    }

    /** The state after an epoch (epoch 0: before training): the loss and accuracy on the whole data set. */
    record Epoch(int epoch, double loss, double accuracy) {
    }

    /**
     * The outcome of {@link #train}.
     *
     * @param weights the trained weights
     * @param log the epochs recorded: 0, every {@code every}-th and the last
     * @param steps the number of SGD steps taken
     */
    record Result(Weights weights, List<Epoch> log, int steps) {

        Epoch first() {
            return log.get(0);
        }

        Epoch last() {
            return log.get(log.size() - 1);
        }
    }

    /** Training with this class's settings, from {@link Weights#initial} with {@link #WEIGHT_SEED}. */
    static Result train(TwoMoons data, int every) {
        return train(data, Weights.initial(HIDDEN, WEIGHT_SEED), EPOCHS, BATCH_SIZE, LEARNING_RATE, SHUFFLE_SEED,
                every);
    }

    /**
     * Minibatch SGD from a copy of {@code start}: each epoch shuffles the examples (Fisher-Yates, with a
     * {@link Random} of {@code shuffleSeed}) and takes one step per batch of {@code batchSize}.
     */
    static Result train(TwoMoons data, Weights start, int epochs, int batchSize, double rate, long shuffleSeed,
            int every) {
        double[][] X = data.points();
        double[][] T = data.signedTargets();
        int n = data.size();
        Weights w = start.copy();
        Weights grad = w.zeros(); // filled by every call of the generated gradient
        Random random = new Random(shuffleSeed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }

        List<Epoch> log = new ArrayList<>();
        log.add(evaluate(0, data, T, w));
        int steps = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(order, random);
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                double[][] xb = new double[size][];
                double[][] tb = new double[size][];
                for (int i = 0; i < size; i++) {
                    xb[i] = X[order[from + i]];
                    tb[i] = T[order[from + i]];
                }
                MlpGrad.dloss(xb, tb, w.W1, w.b1, w.W2, w.b2, grad.W1, grad.b1, grad.W2, grad.b2);
                w.descend(grad, rate);
                steps++;
            }
            if (epoch % every == 0 || epoch == epochs) {
                log.add(evaluate(epoch, data, T, w));
            }
        }
        return new Result(w, List.copyOf(log), steps);
    }

    /** The fraction of examples whose predicted class (logit above 0: class 1) is their label. */
    static double accuracy(TwoMoons data, Weights w) {
        double[][] z = Mlp.logits(data.points(), w.W1, w.b1, w.W2, w.b2);
        int correct = 0;
        for (int i = 0; i < z.length; i++) {
            int predicted = z[i][0] > 0 ? 1 : 0;
            if (predicted == data.labels()[i]) {
                correct++;
            }
        }
        return (double) correct / z.length;
    }

    /** The mean loss over the whole data set. */
    static double loss(TwoMoons data, Weights w) {
        return Mlp.loss(data.points(), data.signedTargets(), w.W1, w.b1, w.W2, w.b2);
    }

    private static Epoch evaluate(int epoch, TwoMoons data, double[][] targets, Weights w) {
        double loss = Mlp.loss(data.points(), targets, w.W1, w.b1, w.W2, w.b2);
        return new Epoch(epoch, loss, accuracy(data, w));
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
