package golden;

import io.github.sourcegrad.Differentiable;

/** An ODE solution returned as an array: the classical Runge-Kutta method (RK4) on y' = r y (1 - y). */
class Trajectories {
    @Differentiable(wrt = {"r", "y0"})
    static double[] rk4(double r, double y0, double h, int steps) {
        double[] ys = new double[steps + 1];
        double y = y0;
        ys[0] = y;
        for (int n = 0; n < steps; n++) {
            double k1 = r * y * (1 - y);
            double k2 = r * (y + 0.5 * h * k1) * (1 - (y + 0.5 * h * k1));
            double k3 = r * (y + 0.5 * h * k2) * (1 - (y + 0.5 * h * k2));
            double k4 = r * (y + h * k3) * (1 - (y + h * k3));
            y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            ys[n + 1] = y;
        }
        return ys;
    }
}
