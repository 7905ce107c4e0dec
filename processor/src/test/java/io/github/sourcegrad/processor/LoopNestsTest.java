package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Loop nests whose inner loops run forward once: the backward pass of an outer iteration pops what the forward
 * pass kept (an inner loop's trip count and the variables it leaves, an expensive {@code Math} result) or counts
 * an inner loop down from its unchanged bound, instead of running the inner loop again. Every gradient is checked
 * in both forms against central differences ({@link ArraysTest#check}), some against exact values, and the shape of
 * the generated code where it is the point: no inner loop header printed twice.
 */
class LoopNestsTest {

    private static final String CLS = "nests.Nests";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package nests;

            import io.github.sourcegrad.Differentiable;

            class Nests {
                @Differentiable
                static double network(double[] x, double[][] w, double[] v) {
                    double yhat = 0;
                    for (int i = 0; i < w.length; i++) {
                        double s = 0;
                        for (int j = 0; j < x.length; j++) {
                            s += w[i][j] * x[j];
                        }
                        yhat += v[i] * Math.tanh(s);
                    }
                    return yhat;
                }

                @Differentiable
                static double pairs(double[] pos, int n) {
                    double energy = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = i + 1; j < n; j++) {
                            double dx = pos[2 * i] - pos[2 * j];
                            double dy = pos[2 * i + 1] - pos[2 * j + 1];
                            double r2 = dx * dx + dy * dy;
                            double s6 = 1 / (r2 * r2 * r2);
                            energy += 4 * (s6 * s6 - s6);
                        }
                    }
                    return energy;
                }

                /** log reads its argument: the inner loop's sum is kept. */
                @Differentiable
                static double logs(double[] x, double[][] w) {
                    double total = 0;
                    for (int i = 0; i < w.length; i++) {
                        double s = 0;
                        for (int j = 0; j < x.length; j++) {
                            s += w[i][j] * x[j];
                        }
                        total += Math.log(1 + s * s);
                    }
                    return total;
                }

                /** A data-dependent trip count: the inner loop's break. */
                @Differentiable
                static double breaks(double[] x, double[][] w, double limit) {
                    double total = 0;
                    for (int i = 0; i < w.length; i++) {
                        double s = 1;
                        for (int j = 0; j < x.length; j++) {
                            if (w[i][j] * x[j] > limit) {
                                break;
                            }
                            s += Math.sin(w[i][j] + x[j]);
                        }
                        total += s * s;
                    }
                    return total;
                }

                @Differentiable
                static double continues(double[] x, double[][] w) {
                    double total = 0;
                    for (int i = 0; i < w.length; i++) {
                        double s = 0;
                        for (int j = 0; j <= x.length - 1; j++) {
                            if (j % 2 == i % 2) {
                                continue;
                            }
                            s += Math.exp(w[i][j] * x[j]);
                        }
                        total += Math.sqrt(s) * x[0];
                    }
                    return total;
                }

                /** A while loop inside: no counter, its trips counted and kept. */
                @Differentiable
                static double whiles(double[] x, double c) {
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        double y = x[i] * x[i] + 1;
                        int k = 0;
                        while (y > c && k < 50) {
                            y = y * 0.5 + Math.cos(x[i]) * 0.01;
                            k++;
                        }
                        total += y * Math.exp(x[i]);
                    }
                    return total;
                }

                /** Three deep; the outer loop also tapes the variable it overwrites, the middle one keeps its sum. */
                @Differentiable
                static double deep(double[][] w, double[] x, double h0) {
                    double h = h0;
                    for (int i = 0; i < w.length; i++) {
                        double s = 0;
                        for (int j = 0; j < w[i].length; j++) {
                            double p = 1;
                            for (int k = 0; k <= j; k++) {
                                p = p * (x[k] + w[i][j]);
                            }
                            s += p;
                        }
                        h = Math.tanh(h * s + x[0]);
                    }
                    return h;
                }

                /** The inner loop only sums a scalar: reversed from its kept trip count, not summed as it runs. */
                @Differentiable
                static double scalarSums(double a, int n) {
                    double total = 0;
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int j = 0; j < 3; j++) {
                            s += Math.sin(a * (i + j));
                        }
                        total += s * s;
                    }
                    return total;
                }

                /** The inner loop's counter starts from the outer one's and ends at it: a triangle. */
                @Differentiable
                static double triangle(double[] x) {
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        double s = 0;
                        for (int j = i - 2; j <= i; j++) {
                            if (j >= 0) {
                                s += x[j] * x[i];
                            }
                        }
                        total += Math.sin(s);
                    }
                    return total;
                }
            }
            """));

    /**
     * For loops over a counter declared before them and read after them: the forward header only assigns the
     * counter ({@code int j; for (j = 0; ...)}), and a reversal never declares it again where it is in scope.
     */
    private static final String COUNTERS_CLS = "nests.Counters";
    private static final GeneratedCode.Once COUNTERS = GeneratedCode.once(source(COUNTERS_CLS, """
            package nests;

            import io.github.sourcegrad.Differentiable;

            class Counters {
                @Differentiable
                static double nested(double x, int n) {
                    int j;
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (j = 0; j < n; j++) {
                            s += x * j;
                        }
                        s += j * x;
                    }
                    return s;
                }

                @Differentiable
                static double single(double x, int n) {
                    int j;
                    double s = 0;
                    for (j = 0; j < n; j++) {
                        s += x * j;
                    }
                    s += j * x;
                    return s;
                }

                @Differentiable
                static double reversedTop(double x, int n) {
                    int j;
                    double s = 1;
                    for (j = 0; j < n; j++) {
                        s = s * Math.sin(x + j);
                    }
                    s = s * (x + j);
                    return s;
                }

                @Differentiable
                static double whileAfter(double x, int n) {
                    int j;
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (j = 0; j < n; j++) {
                            s = s * 0.5 + Math.sin(x * j);
                        }
                        while (j > i) {
                            s += x * x * j;
                            j--;
                        }
                    }
                    return s;
                }

                @Differentiable
                static double backwardOnly(double x, int n) {
                    int j;
                    double s = 1;
                    for (int i = 0; i < n; i++) {
                        for (j = 0; j < n; j++) {
                            s = s * Math.cos(x * j);
                        }
                        s = s * (x + j);
                    }
                    return s;
                }

                @Differentiable
                static double breaks(double x, int n, double limit) {
                    int j;
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (j = 0; j < n; j++) {
                            if (s > limit) {
                                break;
                            }
                            s += Math.sin(x * (j + 1));
                        }
                        s = s * (1 + x * j);
                    }
                    return s;
                }

                @Differentiable
                static double inBranch(double x, int n) {
                    int j = 3;
                    double s = x * j;
                    if (x > 0) {
                        for (j = 0; j < n; j++) {
                            s = s * Math.sin(x + j);
                        }
                        s = s * j;
                    }
                    return s * j;
                }

                @Differentiable
                static double stepTwo(double x, int n) {
                    int j;
                    double s = 1;
                    for (int i = 0; i < n; i++) {
                        for (j = 1; j < n; j += 2) {
                            s = s * Math.sin(x + j);
                        }
                        s = s + x * j;
                    }
                    return s;
                }

                @Differentiable
                static double readBefore(double x, int n) {
                    int j = 2;
                    double s = 1;
                    for (int i = 0; i < n; i++) {
                        s = s * (x + j);
                        for (j = 0; j < n; j++) {
                            s = s * Math.sin(x + j);
                        }
                        s = s * (x - j);
                    }
                    return s;
                }

                @Differentiable
                static double topBefore(double x, int n) {
                    int j = 2;
                    double s = Math.sin(x * j);
                    for (j = 0; j < n; j++) {
                        s = s * Math.sin(x + j);
                    }
                    s = s * (x + j);
                    return s;
                }

                @Differentiable
                static double arrays(double[] x) {
                    int j;
                    double s = 1;
                    for (int i = 0; i < x.length; i++) {
                        for (j = 0; j < x.length; j++) {
                            s = s * Math.cos(x[j] * i);
                            if (s < 0.1) {
                                break;
                            }
                        }
                        s = s + x[j % x.length] * j;
                    }
                    return s;
                }
            }
            """));

    private static final Random RND = new Random(13);

    private static double[] vector(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RND.nextDouble() * 2 - 1;
        }
        return v;
    }

    private static double[][] matrix(int rows, int cols) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = vector(cols);
        }
        return m;
    }

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * (1 + Math.abs(expected)), what);
    }

    /** The text of the buffer form {@code d<method>(...)} of the generated companion. */
    private static String method(String name) {
        String source = CODE.get().generatedSource(CLS + "Grad");
        int javadoc = source.lastIndexOf("/**", source.indexOf("public static double d" + name + "("));
        int end = source.indexOf("\n    }\n", javadoc);
        return source.substring(javadoc, end);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theNetworksInnerLoopRunsOnceAndItsTanhIsKept() {
        double[] x = vector(5);
        double[][] w = matrix(4, 5);
        double[] v = vector(4);
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "network", new int[] {0, 1, 2}, x, w, v);
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 5; j++) {
                s += w[i][j] * x[j];
            }
            double h = Math.tanh(s);
            near(h, g.vector("dv")[i], "dv[" + i + "]");
            for (int j = 0; j < 5; j++) {
                near(v[i] * (1 - h * h) * x[j], g.matrix("dw")[i][j], "dw[" + i + "][" + j + "]");
            }
        }
        String code = method("network");
        assertEquals(1, count(code, "for (int j = 0; j < x.length; j++)"), "the inner loop runs forward once:\n" + code);
        assertTrue(code.contains("tape.push(t") && code.contains("= tape.popDouble();"), "tanh's result is kept:\n" + code);
        assertTrue(code.contains("for (int j = x.length - 1; j >= 0; j--)"), "counted down from its bound:\n" + code);
        assertFalse(code.substring(code.indexOf("double dyhat")).contains("Math.tanh(s)"), "tanh is not computed again:\n" + code);
        String source = CODE.get().generatedSource(CLS + "Grad");
        assertTrue(source.contains("Keeps on the tape") && source.contains("(the result of {@code tanh})")
                && source.contains("The loops nested directly in a top-level loop run forward once"), "the Javadoc says what is kept:\n" + source);
    }

    @Test
    void aPairLoopRunsOnceAndTapesNothing() {
        int n = 5;
        double[] pos = new double[2 * n];
        for (int i = 0; i < n; i++) {
            pos[2 * i] = 1.1 * i + 0.1 * RND.nextDouble();
            pos[2 * i + 1] = 0.7 * (i % 2) + 0.1 * RND.nextDouble();
        }
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "pairs", new int[] {0}, pos, n);
        double[] force = new double[2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = pos[2 * i] - pos[2 * j];
                double dy = pos[2 * i + 1] - pos[2 * j + 1];
                double r2 = dx * dx + dy * dy;
                double s6 = 1 / (r2 * r2 * r2);
                double d = -24 * s6 * (2 * s6 - 1) / r2;
                force[2 * i] += d * dx;
                force[2 * j] -= d * dx;
                force[2 * i + 1] += d * dy;
                force[2 * j + 1] -= d * dy;
            }
        }
        for (int k = 0; k < 2 * n; k++) {
            assertEquals(force[k], g.vector("dpos")[k], 1e-9 * (1 + Math.abs(force[k])), "dpos[" + k + "]");
        }
        String code = method("pairs");
        assertEquals(1, count(code, "j < n; j++"), "the pair loop runs forward once:\n" + code);
        assertFalse(code.contains("tape."), "nothing per pair is taped:\n" + code);
        assertFalse(code.contains("j--"), "only adds to the energy: never reversed (SumAsItGoesTest):\n" + code);
    }

    @Test
    void anInnerLoopsResultThatTheBackwardPassReadsIsKept() {
        ArraysTest.check(CODE, CLS, "logs", new int[] {0, 1}, vector(3), matrix(4, 3));
        String code = method("logs");
        assertEquals(1, count(code, "for (int j = 0; j < x.length; j++)"), code);
        assertTrue(code.contains("tape.push(s);") && code.contains("double s = tape.popDouble();"), code);
    }

    @Test
    void innerLoopsWithBreakContinueOrWhileKeepTheirTripCounts() {
        double[] x = vector(4);
        double[][] w = matrix(3, 4);
        for (double limit : new double[] {-2, -0.1, 0.2, 2}) {
            ArraysTest.check(CODE, CLS, "breaks", new int[] {0, 1, 2}, x, w, limit);
        }
        String breaks = method("breaks");
        assertEquals(1, count(breaks, "for (int j = 0; j < x.length; j++)"), breaks);
        assertTrue(breaks.contains("tape.push(trips"), "a loop with break keeps its trip count:\n" + breaks);
        ArraysTest.check(CODE, CLS, "continues", new int[] {0, 1}, new double[] {0.5, -0.3, 0.8, 0.1}, matrix(3, 4));
        for (double c : new double[] {0.5, 1.2, 5}) {
            ArraysTest.check(CODE, CLS, "whiles", new int[] {0, 1}, vector(4), c);
        }
        String whiles = method("whiles");
        assertEquals(1, count(whiles, "while ("), "the while loop runs forward once:\n" + whiles);
        ArraysTest.check(CODE, CLS, "triangle", new int[] {0}, vector(5));
        String triangle = method("triangle");
        assertEquals(1, count(triangle, "j <= i; j++"), triangle);
    }

    @Test
    void anInnerSumOfScalarsIsReversed() {
        for (int n : new int[] {0, 1, 4}) {
            double a = 0.7;
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, "scalarSums", new int[] {0}, a, n);
            double expected = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                double ds = 0;
                for (int j = 0; j < 3; j++) {
                    s += Math.sin(a * (i + j));
                    ds += Math.cos(a * (i + j)) * (i + j);
                }
                expected += 2 * s * ds;
            }
            near(expected, g.scalar("da"), "da at n = " + n);
        }
        String code = method("scalarSums");
        assertEquals(1, count(code, "for (int j = 0; j < 3; j++)"), code);
    }

    @Test
    void threeDeepNestsStayCorrect() {
        double[][] w = matrix(3, 4);
        double[] x = vector(4);
        ArraysTest.check(CODE, CLS, "deep", new int[] {0, 1, 2}, w, x, 0.3);
        ArraysTest.check(CODE, CLS, "deep", new int[] {0, 1, 2}, new double[0][], x, 0.3);
        String code = method("deep");
        assertEquals(1, count(code, "for (int j = 0; j < w[i].length; j++)"), "the middle loop runs forward once:\n" + code);
    }

    @Test
    void aCounterReadAfterItsLoopIsDeclaredBeforeIt() {
        for (int n : new int[] {0, 1, 4}) {
            for (String m : new String[] {"nested", "single", "reversedTop", "whileAfter", "backwardOnly", "stepTwo", "readBefore", "topBefore"}) {
                ArraysTest.check(COUNTERS, COUNTERS_CLS, m, new int[] {0}, 0.4, n);
            }
            for (double limit : new double[] {-1, 0.5, 3}) {
                ArraysTest.check(COUNTERS, COUNTERS_CLS, "breaks", new int[] {0, 2}, 0.4, n, limit);
            }
            ArraysTest.check(COUNTERS, COUNTERS_CLS, "inBranch", new int[] {0}, 0.4, n);
            ArraysTest.check(COUNTERS, COUNTERS_CLS, "inBranch", new int[] {0}, -0.4, n);
        }
        // nested: s = sum over i of (sum_j x j + n x) = n (n (n - 1) / 2 + n) x
        for (int n : new int[] {0, 3}) {
            ArraysTest.Result g = ArraysTest.check(COUNTERS, COUNTERS_CLS, "nested", new int[] {0}, 0.4, n);
            near(n * (n * (n - 1) / 2.0 + n), g.scalar("dx"), "dx at n = " + n);
        }
        ArraysTest.check(COUNTERS, COUNTERS_CLS, "arrays", new int[] {0}, (Object) new double[] {0.3, -0.5, 0.8});
        ArraysTest.check(COUNTERS, COUNTERS_CLS, "arrays", new int[] {0}, (Object) new double[] {1.5, 2.5, 0.2, 0.9});
        String source = COUNTERS.get().generatedSource(COUNTERS_CLS + "Grad");
        assertTrue(source.contains("int j2;\n") && source.contains("for (j2 = 0; j2 < n; j2++)"),
                "declared before the loop, assigned in its header:\n" + source);
    }
}
