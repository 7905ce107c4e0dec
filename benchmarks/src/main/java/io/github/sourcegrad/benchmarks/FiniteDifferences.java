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

    /** A function of an array of inputs that returns its value and writes its gradient into {@code grad}. */
    @FunctionalInterface
    public interface GradientFn {
        double apply(double[] x, double[] grad);
    }

    /**
     * Returns {@code fn(x)} and writes into {@code hessian} the central differences of the gradient,
     * column {@code j} from {@code (grad(x + h e_j) - grad(x - h e_j)) / 2h}: {@code 2n + 1} gradient calls, the
     * Hessian of a user who has a gradient and no second derivatives. {@code up} and {@code down} receive the
     * two gradients of each column (length {@code n}).
     */
    public static double hessian(GradientFn fn, double[] x, double[] up, double[] down, double[][] hessian) {
        double value = fn.apply(x, up);
        for (int j = 0; j < x.length; j++) {
            double xj = x[j];
            double h = STEP * Math.max(1, Math.abs(xj));
            double plus = xj + h;
            double minus = xj - h;
            x[j] = plus;
            fn.apply(x, up);
            x[j] = minus;
            fn.apply(x, down);
            x[j] = xj;
            for (int i = 0; i < x.length; i++) {
                hessian[i][j] = (up[i] - down[i]) / (plus - minus);
            }
        }
        return value;
    }

    /**
     * Returns {@code fn(x)}, writes its gradient into {@code grad} and into {@code hv} the central difference of the
     * gradient along {@code v}, {@code (grad(x + h v) - grad(x - h v)) / 2h} with
     * {@code h = eps^(1/3) max(1, |x|_inf) / |v|_inf}: three gradient calls. {@code at}, {@code up} and {@code down}
     * are scratch arrays of length {@code n}.
     */
    public static double hessianTimes(GradientFn fn, double[] x, double[] v, double[] grad, double[] hv, double[] at,
            double[] up, double[] down) {
        double value = fn.apply(x, grad);
        double size = 1;
        double length = 0;
        for (int i = 0; i < x.length; i++) {
            size = Math.max(size, Math.abs(x[i]));
            length = Math.max(length, Math.abs(v[i]));
        }
        double h = STEP * size / length;
        for (int i = 0; i < x.length; i++) {
            at[i] = x[i] + h * v[i];
        }
        fn.apply(at, up);
        for (int i = 0; i < x.length; i++) {
            at[i] = x[i] - h * v[i];
        }
        fn.apply(at, down);
        for (int i = 0; i < x.length; i++) {
            hv[i] = (up[i] - down[i]) / (2 * h);
        }
        return value;
    }

    /**
     * Returns {@code fn(x)} and writes into {@code tangent[0]} its central difference along {@code v}, with the
     * step of {@link #hessianTimes}: three calls of the primal. {@code at} is a scratch array of length {@code n}.
     */
    public static double directional(Fn fn, double[] x, double[] v, double[] at, double[] tangent) {
        double value = fn.apply(x);
        double size = 1;
        double length = 0;
        for (int i = 0; i < x.length; i++) {
            size = Math.max(size, Math.abs(x[i]));
            length = Math.max(length, Math.abs(v[i]));
        }
        double h = STEP * size / length;
        for (int i = 0; i < x.length; i++) {
            at[i] = x[i] + h * v[i];
        }
        double up = fn.apply(at);
        for (int i = 0; i < x.length; i++) {
            at[i] = x[i] - h * v[i];
        }
        double down = fn.apply(at);
        tangent[0] = (up - down) / (2 * h);
        return value;
    }

    /** A function of an array of inputs with an array result, for the primal methods that return one. */
    @FunctionalInterface
    public interface VectorFn {
        double[] apply(double[] x);
    }

    /**
     * Writes {@code fn(x)} into {@code values} and into {@code jac} the central differences, column {@code j} from
     * {@code (fn(x + h e_j) - fn(x - h e_j)) / 2h}: {@code 2n + 1} calls of the primal.
     */
    public static void jacobian(VectorFn fn, double[] x, double[] values, double[][] jac) {
        System.arraycopy(fn.apply(x), 0, values, 0, values.length);
        for (int j = 0; j < x.length; j++) {
            double xj = x[j];
            double h = STEP * Math.max(1, Math.abs(xj));
            double plus = xj + h;
            double minus = xj - h;
            x[j] = plus;
            double[] up = fn.apply(x);
            x[j] = minus;
            double[] down = fn.apply(x);
            x[j] = xj;
            for (int i = 0; i < values.length; i++) {
                jac[i][j] = (up[i] - down[i]) / (plus - minus);
            }
        }
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
