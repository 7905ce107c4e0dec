package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Forward}, written by SourceGrad.
 * <p>Also their directional derivatives by forward mode, {@code jvp<name>}, where {@code forward = true} asks for them.
 * <p>Generated at compile time from the source of {@link Forward}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class ForwardGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(ForwardGrad.class, "${project.version}");
    }

    private ForwardGrad() {
    }

    /**
     * Value and gradient of {@link Forward#f(double, double)}, computed by reverse mode.
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
     * Value of {@link Forward#f(double, double)}, with its gradient written into {@code grad}: allocates nothing,
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
     * Value and directional derivative of {@link Forward#f(double, double)}, computed by forward mode.
     * <p>Each value of {@code f} is followed by its tangent: its derivative along the direction that the
     * tangents of the parameters give.
     *
     * @param x the argument {@code x} of {@code f}
     * @param y the argument {@code y} of {@code f}
     * @param tx the tangent of {@code x}: the component of the direction along {@code x}
     * @param ty the tangent of {@code y}: the component of the direction along {@code y}
     * @return the value and the directional derivative, the sum over {@code x}, {@code y} of the partial derivative times the tangent
     */
    public static FTangent jvpf(double x, double y, double tx, double ty) {
        double a = -x;
        double ta = -tx;
        double b = Math.exp(a);
        double tb = b * ta;
        double c = y + b;
        double tc = ty + tb;
        double d = 1 / c;
        double td = -1 / (c * c) * tc;
        return new FTangent(d, td);
    }

    /**
     * Value and gradient of {@link Forward#leakyRelu(double, double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code leakyRelu}
     * @param slope the argument {@code slope} of {@code leakyRelu}
     * @return the value and the partial derivatives with respect to {@code x}, {@code slope}
     */
    public static LeakyReluGradient dleakyRelu(double x, double slope) {
        double y;
        if (x > 0) {
            y = x;
        } else {
            y = slope * x;
        }
        double t2 = y * y;

        double dt2 = 1;
        double dy = 2 * y * dt2;
        double dx = 0;
        double dslope = 0;
        if (x > 0) {
            dx += dy;
        } else {
            dslope += x * dy;
            dx += slope * dy;
        }
        return new LeakyReluGradient(t2, dx, dslope);
    }

    /**
     * Value of {@link Forward#leakyRelu(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code leakyRelu}
     * @param slope the argument {@code slope} of {@code leakyRelu}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code slope}
     * @return the value of {@code leakyRelu}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dleakyRelu(double x, double slope, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "x, slope");
        double y;
        if (x > 0) {
            y = x;
        } else {
            y = slope * x;
        }
        double t2 = y * y;

        double dt2 = 1;
        double dy = 2 * y * dt2;
        double dx = 0;
        double dslope = 0;
        if (x > 0) {
            dx += dy;
        } else {
            dslope += x * dy;
            dx += slope * dy;
        }
        grad[0] = dx;
        grad[1] = dslope;
        return t2;
    }

    /**
     * Value and directional derivative of {@link Forward#leakyRelu(double, double)}, computed by forward mode.
     * <p>Each value of {@code leakyRelu} is followed by its tangent: its derivative along the direction that the
     * tangents of the parameters give.
     *
     * @param x the argument {@code x} of {@code leakyRelu}
     * @param slope the argument {@code slope} of {@code leakyRelu}
     * @param tx the tangent of {@code x}: the component of the direction along {@code x}
     * @param tslope the tangent of {@code slope}: the component of the direction along {@code slope}
     * @return the value and the directional derivative, the sum over {@code x}, {@code slope} of the partial derivative times the tangent
     */
    public static LeakyReluTangent jvpleakyRelu(double x, double slope, double tx, double tslope) {
        double y;
        double ty;
        if (x > 0) {
            y = x;
            ty = tx;
        } else {
            y = slope * x;
            ty = x * tslope + slope * tx;
        }
        double t2 = y * y;
        double tt2 = 2 * y * ty;
        return new LeakyReluTangent(t2, tt2);
    }

    /**
     * Value and gradient of {@link Forward#newtonSqrt(double, int)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code x} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param a the argument {@code a} of {@code newtonSqrt}
     * @param steps the argument {@code steps} of {@code newtonSqrt}, held constant
     * @return the value and the partial derivatives with respect to {@code a}
     */
    public static NewtonSqrtGradient dnewtonSqrt(double a, int steps) {
        try (Tape tape = Tape.open()) {
            double x = a;
            int trips = 0;
            for (int i = 0; i < steps; i++) {
                trips++;
                tape.push(x);
                double t2 = a / x;
                double t3 = x + t2;
                x = 0.5 * t3;
            }
            double newtonSqrt = x;

            double dx = 1;
            double da = 0;
            for (int i = trips - 1; i >= 0; i--) {
                x = tape.popDouble();
                double t2 = a / x;
                double dt3 = 0.5 * dx;
                dx = dt3;
                double dt2 = dt3;
                da += dt2 / x;
                dx += -t2 / x * dt2;
            }
            da += dx;
            return new NewtonSqrtGradient(newtonSqrt, da);
        }
    }

    /**
     * Value of {@link Forward#newtonSqrt(double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code x} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param a the argument {@code a} of {@code newtonSqrt}
     * @param steps the argument {@code steps} of {@code newtonSqrt}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code a}
     * @return the value of {@code newtonSqrt}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dnewtonSqrt(double a, int steps, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "a");
        try (Tape tape = Tape.open()) {
            double x = a;
            int trips = 0;
            for (int i = 0; i < steps; i++) {
                trips++;
                tape.push(x);
                double t2 = a / x;
                double t3 = x + t2;
                x = 0.5 * t3;
            }
            double newtonSqrt = x;

            double dx = 1;
            double da = 0;
            for (int i = trips - 1; i >= 0; i--) {
                x = tape.popDouble();
                double t2 = a / x;
                double dt3 = 0.5 * dx;
                dx = dt3;
                double dt2 = dt3;
                da += dt2 / x;
                dx += -t2 / x * dt2;
            }
            da += dx;
            grad[0] = da;
            return newtonSqrt;
        }
    }

    /**
     * Value and directional derivative of {@link Forward#newtonSqrt(double, int)}, computed by forward mode.
     * <p>Each value of {@code newtonSqrt} is followed by its tangent: its derivative along the direction that the
     * tangents of the parameters give.
     *
     * @param a the argument {@code a} of {@code newtonSqrt}
     * @param steps the argument {@code steps} of {@code newtonSqrt}, held constant
     * @param ta the tangent of {@code a}: the component of the direction along {@code a}
     * @return the value and the directional derivative, the sum over {@code a} of the partial derivative times the tangent
     */
    public static NewtonSqrtTangent jvpnewtonSqrt(double a, int steps, double ta) {
        double x = a;
        double tx = ta;
        for (int i = 0; i < steps; i++) {
            double t2 = a / x;
            double tt2 = ta / x - t2 / x * tx;
            double t3 = x + t2;
            double tt3 = tx + tt2;
            x = 0.5 * t3;
            tx = 0.5 * tt3;
        }
        return new NewtonSqrtTangent(x, tx);
    }

    /**
     * Value and gradient of {@link Forward#recurrence(double, double, int)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code h} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code recurrence}
     * @param h0 the argument {@code h0} of {@code recurrence}
     * @param n the argument {@code n} of {@code recurrence}, held constant
     * @return the value and the partial derivatives with respect to {@code w}, {@code h0}
     */
    public static RecurrenceGradient drecurrence(double w, double h0, int n) {
        try (Tape tape = Tape.open()) {
            double h = h0;
            int k = 0;
            long trips = 0;
            while (k < n) {
                trips++;
                tape.push(h);
                double t2 = h * w;
                h = t2 + 1;
                k = k + 1;
            }
            double recurrence = h;

            double dh = 1;
            double dw = 0;
            for (; trips > 0; trips--) {
                h = tape.popDouble();
                double dt2 = dh;
                dh = w * dt2;
                dw += h * dt2;
            }
            double dh0 = dh;
            return new RecurrenceGradient(recurrence, dw, dh0);
        }
    }

    /**
     * Value of {@link Forward#recurrence(double, double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code h} (double). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     *
     * @param w the argument {@code w} of {@code recurrence}
     * @param h0 the argument {@code h0} of {@code recurrence}
     * @param n the argument {@code n} of {@code recurrence}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w}, {@code grad[1]} with respect to {@code h0}
     * @return the value of {@code recurrence}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double drecurrence(double w, double h0, int n, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "w, h0");
        try (Tape tape = Tape.open()) {
            double h = h0;
            int k = 0;
            long trips = 0;
            while (k < n) {
                trips++;
                tape.push(h);
                double t2 = h * w;
                h = t2 + 1;
                k = k + 1;
            }
            double recurrence = h;

            double dh = 1;
            double dw = 0;
            for (; trips > 0; trips--) {
                h = tape.popDouble();
                double dt2 = dh;
                dh = w * dt2;
                dw += h * dt2;
            }
            double dh0 = dh;
            grad[0] = dw;
            grad[1] = dh0;
            return recurrence;
        }
    }

    /**
     * Value and directional derivative of {@link Forward#recurrence(double, double, int)}, computed by forward mode.
     * <p>Each value of {@code recurrence} is followed by its tangent: its derivative along the direction that the
     * tangents of the parameters give.
     *
     * @param w the argument {@code w} of {@code recurrence}
     * @param h0 the argument {@code h0} of {@code recurrence}
     * @param n the argument {@code n} of {@code recurrence}, held constant
     * @param tw the tangent of {@code w}: the component of the direction along {@code w}
     * @param th0 the tangent of {@code h0}: the component of the direction along {@code h0}
     * @return the value and the directional derivative, the sum over {@code w}, {@code h0} of the partial derivative times the tangent
     */
    public static RecurrenceTangent jvprecurrence(double w, double h0, int n, double tw,
            double th0) {
        double h = h0;
        double th = th0;
        int k = 0;
        while (k < n) {
            double t2 = h * w;
            double tt2 = w * th + h * tw;
            h = t2 + 1;
            th = tt2;
            k = k + 1;
        }
        return new RecurrenceTangent(h, th);
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Forward}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Forward} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code f(double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "f(double,double)" -> "be6a4f16b24f614b";
            case "leakyRelu(double,double)" -> "dddb1ca8add6f157";
            case "newtonSqrt(double,int)" -> "7a8ace95b1fa3373";
            case "recurrence(double,double,int)" -> "2a6dd0e8d11a9953";
            default -> "";
        };
    }

    /**
     * The value of {@link Forward#f(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code f}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     */
    @io.github.sourcegrad.Generated
    public record FGradient(double value, double dx, double dy) {
    }

    /**
     * The value of {@link Forward#f(double, double)} and its directional derivative at one point.
     *
     * @param value the value of {@code f}
     * @param tangent the directional derivative: the sum, over the differentiated parameters, of the partial
     * derivative with respect to each times its tangent
     */
    @io.github.sourcegrad.Generated
    public record FTangent(double value, double tangent) {
    }

    /**
     * The value of {@link Forward#leakyRelu(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code leakyRelu}
     * @param dx the partial derivative with respect to {@code x}
     * @param dslope the partial derivative with respect to {@code slope}
     */
    @io.github.sourcegrad.Generated
    public record LeakyReluGradient(double value, double dx, double dslope) {
    }

    /**
     * The value of {@link Forward#leakyRelu(double, double)} and its directional derivative at one point.
     *
     * @param value the value of {@code leakyRelu}
     * @param tangent the directional derivative: the sum, over the differentiated parameters, of the partial
     * derivative with respect to each times its tangent
     */
    @io.github.sourcegrad.Generated
    public record LeakyReluTangent(double value, double tangent) {
    }

    /**
     * The value of {@link Forward#newtonSqrt(double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code newtonSqrt}
     * @param da the partial derivative with respect to {@code a}
     */
    @io.github.sourcegrad.Generated
    public record NewtonSqrtGradient(double value, double da) {
    }

    /**
     * The value of {@link Forward#newtonSqrt(double, int)} and its directional derivative at one point.
     *
     * @param value the value of {@code newtonSqrt}
     * @param tangent the directional derivative: the sum, over the differentiated parameters, of the partial
     * derivative with respect to each times its tangent
     */
    @io.github.sourcegrad.Generated
    public record NewtonSqrtTangent(double value, double tangent) {
    }

    /**
     * The value of {@link Forward#recurrence(double, double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code recurrence}
     * @param dw the partial derivative with respect to {@code w}
     * @param dh0 the partial derivative with respect to {@code h0}
     */
    @io.github.sourcegrad.Generated
    public record RecurrenceGradient(double value, double dw, double dh0) {
    }

    /**
     * The value of {@link Forward#recurrence(double, double, int)} and its directional derivative at one point.
     *
     * @param value the value of {@code recurrence}
     * @param tangent the directional derivative: the sum, over the differentiated parameters, of the partial
     * derivative with respect to each times its tangent
     */
    @io.github.sourcegrad.Generated
    public record RecurrenceTangent(double value, double tangent) {
    }
}
