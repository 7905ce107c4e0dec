package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code switch} statements and expressions (issue 12), lowered to if/else chains: arrow and colon forms,
 * fall-through, {@code default} anywhere, {@code yield}, {@code break} nested in an {@code if}, a switch in a
 * loop with {@code break} (of the switch) and {@code continue} (of the loop), nested switches, char labels and a
 * selector computed from a double. Every case path is taken, and each gradient is checked in both forms against
 * its exact value and against central differences.
 */
class SwitchTest {

    private static final double EPS = 1e-12;
    private static final int[] X = {0};
    private static final int[] XA = {0, 1};

    private static final String CLS = "sw.Switches";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package sw;

            import io.github.sourcegrad.Differentiable;

            class Switches {
                @Differentiable
                static double arrowStatement(double x, int k) {
                    double y;
                    switch (k) {
                        case 0 -> y = x * x;
                        case 1, 2 -> {
                            double t = Math.sin(x);
                            y = t * k;
                        }
                        default -> y = Math.exp(x);
                    }
                    return y;
                }

                @Differentiable
                static double arrowExpression(double x, double a, int k) {
                    return 1 + x * switch (k) {
                        case 0 -> a;
                        case 1 -> {
                            double t = a * x;
                            yield t * t;
                        }
                        default -> 0;
                    };
                }

                @Differentiable
                @SuppressWarnings("fallthrough")
                static double fallThrough(double x, int k) {
                    double y = x;
                    switch (k) {
                        case 0:
                            y = y * x;
                        case 1:
                            y = y + Math.sin(x);
                            break;
                        default:
                            y = 2 * y;
                        case 3:
                            y = y * y;
                            break;
                        case 4:
                            y = -y;
                    }
                    return y;
                }

                @Differentiable
                static double loopSwitch(double x, int n) {
                    double s = 0;
                    loop:
                    for (int i = 0; i < n; i++) {
                        switch (i % 3) {
                            case 0:
                                s += x;
                                break;
                            case 1:
                                if (s > 2) {
                                    break;
                                }
                                s += x * x;
                                continue;
                            default:
                                if (s > 40) {
                                    break loop;
                                }
                                s = s * 1.5;
                        }
                        s += 1;
                    }
                    return s;
                }

                @Differentiable
                static double nested(double x, int a, int b) {
                    return switch (a) {
                        case 0 -> switch (b) {
                            case 0 -> x;
                            default -> x * x;
                        };
                        default -> {
                            double r = 0;
                            switch (b) {
                                case 1:
                                    r = Math.cos(x);
                                    break;
                                default:
                                    r = x * 3;
                            }
                            yield r * 2;
                        }
                    };
                }

                @Differentiable
                static double charLabels(double x, int op) {
                    double y = x;
                    switch (op) {
                        case '+' -> y = x + 2;
                        case '*', 'x' -> y = x * 2;
                        case '^' -> y = Math.pow(x, 2);
                    }
                    return y;
                }

                @Differentiable
                static double floorSelector(double x) {
                    double y;
                    switch ((int) Math.floor(x)) {
                        case 0 -> y = x * x;
                        case 1 -> y = 1 + 2 * (x - 1);
                        default -> y = Math.sin(x);
                    }
                    return y;
                }

                @Differentiable
                static double colonYield(double x, int k) {
                    double y = switch (k) {
                        case 0:
                        case 1:
                            double t = x * k;
                            yield t + x;
                        case 2:
                            if (x > 0) {
                                yield Math.sqrt(x);
                            }
                            yield -x;
                        default:
                            yield 3;
                    };
                    return y * x;
                }

                @Differentiable
                static double intValued(double x, int k) {
                    int m = switch (k) {
                        case 0 -> 2;
                        case 1 -> k * 3;
                        default -> 5;
                    };
                    return x * (m / 4) + x * m;
                }

                @Differentiable
                static double square(double v) {
                    return v * v;
                }

                @Differentiable
                static double callsAndLoops(double x, int k) {
                    double r = switch (k) {
                        case 0 -> square(x) + 1;
                        default -> {
                            double p = 1;
                            for (int i = 0; i < k; i++) {
                                p *= x;
                            }
                            yield p;
                        }
                    };
                    return r;
                }

                @Differentiable
                static double booleanValued(double x, int k) {
                    boolean big = switch (k) {
                        case 0 -> x > 1;
                        case 1 -> true;
                        default -> false;
                    };
                    return big ? x * x : 3 * x;
                }

