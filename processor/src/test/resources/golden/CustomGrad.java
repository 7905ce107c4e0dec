package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Custom}, written by SourceGrad.
 * <p>Also their directional derivatives by forward mode, {@code jvp<name>}, where {@code forward = true} asks for them.
 * <p>Also the derivatives of its methods with a {@code @CustomDerivative}, from the pullbacks written by hand that their annotations name.
 * <p>Generated at compile time from the source of {@link Custom}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class CustomGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(CustomGrad.class, "${project.version}");
    }

    private CustomGrad() {
    }

    /**
     * Value and gradient of {@link Custom#normalCdf(double, double, double)}, computed by reverse mode.
     * <p>Runs the buffer form, {@link #dnormalCdf(double, double, double, double[])}:
     * the code is written once.
     *
     * @param x the argument {@code x} of {@code normalCdf}
     * @param mu the argument {@code mu} of {@code normalCdf}
     * @param sigma the argument {@code sigma} of {@code normalCdf}
     * @return the value and the partial derivatives with respect to {@code x}, {@code mu}, {@code sigma}
     */
    public static NormalCdfGradient dnormalCdf(double x, double mu, double sigma) {
        double[] grad = new double[3];
        double value = dnormalCdf(x, mu, sigma, grad);
        return new NormalCdfGradient(value, grad[0], grad[1], grad[2]);
    }

    /**
     * Value of {@link Custom#normalCdf(double, double, double)}, with its gradient written into {@code grad}: for calls in a loop with a reused array.
     * <p>The methods it calls that have a {@code @CustomDerivative} (or are of classes compiled separately)
     * are called through their companions: they return their local gradients as small records, which the
     * JIT removes only where it inlines the callee.
     *
     * @param x the argument {@code x} of {@code normalCdf}
     * @param mu the argument {@code mu} of {@code normalCdf}
     * @param sigma the argument {@code sigma} of {@code normalCdf}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code mu}, {@code grad[2]} with respect to {@code sigma}
     * @return the value of {@code normalCdf}
     * @throws IllegalArgumentException if {@code grad} has fewer than 3 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dnormalCdf(double x, double mu, double sigma, double[] grad) {
        Buffers.requireLength(grad, 3, "grad", "x, mu, sigma");
        double t1 = x - mu;
        double t2 = Math.sqrt(2);
        double t3 = sigma * t2;
        double t4 = t1 / t3;
        ErfGradient t5Local = CustomGrad.derf(t4);
        double t5 = t5Local.value();
        double t6 = 1 + t5;
        double t7 = 0.5 * t6;

        double dt7 = 1;
        double dt6 = 0.5 * dt7;
        double dt5 = dt6;
        double dt4 = t5Local.dx() * dt5;
        double dt1 = dt4 / t3;
        double dt3 = -t4 / t3 * dt4;
        double dsigma = t2 * dt3;
        double dx = dt1;
        double dmu = -dt1;
        grad[0] = dx;
        grad[1] = dmu;
        grad[2] = dsigma;
        return t7;
    }

    /**
     * Value and directional derivative of {@link Custom#normalCdf(double, double, double)}, computed by forward mode.
     * <p>Each value of {@code normalCdf} is followed by its tangent: its derivative along the direction that the
     * tangents of the parameters give.
     * <p>The methods that {@code normalCdf} calls are called through their companions (with a
     * {@code @CustomDerivative}, or compiled separately): their records' partial derivatives times the
     * tangents of the arguments give the tangent of each call.
     *
     * @param x the argument {@code x} of {@code normalCdf}
     * @param mu the argument {@code mu} of {@code normalCdf}
     * @param sigma the argument {@code sigma} of {@code normalCdf}
     * @param tx the tangent of {@code x}: the component of the direction along {@code x}
     * @param tmu the tangent of {@code mu}: the component of the direction along {@code mu}
     * @param tsigma the tangent of {@code sigma}: the component of the direction along {@code sigma}
     * @return the value and the directional derivative, the sum over {@code x}, {@code mu}, {@code sigma} of the partial derivative times the tangent
     */
    public static NormalCdfTangent jvpnormalCdf(double x, double mu, double sigma, double tx,
            double tmu, double tsigma) {
        double t1 = x - mu;
        double tt1 = tx - tmu;
        double t2 = Math.sqrt(2);
        double t3 = sigma * t2;
        double tt3 = t2 * tsigma;
        double t4 = t1 / t3;
        double tt4 = tt1 / t3 - t4 / t3 * tt3;
        ErfGradient t5Local = CustomGrad.derf(t4);
        double t5 = t5Local.value();
        double tt5 = t5Local.dx() * tt4;
        double t6 = 1 + t5;
        double tt6 = tt5;
        double t7 = 0.5 * t6;
        double tt7 = 0.5 * tt6;
        return new NormalCdfTangent(t7, tt7);
    }

    /**
     * Value of {@link Custom#erf(double)} and its partial derivatives, from its {@code @CustomDerivative}: the pullback
     * {@link Custom#erfPullback(double, double, double[])}, called with an upstream adjoint of 1.
     * <p>The gradients of the methods that call {@code erf} call this method.
     *
     * @param x the argument {@code x} of {@code erf}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static ErfGradient derf(double x) {
        double[] grad = new double[1];
        Custom.erfPullback(x, 1, grad);
        return new ErfGradient(Custom.erf(x), grad[0]);
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Custom}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Custom} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code normalCdf(double,double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "normalCdf(double,double,double)" -> "18876a27be2f06be";
            default -> "";
        };
    }

    /**
     * The value of {@link Custom#normalCdf(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code normalCdf}
     * @param dx the partial derivative with respect to {@code x}
     * @param dmu the partial derivative with respect to {@code mu}
     * @param dsigma the partial derivative with respect to {@code sigma}
     */
    @io.github.sourcegrad.Generated
    public record NormalCdfGradient(double value, double dx, double dmu, double dsigma) {
    }

    /**
     * The value of {@link Custom#normalCdf(double, double, double)} and its directional derivative at one point.
     *
     * @param value the value of {@code normalCdf}
     * @param tangent the directional derivative: the sum, over the differentiated parameters, of the partial
     * derivative with respect to each times its tangent
     */
    @io.github.sourcegrad.Generated
    public record NormalCdfTangent(double value, double tangent) {
    }

    /**
     * The value of {@link Custom#erf(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code erf}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record ErfGradient(double value, double dx) {
    }
}
