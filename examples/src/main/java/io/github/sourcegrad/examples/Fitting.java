package io.github.sourcegrad.examples;

import io.github.sourcegrad.Differentiable;
import io.github.sourcegrad.SmoothMath;

/**
 * Models fitted with optimisers of Hipparchus ({@link Optimisers}): a logistic regression, minimised through its
 * generated {@code Objective}, and a growth curve integrated by Euler's method, fitted by least squares through its
 * generated Jacobian.
 */
public final class Fitting {

    private Fitting() {
    }

    /**
     * The mean negative log-likelihood of a logistic regression with weights {@code w} and bias {@code b} on the rows of
     * {@code X} with labels {@code y} (0 or 1), plus {@code lambda / 2 |w|^2}.
     */
    @Differentiable(wrt = {"w", "b"}, objective = true, hessian = true)
    static double logisticLoss(double[][] X, double[] y, double[] w, double b, double lambda) {
        double loss = 0;
        for (int i = 0; i < X.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * X[i][j];
            }
            // -log sigmoid(z) for a 1, -log sigmoid(-z) for a 0 (max(m, 0) + log1p(exp(-|m|)) would have the kinks'
            // zero derivative at m = 0, where every sample starts)
            loss += SmoothMath.softplus(y[i] > 0.5 ? -z : z);
        }
        double penalty = 0;
        for (int j = 0; j < w.length; j++) {
            penalty += w[j] * w[j];
        }
        return loss / X.length + 0.5 * lambda * penalty;
    }

    /**
     * Logistic growth {@code y' = r y (1 - y / k)} from {@code y0}, integrated by Euler's method with step {@code h}:
     * the values after {@code every}, {@code 2 every}, ... steps, one per observation.
     */
    @Differentiable(wrt = {"r", "k", "y0"})
    static double[] growth(double r, double k, double y0, double h, int every, int observations) {
        double[] values = new double[observations];
        double y = y0;
        for (int i = 0; i < observations; i++) {
            for (int s = 0; s < every; s++) {
                y = y + h * r * y * (1 - y / k);
            }
            values[i] = y;
        }
        return values;
    }

    /**
     * Observation {@code i} of {@link #growth} alone: the same Euler steps up to it. A least-squares fit without
     * {@code jacobiangrowth} differentiates this once per observation to build the Jacobian row by row.
     */
    @Differentiable(wrt = {"r", "k", "y0"})
    static double growthAt(double r, double k, double y0, double h, int every, int i) {
        double y = y0;
        for (int s = 0; s < (i + 1) * every; s++) {
            y = y + h * r * y * (1 - y / k);
        }
        return y;
    }
}
