package io.github.sourcegrad.benchmarks;

import java.util.Arrays;

/**
 * Reverse-mode gradients of {@link Networks}, written by hand with plain loops, the way a careful person
 * writes backprop for a small network: one forward pass that keeps what the backward pass needs, each
 * {@code tanh} evaluated once and its derivative read from its result ({@code 1 - h^2}), the gradients
 * written straight into the caller's arrays, nothing allocated. This is the target the generated code is
 * compared with.
 *
 * <p>The methods take the arguments of the generated buffer form: the value is returned, the gradient of
 * each scalar parameter goes into {@code grad}, the gradient of each array parameter into the array passed
 * for it (of its shape). The adjoint of {@code v} is {@code gv}.
 */
public final class NetworksByHand {

    private NetworksByHand() {
    }

    /**
     * {@link Networks#twoLayer}, with respect to {@code w1, b1, w2, b2} ({@code grad[0]} receives the
     * partial derivative with respect to {@code b2}). The hidden layer {@code h} is kept in {@code gradW2}
     * until the output's adjoint is known: {@code dL/dw2 = h dL/dy}.
     */
    public static double twoLayer(double[] x, double t, double[][] w1, double[] b1, double[] w2, double b2,
            double[] grad, double[][] gradW1, double[] gradB1, double[] gradW2) {
        int hidden = b1.length;
        int d = x.length;
        double[] h = gradW2;
        double y = b2;
        for (int i = 0; i < hidden; i++) {
            double[] w1i = w1[i];
            double z = b1[i];
            for (int j = 0; j < d; j++) {
                z += w1i[j] * x[j];
            }
            double hi = Math.tanh(z);
            h[i] = hi;
            y += w2[i] * hi;
        }
        double r = y - t;
        double gy = 2 * r;
        for (int i = 0; i < hidden; i++) {
            double hi = h[i];
            double gz = w2[i] * gy * (1 - hi * hi);
            gradW2[i] = hi * gy;
            gradB1[i] = gz;
            double[] gw1i = gradW1[i];
            for (int j = 0; j < d; j++) {
                gw1i[j] = gz * x[j];
            }
        }
        grad[0] = gy;
        return r * r;
    }

    /**
     * {@link Networks#mlpBatch}, with respect to {@code w1, b1, w2, b2}, fused: one pass over the samples,
     * each sample's forward and backward pass together, its contributions added to the gradients as it goes
     * (the loss is a sum over the samples, so every sample's adjoint is known as soon as its output is).
     * {@code work} is a scratch row of length {@code hidden}, owned by the caller: it holds the sample's
     * pre-activation, then its hidden layer, then the hidden layer's adjoint.
     */
    public static double mlpBatch(double[][] x, double[][] t, double[][] w1, double[] b1, double[][] w2, double[] b2,
            double[][] gradW1, double[] gradB1, double[][] gradW2, double[] gradB2, double[] work) {
        int batch = x.length;
        int d = w1.length;
        int hidden = b1.length;
        for (int k = 0; k < d; k++) {
            Arrays.fill(gradW1[k], 0);
        }
        Arrays.fill(gradB1, 0);
        for (int i = 0; i < hidden; i++) {
            gradW2[i][0] = 0;
        }
        double gb2 = 0;
        double loss = 0;
        double scale = 2.0 / batch;
        double[] h = work;
        for (int n = 0; n < batch; n++) {
            double[] xn = x[n];
            // z = x_n W1 + b1, row by row of W1 (unit stride)
            Arrays.fill(h, 0);
            for (int k = 0; k < d; k++) {
                double xk = xn[k];
                double[] w1k = w1[k];
                for (int i = 0; i < hidden; i++) {
                    h[i] += xk * w1k[i];
                }
            }
            double y = 0;
            for (int i = 0; i < hidden; i++) {
                double hi = Math.tanh(h[i] + b1[i]);
                h[i] = hi;
                y += hi * w2[i][0];
            }
            double r = y + b2[0] - t[n][0];
            loss += r * r;
            double gy = scale * r;
            gb2 += gy;
            for (int i = 0; i < hidden; i++) {
                double hi = h[i];
                gradW2[i][0] += hi * gy;
                double gz = w2[i][0] * gy * (1 - hi * hi);
                gradB1[i] += gz;
                h[i] = gz;
            }
            for (int k = 0; k < d; k++) {
                double xk = xn[k];
                double[] gw1k = gradW1[k];
                for (int i = 0; i < hidden; i++) {
                    gw1k[i] += xk * h[i];
                }
            }
        }
        gradB2[0] = gb2;
        return loss / batch;
    }
}
