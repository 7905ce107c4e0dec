package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link ControlFlow}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link ControlFlow}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class ControlFlowGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(ControlFlowGrad.class, "${project.version}");
    }

    private ControlFlowGrad() {
    }

    /**
     * Value and gradient of {@link ControlFlow#piecewise(double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code piecewise}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static PiecewiseGradient dpiecewise(double x) {
        double y;
        if (x < 1) {
            y = x * x;
        } else if (x < 2) {
            double t3 = 2 * x;
            y = t3 - 1;
        } else {
            double t4 = x / 2;
            double t5 = Math.log(t4);
            double t6 = 3 * t5;
            y = t6 + 3;
        }

        double dy = 1;
        double dx = 0;
        if (x < 1) {
            dx += 2 * x * dy;
        } else if (x < 2) {
            double dt3 = dy;
            dx += 2 * dt3;
        } else {
            double t4 = x / 2;
            double dt6 = dy;
            double dt5 = 3 * dt6;
            double dt4 = dt5 / t4;
            dx += dt4 / 2;
        }
        return new PiecewiseGradient(y, dx);
    }

    /**
     * Value of {@link ControlFlow#piecewise(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code piecewise}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code piecewise}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dpiecewise(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double y;
        if (x < 1) {
            y = x * x;
        } else if (x < 2) {
            double t3 = 2 * x;
            y = t3 - 1;
        } else {
            double t4 = x / 2;
            double t5 = Math.log(t4);
            double t6 = 3 * t5;
            y = t6 + 3;
        }

        double dy = 1;
        double dx = 0;
        if (x < 1) {
            dx += 2 * x * dy;
        } else if (x < 2) {
            double dt3 = dy;
            dx += 2 * dt3;
        } else {
            double t4 = x / 2;
            double dt6 = dy;
            double dt5 = 3 * dt6;
            double dt4 = dt5 / t4;
            dx += dt4 / 2;
        }
        grad[0] = dx;
        return y;
    }

    /**
     * Value and gradient of {@link ControlFlow#huber(double, double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param r the argument {@code r} of {@code huber}
     * @param delta the argument {@code delta} of {@code huber}
     * @return the value and the partial derivatives with respect to {@code r}, {@code delta}
     */
    public static HuberGradient dhuber(double r, double delta) {
        double a = Math.abs(r);
        double huber;
        if (a <= delta) {
            double t2 = 0.5 * r;
            huber = t2 * r;
        } else {
            double t4 = 0.5 * delta;
            double t5 = a - t4;
            huber = delta * t5;
        }

        double dhuber = 1;
        double dr = 0;
        double ddelta = 0;
        double da = 0;
        if (a <= delta) {
            double t2 = 0.5 * r;
            double dt2 = r * dhuber;
            dr += t2 * dhuber;
            dr += 0.5 * dt2;
        } else {
            double t4 = 0.5 * delta;
            double t5 = a - t4;
            ddelta += t5 * dhuber;
            double dt5 = delta * dhuber;
            da += dt5;
            double dt4 = -dt5;
            ddelta += 0.5 * dt4;
            dr += Math.signum(r) * da;
        }
        return new HuberGradient(huber, dr, ddelta);
    }

    /**
     * Value of {@link ControlFlow#huber(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param r the argument {@code r} of {@code huber}
     * @param delta the argument {@code delta} of {@code huber}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code r}, {@code grad[1]} with respect to {@code delta}
     * @return the value of {@code huber}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dhuber(double r, double delta, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "r, delta");
        double a = Math.abs(r);
        double huber;
        if (a <= delta) {
            double t2 = 0.5 * r;
            huber = t2 * r;
        } else {
            double t4 = 0.5 * delta;
            double t5 = a - t4;
            huber = delta * t5;
        }

        double dhuber = 1;
        double dr = 0;
        double ddelta = 0;
        double da = 0;
        if (a <= delta) {
            double t2 = 0.5 * r;
            double dt2 = r * dhuber;
            dr += t2 * dhuber;
            dr += 0.5 * dt2;
        } else {
            double t4 = 0.5 * delta;
            double t5 = a - t4;
            ddelta += t5 * dhuber;
            double dt5 = delta * dhuber;
            da += dt5;
            double dt4 = -dt5;
            ddelta += 0.5 * dt4;
            dr += Math.signum(r) * da;
        }
        grad[0] = dr;
        grad[1] = ddelta;
        return huber;
    }

    /**
     * Value and gradient of {@link ControlFlow#softClip(double, double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code softClip}
     * @param limit the argument {@code limit} of {@code softClip}
     * @return the value and the partial derivatives with respect to {@code x}, {@code limit}
     */
    public static SoftClipGradient dsoftClip(double x, double limit) {
        double t6;
        if (x > limit) {
            double t2 = 1 + x;
            double t3 = t2 - limit;
            double t4 = Math.log(t3);
            t6 = limit + t4;
        } else {
            t6 = x;
        }

        double dt6 = 1;
        double dx = 0;
        double dlimit = 0;
        if (x > limit) {
            double t2 = 1 + x;
            double t3 = t2 - limit;
            dlimit += dt6;
            double dt4 = dt6;
            double dt3 = dt4 / t3;
            double dt2 = dt3;
            dlimit += -dt3;
            dx += dt2;
        } else {
            dx += dt6;
        }
        return new SoftClipGradient(t6, dx, dlimit);
    }

    /**
     * Value of {@link ControlFlow#softClip(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code softClip}
     * @param limit the argument {@code limit} of {@code softClip}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code limit}
     * @return the value of {@code softClip}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dsoftClip(double x, double limit, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "x, limit");
        double t6;
        if (x > limit) {
            double t2 = 1 + x;
            double t3 = t2 - limit;
            double t4 = Math.log(t3);
            t6 = limit + t4;
        } else {
            t6 = x;
        }

        double dt6 = 1;
        double dx = 0;
        double dlimit = 0;
        if (x > limit) {
            double t2 = 1 + x;
            double t3 = t2 - limit;
            dlimit += dt6;
            double dt4 = dt6;
            double dt3 = dt4 / t3;
            double dt2 = dt3;
            dlimit += -dt3;
            dx += dt2;
        } else {
            dx += dt6;
        }
        grad[0] = dx;
        grad[1] = dlimit;
        return t6;
    }

    /**
     * Value and gradient of {@link ControlFlow#squaredRelu(double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code squaredRelu}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static SquaredReluGradient dsquaredRelu(double x) {
        double y = x > 0 ? x : 0;
        double t2 = y * y;

        double dt2 = 1;
        double dy = 2 * y * dt2;
        double dx = 0;
        if (x > 0) {
            dx += dy;
        }
        return new SquaredReluGradient(t2, dx);
    }

    /**
     * Value of {@link ControlFlow#squaredRelu(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code squaredRelu}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code squaredRelu}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dsquaredRelu(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double y = x > 0 ? x : 0;
        double t2 = y * y;

        double dt2 = 1;
        double dy = 2 * y * dt2;
        double dx = 0;
        if (x > 0) {
            dx += dy;
        }
        grad[0] = dx;
        return t2;
    }

    /**
     * Value and gradient of {@link ControlFlow#recurrence(double, double, double, int)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code h} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code recurrence}
     * @param b the argument {@code b} of {@code recurrence}
     * @param h0 the argument {@code h0} of {@code recurrence}
     * @param steps the argument {@code steps} of {@code recurrence}, held constant
     * @return the value and the partial derivatives with respect to {@code w}, {@code b}, {@code h0}
     */
    public static RecurrenceGradient drecurrence(double w, double b, double h0, int steps) {
        try (Tape tape = Tape.open()) {
            double h = h0;
            int trips = 0;
            for (int i = 0; i < steps; i++) {
                trips++;
                tape.push(h);
                double t2 = w * h;
                double t3 = t2 + b;
                h = Math.tanh(t3);
            }
            double recurrence = h;

            double dh = 1;
            double dw = 0;
            double db = 0;
            for (int i = trips - 1; i >= 0; i--) {
                double h3 = h;
                h = tape.popDouble();
                double dt3 = (1 - h3 * h3) * dh;
                double dt2 = dt3;
                db += dt3;
                dw += h * dt2;
                dh = w * dt2;
            }
            double dh0 = dh;
            return new RecurrenceGradient(recurrence, dw, db, dh0);
        }
    }

    /**
     * Value of {@link ControlFlow#recurrence(double, double, double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code h} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code recurrence}
     * @param b the argument {@code b} of {@code recurrence}
     * @param h0 the argument {@code h0} of {@code recurrence}
     * @param steps the argument {@code steps} of {@code recurrence}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w}, {@code grad[1]} with respect to {@code b}, {@code grad[2]} with respect to {@code h0}
     * @return the value of {@code recurrence}
     * @throws IllegalArgumentException if {@code grad} has fewer than 3 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double drecurrence(double w, double b, double h0, int steps, double[] grad) {
        Buffers.requireLength(grad, 3, "grad", "w, b, h0");
        try (Tape tape = Tape.open()) {
            double h = h0;
            int trips = 0;
            for (int i = 0; i < steps; i++) {
                trips++;
                tape.push(h);
                double t2 = w * h;
                double t3 = t2 + b;
                h = Math.tanh(t3);
            }
            double recurrence = h;

            double dh = 1;
            double dw = 0;
            double db = 0;
            for (int i = trips - 1; i >= 0; i--) {
                double h3 = h;
                h = tape.popDouble();
                double dt3 = (1 - h3 * h3) * dh;
                double dt2 = dt3;
                db += dt3;
                dw += h * dt2;
                dh = w * dt2;
            }
            double dh0 = dh;
            grad[0] = dw;
            grad[1] = db;
            grad[2] = dh0;
            return recurrence;
        }
    }

    /**
     * Value and gradient of {@link ControlFlow#newtonSqrt(double)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code x} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param a the argument {@code a} of {@code newtonSqrt}
     * @return the value and the partial derivatives with respect to {@code a}
     */
    public static NewtonSqrtGradient dnewtonSqrt(double a) {
        try (Tape tape = Tape.open()) {
            double x = a;
            long trips = 0;
            while (Math.abs(x * x - a) > 1e-12 * a) {
                trips++;
                tape.push(x);
                double t6 = a / x;
                double t7 = x + t6;
                x = 0.5 * t7;
            }
            double newtonSqrt = x;

            double dx = 1;
            double da = 0;
            for (; trips > 0; trips--) {
                x = tape.popDouble();
                double t6 = a / x;
                double dt7 = 0.5 * dx;
                dx = dt7;
                double dt6 = dt7;
                da += dt6 / x;
                dx += -t6 / x * dt6;
            }
            da += dx;
            return new NewtonSqrtGradient(newtonSqrt, da);
        }
    }

    /**
     * Value of {@link ControlFlow#newtonSqrt(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code x} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param a the argument {@code a} of {@code newtonSqrt}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code a}
     * @return the value of {@code newtonSqrt}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dnewtonSqrt(double a, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "a");
        try (Tape tape = Tape.open()) {
            double x = a;
            long trips = 0;
            while (Math.abs(x * x - a) > 1e-12 * a) {
                trips++;
                tape.push(x);
                double t6 = a / x;
                double t7 = x + t6;
                x = 0.5 * t7;
            }
            double newtonSqrt = x;

            double dx = 1;
            double da = 0;
            for (; trips > 0; trips--) {
                x = tape.popDouble();
                double t6 = a / x;
                double dt7 = 0.5 * dx;
                dx = dt7;
                double dt6 = dt7;
                da += dt6 / x;
                dx += -t6 / x * dt6;
            }
            da += dx;
            grad[0] = da;
            return newtonSqrt;
        }
    }

    /**
     * Value and gradient of {@link ControlFlow#meanSquaredError(double, double, int)}, computed by reverse mode.
     * <p>The loop over {@code i} only adds terms to {@code s}: each iteration adds the
     * derivatives of its terms, per unit of the adjoint of {@code s}, to partial derivatives right
     * after computing them, in the forward pass; the backward pass multiplies them by that adjoint instead
     * of running the loop again.
     *
     * @param a the argument {@code a} of {@code meanSquaredError}
     * @param b the argument {@code b} of {@code meanSquaredError}
     * @param n the argument {@code n} of {@code meanSquaredError}, held constant
     * @return the value and the partial derivatives with respect to {@code a}, {@code b}
     */
    public static MeanSquaredErrorGradient dmeanSquaredError(double a, double b, int n) {
        double s = 0;
        double ds_da = 0;
        double ds_db = 0;
        for (int i = 0; i < n; i++) {
            double x = 0.1 * i;
            double t2 = a * x;
            double t3 = t2 + b;
            double t4 = Math.sin(x);
            double r = t3 - t4;
            double t5 = r * r;
            s = s + t5;

            double dt5 = 1;
            double dr = 2 * r * dt5;
            double dt3 = dr;
            double dt2 = dt3;
            ds_db += dt3;
            ds_da += x * dt2;
        }
        double t7 = s / n;

        double dt7 = 1;
        double ds = dt7 / n;
        double da = ds * ds_da;
        double db = ds * ds_db;
        return new MeanSquaredErrorGradient(t7, da, db);
    }

    /**
     * Value of {@link ControlFlow#meanSquaredError(double, double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>The loop over {@code i} only adds terms to {@code s}: each iteration adds the
     * derivatives of its terms, per unit of the adjoint of {@code s}, to partial derivatives right
     * after computing them, in the forward pass; the backward pass multiplies them by that adjoint instead
     * of running the loop again.
     *
     * @param a the argument {@code a} of {@code meanSquaredError}
     * @param b the argument {@code b} of {@code meanSquaredError}
     * @param n the argument {@code n} of {@code meanSquaredError}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code a}, {@code grad[1]} with respect to {@code b}
     * @return the value of {@code meanSquaredError}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dmeanSquaredError(double a, double b, int n, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "a, b");
        double s = 0;
        double ds_da = 0;
        double ds_db = 0;
        for (int i = 0; i < n; i++) {
            double x = 0.1 * i;
            double t2 = a * x;
            double t3 = t2 + b;
            double t4 = Math.sin(x);
            double r = t3 - t4;
            double t5 = r * r;
            s = s + t5;

            double dt5 = 1;
            double dr = 2 * r * dt5;
            double dt3 = dr;
            double dt2 = dt3;
            ds_db += dt3;
            ds_da += x * dt2;
        }
        double t7 = s / n;

        double dt7 = 1;
        double ds = dt7 / n;
        double da = ds * ds_da;
        double db = ds * ds_db;
        grad[0] = da;
        grad[1] = db;
        return t7;
    }

    /**
     * Value and gradient of {@link ControlFlow#guardedRecurrence(double, double, int)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code h} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code guardedRecurrence}
     * @param b the argument {@code b} of {@code guardedRecurrence}
     * @param steps the argument {@code steps} of {@code guardedRecurrence}, held constant
     * @return the value and the partial derivatives with respect to {@code w}, {@code b}
     */
    public static GuardedRecurrenceGradient dguardedRecurrence(double w, double b, int steps) {
        try (Tape tape = Tape.open()) {
            double dw = 0;
            double db = 0;
            double guardedRecurrence;
            if (steps <= 0) {
                guardedRecurrence = 0;
            } else {
                double h = b;
                int trips = 0;
                for (int i = 0; i < steps; i++) {
                    trips++;
                    tape.push(h);
                    double t3 = w * h;
                    double t4 = t3 + b;
                    h = Math.tanh(t4);
                }
                guardedRecurrence = h * h;

                double dguardedRecurrence = 1;
                double dh = 2 * h * dguardedRecurrence;
                for (int i = trips - 1; i >= 0; i--) {
                    double h3 = h;
                    h = tape.popDouble();
                    double dt4 = (1 - h3 * h3) * dh;
                    double dt3 = dt4;
                    db += dt4;
                    dw += h * dt3;
                    dh = w * dt3;
                }
                db += dh;
            }
            return new GuardedRecurrenceGradient(guardedRecurrence, dw, db);
        }
    }

    /**
     * Value of {@link ControlFlow#guardedRecurrence(double, double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code h} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code guardedRecurrence}
     * @param b the argument {@code b} of {@code guardedRecurrence}
     * @param steps the argument {@code steps} of {@code guardedRecurrence}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w}, {@code grad[1]} with respect to {@code b}
     * @return the value of {@code guardedRecurrence}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dguardedRecurrence(double w, double b, int steps, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "w, b");
        try (Tape tape = Tape.open()) {
            double dw = 0;
            double db = 0;
            double guardedRecurrence;
            if (steps <= 0) {
                guardedRecurrence = 0;
            } else {
                double h = b;
                int trips = 0;
                for (int i = 0; i < steps; i++) {
                    trips++;
                    tape.push(h);
                    double t3 = w * h;
                    double t4 = t3 + b;
                    h = Math.tanh(t4);
                }
                guardedRecurrence = h * h;

                double dguardedRecurrence = 1;
                double dh = 2 * h * dguardedRecurrence;
                for (int i = trips - 1; i >= 0; i--) {
                    double h3 = h;
                    h = tape.popDouble();
                    double dt4 = (1 - h3 * h3) * dh;
                    double dt3 = dt4;
                    db += dt4;
                    dw += h * dt3;
                    dh = w * dt3;
                }
                db += dh;
            }
            grad[0] = dw;
            grad[1] = db;
            return guardedRecurrence;
        }
    }

    /**
     * Value and gradient of {@link ControlFlow#skipNegative(double, int)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code skipNegative}
     * @param n the argument {@code n} of {@code skipNegative}, held constant
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static SkipNegativeGradient dskipNegative(double x, int n) {
        double s = 0;
        int trips = 0;
        for (int k = 1; k <= n; k++) {
            trips++;
            double t2 = k * x;
            double term = Math.sin(t2);
            if (term < 0) {
                continue;
            }
            double t4 = term / k;
            s = s + t4;
        }
        double skipNegative = s;

        double ds = 1;
        double dx = 0;
        for (int k = trips; k >= 1; k--) {
            double t2 = k * x;
            double term = Math.sin(t2);
            double dterm = 0;
            if (!(term < 0)) {
                double dt4 = ds;
                dterm += dt4 / k;
            }
            double dt2 = Math.cos(t2) * dterm;
            dx += k * dt2;
        }
        return new SkipNegativeGradient(skipNegative, dx);
    }

    /**
     * Value of {@link ControlFlow#skipNegative(double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code skipNegative}
     * @param n the argument {@code n} of {@code skipNegative}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code skipNegative}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dskipNegative(double x, int n, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double s = 0;
        int trips = 0;
        for (int k = 1; k <= n; k++) {
            trips++;
            double t2 = k * x;
            double term = Math.sin(t2);
            if (term < 0) {
                continue;
            }
            double t4 = term / k;
            s = s + t4;
        }
        double skipNegative = s;

        double ds = 1;
        double dx = 0;
        for (int k = trips; k >= 1; k--) {
            double t2 = k * x;
            double term = Math.sin(t2);
            double dterm = 0;
            if (!(term < 0)) {
                double dt4 = ds;
                dterm += dt4 / k;
            }
            double dt2 = Math.cos(t2) * dterm;
            dx += k * dt2;
        }
        grad[0] = dx;
        return skipNegative;
    }

    /**
     * Value and gradient of {@link ControlFlow#untilLimit(double, double)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code p} (double), {@code s} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param x the argument {@code x} of {@code untilLimit}
     * @param limit the argument {@code limit} of {@code untilLimit}, held constant
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static UntilLimitGradient duntilLimit(double x, double limit) {
        try (Tape tape = Tape.open()) {
            double s = 0;
            double p = 1;
            int trips = 0;
            for (int k = 0; k < 100; k++) {
                trips++;
                tape.push(p);
                tape.push(s);
                p = p * x;
                s = s + p;
                if (s > limit) {
                    break;
                }
            }
            double untilLimit = s;

            double ds = 1;
            double dx = 0;
            double dp = 0;
            for (int k = trips - 1; k >= 0; k--) {
                s = tape.popDouble();
                p = tape.popDouble();
                double p3 = p * x;
                double s3 = s + p3;
                double dp3 = 0;
                double ds3 = 0;
                if (!(s3 > limit)) {
                    ds3 += ds;
                    dp3 += dp;
                    dp = 0;
                    ds = 0;
                }
                if (s3 > limit) {
                    ds3 += ds;
                    dp3 += dp;
                    dp = 0;
                    ds = 0;
                }
                ds += ds3;
                dp3 += ds3;
                dp += x * dp3;
                dx += p * dp3;
            }
            return new UntilLimitGradient(untilLimit, dx);
        }
    }

    /**
     * Value of {@link ControlFlow#untilLimit(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code p} (double), {@code s} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param x the argument {@code x} of {@code untilLimit}
     * @param limit the argument {@code limit} of {@code untilLimit}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code untilLimit}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double duntilLimit(double x, double limit, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        try (Tape tape = Tape.open()) {
            double s = 0;
            double p = 1;
            int trips = 0;
            for (int k = 0; k < 100; k++) {
                trips++;
                tape.push(p);
                tape.push(s);
                p = p * x;
                s = s + p;
                if (s > limit) {
                    break;
                }
            }
            double untilLimit = s;

            double ds = 1;
            double dx = 0;
            double dp = 0;
            for (int k = trips - 1; k >= 0; k--) {
                s = tape.popDouble();
                p = tape.popDouble();
                double p3 = p * x;
                double s3 = s + p3;
                double dp3 = 0;
                double ds3 = 0;
                if (!(s3 > limit)) {
                    ds3 += ds;
                    dp3 += dp;
                    dp = 0;
                    ds = 0;
                }
                if (s3 > limit) {
                    ds3 += ds;
                    dp3 += dp;
                    dp = 0;
                    ds = 0;
                }
                ds += ds3;
                dp3 += ds3;
                dp += x * dp3;
                dx += p * dp3;
            }
            grad[0] = dx;
            return untilLimit;
        }
    }

    /**
     * Value of {@link ControlFlow#untilLimit(double, double)} and its gradient with respect to every {@code double} parameter.
     * <p>Called by the gradients of methods that call {@code untilLimit} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code p} (double), {@code s} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param x the argument {@code x} of {@code untilLimit}
     * @param limit the argument {@code limit} of {@code untilLimit}
     * @return the value and the partial derivatives with respect to {@code x}, {@code limit}
     */
    public static UntilLimitWrtAllGradient duntilLimitWrtAll(double x, double limit) {
        try (Tape tape = Tape.open()) {
            double s = 0;
            double p = 1;
            int trips = 0;
            for (int k = 0; k < 100; k++) {
                trips++;
                tape.push(p);
                tape.push(s);
                p = p * x;
                s = s + p;
                if (s > limit) {
                    break;
                }
            }
            double untilLimit = s;

            double ds = 1;
            double dx = 0;
            double dp = 0;
            for (int k = trips - 1; k >= 0; k--) {
                s = tape.popDouble();
                p = tape.popDouble();
                double p3 = p * x;
                double s3 = s + p3;
                double dp3 = 0;
                double ds3 = 0;
                if (!(s3 > limit)) {
                    ds3 += ds;
                    dp3 += dp;
                    dp = 0;
                    ds = 0;
                }
                if (s3 > limit) {
                    ds3 += ds;
                    dp3 += dp;
                    dp = 0;
                    ds = 0;
                }
                ds += ds3;
                dp3 += ds3;
                dp += x * dp3;
                dx += p * dp3;
            }
            double dlimit = 0.0; // limit does not reach the result
            return new UntilLimitWrtAllGradient(untilLimit, dx, dlimit);
        }
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link ControlFlow}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code ControlFlow} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code piecewise(double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "piecewise(double)" -> "16fe3236ac167677";
            case "huber(double,double)" -> "a8b67930a360cb77";
            case "softClip(double,double)" -> "328355bdabf09fca";
            case "squaredRelu(double)" -> "a54ef6ac3799f8d8";
            case "recurrence(double,double,double,int)" -> "118ecf7afd9474d3";
            case "newtonSqrt(double)" -> "690da03939f3c3e3";
            case "meanSquaredError(double,double,int)" -> "3c36aab2db04072a";
            case "guardedRecurrence(double,double,int)" -> "88d56bb066c597da";
            case "skipNegative(double,int)" -> "853a7c950fb14e74";
            case "untilLimit(double,double)" -> "fd5e2a8158832ab6";
            default -> "";
        };
    }

    /**
     * The value of {@link ControlFlow#piecewise(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code piecewise}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record PiecewiseGradient(double value, double dx) {
    }

    /**
     * The value of {@link ControlFlow#huber(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code huber}
     * @param dr the partial derivative with respect to {@code r}
     * @param ddelta the partial derivative with respect to {@code delta}
     */
    @io.github.sourcegrad.Generated
    public record HuberGradient(double value, double dr, double ddelta) {
    }

    /**
     * The value of {@link ControlFlow#softClip(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code softClip}
     * @param dx the partial derivative with respect to {@code x}
     * @param dlimit the partial derivative with respect to {@code limit}
     */
    @io.github.sourcegrad.Generated
    public record SoftClipGradient(double value, double dx, double dlimit) {
    }

    /**
     * The value of {@link ControlFlow#squaredRelu(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code squaredRelu}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record SquaredReluGradient(double value, double dx) {
    }

    /**
     * The value of {@link ControlFlow#recurrence(double, double, double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code recurrence}
     * @param dw the partial derivative with respect to {@code w}
     * @param db the partial derivative with respect to {@code b}
     * @param dh0 the partial derivative with respect to {@code h0}
     */
    @io.github.sourcegrad.Generated
    public record RecurrenceGradient(double value, double dw, double db, double dh0) {
    }

    /**
     * The value of {@link ControlFlow#newtonSqrt(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code newtonSqrt}
     * @param da the partial derivative with respect to {@code a}
     */
    @io.github.sourcegrad.Generated
    public record NewtonSqrtGradient(double value, double da) {
    }

    /**
     * The value of {@link ControlFlow#meanSquaredError(double, double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code meanSquaredError}
     * @param da the partial derivative with respect to {@code a}
     * @param db the partial derivative with respect to {@code b}
     */
    @io.github.sourcegrad.Generated
    public record MeanSquaredErrorGradient(double value, double da, double db) {
    }

    /**
     * The value of {@link ControlFlow#guardedRecurrence(double, double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code guardedRecurrence}
     * @param dw the partial derivative with respect to {@code w}
     * @param db the partial derivative with respect to {@code b}
     */
    @io.github.sourcegrad.Generated
    public record GuardedRecurrenceGradient(double value, double dw, double db) {
    }

    /**
     * The value of {@link ControlFlow#skipNegative(double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code skipNegative}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record SkipNegativeGradient(double value, double dx) {
    }

    /**
     * The value of {@link ControlFlow#untilLimit(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code untilLimit}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record UntilLimitGradient(double value, double dx) {
    }

    /**
     * The value of {@link ControlFlow#untilLimit(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code untilLimit}
     * @param dx the partial derivative with respect to {@code x}
     * @param dlimit the partial derivative with respect to {@code limit}
     */
    @io.github.sourcegrad.Generated
    public record UntilLimitWrtAllGradient(double value, double dx, double dlimit) {
    }
}
