package conformance;

import io.github.sourcegrad.Differentiable;

/** A layer's activation chosen by an enum: a switch on an enum parameter whose cases return. */
class SwitchOnEnum {
    enum Activation { TANH, RELU, SOFTPLUS }

    @Differentiable
    static double f(double[] w, double[] x, Activation activation) {
        double z = 0;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        switch (activation) {
            case TANH:
                return Math.tanh(z);
            case RELU:
                return Math.max(z, 0);
            default:
                return Math.log1p(Math.exp(z));
        }
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, -0.2, 0.5}, new double[] {1.0, 0.4, -0.7}, Activation.SOFTPLUS};
    }
}
