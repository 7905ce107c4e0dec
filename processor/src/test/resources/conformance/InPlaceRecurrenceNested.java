package conformance;

import io.github.sourcegrad.Differentiable;

/** H[i] = tanh(w h[i] + x[t][i]) in place, in a nested loop (an RNN). */
class InPlaceRecurrenceNested {
    @Differentiable
    static double f(double[][] x, double w) {
        double[] h = new double[x[0].length];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.tanh(w * h[i] + x[t][i]);
            }
        }
        double s = 0;
        for (int i = 0; i < h.length; i++) {
            s += h[i];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, -0.4}, {0.7, 0.2}, {-0.3, 0.5}}, 0.8};
    }
}
