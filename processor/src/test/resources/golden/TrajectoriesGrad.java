package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Trajectories}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Trajectories}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class TrajectoriesGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(TrajectoriesGrad.class, "${project.version}");
    }

    private TrajectoriesGrad() {
    }

    /**
     * Value of {@link Trajectories#rk4(double, double, double, int)} and its pullback: the gradients of {@code sum(value * dys)}, computed by
     * reverse mode (a vector-Jacobian product), so that layers compose: pass the adjoint that the next
     * layer's gradient gives for this result as {@code dys}.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code y} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param r the argument {@code r} of {@code rk4}
     * @param y0 the argument {@code y0} of {@code rk4}
     * @param h the argument {@code h} of {@code rk4}, held constant
     * @param steps the argument {@code steps} of {@code rk4}, held constant
     * @param dys the upstream adjoint of the result, an array of its shape
     * @return the value and the gradients with respect to {@code r}, {@code y0}
     * @throws IllegalArgumentException if {@code dys} does not have the result's shape, or a matrix is ragged
     */
    public static Rk4Gradient drk4(double r, double y0, double h, int steps, double[] dys) {
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
                double t3 = r * y;
                double t4 = 1 - y;
                double k1 = t3 * t4;
                double t5 = 0.5 * h;
                double t6 = t5 * k1;
                double t7 = y + t6;
                double t8 = r * t7;
                double t9 = 0.5 * h;
                double t10 = t9 * k1;
                double t11 = y + t10;
                double t12 = 1 - t11;
                double k2 = t8 * t12;
                double t13 = 0.5 * h;
                double t14 = t13 * k2;
                double t15 = y + t14;
                double t16 = r * t15;
                double t17 = 0.5 * h;
                double t18 = t17 * k2;
                double t19 = y + t18;
                double t20 = 1 - t19;
                double k3 = t16 * t20;
                double t21 = h * k3;
                double t22 = y + t21;
                double t23 = r * t22;
                double t24 = h * k3;
                double t25 = y + t24;
                double t26 = 1 - t25;
                double k4 = t23 * t26;
                double t27 = h / 6;
                double t28 = 2 * k2;
                double t29 = k1 + t28;
                double t30 = 2 * k3;
                double t31 = t29 + t30;
                double t32 = t31 + k4;
                double t33 = t27 * t32;
                y = y + t33;
                int t34 = n + 1;
                ys[t34] = y;
            }

            requireSameShape("dys", dys, "the result of rk4", ys);
            dys = copy(dys);
            double dr = 0;
            double dy = 0;
            for (int n = trips - 1; n >= 0; n--) {
                y = tape.popDouble();
                double t3 = r * y;
                double t4 = 1 - y;
                double k1 = t3 * t4;
                double t5 = 0.5 * h;
                double t6 = t5 * k1;
                double t7 = y + t6;
                double t8 = r * t7;
                double t9 = 0.5 * h;
                double t10 = t9 * k1;
                double t11 = y + t10;
                double t12 = 1 - t11;
                double k2 = t8 * t12;
                double t13 = 0.5 * h;
                double t14 = t13 * k2;
                double t15 = y + t14;
                double t16 = r * t15;
                double t17 = 0.5 * h;
                double t18 = t17 * k2;
                double t19 = y + t18;
                double t20 = 1 - t19;
                double k3 = t16 * t20;
                double t21 = h * k3;
                double t22 = y + t21;
                double t23 = r * t22;
                double t24 = h * k3;
                double t25 = y + t24;
                double t26 = 1 - t25;
                double t27 = h / 6;
                int t34 = n + 1;
                double dy3 = dy;
                dy3 += dys[t34];
                dys[t34] = 0;
                dy = dy3;
                double dt33 = dy3;
                double dt32 = t27 * dt33;
                double dt31 = dt32;
                double dk4 = dt32;
                double dt29 = dt31;
                double dt30 = dt31;
                double dk3 = 2 * dt30;
                double dk1 = dt29;
                double dt28 = dt29;
                double dk2 = 2 * dt28;
                double dt23 = t26 * dk4;
                double dt26 = t23 * dk4;
                double dt25 = -dt26;
                dy += dt25;
                double dt24 = dt25;
                dk3 += h * dt24;
                dr += t22 * dt23;
                double dt22 = r * dt23;
                dy += dt22;
                double dt21 = dt22;
                dk3 += h * dt21;
                double dt16 = t20 * dk3;
                double dt20 = t16 * dk3;
                double dt19 = -dt20;
                dy += dt19;
                double dt18 = dt19;
                dk2 += t17 * dt18;
                dr += t15 * dt16;
                double dt15 = r * dt16;
                dy += dt15;
                double dt14 = dt15;
                dk2 += t13 * dt14;
                double dt8 = t12 * dk2;
                double dt12 = t8 * dk2;
                double dt11 = -dt12;
                dy += dt11;
                double dt10 = dt11;
                dk1 += t9 * dt10;
                dr += t7 * dt8;
                double dt7 = r * dt8;
                dy += dt7;
                double dt6 = dt7;
                dk1 += t5 * dt6;
                double dt3 = t4 * dk1;
                double dt4 = t3 * dk1;
                dy += -dt4;
                dr += y * dt3;
                dy += r * dt3;
            }
            dy += dys[0];
            dys[0] = 0;
            double dy0 = dy;
            return new Rk4Gradient(ys, dr, dy0);
        }
    }

    /**
     * Value of {@link Trajectories#rk4(double, double, double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code y} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param r the argument {@code r} of {@code rk4}
     * @param y0 the argument {@code y0} of {@code rk4}
     * @param h the argument {@code h} of {@code rk4}, held constant
     * @param steps the argument {@code steps} of {@code rk4}, held constant
     * @param dys the upstream adjoint of the result, an array of its shape
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code r}, {@code grad[1]} with respect to {@code y0}
     * @return the value of {@code rk4}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements, or an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double[] drk4(double r, double y0, double h, int steps, double[] dys,
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
                double t3 = r * y;
                double t4 = 1 - y;
                double k1 = t3 * t4;
                double t5 = 0.5 * h;
                double t6 = t5 * k1;
                double t7 = y + t6;
                double t8 = r * t7;
                double t9 = 0.5 * h;
                double t10 = t9 * k1;
                double t11 = y + t10;
                double t12 = 1 - t11;
                double k2 = t8 * t12;
                double t13 = 0.5 * h;
                double t14 = t13 * k2;
                double t15 = y + t14;
                double t16 = r * t15;
                double t17 = 0.5 * h;
                double t18 = t17 * k2;
                double t19 = y + t18;
                double t20 = 1 - t19;
                double k3 = t16 * t20;
                double t21 = h * k3;
                double t22 = y + t21;
                double t23 = r * t22;
                double t24 = h * k3;
                double t25 = y + t24;
                double t26 = 1 - t25;
                double k4 = t23 * t26;
                double t27 = h / 6;
                double t28 = 2 * k2;
                double t29 = k1 + t28;
                double t30 = 2 * k3;
                double t31 = t29 + t30;
                double t32 = t31 + k4;
                double t33 = t27 * t32;
                y = y + t33;
                int t34 = n + 1;
                ys[t34] = y;
            }

            requireSameShape("dys", dys, "the result of rk4", ys);
            dys = copy(dys);
            double dr = 0;
            double dy = 0;
            for (int n = trips - 1; n >= 0; n--) {
                y = tape.popDouble();
                double t3 = r * y;
                double t4 = 1 - y;
                double k1 = t3 * t4;
                double t5 = 0.5 * h;
                double t6 = t5 * k1;
                double t7 = y + t6;
                double t8 = r * t7;
                double t9 = 0.5 * h;
                double t10 = t9 * k1;
                double t11 = y + t10;
                double t12 = 1 - t11;
                double k2 = t8 * t12;
                double t13 = 0.5 * h;
                double t14 = t13 * k2;
                double t15 = y + t14;
                double t16 = r * t15;
                double t17 = 0.5 * h;
                double t18 = t17 * k2;
                double t19 = y + t18;
                double t20 = 1 - t19;
                double k3 = t16 * t20;
                double t21 = h * k3;
                double t22 = y + t21;
                double t23 = r * t22;
                double t24 = h * k3;
                double t25 = y + t24;
                double t26 = 1 - t25;
                double t27 = h / 6;
                int t34 = n + 1;
                double dy3 = dy;
                dy3 += dys[t34];
                dys[t34] = 0;
                dy = dy3;
                double dt33 = dy3;
                double dt32 = t27 * dt33;
                double dt31 = dt32;
                double dk4 = dt32;
                double dt29 = dt31;
                double dt30 = dt31;
                double dk3 = 2 * dt30;
                double dk1 = dt29;
                double dt28 = dt29;
                double dk2 = 2 * dt28;
                double dt23 = t26 * dk4;
                double dt26 = t23 * dk4;
                double dt25 = -dt26;
                dy += dt25;
                double dt24 = dt25;
                dk3 += h * dt24;
                dr += t22 * dt23;
                double dt22 = r * dt23;
                dy += dt22;
                double dt21 = dt22;
                dk3 += h * dt21;
                double dt16 = t20 * dk3;
                double dt20 = t16 * dk3;
                double dt19 = -dt20;
                dy += dt19;
                double dt18 = dt19;
                dk2 += t17 * dt18;
                dr += t15 * dt16;
                double dt15 = r * dt16;
                dy += dt15;
                double dt14 = dt15;
                dk2 += t13 * dt14;
                double dt8 = t12 * dk2;
                double dt12 = t8 * dk2;
                double dt11 = -dt12;
                dy += dt11;
                double dt10 = dt11;
                dk1 += t9 * dt10;
                dr += t7 * dt8;
                double dt7 = r * dt8;
                dy += dt7;
                double dt6 = dt7;
                dk1 += t5 * dt6;
                double dt3 = t4 * dk1;
                double dt4 = t3 * dk1;
                dy += -dt4;
                dr += y * dt3;
                dy += r * dt3;
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
     * Value of {@link Trajectories#rk4(double, double, double, int)} and its pullback: the gradients of {@code sum(value * dys)}, computed by
     * reverse mode (a vector-Jacobian product), so that layers compose: pass the adjoint that the next
     * layer's gradient gives for this result as {@code dys}.
     * <p>With respect to every {@code double}, {@code double[]} and {@code double[][]} parameter: called by the gradients of methods
     * that call {@code rk4} where they do not write it inline and need gradients that its {@code wrt} leaves out;
     * the gradients of callers compiled separately always call it.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code y} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param r the argument {@code r} of {@code rk4}
     * @param y0 the argument {@code y0} of {@code rk4}
     * @param h the argument {@code h} of {@code rk4}
     * @param steps the argument {@code steps} of {@code rk4}, held constant
     * @param dys the upstream adjoint of the result, an array of its shape
     * @return the value and the gradients with respect to {@code r}, {@code y0}, {@code h}
     * @throws IllegalArgumentException if {@code dys} does not have the result's shape, or a matrix is ragged
     */
    public static Rk4WrtAllGradient drk4WrtAll(double r, double y0, double h, int steps,
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
                double t3 = r * y;
                double t4 = 1 - y;
                double k1 = t3 * t4;
                double t5 = 0.5 * h;
                double t6 = t5 * k1;
                double t7 = y + t6;
                double t8 = r * t7;
                double t9 = 0.5 * h;
                double t10 = t9 * k1;
                double t11 = y + t10;
                double t12 = 1 - t11;
                double k2 = t8 * t12;
                double t13 = 0.5 * h;
                double t14 = t13 * k2;
                double t15 = y + t14;
                double t16 = r * t15;
                double t17 = 0.5 * h;
                double t18 = t17 * k2;
                double t19 = y + t18;
                double t20 = 1 - t19;
                double k3 = t16 * t20;
                double t21 = h * k3;
                double t22 = y + t21;
                double t23 = r * t22;
                double t24 = h * k3;
                double t25 = y + t24;
                double t26 = 1 - t25;
                double k4 = t23 * t26;
                double t27 = h / 6;
                double t28 = 2 * k2;
                double t29 = k1 + t28;
                double t30 = 2 * k3;
                double t31 = t29 + t30;
                double t32 = t31 + k4;
                double t33 = t27 * t32;
                y = y + t33;
                int t34 = n + 1;
                ys[t34] = y;
            }

            requireSameShape("dys", dys, "the result of rk4", ys);
            dys = copy(dys);
            double dr = 0;
            double dh = 0;
            double dy = 0;
            for (int n = trips - 1; n >= 0; n--) {
                y = tape.popDouble();
                double t3 = r * y;
                double t4 = 1 - y;
                double k1 = t3 * t4;
                double t5 = 0.5 * h;
                double t6 = t5 * k1;
                double t7 = y + t6;
                double t8 = r * t7;
                double t9 = 0.5 * h;
                double t10 = t9 * k1;
                double t11 = y + t10;
                double t12 = 1 - t11;
                double k2 = t8 * t12;
                double t13 = 0.5 * h;
                double t14 = t13 * k2;
                double t15 = y + t14;
                double t16 = r * t15;
                double t17 = 0.5 * h;
                double t18 = t17 * k2;
                double t19 = y + t18;
                double t20 = 1 - t19;
                double k3 = t16 * t20;
                double t21 = h * k3;
                double t22 = y + t21;
                double t23 = r * t22;
                double t24 = h * k3;
                double t25 = y + t24;
                double t26 = 1 - t25;
                double k4 = t23 * t26;
                double t27 = h / 6;
                double t28 = 2 * k2;
                double t29 = k1 + t28;
                double t30 = 2 * k3;
                double t31 = t29 + t30;
                double t32 = t31 + k4;
                int t34 = n + 1;
                double dy3 = dy;
                dy3 += dys[t34];
                dys[t34] = 0;
                dy = dy3;
                double dt33 = dy3;
                double dt27 = t32 * dt33;
                double dt32 = t27 * dt33;
                double dt31 = dt32;
                double dk4 = dt32;
                double dt29 = dt31;
                double dt30 = dt31;
                double dk3 = 2 * dt30;
                double dk1 = dt29;
                double dt28 = dt29;
                double dk2 = 2 * dt28;
                dh += dt27 / 6;
                double dt23 = t26 * dk4;
                double dt26 = t23 * dk4;
                double dt25 = -dt26;
                dy += dt25;
                double dt24 = dt25;
                dh += k3 * dt24;
                dk3 += h * dt24;
                dr += t22 * dt23;
                double dt22 = r * dt23;
                dy += dt22;
                double dt21 = dt22;
                dh += k3 * dt21;
                dk3 += h * dt21;
                double dt16 = t20 * dk3;
                double dt20 = t16 * dk3;
                double dt19 = -dt20;
                dy += dt19;
                double dt18 = dt19;
                double dt17 = k2 * dt18;
                dk2 += t17 * dt18;
                dh += 0.5 * dt17;
                dr += t15 * dt16;
                double dt15 = r * dt16;
                dy += dt15;
                double dt14 = dt15;
                double dt13 = k2 * dt14;
                dk2 += t13 * dt14;
                dh += 0.5 * dt13;
                double dt8 = t12 * dk2;
                double dt12 = t8 * dk2;
                double dt11 = -dt12;
                dy += dt11;
                double dt10 = dt11;
                double dt9 = k1 * dt10;
                dk1 += t9 * dt10;
                dh += 0.5 * dt9;
                dr += t7 * dt8;
                double dt7 = r * dt8;
                dy += dt7;
                double dt6 = dt7;
                double dt5 = k1 * dt6;
                dk1 += t5 * dt6;
                dh += 0.5 * dt5;
                double dt3 = t4 * dk1;
                double dt4 = t3 * dk1;
                dy += -dt4;
                dr += y * dt3;
                dy += r * dt3;
            }
            dy += dys[0];
            dys[0] = 0;
            double dy0 = dy;
            return new Rk4WrtAllGradient(ys, dr, dy0, dh);
        }
    }

    /**
     * Value of {@link Trajectories#rk4(double, double, double, int)} and its Jacobian
     * with respect to {@code r}, {@code y0}: {@code jac[i][k]} receives the derivative of element {@code i} of the
     * result with respect to the {@code k}-th differentiated input, the inputs taken in this order, an array
     * element by element, a matrix row by row.
     * <p>One reverse pass per element of the result, through the pullback
     * {@link #drk4(double, double, double, int, double[], double[])}.
     *
     * @param r the argument {@code r} of {@code rk4}
     * @param y0 the argument {@code y0} of {@code rk4}
     * @param h the argument {@code h} of {@code rk4}, held constant
     * @param steps the argument {@code steps} of {@code rk4}, held constant
     * @param jac receives the Jacobian: at least one row per element of the result, each of at least
     *     2 entries; anything beyond is left as it is
     * @return the value of {@code rk4}
     * @throws IllegalArgumentException if {@code jac} has too few rows or entries (the message says how many
     *     it needs), a matrix is ragged, or a row of {@code jac} is an argument or a row of one
     * @throws NullPointerException if an array is null
     */
    public static double[] jacobianrk4(double r, double y0, double h, int steps, double[][] jac) {
        double[] value = Trajectories.rk4(r, y0, h, steps);
        int n = 2;
        Buffers.requireJacobian(jac, value.length, n, "jac", "r, y0");
        if (n < value.length) {
            // fewer inputs than results: one forward pass, which writes every column
            columnRk4(r, y0, h, steps, jac);
            return value;
        }
        double[] upstream = new double[value.length];
        double[] grad = new double[2];
        for (int i = 0; i < value.length; i++) {
            upstream[i] = 1;
            drk4(r, y0, h, steps, upstream, grad);
            upstream[i] = 0;
            double[] row = jac[i];
            row[0] = grad[0];
            row[1] = grad[1];
        }
        return value;
    }

    /**
     * The Jacobian of {@link Trajectories#rk4(double, double, double, int)} by forward mode, in one pass: each value followed by
     * its derivatives with respect to {@code r}, {@code y0} ({@code dv_dx} beside {@code v}), the result's written into
     * the columns of {@code jac}.
     */
    private static void columnRk4(double r, double y0, double h, int steps, double[][] jac) {
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
            double t3 = r * y;
            double t4 = r * dy_dy0;
            double t5 = r * dy_dr;
            double t6 = y + t5;
            double t7 = 1 - y;
            double t8 = -dy_dy0;
            double t9 = -dy_dr;
            double k1 = t3 * t7;
            double t10 = t7 * t4;
            double t11 = t3 * t8;
            double dk1_dy0 = t10 + t11;
            double t12 = t7 * t6;
            double t13 = t3 * t9;
            double dk1_dr = t12 + t13;
            double t14 = 0.5 * h;
            double t15 = t14 * k1;
            double t16 = t14 * dk1_dy0;
            double t17 = t14 * dk1_dr;
            double t18 = y + t15;
            double t19 = dy_dy0 + t16;
            double t20 = dy_dr + t17;
            double t21 = r * t18;
            double t22 = r * t19;
            double t23 = r * t20;
            double t24 = t18 + t23;
            double t25 = 0.5 * h;
            double t26 = t25 * k1;
            double t27 = t25 * dk1_dy0;
            double t28 = t25 * dk1_dr;
            double t29 = y + t26;
            double t30 = dy_dy0 + t27;
            double t31 = dy_dr + t28;
            double t32 = 1 - t29;
            double t33 = -t30;
            double t34 = -t31;
            double k2 = t21 * t32;
            double t35 = t32 * t22;
            double t36 = t21 * t33;
            double dk2_dy0 = t35 + t36;
            double t37 = t32 * t24;
            double t38 = t21 * t34;
            double dk2_dr = t37 + t38;
            double t39 = 0.5 * h;
            double t40 = t39 * k2;
            double t41 = t39 * dk2_dy0;
            double t42 = t39 * dk2_dr;
            double t43 = y + t40;
            double t44 = dy_dy0 + t41;
            double t45 = dy_dr + t42;
            double t46 = r * t43;
            double t47 = r * t44;
            double t48 = r * t45;
            double t49 = t43 + t48;
            double t50 = 0.5 * h;
            double t51 = t50 * k2;
            double t52 = t50 * dk2_dy0;
            double t53 = t50 * dk2_dr;
            double t54 = y + t51;
            double t55 = dy_dy0 + t52;
            double t56 = dy_dr + t53;
            double t57 = 1 - t54;
            double t58 = -t55;
            double t59 = -t56;
            double k3 = t46 * t57;
            double t60 = t57 * t47;
            double t61 = t46 * t58;
            double dk3_dy0 = t60 + t61;
            double t62 = t57 * t49;
            double t63 = t46 * t59;
            double dk3_dr = t62 + t63;
            double t64 = h * k3;
            double t65 = h * dk3_dy0;
            double t66 = h * dk3_dr;
            double t67 = y + t64;
            double t68 = dy_dy0 + t65;
            double t69 = dy_dr + t66;
            double t70 = r * t67;
            double t71 = r * t68;
            double t72 = r * t69;
            double t73 = t67 + t72;
            double t74 = h * k3;
            double t75 = h * dk3_dy0;
            double t76 = h * dk3_dr;
            double t77 = y + t74;
            double t78 = dy_dy0 + t75;
            double t79 = dy_dr + t76;
            double t80 = 1 - t77;
            double t81 = -t78;
            double t82 = -t79;
            double k4 = t70 * t80;
            double t83 = t80 * t71;
            double t84 = t70 * t81;
            double dk4_dy0 = t83 + t84;
            double t85 = t80 * t73;
            double t86 = t70 * t82;
            double dk4_dr = t85 + t86;
            double t87 = h / 6;
            double t88 = 2 * k2;
            double t89 = 2 * dk2_dy0;
            double t90 = 2 * dk2_dr;
            double t91 = k1 + t88;
            double t92 = dk1_dy0 + t89;
            double t93 = dk1_dr + t90;
            double t94 = 2 * k3;
            double t95 = 2 * dk3_dy0;
            double t96 = 2 * dk3_dr;
            double t97 = t91 + t94;
            double t98 = t92 + t95;
            double t99 = t93 + t96;
            double t100 = t97 + k4;
            double t101 = t98 + dk4_dy0;
            double t102 = t99 + dk4_dr;
            double t103 = t87 * t100;
            double t104 = t87 * t101;
            double t105 = t87 * t102;
            double dy_dr2 = dy_dr + t105;
            double dy_dy03 = dy_dy0 + t104;
            double y3 = y + t103;
            int t106 = n + 1;
            ys[t106] = y3;
            dys_dy0[t106] = dy_dy03;
            dys_dr[t106] = dy_dr2;
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
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Trajectories}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Trajectories} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code rk4(double,double,double,int)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "rk4(double,double,double,int)" -> "0d955e0bd9753258";
            default -> "";
        };
    }

    /**
     * The value of {@link Trajectories#rk4(double, double, double, int)} and its vector-Jacobian products with an upstream adjoint at one point.
     *
     * @param value the value of {@code rk4}
     * @param dr the partial derivative with respect to {@code r}
     * @param dy0 the partial derivative with respect to {@code y0}
     */
    @io.github.sourcegrad.Generated
    public record Rk4Gradient(double[] value, double dr, double dy0) {
    }

    /**
     * The value of {@link Trajectories#rk4(double, double, double, int)} and its vector-Jacobian products with an upstream adjoint at one point.
     *
     * @param value the value of {@code rk4}
     * @param dr the partial derivative with respect to {@code r}
     * @param dy0 the partial derivative with respect to {@code y0}
     * @param dh the partial derivative with respect to {@code h}
     */
    @io.github.sourcegrad.Generated
    public record Rk4WrtAllGradient(double[] value, double dr, double dy0, double dh) {
    }
}
