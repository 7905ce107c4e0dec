package io.github.sourcegrad;

import java.util.Arrays;

/**
 * Reusable scratch arrays for the intermediates and adjoints of generated gradients, so that the buffer form of
 * a gradient over arrays ({@code d<name>(..., double[][] gradW, ...)}) allocates nothing once warm.
 *
 * <p>Generated code uses its thread's workspace in a {@code try}-with-resources statement:
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     double[] z = ArrayMath.addInto(t1, b1, ws.scratchLike(t1));
 *     ...
 * }
 * }</pre>
 * {@link #open()} opens a frame; {@link #vector(int)}, {@link #matrix(int, int)} and {@link #like(double[])} hand
 * out arrays of zeros in the order they are asked for, one slot each, and {@link #scratch(int)},
 * {@link #scratch(int, int)} and {@link #scratchLike(double[])} the same arrays without clearing them, for
 * results that are written in full (the {@code out} of an {@code Into} kernel); {@link #close()} ends the frame and gives its slots
 * back. The next call that asks for the same shapes in the same order gets the same arrays again.
 *
 * <p>The contract:
 * <ul>
 *   <li><b>Shape and contents.</b> Every array handed out has exactly the shape asked for (a matrix: that many
 *       rows, each of that length). Those of {@code vector}, {@code matrix} and {@code like} are filled with zeros,
 *       whatever an earlier frame wrote into them; those of {@code scratch} and {@code scratchLike} hold whatever
 *       an earlier frame left.</li>
 *   <li><b>Reuse.</b> A slot keeps its array when the next request at its position asks for the same shape;
 *       otherwise the slot gets a new array. So a gradient called in a loop with arrays of one shape allocates
 *       nothing after its first call.</li>
 *   <li><b>Nesting.</b> Frames nest: a frame opened while another is open (a generated gradient that calls
 *       another) takes slots after the ones the outer frame holds, so the arrays of the two never coincide.
 *       When the inner frame closes, its slots become free for the outer frame's later requests.</li>
 *   <li><b>Lifetime.</b> An array is valid only until its frame closes: after that, the next frame on the same
 *       thread may hand it out again and overwrite it. Generated code never lets one escape: what a gradient
 *       returns, the arrays of its records and the arrays it writes gradients into are the caller's or freshly
 *       allocated, never the workspace's.</li>
 *   <li><b>Exceptions.</b> {@code close()} runs on every exit of the {@code try}, so a call abandoned by an
 *       exception gives its slots back too.</li>
 *   <li><b>Threads.</b> A {@code Workspace} is not thread-safe; {@link #open()} uses the calling thread's own, so
 *       generated gradients may run on many threads at once.</li>
 *   <li><b>Memory.</b> When the outermost frame closes and the workspace holds more than
 *       {@value #DEFAULT_RETAINED_ELEMENTS} elements (or what the system property
 *       {@code sourcegrad.workspace.retainedElements} says), it drops its arrays: one call on huge arrays does not
 *       keep them for the life of the thread. {@link #trim()} drops them at any time.</li>
 * </ul>
 */
public final class Workspace implements AutoCloseable {

    /** The number of {@code double} elements a workspace keeps when its outermost frame closes: 2^22 (32 MB). */
    public static final int DEFAULT_RETAINED_ELEMENTS = 1 << 22;

    private static final long RETAINED_ELEMENTS = Math.max(0L,
            Long.getLong("sourcegrad.workspace.retainedElements", DEFAULT_RETAINED_ELEMENTS));

    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private static final Object[] NO_SLOTS = {};
    private static final int[] NO_FRAMES = {};

    /** The arrays by slot: a {@code double[]} or a {@code double[][]}, or null. */
    private Object[] slots = NO_SLOTS;
    /** The slots in use by the open frames. */
    private int used;
    /** For each open frame, {@link #used} at its opening. */
    private int[] frames = NO_FRAMES;
    private int frameCount;
    /** The number of {@code double} elements the slots hold. */
    private long elements;

    /** An empty workspace, for tests and for code that manages its own; generated code uses {@link #open()}. */
    public Workspace() {
    }

    /**
     * The calling thread's workspace with a new frame opened on it, for a {@code try}-with-resources statement.
     *
     * @return this thread's workspace
     */
    public static Workspace open() {
        return LOCAL.get().openFrame();
    }

