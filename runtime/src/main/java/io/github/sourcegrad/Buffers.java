package io.github.sourcegrad;

import java.util.Arrays;
import java.util.Objects;

/**
 * The check that the buffer form of a generated gradient makes before it writes into its caller's arrays:
 * no gradient buffer shares storage with an argument or with another buffer. The buffer form clears its
 * buffers and then accumulates into them while the backward pass still reads the arguments, so a buffer
 * that is also an argument (or a row of one) would silently give a wrong gradient.
 *
 * <p>Generated code lists the method's arrays, then checks:
 * <pre>{@code
 * Buffers.check().input("x", x).input("W", W).input("v", v)
 *         .buffer("gradW", gradW).buffer("gradV", gradV).requireDistinct();
 * }</pre>
 * {@link #requireDistinct()} throws an {@link IllegalArgumentException} that names both arrays, such as
 * {@code "gradV is the same array as v: a gradient buffer must not share storage with an argument or another
 * buffer"}, when
 * <ul>
 *   <li>a buffer is the same array as an input or another buffer;</li>
 *   <li>a row of a {@code double[][]} buffer is the same array as a {@code double[]} input or buffer, as a row
 *       of an input or another buffer, or as another row of the same buffer;</li>
 *   <li>a {@code double[]} buffer is a row of a {@code double[][]} input or buffer.</li>
 * </ul>
 * Inputs may share storage with one another: they are only read. A null array (listing it throws a
 * {@link NullPointerException} whose message is its name, so generated code checks for null here first) or
 * row (the shape checks report those) is not compared.
 *
 * <p>Cost: the arrays themselves are compared pairwise ({@code k(k-1)/2} comparisons of references for
 * {@code k} arrays). When a {@code double[][]} is among them, every vector and every row goes into an
 * identity hash table, so the check is linear in the number of rows (one {@link System#identityHashCode}
 * each), not quadratic. The lists and the table belong to the thread and are reused, so the check allocates
 * nothing once they have grown to the largest call's size; the table forgets the arrays after each check.
 * It is not re-entrant, which generated code never needs: nothing runs between {@code check()} and
 * {@code requireDistinct()}.
 */
public final class Buffers {

    private static final ThreadLocal<Buffers> LOCAL = ThreadLocal.withInitial(Buffers::new);

    private static final String RULE = ": a gradient buffer must not share storage with an argument or another buffer";

    private String[] names = new String[8];
    private Object[] arrays = new Object[8]; // each a double[] or a double[][]
    private boolean[] buffer = new boolean[8];
    private int count;
    /** The number of vectors and matrix rows listed: the entries the identity table needs. */
    private int units;
    private boolean matrices;

    private Object[] keys = new Object[0];
    private int[] owners = new int[0];
    private int[] rows = new int[0];

    private Buffers() {
    }

    /** The thread's checker, emptied: list the inputs and buffers, then call {@link #requireDistinct()}. */
    public static Buffers check() {
        Buffers b = LOCAL.get();
        b.forget();
        return b;
    }

    /** An argument of the method, which the backward pass reads; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    public Buffers input(String name, double[] a) {
        Objects.requireNonNull(a, name);
        return add(name, a, false, 1, false);
    }

    /** An argument of the method, which the backward pass reads; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    public Buffers input(String name, double[][] a) {
        Objects.requireNonNull(a, name);
        return add(name, a, false, a.length, true);
    }

    /** A gradient buffer, which the method clears and writes; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    public Buffers buffer(String name, double[] a) {
        Objects.requireNonNull(a, name);
        return add(name, a, true, 1, false);
    }

    /** A gradient buffer, which the method clears and writes; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    public Buffers buffer(String name, double[][] a) {
        Objects.requireNonNull(a, name);
        return add(name, a, true, a.length, true);
    }

    /**
     * Throws an {@link IllegalArgumentException} naming both arrays if a buffer shares storage with an input
     * or another buffer, as listed in the class description.
     */
    public void requireDistinct() {
        try {
            for (int i = 1; i < count; i++) {
                for (int j = 0; j < i; j++) {
                    if (arrays[i] == arrays[j] && (buffer[i] || buffer[j])) {
                        int b = buffer[i] ? i : j;
                        throw new IllegalArgumentException(names[b] + " is the same array as " + names[b == i ? j : i] + RULE);
                    }
                }
            }
            if (matrices) {
                requireDistinctRows();
            }
        } finally {
            forget();
        }
    }

    /** Every input's storage goes into the table first (inputs may repeat), then every buffer's, which may not. */
    private void requireDistinctRows() {
        int capacity = Integer.highestOneBit(Math.max(2, units) * 2 - 1) << 1; // at most half full
        if (keys.length < capacity) {
            keys = new Object[capacity];
            owners = new int[capacity];
            rows = new int[capacity];
        }
        int mask = capacity - 1;
        try {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < count; i++) {
                    if (buffer[i] != (pass == 1)) {
                        continue;
                    }
                    if (arrays[i] instanceof double[][] m) {
                        for (int r = 0; r < m.length; r++) {
                            if (m[r] != null) {
                                insert(m[r], i, r, mask);
                            }
                        }
                    } else {
                        insert(arrays[i], i, -1, mask);
                    }
                }
            }
        } finally {
            Arrays.fill(keys, 0, capacity, null);
        }
    }

    private void insert(Object storage, int owner, int row, int mask) {
        int slot = (System.identityHashCode(storage) * 0x9E3779B9) & mask;
        while (keys[slot] != null) {
            if (keys[slot] == storage) {
                if (!buffer[owner]) {
                    return; // two inputs that share a row: they are only read
                }
                throw new IllegalArgumentException(describe(owner, row) + " is the same array as "
                        + describe(owners[slot], rows[slot]) + RULE);
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = storage;
        owners[slot] = owner;
        rows[slot] = row;
    }

    private String describe(int owner, int row) {
        return row < 0 ? names[owner] : "row " + row + " of " + names[owner];
    }

    private Buffers add(String name, Object a, boolean isBuffer, int storage, boolean matrix) {
        if (count == arrays.length) {
            names = Arrays.copyOf(names, count * 2);
            arrays = Arrays.copyOf(arrays, count * 2);
            buffer = Arrays.copyOf(buffer, count * 2);
        }
        names[count] = name;
        arrays[count] = a;
        buffer[count] = isBuffer;
        count++;
        units += storage;
        matrices |= matrix;
        return this;
    }

    /** Drops the references to the caller's arrays, so that the thread's checker does not keep them alive. */
    private void forget() {
        Arrays.fill(arrays, 0, count, null);
        count = 0;
        units = 0;
        matrices = false;
    }
}
