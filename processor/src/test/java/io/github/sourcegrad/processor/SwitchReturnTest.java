package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code return} inside a {@code switch} statement (issue 12): colon and arrow forms, with fall-through, nested in
 * an {@code if} or block of a case, a switch whose every case returns, a loop and a nested switch inside a case,
 * and a switch inside a loop. Every path is taken, and each gradient is checked in both forms against its exact
 * value and against central differences.
 */
class SwitchReturnTest {

    private static final double EPS = 1e-12;

    private static final String CLS = "sr.Returns";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package sr;

            import io.github.sourcegrad.Differentiable;

            class Returns {
                @Differentiable
                static double colon(double x, int k) {
                    switch (k) {
                        case 0:
                            return x * x;
                        case 1:
                        case 2:
                            double t = Math.sin(x);
                            return t * k;
                        default:
                            break;
                    }
                    return Math.exp(x);
                }

                @Differentiable
                static double arrow(double x, int k) {
                    double y = x;
                    switch (k) {
                        case 0 -> {
                            return 2 * x;
                        }
                        case 1 -> y = x * x;
                        default -> {
                            if (x > 1) {
                                return Math.log(x);
                            }
                            y = -x;
                        }
                    }
                    return y * 3;
                }

                @Differentiable
                static double everyCaseReturns(double x, int k) {
                    switch (k) {
                        case 0:
                            return x;
                        default:
                            return x * x * x;
                    }
                }

                @Differentiable
                @SuppressWarnings("fallthrough")
                static double fallsIntoAReturn(double x, int k) {
                    double y = x;
                    switch (k) {
                        case 0:
                            y *= x;
                        case 1:
                            y += 1;
                            return y * y;
                        case 2:
                            y = Math.sin(y);
                            break;
                    }
                    return y;
                }

                @Differentiable
                static double inALoop(double x, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        switch (i % 3) {
                            case 0:
                                s += x;
                                break;
                            case 1:
                                if (s > 3) {
                                    return s * x;
                                }
                                s *= x;
                                break;
                            default:
                                s -= 0.5;
                        }
                    }
                    return s;
                }

