package conformance;

import io.github.sourcegrad.Differentiable;

/** Huber loss over residuals of a line fit, the branch per residual. */
class HuberLoss {
    static final double[] XS = {0.0, 1.0, 2.0, 3.0, 4.0};
    static final double[] YS = {0.1, 0.9, 2.4, 2.7, 7.0};

    @Differentiable
    static double f(double slope, double intercept, double delta) {
        double loss = 0;
        for (int i = 0; i < XS.length; i++) {
            double r = YS[i] - (slope * XS[i] + intercept);
            double a = Math.abs(r);
            loss += a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
        }
        return loss;
    }

    static Object[] point() {
        return new Object[] {1.1, 0.05, 1.0};
    }
}
