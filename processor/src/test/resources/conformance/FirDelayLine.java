package conformance;

import io.github.sourcegrad.Differentiable;

/** A FIR filter with its delay line as state shifted in place each sample, as embedded code does. */
class FirDelayLine {
    @Differentiable
    static double f(double[] taps, double[] input) {
        double[] state = new double[taps.length];
        double energy = 0;
        for (int n = 0; n < input.length; n++) {
            for (int k = state.length - 1; k > 0; k--) {
                state[k] = state[k - 1];
            }
            state[0] = input[n];
            double y = 0;
            for (int k = 0; k < taps.length; k++) {
                y += taps[k] * state[k];
            }
            energy += y * y;
        }
        return energy;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, -0.3, 0.2}, new double[] {1.0, 0.4, -0.7, 0.9, 0.1}};
    }
}
