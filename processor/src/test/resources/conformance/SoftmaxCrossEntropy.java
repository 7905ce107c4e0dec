package conformance;

import io.github.sourcegrad.Differentiable;

/** Softmax cross-entropy written with loops and a max shift. */
class SoftmaxCrossEntropy {
    @Differentiable
    static double f(double[] z, int label) {
        double m = z[0];
        for (int i = 1; i < z.length; i++) {
            m = Math.max(m, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += Math.exp(z[i] - m);
        }
        return Math.log(sum) + m - z[label];
    }

    static Object[] point() {
        return new Object[] {new double[] {0.3, 1.7, -0.4, 0.9}, 2};
    }
}
