package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link NeuralNetworks}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link NeuralNetworks}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class NeuralNetworksGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(NeuralNetworksGrad.class, "${project.version}");
    }

    private NeuralNetworksGrad() {
    }

    /**
     * Value and gradient of {@link NeuralNetworks#cubeMinusLog(double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code cubeMinusLog}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static CubeMinusLogGradient dcubeMinusLog(double x) {
        double t1 = Math.pow(x, 3);
        double t2 = Math.log(x);
        double t3 = t1 - t2;

        double dt3 = 1;
        double dt1 = dt3;
        double dt2 = -dt3;
        double dx = dt2 / x;
        dx += 3 * Math.pow(x, 2) * dt1;
        return new CubeMinusLogGradient(t3, dx);
    }

    /**
     * Value of {@link NeuralNetworks#cubeMinusLog(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code cubeMinusLog}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code cubeMinusLog}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dcubeMinusLog(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double t1 = Math.pow(x, 3);
        double t2 = Math.log(x);
        double t3 = t1 - t2;

        double dt3 = 1;
        double dt1 = dt3;
        double dt2 = -dt3;
        double dx = dt2 / x;
        dx += 3 * Math.pow(x, 2) * dt1;
        grad[0] = dx;
        return t3;
    }

    /**
     * Value and gradient of {@link NeuralNetworks#sigmoid(double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code sigmoid}
     * @return the value and the partial derivatives with respect to {@code x}
     */
    public static SigmoidGradient dsigmoid(double x) {
        double t1 = -x;
        double t2 = Math.exp(t1);
        double t3 = 1 + t2;
        double t4 = 1 / t3;

        double dt4 = 1;
        double dt3 = -1 / (t3 * t3) * dt4;
        double dt2 = dt3;
        double dt1 = t2 * dt2;
        double dx = -dt1;
        return new SigmoidGradient(t4, dx);
    }

    /**
     * Value of {@link NeuralNetworks#sigmoid(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code sigmoid}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}
     * @return the value of {@code sigmoid}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dsigmoid(double x, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "x");
        double t1 = -x;
        double t2 = Math.exp(t1);
        double t3 = 1 + t2;
        double t4 = 1 / t3;

        double dt4 = 1;
        double dt3 = -1 / (t3 * t3) * dt4;
        double dt2 = dt3;
        double dt1 = t2 * dt2;
        double dx = -dt1;
        grad[0] = dx;
        return t4;
    }

    /**
     * Value and gradient of {@link NeuralNetworks#hinge(double, double, double)}, computed by reverse mode.
     *
     * @param w the argument {@code w} of {@code hinge}
     * @param x the argument {@code x} of {@code hinge}
     * @param y the argument {@code y} of {@code hinge}
     * @return the value and the partial derivatives with respect to {@code w}, {@code x}, {@code y}
     */
    public static HingeGradient dhinge(double w, double x, double y) {
        double t1 = y * w;
        double t2 = t1 * x;
        double t3 = 1 - t2;
        double t4 = Math.max(0, t3);

        double dt4 = 1;
        double dt3 = t3 > 0 ? dt4 : 0;
        double dt2 = -dt3;
        double dt1 = x * dt2;
        double dx = t1 * dt2;
        double dy = w * dt1;
        double dw = y * dt1;
        return new HingeGradient(t4, dw, dx, dy);
    }

    /**
     * Value of {@link NeuralNetworks#hinge(double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param w the argument {@code w} of {@code hinge}
     * @param x the argument {@code x} of {@code hinge}
     * @param y the argument {@code y} of {@code hinge}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w}, {@code grad[1]} with respect to {@code x}, {@code grad[2]} with respect to {@code y}
     * @return the value of {@code hinge}
     * @throws IllegalArgumentException if {@code grad} has fewer than 3 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dhinge(double w, double x, double y, double[] grad) {
        Buffers.requireLength(grad, 3, "grad", "w, x, y");
        double t1 = y * w;
        double t2 = t1 * x;
        double t3 = 1 - t2;
        double t4 = Math.max(0, t3);

        double dt4 = 1;
        double dt3 = t3 > 0 ? dt4 : 0;
        double dt2 = -dt3;
        double dt1 = x * dt2;
        double dx = t1 * dt2;
        double dy = w * dt1;
        double dw = y * dt1;
        grad[0] = dw;
        grad[1] = dx;
        grad[2] = dy;
        return t4;
    }

    /**
     * Value and gradient of {@link NeuralNetworks#activation(double, double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code activation}
     * @param w the argument {@code w} of {@code activation}
     * @param b the argument {@code b} of {@code activation}
     * @return the value and the partial derivatives with respect to {@code x}, {@code w}, {@code b}
     */
    public static ActivationGradient dactivation(double x, double w, double b) {
        double u = w * x;
        double v = u + b;
        double t1 = Math.max(v, 0);

        double dt1 = 1;
        double dv = v > 0 ? dt1 : 0;
        double du = dv;
        double db = dv;
        double dw = x * du;
        double dx = w * du;
        return new ActivationGradient(t1, dx, dw, db);
    }

    /**
     * Value of {@link NeuralNetworks#activation(double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code activation}
     * @param w the argument {@code w} of {@code activation}
     * @param b the argument {@code b} of {@code activation}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code w}, {@code grad[2]} with respect to {@code b}
     * @return the value of {@code activation}
     * @throws IllegalArgumentException if {@code grad} has fewer than 3 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dactivation(double x, double w, double b, double[] grad) {
        Buffers.requireLength(grad, 3, "grad", "x, w, b");
        double u = w * x;
        double v = u + b;
        double t1 = Math.max(v, 0);

        double dt1 = 1;
        double dv = v > 0 ? dt1 : 0;
        double du = dv;
        double db = dv;
        double dw = x * du;
        double dx = w * du;
        grad[0] = dx;
        grad[1] = dw;
        grad[2] = db;
        return t1;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link NeuralNetworks}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code NeuralNetworks} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code cubeMinusLog(double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "cubeMinusLog(double)" -> "a534219e4440be6f";
            case "sigmoid(double)" -> "2497fd556a9d9a27";
            case "hinge(double,double,double)" -> "9426a210f7e59484";
            case "activation(double,double,double)" -> "c325d6254781f92f";
            default -> "";
        };
    }

    /**
     * The value of {@link NeuralNetworks#cubeMinusLog(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code cubeMinusLog}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record CubeMinusLogGradient(double value, double dx) {
    }

    /**
     * The value of {@link NeuralNetworks#sigmoid(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code sigmoid}
     * @param dx the partial derivative with respect to {@code x}
     */
    @io.github.sourcegrad.Generated
    public record SigmoidGradient(double value, double dx) {
    }

    /**
     * The value of {@link NeuralNetworks#hinge(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code hinge}
     * @param dw the partial derivative with respect to {@code w}
     * @param dx the partial derivative with respect to {@code x}
     * @param dy the partial derivative with respect to {@code y}
     */
    @io.github.sourcegrad.Generated
    public record HingeGradient(double value, double dw, double dx, double dy) {
    }

    /**
     * The value of {@link NeuralNetworks#activation(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code activation}
     * @param dx the partial derivative with respect to {@code x}
     * @param dw the partial derivative with respect to {@code w}
     * @param db the partial derivative with respect to {@code b}
     */
    @io.github.sourcegrad.Generated
    public record ActivationGradient(double value, double dx, double dw, double db) {
    }
}
