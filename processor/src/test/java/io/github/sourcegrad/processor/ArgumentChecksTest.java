package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The checks every generated form makes on its arguments before it computes anything: a null array is named,
 * and a gradient buffer that shares storage with an argument or another buffer (which the buffer form would
 * clear and write while the backward pass still reads it) is an {@link IllegalArgumentException} naming both.
 */
class ArgumentChecksTest {

    private static final String CLS = "chk.Checks";

    private static final GeneratedCode.Once CODE = GeneratedCode.once(GeneratedCode.source(CLS, """
            package chk;

            import static io.github.sourcegrad.ArrayMath.*;

            import io.github.sourcegrad.Differentiable;

            class Checks {
                @Differentiable(wrt = {"W", "b", "v"})
                static double layer(double[] x, double[][] W, double[] b, double[] v) {
                    double[] h = new double[W.length];
                    for (int i = 0; i < W.length; i++) {
                        double a = b[i];
                        for (int j = 0; j < x.length; j++) {
                            a += W[i][j] * x[j];
                        }
                        h[i] = Math.tanh(a);
                    }
                    double y = 0;
                    for (int i = 0; i < h.length; i++) {
                        y += v[i] * h[i];
                    }
                    return y;
                }

                @Differentiable
                static double[][] minibatch(double[][] X, double[][] W, double[] z) {
                    double[][] P = matmul(X, W);
                    double[][] Q = tanh(addRow(P, z));
                    return Q;
                }

                @Differentiable
                static double scaled(double c, double[] b) {
                    return c * dot(b, b);
                }

                @Differentiable
                static double f(double x, double y) {
                    return x * y;
                }

                /** Allocates nothing in its buffer form: only loops over elements. */
                @Differentiable
                static double quadratic(double[] x, double[][] A) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int j = 0; j < x.length; j++) {
                            s += x[i] * A[i][j] * x[j];
                        }
                    }
                    return s;
                }
            }
            """));

    private static final String RULE = ": a gradient buffer must not share storage with an argument or another buffer";

    // x: 3, W: 2x3, b, v: 2 -- W's rows have x's length, b and v the rows' count
    private static double[] x() {
        return new double[] {0.5, -1.0, 2.0};
    }

