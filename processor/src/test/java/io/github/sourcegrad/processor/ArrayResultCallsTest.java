package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Calls that return an array and cannot be written inline, because the caller or the callee has loops, branches or
 * element writes (issue 12): they stay calls. The forward pass calls the user's method for the value; the backward
 * pass calls the callee's generated pullback with the result's adjoint, once that adjoint is complete, and adds the
 * pullback's components to the arguments' adjoints. Every gradient is checked in both forms against central
 * differences over every element ({@link ArraysTest#check}), and against exact values where they are easy.
 */
class ArrayResultCallsTest {

    private static final double EPS = 1e-12;

    private static final String CALLS = "ar.Calls";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CALLS, """
            package ar;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Calls {
                /** A pendulum y'' = -sin(y), integrated with RK4; the state is updated element by element. */
                @Differentiable
                static double[] rk4(double[] y0, double h, int steps) {
                    double[] y = ArrayMath.copy(y0);
                    for (int n = 0; n < steps; n++) {
                        double a = y[0];
                        double b = y[1];
                        double k1a = b;
                        double k1b = -Math.sin(a);
                        double k2a = b + 0.5 * h * k1b;
                        double k2b = -Math.sin(a + 0.5 * h * k1a);
                        double k3a = b + 0.5 * h * k2b;
                        double k3b = -Math.sin(a + 0.5 * h * k2a);
                        double k4a = b + h * k3b;
                        double k4b = -Math.sin(a + h * k3a);
                        y[0] = a + h / 6 * (k1a + 2 * k2a + 2 * k3a + k4a);
                        y[1] = b + h / 6 * (k1b + 2 * k2b + 2 * k3b + k4b);
                    }
                    return y;
                }

                /** The RK4 callee, called from a loss with a loop over its result. */
                @Differentiable
                static double loss(double[] y0, double h) {
                    double[] ys = rk4(y0, h, 8);
                    double s = 0;
                    for (int i = 0; i < ys.length; i++) {
                        s += ys[i] * ys[i];
                    }
                    return s;
                }

                /** A straight-line caller of the callee with a loop. */
                @Differentiable
                static double energy(double[] y0, double h) {
                    double[] y = rk4(y0, h, 5);
                    return 0.5 * y[1] * y[1] - Math.cos(y[0]);
                }

                /** A straight-line callee, called in a loop over the rows of a matrix. */
                @Differentiable
                static double[] softmax(double[] z) {
                    return ArrayMath.softmax(z);
                }

                @Differentiable
                static double nll(double[][] X, double[] w) {
                    double s = 0;
                    for (int i = 0; i < X.length; i++) {
                        double[] p = softmax(ArrayMath.multiply(X[i], w));
                        s -= Math.log(p[i % p.length]);
                    }
                    return s;
                }

                /** A matrix result, computed with loops. */
                @Differentiable
                static double[][] outer(double[] a, double[] b) {
                    double[][] m = new double[a.length][b.length];
                    for (int i = 0; i < a.length; i++) {
                        for (int j = 0; j < b.length; j++) {
                            m[i][j] = a[i] * b[j];
                        }
                    }
                    return m;
                }

                @Differentiable
                static double weightedOuter(double[] a, double[] b, double[][] W) {
                    double[][] m = outer(a, b);
                    double s = 0;
                    for (int i = 0; i < m.length; i++) {
                        for (int j = 0; j < m[i].length; j++) {
                            s += W[i][j] * m[i][j];
                        }
                    }
                    return s;
                }

                /** The same array passed twice, and a number whose partial the callee's wrt leaves out. */
                @Differentiable(wrt = "v")
                static double[] scaledSquares(double[] v, double c) {
                    double[] out = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        out[i] = c * v[i] * v[i];
                    }
                    return out;
                }

                @Differentiable
                static double throughScaled(double[] v, double c) {
                    double[] q = scaledSquares(v, c);
                    return ArrayMath.dot(q, v) + ArrayMath.sum(scaledSquares(v, c * c));
                }

                /** The callee returns its argument itself in one branch: the caller only reads it. */
                @Differentiable
                static double[] positiveOrSquared(double[] v) {
                    if (v[0] > 0) {
                        return v;
                    }
                    return ArrayMath.square(v);
                }

                @Differentiable
                static double readsAlias(double[] v) {
                    double[] p = positiveOrSquared(v);
                    double s = 0;
                    for (int i = 0; i < p.length; i++) {
                        s += p[i] * v[i];
                    }
                    return s;
                }

                /** The callee's result, which may be the argument itself, is the caller's result. */
                @Differentiable
                static double[] passesOn(double[] v, double k) {
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += k;
                    }
                    return positiveOrSquared(v);
                }

                /** The caller writes into a copy of the result. */
                @Differentiable
                static double writesCopy(double[] v) {
                    double[] p = rk4(v, 0.1, 3);
                    p = ArrayMath.copy(p);
                    p[0] = p[0] * p[1];
                    double s = 0;
                    for (int i = 0; i < p.length; i++) {
                        s += p[i];
                    }
                    return s;
                }

                @Differentiable
                static double[] step(double[] y, double h) {
                    double[] out = new double[y.length];
                    for (int i = 0; i < y.length; i++) {
                        out[i] = y[i] + h * Math.sin(y[i]);
                    }
                    return out;
                }

                /** The result replaces the argument in a loop: the array variable is taped, its adjoint carried. */
                @Differentiable
                static double iterate(double[] y0, double h, int n) {
                    double[] y = y0;
                    for (int k = 0; k < n; k++) {
                        y = step(y, h);
                    }
                    return ArrayMath.sum(y);
                }

                /** A call in each branch. */
                @Differentiable
                static double branch(double[] v, double h) {
                    double s = 0;
                    if (v[0] > 0) {
                        double[] w = step(v, h);
                        s = w[0] * w[1];
                    } else {
                        s = ArrayMath.sum(step(v, h * h));
                    }
                    return s;
                }

                /** Nested: c, b and a each return an array and have a loop; b calls c, a calls b. */
                @Differentiable
                static double[] c(double[] x) {
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = Math.sin(x[i]) + x[i];
                    }
                    return y;
                }

                @Differentiable
                static double[] b(double[] x, double k) {
                    double[] y = c(x);
                    double[] z = new double[y.length];
                    for (int i = 0; i < y.length; i++) {
                        z[i] = k * y[i] * y[i];
                    }
                    return z;
                }

                @Differentiable
                static double[] a(double[] x, double k) {
                    double[] z = b(x, k);
                    double[] out = new double[z.length];
                    double run = 0;
                    for (int i = 0; i < z.length; i++) {
                        run += z[i];
                        out[i] = Math.tanh(run);
                    }
                    return out;
                }

                @Differentiable
                static double top(double[] x, double k) {
                    return ArrayMath.sum(a(x, k));
                }
            }
            """));

    @Test
    void anRk4TrajectoryCalleeIsCalledFromALossWithALoop() {
        double[] y0 = {0.8, -0.3};
        double h = 0.15;
        ArraysTest.Result g = ArraysTest.check(CODE, CALLS, "loss", new int[] {0, 1}, y0, h);
        String source = CODE.get().generatedSource("ar.CallsGrad");
        assertTrue(source.contains("double[] ys = Calls.rk4(y0, h, 8);"), source);
        assertTrue(source.contains("Rk4Gradient ysLocal = CallsGrad.drk4(y0, h, 8, dys);"), source);
        assertTrue(source.contains("double[] dy0 = ysLocal.dy0();"), source);
        assertTrue(source.contains("runs the callee's forward pass again"), source);
        // exact: the loss is |y|^2, so the pullback with the upstream 2 y gives the gradient
        double[] y = rk4(y0, h, 8);
        ArraysTest.Result pullback = ArraysTest.record(CODE, CALLS, "rk4", y0, h, 8, new double[] {2 * y[0], 2 * y[1]});
        assertEquals(pullback.vector("dy0")[0], g.vector("dy0")[0], 0.0);
        assertEquals(pullback.vector("dy0")[1], g.vector("dy0")[1], 0.0);
        assertEquals(pullback.scalar("dh"), g.scalar("dh"), 0.0);
        assertEquals(y[0] * y[0] + y[1] * y[1], (double) g.get("value"), EPS);
    }

    @Test
    void aStraightLineCallerComposesThroughThePullback() {
        double[] y0 = {1.1, 0.4};
        double h = 0.2;
        ArraysTest.Result g = ArraysTest.check(CODE, CALLS, "energy", new int[] {0, 1}, y0, h);
        // the pendulum's energy is nearly conserved by RK4: its gradient with respect to y0 is nearly its own
        double[] dy0 = g.vector("dy0");
        assertEquals(Math.sin(y0[0]), dy0[0], 1e-3);
        assertEquals(y0[1], dy0[1], 1e-3);
        assertEquals(0, g.scalar("dh"), 1e-3);
    }

    @Test
    void aStraightLineSoftmaxCalleeIsCalledInsideALoop() {
        Random rnd = new Random(3);
        double[][] X = new double[4][3];
        double[] w = new double[3];
        for (int j = 0; j < 3; j++) {
            w[j] = rnd.nextGaussian();
            for (int i = 0; i < 4; i++) {
                X[i][j] = rnd.nextGaussian();
            }
        }
        ArraysTest.Result g = ArraysTest.check(CODE, CALLS, "nll", new int[] {0, 1}, X, w);
        // exact: d/dz of -log softmax(z)[l] is softmax(z) - e_l, and z = X[i] * w element-wise
        double[] dw = new double[3];
        for (int i = 0; i < 4; i++) {
            double[] z = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 3; j++) {
                z[j] = X[i][j] * w[j];
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                sum += Math.exp(z[j] - max);
            }
            for (int j = 0; j < 3; j++) {
                double dz = Math.exp(z[j] - max) / sum - (j == i % 3 ? 1 : 0);
                assertEquals(dz * w[j], g.matrix("dX")[i][j], EPS, "dX[" + i + "][" + j + "]");
                dw[j] += dz * X[i][j];
            }
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(dw[j], g.vector("dw")[j], EPS, "dw[" + j + "]");
        }
        String source = CODE.get().generatedSource("ar.CallsGrad");
        assertTrue(source.contains("SoftmaxGradient pLocal = CallsGrad.dsoftmax("), source);
    }

    @Test
    void aMatrixResultComputedWithLoops() {
        double[] a = {0.5, -1.5, 2};
        double[] b = {1.25, -0.75};
        double[][] W = {{1, 2}, {-0.5, 0.25}, {3, -1}};
        ArraysTest.Result g = ArraysTest.check(CODE, CALLS, "weightedOuter", new int[] {0, 1, 2}, a, b, W);
        // exact: s = a^T W b
        for (int i = 0; i < a.length; i++) {
            assertEquals(W[i][0] * b[0] + W[i][1] * b[1], g.vector("da")[i], EPS, "da[" + i + "]");
        }
        for (int j = 0; j < b.length; j++) {
            assertEquals(a[0] * W[0][j] + a[1] * W[1][j] + a[2] * W[2][j], g.vector("db")[j], EPS, "db[" + j + "]");
        }
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                assertEquals(a[i] * b[j], g.matrix("dW")[i][j], EPS, "dW[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void aCalleeWhoseWrtLeavesOutANumberGivesItsCallersThePullbackWithRespectToAll() {
        double[] v = {0.5, -1.25, 2};
        double c = 0.75;
        ArraysTest.Result g = ArraysTest.check(CODE, CALLS, "throughScaled", new int[] {0, 1}, v, c);
        // f = c sum v^3 + c^2 sum v^2: df/dv = 3 c v^2 + 2 c^2 v, df/dc = sum v^3 + 2 c sum v^2
        double cubes = 0;
        double squares = 0;
        for (int i = 0; i < v.length; i++) {
            assertEquals(3 * c * v[i] * v[i] + 2 * c * c * v[i], g.vector("dv")[i], EPS * 10, "dv[" + i + "]");
            cubes += v[i] * v[i] * v[i];
            squares += v[i] * v[i];
        }
        assertEquals(cubes + 2 * c * squares, g.scalar("dc"), EPS * 10);
        String source = CODE.get().generatedSource("ar.CallsGrad");
        assertTrue(source.contains("ScaledSquaresWrtAllGradient qLocal = CallsGrad.dscaledSquaresWrtAll(v, c, dq);"), source);
    }

    @Test
    void aCalleeThatReturnsItsArgumentIsOnlyRead() {
        ArraysTest.Result positive = ArraysTest.check(CODE, CALLS, "readsAlias", new int[] {0}, (Object) new double[] {0.5, -2, 1});
        double[] dv = positive.vector("dv");
        assertEquals(1.0, dv[0], EPS); // s = |v|^2: 2 v
        assertEquals(-4.0, dv[1], EPS);
        ArraysTest.Result negative = ArraysTest.check(CODE, CALLS, "readsAlias", new int[] {0}, (Object) new double[] {-0.5, -2, 1});
        assertEquals(3 * 0.25, negative.vector("dv")[0], EPS); // s = sum v^3: 3 v^2
        assertEquals(3 * 4.0, negative.vector("dv")[1], EPS);
    }

    @Test
    void aCallersResultThatIsTheArgumentItself() {
        ArraysTest.checkPullback(CODE, CALLS, "passesOn", new int[] {0, 1}, new double[] {1, -2, 0.5}, new double[] {-0.5, 2, 1}, 0.3);
        ArraysTest.checkPullback(CODE, CALLS, "passesOn", new int[] {0, 1}, new double[] {1, -2, 0.5}, new double[] {0.5, 2, 1}, 0.3);
        String source = CODE.get().generatedSource("ar.CallsGrad");
        assertTrue(source.contains("return new PassesOnGradient(copy(t4), dv, dk);"), source);
        assertTrue(source.contains("The value returned is a copy of the\n     * callee's result"), source);
    }

    @Test
    void theCallerWritesIntoACopyOfTheResult() {
        ArraysTest.check(CODE, CALLS, "writesCopy", new int[] {0}, (Object) new double[] {0.7, -0.2});
    }

    @Test
    void nestedCallsThatEachReturnAnArrayAndHaveALoop() {
        double[] x = {0.3, -0.8, 1.2, 0.05};
        double k = 0.6;
        ArraysTest.check(CODE, CALLS, "top", new int[] {0, 1}, x, k);
        ArraysTest.checkPullback(CODE, CALLS, "a", new int[] {0, 1}, new double[] {1, -2, 0.5, 3}, x, k);
        ArraysTest.checkPullback(CODE, CALLS, "b", new int[] {0, 1}, new double[] {0.25, 1, -1, 2}, x, k);
        String source = CODE.get().generatedSource("ar.CallsGrad");
        assertTrue(source.contains("double[] y = Calls.c(x);"), source);
        assertTrue(source.contains("double[] z = Calls.b(x, k);"), source);
        // exact, for b: z = k (sin x + x)^2
        ArraysTest.Result b = ArraysTest.record(CODE, CALLS, "b", x, k, new double[] {1, 1, 1, 1});
        for (int i = 0; i < x.length; i++) {
            double y = Math.sin(x[i]) + x[i];
            assertEquals(2 * k * y * (Math.cos(x[i]) + 1), b.vector("dx")[i], EPS, "dx[" + i + "]");
        }
    }

    /** The golden file's functions (src/test/resources/golden/Shooting.java), checked numerically. */
    @Test
    void theGoldenShootingLoss() throws java.io.IOException {
        String text = java.nio.file.Files.readString(java.nio.file.Paths.get("src/test/resources/golden/Shooting.java"));
        GeneratedCode.Once golden = GeneratedCode.once(source("golden.Shooting", text));
        double[] observed = {0.2, 0.25, 0.3, 0.33, 0.4, 0.42};
        ArraysTest.Result g = ArraysTest.check(golden, "golden.Shooting", "fit", new int[] {0, 1}, 1.5, 0.2, observed);
        // exact, through the pullback: the upstream of |ys - observed|^2 is 2 (ys - observed)
        double[] ys = (double[]) ArraysTest.record(golden, "golden.Shooting", "euler", 1.5, 0.2, 0.1, 5,
                new double[observed.length]).get("value");
        double[] upstream = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            upstream[i] = 2 * (ys[i] - observed[i]);
        }
        ArraysTest.Result pullback = ArraysTest.record(golden, "golden.Shooting", "euler", 1.5, 0.2, 0.1, 5, upstream);
        assertEquals(pullback.scalar("dr"), g.scalar("dr"), 0.0);
        assertEquals(pullback.scalar("dy0"), g.scalar("dy0"), 0.0);
    }

    @Test
    void aResultThatReplacesItsArgumentInALoopAndCallsInBranches() {
        double[] y0 = {0.4, -1.3, 2.2};
        ArraysTest.Result g = ArraysTest.check(CODE, CALLS, "iterate", new int[] {0, 1}, y0, 0.3, 4);
        ArraysTest.Result once = ArraysTest.check(CODE, CALLS, "iterate", new int[] {0, 1}, y0, 0.3, 1);
        for (int i = 0; i < y0.length; i++) {
            assertEquals(1 + 0.3 * Math.cos(y0[i]), once.vector("dy0")[i], EPS, "dy0[" + i + "]");
        }
        ArraysTest.Result none = ArraysTest.check(CODE, CALLS, "iterate", new int[] {0, 1}, y0, 0.3, 0);
        assertEquals(0.0, none.scalar("dh"), 0.0);
        assertTrue(g.scalar("dh") != 0);
        ArraysTest.check(CODE, CALLS, "branch", new int[] {0, 1}, new double[] {0.5, 1.5}, 0.2);
        ArraysTest.check(CODE, CALLS, "branch", new int[] {0, 1}, new double[] {-0.5, 1.5}, 0.7);
    }

    // ------------------------------------------------------------------ what stays an error

    @Test
    void writingIntoTheResultIsAnError() {
        JavaFileObject source = source("ar.Writes", """
                package ar;

                import io.github.sourcegrad.Differentiable;

                class Writes {
                    @Differentiable
                    static double[] squares(double[] v) {
                        double[] out = new double[v.length];
                        for (int i = 0; i < v.length; i++) {
                            out[i] = v[i] * v[i];
                        }
                        return out;
                    }

                    @Differentiable
                    static double f(double[] v) {
                        double[] q = squares(v);
                        q[0] = 2 * q[1];
                        return q[0] + q[1];
                    }
                }
                """);
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("writing into 'q', the array that squares returns, is not supported "
                + "(its gradient reads it again, and squares may return an array it shares); make it a copy with one line "
                + "before the first write: q = ArrayMath.copy(q);").inFile(source).onLine(18);
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
    }

    @Test
    void aPrivateCalleeThatReturnsAnArrayAndStaysACallIsAnError() {
        JavaFileObject source = source("ar.Hidden", """
                package ar;

                import io.github.sourcegrad.ArrayMath;
                import io.github.sourcegrad.Differentiable;

                class Hidden {
                    @Differentiable
                    private static double[] squares(double[] v) {
                        double[] out = new double[v.length];
                        for (int i = 0; i < v.length; i++) {
                            out[i] = v[i] * v[i];
                        }
                        return out;
                    }

                    @Differentiable
                    static double f(double[] v) {
                        return ArrayMath.sum(squares(v));
                    }
                }
                """);
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("this call of squares returns an array and stays a call (squares has "
                + "branches, loops or element writes), so the generated gradient calls squares itself for its value, and "
                + "squares is private; make it package-private").inFile(source).onLine(18);
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources);
    }

    /** The pendulum's RK4, as the test source writes it. */
    private static double[] rk4(double[] y0, double h, int steps) {
        double a = y0[0];
        double b = y0[1];
        for (int n = 0; n < steps; n++) {
            double k1a = b;
            double k1b = -Math.sin(a);
            double k2a = b + 0.5 * h * k1b;
            double k2b = -Math.sin(a + 0.5 * h * k1a);
            double k3a = b + 0.5 * h * k2b;
            double k3b = -Math.sin(a + 0.5 * h * k2a);
            double k4a = b + h * k3b;
            double k4b = -Math.sin(a + h * k3a);
            double na = a + h / 6 * (k1a + 2 * k2a + 2 * k3a + k4a);
            b = b + h / 6 * (k1b + 2 * k2b + 2 * k3b + k4b);
            a = na;
        }
        return new double[] {a, b};
    }
}
