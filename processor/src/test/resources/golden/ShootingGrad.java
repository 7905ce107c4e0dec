package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import io.github.sourcegrad.Workspace;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Shooting}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Shooting}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class ShootingGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(ShootingGrad.class, "${project.version}");
    }

    private ShootingGrad() {
    }

    /**
     * Value of {@link Shooting#euler(double, double, double, int)} and its pullback: the gradients of {@code sum(value * dys)}, computed by
     * reverse mode (a vector-Jacobian product), so that layers compose: pass the adjoint that the next
     * layer's gradient gives for this result as {@code dys}.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code y} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param r the argument {@code r} of {@code euler}
     * @param y0 the argument {@code y0} of {@code euler}
     * @param h the argument {@code h} of {@code euler}, held constant
     * @param steps the argument {@code steps} of {@code euler}, held constant
     * @param dys the upstream adjoint of the result, an array of its shape
     * @return the value and the gradients with respect to {@code r}, {@code y0}
     * @throws IllegalArgumentException if {@code dys} does not have the result's shape, or a matrix is ragged
     */
    public static EulerGradient deuler(double r, double y0, double h, int steps, double[] dys) {
        Objects.requireNonNull(dys, "dys");
        try (Tape tape = Tape.open()) {
            int t1 = steps + 1;
            double[] ys = new double[t1];
            double y = y0;
            ys[0] = y;
            int trips = 0;
            for (int n = 0; n < steps; n++) {
                trips++;
                tape.push(y);
                double t3 = h * r;
                double t4 = t3 * y;
                double t5 = 1 - y;
                double t6 = t4 * t5;
                y = y + t6;
                int t7 = n + 1;
                ys[t7] = y;
            }

            requireSameShape("dys", dys, "the result of euler", ys);
            dys = copy(dys);
            double dr = 0;
            double dy = 0;
            for (int n = trips - 1; n >= 0; n--) {
                y = tape.popDouble();
                double t3 = h * r;
                double t4 = t3 * y;
                double t5 = 1 - y;
                int t7 = n + 1;
                double dy3 = dy;
                dy3 += dys[t7];
                dys[t7] = 0;
                dy = dy3;
                double dt6 = dy3;
                double dt4 = t5 * dt6;
                double dt5 = t4 * dt6;
                dy += -dt5;
                double dt3 = y * dt4;
                dy += t3 * dt4;
                dr += h * dt3;
            }
            dy += dys[0];
            dys[0] = 0;
            double dy0 = dy;
            return new EulerGradient(ys, dr, dy0);
        }
    }

    /**
     * Value of {@link Shooting#euler(double, double, double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code y} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param r the argument {@code r} of {@code euler}
     * @param y0 the argument {@code y0} of {@code euler}
     * @param h the argument {@code h} of {@code euler}, held constant
     * @param steps the argument {@code steps} of {@code euler}, held constant
     * @param dys the upstream adjoint of the result, an array of its shape
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code r}, {@code grad[1]} with respect to {@code y0}
     * @return the value of {@code euler}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements, or an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double[] deuler(double r, double y0, double h, int steps, double[] dys,
            double[] grad) {
        Buffers.check().input("dys", dys).buffer("grad", grad).requireDistinct();
        Buffers.requireLength(grad, 2, "grad", "r, y0");
        try (Tape tape = Tape.open()) {
            int t1 = steps + 1;
            double[] ys = new double[t1];
            double y = y0;
            ys[0] = y;
            int trips = 0;
            for (int n = 0; n < steps; n++) {
                trips++;
                tape.push(y);
                double t3 = h * r;
                double t4 = t3 * y;
                double t5 = 1 - y;
                double t6 = t4 * t5;
                y = y + t6;
                int t7 = n + 1;
                ys[t7] = y;
            }

            requireSameShape("dys", dys, "the result of euler", ys);
            dys = copy(dys);
            double dr = 0;
            double dy = 0;
            for (int n = trips - 1; n >= 0; n--) {
                y = tape.popDouble();
                double t3 = h * r;
                double t4 = t3 * y;
                double t5 = 1 - y;
                int t7 = n + 1;
                double dy3 = dy;
                dy3 += dys[t7];
                dys[t7] = 0;
                dy = dy3;
                double dt6 = dy3;
                double dt4 = t5 * dt6;
                double dt5 = t4 * dt6;
                dy += -dt5;
                double dt3 = y * dt4;
                dy += t3 * dt4;
                dr += h * dt3;
            }
            dy += dys[0];
            dys[0] = 0;
            double dy0 = dy;
            grad[0] = dr;
            grad[1] = dy0;
            return ys;
        }
    }

    /**
     * Value of {@link Shooting#euler(double, double, double, int)} and its pullback: the gradients of {@code sum(value * dys)}, computed by
     * reverse mode (a vector-Jacobian product), so that layers compose: pass the adjoint that the next
     * layer's gradient gives for this result as {@code dys}.
     * <p>With respect to every {@code double}, {@code double[]} and {@code double[][]} parameter: called by the gradients of methods
     * that call {@code euler} where they do not write it inline and need gradients that its {@code wrt} leaves out;
     * the gradients of callers compiled separately always call it.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code y} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param r the argument {@code r} of {@code euler}
     * @param y0 the argument {@code y0} of {@code euler}
     * @param h the argument {@code h} of {@code euler}
     * @param steps the argument {@code steps} of {@code euler}, held constant
     * @param dys the upstream adjoint of the result, an array of its shape
     * @return the value and the gradients with respect to {@code r}, {@code y0}, {@code h}
     * @throws IllegalArgumentException if {@code dys} does not have the result's shape, or a matrix is ragged
     */
    public static EulerWrtAllGradient deulerWrtAll(double r, double y0, double h, int steps,
            double[] dys) {
        Objects.requireNonNull(dys, "dys");
        try (Tape tape = Tape.open()) {
            int t1 = steps + 1;
            double[] ys = new double[t1];
            double y = y0;
            ys[0] = y;
            int trips = 0;
            for (int n = 0; n < steps; n++) {
                trips++;
                tape.push(y);
                double t3 = h * r;
                double t4 = t3 * y;
                double t5 = 1 - y;
                double t6 = t4 * t5;
                y = y + t6;
                int t7 = n + 1;
                ys[t7] = y;
            }

            requireSameShape("dys", dys, "the result of euler", ys);
            dys = copy(dys);
            double dr = 0;
            double dh = 0;
            double dy = 0;
            for (int n = trips - 1; n >= 0; n--) {
                y = tape.popDouble();
                double t3 = h * r;
                double t4 = t3 * y;
                double t5 = 1 - y;
                int t7 = n + 1;
                double dy3 = dy;
                dy3 += dys[t7];
                dys[t7] = 0;
                dy = dy3;
                double dt6 = dy3;
                double dt4 = t5 * dt6;
                double dt5 = t4 * dt6;
                dy += -dt5;
                double dt3 = y * dt4;
                dy += t3 * dt4;
                dh += r * dt3;
                dr += h * dt3;
            }
            dy += dys[0];
            dys[0] = 0;
            double dy0 = dy;
            return new EulerWrtAllGradient(ys, dr, dy0, dh);
        }
    }

    /**
     * Value of {@link Shooting#euler(double, double, double, int)} and its Jacobian
     * with respect to {@code r}, {@code y0}: {@code jac[i][k]} receives the derivative of element {@code i} of the
     * result with respect to the {@code k}-th differentiated input, the inputs taken in this order, an array
     * element by element, a matrix row by row.
     * <p>One reverse pass per element of the result, through the pullback
     * {@link #deuler(double, double, double, int, double[], double[])}.
     *
     * @param r the argument {@code r} of {@code euler}
     * @param y0 the argument {@code y0} of {@code euler}
     * @param h the argument {@code h} of {@code euler}, held constant
     * @param steps the argument {@code steps} of {@code euler}, held constant
     * @param jac receives the Jacobian: at least one row per element of the result, each of at least
     *     2 entries; anything beyond is left as it is
     * @return the value of {@code euler}
     * @throws IllegalArgumentException if {@code jac} has too few rows or entries (the message says how many
     *     it needs), a matrix is ragged, or a row of {@code jac} is an argument or a row of one
     * @throws NullPointerException if an array is null
     */
    public static double[] jacobianeuler(double r, double y0, double h, int steps, double[][] jac) {
        double[] value = Shooting.euler(r, y0, h, steps);
        int n = 2;
        Buffers.requireJacobian(jac, value.length, n, "jac", "r, y0");
        if (n < value.length) {
            // fewer inputs than results: one forward pass, which writes every column
            columnEuler(r, y0, h, steps, jac);
            return value;
        }
        double[] upstream = new double[value.length];
        double[] grad = new double[2];
        for (int i = 0; i < value.length; i++) {
            upstream[i] = 1;
            deuler(r, y0, h, steps, upstream, grad);
            upstream[i] = 0;
            double[] row = jac[i];
            row[0] = grad[0];
            row[1] = grad[1];
        }
        return value;
    }

    /**
     * The Jacobian of {@link Shooting#euler(double, double, double, int)} by forward mode, in one pass: each value followed by
     * its derivatives with respect to {@code r}, {@code y0} ({@code dv_dx} beside {@code v}), the result's written into
     * the columns of {@code jac}.
     */
    private static void columnEuler(double r, double y0, double h, int steps, double[][] jac) {
        int t1 = steps + 1;
        double[] ys = new double[t1];
        double[] dys_dy0 = new double[t1];
        double[] dys_dr = new double[t1];
        double dy_dy02 = 1;
        double y2 = y0;
        ys[0] = y2;
        dys_dy0[0] = dy_dy02;
        dys_dr[0] = 0;
        double y = y2;
        double dy_dy0 = dy_dy02;
        double dy_dr = 0;
        for (int n = 0; n < steps; n++) {
            double t3 = h * r;
            double t4 = t3 * y;
            double t5 = t3 * dy_dy0;
            double t6 = y * h;
            double t7 = t3 * dy_dr;
            double t8 = t6 + t7;
            double t9 = 1 - y;
            double t10 = -dy_dy0;
            double t11 = -dy_dr;
            double t12 = t4 * t9;
            double t13 = t9 * t5;
            double t14 = t4 * t10;
            double t15 = t13 + t14;
            double t16 = t9 * t8;
            double t17 = t4 * t11;
            double t18 = t16 + t17;
            double dy_dr2 = dy_dr + t18;
            double dy_dy03 = dy_dy0 + t15;
            double y3 = y + t12;
            int t19 = n + 1;
            ys[t19] = y3;
            dys_dy0[t19] = dy_dy03;
            dys_dr[t19] = dy_dr2;
            y = y3;
            dy_dy0 = dy_dy03;
            dy_dr = dy_dr2;
        }
        for (int i = 0; i < dys_dr.length; i++) {
            jac[i][0] = dys_dr[i];
            jac[i][1] = dys_dy0[i];
        }
    }

    /**
     * Value and gradient of {@link Shooting#fit(double, double, double[])}, computed by reverse mode.
     * <p>Its intermediate arrays created outside loops and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     * <p>The loop over {@code i} only adds terms to {@code loss}, which is the result: each
     * iteration adds the derivatives of its terms to the gradient right after computing them, in the
     * forward pass, and the backward pass does not run the loop again.
     * <p>Calls {@link Shooting#euler(double, double, double, int)} for its value (again where the backward pass
     * recomputes a loop iteration or branch), and in the backward pass its pullback {@code ShootingGrad.deuler},
     * which runs the callee's forward pass again: each call allocates the callee's result, and each
     * pullback its record (with arrays for array arguments).
     *
     * @param r the argument {@code r} of {@code fit}
     * @param y0 the argument {@code y0} of {@code fit}
     * @param observed the argument {@code observed} of {@code fit}, held constant
     * @return the value and the partial derivatives with respect to {@code r}, {@code y0}
     * @throws NullPointerException if an array is null
     */
    public static FitGradient dfit(double r, double y0, double[] observed) {
        Objects.requireNonNull(observed, "observed");
        try (Workspace ws = Workspace.open()) {
            int t1 = observed.length;
            int t2 = t1 - 1;
            double[] ys = Shooting.euler(r, y0, 0.1, t2);
            double loss = 0;
            double[] dys = ws.like(ys);
            for (int i = 0; i < ys.length; i++) {
                double t5 = ys[i];
                double t6 = observed[i];
                double e = t5 - t6;
                double t7 = e * e;
                loss = loss + t7;

                double dt7 = 1;
                double de = 2 * e * dt7;
                double dt5 = de;
                dys[i] += dt5;
            }
            double fit = loss;

            EulerGradient ysLocal = ShootingGrad.deuler(r, y0, 0.1, t2, dys);
            double dr = ysLocal.dr();
            double dy0 = ysLocal.dy0();
            return new FitGradient(fit, dr, dy0);
        }
    }

    /**
     * Value of {@link Shooting#fit(double, double, double[])}, with its gradient written into {@code grad}: for calls in a loop with a reused array.
     * <p>The loop over {@code i} only adds terms to {@code loss}, which is the result: each
     * iteration adds the derivatives of its terms to the gradient right after computing them, in the
     * forward pass, and the backward pass does not run the loop again.
     * <p>Calls {@link Shooting#euler(double, double, double, int)} for its value (again where the backward pass
     * recomputes a loop iteration or branch), and in the backward pass its pullback {@code ShootingGrad.deuler},
     * which runs the callee's forward pass again: each call allocates the callee's result, and each
     * pullback its record (with arrays for array arguments).
     *
     * @param r the argument {@code r} of {@code fit}
     * @param y0 the argument {@code y0} of {@code fit}
     * @param observed the argument {@code observed} of {@code fit}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code r}, {@code grad[1]} with respect to {@code y0}
     * @return the value of {@code fit}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dfit(double r, double y0, double[] observed, double[] grad) {
        Buffers.check().input("observed", observed).buffer("grad", grad).requireDistinct();
        Buffers.requireLength(grad, 2, "grad", "r, y0");
        try (Workspace ws = Workspace.open()) {
            int t1 = observed.length;
            int t2 = t1 - 1;
            double[] ys = Shooting.euler(r, y0, 0.1, t2);
            double loss = 0;
            double[] dys = ws.like(ys);
            for (int i = 0; i < ys.length; i++) {
                double t5 = ys[i];
                double t6 = observed[i];
                double e = t5 - t6;
                double t7 = e * e;
                loss = loss + t7;

                double dt7 = 1;
                double de = 2 * e * dt7;
                double dt5 = de;
                dys[i] += dt5;
            }
            double fit = loss;

            EulerGradient ysLocal = ShootingGrad.deuler(r, y0, 0.1, t2, dys);
            double dr = ysLocal.dr();
            double dy0 = ysLocal.dy0();
            grad[0] = dr;
            grad[1] = dy0;
            return fit;
        }
    }

    /**
     * Value of {@link Shooting#fit(double, double, double[])} and its gradient with respect to every {@code double}, {@code double[]} and {@code double[][]} parameter.
     * <p>Called by the gradients of methods that call {@code fit} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>Its intermediate arrays created outside loops and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     * <p>The loop over {@code i} only adds terms to {@code loss}, which is the result: each
     * iteration adds the derivatives of its terms to the gradient right after computing them, in the
     * forward pass, and the backward pass does not run the loop again.
     * <p>Calls {@link Shooting#euler(double, double, double, int)} for its value (again where the backward pass
     * recomputes a loop iteration or branch), and in the backward pass its pullback {@code ShootingGrad.deuler},
     * which runs the callee's forward pass again: each call allocates the callee's result, and each
     * pullback its record (with arrays for array arguments).
     *
     * @param r the argument {@code r} of {@code fit}
     * @param y0 the argument {@code y0} of {@code fit}
     * @param observed the argument {@code observed} of {@code fit}
     * @return the value and the partial derivatives with respect to {@code r}, {@code y0}, {@code observed}
     * @throws NullPointerException if an array is null
     */
    public static FitWrtAllGradient dfitWrtAll(double r, double y0, double[] observed) {
        Objects.requireNonNull(observed, "observed");
        try (Workspace ws = Workspace.open()) {
            int t1 = observed.length;
            int t2 = t1 - 1;
            double[] ys = Shooting.euler(r, y0, 0.1, t2);
            double loss = 0;
            double[] dobserved = new double[observed.length];
            double[] dys = ws.like(ys);
            for (int i = 0; i < ys.length; i++) {
                double t5 = ys[i];
                double t6 = observed[i];
                double e = t5 - t6;
                double t7 = e * e;
                loss = loss + t7;

                double dt7 = 1;
                double de = 2 * e * dt7;
                double dt5 = de;
                double dt6 = -de;
                dobserved[i] += dt6;
                dys[i] += dt5;
            }
            double fit = loss;

            EulerGradient ysLocal = ShootingGrad.deuler(r, y0, 0.1, t2, dys);
            double dr = ysLocal.dr();
            double dy0 = ysLocal.dy0();
            return new FitWrtAllGradient(fit, dr, dy0, dobserved);
        }
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Shooting}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Shooting} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code euler(double,double,double,int)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "euler(double,double,double,int)" -> "abe4b7c5208d294b";
            case "fit(double,double,double[])" -> "8b96a98033325f5f";
            default -> "";
        };
    }

    /**
     * The value of {@link Shooting#euler(double, double, double, int)} and its vector-Jacobian products with an upstream adjoint at one point.
     *
     * @param value the value of {@code euler}
     * @param dr the partial derivative with respect to {@code r}
     * @param dy0 the partial derivative with respect to {@code y0}
     */
    @io.github.sourcegrad.Generated
    public record EulerGradient(double[] value, double dr, double dy0) {
    }

    /**
     * The value of {@link Shooting#euler(double, double, double, int)} and its vector-Jacobian products with an upstream adjoint at one point.
     *
     * @param value the value of {@code euler}
     * @param dr the partial derivative with respect to {@code r}
     * @param dy0 the partial derivative with respect to {@code y0}
     * @param dh the partial derivative with respect to {@code h}
     */
    @io.github.sourcegrad.Generated
    public record EulerWrtAllGradient(double[] value, double dr, double dy0, double dh) {
    }

    /**
     * The value of {@link Shooting#fit(double, double, double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code fit}
     * @param dr the partial derivative with respect to {@code r}
     * @param dy0 the partial derivative with respect to {@code y0}
     */
    @io.github.sourcegrad.Generated
    public record FitGradient(double value, double dr, double dy0) {
    }

    /**
     * The value of {@link Shooting#fit(double, double, double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code fit}
     * @param dr the partial derivative with respect to {@code r}
     * @param dy0 the partial derivative with respect to {@code y0}
     * @param dobserved the gradient with respect to {@code observed}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record FitWrtAllGradient(double value, double dr, double dy0, double[] dobserved) {
    }
}
