package io.github.sourcegrad;

import java.util.Arrays;

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
 * null row (the shape checks report those) is not compared, and among rows neither is a row or vector
 * without elements, which holds nothing to share (two identical arrays are rejected whatever their length).
 *
 * <p>Cost: the arrays themselves are compared pairwise ({@code k(k-1)/2} comparisons of references for
 * {@code k} arrays). When a {@code double[][]} is among them, the rows are checked in one pass each, without
 * hashing: element 0 of every row of every buffer is read, saved and set to a tag (a NaN numbering the row) for
 * the duration of the check, and every row of every input is read once; the saved elements are written back
 * before it returns or throws, so an input that is also a buffer is left unchanged. (A thread that reads such
 * an input while the check runs may see the tag.) The check's lists belong to the thread and are reused, so
 * it allocates nothing once they have grown to the largest call's size, and it forgets the arrays after each
 * check. It is not re-entrant, which generated code never needs: nothing runs between {@code check()} and
 * {@code requireDistinct()}.
 */
public final class Buffers {

    private static final ThreadLocal<Buffers> LOCAL = ThreadLocal.withInitial(Buffers::new);

    private static final String RULE = ": a gradient buffer must not share storage with an argument or another buffer";

    private String[] names = new String[8];
    private Object[] arrays = new Object[8]; // each a double[] or a double[][]
    private boolean[] buffer = new boolean[8];
    private int count;
    private boolean matrices;

    /** A quiet NaN with a payload of SourceGrad's ("SG"); the low 32 bits number a tagged row. */
    private static final long TAG = 0x7ff8_5347_0000_0000L;

    private double[] saved = new double[16]; // element 0 of each tagged row, in the order they were tagged

    private Buffers() {
    }

    /** The thread's checker, emptied: list the inputs and buffers, then call {@link #requireDistinct()}. */
    public static Buffers check() {
        Buffers b = LOCAL.get();
        b.count = 0; // the arrays of the last check were forgotten when it ended, or when it found a null
        b.matrices = false;
        return b;
    }

    /**
     * The buffer form's check of its {@code double[] grad}: not null, and at least one slot per differentiated
     * {@code double} parameter. {@code slots} is their number and {@code parameters} their names (as in
     * {@code "x, y"}), for the message; {@code name} is the buffer's. Throws a {@link NullPointerException} with
     * message {@code name} for null, and for a short buffer an {@link IllegalArgumentException} such as
     * {@code "grad must have length at least 2 (one slot per differentiated parameter: x, y) but has length 1"}.
     * The message is built here, off the generated method's fast path, so that the check adds only a call of a
     * few bytes to it (HotSpot inlines hot methods only up to 325 bytes of bytecode).
     */
    public static void requireLength(double[] grad, int slots, String name, String parameters) {
        if (grad == null) {
            throw new NullPointerException(name);
        }
        if (grad.length < slots) {
            throw tooShort(grad, slots, name, parameters);
        }
    }

    private static IllegalArgumentException tooShort(double[] grad, int slots, String name, String parameters) {
        return new IllegalArgumentException(name + " must have length at least " + slots
                + " (one slot per differentiated parameter: " + parameters + ") but has length " + grad.length);
    }

    /** An argument of the method, which the backward pass reads; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    /**
     * Checks a Jacobian buffer before a generated {@code jacobian<name>} method writes it: at least {@code rows} rows
     * (one per element of the result), each of at least {@code columns} entries (one per differentiated input);
     * anything beyond is left as it is.
     *
     * @param jac the caller's buffer
     * @param rows the length of the method's result
     * @param columns the number of differentiated inputs, arrays counted element by element
     * @param name the buffer parameter's name, for the messages
     * @param inputs the differentiated parameters, in order, for the messages
     * @throws NullPointerException if {@code jac} or one of its first {@code rows} rows is null
     * @throws IllegalArgumentException if it has fewer rows, or a row fewer entries, than needed, saying how many
     */
    public static void requireJacobian(double[][] jac, int rows, int columns, String name, String inputs) {
        if (jac == null) {
            throw new NullPointerException(name);
        }
        if (jac.length < rows) {
            throw new IllegalArgumentException(name + " must have at least " + rows + " rows (one per element of the result) of "
                    + columns + " entries (one per differentiated input: " + inputs + ") but has " + jac.length + " rows");
        }
        for (int i = 0; i < rows; i++) {
            if (jac[i] == null) {
                throw new NullPointerException("row " + i + " of " + name);
            }
            if (jac[i].length < columns) {
                throw new IllegalArgumentException("row " + i + " of " + name + " must have at least " + columns
                        + " entries (one per differentiated input: " + inputs + ") but has " + jac[i].length);
            }
        }
    }

