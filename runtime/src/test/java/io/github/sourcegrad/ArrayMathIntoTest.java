package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The {@code Into} kernels of {@link ArrayMath}: the allocating forms' results bit for bit, shapes and aliasing checked. */
class ArrayMathIntoTest {
    private static final Random RANDOM = new Random(13);

    private static double[] v(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = RANDOM.nextGaussian() * 2;
        }
        return a;
    }

    private static double[][] m(int rows, int cols) {
        double[][] a = new double[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = v(cols);
        }
        return a;
    }

    /** An out array full of garbage (NaN), which the kernel must overwrite completely. */
    private static double[] dirty(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double[][] dirty(int rows, int cols) {
        double[][] a = new double[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = dirty(cols);
        }
        return a;
    }

    private static void same(double[] expected, double[] out, double[] returned) {
        assertSame(out, returned);
        assertArrayEquals(expected, out, 0.0);
    }

    private static void same(double[][] expected, double[][] out, double[][] returned) {
        assertSame(out, returned);
        assertEquals(expected.length, out.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], out[i], 0.0);
        }
    }

    private static String fails(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void productsEqualTheAllocatingForms() {
        double[][] a = m(3, 4);
        double[][] b = m(4, 5);
        double[] x = v(4);
        double[] y = v(3);
        double[][] out = dirty(3, 5);
        same(ArrayMath.matmul(a, b), out, ArrayMath.matmulInto(a, b, out));
        double[] ax = dirty(3);
        same(ArrayMath.matmul(a, x), ax, ArrayMath.matmulInto(a, x, ax));
        double[] ya = dirty(4);
        same(ArrayMath.matmul(y, a), ya, ArrayMath.matmulInto(y, a, ya));
        double[][] c = m(5, 4);
        double[][] abt = dirty(3, 5);
        same(ArrayMath.timesTransposed(a, c), abt, ArrayMath.timesTransposedInto(a, c, abt));
        double[] bx = dirty(3);
        same(ArrayMath.timesTransposed(x, a), bx, ArrayMath.timesTransposedInto(x, a, bx));
        double[][] d = m(3, 2);
        double[][] atd = dirty(4, 2);
        same(ArrayMath.transposedTimes(a, d), atd, ArrayMath.transposedTimesInto(a, d, atd));
        double[] aty = dirty(4);
        same(ArrayMath.transposedTimes(a, y), aty, ArrayMath.transposedTimesInto(a, y, aty));
        double[][] xy = dirty(4, 3);
        same(ArrayMath.outer(x, y), xy, ArrayMath.outerInto(x, y, xy));
        double[][] t = dirty(4, 3);
        same(ArrayMath.transpose(a), t, ArrayMath.transposeInto(a, t));
        double[] sums = dirty(4);
        same(ArrayMath.sumRows(a), sums, ArrayMath.sumRowsInto(a, sums));
        double[][] rows = dirty(3, 4);
        same(ArrayMath.broadcastRows(x, a), rows, ArrayMath.broadcastRowsInto(x, a, rows));
    }

    @Test
    void elementWiseOperationsEqualTheAllocatingForms() {
        double[] a = v(6);
        double[] b = v(6);
        double[] c = v(6);
        double[] p = ArrayMath.exp(v(6));
        double[][] am = m(3, 2);
        double[][] bm = m(3, 2);
        double[][] cm = m(3, 2);
        double[][] pm = ArrayMath.exp(m(3, 2));
        double[] r = v(2);
        check(ArrayMath::add, ArrayMath::addInto, a, b);
        check(ArrayMath::subtract, ArrayMath::subtractInto, a, b);
        check(ArrayMath::multiply, ArrayMath::multiplyInto, a, b);
        check(ArrayMath::divide, ArrayMath::divideInto, a, b);
        check(ArrayMath::logAddExp, ArrayMath::logAddExpInto, a, b);
        check(ArrayMath::softmaxBackward, ArrayMath::softmaxBackwardInto, ArrayMath.softmax(a), b);
        checkM(ArrayMath::add, ArrayMath::addInto, am, bm);
        checkM(ArrayMath::subtract, ArrayMath::subtractInto, am, bm);
        checkM(ArrayMath::multiply, ArrayMath::multiplyInto, am, bm);
        checkM(ArrayMath::divide, ArrayMath::divideInto, am, bm);
        checkM(ArrayMath::logAddExp, ArrayMath::logAddExpInto, am, bm);
        checkM(ArrayMath::softmaxBackward, ArrayMath::softmaxBackwardInto, ArrayMath.softmax(am), bm);
        same(ArrayMath.multiply(a, b, c), dirty(6), null, o -> ArrayMath.multiplyInto(a, b, c, o));
        sameM(ArrayMath.multiply(am, bm, cm), o -> ArrayMath.multiplyInto(am, bm, cm, o));
        same(ArrayMath.scale(1.5, a), dirty(6), null, o -> ArrayMath.scaleInto(1.5, a, o));
        sameM(ArrayMath.scale(1.5, am), o -> ArrayMath.scaleInto(1.5, am, o));
        same(ArrayMath.add(a, 2.0), dirty(6), null, o -> ArrayMath.addInto(a, 2.0, o));
        same(ArrayMath.add(2.0, a), dirty(6), null, o -> ArrayMath.addInto(2.0, a, o));
        same(ArrayMath.subtract(a, 2.0), dirty(6), null, o -> ArrayMath.subtractInto(a, 2.0, o));
        same(ArrayMath.subtract(2.0, a), dirty(6), null, o -> ArrayMath.subtractInto(2.0, a, o));
        same(ArrayMath.max(a, 0.5), dirty(6), null, o -> ArrayMath.maxInto(a, 0.5, o));
        sameM(ArrayMath.add(am, 2.0), o -> ArrayMath.addInto(am, 2.0, o));
        sameM(ArrayMath.add(2.0, am), o -> ArrayMath.addInto(2.0, am, o));
        sameM(ArrayMath.subtract(am, 2.0), o -> ArrayMath.subtractInto(am, 2.0, o));
        sameM(ArrayMath.subtract(2.0, am), o -> ArrayMath.subtractInto(2.0, am, o));
        sameM(ArrayMath.max(am, 0.5), o -> ArrayMath.maxInto(am, 0.5, o));
        sameM(ArrayMath.addRow(am, r), o -> ArrayMath.addRowInto(am, r, o));
        sameM(ArrayMath.subtractRow(am, r), o -> ArrayMath.subtractRowInto(am, r, o));
        sameM(ArrayMath.multiplyRow(am, r), o -> ArrayMath.multiplyRowInto(am, r, o));
        same(ArrayMath.maskGreater(a, 0.1, b), dirty(6), null, o -> ArrayMath.maskGreaterInto(a, 0.1, b, o));
        sameM(ArrayMath.maskGreater(am, 0.1, bm), o -> ArrayMath.maskGreaterInto(am, 0.1, bm, o));
        double[] tie = {1, 2, 3};
        same(ArrayMath.maskGreaterOrHalf(tie, 2, tie), dirty(3), null, o -> ArrayMath.maskGreaterOrHalfInto(tie, 2, tie, o));
        sameM(ArrayMath.maskGreaterOrHalf(am, 0.1, bm), o -> ArrayMath.maskGreaterOrHalfInto(am, 0.1, bm, o));
        same(ArrayMath.filled(a, 3.5), dirty(6), null, o -> ArrayMath.filledInto(a, 3.5, o));
        sameM(ArrayMath.filled(am, 3.5), o -> ArrayMath.filledInto(am, 3.5, o));
        same(ArrayMath.onesLike(a), dirty(6), null, o -> ArrayMath.onesLikeInto(a, o));
        sameM(ArrayMath.onesLike(am), o -> ArrayMath.onesLikeInto(am, o));
        same(ArrayMath.zerosLike(a), dirty(6), null, o -> ArrayMath.zerosLikeInto(a, o));
        sameM(ArrayMath.zerosLike(am), o -> ArrayMath.zerosLikeInto(am, o));
        same(ArrayMath.copy(a), dirty(6), null, o -> ArrayMath.copyInto(a, o));
        sameM(ArrayMath.copy(am), o -> ArrayMath.copyInto(am, o));
        unary(ArrayMath::negate, ArrayMath::negateInto, ArrayMath::negate, ArrayMath::negateInto, a, am);
        unary(ArrayMath::square, ArrayMath::squareInto, ArrayMath::square, ArrayMath::squareInto, a, am);
        unary(ArrayMath::exp, ArrayMath::expInto, ArrayMath::exp, ArrayMath::expInto, a, am);
        unary(ArrayMath::log, ArrayMath::logInto, ArrayMath::log, ArrayMath::logInto, p, pm);
        unary(ArrayMath::tanh, ArrayMath::tanhInto, ArrayMath::tanh, ArrayMath::tanhInto, a, am);
        unary(ArrayMath::sigmoid, ArrayMath::sigmoidInto, ArrayMath::sigmoid, ArrayMath::sigmoidInto, a, am);
        unary(ArrayMath::relu, ArrayMath::reluInto, ArrayMath::relu, ArrayMath::reluInto, a, am);
        unary(ArrayMath::softplus, ArrayMath::softplusInto, ArrayMath::softplus, ArrayMath::softplusInto, a, am);
        unary(ArrayMath::logSigmoid, ArrayMath::logSigmoidInto, ArrayMath::logSigmoid, ArrayMath::logSigmoidInto, a, am);
        unary(ArrayMath::softmax, ArrayMath::softmaxInto, ArrayMath::softmax, ArrayMath::softmaxInto, a, am);
        unary(ArrayMath::oneMinus, ArrayMath::oneMinusInto, ArrayMath::oneMinus, ArrayMath::oneMinusInto, a, am);
        unary(ArrayMath::oneMinusSquare, ArrayMath::oneMinusSquareInto, ArrayMath::oneMinusSquare,
                ArrayMath::oneMinusSquareInto, a, am);
    }

    private interface Into2 {
        double[] apply(double[] a, double[] b, double[] out);
    }

    private interface Into2M {
        double[][] apply(double[][] a, double[][] b, double[][] out);
    }

    private static void check(BiFunction<double[], double[], double[]> f, Into2 into, double[] a, double[] b) {
        double[] out = dirty(a.length);
        same(f.apply(a, b), out, into.apply(a, b, out));
        double[] inPlace = a.clone();                        // element-wise: out may be the first argument
        same(f.apply(a, b), inPlace, into.apply(inPlace, b, inPlace));
    }

    private static void checkM(BiFunction<double[][], double[][], double[][]> f, Into2M into, double[][] a, double[][] b) {
        double[][] out = dirty(a.length, a[0].length);
        same(f.apply(a, b), out, into.apply(a, b, out));
        double[][] inPlace = ArrayMath.copy(b);              // or the second
        same(f.apply(a, b), inPlace, into.apply(a, inPlace, inPlace));
    }

    private static void same(double[] expected, double[] out, Object unused, Function<double[], double[]> into) {
        same(expected, out, into.apply(out));
    }

    private static void sameM(double[][] expected, Function<double[][], double[][]> into) {
        double[][] out = dirty(expected.length, expected[0].length);
        same(expected, out, into.apply(out));
    }

    private static void unary(Function<double[], double[]> f, BiFunction<double[], double[], double[]> into,
            Function<double[][], double[][]> fm, BiFunction<double[][], double[][], double[][]> intoM, double[] a, double[][] am) {
        same(f.apply(a), dirty(a.length), null, o -> into.apply(a, o));
        double[] inPlace = a.clone();
        same(f.apply(a), inPlace, into.apply(inPlace, inPlace));
        sameM(fm.apply(am), o -> intoM.apply(am, o));
    }

    @Test
    void outOfAnotherShapeIsRejected() {
        double[][] a = m(3, 4);
        double[][] b = m(4, 5);
        assertEquals("matmulInto: out is 3x4 but the result is 3x5", fails(() -> ArrayMath.matmulInto(a, b, new double[3][4])));
        assertEquals("matmulInto: out is 2x5 but the result is 3x5", fails(() -> ArrayMath.matmulInto(a, b, new double[2][5])));
        assertEquals("matmulInto: out has length 4 but the result has length 3",
                fails(() -> ArrayMath.matmulInto(a, v(4), new double[4])));
        assertEquals("addInto: out has length 2 but the result has length 3",
                fails(() -> ArrayMath.addInto(v(3), v(3), new double[2])));
        assertEquals("tanhInto: out is 3x3 but the result is 3x4", fails(() -> ArrayMath.tanhInto(a, new double[3][3])));
        double[][] ragged = {new double[4], new double[4], new double[3]};
        assertTrue(fails(() -> ArrayMath.tanhInto(a, ragged)).contains("out is ragged"));
        assertEquals("sumRowsInto: out has length 3 but the result has length 4",
                fails(() -> ArrayMath.sumRowsInto(a, new double[3])));
        // the arguments' own checks stay those of the allocating forms
        assertEquals("matmulInto: a is 3x4 but b is 3x5 (a's columns must equal b's rows)",
                fails(() -> ArrayMath.matmulInto(a, m(3, 5), new double[3][5])));
        assertEquals("addInto: a has length 3 but b has length 2", fails(() -> ArrayMath.addInto(v(3), v(2), new double[3])));
    }

    @Test
    void productsRefuseToWriteIntoTheirArguments() {
        double[][] a = m(3, 3);
        double[][] b = m(3, 3);
        assertEquals("matmulInto: out must not be an argument of the product", fails(() -> ArrayMath.matmulInto(a, b, a)));
        assertEquals("timesTransposedInto: out must not be an argument of the product",
                fails(() -> ArrayMath.timesTransposedInto(a, b, b)));
        assertEquals("transposedTimesInto: out must not be an argument of the product",
                fails(() -> ArrayMath.transposedTimesInto(a, b, a)));
        double[] x = v(3);
        assertEquals("matmulInto: out must not be an argument of the product", fails(() -> ArrayMath.matmulInto(a, x, x)));
        assertTrue(fails(() -> ArrayMath.outerInto(x, v(3), new double[][] {new double[3], x, new double[3]}))
                .contains("shares a row"));
        assertTrue(fails(() -> ArrayMath.sumRowsInto(a, a[1])).contains("shares a row"));
        assertTrue(fails(() -> ArrayMath.addRowInto(a, a[2], a)).contains("shares a row"));
        assertEquals("transposeInto: out must not be an argument of the product", fails(() -> ArrayMath.transposeInto(a, a)));
    }

    @Test
    void zeroRowArgumentsGiveZerosOfTheOutShape() {
        double[][] none = new double[0][];
        double[] sums = {1, 2};
        same(new double[2], sums, ArrayMath.sumRowsInto(none, sums));
        double[][] atb = {{1, 2}, {3, 4}};
        same(new double[2][2], atb, ArrayMath.transposedTimesInto(none, none, atb));
        double[] aty = {5};
        same(new double[1], aty, ArrayMath.transposedTimesInto(none, new double[0], aty));
        assertEquals(0, ArrayMath.matmulInto(none, m(2, 3), new double[0][]).length);
        assertEquals(0, ArrayMath.columns(none));
        assertEquals(3, ArrayMath.columns(m(2, 3)));
    }
}
