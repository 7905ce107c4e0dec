package golden;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Calls}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Calls}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class CallsGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(CallsGrad.class, "${project.version}");
    }

    private CallsGrad() {
    }

    /**
     * Value and gradient of {@link Calls#sigmoid(double)}, computed by reverse mode.
     *
     * @param z the argument {@code z} of {@code sigmoid}
     * @return the value and the partial derivatives with respect to {@code z}
     */
    public static SigmoidGradient dsigmoid(double z) {
        double t1 = -z;
        double t2 = Math.exp(t1);
        double t3 = 1 + t2;
        double t4 = 1 / t3;

        double dt4 = 1;
        double dt3 = -1 / (t3 * t3) * dt4;
        double dt2 = dt3;
        double dt1 = t2 * dt2;
        double dz = -dt1;
        return new SigmoidGradient(t4, dz);
    }

    /**
     * Value of {@link Calls#sigmoid(double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param z the argument {@code z} of {@code sigmoid}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code z}
     * @return the value of {@code sigmoid}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dsigmoid(double z, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "z");
        double t1 = -z;
        double t2 = Math.exp(t1);
        double t3 = 1 + t2;
        double t4 = 1 / t3;

        double dt4 = 1;
        double dt3 = -1 / (t3 * t3) * dt4;
        double dt2 = dt3;
        double dt1 = t2 * dt2;
        double dz = -dt1;
        grad[0] = dz;
        return t4;
    }

    /**
     * Value and gradient of {@link Calls#neuron(double, double, double)}, computed by reverse mode.
     * <p>Runs the buffer form, {@link #dneuron(double, double, double, double[])}:
     * the methods that {@code neuron} calls are written out inline there, and the code is written once.
     *
     * @param w the argument {@code w} of {@code neuron}
     * @param x the argument {@code x} of {@code neuron}, held constant
     * @param b the argument {@code b} of {@code neuron}, held constant
     * @return the value and the partial derivatives with respect to {@code w}
     */
    public static NeuronGradient dneuron(double w, double x, double b) {
        double[] grad = new double[1];
        double value = dneuron(w, x, b, grad);
        return new NeuronGradient(value, grad[0]);
    }

    /**
     * Value of {@link Calls#neuron(double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>The methods that {@code neuron} calls are written out inline here (their names prefixed with
     * theirs), so that no gradient record is allocated.
     *
     * @param w the argument {@code w} of {@code neuron}
     * @param x the argument {@code x} of {@code neuron}, held constant
     * @param b the argument {@code b} of {@code neuron}, held constant
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w}
     * @return the value of {@code neuron}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dneuron(double w, double x, double b, double[] grad) {
        Buffers.requireLength(grad, 1, "grad", "w");
        double t1 = w * x;
        double t2 = t1 + b;
        double t3 = -t2;
        double t4 = Math.exp(t3);
        double t5 = 1 + t4;
        double t6 = 1 / t5;

        double dt6 = 1;
        double dt5 = -1 / (t5 * t5) * dt6;
        double dt4 = dt5;
        double dt3 = t4 * dt4;
        double dt2 = -dt3;
        double dt1 = dt2;
        double dw = x * dt1;
        grad[0] = dw;
        return t6;
    }

    /**
     * Value of {@link Calls#neuron(double, double, double)} and its gradient with respect to every {@code double} parameter.
     * <p>Called by the gradients of methods that call {@code neuron} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>The methods that {@code neuron} calls are written out inline here (their names prefixed with
     * theirs), as in the buffer form: the adjoint runs through their backward passes, and both forms give the
     * same numbers.
     *
     * @param w the argument {@code w} of {@code neuron}
     * @param x the argument {@code x} of {@code neuron}
     * @param b the argument {@code b} of {@code neuron}
     * @return the value and the partial derivatives with respect to {@code w}, {@code x}, {@code b}
     */
    public static NeuronWrtAllGradient dneuronWrtAll(double w, double x, double b) {
        double t1 = w * x;
        double t2 = t1 + b;
        double t3 = -t2;
        double t4 = Math.exp(t3);
        double t5 = 1 + t4;
        double t6 = 1 / t5;

        double dt6 = 1;
        double dt5 = -1 / (t5 * t5) * dt6;
        double dt4 = dt5;
        double dt3 = t4 * dt4;
        double dt2 = -dt3;
        double dt1 = dt2;
        double db = dt2;
        double dw = x * dt1;
        double dx = w * dt1;
        return new NeuronWrtAllGradient(t6, dw, dx, db);
    }

    /**
     * Value and gradient of {@link Calls#loss(double, double, double, double)}, computed by reverse mode.
     * <p>Runs the buffer form, {@link #dloss(double, double, double, double, double[])}:
     * the methods that {@code loss} calls are written out inline there, and the code is written once.
     *
     * @param w the argument {@code w} of {@code loss}
     * @param x the argument {@code x} of {@code loss}
     * @param b the argument {@code b} of {@code loss}
     * @param target the argument {@code target} of {@code loss}
     * @return the value and the partial derivatives with respect to {@code w}, {@code x}, {@code b}, {@code target}
     */
    public static LossGradient dloss(double w, double x, double b, double target) {
        double[] grad = new double[4];
        double value = dloss(w, x, b, target, grad);
        return new LossGradient(value, grad[0], grad[1], grad[2], grad[3]);
    }

    /**
     * Value of {@link Calls#loss(double, double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     * <p>The methods that {@code loss} calls are written out inline here (their names prefixed with
     * theirs), so that no gradient record is allocated.
     *
     * @param w the argument {@code w} of {@code loss}
     * @param x the argument {@code x} of {@code loss}
     * @param b the argument {@code b} of {@code loss}
     * @param target the argument {@code target} of {@code loss}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w}, {@code grad[1]} with respect to {@code x}, {@code grad[2]} with respect to {@code b}, {@code grad[3]} with respect to {@code target}
     * @return the value of {@code loss}
     * @throws IllegalArgumentException if {@code grad} has fewer than 4 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dloss(double w, double x, double b, double target, double[] grad) {
        Buffers.requireLength(grad, 4, "grad", "w, x, b, target");
        double t1 = w * x;
        double t2 = t1 + b;
        double t3 = -t2;
        double t4 = Math.exp(t3);
        double t5 = 1 + t4;
        double t6 = 1 / t5;
        double r = t6 - target;
        double t7 = r * r;

        double dt7 = 1;
        double dr = 2 * r * dt7;
        double dt6 = dr;
        double dtarget = -dr;
        double dt5 = -1 / (t5 * t5) * dt6;
        double dt4 = dt5;
        double dt3 = t4 * dt4;
        double dt2 = -dt3;
        double dt1 = dt2;
        double db = dt2;
        double dw = x * dt1;
        double dx = w * dt1;
        grad[0] = dw;
        grad[1] = dx;
        grad[2] = db;
        grad[3] = dtarget;
        return t7;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Calls}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Calls} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code sigmoid(double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "sigmoid(double)" -> "1d6d837d562c5f03";
            case "neuron(double,double,double)" -> "df6aa643e9d7437c";
            case "loss(double,double,double,double)" -> "f6c61f8f05df70e1";
            default -> "";
        };
    }

    /**
     * The value of {@link Calls#sigmoid(double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code sigmoid}
     * @param dz the partial derivative with respect to {@code z}
     */
    @io.github.sourcegrad.Generated
    public record SigmoidGradient(double value, double dz) {
    }

    /**
     * The value of {@link Calls#neuron(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code neuron}
     * @param dw the partial derivative with respect to {@code w}
     */
    @io.github.sourcegrad.Generated
    public record NeuronGradient(double value, double dw) {
    }

    /**
     * The value of {@link Calls#neuron(double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code neuron}
     * @param dw the partial derivative with respect to {@code w}
     * @param dx the partial derivative with respect to {@code x}
     * @param db the partial derivative with respect to {@code b}
     */
    @io.github.sourcegrad.Generated
    public record NeuronWrtAllGradient(double value, double dw, double dx, double db) {
    }

    /**
     * The value of {@link Calls#loss(double, double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code loss}
     * @param dw the partial derivative with respect to {@code w}
     * @param dx the partial derivative with respect to {@code x}
     * @param db the partial derivative with respect to {@code b}
     * @param dtarget the partial derivative with respect to {@code target}
     */
    @io.github.sourcegrad.Generated
    public record LossGradient(double value, double dw, double dx, double db, double dtarget) {
    }
}
