package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;
import java.util.SplittableRandom;

/**
 * The mean logistic loss of a linear classifier over a small data set (64 samples of 8 features, labels -1 and
 * +1), with the numerically stable softplus as a {@code @Differentiable} helper that branches on the sign. The
 * zero-allocation form writes the helper inline in the loop (issue 13: before, one record per sample).
 */
public final class LogisticLoss {

    /** 64 samples of 8 features, drawn with a fixed seed. */
    static final double[][] X = new double[64][8];
    /** The labels, -1 or +1: the sign of a fixed linear function plus noise. */
    static final double[] Y = new double[64];

    static {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < X.length; i++) {
            double score = 0;
            for (int j = 0; j < X[i].length; j++) {
                X[i][j] = random.nextDouble(-1, 1);
                score += (j % 3 - 1) * X[i][j];
            }
            Y[i] = score + random.nextDouble(-0.5, 0.5) > 0 ? 1 : -1;
        }
    }

    private LogisticLoss() {
    }

    /** {@code log(1 + e^z)}, without overflow for large {@code z} and without cancellation for small. */
    @Differentiable
    public static double softplus(double z) {
        if (z > 0) {
            return z + Math.log1p(Math.exp(-z));
        }
        return Math.log1p(Math.exp(z));
    }

    /** The mean of {@code log(1 + e^(-y[i] w.x[i]))} over the samples {@code x[i]} and their labels {@code y[i]}. */
    @Differentiable(wrt = "w", hessian = true)
    public static double loss(double[] w, double[][] x, double[] y) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double margin = 0;
            for (int j = 0; j < w.length; j++) {
                margin += w[j] * x[i][j];
            }
            total += softplus(-y[i] * margin);
        }
        return total / x.length;
    }
}
