package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests of {@link Tape}. */
class TapeTest {

    /** Asserts that {@code actual} has exactly the bits of {@code expected} (so NaN and -0.0 compare). */
    static void assertSameBits(double expected, double actual) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "expected " + expected + " but was " + actual);
    }

    /** Asserts that {@code pop} throws the empty-tape exception. */
    static void assertEmptyPop(Runnable pop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, pop::run);
        assertTrue(e.getMessage().startsWith("tape is empty: more pops than pushes"), e.getMessage());
    }

    @Test
    void neverPushedTapeIsEmpty() {
        Tape tape = new Tape();
        assertEquals(0, tape.size());
        assertTrue(tape.isEmpty());
    }

    @Test
    void doublesComeBackInReverseOrder() {
        Tape tape = new Tape();
        tape.push(1.5);
        tape.push(-2.25);
        tape.push(3.0);
        assertEquals(3, tape.size());
        assertSameBits(3.0, tape.popDouble());
        assertSameBits(-2.25, tape.popDouble());
        assertSameBits(1.5, tape.popDouble());
        assertTrue(tape.isEmpty());
    }

    @Test
    void intsComeBackInReverseOrder() {
        Tape tape = new Tape();
        for (int i = 0; i < 5; i++) {
            tape.push(i * 7 - 10);
        }
        for (int i = 4; i >= 0; i--) {
            assertEquals(i * 7 - 10, tape.popInt());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void longsComeBackInReverseOrder() {
        Tape tape = new Tape();
        tape.push(1L << 40);
        tape.push(-3L);
        assertEquals(-3L, tape.popLong());
        assertEquals(1L << 40, tape.popLong());
        assertTrue(tape.isEmpty());
    }

    @Test
    void booleansComeBackInReverseOrder() {
        Tape tape = new Tape();
        tape.push(true);
        tape.push(false);
        tape.push(true);
        assertTrue(tape.popBoolean());
        assertFalse(tape.popBoolean());
        assertTrue(tape.popBoolean());
        assertTrue(tape.isEmpty());
    }

    @Test
    void typesInterleave() {
        Tape tape = new Tape();
        tape.push(0.5);
        tape.push(7);
        tape.push(true);
        tape.push(-1.0);
        tape.push(Long.MIN_VALUE);
        tape.push(2.0);
        assertEquals(6, tape.size());

        assertSameBits(2.0, tape.popDouble());
        assertEquals(Long.MIN_VALUE, tape.popLong());
        assertSameBits(-1.0, tape.popDouble());
        assertTrue(tape.popBoolean());
        assertEquals(2, tape.size());
        assertFalse(tape.isEmpty());
        assertEquals(7, tape.popInt());
        assertSameBits(0.5, tape.popDouble());
        assertTrue(tape.isEmpty());
    }

    @Test
    void stacksAreIndependent() {
        Tape tape = new Tape();
        tape.push(1.0);
        tape.push(2.0);
        tape.push(3);
        tape.push(4);
        // All integral values may be popped before any double, and the other way round.
        assertEquals(4, tape.popInt());
        assertEquals(3, tape.popInt());
        assertSameBits(2.0, tape.popDouble());
        assertSameBits(1.0, tape.popDouble());
    }

    @Test
    void extremeIntegralValuesRoundTrip() {
        Tape tape = new Tape();
        int[] ints = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1};
        long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 0xFFFF_FFFFL, 1L << 31};
        for (int v : ints) {
            tape.push(v);
        }
        for (long v : longs) {
            tape.push(v);
        }
        for (int i = longs.length - 1; i >= 0; i--) {
            assertEquals(longs[i], tape.popLong());
        }
        for (int i = ints.length - 1; i >= 0; i--) {
            assertEquals(ints[i], tape.popInt());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void extremeDoublesKeepTheirBits() {
        double payloadNaN = Double.longBitsToDouble(0x7ffc_5eed_0bad_cafeL);
        double[] values = {-0.0, 0.0, Double.NaN, payloadNaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
            Double.MIN_NORMAL};
        Tape tape = new Tape();
        for (double v : values) {
            tape.push(v);
        }
        for (int i = values.length - 1; i >= 0; i--) {
            assertSameBits(values[i], tape.popDouble());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void growsPastTheInitialCapacity() {
        Tape tape = new Tape();
        for (int i = 0; i < 100; i++) {
            tape.push(i + 0.25);
            tape.push(i);
        }
        assertEquals(200, tape.size());
        for (int i = 99; i >= 0; i--) {
            assertEquals(i, tape.popInt());
            assertSameBits(i + 0.25, tape.popDouble());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void holdsAMillionEntriesOfEachStack() {
        int n = 1_000_000;
        Tape tape = new Tape();
        for (int i = 0; i < n; i++) {
            tape.push(i * 0.5);
            tape.push((long) i * 3);
        }
        assertEquals(2 * n, tape.size());
        for (int i = n - 1; i >= 0; i--) {
            assertEquals((long) i * 3, tape.popLong());
            assertEquals(i * 0.5, tape.popDouble());
        }
        assertTrue(tape.isEmpty());
    }

    @Test
    void clearEmptiesAndTheTapeCanBeReused() {
        Tape tape = new Tape();
        for (int i = 0; i < 40; i++) {
            tape.push(i);
            tape.push((double) i);
        }
        tape.clear();
        assertEquals(0, tape.size());
        assertTrue(tape.isEmpty());
        assertEmptyPop(tape::popDouble);
        assertEmptyPop(tape::popInt);

        tape.push(9.0);
        tape.push(false);
        assertEquals(2, tape.size());
        assertFalse(tape.popBoolean());
        assertSameBits(9.0, tape.popDouble());
        assertTrue(tape.isEmpty());
    }

    @Test
    void poppingAnEmptyTapeThrows() {
        Tape tape = new Tape();
        assertEmptyPop(tape::popDouble);
        assertEmptyPop(tape::popInt);
        assertEmptyPop(tape::popLong);
        assertEmptyPop(tape::popBoolean);
        assertEquals(0, tape.size());
    }

    @Test
    void poppingPastThePushesThrowsAndLeavesTheTapeUnchanged() {
        Tape tape = new Tape();
        tape.push(1);
        assertEquals(1, tape.popInt());
        assertEmptyPop(tape::popInt);

        // An empty stack throws even while the other one holds values.
        tape.push(5);
        assertEmptyPop(tape::popDouble);
        assertEquals(1, tape.size());
        assertEquals(5, tape.popInt());

        tape.push(2.5);
        assertEmptyPop(tape::popLong);
        assertEmptyPop(tape::popBoolean);
        assertEquals(1, tape.size());
        assertSameBits(2.5, tape.popDouble());
        assertTrue(tape.isEmpty());
    }

    @Test
    void eachThreadHasItsOwnLocalTape() throws InterruptedException {
        Tape mine = Tape.local();
        org.junit.jupiter.api.Assertions.assertSame(mine, Tape.local());
        Tape[] other = new Tape[1];
        Thread thread = new Thread(() -> other[0] = Tape.local());
        thread.start();
        thread.join();
        org.junit.jupiter.api.Assertions.assertNotNull(other[0]);
        org.junit.jupiter.api.Assertions.assertNotSame(mine, other[0]);
    }

    @org.junit.jupiter.api.Test
    void arraysArePushedByReferenceAndForgottenWhenPopped() {
        Tape tape = new Tape();
        double[] v = {1, 2};
        double[][] m = {{3}};
        tape.push(0.5);
        for (int k = 0; k < 40; k++) {
            tape.push(v);
        }
        tape.push(m);
        org.junit.jupiter.api.Assertions.assertEquals(42, tape.size());
        org.junit.jupiter.api.Assertions.assertSame(m, tape.popMatrix());
        for (int k = 0; k < 40; k++) {
            org.junit.jupiter.api.Assertions.assertSame(v, tape.popVector());
        }
        org.junit.jupiter.api.Assertions.assertEquals(0.5, tape.popDouble());
        org.junit.jupiter.api.Assertions.assertTrue(tape.isEmpty());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, tape::popVector);
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("array"), e.getMessage());
        tape.push(v);
        tape.clear();
        org.junit.jupiter.api.Assertions.assertTrue(tape.isEmpty());
    }

    @Test
    void closingAFramePutsEveryStackBackAndForgetsTheArrays() {
        Tape tape = new Tape();
        tape.push(1.0);
        tape.push(7L);
        double[] kept = {1};
        tape.push(kept);
        try (Tape t = tape.openFrame()) {
            assertEquals(1, t.openFrames());
            for (int k = 0; k < 100; k++) {
                t.push(k);
                t.push((double) k);
                t.push(new double[] {k});
                t.push(new double[][] {{k}});
            }
            // an exception leaves the try here, in generated code
        }
        assertEquals(0, tape.openFrames());
        assertEquals(3, tape.size());
        assertEquals(1, tape.referencedArrays(), "the frame's 200 arrays are no longer referenced");
        org.junit.jupiter.api.Assertions.assertSame(kept, tape.popVector());
        assertEquals(7L, tape.popLong());
        assertSameBits(1.0, tape.popDouble());
    }

    @Test
    void framesNest() {
        Tape tape = new Tape();
        tape.openFrame();
        tape.push(1.0);
        tape.openFrame();
        tape.push(2.0);
        tape.push(3.0);
        tape.close();
        assertEquals(1, tape.size());
        assertEquals(1, tape.openFrames());
        tape.close();
        assertTrue(tape.isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, tape::close);
        assertTrue(e.getMessage().contains("without an open frame"), e.getMessage());
    }

    @Test
    void theOutermostCloseReleasesStorageBeyondTheRetainedCapacity() {
        Tape tape = new Tape();
        tape.setRetainedCapacity(1000);
        tape.openFrame();
        for (int k = 0; k < 600; k++) {
            tape.push(k);
            tape.push((double) k);
        }
        tape.close();
        // 600 entries fit in 1024 > 1000: released
        assertEquals(0, tape.capacities()[0]);
        assertEquals(0, tape.capacities()[1]);
        tape.openFrame();
        for (int k = 0; k < 300; k++) {
            tape.push((double) k);
        }
        tape.close();
        assertEquals(512, tape.capacities()[0], "within the retained capacity, the storage is kept for the next call");
        assertThrows(IllegalArgumentException.class, () -> tape.setRetainedCapacity(-1));
    }

    @Test
    void trimGivesBackWhatTheStacksDoNotHold() {
        Tape tape = new Tape();
        for (int k = 0; k < 100; k++) {
            tape.push((double) k);
            tape.push(new double[0]);
        }
        for (int k = 0; k < 90; k++) {
            tape.popDouble();
            tape.popVector();
        }
        tape.trim();
        assertEquals(10, tape.capacities()[0]);
        assertEquals(10, tape.capacities()[2]);
        assertEquals(10, tape.size() / 2);
        assertSameBits(9.0, tape.popDouble());
        tape.clear();
        tape.trim();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 0, 0}, tape.capacities());
        tape.push(1.0);                                 // and it grows again
        assertSameBits(1.0, tape.popDouble());
    }

    @Test
    void openUsesTheThreadsTape() {
        try (Tape tape = Tape.open()) {
            org.junit.jupiter.api.Assertions.assertSame(Tape.local(), tape);
            assertEquals(1, tape.openFrames());
        }
        assertEquals(0, Tape.local().openFrames());
    }
    @Test
    void savedElementsComeBackLastFirst() {
        Tape tape = new Tape();
        double[] y = {1, 2, 3};
        double[][] m = {{10, 20}, {30, 40}};
        tape.push(7.5);                                 // something of the caller's, below the writes
        tape.beginWrites();
        tape.save(y, 1);
        y[1] = 5;
        tape.save(y, 1);
        y[1] = 6;
        tape.save(m[1], 0);
        m[1][0] = -1;
        tape.beginWrites();                             // a nested block
        tape.save(y, 2);
        y[2] = 9;
        tape.restore();                                 // reverses the last write only
        assertArrayEquals(new double[] {1, 6, 3}, y);
        tape.undoWrites();                              // the nested block's mark
        tape.save(y, 0);
        y[0] = -0.0;
        tape.undoWrites();                              // everything since the outer mark, last first
        assertArrayEquals(new double[] {1, 2, 3}, y);
        assertArrayEquals(new double[] {30, 40}, m[1]);
        assertSameBits(7.5, tape.popDouble());
        assertTrue(tape.isEmpty());
        assertEquals(0, tape.referencedArrays(), "restored arrays are forgotten");
    }

    @Test
    void savedIntElementsInterleaveWithDoubleElements() {
        Tape tape = new Tape();
        double[] y = {1, 2};
        int[] perm = {0, 1, 2};
        tape.push(3);                                   // an int of the caller's, below the writes
        tape.beginWrites();
        tape.save(perm, 0);
        perm[0] = 2;
        tape.save(y, 1);
        y[1] = 7;
        tape.save(perm, 2);
        perm[2] = Integer.MIN_VALUE;
        tape.restore();                                 // the int element, from the integral stack
        assertArrayEquals(new int[] {2, 1, 2}, perm);
        tape.save(perm, 1);
        perm[1] = -5;
        tape.undoWrites();                              // ints and doubles, last first, each from its own stack
        assertArrayEquals(new int[] {0, 1, 2}, perm);
        assertArrayEquals(new double[] {1, 2}, y);
        assertEquals(3, tape.popInt());
        assertTrue(tape.isEmpty());
        assertEquals(0, tape.referencedArrays(), "restored arrays are forgotten");
    }
}
