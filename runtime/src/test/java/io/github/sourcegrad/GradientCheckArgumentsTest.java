package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link GradientCheck#arguments}: functions of several {@code double}, {@code double[]} and
 * {@code double[][]} parameters checked at their arguments, without packing. The gradients are written by
 * hand in SourceGrad's two forms (the runtime's tests cannot run the processor).
 */
class GradientCheckArgumentsTest {

    /** {@code loss(w, X, c) = sum_i tanh(c * (X w)_i)^2 / 2}: a vector, a matrix and a scalar. */
    static double loss(double[] w, double[][] X, double c) {
        double s = 0;
        for (double[] row : X) {
            double t = Math.tanh(c * dot(row, w));
            s += t * t / 2;
        }
        return s;
    }

    /** Its gradient in the buffer form, as generated: {@code dloss(w, X, c, grad, gradW, gradX)}. */
    static double dloss(double[] w, double[][] X, double c, double[] grad, double[] gradW, double[][] gradX) {
        java.util.Arrays.fill(gradW, 0);
        grad[0] = 0;
        double s = 0;
        for (int i = 0; i < X.length; i++) {
            double z = dot(X[i], w);
            double t = Math.tanh(c * z);
            s += t * t / 2;
            double dcz = t * (1 - t * t); // d(t^2/2)/d(cz)
            grad[0] += dcz * z;
            for (int j = 0; j < w.length; j++) {
                gradW[j] += dcz * c * X[i][j];
                gradX[i][j] = dcz * c * w[j];
            }
        }
        return s;
    }

    record LossGradient(double value, double[] dw, double[][] dX, double dc) {
    }

    static LossGradient dlossRecord(double[] w, double[][] X, double c) {
        double[] grad = new double[1];
        double[] dw = new double[w.length];
        double[][] dX = new double[X.length][w.length];
        double value = dloss(w, X, c, grad, dw, dX);
        return new LossGradient(value, dw, dX, grad[0]);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    static final double[] W = {0.5, -0.25, 0.75};
    static final double[][] X = {{1, 2, -1}, {0.5, -1.5, 2}};
    static final double C = 0.8;

    static GradientCheck.Arguments3<double[], double[][], Double> atTheArguments() {
        return GradientCheck.arguments(W, X, C).names("w", "X", "c");
    }

    @Test
    void theBufferFormPassesAndEveryElementIsACoordinate() {
        GradientCheck.Report report = atTheArguments().assertGradient(GradientCheckArgumentsTest::loss,
                (w, X, c, grad, gw, gX, gc) -> dloss(w, X, c, grad, gw, gX));
        assertTrue(report.passed());
        assertEquals(List.of("w[0]", "w[1]", "w[2]", "X[0][0]", "X[0][1]", "X[0][2]", "X[1][0]", "X[1][1]", "X[1][2]",
                "c"), report.names());
        assertArrayEquals(new double[] {0.5, -0.25, 0.75, 1, 2, -1, 0.5, -1.5, 2, 0.8}, report.point());
        // the analytic column is the hand-written gradient, element for element
        LossGradient exact = dlossRecord(W, X, C);
        double[] expected = {exact.dw()[0], exact.dw()[1], exact.dw()[2], exact.dX()[0][0], exact.dX()[0][1],
            exact.dX()[0][2], exact.dX()[1][0], exact.dX()[1][1], exact.dX()[1][2], exact.dc()};
        assertArrayEquals(expected, report.analytic(), 0.0);
        // and the finite differences agree with it closely (a smooth function of unit scale)
        assertArrayEquals(expected, report.numeric(), 1e-9);
        assertEquals(loss(W, X, C), report.value(), 0.0);
        assertTrue(report.toString().startsWith(
                "Gradient check passed at (w, X, c) = ([0.5, -0.25, 0.75], [[1, 2, -1], [0.5, -1.5, 2]], 0.8)."),
                report.toString());
    }

    @Test
    void theRecordFormPasses() {
        GradientCheck.Report report = atTheArguments().assertRecord(GradientCheckArgumentsTest::loss,
                GradientCheckArgumentsTest::dlossRecord, LossGradient::value, LossGradient::dw, LossGradient::dX,
                LossGradient::dc);
        assertEquals(10, report.partials().size());
        assertTrue(report.passed());
    }

    @Test
    void aWrongMatrixElementIsNamedByItsIndices() {
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class,
                () -> atTheArguments().assertGradient(GradientCheckArgumentsTest::loss, (w, X, c, grad, gw, gX, gc) -> {
                    double value = dloss(w, X, c, grad, gw, gX);
                    gX[1][2] *= -1; // a wrong sign in one element
                    return value;
                }));
        String message = failure.getMessage();
        assertTrue(message.startsWith("Gradient check failed at (w, X, c) = ([0.5, -0.25, 0.75], [[1, 2, -1],"
                + " [0.5, -1.5, 2]], 0.8): d/dX[1][2] is wrong."), message);
        assertEquals(1, failure.reports().get(0).problems().size(), message);
        assertTrue(failure.reports().get(0).problems().get(0).startsWith("d/dX[1][2]: the gradient is "), message);
        assertTrue(message.contains("\n  d/dX[1][2] "), message);
    }

