package io.github.sourcegrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * The kink trap: a smooth function written through pieces with kinks has the wrong gradient exactly at the
 * kink. The logistic loss {@code -log sigmoid(s)} written {@code relu(-s) - log sigmoid(|s|)} (finite for every
 * {@code s}, and how {@code Mlp.loss} used to be written) gets the gradient 0 at {@code s = 0}, where the true
 * derivative is {@code -1/2}: {@code relu'(0) = 0} and {@code abs'(0) = 0}, as documented. A logistic regression
 * started at {@code w = 0}, where every margin is 0, then has a zero gradient and never moves. Written with
 * {@code softplus} the gradient is exact there.
 */
class KinkTrapTest {

    private static final double LN2 = Math.log(2);

    /** Four points, two of each class, linearly separable along the first coordinate with some noise. */
    private static final double[][] X = {{1.0, 0.5}, {2.0, -1.0}, {-1.5, 0.3}, {-0.5, -2.0}};
    private static final double[] T = {1, 1, -1, -1};
    private static final double[][] T_COLUMN = {{1}, {1}, {-1}, {-1}};

    /** The exact gradient at w = 0, b = 0: every margin is 0, sigmoid(-0) = 1/2, so dL/dw = -mean(t x) / 2. */
    private static double[] exactGradientAtZero() {
        double[] g = new double[3];
        for (int i = 0; i < X.length; i++) {
            g[0] -= 0.5 * T[i] * X[i][0] / X.length;
            g[1] -= 0.5 * T[i] * X[i][1] / X.length;
            g[2] -= 0.5 * T[i] / X.length;
        }
        return g;
    }

    private static double[] smoothGradient(double[] p) {
        LogisticRegressionGrad.SmoothGradient g = LogisticRegressionGrad.dsmooth(X, T_COLUMN, column(p), new double[] {p[2]});
        return new double[] {g.dW()[0][0], g.dW()[1][0], g.db()[0]};
    }

    private static double[] kinkedGradient(double[] p) {
        LogisticRegressionGrad.KinkedGradient g = LogisticRegressionGrad.dkinked(X, T_COLUMN, column(p), new double[] {p[2]});
        return new double[] {g.dW()[0][0], g.dW()[1][0], g.db()[0]};
    }

    private static double[][] column(double[] p) {
        return new double[][] {{p[0]}, {p[1]}};
    }

    @Test
    void smoothLossHasTheExactGradientAtZeroWeights() {
        double[] exact = exactGradientAtZero();
        assertTrue(Math.abs(exact[0]) > 0.3, "the true gradient is far from 0: " + exact[0]);
        double[] zero = {0, 0, 0};
        assertEquals(LN2, LogisticRegressionGrad.dsmooth(X, T_COLUMN, column(zero), new double[1]).value(), 0.0);
        assertArrayEquals(exact, smoothGradient(zero), 1e-16);
        LogisticRegressionGrad.SmoothLoopGradient loop = LogisticRegressionGrad.dsmoothLoop(X, T, new double[2], 0);
        assertArrayEquals(exact, new double[] {loop.dw()[0], loop.dw()[1], loop.db()}, 1e-16);
        GradientCheck.of(p -> LogisticRegression.smooth(X, T_COLUMN, column(p), new double[] {p[2]}),
                        (p, grad) -> {
                            System.arraycopy(smoothGradient(p), 0, grad, 0, 3);
                            return LogisticRegressionGrad.dsmooth(X, T_COLUMN, column(p), new double[] {p[2]}).value();
                        })
                .names("w0", "w1", "b")
                .assertAtEach(zero, new double[] {0.3, -0.2, 0.1});
    }

    @Test
    void kinkedLossHasTheRightValueButAZeroGradientAtZeroWeights() {
        double[] zero = {0, 0, 0};
        assertEquals(LN2, LogisticRegressionGrad.dkinked(X, T_COLUMN, column(zero), new double[1]).value(), 1e-16);
        // The kink trap: exactly 0, where the true gradient is exactGradientAtZero()
        assertArrayEquals(new double[] {0, 0, 0}, kinkedGradient(zero), 0.0);
        LogisticRegressionGrad.KinkedLoopGradient loop = LogisticRegressionGrad.dkinkedLoop(X, T, new double[2], 0);
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {loop.dw()[0], loop.dw()[1], loop.db()}, 0.0);
        // and a gradient check says so: the finite differences see the smooth function's slope
        GradientCheck.Report report = GradientCheck.of(p -> LogisticRegression.kinked(X, T_COLUMN, column(p), new double[] {p[2]}),
                        (p, grad) -> {
                            System.arraycopy(kinkedGradient(p), 0, grad, 0, 3);
                            return LogisticRegressionGrad.dkinked(X, T_COLUMN, column(p), new double[] {p[2]}).value();
                        })
                .names("w0", "w1", "b")
                .at(zero);
        assertFalse(report.passed(), report.toString());
        assertArrayEquals(exactGradientAtZero(), report.numeric(), 1e-8);
        // Away from s = 0 the two formulations agree
        double[] p = {0.3, -0.2, 0.1};
        assertArrayEquals(smoothGradient(p), kinkedGradient(p), 1e-15);
    }

    @Test
    void gradientDescentFromZeroStaysStuckWithTheKinkedLossAndTrainsWithTheSmoothOne() {
        double[] smooth = {0, 0, 0};
        double[] kinked = {0, 0, 0};
        for (int step = 0; step < 100; step++) {
            double[] gs = smoothGradient(smooth);
            double[] gk = kinkedGradient(kinked);
            for (int k = 0; k < 3; k++) {
                smooth[k] -= 0.5 * gs[k];
                kinked[k] -= 0.5 * gk[k];
            }
        }
        double smoothLoss = LogisticRegression.smooth(X, T_COLUMN, column(smooth), new double[] {smooth[2]});
        double kinkedLoss = LogisticRegression.kinked(X, T_COLUMN, column(kinked), new double[] {kinked[2]});
        assertArrayEquals(new double[] {0, 0, 0}, kinked, 0.0, "the kinked loss never leaves w = 0");
        assertEquals(LN2, kinkedLoss, 1e-16);
        assertTrue(smoothLoss < 0.1, "the smooth loss trains: " + smoothLoss);
    }
}
