package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A {@code do}-{@code while} whose condition is more than one expression (it assigns, calls a method, or reads an
 * element the body may have overwritten) is lowered to {@code while (true) { body; if (!c) break; }}, and each of its
 * {@code continue}s tests the condition first, as Java's does. Each gradient is checked in both forms against
 * central differences and against its closed form.
 */
class DoWhileTest {

    private static final String CLS = "dw.Loops";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package dw;

            import io.github.sourcegrad.Differentiable;

            class Loops {
                /** The condition assigns, and a continue skips the rest of the body but not the test. */
                @Differentiable
                static double effectfulTest(double x, double y) {
                    int k = 0;
                    double s = x;
                    do {
                        s *= 2;
                        if (s > y) {
                            continue;
                        }
                        s += 1;
                    } while (k++ < 3);
                    return s;
                }

                @Differentiable
                static double sq(double x) {
                    return x * x;
                }

                /** The condition calls another @Differentiable method. */
                @Differentiable
                static double halveWhileLarge(double x) {
                    do {
                        x = x / 2;
                    } while (sq(x) > 1);
                    return x;
                }

                /** The condition reads an element the body overwrote, behind a short-circuit; a continue tests it too. */
                @Differentiable
                static double squaresUntilLarge(double[] x) {
                    double[] a = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        a[i] = x[i];
                    }
                    int j = 0;
                    double s = 0;
                    do {
                        j++;
                        if (a[j - 1] < 0) {
                            continue;
                        }
                        a[j - 1] = a[j - 1] * a[j - 1];
                        s += a[j - 1];
                    } while (j < a.length && a[j - 1] < 5);
                    return s;
                }
            }
            """));

    @Test
    void continueRunsTheConditionsEffects() {
        // s = 0.6, 1.6 (k 0 -> 1), 3.2 continue (1 -> 2), 6.4 continue (2 -> 3), 12.8 continue (3 < 3 fails): (2x + 1) 8
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "effectfulTest", new int[] {0, 1}, 0.3, 1.0);
        assertEquals(12.8, g.scalar("value"), 1e-12);
        assertEquals(16, g.scalar("dx"), 1e-12);
        assertEquals(0, g.scalar("dy"), 0);
    }

    @Test
    void conditionCallsADifferentiableMethod() {
        // 5 -> 2.5 -> 1.25 -> 0.625: x / 8
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "halveWhileLarge", new int[] {0}, 5.0);
        assertEquals(0.625, g.scalar("value"), 1e-15);
        assertEquals(0.125, g.scalar("dx"), 1e-15);
    }

    @Test
    void conditionReadsAnOverwrittenElement() {
        // squares 1.5, skips -0.5, squares 2 and 3, and stops at 9 >= 5: s = 2.25 + 4 + 9
        double[] x = {1.5, -0.5, 2.0, 3.0, 0.5};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "squaresUntilLarge", new int[] {0}, (Object) x);
        assertEquals(15.25, g.scalar("value"), 1e-12);
        double[] expected = {3, 0, 4, 6, 0};
        double[] dx = g.vector("dx");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], dx[i], 1e-12, "dx[" + i + "]");
        }
    }
}
