package conformance;

import io.github.sourcegrad.Differentiable;

/** A valid 1-D convolution of a signal with a kernel into a local array, then a squared error to a target. */
class Convolution1D {
    static final double[] TARGET = {0.5, 0.1, -0.2, 0.4};

    @Differentiable
    static double f(double[] signal, double[] kernel) {
        int m = kernel.length;
        int n = signal.length - m + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                out[i] += signal[i + k] * kernel[m - 1 - k];
            }
        }
        double err = 0;
        for (int i = 0; i < n; i++) {
            double d = out[i] - TARGET[i];
            err += d * d;
        }
        return err;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -0.5, 1.2, 0.8, -0.1, 0.6}, new double[] {0.25, 0.5, -0.3}};
    }
}