                @Differentiable
                static double arrowInALoop(double x, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        switch (i) {
                            case 2 -> {
                                return s + x;
                            }
                            default -> s += x * i;
                        }
                    }
                    return -s;
                }

                @Differentiable
                static double loopInACase(double x, int k) {
                    double p = 1;
                    switch (k) {
                        case 0:
                            for (int i = 0; i < 5; i++) {
                                p *= x;
                                if (p > 2) {
                                    return p;
                                }
                            }
                            p += 1;
                            break;
                        default:
                            return -x;
                    }
                    return p * 2;
                }

                @Differentiable
                static double nestedSwitch(double x, int a, int b) {
                    double y;
                    switch (a) {
                        case 0:
                            switch (b) {
                                case 0 -> {
                                    return x;
                                }
                                default -> { }
                            }
                            y = x * 2;
                            break;
                        default:
                            y = 3 * x;
                    }
                    return y + x * x;
                }

                @Differentiable
                static double breakInABlock(double x, int k) {
                    double y = x;
                    switch (k) {
                        case 0: {
                            if (x > 0) {
                                y = y * y;
                                break;
                            }
                            return -x;
                        }
                        default:
                            y = 2 * y;
                    }
                    return y + 1;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.7, 0", "0.7, 1", "-1.3, 2", "0.4, 3"})
    void colonCasesThatReturnOrBreak(double x, int k) {
        double[] expected = switch (k) {
            case 0 -> new double[] {x * x, 2 * x};
            case 1, 2 -> new double[] {Math.sin(x) * k, Math.cos(x) * k};
            default -> new double[] {Math.exp(x), Math.exp(x)};
        };
        check("colon", expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 0", "0.7, 1", "1.5, 2", "0.5, 2"})
    void arrowCasesAndAReturnInAnIf(double x, int k) {
        double[] expected = k == 0 ? new double[] {2 * x, 2} : k == 1 ? new double[] {3 * x * x, 6 * x}
                : x > 1 ? new double[] {Math.log(x), 1 / x} : new double[] {-3 * x, -3};
        check("arrow", expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 0", "0.7, 5"})
    void aSwitchThatEndsTheMethod(double x, int k) {
        check("everyCaseReturns", k == 0 ? new double[] {x, 1} : new double[] {x * x * x, 3 * x * x}, x, k);
    }

    @ParameterizedTest
    @CsvSource({"0.6, 0", "0.6, 1", "0.6, 2", "0.6, 3"})
    void fallThroughIntoAReturn(double x, int k) {
        double[] expected = switch (k) {
            case 0 -> new double[] {Math.pow(x * x + 1, 2), 2 * (x * x + 1) * 2 * x};
            case 1 -> new double[] {(x + 1) * (x + 1), 2 * (x + 1)};
            case 2 -> new double[] {Math.sin(x), Math.cos(x)};
            default -> new double[] {x, 1};
        };
        check("fallsIntoAReturn", expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 8", "0.5, 8", "2.5, 2", "1.2, 0"})
    void aReturnInASwitchInALoop(double x, int n) {
        // forward mode by hand: (s, ds/dx)
        double s = 0;
        double ds = 0;
        double[] expected = null;
        for (int i = 0; i < n && expected == null; i++) {
            switch (i % 3) {
                case 0 -> {
                    s += x;
                    ds += 1;
                }
                case 1 -> {
                    if (s > 3) {
                        expected = new double[] {s * x, ds * x + s};
                    } else {
                        ds = ds * x + s;
                        s *= x;
                    }
                }
                default -> s -= 0.5;
            }
        }
        check("inALoop", expected != null ? expected : new double[] {s, ds}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 5", "0.7, 2", "-0.3, 3"})
    void aReturnInAnArrowCaseInALoop(double x, int n) {
        // s after i = 0, 1 is x; at i = 2 the method returns s + x
        double[] expected = n > 2 ? new double[] {2 * x, 2} : n == 2 ? new double[] {-x, -1} : new double[] {0, 0};
        check("arrowInALoop", expected, x, n);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0", "1.1, 0", "0.9, 0", "0.9, 1"})
    void aLoopThatReturnsInsideACase(double x, int k) {
        double[] expected;
        if (k != 0) {
            expected = new double[] {-x, -1};
        } else {
            expected = null;
            for (int m = 1; m <= 5 && expected == null; m++) {
                if (Math.pow(x, m) > 2) {
                    expected = new double[] {Math.pow(x, m), m * Math.pow(x, m - 1)};
                }
            }
            if (expected == null) {
                expected = new double[] {2 * (Math.pow(x, 5) + 1), 10 * Math.pow(x, 4)};
            }
        }
        check("loopInACase", expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0, 1", "1, 0"})
    void aNestedSwitchThatReturns(int a, int b) {
        double x = 0.8;
        double[] expected = a == 0 && b == 0 ? new double[] {x, 1}
                : a == 0 ? new double[] {2 * x + x * x, 2 + 2 * x} : new double[] {3 * x + x * x, 3 + 2 * x};
        check("nestedSwitch", expected, x, a, b);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 0", "-0.7, 0", "0.7, 1"})
    void aBreakInAnIfOfABlockBesideAReturn(double x, int k) {
        double[] expected = k != 0 ? new double[] {2 * x + 1, 2} : x > 0 ? new double[] {x * x + 1, 2 * x}
                : new double[] {-x, -1};
        check("breakInABlock", expected, x, k);
    }

    @Test
    void theGeneratedCodeIsAnIfChainWhosePathsReturn() {
        String generated = CODE.get().generatedSource("sr.ReturnsGrad");
        assertTrue(!generated.contains("switch (k)") && !generated.contains("switch (b)") && generated.contains("} else if (k == 1 || k == 2) {"), generated);
    }

    // ------------------------------------------------------------------ checks

    /** Exact value and partial (the first parameter) in both forms, and the record form against central differences. */
    private static void check(String method, double[] expected, Object... args) {
        GeneratedCode code = CODE.get();
        String where = method + Arrays.toString(args);
        Gradient g = code.gradient(CLS, method, args);
        double[] partials = g.partials();
        assertRelative(expected[0], g.value(), where + ": value()");
        assertRelative(expected[0], code.primal(CLS, method, args), where + ": the method itself");
        assertRelative(expected[1], partials[0], where + ": partial");
        double[] grad = new double[partials.length];
        Arrays.fill(grad, Double.NaN);
        double value = code.gradientInto(CLS, method, grad, args);
        assertRelative(expected[0], value, where + ": value of the zero-allocation form");
        assertRelative(expected[1], grad[0], where + ": grad[0]");
        code.assertGradientMatchesDifferences(CLS, method, new int[] {0}, args);
    }

    private static void assertRelative(double expected, double actual, String what) {
        double allowed = EPS * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }
}
