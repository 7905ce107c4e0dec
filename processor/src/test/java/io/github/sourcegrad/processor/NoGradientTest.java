package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code SourceGrad.noGradient}, the stop-gradient: the identity at run time, a constant for differentiation. Central
 * differences of the original method see the identity, so they measure the derivative without the stop: every
 * gradient here is checked against exact values (derived by hand with the stopped value held constant), in the
 * record form and in the buffer form, which must agree.
 */
class NoGradientTest {

    private static final String STOPS = "ng.Stops";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(STOPS, """
            package ng;

            import static io.github.sourcegrad.SourceGrad.noGradient;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Stops {
                @Differentiable
                static double square(double x) {
                    double c = noGradient(x) * x;
                    return c;
                }

                @Differentiable
                static double mixed(double x, double y) {
                    double t = noGradient(x * y);
                    return t * Math.sin(x) + y;
                }

                @Differentiable
                static double constant(double x) {
                    return noGradient(x);
                }

                @Differentiable
                static double target(double x, double y) {
                    double d = x - noGradient(y);
                    return d * d;
                }

                @Differentiable
                static double widened(double x, int n) {
                    return noGradient(n) * x + noGradient(2L);
                }

                @Differentiable
                static double ternary(double x) {
                    double t = x > 0 ? noGradient(x) : x;
                    return t * x;
                }

                @Differentiable
                static double nested(double x) {
                    return noGradient(noGradient(x) * x) * x;
                }

                @Differentiable
                static double compound(double x, int[] k) {
                    double s = x;
                    s += noGradient(s) * noGradient(k[0]);
                    s *= noGradient(s);
                    return s;
                }

                @Differentiable
                static double condition(double x) {
                    double s = x;
                    while (noGradient(s) < 10) {
                        s = s * 2;
                    }
                    return s;
                }

                @Differentiable
                static double indexed(double[] v, double[][] m) {
                    var c = noGradient(m);
                    double[] r = c[0];
                    return noGradient(v)[0] * v[1] + ArrayMath.dot(r, m[0]) + noGradient(m[1])[0] * m[1][0];
                }

                @Differentiable
                static double loop(double x, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s = noGradient(s) + x * s + x;
                    }
                    return s;
                }

                @Differentiable
                static double restarted(double x, int n) {
                    double s = x;
                    for (int i = 0; i < n; i++) {
                        s = noGradient(s);
                        s = s * x;
                    }
                    return s;
                }

                @Differentiable
                static double chosen(double x, double y) {
                    double s;
                    if (x > y) {
                        s = noGradient(x);
                    } else {
                        s = y;
                    }
                    return s * x;
                }

                @Differentiable
                static double branch(double x, double y) {
                    double s;
                    if (x > y) {
                        s = noGradient(x) * x + Math.exp(noGradient(y));
                    } else {
                        s = noGradient(x * x) * y;
                    }
                    return s * y;
                }

                @Differentiable
                static double dotStopped(double[] v) {
                    return ArrayMath.dot(noGradient(v), v);
                }

                @Differentiable
                static double dotLoop(double[] v) {
                    double[] w = noGradient(v);
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += w[i] * v[i];
                    }
                    return s;
                }

                @Differentiable
                static double elementsStopped(double[] v) {
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += noGradient(v[i]) * v[i];
                    }
                    return s;
                }

                @Differentiable
                static double matrixStopped(double[][] m, double[] x) {
                    double[] y = ArrayMath.matmul(noGradient(m), x);
                    return ArrayMath.dot(y, y) + ArrayMath.dot(noGradient(m), m);
                }

                @Differentiable
                static double normalized(double[] v) {
                    // v / |v| with the norm held constant: each element's derivative is 1 / |v|
                    double norm = Math.sqrt(ArrayMath.dot(v, v));
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += v[i] / noGradient(norm);
                    }
                    return s;
                }

                @Differentiable
                static double[] products(double[] v) {
                    return ArrayMath.multiply(noGradient(v), v);
                }

                @Differentiable
                static double inner(double u) {
                    return noGradient(u) * u;
                }

                @Differentiable
                static double outer(double x) {
                    return inner(x * x) + x;
                }

                @Differentiable
                static double innerLoop(double u, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        if (s < 1e9) {
                            s += noGradient(u) * u;
                        }
                    }
                    return s;
                }

                @Differentiable
                static double outerLoop(double x) {
                    return innerLoop(3 * x, 2) * x;
                }

                @Differentiable
                static double[] squaresLoop(double[] v) {
                    double[] out = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        out[i] = noGradient(v[i]) * v[i];
                    }
                    return out;
                }

                @Differentiable
                static double sumOfSquares(double[] v) {
                    return ArrayMath.sum(squaresLoop(v));
                }

                @Differentiable
                static double weighted(double[] v, double[] w) {
                    return ArrayMath.dot(noGradient(w), v) + ArrayMath.dot(w, w);
                }

                @Differentiable
                static double outerArrays(double[] v) {
                    return weighted(v, v);
                }
            }
            """));

    // ------------------------------------------------------------------ numbers

    @Test
    void aStoppedFactorIsAConstant() {
        double x = 1.7;
        check("square", args(x), x * x, x);
        String source = CODE.get().generatedSource("ng.StopsGrad");
        String record = body(source, "public static SquareGradient dsquare(double x) {");
        // the forward pass computes the value as written; the backward pass has no derivative through the first factor
        assertEquals("""
                double t1 = x; // noGradient: no derivative flows back
                double c = t1 * x;

                double dc = 1;
                double dx = t1 * dc;
                return new SquareGradient(c, dx);
                """, record);
        assertTrue(body(source, "public static double dsquare(double x, double[] grad) {").contains("""
                double t1 = x; // noGradient: no derivative flows back
                double c = t1 * x;

                double dc = 1;
                double dx = t1 * dc;
                grad[0] = dx;
                """), source);
        assertFalse(source.contains("SourceGrad.noGradient"), "the companion needs no runtime call: " + source);
    }

    @Test
    void aStoppedSubexpressionPassesNothingToEitherOfItsInputs() {
        double x = 0.8;
        double y = -1.3;
        check("mixed", args(x, y), x * y * Math.sin(x) + y, x * y * Math.cos(x), 1.0);
    }

    @Test
    void aStoppedResultHasAZeroGradient() {
        check("constant", args(2.5), 2.5, 0.0);
        assertEquals("""
                double t1 = x; // noGradient: no derivative flows back

                double dx = 0.0; // x does not reach the result
                return new ConstantGradient(t1, dx);
                """, body(CODE.get().generatedSource("ng.StopsGrad"), "public static ConstantGradient dconstant(double x) {"));
    }

    @Test
    void aStoppedTargetPullsOnlyThePrediction() {
        double x = 0.4;
        double y = 1.9;
        check("target", args(x, y), (x - y) * (x - y), 2 * (x - y), 0.0);
        assertTrue(body(CODE.get().generatedSource("ng.StopsGrad"), "public static TargetGradient dtarget(double x, double y) {")
                .contains("double dy = 0.0; // y does not reach the result\n"));
    }

    @Test
    void intAndLongArgumentsWiden() {
        check("widened", args(1.5, 3), 3 * 1.5 + 2, 3.0);
    }

    @Test
    void insideConditionalsNestedStopsAndCompoundAssignments() {
        check("ternary", args(2.0), 4.0, 2.0);
        check("ternary", args(-2.0), 4.0, -4.0);
        // noGradient(noGradient(x) x) x: the whole first factor is held
        check("nested", args(3.0), 27.0, 9.0);
        // s = x + 2 x with the 2 x held (derivative 1), then s * s with the second s held (derivative 9 * 1 at x = 3)
        check("compound", args(3.0, new int[] {2}), 81.0, 9.0);
        // a stopped value in a loop condition still decides the trips: s = 4 x at x = 3
        check("condition", args(3.0), 12.0, 4.0);
    }

    @Test
    void elementsAndRowsOfStoppedArrays() {
        double[] v = {2, -3};
        double[][] m = {{1, 2}, {3, 4}};
        // v0 v1 with v0 held; m0 . m0 with the first m0 held; m10 m10 with the first held
        double[][] dm = {{1, 2}, {3, 0}};
        check("indexed", args(v, m), -6 + 5 + 9, new double[] {0, 2}, dm);
    }

    @Test
    void aLoopCarriedValueStoppedInEachIteration() {
        double x = 0.3;
        for (int n : new int[] {0, 1, 4}) {
            // s' = s + x s + x with the first s held constant: ds'/dx = s + x ds/dx + 1
            double s = 0;
            double ds = 0;
            for (int i = 0; i < n; i++) {
                ds = s + x * ds + 1;
                s = s + x * s + x;
            }
            check("loop", args(x, n), s, ds);
        }
    }

    @Test
    void aVariableStoppedAndReassignedInALoop() {
        double x = 1.3;
        check("restarted", args(x, 0), x, 1.0);
        // s = x^4, of which only the last factor x is differentiated: x^3
        check("restarted", args(x, 3), x * x * x * x, x * x * x);
        String source = CODE.get().generatedSource("ng.StopsGrad");
        // the reversed iteration: the stop cuts the chain through s, so its adjoint is 0 before the earlier iterations
        assertTrue(body(source, "public static RestartedGradient drestarted(double x, int n) {").contains("""
                s = tape.popDouble();
                double s3 = s; // noGradient: no derivative flows back
                dx += s3 * ds;
                ds = 0;
                """), source);
    }

    @Test
    void aBranchAssignsAStoppedValue() {
        check("chosen", args(2.0, 1.0), 4.0, 2.0, 0.0);
        check("chosen", args(1.0, 2.0), 2.0, 2.0, 1.0);
        assertTrue(body(CODE.get().generatedSource("ng.StopsGrad"), "public static ChosenGradient dchosen(double x, double y) {")
                .contains("if (x > y) {\ns = x; // noGradient: no derivative flows back\n} else {\ns = y;\n}"));
    }

    @Test
    void stopsInBothBranches() {
        double x = 1.2;
        double y = 0.5;
        // x > y: s = x x + e^y with the first x and y held: ds/dx = x, ds/dy = 0; f = s y
        check("branch", args(x, y), (x * x + Math.exp(y)) * y, x * y, x * x + Math.exp(y));
        // x <= y: s = (x x) y with x x held: ds/dx = 0, ds/dy = x x; f = s y = x^2 y^2: df/dy = 2 x^2 y
        check("branch", args(y, x), y * y * x * x, 0.0, 2 * y * y * x);
    }

    @Test
    void arraysStoppedWholeOrByElement() {
        double[] v = {0.5, -1.25, 2.0};
        double dot = 0.5 * 0.5 + 1.25 * 1.25 + 4;
        check("dotStopped", args((Object) v), dot, (Object) v);
        check("dotLoop", args((Object) v), dot, (Object) v);
        check("elementsStopped", args((Object) v), dot, (Object) v);
        String source = CODE.get().generatedSource("ng.StopsGrad");
        assertTrue(source.contains("double[] t1 = v; // noGradient: no derivative flows back"), source);
        assertTrue(source.contains("double[] w = v; // noGradient: no derivative flows back"), source);
    }

    @Test
    void aStoppedMatrix() {
        double[][] m = {{1, 2}, {-0.5, 3}};
        double[] x = {0.25, -2};
        double[] y = {1 * 0.25 + 2 * -2, -0.5 * 0.25 + 3 * -2};
        double value = y[0] * y[0] + y[1] * y[1] + (1 + 4 + 0.25 + 9);
        // d/dm: only the second term, through its second factor: m itself; d/dx: 2 m^T y
        double[] dx = {2 * (1 * y[0] - 0.5 * y[1]), 2 * (2 * y[0] + 3 * y[1])};
        check("matrixStopped", args(m, x), value, m, dx);
    }

    @Test
    void aStoppedNormalization() {
        double[] v = {3, -4, 12};
        double norm = 13;
        check("normalized", args((Object) v), (3 - 4 + 12) / norm, (Object) new double[] {1 / norm, 1 / norm, 1 / norm});
    }

    @Test
    void thePullbackOfAnArrayResult() {
        double[] v = {0.5, -1.5, 2};
        double[] upstream = {1, 2, -3};
        Object[] recordArgs = {v, upstream};
        ArraysTest.Result g = ArraysTest.record(CODE, STOPS, "products", recordArgs);
        assertArrayEquals(new double[] {0.25, 2.25, 4}, g.vector("value"));
        // sum(upstream * v * v) with the first v held: upstream * v
        assertArrayEquals(new double[] {0.5, -3, -6}, g.vector("dv"));
        double[] gradV = {Double.NaN, Double.NaN, Double.NaN};
        Object value = invoke(CODE.get().companion(STOPS), "dproducts", v, upstream, gradV);
        assertArrayEquals(g.vector("value"), (double[]) value);
        assertArrayEquals(g.vector("dv"), gradV);
    }

    @Test
    void aStoppedValueInACalleeWrittenInline() {
        double x = 1.1;
        // inner(u) = u u with one u held: inner'(u) = u; outer(x) = inner(x^2) + x: 2 x^3 + 1
        check("outer", args(x), x * x * x * x + x, 2 * x * x * x + 1);
    }

    @Test
    void aStoppedValueInACalleeWithALoop() {
        double x = 0.7;
        // innerLoop(u, 2) = 2 u u with one u held: derivative 2 u; outerLoop(x) = innerLoop(3x, 2) x
        double u = 3 * x;
        check("outerLoop", args(x), 2 * u * u * x, 2 * u * 3 * x + 2 * u * u);
    }

    @Test
    void aStoppedValueInACalleeThatStaysACall() {
        double[] v = {1, -2, 0.5};
        // squaresLoop(v) = v * v with one factor held: its pullback passes upstream * v; sum's upstream is 1
        check("sumOfSquares", args((Object) v), 1 + 4 + 0.25, (Object) v);
        String source = CODE.get().generatedSource("ng.StopsGrad");
        assertTrue(body(source, "public static SumOfSquaresGradient dsumOfSquares(double[] v) {").contains("dsquaresLoop("),
                "the caller's backward pass calls the callee's pullback: " + source);
    }

    @Test
    void aStoppedArrayInACallee() {
        double[] v = {1, -2, 0.5};
        // weighted(v, w) = w.v + w.w with the first w held: dv = w, dw = 2 w; with w = v: 3 v (4 v without the stop)
        check("outerArrays", args((Object) v), 2 * (1 + 4 + 0.25), (Object) new double[] {3, -6, 1.5});
    }

    // ------------------------------------------------------------------ names

    @Test
    void qualifiedImportedSingleAndOnDemand() {
        GeneratedCode.Once code = GeneratedCode.once(source("ng.Names", """
                package ng;

                import static io.github.sourcegrad.ArrayMath.*;
                import static io.github.sourcegrad.SourceGrad.*;
                import static java.lang.Math.*;

                import io.github.sourcegrad.Differentiable;
                import io.github.sourcegrad.SourceGrad;

                class Names {
                    @Differentiable
                    static double f(double x, double[] v) {
                        return io.github.sourcegrad.SourceGrad.noGradient(x) * x + SourceGrad.noGradient(x) * exp(x)
                                + noGradient(x) * sin(x) + dot(noGradient(v), v);
                    }
                }
                """), source("ng.Single", """
                package ng;

                import static io.github.sourcegrad.SourceGrad.noGradient;

                import io.github.sourcegrad.Differentiable;

                class Single {
                    @Differentiable
                    static double f(double x) {
                        return noGradient(x) * x;
                    }
                }
                """));
        double x = 0.6;
        double[] v = {2, -1};
        ArraysTest.Result g = ArraysTest.record(code, "ng.Names", "f", x, v);
        assertEquals(x + x * Math.exp(x) + x * Math.cos(x), g.scalar("dx"), 1e-15);
        assertArrayEquals(v, g.vector("dv"));
        assertEquals(x, code.get().gradient("ng.Single", "f", x).d("x"), 0.0);
    }

    @Test
    void aUserMethodNamedNoGradientHidesTheImport() {
        GeneratedCode code = GeneratedCode.compile(source("ng.Own", """
                package ng;

                import static io.github.sourcegrad.SourceGrad.*;

                import io.github.sourcegrad.Differentiable;

                class Own {
                    @Differentiable
                    static double noGradient(double v) {
                        return 3 * v;
                    }

                    @Differentiable
                    static double f(double x) {
                        return noGradient(x) * x;
                    }
                }
                """));
        GeneratedCode.Gradient g = code.gradient("ng.Own", "f", 2.0);
        assertEquals(12.0, g.value(), 0.0, "noGradient is the user's 3 v");
        assertEquals(12.0, g.d("x"), 0.0, "and it has a derivative: 6 x");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void writingIntoTheResultIsAnErrorAtTheWrite() {
        JavaFileObject source = bad("static double f(double[] v) {",
                "double[] w = noGradient(v);",
                "w[0] = 1;",
                "return w[0] * v[0];");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("writing into 'w', the result of noGradient, is not supported: it is "
                + "the argument's array itself, not a copy, so the write would change that array too; write into a copy "
                + "with one line before the first write: w = ArrayMath.copy(w);").inFile(source).onLine(10);
        assertCleanFailure(compilation);
    }

    @Test
    void anArrayWrittenElementByElementCannotBeStopped() {
        JavaFileObject source = bad("static double f(double x) {",
                "double[] a = new double[2]; a[0] = x; a[1] = 2 * x;",
                "double[] c = noGradient(a);",
                "return c[0] * x + a[1];");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("'a' is written element by element, so noGradient cannot return it")
                .inFile(source).onLine(10);
        assertThat(compilation).hadErrorContaining("noGradient(ArrayMath.copy(a))");
        assertCleanFailure(compilation);
    }

    @Test
    void aCopyOfAWrittenArrayCanBeStopped() {
        GeneratedCode code = GeneratedCode.compile(source("ng.Written", """
                package ng;

                import static io.github.sourcegrad.SourceGrad.noGradient;

                import io.github.sourcegrad.ArrayMath;
                import io.github.sourcegrad.Differentiable;

                class Written {
                    @Differentiable
                    static double f(double x) {
                        double[] a = new double[2];
                        a[0] = x;
                        a[1] = 2 * x;
                        double[] c = noGradient(ArrayMath.copy(a));
                        return c[1] * x + a[1];
                    }
                }
                """));
        GeneratedCode.Gradient g = code.gradient("ng.Written", "f", 1.5);
        assertEquals(2 * 1.5 * 1.5 + 3, g.value(), 0.0);
        assertEquals(2 * 1.5 + 2, g.d("x"), 0.0);
    }

    @Test
    void theFixTheErrorSuggestsWorks() {
        GeneratedCode.Once code = GeneratedCode.once(source("ng.Fixed", """
                package ng;

                import static io.github.sourcegrad.SourceGrad.noGradient;

                import io.github.sourcegrad.ArrayMath;
                import io.github.sourcegrad.Differentiable;

                class Fixed {
                    @Differentiable
                    static double f(double[] v) {
                        double[] w = noGradient(v);
                        w = ArrayMath.copy(w);
                        w[0] = 2 * v[0];
                        return w[0] * v[1] + w[1] * v[1];
                    }
                }
                """));
        double[] v = {1.5, -0.5};
        ArraysTest.Result g = ArraysTest.record(code, "ng.Fixed", "f", (Object) v);
        assertEquals(2 * 1.5 * -0.5 + 0.25, g.scalar("value"), 1e-15);
        // w0 = 2 v0 is differentiated, w1 = v1 is held: dv0 = 2 v1, dv1 = w0 + w1
        assertArrayEquals(new double[] {2 * -0.5, 2 * 1.5 - 0.5}, g.vector("dv"));
        assertArrayEquals(new double[] {1.5, -0.5}, v);
    }

    @Test
    void anArgumentOfAnotherTypeIsAnError() {
        JavaFileObject source = bad("static double f(double x, int[] k) {",
                "int[] j = noGradient(k);",
                "return x * j[0];");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("SourceGrad.noGradient takes one double, double[] or double[][] value "
                + "(here: int[])").inFile(source).onLine(9);
        assertCleanFailure(compilation);
    }

    // ------------------------------------------------------------------ helpers

    /** The body of the method that {@code header} opens in {@code source}, without its indentation. */
    private static String body(String source, String header) {
        int start = source.indexOf(header);
        assertTrue(start >= 0, "no " + header + " in " + source);
        int from = source.indexOf('\n', start) + 1;
        int end = source.indexOf("\n    }\n", from);
        return source.substring(from, end + 1).lines().map(String::strip).collect(Collectors.joining("\n", "", "\n"))
                .replaceAll("\n\n+", "\n\n");
    }

    private static Object[] args(Object... args) {
        return args;
    }

    /**
     * Checks {@code StopsGrad.d<method>(args)}: the value equals the original method's and {@code value}, the
     * gradients equal {@code expected} (one per differentiated parameter, in order: a Double or an array), to
     * rounding; the buffer form, given NaN-filled buffers, returns the same value and writes the same gradients.
     */
    private static void check(String method, Object[] args, double value, Object... expected) {
        GeneratedCode code = CODE.get();
        String where = method + Arrays.deepToString(args);
        assertEquals(value, (Double) invoke(code.load(STOPS), method, args), 1e-12 * (1 + Math.abs(value)),
                where + ": the original method");
        ArraysTest.Result g = ArraysTest.record(CODE, STOPS, method, args);
        assertEquals(value, g.scalar("value"), 1e-12 * (1 + Math.abs(value)), where + ": value()");
        List<String> names = g.names();
        assertEquals(expected.length + 1, names.size(), where + ": components " + names);
        List<Object> buffers = new ArrayList<>();
        int scalars = 0;
        for (int p = 0; p < expected.length; p++) {
            Object actual = g.get(names.get(p + 1));
            assertClose(expected[p], actual, where + ": " + names.get(p + 1));
            if (expected[p] instanceof Double) {
                scalars++;
            } else {
                buffers.add(nanLike(expected[p]));
            }
        }
        if (scalars > 0) {
            double[] grad = new double[scalars];
            Arrays.fill(grad, Double.NaN);
            buffers.add(0, grad);
        }
        Object[] bufferArgs = new Object[args.length + buffers.size()];
        System.arraycopy(args, 0, bufferArgs, 0, args.length);
        System.arraycopy(buffers.toArray(), 0, bufferArgs, args.length, buffers.size());
        double bufferValue = (Double) invoke(code.companion(STOPS), "d" + method, bufferArgs);
        assertEquals(g.scalar("value"), bufferValue, 0.0, where + ": value of the buffer form");
        int slot = 0;
        int array = scalars > 0 ? 1 : 0;
        for (int p = 0; p < expected.length; p++) {
            Object actual = g.get(names.get(p + 1));
            if (expected[p] instanceof Double) {
                assertEquals((Double) actual, ((double[]) buffers.get(0))[slot++], 1e-13 * (1 + Math.abs((Double) actual)),
                        where + ": buffer form's " + names.get(p + 1));
            } else {
                assertClose(actual, buffers.get(array++), where + ": buffer form's " + names.get(p + 1));
            }
        }
    }

    private static Object invoke(Class<?> owner, String name, Object... args) {
        Class<?>[] types = Arrays.stream(args).map(a -> a instanceof Double ? double.class : a instanceof Integer ? int.class
                : a instanceof Long ? long.class : a.getClass()).toArray(Class<?>[]::new);
        try {
            Method m = owner.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m.invoke(null, args);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return fail("cannot call " + owner.getName() + "." + name + Arrays.toString(types) + ": " + e);
        } catch (InvocationTargetException e) {
            return fail(owner.getName() + "." + name + " threw " + e.getCause(), e.getCause());
        }
    }

    private static Object nanLike(Object array) {
        if (array instanceof double[] v) {
            double[] out = new double[v.length];
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double[][] m = (double[][]) array;
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            Arrays.fill(out[i], Double.NaN);
        }
        return out;
    }

    private static void assertClose(Object expected, Object actual, String what) {
        double[] e = flatten(expected);
        double[] a = flatten(actual);
        assertEquals(e.length, a.length, what + ": number of elements");
        for (int k = 0; k < e.length; k++) {
            assertEquals(e[k], a[k], 1e-12 * (1 + Math.abs(e[k])), what + ": element " + k + " of " + Arrays.toString(a));
        }
    }

    private static double[] flatten(Object value) {
        if (value instanceof Double d) {
            return new double[] {d};
        }
        if (value instanceof double[] v) {
            return v;
        }
        return Arrays.stream((double[][]) value).flatMapToDouble(Arrays::stream).toArray();
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-15);
    }

    /** A class {@code ng.Bad} whose method {@code f} (header on line 8, body from line 9) is differentiated. */
    private static JavaFileObject bad(String header, String... body) {
        return source("ng.Bad", """
                package ng;

                import static io.github.sourcegrad.SourceGrad.noGradient;

                import io.github.sourcegrad.Differentiable;

                class Bad { @Differentiable
                """ + "    " + header + "\n" + Arrays.stream(body).map(l -> "        " + l).collect(Collectors.joining("\n"))
                + "\n    }\n}\n");
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources);
    }

    /** SourceGrad's errors come first, and none is an internal error. */
    private static void assertCleanFailure(Compilation compilation) {
        String all = compilation.errors().stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
        assertFalse(compilation.errors().isEmpty(), "expected an error");
        assertTrue(compilation.errors().get(0).getMessage(null).startsWith("[SourceGrad]"), all);
        assertFalse(all.contains("internal error") || all.contains("Exception"), all);
    }
}
