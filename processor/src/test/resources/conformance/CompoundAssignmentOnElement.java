package conformance;

import io.github.sourcegrad.Differentiable;

/** Res += (arr[i] *= 5) on a local array. */
class CompoundAssignmentOnElement {
    @Differentiable
    static double f(double x, double y) {
        double[] arr = {x, y, x * y};
        double res = 0;
        for (int i = 0; i < arr.length; i++) {
            res += (arr[i] *= 5);
        }
        return res * arr[0];
    }

    static Object[] point() {
        return new Object[] {0.6, -0.3};
    }
}