    /**
     * Checks a vector of a generated {@code hvp<name>} method (the direction {@code v}, the gradient, the product):
     * at least {@code n} entries, one per differentiated input; anything beyond is left as it is.
     *
     * @param a the caller's array
     * @param n the number of differentiated inputs, arrays counted element by element
     * @param name the parameter's name, for the messages
     * @param inputs the differentiated parameters, in order, for the messages
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if it has fewer entries than needed, saying how many
     */
    public static void requireInputs(double[] a, int n, String name, String inputs) {
        if (a == null) {
            throw new NullPointerException(name);
        }
        if (a.length < n) {
            throw new IllegalArgumentException(name + " must have length at least " + n
                    + " (one entry per differentiated input: " + inputs + ") but has length " + a.length);
        }
    }

    /**
     * Checks the Hessian buffer of a generated {@code hessian<name>} method: at least {@code n} rows of at least
     * {@code n} entries, one per differentiated input; anything beyond is left as it is.
     *
     * @param h the caller's buffer
     * @param n the number of differentiated inputs, arrays counted element by element
     * @param name the buffer parameter's name, for the messages
     * @param inputs the differentiated parameters, in order, for the messages
     * @throws NullPointerException if {@code h} or one of its first {@code n} rows is null
     * @throws IllegalArgumentException if it has fewer rows, or a row fewer entries, than needed, saying how many
     */
    public static void requireHessian(double[][] h, int n, String name, String inputs) {
        if (h == null) {
            throw new NullPointerException(name);
        }
        String needed = n + " entries (one per differentiated input: " + inputs + ")";
        if (h.length < n) {
            throw new IllegalArgumentException(name + " must have at least " + n + " rows of " + needed + " but has "
                    + h.length + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (h[i] == null) {
                throw new NullPointerException("row " + i + " of " + name);
            }
            if (h[i].length < n) {
                throw new IllegalArgumentException("row " + i + " of " + name + " must have at least " + needed + " but has "
                        + h[i].length);
            }
        }
    }

    public Buffers input(String name, double[] a) {
        if (a == null) {
            throw nullArray(name);
        }
        return add(name, a, false, false);
    }

    /** An argument of the method, which the backward pass reads; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    public Buffers input(String name, double[][] a) {
        if (a == null) {
            throw nullArray(name);
        }
        return add(name, a, false, true);
    }

    /** A gradient buffer, which the method clears and writes; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    public Buffers buffer(String name, double[] a) {
        if (a == null) {
            throw nullArray(name);
        }
        return add(name, a, true, false);
    }

    /** A gradient buffer, which the method clears and writes; a null {@code a} throws a {@link NullPointerException} with message {@code name}. */
    public Buffers buffer(String name, double[][] a) {
        if (a == null) {
            throw nullArray(name);
        }
        return add(name, a, true, true);
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

    /**
     * The rows (and vectors) of the buffers, each non-empty one tagged: its element 0 set, for the duration of
     * the check, to a NaN whose payload is its number {@code k}, the rows numbered in the order of the buffers.
     * A buffer row that already holds the tag of a row tagged before it, and is that row's array, is that row;
     * so is an input row that holds a tag and is the tagged array. One pass over the buffers' rows and one over
     * the inputs' (a read each), no hashing; element 0 of each row is put back (before returning or throwing:
     * even an input that was also a buffer is left as it was) in a third pass, which walks the buffers again
     * rather than keeping the rows: a list of rows would cost a reference store per row, with its garbage
     * collector barrier. Only a value that looks like a tag makes the check find the tagged row again, walking
     * the buffers, to compare the two arrays.
     */
    private void requireDistinctRows() {
        int tagged = 0;
        try {
            for (int i = 0; i < count; i++) { // tag, finding a buffer row that is an earlier one
                if (buffer[i]) {
                    if (arrays[i] instanceof double[][] m) {
                        for (int r = 0; r < m.length; r++) {
                            tagged = tag(m[r], tagged, i, r);
                        }
                    } else {
                        tagged = tag((double[]) arrays[i], tagged, i, -1);
                    }
                }
            }
            for (int i = 0; i < count; i++) { // no input row holds a tag
                if (!buffer[i]) {
                    if (arrays[i] instanceof double[][] m) {
                        for (int r = 0; r < m.length; r++) {
                            requireUntagged(m[r], tagged, i, r);
                        }
                    } else {
                        requireUntagged((double[]) arrays[i], tagged, i, -1);
                    }
                }
            }
        } finally {
            restore(tagged);
        }
    }

    /*
     * The per-row methods (tag, requireUntagged) stay small, with the search for a tagged row and the messages in
     * the methods below them, so that HotSpot can inline them into the loops over the rows.
     */

    /** Tags {@code unit} (row {@code row} of buffer {@code owner}, -1 for a vector) as row {@code k}; the next free number. */
    private int tag(double[] unit, int k, int owner, int row) {
        if (unit == null || unit.length == 0) {
            return k; // no storage to share (a null row is the shape checks' to report)
        }
        double first = unit[0];
        long earlier = Double.doubleToRawLongBits(first) ^ TAG; // a tag's number; anything else is negative or too large
        if (earlier >= 0 && earlier < k) {
            sameAsTagged(unit, (int) earlier, owner, row, true);
        }
        if (k == saved.length) {
            saved = Arrays.copyOf(saved, 2 * k);
        }
        saved[k] = first;
        unit[0] = Double.longBitsToDouble(TAG | k);
        return k + 1;
    }

    private void requireUntagged(double[] unit, int tagged, int owner, int row) {
        if (unit != null && unit.length != 0) {
            long k = Double.doubleToRawLongBits(unit[0]) ^ TAG;
            if (k >= 0 && k < tagged) {
                sameAsTagged(unit, (int) k, owner, row, false);
            }
        }
    }

    /**
     * Throws if {@code unit}, which holds the tag of row {@code k}, is that row; returns if the tag was a value of
     * the caller's that only looks like one. {@code later}: {@code unit} is a buffer row tagged after row {@code k}
     * (named first), else an input row (named second).
     */
    private void sameAsTagged(double[] unit, int k, int owner, int row, boolean later) {
        long at = taggedRow(k);
        int taggedOwner = (int) (at >>> 32);
        int taggedIndex = (int) at;
        if (unit(taggedOwner, taggedIndex) == unit) {
            String one = describe(taggedOwner, taggedIndex);
            String other = describe(owner, row);
            throw later ? shared(other, one) : shared(one, other);
        }
    }

    /**
     * The buffer (high 32 bits) and row (low 32 bits, {@code -1} for a vector) of tagged row {@code k}, found by
     * walking the buffers; packed in a {@code long}, so that even a value that only looks like a tag allocates nothing.
     */
    private long taggedRow(int k) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (buffer[i]) {
                boolean matrix = arrays[i] instanceof double[][];
                int rows = matrix ? ((double[][]) arrays[i]).length : 1;
                for (int r = 0; r < rows; r++) {
                    int row = matrix ? r : -1;
                    double[] u = unit(i, row);
                    if (u != null && u.length != 0 && n++ == k) {
                        return (long) i << 32 | (row & 0xffff_ffffL);
                    }
                }
            }
        }
        throw new IllegalStateException("no tagged row " + k); // unreachable: k is below the number tagged
    }

