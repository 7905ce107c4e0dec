package conformance;

import io.github.sourcegrad.Differentiable;

/** Softmax cross-entropy with class labels as int[], as most ML test suites pass them. */
class IntArrayLabels {
    @Differentiable(wrt = "logits")
    static double f(double[][] logits, int[] labels) {
        double loss = 0;
        for (int i = 0; i < logits.length; i++) {
            double m = logits[i][0];
            for (int j = 1; j < logits[i].length; j++) {
                m = Math.max(m, logits[i][j]);
            }
            double z = 0;
            for (int j = 0; j < logits[i].length; j++) {
                z += Math.exp(logits[i][j] - m);
            }
            loss += m + Math.log(z) - logits[i][labels[i]];
        }
        return loss / logits.length;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, 0.5, -0.3}, {1.2, -0.7, 0.4}}, new int[] {1, 0}};
    }
}
