package io.github.sourcegrad;

/**
 * Vectorized operations on plain {@code double[]} and {@code double[][]}, for {@link Differentiable}
 * methods that work on vectors and matrices and for the gradients that SourceGrad generates for them.
 * Call the forward operations from a {@code @Differentiable} method as you would call {@code Math.tanh};
 * the generated gradient calls the same methods and the backward helpers below.
 *
 * <h2>Shapes</h2>
 * <ul>
 *   <li>A {@code double[]} of length {@code n} is a vector; mixed with a matrix it is a row vector
 *       ({@code matmul(x, a)} is {@code xᵀa}, {@code addRow(a, r)} adds {@code r} to every row).</li>
 *   <li>A {@code double[][]} is a row-major matrix: {@code a[i][j]} is row {@code i}, column {@code j}.
 *       It must be rectangular (every row of the same length); an {@code n×m} matrix has {@code n} rows
 *       of length {@code m}. A matrix with 0 rows has 0 columns by convention (it is {@code 0x0}); a
 *       matrix of {@code n} empty rows is {@code n×0}.</li>
 *   <li>The number of columns of a 0-row matrix is unknown, so a product with a 0-row factor does not
 *       check the dimension it shares with the other factor: {@code matmul(a, b)} with a 0-row {@code a}
 *       is a 0-row matrix for any rectangular {@code b}, like {@code addRow(a, r)} for any {@code r}.
 *       Element-wise operations compare shapes exactly.</li>
 *   <li>Empty arguments work everywhere: the {@link #sum(double[]) sum} and {@link #dot(double[], double[])
 *       dot} of empty arrays are 0, {@link #logSumExp logSumExp} of an empty vector is {@code -Infinity},
 *       the {@link #softmax(double[]) softmax} of an empty vector is empty.</li>
 * </ul>
 *
 * <p>Every method except {@link #addTo(double[], double[]) addTo}, {@code clear}, {@code copyInto} and the
 * {@code ...Into} kernels leaves its arguments unchanged and returns a freshly allocated array (for a matrix:
 * fresh rows too), never one of its arguments, so results can be modified and kept freely. {@code addTo} adds
 * into its first argument in place; {@code clear} clears its argument; {@code copyInto} and the
 * {@link #matmulInto(double[][], double[][], double[][]) Into kernels} write into their last argument and
 * allocate nothing.
 *
 * <p>Shapes are checked: a mismatch throws an {@link IllegalArgumentException} that names the method and
 * both shapes, such as {@code "matmul: a is 2x3 but b is 4x5 (a's columns must equal b's rows)"} or
 * {@code "add: a has length 3 but b has length 4"}, and a ragged matrix throws
 * {@code "exp: a is ragged: row 0 has length 3 but row 2 has length 2"}. A {@code null} array or row
 * throws a {@link NullPointerException}.
 *
 * <h2>Forward operations</h2>
 * <ul>
 *   <li>products: {@link #matmul(double[][], double[][]) matmul(a, b)} {@code = a b},
 *       {@link #matmul(double[][], double[]) matmul(a, x)} {@code = a x},
 *       {@link #matmul(double[], double[][]) matmul(x, a)} {@code = xᵀa},
 *       {@link #dot(double[], double[]) dot}, {@link #transpose transpose};</li>
 *   <li>element-wise, on equal shapes: {@code add}, {@code subtract}, {@code multiply} (of two or three
 *       arrays), {@code divide}; {@code scale(c, a)} {@code = c·a}, {@code negate}; with a number:
 *       {@code add(a, c)}, {@code add(c, a)}, {@code subtract(a, c)}, {@code subtract(c, a)} ({@code 1 - y});</li>
 *   <li>a row vector broadcast over the rows of a matrix (NumPy's {@code a + r}): {@code addRow},
 *       {@code subtractRow}, {@code multiplyRow};</li>
 *   <li>element-wise functions: {@code square}, {@code exp}, {@code log}, {@code tanh}, {@code sigmoid},
 *       {@code relu}, {@code max(a, c)}, {@code softplus}, {@code logSigmoid}, and {@code logAddExp(a, b)} of two
 *       arrays of equal shape;</li>
 *   <li>reductions: {@code sum} (of all elements), {@link #sumRows sumRows} (NumPy's
 *       {@code a.sum(axis=0)}), {@code dot}, {@link #logSumExp logSumExp};</li>
 *   <li>{@code softmax} (of a vector, or of each row of a matrix), {@code copy}.</li>
 * </ul>
 *
 * <h2>Backward helpers</h2>
 * Used by generated gradients; for a forward result {@code y} with adjoint {@code dy}:
 * <ul>
 *   <li>{@link #timesTransposed(double[][], double[][]) timesTransposed(a, b)} {@code = a bᵀ}, for
 *       {@code dX = dP Wᵀ} of {@code P = X W}; {@link #timesTransposed(double[], double[][])
 *       timesTransposed(x, b)} {@code = xᵀbᵀ = b x}, for {@code dx = A dy} of {@code y = xᵀA};</li>
 *   <li>{@link #transposedTimes(double[][], double[][]) transposedTimes(a, b)} {@code = aᵀb}, for
 *       {@code dW = Xᵀ dP} of {@code P = X W}; {@link #transposedTimes(double[][], double[])
 *       transposedTimes(a, y)} {@code = aᵀy}, for {@code dx = Aᵀ dy} of {@code y = A x};</li>
 *   <li>{@link #outer outer(x, y)} {@code = x yᵀ}, for {@code dA = dy xᵀ} of {@code y = A x};</li>
 *   <li>{@code filled(like, c)}, {@code onesLike}, {@code zerosLike}: the shape of {@code like} with
 *       every element {@code c}, 1 or 0 (the adjoint of {@code sum}, and fresh accumulators);</li>
 *   <li>{@link #broadcastRows broadcastRows(r, like)}: {@code r} repeated once per row of {@code like}
 *       (the adjoint of {@code sumRows});</li>
 *   <li>{@code maskGreater(a, c, d)} {@code = (a > c ? d : 0)} element-wise (the adjoint of
 *       {@code relu(a)} with {@code c = 0}, and of {@code max(a, c)});</li>
 *   <li>{@code oneMinus(y)} {@code = 1 - y} (with the three-argument {@code multiply}, the adjoint of
 *       the sigmoid: {@code da = dy ⊙ y ⊙ (1 - y)}); {@code oneMinusSquare(y)} {@code = 1 - y²} (the
 *       derivative of {@code tanh} from its result);</li>
 *   <li>{@code softmaxBackward(s, ds)} {@code = s ⊙ (ds - s·ds)}, the vector-Jacobian product of
 *       {@code s = softmax(x)} (of each row, for a matrix);</li>
 *   <li>{@code addTo(target, source)}: {@code target += source} in place, to accumulate adjoints.</li>
 * </ul>
 * The shape checks {@link #requireRectangular requireRectangular} and {@code requireSameShape} check a
 * user's arguments, with messages that use the user's parameter names.
 *
 * <h2>Into kernels</h2>
 * Every operation that returns an array has a form that writes its result into an array the caller provides,
 * named with {@code Into} and taking that array last: {@code matmulInto(a, b, out)}, {@code addInto(a, b, out)},
 * {@code tanhInto(a, out)}, {@code sumRowsInto(a, out)}, {@code filledInto(like, c, out)}, ... It computes exactly
 * what the allocating form returns (the same operations in the same order, bit for bit), overwrites every element
 * of {@code out} (whatever it held before) and returns {@code out}, so that calls nest:
 * {@code scaleInto(2, multiplyInto(r, d, t), out)}. Generated gradients use them with the arrays of a
 * {@link Workspace}, so that their buffer form allocates nothing.
 * <ul>
 *   <li>Shapes: the arguments are checked as by the allocating form, and {@code out} must have the result's shape
 *       exactly (a vector its length; a matrix as many rows, each of the result's length); otherwise an
 *       {@link IllegalArgumentException} names the method and both shapes. Where a 0-row argument leaves the
 *       result's column count unknown (the sums of {@code sumRows} over no rows, {@code transposedTimes} of
 *       0-row factors), {@code out} may have any shape and is filled with zeros.</li>
 *   <li>Aliasing: the element-wise operations (everything but the products below, {@code transpose},
 *       {@code sumRows} and the row broadcasts) may write into one of their arguments: {@code out} may be
 *       {@code a} (or {@code b}), which makes them in place. The products ({@code matmulInto},
 *       {@code timesTransposedInto}, {@code transposedTimesInto}, {@code outerInto}) and {@code transposeInto} read
 *       their arguments while they write, so {@code out} must not be an argument; {@code sumRowsInto}'s
 *       {@code out} must not be a row of {@code a}, and the row broadcasts' ({@code addRowInto}, ...) rows must not
 *       be {@code r}. These identities are checked (an {@link IllegalArgumentException}); an {@code out} that
 *       shares rows with an argument of a product in any other way is not detected and gives wrong results.</li>
 * </ul>
 *
 * <h2 id="numerics">Numerics</h2>
 * {@code sigmoid}, {@code softmax} and {@code logSumExp} are computed stably: {@code sigmoid(-800)} is
 * 0 and {@code sigmoid(800)} is 1, a softmax of {@code {1000, 1001}} is finite, and {@code logSumExp} of
 * {@code {1000, 1000}} is {@code 1000 + ln 2}. A softmax of a vector whose largest element is infinite
 * is NaN, as in NumPy and PyTorch. {@code relu(x)} is {@code Math.max(x, 0.0)}: NaN stays NaN, as in a loop
 * over the elements (its adjoint {@code maskGreater(x, 0, d)} passes 0 at NaN, as the rule of {@code Math.max(x, 0)}
 * does). {@code softplus}, {@code logSigmoid} and {@code logAddExp} are those of {@link SmoothMath}, stable for
 * all arguments. Products and sums add in index order with plain {@code double} arithmetic: each element of
 * {@code matmul}, {@code transposedTimes} and {@code timesTransposed} has the bits of the textbook loop
 * {@code s = 0; for (p ...) s += a[i][p] * b[p][j]}, however the loops are unrolled, blocked for the cache or split
 * across threads. Large products (from about a million multiply-adds) are split by rows of the result across the
 * {@link java.util.concurrent.ForkJoinPool#commonPool() common pool}; the system property
 * {@code -Dsourcegrad.threads=1} keeps them on the calling thread. {@code tanh} is not {@code Math.tanh} (before
 * JDK 24 not an intrinsic, and several times slower) but within 3 ulp of it, with the same special values
 * ({@code tanh(±0) = ±0}, {@code tanh(±∞) = ±1}, NaN for NaN), odd, and never above 1 in magnitude: {@code x}
 * for {@code |x| < 2^-27}, a Taylor polynomial for {@code |x| < 0.25}, {@code (1 - e) / (1 + e)} with
 * {@code e = Math.exp(-2|x|)} (an intrinsic) up to {@code |x| = 22}, and {@code ±1} from there on.
 */
