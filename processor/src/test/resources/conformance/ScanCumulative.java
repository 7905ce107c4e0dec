package conformance;

import io.github.sourcegrad.Differentiable;

/** A scan: a carry threaded through a loop that also writes each step's output into a local array. */
class ScanCumulative {
    @Differentiable
    static double f(double[] xs, double decay) {
        double carry = 0;
        double[] ys = new double[xs.length];
        for (int t = 0; t < xs.length; t++) {
            carry = decay * carry + (1 - decay) * xs[t];
            ys[t] = carry * carry;
        }
        double total = 0;
        for (double y : ys) {
            total += y;
        }
        return total;
    }

    static Object[] point() {
        return new Object[] {new double[] {1.0, -0.5, 0.3, 0.9}, 0.6};
    }
}
