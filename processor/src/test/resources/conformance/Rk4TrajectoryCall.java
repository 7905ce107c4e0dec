package conformance;

import io.github.sourcegrad.Differentiable;

/** A loss over an ODE trajectory that a helper with a loop computes and returns as an array (RK4 on y' = -k y^3). */
class Rk4TrajectoryCall {
    @Differentiable
    static double[] trajectory(double y0, double k, double h, int steps) {
        double[] ys = new double[steps + 1];
        double y = y0;
        ys[0] = y;
        for (int n = 0; n < steps; n++) {
            double k1 = -k * y * y * y;
            double a = y + 0.5 * h * k1;
            double k2 = -k * a * a * a;
            double b = y + 0.5 * h * k2;
            double k3 = -k * b * b * b;
            double c = y + h * k3;
            double k4 = -k * c * c * c;
            y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            ys[n + 1] = y;
        }
        return ys;
    }

    @Differentiable
    static double f(double[] target, double y0, double k) {
        double[] ys = trajectory(y0, k, 0.1, target.length - 1);
        double loss = 0;
        for (int i = 0; i < ys.length; i++) {
            double e = ys[i] - target[i];
            loss += e * e;
        }
        return loss;
    }

    static Object[] point() {
        return new Object[] {new double[] {1.0, 0.9, 0.85, 0.8, 0.7}, 1.2, 0.8};
    }
}