public final class ArrayMath {

    private ArrayMath() {
    }

    // ------------------------------------------------------------------------------------------------
    // Products

    /**
     * The matrix product {@code a b}: {@code a} is {@code n×k}, {@code b} is {@code k×m}, the result
     * {@code n×m}.
     */
    public static double[][] matmul(double[][] a, double[][] b) {
        int k = columns("matmul", "a", a);
        int m = columns("matmul", "b", b);
        int n = a.length;
        if (n == 0) {
            return new double[0][m];
        }
        if (k != b.length) {
            throw new IllegalArgumentException("matmul: a is " + shape(n, k) + " but b is " + shape(b.length, m)
                    + " (a's columns must equal b's rows)");
        }
        double[][] c = new double[n][m];
        Kernels.matmul(a, b, c);
        return c;
    }

    /**
     * The matrix-vector product {@code a x}: {@code a} is {@code n×k}, {@code x} of length {@code k}, the
     * result of length {@code n}.
     */
    public static double[] matmul(double[][] a, double[] x) {
        int k = columns("matmul", "a", a);
        int n = a.length;
        if (n == 0) {
            return new double[0];
        }
        if (k != x.length) {
            throw new IllegalArgumentException("matmul: a is " + shape(n, k) + " but x has length " + x.length
                    + " (a's columns must equal x's length)");
        }
        double[] y = new double[n];
        Kernels.matmul(a, x, y);
        return y;
    }

    /**
     * The row vector times a matrix, {@code xᵀa}: {@code x} of length {@code n}, {@code a} is {@code n×m},
     * the result of length {@code m}.
     */
    public static double[] matmul(double[] x, double[][] a) {
        int m = columns("matmul", "a", a);
        int n = a.length;
        if (x.length != n) {
            throw new IllegalArgumentException("matmul: x has length " + x.length + " but a is " + shape(n, m)
                    + " (x's length must equal a's rows)");
        }
        double[] y = new double[m];
        Kernels.matmul(x, a, y);
        return y;
    }

    /** The transpose {@code aᵀ}: {@code a} is {@code n×m}, the result {@code m×n}. */
    public static double[][] transpose(double[][] a) {
        int m = columns("transpose", "a", a);
        int n = a.length;
        double[][] t = new double[m][n];
        for (int i = 0; i < n; i++) {
            double[] ai = a[i];
            for (int j = 0; j < m; j++) {
                t[j][i] = ai[j];
            }
        }
        return t;
    }

