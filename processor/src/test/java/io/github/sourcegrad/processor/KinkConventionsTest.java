package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented conventions at non-differentiable points (ties of max/min, abs at 0, hypot at the
 * origin, pow at a zero base), all exact.
 */
class KinkConventionsTest {

    private static final String K = "k.Kinks";
    private static final double EXACT = 0.0;

    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(source(K, """
                package k;

                import io.github.sourcegrad.Differentiable;

                class Kinks {
                    @Differentiable static double maxXY(double x, double y) { return Math.max(x, y); }
                    @Differentiable static double minXY(double x, double y) { return Math.min(x, y); }

                    @Differentiable static double reluRight(double x) { return Math.max(x, 0); }
                    @Differentiable static double reluLeft(double x) { return Math.max(0, x); }
                    @Differentiable static double reluRightDouble(double x) { return Math.max(x, 0.0); }
                    @Differentiable static double reluLeftDouble(double x) { return Math.max(0.0, x); }
                    @Differentiable static double reluOfLocal(double x) {
                        double p = x * 3;
                        double q = Math.max(p, 0);
                        return q;
                    }
                    @Differentiable static double minRight(double x) { return Math.min(x, 0); }
                    @Differentiable static double minLeft(double x) { return Math.min(0, x); }

                    @Differentiable(wrt = "x") static double maxConstParam(double x, double c) { return Math.max(x, c); }
                    @Differentiable(wrt = "x") static double maxConstParamLeft(double x, double c) { return Math.max(c, x); }
                    @Differentiable(wrt = "x") static double minConstParam(double x, double c) { return Math.min(c, x); }
                    @Differentiable static double maxIntParam(double x, int n) { return Math.max(n, x); }
                    @Differentiable static double maxLiteral(double x) { return Math.max(x, 2.5); }

                    @Differentiable static double maxTie(double x) { return Math.max(2 * x, x + 1); }
                    @Differentiable static double minTie(double x) { return Math.min(2 * x, x + 1); }
                    @Differentiable static double maxSelf(double x) { return Math.max(x, x); }
                    @Differentiable static double maxTieTwoParams(double x, double y) { return Math.max(3 * x, y); }

                    @Differentiable static double abs(double x) { return Math.abs(x); }
                    @Differentiable static double absShifted(double x) { return Math.abs(x - 2); }
                    @Differentiable static double strictAbs(double x) { return StrictMath.abs(x); }

                    @Differentiable static double hypot(double x, double y) { return Math.hypot(x, y); }
                    @Differentiable static double hypotShifted(double x, double y) { return Math.hypot(x - 1, y + 2); }

                    @Differentiable static double pow0(double x) { return Math.pow(x, 0); }
                    @Differentiable static double pow1(double x) { return Math.pow(x, 1); }
                    @Differentiable static double pow2(double x) { return Math.pow(x, 2); }
                    @Differentiable static double pow3(double x) { return Math.pow(x, 3); }
                    @Differentiable static double pow2Double(double x) { return Math.pow(x, 2.0); }
                    @Differentiable static double pow1Double(double x) { return Math.pow(x, 1.0); }
                    @Differentiable static double powIntParam(double x, int n) { return Math.pow(x, n); }
                    @Differentiable(wrt = "x") static double powConstParam(double x, double c) { return Math.pow(x, c); }
                    @Differentiable static double powOfLocal(double x) {
                        double r = x - 1;
                        return Math.pow(r, 2);
                    }
                    @Differentiable static double powVar(double x, double y) { return Math.pow(x, y); }
                }
                """));
    }

    private static Gradient g(String method, Object... args) {
        return code.gradient(K, method, args);
    }

    // ------------------------------------------------------------------ max / min away from ties

    @Test
    void maxGivesTheGradientToTheLargerOperand() {
        Gradient a = g("maxXY", 3.0, 1.0);
        assertEquals(3.0, a.value(), EXACT);
        assertEquals(1.0, a.d("x"), EXACT);
        assertEquals(0.0, a.d("y"), EXACT);
        Gradient b = g("maxXY", -1.0, 2.0);
        assertEquals(2.0, b.value(), EXACT);
        assertEquals(0.0, b.d("x"), EXACT);
        assertEquals(1.0, b.d("y"), EXACT);
    }

    @Test
    void minGivesTheGradientToTheSmallerOperand() {
        Gradient a = g("minXY", 3.0, 1.0);
        assertEquals(1.0, a.value(), EXACT);
        assertEquals(0.0, a.d("x"), EXACT);
        assertEquals(1.0, a.d("y"), EXACT);
        Gradient b = g("minXY", -1.0, 2.0);
        assertEquals(-1.0, b.value(), EXACT);
        assertEquals(1.0, b.d("x"), EXACT);
        assertEquals(0.0, b.d("y"), EXACT);
    }

    // ------------------------------------------------------------------ ties between two variable operands

    @ParameterizedTest
    @ValueSource(doubles = {-3.0, 0.0, 1.5})
    void maxTieOfTwoParamsSplitsTheGradient(double t) {
        Gradient g = g("maxXY", t, t);
        assertEquals(t, g.value(), EXACT);
        assertEquals(0.5, g.d("x"), EXACT);
        assertEquals(0.5, g.d("y"), EXACT);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3.0, 0.0, 1.5})
    void minTieOfTwoParamsSplitsTheGradient(double t) {
        Gradient g = g("minXY", t, t);
        assertEquals(t, g.value(), EXACT);
        assertEquals(0.5, g.d("x"), EXACT);
        assertEquals(0.5, g.d("y"), EXACT);
    }

    // max(2x, x + 1) at x = 1: both operands are 2; half of d(2x)/dx = 2 plus half of d(x+1)/dx = 1 -> 1.5.
    @Test
    void tieOfTwoExpressionsOfTheSameParamAveragesTheirDerivatives() {
        Gradient max = g("maxTie", 1.0);
        assertEquals(2.0, max.value(), EXACT);
        assertEquals(1.5, max.d("x"), EXACT);
        Gradient min = g("minTie", 1.0);
        assertEquals(2.0, min.value(), EXACT);
        assertEquals(1.5, min.d("x"), EXACT);
        // off the tie: x = 2 -> max picks 2x (derivative 2), min picks x + 1 (derivative 1)
        assertEquals(2.0, g("maxTie", 2.0).d("x"), EXACT);
        assertEquals(1.0, g("minTie", 2.0).d("x"), EXACT);
        // x = 0 -> max picks x + 1 (1), min picks 2x (2)
        assertEquals(1.0, g("maxTie", 0.0).d("x"), EXACT);
        assertEquals(2.0, g("minTie", 0.0).d("x"), EXACT);
    }

    // max(x, x) is x: 0.5 * 1 + 0.5 * 1 = 1 everywhere.
    @ParameterizedTest
    @ValueSource(doubles = {-2.0, 0.0, 3.5})
    void maxOfAnOperandWithItself(double x) {
        Gradient g = g("maxSelf", x);
        assertEquals(x, g.value(), EXACT);
        assertEquals(1.0, g.d("x"), EXACT);
    }

    // max(3x, y) at (1, 3): tie; half of 3 to x, half of 1 to y.
    @Test
    void tieOfScaledOperandsSplitsTheScaledGradient() {
        Gradient g = g("maxTieTwoParams", 1.0, 3.0);
        assertEquals(3.0, g.value(), EXACT);
        assertEquals(1.5, g.d("x"), EXACT);
        assertEquals(0.5, g.d("y"), EXACT);
    }

    // ------------------------------------------------------------------ ties with a constant operand

    @ParameterizedTest
    @ValueSource(strings = {"reluRight", "reluLeft", "reluRightDouble", "reluLeftDouble", "reluOfLocal"})
    void reluHasZeroDerivativeAtZero(String method) {
        Gradient g = g(method, 0.0);
        assertEquals(0.0, g.value(), EXACT);
        assertEquals(0.0, g.d("x"), EXACT);
        double[] grad = {Double.NaN};
        assertEquals(0.0, code.gradientInto(K, method, grad, 0.0), EXACT);
        assertEquals(0.0, grad[0], EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reluRight", "reluLeft", "reluRightDouble", "reluLeftDouble"})
    void reluAwayFromZero(String method) {
        assertEquals(1.0, g(method, 0.25).d("x"), EXACT);
        assertEquals(0.0, g(method, -0.25).d("x"), EXACT);
        assertEquals(0.25, g(method, 0.25).value(), EXACT);
        assertEquals(0.0, g(method, -0.25).value(), EXACT);
    }

    @Test
    void reluOfLocalAwayFromZero() {
        assertEquals(3.0, g("reluOfLocal", 0.5).d("x"), EXACT);
        assertEquals(0.0, g("reluOfLocal", -0.5).d("x"), EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minRight", "minLeft"})
    void minWithZero(String method) {
        assertEquals(0.0, g(method, 0.0).d("x"), EXACT);
        assertEquals(0.0, g(method, 0.5).d("x"), EXACT);
        assertEquals(1.0, g(method, -0.5).d("x"), EXACT);
        assertEquals(-0.5, g(method, -0.5).value(), EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxConstParam", "maxConstParamLeft", "minConstParam"})
    void tieWithANonDifferentiatedParamGivesZero(String method) {
        Gradient g = g(method, 2.0, 2.0);
        assertEquals(2.0, g.value(), EXACT);
        assertEquals(0.0, g.d("x"), EXACT);
        assertFalse(g.componentNames().contains("dc"), "c is not differentiated: " + g.componentNames());
    }

    @Test
    void constParamAwayFromTheTie() {
        assertEquals(1.0, g("maxConstParam", 3.0, 2.0).d("x"), EXACT);
        assertEquals(0.0, g("maxConstParam", 1.0, 2.0).d("x"), EXACT);
        assertEquals(1.0, g("maxConstParamLeft", 3.0, 2.0).d("x"), EXACT);
        assertEquals(0.0, g("minConstParam", 3.0, 2.0).d("x"), EXACT);
        assertEquals(1.0, g("minConstParam", 1.0, 2.0).d("x"), EXACT);
    }

    @Test
    void tieWithAnIntParamOrLiteralGivesZero() {
        assertEquals(0.0, g("maxIntParam", 4.0, 4).d("x"), EXACT);
        assertEquals(4.0, g("maxIntParam", 4.0, 4).value(), EXACT);
        assertEquals(1.0, g("maxIntParam", 5.0, 4).d("x"), EXACT);
        assertEquals(0.0, g("maxIntParam", 3.0, 4).d("x"), EXACT);
        assertEquals(0.0, g("maxLiteral", 2.5).d("x"), EXACT);
        assertEquals(1.0, g("maxLiteral", 2.6).d("x"), EXACT);
    }

    // ------------------------------------------------------------------ abs

    @ParameterizedTest
    @ValueSource(strings = {"abs", "strictAbs"})
    void absHasZeroDerivativeAtZero(String method) {
        assertEquals(0.0, g(method, 0.0).d("x"), EXACT);
        assertEquals(0.0, g(method, 0.0).value(), EXACT);
        assertEquals(-1.0, g(method, -2.0).d("x"), EXACT);
        assertEquals(1.0, g(method, 2.0).d("x"), EXACT);
    }

    @Test
    void absShiftedKink() {
        assertEquals(0.0, g("absShifted", 2.0).d("x"), EXACT);
        assertEquals(-1.0, g("absShifted", 1.0).d("x"), EXACT);
        assertEquals(1.0, g("absShifted", 3.0).d("x"), EXACT);
    }

    // ------------------------------------------------------------------ hypot

    @Test
    void hypotAtTheOriginHasZeroPartials() {
        Gradient g = g("hypot", 0.0, 0.0);
        assertEquals(0.0, g.value(), EXACT);
        assertEquals(0.0, g.d("x"), EXACT);
        assertEquals(0.0, g.d("y"), EXACT);
        double[] grad = {Double.NaN, Double.NaN};
        assertEquals(0.0, code.gradientInto(K, "hypot", grad, 0.0, 0.0), EXACT);
        assertEquals(0.0, grad[0], EXACT);
        assertEquals(0.0, grad[1], EXACT);
    }

    @Test
    void hypotShiftedToTheOrigin() {
        Gradient g = g("hypotShifted", 1.0, -2.0);
        assertEquals(0.0, g.value(), EXACT);
        assertEquals(0.0, g.d("x"), EXACT);
        assertEquals(0.0, g.d("y"), EXACT);
    }

    @Test
    void hypotOnTheAxes() {
        Gradient a = g("hypot", 3.0, 0.0);
        assertEquals(1.0, a.d("x"), EXACT);
        assertEquals(0.0, a.d("y"), EXACT);
        Gradient b = g("hypot", 0.0, -2.0);
        assertEquals(0.0, b.d("x"), EXACT);
        assertEquals(-1.0, b.d("y"), EXACT);
        Gradient c = g("hypot", 3.0, 4.0);
        assertEquals(0.6, c.d("x"), 1e-15);
        assertEquals(0.8, c.d("y"), 1e-15);
    }

    // ------------------------------------------------------------------ pow with a constant exponent at 0

    @Test
    void powWithConstantExponentIsExactAtZero() {
        // d/dx x^2 = 2x = 0, d/dx x^1 = 1, d/dx x^3 = 3x^2 = 0 at x = 0
        assertEquals(0.0, g("pow2", 0.0).d("x"), EXACT);
        assertEquals(0.0, g("pow2", 0.0).value(), EXACT);
        assertEquals(1.0, g("pow1", 0.0).d("x"), EXACT);
        assertEquals(0.0, g("pow3", 0.0).d("x"), EXACT);
        assertEquals(0.0, g("pow2Double", 0.0).d("x"), EXACT);
        assertEquals(1.0, g("pow1Double", 0.0).d("x"), EXACT);
        // pow(r, 2) with r = x - 1 = 0
        assertEquals(0.0, g("powOfLocal", 1.0).d("x"), EXACT);
    }

    // x^0 is the constant 1 (Math.pow(x, 0) == 1 for every x), so its derivative is 0, also at x = 0.
    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.5, 2.0})
    void powZeroIsConstant(double x) {
        Gradient g = g("pow0", x);
        assertEquals(1.0, g.value(), EXACT);
        assertEquals(0.0, g.d("x"), EXACT);
    }

    @Test
    void powWithConstantExponentAwayFromZero() {
        assertEquals(-4.0, g("pow2", -2.0).d("x"), EXACT);
        assertEquals(12.0, g("pow3", 2.0).d("x"), EXACT);
        assertEquals(1.0, g("pow1", 7.0).d("x"), EXACT);
    }

    @Test
    void powWithIntOrNonDifferentiatedExponentIsExactAtZero() {
        assertEquals(0.0, g("powIntParam", 0.0, 2).d("x"), EXACT);
        assertEquals(1.0, g("powIntParam", 0.0, 1).d("x"), EXACT);
        assertEquals(0.0, g("powIntParam", 0.0, 3).d("x"), EXACT);
        assertEquals(12.0, g("powIntParam", 2.0, 3).d("x"), EXACT);
        assertEquals(0.0, g("powConstParam", 0.0, 2.0).d("x"), EXACT);
        assertEquals(1.0, g("powConstParam", 0.0, 1.0).d("x"), EXACT);
        assertEquals(0.0, g("powConstParam", 0.0, 3.0).d("x"), EXACT);
    }

    // ------------------------------------------------------------------ pow with a variable exponent at 0

    // d/dy x^y = x^y ln x; at x = 0, y > 0 the function is 0 for all y near, so 0 (not 0 * -inf = NaN).
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.0, 3.0})
    void powWithVariableExponentHasZeroExponentPartialAtZeroBase(double y) {
        Gradient g = g("powVar", 0.0, y);
        assertEquals(0.0, g.value(), EXACT);
        assertEquals(0.0, g.d("y"), EXACT);
        double[] grad = {Double.NaN, Double.NaN};
        code.gradientInto(K, "powVar", grad, 0.0, y);
        assertEquals(0.0, grad[1], EXACT);
    }

    // d/dx x^y = y x^(y-1): at (0, 2) that is 0, at (0, 1) it is 1 (x^1 = x), at (0, 3) 0.
    @Test
    void powWithVariableExponentBasePartialAtZeroBase() {
        assertEquals(0.0, g("powVar", 0.0, 2.0).d("x"), EXACT);
        assertEquals(1.0, g("powVar", 0.0, 1.0).d("x"), EXACT);
        assertEquals(0.0, g("powVar", 0.0, 3.0).d("x"), EXACT);
    }

    @Test
    void powWithVariableExponentAwayFromZero() {
        Gradient g = g("powVar", 2.0, 3.0);
        assertEquals(8.0, g.value(), EXACT);
        assertEquals(12.0, g.d("x"), 1e-12);
        assertEquals(8.0 * Math.log(2.0), g.d("y"), 1e-12);
    }
}
