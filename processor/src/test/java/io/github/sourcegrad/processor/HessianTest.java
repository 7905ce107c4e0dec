package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(hessian = true)}: {@code hvp<name>(args..., v, grad, hv)} and {@code hessian<name>(args..., h)},
 * checked against the slides' functions' exact second derivatives and against central differences of the gradient,
 * through branches, loops that overwrite, arrays and matrices.
 */
class HessianTest {

    private static final String CLS = "ht.Second";
    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(source(CLS, """
                package ht;

                import io.github.sourcegrad.ArrayMath;
                import io.github.sourcegrad.Differentiable;

                class Second {
                    /** The slides' f(x, y) = 1 / (y + e^-x). */
                    @Differentiable(hessian = true)
                    static double f(double x, double y) {
                        double a = Math.exp(-x);
                        double b = y + a;
                        return 1 / b;
                    }

                    /** The slides' log(3x^2 + 5xy). */
                    @Differentiable(hessian = true)
                    static double g(double x, double y) {
                        return Math.log(3 * x * x + 5 * x * y);
                    }

                    /** Branches in a loop, with data that is not differentiated. */
                    @Differentiable(hessian = true, wrt = {"w", "b"})
                    static double branchy(double[] w, double b, double[] xs) {
                        double s = b * b;
                        for (int i = 0; i < w.length; i++) {
                            double m = w[i] * xs[i] + b;
                            if (m > 0) {
                                s += m * m * m;
                            } else {
                                s += Math.sin(m) * w[i];
                            }
                        }
                        return s;
                    }

                    /** A loop that overwrites its state: Euler's method on the logistic equation. */
                    @Differentiable(hessian = true, wrt = {"r", "y0"})
                    static double euler(double r, double y0, double h, int steps) {
                        double y = y0;
                        for (int n = 0; n < steps; n++) {
                            y = y + h * r * y * (1 - y);
                        }
                        return y * y;
                    }

                    /** A matrix and a vector, with a local array written element by element. */
                    @Differentiable(hessian = true)
                    static double layer(double[][] W, double[] x, double c) {
                        double[] z = new double[W.length];
                        for (int i = 0; i < W.length; i++) {
                            double s = c;
                            for (int j = 0; j < x.length; j++) {
                                s += W[i][j] * x[j];
                            }
                            z[i] = Math.tanh(s);
                        }
                        double loss = 0;
                        for (int i = 0; i < z.length; i++) {
                            loss += z[i] * z[i] * Math.exp(-c * z[i]);
                        }
                        return loss;
                    }

                    /** Kinks have second derivative 0 where the first is constant: max, abs. */
                    @Differentiable(hessian = true)
                    static double kinks(double x, double y) {
                        return Math.max(x * y, 0) + Math.abs(x) * y + Math.hypot(x, y);
                    }

                    @Differentiable(hessian = true)
                    private static double hidden(double x, double y) {
                        return x * x * y;
                    }

                    /** A callee written inline. */
                    @Differentiable(hessian = true)
                    static double caller(double x, double y) {
                        return square(x * y) + Math.sin(square(x));
                    }

                    /** A two-layer network in ArrayMath: matmul, addRow, tanh, subtract, dot, logSumExp. */
                    @Differentiable(hessian = true, wrt = {"W1", "b1", "w2"})
                    static double mlp(double[][] X, double[] y, double[][] W1, double[] b1, double[] w2) {
                        double[][] h = ArrayMath.tanh(ArrayMath.addRow(ArrayMath.matmul(X, W1), b1));
                        double[] r = ArrayMath.subtract(ArrayMath.matmul(h, w2), y);
                        return 0.5 * ArrayMath.dot(r, r) + ArrayMath.logSumExp(w2);
                    }

                    /** Element-wise operations, a number spread over an array, a softmax. */
                    @Differentiable(hessian = true)
                    static double elementWise(double[] a, double[] b, double c) {
                        double[] s = ArrayMath.add(ArrayMath.multiply(a, ArrayMath.exp(b)), c);
                        double[] q = ArrayMath.divide(ArrayMath.softplus(s), ArrayMath.add(ArrayMath.square(b), 1));
                        double[] p = ArrayMath.softmax(ArrayMath.subtract(c, ArrayMath.scale(c, q)));
                        return ArrayMath.sum(ArrayMath.logAddExp(p, ArrayMath.sigmoid(a))) + ArrayMath.dot(p, ArrayMath.log(q));
                    }

                    /** relu and max: second derivatives 0 within each piece, cross terms through the weights. */
                    @Differentiable(hessian = true, wrt = {"W", "c"})
                    static double rectified(double[][] X, double[][] W, double c) {
                        double[][] z = ArrayMath.relu(ArrayMath.matmul(X, W));
                        double[][] m = ArrayMath.max(ArrayMath.scale(c, z), c * c);
                        return ArrayMath.sum(ArrayMath.square(m)) + ArrayMath.dot(z, z) * c;
                    }

                    /** A loop whose condition computes with a differentiated value (fuzz seed 71207151, program 347). */
                    @Differentiable(hessian = true, forward = true, wrt = "x")
                    static double conditioned(double x, double b) {
                        double s = b;
                        for (int i = 0; x * x * x > 3.0 + i; i++) {
                            s += x * x * b;
                        }
                        return s;
                    }

                    /**
                     * A loop variable squared in a branch of a nested loop: its tangent reads the old value, so it comes first
                     * (fuzz seed 98412607, program 73: hv was 9.9948e-4 for 1.00174e-3).
                     */
                    @Differentiable(hessian = true, wrt = "z")
                    static double squaring(double z) {
                        double s2 = z * 0.1;
                        for (int k = 0; k <= 1; k += 1) {
                            for (int step = k; step >= 0; step -= 1) {
                                s2 = false ? 0.1 : s2 * s2;
                            }
                            s2 = 0.25 * s2 + 0.75;
                        }
                        return s2;
                    }

                    /** The same with a quotient, whose tangent reads the new value too; and with arrays. */
                    @Differentiable(hessian = true)
                    static double dividing(double z, double[] w) {
                        double s = z;
                        double[] h = w;
                        for (int k = 0; k < 3; k++) {
                            if (k >= 0) {
                                s = 1.5 / (s + 2) + s / (1 + s * s);
                                h = ArrayMath.tanh(ArrayMath.scale(s, h));
                            }
                        }
                        return s + ArrayMath.sum(h);
                    }

                    @Differentiable
                    static double square(double u) {
                        return u * u;
                    }
                }
                """));
    }

    private static Method method(String prefix, String name, Class<?>... types) {
        return Arrays.stream(code.companion(CLS).getDeclaredMethods())
                .filter(m -> m.getName().equals(prefix + name) && Arrays.equals(Arrays.copyOf(m.getParameterTypes(), types.length), types))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + name));
    }

    private static Object invoke(Method m, Object... args) throws Throwable {
        try {
            m.setAccessible(true);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object[] with(Object[] args, Object... extra) {
        Object[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return all;
    }

    private static double[][] hessian(String name, Class<?>[] types, Object[] args, int n) throws Throwable {
        double[][] h = new double[n][n];
        invoke(method("hessian", name, types), with(args, (Object) h));
        return h;
    }

    @Test
    void theSlidesFunctionHasItsExactSecondDerivatives() throws Throwable {
        double x = 0.7;
        double y = 1.3;
        double[][] h = hessian("f", new Class<?>[] {double.class, double.class}, new Object[] {x, y}, 2);
        double e = Math.exp(-x);
        double b = y + e;
        double[][] exact = {
            {-e / (b * b) + 2 * e * e / (b * b * b), -2 * e / (b * b * b)},
            {-2 * e / (b * b * b), 2 / (b * b * b)}};
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(exact[i], h[i], 1e-15, "row " + i);
        }
        double[] grad = new double[2];
        double[] hv = new double[2];
        double value = (double) invoke(method("hvp", "f", double.class, double.class), x, y, new double[] {1, -2}, grad, hv);
        assertEquals(1 / b, value, 1e-16);
        assertArrayEquals(new double[] {e / (b * b), -1 / (b * b)}, grad, 1e-16);
        assertArrayEquals(new double[] {exact[0][0] - 2 * exact[0][1], exact[1][0] - 2 * exact[1][1]}, hv, 1e-15);
    }

    @Test
    void theLogOfAQuadraticHasItsExactSecondDerivatives() throws Throwable {
        double x = 1.5;
        double y = -0.4;
        double[][] h = hessian("g", new Class<?>[] {double.class, double.class}, new Object[] {x, y}, 2);
        double q = 3 * x * x + 5 * x * y;
        double qx = 6 * x + 5 * y;
        double qy = 5 * x;
        // d2 log q = q'' / q - q' q'^T / q^2, with q_xx = 6, q_xy = 5, q_yy = 0
        assertEquals(6 / q - qx * qx / (q * q), h[0][0], 1e-14);
        assertEquals(5 / q - qx * qy / (q * q), h[0][1], 1e-14);
        assertEquals(5 / q - qx * qy / (q * q), h[1][0], 1e-14);
        assertEquals(-qy * qy / (q * q), h[1][1], 1e-14);
    }

    /** Each row of the Hessian against central differences of the gradient, and hvp against the Hessian times v. */
    private static void agreesWithDifferencesOfTheGradient(String name, Class<?>[] types, Object[] args, int[] wrt)
            throws Throwable {
        int n = 0;
        for (int index : wrt) {
            n += size(args[index]);
        }
        double[][] h = hessian(name, types, args, n);
        for (int k = 0; k < n; k++) {
            double step = 1e-6;
            double[] up = gradient(name, types, nudged(args, wrt, k, step), n);
            double[] down = gradient(name, types, nudged(args, wrt, k, -step), n);
            for (int i = 0; i < n; i++) {
                GeneratedCode.assertMatchesDifference((up[i] - down[i]) / (2 * step), h[k][i], name + " d2/d" + k + "d" + i);
            }
        }
        Random random = new Random(42);
        double[] v = random.doubles(n, -1, 1).toArray();
        double[] grad = new double[n];
        double[] hv = new double[n];
        double value = (double) invoke(method("hvp", name, types), with(args, v, grad, hv));
        assertArrayEquals(gradient(name, types, args, n), grad, 0.0, "the gradient of hvp" + name);
        for (int i = 0; i < n; i++) {
            double expected = 0;
            for (int k = 0; k < n; k++) {
                expected += h[i][k] * v[k];
            }
            assertEquals(expected, hv[i], 1e-12 * (1 + Math.abs(expected)), "hv[" + i + "]");
        }
        double[][] again = new double[n][n];
        assertEquals(value, (double) invoke(method("hessian", name, types), with(args, (Object) again)), 0.0, "the value of hessian" + name);
    }

    private static int size(Object arg) {
        if (arg instanceof double[] a) {
            return a.length;
        }
        if (arg instanceof double[][] m) {
            return m.length * m[0].length;
        }
        return 1;
    }

    /** The gradient, flattened, through hvp with v = 0. */
    private static double[] gradient(String name, Class<?>[] types, Object[] args, int n) throws Throwable {
        double[] grad = new double[n];
        invoke(method("hvp", name, types), with(args, new double[n], grad, new double[n]));
        return grad;
    }

    /** {@code args} with the {@code k}-th differentiated input moved by {@code step}. */
    private static Object[] nudged(Object[] args, int[] wrt, int k, double step) {
        Object[] out = args.clone();
        for (int index : wrt) {
            Object a = args[index];
            int size = size(a);
            if (k < size) {
                if (a instanceof double[] v) {
                    double[] copy = v.clone();
                    copy[k] += step;
                    out[index] = copy;
                } else if (a instanceof double[][] m) {
                    double[][] copy = Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
                    copy[k / m[0].length][k % m[0].length] += step;
                    out[index] = copy;
                } else {
                    out[index] = (double) a + step;
                }
                return out;
            }
            k -= size;
        }
        return fail("no input " + k);
    }

    @Test
    void branchesInALoopWithData() throws Throwable {
        agreesWithDifferencesOfTheGradient("branchy", new Class<?>[] {double[].class, double.class, double[].class},
                new Object[] {new double[] {0.5, -1.2, 0.8, 0.1}, 0.3, new double[] {1.0, 0.7, -2.0, 0.4}}, new int[] {0, 1});
    }

    @Test
    void aLoopThatOverwritesItsState() throws Throwable {
        agreesWithDifferencesOfTheGradient("euler", new Class<?>[] {double.class, double.class, double.class, int.class},
                new Object[] {2.1, 0.2, 0.1, 12}, new int[] {0, 1});
    }

    @Test
    void aMatrixAVectorAndANumber() throws Throwable {
        agreesWithDifferencesOfTheGradient("layer", new Class<?>[] {double[][].class, double[].class, double.class},
                new Object[] {new double[][] {{0.3, -0.5, 0.2}, {0.9, 0.1, -0.4}}, new double[] {0.7, -1.1, 0.5}, 0.25},
                new int[] {0, 1, 2});
    }

    @Test
    void kinksAwayFromTheirCorners() throws Throwable {
        agreesWithDifferencesOfTheGradient("kinks", new Class<?>[] {double.class, double.class}, new Object[] {0.8, -1.7},
                new int[] {0, 1});
        agreesWithDifferencesOfTheGradient("kinks", new Class<?>[] {double.class, double.class}, new Object[] {-0.6, -1.3},
                new int[] {0, 1});
    }

    @Test
    void calleesWrittenInline() throws Throwable {
        agreesWithDifferencesOfTheGradient("caller", new Class<?>[] {double.class, double.class}, new Object[] {0.9, -0.6},
                new int[] {0, 1});
    }

    @Test
    void aNetworkWrittenWithArrayMath() throws Throwable {
        double[][] x = {{0.5, -1.0}, {1.5, 0.3}, {-0.2, 0.8}};
        agreesWithDifferencesOfTheGradient("mlp", new Class<?>[] {double[][].class, double[].class, double[][].class,
            double[].class, double[].class}, new Object[] {x, new double[] {0.3, -0.7, 1.1},
                new double[][] {{0.4, -0.3, 0.9}, {0.2, 0.6, -0.5}}, new double[] {0.1, -0.2, 0.05},
                new double[] {0.7, -0.4, 0.3}}, new int[] {2, 3, 4});
    }

    @Test
    void reluAndMaxAwayFromTheirKinks() throws Throwable {
        double[][] x = {{0.5, -1.0}, {1.5, 0.3}, {-0.2, 0.8}};
        agreesWithDifferencesOfTheGradient("rectified", new Class<?>[] {double[][].class, double[][].class, double.class},
                new Object[] {x, new double[][] {{0.45, -0.3, 0.9}, {0.2, 0.65, -0.5}}, 0.7}, new int[] {1, 2});
    }

    @Test
    void aLoopConditionThatComputesWithTheParameters() throws Throwable {
        agreesWithDifferencesOfTheGradient("conditioned", new Class<?>[] {double.class, double.class}, new Object[] {1.9, 0.7},
                new int[] {0});
        double[][] h = hessian("conditioned", new Class<?>[] {double.class, double.class}, new Object[] {1.9, 0.7}, 1);
        assertEquals(4 * 2 * 0.7, h[0][0], 1e-14); // 1.9^3 = 6.859: four trips of s += x^2 b
    }

    @Test
    void aVariableWhoseTangentReadsItsOldValue() throws Throwable {
        agreesWithDifferencesOfTheGradient("squaring", new Class<?>[] {double.class}, new Object[] {0.34097233945952476},
                new int[] {0});
        agreesWithDifferencesOfTheGradient("dividing", new Class<?>[] {double.class, double[].class},
                new Object[] {0.6, new double[] {0.3, -0.8, 1.2}}, new int[] {0, 1});
    }

    @Test
    void elementWiseArrayMath() throws Throwable {
        agreesWithDifferencesOfTheGradient("elementWise", new Class<?>[] {double[].class, double[].class, double.class},
                new Object[] {new double[] {0.3, -0.6, 0.9}, new double[] {-0.2, 0.5, 0.1}, 0.7}, new int[] {0, 1, 2});
    }

    @Test
    void aPrivateMethodGetsItsValueFromTheGradient() throws Throwable {
        double[][] h = new double[2][2];
        double value = (double) invoke(method("hessian", "hidden", double.class, double.class), 3.0, 2.0, h);
        assertEquals(18, value, 0.0);
        assertArrayEquals(new double[] {2 * 2, 2 * 3}, h[0], 0.0);
        assertArrayEquals(new double[] {2 * 3, 0}, h[1], 0.0);
    }

    @Test
    void wrongSizesAndSharedBuffersSayWhatIsWrong() throws Throwable {
        Method hvp = method("hvp", "branchy", double[].class, double.class, double[].class);
        double[] w = {1, 2};
        double[] xs = {3, 4};
        IllegalArgumentException shortV = assertThrows(IllegalArgumentException.class,
                () -> invoke(hvp, w, 0.5, xs, new double[2], new double[3], new double[3]));
        assertEquals("v must have length at least 3 (one entry per differentiated input: w, b) but has length 2", shortV.getMessage());
        double[] shared = new double[3];
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> invoke(hvp, w, 0.5, xs, new double[3], shared, shared));
        assertTrue(same.getMessage().startsWith("hv is the same array as grad"), same.getMessage());
        Method hessian = method("hessian", "f", double.class, double.class);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> invoke(hessian, 1.0, 2.0, new double[][] {{0, 0}, {0}}));
        assertEquals("row 1 of h must have at least 2 entries (one per differentiated input: x, y) but has 1", rows.getMessage());
        double[] row = new double[2];
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> invoke(hessian, 1.0, 2.0, new double[][] {row, row}));
        assertTrue(twice.getMessage().contains("row"), twice.getMessage());
        assertThrows(NullPointerException.class, () -> invoke(hessian, 1.0, 2.0, null));
    }

    @Test
    void whatItCannotFollowIsAnErrorAtTheAnnotation() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("ht.Bad", """
                package ht;

                import io.github.sourcegrad.ArrayMath;
                import io.github.sourcegrad.Differentiable;

                class Bad {
                    @Differentiable(hessian = true)
                    static double[] twice(double[] v) {
                        return ArrayMath.scale(2, v);
                    }

                    @Differentiable(hessian = true, wrt = "x")
                    static double shared(double x, double[] data, boolean own) {
                        double[] r;
                        if (own) {
                            r = new double[] {x, 2 * x};
                        } else {
                            r = data;
                        }
                        return r[0] * r[1];
                    }
                }
                """));
        assertThat(compilation).hadErrorContaining("hessian = true needs a method that returns a double; twice returns an array")
                .inFile(compilation.sourceFiles().get(0)).onLine(7);
        assertThat(compilation).hadErrorContaining("hessian = true cannot follow the array parameter data, which is not "
                + "differentiated, where it shares a variable with an array that carries derivatives; copy it first (ArrayMath.copy)")
                .inFile(compilation.sourceFiles().get(0)).onLine(12);
    }

    /**
     * A method declared to return a double whose returned value is an int or a long (a double only by widening) has a
     * Hessian of 0; its request was refused as "returns an array" before. Found by the fuzzer (seed 2, program 25:
     * {@code return j;} after a loop).
     */
    @Test
    void aResultWidenedFromAnIntegerHasAZeroHessian() throws Throwable {
        GeneratedCode widened = GeneratedCode.compile(source("ht.Widened", """
                package ht;

                import io.github.sourcegrad.Differentiable;

                class Widened {
                    @Differentiable(hessian = true, wrt = "x")
                    static double count(double x, int j) {
                        double y = x * x;
                        return j;
                    }

                    @Differentiable(hessian = true)
                    static double truncated(double x) {
                        return (long) (x * x);
                    }
                }
                """));
        for (Object[] call : new Object[][] {{"count", new Class<?>[] {double.class, int.class}, new Object[] {1.5, 7}, 7.0},
                {"truncated", new Class<?>[] {double.class}, new Object[] {1.5}, 2.0}}) {
            String name = (String) call[0];
            Class<?>[] types = (Class<?>[]) call[1];
            Object[] args = (Object[]) call[2];
            Method hvp = Arrays.stream(widened.companion("ht.Widened").getDeclaredMethods())
                    .filter(m -> m.getName().equals("hvp" + name)).findFirst().orElseThrow();
            double[] grad = {Double.NaN};
            double[] hv = {Double.NaN};
            assertEquals((double) call[3], (double) invoke(hvp, with(args, new double[] {0.5}, grad, hv)), 0.0, name);
            assertArrayEquals(new double[] {0}, grad, 0.0, name);
            assertArrayEquals(new double[] {0}, hv, 0.0, name);
            Method hessian = Arrays.stream(widened.companion("ht.Widened").getDeclaredMethods())
                    .filter(m -> m.getName().equals("hessian" + name) && Arrays.equals(Arrays.copyOf(m.getParameterTypes(), types.length), types))
                    .findFirst().orElseThrow();
            double[][] h = {{Double.NaN}};
            assertEquals((double) call[3], (double) invoke(hessian, with(args, (Object) h)), 0.0, name);
            assertArrayEquals(new double[] {0}, h[0], 0.0, name);
        }
    }

    @Test
    void theHessianIsExactlySymmetric() throws Throwable {
        double[][] w = {{0.3, -0.5, 0.2}, {0.9, 0.1, -0.4}};
        double[] x = {0.7, -1.1, 0.5};
        double[][] h = hessian("layer", new Class<?>[] {double[][].class, double[].class, double.class}, new Object[] {w, x, 0.25}, 10);
        List<String> asymmetric = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < i; k++) {
                if (h[i][k] != h[k][i]) {
                    asymmetric.add(i + "," + k + ": " + h[i][k] + " vs " + h[k][i]);
                }
            }
        }
        assertTrue(asymmetric.isEmpty(), asymmetric.toString());
    }
}
