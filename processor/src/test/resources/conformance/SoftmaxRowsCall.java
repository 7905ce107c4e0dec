package conformance;

import io.github.sourcegrad.Differentiable;

/** Cross-entropy over the rows of a matrix, through a softmax helper written with loops that returns an array. */
class SoftmaxRowsCall {
    @Differentiable
    static double[] softmax(double[] z) {
        double m = z[0];
        for (int j = 1; j < z.length; j++) {
            m = Math.max(m, z[j]);
        }
        double[] p = new double[z.length];
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - m);
            s += p[j];
        }
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = p[j] / s;
        }
        return out;
    }

    @Differentiable
    static double f(double[][] logits, double[] weights) {
        double loss = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] p = softmax(logits[i]);
            loss -= weights[i] * Math.log(p[i % p.length]);
        }
        return loss;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, -1, 2}, {1.5, 0.25, -0.5}, {-2, 0.75, 1}, {0.1, 0.2, 0.3}},
            new double[] {1, 0.5, 2, 1.5}};
    }
}
