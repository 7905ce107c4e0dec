package conformance;

import io.github.sourcegrad.Differentiable;

/** A labelled break out of a nested loop once a running sum passes a threshold. */
class LabelledBreakSearch {
    @Differentiable
    static double f(double[][] m, double limit) {
        double s = 0;
        outer:
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                s += m[i][j] * m[i][j];
                if (s > limit) {
                    break outer;
                }
            }
        }
        return s * limit;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, 0.7}, {1.1, 0.2}, {0.9, 1.3}}, 2.0};
    }
}