    /**
     * Opens a frame: the arrays handed out from now on until {@link #close()} are distinct from those of the
     * frames already open.
     *
     * @return this workspace
     */
    public Workspace openFrame() {
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, Math.max(16, frameCount * 2));
        }
        frames[frameCount++] = used;
        return this;
    }

    /**
     * Closes the frame opened last: its slots become free for reuse. When it was the outermost frame and the
     * workspace holds more elements than it retains, the arrays are dropped.
     *
     * @throws IllegalStateException if no frame is open
     */
    @Override
    public void close() {
        if (frameCount == 0) {
            throw new IllegalStateException("Workspace.close() without an open frame: each close() needs an open()");
        }
        used = frames[--frameCount];
        if (frameCount == 0 && elements > RETAINED_ELEMENTS) {
            trim();
        }
    }

    /**
     * The number of frames opened and not yet closed.
     *
     * @return the depth of nested {@link #open()}s
     */
    public int openFrames() {
        return frameCount;
    }

    /** Drops the arrays of the slots that no open frame uses; they are allocated again when asked for. */
    public void trim() {
        for (int i = used; i < slots.length; i++) {
            elements -= size(slots[i]);
            slots[i] = null;
        }
        if (used == 0) {
            slots = NO_SLOTS;
        }
    }

    /**
     * The number of {@code double} elements the workspace holds, in use or kept for reuse: for tests and monitoring.
     *
     * @return the elements of all its arrays
     */
    public long elements() {
        return elements;
    }

    /**
     * A vector of {@code n} zeros, valid until the current frame closes.
     *
     * @param n the length, at least 0
     * @return an array of length {@code n}, every element 0
     * @throws IllegalStateException if no frame is open
     * @throws NegativeArraySizeException if {@code n} is negative
     */
    public double[] vector(int n) {
        double[] v = scratch(n);
        Arrays.fill(v, 0.0);
        return v;
    }

    /**
     * A {@code rows×cols} matrix of zeros (fresh rows of length {@code cols}), valid until the current frame closes.
     *
     * @param rows the number of rows, at least 0
     * @param cols the length of each row, at least 0
     * @return a rectangular matrix of that shape, every element 0
     * @throws IllegalStateException if no frame is open
     * @throws NegativeArraySizeException if {@code rows} or {@code cols} is negative
     */
    public double[][] matrix(int rows, int cols) {
        double[][] m = scratch(rows, cols);
        for (double[] row : m) {
            Arrays.fill(row, 0.0);
        }
        return m;
    }

    /**
     * A vector of length {@code n} like {@link #vector(int)}, but not cleared: its elements are whatever an earlier
     * frame left in them. For an array that is written in full before it is read, such as the {@code out} of an
     * {@code ArrayMath} {@code Into} kernel: {@code addInto(t1, b1, ws.scratchLike(t1))}. Clearing it would cost
     * as much as the kernel on a vector of a few elements.
     *
     * @param n the length, at least 0
     * @return an array of length {@code n}, its elements unspecified
     * @throws IllegalStateException if no frame is open
     * @throws NegativeArraySizeException if {@code n} is negative
     */
    public double[] scratch(int n) {
        int slot = take();
        if (slots[slot] instanceof double[] v && v.length == n) {
            return v;
        }
        double[] v = new double[n];
        put(slot, v);
        return v;
    }

    /**
     * A {@code rows×cols} matrix like {@link #matrix(int, int)}, but not cleared: for an array that is written in
     * full before it is read (see {@link #scratch(int)}).
     *
     * @param rows the number of rows, at least 0
     * @param cols the length of each row, at least 0
     * @return a rectangular matrix of that shape, its elements unspecified
     * @throws IllegalStateException if no frame is open
     * @throws NegativeArraySizeException if {@code rows} or {@code cols} is negative
     */
    public double[][] scratch(int rows, int cols) {
        int slot = take();
        if (slots[slot] instanceof double[][] m && m.length == rows) {
            for (int i = 0; i < rows; i++) {
                double[] row = m[i];
                if (row == null || row.length != cols) {
                    return reallocated(slot, rows, cols);
                }
            }
            return m;
        }
        return reallocated(slot, rows, cols);
    }

    /**
     * A vector of zeros of the length of {@code a}.
     *
     * @param a the array whose length to take
     * @return {@link #vector(int) vector(a.length)}
     */
    public double[] like(double[] a) {
        return vector(a.length);
    }

    /**
     * A matrix of zeros of the shape of {@code a} (a matrix of no rows has no columns).
     *
     * @param a the matrix whose shape to take (its first row's length is taken as the column count)
     * @return {@link #matrix(int, int) matrix(a.length, ArrayMath.columns(a))}
     */
    public double[][] like(double[][] a) {
        return matrix(a.length, ArrayMath.columns(a));
    }

    /**
     * A vector of the length of {@code a}, not cleared.
     *
     * @param a the array whose length to take
     * @return {@link #scratch(int) scratch(a.length)}
     */
    public double[] scratchLike(double[] a) {
        return scratch(a.length);
    }

    /**
     * A matrix of the shape of {@code a}, not cleared (a matrix of no rows has no columns).
     *
     * @param a the matrix whose shape to take (its first row's length is taken as the column count)
     * @return {@link #scratch(int, int) scratch(a.length, ArrayMath.columns(a))}
     */
    public double[][] scratchLike(double[][] a) {
        return scratch(a.length, ArrayMath.columns(a));
    }

    private double[][] reallocated(int slot, int rows, int cols) {
        double[][] m = new double[rows][cols];
        put(slot, m);
        return m;
    }

    /** The next free slot, now in use. */
    private int take() {
        if (frameCount == 0) {
            throw new IllegalStateException("Workspace arrays are handed out only in an open frame: "
                    + "try (Workspace ws = Workspace.open()) { ... }");
        }
        if (used == slots.length) {
            slots = Arrays.copyOf(slots, Math.max(16, used * 2));
        }
        return used++;
    }

    private void put(int slot, Object array) {
        elements += size(array) - size(slots[slot]);
        slots[slot] = array;
    }

    private static long size(Object array) {
        if (array instanceof double[] v) {
            return v.length;
        }
        long n = 0;
        if (array instanceof double[][] m) {
            for (double[] row : m) {
                n += row == null ? 0 : row.length;
            }
        }
        return n;
    }
}
