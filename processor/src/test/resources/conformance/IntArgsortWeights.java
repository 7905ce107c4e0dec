package conformance;

import io.github.sourcegrad.Differentiable;

/**
 * Ranks by an index array sorted in place (insertion sort of indices by value), then a rank-weighted sum: an
 * ordered-weighted average, as robust statistics and trimmed losses compute it.
 */
class IntArgsortWeights {
    @Differentiable
    static double f(double[] x) {
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 1; i < n; i++) {
            int key = order[i];
            int j = i - 1;
            while (j >= 0 && x[order[j]] > x[key]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = key;
        }
        double s = 0;
        for (int r = 0; r < n; r++) {
            s += (r + 1) * x[order[r]] * x[order[r]];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.7, -1.3, 2.1, 0.2, -0.4}};
    }
}
