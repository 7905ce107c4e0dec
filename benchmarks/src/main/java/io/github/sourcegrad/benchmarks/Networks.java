package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.ArrayMath;
import io.github.sourcegrad.Differentiable;

/**
 * Small neural networks on arrays, the primal of the array benchmarks; SourceGrad generates
 * {@code NetworksGrad} from them. The same two-layer network on one sample is written twice: vectorized with
 * {@link ArrayMath} ({@link #twoLayer}) and with loops over the elements ({@link #twoLayerLoops}); the
 * minibatch network ({@link #mlpBatch}) is vectorized.
 */
public final class Networks {

    private Networks() {
    }

    /**
     * The squared error {@code (y - t)^2} of the two-layer network {@code y = w2·tanh(W1 x + b1) + b2} on
     * one sample {@code (x, t)}, with {@link ArrayMath}: {@code W1} is {@code hidden×d}, {@code b1} and
     * {@code w2} have length {@code hidden}. Differentiated with respect to the network's parameters.
     */
    @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
    public static double twoLayer(double[] x, double t, double[][] w1, double[] b1, double[] w2, double b2) {
        double[] z = ArrayMath.add(ArrayMath.matmul(w1, x), b1);
        double[] h = ArrayMath.tanh(z);
        double y = ArrayMath.dot(w2, h) + b2;
        double r = y - t;
        return r * r;
    }

    /**
     * {@link #twoLayer} with loops over the elements: the hidden layer is written into a new array, one
     * element per iteration, and read back in a second loop.
     */
    @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
    public static double twoLayerLoops(double[] x, double t, double[][] w1, double[] b1, double[] w2, double b2) {
        double[] h = new double[b1.length];
        for (int i = 0; i < b1.length; i++) {
            double z = b1[i];
            for (int j = 0; j < x.length; j++) {
                z += w1[i][j] * x[j];
            }
            h[i] = Math.tanh(z);
        }
        double y = b2;
        for (int i = 0; i < h.length; i++) {
            y += w2[i] * h[i];
        }
        double r = y - t;
        return r * r;
    }

    /**
     * The mean squared error of the two-layer network {@code Y = tanh(X W1 + b1) W2 + b2} on a minibatch:
     * {@code X} is {@code batch×d} (one sample per row), {@code W1} is {@code d×hidden}, {@code b1} has
     * length {@code hidden} and is added to every row, {@code W2} is {@code hidden×1}, {@code b2} has length
     * 1, the targets {@code T} are {@code batch×1}. Differentiated with respect to the network's parameters.
     */
    @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
    public static double mlpBatch(double[][] x, double[][] t, double[][] w1, double[] b1, double[][] w2,
            double[] b2) {
        double[][] h = ArrayMath.tanh(ArrayMath.addRow(ArrayMath.matmul(x, w1), b1));
        double[][] y = ArrayMath.addRow(ArrayMath.matmul(h, w2), b2);
        double[][] r = ArrayMath.subtract(y, t);
        return ArrayMath.sum(ArrayMath.square(r)) / t.length;
    }
}
