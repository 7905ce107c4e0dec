package io.github.sourcegrad;

/**
 * A stack of primitive values that generated reverse-mode code uses to save the values that a loop
 * overwrites: the forward pass pushes each value before it is overwritten, and the backward pass, which
 * runs the loop backwards, pops them again in reverse (last in, first out) order.
 *
 * <p>A {@code Tape} holds two stacks and never boxes:
 * <ul>
 *   <li>{@link #push(double)} and {@link #popDouble()} use a stack of {@code double}s;</li>
 *   <li>{@link #push(int)}, {@link #push(long)} and {@link #push(boolean)} and their pops
 *       ({@link #popInt()}, {@link #popLong()}, {@link #popBoolean()}) share a stack of {@code long}s;</li>
 *   <li>{@link #push(double[])} and {@link #push(double[][])} push references to arrays, which
 *       {@link #popVector()} and {@link #popMatrix()} pop (and the tape then forgets).</li>
 * </ul>
 * Each pop takes the top of its own stack, so pushes of {@code double}s and of integral values may be
 * interleaved freely as long as each stack is popped in reverse order. The integral stack does not record
 * which type was pushed: a value must be popped as the type it was pushed as ({@code popInt} after
 * {@code push(int)}), which generated code always does. Values come back exactly as pushed, including
 * {@code -0.0}, infinities and the bits of a NaN.
 *
 * <p>The arrays are allocated on the first push (a {@code Tape} that is never pushed to allocates nothing
 * but itself), start at 16 entries and double when full, so millions of pushes
 * cost amortized constant time each. {@link #clear()} empties the tape and keeps the arrays, so one
 * {@code Tape} can be reused.
 *
 * <p>Generated gradients use their thread's tape through {@link #open()}, in a {@code try}-with-resources
 * statement: {@code try (Tape tape = Tape.open()) { ... }}. Opening marks how full each stack is; closing puts
 * every stack back to that mark, on every exit, normal or by an exception, and forgets the arrays pushed since.
 * So calls may nest, a call abandoned by an exception leaves nothing behind, and calls in a loop allocate
 * nothing once the tape has grown. When the outermost frame closes, a stack that grew beyond the retained
 * capacity ({@value #DEFAULT_RETAINED_CAPACITY} entries unless the system property
 * {@code sourcegrad.tape.retainedCapacity} or {@link #setRetainedCapacity(int)} says otherwise) gives its
 * storage back: one call with ten million loop iterations does not keep 80 MB per thread forever. {@link #trim()}
 * releases the capacity at any time. A {@code Tape} itself is not thread-safe; {@link #local()} gives each
 * thread its own.
 */
public final class Tape implements AutoCloseable {

    /** The length of each array when it is allocated, on the first push to its stack. */
    private static final int INITIAL_CAPACITY = 16;
    /** The longest array that all JVMs allocate. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /** Shared by all tapes until their first push of a {@code double}: its length 0 makes it full. */
    private static final double[] NO_DOUBLES = {};
    /** Shared by all tapes until their first push of an integral value. */
    private static final long[] NO_LONGS = {};

    /** Shared by all tapes until their first push of an array. */
    private static final Object[] NO_ARRAYS = {};

    private double[] doubles = NO_DOUBLES;
    private int doubleCount;
    private long[] longs = NO_LONGS;
    private int longCount;
    private Object[] arrays = NO_ARRAYS;
    private int arrayCount;

    /**
     * The number of entries per stack that a tape keeps when its outermost frame closes, unless the system
     * property {@code sourcegrad.tape.retainedCapacity} gives another: 2^20 (8 MB for the {@code double} stack).
     */
    public static final int DEFAULT_RETAINED_CAPACITY = 1 << 20;

    private static final int RETAINED_CAPACITY = Math.max(0,
            Integer.getInteger("sourcegrad.tape.retainedCapacity", DEFAULT_RETAINED_CAPACITY));

    /** Shared by all tapes until their first frame. */
    private static final int[] NO_FRAMES = {};

    /** For each open frame, the three stack sizes at its opening. */
    private int[] frames = NO_FRAMES;
    private int frameCount;
    private int retainedCapacity = RETAINED_CAPACITY;
    /** Whether a stack grew since the outermost frame last closed: only then may one need releasing. */
    private boolean grew;

