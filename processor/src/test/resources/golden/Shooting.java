package golden;

import io.github.sourcegrad.Differentiable;

/** Fitting an ODE to observations: a loss over the trajectory that a solver with a loop returns as an array. */
class Shooting {
    /** Explicit Euler steps on y' = r y (1 - y), every state kept. */
    @Differentiable(wrt = {"r", "y0"})
    static double[] euler(double r, double y0, double h, int steps) {
        double[] ys = new double[steps + 1];
        double y = y0;
        ys[0] = y;
        for (int n = 0; n < steps; n++) {
            y = y + h * r * y * (1 - y);
            ys[n + 1] = y;
        }
        return ys;
    }

    /** The squared error of the trajectory against observations. */
    @Differentiable(wrt = {"r", "y0"})
    static double fit(double r, double y0, double[] observed) {
        double[] ys = euler(r, y0, 0.1, observed.length - 1);
        double loss = 0;
        for (int i = 0; i < ys.length; i++) {
            double e = ys[i] - observed[i];
            loss += e * e;
        }
        return loss;
    }
}
