package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Switches}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Switches}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class SwitchesGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(SwitchesGrad.class, "${project.version}");
    }

    private SwitchesGrad() {
    }

    /**
     * Value and gradient of {@link Switches#fallThrough(double, int)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code fallThrough}
     * @param k the argument {@code k} of {@code fallThrough}, held constant
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static FallThroughGradient dfallThrough(double x, int k) {
        double y5 = x;
        double y;
        if (k == 0) {
            double y6 = y5 * x;
            double t2 = Math.sin(x);
            y = y6 + t2;
        } else if (k == 1) {
            double t4 = Math.sin(x);
            y = y5 + t4;
        } else if (k == 3) {
            y = y5 * y5;
        } else if (k == 4) {
            y = -y5;
        } else {
            double y11 = 2 * y5;
            y = y11 * y11;
        }

        double dy = 1;
        double dx = 0;
        double dy5 = 0;
        if (k == 0) {
            double dy6 = dy;
            double dt2 = dy;
            dx += Math.cos(x) * dt2;
            dy5 += x * dy6;
            dx += y5 * dy6;
        } else if (k == 1) {
            dy5 += dy;
            double dt4 = dy;
            dx += Math.cos(x) * dt4;
        } else if (k == 3) {
            dy5 += 2 * y5 * dy;
        } else if (k == 4) {
            dy5 += -dy;
        } else {
            double y11 = 2 * y5;
            double dy11 = 2 * y11 * dy;
            dy5 += 2 * dy11;
        }
        dx += dy5;
        return new FallThroughGradient(y, dx);
    }

    /**
     * Value of {@link Switches#fallThrough(double, int)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code fallThrough}
     * @param k the argument {@code k} of {@code fallThrough}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code fallThrough}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dfallThrough(double x, int k, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double y5 = x;
        double y;
        if (k == 0) {
            double y6 = y5 * x;
            double t2 = Math.sin(x);
            y = y6 + t2;
        } else if (k == 1) {
            double t4 = Math.sin(x);
            y = y5 + t4;
        } else if (k == 3) {
            y = y5 * y5;
        } else if (k == 4) {
            y = -y5;
        } else {
            double y11 = 2 * y5;
            y = y11 * y11;
        }

        double dy = 1;
        double dx = 0;
        double dy5 = 0;
        if (k == 0) {
            double dy6 = dy;
            double dt2 = dy;
            dx += Math.cos(x) * dt2;
            dy5 += x * dy6;
            dx += y5 * dy6;
        } else if (k == 1) {
            dy5 += dy;
            double dt4 = dy;
            dx += Math.cos(x) * dt4;
        } else if (k == 3) {
            dy5 += 2 * y5 * dy;
        } else if (k == 4) {
            dy5 += -dy;
        } else {
            double y11 = 2 * y5;
            double dy11 = 2 * y11 * dy;
            dy5 += 2 * dy11;
        }
        dx += dy5;
        grad[0] = dx;
        return y;
    }

    /**
     * Value and gradient of {@link Switches#band(double, double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code band}
     * @param a the argument {@code a} of {@code band}
     * @return the value and the partial derivatives with respect to {@code x}, {@code a}
     */
    public static BandGradient dband(double x, double a) {
        double t1 = Math.floor(x);
        int t2 = (int) t1;
        double t10;
        if (t2 == 0) {
            t10 = a;
        } else if (t2 == 1 || t2 == 2) {
            double t = a * x;
            t10 = t * t;
        } else {
            t10 = 0;
        }
        double t8 = x * t10;
        double t9 = 1 + t8;

        double dt9 = 1;
        double dt8 = dt9;
        double dx = t10 * dt8;
        double dt10 = x * dt8;
        double da = 0;
        if (t2 == 0) {
            da += dt10;
        } else if (t2 == 1 || t2 == 2) {
            double t = a * x;
            double dt = 2 * t * dt10;
            da += x * dt;
            dx += a * dt;
        }
        return new BandGradient(t9, dx, da);
    }

    /**
     * Value of {@link Switches#band(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code band}
     * @param a the argument {@code a} of {@code band}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code a}
     * @return the value of {@code band}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dband(double x, double a, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "x, a");
        double t1 = Math.floor(x);
        int t2 = (int) t1;
        double t10;
        if (t2 == 0) {
            t10 = a;
        } else if (t2 == 1 || t2 == 2) {
            double t = a * x;
            t10 = t * t;
        } else {
            t10 = 0;
        }
        double t8 = x * t10;
        double t9 = 1 + t8;

        double dt9 = 1;
        double dt8 = dt9;
        double dx = t10 * dt8;
        double dt10 = x * dt8;
        double da = 0;
        if (t2 == 0) {
            da += dt10;
        } else if (t2 == 1 || t2 == 2) {
            double t = a * x;
            double dt = 2 * t * dt10;
            da += x * dt;
            dx += a * dt;
        }
        grad[0] = dx;
        grad[1] = da;
        return t9;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Switches}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Switches} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code fallThrough(double,int)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "fallThrough(double,int)" -> "ea9d3ce3a6003153";
            case "band(double,double)" -> "9a2029c124b70bcb";
            default -> "";
        };
    }

    /**
     * The value of {@link Switches#fallThrough(double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code fallThrough}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record FallThroughGradient(double value, double dx) {
    }

    /**
     * The value of {@link Switches#band(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code band}
     * @param dx the partial derivative with respect to {@code x}
     * @param da the partial derivative with respect to {@code a}
     */
    @io.github.sourcegrad.Generated
    public record BandGradient(double value, double dx, double da) {
    }
}
