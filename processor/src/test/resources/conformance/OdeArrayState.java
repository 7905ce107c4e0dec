package conformance;

import io.github.sourcegrad.Differentiable;

/** Explicit Euler on a Lotka-Volterra system with the state in an array updated in place via a derivative array. */
class OdeArrayState {
    @Differentiable
    static double f(double[] theta, double[] y0) {
        double[] y = new double[2];
        y[0] = y0[0];
        y[1] = y0[1];
        double[] dy = new double[2];
        double dt = 0.02;
        for (int n = 0; n < 50; n++) {
            dy[0] = theta[0] * y[0] - theta[1] * y[0] * y[1];
            dy[1] = -theta[2] * y[1] + theta[3] * y[0] * y[1];
            for (int i = 0; i < 2; i++) {
                y[i] += dt * dy[i];
            }
        }
        return y[0] + 2 * y[1];
    }

    static Object[] point() {
        return new Object[] {new double[] {1.1, 0.4, 0.9, 0.3}, new double[] {1.5, 0.8}};
    }
}
