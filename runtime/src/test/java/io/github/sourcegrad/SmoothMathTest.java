package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class SmoothMathTest {

    private static final double LN2 = Math.log(2);

    /** Same bits, so that NaN equals NaN and -0.0 differs from 0.0. */
    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + ": expected " + expected + " but was " + actual);
    }

    /** log(1 + e^x) where the naive formula is accurate (|x| < 30), to about 1e-15 relative. */
    private static double naiveSoftplus(double x) {
        return Math.log(1 + Math.exp(x));
    }

    @Test
    void softplusIsExactAtZeroAndStableFarOut() {
        assertSameBits(LN2, SmoothMath.softplus(0), "softplus(0)");
        assertSameBits(LN2, SmoothMath.softplus(-0.0), "softplus(-0)");
        assertSameBits(1000, SmoothMath.softplus(1000), "no overflow");
        assertSameBits(0, SmoothMath.softplus(-1000), "softplus(-1000)");
        assertEquals(Math.exp(-50), SmoothMath.softplus(-50), Math.ulp(Math.exp(-50)), "e^x for very negative x");
        assertEquals(Math.exp(-700), SmoothMath.softplus(-700), Math.ulp(Math.exp(-700)));
        assertSameBits(Double.POSITIVE_INFINITY, SmoothMath.softplus(Double.POSITIVE_INFINITY), "softplus(inf)");
        assertSameBits(0, SmoothMath.softplus(Double.NEGATIVE_INFINITY), "softplus(-inf)");
        assertSameBits(Double.NaN, SmoothMath.softplus(Double.NaN), "softplus(NaN)");
        for (double x = -5; x <= 5; x += 0.37) {
            assertEquals(naiveSoftplus(x), SmoothMath.softplus(x), 1e-15, "softplus(" + x + ")");
        }
        for (double x = 0.5; x <= 60; x += 0.37) {
            // softplus(x) - softplus(-x) = x: both branches agree
            assertEquals(x, SmoothMath.softplus(x) - SmoothMath.softplus(-x), 2 * Math.ulp(x), "softplus(" + x + ")");
        }
    }

    @Test
    void logSigmoidIsMinusSoftplusOfMinusX() {
        assertSameBits(-LN2, SmoothMath.logSigmoid(0), "logSigmoid(0)");
        assertSameBits(-1000, SmoothMath.logSigmoid(-1000), "finite far out");
        assertSameBits(0.0, SmoothMath.logSigmoid(1000), "log 1 = 0.0");
        assertEquals(-Math.exp(-40), SmoothMath.logSigmoid(40), Math.ulp(Math.exp(-40)));
        assertSameBits(Double.NEGATIVE_INFINITY, SmoothMath.logSigmoid(Double.NEGATIVE_INFINITY), "logSigmoid(-inf)");
        assertSameBits(Double.NaN, SmoothMath.logSigmoid(Double.NaN), "logSigmoid(NaN)");
        for (double x = -30; x <= 30; x += 0.37) {
            assertEquals(-SmoothMath.softplus(-x), SmoothMath.logSigmoid(x), 0.0, "logSigmoid(" + x + ")");
            assertEquals(Math.log(1 / (1 + Math.exp(-x))), SmoothMath.logSigmoid(x), 1e-14 * Math.max(1, Math.abs(x)));
        }
    }

    @Test
    void sigmoidIsStable() {
        assertSameBits(0.5, SmoothMath.sigmoid(0), "sigmoid(0)");
        assertSameBits(0, SmoothMath.sigmoid(-800), "sigmoid(-800)");
        assertSameBits(1, SmoothMath.sigmoid(800), "sigmoid(800)");
        assertSameBits(Double.NaN, SmoothMath.sigmoid(Double.NaN), "sigmoid(NaN)");
        assertEquals(Math.exp(-40), SmoothMath.sigmoid(-40), 1e-15 * Math.exp(-40));
        for (double x = -30; x <= 30; x += 0.37) {
            assertEquals(1 / (1 + Math.exp(-x)), SmoothMath.sigmoid(x), 1e-15);
        }
    }

    @Test
    void logAddExpIsStableAndHandlesInfinities() {
        assertSameBits(LN2, SmoothMath.logAddExp(0, 0), "logAddExp(0, 0)");
        assertSameBits(1000 + LN2, SmoothMath.logAddExp(1000, 1000), "no overflow");
        assertSameBits(-1000 + LN2, SmoothMath.logAddExp(-1000, -1000), "no underflow");
        assertSameBits(1000, SmoothMath.logAddExp(1000, -1000), "far apart");
        assertSameBits(Double.NEGATIVE_INFINITY, SmoothMath.logAddExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY), "log 0");
        assertSameBits(Double.POSITIVE_INFINITY, SmoothMath.logAddExp(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY), "inf, inf");
        assertSameBits(Double.POSITIVE_INFINITY, SmoothMath.logAddExp(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), "inf, -inf");
        assertSameBits(3, SmoothMath.logAddExp(Double.NEGATIVE_INFINITY, 3), "-inf, 3");
        assertSameBits(Double.NaN, SmoothMath.logAddExp(Double.NaN, 1), "NaN, 1");
        assertSameBits(Double.NaN, SmoothMath.logAddExp(Double.POSITIVE_INFINITY, Double.NaN), "inf, NaN");
        assertSameBits(Double.NaN, SmoothMath.logAddExp(Double.NEGATIVE_INFINITY, Double.NaN), "-inf, NaN");
        for (double a = -20; a <= 20; a += 1.3) {
            for (double b = -20; b <= 20; b += 2.9) {
                double expected = Math.log(Math.exp(a) + Math.exp(b));
                assertEquals(expected, SmoothMath.logAddExp(a, b), 1e-14 * Math.max(1, Math.abs(expected)));
                assertSameBits(SmoothMath.logAddExp(a, b), SmoothMath.logAddExp(b, a), "symmetric");
            }
        }
    }

    @Test
    void documentedDerivativesAgreeWithCentralDifferences() {
        double h = 1e-6;
        for (double x = -8; x <= 8; x += 0.45) {
            assertEquals((SmoothMath.softplus(x + h) - SmoothMath.softplus(x - h)) / (2 * h), SmoothMath.sigmoid(x), 1e-9);
            assertEquals((SmoothMath.logSigmoid(x + h) - SmoothMath.logSigmoid(x - h)) / (2 * h), SmoothMath.sigmoid(-x), 1e-9);
            double s = SmoothMath.sigmoid(x);
            assertEquals((SmoothMath.sigmoid(x + h) - SmoothMath.sigmoid(x - h)) / (2 * h), s * (1 - s), 1e-9);
            double b = 0.7 - x / 3;
            assertEquals((SmoothMath.logAddExp(x + h, b) - SmoothMath.logAddExp(x - h, b)) / (2 * h), SmoothMath.sigmoid(x - b), 1e-9);
            assertEquals((SmoothMath.logAddExp(x, b + h) - SmoothMath.logAddExp(x, b - h)) / (2 * h), SmoothMath.sigmoid(b - x), 1e-9);
        }
    }

    @Test
    void isAFinalUtilityClassOfStaticMethods() {
        assertTrue(Modifier.isFinal(SmoothMath.class.getModifiers()));
        Constructor<?>[] constructors = SmoothMath.class.getDeclaredConstructors();
        assertEquals(1, constructors.length);
        assertTrue(Modifier.isPrivate(constructors[0].getModifiers()));
    }
}
