package conformance;

import io.github.sourcegrad.Differentiable;

/** A kinematic tree whose parents are in a static final int[] (ADBench hand's bone hierarchy). */
class StaticIntArrayField {
    static final int[] PARENT = {-1, 0, 1, 1, 3};
    static final double[] LENGTH = {1.0, 0.8, 0.5, 0.6, 0.4};

    @Differentiable
    static double f(double[] angle) {
        int n = PARENT.length;
        double[] ax = new double[n];
        double[] px = new double[n];
        double[] py = new double[n];
        double s = 0;
        for (int b = 0; b < n; b++) {
            int p = PARENT[b];
            double base = p < 0 ? 0 : ax[p];
            ax[b] = base + angle[b];
            px[b] = (p < 0 ? 0 : px[p]) + LENGTH[b] * Math.cos(ax[b]);
            py[b] = (p < 0 ? 0 : py[p]) + LENGTH[b] * Math.sin(ax[b]);
            s += px[b] * px[b] + py[b];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.1, 0.3, -0.2, 0.4, 0.25}};
    }
}
