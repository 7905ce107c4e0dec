package io.github.sourcegrad;

import static io.github.sourcegrad.ArrayMath.add;
import static io.github.sourcegrad.ArrayMath.addRow;
import static io.github.sourcegrad.ArrayMath.addTo;
import static io.github.sourcegrad.ArrayMath.broadcastRows;
import static io.github.sourcegrad.ArrayMath.copy;
import static io.github.sourcegrad.ArrayMath.divide;
import static io.github.sourcegrad.ArrayMath.dot;
import static io.github.sourcegrad.ArrayMath.exp;
import static io.github.sourcegrad.ArrayMath.filled;
import static io.github.sourcegrad.ArrayMath.log;
import static io.github.sourcegrad.ArrayMath.logAddExp;
import static io.github.sourcegrad.ArrayMath.logSigmoid;
import static io.github.sourcegrad.ArrayMath.logSumExp;
import static io.github.sourcegrad.ArrayMath.maskGreater;
import static io.github.sourcegrad.ArrayMath.matmul;
import static io.github.sourcegrad.ArrayMath.max;
import static io.github.sourcegrad.ArrayMath.multiply;
import static io.github.sourcegrad.ArrayMath.multiplyRow;
import static io.github.sourcegrad.ArrayMath.negate;
import static io.github.sourcegrad.ArrayMath.oneMinus;
import static io.github.sourcegrad.ArrayMath.oneMinusSquare;
import static io.github.sourcegrad.ArrayMath.onesLike;
import static io.github.sourcegrad.ArrayMath.outer;
import static io.github.sourcegrad.ArrayMath.relu;
import static io.github.sourcegrad.ArrayMath.requireRectangular;
import static io.github.sourcegrad.ArrayMath.requireSameShape;
import static io.github.sourcegrad.ArrayMath.scale;
import static io.github.sourcegrad.ArrayMath.sigmoid;
import static io.github.sourcegrad.ArrayMath.softmax;
import static io.github.sourcegrad.ArrayMath.softmaxBackward;
import static io.github.sourcegrad.ArrayMath.softplus;
import static io.github.sourcegrad.ArrayMath.square;
import static io.github.sourcegrad.ArrayMath.subtract;
import static io.github.sourcegrad.ArrayMath.subtractRow;
import static io.github.sourcegrad.ArrayMath.sum;
import static io.github.sourcegrad.ArrayMath.sumRows;
import static io.github.sourcegrad.ArrayMath.tanh;
import static io.github.sourcegrad.ArrayMath.timesTransposed;
import static io.github.sourcegrad.ArrayMath.transpose;
import static io.github.sourcegrad.ArrayMath.transposedTimes;
import static io.github.sourcegrad.ArrayMath.zerosLike;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests of {@link ArrayMath}. */
class ArrayMathTest {

    // ------------------------------------------------------------------------------------------------
    // Fixtures and naive references

