package conformance;

import io.github.sourcegrad.Differentiable;

/** continue outer to skip the rest of a row when an element is negative. */
class LabelledContinueSkip {
    @Differentiable
    static double f(double[][] m) {
        double s = 0;
        rows:
        for (int i = 0; i < m.length; i++) {
            double p = 1;
            for (int j = 0; j < m[i].length; j++) {
                if (m[i][j] < 0) {
                    continue rows;
                }
                p *= m[i][j];
            }
            s += p;
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.5, 0.7, 1.2}, {1.1, -0.2, 3.0}, {0.9, 1.3, 0.4}}};
    }
}
