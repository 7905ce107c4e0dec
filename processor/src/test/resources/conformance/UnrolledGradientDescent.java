package conformance;

import io.github.sourcegrad.Differentiable;

/** Differentiating through an optimiser: hand-written gradient descent steps on a quadratic, loss after them. */
class UnrolledGradientDescent {
    @Differentiable
    static double f(double lr, double x0, double y0) {
        double x = x0;
        double y = y0;
        for (int k = 0; k < 15; k++) {
            double gx = 2 * (x - 1) + 0.5 * y;
            double gy = 8 * (y + 2) + 0.5 * x;
            x -= lr * gx;
            y -= lr * gy;
        }
        return (x - 1) * (x - 1) + 4 * (y + 2) * (y + 2) + 0.5 * x * y;
    }

    static Object[] point() {
        return new Object[] {0.05, 3.0, 1.0};
    }
}
