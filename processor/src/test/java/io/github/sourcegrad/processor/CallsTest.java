package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Calls from one {@code @Differentiable} method to another: same class, other class, other package. */
class CallsTest {

    private static final double EPS = 1e-12;
    private static final int[] XY = {0, 1};

    // ------------------------------------------------------------------ same class

    private static final String SAME = "c.Same";
    private static final GeneratedCode.Once SAME_CLASS = GeneratedCode.once(source(SAME, """
            package c;

            import io.github.sourcegrad.Differentiable;

            class Same {
                @Differentiable
                static double sq(double a) {
                    return a * a;
                }

                /** x^2 + 3 (x + 1)^2: derivative 2x + 6 (x + 1). */
                @Differentiable
                static double f(double x) {
                    return sq(x) + 3 * sq(x + 1);
                }

                /** The callee's argument does not depend on x: x * sq(3) = 9x. */
                @Differentiable
                static double constantArgument(double x) {
                    return x * sq(3) + sq(2.0);
                }

                /** A call result reused (fan-out): s = sq(x y); s * s + s = (xy)^4 + (xy)^2. */
                @Differentiable
                static double reuse(double x, double y) {
                    double s = sq(x * y);
                    return s * s + s;
                }

                /** Nested calls: sq(sq(x) + y) = (x^2 + y)^2. */
                @Differentiable
                static double nested(double x, double y) {
                    return sq(sq(x) + y);
                }
            }
            """));

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -0.5, 0.0, 1.25, 3.0})
    void callInTheSameClass(double x) {
        Gradient g = SAME_CLASS.get().gradient(SAME, "f", x);
        assertEquals(x * x + 3 * (x + 1) * (x + 1), g.value(), EPS);
        assertEquals(2 * x + 6 * (x + 1), g.d("x"), EPS);
    }

    @Test
    void callWithArgumentsThatDoNotDependOnParams() {
        Gradient g = SAME_CLASS.get().gradient(SAME, "constantArgument", 2.0);
        assertEquals(18.0 + 4.0, g.value(), EPS);
        assertEquals(9.0, g.d("x"), EPS);
    }

    // s = (xy)^2, f = s^2 + s; df/dx = (2s + 1) * 2 x y^2, df/dy = (2s + 1) * 2 x^2 y.
    @ParameterizedTest
    @CsvSource({"1.5, -0.5", "0.3, 2.0", "-1.0, 1.0"})
    void reusedCallResult(double x, double y) {
        double s = x * y * x * y;
        Gradient g = SAME_CLASS.get().gradient(SAME, "reuse", x, y);
        assertEquals(s * s + s, g.value(), EPS);
        assertEquals((2 * s + 1) * 2 * x * y * y, g.d("x"), 1e-10);
        assertEquals((2 * s + 1) * 2 * x * x * y, g.d("y"), 1e-10);
        SAME_CLASS.get().assertGradientMatchesDifferences(SAME, "reuse", XY, x, y);
    }

    // (x^2 + y)^2: d/dx = 2 (x^2 + y) 2x, d/dy = 2 (x^2 + y).
    @Test
    void nestedCalls() {
        Gradient g = SAME_CLASS.get().gradient(SAME, "nested", 1.5, -0.25);
        double u = 1.5 * 1.5 - 0.25;
        assertEquals(u * u, g.value(), EPS);
        assertEquals(4 * u * 1.5, g.d("x"), EPS);
        assertEquals(2 * u, g.d("y"), EPS);
    }

    @Test
    void calleeHasItsOwnGradient() {
        Gradient g = SAME_CLASS.get().gradient(SAME, "sq", -3.0);
        assertEquals(9.0, g.value(), EPS);
        assertEquals(-6.0, g.d("a"), EPS);
    }

    // ------------------------------------------------------------------ another class, another package

    private static final String LIB = "q.Lib";
    private static final String USER = "p.User";
    private static final String HELPER = "p.Helper";
    private static final GeneratedCode.Once OTHER_CLASSES = GeneratedCode.once(
            source(LIB, """
                    package q;

                    import io.github.sourcegrad.Differentiable;

                    public class Lib {
                        @Differentiable
                        public static double cube(double t) {
                            return t * t * t;
                        }
                    }
                    """),
            source(HELPER, """
                    package p;

                    import io.github.sourcegrad.Differentiable;

                    class Helper {
                        @Differentiable
                        static double shifted(double a, double b) {
                            return Math.sin(a) - b;
                        }
                    }
                    """),
            source(USER, """
                    package p;

                    import io.github.sourcegrad.Differentiable;
                    import q.Lib;

                    class User {
                        /** cube(x y) + y: d/dx = 3 (xy)^2 y, d/dy = 3 (xy)^2 x + 1. */
                        @Differentiable
                        static double f(double x, double y) {
                            return Lib.cube(x * y) + y;
                        }

                        /** Same package, other class: (sin x - y) * x; d/dx = cos x * x + sin x - y, d/dy = -x. */
                        @Differentiable
                        static double g(double x, double y) {
                            double s = Helper.shifted(x, y);
                            return s * x;
                        }
                    }
                    """));

    @ParameterizedTest
    @CsvSource({"1.0, 2.0", "-0.5, 1.5", "0.0, 3.0"})
    void callIntoAnotherPackage(double x, double y) {
        double t = x * y;
        Gradient g = OTHER_CLASSES.get().gradient(USER, "f", x, y);
        assertEquals(List.of("value", "dx", "dy"), g.componentNames());
        assertEquals(t * t * t + y, g.value(), EPS);
        assertEquals(3 * t * t * y, g.d("x"), EPS);
        assertEquals(3 * t * t * x + 1, g.d("y"), EPS);
    }

    @ParameterizedTest
    @CsvSource({"1.0, 2.0", "-0.5, 1.5", "2.5, -0.75"})
    void callIntoAnotherClassOfTheSamePackage(double x, double y) {
        Gradient g = OTHER_CLASSES.get().gradient(USER, "g", x, y);
        assertEquals((Math.sin(x) - y) * x, g.value(), EPS);
        assertEquals(Math.cos(x) * x + Math.sin(x) - y, g.d("x"), EPS);
        assertEquals(-x, g.d("y"), EPS);
        OTHER_CLASSES.get().assertGradientMatchesDifferences(USER, "g", XY, x, y);
    }

    @Test
    void eachClassHasItsOwnCompanion() {
        Gradient lib = OTHER_CLASSES.get().gradient(LIB, "cube", 2.0);
        assertEquals(8.0, lib.value(), EPS);
        assertEquals(12.0, lib.d("t"), EPS);
        Gradient helper = OTHER_CLASSES.get().gradient(HELPER, "shifted", 0.0, 1.0);
        assertEquals(-1.0, helper.value(), EPS);
        assertEquals(1.0, helper.d("a"), EPS);
        assertEquals(-1.0, helper.d("b"), EPS);
    }

    // ------------------------------------------------------------------ callee with restricted wrt

    private static final String RESTRICTED = "r.Restricted";
    private static final GeneratedCode.Once RESTRICTED_CALLEE = GeneratedCode.once(source(RESTRICTED, """
            package r;

            import io.github.sourcegrad.Differentiable;

            class Restricted {
                /** Differentiated only wrt a. */
                @Differentiable(wrt = "a")
                static double g(double a, double b) {
                    return a * a * b + Math.sin(b);
                }

                /** Needs the partial of g wrt b as well: f = (x^2 y + sin y) y. */
                @Differentiable
                static double f(double x, double y) {
                    return g(x, y) * y;
                }

                /** Only b varies through the call: g(2, y) = 4y + sin y. */
                @Differentiable
                static double onlyB(double y) {
                    return g(2, y);
                }

                /** Both arguments depend on x: g(x y, x + y). */
                @Differentiable
                static double both(double x, double y) {
                    return g(x * y, x + y);
                }
            }
            """));

    @Test
    void restrictedCalleeKeepsItsOwnRestrictedRecord() {
        Gradient g = RESTRICTED_CALLEE.get().gradient(RESTRICTED, "g", 1.5, 2.0);
        assertEquals(List.of("value", "da"), g.componentNames());
        assertEquals(2 * 1.5 * 2.0, g.d("a"), EPS);
    }

    // f = (x^2 y + sin y) y: df/dx = 2 x y^2, df/dy = 2 x^2 y + sin y + y cos y.
    @ParameterizedTest
    @CsvSource({"1.0, 2.0", "-0.5, 1.5", "2.0, -0.3"})
    void callerOfARestrictedCalleeGetsTheFullGradient(double x, double y) {
        GeneratedCode code = RESTRICTED_CALLEE.get();
        Gradient g = code.gradient(RESTRICTED, "f", x, y);
        assertEquals(List.of("value", "dx", "dy"), g.componentNames());
        assertEquals((x * x * y + Math.sin(y)) * y, g.value(), EPS);
        assertEquals(2 * x * y * y, g.d("x"), EPS);
        assertEquals(2 * x * x * y + Math.sin(y) + y * Math.cos(y), g.d("y"), EPS);
        code.assertGradientMatchesDifferences(RESTRICTED, "f", XY, x, y);
    }

    // g(2, y) = 4y + sin y: derivative 4 + cos y (entirely through the non-wrt parameter b).
    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, 0.7})
    void derivativeFlowingOnlyThroughTheNonWrtParameter(double y) {
        Gradient g = RESTRICTED_CALLEE.get().gradient(RESTRICTED, "onlyB", y);
        assertEquals(4 * y + Math.sin(y), g.value(), EPS);
        assertEquals(4 + Math.cos(y), g.d("y"), EPS);
    }

    @ParameterizedTest
    @CsvSource({"1.0, 2.0", "-0.5, 1.5", "0.8, -1.2"})
    void bothArgumentsOfARestrictedCallee(double x, double y) {
        RESTRICTED_CALLEE.get().assertGradientMatchesDifferences(RESTRICTED, "both", XY, x, y);
    }

    // ------------------------------------------------------------------ chain of three calls

    private static final String CHAIN = "ch.Chain";
    private static final String CHAIN_TAIL = "ch.Tail";
    private static final GeneratedCode.Once CHAIN_OF_CALLS = GeneratedCode.once(
            source(CHAIN, """
                    package ch;

                    import io.github.sourcegrad.Differentiable;

                    class Chain {
                        @Differentiable
                        static double top(double x) {
                            return Math.exp(middle(x));
                        }

                        @Differentiable
                        static double middle(double u) {
                            return Math.sin(Tail.bottom(u));
                        }

                        /** top2(x, y) = top(x) * middle(y) + Tail.bottom(x * y). */
                        @Differentiable
                        static double top2(double x, double y) {
                            return top(x) * middle(y) + Tail.bottom(x * y);
                        }
                    }
                    """),
            source(CHAIN_TAIL, """
                    package ch;

                    import io.github.sourcegrad.Differentiable;

                    class Tail {
                        @Differentiable
                        static double bottom(double v) {
                            return v * v + 1;
                        }
                    }
                    """));

    // top(x) = exp(sin(x^2 + 1)): derivative exp(sin(x^2 + 1)) cos(x^2 + 1) 2x.
    @ParameterizedTest
    @ValueSource(doubles = {-1.3, -0.2, 0.0, 0.6, 1.7})
    void chainOfThreeCalls(double x) {
        double inner = x * x + 1;
        double top = Math.exp(Math.sin(inner));
        Gradient g = CHAIN_OF_CALLS.get().gradient(CHAIN, "top", x);
        assertEquals(top, g.value(), EPS);
        assertEquals(top * Math.cos(inner) * 2 * x, g.d("x"), 1e-11);
    }

    @ParameterizedTest
    @CsvSource({"0.4, -0.9", "1.1, 0.5", "-0.7, 1.3"})
    void chainMixedWithOtherCalls(double x, double y) {
        CHAIN_OF_CALLS.get().assertGradientMatchesDifferences(CHAIN, "top2", XY, x, y);
    }

    // ------------------------------------------------------------------ callee with an int parameter

    private static final String INTS = "i.Scaled";
    private static final GeneratedCode.Once INT_CALLEE = GeneratedCode.once(source(INTS, """
            package i;

            import io.github.sourcegrad.Differentiable;

            class Scaled {
                @Differentiable
                static double scaled(double x, int n) {
                    return n * x * x;
                }

                /** scaled(x, k) + scaled(x, 2) = k x^2 + 2 x^2: derivative 2 k x + 4 x. */
                @Differentiable
                static double f(double x, int k) {
                    return scaled(x, k) + scaled(x, 2);
                }

                /** scaled(x y, k) = k x^2 y^2: d/dx = 2 k x y^2, d/dy = 2 k x^2 y. */
                @Differentiable
                static double g(int k, double x, double y) {
                    return scaled(x * y, k);
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"1.5, 3", "-2.0, 0", "0.5, -4"})
    void calleeWithAnIntParameter(double x, int k) {
        Gradient g = INT_CALLEE.get().gradient(INTS, "f", x, k);
        assertEquals(List.of("value", "dx"), g.componentNames());
        assertEquals(k * x * x + 2 * x * x, g.value(), EPS);
        assertEquals(2 * k * x + 4 * x, g.d("x"), EPS);
    }

    @Test
    void intParameterBeforeTheDoubles() {
        Gradient g = INT_CALLEE.get().gradient(INTS, "g", 3, 2.0, -0.5);
        assertEquals(List.of("value", "dx", "dy"), g.componentNames());
        assertEquals(3 * 4 * 0.25, g.value(), EPS);
        assertEquals(2 * 3 * 2.0 * 0.25, g.d("x"), EPS);
        assertEquals(2 * 3 * 4.0 * -0.5, g.d("y"), EPS);
        double[] grad = new double[2];
        assertEquals(3.0, INT_CALLEE.get().gradientInto(INTS, "g", grad, 3, 2.0, -0.5), EPS);
        assertArrayEquals(new double[] {3.0, -12.0}, grad, EPS);
    }
}
