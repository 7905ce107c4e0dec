package io.github.sourcegrad.benchmarks;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;

/**
 * {@link Loops} for Hipparchus forward mode, written once over {@link CalculusFieldElement} like
 * {@link HipparchusVersions} (branches on the value with {@link CalculusFieldElement#getReal()}), and
 * evaluated with {@link Gradient}: every operation carries the value and all partials. The wrappers take and
 * return plain doubles like the generated {@code double[]} form.
 */
public final class LoopsPeers {

    private LoopsPeers() {
    }

    static <T extends CalculusFieldElement<T>> T recurrence(T w, T b, T h0, int steps) {
        T h = h0;
        for (int i = 0; i < steps; i++) {
            h = w.multiply(h).add(b).tanh();
        }
        return h;
    }

    static <T extends CalculusFieldElement<T>> T huberSum(T a, T c, double delta, int n) {
        T s = a.getField().getZero();
        for (int i = 0; i < n; i++) {
            double x = i * Loops.X_STEP - 1;
            double y = Loops.SLOPE * x + Loops.INTERCEPT + ((i * 37) % 11 - 5) * 0.02;
            if (i % 10 == 3) {
                y = y + Loops.OUTLIER;
            }
            T r = a.multiply(x).add(c).subtract(y);
            T abs = FastMath.abs(r);
            if (abs.getReal() <= delta) {
                s = s.add(r.multiply(0.5).multiply(r));
            } else {
                s = s.add(abs.subtract(0.5 * delta).multiply(delta));
            }
        }
        return s;
    }

    static <T extends CalculusFieldElement<T>> T newtonSqrt(T a) {
        T x = a;
        while (FastMath.abs(x.multiply(x).subtract(a).getReal()) > 1e-12 * a.getReal()) {
            x = x.add(a.divide(x)).multiply(0.5);
        }
        return x;
    }

    private static double unpack(Gradient result, double[] grad) {
        int n = result.getFreeParameters();
        for (int i = 0; i < n; i++) {
            grad[i] = result.getPartialDerivative(i);
        }
        return result.getValue();
    }

    public static double recurrenceGradient(double w, double b, double h0, int steps, double[] grad) {
        return unpack(recurrence(Gradient.variable(3, 0, w), Gradient.variable(3, 1, b), Gradient.variable(3, 2, h0),
                steps), grad);
    }

    public static double huberSumGradient(double a, double c, double delta, int n, double[] grad) {
        return unpack(huberSum(Gradient.variable(2, 0, a), Gradient.variable(2, 1, c), delta, n), grad);
    }

    public static double newtonSqrtGradient(double a, double[] grad) {
        return unpack(newtonSqrt(Gradient.variable(1, 0, a)), grad);
    }
}
