package conformance;

import io.github.sourcegrad.ArrayMath;
import io.github.sourcegrad.Differentiable;

/** ArrayMath operations on rows inside a loop over a minibatch, mixed with scalar code. */
class ArrayMathInLoop {
    @Differentiable(wrt = {"w", "b"})
    static double f(double[][] w, double[] b, double[][] xs, double[] ys) {
        double loss = 0;
        for (int i = 0; i < xs.length; i++) {
            double[] h = ArrayMath.tanh(ArrayMath.add(ArrayMath.matmul(w, xs[i]), b));
            double pred = ArrayMath.sum(h);
            double r = pred - ys[i];
            loss += r * r;
        }
        return loss / xs.length;
    }

    static Object[] point() {
        return new Object[] {new double[][] {{0.1, -0.3}, {0.4, 0.2}, {-0.2, 0.5}}, new double[] {0.05, -0.1, 0.2},
                new double[][] {{1.0, 0.5}, {-0.3, 0.8}, {0.6, -1.1}}, new double[] {0.3, -0.2, 0.7}};
    }
}
