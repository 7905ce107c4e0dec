package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Lowering}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Lowering}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class LoweringGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(LoweringGrad.class, "${project.version}");
    }

    private LoweringGrad() {
    }

    /**
     * Value and gradient of {@link Lowering#power(double, int)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code p} (double), {@code n2} (int). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param x the argument {@code x} of {@code power}
     * @param n the argument {@code n} of {@code power}, held constant
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static PowerGradient dpower(double x, int n) {
        try (Tape tape = Tape.open()) {
            double p = 1;
            int n2 = n;
            long trips = 0;
            while (true) {
                trips++;
                tape.push(p);
                tape.push(n2);
                int n3 = n2 - 1;
                if (!(n2 > 0)) {
                    n2 = n3;
                    break;
                }
                p = p * x;
                n2 = n3;
            }
            double power = p;

            double dp = 1;
            double dx = 0;
            for (; trips > 0; trips--) {
                n2 = tape.popInt();
                p = tape.popDouble();
                if (n2 > 0) {
                    double dp3 = dp;
                    dp = x * dp3;
                    dx += p * dp3;
                }
            }
            return new PowerGradient(power, dx);
        }
    }

    /**
     * Value of {@link Lowering#power(double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code p} (double), {@code n2} (int). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param x the argument {@code x} of {@code power}
     * @param n the argument {@code n} of {@code power}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code power}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dpower(double x, int n, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        try (Tape tape = Tape.open()) {
            double p = 1;
            int n2 = n;
            long trips = 0;
            while (true) {
                trips++;
                tape.push(p);
                tape.push(n2);
                int n3 = n2 - 1;
                if (!(n2 > 0)) {
                    n2 = n3;
                    break;
                }
                p = p * x;
                n2 = n3;
            }
            double power = p;

            double dp = 1;
            double dx = 0;
            for (; trips > 0; trips--) {
                n2 = tape.popInt();
                p = tape.popDouble();
                if (n2 > 0) {
                    double dp3 = dp;
                    dp = x * dp3;
                    dx += p * dp3;
                }
            }
            grad[0] = dx;
            return power;
        }
    }

    /**
     * Value and gradient of {@link Lowering#firstAbove(double[], double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code firstAbove}
     * @param t the argument {@code t} of {@code firstAbove}, held constant
     * @return the value and the partial derivatives with respect to {@code x}
     * @throws NullPointerException if an array is null
     */
    public static FirstAboveGradient dfirstAbove(double[] x, double t) {
        Objects.requireNonNull(x, "x");
        double result = 0;
        boolean returned = false;
        int trips = 0;
        for (int i = 0; i < x.length; i++) {
            trips++;
            if (x[i] > t) {
                double t5 = x[i];
                double t6 = t5 - t;
                result = Math.sqrt(t6);
                returned = true;
                break;
            }
        }
        double firstAbove = returned ? result : 0;

        double dfirstAbove = 1;
        double dresult = 0;
        if (returned) {
            dresult += dfirstAbove;
        }
        double[] dx = new double[x.length];
        for (int i = trips - 1; i >= 0; i--) {
            if (x[i] > t) {
                double t5 = x[i];
                double t6 = t5 - t;
                double result3 = Math.sqrt(t6);
                double dt6 = dresult / (2 * result3);
                double dt5 = dt6;
                dx[i] += dt5;
                dresult = 0;
            }
        }
        return new FirstAboveGradient(firstAbove, dx);
    }

    /**
     * Value of {@link Lowering#firstAbove(double[], double)}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are accumulated in the arrays passed for them, which are
     * cleared first; it allocates nothing.
     *
     * @param x the argument {@code x} of {@code firstAbove}
     * @param t the argument {@code t} of {@code firstAbove}, held constant
     * @param gradX receives the gradient with respect to {@code x}; it must have the shape of {@code x}
     * @return the value of {@code firstAbove}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dfirstAbove(double[] x, double t, double[] gradX) {
        Buffers.check().input("x", x).buffer("gradX", gradX).requireDistinct();
        requireSameShape("gradX", gradX, "x", x);
        double result = 0;
        boolean returned = false;
        int trips = 0;
        for (int i = 0; i < x.length; i++) {
            trips++;
            if (x[i] > t) {
                double t5 = x[i];
                double t6 = t5 - t;
                result = Math.sqrt(t6);
                returned = true;
                break;
            }
        }
        double firstAbove = returned ? result : 0;

        double dfirstAbove = 1;
        double dresult = 0;
        if (returned) {
            dresult += dfirstAbove;
        }
        double[] dx = clear(gradX);
        for (int i = trips - 1; i >= 0; i--) {
            if (x[i] > t) {
                double t5 = x[i];
                double t6 = t5 - t;
                double result3 = Math.sqrt(t6);
                double dt6 = dresult / (2 * result3);
                double dt5 = dt6;
                dx[i] += dt5;
                dresult = 0;
            }
        }
        return firstAbove;
    }

    /**
     * Value of {@link Lowering#firstAbove(double[], double)} and its gradient with respect to every {@code double}, {@code double[]} and {@code double[][]} parameter.
     * <p>Called by the gradients of methods that call {@code firstAbove} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code firstAbove}
     * @param t the argument {@code t} of {@code firstAbove}
     * @return the value and the partial derivatives with respect to {@code x}, {@code t}
     * @throws NullPointerException if an array is null
     */
    public static FirstAboveWrtAllGradient dfirstAboveWrtAll(double[] x, double t) {
        Objects.requireNonNull(x, "x");
        double result = 0;
        boolean returned = false;
        int trips = 0;
        for (int i = 0; i < x.length; i++) {
            trips++;
            if (x[i] > t) {
                double t5 = x[i];
                double t6 = t5 - t;
                result = Math.sqrt(t6);
                returned = true;
                break;
            }
        }
        double firstAbove = returned ? result : 0;

        double dfirstAbove = 1;
        double dresult = 0;
        if (returned) {
            dresult += dfirstAbove;
        }
        double[] dx = new double[x.length];
        double dt = 0;
        for (int i = trips - 1; i >= 0; i--) {
            if (x[i] > t) {
                double t5 = x[i];
                double t6 = t5 - t;
                double result3 = Math.sqrt(t6);
                double dt6 = dresult / (2 * result3);
                double dt5 = dt6;
                dt += -dt6;
                dx[i] += dt5;
                dresult = 0;
            }
        }
        return new FirstAboveWrtAllGradient(firstAbove, dx, dt);
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Lowering}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Lowering} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code power(double,int)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "power(double,int)" -> "c3e9e099965ee8f0";
            case "firstAbove(double[],double)" -> "88c6f8cc40dbc7a9";
            default -> "";
        };
    }

    /**
     * The value of {@link Lowering#power(double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code power}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record PowerGradient(double value, double dx) {
    }

    /**
     * The value of {@link Lowering#firstAbove(double[], double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code firstAbove}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record FirstAboveGradient(double value, double[] dx) {
    }

    /**
     * The value of {@link Lowering#firstAbove(double[], double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code firstAbove}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     * @param dt the partial derivative with respect to {@code t}
     */
    @io.github.sourcegrad.Generated
    public record FirstAboveWrtAllGradient(double value, double[] dx, double dt) {
    }
}
