package conformance;

import io.github.sourcegrad.Differentiable;

/** Softmax probabilities in a local array, cross-entropy with labels as a double[] of class indices cast to int. */
class SoftmaxDoubleLabels {
    @Differentiable(wrt = "w")
    static double f(double[][] w, double[][] x, double[] labels) {
        int classes = w.length;
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double[] z = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < x[i].length; j++) {
                    z[c] += w[c][j] * x[i][j];
                }
                max = Math.max(max, z[c]);
            }
            double norm = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = Math.exp(z[c] - max);
                norm += z[c];
            }
            int label = (int) labels[i];
            loss -= Math.log(z[label] / norm);
        }
        return loss;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.2, -0.1}, {0.4, 0.3}, {-0.5, 0.1}},
                new double[][] {{1.0, 0.5}, {-0.3, 1.2}, {0.8, -0.9}}, new double[] {0, 2, 1}};
    }
}
