package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import io.github.sourcegrad.Workspace;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Arrays}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Arrays}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class ArraysGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(ArraysGrad.class, "${project.version}");
    }

    private ArraysGrad() {
    }

    /**
     * Value and gradient of {@link Arrays#scalar(double, double, double, double)}, computed by reverse mode.
     *
     * @param x the argument {@code x} of {@code scalar}
     * @param w the argument {@code w} of {@code scalar}
     * @param y the argument {@code y} of {@code scalar}
     * @param z the argument {@code z} of {@code scalar}
     * @return the value and the partial derivatives with respect to {@code x}, {@code w}, {@code y}, {@code z}
     */
    public static ScalarGradient dscalar(double x, double w, double y, double z) {
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
        return new ScalarGradient(t, dx, dw, dy, dz);
    }

    /**
     * Value of {@link Arrays#scalar(double, double, double, double)}, with its gradient written into {@code grad}: allocates nothing,
     * for calls in a loop with a reused array.
     *
     * @param x the argument {@code x} of {@code scalar}
     * @param w the argument {@code w} of {@code scalar}
     * @param y the argument {@code y} of {@code scalar}
     * @param z the argument {@code z} of {@code scalar}
     * @param grad receives the partial derivatives: {@code grad[0]} with respect to {@code x}, {@code grad[1]} with respect to {@code w}, {@code grad[2]} with respect to {@code y}, {@code grad[3]} with respect to {@code z}
     * @return the value of {@code scalar}
     * @throws IllegalArgumentException if {@code grad} has fewer than 4 elements
     * @throws NullPointerException if {@code grad} is null
     */
    public static double dscalar(double x, double w, double y, double z, double[] grad) {
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
     * Value of {@link Arrays#vector(double[], double[][], double[], double[])} and its pullback: the gradients of {@code sum(value * dt)}, computed by
     * reverse mode (a vector-Jacobian product), so that layers compose: pass the adjoint that the next
     * layer's gradient gives for this result as {@code dt}.
     *
     * @param x the argument {@code x} of {@code vector}
     * @param W the argument {@code W} of {@code vector}
     * @param y the argument {@code y} of {@code vector}
     * @param z the argument {@code z} of {@code vector}
     * @param dt the upstream adjoint of the result, an array of its shape
     * @return the value and the gradients with respect to {@code x}, {@code W}, {@code y}, {@code z}
     * @throws IllegalArgumentException if {@code dt} does not have the result's shape, or a matrix is ragged
     * @throws NullPointerException if an array is null
     */
    public static VectorGradient dvector(double[] x, double[][] W, double[] y, double[] z,
            double[] dt) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(dt, "dt");
        requireRectangular("W", W);
        double[] p = matmul(x, W);
        double[] q = relu(p);
        double[] r = subtract(q, y);
        double[] s = square(r);
        double[] t = add(s, z);
        requireSameShape("dt", dt, "the result of vector", t);

        double[] ds = dt;
        double[] dz = copy(dt);
        double[] dr = scale(2, multiply(r, ds));
        double[] dq = dr;
        double[] dy = negate(dr);
        double[] dp = maskGreater(p, 0, dq);
        double[] dx = timesTransposed(dp, W);
        double[][] dW = outer(x, dp);
        return new VectorGradient(t, dx, dW, dy, dz);
    }

    /**
     * Value of {@link Arrays#vector(double[], double[][], double[], double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are written into the arrays passed for them; the arrays the
     * method creates and the results of ArrayMath operations are allocated, and so are their adjoints.
     *
     * @param x the argument {@code x} of {@code vector}
     * @param W the argument {@code W} of {@code vector}
     * @param y the argument {@code y} of {@code vector}
     * @param z the argument {@code z} of {@code vector}
     * @param dt the upstream adjoint of the result, an array of its shape
     * @param gradX receives the gradient with respect to {@code x}; it must have the shape of {@code x}
     * @param gradW receives the gradient with respect to {@code W}; it must have the shape of {@code W}
     * @param gradY receives the gradient with respect to {@code y}; it must have the shape of {@code y}
     * @param gradZ receives the gradient with respect to {@code z}; it must have the shape of {@code z}
     * @return the value of {@code vector}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double[] dvector(double[] x, double[][] W, double[] y, double[] z, double[] dt,
            double[] gradX, double[][] gradW, double[] gradY, double[] gradZ) {
        Buffers.check().input("x", x).input("W", W).input("y", y).input("z", z).input("dt", dt)
                .buffer("gradX", gradX).buffer("gradW", gradW).buffer("gradY", gradY)
                .buffer("gradZ", gradZ).requireDistinct();
        requireRectangular("W", W);
        requireSameShape("gradX", gradX, "x", x);
        requireSameShape("gradW", gradW, "W", W);
        requireSameShape("gradY", gradY, "y", y);
        requireSameShape("gradZ", gradZ, "z", z);
        double[] p = matmul(x, W);
        double[] q = relu(p);
        double[] r = subtract(q, y);
        double[] s = square(r);
        double[] t = add(s, z);
        requireSameShape("dt", dt, "the result of vector", t);

        double[] ds = dt;
        double[] dz = copy(dt);
        double[] dr = scale(2, multiply(r, ds));
        double[] dq = dr;
        double[] dy = negate(dr);
        double[] dp = maskGreater(p, 0, dq);
        double[] dx = timesTransposed(dp, W);
        double[][] dW = outer(x, dp);
        copyInto(dx, gradX);
        copyInto(dW, gradW);
        copyInto(dy, gradY);
        copyInto(dz, gradZ);
        return t;
    }

    /**
     * Value of {@link Arrays#vector(double[], double[][], double[], double[])} and its Jacobian
     * with respect to {@code x}, {@code W}, {@code y}, {@code z}: {@code jac[i][k]} receives the derivative of element {@code i} of the
     * result with respect to the {@code k}-th differentiated input, the inputs taken in this order, an array
     * element by element, a matrix row by row.
     * <p>One reverse pass per element of the result, through the pullback
     * {@link #dvector(double[], double[][], double[], double[], double[], double[], double[][], double[], double[])}.
     *
     * @param x the argument {@code x} of {@code vector}
     * @param W the argument {@code W} of {@code vector}
     * @param y the argument {@code y} of {@code vector}
     * @param z the argument {@code z} of {@code vector}
     * @param jac receives the Jacobian: at least one row per element of the result, each of at least
     *     {@code x.length} + {@code W.length * W[0].length} + {@code y.length} + {@code z.length} entries; anything beyond is left as it is
     * @return the value of {@code vector}
     * @throws IllegalArgumentException if {@code jac} has too few rows or entries (the message says how many
     *     it needs), a matrix is ragged, or a row of {@code jac} is an argument or a row of one
     * @throws NullPointerException if an array is null
     */
    public static double[] jacobianvector(double[] x, double[][] W, double[] y, double[] z,
            double[][] jac) {
        requireRectangular("W", W);
        Buffers.check().input("x", x).input("W", W).input("y", y).input("z", z).buffer("jac", jac).requireDistinct();
        double[] value = Arrays.vector(x, W, y, z);
        int n = x.length + (W.length == 0 ? 0 : W.length * W[0].length) + y.length + z.length;
        Buffers.requireJacobian(jac, value.length, n, "jac", "x, W, y, z");
        if (n < value.length) {
            // fewer inputs than results: one forward pass per input, a column of the Jacobian each
            int k = 0;
            double[] column;
            double[] tx = new double[x.length];
            double[][] tW = new double[W.length][W.length == 0 ? 0 : W[0].length];
            double[] ty = new double[y.length];
            double[] tz = new double[z.length];
            for (int e = 0; e < tx.length; e++) {
                tx[e] = 1;
                column = columnVector(x, W, y, z, tx, tW, ty, tz);
                tx[e] = 0;
                for (int i = 0; i < column.length; i++) {
                    jac[i][k] = column[i];
                }
                k++;
            }
            for (int e = 0; e < tW.length; e++) {
                for (int e2 = 0; e2 < tW[e].length; e2++) {
                    tW[e][e2] = 1;
                    column = columnVector(x, W, y, z, tx, tW, ty, tz);
                    tW[e][e2] = 0;
                    for (int i = 0; i < column.length; i++) {
                        jac[i][k] = column[i];
                    }
                    k++;
                }
            }
            for (int e = 0; e < ty.length; e++) {
                ty[e] = 1;
                column = columnVector(x, W, y, z, tx, tW, ty, tz);
                ty[e] = 0;
                for (int i = 0; i < column.length; i++) {
                    jac[i][k] = column[i];
                }
                k++;
            }
            for (int e = 0; e < tz.length; e++) {
                tz[e] = 1;
                column = columnVector(x, W, y, z, tx, tW, ty, tz);
                tz[e] = 0;
                for (int i = 0; i < column.length; i++) {
                    jac[i][k] = column[i];
                }
                k++;
            }
            return value;
        }
        double[] upstream = new double[value.length];
        double[] gradX = new double[x.length];
        double[][] gradW = new double[W.length][W.length == 0 ? 0 : W[0].length];
        double[] gradY = new double[y.length];
        double[] gradZ = new double[z.length];
        for (int i = 0; i < value.length; i++) {
            upstream[i] = 1;
            dvector(x, W, y, z, upstream, gradX, gradW, gradY, gradZ);
            upstream[i] = 0;
            double[] row = jac[i];
            int k = 0;
            System.arraycopy(gradX, 0, row, k, gradX.length);
            k += gradX.length;
            for (double[] gradWRow : gradW) {
                System.arraycopy(gradWRow, 0, row, k, gradWRow.length);
                k += gradWRow.length;
            }
            System.arraycopy(gradY, 0, row, k, gradY.length);
            k += gradY.length;
            System.arraycopy(gradZ, 0, row, k, gradZ.length);
        }
        return value;
    }

    /**
     * The derivative of {@link Arrays#vector(double[], double[][], double[], double[])} along the tangents {@code t...} of its differentiated
     * parameters, by forward mode: a column of its Jacobian for a unit tangent.
     */
    private static double[] columnVector(double[] x, double[][] W, double[] y, double[] z,
            double[] tx, double[][] tW, double[] ty, double[] tz) {
        double[] p = matmul(x, W);
        double[] t1 = matmul(tx, W);
        double[] t2 = matmul(x, tW);
        double[] tp = add(t1, t2);
        double[] q = relu(p);
        double[] tq = maskGreater(p, 0, tp);
        double[] r = subtract(q, y);
        double[] tr = subtract(tq, ty);
        double[] s = square(r);
        double[] t3 = multiply(r, tr);
        double[] ts = scale(2, t3);
        double[] t = add(s, z);
        double[] tt = add(ts, tz);
        return tt;
    }

    /**
     * Value of {@link Arrays#minibatch(double[][], double[][], double[], double[])} and its pullback: the gradients of {@code sum(value * dT)}, computed by
     * reverse mode (a vector-Jacobian product), so that layers compose: pass the adjoint that the next
     * layer's gradient gives for this result as {@code dT}.
     *
     * @param X the argument {@code X} of {@code minibatch}
     * @param W the argument {@code W} of {@code minibatch}
     * @param y the argument {@code y} of {@code minibatch}
     * @param z the argument {@code z} of {@code minibatch}
     * @param dT the upstream adjoint of the result, an array of its shape
     * @return the value and the gradients with respect to {@code X}, {@code W}, {@code y}, {@code z}
     * @throws IllegalArgumentException if {@code dT} does not have the result's shape, or a matrix is ragged
     * @throws NullPointerException if an array is null
     */
    public static MinibatchGradient dminibatch(double[][] X, double[][] W, double[] y, double[] z,
            double[][] dT) {
        Objects.requireNonNull(X, "X");
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(dT, "dT");
        requireRectangular("X", X);
        requireRectangular("W", W);
        double[][] P = matmul(X, W);
        double[][] Q = relu(P);
        double[][] R = subtractRow(Q, y);
        double[][] S = square(R);
        double[][] T = addRow(S, z);
        requireSameShape("dT", dT, "the result of minibatch", T);

        double[][] dS = dT;
        double[] dz = sumRows(dT);
        double[][] dR = scale(2, multiply(R, dS));
        double[][] dQ = dR;
        double[] dy = negate(sumRows(dR));
        double[][] dP = maskGreater(P, 0, dQ);
        double[][] dX = timesTransposed(dP, W);
        double[][] dW = transposedTimes(X, dP);
        return new MinibatchGradient(T, dX, dW, dy, dz);
    }

    /**
     * Value of {@link Arrays#minibatch(double[][], double[][], double[], double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are written into the arrays passed for them; the arrays the
     * method creates and the results of ArrayMath operations are allocated, and so are their adjoints.
     *
     * @param X the argument {@code X} of {@code minibatch}
     * @param W the argument {@code W} of {@code minibatch}
     * @param y the argument {@code y} of {@code minibatch}
     * @param z the argument {@code z} of {@code minibatch}
     * @param dT the upstream adjoint of the result, an array of its shape
     * @param gradX receives the gradient with respect to {@code X}; it must have the shape of {@code X}
     * @param gradW receives the gradient with respect to {@code W}; it must have the shape of {@code W}
     * @param gradY receives the gradient with respect to {@code y}; it must have the shape of {@code y}
     * @param gradZ receives the gradient with respect to {@code z}; it must have the shape of {@code z}
     * @return the value of {@code minibatch}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double[][] dminibatch(double[][] X, double[][] W, double[] y, double[] z,
            double[][] dT, double[][] gradX, double[][] gradW, double[] gradY, double[] gradZ) {
        Buffers.check().input("X", X).input("W", W).input("y", y).input("z", z).input("dT", dT)
                .buffer("gradX", gradX).buffer("gradW", gradW).buffer("gradY", gradY)
                .buffer("gradZ", gradZ).requireDistinct();
        requireRectangular("X", X);
        requireRectangular("W", W);
        requireSameShape("gradX", gradX, "X", X);
        requireSameShape("gradW", gradW, "W", W);
        requireSameShape("gradY", gradY, "y", y);
        requireSameShape("gradZ", gradZ, "z", z);
        double[][] P = matmul(X, W);
        double[][] Q = relu(P);
        double[][] R = subtractRow(Q, y);
        double[][] S = square(R);
        double[][] T = addRow(S, z);
        requireSameShape("dT", dT, "the result of minibatch", T);

        double[][] dS = dT;
        double[] dz = sumRows(dT);
        double[][] dR = scale(2, multiply(R, dS));
        double[][] dQ = dR;
        double[] dy = negate(sumRows(dR));
        double[][] dP = maskGreater(P, 0, dQ);
        double[][] dX = timesTransposed(dP, W);
        double[][] dW = transposedTimes(X, dP);
        copyInto(dX, gradX);
        copyInto(dW, gradW);
        copyInto(dy, gradY);
        copyInto(dz, gradZ);
        return T;
    }

    /**
     * Value and gradient of {@link Arrays#minibatchLoss(double[][], double[][], double[], double[])}, computed by reverse mode.
     * <p>Its intermediate arrays and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     *
     * @param X the argument {@code X} of {@code minibatchLoss}, held constant
     * @param W the argument {@code W} of {@code minibatchLoss}
     * @param y the argument {@code y} of {@code minibatchLoss}
     * @param z the argument {@code z} of {@code minibatchLoss}
     * @return the value and the partial derivatives with respect to {@code W}, {@code y}, {@code z}
     * @throws NullPointerException if an array is null
     */
    public static MinibatchLossGradient dminibatchLoss(double[][] X, double[][] W, double[] y,
            double[] z) {
        Objects.requireNonNull(X, "X");
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
        requireRectangular("X", X);
        requireRectangular("W", W);
        try (Workspace ws = Workspace.open()) {
            double[][] P = matmulInto(X, W, ws.scratch(X.length, columns(W)));
            double[][] Q = reluInto(P, ws.scratchLike(P));
            double[][] R = subtractRowInto(Q, y, ws.scratchLike(Q));
            double[][] S = squareInto(R, ws.scratchLike(R));
            double[][] T = addRowInto(S, z, ws.scratchLike(S));
            double t1 = sum(T);

            double dt1 = 1;
            double[][] dT = filledInto(T, dt1, ws.scratchLike(T));
            double[][] dS = dT;
            double[] dz = sumRows(dT);
            double[][] dR = scaleInto(2, multiplyInto(R, dS, ws.scratchLike(R)), ws.scratchLike(R));
            double[][] dQ = dR;
            double[] dy = negate(sumRowsInto(dR, ws.scratch(columns(dR))));
            double[][] dP = maskGreaterInto(P, 0, dQ, ws.scratchLike(P));
            double[][] dW = transposedTimes(X, dP);
            return new MinibatchLossGradient(t1, dW, dy, dz);
        }
    }

    /**
     * Value of {@link Arrays#minibatchLoss(double[][], double[][], double[], double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are written into the
     * arrays passed for them. The results of ArrayMath operations and their adjoints are written
     * into arrays of the thread's {@link io.github.sourcegrad.Workspace Workspace}, which are reused from call to
     * call and released when the method returns:
     * it allocates nothing once warm.
     *
     * @param X the argument {@code X} of {@code minibatchLoss}, held constant
     * @param W the argument {@code W} of {@code minibatchLoss}
     * @param y the argument {@code y} of {@code minibatchLoss}
     * @param z the argument {@code z} of {@code minibatchLoss}
     * @param gradW receives the gradient with respect to {@code W}; it must have the shape of {@code W}
     * @param gradY receives the gradient with respect to {@code y}; it must have the shape of {@code y}
     * @param gradZ receives the gradient with respect to {@code z}; it must have the shape of {@code z}
     * @return the value of {@code minibatchLoss}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dminibatchLoss(double[][] X, double[][] W, double[] y, double[] z,
            double[][] gradW, double[] gradY, double[] gradZ) {
        Buffers.check().input("X", X).input("W", W).input("y", y).input("z", z)
                .buffer("gradW", gradW).buffer("gradY", gradY).buffer("gradZ", gradZ)
                .requireDistinct();
        requireRectangular("X", X);
        requireRectangular("W", W);
        requireSameShape("gradW", gradW, "W", W);
        requireSameShape("gradY", gradY, "y", y);
        requireSameShape("gradZ", gradZ, "z", z);
        try (Workspace ws = Workspace.open()) {
            double[][] P = matmulInto(X, W, ws.scratch(X.length, columns(W)));
            double[][] Q = reluInto(P, ws.scratchLike(P));
            double[][] R = subtractRowInto(Q, y, ws.scratchLike(Q));
            double[][] S = squareInto(R, ws.scratchLike(R));
            double[][] T = addRowInto(S, z, ws.scratchLike(S));
            double t1 = sum(T);

            double dt1 = 1;
            double[][] dT = filledInto(T, dt1, ws.scratchLike(T));
            double[][] dS = dT;
            double[] dz = sumRowsInto(dT, gradZ);
            double[][] dR = scaleInto(2, multiplyInto(R, dS, ws.scratchLike(R)), ws.scratchLike(R));
            double[][] dQ = dR;
            double[] dy = negateInto(sumRowsInto(dR, ws.scratch(columns(dR))), ws.scratch(columns(dR)));
            double[][] dP = maskGreaterInto(P, 0, dQ, ws.scratchLike(P));
            double[][] dW = transposedTimesInto(X, dP, gradW);
            copyInto(dy, gradY);
            return t1;
        }
    }

    /**
     * Value of {@link Arrays#minibatchLoss(double[][], double[][], double[], double[])} and its gradient with respect to every {@code double}, {@code double[]} and {@code double[][]} parameter.
     * <p>Called by the gradients of methods that call {@code minibatchLoss} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>Its intermediate arrays and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     *
     * @param X the argument {@code X} of {@code minibatchLoss}
     * @param W the argument {@code W} of {@code minibatchLoss}
     * @param y the argument {@code y} of {@code minibatchLoss}
     * @param z the argument {@code z} of {@code minibatchLoss}
     * @return the value and the partial derivatives with respect to {@code X}, {@code W}, {@code y}, {@code z}
     * @throws NullPointerException if an array is null
     */
    public static MinibatchLossWrtAllGradient dminibatchLossWrtAll(double[][] X, double[][] W,
            double[] y, double[] z) {
        Objects.requireNonNull(X, "X");
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
        requireRectangular("X", X);
        requireRectangular("W", W);
        try (Workspace ws = Workspace.open()) {
            double[][] P = matmulInto(X, W, ws.scratch(X.length, columns(W)));
            double[][] Q = reluInto(P, ws.scratchLike(P));
            double[][] R = subtractRowInto(Q, y, ws.scratchLike(Q));
            double[][] S = squareInto(R, ws.scratchLike(R));
            double[][] T = addRowInto(S, z, ws.scratchLike(S));
            double t1 = sum(T);

            double dt1 = 1;
            double[][] dT = filledInto(T, dt1, ws.scratchLike(T));
            double[][] dS = dT;
            double[] dz = sumRows(dT);
            double[][] dR = scaleInto(2, multiplyInto(R, dS, ws.scratchLike(R)), ws.scratchLike(R));
            double[][] dQ = dR;
            double[] dy = negate(sumRowsInto(dR, ws.scratch(columns(dR))));
            double[][] dP = maskGreaterInto(P, 0, dQ, ws.scratchLike(P));
            double[][] dX = timesTransposed(dP, W);
            double[][] dW = transposedTimes(X, dP);
            return new MinibatchLossWrtAllGradient(t1, dX, dW, dy, dz);
        }
    }

    /**
     * Value and gradient of {@link Arrays#quadratic(double[], double[][])}, computed by reverse mode.
     * <p>Its intermediate arrays and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     *
     * @param x the argument {@code x} of {@code quadratic}
     * @param A the argument {@code A} of {@code quadratic}
     * @return the value and the partial derivatives with respect to {@code x}, {@code A}
     * @throws NullPointerException if an array is null
     */
    public static QuadraticGradient dquadratic(double[] x, double[][] A) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(A, "A");
        requireRectangular("A", A);
        try (Workspace ws = Workspace.open()) {
            double[] t1 = matmulInto(A, x, ws.scratch(A.length));
            double t2 = dot(x, t1);

            double dt2 = 1;
            double[] dx = scale(dt2, t1);
            double[] dt1 = scaleInto(dt2, x, ws.scratchLike(x));
            double[][] dA = outer(dt1, x);
            addTo(dx, transposedTimesInto(A, dt1, ws.scratch(columns(A))));
            return new QuadraticGradient(t2, dx, dA);
        }
    }

    /**
     * Value of {@link Arrays#quadratic(double[], double[][])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are written into the
     * arrays passed for them. The results of ArrayMath operations and their adjoints are written
     * into arrays of the thread's {@link io.github.sourcegrad.Workspace Workspace}, which are reused from call to
     * call and released when the method returns:
     * it allocates nothing once warm.
     *
     * @param x the argument {@code x} of {@code quadratic}
     * @param A the argument {@code A} of {@code quadratic}
     * @param gradX receives the gradient with respect to {@code x}; it must have the shape of {@code x}
     * @param gradA receives the gradient with respect to {@code A}; it must have the shape of {@code A}
     * @return the value of {@code quadratic}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dquadratic(double[] x, double[][] A, double[] gradX, double[][] gradA) {
        Buffers.check().input("x", x).input("A", A).buffer("gradX", gradX).buffer("gradA", gradA)
                .requireDistinct();
        requireRectangular("A", A);
        requireSameShape("gradX", gradX, "x", x);
        requireSameShape("gradA", gradA, "A", A);
        try (Workspace ws = Workspace.open()) {
            double[] t1 = matmulInto(A, x, ws.scratch(A.length));
            double t2 = dot(x, t1);

            double dt2 = 1;
            double[] dx = scaleInto(dt2, t1, gradX);
            double[] dt1 = scaleInto(dt2, x, ws.scratchLike(x));
            double[][] dA = outerInto(dt1, x, gradA);
            addTo(dx, transposedTimesInto(A, dt1, ws.scratch(columns(A))));
            return t2;
        }
    }

    /**
     * Value and gradient of {@link Arrays#layer(double[], double[][], double[], double[])}, computed by reverse mode.
     * <p>Its intermediate arrays created outside loops and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     * <p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what
     * the iteration kept, or counts them down from their unchanged bound.
     * <p>The loop over {@code i2} only adds terms to {@code y}, which is the result: each
     * iteration adds the derivatives of its terms to the gradient right after computing them, in the
     * forward pass, and the backward pass does not run the loop again.
     *
     * @param x the argument {@code x} of {@code layer}, held constant
     * @param W the argument {@code W} of {@code layer}
     * @param b the argument {@code b} of {@code layer}
     * @param v the argument {@code v} of {@code layer}
     * @return the value and the partial derivatives with respect to {@code W}, {@code b}, {@code v}
     * @throws NullPointerException if an array is null
     */
    public static LayerGradient dlayer(double[] x, double[][] W, double[] b, double[] v) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(v, "v");
        requireRectangular("W", W);
        try (Workspace ws = Workspace.open()) {
            int t1 = W.length;
            double[] h = ws.vector(t1);
            int trips = 0;
            for (int i = 0; i < W.length; i++) {
                trips++;
                double a = b[i];
                for (int j = 0; j < x.length; j++) {
                    double t6 = W[i][j];
                    double t7 = x[j];
                    double t8 = t6 * t7;
                    a = a + t8;
                }
                double t10 = Math.tanh(a);
                h[i] = t10;
            }
            double y = 0;
            double[] dv = new double[v.length];
            double[] dh = ws.like(h);
            for (int i2 = 0; i2 < h.length; i2++) {
                double t14 = v[i2];
                double t15 = h[i2];
                double t16 = t14 * t15;
                y = y + t16;

                double dt16 = 1;
                double dt14 = t15 * dt16;
                double dt15 = t14 * dt16;
                dh[i2] += dt15;
                dv[i2] += dt14;
            }
            double layer = y;

            double[][] dW = zerosLike(W);
            double[] db = new double[b.length];
            for (int i = trips - 1; i >= 0; i--) {
                double t10 = h[i];
                double dt10 = dh[i];
                dh[i] = 0;
                double da = (1 - t10 * t10) * dt10;
                for (int j = x.length - 1; j >= 0; j--) {
                    double t7 = x[j];
                    double dt8 = da;
                    double dt6 = t7 * dt8;
                    dW[i][j] += dt6;
                }
                db[i] += da;
            }
            return new LayerGradient(layer, dW, db, dv);
        }
    }

    /**
     * Value of {@link Arrays#layer(double[], double[][], double[], double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are accumulated in the arrays passed for them, which are
     * cleared first. The arrays it creates outside loops, and their adjoints, are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call and released when the method returns:
     * it allocates nothing once warm.
     *
     * @param x the argument {@code x} of {@code layer}, held constant
     * @param W the argument {@code W} of {@code layer}
     * @param b the argument {@code b} of {@code layer}
     * @param v the argument {@code v} of {@code layer}
     * @param gradW receives the gradient with respect to {@code W}; it must have the shape of {@code W}
     * @param gradB receives the gradient with respect to {@code b}; it must have the shape of {@code b}
     * @param gradV receives the gradient with respect to {@code v}; it must have the shape of {@code v}
     * @return the value of {@code layer}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dlayer(double[] x, double[][] W, double[] b, double[] v, double[][] gradW,
            double[] gradB, double[] gradV) {
        Buffers.check().input("x", x).input("W", W).input("b", b).input("v", v)
                .buffer("gradW", gradW).buffer("gradB", gradB).buffer("gradV", gradV)
                .requireDistinct();
        requireRectangular("W", W);
        requireSameShape("gradW", gradW, "W", W);
        requireSameShape("gradB", gradB, "b", b);
        requireSameShape("gradV", gradV, "v", v);
        try (Workspace ws = Workspace.open()) {
            int t1 = W.length;
            double[] h = ws.vector(t1);
            int trips = 0;
            for (int i = 0; i < W.length; i++) {
                trips++;
                double a = b[i];
                for (int j = 0; j < x.length; j++) {
                    double t6 = W[i][j];
                    double t7 = x[j];
                    double t8 = t6 * t7;
                    a = a + t8;
                }
                double t10 = Math.tanh(a);
                h[i] = t10;
            }
            double y = 0;
            double[] dv = clear(gradV);
            double[] dh = ws.like(h);
            for (int i2 = 0; i2 < h.length; i2++) {
                double t14 = v[i2];
                double t15 = h[i2];
                double t16 = t14 * t15;
                y = y + t16;

                double dt16 = 1;
                double dt14 = t15 * dt16;
                double dt15 = t14 * dt16;
                dh[i2] += dt15;
                dv[i2] += dt14;
            }
            double layer = y;

            double[][] dW = clear(gradW);
            double[] db = clear(gradB);
            for (int i = trips - 1; i >= 0; i--) {
                double t10 = h[i];
                double dt10 = dh[i];
                dh[i] = 0;
                double da = (1 - t10 * t10) * dt10;
                for (int j = x.length - 1; j >= 0; j--) {
                    double t7 = x[j];
                    double dt8 = da;
                    double dt6 = t7 * dt8;
                    dW[i][j] += dt6;
                }
                db[i] += da;
            }
            return layer;
        }
    }

    /**
     * Value of {@link Arrays#layer(double[], double[][], double[], double[])} and its gradient with respect to every {@code double}, {@code double[]} and {@code double[][]} parameter.
     * <p>Called by the gradients of methods that call {@code layer} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>Its intermediate arrays created outside loops and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     * <p>Its loops and branches are reversed without a tape: the backward pass recomputes what it needs from
     * values that are never overwritten, and sums need nothing.
     * <p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what
     * the iteration kept, or counts them down from their unchanged bound.
     * <p>The loop over {@code i2} only adds terms to {@code y}, which is the result: each
     * iteration adds the derivatives of its terms to the gradient right after computing them, in the
     * forward pass, and the backward pass does not run the loop again.
     *
     * @param x the argument {@code x} of {@code layer}
     * @param W the argument {@code W} of {@code layer}
     * @param b the argument {@code b} of {@code layer}
     * @param v the argument {@code v} of {@code layer}
     * @return the value and the partial derivatives with respect to {@code x}, {@code W}, {@code b}, {@code v}
     * @throws NullPointerException if an array is null
     */
    public static LayerWrtAllGradient dlayerWrtAll(double[] x, double[][] W, double[] b,
            double[] v) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(v, "v");
        requireRectangular("W", W);
        try (Workspace ws = Workspace.open()) {
            int t1 = W.length;
            double[] h = ws.vector(t1);
            int trips = 0;
            for (int i = 0; i < W.length; i++) {
                trips++;
                double a = b[i];
                for (int j = 0; j < x.length; j++) {
                    double t6 = W[i][j];
                    double t7 = x[j];
                    double t8 = t6 * t7;
                    a = a + t8;
                }
                double t10 = Math.tanh(a);
                h[i] = t10;
            }
            double y = 0;
            double[] dv = new double[v.length];
            double[] dh = ws.like(h);
            for (int i2 = 0; i2 < h.length; i2++) {
                double t14 = v[i2];
                double t15 = h[i2];
                double t16 = t14 * t15;
                y = y + t16;

                double dt16 = 1;
                double dt14 = t15 * dt16;
                double dt15 = t14 * dt16;
                dh[i2] += dt15;
                dv[i2] += dt14;
            }
            double layer = y;

            double[] dx = new double[x.length];
            double[][] dW = zerosLike(W);
            double[] db = new double[b.length];
            for (int i = trips - 1; i >= 0; i--) {
                double t10 = h[i];
                double dt10 = dh[i];
                dh[i] = 0;
                double da = (1 - t10 * t10) * dt10;
                for (int j = x.length - 1; j >= 0; j--) {
                    double t6 = W[i][j];
                    double t7 = x[j];
                    double dt8 = da;
                    double dt6 = t7 * dt8;
                    double dt7 = t6 * dt8;
                    dx[j] += dt7;
                    dW[i][j] += dt6;
                }
                db[i] += da;
            }
            return new LayerWrtAllGradient(layer, dx, dW, db, dv);
        }
    }

    /**
     * Value and gradient of {@link Arrays#inPlace(double[])}, computed by reverse mode.
     * <p>Its intermediate arrays created outside loops and their adjoints are arrays of the thread's
     * {@link io.github.sourcegrad.Workspace Workspace}, reused from call to call; the gradient arrays it returns are new.
     * <p>Tapes, as each iteration reads them, the array elements that a later write
     * changes: {@code t3}.
     * Everything else is recomputed, not taped. The tape is the thread's, opened with {@link io.github.sourcegrad.Tape#open()}
     * and left as it was found on every exit.
     * <p>The loop over {@code i2} only adds terms to {@code s}, which is the result: each
     * iteration adds the derivatives of its terms to the gradient right after computing them, in the
     * forward pass, and the backward pass does not run the loop again.
     *
     * @param x the argument {@code x} of {@code inPlace}
     * @return the value and the partial derivatives with respect to {@code x}
     * @throws NullPointerException if an array is null
     */
    public static InPlaceGradient dinPlace(double[] x) {
        Objects.requireNonNull(x, "x");
        try (Tape tape = Tape.open(); Workspace ws = Workspace.open()) {
            double[] y = copy(x);
            int trips = 0;
            for (int i = 0; i < y.length; i++) {
                trips++;
                double t3 = y[i];
                tape.push(t3);
                double t4 = Math.sin(t3);
                y[i] = t4;
            }
            double s = 0;
            double[] dy = ws.like(y);
            for (int i2 = 0; i2 < y.length; i2++) {
                double t8 = y[i2];
                double t9 = y[i2];
                double t10 = t8 * t9;
                s = s + t10;

                double dt10 = 1;
                double dt8 = t9 * dt10;
                double dt9 = t8 * dt10;
                dy[i2] += dt9;
                dy[i2] += dt8;
            }
            double inPlace = s;

            for (int i = trips - 1; i >= 0; i--) {
                double t3 = tape.popDouble();
                double dt4 = dy[i];
                dy[i] = 0;
                double dt3 = Math.cos(t3) * dt4;
                dy[i] += dt3;
            }
            double[] dx = copy(dy);
            return new InPlaceGradient(inPlace, dx);
        }
    }

    /**
     * Value of {@link Arrays#inPlace(double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are written into the arrays passed for them; the arrays the
     * method creates and the results of ArrayMath operations are allocated, and so are their adjoints.
     *
     * @param x the argument {@code x} of {@code inPlace}
     * @param gradX receives the gradient with respect to {@code x}; it must have the shape of {@code x}
     * @return the value of {@code inPlace}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dinPlace(double[] x, double[] gradX) {
        Buffers.check().input("x", x).buffer("gradX", gradX).requireDistinct();
        requireSameShape("gradX", gradX, "x", x);
        try (Tape tape = Tape.open(); Workspace ws = Workspace.open()) {
            double[] y = copy(x);
            int trips = 0;
            for (int i = 0; i < y.length; i++) {
                trips++;
                double t3 = y[i];
                tape.push(t3);
                double t4 = Math.sin(t3);
                y[i] = t4;
            }
            double s = 0;
            double[] dy = ws.like(y);
            for (int i2 = 0; i2 < y.length; i2++) {
                double t8 = y[i2];
                double t9 = y[i2];
                double t10 = t8 * t9;
                s = s + t10;

                double dt10 = 1;
                double dt8 = t9 * dt10;
                double dt9 = t8 * dt10;
                dy[i2] += dt9;
                dy[i2] += dt8;
            }
            double inPlace = s;

            for (int i = trips - 1; i >= 0; i--) {
                double t3 = tape.popDouble();
                double dt4 = dy[i];
                dy[i] = 0;
                double dt3 = Math.cos(t3) * dt4;
                dy[i] += dt3;
            }
            double[] dx = copy(dy);
            copyInto(dx, gradX);
            return inPlace;
        }
    }

    /**
     * Value and gradient of {@link Arrays#sumOfSquares(double[])}, computed by reverse mode.
     * <p>The loop over {@code i} only adds terms to {@code s}, which is the result: each
     * iteration adds the derivatives of its terms to the gradient right after computing them, in the
     * forward pass, and the backward pass does not run the loop again.
     *
     * @param x the argument {@code x} of {@code sumOfSquares}
     * @return the value and the partial derivatives with respect to {@code x}
     * @throws NullPointerException if an array is null
     */
    public static SumOfSquaresGradient dsumOfSquares(double[] x) {
        Objects.requireNonNull(x, "x");
        double s = 0;
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double t3 = xi * xi;
            s = s + t3;

            double dt3 = 1;
            double dxi = 2 * xi * dt3;
            dx[i] += dxi;
        }
        double sumOfSquares = s;

        return new SumOfSquaresGradient(sumOfSquares, dx);
    }

    /**
     * Value of {@link Arrays#sumOfSquares(double[])}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are accumulated in the arrays passed for them, which are
     * cleared first; it allocates nothing.
     *
     * @param x the argument {@code x} of {@code sumOfSquares}
     * @param gradX receives the gradient with respect to {@code x}; it must have the shape of {@code x}
     * @return the value of {@code sumOfSquares}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dsumOfSquares(double[] x, double[] gradX) {
        Buffers.check().input("x", x).buffer("gradX", gradX).requireDistinct();
        requireSameShape("gradX", gradX, "x", x);
        double s = 0;
        double[] dx = clear(gradX);
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double t3 = xi * xi;
            s = s + t3;

            double dt3 = 1;
            double dxi = 2 * xi * dt3;
            dx[i] += dxi;
        }
        double sumOfSquares = s;

        return sumOfSquares;
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Arrays}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Arrays} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code scalar(double,double,double,double)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "scalar(double,double,double,double)" -> "3427b5ea2235d1d5";
            case "vector(double[],double[][],double[],double[])" -> "4df3160c2c22e1bb";
            case "minibatch(double[][],double[][],double[],double[])" -> "ac99f860165a086a";
            case "minibatchLoss(double[][],double[][],double[],double[])" -> "83e847e8ea57dab5";
            case "quadratic(double[],double[][])" -> "1bbc08b632542799";
            case "layer(double[],double[][],double[],double[])" -> "edeab44523142ac4";
            case "inPlace(double[])" -> "51932aaf1f9bd39b";
            case "sumOfSquares(double[])" -> "194e471074438d06";
            default -> "";
        };
    }

    /**
     * The value of {@link Arrays#scalar(double, double, double, double)} and its partial derivatives at one point.
     *
     * @param value the value of {@code scalar}
     * @param dx the partial derivative with respect to {@code x}
     * @param dw the partial derivative with respect to {@code w}
     * @param dy the partial derivative with respect to {@code y}
     * @param dz the partial derivative with respect to {@code z}
     */
    @io.github.sourcegrad.Generated
    public record ScalarGradient(double value, double dx, double dw, double dy, double dz) {
    }

    /**
     * The value of {@link Arrays#vector(double[], double[][], double[], double[])} and its vector-Jacobian products with an upstream adjoint at one point.
     *
     * @param value the value of {@code vector}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     * @param dW the gradient with respect to {@code W}, an array of its shape
     * @param dy the gradient with respect to {@code y}, an array of its shape
     * @param dz the gradient with respect to {@code z}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record VectorGradient(double[] value, double[] dx, double[][] dW, double[] dy,
            double[] dz) {
    }

    /**
     * The value of {@link Arrays#minibatch(double[][], double[][], double[], double[])} and its vector-Jacobian products with an upstream adjoint at one point.
     *
     * @param value the value of {@code minibatch}
     * @param dX the gradient with respect to {@code X}, an array of its shape
     * @param dW the gradient with respect to {@code W}, an array of its shape
     * @param dy the gradient with respect to {@code y}, an array of its shape
     * @param dz the gradient with respect to {@code z}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record MinibatchGradient(double[][] value, double[][] dX, double[][] dW, double[] dy,
            double[] dz) {
    }

    /**
     * The value of {@link Arrays#minibatchLoss(double[][], double[][], double[], double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code minibatchLoss}
     * @param dW the gradient with respect to {@code W}, an array of its shape
     * @param dy the gradient with respect to {@code y}, an array of its shape
     * @param dz the gradient with respect to {@code z}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record MinibatchLossGradient(double value, double[][] dW, double[] dy, double[] dz) {
    }

    /**
     * The value of {@link Arrays#minibatchLoss(double[][], double[][], double[], double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code minibatchLoss}
     * @param dX the gradient with respect to {@code X}, an array of its shape
     * @param dW the gradient with respect to {@code W}, an array of its shape
     * @param dy the gradient with respect to {@code y}, an array of its shape
     * @param dz the gradient with respect to {@code z}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record MinibatchLossWrtAllGradient(double value, double[][] dX, double[][] dW,
            double[] dy, double[] dz) {
    }

    /**
     * The value of {@link Arrays#quadratic(double[], double[][])} and its partial derivatives at one point.
     *
     * @param value the value of {@code quadratic}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     * @param dA the gradient with respect to {@code A}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record QuadraticGradient(double value, double[] dx, double[][] dA) {
    }

    /**
     * The value of {@link Arrays#layer(double[], double[][], double[], double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code layer}
     * @param dW the gradient with respect to {@code W}, an array of its shape
     * @param db the gradient with respect to {@code b}, an array of its shape
     * @param dv the gradient with respect to {@code v}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record LayerGradient(double value, double[][] dW, double[] db, double[] dv) {
    }

    /**
     * The value of {@link Arrays#layer(double[], double[][], double[], double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code layer}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     * @param dW the gradient with respect to {@code W}, an array of its shape
     * @param db the gradient with respect to {@code b}, an array of its shape
     * @param dv the gradient with respect to {@code v}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record LayerWrtAllGradient(double value, double[] dx, double[][] dW, double[] db,
            double[] dv) {
    }

    /**
     * The value of {@link Arrays#inPlace(double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code inPlace}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record InPlaceGradient(double value, double[] dx) {
    }

    /**
     * The value of {@link Arrays#sumOfSquares(double[])} and its partial derivatives at one point.
     *
     * @param value the value of {@code sumOfSquares}
     * @param dx the gradient with respect to {@code x}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record SumOfSquaresGradient(double value, double[] dx) {
    }
}
