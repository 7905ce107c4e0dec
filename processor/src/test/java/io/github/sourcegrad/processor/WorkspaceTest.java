package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.Workspace;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The buffer form of array code takes its intermediates and adjoints from the thread's {@link Workspace} (issue 13):
 * once warm it allocates nothing, it gives the record form's numbers bit for bit whatever the buffers held, and calls
 * nested in an open workspace frame or made from two threads at once do not disturb each other. The record form
 * allocates what it returns and little else.
 */
class WorkspaceTest {

    private static final String NETS = "ws.Nets";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(NETS, """
            package ws;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Nets {
                /** One sample, vectorized. */
                @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
                static double twoLayer(double[] x, double t, double[][] w1, double[] b1, double[] w2, double b2) {
                    double[] z = ArrayMath.add(ArrayMath.matmul(w1, x), b1);
                    double[] h = ArrayMath.tanh(z);
                    double y = ArrayMath.dot(w2, h) + b2;
                    double r = y - t;
                    return r * r;
                }

                /** The same with loops over the elements, its hidden layer in a new array. */
                @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
                static double twoLayerLoops(double[] x, double t, double[][] w1, double[] b1, double[] w2, double b2) {
                    double[] h = new double[b1.length];
                    for (int i = 0; i < b1.length; i++) {
                        double z = b1[i];
                        for (int j = 0; j < x.length; j++) {
                            z += w1[i][j] * x[j];
                        }
                        h[i] = Math.tanh(z);
                    }
                    double y = b2;
                    for (int i = 0; i < h.length; i++) {
                        y += w2[i] * h[i];
                    }
                    double r = y - t;
                    return r * r;
                }

                /** A minibatch: mean squared error of tanh(X W1 + b1) W2 + b2. */
                @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
                static double mlpBatch(double[][] x, double[][] t, double[][] w1, double[] b1, double[][] w2, double[] b2) {
                    double[][] h = ArrayMath.tanh(ArrayMath.addRow(ArrayMath.matmul(x, w1), b1));
                    double[][] y = ArrayMath.addRow(ArrayMath.matmul(h, w2), b2);
                    double[][] r = ArrayMath.subtract(y, t);
                    return ArrayMath.sum(ArrayMath.square(r)) / t.length;
                }

                /** A bias scaled before it is added to every row: its gradient is scale(2, sumRows(dY)). */
                @Differentiable(wrt = {"b", "w"})
                static double scaledBias(double[][] x, double[] b, double[][] w) {
                    double[][] y = ArrayMath.addRow(ArrayMath.matmul(x, w), ArrayMath.scale(2, b));
                    return ArrayMath.sum(ArrayMath.square(y));
                }
            }
            """), source("ws.Driver", """
            package ws;

            /** Calls the buffer forms in a loop, as a training loop does (no reflection, no boxing per call). */
            class Driver {
                static double twoLayer(int calls, double[] x, double[][] w1, double[] b1, double[] w2,
                        double[] grad, double[][] gw1, double[] gb1, double[] gw2) {
                    double s = 0;
                    for (int k = 0; k < calls; k++) {
                        s += NetsGrad.dtwoLayer(x, 0.25, w1, b1, w2, 0.1, grad, gw1, gb1, gw2);
                    }
                    return s;
                }

                static double twoLayerLoops(int calls, double[] x, double[][] w1, double[] b1, double[] w2,
                        double[] grad, double[][] gw1, double[] gb1, double[] gw2) {
                    double s = 0;
                    for (int k = 0; k < calls; k++) {
                        s += NetsGrad.dtwoLayerLoops(x, 0.25, w1, b1, w2, 0.1, grad, gw1, gb1, gw2);
                    }
                    return s;
                }

                /** The record form: only the record and its gradient arrays may be allocated. */
                static double mlpBatchRecord(int calls, double[][] x, double[][] t, double[][] w1, double[] b1, double[][] w2,
                        double[] b2) {
                    double s = 0;
                    for (int k = 0; k < calls; k++) {
                        NetsGrad.MlpBatchGradient g = NetsGrad.dmlpBatch(x, t, w1, b1, w2, b2);
                        s += g.value() + g.dw1()[k % 8][0] + g.db1()[0] + g.dw2()[0][0] + g.db2()[0];
                    }
                    return s;
                }

                static double mlpBatch(int calls, double[][] x, double[][] t, double[][] w1, double[] b1, double[][] w2,
                        double[] b2, double[][] gw1, double[] gb1, double[][] gw2, double[] gb2) {
                    double s = 0;
                    for (int k = 0; k < calls; k++) {
                        s += NetsGrad.dmlpBatch(x, t, w1, b1, w2, b2, gw1, gb1, gw2, gb2);
                    }
                    return s;
                }
            }
            """));

    private static final int D = 8;
    private static final int HIDDEN = 16;
    private static final int BATCH = 64;

    private static double[] vector(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() * 0.5;
        }
        return v;
    }

    private static double[][] matrix(Random rnd, int rows, int cols) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = vector(rnd, cols);
        }
        return m;
    }

    private static double[][] nan(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    private static double[] nan(int n) {
        return nan(1, n)[0];
    }

    private static Object call(Method m, Object... args) {
        try {
            return m.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static Method method(Class<?> c, String name, int parameters) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new AssertionError("no " + name + " with " + parameters + " parameters");
    }

    private static Object component(Object record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    c.getAccessor().setAccessible(true);
                    return c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no component " + name);
    }

    /** The record form's value and gradients, and the buffer form's into NaN-filled buffers, twice. */
    private static void assertBufferFormIsTheRecordForm(Class<?> companion, Object[] args, String method) {
        Object record = call(method(companion, "d" + method, args.length), args);
        for (int round = 0; round < 2; round++) {
            double[][] gw1 = nan(((double[][]) args[2]).length, ((double[][]) args[2])[0].length);
            double[] gb1 = nan(((double[]) args[3]).length);
            Object w2 = args[4];
            Object gw2 = w2 instanceof double[][] m ? nan(m.length, m[0].length) : nan(((double[]) w2).length);
            Object[] full;
            double[] grad = {Double.NaN};
            Object gb2 = args[5] instanceof double[] b ? nan(b.length) : null;
            full = gb2 != null ? append(args, gw1, gb1, gw2, gb2) : append(args, grad, gw1, gb1, gw2);
            double value = (double) call(method(companion, "d" + method, full.length), full);
            assertEquals((double) component(record, "value"), value, 0.0);
            assertArrayEqualsExactly((double[][]) component(record, "dw1"), gw1);
            assertArrayEquals((double[]) component(record, "db1"), gb1, 0.0);
            if (gw2 instanceof double[][] m) {
                assertArrayEqualsExactly((double[][]) component(record, "dw2"), m);
            } else {
                assertArrayEquals((double[]) component(record, "dw2"), (double[]) gw2, 0.0);
            }
            if (gb2 != null) {
                assertArrayEquals((double[]) component(record, "db2"), (double[]) gb2, 0.0);
            } else {
                assertEquals((double) component(record, "db2"), grad[0], 0.0);
            }
        }
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static void assertArrayEqualsExactly(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0);
        }
    }

    private static Object[] oneSample(Random rnd) {
        return new Object[] {vector(rnd, D), 0.25, matrix(rnd, HIDDEN, D), vector(rnd, HIDDEN), vector(rnd, HIDDEN), 0.1};
    }

    private static Object[] minibatch(Random rnd, int batch) {
        return new Object[] {matrix(rnd, batch, D), matrix(rnd, batch, 1), matrix(rnd, D, HIDDEN), vector(rnd, HIDDEN),
            matrix(rnd, HIDDEN, 1), vector(rnd, 1)};
    }

    @Test
    void bufferFormsGiveTheRecordFormsNumbersWhateverTheBuffersHeld() {
        Class<?> grad = CODE.get().load(NETS + "Grad");
        Random rnd = new Random(1);
        assertBufferFormIsTheRecordForm(grad, oneSample(rnd), "twoLayer");
        assertBufferFormIsTheRecordForm(grad, oneSample(rnd), "twoLayerLoops");
        assertBufferFormIsTheRecordForm(grad, minibatch(rnd, BATCH), "mlpBatch");
        assertBufferFormIsTheRecordForm(grad, minibatch(rnd, 3), "mlpBatch");    // another shape: new workspace arrays
        assertBufferFormIsTheRecordForm(grad, minibatch(rnd, BATCH), "mlpBatch"); // and back
    }

    /**
     * The {@code Into} kernels write into workspace arrays that are not cleared ({@code ws.scratchLike(t1)}): a call
     * whose arguments are all NaN leaves NaN in every one of them, and the next call must not see any of it.
     */
    @Test
    void workspaceArraysLeftFullOfNaNByAnEarlierCallDoNotReachTheNextCallsNumbers() {
        Class<?> grad = CODE.get().load(NETS + "Grad");
        Random rnd = new Random(4);
        String source = CODE.get().generatedSource(NETS + "Grad");
        assertTrue(source.contains("tanhInto(z, ws.scratchLike(z))"), "the hidden layer in an array not cleared");
        Object[] one = oneSample(rnd);
        Object[] nanOne = {nan(D), Double.NaN, nan(HIDDEN, D), nan(HIDDEN), nan(HIDDEN), Double.NaN};
        Object[] batch = minibatch(rnd, BATCH);
        Object[] nanBatch = {nan(BATCH, D), nan(BATCH, 1), nan(D, HIDDEN), nan(HIDDEN), nan(HIDDEN, 1), nan(1)};
        String[] methods = {"twoLayer", "mlpBatch"};
        Object[][] clean = {one, batch};
        Object[][] poison = {nanOne, nanBatch};
        for (int k = 0; k < methods.length; k++) {
            String before = java.util.Arrays.deepToString(bufferForm(grad, methods[k], clean[k]));
            assertTrue(!before.contains("NaN"), before);
            bufferForm(grad, methods[k], poison[k]);
            assertEquals(before, java.util.Arrays.deepToString(bufferForm(grad, methods[k], clean[k])), methods[k]);
        }
    }

    /** The value and the gradients of the buffer form of {@code method}, as {@code {value, dw1, db1, dw2, db2}}. */
    private static Object[] bufferForm(Class<?> companion, String method, Object[] args) {
        double[][] w1 = (double[][]) args[2];
        double[][] gw1 = new double[w1.length][w1[0].length];
        double[] gb1 = new double[((double[]) args[3]).length];
        Object gw2 = args[4] instanceof double[][] m ? new double[m.length][m[0].length] : new double[((double[]) args[4]).length];
        double[] gb2 = new double[args[5] instanceof double[] b ? b.length : 1];
        Object[] full = args[5] instanceof double[] ? append(args, gw1, gb1, gw2, gb2) : append(args, gb2, gw1, gb1, gw2);
        Object value = call(method(companion, "d" + method, full.length), full);
        return new Object[] {value, gw1, gb1, gw2, gb2};
    }

    /**
     * A gradient whose result has the parameter's exact shape is computed straight into the caller's array
     * ({@code scaleInto(dt2, h, gradW2)}) instead of the workspace and a copy; one computed from a sum over the rows
     * of a minibatch, which has no length when there are no rows, is still copied: a minibatch of no rows gives
     * zeros, not an exception.
     */
    @Test
    void gradientsOfExactShapeAreWrittenStraightIntoTheCallersArrays() {
        String source = CODE.get().generatedSource(NETS + "Grad");
        assertTrue(source.contains("double[] dw2 = scaleInto(dt2, h, gradW2);"), "dw2 into gradW2");
        assertTrue(source.contains("double[][] dw1 = outerInto(dt1, x, gradW1);"), "dw1 into gradW1");
        assertTrue(!source.contains("copyInto(dw1, gradW1)") && !source.contains("copyInto(dw2, gradW2)"), "no copies");
        assertTrue(source.contains("copyInto(db, gradB)"), "the bias's gradient from sumRows is copied");

        Class<?> grad = CODE.get().load(NETS + "Grad");
        Method scaledBias = method(grad, "dscaledBias", 5);
        double[] gb = nan(3);
        double[][] gw = nan(4, 3);
        double value = (double) call(scaledBias, new double[0][], new double[] {1, 2, 3}, new double[4][3], gb, gw);
        assertEquals(0.0, value, 0.0);
        assertArrayEquals(new double[3], gb, 0.0);
        assertArrayEqualsExactly(new double[4][3], gw);
        Random rnd = new Random(5);
        double[][] x = matrix(rnd, 5, 4);
        double[] b = vector(rnd, 3);
        double[][] w = matrix(rnd, 4, 3);
        call(scaledBias, x, b, w, gb, gw);
        double[][] y = io.github.sourcegrad.ArrayMath.addRow(io.github.sourcegrad.ArrayMath.matmul(x, w),
                io.github.sourcegrad.ArrayMath.scale(2, b));
        double[] expected = io.github.sourcegrad.ArrayMath.scale(4, io.github.sourcegrad.ArrayMath.sumRows(y));
        assertArrayEquals(expected, gb, 1e-12);
    }

    @Test
    void aMinibatchOfNoRowsGivesZeroGradients() {
        Class<?> grad = CODE.get().load(NETS + "Grad");
        Random rnd = new Random(2);
        Object[] args = minibatch(rnd, 0);
        double[][] gw1 = nan(D, HIDDEN);
        double[] gb1 = nan(HIDDEN);
        double[][] gw2 = nan(HIDDEN, 1);
        double[] gb2 = nan(1);
        double value = (double) call(method(grad, "dmlpBatch", 10), append(args, gw1, gb1, gw2, gb2));
        assertTrue(Double.isNaN(value), "0 / 0");
        assertArrayEqualsExactly(new double[D][HIDDEN], gw1);
        assertArrayEquals(new double[HIDDEN], gb1, 0.0);
        assertArrayEqualsExactly(new double[HIDDEN][1], gw2);
        assertArrayEquals(new double[1], gb2, 0.0);
    }

    /** Bytes allocated by this thread while {@code run} runs. */
    private static long allocated(Runnable run) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        run.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /**
     * The fewest bytes per call over three measurements of {@code CALLS} calls, after as many calls of warm-up: a
     * single array allocated per call would be at least 16 bytes (today's forms allocated 288 to 71,584).
     */
    private static double bytesPerCall(Method driver, Object... args) {
        int calls = 20_000;
        Object[] warm = append(new Object[] {calls}, args);
        call(driver, warm);
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            best = Math.min(best, allocated(() -> call(driver, warm)) / (double) calls);
        }
        return best;
    }

    @Test
    void bufferFormsAllocateNothingOnceWarm() {
        Class<?> driver = CODE.get().load("ws.Driver");
        Random rnd = new Random(3);
        Object[] one = oneSample(rnd);
        Object[] sample = {one[0], one[2], one[3], one[4], new double[1], new double[HIDDEN][D], new double[HIDDEN],
            new double[HIDDEN]};
        double twoLayer = bytesPerCall(method(driver, "twoLayer", 9), sample);
        double loops = bytesPerCall(method(driver, "twoLayerLoops", 9), sample);
        Object[] b = minibatch(rnd, BATCH);
        double mlp = bytesPerCall(method(driver, "mlpBatch", 11), b[0], b[1], b[2], b[3], b[4], b[5],
                new double[D][HIDDEN], new double[HIDDEN], new double[HIDDEN][1], new double[1]);
        assertTrue(twoLayer < 2 && loops < 2 && mlp < 2, "bytes per call after warm-up: twoLayer " + twoLayer
                + ", twoLayerLoops " + loops + ", mlpBatch " + mlp);
    }

    @Test
    void theRecordFormAllocatesOnlyWhatItReturns() {
        Class<?> driver = CODE.get().load("ws.Driver");
        Object[] b = minibatch(new Random(6), BATCH);
        double perCall = bytesPerCall(method(driver, "mlpBatchRecord", 7), b);
        // the record and its four gradient arrays (8x16, 16, 16x1, 1) take about 2 KB; the intermediates of a batch
        // of 64 took 70 KB more before they moved into the workspace
        assertTrue(perCall < 4_000, "bytes per call of the record form: " + perCall);
    }

    @Test
    void aCallInsideAnOpenFrameLeavesTheOuterArraysAlone() {
        Class<?> grad = CODE.get().load(NETS + "Grad");
        Random rnd = new Random(4);
        Object[] args = minibatch(rnd, BATCH);
        Object record = call(method(grad, "dmlpBatch", 6), args);
        Method buffer = method(grad, "dmlpBatch", 10);
        for (int round = 0; round < 2; round++) {
            try (Workspace outer = Workspace.open()) {   // as a generated method would hold them around a nested call
                double[][] held = outer.matrix(BATCH, HIDDEN);
                double[] also = outer.vector(HIDDEN);
                for (double[] row : held) {
                    java.util.Arrays.fill(row, 7);
                }
                java.util.Arrays.fill(also, 7);
                double[][] gw1 = nan(D, HIDDEN);
                double value = (double) call(buffer, append(args, gw1, nan(HIDDEN), nan(HIDDEN, 1), nan(1)));
                assertEquals((double) component(record, "value"), value, 0.0);
                assertArrayEqualsExactly((double[][]) component(record, "dw1"), gw1);
                for (double[] row : held) {
                    for (double e : row) {
                        assertEquals(7, e, 0.0);
                    }
                }
                for (double e : also) {
                    assertEquals(7, e, 0.0);
                }
                assertEquals(1, outer.openFrames());
            }
        }
    }

    @Test
    void anExceptionInsideTheMethodReleasesItsFrame() {
        Class<?> grad = CODE.get().load(NETS + "Grad");
        Random rnd = new Random(5);
        Object[] args = oneSample(rnd);
        args[3] = vector(rnd, HIDDEN + 1);                 // b1 one too long: add(matmul(w1, x), b1) throws
        Method buffer = method(grad, "dtwoLayer", 10);
        Object[] full = append(args, new double[1], new double[HIDDEN][D], new double[HIDDEN + 1], new double[HIDDEN]);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> call(buffer, full));
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().startsWith("addInto: a has length 16 but b has length 17"), e.getCause().getMessage());
        try (Workspace ws = Workspace.open()) {
            assertEquals(1, ws.openFrames(), "the failed call closed its frame");
        }
    }

    @Test
    void twoThreadsAtOnceGetTheirOwnNumbers() throws Exception {
        Class<?> grad = CODE.get().load(NETS + "Grad");
        Method buffer = method(grad, "dmlpBatch", 10);
        Method recordForm = method(grad, "dmlpBatch", 6);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] done = new Future<?>[2];
            for (int k = 0; k < 2; k++) {
                Object[] args = minibatch(new Random(10 + k), k == 0 ? BATCH : 5);   // different shapes per thread
                Object record = call(recordForm, args);
                double[][] expected = (double[][]) component(record, "dw1");
                Callable<Void> task = () -> {
                    for (int i = 0; i < 2_000; i++) {
                        double[][] gw1 = new double[D][HIDDEN];
                        double value = (double) call(buffer, append(args, gw1, new double[HIDDEN], new double[HIDDEN][1],
                                new double[1]));
                        assertEquals((double) component(record, "value"), value, 0.0);
                        assertArrayEqualsExactly(expected, gw1);
                    }
                    return null;
                };
                done[k] = pool.submit(task);
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
