package conformance;

import io.github.sourcegrad.Differentiable;

/** A two-layer perceptron written with loops: hidden tanh layer into a local array, sigmoid output, log loss. */
class MlpTwoLayerLoops {
    static final double[][] X = {{0.5, -1.0}, {1.5, 0.3}, {-0.7, 0.8}, {0.1, 0.1}};
    static final double[] Y = {1, 0, 1, 0};

    @Differentiable
    static double f(double[][] w1, double[] b1, double[] w2, double b2) {
        int hidden = b1.length;
        double loss = 0;
        for (int n = 0; n < X.length; n++) {
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double z = b1[j];
                for (int i = 0; i < X[n].length; i++) {
                    z += w1[j][i] * X[n][i];
                }
                h[j] = Math.tanh(z);
            }
            double out = b2;
            for (int j = 0; j < hidden; j++) {
                out += w2[j] * h[j];
            }
            double p = 1 / (1 + Math.exp(-out));
            loss -= Y[n] * Math.log(p) + (1 - Y[n]) * Math.log(1 - p);
        }
        return loss / X.length;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.2, -0.4}, {0.5, 0.1}, {-0.3, 0.6}}, new double[] {0.05, -0.1, 0.2},
                new double[] {0.7, -0.5, 0.3}, 0.1};
    }
}
