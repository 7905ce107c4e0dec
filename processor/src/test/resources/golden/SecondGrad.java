package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Second}, written by SourceGrad.
 * <p>Also their directional derivatives by forward mode, {@code jvp<name>}, where {@code forward = true} asks for them.
 * <p>Generated at compile time from the source of {@link Second}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class SecondGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(SecondGrad.class, "${project.version}");
    }

    private SecondGrad() {
    }

    /**
     * Value and gradient of {@link Second#f(double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code f}
     * @param y the argument {@code y} of {@code f}
     * @return the value and the partial derivatives with respect to {@code x}, {@code y}
     */
    public static FGradient df(double x, double y) {
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;

        double dd = 1;
        double dc = -1 / (c * c) * dd;
        double dy = dc;
        double db = dc;
        double da = b * db;
        double dx = -da;
        return new FGradient(d, dx, dy);
    }

    /**
     * Value of {@link Second#f(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code f}
     * @param y the argument {@code y} of {@code f}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code y}
     * @return the value of {@code f}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double df(double x, double y, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "x, y");
        double a = -x;
        double b = Math.exp(a);
        double c = y + b;
        double d = 1 / c;

        double dd = 1;
        double dc = -1 / (c * c) * dd;
        double dy = dc;
        double db = dc;
        double da = b * db;
        double dx = -da;
        grad[0] = dx;
        grad[1] = dy;
        return d;
    }

    /**
     * Value of {@link Second#f(double, double)}, its gradient and its Hessian times a vector,
     * with respect to {@code x}, {@code y}, the inputs taken in this order.
     * <p>One reverse pass for the gradient, and one for the gradient of the directional derivative
     * along {@code v} ({@link #gradJvpf}), which is the Hessian times {@code v}: exact through branches and
     * loops as the gradient is. It allocates nothing.
     *
     * @param x the argument {@code x} of {@code f}
     * @param y the argument {@code y} of {@code f}
     * @param v the direction: one entry per differentiated input
     * @param grad receives the gradient, one entry per differentiated input
     * @param hv receives the Hessian times {@code v}, one entry per differentiated input
     * @return the value of {@code f}
     * @throws IllegalArgumentException if {@code v}, {@code grad} or {@code hv} has fewer entries than inputs (the message says
     *     how many it needs), or {@code grad} or {@code hv} is an argument
     * @throws NullPointerException if an array is null
     */
    public static double hvpf(double x, double y, double[] v, double[] grad, double[] hv) {
        Buffers.requireInputs(v, 2, "v", "x, y");
        Buffers.requireInputs(grad, 2, "grad", "x, y");
        Buffers.requireInputs(hv, 2, "hv", "x, y");
        Buffers.check().input("v", v).buffer("grad", grad).buffer("hv", hv).requireDistinct();
        double value = df(x, y, grad);
        gradJvpf(x, y, v[0], v[1], hv);
        return value;
    }

    /**
     * Value of {@link Second#f(double, double)} and its Hessian with respect to {@code x}, {@code y},
     * the inputs taken in this order: {@code h[i][k]} receives the second derivative with respect to inputs
     * {@code i} and {@code k}.
     * <p>Row {@code i} is the Hessian times the {@code i}-th unit vector, one pass of {@link #gradJvpf} each:
     * exact through branches and loops as the gradient is. {@code h[i][k]} and {@code h[k][i]} come from
     * different passes, which agree to rounding; each is set to their mean, so that {@code h} is exactly symmetric.
     *
     * @param x the argument {@code x} of {@code f}
     * @param y the argument {@code y} of {@code f}
     * @param h receives the Hessian: at least one row per differentiated input, each of at least one
     *     entry per input; anything beyond is left as it is
     * @return the value of {@code f}
     * @throws IllegalArgumentException if {@code h} has too few rows or entries (the message says how many
     *     it needs), a matrix is ragged, or a row of {@code h} is an argument or another row of it
     * @throws NullPointerException if an array is null
     */
    public static double hessianf(double x, double y, double[][] h) {
        Buffers.requireHessian(h, 2, "h", "x, y");
        Buffers.check().buffer("h", h).requireDistinct();
        gradJvpf(x, y, 1, 0, h[0]);
        gradJvpf(x, y, 0, 1, h[1]);
        // each pair of mirrored entries, from two passes, replaced by their mean: exactly symmetric
        for (int i = 1; i < 2; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
        return Second.f(x, y);
    }

    /**
     * The directional derivative of {@link Second#f(double, double)} along the tangents {@code t...},
     * and its gradient with respect to the differentiated parameters, which is the Hessian of
     * {@code f} times the tangents: forward mode (each value followed by its tangent), then reverse mode
     * of that code, with the tangents held constant. Its gradient buffers receive the Hessian-vector product.
     */
    private static double gradJvpf(double x, double y, double tx, double ty, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "x, y");
        double a = -x;
        double ta = -tx;
        double b = Math.exp(a);
        double tb = b * ta;
        double c = y + b;
        double tc = ty + tb;
        double d = 1 / c;
        double t1 = c * c;
        double t2 = -1 / t1;
        double td = t2 * tc;

        double dtd = 1;
        double dt2 = tc * dtd;
        double dtc = t2 * dtd;
        double dt1 = 1 / (t1 * t1) * dt2;
        double dc = 2 * c * dt1;
        double dtb = dtc;
        double dy = dc;
        double db = dc;
        db += ta * dtb;
        double da = b * db;
        double dx = -da;
        grad[0] = dx;
        grad[1] = dy;
        return td;
    }

    /**
     * Value and gradient of {@link Second#logisticLoss(double[], double[][], double[])}, computed by reverse mode.
     * <p>Keeps on the tape, in each iteration of a loop, what the backward pass would otherwise compute
     * again at more than the cost of a push and a pop: {@code t10} (the result of {@code exp}).
     * <p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what
     * the iteration kept, or counts them down from their unchanged bound.
     * Everything else is recomputed, not taped. The tape is the thread's, opened with {@link io.github.sourcegrad.Tape#open()}
     * and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code logisticLoss}
     * @param xs the argument {@code xs} of {@code logisticLoss}, held constant
     * @param ys the argument {@code ys} of {@code logisticLoss}, held constant
     * @return the value and the partial derivatives with respect to {@code w}
     * @throws NullPointerException if an array is null
     */
    public static LogisticLossGradient dlogisticLoss(double[] w, double[][] xs, double[] ys) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        requireRectangular("xs", xs);
        try (Tape tape = Tape.open()) {
            double loss = 0;
            int trips = 0;
            for (int i = 0; i < ys.length; i++) {
                trips++;
                double m = 0;
                for (int j = 0; j < w.length; j++) {
                    double t5 = w[j];
                    double t6 = xs[i][j];
                    double t7 = t5 * t6;
                    m = m + t7;
                }
                double t9 = -m;
                double t10 = Math.exp(t9);
                tape.push(t10);
                double t11 = Math.log1p(t10);
                double t12 = ys[i];
                double t13 = 1 - t12;
                double t14 = t13 * m;
                double t15 = t11 + t14;
                loss = loss + t15;
            }
            double logisticLoss = loss;

            double dloss = 1;
            double[] dw = new double[w.length];
            for (int i = trips - 1; i >= 0; i--) {
                double t10 = tape.popDouble();
                double t12 = ys[i];
                double t13 = 1 - t12;
                double dt15 = dloss;
                double dt11 = dt15;
                double dt14 = dt15;
                double dm = t13 * dt14;
                double dt10 = dt11 / (1 + t10);
                double dt9 = t10 * dt10;
                dm += -dt9;
                for (int j = w.length - 1; j >= 0; j--) {
                    double t6 = xs[i][j];
                    double dt7 = dm;
                    double dt5 = t6 * dt7;
                    dw[j] += dt5;
                }
            }
            return new LogisticLossGradient(logisticLoss, dw);
        }
    }

    /**
     * Value of {@link Second#logisticLoss(double[], double[][], double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are accumulated in the arrays passed for them, which are
     * cleared first; it allocates nothing once the thread's tape has grown.
     *
     * @param w the argument {@code w} of {@code logisticLoss}
     * @param xs the argument {@code xs} of {@code logisticLoss}, held constant
     * @param ys the argument {@code ys} of {@code logisticLoss}, held constant
     * @param gradW receives the gradient with respect to {@code w}; it must have the shape of {@code w}
     * @return the value of {@code logisticLoss}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dlogisticLoss(double[] w, double[][] xs, double[] ys, double[] gradW) {
        Buffers.check().input("w", w).input("xs", xs).input("ys", ys).buffer("gradW", gradW)
                .requireDistinct();
        requireRectangular("xs", xs);
        requireSameShape("gradW", gradW, "w", w);
        try (Tape tape = Tape.open()) {
            double loss = 0;
            int trips = 0;
            for (int i = 0; i < ys.length; i++) {
                trips++;
                double m = 0;
                for (int j = 0; j < w.length; j++) {
                    double t5 = w[j];
                    double t6 = xs[i][j];
                    double t7 = t5 * t6;
                    m = m + t7;
                }
                double t9 = -m;
                double t10 = Math.exp(t9);
                tape.push(t10);
                double t11 = Math.log1p(t10);
                double t12 = ys[i];
                double t13 = 1 - t12;
                double t14 = t13 * m;
                double t15 = t11 + t14;
                loss = loss + t15;
            }
            double logisticLoss = loss;

            double dloss = 1;
            double[] dw = clear(gradW);
            for (int i = trips - 1; i >= 0; i--) {
                double t10 = tape.popDouble();
                double t12 = ys[i];
                double t13 = 1 - t12;
                double dt15 = dloss;
                double dt11 = dt15;
                double dt14 = dt15;
                double dm = t13 * dt14;
                double dt10 = dt11 / (1 + t10);
                double dt9 = t10 * dt10;
                dm += -dt9;
                for (int j = w.length - 1; j >= 0; j--) {
                    double t6 = xs[i][j];
                    double dt7 = dm;
                    double dt5 = t6 * dt7;
                    dw[j] += dt5;
                }
            }
            return logisticLoss;
        }
    }

    /**
     * Value of {@link Second#logisticLoss(double[], double[][], double[])} and its gradient with respect to every {@code double}, {@code double[]} and {@code double[][]} parameter.
     * <p>Called by the gradients of methods that call {@code logisticLoss} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>Keeps on the tape, in each iteration of a loop, what the backward pass would otherwise compute
     * again at more than the cost of a push and a pop: {@code m} as the inner loop over {@code j} leaves it; {@code t10} (the result of {@code exp}).
     * <p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what
     * the iteration kept, or counts them down from their unchanged bound.
     * Everything else is recomputed, not taped. The tape is the thread's, opened with {@link io.github.sourcegrad.Tape#open()}
     * and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code logisticLoss}
     * @param xs the argument {@code xs} of {@code logisticLoss}
     * @param ys the argument {@code ys} of {@code logisticLoss}
     * @return the value and the partial derivatives with respect to {@code w}, {@code xs}, {@code ys}
     * @throws NullPointerException if an array is null
     */
    public static LogisticLossWrtAllGradient dlogisticLossWrtAll(double[] w, double[][] xs,
            double[] ys) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        requireRectangular("xs", xs);
        try (Tape tape = Tape.open()) {
            double loss = 0;
            int trips = 0;
            for (int i = 0; i < ys.length; i++) {
                trips++;
                double m = 0;
                for (int j = 0; j < w.length; j++) {
                    double t5 = w[j];
                    double t6 = xs[i][j];
                    double t7 = t5 * t6;
                    m = m + t7;
                }
                tape.push(m);
                double t9 = -m;
                double t10 = Math.exp(t9);
                tape.push(t10);
                double t11 = Math.log1p(t10);
                double t12 = ys[i];
                double t13 = 1 - t12;
                double t14 = t13 * m;
                double t15 = t11 + t14;
                loss = loss + t15;
            }
            double logisticLoss = loss;

            double dloss = 1;
            double[] dw = new double[w.length];
            double[][] dxs = zerosLike(xs);
            double[] dys = new double[ys.length];
            for (int i = trips - 1; i >= 0; i--) {
                double t10 = tape.popDouble();
                double m = tape.popDouble();
                double t12 = ys[i];
                double t13 = 1 - t12;
                double dt15 = dloss;
                double dt11 = dt15;
                double dt14 = dt15;
                double dt13 = m * dt14;
                double dm = t13 * dt14;
                double dt12 = -dt13;
                dys[i] += dt12;
                double dt10 = dt11 / (1 + t10);
                double dt9 = t10 * dt10;
                dm += -dt9;
                for (int j = w.length - 1; j >= 0; j--) {
                    double t5 = w[j];
                    double t6 = xs[i][j];
                    double dt7 = dm;
                    double dt5 = t6 * dt7;
                    double dt6 = t5 * dt7;
                    dxs[i][j] += dt6;
                    dw[j] += dt5;
                }
            }
            return new LogisticLossWrtAllGradient(logisticLoss, dw, dxs, dys);
        }
    }

    /**
     * Value and directional derivative of {@link Second#logisticLoss(double[], double[][], double[])}, computed by forward mode.
     * <p>Each value of {@code logisticLoss} is followed by its tangent: its derivative along the direction that the
     * tangents of the parameters give; each array that carries a derivative has a tangent array of its shape.
     * It reads the tangents' arrays and does not change them; it allocates the tangent arrays of the arrays it
     * creates.
     *
     * @param w the argument {@code w} of {@code logisticLoss}
     * @param xs the argument {@code xs} of {@code logisticLoss}, held constant
     * @param ys the argument {@code ys} of {@code logisticLoss}, held constant
     * @param tw the tangent of {@code w}: the component of the direction along {@code w}, an array of its shape
     * @return the value and the directional derivative, the sum over {@code w} of the partial derivative times the tangent
     * @throws NullPointerException if an array is null
     */
    public static LogisticLossTangent jvplogisticLoss(double[] w, double[][] xs, double[] ys,
            double[] tw) {
        requireSameShape("tw", tw, "w", w);
        double loss = 0;
        double tloss = 0;
        for (int i = 0; i < ys.length; i++) {
            double m = 0;
            double tm = 0;
            for (int j = 0; j < w.length; j++) {
                double t5 = w[j];
                double t6 = tw[j];
                double t7 = xs[i][j];
                double t8 = t5 * t7;
                double t9 = t7 * t6;
                tm = tm + t9;
                m = m + t8;
            }
            double t11 = -m;
            double t12 = -tm;
            double t13 = Math.exp(t11);
            double t14 = t13 * t12;
            double t15 = Math.log1p(t13);
            double t16 = 1 + t13;
            double t17 = t14 / t16;
            double t18 = ys[i];
            double t19 = 1 - t18;
            double t20 = t19 * m;
            double t21 = t19 * tm;
            double t22 = t15 + t20;
            double t23 = t17 + t21;
            tloss = tloss + t23;
            loss = loss + t22;
        }
        return new LogisticLossTangent(loss, tloss);
    }

    /**
     * Value of {@link Second#logisticLoss(double[], double[][], double[])}, its gradient and its Hessian times a vector,
     * with respect to {@code w}, the inputs taken in this order, an array element by element, a matrix row by row.
     * <p>One reverse pass for the gradient, and one for the gradient of the directional derivative
     * along {@code v} ({@link #gradJvplogisticLoss}), which is the Hessian times {@code v}: exact through branches and
     * loops as the gradient is. It allocates arrays of the shapes of the array parameters.
     *
     * @param w the argument {@code w} of {@code logisticLoss}
     * @param xs the argument {@code xs} of {@code logisticLoss}, held constant
     * @param ys the argument {@code ys} of {@code logisticLoss}, held constant
     * @param v the direction: one entry per differentiated input
     * @param grad receives the gradient, one entry per differentiated input
     * @param hv receives the Hessian times {@code v}, one entry per differentiated input
     * @return the value of {@code logisticLoss}
     * @throws IllegalArgumentException if {@code v}, {@code grad} or {@code hv} has fewer entries than inputs (the message says
     *     how many it needs), or {@code grad} or {@code hv} is an argument
     * @throws NullPointerException if an array is null
     */
    public static double hvplogisticLoss(double[] w, double[][] xs, double[] ys, double[] v,
            double[] grad, double[] hv) {
        int n = w.length;
        Buffers.requireInputs(v, n, "v", "w");
        Buffers.requireInputs(grad, n, "grad", "w");
        Buffers.requireInputs(hv, n, "hv", "w");
        Buffers.check().input("w", w).input("xs", xs).input("ys", ys).input("v", v).buffer("grad", grad).buffer("hv", hv).requireDistinct();
        double[] tw = new double[w.length];
        System.arraycopy(v, 0, tw, 0, tw.length);
        double[] hvW = new double[w.length];
        double value = dlogisticLoss(w, xs, ys, hvW);
        System.arraycopy(hvW, 0, grad, 0, hvW.length);
        gradJvplogisticLoss(w, xs, ys, tw, hvW);
        System.arraycopy(hvW, 0, hv, 0, hvW.length);
        return value;
    }

    /**
     * Value of {@link Second#logisticLoss(double[], double[][], double[])} and its Hessian with respect to {@code w},
     * the inputs taken in this order, an array element by element, a matrix row by row: {@code h[i][k]} receives the second derivative with respect to inputs
     * {@code i} and {@code k}.
     * <p>Row {@code i} is the Hessian times the {@code i}-th unit vector, one pass of {@link #gradJvplogisticLoss} each:
     * exact through branches and loops as the gradient is. {@code h[i][k]} and {@code h[k][i]} come from
     * different passes, which agree to rounding; each is set to their mean, so that {@code h} is exactly symmetric. It allocates arrays of the shapes of
     * the array parameters.
     *
     * @param w the argument {@code w} of {@code logisticLoss}
     * @param xs the argument {@code xs} of {@code logisticLoss}, held constant
     * @param ys the argument {@code ys} of {@code logisticLoss}, held constant
     * @param h receives the Hessian: at least one row per differentiated input, each of at least one
     *     entry per input; anything beyond is left as it is
     * @return the value of {@code logisticLoss}
     * @throws IllegalArgumentException if {@code h} has too few rows or entries (the message says how many
     *     it needs), a matrix is ragged, or a row of {@code h} is an argument or another row of it
     * @throws NullPointerException if an array is null
     */
    public static double hessianlogisticLoss(double[] w, double[][] xs, double[] ys, double[][] h) {
        int n = w.length;
        Buffers.requireHessian(h, n, "h", "w");
        Buffers.check().input("w", w).input("xs", xs).input("ys", ys).buffer("h", h).requireDistinct();
        int row = 0;
        double[] hRow;
        double[] tw = new double[w.length];
        double[] hvW = new double[w.length];
        for (int i = 0; i < tw.length; i++) {
            tw[i] = 1;
            gradJvplogisticLoss(w, xs, ys, tw, hvW);
            tw[i] = 0;
            hRow = h[row++];
            System.arraycopy(hvW, 0, hRow, 0, hvW.length);
        }
        // each pair of mirrored entries, from two passes, replaced by their mean: exactly symmetric
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
        return Second.logisticLoss(w, xs, ys);
    }

    /**
     * The directional derivative of {@link Second#logisticLoss(double[], double[][], double[])} along the tangents {@code t...},
     * and its gradient with respect to the differentiated parameters, which is the Hessian of
     * {@code logisticLoss} times the tangents: forward mode (each value followed by its tangent), then reverse mode
     * of that code, with the tangents held constant. Its gradient buffers receive the Hessian-vector product.
     */
    private static double gradJvplogisticLoss(double[] w, double[][] xs, double[] ys, double[] tw,
            double[] gradW) {
        Buffers.check().input("w", w).input("xs", xs).input("ys", ys).input("tw", tw)
                .buffer("gradW", gradW).requireDistinct();
        requireRectangular("xs", xs);
        requireSameShape("gradW", gradW, "w", w);
        try (Tape tape = Tape.open()) {
            double loss = 0;
            double tloss = 0;
            int trips = 0;
            for (int i = 0; i < ys.length; i++) {
                trips++;
                double m = 0;
                double tm = 0;
                for (int j = 0; j < w.length; j++) {
                    double t5 = w[j];
                    double t6 = tw[j];
                    double t7 = xs[i][j];
                    double t8 = t5 * t7;
                    double t9 = t7 * t6;
                    tm = tm + t9;
                    m = m + t8;
                }
                tape.push(tm);
                double t11 = -m;
                double t12 = -tm;
                double t13 = Math.exp(t11);
                tape.push(t13);
                double t14 = t13 * t12;
                double t15 = Math.log1p(t13);
                double t16 = 1 + t13;
                double t17 = t14 / t16;
                double t18 = ys[i];
                double t19 = 1 - t18;
                double t20 = t19 * m;
                double t21 = t19 * tm;
                double t22 = t15 + t20;
                double t23 = t17 + t21;
                tloss = tloss + t23;
                loss = loss + t22;
            }
            double gradJvplogisticLoss = tloss;

            double dtloss = 1;
            double[] dw = clear(gradW);
            for (int i = trips - 1; i >= 0; i--) {
                double t13 = tape.popDouble();
                double tm = tape.popDouble();
                double t12 = -tm;
                double t14 = t13 * t12;
                double t16 = 1 + t13;
                double t17 = t14 / t16;
                double dt23 = dtloss;
                double dt17 = dt23;
                double dt14 = dt17 / t16;
                double dt16 = -t17 / t16 * dt17;
                double dt13 = dt16;
                dt13 += t12 * dt14;
                double dt11 = t13 * dt13;
                double dm = -dt11;
                for (int j = w.length - 1; j >= 0; j--) {
                    double t7 = xs[i][j];
                    double dt8 = dm;
                    double dt5 = t7 * dt8;
                    dw[j] += dt5;
                }
            }
            return gradJvplogisticLoss;
        }
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Second}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Second} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code f(double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "f(double,double)" -> "bcc503b14bc49f47";
            case "logisticLoss(double[],double[][],double[])" -> "f77d81a094c909e8";
            default -> "";
        };
    }

    /**
     * The value of {@link Second#f(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code f}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     */
    @io.github.sourcegrad.Generated
    public record FGradient(double value, double dx, double dy) {
    }

    /**
     * The value of {@link Second#logisticLoss(double[], double[][], double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code logisticLoss}
     * @param dw the gradient with respect to {@code w}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record LogisticLossGradient(double value, double[] dw) {
    }

    /**
     * The value of {@link Second#logisticLoss(double[], double[][], double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code logisticLoss}
     * @param dw the gradient with respect to {@code w}, an array of its shape
     * @param dxs the gradient with respect to {@code xs}, an array of its shape
     * @param dys the gradient with respect to {@code ys}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record LogisticLossWrtAllGradient(double value, double[] dw, double[][] dxs,
            double[] dys) {
    }

    /**
     * The value of {@link Second#logisticLoss(double[], double[][], double[])} and its directional derivative at one point.
     *
     * @param value the value of {@code logisticLoss}
     * @param tangent the directional derivative: the sum, over the differentiated parameters, of the partial
     * derivative with respect to each times its tangent
     */
    @io.github.sourcegrad.Generated
    public record LogisticLossTangent(double value, double tangent) {
    }
}
