package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;

/**
 * Logistic growth {@code y' = r y (1 - y / k)} from {@code y0}, integrated by Euler's method with step {@code h}, and
 * observed every {@code every} steps: the model the examples fit with Levenberg-Marquardt (issue 14), written twice.
 * {@link #growth} returns all observations at once, so {@code jacobiangrowth} gives their whole Jacobian;
 * {@link #observation} returns one of them, which is what a user without {@code jacobian<name>} differentiates, once
 * per row of the Jacobian, each call integrating from the start again.
 */
public final class Growth {

    /** The parameters the observations are made with: rate, capacity, start. */
    static final double R = 0.8;
    static final double K = 10;
    static final double Y0 = 0.5;
    /** Euler's step, the steps between two observations, and the number of observations. */
    static final double H = 0.05;
    static final int EVERY = 10;
    static final int OBSERVATIONS = 20;

    private Growth() {
    }

    /** The values after {@code every}, {@code 2 every}, ... steps, one per observation. */
    @Differentiable(wrt = {"r", "k", "y0"})
    public static double[] growth(double r, double k, double y0, double h, int every, int observations) {
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

    /** The value after {@code (i + 1) every} steps: observation {@code i} of {@link #growth}, integrated on its own. */
    @Differentiable(wrt = {"r", "k", "y0"})
    public static double observation(double r, double k, double y0, double h, int every, int i) {
        double y = y0;
        int steps = (i + 1) * every;
        for (int s = 0; s < steps; s++) {
            y = y + h * r * y * (1 - y / k);
        }
        return y;
    }
}