    /**
     * The product with a transpose, {@code a bᵀ}: {@code a} is {@code n×k}, {@code b} is {@code m×k}, the
     * result {@code n×m}.
     */
    public static double[][] timesTransposed(double[][] a, double[][] b) {
        int ka = columns("timesTransposed", "a", a);
        int kb = columns("timesTransposed", "b", b);
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0) {
            return new double[n][m];
        }
        if (ka != kb) {
            throw new IllegalArgumentException("timesTransposed: a is " + shape(n, ka) + " but b is " + shape(m, kb)
                    + " (a's columns must equal b's columns)");
        }
        double[][] c = new double[n][m];
        Kernels.timesTransposed(a, b, c);
        return c;
    }

    /**
     * The row vector times a transpose, {@code xᵀbᵀ = b x}: {@code x} of length {@code m}, {@code b} is
     * {@code n×m}, the result of length {@code n}.
     */
    public static double[] timesTransposed(double[] x, double[][] b) {
        int m = columns("timesTransposed", "b", b);
        int n = b.length;
        if (n == 0) {
            return new double[0];
        }
        if (x.length != m) {
            throw new IllegalArgumentException("timesTransposed: x has length " + x.length + " but b is " + shape(n, m)
                    + " (x's length must equal b's columns)");
        }
        double[] y = new double[n];
        Kernels.matmul(b, x, y);
        return y;
    }

    /**
     * The transpose times a matrix, {@code aᵀb}: {@code a} is {@code k×n}, {@code b} is {@code k×m}, the
     * result {@code n×m}.
     */
    public static double[][] transposedTimes(double[][] a, double[][] b) {
        int n = columns("transposedTimes", "a", a);
        int m = columns("transposedTimes", "b", b);
        int k = a.length;
        if (k != b.length) {
            throw new IllegalArgumentException("transposedTimes: a is " + shape(k, n) + " but b is "
                    + shape(b.length, m) + " (a's rows must equal b's rows)");
        }
        double[][] c = new double[n][m];
        Kernels.transposedTimes(a, b, c);
        return c;
    }

    /**
     * The transpose times a vector, {@code aᵀy}: {@code a} is {@code n×m}, {@code y} of length {@code n}, the
     * result of length {@code m}.
     */
    public static double[] transposedTimes(double[][] a, double[] y) {
        int m = columns("transposedTimes", "a", a);
        int n = a.length;
        if (y.length != n) {
            throw new IllegalArgumentException("transposedTimes: a is " + shape(n, m) + " but y has length " + y.length
                    + " (a's rows must equal y's length)");
        }
        double[] x = new double[m];
        Kernels.matmul(y, a, x);
        return x;
    }

    /**
     * The outer product {@code x yᵀ}: {@code x} of length {@code n}, {@code y} of length {@code m}, the
     * result {@code n×m}.
     */
    public static double[][] outer(double[] x, double[] y) {
        int n = x.length;
        int m = y.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double[] ci = c[i];
            for (int j = 0; j < m; j++) {
                ci[j] = xi * y[j];
            }
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------------
    // Element-wise arithmetic

    /** The element-wise sum {@code a + b}. */
    public static double[] add(double[] a, double[] b) {
        sameLength("add", "a", a, "b", b);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] + b[i];
        }
        return r;
    }

    /** The element-wise sum {@code a + b}. */
    public static double[][] add(double[][] a, double[][] b) {
        sameShape("add", "a", a, "b", b);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = add(a[i], b[i]);
        }
        return r;
    }

    /** The element-wise difference {@code a - b}. */
    public static double[] subtract(double[] a, double[] b) {
        sameLength("subtract", "a", a, "b", b);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    /** The element-wise difference {@code a - b}. */
    public static double[][] subtract(double[][] a, double[][] b) {
        sameShape("subtract", "a", a, "b", b);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = subtract(a[i], b[i]);
        }
        return r;
    }

    /** The element-wise (Hadamard) product {@code a ⊙ b}. */
    public static double[] multiply(double[] a, double[] b) {
        sameLength("multiply", "a", a, "b", b);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * b[i];
        }
        return r;
    }

    /** The element-wise (Hadamard) product {@code a ⊙ b}. */
    public static double[][] multiply(double[][] a, double[][] b) {
        sameShape("multiply", "a", a, "b", b);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = multiply(a[i], b[i]);
        }
        return r;
    }

    /** The element-wise product of three arrays {@code a ⊙ b ⊙ c}, computed as {@code (a * b) * c}. */
    public static double[] multiply(double[] a, double[] b, double[] c) {
        sameLength("multiply", "a", a, "b", b);
        sameLength("multiply", "a", a, "c", c);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * b[i] * c[i];
        }
        return r;
    }

    /** The element-wise product of three arrays {@code a ⊙ b ⊙ c}, computed as {@code (a * b) * c}. */
    public static double[][] multiply(double[][] a, double[][] b, double[][] c) {
        sameShape("multiply", "a", a, "b", b);
        sameShape("multiply", "a", a, "c", c);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = multiply(a[i], b[i], c[i]);
        }
        return r;
    }

    /** The element-wise quotient {@code a / b}. */
    public static double[] divide(double[] a, double[] b) {
        sameLength("divide", "a", a, "b", b);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /** The element-wise quotient {@code a / b}. */
    public static double[][] divide(double[][] a, double[][] b) {
        sameShape("divide", "a", a, "b", b);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = divide(a[i], b[i]);
        }
        return r;
    }

    /** The multiple {@code c·a}. */
    public static double[] scale(double c, double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = c * a[i];
        }
        return r;
    }

    /** The multiple {@code c·a}. */
    public static double[][] scale(double c, double[][] a) {
        columns("scale", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = scale(c, a[i]);
        }
        return r;
    }

    /** The array plus a number, {@code a + c} element-wise (NumPy's {@code a + c}): {@code add(tanh(h), 1)}. */
    public static double[] add(double[] a, double c) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] + c;
        }
        return r;
    }

    /** The array plus a number, {@code a + c} element-wise. */
    public static double[][] add(double[][] a, double c) {
        columns("add", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = add(a[i], c);
        }
        return r;
    }

    /** A number plus the array, {@code c + a} element-wise. */
    public static double[] add(double c, double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = c + a[i];
        }
        return r;
    }

    /** A number plus the array, {@code c + a} element-wise. */
    public static double[][] add(double c, double[][] a) {
        columns("add", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = add(c, a[i]);
        }
        return r;
    }

    /** The array minus a number, {@code a - c} element-wise. */
    public static double[] subtract(double[] a, double c) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] - c;
        }
        return r;
    }

    /** The array minus a number, {@code a - c} element-wise. */
    public static double[][] subtract(double[][] a, double c) {
        columns("subtract", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = subtract(a[i], c);
        }
        return r;
    }

    /** A number minus the array, {@code c - a} element-wise: {@code subtract(1, y)} is NumPy's {@code 1 - y}. */
    public static double[] subtract(double c, double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = c - a[i];
        }
        return r;
    }

    /** A number minus the array, {@code c - a} element-wise. */
    public static double[][] subtract(double c, double[][] a) {
        columns("subtract", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = subtract(c, a[i]);
        }
        return r;
    }

    /** The negation {@code -a}. */
    public static double[] negate(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = -a[i];
        }
        return r;
    }

    /** The negation {@code -a}. */
    public static double[][] negate(double[][] a) {
        columns("negate", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = negate(a[i]);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------
    // Row broadcasts

    /** The row vector {@code r} added to every row of {@code a}: {@code result[i][j] = a[i][j] + r[j]}. */
    public static double[][] addRow(double[][] a, double[] r) {
        int m = rowLength("addRow", a, r);
        double[][] c = new double[a.length][m];
        for (int i = 0; i < c.length; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int j = 0; j < m; j++) {
                ci[j] = ai[j] + r[j];
            }
        }
        return c;
    }

    /**
     * The row vector {@code r} subtracted from every row of {@code a}: {@code result[i][j] = a[i][j] - r[j]}.
     */
    public static double[][] subtractRow(double[][] a, double[] r) {
        int m = rowLength("subtractRow", a, r);
        double[][] c = new double[a.length][m];
        for (int i = 0; i < c.length; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int j = 0; j < m; j++) {
                ci[j] = ai[j] - r[j];
            }
        }
        return c;
    }

    /**
     * Every row of {@code a} multiplied element-wise by the row vector {@code r}:
     * {@code result[i][j] = a[i][j] * r[j]}.
     */
    public static double[][] multiplyRow(double[][] a, double[] r) {
        int m = rowLength("multiplyRow", a, r);
        double[][] c = new double[a.length][m];
        for (int i = 0; i < c.length; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int j = 0; j < m; j++) {
                ci[j] = ai[j] * r[j];
            }
        }
        return c;
    }

    /**
     * {@code like.length} copies of the row vector {@code r}: {@code result[i][j] = r[j]} (the adjoint of
     * {@link #sumRows}).
     */
    public static double[][] broadcastRows(double[] r, double[][] like) {
        int m = columns("broadcastRows", "like", like);
        int n = like.length;
        if (n == 0) {
            return new double[0][r.length];
        }
        if (r.length != m) {
            throw new IllegalArgumentException("broadcastRows: r has length " + r.length + " but like is " + shape(n, m)
                    + " (r's length must equal like's columns)");
        }
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            c[i] = r.clone();
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------------
    // Element-wise functions

    /** The element-wise square {@code x * x}. */
    public static double[] square(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            double x = a[i];
            r[i] = x * x;
        }
        return r;
    }

    /** The element-wise square {@code x * x}. */
    public static double[][] square(double[][] a) {
        columns("square", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = square(a[i]);
        }
        return r;
    }

    /** The element-wise exponential {@code Math.exp(x)}. */
    public static double[] exp(double[] a) {
        double[] r = new double[a.length];
        Kernels.exp(a, r);
        return r;
    }

    /** The element-wise exponential {@code Math.exp(x)}. */
    public static double[][] exp(double[][] a) {
        double[][] r = new double[a.length][columns("exp", "a", a)];
        Kernels.exp(a, r);
        return r;
    }

    /** The element-wise natural logarithm {@code Math.log(x)}. */
    public static double[] log(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.log(a[i]);
        }
        return r;
    }

    /** The element-wise natural logarithm {@code Math.log(x)}. */
    public static double[][] log(double[][] a) {
        columns("log", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = log(a[i]);
        }
        return r;
    }

    /**
     * The element-wise hyperbolic tangent, within 3 ulp of {@code Math.tanh(x)} and several times faster (see
     * <a href="#numerics">Numerics</a>).
     */
    public static double[] tanh(double[] a) {
        double[] r = new double[a.length];
        Kernels.tanh(a, r);
        return r;
    }

    /** The element-wise hyperbolic tangent, within 3 ulp of {@code Math.tanh(x)}, as {@link #tanh(double[])}. */
    public static double[][] tanh(double[][] a) {
        double[][] r = new double[a.length][columns("tanh", "a", a)];
        Kernels.tanh(a, r);
        return r;
    }

    /**
     * The element-wise logistic sigmoid {@code 1 / (1 + e^-x)}, computed as {@code e^x / (1 + e^x)} for
     * {@code x < 0}.
     */
    public static double[] sigmoid(double[] a) {
        double[] r = new double[a.length];
        Kernels.sigmoid(a, r);
        return r;
    }

    /**
     * The element-wise logistic sigmoid {@code 1 / (1 + e^-x)}, computed as {@code e^x / (1 + e^x)} for
     * {@code x < 0}.
     */
    public static double[][] sigmoid(double[][] a) {
        double[][] r = new double[a.length][columns("sigmoid", "a", a)];
        Kernels.sigmoid(a, r);
        return r;
    }

    /**
     * The element-wise softplus {@code log(1 + e^x)}, a smooth {@code relu}, computed stably as
     * {@link SmoothMath#softplus(double) SmoothMath.softplus}. Its derivative is {@code sigmoid(x)}.
     */
    public static double[] softplus(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = SmoothMath.softplus(a[i]);
        }
        return r;
    }

    /** The element-wise softplus {@code log(1 + e^x)}, as {@link SmoothMath#softplus(double) SmoothMath.softplus}. */
    public static double[][] softplus(double[][] a) {
        columns("softplus", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = softplus(a[i]);
        }
        return r;
    }

    /**
     * The element-wise {@code log(sigmoid(x)) = -softplus(-x)}, finite for every finite {@code x}, as
     * {@link SmoothMath#logSigmoid(double) SmoothMath.logSigmoid}. Its derivative is {@code sigmoid(-x)}.
     */
    public static double[] logSigmoid(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = SmoothMath.logSigmoid(a[i]);
        }
        return r;
    }

    /** The element-wise {@code log(sigmoid(x))}, as {@link SmoothMath#logSigmoid(double) SmoothMath.logSigmoid}. */
    public static double[][] logSigmoid(double[][] a) {
        columns("logSigmoid", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = logSigmoid(a[i]);
        }
        return r;
    }

    /**
     * The element-wise {@code log(e^a + e^b)}, as {@link SmoothMath#logAddExp(double, double) SmoothMath.logAddExp}.
     * Its derivatives are {@code sigmoid(a - b)} and {@code sigmoid(b - a)}.
     */
    public static double[] logAddExp(double[] a, double[] b) {
        sameLength("logAddExp", "a", a, "b", b);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = SmoothMath.logAddExp(a[i], b[i]);
        }
        return r;
    }

    /** The element-wise {@code log(e^a + e^b)}, as {@link SmoothMath#logAddExp(double, double) SmoothMath.logAddExp}. */
    public static double[][] logAddExp(double[][] a, double[][] b) {
        sameShape("logAddExp", "a", a, "b", b);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = logAddExp(a[i], b[i]);
        }
        return r;
    }

    /**
     * The element-wise rectifier {@code Math.max(x, 0.0)}: NaN stays NaN, as in a loop of {@code Math.max(x[i], 0)}
     * (and {@code -0.0} gives {@code 0.0}).
     */
    public static double[] relu(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            double x = a[i];
            r[i] = x <= 0 ? 0.0 : x;          // NaN <= 0 is false: NaN passes through, as in Math.max(x, 0.0)
        }
        return r;
    }

    /** The element-wise rectifier {@code Math.max(x, 0.0)} (NaN stays NaN). */
    public static double[][] relu(double[][] a) {
        columns("relu", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = relu(a[i]);
        }
        return r;
    }

    /** The element-wise maximum with a constant, {@code Math.max(x, c)}. */
    public static double[] max(double[] a, double c) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.max(a[i], c);
        }
        return r;
    }

    /** The element-wise maximum with a constant, {@code Math.max(x, c)}. */
    public static double[][] max(double[][] a, double c) {
        columns("max", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = max(a[i], c);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------
    // Reductions

    /** The sum of all elements {@code Σ a[i]} (0 for an empty vector). */
    public static double sum(double[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }

    /** The sum of all elements {@code Σ a[i][j]}, row by row (0 for an empty matrix). */
    public static double sum(double[][] a) {
        columns("sum", "a", a);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            for (int j = 0; j < ai.length; j++) {
                s += ai[j];
            }
        }
        return s;
    }

    /** The column sums {@code result[j] = Σ_i a[i][j]} (NumPy's {@code a.sum(axis=0)}), one per column. */
    public static double[] sumRows(double[][] a) {
        int m = columns("sumRows", "a", a);
        double[] s = new double[m];
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            for (int j = 0; j < m; j++) {
                s[j] += ai[j];
            }
        }
        return s;
    }

    /** The dot product {@code Σ a[i] b[i]} (0 for empty vectors). */
    public static double dot(double[] a, double[] b) {
        sameLength("dot", "a", a, "b", b);
        return dotUnchecked(a, b, a.length);
    }

    /** The Frobenius inner product {@code Σ a[i][j] b[i][j]} (0 for empty matrices). */
    public static double dot(double[][] a, double[][] b) {
        int m = sameShape("dot", "a", a, "b", b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            double[] bi = b[i];
            for (int j = 0; j < m; j++) {
                s += ai[j] * bi[j];
            }
        }
        return s;
    }

    /**
     * {@code log Σ exp(x[i])}, computed as {@code max + log Σ exp(x[i] - max)} ({@code -Infinity} for an
     * empty vector).
     */
    public static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, x[i]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.exp(x[i] - max);
        }
        return max + Math.log(s);
    }

    /**
     * The softmax {@code exp(x[i]) / Σ exp(x[j])}, computed as {@code exp(x[i] - max) / Σ exp(x[j] - max)}.
     */
    public static double[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, x[i]);
        }
        double[] r = new double[x.length];
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            double e = Math.exp(x[i] - max);
            r[i] = e;
            s += e;
        }
        double inv = 1 / s;
        for (int i = 0; i < r.length; i++) {
            r[i] *= inv;
        }
        return r;
    }

    /** The softmax of each row, {@code result[i] = softmax(a[i])}. */
    public static double[][] softmax(double[][] a) {
        columns("softmax", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = softmax(a[i]);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------
    // Copies and constants

    /** A copy of {@code a}. */
    public static double[] copy(double[] a) {
        return a.clone();
    }

    /**
     * A copy of {@code a}: what a {@code @Differentiable} method writes into instead of an {@code int[]} parameter
     * (a permutation it swaps in place, for example).
     */
    public static int[] copy(int[] a) {
        return a.clone();
    }

    /** A deep copy of {@code a} (every row copied, whatever its length). */
    public static int[][] copy(int[][] a) {
        int[][] r = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    /** A deep copy of {@code a} (every row copied). */
    public static double[][] copy(double[][] a) {
        columns("copy", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    /** An array of the length of {@code like} with every element {@code c}. */
    public static double[] filled(double[] like, double c) {
        double[] r = new double[like.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = c;
        }
        return r;
    }

    /** A matrix of the shape of {@code like} with every element {@code c}. */
    public static double[][] filled(double[][] like, double c) {
        int m = columns("filled", "like", like);
        double[][] r = new double[like.length][m];
        for (int i = 0; i < r.length; i++) {
            double[] ri = r[i];
            for (int j = 0; j < m; j++) {
                ri[j] = c;
            }
        }
        return r;
    }

    /** An array of the length of {@code like} with every element 1. */
    public static double[] onesLike(double[] like) {
        return filled(like, 1.0);
    }

    /** A matrix of the shape of {@code like} with every element 1. */
    public static double[][] onesLike(double[][] like) {
        int m = columns("onesLike", "like", like);
        double[][] r = new double[like.length][m];
        for (int i = 0; i < r.length; i++) {
            double[] ri = r[i];
            for (int j = 0; j < m; j++) {
                ri[j] = 1.0;
            }
        }
        return r;
    }

    /** An array of the length of {@code like} with every element 0. */
    public static double[] zerosLike(double[] like) {
        return new double[like.length];
    }

    /** A matrix of the shape of {@code like} with every element 0. */
    public static double[][] zerosLike(double[][] like) {
        int m = columns("zerosLike", "like", like);
        return new double[like.length][m];
    }

    // ------------------------------------------------------------------------------------------------
    // Backward helpers

    /**
     * The element-wise mask {@code a > c ? d : 0.0}: the adjoint {@code d} of {@code relu(a)} ({@code c = 0})
     * or of {@code max(a, c)}.
     */
    public static double[] maskGreater(double[] a, double c, double[] d) {
        sameLength("maskGreater", "a", a, "d", d);
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] > c ? d[i] : 0.0;
        }
        return r;
    }

    /**
     * The element-wise mask {@code a > c ? d : 0.0}: the adjoint {@code d} of {@code relu(a)} ({@code c = 0})
     * or of {@code max(a, c)}.
     */
    public static double[][] maskGreater(double[][] a, double c, double[][] d) {
        sameShape("maskGreater", "a", a, "d", d);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = maskGreater(a[i], c, d[i]);
        }
        return r;
    }

    /**
     * The element-wise {@code 1 - x} (with {@code y = sigmoid(x)}, {@code y ⊙ (1 - y)} is the sigmoid's
     * derivative).
     */
    public static double[] oneMinus(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1 - a[i];
        }
        return r;
    }

    /**
     * The element-wise {@code 1 - x} (with {@code y = sigmoid(x)}, {@code y ⊙ (1 - y)} is the sigmoid's
     * derivative).
     */
    public static double[][] oneMinus(double[][] a) {
        columns("oneMinus", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = oneMinus(a[i]);
        }
        return r;
    }

    /** The element-wise {@code 1 - x * x} (with {@code y = tanh(x)}, {@code 1 - y²} is tanh's derivative). */
    public static double[] oneMinusSquare(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            double x = a[i];
            r[i] = 1 - x * x;
        }
        return r;
    }

    /** The element-wise {@code 1 - x * x} (with {@code y = tanh(x)}, {@code 1 - y²} is tanh's derivative). */
    public static double[][] oneMinusSquare(double[][] a) {
        columns("oneMinusSquare", "a", a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = oneMinusSquare(a[i]);
        }
        return r;
    }

    /** The vector-Jacobian product of {@code s = softmax(x)}: {@code s ⊙ (ds - s·ds)}. */
    public static double[] softmaxBackward(double[] s, double[] ds) {
        sameLength("softmaxBackward", "s", s, "ds", ds);
        double sds = dotUnchecked(s, ds, s.length);
        double[] r = new double[s.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = s[i] * (ds[i] - sds);
        }
        return r;
    }

    /**
     * The vector-Jacobian product of the row-wise {@code s = softmax(a)}:
     * {@code result[i] = s[i] ⊙ (ds[i] - s[i]·ds[i])}.
     */
    public static double[][] softmaxBackward(double[][] s, double[][] ds) {
        sameShape("softmaxBackward", "s", s, "ds", ds);
        double[][] r = new double[s.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = softmaxBackward(s[i], ds[i]);
        }
        return r;
    }

    /**
     * {@code a > c ? d : (a == c ? d / 2 : 0)} element by element: the derivative of {@code max(a, c)} with respect to
     * {@code a} times {@code d} when {@code c} is differentiated too, so that at a tie each side gets half, as
     * {@code Math.max(x, x)} does.
     */
    public static double[] maskGreaterOrHalf(double[] a, double c, double[] d) {
        sameLength("maskGreaterOrHalf", "a", a, "d", d);
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] > c ? d[i] : a[i] == c ? 0.5 * d[i] : 0.0;
        }
        return r;
    }

    /** The matrix form of {@link #maskGreaterOrHalf(double[], double, double[])}. */
    public static double[][] maskGreaterOrHalf(double[][] a, double c, double[][] d) {
        sameShape("maskGreaterOrHalf", "a", a, "d", d);
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = maskGreaterOrHalf(a[i], c, d[i]);
        }
        return r;
    }

    /**
     * Sets every element of {@code a} to 0 and returns {@code a}: how the buffer form of a generated gradient
     * starts a gradient in the caller's array, without allocating.
     */
    public static double[] clear(double[] a) {
        java.util.Arrays.fill(a, 0.0);
        return a;
    }

    /** Sets every element of {@code a} to 0 and returns {@code a}. */
    public static double[][] clear(double[][] a) {
        for (double[] row : a) {
            java.util.Arrays.fill(row, 0.0);
        }
        return a;
    }

    /**
     * Copies {@code source} into {@code target} (nothing to do when they are the same array), which has its shape: how the buffer form of a generated gradient
     * hands a gradient to the array its caller passed for it, and the {@code Into} form of {@link #copy(double[])}.
     * A {@code source} of length 0 clears {@code target} (a sum over the rows of a minibatch of no rows).
     *
     * @return {@code target}
     */
    public static double[] copyInto(double[] source, double[] target) {
        if (source == target) {
            return target;
        }
        if (source.length == 0 && target.length != 0) {
            clear(target); // summed over the rows of a minibatch of no rows, which carry no length: all zeros
            return target;
        }
        sameLength("copyInto", "source", source, "target", target);
        System.arraycopy(source, 0, target, 0, source.length);
        return target;
    }

    /**
     * Copies {@code source} into {@code target} row by row; they have one shape (a {@code source} of no rows clears
     * {@code target}).
     *
     * @return {@code target}
     */
    public static double[][] copyInto(double[][] source, double[][] target) {
        if (source == target) {
            return target;
        }
        if (source.length == 0 && target.length != 0) {
            // a gradient computed from a minibatch of no rows lost its column count with them: it is all zeros
            clear(target);
            return target;
        }
        int m = sameShape("copyInto", "source", source, "target", target);
        for (int i = 0; i < source.length; i++) {
            System.arraycopy(source[i], 0, target[i], 0, m);
        }
        return target;
    }

    /** Adds in place, {@code target += source}. */
    public static void addTo(double[] target, double[] source) {
        sameLength("addTo", "target", target, "source", source);
        for (int i = 0; i < target.length; i++) {
            target[i] += source[i];
        }
    }

    /** Adds in place, {@code target += source}. */
    public static void addTo(double[][] target, double[][] source) {
        int m = sameShape("addTo", "target", target, "source", source);
        for (int i = 0; i < target.length; i++) {
            double[] ti = target[i];
            double[] si = source[i];
            for (int j = 0; j < m; j++) {
                ti[j] += si[j];
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Into kernels: the same operations, written into an array the caller provides

    /*
     * Each xxxInto(args..., out) computes exactly what xxx(args...) returns, bit for bit, writes it into every
     * element of out and returns out. The argument checks are those of xxx, plus one of out's shape. See the
     * class comment ("Into kernels") for the aliasing rules.
     */

    /**
     * The number of columns of a matrix: the length of its first row, 0 for a matrix of no rows (the convention
     * of this class). It does not check that the matrix is rectangular.
     *
     * @param a a matrix
     * @return {@code a[0].length}, or 0 if {@code a} has no rows
     */
    public static int columns(double[][] a) {
        return a.length == 0 ? 0 : a[0].length;
    }

    /** {@link #matmul(double[][], double[][])} into {@code out} ({@code n×m}, not {@code a} or {@code b}); returns {@code out}. */
    public static double[][] matmulInto(double[][] a, double[][] b, double[][] out) {
        int k = columns("matmulInto", "a", a);
        int m = columns("matmulInto", "b", b);
        int n = a.length;
        if (n != 0 && k != b.length) {
            throw new IllegalArgumentException("matmulInto: a is " + shape(n, k) + " but b is " + shape(b.length, m)
                    + " (a's columns must equal b's rows)");
        }
        outShape("matmulInto", out, n, m);
        distinct("matmulInto", out, a, b);
        Kernels.matmul(a, b, out);
        return out;
    }

    /** {@link #matmul(double[][], double[])} into {@code out} (length {@code n}, not {@code x}); returns {@code out}. */
    public static double[] matmulInto(double[][] a, double[] x, double[] out) {
        int k = columns("matmulInto", "a", a);
        int n = a.length;
        if (n != 0 && k != x.length) {
            throw new IllegalArgumentException("matmulInto: a is " + shape(n, k) + " but x has length " + x.length
                    + " (a's columns must equal x's length)");
        }
        outLength("matmulInto", out, n);
        distinct("matmulInto", out, x);
        Kernels.matmul(a, x, out);
        return out;
    }

    /** {@link #matmul(double[], double[][])} into {@code out} (length {@code m}, not {@code x}); returns {@code out}. */
    public static double[] matmulInto(double[] x, double[][] a, double[] out) {
        int m = columns("matmulInto", "a", a);
        int n = a.length;
        if (x.length != n) {
            throw new IllegalArgumentException("matmulInto: x has length " + x.length + " but a is " + shape(n, m)
                    + " (x's length must equal a's rows)");
        }
        if (n != 0) {
            outLength("matmulInto", out, m); // a 0-row a has no column count: a result of zeros of any length
        }
        distinct("matmulInto", out, x);
        Kernels.matmul(x, a, out);
        return out;
    }

    /** {@link #transpose(double[][])} into {@code out} ({@code m×n}, not {@code a}); returns {@code out}. */
    public static double[][] transposeInto(double[][] a, double[][] out) {
        int m = columns("transposeInto", "a", a);
        int n = a.length;
        outShape("transposeInto", out, m, n);
        distinct("transposeInto", out, a, null);
        for (int i = 0; i < n; i++) {
            double[] ai = a[i];
            for (int j = 0; j < m; j++) {
                out[j][i] = ai[j];
            }
        }
        return out;
    }

    /** {@link #timesTransposed(double[][], double[][])} into {@code out} ({@code n×m}, not {@code a} or {@code b}); returns {@code out}. */
    public static double[][] timesTransposedInto(double[][] a, double[][] b, double[][] out) {
        int ka = columns("timesTransposedInto", "a", a);
        int kb = columns("timesTransposedInto", "b", b);
        int n = a.length;
        int m = b.length;
        if (n != 0 && m != 0 && ka != kb) {
            throw new IllegalArgumentException("timesTransposedInto: a is " + shape(n, ka) + " but b is " + shape(m, kb)
                    + " (a's columns must equal b's columns)");
        }
        outShape("timesTransposedInto", out, n, m);
        distinct("timesTransposedInto", out, a, b);
        Kernels.timesTransposed(a, b, out);
        return out;
    }

    /** {@link #timesTransposed(double[], double[][])} into {@code out} (length {@code n}, not {@code x}); returns {@code out}. */
    public static double[] timesTransposedInto(double[] x, double[][] b, double[] out) {
        int m = columns("timesTransposedInto", "b", b);
        int n = b.length;
        if (n != 0 && x.length != m) {
            throw new IllegalArgumentException("timesTransposedInto: x has length " + x.length + " but b is " + shape(n, m)
                    + " (x's length must equal b's columns)");
        }
        outLength("timesTransposedInto", out, n);
        distinct("timesTransposedInto", out, x);
        Kernels.matmul(b, x, out);
        return out;
    }

    /** {@link #transposedTimes(double[][], double[][])} into {@code out} ({@code n×m}, not {@code a} or {@code b}); returns {@code out}. */
    public static double[][] transposedTimesInto(double[][] a, double[][] b, double[][] out) {
        int n = columns("transposedTimesInto", "a", a);
        int m = columns("transposedTimesInto", "b", b);
        int k = a.length;
        if (k != b.length) {
            throw new IllegalArgumentException("transposedTimesInto: a is " + shape(k, n) + " but b is "
                    + shape(b.length, m) + " (a's rows must equal b's rows)");
        }
        if (k != 0) {
            outShape("transposedTimesInto", out, n, m); // 0-row factors have no column counts: zeros of any shape
        }
        distinct("transposedTimesInto", out, a, b);
        if (k == 0) {
            for (double[] row : out) {
                java.util.Arrays.fill(row, 0.0);
            }
        } else {
            Kernels.transposedTimes(a, b, out);
        }
        return out;
    }

    /** {@link #transposedTimes(double[][], double[])} into {@code out} (length {@code m}, not {@code y}); returns {@code out}. */
    public static double[] transposedTimesInto(double[][] a, double[] y, double[] out) {
        int m = columns("transposedTimesInto", "a", a);
        int n = a.length;
        if (y.length != n) {
            throw new IllegalArgumentException("transposedTimesInto: a is " + shape(n, m) + " but y has length " + y.length
                    + " (a's rows must equal y's length)");
        }
        if (n != 0) {
            outLength("transposedTimesInto", out, m); // a 0-row a has no column count: zeros of any length
        }
        distinct("transposedTimesInto", out, y);
        Kernels.matmul(y, a, out);
        return out;
    }

    /** {@link #outer(double[], double[])} into {@code out} ({@code n×m}, no row of it {@code x} or {@code y}); returns {@code out}. */
    public static double[][] outerInto(double[] x, double[] y, double[][] out) {
        int n = x.length;
        int m = y.length;
        outShape("outerInto", out, n, m);
        for (double[] row : out) {
            if (row == x || row == y) {
                throw new IllegalArgumentException("outerInto: out shares a row with x or y");
            }
        }
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double[] ci = out[i];
            for (int j = 0; j < m; j++) {
                ci[j] = xi * y[j];
            }
        }
        return out;
    }

    /** {@link #add(double[], double[])} into {@code out}; returns {@code out}. */
    public static double[] addInto(double[] a, double[] b, double[] out) {
        sameLength("addInto", "a", a, "b", b);
        outLength("addInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** {@link #add(double[][], double[][])} into {@code out}; returns {@code out}. */
    public static double[][] addInto(double[][] a, double[][] b, double[][] out) {
        outShape("addInto", out, a.length, sameShape("addInto", "a", a, "b", b));
        for (int i = 0; i < out.length; i++) {
            addInto(a[i], b[i], out[i]);
        }
        return out;
    }

    /** {@link #subtract(double[], double[])} into {@code out}; returns {@code out}. */
    public static double[] subtractInto(double[] a, double[] b, double[] out) {
        sameLength("subtractInto", "a", a, "b", b);
        outLength("subtractInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** {@link #subtract(double[][], double[][])} into {@code out}; returns {@code out}. */
    public static double[][] subtractInto(double[][] a, double[][] b, double[][] out) {
        outShape("subtractInto", out, a.length, sameShape("subtractInto", "a", a, "b", b));
        for (int i = 0; i < out.length; i++) {
            subtractInto(a[i], b[i], out[i]);
        }
        return out;
    }

    /** {@link #multiply(double[], double[])} into {@code out}; returns {@code out}. */
    public static double[] multiplyInto(double[] a, double[] b, double[] out) {
        sameLength("multiplyInto", "a", a, "b", b);
        outLength("multiplyInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** {@link #multiply(double[][], double[][])} into {@code out}; returns {@code out}. */
    public static double[][] multiplyInto(double[][] a, double[][] b, double[][] out) {
        outShape("multiplyInto", out, a.length, sameShape("multiplyInto", "a", a, "b", b));
        for (int i = 0; i < out.length; i++) {
            multiplyInto(a[i], b[i], out[i]);
        }
        return out;
    }

    /** {@link #multiply(double[], double[], double[])} into {@code out}; returns {@code out}. */
    public static double[] multiplyInto(double[] a, double[] b, double[] c, double[] out) {
        sameLength("multiplyInto", "a", a, "b", b);
        sameLength("multiplyInto", "a", a, "c", c);
        outLength("multiplyInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i] * c[i];
        }
        return out;
    }

    /** {@link #multiply(double[][], double[][], double[][])} into {@code out}; returns {@code out}. */
    public static double[][] multiplyInto(double[][] a, double[][] b, double[][] c, double[][] out) {
        sameShape("multiplyInto", "a", a, "b", b);
        outShape("multiplyInto", out, a.length, sameShape("multiplyInto", "a", a, "c", c));
        for (int i = 0; i < out.length; i++) {
            multiplyInto(a[i], b[i], c[i], out[i]);
        }
        return out;
    }

    /** {@link #divide(double[], double[])} into {@code out}; returns {@code out}. */
    public static double[] divideInto(double[] a, double[] b, double[] out) {
        sameLength("divideInto", "a", a, "b", b);
        outLength("divideInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    /** {@link #divide(double[][], double[][])} into {@code out}; returns {@code out}. */
    public static double[][] divideInto(double[][] a, double[][] b, double[][] out) {
        outShape("divideInto", out, a.length, sameShape("divideInto", "a", a, "b", b));
        for (int i = 0; i < out.length; i++) {
            divideInto(a[i], b[i], out[i]);
        }
        return out;
    }

    /** {@link #scale(double, double[])} into {@code out}; returns {@code out}. */
    public static double[] scaleInto(double c, double[] a, double[] out) {
        outLength("scaleInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = c * a[i];
        }
        return out;
    }

    /** {@link #scale(double, double[][])} into {@code out}; returns {@code out}. */
    public static double[][] scaleInto(double c, double[][] a, double[][] out) {
        outShape("scaleInto", out, a.length, columns("scaleInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            scaleInto(c, a[i], out[i]);
        }
        return out;
    }

    /** {@link #add(double[], double)} into {@code out}; returns {@code out}. */
    public static double[] addInto(double[] a, double c, double[] out) {
        outLength("addInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + c;
        }
        return out;
    }

    /** {@link #add(double[][], double)} into {@code out}; returns {@code out}. */
    public static double[][] addInto(double[][] a, double c, double[][] out) {
        outShape("addInto", out, a.length, columns("addInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            addInto(a[i], c, out[i]);
        }
        return out;
    }

    /** {@link #add(double, double[])} into {@code out}; returns {@code out}. */
    public static double[] addInto(double c, double[] a, double[] out) {
        outLength("addInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = c + a[i];
        }
        return out;
    }

    /** {@link #add(double, double[][])} into {@code out}; returns {@code out}. */
    public static double[][] addInto(double c, double[][] a, double[][] out) {
        outShape("addInto", out, a.length, columns("addInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            addInto(c, a[i], out[i]);
        }
        return out;
    }

    /** {@link #subtract(double[], double)} into {@code out}; returns {@code out}. */
    public static double[] subtractInto(double[] a, double c, double[] out) {
        outLength("subtractInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - c;
        }
        return out;
    }

    /** {@link #subtract(double[][], double)} into {@code out}; returns {@code out}. */
    public static double[][] subtractInto(double[][] a, double c, double[][] out) {
        outShape("subtractInto", out, a.length, columns("subtractInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            subtractInto(a[i], c, out[i]);
        }
        return out;
    }

    /** {@link #subtract(double, double[])} into {@code out}; returns {@code out}. */
    public static double[] subtractInto(double c, double[] a, double[] out) {
        outLength("subtractInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = c - a[i];
        }
        return out;
    }

    /** {@link #subtract(double, double[][])} into {@code out}; returns {@code out}. */
    public static double[][] subtractInto(double c, double[][] a, double[][] out) {
        outShape("subtractInto", out, a.length, columns("subtractInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            subtractInto(c, a[i], out[i]);
        }
        return out;
    }

    /** {@link #negate(double[])} into {@code out}; returns {@code out}. */
    public static double[] negateInto(double[] a, double[] out) {
        outLength("negateInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    /** {@link #negate(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] negateInto(double[][] a, double[][] out) {
        outShape("negateInto", out, a.length, columns("negateInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            negateInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #addRow(double[][], double[])} into {@code out} (no row of it {@code r}); returns {@code out}. */
    public static double[][] addRowInto(double[][] a, double[] r, double[][] out) {
        int m = rowLength("addRowInto", a, r);
        outShape("addRowInto", out, a.length, m);
        for (int i = 0; i < out.length; i++) {
            addInto(a[i], rowNot("addRowInto", out[i], r), out[i]);
        }
        return out;
    }

    /** {@link #subtractRow(double[][], double[])} into {@code out} (no row of it {@code r}); returns {@code out}. */
    public static double[][] subtractRowInto(double[][] a, double[] r, double[][] out) {
        int m = rowLength("subtractRowInto", a, r);
        outShape("subtractRowInto", out, a.length, m);
        for (int i = 0; i < out.length; i++) {
            subtractInto(a[i], rowNot("subtractRowInto", out[i], r), out[i]);
        }
        return out;
    }

    /** {@link #multiplyRow(double[][], double[])} into {@code out} (no row of it {@code r}); returns {@code out}. */
    public static double[][] multiplyRowInto(double[][] a, double[] r, double[][] out) {
        int m = rowLength("multiplyRowInto", a, r);
        outShape("multiplyRowInto", out, a.length, m);
        for (int i = 0; i < out.length; i++) {
            multiplyInto(a[i], rowNot("multiplyRowInto", out[i], r), out[i]);
        }
        return out;
    }

    /** {@link #broadcastRows(double[], double[][])} into {@code out} (the shape of {@code like}); returns {@code out}. */
    public static double[][] broadcastRowsInto(double[] r, double[][] like, double[][] out) {
        int m = columns("broadcastRowsInto", "like", like);
        int n = like.length;
        if (n != 0 && r.length != m) {
            throw new IllegalArgumentException("broadcastRowsInto: r has length " + r.length + " but like is " + shape(n, m)
                    + " (r's length must equal like's columns)");
        }
        outShape("broadcastRowsInto", out, n, m);
        for (double[] row : out) {
            System.arraycopy(r, 0, row, 0, m);
        }
        return out;
    }

    /** {@link #square(double[])} into {@code out}; returns {@code out}. */
    public static double[] squareInto(double[] a, double[] out) {
        outLength("squareInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            double x = a[i];
            out[i] = x * x;
        }
        return out;
    }

    /** {@link #square(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] squareInto(double[][] a, double[][] out) {
        outShape("squareInto", out, a.length, columns("squareInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            squareInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #exp(double[])} into {@code out}; returns {@code out}. */
    public static double[] expInto(double[] a, double[] out) {
        outLength("expInto", out, a.length);
        Kernels.exp(a, out);
        return out;
    }

    /** {@link #exp(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] expInto(double[][] a, double[][] out) {
        outShape("expInto", out, a.length, columns("expInto", "a", a));
        Kernels.exp(a, out);
        return out;
    }

    /** {@link #log(double[])} into {@code out}; returns {@code out}. */
    public static double[] logInto(double[] a, double[] out) {
        outLength("logInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(a[i]);
        }
        return out;
    }

    /** {@link #log(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] logInto(double[][] a, double[][] out) {
        outShape("logInto", out, a.length, columns("logInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            logInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #tanh(double[])} into {@code out}; returns {@code out}. */
    public static double[] tanhInto(double[] a, double[] out) {
        outLength("tanhInto", out, a.length);
        Kernels.tanh(a, out);
        return out;
    }

    /** {@link #tanh(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] tanhInto(double[][] a, double[][] out) {
        outShape("tanhInto", out, a.length, columns("tanhInto", "a", a));
        Kernels.tanh(a, out);
        return out;
    }

    /** {@link #sigmoid(double[])} into {@code out}; returns {@code out}. */
    public static double[] sigmoidInto(double[] a, double[] out) {
        outLength("sigmoidInto", out, a.length);
        Kernels.sigmoid(a, out);
        return out;
    }

    /** {@link #sigmoid(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] sigmoidInto(double[][] a, double[][] out) {
        outShape("sigmoidInto", out, a.length, columns("sigmoidInto", "a", a));
        Kernels.sigmoid(a, out);
        return out;
    }

    /** {@link #softplus(double[])} into {@code out}; returns {@code out}. */
    public static double[] softplusInto(double[] a, double[] out) {
        outLength("softplusInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = SmoothMath.softplus(a[i]);
        }
        return out;
    }

    /** {@link #softplus(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] softplusInto(double[][] a, double[][] out) {
        outShape("softplusInto", out, a.length, columns("softplusInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            softplusInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #logSigmoid(double[])} into {@code out}; returns {@code out}. */
    public static double[] logSigmoidInto(double[] a, double[] out) {
        outLength("logSigmoidInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = SmoothMath.logSigmoid(a[i]);
        }
        return out;
    }

    /** {@link #logSigmoid(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] logSigmoidInto(double[][] a, double[][] out) {
        outShape("logSigmoidInto", out, a.length, columns("logSigmoidInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            logSigmoidInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #logAddExp(double[], double[])} into {@code out}; returns {@code out}. */
    public static double[] logAddExpInto(double[] a, double[] b, double[] out) {
        sameLength("logAddExpInto", "a", a, "b", b);
        outLength("logAddExpInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = SmoothMath.logAddExp(a[i], b[i]);
        }
        return out;
    }

    /** {@link #logAddExp(double[][], double[][])} into {@code out}; returns {@code out}. */
    public static double[][] logAddExpInto(double[][] a, double[][] b, double[][] out) {
        outShape("logAddExpInto", out, a.length, sameShape("logAddExpInto", "a", a, "b", b));
        for (int i = 0; i < out.length; i++) {
            logAddExpInto(a[i], b[i], out[i]);
        }
        return out;
    }

    /** {@link #relu(double[])} into {@code out}; returns {@code out}. */
    public static double[] reluInto(double[] a, double[] out) {
        outLength("reluInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            double x = a[i];
            out[i] = x <= 0 ? 0.0 : x;
        }
        return out;
    }

    /** {@link #relu(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] reluInto(double[][] a, double[][] out) {
        outShape("reluInto", out, a.length, columns("reluInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            reluInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #max(double[], double)} into {@code out}; returns {@code out}. */
    public static double[] maxInto(double[] a, double c, double[] out) {
        outLength("maxInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(a[i], c);
        }
        return out;
    }

    /** {@link #max(double[][], double)} into {@code out}; returns {@code out}. */
    public static double[][] maxInto(double[][] a, double c, double[][] out) {
        outShape("maxInto", out, a.length, columns("maxInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            maxInto(a[i], c, out[i]);
        }
        return out;
    }

    /** {@link #sumRows(double[][])} into {@code out} (not a row of {@code a}); returns {@code out}. */
    public static double[] sumRowsInto(double[][] a, double[] out) {
        int m = columns("sumRowsInto", "a", a);
        if (a.length != 0) {
            outLength("sumRowsInto", out, m); // the sums over no rows have no length: zeros of any length
        }
        for (double[] row : a) {
            rowNot("sumRowsInto", out, row);
        }
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            for (int j = 0; j < m; j++) {
                out[j] += ai[j];
            }
        }
        return out;
    }

    /** {@link #softmax(double[])} into {@code out}; returns {@code out}. */
    public static double[] softmaxInto(double[] x, double[] out) {
        outLength("softmaxInto", out, x.length);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, x[i]);
        }
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            double e = Math.exp(x[i] - max);
            out[i] = e;
            s += e;
        }
        double inv = 1 / s;
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    /** {@link #softmax(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] softmaxInto(double[][] a, double[][] out) {
        outShape("softmaxInto", out, a.length, columns("softmaxInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            softmaxInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #filled(double[], double)}: {@code out} (of the length of {@code like}) with every element {@code c}; returns {@code out}. */
    public static double[] filledInto(double[] like, double c, double[] out) {
        outLength("filledInto", out, like.length);
        java.util.Arrays.fill(out, c);
        return out;
    }

    /** {@link #filled(double[][], double)}: {@code out} (of the shape of {@code like}) with every element {@code c}; returns {@code out}. */
    public static double[][] filledInto(double[][] like, double c, double[][] out) {
        outShape("filledInto", out, like.length, columns("filledInto", "like", like));
        for (double[] row : out) {
            java.util.Arrays.fill(row, c);
        }
        return out;
    }

    /** {@link #onesLike(double[])}: {@code out} (of the length of {@code like}) with every element 1; returns {@code out}. */
    public static double[] onesLikeInto(double[] like, double[] out) {
        return filledInto(like, 1.0, out);
    }

    /** {@link #onesLike(double[][])}: {@code out} (of the shape of {@code like}) with every element 1; returns {@code out}. */
    public static double[][] onesLikeInto(double[][] like, double[][] out) {
        return filledInto(like, 1.0, out);
    }

    /** {@link #zerosLike(double[])}: {@code out} (of the length of {@code like}) cleared; returns {@code out}. */
    public static double[] zerosLikeInto(double[] like, double[] out) {
        return filledInto(like, 0.0, out);
    }

    /** {@link #zerosLike(double[][])}: {@code out} (of the shape of {@code like}) cleared; returns {@code out}. */
    public static double[][] zerosLikeInto(double[][] like, double[][] out) {
        return filledInto(like, 0.0, out);
    }

    /** {@link #maskGreater(double[], double, double[])} into {@code out}; returns {@code out}. */
    public static double[] maskGreaterInto(double[] a, double c, double[] d, double[] out) {
        sameLength("maskGreaterInto", "a", a, "d", d);
        outLength("maskGreaterInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] > c ? d[i] : 0.0;
        }
        return out;
    }

    /** {@link #maskGreater(double[][], double, double[][])} into {@code out}; returns {@code out}. */
    public static double[][] maskGreaterInto(double[][] a, double c, double[][] d, double[][] out) {
        outShape("maskGreaterInto", out, a.length, sameShape("maskGreaterInto", "a", a, "d", d));
        for (int i = 0; i < out.length; i++) {
            maskGreaterInto(a[i], c, d[i], out[i]);
        }
        return out;
    }

    /** {@link #maskGreaterOrHalf(double[], double, double[])} into {@code out}; returns {@code out}. */
    public static double[] maskGreaterOrHalfInto(double[] a, double c, double[] d, double[] out) {
        sameLength("maskGreaterOrHalfInto", "a", a, "d", d);
        outLength("maskGreaterOrHalfInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] > c ? d[i] : a[i] == c ? 0.5 * d[i] : 0.0;
        }
        return out;
    }

    /** {@link #maskGreaterOrHalf(double[][], double, double[][])} into {@code out}; returns {@code out}. */
    public static double[][] maskGreaterOrHalfInto(double[][] a, double c, double[][] d, double[][] out) {
        outShape("maskGreaterOrHalfInto", out, a.length, sameShape("maskGreaterOrHalfInto", "a", a, "d", d));
        for (int i = 0; i < out.length; i++) {
            maskGreaterOrHalfInto(a[i], c, d[i], out[i]);
        }
        return out;
    }

    /** {@link #oneMinus(double[])} into {@code out}; returns {@code out}. */
    public static double[] oneMinusInto(double[] a, double[] out) {
        outLength("oneMinusInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = 1 - a[i];
        }
        return out;
    }

    /** {@link #oneMinus(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] oneMinusInto(double[][] a, double[][] out) {
        outShape("oneMinusInto", out, a.length, columns("oneMinusInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            oneMinusInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #oneMinusSquare(double[])} into {@code out}; returns {@code out}. */
    public static double[] oneMinusSquareInto(double[] a, double[] out) {
        outLength("oneMinusSquareInto", out, a.length);
        for (int i = 0; i < out.length; i++) {
            double x = a[i];
            out[i] = 1 - x * x;
        }
        return out;
    }

    /** {@link #oneMinusSquare(double[][])} into {@code out}; returns {@code out}. */
    public static double[][] oneMinusSquareInto(double[][] a, double[][] out) {
        outShape("oneMinusSquareInto", out, a.length, columns("oneMinusSquareInto", "a", a));
        for (int i = 0; i < out.length; i++) {
            oneMinusSquareInto(a[i], out[i]);
        }
        return out;
    }

    /** {@link #softmaxBackward(double[], double[])} into {@code out}; returns {@code out}. */
    public static double[] softmaxBackwardInto(double[] s, double[] ds, double[] out) {
        sameLength("softmaxBackwardInto", "s", s, "ds", ds);
        outLength("softmaxBackwardInto", out, s.length);
        double sds = dotUnchecked(s, ds, s.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = s[i] * (ds[i] - sds);
        }
        return out;
    }

    /** {@link #softmaxBackward(double[][], double[][])} into {@code out}; returns {@code out}. */
    public static double[][] softmaxBackwardInto(double[][] s, double[][] ds, double[][] out) {
        outShape("softmaxBackwardInto", out, s.length, sameShape("softmaxBackwardInto", "s", s, "ds", ds));
        for (int i = 0; i < out.length; i++) {
            softmaxBackwardInto(s[i], ds[i], out[i]);
        }
        return out;
    }

    /** Checks that {@code out} has length {@code n}. */
    private static void outLength(String method, double[] out, int n) {
        if (out.length != n) {
            throw new IllegalArgumentException(method + ": out has length " + out.length + " but the result has length " + n);
        }
    }

    /** Checks that {@code out} is a rectangular {@code rows×cols} matrix (any column count when it has no rows). */
    private static void outShape(String method, double[][] out, int rows, int cols) {
        int c = columns(method, "out", out);
        if (out.length != rows || (rows != 0 && c != cols)) {
            throw new IllegalArgumentException(method + ": out is " + shape(out.length, c) + " but the result is "
                    + shape(rows, cols));
        }
    }

    /** Checks that {@code out} is not the argument {@code a} (nor {@code b}) of a product, which reads them while writing. */
    private static void distinct(String method, Object out, Object a, Object b) {
        if (out == a || out == b) {
            throw new IllegalArgumentException(method + ": out must not be an argument of the product");
        }
    }

    private static void distinct(String method, double[] out, double[] x) {
        if (out == x) {
            throw new IllegalArgumentException(method + ": out must not be an argument of the product");
        }
    }

    /** {@code r}, after checking that it is not {@code row} (a row of the result, written while {@code r} is read). */
    private static double[] rowNot(String method, double[] row, double[] r) {
        if (row == r) {
            throw new IllegalArgumentException(method + ": out shares a row with an argument read for every row");
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------
    // Shape checks for generated code

    /**
     * Checks that every row of {@code a} has the length of row 0; {@code name} is the parameter's name for
     * the message.
     */
    public static void requireRectangular(String name, double[][] a) {
        columns(null, name, a);
    }

    /**
     * Checks that {@code actual} (named {@code name}) has the length of {@code expected} (named
     * {@code expectedName}).
     */
    public static void requireSameShape(String name, double[] actual, String expectedName, double[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException(name + " must have the length of " + expectedName + ", "
                    + expected.length + ", but has length " + actual.length);
        }
    }

    /**
     * Checks that {@code actual} (named {@code name}) is rectangular and has the shape of {@code expected}
     * (named {@code expectedName}).
     */
    public static void requireSameShape(String name, double[][] actual, String expectedName, double[][] expected) {
        int ca = columns(null, name, actual);
        int ce = columns(null, expectedName, expected);
        if (actual.length != expected.length || ca != ce) {
            throw new IllegalArgumentException(name + " must have the shape of " + expectedName + ", "
                    + shape(expected.length, ce) + ", but is " + shape(actual.length, ca));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Internals

    /** {@code Σ a[i] b[i]} over the first {@code n} elements, without checks. */
    private static double dotUnchecked(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The number of columns of {@code a} (0 for 0 rows), or an exception if it is ragged, whose message
     * starts with {@code method + ": "} unless {@code method} is null.
     */
    private static int columns(String method, String arg, double[][] a) {
        if (a.length == 0) {
            return 0;
        }
        int m = a[0].length;
        for (int i = 1; i < a.length; i++) {
            if (a[i].length != m) {
                throw new IllegalArgumentException((method == null ? "" : method + ": ") + arg
                        + " is ragged: row 0 has length " + m + " but row " + i + " has length " + a[i].length);
            }
        }
        return m;
    }

    /** Checks that two vectors have the same length. */
    private static void sameLength(String method, String aName, double[] a, String bName, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(method + ": " + aName + " has length " + a.length + " but " + bName
                    + " has length " + b.length);
        }
    }

    /**
     * Checks that two matrices are rectangular and of the same shape, and returns their number of columns.
     */
    private static int sameShape(String method, String aName, double[][] a, String bName, double[][] b) {
        int ca = columns(method, aName, a);
        int cb = columns(method, bName, b);
        if (a.length != b.length || ca != cb) {
            throw new IllegalArgumentException(method + ": " + aName + " is " + shape(a.length, ca) + " but " + bName
                    + " is " + shape(b.length, cb));
        }
        return ca;
    }

    /** The length of the row vector {@code r} broadcast over the rows of {@code a}, after checking it. */
    private static int rowLength(String method, double[][] a, double[] r) {
        int m = columns(method, "a", a);
        if (a.length == 0) {
            return r.length;
        }
        if (r.length != m) {
            throw new IllegalArgumentException(method + ": a is " + shape(a.length, m) + " but r has length " + r.length
                    + " (r's length must equal a's columns)");
        }
        return m;
    }

    /** {@code "n×m"} as {@code "nxm"}. */
    private static String shape(int rows, int columns) {
        return rows + "x" + columns;
    }
}
