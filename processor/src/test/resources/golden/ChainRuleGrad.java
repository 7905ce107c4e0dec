package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link ChainRule}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link ChainRule}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class ChainRuleGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(ChainRuleGrad.class, "${project.version}");
    }

    private ChainRuleGrad() {
    }

    /**
     * Value and gradient of {@link ChainRule#z(double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code z}
     * @param y the argument {@code y} of {@code z}
     * @return the value and the partial derivatives with respect to {@code x}, {@code y}
     */
    public static ZGradient dz(double x, double y) {
        double a = x * x;
        double b = 3 * a;
        double c = x * y;
        double d = 5 * c;
        double e = b + d;
        double t1 = Math.log(e);

        double dt1 = 1;
        double de = dt1 / e;
        double db = de;
        double dd = de;
        double dc = 5 * dd;
        double dx = y * dc;
        double dy = x * dc;
        double da = 3 * db;
        dx += 2 * x * da;
        return new ZGradient(t1, dx, dy);
    }

    /**
     * Value of {@link ChainRule#z(double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code z}
     * @param y the argument {@code y} of {@code z}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code y}
     * @return the value of {@code z}
     * @throws IllegalArgumentException if {@code grad} has fewer than 2 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dz(double x, double y, double[] grad) {
        Buffers.requireLength(grad, 2, "grad", "x, y");
        double a = x * x;
        double b = 3 * a;
        double c = x * y;
        double d = 5 * c;
        double e = b + d;
        double t1 = Math.log(e);

        double dt1 = 1;
        double de = dt1 / e;
        double db = de;
        double dd = de;
        double dc = 5 * dd;
        double dx = y * dc;
        double dy = x * dc;
        double da = 3 * db;
        dx += 2 * x * da;
        grad[0] = dx;
        grad[1] = dy;
        return t1;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link ChainRule}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code ChainRule} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code z(double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "z(double,double)" -> "e506c0d7f325416d";
            default -> "";
        };
    }

    /**
     * The value of {@link ChainRule#z(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code z}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     */
    @io.github.sourcegrad.Generated
    public record ZGradient(double value, double dx, double dy) {
    }
}
