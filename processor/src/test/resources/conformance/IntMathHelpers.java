package conformance;

import io.github.sourcegrad.Differentiable;

/** Integer Math helpers in index computations: abs, max, min, floorDiv, multiplyExact. */
class IntMathHelpers {
    @Differentiable
    static double f(double[] x, int shift) {
        int n = x.length;
        double s = 0;
        for (int i = -n + 1; i < n; i++) {
            int j = Math.abs(i);
            int lo = Math.max(0, i);
            int hi = Math.min(n - 1, Math.max(0, i + shift));
            int half = Math.floorDiv(i, 2);
            s += x[j] * x[lo] * x[hi] + Math.multiplyExact(half, 2) * x[j];
        }
        return s;
    }

    static Object[] point() {
        return new Object[] {new double[] {0.5, 1.1, -0.3, 0.8}, 2};
    }
}
