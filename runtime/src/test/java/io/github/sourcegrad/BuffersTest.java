package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Tests of {@link Buffers}: every kind of shared storage is found and named, nothing else is, nothing is allocated. */
class BuffersTest {

    private static final String RULE = ": a gradient buffer must not share storage with an argument or another buffer";

    private static void assertShared(String message, Runnable check) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, check::run);
        assertEquals(message + RULE, e.getMessage());
    }

    @Test
    void requireLengthNamesTheBufferAndItsSlots() {
        Buffers.requireLength(new double[2], 2, "grad", "x, y");
        Buffers.requireLength(new double[3], 2, "grad", "x, y"); // longer is fine: the rest is left alone
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Buffers.requireLength(null, 2, "g", "x, y"));
        assertEquals("g", npe.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Buffers.requireLength(new double[1], 5, "grad2", "s, k, t, r, sigma"));
        assertEquals("grad2 must have length at least 5 (one slot per differentiated parameter: s, k, t, r, sigma) but has "
                + "length 1", e.getMessage());
    }

    @Test
    void bufferThatIsAnInputOrAnotherBuffer() {
        double[] x = new double[3];
        double[] v = new double[3];
        double[] gradB = new double[3];
        assertShared("gradV is the same array as v",
                () -> Buffers.check().input("x", x).input("v", v).buffer("gradB", gradB).buffer("gradV", v).requireDistinct());
        assertShared("gradV is the same array as gradB",
                () -> Buffers.check().input("x", x).input("v", v).buffer("gradB", gradB).buffer("gradV", gradB).requireDistinct());
        assertShared("grad is the same array as x",
                () -> Buffers.check().input("x", x).buffer("grad", x).requireDistinct());
        double[][] W = new double[2][3];
        assertShared("gradW is the same array as W",
                () -> Buffers.check().input("W", W).buffer("gradW", W).requireDistinct());
        // listed in any order: the buffer is named first
        assertShared("gradV is the same array as v",
                () -> Buffers.check().buffer("gradV", v).input("v", v).requireDistinct());
    }

    @Test
    void sharedRows() {
        double[][] W = {new double[2], new double[2]};
        double[] b = new double[2];
        double[] gradB = new double[2];
        double[][] gradW = {new double[2], W[1]};
        assertShared("row 1 of gradW is the same array as row 1 of W",
                () -> Buffers.check().input("W", W).input("b", b).buffer("gradW", gradW).buffer("gradB", gradB).requireDistinct());
        double[][] gradW2 = {gradB, new double[2]};
        assertShared("row 0 of gradW is the same array as gradB",
                () -> Buffers.check().input("W", W).input("b", b).buffer("gradB", gradB).buffer("gradW", gradW2).requireDistinct());
        double[][] gradW3 = {new double[2], b};
        assertShared("row 1 of gradW is the same array as b",
                () -> Buffers.check().input("W", W).input("b", b).buffer("gradW", gradW3).buffer("gradB", gradB).requireDistinct());
        assertShared("gradB is the same array as row 0 of W",
                () -> Buffers.check().input("W", W).input("b", b).buffer("gradB", W[0]).requireDistinct());
        double[] row = new double[2];
        double[][] gradW4 = {row, row};
        assertShared("row 1 of gradW is the same array as row 0 of gradW",
                () -> Buffers.check().input("W", W).buffer("gradW", gradW4).requireDistinct());
        double[][] gradX = {new double[2], new double[2]};
        double[][] gradW5 = {new double[2], gradX[0]};
        assertShared("row 1 of gradW is the same array as row 0 of gradX",
                () -> Buffers.check().input("W", W).buffer("gradX", gradX).buffer("gradW", gradW5).requireDistinct());
    }

    @Test
    void inputsMayShareStorageAndDistinctBuffersPass() {
        double[] shared = new double[2];
        double[][] X = {shared, shared};
        double[][] W = {shared, new double[2]};
        Buffers.check().input("X", X).input("W", W).input("b", shared).input("v", shared)
                .buffer("gradX", new double[2][2]).buffer("gradW", new double[2][2]).buffer("gradB", new double[2])
                .requireDistinct();
        // empty arrays and matrices without rows are arrays too, each distinct
        Buffers.check().input("x", new double[0]).input("A", new double[0][]).buffer("gradX", new double[0])
                .buffer("gradA", new double[0][]).requireDistinct();
    }

    @Test
    void nullIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Buffers.check().input("x", new double[1]).buffer("gradX", (double[]) null).requireDistinct());
        assertEquals("gradX", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> Buffers.check().input("W", (double[][]) null));
        assertEquals("W", e.getMessage());
    }

    @Test
    void aFailedCheckLeavesNothingBehind() {
        double[] v = new double[2];
        assertThrows(IllegalArgumentException.class, () -> Buffers.check().input("v", v).buffer("gradV", v).requireDistinct());
        assertThrows(NullPointerException.class, () -> Buffers.check().input("v", v).buffer("gradV", (double[]) null));
        // the next check starts empty: v is not listed in it
        Buffers.check().input("w", new double[2]).buffer("gradV", v).requireDistinct();
    }

    @Test
    void argumentsAreLeftUnchangedAndTagsAreConfirmedByIdentity() {
        double[][] W = {{1.5, 2}, {3, 4}};
        double[][] gradW = {new double[2], W[1]};
        assertThrows(IllegalArgumentException.class, () -> Buffers.check().input("W", W).buffer("gradW", gradW).requireDistinct());
        assertEquals(3.0, W[1][0], 0.0); // the buffer row was tagged, and restored
        double[] row = {7, 8};
        double[][] twice = {row, row};
        assertThrows(IllegalArgumentException.class, () -> Buffers.check().input("W", W).buffer("gradW", twice).requireDistinct());
        assertEquals(7.0, row[0], 0.0); // tagged twice, restored once to the first saved value
        // an input that holds what looks like a tag (the NaN of row 0) is not a buffer row
        double tagLike = Double.longBitsToDouble(0x7ff8_5347_0000_0000L);
        double[][] X = {{tagLike, 0}, {tagLike, 1}};
        double[][] gradX = {{5, 5}, {5, 5}};
        Buffers.check().input("X", X).buffer("gradX", gradX).requireDistinct();
        assertEquals(0x7ff8_5347_0000_0000L, Double.doubleToRawLongBits(X[0][0]));
        assertEquals(5.0, gradX[0][0], 0.0); // buffers come back as they were too
    }

    @Test
    void aRowFoundTwiceWhileTaggingLeavesEveryRowAsItWas() {
        double[] a = {1, 2};
        double[] b = {3, 4};
        double[] c = {5, 6};
        double[][] gradW = {a, b, a};
        double[][] gradV = {c};
        assertShared("row 2 of gradW is the same array as row 0 of gradW", () -> Buffers.check().input("x", new double[2])
                .buffer("gradW", gradW).buffer("gradV", gradV).requireDistinct());
        assertEquals(1.0, a[0], 0.0);
        assertEquals(3.0, b[0], 0.0);
        assertEquals(5.0, c[0], 0.0); // never tagged: the check stopped before it
        // no tag is left behind for the next check to trip over: a and b are inputs now, rows of W
        Buffers.check().input("W", new double[][] {a, b}).buffer("gradW", new double[][] {c}).requireDistinct();
        assertShared("row 0 of gradW is the same array as row 1 of W",
                () -> Buffers.check().input("W", new double[][] {a, b}).buffer("gradW", new double[][] {b}).requireDistinct());
        assertEquals(3.0, b[0], 0.0);
    }

    @Test
    void aBufferRowThatHoldsWhatLooksLikeAnEarlierTagIsNotThatRow() {
        double tagLike = Double.longBitsToDouble(0x7ff8_5347_0000_0000L); // the tag of row 0
        double[][] gradW = {{1, 2}, {tagLike, 3}, {4, 5}};
        Buffers.check().input("W", new double[3][2]).buffer("gradW", gradW).requireDistinct();
        assertEquals(0x7ff8_5347_0000_0000L, Double.doubleToRawLongBits(gradW[1][0]));
        assertEquals(1.0, gradW[0][0], 0.0);
        assertEquals(4.0, gradW[2][0], 0.0);
        // and a real repeat after it is still found, and named
        gradW[2] = gradW[0];
        assertShared("row 2 of gradW is the same array as row 0 of gradW",
                () -> Buffers.check().input("W", new double[3][2]).buffer("gradW", gradW).requireDistinct());
        assertEquals(1.0, gradW[0][0], 0.0);
    }

    @Test
    void rowsWithoutElementsAreSkippedAlikeWhenTaggingAndWhenPuttingBack() {
        double[] a = {1, 2};
        double[] b = {3, 4};
        double[] c = {5, 6};
        double[][] gradW = {new double[0], a, null, b, new double[0]};
        double[][] W = {new double[2], c};
        assertShared("row 0 of gradV is the same array as row 1 of W",
                () -> Buffers.check().input("W", W).buffer("gradW", gradW).buffer("gradB", new double[0])
                        .buffer("gradV", new double[][] {c}).requireDistinct());
        assertEquals(1.0, a[0], 0.0);
        assertEquals(3.0, b[0], 0.0);
        assertEquals(5.0, c[0], 0.0);
        assertShared("row 1 of gradW is the same array as row 0 of W",
                () -> Buffers.check().input("W", new double[][] {a, b}).buffer("gradB", new double[0]).buffer("gradW", gradW)
                        .requireDistinct());
        assertEquals(1.0, a[0], 0.0);
        assertEquals(3.0, b[0], 0.0);
    }

    @Test
    void largeMatricesAreCheckedCompletely() {
        int n = 2000;
        double[][] W = new double[n][3];
        double[][] gradW = new double[n][3];
        Buffers.check().input("W", W).buffer("gradW", gradW).requireDistinct();
        gradW[1234] = W[17];
        assertShared("row 1234 of gradW is the same array as row 17 of W",
                () -> Buffers.check().input("W", W).buffer("gradW", gradW).requireDistinct());
    }

    @Test
    void allocatesNothingOnceGrown() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] x = new double[4];
        double[] b = new double[4];
        double[][] W = new double[16][4];
        double[] gradB = new double[4];
        double[][] gradW = new double[16][4];
        double[] grad = new double[1];
        for (int i = 0; i < 20_000; i++) { // grows the thread's lists and table, and lets the JIT compile the check
            check(x, b, W, gradB, gradW, grad);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            check(x, b, W, gradB, gradW, grad);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // one allocation per check would be at least 16 bytes each, 160,000 in all; the measurement itself allocates a little
        assertTrue(allocated < 10_000, "10,000 checks allocated " + allocated + " bytes");
    }

    @Test
    void aValueThatOnlyLooksLikeATagAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double tagLike = Double.longBitsToDouble(0x7ff8_5347_0000_0001L); // the tag of row 1
        double[][] X = {{tagLike, 0}, {tagLike, 1}}; // each row makes the check find row 1 of gradX, and compare
        double[][] gradX = new double[2][2];
        for (int i = 0; i < 20_000; i++) {
            Buffers.check().input("X", X).buffer("gradX", gradX).requireDistinct();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            Buffers.check().input("X", X).buffer("gradX", gradX).requireDistinct();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, "10,000 checks allocated " + allocated + " bytes");
    }

    private static void check(double[] x, double[] b, double[][] W, double[] gradB, double[][] gradW, double[] grad) {
        Buffers.check().input("x", x).input("b", b).input("W", W).buffer("grad", grad).buffer("gradB", gradB)
                .buffer("gradW", gradW).requireDistinct();
    }
}
