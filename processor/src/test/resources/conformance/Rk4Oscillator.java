package conformance;

import io.github.sourcegrad.Differentiable;

/** A damped oscillator integrated by classical Runge-Kutta 4 steps, written out with locals. */
class Rk4Oscillator {
    @Differentiable
    static double f(double k, double c, double x0) {
        double x = x0;
        double v = 0;
        double h = 0.05;
        for (int step = 0; step < 40; step++) {
            double k1x = v;
            double k1v = -k * x - c * v;
            double k2x = v + 0.5 * h * k1v;
            double k2v = -k * (x + 0.5 * h * k1x) - c * (v + 0.5 * h * k1v);
            double k3x = v + 0.5 * h * k2v;
            double k3v = -k * (x + 0.5 * h * k2x) - c * (v + 0.5 * h * k2v);
            double k4x = v + h * k3v;
            double k4v = -k * (x + h * k3x) - c * (v + h * k3v);
            x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
            v += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
        }
        return x * x + v;
    }

    static Object[] point() {
        return new Object[] {2.0, 0.3, 1.1};
    }
}