    @Test
    void aWrongScalarInGradIsNamedAfterItsParameter() {
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class,
                () -> atTheArguments().assertRecord(GradientCheckArgumentsTest::loss, GradientCheckArgumentsTest::dlossRecord,
                        LossGradient::value, LossGradient::dw, LossGradient::dX, r -> 2 * r.dc()));
        assertTrue(failure.getMessage().contains(": d/dc is wrong."), failure.getMessage());
    }

    @Test
    void aVectorElementTheGradientForgetsIsReported() {
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class,
                () -> GradientCheck.arguments(W).names("w").assertGradient(w -> loss(w, X, C), (w, grad, gw) -> {
                    double[] all = new double[3];
                    double value = dloss(w, X, C, new double[1], all, new double[2][3]);
                    gw[0] = all[0];
                    gw[2] = all[2]; // w[1] left unwritten
                    return value;
                }));
        assertEquals(List.of("d/dw[1]: the gradient did not write it: are the gradient arrays passed in the order"
                + " of the arguments, and grad when there is a double argument?"), failure.reports().get(0).problems());
    }

    @Test
    void defaultNamesArePositional() {
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class,
                () -> GradientCheck.arguments(W, X).assertGradient((w, X) -> loss(w, X, C), (w, X, grad, gw, gX) -> {
                    double value = dloss(w, X, C, new double[1], gw, gX);
                    gw[1] += 1;
                    return value;
                }));
        assertTrue(failure.getMessage().contains("(p0, p1) = ([0.5, -0.25, 0.75], [[1, 2, -1], [0.5, -1.5, 2]]):"
                + " d/dp0[1] is wrong."), failure.getMessage());
    }

    @Test
    void everyArityPassesItsArgumentsAndBuffersInOrder() {
        double[] v = {0.3, -0.7};
        double[][] m = {{1.5}, {-0.5}};
        // f(a, b, c, d) = a * sum(b) + c * d[0][0] - d[1][0]^2: every argument in its place
        GradientCheck.arguments(2.0, v, 0.5, m).names("a", "b", "c", "d").assertGradient(
                (a, b, c, d) -> a * (b[0] + b[1]) + c * d[0][0] - d[1][0] * d[1][0],
                (a, b, c, d, grad, ga, gb, gc, gd) -> {
                    grad[0] = b[0] + b[1];
                    gb[0] = a;
                    gb[1] = a;
                    grad[1] = d[0][0];
                    gd[0][0] = c;
                    gd[1][0] = -2 * d[1][0];
                    assertTrue(ga == null && gc == null, "a double argument has no gradient array");
                    return a * (b[0] + b[1]) + c * d[0][0] - d[1][0] * d[1][0];
                });
        GradientCheck.Failure swapped = assertThrows(GradientCheck.Failure.class, () -> GradientCheck
                .arguments(2.0, v, 0.5, m).names("a", "b", "c", "d").assertGradient(
                        (a, b, c, d) -> a * (b[0] + b[1]) + c * d[0][0] - d[1][0] * d[1][0],
                        (a, b, c, d, grad, ga, gb, gc, gd) -> {
                            grad[1] = b[0] + b[1]; // the scalars' slots swapped
                            gb[0] = a;
                            gb[1] = a;
                            grad[0] = d[0][0];
                            gd[0][0] = c;
                            gd[1][0] = -2 * d[1][0];
                            return a * (b[0] + b[1]) + c * d[0][0] - d[1][0] * d[1][0];
                        }));
        assertTrue(swapped.getMessage().contains(": d/da, d/dc are wrong."), swapped.getMessage());

        GradientCheck.arguments(v, 3.0, m).names("v", "s", "m").assertRecord(
                (x, s, y) -> s * x[1] * y[1][0],
                (x, s, y) -> new double[][] {{s * x[1] * y[1][0]}, {0, s * y[1][0]}, {x[1] * y[1][0]}, {0, s * x[1]}},
                r -> r[0][0], r -> r[1], r -> r[2][0], r -> new double[][] {{0}, {r[3][1]}});
        GradientCheck.arguments(m).names("m").assertRecord(y -> Math.exp(y[0][0]) + y[1][0],
                y -> new double[][] {{Math.exp(y[0][0]) + y[1][0]}, {Math.exp(y[0][0])}, {1}},
                r -> r[0][0], r -> new double[][] {r[1], r[2]});
    }

    @Test
    void theLambdasGetCopiesAndTheCallersArraysStayAsTheyWere() {
        double[] w = W.clone();
        GradientCheck.Arguments1<double[]> check = GradientCheck.arguments(w).names("w");
        w[0] = 100; // the check copied the arguments when it was made
        check.assertGradient(x -> {
            double value = loss(x, X, C);
            x[0] = Double.NaN; // scribbling on its copy changes nothing
            return value;
        }, (x, grad, gx) -> dloss(x, X, C, new double[1], gx, new double[2][3]));
        assertEquals(100, w[0]);
    }

    @Test
    void aLongVectorShowsOnlyTheFailedRowsAndShortensThePoint() {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 100.0;
        }
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> GradientCheck.arguments(v)
                .names("v").assertGradient(x -> dot(x, x) / 2, (x, grad, gx) -> {
                    System.arraycopy(x, 0, gx, 0, x.length);
                    gx[42] = 0;
                    return dot(x, x) / 2;
                }));
        String message = failure.getMessage();
        assertTrue(message.startsWith("Gradient check failed at v = [0, 0.01, 0.02, 0.03, 0.04, 0.05, ..."
                + " (100 elements)]: d/dv[42] is wrong."), message);
        assertEquals(1, message.lines().filter(l -> l.endsWith("FAILED")).count(), message);
        assertTrue(message.contains("  (99 more partial derivatives not shown: all passed)"), message);
        assertFalse(message.contains("d/dv[41] "), message);
    }

    @Test
    void manyWrongElementsAreCountedNotAllListed() {
        double[] v = new double[40];
        java.util.Arrays.fill(v, 1);
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> GradientCheck.arguments(v)
                .names("v").assertGradient(x -> dot(x, x), (x, grad, gx) -> {
                    System.arraycopy(x, 0, gx, 0, x.length); // half the right gradient everywhere
                    return dot(x, x);
                }));
        String message = failure.getMessage();
        assertTrue(message.contains(": d/dv[0], d/dv[1], d/dv[2], d/dv[3], d/dv[4], d/dv[5], d/dv[6], d/dv[7], d/dv[8],"
                + " d/dv[9] and 30 more are wrong."), message);
        assertEquals(24, message.lines().filter(l -> l.endsWith("FAILED")).count(), message);
        assertTrue(message.contains("  (16 more partial derivatives not shown: 16 of them failed)"), message);
        assertTrue(message.contains("  (and 16 more)"), message);
    }

    @Test
    void argumentsOfOtherTypesShapesAndNullsAreRefused() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.arguments(W, 3).names("w", "n"));
        assertTrue(type.getMessage().contains("the argument p1 is a Integer: a gradient check differentiates double,"
                + " double[] and double[][] arguments"), type.getMessage());
        NullPointerException nullRow = assertThrows(NullPointerException.class,
                () -> GradientCheck.arguments((Object) new double[][] {{1}, null}));
        assertEquals("row 1 of the argument p0 is null", nullRow.getMessage());
        assertThrows(NullPointerException.class, () -> GradientCheck.arguments((double[]) null));

        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> atTheArguments().assertRecord(GradientCheckArgumentsTest::loss, GradientCheckArgumentsTest::dlossRecord,
                        LossGradient::value, r -> new double[2], LossGradient::dX, LossGradient::dc));
        assertEquals("the record's gradient for w is a double[2], but w is a double[3]", shape.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.arguments(new double[0]).assertGradient(x -> 0, (x, grad, gx) -> 0));
        assertTrue(empty.getMessage().contains("every array is empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> atTheArguments().names("w", " ", "c"));
    }

    @Test
    void toleranceAndStepApply() {
        // a gradient off by 1e-5 relative fails by default and passes a looser tolerance
        GradientCheck.Function1<double[]> f = x -> Math.exp(x[0]);
        GradientCheck.GradientInto1<double[]> slightlyOff = (x, grad, gx) -> {
            gx[0] = Math.exp(x[0]) * (1 + 1e-5);
            return Math.exp(x[0]);
        };
        assertThrows(GradientCheck.Failure.class, () -> GradientCheck.arguments(new double[] {1}).assertGradient(f,
                slightlyOff));
        GradientCheck.arguments(new double[] {1}).tolerance(1e-4, 0).assertGradient(f, slightlyOff);
        GradientCheck.Report report = GradientCheck.arguments(new double[] {1}).step(1e-3).assertGradient(f,
                (x, grad, gx) -> {
                    gx[0] = Math.exp(x[0]);
                    return Math.exp(x[0]);
                });
        assertEquals(1e-3, report.partials().get(0).step(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.arguments(W).step(0));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.arguments(W).tolerance(-1, 0));
    }
}
