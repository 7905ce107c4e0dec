package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Guard}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Guard}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class GuardGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(GuardGrad.class, "${project.version}");
    }

    private GuardGrad() {
    }

    /**
     * Value and gradient of {@link Guard#logNormal(double, double, double)}, computed by reverse mode.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code logNormal}
     * @param mu the argument {@code mu} of {@code logNormal}
     * @param sigma the argument {@code sigma} of {@code logNormal}
     * @return the value and the partial derivatives with respect to {@code x}, {@code mu}, {@code sigma}
     * @throws IllegalArgumentException where {@code logNormal} throws it, with the same message
     */
    public static LogNormalGradient dlogNormal(double x, double mu, double sigma) {
        if (sigma <= 0) {
            throw new IllegalArgumentException("sigma must be positive: " + sigma);
        }
        double t2 = x - mu;
        double z = t2 / sigma;
        double t3 = -0.5 * z;
        double t4 = t3 * z;
        double t5 = Math.log(sigma);
        double t6 = t4 - t5;
        double t7 = 2 * Math.PI;
        double t8 = Math.log(t7);
        double t9 = 0.5 * t8;
        double t10 = t6 - t9;

        double dt10 = 1;
        double dt6 = dt10;
        double dt4 = dt6;
        double dt5 = -dt6;
        double dsigma = dt5 / sigma;
        double dt3 = z * dt4;
        double dz = t3 * dt4;
        dz += -0.5 * dt3;
        double dt2 = dz / sigma;
        dsigma += -z / sigma * dz;
        double dx = dt2;
        double dmu = -dt2;
        return new LogNormalGradient(t10, dx, dmu, dsigma);
    }

    /**
     * Value of {@link Guard#logNormal(double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     *
     * @param x the argument {@code x} of {@code logNormal}
     * @param mu the argument {@code mu} of {@code logNormal}
     * @param sigma the argument {@code sigma} of {@code logNormal}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code mu}, {@code grad[2]} with respect to {@code sigma}
     * @return the value of {@code logNormal}
     * @throws IllegalArgumentException if {@code grad} has fewer than 3 elements
     * @throws NullPointerException if {@code grad} is null
     * @throws IllegalArgumentException where {@code logNormal} throws it, with the same message;
     *     nothing is written into the gradient arrays then
     */
    public static double dlogNormal(double x, double mu, double sigma, double[] grad) {
        Buffers.requireLength(grad, 3, "grad", "x, mu, sigma");
        if (sigma <= 0) {
            throw new IllegalArgumentException("sigma must be positive: " + sigma);
        }
        double t2 = x - mu;
        double z = t2 / sigma;
        double t3 = -0.5 * z;
        double t4 = t3 * z;
        double t5 = Math.log(sigma);
        double t6 = t4 - t5;
        double t7 = 2 * Math.PI;
        double t8 = Math.log(t7);
        double t9 = 0.5 * t8;
        double t10 = t6 - t9;

        double dt10 = 1;
        double dt6 = dt10;
        double dt4 = dt6;
        double dt5 = -dt6;
        double dsigma = dt5 / sigma;
        double dt3 = z * dt4;
        double dz = t3 * dt4;
        dz += -0.5 * dt3;
        double dt2 = dz / sigma;
        dsigma += -z / sigma * dz;
        double dx = dt2;
        double dmu = -dt2;
        grad[0] = dx;
        grad[1] = dmu;
        grad[2] = dsigma;
        return t10;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Guard}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Guard} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code logNormal(double,double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "logNormal(double,double,double)" -> "7c24a41ab63ab6e0";
            default -> "";
        };
    }

    /**
     * The value of {@link Guard#logNormal(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code logNormal}
     * @param dx the partial derivative with respect to {@code x}
     * @param dmu the partial derivative with respect to {@code mu}
     * @param dsigma the partial derivative with respect to {@code sigma}
     */
    @io.github.sourcegrad.Generated
    public record LogNormalGradient(double value, double dx, double dmu, double dsigma) {
    }
}
