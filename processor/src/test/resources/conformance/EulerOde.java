package conformance;

import io.github.sourcegrad.Differentiable;

/** An Euler integration of a damped oscillator with the state in a local array. */
class EulerOde {
    @Differentiable
    static double f(double k, double c, int steps) {
        double[] s = {1, 0};
        double h = 0.01;
        for (int t = 0; t < steps; t++) {
            double v = s[1];
            double a = -k * s[0] - c * s[1];
            s[0] = s[0] + h * v;
            s[1] = s[1] + h * a;
        }
        return s[0];
    }

    static Object[] point() {
        return new Object[] {4.0, 0.3, 50};
    }
}
