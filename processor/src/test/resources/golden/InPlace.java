package golden;

import io.github.sourcegrad.Differentiable;

/**
 * Arrays updated in place in nested loops, as numeric Java is usually written. The backward pass needs the old
 * elements of {@code h} (tanh's argument reads them) but not those of {@code y} (the derivative of
 * {@code y[i] + a} with respect to {@code a} is 1 whatever {@code y[i]} was).
 */
public class InPlace {

    /** log(1 + |A x|^2), with A x accumulated in place. */
    @Differentiable
    static double matvec(double[][] A, double[] x) {
        double[] y = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] = y[i] + A[i][j] * x[j];
            }
        }
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * y[i];
        }
        return Math.log(1 + s);
    }

    /** A recurrent cell that overwrites its state element by element: h[i] = tanh(w h[i] + x[t][i]). */
    @Differentiable
    static double rnn(double[][] x, double w) {
        double[] h = new double[x[0].length];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.tanh(w * h[i] + x[t][i]);
            }
        }
        double s = 0;
        for (int i = 0; i < h.length; i++) {
            s += h[i];
        }
        return s;
    }
}
