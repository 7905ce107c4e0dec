package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import io.github.sourcegrad.Workspace;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link InPlace}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link InPlace}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class InPlaceGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(InPlaceGrad.class, "${project.version}");
    }

    private InPlaceGrad() {
    }

    /**
     * Value and gradient of {@link InPlace#matvec(double[][], double[])}, computed by reverse mode.
     * <p>Its intermediate arrays created outside loops and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     * <p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what
     * the iteration kept, or counts them down from their unchanged bound.
     *
     * @param A the argument {@code A} of {@code matvec}
     * @param x the argument {@code x} of {@code matvec}
     * @return the value and the partial derivatives with respect to {@code A}, {@code x}
     * @throws NullPointerException if an array is null
     */
    public static MatvecGradient dmatvec(double[][] A, double[] x) {
        Objects.requireNonNull(A, "A");
        Objects.requireNonNull(x, "x");
        requireRectangular("A", A);
        try (Workspace ws = Workspace.open()) {
            int t1 = A.length;
            double[] y = ws.vector(t1);
            int trips = 0;
            for (int i = 0; i < A.length; i++) {
                trips++;
                for (int j = 0; j < x.length; j++) {
                    double t6 = y[i];
                    double t7 = A[i][j];
                    double t8 = x[j];
                    double t9 = t7 * t8;
                    double t10 = t6 + t9;
                    y[i] = t10;
                }
            }
            double s = 0;
            int trips2 = 0;
            for (int i2 = 0; i2 < y.length; i2++) {
                trips2++;
                double t15 = y[i2];
                double t16 = y[i2];
                double t17 = t15 * t16;
                s = s + t17;
            }
            double t19 = 1 + s;
            double t20 = Math.log(t19);

            double dt20 = 1;
            double dt19 = dt20 / t19;
            double ds = dt19;
            double[] dy = ws.like(y);
            for (int i2 = trips2 - 1; i2 >= 0; i2--) {
                double t15 = y[i2];
                double t16 = y[i2];
                double dt17 = ds;
                double dt15 = t16 * dt17;
                double dt16 = t15 * dt17;
                dy[i2] += dt16;
                dy[i2] += dt15;
            }
            double[][] dA = zerosLike(A);
            double[] dx = new double[x.length];
            for (int i = trips - 1; i >= 0; i--) {
                for (int j = x.length - 1; j >= 0; j--) {
                    double t7 = A[i][j];
                    double t8 = x[j];
                    double dt10 = dy[i];
                    dy[i] = 0;
                    double dt6 = dt10;
                    double dt9 = dt10;
                    double dt7 = t8 * dt9;
                    double dt8 = t7 * dt9;
                    dx[j] += dt8;
                    dA[i][j] += dt7;
                    dy[i] += dt6;
                }
            }
            return new MatvecGradient(t20, dA, dx);
        }
    }

    /**
     * Value of {@link InPlace#matvec(double[][], double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are accumulated in the arrays passed for them, which are
     * cleared first. The arrays it creates outside loops, and their adjoints, are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call and released when the method returns:
     * it allocates nothing once warm.
     *
     * @param A the argument {@code A} of {@code matvec}
     * @param x the argument {@code x} of {@code matvec}
     * @param gradA receives the gradient with respect to {@code A}; it must have the shape of {@code A}
     * @param gradX receives the gradient with respect to {@code x}; it must have the shape of {@code x}
     * @return the value of {@code matvec}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dmatvec(double[][] A, double[] x, double[][] gradA, double[] gradX) {
        Buffers.check().input("A", A).input("x", x).buffer("gradA", gradA).buffer("gradX", gradX)
                .requireDistinct();
        requireRectangular("A", A);
        requireSameShape("gradA", gradA, "A", A);
        requireSameShape("gradX", gradX, "x", x);
        try (Workspace ws = Workspace.open()) {
            int t1 = A.length;
            double[] y = ws.vector(t1);
            int trips = 0;
            for (int i = 0; i < A.length; i++) {
                trips++;
                for (int j = 0; j < x.length; j++) {
                    double t6 = y[i];
                    double t7 = A[i][j];
                    double t8 = x[j];
                    double t9 = t7 * t8;
                    double t10 = t6 + t9;
                    y[i] = t10;
                }
            }
            double s = 0;
            int trips2 = 0;
            for (int i2 = 0; i2 < y.length; i2++) {
                trips2++;
                double t15 = y[i2];
                double t16 = y[i2];
                double t17 = t15 * t16;
                s = s + t17;
            }
            double t19 = 1 + s;
            double t20 = Math.log(t19);

            double dt20 = 1;
            double dt19 = dt20 / t19;
            double ds = dt19;
            double[] dy = ws.like(y);
            for (int i2 = trips2 - 1; i2 >= 0; i2--) {
                double t15 = y[i2];
                double t16 = y[i2];
                double dt17 = ds;
                double dt15 = t16 * dt17;
                double dt16 = t15 * dt17;
                dy[i2] += dt16;
                dy[i2] += dt15;
            }
            double[][] dA = clear(gradA);
            double[] dx = clear(gradX);
            for (int i = trips - 1; i >= 0; i--) {
                for (int j = x.length - 1; j >= 0; j--) {
                    double t7 = A[i][j];
                    double t8 = x[j];
                    double dt10 = dy[i];
                    dy[i] = 0;
                    double dt6 = dt10;
                    double dt9 = dt10;
                    double dt7 = t8 * dt9;
                    double dt8 = t7 * dt9;
                    dx[j] += dt8;
                    dA[i][j] += dt7;
                    dy[i] += dt6;
                }
            }
            return t20;
        }
    }

    /**
     * Value and gradient of {@link InPlace#rnn(double[][], double)}, computed by reverse mode.
     * <p>Its intermediate arrays created outside loops and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     * <p>Saves on the tape, before each write to {@code h}, the element it overwrites,
     * and restores it where the backward pass reverses the write: a loop iteration or branch that the backward
     * pass runs again reads the elements it read the first time.
     * Everything else is recomputed, not taped. The tape is the thread's, opened with {@link io.github.sourcegrad.Tape#open()}
     * and left as it was found on every exit.
     *
     * @param x the argument {@code x} of {@code rnn}
     * @param w the argument {@code w} of {@code rnn}
     * @return the value and the partial derivatives with respect to {@code x}, {@code w}
     * @throws NullPointerException if an array is null
     */
    public static RnnGradient drnn(double[][] x, double w) {
        Objects.requireNonNull(x, "x");
        requireRectangular("x", x);
        try (Tape tape = Tape.open(); Workspace ws = Workspace.open()) {
            double[] t1 = x[0];
            int t2 = t1.length;
            double[] h = ws.vector(t2);
            int trips = 0;
            for (int t = 0; t < x.length; t++) {
                trips++;
                tape.beginWrites();
                for (int i = 0; i < h.length; i++) {
                    double t8 = h[i];
                    double t9 = w * t8;
                    double t10 = x[t][i];
                    double t11 = t9 + t10;
                    double t12 = Math.tanh(t11);
                    tape.save(h, i);
                    h[i] = t12;
                }
            }
            double s = 0;
            int trips2 = 0;
            for (int i2 = 0; i2 < h.length; i2++) {
                trips2++;
                double t17 = h[i2];
                s = s + t17;
            }
            double rnn = s;

            double ds = 1;
            double[] dh = ws.like(h);
            for (int i2 = trips2 - 1; i2 >= 0; i2--) {
                double dt17 = ds;
                dh[i2] += dt17;
            }
            double[][] dx = zerosLike(x);
            double dw = 0;
            for (int t = trips - 1; t >= 0; t--) {
                tape.undoWrites();
                int trips3 = 0;
                for (int i = 0; i < h.length; i++) {
                    trips3++;
                    tape.beginWrites();
                    double t8 = h[i];
                    double t9 = w * t8;
                    double t10 = x[t][i];
                    double t11 = t9 + t10;
                    double t12 = Math.tanh(t11);
                    tape.save(h, i);
                    h[i] = t12;
                }
                for (int i = trips3 - 1; i >= 0; i--) {
                    tape.undoWrites();
                    double t8 = h[i];
                    double t9 = w * t8;
                    double t10 = x[t][i];
                    double t11 = t9 + t10;
                    double t12 = Math.tanh(t11);
                    tape.save(h, i);
                    h[i] = t12;
                    double dt12 = dh[i];
                    dh[i] = 0;
                    tape.restore();
                    double dt11 = (1 - t12 * t12) * dt12;
                    double dt9 = dt11;
                    double dt10 = dt11;
                    dx[t][i] += dt10;
                    dw += t8 * dt9;
                    double dt8 = w * dt9;
                    dh[i] += dt8;
                }
            }
            return new RnnGradient(rnn, dx, dw);
        }
    }

    /**
     * Value of {@link InPlace#rnn(double[][], double)}, with its gradient written into {@code grad} and the arrays passed for the array parameters: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are accumulated in the arrays passed for them, which are
     * cleared first. The arrays it creates outside loops, and their adjoints, are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call and released when the method returns:
     * it allocates nothing once warm.
     *
     * @param x the argument {@code x} of {@code rnn}
     * @param w the argument {@code w} of {@code rnn}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code w}
     * @param gradX receives the gradient with respect to {@code x}; it must have the shape of {@code x}
     * @return the value of {@code rnn}
     * @throws IllegalArgumentException if {@code grad} has fewer than 1 elements, or an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double drnn(double[][] x, double w, double[] grad, double[][] gradX) {
        Buffers.check().input("x", x).buffer("grad", grad).buffer("gradX", gradX).requireDistinct();
        Buffers.requireLength(grad, 1, "grad", "w");
        requireRectangular("x", x);
        requireSameShape("gradX", gradX, "x", x);
        try (Tape tape = Tape.open(); Workspace ws = Workspace.open()) {
            double[] t1 = x[0];
            int t2 = t1.length;
            double[] h = ws.vector(t2);
            int trips = 0;
            for (int t = 0; t < x.length; t++) {
                trips++;
                tape.beginWrites();
                for (int i = 0; i < h.length; i++) {
                    double t8 = h[i];
                    double t9 = w * t8;
                    double t10 = x[t][i];
                    double t11 = t9 + t10;
                    double t12 = Math.tanh(t11);
                    tape.save(h, i);
                    h[i] = t12;
                }
            }
            double s = 0;
            int trips2 = 0;
            for (int i2 = 0; i2 < h.length; i2++) {
                trips2++;
                double t17 = h[i2];
                s = s + t17;
            }
            double rnn = s;

            double ds = 1;
            double[] dh = ws.like(h);
            for (int i2 = trips2 - 1; i2 >= 0; i2--) {
                double dt17 = ds;
                dh[i2] += dt17;
            }
            double[][] dx = clear(gradX);
            double dw = 0;
            for (int t = trips - 1; t >= 0; t--) {
                tape.undoWrites();
                int trips3 = 0;
                for (int i = 0; i < h.length; i++) {
                    trips3++;
                    tape.beginWrites();
                    double t8 = h[i];
                    double t9 = w * t8;
                    double t10 = x[t][i];
                    double t11 = t9 + t10;
                    double t12 = Math.tanh(t11);
                    tape.save(h, i);
                    h[i] = t12;
                }
                for (int i = trips3 - 1; i >= 0; i--) {
                    tape.undoWrites();
                    double t8 = h[i];
                    double t9 = w * t8;
                    double t10 = x[t][i];
                    double t11 = t9 + t10;
                    double t12 = Math.tanh(t11);
                    tape.save(h, i);
                    h[i] = t12;
                    double dt12 = dh[i];
                    dh[i] = 0;
                    tape.restore();
                    double dt11 = (1 - t12 * t12) * dt12;
                    double dt9 = dt11;
                    double dt10 = dt11;
                    dx[t][i] += dt10;
                    dw += t8 * dt9;
                    double dt8 = w * dt9;
                    dh[i] += dt8;
                }
            }
            grad[0] = dw;
            return rnn;
        }
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link InPlace}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code InPlace} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code matvec(double[][],double[])}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "matvec(double[][],double[])" -> "8b0c411ef10cd042";
            case "rnn(double[][],double)" -> "7355685ea3a453e8";
            default -> "";
        };
    }

    /**
     * The value of {@link InPlace#matvec(double[][], double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code matvec}
     * @param dA the gradient with respect to {@code A}, an array of its shape
     * @param dx the gradient with respect to {@code x}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record MatvecGradient(double value, double[][] dA, double[] dx) {
    }

    /**
     * The value of {@link InPlace#rnn(double[][], double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code rnn}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     * @param dw the partial derivative with respect to {@code w}
     */
    @io.github.sourcegrad.Generated
    public record RnnGradient(double value, double[][] dx, double dw) {
    }
}
