package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Naming}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Naming}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class NamingGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(NamingGrad.class, "${project.version}");
    }

    private NamingGrad() {
    }

    /**
     * Value and gradient of {@link Naming#clash(double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code clash}
     * @param grad the argument {@code grad} of {@code clash}
     * @return the value and the partial derivatives with respect to {@code x}, {@code grad}
     */
    public static ClashGradient dclash(double x, double grad) {
        double c = x * grad;
        double dc = c * c;
        double t1 = dc + 1;
        double x2 = x * t1;
        double t2 = Math.sin(x2);
        double x3 = x2 + t2;
        double t3 = c + 2;
        double t4 = x3 / t3;

        double dt4 = 1;
        double dx3 = dt4 / t3;
        double dt3 = -t4 / t3 * dt4;
        double d_c = dt3;
        double dx2 = dx3;
        double dt2 = dx3;
        dx2 += Math.cos(x2) * dt2;
        double dx = t1 * dx2;
        double dt1 = x * dx2;
        double ddc = dt1;
        d_c += 2 * c * ddc;
        dx += grad * d_c;
        double dgrad = x * d_c;
        return new ClashGradient(t4, dx, dgrad);
    }

    /**
     * Value of {@link Naming#clash(double, double)}, with its gradient written into {@code grad2}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code clash}
     * @param grad the argument {@code grad} of {@code clash}
     * @param grad2 receives the partial derivatives: {@code grad2[0]} with respect to {@code x}, {@code grad2[1]} with respect to {@code grad}
     * @return the value of {@code clash}
     * @throws IllegalArgumentException if {@code grad2} has fewer than 2 elements
     * @throws NullPointerException if {@code grad2} is null
     */
    public static double dclash(double x, double grad, double[] grad2) {
        Buffers.requireLength(grad2, 2, "grad2", "x, grad");
        double c = x * grad;
        double dc = c * c;
        double t1 = dc + 1;
        double x2 = x * t1;
        double t2 = Math.sin(x2);
        double x3 = x2 + t2;
        double t3 = c + 2;
        double t4 = x3 / t3;

        double dt4 = 1;
        double dx3 = dt4 / t3;
        double dt3 = -t4 / t3 * dt4;
        double d_c = dt3;
        double dx2 = dx3;
        double dt2 = dx3;
        dx2 += Math.cos(x2) * dt2;
        double dx = t1 * dx2;
        double dt1 = x * dx2;
        double ddc = dt1;
        d_c += 2 * c * ddc;
        dx += grad * d_c;
        double dgrad = x * d_c;
        grad2[0] = dx;
        grad2[1] = dgrad;
        return t4;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Naming}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Naming} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code clash(double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "clash(double,double)" -> "44c2c55cf6b5f9d6";
            default -> "";
        };
    }

    /**
     * The value of {@link Naming#clash(double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code clash}
     * @param dx the partial derivative with respect to {@code x}
     * @param dgrad the partial derivative with respect to {@code grad}
     */
    @io.github.sourcegrad.Generated
    public record ClashGradient(double value, double dx, double dgrad) {
    }
}
