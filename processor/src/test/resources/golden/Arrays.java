package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Differentiable;

/**
 * The lecture's "Scalar -> Vector -> Minibatch" arc (Banner and Spiering, "Vectorized Backprop"): one function
 * written three times, then the same kind of layer written with loops over array elements.
 */
public class Arrays {

    /** "Scalar Input": p = x * w; q = max(p, 0); r = q - y; s = r**2; t = s + z. */
    @Differentiable
    static double scalar(double x, double w, double y, double z) {
        double p = x * w;
        double q = Math.max(p, 0);
        double r = q - y;
        double s = r * r;
        double t = s + z;
        return t;
    }

    /** "Vector Input": p = x @ W for a row vector x; the pullback takes dt, the slide's np.ones_like(t). */
    @Differentiable
    static double[] vector(double[] x, double[][] W, double[] y, double[] z) {
        double[] p = matmul(x, W);
        double[] q = relu(p);
        double[] r = subtract(q, y);
        double[] s = square(r);
        double[] t = add(s, z);
        return t;
    }

    /** "Vector + Minibatch Input": one row of X per example; y and z are broadcast over the rows. */
    @Differentiable
    static double[][] minibatch(double[][] X, double[][] W, double[] y, double[] z) {
        double[][] P = matmul(X, W);
        double[][] Q = relu(P);
        double[][] R = subtractRow(Q, y);
        double[][] S = square(R);
        double[][] T = addRow(S, z);
        return T;
    }

    /** The minibatch function summed to a loss: its backward pass starts from dT = ones. */
    @Differentiable(wrt = {"W", "y", "z"})
    static double minibatchLoss(double[][] X, double[][] W, double[] y, double[] z) {
        double[][] P = matmul(X, W);
        double[][] Q = relu(P);
        double[][] R = subtractRow(Q, y);
        double[][] S = square(R);
        double[][] T = addRow(S, z);
        return sum(T);
    }

    /** x^T A x: the gradients are (A^T + A) x and x x^T. */
    @Differentiable
    static double quadratic(double[] x, double[][] A) {
        return dot(x, matmul(A, x));
    }

    /** A tanh layer and a linear read-out, with loops: h is written element by element, then read. */
    @Differentiable(wrt = {"W", "b", "v"})
    static double layer(double[] x, double[][] W, double[] b, double[] v) {
        double[] h = new double[W.length];
        for (int i = 0; i < W.length; i++) {
            double a = b[i];
            for (int j = 0; j < x.length; j++) {
                a += W[i][j] * x[j];
            }
            h[i] = Math.tanh(a);
        }
        double y = 0;
        for (int i = 0; i < h.length; i++) {
            y += v[i] * h[i];
        }
        return y;
    }

    /** In-place updates: the element a loop reads is overwritten in the same iteration, so the value read is taped. */
    @Differentiable
    static double inPlace(double[] x) {
        double[] y = copy(x);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(y[i]);
        }
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * y[i];
        }
        return s;
    }

    /** Sum of squares with an enhanced for loop. */
    @Differentiable
    static double sumOfSquares(double[] x) {
        double s = 0;
        for (double xi : x) {
            s += xi * xi;
        }
        return s;
    }
}
