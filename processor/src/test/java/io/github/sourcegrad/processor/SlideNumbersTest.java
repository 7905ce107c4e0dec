package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worked examples of the lecture, with values and gradients derived by hand. */
class SlideNumbersTest {

    private static final String SLIDES = "slides.Slides";
    private static final double EPS = 1e-12;

    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(SLIDES, """
            package slides;

            import io.github.sourcegrad.Differentiable;

            class Slides {

                /** f(x, y) = 1 / (y + e^-x), one operation per line as on the slide. */
                @Differentiable
                static double f(double x, double y) {
                    double a = -x;
                    double b = Math.exp(a);
                    double c = y + b;
                    double d = 1 / c;
                    return d;
                }

                /** [max(3x, 0) - y]^2 + z with the square as a product. */
                @Differentiable
                static double reluSquare(double x, double y, double z) {
                    double p = x * 3;
                    double q = Math.max(p, 0);
                    double r = q - y;
                    double s = r * r;
                    double t = s + z;
                    return t;
                }

                /** [max(3x, 0) - y]^2 + z with the square as Math.pow(r, 2). */
                @Differentiable
                static double reluPow(double x, double y, double z) {
                    double p = x * 3;
                    double q = Math.max(p, 0);
                    double r = q - y;
                    double s = Math.pow(r, 2);
                    double t = s + z;
                    return t;
                }

                /** L_MLP = [max(max(w1 x + b1, 0) w2 + b2, 0) - y]^2, differentiated wrt the weights only. */
                @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
                static double mlpLoss(double x, double y, double w1, double b1, double w2, double b2) {
                    double h = Math.max(w1 * x + b1, 0);
                    double out = Math.max(h * w2 + b2, 0);
                    double e = out - y;
                    return e * e;
                }

                /** The same loss as one expression. */
                @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
                static double mlpLossInline(double x, double y, double w1, double b1, double w2, double b2) {
                    return Math.pow(Math.max(Math.max(w1 * x + b1, 0) * w2 + b2, 0) - y, 2);
                }

                @Differentiable
                static double logPoly(double x, double y) {
                    return Math.log(3 * x * x + 5 * x * y);
                }

                /** Fan-out: x is used three times. */
                @Differentiable
                static double fanOut(double x) {
                    return x * x + 3 * x;
                }

                @Differentiable
                static double sumTimes(double x, double y, double z) {
                    double q = x + y;
                    return q * z;
                }
            }
            """));

    private static GeneratedCode code() {
        return CODE.get();
    }

    // f(x, y) = 1 / (y + e^-x) at (0, 1): c = 1 + e^0 = 2, f = 1/2.
    // df/dc = -1/c^2 = -1/4, so df/dy = -1/4; df/db = -1/4, df/da = -1/4 * e^a = -1/4, df/dx = -df/da = 1/4.
    @Test
    void sigmoidLikeAtOrigin() {
        Gradient g = code().gradient(SLIDES, "f", 0.0, 1.0);
        assertEquals(List.of("value", "dx", "dy"), g.componentNames());
        assertEquals(0.5, g.value(), EPS);
        assertEquals(0.25, g.d("x"), EPS);
        assertEquals(-0.25, g.d("y"), EPS);
    }

    // At (1, 2): c = 2 + e^-1, f = 1/c, df/dy = -1/c^2, df/dx = e^-1 / c^2.
    @Test
    void sigmoidLikeElsewhere() {
        double c = 2 + Math.exp(-1);
        Gradient g = code().gradient(SLIDES, "f", 1.0, 2.0);
        assertEquals(1 / c, g.value(), EPS);
        assertEquals(Math.exp(-1) / (c * c), g.d("x"), EPS);
        assertEquals(-1 / (c * c), g.d("y"), EPS);
    }

    // At (1, 0, -2): p = 3, q = max(3, 0) = 3, r = 3 - 0 = 3, s = 9, t = 9 - 2 = 7.
    // dt/ds = 1, ds/dr = 2r = 6, dr/dq = 1, dq/dp = 1 (p > 0), dp/dx = 3 -> dt/dx = 18;
    // dt/dy = 6 * (-1) = -6; dt/dz = 1.
    @ParameterizedTest
    @ValueSource(strings = {"reluSquare", "reluPow"})
    void reluSquareActive(String method) {
        Gradient g = code().gradient(SLIDES, method, 1.0, 0.0, -2.0);
        assertEquals(List.of("value", "dx", "dy", "dz"), g.componentNames());
        assertEquals(7.0, g.value(), EPS);
        assertEquals(18.0, g.d("x"), EPS);
        assertEquals(-6.0, g.d("y"), EPS);
        assertEquals(1.0, g.d("z"), EPS);
    }

    // At (-1, 2, 0.5): p = -3, q = 0 (relu inactive), r = -2, s = 4, t = 4.5.
    // dq/dp = 0 -> dt/dx = 0; dt/dy = 2r * (-1) = 4; dt/dz = 1.
    @ParameterizedTest
    @ValueSource(strings = {"reluSquare", "reluPow"})
    void reluSquareInactive(String method) {
        Gradient g = code().gradient(SLIDES, method, -1.0, 2.0, 0.5);
        assertEquals(4.5, g.value(), EPS);
        assertEquals(0.0, g.d("x"), 0.0);
        assertEquals(4.0, g.d("y"), EPS);
        assertEquals(1.0, g.d("z"), EPS);
    }

    // L_MLP at (x, y, w1, b1, w2, b2) = (2, 10, -1, 4, 3, 1):
    //   h = w1 x + b1 = -2 + 4 = 2, a = max(2, 0) = 2, o = a w2 + b2 = 7, r = max(7, 0) = 7, e = r - y = -3, L = 9.
    //   dL/de = 2e = -6; both relus active, so dL/do = -6.
    //   dL/db2 = -6; dL/dw2 = -6 * a = -12; dL/da = -6 * w2 = -18 = dL/dh;
    //   dL/dw1 = -18 * x = -36; dL/db1 = -18.
    @ParameterizedTest
    @ValueSource(strings = {"mlpLoss", "mlpLossInline"})
    void mlpLoss(String method) {
        Gradient g = code().gradient(SLIDES, method, 2.0, 10.0, -1.0, 4.0, 3.0, 1.0);
        assertEquals(9.0, g.value(), EPS);
        assertEquals(-36.0, g.d("w1"), EPS);
        assertEquals(-18.0, g.d("b1"), EPS);
        assertEquals(-12.0, g.d("w2"), EPS);
        assertEquals(-6.0, g.d("b2"), EPS);
    }

    // With w1 = -3: h = -6 + 4 = -2, a = 0 (hidden relu inactive), o = 0 * 3 + 1 = 1, r = 1, e = -9, L = 81.
    //   dL/do = 2e = -18: dL/db2 = -18, dL/dw2 = -18 * a = 0; da/dh = 0 so dL/dw1 = dL/db1 = 0.
    @ParameterizedTest
    @ValueSource(strings = {"mlpLoss", "mlpLossInline"})
    void mlpLossWithDeadHiddenUnit(String method) {
        Gradient g = code().gradient(SLIDES, method, 2.0, 10.0, -3.0, 4.0, 3.0, 1.0);
        assertEquals(81.0, g.value(), EPS);
        assertEquals(0.0, g.d("w1"), 0.0);
        assertEquals(0.0, g.d("b1"), 0.0);
        assertEquals(0.0, g.d("w2"), 0.0);
        assertEquals(-18.0, g.d("b2"), EPS);
    }

    @Test
    void mlpLossRecordHasExactlyTheWrtComponents() {
        Class<?> record = code().gradientMethod(SLIDES, "mlpLoss", 2.0, 10.0, -1.0, 4.0, 3.0, 1.0).getReturnType();
        assertTrue(record.isRecord(), record + " is not a record");
        assertEquals(List.of("value", "dw1", "db1", "dw2", "db2"),
                Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList());
        for (RecordComponent c : record.getRecordComponents()) {
            assertEquals(double.class, c.getType(), c.getName());
        }
        // The record is nested in the companion.
        assertEquals(code().companion(SLIDES), record.getEnclosingClass());
    }

    // log(3x^2 + 5xy) at (2, 3): u = 12 + 30 = 42; d/dx = (6x + 5y)/u = 27/42 = 0.6429; d/dy = 5x/u = 10/42 = 0.2381.
    @Test
    void logOfPolynomial() {
        Gradient g = code().gradient(SLIDES, "logPoly", 2.0, 3.0);
        assertEquals(Math.log(42), g.value(), EPS);
        assertEquals(27.0 / 42.0, g.d("x"), EPS);
        assertEquals(10.0 / 42.0, g.d("y"), EPS);
        assertEquals(0.6429, g.d("x"), 5e-5);
        assertEquals(0.2381, g.d("y"), 5e-5);
    }

    // x^2 + 3x: derivative 2x + 3 (the three uses of x must all be accumulated).
    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -1.5, 0.0, 1.0, 2.0, 10.5})
    void fanOut(double x) {
        Gradient g = code().gradient(SLIDES, "fanOut", x);
        assertEquals(x * x + 3 * x, g.value(), EPS);
        assertEquals(2 * x + 3, g.d("x"), EPS);
    }

    // (x + y) z at (1, 2, -3): value -9; d/dx = d/dy = z = -3; d/dz = x + y = 3.
    @Test
    void sumTimes() {
        Gradient g = code().gradient(SLIDES, "sumTimes", 1.0, 2.0, -3.0);
        assertEquals(-9.0, g.value(), EPS);
        assertEquals(-3.0, g.d("x"), EPS);
        assertEquals(-3.0, g.d("y"), EPS);
        assertEquals(3.0, g.d("z"), EPS);
    }

    @Test
    void primalIsUntouched() {
        assertEquals(0.5, code().primal(SLIDES, "f", 0.0, 1.0), EPS);
        assertEquals(9.0, code().primal(SLIDES, "mlpLoss", 2.0, 10.0, -1.0, 4.0, 3.0, 1.0), EPS);
    }

    // ------------------------------------------------------------------ zero-allocation form

    @Test
    void zeroAllocationFormGivesTheSameNumbers() {
        double[] grad = new double[2];
        assertEquals(0.5, code().gradientInto(SLIDES, "f", grad, 0.0, 1.0), EPS);
        assertArrayEquals(new double[] {0.25, -0.25}, grad, EPS);

        double[] grad3 = new double[3];
        assertEquals(7.0, code().gradientInto(SLIDES, "reluSquare", grad3, 1.0, 0.0, -2.0), EPS);
        assertArrayEquals(new double[] {18.0, -6.0, 1.0}, grad3, EPS);

        double[] grad4 = new double[4];
        assertEquals(9.0, code().gradientInto(SLIDES, "mlpLoss", grad4, 2.0, 10.0, -1.0, 4.0, 3.0, 1.0), EPS);
        assertArrayEquals(new double[] {-36.0, -18.0, -12.0, -6.0}, grad4, EPS);

        double[] gradLog = new double[2];
        assertEquals(Math.log(42), code().gradientInto(SLIDES, "logPoly", gradLog, 2.0, 3.0), EPS);
        assertArrayEquals(new double[] {27.0 / 42.0, 10.0 / 42.0}, gradLog, EPS);
    }

    @Test
    void zeroAllocationFormOverwritesInsteadOfAccumulating() {
        double[] grad = {100.0, -100.0, 42.0, Double.NaN};
        code().gradientInto(SLIDES, "mlpLoss", grad, 2.0, 10.0, -1.0, 4.0, 3.0, 1.0);
        code().gradientInto(SLIDES, "mlpLoss", grad, 2.0, 10.0, -1.0, 4.0, 3.0, 1.0);
        assertArrayEquals(new double[] {-36.0, -18.0, -12.0, -6.0}, grad, EPS);
    }

    @Test
    void zeroAllocationFormAcceptsALongerArrayAndLeavesTheRestAlone() {
        double[] grad = {Double.NaN, Double.NaN, 123.0, -7.0};
        assertEquals(0.5, code().gradientInto(SLIDES, "f", grad, 0.0, 1.0), EPS);
        assertArrayEquals(new double[] {0.25, -0.25, 123.0, -7.0}, grad, EPS);
    }

    @Test
    void tooShortGradArrayIsRejectedWithTheExpectedLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> code().gradientInto(SLIDES, "mlpLoss", new double[3], 2.0, 10.0, -1.0, 4.0, 3.0, 1.0));
        assertTrue(e.getMessage() != null && e.getMessage().contains("4"), "message: " + e.getMessage());

        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> code().gradientInto(SLIDES, "sumTimes", new double[0], 1.0, 2.0, -3.0));
        assertTrue(e3.getMessage() != null && e3.getMessage().contains("3"), "message: " + e3.getMessage());
    }

    @Test
    void arraySizedForTheWrtParamsIsAccepted() {
        // 4 differentiated params out of 6: an array of length 4 is enough
        double[] grad = new double[4];
        code().gradientInto(SLIDES, "mlpLossInline", grad, 2.0, 10.0, -1.0, 4.0, 3.0, 1.0);
        assertArrayEquals(new double[] {-36.0, -18.0, -12.0, -6.0}, grad, EPS);
    }
}