    private static double[][] W() {
        return new double[][] {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}};
    }

    private static double[] b() {
        return new double[] {0.1, -0.1};
    }

    private static double[] v() {
        return new double[] {0.7, -0.3};
    }

    private static Object call(String method, Class<?>[] types, Object... args) {
        try {
            Method m = CODE.get().companion(CLS).getMethod("d" + method, types);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static final Class<?>[] LAYER = {double[].class, double[][].class, double[].class, double[].class};
    private static final Class<?>[] LAYER_BUFFERS = {double[].class, double[][].class, double[].class, double[].class,
            double[][].class, double[].class, double[].class};

    private static double layerInto(double[] x, double[][] W, double[] b, double[] v, double[][] gradW, double[] gradB,
            double[] gradV) {
        return (Double) call("layer", LAYER_BUFFERS, x, W, b, v, gradW, gradB, gradV);
    }

    private static void assertShared(String message, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(message + RULE, e.getMessage());
    }

    // ------------------------------------------------------------------ aliasing

    @Test
    void distinctBuffersGetTheRecordsGradients() throws ReflectiveOperationException {
        Object record = call("layer", LAYER, x(), W(), b(), v());
        double[][] gradW = new double[2][3];
        double[] gradB = new double[2];
        double[] gradV = new double[2];
        layerInto(x(), W(), b(), v(), gradW, gradB, gradV);
        assertArrayEquals((double[][]) record.getClass().getMethod("dW").invoke(record), gradW);
        assertArrayEquals((double[]) record.getClass().getMethod("db").invoke(record), gradB);
        assertArrayEquals((double[]) record.getClass().getMethod("dv").invoke(record), gradV);
    }

    @Test
    void inputsMayShareStorage() throws ReflectiveOperationException {
        double[] shared = b();
        Object record = call("layer", LAYER, x(), W(), shared, shared);
        double[] gradB = new double[2];
        double[] gradV = new double[2];
        layerInto(x(), W(), shared, shared, new double[2][3], gradB, gradV);
        assertArrayEquals((double[]) record.getClass().getMethod("db").invoke(record), gradB);
        assertArrayEquals((double[]) record.getClass().getMethod("dv").invoke(record), gradV);
    }

    @Test
    void oneArrayForTwoBuffers() {
        double[] both = new double[2];
        assertShared("gradV is the same array as gradB",
                () -> layerInto(x(), W(), b(), v(), new double[2][3], both, both));
    }

    @Test
    void anArgumentAsABuffer() {
        double[] v = v();
        assertShared("gradV is the same array as v", () -> layerInto(x(), W(), b(), v, new double[2][3], new double[2], v));
        double[][] W = W();
        assertShared("gradW is the same array as W", () -> layerInto(x(), W, b(), v(), W, new double[2], new double[2]));
        // x is not differentiated, but the backward pass reads it
        double[] x = {1, 2};
        double[][] W2 = {{1, 2}, {3, 4}};
        assertShared("gradB is the same array as x", () -> layerInto(x, W2, b(), v(), new double[2][2], x, new double[2]));
    }

    @Test
    void sharedRows() {
        double[][] W = W();
        assertShared("row 1 of gradW is the same array as row 1 of W",
                () -> layerInto(x(), W, b(), v(), new double[][] {new double[3], W[1]}, new double[2], new double[2]));
        double[] row = new double[3];
        assertShared("row 1 of gradW is the same array as row 0 of gradW",
                () -> layerInto(x(), W(), b(), v(), new double[][] {row, row}, new double[2], new double[2]));
        // a square W, so that a vector can be one of its rows
        double[] x = {1, 2};
        double[] gradB = new double[2];
        assertShared("gradB is the same array as row 0 of gradW",
                () -> layerInto(x, new double[][] {{1, 2}, {3, 4}}, b(), v(), new double[][] {gradB, new double[2]}, gradB,
                        new double[2]));
        assertShared("row 1 of gradW is the same array as x",
                () -> layerInto(x, new double[][] {{1, 2}, {3, 4}}, b(), v(), new double[][] {new double[2], x},
                        new double[2], new double[2]));
        double[][] W2 = {{1, 2}, {3, 4}};
        assertShared("gradV is the same array as row 0 of W",
                () -> layerInto(x, W2, b(), v(), new double[2][2], new double[2], W2[0]));
    }

    @Test
    void upstreamAndGradSlots() {
        Class<?>[] types = {double[][].class, double[][].class, double[].class, double[][].class, double[][].class,
                double[][].class, double[].class};
        double[][] X = {{1, 2}, {3, 4}, {5, 6}};
        double[][] W = {{0.1, 0.2}, {0.3, 0.4}};
        double[][] dQ = {{1, 1}, {1, 1}, {1, 1}};
        assertShared("gradX is the same array as dQ",
                () -> call("minibatch", types, X, W, new double[2], dQ, dQ, new double[2][2], new double[2]));
        assertShared("row 0 of gradW is the same array as row 2 of dQ",
                () -> call("minibatch", types, X, W, new double[2], dQ, new double[3][2], new double[][] {dQ[2], new double[2]},
                        new double[2]));
        double[] b = {1, 2};
        Class<?>[] scaled = {double.class, double[].class, double[].class, double[].class};
        assertShared("grad is the same array as b", () -> call("scaled", scaled, 2.0, b, b, new double[2]));
        assertShared("gradB is the same array as grad", () -> {
            double[] grad = new double[2];
            call("scaled", scaled, 2.0, b, grad, grad);
        });
    }

    @Test
    void checkedBuffersAllocateNothing() throws Throwable {
        Method m = CODE.get().companion(CLS).getMethod("dquadratic", double[].class, double[][].class, double[].class,
                double[][].class);
        MethodHandle h = MethodHandles.publicLookup().unreflect(m)
                .asType(MethodType.methodType(double.class, double[].class, double[][].class, double[].class, double[][].class));
        double[] x = {1, 2, 3};
        double[][] A = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        double[] gradX = new double[3];
        double[][] gradA = new double[3][3];
        double s = 0;
        for (int i = 0; i < 30_000; i++) {
            s += (double) h.invokeExact(x, A, gradX, gradA);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            s += (double) h.invokeExact(x, A, gradX, gradA);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(s != 0);
        // one allocation per call would be at least 16 bytes, 160,000 in all
        assertTrue(allocated < 10_000, "10,000 calls allocated " + allocated + " bytes");
        assertEquals(1 * 3, gradA[0][2], 0.0); // x[0] * x[2]
    }

    // ------------------------------------------------------------------ null

    @Test
    void nullArrayIsNamedInEveryForm() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> call("layer", LAYER, x(), null, b(), v()));
        assertEquals("W", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> call("layer", LAYER, null, W(), b(), v()));
        assertEquals("x", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> layerInto(x(), W(), b(), v(), new double[2][3], null, new double[2]));
        assertEquals("gradB", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> layerInto(x(), W(), null, v(), new double[2][3], new double[2],
                new double[2]));
        assertEquals("b", e.getMessage());
        // before anything else: a ragged W does not speak first
        e = assertThrows(NullPointerException.class, () -> layerInto(x(), new double[][] {{1, 2, 3}, {1}}, b(), v(),
                new double[2][3], new double[2], null));
        assertEquals("gradV", e.getMessage());

        Class<?>[] pullback = {double[][].class, double[][].class, double[].class, double[][].class};
        e = assertThrows(NullPointerException.class, () -> call("minibatch", pullback, new double[1][2], new double[2][2],
                new double[2], null));
        assertEquals("dQ", e.getMessage());
        Class<?>[] pullbackBuffers = {double[][].class, double[][].class, double[].class, double[][].class, double[][].class,
                double[][].class, double[].class};
        e = assertThrows(NullPointerException.class, () -> call("minibatch", pullbackBuffers, new double[1][2],
                new double[2][2], new double[2], null, new double[1][2], new double[2][2], new double[2]));
        assertEquals("dQ", e.getMessage());

        e = assertThrows(NullPointerException.class, () -> call("f", new Class<?>[] {double.class, double.class, double[].class},
                1.0, 2.0, null));
        assertEquals("grad", e.getMessage());
    }

    @Test
    void aShortGradIsReportedWithTheSlotsItNeeds() {
        Class<?>[] types = {double.class, double.class, double[].class};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call("f", types, 1.0, 2.0, new double[1]));
        assertEquals("grad must have length at least 2 (one slot per differentiated parameter: x, y) but has length 1",
                e.getMessage());
        Class<?>[] scaledBuffers = {double.class, double[].class, double[].class, double[].class};
        e = assertThrows(IllegalArgumentException.class, () -> call("scaled", scaledBuffers, 1.0, new double[2], new double[0],
                new double[2]));
        assertEquals("grad must have length at least 1 (one slot per differentiated parameter: c) but has length 0",
                e.getMessage());
        double[] grad = {0, 0, 42};
        assertEquals(6.0, (Double) call("f", types, 2.0, 3.0, grad), 0.0);
        assertArrayEquals(new double[] {3, 2, 42}, grad, 0.0);
    }
}
