package io.github.sourcegrad.benchmarks;

/**
 * Central finite differences on the primal, {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with
 * {@code h = eps^(1/3) max(1, |x_i|)} (the step that balances truncation and rounding error): {@code 2n + 1}
 * calls of the primal, about 6 to 8 correct digits. The functions read their inputs from an array that is
 * perturbed in place and restored; nothing is allocated.
 */
public final class FiniteDifferences {

    /** {@code eps^(1/3)} for doubles. */
    private static final double STEP = 6.0554544523933395e-6;

    /** A function of an array of inputs, for the primal methods. */
    @FunctionalInterface
    public interface Fn {
        double apply(double[] x);
    }

    private FiniteDifferences() {
    }

    /**
     * Returns {@code fn(x)} and writes into {@code grad[j]} the central difference with respect to
     * {@code x[wrt[j]]}.
     */
    public static double central(Fn fn, double[] x, int[] wrt, double[] grad) {
        double value = fn.apply(x);
        for (int j = 0; j < wrt.length; j++) {
            int i = wrt[j];
            double xi = x[i];
            double h = STEP * Math.max(1, Math.abs(xi));
            double up = xi + h;
            double down = xi - h;
            x[i] = up;
            double fUp = fn.apply(x);
            x[i] = down;
            double fDown = fn.apply(x);
            x[i] = xi;
            grad[j] = (fUp - fDown) / (up - down);
        }
        return value;
    }

    static final Fn F = x -> Lecture.f(x[0], x[1]);
    static final Fn EXERCISE = x -> Lecture.exercise(x[0], x[1], x[2]);
    static final Fn MLP_LOSS = x -> Lecture.mlpLoss(x[0], x[1], x[2], x[3], x[4], x[5]);
    static final Fn LOG_POLY = x -> Lecture.logPoly(x[0], x[1]);
    static final Fn BLACK_SCHOLES = x -> BlackScholes.price(x[0], x[1], x[2], x[3], x[4]);
    static final Fn REPROJECTION_ERROR = x -> BundleAdjustment.reprojectionError(x[0], x[1], x[2], x[3], x[4],
            x[5], x[6], x[7], x[8], x[9], x[10], x[11], x[12], x[13], x[14], x[15], x[16]);

    static final int[] ALL2 = {0, 1};
    static final int[] ALL3 = {0, 1, 2};
    static final int[] ALL5 = {0, 1, 2, 3, 4};
    static final int[] MLP_WRT = {2, 3, 4, 5};
    static final int[] BA_WRT = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
}
