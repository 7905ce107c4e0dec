package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sourcegrad.Tape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading an array element that the same loop nest overwrites, in any loop nest, branch, or loop with break or
 * continue: where the backward pass needs the old elements, each write saves the element it overwrites on the tape
 * and the backward pass restores it; where it does not (an in-place sum), nothing is taped. Each gradient is
 * checked in both forms against central differences ({@link ArraysTest#check}), and against exact values where
 * they are known.
 */
class OverwrittenElementsTest {

    private static final String CLS = "ow.InPlace";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package ow;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class InPlace {
                @Differentiable
                static double matvec(double[][] A, double[] x) {
                    double[] y = new double[A.length];
                    for (int i = 0; i < A.length; i++) {
                        for (int j = 0; j < x.length; j++) {
                            y[i] = y[i] + A[i][j] * x[j];
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < y.length; i++) {
                        s += y[i] * y[i];
                    }
                    return Math.log(1 + s);
                }

                @Differentiable
                static double matvecCompound(double[][] A, double[] x) {
                    double[] y = new double[A.length];
                    for (int i = 0; i < A.length; i++) {
                        for (int j = 0; j < x.length; j++) {
                            y[i] += A[i][j] * x[j];
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < y.length; i++) {
                        s += y[i] * y[i];
                    }
                    return Math.log(1 + s);
                }

                /** Horner's rule per row, in place: the derivative with respect to x needs the old y[i]. */
                @Differentiable
                static double horner(double[][] A, double[] x) {
                    double[] y = new double[A.length];
                    for (int i = 0; i < A.length; i++) {
                        for (int j = 0; j < x.length; j++) {
                            y[i] = y[i] * x[j] + A[i][j];
                        }
                    }
                    double s = 0;
                    for (double v : y) {
                        s += v * v;
                    }
                    return s;
                }

                @Differentiable
                static double rnn(double[][] x, double w) {
                    double[] h = new double[x[0].length];
                    for (int t = 0; t < x.length; t++) {
                        for (int i = 0; i < h.length; i++) {
                            h[i] = Math.tanh(h[i] * w + x[t][i]);
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < h.length; i++) {
                        s += h[i] * (i + 1);
                    }
                    return s;
                }

                /** The brief's branch: squares the positive elements in place. */
                @Differentiable
                static double squarePositive(double[] x, double[] w) {
                    double[] a = ArrayMath.copy(x);
                    for (int i = 0; i < a.length; i++) {
                        if (a[i] > 0) {
                            a[i] = a[i] * a[i];
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < a.length; i++) {
                        s += w[i] * a[i];
                    }
                    return s;
                }

                /** Reads in both branches of an if inside a nested loop. */
                @Differentiable
                static double branches(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    for (int t = 0; t < 3; t++) {
                        for (int i = 0; i < a.length; i++) {
                            if (a[i] > 0.5) {
                                a[i] = a[i] * a[i] * w;
                            } else {
                                a[i] = Math.sin(a[i]) + w * a[i];
                            }
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < a.length; i++) {
                        s += a[i];
                    }
                    return s;
                }

                /** break and continue in the inner loop, and a read of the array in the outer one. */
                @Differentiable
                static double jumps(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    double s = 0;
                    for (int t = 0; t < 4; t++) {
                        for (int i = 0; i < a.length; i++) {
                            if (a[i] > 3) {
                                break;
                            }
                            if (i % 2 == 1) {
                                continue;
                            }
                            a[i] = a[i] * w + Math.cos(a[i]);
                        }
                        s += a[t % a.length] * a[0];
                    }
                    return s + a[1];
                }

                /** A top-level loop with break: reads after the write, in the same loop. */
                @Differentiable
                static double growUntil(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    double s = 0;
                    for (int i = 0; i < a.length; i++) {
                        a[i] = a[i] * a[i] * w;
                        if (a[i] > 2) {
                            break;
                        }
                        s += a[i];
                    }
                    return s + a[0] * a[a.length - 1];
                }

                /** A top-level branch around a loop that updates the array in place. */
                @Differentiable
                static double guarded(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    if (w > 0) {
                        for (int i = 1; i < a.length; i++) {
                            a[i] = a[i - 1] * a[i] + w;
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < a.length; i++) {
                        s += a[i] * a[i];
                    }
                    return s;
                }

                /** A recurrence along a row, repeated: a matrix element read after its row was updated. */
                @Differentiable
                static double rows(double[][] m, double w) {
                    double[][] c = new double[m.length][m[0].length];
                    for (int i = 0; i < m.length; i++) {
                        for (int j = 0; j < m[0].length; j++) {
                            c[i][j] = m[i][j];
                        }
                    }
                    for (int k = 0; k < 2; k++) {
                        for (int i = 0; i < c.length; i++) {
                            for (int j = 1; j < m[0].length; j++) {
                                c[i][j] = c[i][j - 1] * Math.sin(c[i][j]) + w;
                            }
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < c.length; i++) {
                        for (int j = 0; j < m[0].length; j++) {
                            s += c[i][j];
                        }
                    }
                    return s;
                }

                /** A determinant by Gaussian elimination with partial pivoting (row swaps in a branch). */
                @Differentiable
                static double det(double[][] m) {
                    int n = m.length;
                    double[][] a = new double[n][n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            a[i][j] = m[i][j];
                        }
                    }
                    double d = 1;
                    for (int k = 0; k < n; k++) {
                        int p = k;
                        for (int i = k + 1; i < n; i++) {
                            if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                                p = i;
                            }
                        }
                        if (p != k) {
                            for (int j = 0; j < n; j++) {
                                double tmp = a[k][j];
                                a[k][j] = a[p][j];
                                a[p][j] = tmp;
                            }
                            d = -d;
                        }
                        d = d * a[k][k];
                        for (int i = k + 1; i < n; i++) {
                            double f = a[i][k] / a[k][k];
                            for (int j = k; j < n; j++) {
                                a[i][j] = a[i][j] - f * a[k][j];
                            }
                        }
                    }
                    return d;
                }

                /** GMM-style: sumQs and main are written in each iteration over the data and read in the next loops. */
                @Differentiable(wrt = {"alphas", "means", "qs"})
                static double gmm(double[][] x, double[] alphas, double[][] means, double[][] qs) {
                    int k = alphas.length;
                    int d = x[0].length;
                    double[] sumQs = new double[k];
                    double[] main = new double[k];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int c = 0; c < k; c++) {
                            sumQs[c] = 0;
                            double sq = 0;
                            for (int j = 0; j < d; j++) {
                                sumQs[c] += qs[c][j];
                                double z = Math.exp(qs[c][j]) * (x[i][j] - means[c][j]);
                                sq += z * z;
                            }
                            main[c] = alphas[c] + sumQs[c] - 0.5 * sq;
                        }
                        double mx = main[0];
                        for (int c = 1; c < k; c++) {
                            if (main[c] > mx) {
                                mx = main[c];
                            }
                        }
                        double se = 0;
                        for (int c = 0; c < k; c++) {
                            se += Math.exp(main[c] - mx);
                        }
                        total += Math.log(se) + mx;
                    }
                    return total;
                }

                /** An array created in each outer iteration and updated in place by two nested loops. */
                @Differentiable
                static double perSample(double[][] x, double w) {
                    double s = 0;
                    for (int n = 0; n < x.length; n++) {
                        double[] h = new double[x[n].length];
                        for (int t = 0; t < 3; t++) {
                            for (int i = 0; i < h.length; i++) {
                                h[i] = Math.tanh(w * h[i] + x[n][i]);
                            }
                        }
                        s += h[0] * h[h.length - 1];
                    }
                    return s;
                }

                /** A while loop whose trip count depends on the elements it overwrites. */
                @Differentiable
                static double halving(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    int steps = 0;
                    while (a[0] > 0.1 && steps < 50) {
                        for (int i = 0; i < a.length; i++) {
                            a[i] = a[i] * w * a[(i + 1) % a.length];
                        }
                        steps++;
                    }
                    return a[0] + a[a.length - 1];
                }

                /** The old elements only steer a branch: its derivatives do not read them, but its condition does. */
                @Differentiable
                static double signs(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    double s = 0;
                    for (int t = 0; t < 3; t++) {
                        for (int i = 0; i < a.length; i++) {
                            if (a[i] > 0) {
                                s += w * x[i];
                            } else {
                                s -= w;
                            }
                            a[i] = a[i] - 0.4;
                        }
                    }
                    return s;
                }

                /**
                 * b's old elements are saved (w's derivative reads them); a's are needed only because the backward
                 * pass writes b again, from a, when it replays an iteration.
                 */
                @Differentiable
                static double carry(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    double[] b = new double[x.length];
                    for (int t = 0; t < 3; t++) {
                        for (int i = 0; i < a.length; i++) {
                            for (int k = 0; k < 2; k++) {
                                b[i] = b[i] * w + a[i];
                            }
                            a[i] = a[i] + 1;
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < b.length; i++) {
                        s += b[i] * b[i];
                    }
                    return s;
                }

                /**
                 * Fuzz seed 20240611, program 167, shrunk: an early return inside a branch that writes a saved array;
                 * the backward pass runs the branch again, which assigns the method's result variable again.
                 */
                @Differentiable(wrt = "bias")
                static double earlyReturn(double[] bias, double w, double v) {
                    double[] sig = new double[1];
                    if (w < 5) {
                        if (w > 0) return w;
                        else sig[0] -= bias[0] + Math.max(0, sig[0]);
                        return sig[0] * v;
                    }
                    return v;
                }

                /** Fuzz seed 777, program 64, shrunk: a branch replayed for its writes holds a local of its own. */
                @Differentiable(wrt = "A")
                static double branchLocal(double[] A, double c) {
                    double acc = Math.PI * A[0];
                    double[][] r = new double[][] {{1, 0.5, acc}, {1.25, 0.5, 1.1}, {0.5, 0.5, 0.5}};
                    if (c > 1) {
                        acc = acc * r[0][1];
                    } else if (acc >= r[1][0]) {
                        r[0][1] -= 0.6 * acc;
                    } else {
                        final double v2;
                        if (c < -1) {
                            v2 = acc;
                        } else {
                            v2 = 2;
                        }
                    }
                    return acc + r[0][1] * r[0][1];
                }

                /**
                 * Fuzz seed 1207, program 983 (with -Dfuzz.staleReads=true), shrunk: the branch replayed for its saved
                 * writes holds an if whose variable is a local of a nested block; it must be declared in the replay too.
                 */
                @Differentiable(wrt = "dy")
                static double nestedBlockLocal(double dy, boolean flag, double[] xs) {
                    final var c = dy;
                    var tmp = xs;
                    if (flag) {
                    } else if (dy > -100) {
                        int it = 0;
                        double v3 = dy > 100 ? 0.5 : tmp[it];
                    } else {
                        double[][] f = new double[1][2];
                        f[0][1] += f[0][1];
                    }
                    return c * c;
                }

                /**
                 * Fuzz seed 4242, program 230, made differentiable: an if that ends the method with a loop in a branch
                 * (each branch would hold its own backward pass), one path returning a constant after writes.
                 */
                @Differentiable
                static double paths(double[] x, double w) {
                    double[] a = ArrayMath.copy(x);
                    if (w > 0) {
                        for (int t = 0; t < 2; t++) {
                            for (int i = 0; i < a.length; i++) {
                                a[i] = Math.sin(a[i]) * w;
                            }
                        }
                        return a[0] * a[1];
                    }
                    for (int i = 0; i < a.length; i++) {
                        a[i] = a[i] * a[i];
                    }
                    return 0.5;
                }

                /** Was a compile error ("reads 'v' inside a loop ... written in the same loop"). */
                @Differentiable
                static double formerlyRefused(double[] x, double y) {
                    double[] v = new double[x.length];
                    double s = 0;
                    for (int t = 0; t < 2; t++) {
                        for (int i = 0; i < x.length; i++) {
                            v[i] = x[i] * y * v[i] + y;
                            s += v[i];
                        }
                    }
                    return s;
                }

                /** Throws in the middle of the loop when bad is out of range, after elements were saved. */
                @Differentiable(wrt = "x")
                static double throwsMidLoop(double[] x, int bad) {
                    double[] a = ArrayMath.copy(x);
                    double s = 0;
                    for (int t = 0; t < 3; t++) {
                        for (int i = 0; i < a.length; i++) {
                            a[i] = Math.sin(a[i]) * 2;
                        }
                        s += a[t == 2 ? bad : 0];
                    }
                    return s;
                }
            }
            """));

    private static final Random RND = new Random(12);

    private static double[] vector(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RND.nextDouble() * 2 - 1;
        }
        return v;
    }

    private static double[][] matrix(int rows, int cols) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = vector(cols);
        }
        return m;
    }

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * (1 + Math.abs(expected)), what);
    }

    @Test
    void matrixVectorProductAccumulatedInPlaceTapesNothing() {
        double[][] A = matrix(3, 4);
        double[] x = vector(4);
        double[] y = new double[3];
        double s = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                y[i] += A[i][j] * x[j];
            }
            s += y[i] * y[i];
        }
        for (String method : new String[] {"matvec", "matvecCompound"}) {
            ArraysTest.Result g = ArraysTest.check(CODE, CLS, method, new int[] {0, 1}, A, x);
            // d log(1 + |Ax|^2) = 2 (Ax) x^T / (1 + s) and 2 A^T (Ax) / (1 + s)
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    near(2 * y[i] * x[j] / (1 + s), g.matrix("dA")[i][j], method + " dA[" + i + "][" + j + "]");
                }
            }
            for (int j = 0; j < 4; j++) {
                double e = 0;
                for (int i = 0; i < 3; i++) {
                    e += 2 * A[i][j] * y[i] / (1 + s);
                }
                near(e, g.vector("dx")[j], method + " dx[" + j + "]");
            }
        }
        String source = CODE.get().generatedSource(CLS + "Grad");
        String matvec = source.substring(source.indexOf("dmatvec("), source.indexOf("dmatvecCompound("));
        assertTrue(!matvec.contains("Tape.open()") && matvec.contains("y[i] = t10;"), "y[i] = y[i] + ... needs no tape:\n" + matvec);
    }

    @Test
    void inPlaceRecurrencesInNestedLoops() {
        ArraysTest.check(CODE, CLS, "horner", new int[] {0, 1}, matrix(3, 4), vector(4));
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "rnn", new int[] {0, 1}, matrix(4, 3), 0.8);
        // w = 0: h = tanh(x[last]) and dh/dx[last][i] = (1 - h^2) (i + 1); earlier steps do not reach the result
        double[][] x = matrix(3, 2);
        ArraysTest.Result zero = ArraysTest.check(CODE, CLS, "rnn", new int[] {0, 1}, x, 0.0);
        for (int i = 0; i < 2; i++) {
            double h = Math.tanh(x[2][i]);
            near((1 - h * h) * (i + 1), zero.matrix("dx")[2][i], "dx[2][" + i + "] at w = 0");
            near(0, zero.matrix("dx")[1][i], "dx[1][" + i + "] at w = 0");
        }
        assertTrue(Math.abs(g.scalar("dw")) > 0, "w reaches the result");
        ArraysTest.check(CODE, CLS, "rows", new int[] {0, 1}, matrix(3, 4), 0.3);
        ArraysTest.check(CODE, CLS, "perSample", new int[] {0, 1}, matrix(2, 3), 0.7);
        // v = y after the first pass and x y^2 + y after the second: s = 2y + x y^2 summed, ds/dx = y^2, ds/dy = 2 + 2 x y
        double[] xs = {0.4, -1.3, 2.2};
        ArraysTest.Result refused = ArraysTest.check(CODE, CLS, "formerlyRefused", new int[] {0, 1}, xs, 0.6);
        double dy = 0;
        for (int i = 0; i < 3; i++) {
            near(0.36, refused.vector("dx")[i], "dx[" + i + "]");
            dy += 2 + 2 * xs[i] * 0.6;
        }
        near(dy, refused.scalar("dy"), "dy");
        String source = CODE.get().generatedSource(CLS + "Grad");
        assertTrue(source.contains("tape.save(h, i);") && source.contains("tape.restore();")
                && source.contains("tape.undoWrites();") && source.contains("tape.save(c[i], j);"), source);
    }

    /** The golden file's functions (src/test/resources/golden/InPlace.java), checked numerically. */
    @Test
    void goldenInPlaceFunctions() throws java.io.IOException {
        String text = java.nio.file.Files.readString(java.nio.file.Paths.get("src/test/resources/golden/InPlace.java"));
        GeneratedCode.Once golden = GeneratedCode.once(source("golden.InPlace", text));
        ArraysTest.check(golden, "golden.InPlace", "matvec", new int[] {0, 1}, matrix(3, 2), vector(2));
        ArraysTest.check(golden, "golden.InPlace", "rnn", new int[] {0, 1}, matrix(3, 4), 0.9);
    }

    @Test
    void readsInBranches() {
        double[] x = {0.7, -0.4, 1.3, -1.1, 0.2};
        double[] w = vector(5);
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "squarePositive", new int[] {0, 1}, x, w);
        for (int i = 0; i < x.length; i++) {
            near(x[i] > 0 ? 2 * w[i] * x[i] : w[i], g.vector("dx")[i], "dx[" + i + "]");
            near(x[i] > 0 ? x[i] * x[i] : x[i], g.vector("dw")[i], "dw[" + i + "]");
        }
        ArraysTest.check(CODE, CLS, "branches", new int[] {0, 1}, new double[] {0.9, 0.1, -0.3, 0.6}, 0.8);
        ArraysTest.check(CODE, CLS, "guarded", new int[] {0, 1}, vector(4), 0.4);
        ArraysTest.check(CODE, CLS, "guarded", new int[] {0, 1}, vector(4), -0.4);
    }

    @Test
    void readsThatOnlySteerABranch() {
        double[] x = {0.1, 0.5, 0.9, -0.2};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "signs", new int[] {0, 1}, x, 1.5);
        // a[i] = x[i] - 0.4 t at step t: x[i] counts in the steps where that is positive
        int[] steps = {1, 2, 3, 0};
        double dw = 0;
        for (int i = 0; i < 4; i++) {
            near(1.5 * steps[i], g.vector("dx")[i], "dx[" + i + "]");
            dw += steps[i] * x[i] - (3 - steps[i]);
        }
        near(dw, g.scalar("dw"), "dw");
    }

    @Test
    void readsThatOnlyFeedAWriteTheBackwardPassReplays() {
        ArraysTest.check(CODE, CLS, "carry", new int[] {0, 1}, vector(3), 0.7);
        String source = CODE.get().generatedSource(CLS + "Grad");
        String carry = source.substring(source.indexOf("dcarry("));
        assertTrue(carry.contains("tape.save(a, i);") && carry.contains("tape.save(b, i);"), carry);
    }

    @Test
    void aBranchReplayedForItsWritesThatAssignsTheResultOfAnEarlyReturn() {
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "earlyReturn", new int[] {0}, new double[] {0.7}, -1.0, 3.0);
        near(-3.0, g.vector("dbias")[0], "d(-bias * v)/dbias");
        g = ArraysTest.check(CODE, CLS, "earlyReturn", new int[] {0}, new double[] {0.7}, 1.0, 3.0);
        near(0, g.vector("dbias")[0], "the early return does not read bias");
    }

    @Test
    void aBranchReplayedForItsWritesWithALocalOfItsOwn() {
        for (double c : new double[] {2, 0, -2}) {
            for (double a : new double[] {0.1, 0.9}) {
                ArraysTest.check(CODE, CLS, "branchLocal", new int[] {0}, new double[] {a}, c);
            }
        }
    }

    @Test
    void aReplayedBranchDeclaresTheLocalsOfItsNestedBlocks() {
        for (boolean flag : new boolean[] {true, false}) {
            for (double dy : new double[] {0.5, -200}) {
                ArraysTest.Result g = ArraysTest.check(CODE, CLS, "nestedBlockLocal", new int[] {0}, dy, flag,
                        new double[] {0.25});
                near(2 * dy, g.scalar("ddy"), "d(dy^2)/ddy");
            }
        }
    }

    @Test
    void pathsOfAnIfThatEndsTheMethod() {
        ArraysTest.check(CODE, CLS, "paths", new int[] {0, 1}, new double[] {0.4, -0.9, 1.3}, 1.2);
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "paths", new int[] {0, 1}, new double[] {0.4, -0.9, 1.3}, -1.2);
        near(0, g.scalar("dw"), "the constant path");
    }

    @Test
    void readsInLoopsWithBreakAndContinue() {
        ArraysTest.check(CODE, CLS, "jumps", new int[] {0, 1}, new double[] {0.5, 1.2, -0.7, 2.5, 0.3}, 1.7);
        ArraysTest.check(CODE, CLS, "jumps", new int[] {0, 1}, new double[] {0.5, 1.2, -0.7, 0.4, 0.3}, 0.6);
        ArraysTest.check(CODE, CLS, "growUntil", new int[] {0, 1}, new double[] {0.9, 1.1, 1.8, 0.2}, 1.1);
        ArraysTest.check(CODE, CLS, "growUntil", new int[] {0, 1}, new double[] {0.3, 0.4, 0.5, 0.2}, 1.1);
        ArraysTest.check(CODE, CLS, "halving", new int[] {0, 1}, new double[] {0.9, 0.8, 0.7}, 0.9);
    }

    @Test
    void determinantByEliminationWithPivoting() {
        double[][] m = {{0.2, 1.5, -0.3}, {2.1, 0.4, 0.9}, {-0.8, 0.6, 1.7}};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "det", new int[] {0}, (Object) m);
        // d det / dM = det(M) M^-T: the cofactor matrix
        double[][] cofactor = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r0 = i == 0 ? 1 : 0;
                int r1 = i == 2 ? 1 : 2;
                int c0 = j == 0 ? 1 : 0;
                int c1 = j == 2 ? 1 : 2;
                cofactor[i][j] = ((i + j) % 2 == 0 ? 1 : -1) * (m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]);
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                near(cofactor[i][j], g.matrix("dm")[i][j], "dm[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void mixtureModelObjective() {
        ArraysTest.check(CODE, CLS, "gmm", new int[] {1, 2, 3}, matrix(4, 3), vector(2), matrix(2, 3), matrix(2, 3));
    }

    @Test
    void theTapeIsBalancedAfterEveryCallAndAfterAThrowMidLoop() throws ReflectiveOperationException {
        Tape tape = Tape.local();
        ArraysTest.check(CODE, CLS, "rnn", new int[] {0, 1}, matrix(4, 3), 0.8);
        ArraysTest.check(CODE, CLS, "det", new int[] {0}, (Object) matrix(4, 4));
        ArraysTest.check(CODE, CLS, "jumps", new int[] {0, 1}, new double[] {0.5, 1.2, -0.7, 2.5, 0.3}, 1.7);
        assertTrue(tape.isEmpty(), "tape left " + tape.size());
        assertEquals(0, tape.openFrames());

        Class<?> companion = CODE.get().companion(CLS);
        Method record = companion.getDeclaredMethod("dthrowsMidLoop", double[].class, int.class);
        Method buffer = companion.getDeclaredMethod("dthrowsMidLoop", double[].class, int.class, double[].class);
        double[] x = {0.3, -0.2, 0.9};
        for (Method m : new Method[] {record, buffer}) {
            Object[] args = m == record ? new Object[] {x, 7} : new Object[] {x, 7, new double[3]};
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(null, args));
            assertTrue(e.getCause() instanceof ArrayIndexOutOfBoundsException, String.valueOf(e.getCause()));
            assertTrue(tape.isEmpty(), m + " left " + tape.size() + " entries on the tape");
            assertEquals(0, tape.openFrames(), m + " left a frame open");
        }
        ArraysTest.check(CODE, CLS, "throwsMidLoop", new int[] {0}, x, 2);
        assertTrue(tape.isEmpty(), "tape left " + tape.size());
        if (!CODE.get().generatedSource(CLS + "Grad").contains("tape.save(a, i);")) {
            fail("throwsMidLoop saves the elements it overwrites");
        }
    }
}
