package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.sourcegrad.Tape;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code throw} in a {@code @Differentiable} method: a path that throws has no gradient, and both generated forms
 * throw what the method throws, with its message, before anything is returned or written into the caller's
 * buffers; on the other paths the gradient is exact. The tape is left clean however deep into a loop the throw
 * happens.
 */
class ThrowTest {
    private static final String CLS = "th.Checks";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package th;

            import io.github.sourcegrad.Differentiable;

            class Checks {
                /** The user's own exception: package-private, nested, unchecked. */
                static final class DomainError extends RuntimeException {
                    private static final long serialVersionUID = 1L;

                    DomainError(String message) {
                        super(message);
                    }
                }

                /** An argument check before the computation: if without else. */
                @Differentiable
                static double logNormal(double x, double mu, double sigma) {
                    if (sigma <= 0) {
                        throw new IllegalArgumentException("sigma must be positive: " + sigma);
                    }
                    double z = (x - mu) / sigma;
                    return -0.5 * z * z - Math.log(sigma);
                }

                /** The throw in the else branch; the then branch assigns. */
                @Differentiable
                static double logOrFail(double x, double w) {
                    double y;
                    if (x > 0) {
                        y = w * Math.log(x);
                    } else {
                        throw new DomainError("log of " + x + " (w = " + w + ")");
                    }
                    return y * y;
                }

                /** A throw inside a loop after some taped iterations: h is overwritten and pushed each time. */
                @Differentiable(wrt = {"w"})
                static double recurrence(double w, double[] x, double limit) {
                    double h = 0.5;
                    for (int i = 0; i < x.length; i++) {
                        h = Math.exp(w * h + x[i]);
                        if (h > limit) {
                            throw new ArithmeticException("diverged at step " + i + ": h = " + h + " > " + limit);
                        }
                    }
                    return h;
                }

                /** Newton's method that gives up: a while loop whose body throws before it writes. */
                @Differentiable
                static double newtonSqrt(double a, int maxSteps) {
                    double x = a;
                    int steps = 0;
                    while (Math.abs(x * x - a) > 1e-12 * a) {
                        if (steps == maxSteps) {
                            throw new IllegalStateException("no convergence after " + steps + " steps, x = " + x);
                        }
                        x = 0.5 * (x + a / x);
                        steps++;
                    }
                    return x;
                }

                /** Arrow-form switch whose default throws. */
                @Differentiable
                static double arrow(double x, int kind) {
                    double y;
                    switch (kind) {
                        case 0 -> y = x * x;
                        case 1 -> y = Math.sin(x);
                        default -> throw new IllegalStateException("unknown kind " + kind);
                    }
                    return 2 * y;
                }

                /** Colon-form switch: a throw in a case and in default. */
                @Differentiable
                static double colon(double x, int kind) {
                    double y = x;
                    switch (kind) {
                        case 0:
                            y = x * x;
                            break;
                        case 1:
                            throw new UnsupportedOperationException();
                        case 2:
                            y = Math.exp(x);
                            break;
                        default:
                            throw new IllegalArgumentException("kind " + kind + " of " + 3);
                    }
                    return y + x;
                }

                /** A switch expression with a throwing arm. */
                @Differentiable
                static double expression(double x, int kind) {
                    return x * switch (kind) {
                        case 0 -> x;
                        case 1 -> Math.cos(x);
                        default -> throw new IllegalArgumentException("kind " + kind);
                    };
                }

                /** The throw is the method's last statement: javac needs no return after it. */
                @Differentiable
                static double lastStatement(double x, int k) {
                    if (k == 0) {
                        return Math.exp(x);
                    }
                    if (k == 1) {
                        return x * x * x;
                    }
                    throw new IllegalArgumentException(k + " is not 0 or 1");
                }

                /** A search whose loop returns, and that throws when it finds nothing. */
                @Differentiable(wrt = {"x"})
                static double firstAbove(double x, double[] a) {
                    for (int i = 0; i < a.length; i++) {
                        if (a[i] > x) {
                            return a[i] * x;
                        }
                    }
                    throw new IllegalStateException("nothing above " + x + " in " + a.length + " elements");
                }

