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
 * {@code for} loops whose update changes more than an int counter (issue 12): a double the backward pass needs
 * ({@code t *= x}), a counter and a double together, an array element, a double loop variable, updates that read
 * the counter, and {@code continue} (of the loop and of an outer loop), which must run the update. Each gradient
 * is checked in both forms against its exact value (forward mode by hand) and against central differences.
 */
class ForUpdateTest {

    private static final double EPS = 1e-12;
    private static final int[] X = {0};

    private static final String CLS = "fu.Updates";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package fu;

            import io.github.sourcegrad.Differentiable;

            class Updates {
                @Differentiable
                static double power(double x, int n) {
                    double t = 1;
                    for (int i = 0; i < n; t *= x) {
                        i++;
                    }
                    return t;
                }

                @Differentiable
                static double halving(double x, int n) {
                    double s = 0;
                    double h = x;
                    for (int i = 0; i < n; i++, h = h * 0.5) {
                        s += h * h;
                    }
                    return s;
                }

                @Differentiable
                static double continueRunsTheUpdate(double x, int n) {
                    double t = 1;
                    double s = 0;
                    for (int i = 0; i < n; i++, t *= x) {
                        if (i % 2 == 1) {
                            continue;
                        }
                        s += t;
                    }
                    return s;
                }

                @Differentiable
                static double readsTheCounter(double x, int n) {
                    double t = 1;
                    double s = 0;
                    for (int i = 0; i < n; i++, t = t * x + i) {
                        if (i == 1) {
                            continue;
                        }
                        s += Math.sin(t);
                    }
                    return s;
                }

                @Differentiable
                static double elementUpdate(double x, int n) {
                    double[] a = new double[n + 1];
                    for (int i = 0; i < n; i++, a[i] += x * i) {
                        a[i] = a[i] + x * x;
                    }
                    double s = 0;
                    for (double v : a) {
                        s += v;
                    }
                    return s;
                }

                @Differentiable
                static double doubleVariable(double x) {
                    double s = 0;
                    for (double y = x; y < 10; y = y * y + 1) {
                        s += Math.sin(y);
                    }
                    return s;
                }

                @Differentiable
                static double continueInASwitch(double x, int n) {
                    double t = x;
                    double s = 0;
                    for (int i = 0; i < n; i++, t = Math.sin(t) * x) {
                        switch (i % 3) {
                            case 0:
                                continue;
                            case 1:
                                s += t * t;
                                break;
                            default:
                                s -= t;
                        }
                        s *= 0.5;
                    }
                    return s;
                }

                @Differentiable
                static double continueOuter(double x, int n, int m) {
                    double t = 1;
                    double s = 0;
                    outer:
                    for (int i = 0; i < n; i++, t *= x) {
                        for (int j = 0; j < m; j++) {
                            if (j > i) {
                                continue outer;
                            }
                            s += t;
                        }
                        s += 2 * t;
                    }
                    return s * t;
                }
            }
            """));

    @ParameterizedTest
    @CsvSource({"0.9, 3", "1.7, 0", "-1.2, 5"})
    void aDoubleUpdateTheBackwardPassNeeds(double x, int n) {
        check("power", new double[] {Math.pow(x, n), n == 0 ? 0 : n * Math.pow(x, n - 1)}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 4", "-1.5, 1", "2.0, 0"})
    void aCounterAndADouble(double x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.pow(0.25, i);
        }
        check("halving", new double[] {x * x * sum, 2 * x * sum}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 6", "1.3, 5", "-0.7, 1", "0.5, 0"})
    void continueRunsTheUpdate(double x, int n) {
        double s = 0;
        double ds = 0;
        for (int i = 0; i < n; i += 2) {
            s += Math.pow(x, i);
            ds += i == 0 ? 0 : i * Math.pow(x, i - 1);
        }
        check("continueRunsTheUpdate", new double[] {s, ds}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 5", "-0.4, 3", "1.1, 1"})
    void anUpdateThatReadsTheCounterMovesWithIt(double x, int n) {
        double t = 1;
        double dt = 0;
        double s = 0;
        double ds = 0;
        for (int i = 0; i < n; i++) {
            if (i != 1) {
                s += Math.sin(t);
                ds += Math.cos(t) * dt;
            }
            dt = dt * x + t;
            t = t * x + (i + 1);
        }
        check("readsTheCounter", new double[] {s, ds}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.8, 3", "-1.5, 1", "2.0, 0"})
    void anUpdateThatWritesAnElement(double x, int n) {
        check("elementUpdate", new double[] {n * x * x + x * n * (n + 1) / 2.0, 2 * n * x + n * (n + 1) / 2.0}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.5", "1.9", "-2.5", "12"})
    void aDoubleLoopVariable(double x) {
        double s = 0;
        double ds = 0;
        double dy = 1;
        for (double y = x; y < 10; y = y * y + 1) {
            s += Math.sin(y);
            ds += Math.cos(y) * dy;
            dy = 2 * y * dy;
        }
        check("doubleVariable", new double[] {s, ds}, x);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 7", "1.3, 2", "-0.6, 5"})
    void continueInASwitchRunsTheUpdate(double x, int n) {
        double t = x;
        double dt = 1;
        double s = 0;
        double ds = 0;
        for (int i = 0; i < n; i++) {
            if (i % 3 != 0) {
                if (i % 3 == 1) {
                    ds += 2 * t * dt;
                    s += t * t;
                } else {
                    ds -= dt;
                    s -= t;
                }
                s *= 0.5;
                ds *= 0.5;
            }
            dt = Math.cos(t) * dt * x + Math.sin(t);
            t = Math.sin(t) * x;
        }
        check("continueInASwitch", new double[] {s, ds}, x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 4, 2", "1.2, 3, 5", "-0.8, 5, 3", "0.7, 0, 2"})
    void continueOfAnOuterLoopRunsItsUpdate(double x, int n, int m) {
        double t = 1;
        double dt = 0;
        double s = 0;
        double ds = 0;
        for (int i = 0; i < n; i++) {
            boolean continued = false;
            for (int j = 0; j < m; j++) {
                if (j > i) {
                    continued = true;
                    break;
                }
                s += t;
                ds += dt;
            }
            if (!continued) {
                s += 2 * t;
                ds += 2 * dt;
            }
            dt = dt * x + t;
            t *= x;
        }
        check("continueOuter", new double[] {s * t, ds * t + s * dt}, x, n, m);
    }

    @Test
    void theCounterStaysInTheHeaderAndTheOtherUpdatesEndTheBodyAndPrecedeContinue() {
        String generated = CODE.get().generatedSource("fu.UpdatesGrad");
        assertTrue(generated.contains("""
                            for (int i = 0; i < n; i++) {
                                trips++;
                                tape.push(t);
                                if (i % 2 == 1) {
                                    t = t * x;
                                    continue;
                                }
                                s = s + t;
                                t = t * x;
                            }
                """), generated);
        // an update that reads the counter moves with it: a while loop, the counter's update in the body
        assertTrue(generated.contains("while (i < n) {"), generated);
        assertTrue(!generated.contains("for (; i < n; )"), generated);
    }

    // ------------------------------------------------------------------ checks

    /** Exact value and partial in both forms, and the record form against central differences. */
    private static void check(String method, double[] expected, Object... args) {
        GeneratedCode code = CODE.get();
        String where = method + Arrays.toString(args);
        Gradient g = code.gradient(CLS, method, args);
        double[] partials = g.partials();
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
        code.assertGradientMatchesDifferences(CLS, method, X, args);
    }

    private static void assertRelative(double expected, double actual, String what) {
        double allowed = EPS * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }
}