    private double[] unit(int owner, int row) {
        return row < 0 ? (double[]) arrays[owner] : ((double[][]) arrays[owner])[row];
    }

    /** Puts back element 0 of the first {@code tagged} rows, walking the buffers in the order they were tagged. */
    private void restore(int tagged) {
        int k = 0;
        for (int i = 0; i < count && k < tagged; i++) {
            if (buffer[i]) {
                if (arrays[i] instanceof double[][] m) {
                    for (int r = 0; r < m.length && k < tagged; r++) {
                        k = untag(m[r], k);
                    }
                } else {
                    k = untag((double[]) arrays[i], k);
                }
            }
        }
    }

    private int untag(double[] unit, int k) {
        if (unit == null || unit.length == 0) {
            return k;
        }
        unit[0] = saved[k];
        return k + 1;
    }

    private static IllegalArgumentException shared(String one, String other) {
        return new IllegalArgumentException(one + " is the same array as " + other + RULE);
    }

    private String describe(int owner, int row) {
        return row < 0 ? names[owner] : "row " + row + " of " + names[owner];
    }

    /** Forgets the arrays listed so far (the check ends here) and names the null one. */
    private NullPointerException nullArray(String name) {
        forget();
        return new NullPointerException(name);
    }

    private Buffers add(String name, Object a, boolean isBuffer, boolean matrix) {
        if (count == arrays.length) {
            names = Arrays.copyOf(names, count * 2);
            arrays = Arrays.copyOf(arrays, count * 2);
            buffer = Arrays.copyOf(buffer, count * 2);
        }
        names[count] = name;
        arrays[count] = a;
        buffer[count] = isBuffer;
        count++;
        matrices |= matrix;
        return this;
    }

    /** Drops the references to the caller's arrays, so that the thread's checker does not keep them alive. */
    private void forget() {
        Arrays.fill(arrays, 0, count, null);
        count = 0;
        matrices = false;
    }
}