                /** An early return, then a loop (each branch keeps its own backward pass) that throws. */
                @Differentiable(wrt = {"w"})
                static double rootSum(double w, double[] v) {
                    if (v.length == 0) {
                        return 0;
                    }
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] < 0) {
                            throw new IllegalArgumentException("v[" + i + "] = " + v[i] + " is negative");
                        }
                        s += Math.sqrt(w * v[i]);
                    }
                    return s;
                }

                /** Messages as Java builds them: numbers first add, chars and booleans convert, no argument at all. */
                @Differentiable
                static double messages(double x, int n, int k, boolean strict) {
                    if (n < 0) {
                        throw new IllegalArgumentException(n + k + " items, " + (n + k) + '!' + " strict: " + strict
                                + ", x > 1: " + (x > 1) + ", half " + x / 2 + ", " + null);
                    }
                    if (n == 0) {
                        throw new ArithmeticException();
                    }
                    if (n == 1) {
                        throw new IllegalStateException("" + -x);
                    }
                    if (n == 2) {
                        throw new IllegalStateException("constants " + 2.0 * 3 + ", " + (double) 2 + ", " + -2.0 + ", "
                                + 7L + ", " + 0x10 + ", " + 1e10 + ", " + (1 + 2) + ", " + true + ", " + x * 0);
                    }
                    return x * n;
                }
            }
            """));

    private static final String EDGE = "th.Edge";
    private static final GeneratedCode.Once EDGES = GeneratedCode.once(source(EDGE, """
            package th;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Edge {
                @Differentiable
                static double guarded(double x, double s) {
                    if (s <= 0) throw new IllegalArgumentException("s = " + s);
                    return x / s;
                }

                @Differentiable
                static double caller(double x, double s) {
                    return guarded(x, s) * 2 + x;
                }

                @Differentiable(wrt = {"w"})
                static double[] layer(double[][] W, double[] x, double[] w) {
                    if (W[0].length != x.length) {
                        throw new IllegalArgumentException("W has " + W[0].length + " columns but x has " + x.length + " elements");
                    }
                    return ArrayMath.multiply(w, ArrayMath.tanh(ArrayMath.matmul(W, x)));
                }

                @Differentiable
                static double nested(double x, int n, int m) {
                    double s = x;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < m; j++) {
                            if (s > 1e6) {
                                throw new ArithmeticException("overflow at " + i + ", " + j);
                            }
                            s = s * 1.5 + x;
                        }
                        s = Math.sin(s);
                    }
                    return s;
                }

                @Differentiable
                static double unconditional(double x, int n) {
                    double s = x;
                    for (int i = 0; i < n; i++) {
                        s = Math.sin(s);
                        if (i == 3) {
                            continue;
                        }
                        if (i > 10) break;
                    }
                    do {
                        s = s * 2;
                        if (s > 60) throw new IllegalStateException("too big " + s);
                    } while (s < 50);
                    return s;
                }

                @Differentiable
                static double inSwitchLoop(double x) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) {
                        s += switch (k) {
                            case 0 -> x;
                            case 1 -> x * x;
                            case 2 -> { if (x < 0) throw new IllegalArgumentException("x < 0: " + x); yield Math.sqrt(x); }
                            default -> throw new IllegalStateException();
                        };
                    }
                    return s;
                }

                /** The loop's reversal recomputes y: javac must see it assigned on every path that goes on. */
                @Differentiable
                static double assignedOrThrows(double[] x, double w) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double y;
                        if (x[i] > 0) {
                            y = Math.log(x[i] * w);
                        } else {
                            throw new IllegalArgumentException("x[" + i + "] = " + x[i]);
                        }
                        s = s * y + w;
                    }
                    return s;
                }

                @Differentiable
                static double switchArmThrows(double x, double w, int n) {
                    double s = x;
                    for (int i = 0; i < n; i++) {
                        double y = switch (i % 4) {
                            case 0 -> s * w;
                            case 1 -> Math.sin(s);
                            case 2 -> s * s;
                            default -> throw new IllegalStateException("step " + i);
                        };
                        s = y + s * w;
                    }
                    return s;
                }

                @Differentiable
                static double inPlace(double[] v, double c) {
                    double[] h = ArrayMath.copy(v);
                    for (int i = 0; i < h.length; i++) {
                        h[i] = Math.tanh(c * h[i]);
                        if (h[i] - h[i] != 0) throw new ArithmeticException("h[" + i + "] = " + h[i]);
                    }
                    for (int i = 0; i < h.length; i++) {
                        h[i] = h[i] * h[i] + c;
                    }
                    return ArrayMath.sum(h);
                }
            }
            """));

    /** The exception a call ends with, unwrapped; fails if it returns. */
    private static RuntimeException thrown(Runnable call) {
        return assertThrows(RuntimeException.class, call::run);
    }

    /** The original method, the record form and the buffer form all throw the same type with the same message. */
    private static void assertSameThrow(String method, int gradients, Object... args) {
        GeneratedCode code = CODE.get();
        int taped = Tape.local().size();
        RuntimeException expected = thrown(() -> code.primal(CLS, method, args));
        RuntimeException record = thrown(() -> code.gradient(CLS, method, args));
        double[] grad = new double[gradients];
        Arrays.fill(grad, Double.NaN);
        RuntimeException buffer = thrown(() -> code.gradientInto(CLS, method, grad, args));
        String where = method + Arrays.toString(args);
        assertEquals(expected.getClass(), record.getClass(), where + ": record form");
        assertEquals(expected.getClass(), buffer.getClass(), where + ": buffer form");
        assertEquals(expected.getMessage(), record.getMessage(), where + ": record form's message");
        assertEquals(expected.getMessage(), buffer.getMessage(), where + ": buffer form's message");
        assertTrue(Arrays.stream(grad).allMatch(Double::isNaN), where + ": the buffer was written: " + Arrays.toString(grad));
        assertEquals(taped, Tape.local().size(), where + ": the tape keeps what the calls pushed");
        assertEquals(0, Tape.local().openFrames(), where);
    }

    static Stream<Arguments> throwing() {
        return Stream.of(
                Arguments.of("logNormal", 3, new Object[] {0.3, 0.1, -2.0}),
                Arguments.of("logNormal", 3, new Object[] {0.3, 0.1, 0.0}),
                Arguments.of("logOrFail", 2, new Object[] {-0.5, 2.0}),
                Arguments.of("recurrence", 1, new Object[] {1.1, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 20.0}),
                Arguments.of("newtonSqrt", 1, new Object[] {2.0, 3}),
                Arguments.of("arrow", 1, new Object[] {0.7, 2}),
                Arguments.of("arrow", 1, new Object[] {0.7, -1}),
                Arguments.of("colon", 1, new Object[] {0.7, 1}),
                Arguments.of("colon", 1, new Object[] {0.7, 5}),
                Arguments.of("expression", 1, new Object[] {0.7, 9}),
                Arguments.of("lastStatement", 1, new Object[] {0.7, 2}),
                Arguments.of("firstAbove", 1, new Object[] {5.0, new double[] {1, 2, 3}}),
                Arguments.of("rootSum", 1, new Object[] {0.8, new double[] {1, 2, -3, 4}}),
                Arguments.of("messages", 1, new Object[] {1.5, -4, 2, true}),
                Arguments.of("messages", 1, new Object[] {0.25, -1, -7, false}),
                Arguments.of("messages", 1, new Object[] {1.5, 0, 2, true}),
                Arguments.of("messages", 1, new Object[] {-0.0, 1, 2, true}),
                Arguments.of("messages", 1, new Object[] {2.5, 1, 2, true}),
                Arguments.of("messages", 1, new Object[] {2.5, 2, 2, true}));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("throwing")
    void bothFormsThrowWhatTheMethodThrows(String method, int gradients, Object[] args) {
        assertSameThrow(method, gradients, args);
    }

    static Stream<Arguments> normal() {
        return Stream.of(
                Arguments.of("logNormal", new int[] {0, 1, 2}, new Object[] {0.3, 0.1, 1.7}),
                Arguments.of("logOrFail", new int[] {0, 1}, new Object[] {0.5, 2.0}),
                Arguments.of("recurrence", new int[] {0}, new Object[] {0.3, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 20.0}),
                Arguments.of("newtonSqrt", new int[] {0}, new Object[] {2.0, 50}),
                Arguments.of("arrow", new int[] {0}, new Object[] {0.7, 0}),
                Arguments.of("arrow", new int[] {0}, new Object[] {0.7, 1}),
                Arguments.of("colon", new int[] {0}, new Object[] {0.7, 0}),
                Arguments.of("colon", new int[] {0}, new Object[] {0.7, 2}),
                Arguments.of("expression", new int[] {0}, new Object[] {0.7, 0}),
                Arguments.of("expression", new int[] {0}, new Object[] {0.7, 1}),
                Arguments.of("lastStatement", new int[] {0}, new Object[] {0.7, 0}),
                Arguments.of("lastStatement", new int[] {0}, new Object[] {0.7, 1}),
                Arguments.of("firstAbove", new int[] {0}, new Object[] {1.5, new double[] {1, 2, 3}}),
                Arguments.of("rootSum", new int[] {0}, new Object[] {0.8, new double[] {1, 2, 3, 4}}),
                Arguments.of("rootSum", new int[] {0}, new Object[] {0.8, new double[0]}),
                Arguments.of("messages", new int[] {0}, new Object[] {1.5, 3, 2, true}));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("normal")
    void theGradientOnPathsThatDoNotThrowMatchesDifferences(String method, int[] differentiated, Object[] args) {
        CODE.get().assertGradientMatchesDifferences(CLS, method, differentiated, args);
        assertTrue(Tape.local().isEmpty());
    }

    @Test
    void edgeCasesThrowAndDifferentiateAsTheMethodDoes() throws Exception {
        GeneratedCode code = EDGES.get();
        Object[][] throwing = {
                {"guarded", 1.0, -2.0}, {"caller", 1.0, -2.0}, {"nested", 0.5, 4, 40}, {"unconditional", 3.0, 2},
                {"inSwitchLoop", -0.5}, {"inPlace", new double[] {0.5, Double.NaN, 0.2}, 1.5},
                {"assignedOrThrows", new double[] {0.5, 2, -1, 3}, 0.7}, {"switchArmThrows", 0.3, 0.5, 6}};
        int taped = Tape.local().size();
        for (Object[] row : throwing) {
            String method = (String) row[0];
            Object[] args = Arrays.copyOfRange(row, 1, row.length);
            RuntimeException expected = thrown(() -> code.primal(EDGE, method, args));
            RuntimeException record = thrown(() -> code.gradient(EDGE, method, args));
            assertEquals(expected.getClass(), record.getClass(), method);
            assertEquals(expected.getMessage(), record.getMessage(), method);
        }
        assertEquals(taped, Tape.local().size());
        code.assertGradientMatchesDifferences(EDGE, "guarded", new int[] {0, 1}, 1.0, 2.0);
        code.assertGradientMatchesDifferences(EDGE, "caller", new int[] {0, 1}, 1.0, 2.0);
        code.assertGradientMatchesDifferences(EDGE, "nested", new int[] {0}, 0.5, 4, 3);
        code.assertGradientMatchesDifferences(EDGE, "unconditional", new int[] {0}, 0.9, 12);
        code.assertGradientMatchesDifferences(EDGE, "inSwitchLoop", new int[] {0}, 0.7);
        code.assertGradientMatchesDifferences(EDGE, "switchArmThrows", new int[] {0, 1}, 0.3, 0.5, 3);
        double[] positive = {0.5, 2, 1.5, 3};
        double[] gradX = new double[4];
        double[] gradW = new double[1];
        code.companion(EDGE).getMethod("dassignedOrThrows", double[].class, double.class, double[].class, double[].class)
                .invoke(null, positive, 0.7, gradW, gradX);
        double h = 1e-6;
        double numeric = (code.primal(EDGE, "assignedOrThrows", positive, 0.7 + h)
                - code.primal(EDGE, "assignedOrThrows", positive, 0.7 - h)) / (2 * h);
        GeneratedCode.assertMatchesDifference(numeric, gradW[0], "d/dw");
        for (int i = 0; i < 4; i++) {
            double[] up = positive.clone();
            double[] down = positive.clone();
            up[i] += h;
            down[i] -= h;
            numeric = (code.primal(EDGE, "assignedOrThrows", up, 0.7) - code.primal(EDGE, "assignedOrThrows", down, 0.7)) / (2 * h);
            GeneratedCode.assertMatchesDifference(numeric, gradX[i], "d/dx[" + i + "]");
        }
        assertEquals(1 + 2 * 0.7 + 0.5 / Math.sqrt(0.7), code.gradient(EDGE, "inSwitchLoop", 0.7).d("x"), 1e-12);
        double[] v = {0.5, -0.3, 0.2};
        double[] gradC = new double[1];
        double[] gradV = new double[3];
        java.lang.reflect.Method inPlace = code.companion(EDGE).getMethod("dinPlace", double[].class, double.class,
                double[].class, double[].class);
        double[] bad = {0.5, Double.NaN, 0.2};
        java.lang.reflect.InvocationTargetException e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> inPlace.invoke(null, bad, 1.5, gradC, gradV));
        assertEquals("h[1] = NaN", e.getCause().getMessage());
        assertArrayEquals(new double[3], gradV, "untouched");
        inPlace.invoke(null, v, 1.5, gradC, gradV);
        double dc = 0;
        for (int i = 0; i < v.length; i++) { // d/dv_i of sum(tanh(c v)^2 + c) = 2 t (1 - t^2) c
            double t = Math.tanh(1.5 * v[i]);
            assertEquals(2 * t * (1 - t * t) * 1.5, gradV[i], 1e-12);
            dc += 2 * t * (1 - t * t) * v[i] + 1;
        }
        assertEquals(dc, gradC[0], 1e-12);
        assertTrue(Tape.local().size() == taped);
    }

    @Test
    void aShapeCheckBeforeVectorizedOperationsThrowsBeforeThePullbackWritesItsBuffer() throws Exception {
        Class<?> companion = EDGES.get().companion(EDGE);
        double[][] W = {{0.5, -0.25}, {0.125, 0.75}};
        double[] w = {1.5, -2};
        double[] up = {0.3, 0.7};
        java.lang.reflect.Method record = companion.getMethod("dlayer", double[][].class, double[].class, double[].class,
                double[].class);
        java.lang.reflect.Method buffer = companion.getMethod("dlayer", double[][].class, double[].class, double[].class,
                double[].class, double[].class);
        double[] gradW = {Double.NaN, Double.NaN};
        java.lang.reflect.InvocationTargetException e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> buffer.invoke(null, W, new double[] {1, 2, 3}, w, up, gradW));
        assertEquals("W has 2 columns but x has 3 elements", e.getCause().getMessage());
        assertTrue(Double.isNaN(gradW[0]) && Double.isNaN(gradW[1]));
        e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> record.invoke(null, W, new double[] {1, 2, 3}, w, up));
        assertEquals(IllegalArgumentException.class, e.getCause().getClass());
        double[] x = {0.4, -0.9};
        buffer.invoke(null, W, x, w, up, gradW);
        for (int i = 0; i < 2; i++) {
            assertEquals(Math.tanh(W[i][0] * x[0] + W[i][1] * x[1]) * up[i], gradW[i], 1e-15);
        }
    }

    @Test
    void exactValuesOnTheNormalPath() {
        GeneratedCode.Gradient g = CODE.get().gradient(CLS, "logNormal", 0.3, 0.1, 2.0);
        double z = (0.3 - 0.1) / 2.0;
        assertEquals(-z / 2.0, g.d("x"), 1e-15);
        assertEquals(z / 2.0, g.d("mu"), 1e-15);
        assertEquals(z * z / 2.0 - 1 / 2.0, g.d("sigma"), 1e-15);
        GeneratedCode.Gradient s = CODE.get().gradient(CLS, "newtonSqrt", 2.0, 50);
        assertEquals(1 / (2 * Math.sqrt(2.0)), s.d("a"), 1e-12);
    }

    @Test
    void aThrowAfterTapedIterationsLeavesTheCallersTapeAsItWas() {
        GeneratedCode code = CODE.get();
        Tape tape = Tape.local();
        tape.push(42.0);
        double[] x = new double[200];
        Arrays.fill(x, 0.5);
        for (int k = 0; k < 100; k++) {
            RuntimeException e = thrown(() -> code.gradientInto(CLS, "recurrence", new double[1], 1.02, x, 1e6));
            assertTrue(e instanceof ArithmeticException && e.getMessage().startsWith("diverged at step"), e.toString());
            thrown(() -> code.gradient(CLS, "recurrence", 1.02, x, 1e6));
        }
        assertEquals(1, tape.size(), "the failed calls' pushes are gone");
        assertEquals(0, tape.openFrames());
        assertEquals(42.0, tape.popDouble());
        // the next call is right
        CODE.get().assertGradientMatchesDifferences(CLS, "recurrence", new int[] {0}, 0.1, x, 1e6);
        assertTrue(tape.isEmpty());
    }

    @Test
    void theGeneratedCodeThrowsAsTheUserWroteIt() {
        String generated = CODE.get().generatedSource("th.ChecksGrad");
        assertTrue(generated.contains("throw new IllegalArgumentException(\"sigma must be positive: \" + sigma);"), generated);
        assertTrue(generated.contains("throw new Checks.DomainError(\"log of \" + x + \" (w = \" + w + \")\");"), generated);
        assertTrue(generated.contains("throw new UnsupportedOperationException();"), generated);
        // constants are joined as javac joins them, in Java's string conversion
        assertTrue(generated.contains("throw new IllegalArgumentException(\"kind \" + kind + \" of 3\");"), generated);
        assertTrue(generated.contains("(double) 2 + \", -2.0, 7, 16, 1.0E10, \" + (1 + 2) + \", true, \" + x * 0"), generated);
        // a guard that the backward pass need not recompute appears once per generated form
        assertEquals(2, occurrences(generated, "throw new IllegalArgumentException(\"sigma must be positive: \""), generated);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    // ---- errors ----------------------------------------------------------------------------------------

    private static Compilation compileBody(String extra, String... body) {
        String code = "package e;\n\nimport io.github.sourcegrad.Differentiable;\n\nclass E {\n" + extra
                + "    @Differentiable\n    static double f(double x, int n) {\n        "
                + String.join("\n        ", body) + "\n    }\n}\n";
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("e.E", code));
    }

    static Stream<Arguments> unsupported() {
        String supported = "SourceGrad supports 'throw new E()' and 'throw new E(message)' for an unchecked exception class E";
        return Stream.of(
                Arguments.of("", new String[] {"RuntimeException e = new RuntimeException();", "if (n < 0) throw e;", "return x;"},
                        "local variables of type 'RuntimeException' are not supported"),
                Arguments.of("    static RuntimeException make() { return new RuntimeException(); }\n",
                        new String[] {"if (n < 0) throw make();", "return x;"}, "this throw statement is not supported; " + supported),
                Arguments.of("", new String[] {"if (n < 0) throw new IllegalArgumentException(\"bad \" + Math.abs(n));", "return x;"},
                        "a call in the message of a throw is not supported; " + supported),
                Arguments.of("", new String[] {"if (n < 0) throw new IllegalArgumentException(String.valueOf(n));", "return x;"},
                        "this exception's arguments are not supported; " + supported),
                Arguments.of("", new String[] {"if (n < 0) throw new IllegalArgumentException(\"bad\", null);", "return x;"},
                        "this exception's arguments are not supported; " + supported),
                Arguments.of("    static class Checked extends Exception { Checked(String m) { super(m); } }\n",
                        new String[] {"if (n < 0) throw new Checked(\"bad\");", "return x;"},
                        "the checked exception Checked is not supported"),
                Arguments.of("    private static class Hidden extends RuntimeException { Hidden(String m) { super(m); } }\n",
                        new String[] {"if (n < 0) throw new Hidden(\"bad\");", "return x;"},
                        "the exception class Hidden is not accessible from the generated class"),
                Arguments.of("    static class NoMessage extends RuntimeException { NoMessage() { } }\n",
                        new String[] {"if (n < 0) throw new NoMessage(\"bad\");", "return x;"},
                        "NoMessage has no accessible constructor that takes one String"),
                Arguments.of("", new String[] {"throw new IllegalStateException(\"never\");"},
                        "this @Differentiable method throws on every path: it needs a path that returns a value"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("unsupported")
    void unsupportedThrowsAreClearErrors(String extra, String[] body, String message) {
        Compilation compilation = compileBody(extra, body);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message);
        assertFalse(compilation.errors().stream().anyMatch(d -> d.getMessage(null).contains("Grad.java")),
                "no error in generated code: " + compilation.errors());
    }
}
