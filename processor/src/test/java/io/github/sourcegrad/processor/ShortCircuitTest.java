package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Java skips the right side of {@code &&} and {@code ||} when the left side decides: {@code j >= 0 && a[j] > 0} never
 * reads {@code a[-1]}, {@code k != 0 && n / k > 1} never divides by zero. The generated code must skip it too, also
 * when the backward pass needs the element read there, so that it declares or tapes it (an insertion sort's guard
 * once read {@code a[j]} before testing {@code j >= 0}, and threw). Each gradient is checked in both forms against
 * central differences and against its closed form.
 */
class ShortCircuitTest {

    private static final String CLS = "sc.Guards";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package sc;

            import io.github.sourcegrad.Differentiable;

            class Guards {
                /** Insertion sort of a copy, then a weighted sum: the guard of the inner while reads a written array. */
                @Differentiable
                static double sortedWeights(double[] x) {
                    double[] a = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        a[i] = x[i];
                    }
                    for (int i = 1; i < a.length; i++) {
                        int j = i;
                        while (j > 0 && a[j - 1] > a[j]) {
                            double t = a[j];
                            a[j] = a[j - 1];
                            a[j - 1] = t;
                            j--;
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < a.length; i++) {
                        s += (i + 1) * a[i] * a[i];
                    }
                    return s;
                }

                /** Squares the positive tail in place, from the end; j reaches -1. */
                @Differentiable
                static double positiveTail(double[] x) {
                    double[] a = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        a[i] = x[i];
                    }
                    int j = a.length - 1;
                    double s = 0;
                    while (!(j < 0 || a[j] <= 0)) {
                        a[j] = a[j] * a[j];
                        s += a[j];
                        j--;
                    }
                    return s;
                }

                /** An if in a loop that runs past the end of the array. */
                @Differentiable
                static double doubledAbove(double[] x) {
                    double[] a = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        a[i] = x[i];
                    }
                    double s = 0;
                    for (int j = 0; j < 6; j++) {
                        if (j < a.length && a[j] > 0.4) {
                            a[j] = a[j] * 2;
                        }
                        s += j < a.length ? a[j] : 0;
                    }
                    return s;
                }

                /** An int division guarded by its divisor. */
                @Differentiable
                static double guardedDivision(double x, int n, int k) {
                    double s = x;
                    for (int i = 0; i < 3; i++) {
                        if (k != 0 && n / k > 1) {
                            s = s * x;
                        }
                        k--;
                    }
                    return s;
                }
            }
            """));

    @Test
    void insertionSortsGuardReadsNoElementBeforeTheIndexIsChecked() {
        double[] x = {0.5, -1.5, 2.0, 0.25};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "sortedWeights", new int[] {0}, (Object) x);
        // sorted: -1.5, 0.25, 0.5, 2.0 with weights 1..4: d/dx = 2 * weight * x
        double[] expected = {2 * 3 * 0.5, 2 * 1 * -1.5, 2 * 4 * 2.0, 2 * 2 * 0.25};
        assertArrayNear(expected, g.vector("dx"));
    }

    @Test
    void orOfANegatedGuard() {
        double[] x = {-0.5, 1.5, 2.0};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "positiveTail", new int[] {0}, (Object) x);
        assertArrayNear(new double[] {0, 3.0, 4.0}, g.vector("dx"));
    }

    @Test
    void ifInALoopThatRunsPastTheEnd() {
        double[] x = {0.5, 1.5, 0.3};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "doubledAbove", new int[] {0}, (Object) x);
        assertArrayNear(new double[] {2, 2, 1}, g.vector("dx"));
    }

    @Test
    void divisionByZeroIsSkipped() {
        // k = 2, 1, 0: n / k = 2, 5, skipped; s = x^3
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "guardedDivision", new int[] {0}, 1.3, 5, 2);
        assertEquals(3 * 1.3 * 1.3, g.scalar("dx"), 1e-12);
    }

    private static void assertArrayNear(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }
}
