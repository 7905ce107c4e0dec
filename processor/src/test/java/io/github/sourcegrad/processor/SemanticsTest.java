package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Java statement and expression semantics the generated code must preserve. */
class SemanticsTest {

    private static final double EPS = 1e-12;
    private static final int[] X = {0};
    private static final int[] XY = {0, 1};

    // ------------------------------------------------------------------ statements and operators

    private static final String BASIC = "s.Basic";
    private static final GeneratedCode.Once BASIC_CODE = GeneratedCode.once(source(BASIC, """
            package s;

            import io.github.sourcegrad.Differentiable;

            class Basic {
                /** The parameter itself is reassigned: x^2 + 1. */
                @Differentiable
                static double reassignParam(double x) {
                    x = x * x;
                    return x + 1;
                }

                /** t = x; t = t^2; t = t x: x^3. */
                @Differentiable
                static double reassignLocal(double x) {
                    double t = x;
                    t = t * t;
                    t = t * x;
                    return t;
                }

                /** t = sin(x y + x) y, built by reassignments. */
                @Differentiable
                static double reassignChain(double x, double y) {
                    double t = x * y;
                    t = t + x;
                    t = Math.sin(t);
                    return t * y;
                }

                /** s = 3 ((x + y) x - y) / 2 - 1 via compound assignments. */
                @Differentiable
                static double compound(double x, double y) {
                    double s = x;
                    s += y;
                    s *= x;
                    s -= y;
                    s /= 2;
                    s *= 3;
                    s -= 1;
                    return s;
                }

                /** Compound assignments to parameters: x1 = x y + 3, y1 = y / x1, result x1 - y1. */
                @Differentiable
                static double compoundParams(double x, double y) {
                    x *= y;
                    x += 3;
                    y /= x;
                    return x - y;
                }

                /** Compound assignment whose right-hand side uses the target: s += s * x. */
                @Differentiable
                static double compoundSelf(double x) {
                    double s = x;
                    s += s * x;
                    s *= s;
                    return s;
                }

                @Differentiable
                static double varLocals(double x, double y) {
                    var a = x * y;
                    var b = Math.sin(a);
                    var c = b + x;
                    return c * 2;
                }

                /** 4x^2 - 2x. */
                @Differentiable
                static double finalLocals(double x) {
                    final double a = 2 * x;
                    final double b = a * a;
                    return b - a;
                }

                /** -x * +y - (-(x - y)) = -xy + x - y. */
                @Differentiable
                static double unary(double x, double y) {
                    return -x * +y - (-(x - y));
                }

                /** -sin(+(-x)) + -(-x) = sin x + x. */
                @Differentiable
                static double unaryLocals(double x) {
                    double a = -x;
                    double b = +a;
                    return -Math.sin(b) + -(-x);
                }

                /** pi x^2 + e y + sin(pi x). */
                @Differentiable
                static double constants(double x, double y) {
                    return Math.PI * x * x + Math.E * y + Math.sin(Math.PI * x);
                }

                /** 2x + 0.5 x^2 - 1 + (3 / 4) x + (3.0 / 4) x, where 3 / 4 is the int 0. */
                @Differentiable
                static double literals(double x) {
                    return 2 * x + 0.5 * x * x - 1 + 3 / 4 * x + 3.0 / 4 * x;
                }

                /** (x + y)(x - y) / (2 (y + 3)). */
                @Differentiable
                static double parens(double x, double y) {
                    return ((x + y) * (x - y)) / (2 * (y + 3));
                }

                /** Division by a variable and the reciprocal of a local: x / y + 1 / (x * y). */
                @Differentiable
                static double division(double x, double y) {
                    double p = x * y;
                    return x / y + 1 / p;
                }

                /** Left-associative subtraction and division: x - y - 1 and x / y / 2. */
                @Differentiable
                static double associativity(double x, double y) {
                    return x - y - 1 + x / y / 2;
                }
            }
            """));

    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0.0, 2.0})
    void reassignedParameter(double x) {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "reassignParam", x);
        assertEquals(x * x + 1, g.value(), EPS);
        assertEquals(2 * x, g.d("x"), EPS);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0.5, 2.0})
    void reassignedLocal(double x) {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "reassignLocal", x);
        assertEquals(x * x * x, g.value(), EPS);
        assertEquals(3 * x * x, g.d("x"), EPS);
    }

    // d/dx sin(xy + x) y = cos(xy + x)(y + 1) y; d/dy = cos(xy + x) x y + sin(xy + x).
    @ParameterizedTest
    @CsvSource({"0.5, 1.5", "-1.0, 0.25", "2.0, -0.75"})
    void reassignmentChain(double x, double y) {
        double u = x * y + x;
        Gradient g = BASIC_CODE.get().gradient(BASIC, "reassignChain", x, y);
        assertEquals(Math.sin(u) * y, g.value(), EPS);
        assertEquals(Math.cos(u) * (y + 1) * y, g.d("x"), EPS);
        assertEquals(Math.cos(u) * x * y + Math.sin(u), g.d("y"), EPS);
    }

    // s = 3((x + y) x - y)/2 - 1: ds/dx = 3 (2x + y) / 2, ds/dy = 3 (x - 1) / 2.
    @ParameterizedTest
    @CsvSource({"0.5, 1.5", "-1.0, 0.25", "2.0, -0.75"})
    void compoundAssignments(double x, double y) {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "compound", x, y);
        assertEquals(3 * ((x + y) * x - y) / 2 - 1, g.value(), EPS);
        assertEquals(3 * (2 * x + y) / 2, g.d("x"), EPS);
        assertEquals(3 * (x - 1) / 2, g.d("y"), EPS);
    }

    // f = xy + 3 - y / (xy + 3): df/dx = y + y^2 / (xy + 3)^2, df/dy = x - 3 / (xy + 3)^2.
    @ParameterizedTest
    @CsvSource({"0.5, 1.5", "-1.0, 0.25", "2.0, -0.75"})
    void compoundAssignmentsToParameters(double x, double y) {
        double w = x * y + 3;
        Gradient g = BASIC_CODE.get().gradient(BASIC, "compoundParams", x, y);
        assertEquals(w - y / w, g.value(), EPS);
        assertEquals(y + y * y / (w * w), g.d("x"), EPS);
        assertEquals(x - 3 / (w * w), g.d("y"), EPS);
    }

    // s = x + x^2, then s^2 = (x + x^2)^2: derivative 2 (x + x^2)(1 + 2x).
    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0.5, 2.0})
    void compoundAssignmentReadingItsTarget(double x) {
        double s = x + x * x;
        Gradient g = BASIC_CODE.get().gradient(BASIC, "compoundSelf", x);
        assertEquals(s * s, g.value(), EPS);
        assertEquals(2 * s * (1 + 2 * x), g.d("x"), 1e-11);
    }

    // 2 (sin(xy) + x): d/dx = 2 (y cos(xy) + 1), d/dy = 2 x cos(xy).
    @Test
    void varLocals() {
        double x = 0.8;
        double y = -1.3;
        Gradient g = BASIC_CODE.get().gradient(BASIC, "varLocals", x, y);
        assertEquals(2 * (Math.sin(x * y) + x), g.value(), EPS);
        assertEquals(2 * (y * Math.cos(x * y) + 1), g.d("x"), EPS);
        assertEquals(2 * x * Math.cos(x * y), g.d("y"), EPS);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.25, 3.0})
    void finalLocals(double x) {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "finalLocals", x);
        assertEquals(4 * x * x - 2 * x, g.value(), EPS);
        assertEquals(8 * x - 2, g.d("x"), EPS);
    }

    // -xy + x - y: d/dx = 1 - y, d/dy = -x - 1.
    @Test
    void unaryOperators() {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "unary", 2.0, 5.0);
        assertEquals(-10.0 + 2.0 - 5.0, g.value(), EPS);
        assertEquals(-4.0, g.d("x"), EPS);
        assertEquals(-3.0, g.d("y"), EPS);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, 0.7})
    void unaryOperatorsOnLocals(double x) {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "unaryLocals", x);
        assertEquals(Math.sin(x) + x, g.value(), EPS);
        assertEquals(Math.cos(x) + 1, g.d("x"), EPS);
    }

    // pi x^2 + e y + sin(pi x): d/dx = 2 pi x + pi cos(pi x), d/dy = e.
    @Test
    void mathConstants() {
        double x = 0.3;
        Gradient g = BASIC_CODE.get().gradient(BASIC, "constants", x, 2.0);
        assertEquals(Math.PI * x * x + Math.E * 2.0 + Math.sin(Math.PI * x), g.value(), EPS);
        assertEquals(2 * Math.PI * x + Math.PI * Math.cos(Math.PI * x), g.d("x"), EPS);
        assertEquals(Math.E, g.d("y"), EPS);
    }

    // 3 / 4 is int division (0), 3.0 / 4 is 0.75: derivative 2 + x + 0 + 0.75.
    @ParameterizedTest
    @ValueSource(doubles = {-2.0, 0.0, 1.0})
    void mixedIntAndDoubleLiterals(double x) {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "literals", x);
        assertEquals(2 * x + 0.5 * x * x - 1 + 0.75 * x, g.value(), EPS);
        assertEquals(2 + x + 0.75, g.d("x"), EPS);
    }

    // (x^2 - y^2) / (2 (y + 3)): d/dx = x / (y + 3), d/dy = (-2y (y + 3) - (x^2 - y^2)) / (2 (y + 3)^2).
    @Test
    void parentheses() {
        double x = 1.5;
        double y = 0.5;
        Gradient g = BASIC_CODE.get().gradient(BASIC, "parens", x, y);
        assertEquals(2.0 / 7.0, g.value(), EPS);
        assertEquals(1.5 / 3.5, g.d("x"), EPS);
        assertEquals(-5.5 / 24.5, g.d("y"), EPS);
    }

    // x / y + 1 / (xy): d/dx = 1 / y - 1 / (x^2 y), d/dy = -x / y^2 - 1 / (x y^2).
    @Test
    void division() {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "division", 2.0, 4.0);
        assertEquals(0.5 + 0.125, g.value(), EPS);
        assertEquals(0.25 - 1.0 / 16.0, g.d("x"), EPS);
        assertEquals(-2.0 / 16.0 - 1.0 / 32.0, g.d("y"), EPS);
    }

    // x - y - 1 + x / y / 2 at (3, 2): value 3 - 2 - 1 + 0.75 = 0.75 (not x - (y - 1) = 2 or x / (y / 2) = 3);
    // d/dx = 1 + 1 / (2y) = 1.25, d/dy = -1 - x / (2 y^2) = -1.375.
    @Test
    void leftAssociativity() {
        Gradient g = BASIC_CODE.get().gradient(BASIC, "associativity", 3.0, 2.0);
        assertEquals(0.75, g.value(), EPS);
        assertEquals(1.25, g.d("x"), EPS);
        assertEquals(-1.375, g.d("y"), EPS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reassignChain", "compound", "compoundParams", "varLocals", "unary", "constants",
            "parens", "division", "associativity"})
    void agreesWithFiniteDifferences(String method) {
        BASIC_CODE.get().assertGradientMatchesDifferences(BASIC, method, XY, 0.9, 1.7);
        BASIC_CODE.get().assertGradientMatchesDifferences(BASIC, method, XY, -1.2, 0.4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reassignParam", "reassignLocal", "compoundSelf", "finalLocals", "unaryLocals",
            "literals"})
    void singleParameterAgreesWithFiniteDifferences(String method) {
        BASIC_CODE.get().assertGradientMatchesDifferences(BASIC, method, X, 0.9);
        BASIC_CODE.get().assertGradientMatchesDifferences(BASIC, method, X, -1.7);
    }

    // ------------------------------------------------------------------ int, long and boolean parameters

    private static final String INTS = "s.Ints";
    private static final GeneratedCode.Once INTS_CODE = GeneratedCode.once(source(INTS, """
            package s;

            import io.github.sourcegrad.Differentiable;

            class Ints {
                /** n / 2 is int division: for n = 3 this is 1 * x. */
                @Differentiable
                static double intDivision(double x, int n) {
                    double h = n / 2 * x;
                    return h;
                }

                /** n x^2 + x / n + (n / 2.0) x: derivative 2 n x + 1 / n + n / 2. */
                @Differentiable
                static double intMixed(double x, int n) {
                    return n * x * x + x / n + n / 2.0 * x;
                }

                /** x (n / 2) with the int division on the right: n = 5 -> 2x. */
                @Differentiable
                static double intDivisionRight(double x, int n) {
                    return x * (n / 2);
                }

                /** m x + x / m with a long m. */
                @Differentiable
                static double longParam(double x, long m) {
                    return m * x + x / m;
                }

                @Differentiable
                static double callee(double x, long m, boolean flag) {
                    return m * x * x;
                }

                /** callee(x) + callee(2x) = m x^2 + 4 m x^2 = 5 m x^2: derivative 10 m x. */
                @Differentiable
                static double passThrough(double x, long m, boolean flag) {
                    return callee(x, m, flag) + callee(2 * x, m, flag);
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({
        // n, n / 2 (int division)
        "3, 1",
        "4, 2",
        "5, 2",
        "1, 0",
        "-3, -1"
    })
    void intDivisionKeepsJavaSemantics(int n, int half) {
        double x = 1.75;
        Gradient g = INTS_CODE.get().gradient(INTS, "intDivision", x, n);
        assertEquals(List.of("value", "dx"), g.componentNames());
        assertEquals(half * x, g.value(), EPS);
        assertEquals(half, g.d("x"), EPS);
        Gradient right = INTS_CODE.get().gradient(INTS, "intDivisionRight", x, n);
        assertEquals(half * x, right.value(), EPS);
        assertEquals(half, right.d("x"), EPS);
    }

    @Test
    void intDivisionForThreeIsOne() {
        // the example from the contract: n = 3 gives h = 1 * x
        Gradient g = INTS_CODE.get().gradient(INTS, "intDivision", 5.0, 3);
        assertEquals(5.0, g.value(), EPS);
        assertEquals(1.0, g.d("x"), EPS);
        assertNotEquals(1.5, g.d("x"), 1e-3, "n / 2 must not be evaluated as 1.5");
    }

    @ParameterizedTest
    @CsvSource({"1.5, 3", "-0.5, 4", "2.0, -5"})
    void intParamsInDoubleArithmetic(double x, int n) {
        Gradient g = INTS_CODE.get().gradient(INTS, "intMixed", x, n);
        assertEquals(n * x * x + x / n + n / 2.0 * x, g.value(), EPS);
        assertEquals(2 * n * x + 1.0 / n + n / 2.0, g.d("x"), EPS);
        double[] grad = new double[1];
        INTS_CODE.get().gradientInto(INTS, "intMixed", grad, x, n);
        assertEquals(2 * n * x + 1.0 / n + n / 2.0, grad[0], EPS);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 3", "-0.5, 10", "2.0, -4"})
    void longParam(double x, long m) {
        Gradient g = INTS_CODE.get().gradient(INTS, "longParam", x, m);
        assertEquals(List.of("value", "dx"), g.componentNames());
        assertEquals(m * x + x / m, g.value(), EPS);
        assertEquals(m + 1.0 / m, g.d("x"), EPS);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 3, true", "1.5, 3, false", "-0.5, 7, true", "2.0, -2, false"})
    void longAndBooleanPassedThroughToCallees(double x, long m, boolean flag) {
        Gradient g = INTS_CODE.get().gradient(INTS, "passThrough", x, m, flag);
        assertEquals(List.of("value", "dx"), g.componentNames());
        assertEquals(5 * m * x * x, g.value(), EPS);
        assertEquals(10 * m * x, g.d("x"), EPS);
        assertEquals(INTS_CODE.get().primal(INTS, "passThrough", x, m, flag), g.value(), EPS);
        double[] grad = new double[1];
        assertEquals(5 * m * x * x, INTS_CODE.get().gradientInto(INTS, "passThrough", grad, x, m, flag), EPS);
        assertEquals(10 * m * x, grad[0], EPS);
    }

    // ------------------------------------------------------------------ a static final constant of the class

    private static final String SCALED = "s.Scaled";
    private static final GeneratedCode.Once SCALED_CODE = GeneratedCode.once(source(SCALED, """
            package s;

            import io.github.sourcegrad.Differentiable;

            class Scaled {
                static final double SCALE = 2.5;

                /** SCALE x^2 + SCALE: derivative 2 SCALE x = 5x. */
                @Differentiable
                static double scaled(double x) {
                    return SCALE * x * x + SCALE;
                }
            }
            """));

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, 2.0})
    void staticFinalConstant(double x) {
        Gradient g = SCALED_CODE.get().gradient(SCALED, "scaled", x);
        assertEquals(2.5 * x * x + 2.5, g.value(), EPS);
        assertEquals(5 * x, g.d("x"), EPS);
    }

    // ------------------------------------------------------------------ nested classes

    private static final String OUTER = "s.Outer";
    private static final String INNER = "s.Outer$Inner";
    private static final GeneratedCode.Once NESTED_CODE = GeneratedCode.once(source(OUTER, """
            package s;

            import io.github.sourcegrad.Differentiable;

            public class Outer {
                public static class Inner {
                    @Differentiable
                    static double cube(double x) {
                        return x * x * x;
                    }
                }
            }
            """));

    @Test
    void nestedClassCompanionIsNamedAfterOuterAndInner() {
        Class<?> companion = NESTED_CODE.get().load("s.Outer_InnerGrad");
        assertEquals("s.Outer_InnerGrad", companion.getName());
        assertTrue(companion.getEnclosingClass() == null, "the companion is a top-level class");
        assertTrue(Modifier.isPublic(companion.getModifiers()) && Modifier.isFinal(companion.getModifiers()),
                "companion must be public final");
        Gradient g = NESTED_CODE.get().gradient(INNER, "cube", 2.0);
        assertEquals(8.0, g.value(), EPS);
        assertEquals(12.0, g.d("x"), EPS);
        double[] grad = new double[1];
        assertEquals(-1.0, NESTED_CODE.get().gradientInto(INNER, "cube", grad, -1.0), EPS);
        assertEquals(3.0, grad[0], EPS);
    }

    // ------------------------------------------------------------------ overloads

    private static final String OVER = "s.Over";
    private static final GeneratedCode.Once OVERLOAD_CODE = GeneratedCode.once(source(OVER, """
            package s;

            import io.github.sourcegrad.Differentiable;

            class Over {
                @Differentiable
                static double f(double x) {
                    return x * x;
                }

                @Differentiable
                static double f(double x, double y) {
                    return x * y + x;
                }
            }
            """));

    @Test
    void overloadedMethodsGetOverloadedGradients() {
        GeneratedCode code = OVERLOAD_CODE.get();
        Gradient one = code.gradient(OVER, "f", 3.0);
        assertEquals(List.of("value", "dx"), one.componentNames());
        assertEquals(9.0, one.value(), EPS);
        assertEquals(6.0, one.d("x"), EPS);

        Gradient two = code.gradient(OVER, "f", 2.0, 3.0);
        assertEquals(List.of("value", "dx", "dy"), two.componentNames());
        assertEquals(8.0, two.value(), EPS);
        assertEquals(4.0, two.d("x"), EPS);
        assertEquals(2.0, two.d("y"), EPS);
        assertNotEquals(one.type(), two.type(), "each overload needs its own record");

        double[] g1 = new double[1];
        assertEquals(9.0, code.gradientInto(OVER, "f", g1, 3.0), EPS);
        assertArrayEquals(new double[] {6.0}, g1, EPS);
        double[] g2 = new double[2];
        assertEquals(8.0, code.gradientInto(OVER, "f", g2, 2.0, 3.0), EPS);
        assertArrayEquals(new double[] {4.0, 2.0}, g2, EPS);
    }

    // ------------------------------------------------------------------ user names that look like generated ones

    private static final String NAMES = "s.Names";
    private static final GeneratedCode.Once NAMES_CODE = GeneratedCode.once(source(NAMES, """
            package s;

            import io.github.sourcegrad.Differentiable;

            class Names {
                @Differentiable
                static double sq(double a) {
                    return a * a;
                }

                /** A parameter named like the zero-allocation array, locals named like temporaries/adjoints. */
                @Differentiable
                static double clash(double grad, double t1) {
                    double dt1 = grad * t1;
                    double dgrad = dt1 + grad;
                    double t2 = Math.sin(dgrad);
                    return t2 * t1;
                }

                /** A parameter named value, locals named dx, d_x, xLocal: 4 x^2 v^2 + 2 x^2. */
                @Differentiable
                static double adjointNames(double x, double value) {
                    double dx = x * 2;
                    double d_x = dx * value;
                    double xLocal = sq(d_x);
                    return xLocal + dx * x;
                }
            }
            """));

    // u = g t + g; f = sin(u) t: df/dg = cos(u) (t + 1) t, df/dt = cos(u) g t + sin(u).
    @Test
    void namesThatLookLikeGeneratedNames() {
        double g = 0.7;
        double t = -1.3;
        double u = g * t + g;
        Gradient r = NAMES_CODE.get().gradient(NAMES, "clash", g, t);
        assertEquals(List.of("value", "dgrad", "dt1"), r.componentNames());
        assertEquals(Math.sin(u) * t, r.value(), EPS);
        assertEquals(Math.cos(u) * (t + 1) * t, r.d("grad"), EPS);
        assertEquals(Math.cos(u) * g * t + Math.sin(u), r.d("t1"), EPS);
        double[] array = new double[2];
        assertEquals(Math.sin(u) * t, NAMES_CODE.get().gradientInto(NAMES, "clash", array, g, t), EPS);
        assertArrayEquals(new double[] {r.d("grad"), r.d("t1")}, array, 0.0);
    }

    // 4 x^2 v^2 + 2 x^2: d/dx = 8 x v^2 + 4 x, d/dvalue = 8 x^2 v.
    @Test
    void parameterNamedValueAndLocalsNamedLikeAdjoints() {
        double x = 1.5;
        double v = -0.5;
        Gradient r = NAMES_CODE.get().gradient(NAMES, "adjointNames", x, v);
        assertEquals(List.of("value", "dx", "dvalue"), r.componentNames());
        assertEquals(4 * x * x * v * v + 2 * x * x, r.value(), EPS);
        assertEquals(8 * x * v * v + 4 * x, r.d("x"), EPS);
        assertEquals(8 * x * x * v, r.d("value"), EPS);
    }

    // ------------------------------------------------------------------ parameters that do not reach the result

    private static final String EDGES = "s.Edges";
    private static final GeneratedCode.Once EDGES_CODE = GeneratedCode.once(source(EDGES, """
            package s;

            import io.github.sourcegrad.Differentiable;

            class Edges {
                @Differentiable
                static double unusedParam(double x, double y) {
                    return x * 2;
                }

                @Differentiable
                static double returnsParam(double x, double y) {
                    return y;
                }

                @Differentiable
                static double constantResult(double x) {
                    return 3;
                }

                @Differentiable
                static double onlyInt(double x, int n) {
                    return n * 1.5;
                }
            }
            """));

    @Test
    void unusedParameterHasZeroPartial() {
        Gradient g = EDGES_CODE.get().gradient(EDGES, "unusedParam", 1.25, 7.0);
        assertEquals(2.5, g.value(), EPS);
        assertEquals(2.0, g.d("x"), EPS);
        assertEquals(0.0, g.d("y"), 0.0);
        double[] grad = {Double.NaN, Double.NaN};
        EDGES_CODE.get().gradientInto(EDGES, "unusedParam", grad, 1.25, 7.0);
        assertArrayEquals(new double[] {2.0, 0.0}, grad, 0.0);
    }

    @Test
    void returningAParameter() {
        Gradient g = EDGES_CODE.get().gradient(EDGES, "returnsParam", 1.25, 7.0);
        assertEquals(7.0, g.value(), 0.0);
        assertEquals(0.0, g.d("x"), 0.0);
        assertEquals(1.0, g.d("y"), 0.0);
    }

    @Test
    void resultThatDoesNotDependOnAnyDifferentiatedParameter() {
        Gradient c = EDGES_CODE.get().gradient(EDGES, "constantResult", 1.25);
        assertEquals(3.0, c.value(), 0.0);
        assertEquals(0.0, c.d("x"), 0.0);
        Gradient n = EDGES_CODE.get().gradient(EDGES, "onlyInt", 1.25, 4);
        assertEquals(6.0, n.value(), 0.0);
        assertEquals(0.0, n.d("x"), 0.0);
        double[] grad = {Double.NaN};
        assertEquals(6.0, EDGES_CODE.get().gradientInto(EDGES, "onlyInt", grad, 1.25, 4), 0.0);
        assertEquals(0.0, grad[0], 0.0);
    }

    // ------------------------------------------------------------------ shape of the generated API

    @Test
    void companionShape() throws Exception {
        GeneratedCode code = BASIC_CODE.get();
        Class<?> companion = code.companion(BASIC);
        assertEquals("s.BasicGrad", companion.getName());
        assertTrue(Modifier.isPublic(companion.getModifiers()), "companion must be public");
        assertTrue(Modifier.isFinal(companion.getModifiers()), "companion must be final");

        Method record = companion.getMethod("dcompound", double.class, double.class);
        assertTrue(Modifier.isStatic(record.getModifiers()), "record form must be static");
        assertTrue(record.getReturnType().isRecord(), "record form must return a record");
        assertEquals(companion, record.getReturnType().getEnclosingClass(), "record nested in the companion");

        Method into = companion.getMethod("dcompound", double.class, double.class, double[].class);
        assertTrue(Modifier.isStatic(into.getModifiers()), "zero-allocation form must be static");
        assertEquals(double.class, into.getReturnType());
    }

    @Test
    void gradientRecordIsUsableFromOtherPackages() {
        Class<?> record = BASIC_CODE.get().gradientMethod(BASIC, "compound", 1.0, 2.0).getReturnType();
        assertTrue(Modifier.isPublic(record.getModifiers()), record + " must be public for callers of df");
    }
}
