package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Slides}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Slides}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class SlidesGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(SlidesGrad.class, "${project.version}");
    }

    private SlidesGrad() {
    }

    /**
     * Value and gradient of {@link Slides#f(double, double)}, computed by reverse mode.
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
     * Value of {@link Slides#f(double, double)}, with its gradient written into {@code grad}: allocates nothing,
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
     * Value and gradient of {@link Slides#fInline(double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code fInline}
     * @param y the argument {@code y} of {@code fInline}
     * @return the value and the partial derivatives with respect to {@code x}, {@code y}
     */
    public static FInlineGradient dfInline(double x, double y) {
        double t1 = -x;
        double t2 = Math.exp(t1);
        double t3 = y + t2;
        double t4 = 1 / t3;

        double dt4 = 1;
        double dt3 = -1 / (t3 * t3) * dt4;
        double dy = dt3;
        double dt2 = dt3;
        double dt1 = t2 * dt2;
        double dx = -dt1;
        return new FInlineGradient(t4, dx, dy);
    }

    /**
     * Value of {@link Slides#fInline(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code fInline}
     * @param y the argument {@code y} of {@code fInline}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code y}
     * @return the value of {@code fInline}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dfInline(double x, double y, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "x, y");
        double t1 = -x;
        double t2 = Math.exp(t1);
        double t3 = y + t2;
        double t4 = 1 / t3;

        double dt4 = 1;
        double dt3 = -1 / (t3 * t3) * dt4;
        double dy = dt3;
        double dt2 = dt3;
        double dt1 = t2 * dt2;
        double dx = -dt1;
        grad[0] = dx;
        grad[1] = dy;
        return t4;
    }

    /**
     * Value and gradient of {@link Slides#exercise(double, double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code exercise}
     * @param y the argument {@code y} of {@code exercise}
     * @param z the argument {@code z} of {@code exercise}
     * @return the value and the partial derivatives with respect to {@code x}, {@code y}, {@code z}
     */
    public static ExerciseGradient dexercise(double x, double y, double z) {
        double p = x * 3;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = Math.pow(r, 2);
        double t = s + z;

        double dt = 1;
        double ds = dt;
        double dz = dt;
        double dr = 2 * r * ds;
        double dq = dr;
        double dy = -dr;
        double dp = p > 0 ? dq : 0;
        double dx = 3 * dp;
        return new ExerciseGradient(t, dx, dy, dz);
    }

    /**
     * Value of {@link Slides#exercise(double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code exercise}
     * @param y the argument {@code y} of {@code exercise}
     * @param z the argument {@code z} of {@code exercise}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code y}, {@code grad[2]} with respect to {@code z}
     * @return the value of {@code exercise}
     * @throws IllegalArgumentException if {@code grad} has fewer than 3 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dexercise(double x, double y, double z, double[] grad) {
        Buffers.requireLength(grad, 3, "grad", "x, y, z");
        double p = x * 3;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = Math.pow(r, 2);
        double t = s + z;

        double dt = 1;
        double ds = dt;
        double dz = dt;
        double dr = 2 * r * ds;
        double dq = dr;
        double dy = -dr;
        double dp = p > 0 ? dq : 0;
        double dx = 3 * dp;
        grad[0] = dx;
        grad[1] = dy;
        grad[2] = dz;
        return t;
    }

    /**
     * Value and gradient of {@link Slides#scalarInput(double, double, double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code scalarInput}
     * @param w the argument {@code w} of {@code scalarInput}
     * @param y the argument {@code y} of {@code scalarInput}
     * @param z the argument {@code z} of {@code scalarInput}
     * @return the value and the partial derivatives with respect to {@code x}, {@code w}, {@code y}, {@code z}
     */
    public static ScalarInputGradient dscalarInput(double x, double w, double y, double z) {
        double p = x * w;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = r * r;
        double t = s + z;

        double dt = 1;
        double ds = dt;
        double dz = dt;
        double dr = 2 * r * ds;
        double dq = dr;
        double dy = -dr;
        double dp = p > 0 ? dq : 0;
        double dx = w * dp;
        double dw = x * dp;
        return new ScalarInputGradient(t, dx, dw, dy, dz);
    }

    /**
     * Value of {@link Slides#scalarInput(double, double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code scalarInput}
     * @param w the argument {@code w} of {@code scalarInput}
     * @param y the argument {@code y} of {@code scalarInput}
     * @param z the argument {@code z} of {@code scalarInput}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code w}, {@code grad[2]} with respect to {@code y}, {@code grad[3]} with respect to {@code z}
     * @return the value of {@code scalarInput}
     * @throws IllegalArgumentException if {@code grad} has fewer than 4 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dscalarInput(double x, double w, double y, double z, double[] grad) {
        Buffers.requireLength(grad, 4, "grad", "x, w, y, z");
        double p = x * w;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = r * r;
        double t = s + z;

        double dt = 1;
        double ds = dt;
        double dz = dt;
        double dr = 2 * r * ds;
        double dq = dr;
        double dy = -dr;
        double dp = p > 0 ? dq : 0;
        double dx = w * dp;
        double dw = x * dp;
        grad[0] = dx;
        grad[1] = dw;
        grad[2] = dy;
        grad[3] = dz;
        return t;
    }

    /**
     * Value and gradient of {@link Slides#mlpLoss(double, double, double, double, double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code mlpLoss}, held constant
     * @param y the argument {@code y} of {@code mlpLoss}, held constant
     * @param w1 the argument {@code w1} of {@code mlpLoss}
     * @param b1 the argument {@code b1} of {@code mlpLoss}
     * @param w2 the argument {@code w2} of {@code mlpLoss}
     * @param b2 the argument {@code b2} of {@code mlpLoss}
     * @return the value and the partial derivatives with respect to {@code w1}, {@code b1}, {@code w2}, {@code b2}
     */
    public static MlpLossGradient dmlpLoss(double x, double y, double w1, double b1, double w2,
            double b2) {
        double t1 = w1 * x;
        double t2 = t1 + b1;
        double h = Math.max(t2, 0);
        double t3 = h * w2;
        double t4 = t3 + b2;
        double yHat = Math.max(t4, 0);
        double r = yHat - y;
        double t5 = r * r;

        double dt5 = 1;
        double dr = 2 * r * dt5;
        double dyHat = dr;
        double dt4 = t4 > 0 ? dyHat : 0;
        double dt3 = dt4;
        double db2 = dt4;
        double dh = w2 * dt3;
        double dw2 = h * dt3;
        double dt2 = t2 > 0 ? dh : 0;
        double dt1 = dt2;
        double db1 = dt2;
        double dw1 = x * dt1;
        return new MlpLossGradient(t5, dw1, db1, dw2, db2);
    }

    /**
     * Value of {@link Slides#mlpLoss(double, double, double, double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code mlpLoss}, held constant
     * @param y the argument {@code y} of {@code mlpLoss}, held constant
     * @param w1 the argument {@code w1} of {@code mlpLoss}
     * @param b1 the argument {@code b1} of {@code mlpLoss}
     * @param w2 the argument {@code w2} of {@code mlpLoss}
     * @param b2 the argument {@code b2} of {@code mlpLoss}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w1}, {@code grad[1]} with respect to {@code b1}, {@code grad[2]} with respect to {@code w2}, {@code grad[3]} with respect to {@code b2}
     * @return the value of {@code mlpLoss}
     * @throws IllegalArgumentException if {@code grad} has fewer than 4 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dmlpLoss(double x, double y, double w1, double b1, double w2, double b2,
            double[] grad) {
        Buffers.requireLength(grad, 4, "grad", "w1, b1, w2, b2");
        double t1 = w1 * x;
        double t2 = t1 + b1;
        double h = Math.max(t2, 0);
        double t3 = h * w2;
        double t4 = t3 + b2;
        double yHat = Math.max(t4, 0);
        double r = yHat - y;
        double t5 = r * r;

        double dt5 = 1;
        double dr = 2 * r * dt5;
        double dyHat = dr;
        double dt4 = t4 > 0 ? dyHat : 0;
        double dt3 = dt4;
        double db2 = dt4;
        double dh = w2 * dt3;
        double dw2 = h * dt3;
        double dt2 = t2 > 0 ? dh : 0;
        double dt1 = dt2;
        double db1 = dt2;
        double dw1 = x * dt1;
        grad[0] = dw1;
        grad[1] = db1;
        grad[2] = dw2;
        grad[3] = db2;
        return t5;
    }

    /**
     * Value of {@link Slides#mlpLoss(double, double, double, double, double, double)} and its gradient with respect to every {@code double} parameter.
     * <p>Called by the gradients of methods that call {@code mlpLoss} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     *
     * @param x the argument {@code x} of {@code mlpLoss}
     * @param y the argument {@code y} of {@code mlpLoss}
     * @param w1 the argument {@code w1} of {@code mlpLoss}
     * @param b1 the argument {@code b1} of {@code mlpLoss}
     * @param w2 the argument {@code w2} of {@code mlpLoss}
     * @param b2 the argument {@code b2} of {@code mlpLoss}
     * @return the value and the partial derivatives with respect to {@code x}, {@code y}, {@code w1}, {@code b1}, {@code w2}, {@code b2}
     */
    public static MlpLossWrtAllGradient dmlpLossWrtAll(double x, double y, double w1, double b1,
            double w2, double b2) {
        double t1 = w1 * x;
        double t2 = t1 + b1;
        double h = Math.max(t2, 0);
        double t3 = h * w2;
        double t4 = t3 + b2;
        double yHat = Math.max(t4, 0);
        double r = yHat - y;
        double t5 = r * r;

        double dt5 = 1;
        double dr = 2 * r * dt5;
        double dyHat = dr;
        double dy = -dr;
        double dt4 = t4 > 0 ? dyHat : 0;
        double dt3 = dt4;
        double db2 = dt4;
        double dh = w2 * dt3;
        double dw2 = h * dt3;
        double dt2 = t2 > 0 ? dh : 0;
        double dt1 = dt2;
        double db1 = dt2;
        double dw1 = x * dt1;
        double dx = w1 * dt1;
        return new MlpLossWrtAllGradient(t5, dx, dy, dw1, db1, dw2, db2);
    }

    /**
     * Value and gradient of {@link Slides#fanOut(double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code fanOut}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static FanOutGradient dfanOut(double x) {
        double t1 = x * x;
        double t2 = 3 * x;
        double w = t1 + t2;

        double dw = 1;
        double dt1 = dw;
        double dt2 = dw;
        double dx = 3 * dt2;
        dx += 2 * x * dt1;
        return new FanOutGradient(w, dx);
    }

    /**
     * Value of {@link Slides#fanOut(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code fanOut}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code fanOut}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dfanOut(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double t1 = x * x;
        double t2 = 3 * x;
        double w = t1 + t2;

        double dw = 1;
        double dt1 = dw;
        double dt2 = dw;
        double dx = 3 * dt2;
        dx += 2 * x * dt1;
        grad[0] = dx;
        return w;
    }

    /**
     * Value and gradient of {@link Slides#reciprocal(double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code reciprocal}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static ReciprocalGradient dreciprocal(double x) {
        double t1 = -x;
        double t2 = Math.exp(t1);
        double t3 = 1 / t2;

        double dt3 = 1;
        double dt2 = -1 / (t2 * t2) * dt3;
        double dt1 = t2 * dt2;
        double dx = -dt1;
        return new ReciprocalGradient(t3, dx);
    }

    /**
     * Value of {@link Slides#reciprocal(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code reciprocal}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code reciprocal}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dreciprocal(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double t1 = -x;
        double t2 = Math.exp(t1);
        double t3 = 1 / t2;

        double dt3 = 1;
        double dt2 = -1 / (t2 * t2) * dt3;
        double dt1 = t2 * dt2;
        double dx = -dt1;
        grad[0] = dx;
        return t3;
    }

    /**
     * Value and gradient of {@link Slides#logOfSquare(double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code logOfSquare}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static LogOfSquareGradient dlogOfSquare(double x) {
        double e = Math.exp(x);
        double t1 = e * e;
        double t2 = Math.log(t1);

        double dt2 = 1;
        double dt1 = dt2 / t1;
        double de = 2 * e * dt1;
        double dx = e * de;
        return new LogOfSquareGradient(t2, dx);
    }

    /**
     * Value of {@link Slides#logOfSquare(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code logOfSquare}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code logOfSquare}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dlogOfSquare(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double e = Math.exp(x);
        double t1 = e * e;
        double t2 = Math.log(t1);

        double dt2 = 1;
        double dt1 = dt2 / t1;
        double de = 2 * e * dt1;
        double dx = e * de;
        grad[0] = dx;
        return t2;
    }

    /**
     * Value and gradient of {@link Slides#sumTimes(double, double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code sumTimes}
     * @param y the argument {@code y} of {@code sumTimes}
     * @param z the argument {@code z} of {@code sumTimes}
     * @return the value and the partial derivatives with respect to {@code x}, {@code y}, {@code z}
     */
    public static SumTimesGradient dsumTimes(double x, double y, double z) {
        double q = x + y;
        double t1 = q * z;

        double dt1 = 1;
        double dq = z * dt1;
        double dz = q * dt1;
        double dx = dq;
        double dy = dq;
        return new SumTimesGradient(t1, dx, dy, dz);
    }

    /**
     * Value of {@link Slides#sumTimes(double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code sumTimes}
     * @param y the argument {@code y} of {@code sumTimes}
     * @param z the argument {@code z} of {@code sumTimes}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code y}, {@code grad[2]} with respect to {@code z}
     * @return the value of {@code sumTimes}
     * @throws IllegalArgumentException if {@code grad} has fewer than 3 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dsumTimes(double x, double y, double z, double[] grad) {
        Buffers.requireLength(grad, 3, "grad", "x, y, z");
        double q = x + y;
        double t1 = q * z;

        double dt1 = 1;
        double dq = z * dt1;
        double dz = q * dt1;
        double dx = dq;
        double dy = dq;
        grad[0] = dx;
        grad[1] = dy;
        grad[2] = dz;
        return t1;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Slides}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Slides} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code f(double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "f(double,double)" -> "03e5ff3de9a21cc8";
            case "fInline(double,double)" -> "fb3cc468c5c3b105";
            case "exercise(double,double,double)" -> "085ca2c1b8634f8c";
            case "scalarInput(double,double,double,double)" -> "ef0aef9cadf1e632";
            case "mlpLoss(double,double,double,double,double,double)" -> "b9318e43d6d642bd";
            case "fanOut(double)" -> "47bfdfbe1573e9d8";
            case "reciprocal(double)" -> "06aa00d48db40ae7";
            case "logOfSquare(double)" -> "0c1ccaa847238264";
            case "sumTimes(double,double,double)" -> "7c13e956f7393401";
            default -> "";
        };
    }

    /**
     * The value of {@link Slides#f(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code f}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     */
    @io.github.sourcegrad.Generated
    public record FGradient(double value, double dx, double dy) {
    }

    /**
     * The value of {@link Slides#fInline(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code fInline}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     */
    @io.github.sourcegrad.Generated
    public record FInlineGradient(double value, double dx, double dy) {
    }

    /**
     * The value of {@link Slides#exercise(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code exercise}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     * @param dz the partial derivative with respect to {@code z}
     */
    @io.github.sourcegrad.Generated
    public record ExerciseGradient(double value, double dx, double dy, double dz) {
    }

    /**
     * The value of {@link Slides#scalarInput(double, double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code scalarInput}
     * @param dx the partial derivative with respect to {@code x}
     * @param dw the partial derivative with respect to {@code w}
     * @param dy the partial derivative with respect to {@code y}
     * @param dz the partial derivative with respect to {@code z}
     */
    @io.github.sourcegrad.Generated
    public record ScalarInputGradient(double value, double dx, double dw, double dy, double dz) {
    }

    /**
     * The value of {@link Slides#mlpLoss(double, double, double, double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code mlpLoss}
     * @param dw1 the partial derivative with respect to {@code w1}
     * @param db1 the partial derivative with respect to {@code b1}
     * @param dw2 the partial derivative with respect to {@code w2}
     * @param db2 the partial derivative with respect to {@code b2}
     */
    @io.github.sourcegrad.Generated
    public record MlpLossGradient(double value, double dw1, double db1, double dw2, double db2) {
    }

    /**
     * The value of {@link Slides#mlpLoss(double, double, double, double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code mlpLoss}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     * @param dw1 the partial derivative with respect to {@code w1}
     * @param db1 the partial derivative with respect to {@code b1}
     * @param dw2 the partial derivative with respect to {@code w2}
     * @param db2 the partial derivative with respect to {@code b2}
     */
    @io.github.sourcegrad.Generated
    public record MlpLossWrtAllGradient(double value, double dx, double dy, double dw1, double db1,
            double dw2, double db2) {
    }

    /**
     * The value of {@link Slides#fanOut(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code fanOut}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record FanOutGradient(double value, double dx) {
    }

    /**
     * The value of {@link Slides#reciprocal(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code reciprocal}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record ReciprocalGradient(double value, double dx) {
    }

    /**
     * The value of {@link Slides#logOfSquare(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code logOfSquare}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record LogOfSquareGradient(double value, double dx) {
    }

    /**
     * The value of {@link Slides#sumTimes(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code sumTimes}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     * @param dz the partial derivative with respect to {@code z}
     */
    @io.github.sourcegrad.Generated
    public record SumTimesGradient(double value, double dx, double dy, double dz) {
    }
}
