package conformance;

import io.github.sourcegrad.Differentiable;

// refused today: 'next' is written element by element, so it cannot be assigned to another variable
/** A periodic Laplacian with neighbours by Math.floorMod, smoothing a ring for a few steps. */
class PeriodicFloorMod {
    @Differentiable
    static double f(double[] u, double nu) {
        int n = u.length;
        double[] cur = new double[n];
        for (int i = 0; i < n; i++) {
            cur[i] = u[i];
        }
        for (int step = 0; step < 4; step++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double left = cur[Math.floorMod(i - 1, n)];
                double right = cur[Math.floorMod(i + 1, n)];
                next[i] = cur[i] + nu * (left - 2 * cur[i] + right);
            }
            cur = next;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += cur[i] * cur[i] * (i + 1);
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.3, -0.9, 0.2, 0.7}, 0.2};
    }
}
