package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Calls that pass arrays to a {@code @Differentiable} method with loops, branches or element writes, which returns a
 * {@code double} (issue 12): they stay calls, as calls with numbers do, and the caller's backward pass scales the
 * callee's partials, arrays for array parameters ({@code dv = scale(dq, qLocal.dv())}). Every gradient is checked in
 * both forms against 4-point central differences over every element and against its closed form; the record's arrays
 * must be fresh and the arguments unchanged.
 */
class ArrayCallsTest {

    /** Relative tolerance of the closed forms: rounding only. */
    private static final double EPS = 1e-12;
    private static final double FD_STEP = 1e-4;
    private static final double FD_TOLERANCE = 1e-7;

    private static final String CALLS = "ac.Calls";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CALLS, """
            package ac;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Calls {
                @Differentiable
                static double sqnorm(double[] v) {
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += v[i] * v[i];
                    }
                    return s;
                }

                /** A straight-line caller of a callee with a loop. */
                @Differentiable
                static double energy(double[] v, double c) {
                    double q = sqnorm(v);
                    return c * q + Math.log(1 + q);
                }

                @Differentiable
                static double logsumexp(double[] x) {
                    double m = x[0];
                    for (int i = 1; i < x.length; i++) {
                        if (x[i] > m) {
                            m = x[i];
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += Math.exp(x[i] - m);
                    }
                    return m + Math.log(s);
                }

                /** A caller with a loop, passing the rows of a matrix. */
                @Differentiable
                static double rows(double[][] X, double[] w) {
                    double total = 0;
                    for (int i = 0; i < X.length; i++) {
                        total += w[i] * logsumexp(X[i]);
                    }
                    return total;
                }

                /** wrt leaves out the array: its callers need dweightedWrtAll. */
                @Differentiable(wrt = "a")
                static double weighted(double a, double[] v) {
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += a * v[i] * v[i];
                    }
                    return s;
                }

                @Differentiable
                static double throughWeighted(double[] v, double a) {
                    return 2 * weighted(a, v);
                }

                @Differentiable
                static double dot(double[] a, double[] b) {
                    double s = 0;
                    for (int i = 0; i < a.length; i++) {
                        s += a[i] * b[i];
                    }
                    return s;
                }

                /** The same array passed twice. */
                @Differentiable
                static double dotSelf(double[] v) {
                    return dot(v, v);
                }

                /** The same row passed twice, in a loop. */
                @Differentiable
                static double rowNorms(double[][] X) {
                    double s = 0;
                    for (int i = 0; i < X.length; i++) {
                        s += Math.sqrt(dot(X[i], X[i]));
                    }
                    return s;
                }

                /** An array the caller fills element by element, then passes. */
                @Differentiable
                static double filled(double[] x) {
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = Math.sin(x[i]);
                    }
                    return sqnorm(y);
                }

                /** A matrix parameter, a branch in the callee, an element write in a local array. */
                @Differentiable
                static double softAbsTotal(double[][] M, double eps) {
                    double[] r = new double[M.length];
                    double t = 0;
                    for (int i = 0; i < M.length; i++) {
                        for (int j = 0; j < M[i].length; j++) {
                            double m = M[i][j];
                            r[i] += m > 0 ? Math.sqrt(m * m + eps) : -m;
                        }
                        t += r[i];
                    }
                    return t;
                }

                /** A call in each branch of the caller, with a matrix, an ArrayMath result and a number. */
                @Differentiable
                static double branches(double[][] M, double[] u, double eps) {
                    if (u[0] > 0) {
                        return u[0] * softAbsTotal(M, eps);
                    }
                    return sqnorm(ArrayMath.add(u, u)) + softAbsTotal(M, eps * eps);
                }

                /** No array parameter: an array literal of numbers passed to a method with a loop. */
                @Differentiable
                static double literal(double x) {
                    return sqnorm(new double[] {x, x * x});
                }

                /** An alias of the parameter passed alongside the parameter itself. */
                @Differentiable
                static double aliased(double[] v) {
                    double[] a = v;
                    return sqnorm(a) * sqnorm(v) + a[1];
                }

                /** A row kept in a local, read again after the call; a call in a branch; continue. */
                @Differentiable
                static double rowLocal(double[][] X, double[] w, double c) {
                    double s = 0;
                    for (int i = 0; i < X.length; i++) {
                        double[] r = X[i];
                        if (r[0] < -5) {
                            continue;
                        }
                        if (r[1] > 0) {
                            s += dot(r, w) * dot(w, r) + r[0];
                        } else {
                            s -= c * logsumexp(r);
                        }
                    }
                    return s;
                }

                /** A recurrence whose overwritten variable is taped, with a call in each iteration. */
                @Differentiable
                static double recurrence(double[] v, double h0, int steps) {
                    double h = h0;
                    int k = 0;
                    while (k < steps) {
                        h = Math.tanh(h + 0.1 * sqnorm(v) * h);
                        k++;
                    }
                    return h;
                }

                /** Straight-line with arrays: written inline into straight-line callers, called from loops. */
                @Differentiable
                static double peak(double[] v) {
                    return Math.max(v[0], v[1]) + ArrayMath.dot(v, v);
                }

                @Differentiable
                static double weightedPeaks(double[] v, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += i * peak(v);
                    }
                    return s;
                }

                /** Straight-line, written inline into its callers, and itself calling a method with a loop. */
                @Differentiable
                static double twice(double[] v) {
                    return 2 * sqnorm(v);
                }

                @Differentiable
                static double outer(double[] v, double k) {
                    return k * twice(v) + ArrayMath.sum(v);
                }
            }
            """));

    @Test
    void aStraightLineCallerOfAMethodWithALoopKeepsTheCall() {
        double[] v = {0.5, -1.25, 2.0};
        double c = 0.75;
        ArraysTest.Result g = check("energy", new int[] {0, 1}, v, c);
        double q = dot(v, v);
        assertNear(scale(2 * (c + 1 / (1 + q)), v), g.get("dv"), "dv");
        assertEquals(q, g.scalar("dc"), EPS * q);
        String source = CODE.get().generatedSource("ac.CallsGrad");
        assertTrue(source.contains("SqnormGradient qLocal = CallsGrad.dsqnorm(v);"), source);
        assertTrue(source.contains("double[] dv = scale(dq, qLocal.dv());"), source);
        // the buffer form says that it allocates (the callee's record and its array)
        assertTrue(source.contains("they return their local gradients as records whose arrays are allocated"), source);
    }

    @Test
    void aLoopOverTheRowsOfAMatrixCallsLogSumExp() {
        Random rnd = new Random(12);
        double[][] X = matrix(rnd, 4, 3);
        X[2][1] = X[2][0]; // a tie for the maximum: the gradient is still softmax
        double[] w = vector(rnd, 4);
        ArraysTest.Result g = check("rows", new int[] {0, 1}, X, w);
        double[][] dX = g.matrix("dX");
        for (int i = 0; i < X.length; i++) {
            double m = Arrays.stream(X[i]).max().orElseThrow();
            double z = Arrays.stream(X[i]).map(x -> Math.exp(x - m)).sum();
            for (int j = 0; j < X[i].length; j++) {
                assertEquals(w[i] * Math.exp(X[i][j] - m) / z, dX[i][j], EPS, "dX[" + i + "][" + j + "]");
            }
            assertEquals(m + Math.log(z), g.vector("dw")[i], EPS, "dw[" + i + "]");
        }
    }

    @Test
    void aCalleeWhoseWrtLeavesOutItsArrayGivesItsCallersEveryPartial() {
        double[] v = {1.5, -0.5, 0.25, 3};
        double a = -1.25;
        ArraysTest.Result g = check("throughWeighted", new int[] {0, 1}, v, a);
        assertNear(scale(4 * a, v), g.get("dv"), "dv");
        assertEquals(2 * dot(v, v), g.scalar("da"), EPS * dot(v, v));
        // the callee's own gradient stays with respect to a only
        ArraysTest.Result own = record("weighted", a, v);
        assertEquals(List.of("value", "da"), own.names());
        String source = CODE.get().generatedSource("ac.CallsGrad");
        assertTrue(source.contains("WeightedWrtAllGradient t1Local = CallsGrad.dweightedWrtAll(a, v);"), source);
    }

    @Test
    void theSameArrayPassedTwiceGetsBothContributions() {
        double[] v = {0.5, -2, 1.75};
        ArraysTest.Result g = check("dotSelf", new int[] {0}, v);
        assertNear(scale(2, v), g.get("dv"), "dv");

        double[][] X = {{3, 4}, {-1, 0.5}, {0.25, -2}};
        ArraysTest.Result rows = check("rowNorms", new int[] {0}, (Object) X);
        for (int i = 0; i < X.length; i++) {
            assertNear(scale(1 / Math.sqrt(dot(X[i], X[i])), X[i]), rows.matrix("dX")[i], "dX[" + i + "]");
        }
    }

    @Test
    void anArrayFilledElementByElementIsPassed() {
        double[] x = {0.3, -1.1, 2.5, 0};
        ArraysTest.Result g = check("filled", new int[] {0}, x);
        assertNear(Arrays.stream(x).map(t -> Math.sin(2 * t)).toArray(), g.get("dx"), "dx");
    }

    @Test
    void callsInBranchesWithMatricesAndNumbers() {
        Random rnd = new Random(7);
        double[][] M = matrix(rnd, 3, 2);
        double eps = 0.3;
        for (double u0 : new double[] {0.8, -0.6}) {
            double[] u = {u0, 1.5};
            ArraysTest.Result g = check("branches", new int[] {0, 1, 2}, M, u, eps);
            double e = u0 > 0 ? eps : eps * eps;
            double scaleM = u0 > 0 ? u0 : 1;
            for (int i = 0; i < M.length; i++) {
                for (int j = 0; j < M[i].length; j++) {
                    double m = M[i][j];
                    double exact = scaleM * (m > 0 ? m / Math.sqrt(m * m + e) : -1);
                    assertEquals(exact, g.matrix("dM")[i][j], EPS, "dM[" + i + "][" + j + "] at u0 = " + u0);
                }
            }
            double[] du = g.vector("du");
            if (u0 > 0) {
                assertEquals(softAbsTotal(M, eps), du[0], EPS * 10);
                assertEquals(0, du[1], 0.0);
            } else {
                assertNear(scale(8, u), du, "du"); // |2u|^2 = 4|u|^2
            }
        }
    }

    @Test
    void aStraightLineMethodWrittenInlineKeepsItsCallToAMethodWithALoop() {
        double[] v = {1, -0.5, 0.125};
        double k = 1.5;
        ArraysTest.Result g = check("outer", new int[] {0, 1}, v, k);
        double[] expected = scale(4 * k, v);
        for (int i = 0; i < v.length; i++) {
            expected[i] += 1;
        }
        assertNear(expected, g.get("dv"), "dv");
        assertEquals(2 * dot(v, v), g.scalar("dk"), EPS * 10);
    }

    @Test
    void aLoopCallsAStraightLineMethodWithArrays() {
        double[] v = {0.5, 1.5, -2};
        int n = 4;
        ArraysTest.Result g = check("weightedPeaks", new int[] {0}, v, n);
        double[] expected = scale(2 * 6, v); // sum of i over 0..3 is 6
        expected[1] += 6;
        assertNear(expected, g.get("dv"), "dv");
    }

    @Test
    void anArrayLiteralOfNumbersIsPassed() {
        double x = 1.5;
        ArraysTest.Result g = check("literal", new int[] {0}, x);
        assertEquals(2 * x + 4 * x * x * x, g.scalar("dx"), EPS * 20);
        String source = CODE.get().generatedSource("ac.CallsGrad");
        assertTrue(source.contains("Some of the methods it calls have loops or branches, which are not written out inline here"),
                source);
    }

    @Test
    void aliasesRowsInLocalsBranchesAndTapedLoops() {
        check("aliased", new int[] {0}, (Object) new double[] {0.5, -1.5, 1});
        double[][] X = {{0.5, 1, -0.5}, {-6, 2, 1}, {1.5, -0.25, 0.75}, {-0.5, 0.5, 2}};
        check("rowLocal", new int[] {0, 1, 2}, X, new double[] {0.25, -1, 0.5}, 1.5);
        check("recurrence", new int[] {0, 1}, new double[] {0.5, -0.75}, 0.3, 5);
    }

    // ------------------------------------------------------------------ what stays an error

    @Test
    void passingAnArrayThatIsWrittenAfterTheCallIsAnError() {
        JavaFileObject source = source("ac.Later", """
                package ac;

                import io.github.sourcegrad.Differentiable;

                class Later {
                    @Differentiable
                    static double sqnorm(double[] v) {
                        double s = 0;
                        for (int i = 0; i < v.length; i++) {
                            s += v[i] * v[i];
                        }
                        return s;
                    }

                    @Differentiable
                    static double f(double x) {
                        double[] y = new double[2];
                        y[0] = x;
                        double a = sqnorm(y);
                        y[1] = a * x;
                        return a + y[1];
                    }
                }
                """);
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("this call of sqnorm passes 'y', which is written after it; the "
                + "backward pass reads the array again when it holds its final values. Write all of 'y' first, or pass "
                + "a copy: ArrayMath.copy(y)").inFile(source).onLine(19);
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources);
    }

    private static double softAbsTotal(double[][] M, double eps) {
        double t = 0;
        for (double[] row : M) {
            for (double m : row) {
                t += m > 0 ? Math.sqrt(m * m + eps) : -m;
            }
        }
        return t;
    }

    // ------------------------------------------------------------------ the gradient check

    /** {@link ArraysTest#check}: value, central differences over every element, fresh arrays, both forms. */
    private static ArraysTest.Result check(String method, int[] diff, Object... args) {
        return ArraysTest.check(CODE, CALLS, method, diff, args);
    }

    private static ArraysTest.Result record(String method, Object... args) {
        return ArraysTest.record(CODE, CALLS, method, args);
    }

    /** Equal shapes, and elements within rounding of the largest magnitude of {@code expected}. */
    private static void assertNear(Object expected, Object actual, String what) {
        assertEquals(shape(expected), shape(actual), what + ": shape");
        double[] e = flatten(expected);
        double[] a = flatten(actual);
        double scale = 1;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < e.length; k++) {
            if (!(Double.compare(e[k], a[k]) == 0 || Math.abs(a[k] - e[k]) <= EPS * scale)) {
                fail(what + ": element " + k + " is " + a[k] + " but should be " + e[k]
                        + "\n actual   " + Arrays.toString(a) + "\n expected " + Arrays.toString(e));
            }
        }
    }

    private static String shape(Object value) {
        if (value instanceof double[] v) {
            return "double[" + v.length + "]";
        } else if (value instanceof double[][] m) {
            return "double[" + m.length + "][" + (m.length == 0 ? 0 : m[0].length) + "]";
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static double[] flatten(Object value) {
        if (value instanceof Double d) {
            return new double[] {d};
        } else if (value instanceof double[] v) {
            return v.clone();
        } else if (value instanceof double[][] m) {
            return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
        }
        return fail("not a double, double[] or double[][]: " + value);
    }

    private static double[] vector(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private static double[][] matrix(Random rnd, int n, int m) {
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = vector(rnd, m);
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] scale(double c, double[] a) {
        return Arrays.stream(a).map(x -> c * x).toArray();
    }
}