                /** A side that jumps keeps the value before the if (fuzz, seed 20240611, program 17 shrunk). */
                @Differentiable
                static double breakInOneSide(double z, int n) {
                    for (int i = 0; i < n; i++) {
                        if (z <= 0.1 * i) {
                            break;
                        } else {
                            z /= 2.0;
                        }
                        z = Math.sin(z);
                    }
                    return z;
                }

                @Differentiable
                static double arrowBreak(double x, int k) {
                    double y = x;
                    switch (k) {
                        case 0 -> {
                            if (x > 1) {
                                y = y * 3;
                                break;
                            }
                            y = y * y;
                        }
                        default -> y = -y;
                    }
                    return y;
                }
            }
            """));

    // ------------------------------------------------------------------ arrow form

    @ParameterizedTest
    @CsvSource({"0.7, 0", "0.7, 1", "-1.3, 2", "0.4, 3", "0.4, -1"})
    void arrowStatementTakesEachCase(double x, int k) {
        double[] expected = switch (k) {
            case 0 -> new double[] {x * x, 2 * x};
            case 1, 2 -> new double[] {Math.sin(x) * k, Math.cos(x) * k};
            default -> new double[] {Math.exp(x), Math.exp(x)};
        };
        check("arrowStatement", X, expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 1.5, 0", "0.7, 1.5, 1", "-1.2, 0.5, 1", "0.7, 1.5, 2"})
    void arrowExpressionInsideArithmetic(double x, double a, int k) {
        double[] expected = switch (k) {
            case 0 -> new double[] {1 + a * x, a, x};
            case 1 -> new double[] {1 + a * a * x * x * x, 3 * a * a * x * x, 2 * a * x * x * x};
            default -> new double[] {1, 0, 0};
        };
        check("arrowExpression", XA, expected, x, a, k);
    }

    @ParameterizedTest
    @CsvSource({"0.6, 0", "0.6, 1", "-0.4, 4", "1.3, 0"})
    void breakNestedInAnIfLeavesTheSwitch(double x, int k) {
        double[] expected = k != 0 ? new double[] {-x, -1} : x > 1 ? new double[] {3 * x, 3} : new double[] {x * x, 2 * x};
        check("arrowBreak", X, expected, x, k);
    }

    // ------------------------------------------------------------------ colon form

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 7, -5})
    void fallThroughAndDefaultInTheMiddle(int k) {
        double x = 0.8;
        double[] expected = switch (k) {
            case 0 -> new double[] {x * x + Math.sin(x), 2 * x + Math.cos(x)};
            case 1 -> new double[] {x + Math.sin(x), 1 + Math.cos(x)};
            case 3 -> new double[] {x * x, 2 * x};
            case 4 -> new double[] {-x, -1};
            default -> new double[] {4 * x * x, 8 * x}; // default falls into case 3
        };
        check("fallThrough", X, expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 0", "0.9, 1", "0.9, 2", "-0.9, 2", "0.9, 5"})
    void yieldInTheColonForm(double x, int k) {
        double[] expected = switch (k) {
            case 0 -> new double[] {x * x, 2 * x};
            case 1 -> new double[] {2 * x * x, 4 * x};
            case 2 -> x > 0 ? new double[] {Math.sqrt(x) * x, 1.5 * Math.sqrt(x)} : new double[] {-x * x, -2 * x};
            default -> new double[] {3 * x, 3};
        };
        check("colonYield", X, expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"0, 2", "1, 3", "2, 6"})
    void anIntSwitchExpressionKeepsIntegerDivision(int k, double slope) {
        check("intValued", X, new double[] {slope * 1.5, slope}, 1.5, k);
    }

    @ParameterizedTest
    @CsvSource({"1.3, 0", "1.3, 1", "1.3, 3", "-0.6, 4"})
    void callsAndLoopsInsideASwitchExpression(double x, int k) {
        double[] expected = k == 0 ? new double[] {x * x + 1, 2 * x}
                : new double[] {Math.pow(x, k), k * Math.pow(x, k - 1)};
        check("callsAndLoops", X, expected, x, k);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0", "0.5, 0", "0.5, 1", "1.5, 2"})
    void aBooleanSwitchExpression(double x, int k) {
        boolean big = k == 0 ? x > 1 : k == 1;
        check("booleanValued", X, big ? new double[] {x * x, 2 * x} : new double[] {3 * x, 3}, x, k);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.9, 0.05, 3.0})
    void anIfWhoseOtherSideJumpsKeepsTheValueBeforeIt(double z) {
        // forward mode by hand
        double v = z;
        double dv = 1;
        for (int i = 0; i < 4; i++) {
            if (v <= 0.1 * i) {
                break;
            }
            v /= 2.0;
            dv /= 2.0;
            dv *= Math.cos(v);
            v = Math.sin(v);
        }
        check("breakInOneSide", X, new double[] {v, dv}, z, 4);
    }

    // ------------------------------------------------------------------ in loops, nested

    @ParameterizedTest
    @CsvSource({"0.5, 7", "1.1, 10", "2.5, 40", "0.3, 0"})
    void switchInALoopBreaksTheSwitchAndContinuesTheLoop(double x, int n) {
        // forward mode by hand: (s, ds/dx)
        double s = 0;
        double ds = 0;
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            if (c == 0) {
                s += x;
                ds += 1;
            } else if (c == 1) {
                if (s <= 2) {
                    s += x * x;
                    ds += 2 * x;
                    continue;
                }
            } else {
                if (s > 40) {
                    break;
                }
                s *= 1.5;
                ds *= 1.5;
            }
            s += 1;
        }
        check("loopSwitch", X, new double[] {s, ds}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0, 3", "1, 1", "2, 0"})
    void nestedSwitches(int a, int b) {
        double x = 0.7;
        double[] expected = a == 0
                ? b == 0 ? new double[] {x, 1} : new double[] {x * x, 2 * x}
                : b == 1 ? new double[] {2 * Math.cos(x), -2 * Math.sin(x)} : new double[] {6 * x, 6};
        check("nested", X, expected, x, a, b);
    }

    @ParameterizedTest
    @CsvSource({"43, 1", "42, 2", "120, 2", "94, 1.4", "7, 1"})
    void charLabelsOnAnIntSelector(int op, double slope) {
        double x = 0.7;
        double value = switch (op) {
            case '+' -> x + 2;
            case '*', 'x' -> x * 2;
            case '^' -> x * x;
            default -> x;
        };
        check("charLabels", X, new double[] {value, slope}, x, op);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.5, 3.2, -0.5})
    void selectorComputedFromADouble(double x) {
        double[] expected = switch ((int) Math.floor(x)) {
            case 0 -> new double[] {x * x, 2 * x};
            case 1 -> new double[] {1 + 2 * (x - 1), 2};
            default -> new double[] {Math.sin(x), Math.cos(x)};
        };
        check("floorSelector", X, expected, x);
    }

    @Test
    void theGeneratedCodeIsAnElseIfChainOnTheSelector() {
        String generated = CODE.get().generatedSource("sw.SwitchesGrad");
        assertTrue(generated.contains("} else if (k == 1 || k == 2) {"), generated);
        assertTrue(generated.contains("if (op == '+') {"), generated);
        assertTrue(!generated.contains("switch (k)") && !generated.contains("yield"), generated);
    }

    // ------------------------------------------------------------------ checks

    /** Exact value and partials in both forms, and the record form against central differences. */
    private static void check(String method, int[] diff, double[] expected, Object... args) {
        GeneratedCode code = CODE.get();
        String where = method + Arrays.toString(args);
        Gradient g = code.gradient(CLS, method, args);
        double[] partials = g.partials();
        assertEquals(expected.length - 1, partials.length, where + ": partials of " + g);
        assertRelative(expected[0], g.value(), where + ": value()");
        assertRelative(expected[0], code.primal(CLS, method, args), where + ": the method itself");
        for (int i = 0; i < partials.length; i++) {
            assertRelative(expected[i + 1], partials[i], where + ": partial " + i);
        }
        double[] grad = new double[partials.length];
        Arrays.fill(grad, Double.NaN);
        double value = code.gradientInto(CLS, method, grad, args);
        assertRelative(expected[0], value, where + ": value of the zero-allocation form");
        for (int i = 0; i < grad.length; i++) {
            assertRelative(expected[i + 1], grad[i], where + ": grad[" + i + "]");
        }
        code.assertGradientMatchesDifferences(CLS, method, diff, args);
    }

    private static void assertRelative(double expected, double actual, String what) {
        double allowed = EPS * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }
}