    /** A ragged matrix: row 0 has length 3, row 2 has length 2. */
    static double[][] ragged() {
        return new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8}};
    }

    /** The message of the exception that {@code call} throws, which must be an IllegalArgumentException. */
    static String messageOf(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    /** A {@code rows×cols} matrix of small integers, so that products and sums are exact. */
    static double[][] integers(Random random, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = random.nextInt(11) - 5;
            }
        }
        return a;
    }

    /** A vector of small integers. */
    static double[] integers(Random random, int n) {
        return integers(random, 1, n)[0];
    }

    /** A {@code rows×cols} matrix of uniform numbers in [-1, 1). */
    static double[][] uniform(Random random, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = 2 * random.nextDouble() - 1;
            }
        }
        return a;
    }

    /** A vector of uniform numbers in [-1, 1). */
    static double[] uniform(Random random, int n) {
        return uniform(random, 1, n)[0];
    }

    /** The textbook product: for each {@code (i, j)}, the sum over {@code k} (j outside, k innermost). */
    static double[][] naiveMatmul(double[][] a, double[][] b, int n, int k, int m) {
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * b[p][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** The textbook transpose of an {@code n×m} matrix. */
    static double[][] naiveTranspose(double[][] a, int n, int m) {
        double[][] t = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** A column vector (an {@code n×1} matrix) holding {@code x}. */
    static double[][] column(double[] x) {
        double[][] c = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            c[i][0] = x[i];
        }
        return c;
    }

    /** The only column of an {@code n×1} matrix. */
    static double[] onlyColumn(double[][] c) {
        double[] x = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            assertEquals(1, c[i].length);
            x[i] = c[i][0];
        }
        return x;
    }

    /** Asserts that two matrices have the same number of rows and bit-identical rows. */
    static void assertMatrixEquals(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, "number of rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i);
        }
    }

    /** Asserts that two matrices have the same shape and agree within {@code tolerance}. */
    static void assertMatrixEquals(double[][] expected, double[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "number of rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tolerance, "row " + i);
        }
    }

    /** Asserts that {@code actual} is a matrix of {@code rows} rows of length {@code cols}. */
    static void assertShape(int rows, int cols, double[][] actual) {
        assertEquals(rows, actual.length, "number of rows");
        for (double[] row : actual) {
            assertEquals(cols, row.length, "row length");
        }
    }

    /** Asserts the same bits, so that -0.0 and NaN compare exactly. */
    static void assertSameBits(double expected, double actual) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "expected " + expected + " but was " + actual);
    }

    /** The central finite-difference gradient of {@code f} at {@code x}. */
    static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x) {
        double h = 1e-6;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            g[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
        }
        return g;
    }

    /** The central finite-difference gradient of {@code f} at the matrix {@code a}. */
    static double[][] numericGradient(ToDoubleFunction<double[][]> f, double[][] a) {
        double[][] g = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            int row = i;
            g[i] = numericGradient(r -> {
                double[][] b = copy(a);
                b[row] = r;
                return f.applyAsDouble(b);
            }, a[i]);
        }
        return g;
    }

    // ------------------------------------------------------------------------------------------------

    @Test
    void isAFinalUtilityClassOfStaticMethods() throws Exception {
        assertTrue(Modifier.isFinal(ArrayMath.class.getModifiers()));
        assertTrue(Modifier.isPublic(ArrayMath.class.getModifiers()));
        Constructor<?>[] constructors = ArrayMath.class.getDeclaredConstructors();
        assertEquals(1, constructors.length);
        assertTrue(Modifier.isPrivate(constructors[0].getModifiers()));
        for (Method method : ArrayMath.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers())) {
                assertTrue(Modifier.isStatic(method.getModifiers()), method::toString);
            }
        }
    }

    @Nested
    class Products {

        @Test
        void matmulOfTwoByThreeAndThreeByTwo() {
            double[][] a = {{1, 2, 3}, {4, 5, 6}};
            double[][] b = {{7, 8}, {9, 10}, {11, 12}};
            assertMatrixEquals(new double[][] {{58, 64}, {139, 154}}, matmul(a, b));
        }

        @Test
        void matmulOfOneByOne() {
            assertMatrixEquals(new double[][] {{-6}}, matmul(new double[][] {{2}}, new double[][] {{-3}}));
        }

        @Test
        void matmulOfRowAndColumnIsTheirDotProduct() {
            double[][] row = {{1, 2, 3}};
            double[][] col = {{4}, {5}, {6}};
            assertMatrixEquals(new double[][] {{32}}, matmul(row, col));
            assertMatrixEquals(new double[][] {{4, 8, 12}, {5, 10, 15}, {6, 12, 18}}, matmul(col, row));
        }

        @ParameterizedTest(name = "{0}x{1} times {1}x{2}")
        @CsvSource({"1,1,1", "1,5,1", "1,1,5", "5,1,1", "5,1,5", "1,4,3", "3,4,1", "3,4,5", "7,2,6", "6,9,2"})
        void matmulAgreesWithTheTextbookProduct(int n, int k, int m) {
            Random random = new Random(31L * n + 7L * k + m);
            double[][] a = integers(random, n, k);
            double[][] b = integers(random, k, m);
            double[][] expected = naiveMatmul(a, b, n, k, m);
            assertMatrixEquals(expected, matmul(a, b));

            double[] x = integers(random, k);
            assertArrayEquals(onlyColumn(naiveMatmul(a, column(x), n, k, 1)), matmul(a, x));

            double[] y = integers(random, n);
            assertArrayEquals(naiveMatmul(new double[][] {y}, a, 1, n, k)[0], matmul(y, a));
        }

        @Test
        void matmulOf256By256AgreesWithTheTextbookProduct() {
            Random random = new Random(256);
            int n = 256;
            double[][] a = uniform(random, n, n);
            double[][] b = uniform(random, n, n);
            double[][] expected = naiveMatmul(a, b, n, n, n);
            double[][] actual = matmul(a, b);
            assertShape(n, n, actual);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double scale = 0;
                    for (int p = 0; p < n; p++) {
                        scale += Math.abs(a[i][p] * b[p][j]);
                    }
                    double error = Math.abs(actual[i][j] - expected[i][j]);
                    assertTrue(error <= 1e-9 * scale,
                            "at (" + i + ", " + j + "): " + actual[i][j] + " vs " + expected[i][j]);
                }
            }
        }

        @Test
        void matrixTimesVector() {
            double[][] a = {{1, 2, 3}, {4, 5, 6}};
            assertArrayEquals(new double[] {-2, -2}, matmul(a, new double[] {1, 0, -1}));
        }

        @Test
        void rowVectorTimesMatrix() {
            double[][] a = {{1, 2, 3}, {4, 5, 6}};
            assertArrayEquals(new double[] {-7, -8, -9}, matmul(new double[] {1, -2}, a));
        }

        @Test
        void transposeSwapsRowsAndColumns() {
            double[][] a = {{1, 2, 3}, {4, 5, 6}};
            assertMatrixEquals(new double[][] {{1, 4}, {2, 5}, {3, 6}}, transpose(a));
            assertMatrixEquals(new double[][] {{1}, {2}, {3}}, transpose(new double[][] {{1, 2, 3}}));
            assertMatrixEquals(new double[][] {{1, 2, 3}}, transpose(new double[][] {{1}, {2}, {3}}));
            assertMatrixEquals(new double[][] {{7}}, transpose(new double[][] {{7}}));
        }

        @ParameterizedTest(name = "{0}x{1} and {1}x{2}")
        @CsvSource({"1,1,1", "1,4,1", "4,1,3", "3,4,5", "5,2,1"})
        void timesTransposedIsMatmulWithTheTranspose(int n, int k, int m) {
            Random random = new Random(1000L + 31L * n + 7L * k + m);
            double[][] a = integers(random, n, k);
            double[][] b = integers(random, m, k);
            assertMatrixEquals(matmul(a, transpose(b)), timesTransposed(a, b));
            assertMatrixEquals(naiveMatmul(a, naiveTranspose(b, m, k), n, k, m), timesTransposed(a, b));

            double[] x = integers(random, k);
            assertArrayEquals(matmul(b, x), timesTransposed(x, b));
            assertArrayEquals(matmul(new double[][] {x}, transpose(b))[0], timesTransposed(x, b));
        }

        @ParameterizedTest(name = "{0}x{1} and {0}x{2}")
        @CsvSource({"1,1,1", "1,4,1", "4,1,3", "3,4,5", "5,2,1"})
        void transposedTimesIsTheTransposeWithMatmul(int k, int n, int m) {
            Random random = new Random(2000L + 31L * n + 7L * k + m);
            double[][] a = integers(random, k, n);
            double[][] b = integers(random, k, m);
            assertMatrixEquals(matmul(transpose(a), b), transposedTimes(a, b));
            assertMatrixEquals(naiveMatmul(naiveTranspose(a, k, n), b, n, k, m), transposedTimes(a, b));

            double[] y = integers(random, k);
            assertArrayEquals(matmul(transpose(a), y), transposedTimes(a, y));
            assertArrayEquals(matmul(y, a), transposedTimes(a, y));
        }

        @Test
        void timesTransposedAndTransposedTimesOfFixedMatrices() {
            double[][] a = {{1, 2}, {3, 4}};
            double[][] b = {{5, 6}, {7, 8}, {9, 10}};
            assertMatrixEquals(new double[][] {{17, 23, 29}, {39, 53, 67}}, timesTransposed(a, b));
            assertArrayEquals(new double[] {17, 23, 29}, timesTransposed(new double[] {1, 2}, b));
            double[][] c = {{1, 0, 2}, {0, 1, -1}};
            assertMatrixEquals(new double[][] {{1, 3, -1}, {2, 4, 0}}, transposedTimes(a, c));
            assertArrayEquals(new double[] {-5, -6}, transposedTimes(a, new double[] {1, -2}));
        }

        @Test
        void outerProduct() {
            assertMatrixEquals(new double[][] {{3, 4}, {6, 8}, {-3, -4}}, outer(new double[] {1, 2, -1}, new double[] {3, 4}));
            assertMatrixEquals(new double[][] {{6}}, outer(new double[] {2}, new double[] {3}));
            double[] x = {1, 2, 3};
            double[] y = {4, 5};
            assertMatrixEquals(matmul(column(x), new double[][] {y}), outer(x, y));
        }

        /** The adjoints that the class Javadoc documents are the gradients of the products they belong to. */
        @Test
        void documentedAdjointsOfProductsAreTheirGradients() {
            Random random = new Random(5);
            double[][] x = uniform(random, 3, 4);
            double[][] w = uniform(random, 4, 2);
            double[][] dp = uniform(random, 3, 2);
            // P = X W: dX = dP Wᵀ, dW = Xᵀ dP
            assertMatrixEquals(numericGradient(xx -> dot(matmul(xx, w), dp), x), timesTransposed(dp, w), 1e-8);
            assertMatrixEquals(numericGradient(ww -> dot(matmul(x, ww), dp), w), transposedTimes(x, dp), 1e-8);

            double[][] a = uniform(random, 3, 4);
            double[] v = uniform(random, 4);
            double[] dy = uniform(random, 3);
            // y = A v: dA = dy vᵀ, dv = Aᵀ dy
            assertMatrixEquals(numericGradient(aa -> dot(matmul(aa, v), dy), a), outer(dy, v), 1e-8);
            assertArrayEquals(numericGradient(vv -> dot(matmul(a, vv), dy), v), transposedTimes(a, dy), 1e-8);

            double[] u = uniform(random, 3);
            double[] dz = uniform(random, 4);
            // z = uᵀ A: du = A dz, dA = u dzᵀ
            assertArrayEquals(numericGradient(uu -> dot(matmul(uu, a), dz), u), timesTransposed(dz, a), 1e-8);
            assertMatrixEquals(numericGradient(aa -> dot(matmul(u, aa), dz), a), outer(u, dz), 1e-8);
        }
    }

    @Nested
    class EmptyAndSmall {

        @Test
        void productsWithZeroRows() {
            double[][] none = new double[0][];
            double[][] b = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
            assertShape(0, 0, matmul(none, none));
            assertShape(0, 0, matmul(none, b));
            assertShape(3, 0, matmul(new double[3][0], none));
            assertEquals(0, matmul(none, new double[] {1, 2, 3}).length);
            assertEquals(0, matmul(new double[0], none).length);
            assertArrayEquals(new double[] {0, 0}, matmul(new double[2][0], new double[0]));
            assertShape(2, 0, timesTransposed(new double[][] {{1, 2}, {3, 4}}, none));
            assertShape(0, 0, timesTransposed(none, b));
            assertEquals(0, timesTransposed(new double[] {1, 2}, none).length);
            assertShape(0, 0, transposedTimes(none, none));
            assertEquals(0, transposedTimes(none, new double[0]).length);
            assertShape(0, 0, transposedTimes(new double[0][2], new double[0][2]));
            assertShape(0, 0, outer(new double[0], new double[] {1, 2}));
            assertShape(2, 0, outer(new double[] {1, 2}, new double[0]));
            assertShape(0, 0, transpose(none));
            assertShape(0, 0, transpose(new double[3][0]));
            assertShape(2, 0, matmul(new double[2][0], new double[0][3]));
        }

        @Test
        void reductionsOfEmptyArrays() {
            assertSameBits(0.0, sum(new double[0]));
            assertSameBits(0.0, sum(new double[0][]));
            assertSameBits(0.0, sum(new double[3][0]));
            assertSameBits(0.0, dot(new double[0], new double[0]));
            assertSameBits(0.0, dot(new double[0][], new double[0][]));
            assertSameBits(Double.NEGATIVE_INFINITY, logSumExp(new double[0]));
            assertEquals(0, softmax(new double[0]).length);
            assertShape(0, 0, softmax(new double[0][]));
            assertShape(2, 0, softmax(new double[2][0]));
            assertEquals(0, sumRows(new double[0][]).length);
            assertEquals(0, sumRows(new double[4][0]).length);
            assertEquals(0, softmaxBackward(new double[0], new double[0]).length);
        }

        @Test
        void elementWiseOperationsOfEmptyArrays() {
            double[] e = new double[0];
            for (Function<double[], double[]> f : vectorFunctions()) {
                assertEquals(0, f.apply(e).length);
            }
            double[][] none = new double[0][];
            double[][] threeEmptyRows = new double[3][0];
            for (Function<double[][], double[][]> f : matrixFunctions()) {
                assertShape(0, 0, f.apply(none));
                assertShape(3, 0, f.apply(threeEmptyRows));
            }
            assertShape(0, 0, addRow(none, new double[] {1, 2}));
            assertShape(0, 0, multiplyRow(none, new double[] {1, 2}));
            assertShape(0, 0, subtractRow(none, new double[] {1, 2}));
            assertShape(3, 0, addRow(threeEmptyRows, new double[0]));
            assertShape(0, 0, broadcastRows(new double[] {1, 2}, none));
            assertShape(3, 0, broadcastRows(new double[0], threeEmptyRows));
            addTo(e, new double[0]);
            addTo(none, new double[0][]);
            addTo(threeEmptyRows, new double[3][0]);
        }

        @Test
        void lengthOneVectors() {
            double[] five = {5};
            assertArrayEquals(new double[] {1}, softmax(five));
            assertSameBits(5, logSumExp(five));
            assertSameBits(5, sum(five));
            assertSameBits(10, dot(five, new double[] {2}));
            assertArrayEquals(new double[] {0}, softmaxBackward(softmax(five), new double[] {3}));
            assertArrayEquals(new double[] {10}, matmul(new double[][] {{2}}, five));
            assertArrayEquals(new double[] {10}, matmul(five, new double[][] {{2}}));
            assertArrayEquals(new double[] {10}, timesTransposed(five, new double[][] {{2}}));
            assertArrayEquals(new double[] {10}, transposedTimes(new double[][] {{2}}, five));
            assertArrayEquals(new double[] {25}, square(five));
            assertMatrixEquals(new double[][] {{5}, {5}}, broadcastRows(five, new double[][] {{0}, {0}}));
            assertArrayEquals(new double[] {8}, sumRows(new double[][] {{3}, {5}}));
        }
    }

    /** Every unary vector function (forward and backward), for checks that apply to all of them. */
    static List<Function<double[], double[]>> vectorFunctions() {
        return List.of(
            ArrayMath::square,
            ArrayMath::exp,
            ArrayMath::log,
            ArrayMath::tanh,
            ArrayMath::sigmoid,
            ArrayMath::relu,
            ArrayMath::softplus,
            ArrayMath::logSigmoid,
            a -> logAddExp(a, a),
            a -> add(a, 1),
            a -> add(1, a),
            a -> subtract(a, 1),
            a -> subtract(1, a),
            a -> max(a, 1),
            a -> scale(2, a),
            ArrayMath::negate,
            ArrayMath::softmax,
            ArrayMath::copy,
            a -> filled(a, 3),
            ArrayMath::onesLike,
            ArrayMath::zerosLike,
            ArrayMath::oneMinus,
            ArrayMath::oneMinusSquare,
            a -> add(a, a),
            a -> subtract(a, a),
            a -> multiply(a, a),
            a -> multiply(a, a, a),
            a -> divide(a, a),
            a -> maskGreater(a, 0, a),
            a -> softmaxBackward(a, a));
    }

    /** Every unary matrix function that keeps the shape, for checks that apply to all of them. */
    static List<Function<double[][], double[][]>> matrixFunctions() {
        return List.of(
            ArrayMath::square,
            ArrayMath::exp,
            ArrayMath::log,
            ArrayMath::tanh,
            ArrayMath::sigmoid,
            ArrayMath::relu,
            ArrayMath::softplus,
            ArrayMath::logSigmoid,
            a -> logAddExp(a, a),
            a -> add(a, 1),
            a -> add(1, a),
            a -> subtract(a, 1),
            a -> subtract(1, a),
            a -> max(a, 1),
            a -> scale(2, a),
            ArrayMath::negate,
            ArrayMath::softmax,
            ArrayMath::copy,
            a -> filled(a, 3),
            ArrayMath::onesLike,
            ArrayMath::zerosLike,
            ArrayMath::oneMinus,
            ArrayMath::oneMinusSquare,
            a -> add(a, a),
            a -> subtract(a, a),
            a -> multiply(a, a),
            a -> multiply(a, a, a),
            a -> divide(a, a),
            a -> maskGreater(a, 0, a),
            a -> softmaxBackward(a, a));
    }

    @Nested
    class ElementWise {

        final double[] a = {1, -2, 3, 0.5};
        final double[] b = {4, 5, -6, 2};
        final double[][] m = {{1, -2}, {3, 0.5}};
        final double[][] n = {{4, 5}, {-6, 2}};

        @Test
        void arithmeticOfVectors() {
            assertArrayEquals(new double[] {5, 3, -3, 2.5}, add(a, b));
            assertArrayEquals(new double[] {-3, -7, 9, -1.5}, subtract(a, b));
            assertArrayEquals(new double[] {4, -10, -18, 1}, multiply(a, b));
            assertArrayEquals(new double[] {0.25, -0.4, -0.5, 0.25}, divide(a, b));
            assertArrayEquals(new double[] {4, 20, -54, 0.5}, multiply(a, a, b));
            assertArrayEquals(new double[] {2, -4, 6, 1}, scale(2, a));
            assertArrayEquals(new double[] {-1, 2, -3, -0.5}, negate(a));
        }

        @Test
        void arithmeticOfMatrices() {
            assertMatrixEquals(new double[][] {{5, 3}, {-3, 2.5}}, add(m, n));
            assertMatrixEquals(new double[][] {{-3, -7}, {9, -1.5}}, subtract(m, n));
            assertMatrixEquals(new double[][] {{4, -10}, {-18, 1}}, multiply(m, n));
            assertMatrixEquals(new double[][] {{0.25, -0.4}, {-0.5, 0.25}}, divide(m, n));
            assertMatrixEquals(new double[][] {{4, 20}, {-54, 0.5}}, multiply(m, m, n));
            assertMatrixEquals(new double[][] {{2, -4}, {6, 1}}, scale(2, m));
            assertMatrixEquals(new double[][] {{-1, 2}, {-3, -0.5}}, negate(m));
        }

        @Test
        void negateFlipsTheSignOfZero() {
            assertSameBits(-0.0, negate(new double[] {0.0})[0]);
            assertSameBits(0.0, negate(new double[][] {{-0.0}})[0][0]);
        }

        @Test
        void rowBroadcasts() {
            double[][] x = {{1, 2, 3}, {4, 5, 6}};
            double[] r = {10, 20, -1};
            assertMatrixEquals(new double[][] {{11, 22, 2}, {14, 25, 5}}, addRow(x, r));
            assertMatrixEquals(new double[][] {{-9, -18, 4}, {-6, -15, 7}}, subtractRow(x, r));
            assertMatrixEquals(new double[][] {{10, 40, -3}, {40, 100, -6}}, multiplyRow(x, r));
            assertMatrixEquals(new double[][] {{10, 20, -1}, {10, 20, -1}}, broadcastRows(r, x));
            assertMatrixEquals(add(x, broadcastRows(r, x)), addRow(x, r));
        }

        @Test
        void broadcastRowsHasFreshRows() {
            double[] r = {1, 2};
            double[][] c = broadcastRows(r, new double[3][2]);
            assertNotSame(c[0], c[1]);
            assertNotSame(c[1], c[2]);
            assertNotSame(r, c[0]);
        }

        /** Each element-wise function against its scalar definition, for vectors and for matrices. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("scalarDefinitions")
        void functionsAgreeWithTheirScalarDefinitions(String name, Function<double[], double[]> vector,
                Function<double[][], double[][]> matrix, DoubleUnaryOperator scalar) {
            double[] xs = {-800, -30, -2.5, -1, -0.25, -0.0, 0.0, 1e-300, 0.25, 1, 2.5, 30, 800,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN};
            double[] expected = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                expected[i] = scalar.applyAsDouble(xs[i]);
            }
            assertArrayEquals(expected, vector.apply(xs));
            double[][] rows = {Arrays.copyOfRange(xs, 0, 8), Arrays.copyOfRange(xs, 8, 16)};
            assertMatrixEquals(new double[][] {Arrays.copyOfRange(expected, 0, 8), Arrays.copyOfRange(expected, 8, 16)},
                    matrix.apply(rows));
        }

        static Stream<Arguments> scalarDefinitions() {
            return Stream.of(
                    definition("square", ArrayMath::square, ArrayMath::square, x -> x * x),
                    definition("exp", ArrayMath::exp, ArrayMath::exp, Math::exp),
                    definition("log", ArrayMath::log, ArrayMath::log, Math::log),
                    definition("tanh", ArrayMath::tanh, ArrayMath::tanh, Kernels::tanh),  // within 3 ulp of Math.tanh: KernelsTest
                    definition("sigmoid", ArrayMath::sigmoid, ArrayMath::sigmoid,
                            x -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
                    definition("relu", ArrayMath::relu, ArrayMath::relu, x -> Math.max(x, 0.0)),
                    definition("softplus", ArrayMath::softplus, ArrayMath::softplus, SmoothMath::softplus),
                    definition("logSigmoid", ArrayMath::logSigmoid, ArrayMath::logSigmoid, SmoothMath::logSigmoid),
                    definition("logAddExp(a, 0.5 - a)", a -> logAddExp(a, subtract(0.5, a)), a -> logAddExp(a, subtract(0.5, a)),
                            x -> SmoothMath.logAddExp(x, 0.5 - x)),
                    definition("add(a, 1.5)", a -> add(a, 1.5), a -> add(a, 1.5), x -> x + 1.5),
                    definition("add(-2, a)", a -> add(-2, a), a -> add(-2, a), x -> -2 + x),
                    definition("subtract(a, 0.25)", a -> subtract(a, 0.25), a -> subtract(a, 0.25), x -> x - 0.25),
                    definition("subtract(1, a)", a -> subtract(1, a), a -> subtract(1, a), x -> 1 - x),
                    definition("max(a, 0.5)", a -> max(a, 0.5), a -> max(a, 0.5), x -> Math.max(x, 0.5)),
                    definition("max(a, -0.0)", a -> max(a, -0.0), a -> max(a, -0.0), x -> Math.max(x, -0.0)),
                    definition("scale(3, a)", a -> scale(3, a), a -> scale(3, a), x -> 3 * x),
                    definition("negate", ArrayMath::negate, ArrayMath::negate, x -> -x),
                    definition("oneMinus", ArrayMath::oneMinus, ArrayMath::oneMinus, x -> 1 - x),
                    definition("oneMinusSquare", ArrayMath::oneMinusSquare, ArrayMath::oneMinusSquare,
                            x -> 1 - x * x),
                    definition("copy", ArrayMath::copy, ArrayMath::copy, x -> x),
                    definition("filled(a, -2)", a -> filled(a, -2), a -> filled(a, -2), x -> -2),
                    definition("onesLike", ArrayMath::onesLike, ArrayMath::onesLike, x -> 1),
                    definition("zerosLike", ArrayMath::zerosLike, ArrayMath::zerosLike, x -> 0));
        }

        static Arguments definition(String name, Function<double[], double[]> vector,
                Function<double[][], double[][]> matrix, DoubleUnaryOperator scalar) {
            return Arguments.of(name, vector, matrix, scalar);
        }

        @Test
        void sigmoidIsStableAtTheExtremes() {
            double[] s = sigmoid(new double[] {-800, -40, 0, 40, 800});
            assertSameBits(0.0, s[0]);
            assertTrue(s[1] > 0 && s[1] < 1e-17, "sigmoid(-40) = " + s[1]);
            assertSameBits(0.5, s[2]);
            assertSameBits(1.0, s[3]);
            assertSameBits(1.0, s[4]);
            assertSameBits(0.0, sigmoid(new double[][] {{-800}})[0][0]);
            assertSameBits(1.0, sigmoid(new double[][] {{800}})[0][0]);
            assertEquals(1 / (1 + Math.exp(-1.5)), sigmoid(new double[] {1.5})[0], 1e-16);
            assertEquals(1 / (1 + Math.exp(1.5)), sigmoid(new double[] {-1.5})[0], 1e-16);
        }

        @Test
        void reluIsMathMaxWithZeroAtNegativeZeroAndNan() {
            double[] x = {-0.0, Double.NaN, -3, 2, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] r = relu(x);
            assertSameBits(0.0, r[0]);
            assertSameBits(Double.NaN, r[1]);
            assertSameBits(0.0, r[2]);
            assertSameBits(2.0, r[3]);
            for (int i = 0; i < x.length; i++) {
                assertSameBits(Math.max(x[i], 0), r[i]);
                assertSameBits(Math.max(x[i], 0), max(x, 0)[i]);
                assertSameBits(Math.max(x[i], 0), relu(new double[][] {x})[0][i]);
            }
        }

        @Test
        void smoothFunctionsAtZeroAndFarOut() {
            double ln2 = Math.log(2);
            assertArrayEquals(new double[] {ln2, 1000, 0, Math.exp(-50)}, softplus(new double[] {0, 1000, -1000, -50}));
            assertArrayEquals(new double[] {-ln2, 0, -1000}, logSigmoid(new double[] {0, 1000, -1000}));
            assertArrayEquals(new double[] {ln2, 1000 + ln2, 5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                    logAddExp(new double[] {0, 1000, 5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                            new double[] {0, 1000, -1000, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}));
            assertMatrixEquals(new double[][] {{1 + ln2}}, logAddExp(new double[][] {{1}}, new double[][] {{1}}));
            assertTrue(Double.isNaN(logAddExp(new double[] {Double.NaN}, new double[] {1})[0]));
            assertTrue(Double.isNaN(softplus(new double[] {Double.NaN})[0]));
        }

        @Test
        void logAddExpChecksShapes() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> logAddExp(new double[] {1, 2}, new double[] {1}));
            assertEquals("logAddExp: a has length 2 but b has length 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> logAddExp(new double[][] {{1, 2}}, new double[][] {{1}}));
            assertEquals("logAddExp: a is 1x2 but b is 1x1", e.getMessage());
        }

        @Test
        void arithmeticWithANumber() {
            double[] v = {1, -2, 0.5};
            assertArrayEquals(new double[] {2, -1, 1.5}, add(v, 1));
            assertArrayEquals(new double[] {2, -1, 1.5}, add(1, v));
            assertArrayEquals(new double[] {0, -3, -0.5}, subtract(v, 1));
            assertArrayEquals(new double[] {0, 3, 0.5}, subtract(1, v));
            double[][] m = {{1, -2}, {0.5, 4}};
            assertMatrixEquals(new double[][] {{2, -1}, {1.5, 5}}, add(m, 1));
            assertMatrixEquals(new double[][] {{2, -1}, {1.5, 5}}, add(1, m));
            assertMatrixEquals(new double[][] {{0, -3}, {-0.5, 3}}, subtract(m, 1));
            assertMatrixEquals(new double[][] {{0, 3}, {0.5, -3}}, subtract(1, m));
        }

        @Test
        void maxWithAConstant() {
            assertArrayEquals(new double[] {1, 1, 3}, max(new double[] {-5, 1, 3}, 1));
            assertMatrixEquals(new double[][] {{0, 2}, {0, 0}}, max(new double[][] {{-1, 2}, {0, -3}}, 0));
            assertTrue(Double.isNaN(max(new double[] {Double.NaN}, 0)[0]));
        }

        @Test
        void maskGreaterPassesTheAdjointWhereTheInputExceedsTheConstant() {
            double[] x = {-1, 0, 0.5, 2, Double.NaN};
            double[] d = {10, 20, 30, 40, 50};
            assertArrayEquals(new double[] {0, 0, 30, 40, 0}, maskGreater(x, 0, d));
            assertArrayEquals(new double[] {0, 0, 0, 40, 0}, maskGreater(x, 0.5, d));
            assertMatrixEquals(new double[][] {{0, 20}, {30, 0}},
                    maskGreater(new double[][] {{-1, 1}, {2, 0}}, 0, new double[][] {{10, 20}, {30, 40}}));
        }

        @Test
        void documentedAdjointsOfElementWiseFunctionsAreTheirDerivatives() {
            double[] x = {-1.5, -0.3, 0.2, 1.1};
            double[] d = {0.7, -1.3, 2.0, 0.4};
            double[] y = tanh(x);
            assertArrayEquals(numericGradient(xx -> dot(tanh(xx), d), x), multiply(d, oneMinusSquare(y)), 1e-8);
            double[] s = sigmoid(x);
            assertArrayEquals(numericGradient(xx -> dot(sigmoid(xx), d), x), multiply(d, s, oneMinus(s)), 1e-8);
            assertArrayEquals(numericGradient(xx -> dot(relu(xx), d), x), maskGreater(x, 0, d), 1e-8);
            assertArrayEquals(numericGradient(xx -> dot(max(xx, 0.5), d), x), maskGreater(x, 0.5, d), 1e-8);
            // the adjoints SourceGrad's rules use: softplus' = sigmoid, logSigmoid' = sigmoid(-x),
            // logAddExp's = sigmoid(a - b) and sigmoid(b - a)
            assertArrayEquals(numericGradient(xx -> dot(softplus(xx), d), x), multiply(sigmoid(x), d), 1e-8);
            assertArrayEquals(numericGradient(xx -> dot(logSigmoid(xx), d), x), multiply(sigmoid(negate(x)), d), 1e-8);
            double[] b = {0.4, -0.3, 2.0, -1.0};
            assertArrayEquals(numericGradient(xx -> dot(logAddExp(xx, b), d), x), multiply(sigmoid(subtract(x, b)), d), 1e-8);
            assertArrayEquals(numericGradient(bb -> dot(logAddExp(x, bb), d), b), multiply(sigmoid(subtract(b, x)), d), 1e-8);
            assertEquals(numericGradient(c -> dot(add(x, c[0]), d), new double[] {0.3})[0], sum(d), 1e-8);
            assertEquals(numericGradient(c -> dot(subtract(c[0], x), d), new double[] {0.3})[0], sum(d), 1e-8);
            assertArrayEquals(numericGradient(xx -> dot(subtract(0.3, xx), d), x), negate(d), 1e-8);
            assertArrayEquals(numericGradient(xx -> logSumExp(xx), x), softmax(x), 1e-8);
            double[][] m = {{1, 2, 3}, {4, 5, 6}};
            double[] r = {0.5, -1, 2};
            assertArrayEquals(numericGradient(rr -> sum(addRow(m, rr)), r), sumRows(onesLike(m)), 1e-8);
            assertMatrixEquals(numericGradient(mm -> dot(sumRows(mm), r), m), broadcastRows(r, m), 1e-8);
        }
    }

    @Nested
    class Reductions {

        @Test
        void sums() {
            assertSameBits(2.5, sum(new double[] {1, -2, 3, 0.5}));
            assertSameBits(21, sum(new double[][] {{1, 2, 3}, {4, 5, 6}}));
            assertArrayEquals(new double[] {5, 7, 9}, sumRows(new double[][] {{1, 2, 3}, {4, 5, 6}}));
            assertArrayEquals(new double[] {1, 2, 3}, sumRows(new double[][] {{1, 2, 3}}));
            assertArrayEquals(new double[] {6}, sumRows(new double[][] {{1}, {2}, {3}}));
        }

        @Test
        void sumRowsIsOnesTimesTheMatrix() {
            double[][] a = integers(new Random(3), 5, 4);
            assertArrayEquals(matmul(new double[] {1, 1, 1, 1, 1}, a), sumRows(a));
        }

        @Test
        void dots() {
            assertSameBits(32, dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
            assertSameBits(70, dot(new double[][] {{1, 2}, {3, 4}}, new double[][] {{5, 6}, {7, 8}}));
            double[][] a = integers(new Random(4), 3, 5);
            assertSameBits(sum(multiply(a, a)), dot(a, a));
        }

        @Test
        void logSumExpAgreesWithTheNaiveFormulaOnModerateInputs() {
            double[] x = {-1, 0.5, 2, 3};
            double naive = Math.log(Math.exp(-1) + Math.exp(0.5) + Math.exp(2) + Math.exp(3));
            assertEquals(naive, logSumExp(x), 1e-14);
            assertEquals(Math.log(4), logSumExp(new double[] {0, Math.log(3)}), 1e-15);
        }

        @Test
        void logSumExpIsStableForHugeAndInfiniteInputs() {
            assertSameBits(1000 + Math.log(2), logSumExp(new double[] {1000, 1000}));
            assertEquals(1001 + Math.log1p(Math.exp(-1)), logSumExp(new double[] {1000, 1001}), 1e-12);
            assertEquals(-1000 + Math.log(2), logSumExp(new double[] {-1000, -1000}), 1e-12);
            assertSameBits(Double.NEGATIVE_INFINITY,
                    logSumExp(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
            assertSameBits(Double.POSITIVE_INFINITY, logSumExp(new double[] {1, Double.POSITIVE_INFINITY}));
            assertSameBits(3, logSumExp(new double[] {Double.NEGATIVE_INFINITY, 3}));
            assertTrue(Double.isNaN(logSumExp(new double[] {1, Double.NaN})));
        }

        @Test
        void softmaxOfFixedInputs() {
            double e = Math.E;
            assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e)}, softmax(new double[] {0, 1}), 1e-15);
            assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, softmax(new double[] {7, 7, 7, 7}));
            assertArrayEquals(new double[] {0, 1}, softmax(new double[] {Double.NEGATIVE_INFINITY, 0}));
        }

        @Test
        void softmaxIsStableForHugeInputs() {
            double e = Math.E;
            double[] s = softmax(new double[] {1000, 1001});
            assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e)}, s, 1e-15);
            assertEquals(1, s[0] + s[1], 1e-15);
            double[][] rows = softmax(new double[][] {{1000, 1001}, {-1000, -1001}, {1e300, -1e300}, {0, 0}});
            for (double[] row : rows) {
                double total = 0;
                for (double v : row) {
                    assertFalse(Double.isNaN(v));
                    total += v;
                }
                assertEquals(1, total, 1e-15);
            }
            assertArrayEquals(new double[] {1, 0}, rows[2]);
            assertArrayEquals(new double[] {0.5, 0.5}, rows[3]);
        }

        @Test
        void softmaxOfAMatrixIsTheSoftmaxOfEachRow() {
            double[][] a = uniform(new Random(6), 4, 5);
            double[][] s = softmax(a);
            assertShape(4, 5, s);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(softmax(a[i]), s[i]);
            }
        }

        @Test
        void softmaxIsExpOverItsSum() {
            double[] x = {-1, 0.5, 2, 3};
            double[] e = exp(x);
            assertArrayEquals(scale(1 / sum(e), e), softmax(x), 1e-15);
            assertEquals(0, sum(log(softmax(x))) - sum(x) + x.length * logSumExp(x), 1e-12);
        }
    }

    @Nested
    class Backward {

        @Test
        void softmaxBackwardIsTheVectorJacobianProduct() {
            Random random = new Random(7);
            for (int n = 1; n <= 6; n++) {
                double[] x = uniform(random, n);
                double[] ds = uniform(random, n);
                double[] expected = numericGradient(xx -> dot(softmax(xx), ds), x);
                assertArrayEquals(expected, softmaxBackward(softmax(x), ds), 1e-9, "n = " + n);
            }
        }

        @Test
        void softmaxBackwardOfFixedInputs() {
            double[] s = {0.25, 0.75};
            double[] ds = {1, 3};
            // s·ds = 2.5, s ⊙ (ds - 2.5) = {0.25 * -1.5, 0.75 * 0.5}
            assertArrayEquals(new double[] {-0.375, 0.375}, softmaxBackward(s, ds));
            assertArrayEquals(new double[] {0, 0}, softmaxBackward(s, new double[] {4, 4}));
        }

        @Test
        void rowWiseSoftmaxBackwardIsTheVectorJacobianProduct() {
            Random random = new Random(8);
            double[][] a = uniform(random, 3, 4);
            double[][] ds = uniform(random, 3, 4);
            double[][] expected = numericGradient(aa -> dot(softmax(aa), ds), a);
            assertMatrixEquals(expected, softmaxBackward(softmax(a), ds), 1e-9);
            double[][] s = softmax(a);
            double[][] actual = softmaxBackward(s, ds);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(softmaxBackward(s[i], ds[i]), actual[i]);
            }
        }

        @Test
        void filledOnesAndZerosHaveTheShapeOfTheirArgument() {
            double[][] like = {{1, 2, 3}, {4, 5, 6}};
            assertMatrixEquals(new double[][] {{-1.5, -1.5, -1.5}, {-1.5, -1.5, -1.5}}, filled(like, -1.5));
            assertMatrixEquals(new double[][] {{1, 1, 1}, {1, 1, 1}}, onesLike(like));
            assertMatrixEquals(new double[][] {{0, 0, 0}, {0, 0, 0}}, zerosLike(like));
            assertArrayEquals(new double[] {7, 7}, filled(new double[] {1, 2}, 7));
            assertArrayEquals(new double[] {1, 1}, onesLike(new double[] {1, 2}));
            assertArrayEquals(new double[] {0, 0}, zerosLike(new double[] {1, 2}));
            assertSameBits(-0.0, filled(new double[] {1}, -0.0)[0]);
            assertSameBits(-0.0, filled(new double[][] {{1}}, -0.0)[0][0]);
            assertShape(3, 0, onesLike(new double[3][0]));
        }

        @Test
        void oneMinusAndOneMinusSquare() {
            assertArrayEquals(new double[] {1, 0, 2, 0.5}, oneMinus(new double[] {0, 1, -1, 0.5}));
            assertArrayEquals(new double[] {1, 0, 0, 0.75}, oneMinusSquare(new double[] {0, 1, -1, 0.5}));
            assertMatrixEquals(new double[][] {{1, 0}, {2, 0.5}}, oneMinus(new double[][] {{0, 1}, {-1, 0.5}}));
            assertMatrixEquals(new double[][] {{1, 0}, {0, 0.75}}, oneMinusSquare(new double[][] {{0, 1}, {-1, 0.5}}));
        }

        @Test
        void addToAddsInPlace() {
            double[] t = {1, 2, 3};
            double[] s = {10, 20, 30};
            addTo(t, s);
            assertArrayEquals(new double[] {11, 22, 33}, t);
            assertArrayEquals(new double[] {10, 20, 30}, s);

            double[][] tm = {{1, 2}, {3, 4}};
            double[] row0 = tm[0];
            double[][] sm = {{10, 20}, {30, 40}};
            addTo(tm, sm);
            assertMatrixEquals(new double[][] {{11, 22}, {33, 44}}, tm);
            assertMatrixEquals(new double[][] {{10, 20}, {30, 40}}, sm);
            assertSame(row0, tm[0], "addTo keeps the target's rows");
        }

        @Test
        void addToALocationOfItself() {
            double[] t = {1, 2};
            addTo(t, t);
            assertArrayEquals(new double[] {2, 4}, t);
        }
    }

    @Nested
    class ShapeErrors {

        @ParameterizedTest(name = "{0}")
        @MethodSource("mismatches")
        void mismatchedShapesNameTheMethodAndBothShapes(String expected, Executable call) {
            assertEquals(expected, messageOf(call));
        }

        static Stream<Arguments> mismatches() {
            double[] v3 = {1, 2, 3};
            double[] v4 = {1, 2, 3, 4};
            double[][] m23 = new double[2][3];
            double[][] m32 = new double[3][2];
            double[][] m45 = new double[4][5];
            return Stream.of(
                    mismatch("matmul: a is 2x3 but b is 4x5 (a's columns must equal b's rows)", () -> matmul(m23, m45)),
                    mismatch("matmul: a is 2x3 but b is 0x0 (a's columns must equal b's rows)",
                            () -> matmul(m23, new double[0][])),
                    mismatch("matmul: a is 2x3 but x has length 4 (a's columns must equal x's length)",
                            () -> matmul(m23, v4)),
                    mismatch("matmul: x has length 3 but a is 2x3 (x's length must equal a's rows)",
                            () -> matmul(v3, m23)),
                    mismatch("timesTransposed: a is 2x3 but b is 3x2 (a's columns must equal b's columns)",
                            () -> timesTransposed(m23, m32)),
                    mismatch("timesTransposed: x has length 4 but b is 2x3 (x's length must equal b's columns)",
                            () -> timesTransposed(v4, m23)),
                    mismatch("transposedTimes: a is 2x3 but b is 3x2 (a's rows must equal b's rows)",
                            () -> transposedTimes(m23, m32)),
                    mismatch("transposedTimes: a is 2x3 but y has length 3 (a's rows must equal y's length)",
                            () -> transposedTimes(m23, v3)),
                    mismatch("addRow: a is 2x3 but r has length 4 (r's length must equal a's columns)",
                            () -> addRow(m23, v4)),
                    mismatch("subtractRow: a is 2x3 but r has length 4 (r's length must equal a's columns)",
                            () -> subtractRow(m23, v4)),
                    mismatch("multiplyRow: a is 2x3 but r has length 4 (r's length must equal a's columns)",
                            () -> multiplyRow(m23, v4)),
                    mismatch("broadcastRows: r has length 4 but like is 2x3 (r's length must equal like's columns)",
                            () -> broadcastRows(v4, m23)),
                    mismatch("add: a has length 3 but b has length 4", () -> add(v3, v4)),
                    mismatch("add: a is 2x3 but b is 3x2", () -> add(m23, m32)),
                    mismatch("add: a is 0x0 but b is 3x0", () -> add(new double[0][], new double[3][0])),
                    mismatch("subtract: a has length 4 but b has length 3", () -> subtract(v4, v3)),
                    mismatch("subtract: a is 2x3 but b is 3x2", () -> subtract(m23, m32)),
                    mismatch("multiply: a has length 3 but b has length 4", () -> multiply(v3, v4)),
                    mismatch("multiply: a is 2x3 but b is 3x2", () -> multiply(m23, m32)),
                    mismatch("multiply: a has length 3 but c has length 4", () -> multiply(v3, v3, v4)),
                    mismatch("multiply: a has length 3 but b has length 4", () -> multiply(v3, v4, v3)),
                    mismatch("multiply: a is 2x3 but c is 3x2", () -> multiply(m23, m23, m32)),
                    mismatch("divide: a has length 3 but b has length 4", () -> divide(v3, v4)),
                    mismatch("divide: a is 2x3 but b is 3x2", () -> divide(m23, m32)),
                    mismatch("dot: a has length 3 but b has length 4", () -> dot(v3, v4)),
                    mismatch("dot: a is 2x3 but b is 3x2", () -> dot(m23, m32)),
                    mismatch("maskGreater: a has length 3 but d has length 4", () -> maskGreater(v3, 0, v4)),
                    mismatch("maskGreater: a is 2x3 but d is 3x2", () -> maskGreater(m23, 0, m32)),
                    mismatch("softmaxBackward: s has length 3 but ds has length 4", () -> softmaxBackward(v3, v4)),
                    mismatch("softmaxBackward: s is 2x3 but ds is 3x2", () -> softmaxBackward(m23, m32)),
                    mismatch("addTo: target has length 3 but source has length 4", () -> addTo(v3, v4)),
                    mismatch("addTo: target is 2x3 but source is 3x2", () -> addTo(m23, m32)));
        }

        static Arguments mismatch(String expected, Executable call) {
            return Arguments.of(expected, call);
        }

        @Test
        void addToLeavesTheTargetUnchangedOnAMismatch() {
            double[] t = {1, 2, 3};
            messageOf(() -> addTo(t, new double[] {1, 2}));
            assertArrayEquals(new double[] {1, 2, 3}, t);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("raggedArguments")
        void raggedMatricesAreRejected(String expected, Executable call) {
            assertEquals(expected, messageOf(call));
        }

        static Stream<Arguments> raggedArguments() {
            double[][] ok = new double[3][3];
            double[] v = new double[3];
            return Stream.of(
                    raggedCase("matmul: a", () -> matmul(ragged(), ok)),
                    raggedCase("matmul: b", () -> matmul(ok, ragged())),
                    raggedCase("matmul: b", () -> matmul(new double[0][], ragged())),
                    raggedCase("matmul: a", () -> matmul(ragged(), v)),
                    raggedCase("matmul: a", () -> matmul(v, ragged())),
                    raggedCase("transpose: a", () -> transpose(ragged())),
                    raggedCase("timesTransposed: a", () -> timesTransposed(ragged(), ok)),
                    raggedCase("timesTransposed: b", () -> timesTransposed(ok, ragged())),
                    raggedCase("timesTransposed: b", () -> timesTransposed(v, ragged())),
                    raggedCase("transposedTimes: a", () -> transposedTimes(ragged(), ok)),
                    raggedCase("transposedTimes: b", () -> transposedTimes(ok, ragged())),
                    raggedCase("transposedTimes: a", () -> transposedTimes(ragged(), v)),
                    raggedCase("add: a", () -> add(ragged(), ok)),
                    raggedCase("add: b", () -> add(ok, ragged())),
                    raggedCase("subtract: b", () -> subtract(ok, ragged())),
                    raggedCase("multiply: a", () -> multiply(ragged(), ok)),
                    raggedCase("multiply: c", () -> multiply(ok, ok, ragged())),
                    raggedCase("divide: b", () -> divide(ok, ragged())),
                    raggedCase("scale: a", () -> scale(2, ragged())),
                    raggedCase("negate: a", () -> negate(ragged())),
                    raggedCase("addRow: a", () -> addRow(ragged(), v)),
                    raggedCase("subtractRow: a", () -> subtractRow(ragged(), v)),
                    raggedCase("multiplyRow: a", () -> multiplyRow(ragged(), v)),
                    raggedCase("square: a", () -> square(ragged())),
                    raggedCase("exp: a", () -> exp(ragged())),
                    raggedCase("log: a", () -> log(ragged())),
                    raggedCase("tanh: a", () -> tanh(ragged())),
                    raggedCase("sigmoid: a", () -> sigmoid(ragged())),
                    raggedCase("relu: a", () -> relu(ragged())),
                    raggedCase("softplus: a", () -> softplus(ragged())),
                    raggedCase("logSigmoid: a", () -> logSigmoid(ragged())),
                    raggedCase("logAddExp: a", () -> logAddExp(ragged(), ok)),
                    raggedCase("logAddExp: b", () -> logAddExp(ok, ragged())),
                    raggedCase("add: a", () -> add(ragged(), 1)),
                    raggedCase("add: a", () -> add(1, ragged())),
                    raggedCase("subtract: a", () -> subtract(ragged(), 1)),
                    raggedCase("subtract: a", () -> subtract(1, ragged())),
                    raggedCase("max: a", () -> max(ragged(), 0)),
                    raggedCase("sum: a", () -> sum(ragged())),
                    raggedCase("sumRows: a", () -> sumRows(ragged())),
                    raggedCase("dot: a", () -> dot(ragged(), ok)),
                    raggedCase("dot: b", () -> dot(ok, ragged())),
                    raggedCase("softmax: a", () -> softmax(ragged())),
                    raggedCase("copy: a", () -> copy(ragged())),
                    raggedCase("filled: like", () -> filled(ragged(), 1)),
                    raggedCase("onesLike: like", () -> onesLike(ragged())),
                    raggedCase("zerosLike: like", () -> zerosLike(ragged())),
                    raggedCase("broadcastRows: like", () -> broadcastRows(v, ragged())),
                    raggedCase("maskGreater: a", () -> maskGreater(ragged(), 0, ok)),
                    raggedCase("maskGreater: d", () -> maskGreater(ok, 0, ragged())),
                    raggedCase("oneMinus: a", () -> oneMinus(ragged())),
                    raggedCase("oneMinusSquare: a", () -> oneMinusSquare(ragged())),
                    raggedCase("softmaxBackward: s", () -> softmaxBackward(ragged(), ok)),
                    raggedCase("softmaxBackward: ds", () -> softmaxBackward(ok, ragged())),
                    raggedCase("addTo: target", () -> addTo(ragged(), ok)),
                    raggedCase("addTo: source", () -> addTo(ok, ragged())),
                    raggedCase("W", () -> requireRectangular("W", ragged())),
                    raggedCase("gradW", () -> requireSameShape("gradW", ragged(), "W", ok)),
                    raggedCase("W", () -> requireSameShape("gradW", ok, "W", ragged())));
        }

        static Arguments raggedCase(String who, Executable call) {
            return Arguments.of(who + " is ragged: row 0 has length 3 but row 2 has length 2", call);
        }

        @Test
        void raggedDetectionNamesTheFirstRowThatDiffers() {
            double[][] a = {{1, 2}, {3, 4}, {5, 6}, {7}, {8, 9, 10}};
            assertEquals("sum: a is ragged: row 0 has length 2 but row 3 has length 1", messageOf(() -> sum(a)));
            double[][] b = {{}, {1}};
            assertEquals("W is ragged: row 0 has length 0 but row 1 has length 1",
                    messageOf(() -> requireRectangular("W", b)));
        }

        @Test
        void requireRectangularAcceptsRectangularMatrices() {
            assertDoesNotThrow(() -> requireRectangular("W", new double[0][]));
            assertDoesNotThrow(() -> requireRectangular("W", new double[3][0]));
            assertDoesNotThrow(() -> requireRectangular("W", new double[][] {{1, 2}, {3, 4}}));
            assertDoesNotThrow(() -> requireRectangular("W", new double[][] {{1}}));
        }

        @Test
        void requireSameShapeOfMatrices() {
            assertEquals("gradW must have the shape of W, 3x4, but is 3x5",
                    messageOf(() -> requireSameShape("gradW", new double[3][5], "W", new double[3][4])));
            assertEquals("gradW must have the shape of W, 3x4, but is 2x4",
                    messageOf(() -> requireSameShape("gradW", new double[2][4], "W", new double[3][4])));
            assertEquals("gradW must have the shape of W, 3x0, but is 0x0",
                    messageOf(() -> requireSameShape("gradW", new double[0][], "W", new double[3][0])));
            assertDoesNotThrow(() -> requireSameShape("gradW", new double[3][4], "W", new double[3][4]));
            assertDoesNotThrow(() -> requireSameShape("gradW", new double[0][], "W", new double[0][]));
        }

        @Test
        void requireSameShapeOfVectors() {
            assertEquals("gradX must have the length of x, 3, but has length 2",
                    messageOf(() -> requireSameShape("gradX", new double[2], "x", new double[3])));
            assertDoesNotThrow(() -> requireSameShape("gradX", new double[3], "x", new double[3]));
            assertDoesNotThrow(() -> requireSameShape("gradX", new double[0], "x", new double[0]));
        }

        @Test
        void nullArgumentsThrowNullPointerException() {
            assertThrows(NullPointerException.class, () -> matmul((double[][]) null, new double[1][1]));
            assertThrows(NullPointerException.class, () -> add(new double[1], null));
            assertThrows(NullPointerException.class, () -> sum(new double[][] {{1}, null}));
        }
    }

    /**
     * Every method except {@code addTo}: the inputs are unchanged, the result is a fresh array whose rows
     * are fresh too, even where the result equals an input.
     */
    @Nested
    class Freshness {

        /** A call of one method on fixed inputs. */
        @FunctionalInterface
        interface Call {
            Object run();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("calls")
        void leavesItsInputsUnchangedAndReturnsAFreshArray(String name, Call call, Object[] inputs) {
            Object[] before = new Object[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                before[i] = deepCopy(inputs[i]);
            }
            Object result = call.run();
            assertTrue(Arrays.deepEquals(before, inputs), "an input was modified");
            for (Object input : inputs) {
                assertNotSame(input, result);
                if (input instanceof double[][]) {
                    for (double[] row : (double[][]) input) {
                        assertNotSame(row, result);
                        if (result instanceof double[][]) {
                            for (double[] resultRow : (double[][]) result) {
                                assertNotSame(row, resultRow);
                            }
                        }
                    }
                } else if (result instanceof double[][]) {
                    for (double[] resultRow : (double[][]) result) {
                        assertNotSame(input, resultRow);
                    }
                }
            }
        }

        static Object deepCopy(Object o) {
            if (o instanceof double[]) {
                return ((double[]) o).clone();
            }
            if (o instanceof double[][]) {
                double[][] m = (double[][]) o;
                double[][] c = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    c[i] = m[i].clone();
                }
                return c;
            }
            return o;
        }

        static Arguments call(String name, Call call, Object input) {
            return Arguments.of(name, call, new Object[] {input});
        }

        static Arguments call(String name, Call call, Object input, Object other) {
            return Arguments.of(name, call, new Object[] {input, other});
        }

        static Stream<Arguments> calls() {
            double[] v = {1, -2, 3};
            double[] w = {0.5, 0, -1};
            double[] z = {0, 0, 0};
            double[] ones = {1, 1, 1};
            double[] one = {1};
            double[] empty = {};
            double[][] a = {{1, -2, 3}, {-4, 5, -6}};
            double[][] b = {{0.5, 0, -1}, {2, 2, 2}};
            double[][] zeros = new double[2][3];
            double[][] allOnes = {{1, 1, 1}, {1, 1, 1}};
            double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
            double[][] single = {{1, -2, 3}};
            double[][] unit = {{1}};
            double[][] none = {};
            return Stream.of(
                    call("matmul(M, M)", () -> matmul(a, identity), a, identity),
                    call("matmul(1x1, 1x1)", () -> matmul(unit, unit), unit),
                    call("matmul(0x0, M)", () -> matmul(none, identity), none, identity),
                    call("matmul(M, V)", () -> matmul(a, v), a, v),
                    call("matmul(1x1, V)", () -> matmul(unit, one), unit, one),
                    call("matmul(V, M)", () -> matmul(w, identity), w, identity),
                    call("matmul(V, 1x1)", () -> matmul(one, unit), one, unit),
                    call("matmul(empty, 0x0)", () -> matmul(empty, none), empty, none),
                    call("transpose", () -> transpose(a), a),
                    call("transpose(1x1)", () -> transpose(unit), unit),
                    call("transpose(0x0)", () -> transpose(none), none),
                    call("timesTransposed(M, M)", () -> timesTransposed(a, identity), a, identity),
                    call("timesTransposed(V, M)", () -> timesTransposed(v, identity), v, identity),
                    call("transposedTimes(M, M)", () -> transposedTimes(identity, identity), identity),
                    call("transposedTimes(M, V)", () -> transposedTimes(identity, v), identity, v),
                    call("transposedTimes(0x0, 0x0)", () -> transposedTimes(none, none), none),
                    call("outer", () -> outer(v, one), v, one),
                    call("add(V, zeros)", () -> add(v, z), v, z),
                    call("add(zeros, V)", () -> add(z, v), z, v),
                    call("add(M, zeros)", () -> add(a, zeros), a, zeros),
                    call("add(0x0, 0x0)", () -> add(none, none), none),
                    call("subtract(V, zeros)", () -> subtract(v, z), v, z),
                    call("subtract(M, zeros)", () -> subtract(a, zeros), a, zeros),
                    call("multiply(V, ones)", () -> multiply(v, ones), v, ones),
                    call("multiply(M, ones)", () -> multiply(a, allOnes), a, allOnes),
                    call("multiply(V, ones, ones)", () -> multiply(v, ones, ones), v, ones),
                    call("multiply(M, ones, ones)", () -> multiply(a, allOnes, allOnes), a, allOnes),
                    call("divide(V, ones)", () -> divide(v, ones), v, ones),
                    call("divide(M, ones)", () -> divide(a, allOnes), a, allOnes),
                    call("scale(1, V)", () -> scale(1, v), v),
                    call("scale(1, M)", () -> scale(1, a), a),
                    call("negate(V)", () -> negate(v), v),
                    call("negate(M)", () -> negate(a), a),
                    call("addRow", () -> addRow(a, z), a, z),
                    call("subtractRow", () -> subtractRow(a, z), a, z),
                    call("multiplyRow", () -> multiplyRow(a, ones), a, ones),
                    call("addRow(1xn)", () -> addRow(single, z), single, z),
                    call("square(V)", () -> square(ones), ones),
                    call("square(M)", () -> square(allOnes), allOnes),
                    call("exp(V)", () -> exp(z), z),
                    call("exp(M)", () -> exp(zeros), zeros),
                    call("log(V)", () -> log(ones), ones),
                    call("log(M)", () -> log(allOnes), allOnes),
                    call("tanh(V)", () -> tanh(z), z),
                    call("tanh(M)", () -> tanh(zeros), zeros),
                    call("sigmoid(V)", () -> sigmoid(v), v),
                    call("sigmoid(M)", () -> sigmoid(a), a),
                    call("relu(V)", () -> relu(ones), ones),
                    call("relu(M)", () -> relu(allOnes), allOnes),
                    call("softplus(V)", () -> softplus(v), v),
                    call("softplus(M)", () -> softplus(a), a),
                    call("logSigmoid(V)", () -> logSigmoid(v), v),
                    call("logSigmoid(M)", () -> logSigmoid(a), a),
                    call("logAddExp(V, V)", () -> logAddExp(v, w), v, w),
                    call("logAddExp(M, M)", () -> logAddExp(a, b), a, b),
                    call("add(V, c)", () -> add(v, 0), v),
                    call("add(c, M)", () -> add(0, a), a),
                    call("subtract(V, c)", () -> subtract(v, 0), v),
                    call("subtract(c, M)", () -> subtract(0, a), a),
                    call("max(V, c)", () -> max(ones, -1), ones),
                    call("max(M, c)", () -> max(allOnes, -1), allOnes),
                    call("sum(V)", () -> sum(v), v),
                    call("sum(M)", () -> sum(a), a),
                    call("sumRows", () -> sumRows(single), single),
                    call("dot(V, V)", () -> dot(v, w), v, w),
                    call("dot(M, M)", () -> dot(a, b), a, b),
                    call("logSumExp", () -> logSumExp(v), v),
                    call("softmax(V)", () -> softmax(v), v),
                    call("softmax(length 1)", () -> softmax(one), one),
                    call("softmax(empty)", () -> softmax(empty), empty),
                    call("softmax(M)", () -> softmax(a), a),
                    call("copy(V)", () -> copy(v), v),
                    call("copy(M)", () -> copy(a), a),
                    call("copy(empty)", () -> copy(empty), empty),
                    call("copy(0x0)", () -> copy(none), none),
                    call("broadcastRows", () -> broadcastRows(v, a), v, a),
                    call("filled(V)", () -> filled(v, 1), v),
                    call("filled(M)", () -> filled(a, 1), a),
                    call("onesLike(V)", () -> onesLike(ones), ones),
                    call("onesLike(M)", () -> onesLike(allOnes), allOnes),
                    call("zerosLike(V)", () -> zerosLike(z), z),
                    call("zerosLike(M)", () -> zerosLike(zeros), zeros),
                    call("maskGreater(V)", () -> maskGreater(ones, 0, v), ones, v),
                    call("maskGreater(M)", () -> maskGreater(allOnes, 0, a), allOnes, a),
                    call("oneMinus(V)", () -> oneMinus(z), z),
                    call("oneMinus(M)", () -> oneMinus(zeros), zeros),
                    call("oneMinusSquare(V)", () -> oneMinusSquare(z), z),
                    call("oneMinusSquare(M)", () -> oneMinusSquare(zeros), zeros),
                    call("softmaxBackward(V)", () -> softmaxBackward(softmax(v), w), v, w),
                    call("softmaxBackward(M)", () -> softmaxBackward(softmax(a), b), a, b),
                    call("requireRectangular", () -> {
                        requireRectangular("a", a);
                        return null;
                    }, a),
                    call("requireSameShape(V)", () -> {
                        requireSameShape("v", v, "w", w);
                        return null;
                    }, v, w),
                    call("requireSameShape(M)", () -> {
                        requireSameShape("a", a, "b", b);
                        return null;
                    }, a, b));
        }
    }

    @org.junit.jupiter.api.Test
    void copyIntoOverwritesTheTargetAndChecksShapes() {
        double[] v = {1, 2, 3};
        double[] vt = {9, 9, 9};
        ArrayMath.copyInto(v, vt);
        org.junit.jupiter.api.Assertions.assertArrayEquals(v, vt);
        double[][] m = {{1, 2}, {3, 4}};
        double[][] mt = new double[2][2];
        ArrayMath.copyInto(m, mt);
        org.junit.jupiter.api.Assertions.assertArrayEquals(m[1], mt[1]);
        org.junit.jupiter.api.Assertions.assertNotSame(m[1], mt[1]);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ArrayMath.copyInto(m, new double[2][3]));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("2x3"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ArrayMath.copyInto(v, new double[2]));
        double[][] filled = {{7, 7, 7}, {7, 7, 7}};
        ArrayMath.copyInto(new double[0][0], filled);   // the gradient of a minibatch of no rows
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[3], filled[1]);
        double[] row = {7, 7};
        ArrayMath.copyInto(new double[0], row);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[2], row);
    }

    @org.junit.jupiter.api.Test
    void clearZeroesInPlaceAndCopyIntoItselfIsNothing() {
        double[] v = {1, -2, 3};
        org.junit.jupiter.api.Assertions.assertSame(v, ArrayMath.clear(v));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[3], v);
        double[][] m = {{1, 2}, {3, 4}};
        org.junit.jupiter.api.Assertions.assertSame(m, ArrayMath.clear(m));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[2], m[1]);
        double[] w = {5, 6};
        ArrayMath.copyInto(w, w);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, 6}, w);
    }

    @org.junit.jupiter.api.Test
    void maskGreaterOrHalfSharesTies() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2, 1.5, 0},
                ArrayMath.maskGreaterOrHalf(new double[] {3, 1, -1}, 1, new double[] {2, 3, 4}));
        double[][] m = ArrayMath.maskGreaterOrHalf(new double[][] {{1, 2}}, 2, new double[][] {{5, 6}});
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 3}, m[0]);
    }

    @Test
    void copyOfAnIntArrayIsAFreshArrayWithTheSameElements() {
        int[] perm = {2, 0, 1};
        int[] c = ArrayMath.copy(perm);
        assertArrayEquals(perm, c);
        c[0] = 7;
        assertEquals(2, perm[0], "the copy does not share the original's elements");
        int[][] faces = {{0, 1, 2}, {2, 3}};
        int[][] d = ArrayMath.copy(faces);
        assertArrayEquals(faces, d);
        d[1][0] = 9;
        assertEquals(2, faces[1][0], "the copy does not share the original's rows");
    }
}
