package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.Tape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tape and the trip counts of generated loops (issue 10): a generated method leaves the thread's tape as it
 * found it on every exit, also when an exception ends it in the middle of a loop, forgets the arrays it pushed,
 * and counts more loop trips than an {@code int} can hold.
 */
class TapeHygieneTest {

    private static final String LOOPS = "tape.Loops";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(LOOPS, """
            package tape;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Loops {
                /** Tapes h each iteration; x[i] throws past the end of x. */
                @Differentiable(wrt = {"w"})
                static double recurrence(double w, double[] x, int n) {
                    double h = 0.5;
                    for (int i = 0; i < n; i++) {
                        h = Math.tanh(w * h + x[i]);
                    }
                    return h;
                }

                /** Tapes the array h by reference each iteration; X[t] throws past the end of X. */
                @Differentiable(wrt = {"b"})
                static double cell(double[][] W, double[] b, double[][] X, int steps) {
                    double[] h = new double[b.length];
                    for (int t = 0; t < steps; t++) {
                        h = ArrayMath.tanh(ArrayMath.add(ArrayMath.matmul(W, h), ArrayMath.add(X[t], b)));
                    }
                    return ArrayMath.sum(h);
                }

                /** Tapes h; the integer division throws at i == d. */
                @Differentiable(wrt = {"w"})
                static double inner(double w, double x0, int n, int d) {
                    double h = 0.5;
                    for (int i = 0; i < n; i++) {
                        h = Math.tanh(w * h + x0 + 1 / (d - i));
                    }
                    return h;
                }

                /** Calls inner from a loop of its own: nested frames. */
                @Differentiable(wrt = {"w"})
                static double outer(double w, double x0, int n, int d, int m) {
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s = s * 0.5 + inner(w, x0, n, d);
                    }
                    return s;
                }

                /** s = x - s, n times, with a long counter: s is x after an odd number of trips, 0 after an even one. */
                @Differentiable
                static double alternate(double x, long n) {
                    double s = 0;
                    for (long i = 0; i < n; i++) {
                        s = x - s;
                    }
                    return s;
                }

                /** The same with a while loop stepping a double: no counter at all. */
                @Differentiable(wrt = {"x"})
                static double halvingUntil(double x, double tEnd) {
                    double s = 0;
                    double t = 0;
                    while (t < tEnd) {
                        s = 0.5 * s + x;
                        t += 1;
                    }
                    return s;
                }
            }
            """));

    private static double primal(String name, Class<?>[] types, Object... args) throws Throwable {
        Method m = CODE.get().load(LOOPS).getDeclaredMethod(name, types);
        m.setAccessible(true);
        return (Double) call(m, args);
    }

    private static Object call(Method m, Object... args) throws Throwable {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void anExceptionInTheMiddleOfALoopLeavesTheTapeAsItWas() throws Throwable {
        Class<?> companion = CODE.get().companion(LOOPS);
        Method record = companion.getMethod("drecurrence", double.class, double[].class, int.class);
        Method buffer = companion.getMethod("drecurrence", double.class, double[].class, int.class, double[].class);
        Tape tape = Tape.local();
        tape.push(42.0);                      // what the caller had on the tape stays
        double[] x = {0.1, -0.2, 0.3};
        for (int k = 0; k < 1000; k++) {
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> call(record, 0.7, x, 3 + 100));
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> call(buffer, 0.7, x, 3 + 100, new double[1]));
        }
        assertEquals(1, tape.size(), "the failed calls' 100 pushes each are gone");
        assertEquals(0, tape.openFrames());
        assertEquals(42.0, tape.popDouble());

        // and the next call is right
        double[] grad = new double[1];
        double value = (Double) call(buffer, 0.7, x, 3, grad);
        assertEquals(primal("recurrence", new Class<?>[] {double.class, double[].class, int.class}, 0.7, x, 3), value, 0.0);
        double h = 0.5;
        double dh = 0;
        for (int i = 0; i < 3; i++) {           // forward mode by hand
            double a = 0.7 * h + x[i];
            double t = Math.tanh(a);
            dh = (1 - t * t) * (h + 0.7 * dh);
            h = t;
        }
        assertEquals(dh, grad[0], 1e-15);
        assertTrue(tape.isEmpty());
    }

    @Test
    void arraysPushedByACallThatFailedAreForgotten() throws Throwable {
        Method buffer = CODE.get().companion(LOOPS).getMethod("dcell", double[][].class, double[].class, double[][].class,
                int.class, double[].class);
        double[][] W = {{0.5, -0.25}, {0.125, 0.75}};
        double[] b = {0.1, 0.2};
        double[][] X = {{1, 2}, {3, 4}};
        Tape tape = Tape.local();
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> call(buffer, W, b, X, 5, new double[2]));
        assertTrue(tape.isEmpty(), "nothing is left on the tape: " + tape.size());
        assertEquals(0, tape.openFrames());
        // the array stack's slots are cleared too: nothing keeps the failed call's arrays alive
        double[] gradB = new double[2];
        call(buffer, W, b, X, 2, gradB);
        assertTrue(Double.isFinite(gradB[0]) && gradB[0] != 0);
        assertTrue(tape.isEmpty());
    }

    @Test
    void nestedCallsThatFailLeaveTheOuterFrameIntact() throws Throwable {
        Method outer = CODE.get().companion(LOOPS).getMethod("douter", double.class, double.class, int.class, int.class,
                int.class, double[].class);
        Tape tape = Tape.local();
        assertThrows(ArithmeticException.class, () -> call(outer, 0.7, 0.1, 5, 3, 4, new double[1]));
        assertTrue(tape.isEmpty(), "left " + tape.size());
        assertEquals(0, tape.openFrames());
        double[] grad = new double[1];
        call(outer, 0.7, 0.1, 5, 9, 4, grad);
        double h = 1e-6;
        Class<?>[] types = {double.class, double.class, int.class, int.class, int.class};
        double numeric = (primal("outer", types, 0.7 + h, 0.1, 5, 9, 4) - primal("outer", types, 0.7 - h, 0.1, 5, 9, 4)) / (2 * h);
        assertEquals(numeric, grad[0], 1e-8);
        assertTrue(tape.isEmpty());
    }

    @Test
    void aLongLoopGivesItsStorageBackWhenTheOutermostCallEnds() throws Throwable {
        Method buffer = CODE.get().companion(LOOPS).getMethod("drecurrence", double.class, double[].class, int.class,
                double[].class);
        int n = 3_000_000;                       // 3 million pushes of h: 32 MB of tape storage
        double[] x = new double[n];
        Tape tape = Tape.local();
        call(buffer, 0.7, x, n, new double[1]);
        int[] capacities = tape.capacities();
        assertTrue(capacities[0] <= Tape.DEFAULT_RETAINED_CAPACITY, "the double stack kept " + capacities[0] + " entries");
        // a short loop keeps its storage: calls in a loop allocate nothing in steady state
        call(buffer, 0.7, x, 100, new double[1]);
        int kept = tape.capacities()[0];
        assertTrue(kept >= 100, "kept " + kept);
        call(buffer, 0.7, x, 100, new double[1]);
        assertEquals(kept, tape.capacities()[0]);
        tape.trim();
        assertArrayEquals(new int[] {0, 0, 0}, tape.capacities());
    }

    @Test
    void aLoopWithALongCounterRunsMoreTripsThanAnIntCounts() {
        long n = (1L << 31) + 11;                // an int trip count would wrap to a negative number: dx = 0
        GeneratedCode.Gradient g = CODE.get().gradient(LOOPS, "alternate", 1.5, n);
        assertEquals(1.5, g.value(), 0.0);
        assertEquals(1.0, g.d("x"), 0.0);
    }

    @Test
    void aLoopWithoutACounterCountsItsTripsInALong() {
        String generated = CODE.get().generatedSource("tape.LoopsGrad");
        assertTrue(generated.contains("long trips = 0;"), generated);
        // int counters from 0 cannot run 2^31 times: their trip count stays an int
        assertTrue(generated.contains("int trips = 0;"), generated);
        GeneratedCode.Gradient g = CODE.get().gradient(LOOPS, "halvingUntil", 1.0, 60.0);
        assertEquals(2.0 - Math.pow(2, 1 - 60), g.d("x"), 1e-15);
    }

    @Test
    void threadsEachUseTheirOwnTapeAndFailuresInOneDisturbNoOther() throws Exception {
        Method buffer = CODE.get().companion(LOOPS).getMethod("drecurrence", double.class, double[].class, int.class,
                double[].class);
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
        }
        double[] expected = new double[1];
        double expectedValue = (Double) buffer.invoke(null, 0.7, x, x.length, expected);
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    double[] grad = new double[1];
                    for (int k = 0; k < 2_000; k++) {
                        if ((k + id) % 7 == 0) {           // a call that fails after 200 pushes
                            try {
                                buffer.invoke(null, 0.7, x, x.length + 5, grad);
                                return "no exception";
                            } catch (InvocationTargetException e) {
                                if (!(e.getCause() instanceof ArrayIndexOutOfBoundsException)) {
                                    return "unexpected " + e.getCause();
                                }
                            }
                            continue;
                        }
                        double value = (Double) buffer.invoke(null, 0.7, x, x.length, grad);
                        if (value != expectedValue || grad[0] != expected[0]) {
                            return "call " + k + " gave " + value + ", " + grad[0];
                        }
                    }
                    return Tape.local().isEmpty() && Tape.local().openFrames() == 0 ? "ok" : "tape left " + Tape.local().size();
                }));
            }
            for (java.util.concurrent.Future<String> result : results) {
                assertEquals("ok", result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
