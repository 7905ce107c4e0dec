package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Tests of {@link Workspace}. */
class WorkspaceTest {

    @Test
    void handsOutArraysOfExactlyTheShapeAskedFor() {
        Workspace ws = new Workspace();
        try (Workspace w = ws.openFrame()) {
            assertEquals(5, w.vector(5).length);
            assertEquals(0, w.vector(0).length);
            double[][] m = w.matrix(3, 4);
            assertEquals(3, m.length);
            for (double[] row : m) {
                assertEquals(4, row.length);
            }
            assertEquals(0, w.matrix(0, 7).length);
            assertEquals(2, w.like(new double[2][9]).length);
            assertEquals(9, w.like(new double[2][9])[1].length);
            assertEquals(6, w.like(new double[6]).length);
            assertEquals(0, w.like(new double[0][]).length);
        }
    }

    @Test
    void reusesTheArraysOfTheSameShapesInTheSameOrderAndZeroFillsThem() {
        Workspace ws = new Workspace();
        double[] v;
        double[][] m;
        try (Workspace w = ws.openFrame()) {
            v = w.vector(3);
            m = w.matrix(2, 2);
            v[1] = 7;
            m[1][0] = -3;
        }
        try (Workspace w = ws.openFrame()) {
            double[] v2 = w.vector(3);
            double[][] m2 = w.matrix(2, 2);
            assertSame(v, v2);
            assertSame(m, m2);
            assertArrayEquals(new double[3], v2);
            assertArrayEquals(new double[2], m2[1]);
        }
        try (Workspace w = ws.openFrame()) {
            double[] other = w.vector(4);          // another shape at slot 0: a new array of that shape
            assertNotSame(v, other);
            assertEquals(4, other.length);
            double[][] wider = w.matrix(2, 3);
            assertNotSame(m, wider);
            assertEquals(3, wider[0].length);
        }
        assertTrue(ws.elements() > 0);
        ws.trim();
        assertEquals(0, ws.elements());
    }

    @Test
    void scratchArraysAreTheSameSlotsWithoutClearing() {
        Workspace ws = new Workspace();
        double[] v;
        double[][] m;
        try (Workspace w = ws.openFrame()) {
            v = w.vector(3);
            m = w.matrix(2, 2);
            v[1] = 7;
            m[1][0] = -3;
        }
        try (Workspace w = ws.openFrame()) {
            double[] v2 = w.scratchLike(new double[3]);
            double[][] m2 = w.scratchLike(new double[2][2]);
            assertSame(v, v2);
            assertSame(m, m2);
            assertArrayEquals(new double[] {0, 7, 0}, v2);   // what the last frame left: the caller overwrites it
            assertArrayEquals(new double[] {-3, 0}, m2[1]);
        }
        try (Workspace w = ws.openFrame()) {
            assertArrayEquals(new double[3], w.vector(3));   // the same slots asked for with zeros are cleared
            assertArrayEquals(new double[2], w.matrix(2, 2)[1]);
        }
        try (Workspace w = ws.openFrame()) {
            double[] other = w.scratch(4);                // another shape: a new array of exactly that shape
            assertNotSame(v, other);
            assertArrayEquals(new double[4], other);
            double[][] wider = w.scratch(2, 3);
            assertNotSame(m, wider);
            assertEquals(2, wider.length);
            assertEquals(3, wider[1].length);
            assertEquals(0, w.scratch(0, 5).length);
        }
    }

    @Test
    void aScratchMatrixWhoseRowWasReplacedIsNotHandedOutWithAWrongRow() {
        Workspace ws = new Workspace();
        try (Workspace w = ws.openFrame()) {
            w.scratch(2, 3)[1] = new double[5];
        }
        try (Workspace w = ws.openFrame()) {
            assertEquals(3, w.scratch(2, 3)[1].length);
        }
    }

    @Test
    void aMatrixWhoseRowWasReplacedIsNotHandedOutWithAWrongRow() {
        Workspace ws = new Workspace();
        try (Workspace w = ws.openFrame()) {
            w.matrix(2, 3)[1] = new double[5];
        }
        try (Workspace w = ws.openFrame()) {
            double[][] m = w.matrix(2, 3);
            assertEquals(3, m[1].length);
        }
    }

    @Test
    void nestedFramesGetDistinctArraysAndTheOuterFrameKeepsItsOwn() {
        Workspace ws = new Workspace();
        try (Workspace outer = ws.openFrame()) {
            double[] a = outer.vector(4);
            a[0] = 1;
            double[] inner;
            try (Workspace w = ws.openFrame()) {
                inner = w.vector(4);
                assertNotSame(a, inner);
                inner[0] = 2;
                assertEquals(2, ws.openFrames());
            }
            assertEquals(1, a[0]);
            // after the inner frame closed, its slot is free for the outer frame's next array
            assertSame(inner, outer.vector(4));
        }
        assertEquals(0, ws.openFrames());
    }

    @Test
    void anExceptionReleasesTheFrame() {
        Workspace ws = Workspace.open();
        ws.close();
        double[] first;
        try (Workspace w = Workspace.open()) {
            first = w.vector(2);
        }
        assertThrows(IllegalStateException.class, () -> {
            try (Workspace w = Workspace.open()) {
                w.vector(2);
                throw new IllegalStateException("abandoned");
            }
        });
        assertEquals(0, Workspace.open().openFrames() - 1);
        Workspace.open().close();
        ws.close();
        assertEquals(0, ws.openFrames());
        try (Workspace w = Workspace.open()) {
            assertSame(first, w.vector(2));
        }
    }

    @Test
    void arraysOnlyInAnOpenFrame() {
        Workspace ws = new Workspace();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ws.vector(1));
        assertTrue(e.getMessage().contains("open frame"), e.getMessage());
        assertThrows(IllegalStateException.class, ws::close);
    }

    @Test
    void eachThreadHasItsOwn() throws Exception {
        Workspace mine = Workspace.open();
        try {
            Workspace theirs = CompletableFuture.supplyAsync(() -> {
                try (Workspace w = Workspace.open()) {
                    return w;
                }
            }).get();
            assertNotSame(mine, theirs);
        } finally {
            mine.close();
        }
    }

    @Test
    void dropsItsArraysWhenItHoldsMoreThanItRetains() {
        Workspace ws = new Workspace();
        try (Workspace w = ws.openFrame()) {
            w.vector(Workspace.DEFAULT_RETAINED_ELEMENTS + 1);
            try (Workspace inner = ws.openFrame()) {
                inner.vector(1);
            }
            assertTrue(ws.elements() > Workspace.DEFAULT_RETAINED_ELEMENTS, "kept while a frame is open");
        }
        assertEquals(0, ws.elements());
    }
}
