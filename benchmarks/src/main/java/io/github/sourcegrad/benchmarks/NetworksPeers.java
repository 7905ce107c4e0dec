package io.github.sourcegrad.benchmarks;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The peers of the generated gradient of {@link Networks#twoLayer}: Hipparchus forward mode, written once
 * over {@link CalculusFieldElement} like {@link HipparchusVersions} and evaluated with {@link Gradient} (every
 * operation carries the value and all {@code 161} partials), and central differences on the primal. The
 * wrappers take the arguments of the generated buffer form and write the gradient into the caller's arrays.
 */
public final class NetworksPeers {

    /** The step of {@link FiniteDifferences}: {@code eps^(1/3)}, scaled by {@code max(1, |x_i|)}. */
    private static final double STEP = Math.cbrt(Math.ulp(1.0));

    private NetworksPeers() {
    }

    /** {@link Networks#twoLayer} over a field, with loops over the elements as a Hipparchus user writes it. */
    static <T extends CalculusFieldElement<T>> T twoLayer(double[] x, double t, T[][] w1, T[] b1, T[] w2, T b2) {
        T y = b2;
        for (int i = 0; i < b1.length; i++) {
            T z = b1[i];
            for (int j = 0; j < x.length; j++) {
                z = z.add(w1[i][j].multiply(x[j]));
            }
            y = y.add(w2[i].multiply(z.tanh()));
        }
        T r = y.subtract(t);
        return r.multiply(r);
    }

    /**
     * The gradient of {@link Networks#twoLayer} with respect to {@code w1, b1, w2, b2} by forward mode: one
     * {@link Gradient} variable per parameter ({@code w1} row by row, then {@code b1}, {@code w2}, {@code b2}),
     * one evaluation.
     */
    public static double twoLayerGradient(double[] x, double t, double[][] w1, double[] b1, double[] w2, double b2,
            double[] grad, double[][] gradW1, double[] gradB1, double[] gradW2) {
        int hidden = b1.length;
        int d = x.length;
        int n = hidden * d + 2 * hidden + 1;
        Gradient[][] gw1 = new Gradient[hidden][d];
        Gradient[] gb1 = new Gradient[hidden];
        Gradient[] gw2 = new Gradient[hidden];
        int k = 0;
        for (int i = 0; i < hidden; i++) {
            for (int j = 0; j < d; j++) {
                gw1[i][j] = Gradient.variable(n, k++, w1[i][j]);
            }
        }
        for (int i = 0; i < hidden; i++) {
            gb1[i] = Gradient.variable(n, k++, b1[i]);
        }
        for (int i = 0; i < hidden; i++) {
            gw2[i] = Gradient.variable(n, k++, w2[i]);
        }
        Gradient result = twoLayer(x, t, gw1, gb1, gw2, Gradient.variable(n, k, b2));
        k = 0;
        for (int i = 0; i < hidden; i++) {
            for (int j = 0; j < d; j++) {
                gradW1[i][j] = result.getPartialDerivative(k++);
            }
        }
        for (int i = 0; i < hidden; i++) {
            gradB1[i] = result.getPartialDerivative(k++);
        }
        for (int i = 0; i < hidden; i++) {
            gradW2[i] = result.getPartialDerivative(k++);
        }
        grad[0] = result.getPartialDerivative(k);
        return result.getValue();
    }

    /**
     * The gradient of {@link Networks#twoLayer} with respect to {@code w1, b1, w2, b2} by central differences
     * on the primal, with the step of {@link FiniteDifferences}: {@code 2 * 161 + 1} calls. Each parameter is
     * perturbed in place in the caller's arrays and restored.
     */
    public static double twoLayerCentral(double[] x, double t, double[][] w1, double[] b1, double[] w2, double b2,
            double[] grad, double[][] gradW1, double[] gradB1, double[] gradW2) {
        for (int i = 0; i < w1.length; i++) {
            for (int j = 0; j < w1[i].length; j++) {
                gradW1[i][j] = centralAt(w1[i], j, x, t, w1, b1, w2, b2);
            }
        }
        for (int i = 0; i < b1.length; i++) {
            gradB1[i] = centralAt(b1, i, x, t, w1, b1, w2, b2);
        }
        for (int i = 0; i < w2.length; i++) {
            gradW2[i] = centralAt(w2, i, x, t, w1, b1, w2, b2);
        }
        double h = STEP * Math.max(1, Math.abs(b2));
        double up = b2 + h;
        double down = b2 - h;
        grad[0] = (Networks.twoLayer(x, t, w1, b1, w2, up) - Networks.twoLayer(x, t, w1, b1, w2, down)) / (up - down);
        return Networks.twoLayer(x, t, w1, b1, w2, b2);
    }

    /**
     * The central difference with respect to {@code a[i]}, where {@code a} is one of the arrays {@code w1[k]},
     * {@code b1}, {@code w2}: perturbed in place, restored.
     */
    private static double centralAt(double[] a, int i, double[] x, double t, double[][] w1, double[] b1, double[] w2,
            double b2) {
        double v = a[i];
        double h = STEP * Math.max(1, Math.abs(v));
        double up = v + h;
        double down = v - h;
        a[i] = up;
        double fUp = Networks.twoLayer(x, t, w1, b1, w2, b2);
        a[i] = down;
        double fDown = Networks.twoLayer(x, t, w1, b1, w2, b2);
        a[i] = v;
        return (fUp - fDown) / (up - down);
    }
}
