package conformance;

import io.github.sourcegrad.Differentiable;

/** A moving average kept in a circular buffer indexed with %, the running sum updated in place. */
class CircularBufferAverage {
    @Differentiable
    static double f(double[] x, int window) {
        double[] buf = new double[window];
        double sum = 0;
        double out = 0;
        for (int n = 0; n < x.length; n++) {
            int slot = n % window;
            sum -= buf[slot];
            buf[slot] = x[n] * x[n];
            sum += buf[slot];
            if (n >= window - 1) {
                out += Math.sqrt(sum / window);
            }
        }
        return out;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.2, -0.8, 0.3, 1.7, -1.1, 0.9}, 3};
    }
}
