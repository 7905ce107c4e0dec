package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code int[]} as data: class labels and indices passed as parameters, {@code static final int[]} tables, and local
 * {@code int[]} arrays (a permutation) that the method writes. An {@code int[]} has no adjoint and is never in wrt;
 * where the backward pass replays a loop iteration or branch that read an element a later write changed (a
 * permutation swapped in place), the write saves the old element on the tape and the backward pass restores it, as
 * for a {@code double[]}. Each gradient is checked in both forms against central differences
 * ({@link ArraysTest#check}), and against exact values where they are known.
 */
class IntArraysTest {

    private static final String CLS = "ia.Data";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package ia;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Data {
                static final int[] PARENT = {-1, 0, 1, 1};
                static final int[][] EDGES = {{0, 1}, {1, 2}, {2, 0}, {0, 3}};

                /** Mean softmax cross-entropy of the rows of logits against class labels. */
                @Differentiable(wrt = "logits")
                static double nll(double[][] logits, int[] labels) {
                    double loss = 0;
                    for (int i = 0; i < logits.length; i++) {
                        double z = 0;
                        for (double v : logits[i]) {
                            z += Math.exp(v);
                        }
                        loss += Math.log(z) - logits[i][labels[i]];
                    }
                    return loss / labels.length;
                }

                /** A determinant by elimination with partial pivoting that swaps a permutation in place. */
                @Differentiable
                static double luDet(double[][] m) {
                    int n = m.length;
                    double[][] a = new double[n][n];
                    int[] perm = new int[n];
                    for (int i = 0; i < n; i++) {
                        perm[i] = i;
                        for (int j = 0; j < n; j++) {
                            a[i][j] = m[i][j];
                        }
                    }
                    double det = 1;
                    for (int k = 0; k < n; k++) {
                        int p = k;
                        for (int i = k + 1; i < n; i++) {
                            if (Math.abs(a[perm[i]][k]) > Math.abs(a[perm[p]][k])) {
                                p = i;
                            }
                        }
                        if (p != k) {
                            int t = perm[p];
                            perm[p] = perm[k];
                            perm[k] = t;
                            det = -det;
                        }
                        double pivot = a[perm[k]][k];
                        det *= pivot;
                        for (int i = k + 1; i < n; i++) {
                            double factor = a[perm[i]][k] / pivot;
                            for (int j = k; j < n; j++) {
                                a[perm[i]][j] -= factor * a[perm[k]][j];
                            }
                        }
                    }
                    return det;
                }

                /** A gather with repeated indices: the adjoints of x[idx[i]] add up. */
                @Differentiable(wrt = {"x", "w"})
                static double gather(double[] x, int[] idx, double[] w) {
                    double s = 0;
                    for (int i = 0; i < idx.length; i++) {
                        s += w[i] * x[idx[i]] * x[idx[i]];
                    }
                    return s;
                }

                /** Parents from a static final int[]: each bone's angle adds to its parent's. */
                @Differentiable
                static double chain(double[] angle) {
                    double[] total = new double[PARENT.length];
                    double s = 0;
                    for (int b = 0; b < PARENT.length; b++) {
                        int p = PARENT[b];
                        total[b] = (p < 0 ? 0 : total[p]) + angle[b];
                        s += Math.cos(total[b]);
                    }
                    return s;
                }

                /** An initializer, ++ on an element, a compound write, .length and an enhanced for over an int[]. */
                @Differentiable
                static double counts(double[] x) {
                    int[] order = {2, 0, 1};
                    int[] hits = new int[x.length];
                    for (int k : order) {
                        hits[k]++;
                        hits[order[k]] += 2;
                    }
                    double s = 0;
                    for (int i = 0; i < hits.length; i++) {
                        s += hits[i] * x[i] * x[i] + (double) order[i % order.length] * x[i];
                    }
                    return s;
                }

                /**
                 * Indices rotated in place while a loop reads them: the backward pass needs the old idx[i] of each
                 * iteration (the value read is taped, or the element restored).
                 */
                @Differentiable
                static double rotate(double[] x) {
                    int n = x.length;
                    int[] idx = new int[n];
                    for (int i = 0; i < n; i++) {
                        idx[i] = i;
                    }
                    double s = 0;
                    for (int t = 0; t < 3; t++) {
                        for (int i = 0; i < n - 1; i++) {
                            int j = idx[i];
                            s += x[j] * Math.sin(x[idx[i + 1]]) * (t + 1);
                            idx[i] = idx[i + 1];
                            idx[i + 1] = j;
                        }
                    }
                    return s;
                }

                /** One loop that reads an index and then overwrites it: the iteration tapes the int it read. */
                @Differentiable
                static double shift(double[] x) {
                    int[] idx = {3, 1, 0, 2};
                    double s = 0;
                    for (int i = 0; i < 3; i++) {
                        int j = idx[i + 1];
                        s += Math.sin(x[j]) * x[i];
                        idx[i + 1] = idx[i];
                    }
                    return s;
                }

                @Differentiable(wrt = "x")
                static double pick(double[] x, int[] idx, int k) {
                    return x[idx[k]] * x[idx[k]];
                }

                /** Calls that pass an int[]: written inline here, a call to dpick in a loop below. */
                @Differentiable(wrt = "x")
                static double straight(double[] x, int[] idx) {
                    return pick(x, idx, 0) + 2 * pick(x, idx, 1);
                }

                @Differentiable(wrt = "x")
                static double looped(double[] x, int[] idx) {
                    double s = 0;
                    for (int k = 0; k < idx.length; k++) {
                        if (x[k] > 0) {
                            s += pick(x, idx, k) * (k + 1);
                        }
                    }
                    return s;
                }

                @Differentiable
                static double each(double[] x) {
                    int[] idx = {2, 0, 2};
                    double s = 0;
                    for (var i : idx) {
                        s += x[i] * x[i];
                    }
                    return s;
                }

                /** An int[] created in each iteration, and one written in a branch, read as indices after. */
                @Differentiable
                static double neighbours(double[] x) {
                    int n = x.length;
                    int[] swap = {0, 1};
                    if (x[0] > x[1]) {
                        swap[0] = 1;
                        swap[1] = 0;
                    }
                    double s = x[swap[0]] * Math.exp(x[swap[1]]);
                    for (int i = 0; i < n; i++) {
                        int[] nb = new int[2];
                        nb[0] = i;
                        nb[1] = (i + 1) % n;
                        s += x[nb[0]] * x[nb[1]];
                        nb[0] = nb[1];
                        s += Math.sin(x[nb[0]]);
                    }
                    return s;
                }

                /** Squared triangle areas of a mesh whose faces are an int[][] parameter (rows taken by a for-each). */
                @Differentiable(wrt = "v")
                static double areas(double[][] v, int[][] faces) {
                    double s = 0;
                    for (int[] f : faces) {
                        double ax = v[f[1]][0] - v[f[0]][0];
                        double ay = v[f[1]][1] - v[f[0]][1];
                        double bx = v[f[2]][0] - v[f[0]][0];
                        double by = v[f[2]][1] - v[f[0]][1];
                        double cross = ax * by - ay * bx;
                        s += cross * cross;
                    }
                    return s;
                }

                /** Edge lengths from a static final int[][], and pairs in a local int[][] that the method swaps. */
                @Differentiable
                static double springs(double[] x) {
                    double s = 0;
                    for (int e = 0; e < EDGES.length; e++) {
                        double d = x[EDGES[e][0]] - x[EDGES[e][1]];
                        s += d * d;
                    }
                    int[][] pairs = new int[2][2];
                    int[][] seed = {{3, 1}, {2, 0}};
                    for (int k = 0; k < 2; k++) {
                        pairs[k][0] = seed[k][0];
                        pairs[k][1] = seed[k][1];
                    }
                    for (int k = 0; k < 2; k++) {
                        s += x[pairs[k][0]] * Math.sin(x[pairs[k][1]]);
                        int t = pairs[k][0];
                        pairs[k][0] = pairs[k][1];
                        pairs[k][1] = t;
                        s += x[pairs[k][0]] * x[pairs[k][1]] * x[pairs[k][0]];
                    }
                    return s;
                }

                /** A copy of an int[] parameter, written in place, as the error for writing the parameter suggests. */
                @Differentiable(wrt = "x")
                static double copied(double[] x, int[] perm) {
                    int[] p = ArrayMath.copy(perm);
                    double s = 0;
                    for (int k = 0; k < p.length; k++) {
                        int t = p[k];
                        p[k] = p[p.length - 1 - k];
                        p[p.length - 1 - k] = t;
                        s += x[p[k]] * x[k] * (k + 1);
                    }
                    return s;
                }
            }
            """));

    private static final double[][] LOGITS = {{0.1, 0.5, -0.3}, {1.2, -0.7, 0.4}, {-0.2, 0.3, 0.9}};

    @Test
    void softmaxCrossEntropyWithIntLabelsHasTheGradientPMinusOneHot() {
        int[] labels = {1, 0, 2};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "nll", new int[] {0}, LOGITS, labels);
        double[][] d = g.matrix("dlogits");
        for (int i = 0; i < 3; i++) {
            double z = 0;
            for (double v : LOGITS[i]) {
                z += Math.exp(v);
            }
            for (int j = 0; j < 3; j++) {
                double exact = (Math.exp(LOGITS[i][j]) / z - (j == labels[i] ? 1 : 0)) / 3;
                assertEquals(exact, d[i][j], 1e-15, "dlogits[" + i + "][" + j + "]");
            }
        }
        assertArrayEquals(new int[] {1, 0, 2}, labels, "the labels are unchanged");
    }

    @Test
    void luWithAPermutationSwappedInPlaceMatchesTheDeterminantAndItsDifferences() {
        double[][] m = {{1.0, 2.0, 0.5, -1.0}, {3.0, -1.0, 2.0, 0.3}, {0.5, 4.0, 1.0, 2.0}, {-2.0, 0.7, 1.5, 0.2}};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "luDet", new int[] {0}, (Object) m);
        // d det / d m = det * inverse(m)^T, checked for the 3x3 case by cofactors
        double[][] small = {{2.0, -1.0, 0.5}, {0.3, 1.5, -2.0}, {4.0, 0.2, 1.0}};
        ArraysTest.Result s = ArraysTest.check(CODE, CLS, "luDet", new int[] {0}, (Object) small);
        double det = det3(small);
        assertEquals(det, s.scalar("value"), 1e-12);
        double[][] d = s.matrix("dm");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double[][] minor = new double[2][2];
                for (int r = 0, mr = 0; r < 3; r++) {
                    if (r == i) {
                        continue;
                    }
                    for (int c = 0, mc = 0; c < 3; c++) {
                        if (c != j) {
                            minor[mr][mc++] = small[r][c];
                        }
                    }
                    mr++;
                }
                double cofactor = ((i + j) % 2 == 0 ? 1 : -1) * (minor[0][0] * minor[1][1] - minor[0][1] * minor[1][0]);
                assertEquals(cofactor, d[i][j], 1e-12, "dm[" + i + "][" + j + "]");
            }
        }
        assertEquals(2, g.names().size(), "value and dm");
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    @Test
    void aGatherWithRepeatedIndicesAddsTheAdjoints() {
        double[] x = {0.5, -1.2, 2.0};
        int[] idx = {0, 2, 0, 0, 1};
        double[] w = {1.0, 0.5, 2.0, -0.7, 3.0};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "gather", new int[] {0, 2}, x, idx, w);
        double[] dx = g.vector("dx");
        assertEquals(2 * x[0] * (1.0 + 2.0 - 0.7), dx[0], 1e-14);
        assertEquals(2 * x[1] * 3.0, dx[1], 1e-14);
        assertEquals(2 * x[2] * 0.5, dx[2], 1e-14);
        double[] dw = g.vector("dw");
        for (int i = 0; i < idx.length; i++) {
            assertEquals(x[idx[i]] * x[idx[i]], dw[i], 1e-15, "dw[" + i + "]");
        }
    }

    @Test
    void parentsFromAStaticFinalIntArray() {
        double[] angle = {0.3, -0.4, 0.8, 0.1};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "chain", new int[] {0}, angle);
        // total = {a0, a0 + a1, a0 + a1 + a2, a0 + a1 + a3}; ds/da_b = -sum of sin(total) over b's descendants and b
        double t0 = angle[0];
        double t1 = t0 + angle[1];
        double t2 = t1 + angle[2];
        double t3 = t1 + angle[3];
        double[] exact = {-(Math.sin(t0) + Math.sin(t1) + Math.sin(t2) + Math.sin(t3)),
                -(Math.sin(t1) + Math.sin(t2) + Math.sin(t3)), -Math.sin(t2), -Math.sin(t3)};
        assertArrayEquals(exact, g.vector("dangle"), 1e-14);
    }

    @Test
    void intElementsCountedAndReadAsDoubles() {
        double[] x = {0.7, -1.1, 1.9};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "counts", new int[] {0}, x);
        // order = {2, 0, 1}: hits[2] gets 1 + 2 (order[2] = 1 -> hits[1] += 2)... computed as Java does
        int[] order = {2, 0, 1};
        int[] hits = new int[3];
        for (int k : order) {
            hits[k]++;
            hits[order[k]] += 2;
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(2 * hits[i] * x[i] + order[i], g.vector("dx")[i], 1e-14, "dx[" + i + "]");
        }
    }

    @Test
    void indicesRotatedInPlaceInsideTheLoopThatReadsThem() {
        ArraysTest.check(CODE, CLS, "rotate", new int[] {0}, new double[] {0.4, -0.9, 1.3, 0.25});
        ArraysTest.check(CODE, CLS, "rotate", new int[] {0}, new double[] {1.1, 0.2});
    }

    @Test
    void anIndexReadThenOverwrittenByTheSameLoop() {
        double[] x = {0.4, -0.9, 1.3, 0.25};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "shift", new int[] {0}, x);
        // idx goes {3, 1, 0, 2} -> {3, 3, 0, 2} -> {3, 3, 3, 2}, j = 1, 0, 2: s = sin(x1) x0 + sin(x0) x1 + sin(x2) x2
        double[] exact = {Math.sin(x[1]) + Math.cos(x[0]) * x[1], Math.cos(x[1]) * x[0] + Math.sin(x[0]),
                Math.cos(x[2]) * x[2] + Math.sin(x[2]), 0};
        assertArrayEquals(exact, g.vector("dx"), 1e-14);
    }

    @Test
    void aCopiedIntParameterIsWrittenAndTheCallersArrayIsNot() {
        int[] perm = {2, 0, 3, 1};
        ArraysTest.check(CODE, CLS, "copied", new int[] {0}, new double[] {0.3, -0.8, 1.4, 0.6}, perm);
        assertArrayEquals(new int[] {2, 0, 3, 1}, perm);
    }

    @Test
    void helpersTakeIntArraysInlineAndAsCalls() {
        double[] x = {0.5, -1.5, 2.0};
        int[] idx = {2, 1, 2};
        // pick(x, idx, k) = x[idx[k]]^2
        assertArrayEquals(new double[] {0, 2 * 2 * x[1], 2 * x[2]},
                ArraysTest.check(CODE, CLS, "straight", new int[] {0}, x, idx).vector("dx"), 1e-14);
        // k = 0 and k = 2 pass the test x[k] > 0: x[2]^2 * 1 + x[2]^2 * 3
        assertArrayEquals(new double[] {0, 0, 2 * x[2] * 4},
                ArraysTest.check(CODE, CLS, "looped", new int[] {0}, x, idx).vector("dx"), 1e-14);
        assertArrayEquals(new double[] {2 * x[0], 0, 4 * x[2]},
                ArraysTest.check(CODE, CLS, "each", new int[] {0}, x).vector("dx"), 1e-14);
    }

    @Test
    void intArraysCreatedPerIterationAndWrittenInABranch() {
        ArraysTest.check(CODE, CLS, "neighbours", new int[] {0}, new double[] {0.3, -0.8, 1.4, 0.6});
        ArraysTest.check(CODE, CLS, "neighbours", new int[] {0}, new double[] {-0.3, 0.8, 1.4});
    }

    @Test
    void intMatricesAsParametersFieldsAndLocals() {
        double[][] v = {{0, 0}, {1, 0.2}, {0.3, 1.1}, {1.4, 1.2}};
        int[][] faces = {{0, 1, 2}, {1, 3, 2}};
        ArraysTest.Result g = ArraysTest.check(CODE, CLS, "areas", new int[] {0}, v, faces);
        // vertex 0 is only in the first face: d cross^2 / d v0 = 2 cross * (v1y - v2y, v2x - v1x)
        double cross = (v[1][0] - v[0][0]) * (v[2][1] - v[0][1]) - (v[1][1] - v[0][1]) * (v[2][0] - v[0][0]);
        assertEquals(2 * cross * (v[1][1] - v[2][1]), g.matrix("dv")[0][0], 1e-14);
        assertEquals(2 * cross * (v[2][0] - v[1][0]), g.matrix("dv")[0][1], 1e-14);
        assertArrayEquals(new int[][] {{0, 1, 2}, {1, 3, 2}}, faces);
        ArraysTest.check(CODE, CLS, "springs", new int[] {0}, new double[] {0.4, -0.9, 1.3, 0.25});
    }

    @Test
    void bothFormsRejectANullIntArray() throws Exception {
        Class<?> companion = CODE.get().companion(CLS);
        Method record = companion.getDeclaredMethod("dnll", double[][].class, int[].class);
        Method buffer = companion.getDeclaredMethod("dnll", double[][].class, int[].class, double[][].class);
        InvocationTargetException r = assertThrows(InvocationTargetException.class,
                () -> record.invoke(null, LOGITS, null));
        assertEquals("labels", r.getCause().getMessage());
        InvocationTargetException b = assertThrows(InvocationTargetException.class,
                () -> buffer.invoke(null, LOGITS, null, new double[3][3]));
        assertEquals(NullPointerException.class, b.getCause().getClass());
        assertEquals("labels", b.getCause().getMessage());
    }

    // ------------------------------------------------------------------ errors

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("@Differentiable(wrt = {\"x\", \"labels\"})", "labels[0] = 1;",
                        "wrt names 'labels', an int[] parameter; only double, double[] and double[][] parameters can be "
                                + "differentiated (an int[] such as labels or indices is data)", 4),
                Arguments.of("@Differentiable", "labels[0] = 1;", "writing into the parameter 'labels' would change the "
                        + "caller's array, which SourceGrad does not support; make the method work on a copy with one line "
                        + "before the first write: labels = ArrayMath.copy(labels);", 6),
                Arguments.of("@Differentiable", "int[] c = new int[2]; c[0] += 0.5;", "an element of the int[] 'c' can "
                        + "only be assigned an int, but this is a double; cast it: (int) (...)", 6),
                Arguments.of("@Differentiable", "int[][] c = new int[2][];", "SourceGrad creates int[] and int[][] "
                        + "arrays with all their sizes: new int[n] or new int[n][m]", 6),
                Arguments.of("@Differentiable", "long[] c = new long[2];", "local variables of type 'long[]' are not "
                        + "supported; arrays must be double[], double[][], int[] or int[][]", 6),
                Arguments.of("@Differentiable", "int[][] c = {{1, 2}, {3}};", "the rows of an int[][] initializer must "
                        + "be {...} lists of one length (at least 1)", 6),
                Arguments.of("@Differentiable", "int[] c = labels; for (int i = 0; i < 2; i++) { c = new int[3]; }",
                        "the int[] variable 'c' cannot be reassigned inside a loop or branch; write into its elements, "
                                + "or declare another int[] there", 6),
                Arguments.of("@Differentiable", "double[] c = new double[2]; c[0] = labels;",
                        "an int[] array cannot be used in an element of a double[]; use its elements", 6));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void refusedAtTheLine(String annotation, String statement, String message, int line) {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Labels",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Labels {",
                "  " + annotation,
                "  static double f(double[] x, int[] labels) {",
                "    " + statement,
                "    return x[labels[0]];",
                "  }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all")
                .compile(source);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(line);
    }
}
