package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jvp<name>} of methods with arrays: tangent arrays of the parameters' shapes ({@code tW} for {@code W}), a
 * tangent array for an array result, tangent arrays beside the arrays the method creates. Checked against the reverse
 * gradient dotted with the direction, and against the Jacobian times the direction.
 */
class ArrayForwardModeTest {

    private static final String CLS = "af.Arrays";
    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(source(CLS, """
                package af;

                import io.github.sourcegrad.ArrayMath;
                import io.github.sourcegrad.Differentiable;

                class Arrays {
                    @Differentiable(forward = true)
                    static double norm(double[] v) {
                        double s = 0;
                        for (int i = 0; i < v.length; i++) {
                            s += v[i] * v[i];
                        }
                        return Math.sqrt(s);
                    }

                    @Differentiable(forward = true)
                    static double local(double x) {
                        double[] a = {x, 2 * x};
                        return a[0] * a[1];
                    }

                    @Differentiable(forward = true, wrt = {"r", "y0"})
                    static double[] euler(double r, double y0, double h, int steps) {
                        double[] ys = new double[steps + 1];
                        double y = y0;
                        ys[0] = y;
                        for (int n = 0; n < steps; n++) {
                            y = y + h * r * y * (1 - y);
                            ys[n + 1] = y;
                        }
                        return ys;
                    }

                    /** A matrix row aliased by a local and read through it; a local matrix written element by element. */
                    @Differentiable(forward = true)
                    static double rows(double[][] W, double[] x, double c) {
                        double[][] z = new double[W.length][x.length];
                        for (int i = 0; i < W.length; i++) {
                            double[] wi = W[i];
                            for (int j = 0; j < x.length; j++) {
                                z[i][j] = Math.tanh(wi[j] * x[j] + c);
                            }
                        }
                        double loss = 0;
                        for (int i = 0; i < z.length; i++) {
                            for (int j = 0; j < x.length; j++) {
                                loss += z[i][j] * z[i][j] * (j + 1);
                            }
                        }
                        return loss;
                    }

                    /** ArrayMath: tangents written with ArrayMath too. */
                    @Differentiable(forward = true, wrt = {"W", "b"})
                    static double network(double[][] X, double[][] W, double[] b) {
                        double[][] p = ArrayMath.softmax(ArrayMath.addRow(ArrayMath.matmul(X, W), b));
                        return ArrayMath.sum(ArrayMath.log(ArrayMath.add(p, 1e-3)));
                    }

                    /** Data that is not differentiated, and an array result that depends on it alone in part. */
                    @Differentiable(forward = true, wrt = "w")
                    static double[] scaled(double[] w, double[] data) {
                        double[] out = new double[data.length + 1];
                        for (int i = 0; i < data.length; i++) {
                            out[i] = w[0] * data[i];
                        }
                        out[data.length] = data[0];
                        return out;
                    }
                }
                """));
    }

    private static Object invoke(String name, Object... args) throws Throwable {
        Method m = Arrays.stream(code.companion(CLS).getMethods()).filter(x -> x.getName().equals(name)
                && x.getParameterCount() == args.length).findFirst().orElseThrow();
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object component(Object record, String name) throws Exception {
        return record.getClass().getMethod(name).invoke(record);
    }

    @Test
    void aVectorParameterHasATangentArray() throws Throwable {
        double[] v = {0.3, -1.2, 2.5};
        double[] t = {1, 0.5, -2};
        Object r = invoke("jvpnorm", v, t);
        double norm = Math.sqrt(0.09 + 1.44 + 6.25);
        assertEquals(norm, (double) component(r, "value"), 1e-15);
        assertEquals((0.3 * 1 - 1.2 * 0.5 - 2.5 * 2) / norm, (double) component(r, "tangent"), 1e-15);
    }

    @Test
    void anArrayLiteralOfDifferentiatedValues() throws Throwable {
        Object r = invoke("jvplocal", 1.5, 2.0);
        assertEquals(2 * 1.5 * 1.5, (double) component(r, "value"), 0.0);
        assertEquals(4 * 1.5 * 2.0, (double) component(r, "tangent"), 0.0);
    }

    @Test
    void anArrayResultHasATangentArrayEqualToTheJacobianTimesTheDirection() throws Throwable {
        double[][] jac = new double[9][2];
        double[] ys = (double[]) invoke("jacobianeuler", 2.1, 0.2, 0.1, 8, jac);
        Object r = invoke("jvpeuler", 2.1, 0.2, 0.1, 8, 0.7, -1.3);
        assertArrayEquals(ys, (double[]) component(r, "value"), 0.0);
        double[] tangent = (double[]) component(r, "tangent");
        for (int i = 0; i < 9; i++) {
            assertEquals(jac[i][0] * 0.7 - jac[i][1] * 1.3, tangent[i], 1e-14 * (1 + Math.abs(tangent[i])), "tangent[" + i + "]");
        }
    }

    @Test
    void matrixRowsAliasedByALocal() throws Throwable {
        Random random = new Random(7);
        double[][] w = {{0.3, -0.5, 0.2}, {0.9, 0.1, -0.4}};
        double[] x = {0.7, -1.1, 0.5};
        double c = 0.25;
        double[][] tw = {{random.nextGaussian(), random.nextGaussian(), random.nextGaussian()},
            {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()}};
        double[] tx = random.doubles(3).toArray();
        double tc = -0.6;
        Object r = invoke("jvprows", w, x, c, tw, tx, tc);
        Object g = invoke("drows", w, x, c);
        double[][] dw = (double[][]) component(g, "dW");
        double[] dx = (double[]) component(g, "dx");
        double expected = (double) component(g, "dc") * tc;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                expected += dw[i][j] * tw[i][j];
            }
        }
        for (int j = 0; j < 3; j++) {
            expected += dx[j] * tx[j];
        }
        assertEquals((double) component(g, "value"), (double) component(r, "value"), 0.0);
        assertEquals(expected, (double) component(r, "tangent"), 1e-14 * (1 + Math.abs(expected)));
    }

    @Test
    void arrayMathOperationsHaveTangents() throws Throwable {
        double[][] x = {{0.5, -1.0}, {1.5, 0.3}, {-0.2, 0.8}};
        double[][] w = {{0.4, -0.3, 0.9}, {0.2, 0.6, -0.5}};
        double[] b = {0.1, -0.2, 0.05};
        double[][] tw = {{0.3, 1.0, -0.2}, {-0.7, 0.1, 0.4}};
        double[] tb = {0.5, 0.0, -1.0};
        Object r = invoke("jvpnetwork", x, w, b, tw, tb);
        Object g = invoke("dnetwork", x, w, b);
        double[][] dw = (double[][]) component(g, "dW");
        double[] db = (double[]) component(g, "db");
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                expected += dw[i][j] * tw[i][j];
            }
        }
        for (int j = 0; j < 3; j++) {
            expected += db[j] * tb[j];
        }
        assertEquals((double) component(g, "value"), (double) component(r, "value"), 0.0);
        assertEquals(expected, (double) component(r, "tangent"), 1e-13 * (1 + Math.abs(expected)));
    }

    @Test
    void elementsThatDependOnDataAloneHaveTangentZero() throws Throwable {
        Object r = invoke("jvpscaled", new double[] {2}, new double[] {1, -3}, new double[] {0.5});
        assertArrayEquals(new double[] {2, -6, 1}, (double[]) component(r, "value"), 0.0);
        assertArrayEquals(new double[] {0.5, -1.5, 0}, (double[]) component(r, "tangent"), 0.0);
    }

    @Test
    void dataThatSharesAVariableWithDerivativesIsRefusedAtTheAnnotation() {
        com.google.testing.compile.Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new DifferentiableProcessor()).compile(source("af.Shared", """
                        package af;

                        import io.github.sourcegrad.Differentiable;

                        class Shared {
                            @Differentiable(forward = true, wrt = "x")
                            static double[] choose(double x, double[] data, boolean own) {
                                double[] r;
                                if (own) {
                                    r = new double[] {x, 2 * x};
                                } else {
                                    r = data;
                                }
                                return r;
                            }
                        }
                        """));
        com.google.testing.compile.CompilationSubject.assertThat(compilation).hadErrorContaining("forward = true cannot follow "
                + "the array parameter data, which is not differentiated, where it shares a variable with an array that carries "
                + "derivatives; copy it first (ArrayMath.copy)").inFile(compilation.sourceFiles().get(0)).onLine(6);
    }

    @Test
    void aTangentOfTheWrongShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> invoke("jvpnorm", new double[] {1, 2}, new double[] {1}));
        assertEquals(true, e.getMessage().contains("tv"), e.getMessage());
    }
}