    private static final ThreadLocal<Tape> LOCAL = ThreadLocal.withInitial(Tape::new);

    /** An empty tape. It allocates its arrays on the first push. */
    public Tape() {
    }

    /**
     * The calling thread's tape, for gradient code that must not allocate. Generated code uses {@link #open()},
     * which also opens a frame on it.
     *
     * @return this thread's tape
     */
    public static Tape local() {
        return LOCAL.get();
    }

    /**
     * The calling thread's tape with a new frame opened on it, for a {@code try}-with-resources statement:
     * {@code try (Tape tape = Tape.open()) { ... }}. This is how generated gradients use the tape.
     *
     * @return this thread's tape
     */
    public static Tape open() {
        Tape tape = LOCAL.get();
        tape.openFrame();
        return tape;
    }

    /**
     * Opens a frame: remembers how full each stack is, so that {@link #close()} can put them back.
     *
     * @return this tape
     */
    public Tape openFrame() {
        int n = frameCount * 3;
        if (n == frames.length) {
            frames = java.util.Arrays.copyOf(frames, Math.max(48, n * 2));
        }
        frames[n] = doubleCount;
        frames[n + 1] = longCount;
        frames[n + 2] = arrayCount;
        frameCount++;
        return this;
    }

    /**
     * Closes the frame opened last: every stack goes back to the size it had when the frame was opened (what a
     * call abandoned by an exception left is dropped) and the tape forgets the arrays pushed since. When this
     * was the outermost frame, a stack whose storage grew beyond the retained capacity releases it.
     *
     * @throws IllegalStateException if no frame is open
     */
    @Override
    public void close() {
        if (frameCount == 0) {
            throw new IllegalStateException("Tape.close() without an open frame: each close() needs an open()");
        }
        frameCount--;
        int n = frameCount * 3;
        doubleCount = Math.min(doubleCount, frames[n]);
        longCount = Math.min(longCount, frames[n + 1]);
        int arrays = Math.min(arrayCount, frames[n + 2]);
        if (arrays < arrayCount) {
            java.util.Arrays.fill(this.arrays, arrays, arrayCount, null);
            arrayCount = arrays;
        }
        if (frameCount == 0 && grew) {
            grew = false;
            release(retainedCapacity);
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

    /**
     * Sets how many entries each stack keeps when the outermost frame closes; a stack whose storage is longer
     * gives it back then (and grows again, by doubling, on the next call that needs it).
     *
     * @param entries the capacity kept per stack, at least 0
     * @throws IllegalArgumentException if {@code entries} is negative
     */
    public void setRetainedCapacity(int entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("the retained capacity must be at least 0 but is " + entries);
        }
        retainedCapacity = entries;
        grew = true; // the next outermost close checks the stacks against the new capacity
    }

    /**
     * Gives back the storage of every stack beyond what it holds now: an empty tape goes back to allocating
     * nothing until its next push. Use it on a thread that ran one very long loop and will not again.
     */
    public void trim() {
        release(0);
    }

    /** The slots of the array stack that still reference an array, popped or not: for tests. */
    int referencedArrays() {
        int n = 0;
        for (Object a : arrays) {
            n += a == null ? 0 : 1;
        }
        return n;
    }

    /** Shrinks each stack whose storage is longer than {@code limit} to exactly what it holds. */
    private void release(int limit) {
        if (doubles.length > limit) {
            doubles = doubleCount == 0 ? NO_DOUBLES : java.util.Arrays.copyOf(doubles, doubleCount);
        }
        if (longs.length > limit) {
            longs = longCount == 0 ? NO_LONGS : java.util.Arrays.copyOf(longs, longCount);
        }
        if (arrays.length > limit) {
            arrays = arrayCount == 0 ? NO_ARRAYS : java.util.Arrays.copyOf(arrays, arrayCount);
        }
    }

    /**
     * The storage each stack has, in entries: the {@code double} stack, the integral one and the array one.
     *
     * @return the three capacities, for tests and monitoring
     */
    public int[] capacities() {
        return new int[] {doubles.length, longs.length, arrays.length};
    }

    /**
     * Pushes a {@code double} onto the {@code double} stack.
     *
     * @param v the value
     */
    public void push(double v) {
        int n = doubleCount;
        double[] a = doubles;
        if (n == a.length) {
            a = growDoubles();
        }
        a[n] = v;
        doubleCount = n + 1;
    }

    /**
     * Pops the {@code double} pushed last.
     *
     * @return the value, bit for bit as pushed
     * @throws IllegalStateException if the {@code double} stack is empty
     */
    public double popDouble() {
        int n = doubleCount - 1;
        if (n < 0) {
            throw empty("popDouble", "double");
        }
        doubleCount = n;
        return doubles[n];
    }

    /**
     * Pushes an {@code int} onto the integral stack.
     *
     * @param v the value
     */
    public void push(int v) {
        push((long) v);
    }

    /**
     * Pops the integral value pushed last, which must have been pushed as an {@code int}.
     *
     * @return the value
     * @throws IllegalStateException if the integral stack is empty
     */
    public int popInt() {
        int n = longCount - 1;
        if (n < 0) {
            throw empty("popInt", "integral");
        }
        longCount = n;
        return (int) longs[n];
    }

    /**
     * Pushes a {@code long} onto the integral stack.
     *
     * @param v the value
     */
    public void push(long v) {
        int n = longCount;
        long[] a = longs;
        if (n == a.length) {
            a = growLongs();
        }
        a[n] = v;
        longCount = n + 1;
    }

    /**
     * Pops the integral value pushed last, which must have been pushed as a {@code long}.
     *
     * @return the value
     * @throws IllegalStateException if the integral stack is empty
     */
    public long popLong() {
        int n = longCount - 1;
        if (n < 0) {
            throw empty("popLong", "integral");
        }
        longCount = n;
        return longs[n];
    }

    /**
     * Pushes a {@code boolean} onto the integral stack (as 1 or 0).
     *
     * @param v the value
     */
    public void push(boolean v) {
        push(v ? 1L : 0L);
    }

    /**
     * Pops the integral value pushed last, which must have been pushed as a {@code boolean}.
     *
     * @return the value
     * @throws IllegalStateException if the integral stack is empty
     */
    public boolean popBoolean() {
        int n = longCount - 1;
        if (n < 0) {
            throw empty("popBoolean", "integral");
        }
        longCount = n;
        return longs[n] != 0;
    }

    /**
     * Pushes a reference to an array onto the array stack: the array itself, not a copy. Generated code pushes
     * only arrays that nothing writes after they are made (the results of {@link ArrayMath} operations), so the
     * reference keeps the values.
     *
     * @param a the array
     */
    public void push(double[] a) {
        pushArray(a);
    }

    /**
     * Pushes a reference to a matrix onto the array stack, as {@link #push(double[])} does.
     *
     * @param a the matrix
     */
    public void push(double[][] a) {
        pushArray(a);
    }

    /**
     * Pops the array pushed last; its slot is cleared, so the tape does not keep the array alive.
     *
     * @return the array
     * @throws IllegalStateException if the array stack is empty
     * @throws ClassCastException if the array pushed last is a matrix
     */
    public double[] popVector() {
        return (double[]) popArray("popVector");
    }

    /**
     * Pops the matrix pushed last; its slot is cleared.
     *
     * @return the matrix
     * @throws IllegalStateException if the array stack is empty
     * @throws ClassCastException if the array pushed last is a vector
     */
    public double[][] popMatrix() {
        return (double[][]) popArray("popMatrix");
    }

    private void pushArray(Object a) {
        if (arrayCount == arrays.length) {
            grew = true;
            Object[] grown = new Object[grown(arrays.length, "array")];
            System.arraycopy(arrays, 0, grown, 0, arrayCount);
            arrays = grown;
        }
        arrays[arrayCount++] = a;
    }

    private Object popArray(String pop) {
        int n = arrayCount - 1;
        if (n < 0) {
            throw empty(pop, "array");
        }
        arrayCount = n;
        Object a = arrays[n];
        arrays[n] = null;
        return a;
    }

    /**
     * Saves the element {@code a[i]}, which the caller is about to overwrite, so that {@link #restore()} or
     * {@link #undoWrites()} can put it back: its value goes on the {@code double} stack, {@code i} on the integral
     * stack and the array (by reference) on the array stack. A matrix element {@code m[i][j]} is saved as
     * {@code save(m[i], j)}. Generated code saves the elements that its backward pass reads again after the
     * forward pass overwrote them.
     *
     * @param a the array
     * @param i the index of the element about to be overwritten
     */
    public void save(double[] a, int i) {
        push(a[i]);
        push((long) i);
        pushArray(a);
    }

    /**
     * Saves the element {@code a[i]} of an {@code int[]} (a permutation, indices) before a write overwrites it, as
     * {@link #save(double[], int)} does for a {@code double[]}: its value and {@code i} go on the integral stack, the
     * array (by reference) on the array stack. {@link #restore()} and {@link #undoWrites()} put it back.
     *
     * @param a the array
     * @param i the index of the element about to be overwritten
     */
    public void save(int[] a, int i) {
        push((long) a[i]);
        push((long) i);
        pushArray(a);
    }

    /**
     * Puts back the element saved last by {@link #save(double[], int)} or {@link #save(int[], int)}: the backward
     * pass restores an element where it reverses the write that overwrote it.
     *
     * @throws IllegalStateException if nothing was saved
     */
    public void restore() {
        int i = (int) popLong();
        put(popArray("restore"), i);
    }

    /** Puts back into {@code a[i]} the old value saved with it, from the stack its type uses. */
    private void put(Object a, int i) {
        if (a instanceof double[] d) {
            d[i] = popDouble();
        } else {
            ((int[]) a)[i] = (int) popLong();
        }
    }

    /**
     * Marks where the writes of one block (a loop iteration, a branch) begin, for {@link #undoWrites()}.
     */
    public void beginWrites() {
        push(-1L);
    }

    /**
     * Puts back, last first, every element saved since the last {@link #beginWrites()}, and removes that mark: the
     * arrays hold again what they held when the block began, so the backward pass can run the block forward again.
     *
     * @throws IllegalStateException if there is no mark
     */
    public void undoWrites() {
        for (long i = popLong(); i >= 0; i = popLong()) {
            put(popArray("undoWrites"), (int) i);
        }
    }

    /**
     * The number of values on the tape, on all its stacks together.
     *
     * @return the number of pushes not yet popped
     */
    public int size() {
        return doubleCount + longCount + arrayCount;
    }

    /**
     * Whether both stacks are empty.
     *
     * @return {@code true} if every push has been popped (or the tape was cleared)
     */
    public boolean isEmpty() {
        return (doubleCount | longCount | arrayCount) == 0;
    }

    /** Empties the stacks and closes every frame. Their storage is kept, so the tape can be reused without allocating again. */
    public void clear() {
        frameCount = 0;
        doubleCount = 0;
        longCount = 0;
        java.util.Arrays.fill(arrays, 0, arrayCount, null);
        arrayCount = 0;
    }

    /** Allocates or doubles the {@code double} array; off the hot path so that {@code push} inlines. */
    private double[] growDoubles() {
        grew = true;
        double[] a = new double[grown(doubles.length, "double")];
        System.arraycopy(doubles, 0, a, 0, doubleCount);
        doubles = a;
        return a;
    }

    /** Allocates or doubles the {@code long} array; off the hot path so that {@code push} inlines. */
    private long[] growLongs() {
        grew = true;
        long[] a = new long[grown(longs.length, "integral")];
        System.arraycopy(longs, 0, a, 0, longCount);
        longs = a;
        return a;
    }

    /** The next capacity after {@code length}: the initial one, twice it, or at most the maximum. */
    private static int grown(int length, String stack) {
        if (length == 0) {
            return INITIAL_CAPACITY;
        }
        if (length >= MAX_CAPACITY) {
            throw new IllegalStateException("tape is full: the " + stack + " stack holds " + length
                    + " values, the most an array can");
        }
        return length > MAX_CAPACITY / 2 ? MAX_CAPACITY : length * 2;
    }

    /** The exception for a pop from an empty stack; built off the hot path so that the pops inline. */
    private IllegalStateException empty(String pop, String stack) {
        return new IllegalStateException("tape is empty: more pops than pushes (" + pop + " on an empty "
                + stack + " stack; " + size() + " value(s) left on the other stack)");
    }
}
