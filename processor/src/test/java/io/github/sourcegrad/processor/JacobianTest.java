package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jacobian<name>(args..., double[][] jac)} of a method that returns {@code double[]}: the result, and
 * {@code jac[i][k]} = d result[i] / d (k-th differentiated input), parameters in declaration order, arrays element by
 * element, matrices row by row. Checked against exact Jacobians and central differences.
 */
class JacobianTest {

    private static final String CLS = "jt.Maps";
    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(source(CLS, """
                package jt;

                import io.github.sourcegrad.ArrayMath;
                import io.github.sourcegrad.Differentiable;

                class Maps {
                    @Differentiable(wrt = "x")
                    static double[] linear(double[][] A, double[] x) {
                        return ArrayMath.matmul(A, x);
                    }

                    @Differentiable
                    static double[] affine(double[][] A, double[] x, double c) {
                        return ArrayMath.add(ArrayMath.matmul(A, x), ArrayMath.scale(c, x));
                    }

                    @Differentiable
                    static double[] squares(double[] v) {
                        double[] r = new double[v.length];
                        for (int i = 0; i < v.length; i++) {
                            r[i] = v[i] * v[i];
                        }
                        return r;
                    }

                    /** The logistic map integrated by Euler's method: a trajectory of steps + 1 points. */
                    @Differentiable(wrt = {"r", "y0"})
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

                    /** The result's adjoint also flows into the values it is made of. */
                    @Differentiable
                    static double[] reused(double[] x) {
                        double[] z = ArrayMath.tanh(x);
                        return ArrayMath.add(z, ArrayMath.multiply(z, z));
                    }

                    /** m results from x.length + 1 inputs: forward passes when m is larger, reverse passes otherwise. */
                    @Differentiable
                    static double[] spread(double[] x, double c, int m) {
                        double[] r = new double[m];
                        for (int i = 0; i < m; i++) {
                            r[i] = Math.sin(x[i % x.length] * c) * (i + 1);
                        }
                        return r;
                    }

                    /** A result that does not depend on u, through atan2(0, 0), whose derivative is NaN (fuzz seed 6061207, program 462). */
                    @Differentiable(wrt = "u")
                    static double[] constant(double u, int m) {
                        double[] o = new double[m];
                        o[0] = Math.atan2(o[1], o[0]);
                        return o;
                    }

                    @Differentiable
                    private static double[] hidden(double[] x) {
                        return ArrayMath.scale(2, x);
                    }
                }
                """));
    }

    private static Method jacobian(String name, Class<?>... types) throws NoSuchMethodException {
        Class<?>[] all = Arrays.copyOf(types, types.length + 1);
        all[types.length] = double[][].class;
        return code.companion(CLS).getMethod("jacobian" + name, all);
    }

    private static double[] call(Method m, Object... args) throws Throwable {
        try {
            return (double[]) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aLinearMapHasItsMatrixAsJacobian() throws Throwable {
        double[][] a = {{1, 2, 3}, {-4, 0.5, 6}};
        double[] x = {0.3, -1.2, 2.0};
        double[][] jac = new double[2][3];
        double[] value = call(jacobian("linear", double[][].class, double[].class), a, x, jac);
        assertArrayEquals(new double[] {1 * 0.3 + 2 * -1.2 + 3 * 2.0, -4 * 0.3 + 0.5 * -1.2 + 6 * 2.0}, value, 1e-15);
        assertArrayEquals(a[0], jac[0], 0.0);
        assertArrayEquals(a[1], jac[1], 0.0);
    }

    @Test
    void everyDifferentiatedInputIsAColumnInDeclarationOrderMatricesRowByRow() throws Throwable {
        double[][] a = {{1, 2}, {3, 4}};
        double[] x = {0.7, -0.2};
        double c = 1.5;
        double[][] jac = new double[2][4 + 2 + 1];
        call(jacobian("affine", double[][].class, double[].class, double.class), a, x, c, jac);
        // r[i] = sum_j A[i][j] x[j] + c x[i]
        assertArrayEquals(new double[] {x[0], x[1], 0, 0, a[0][0] + c, a[0][1], x[0]}, jac[0], 1e-15);
        assertArrayEquals(new double[] {0, 0, x[0], x[1], a[1][0], a[1][1] + c, x[1]}, jac[1], 1e-15);
    }

    @Test
    void elementsFilledByALoop() throws Throwable {
        double[] v = {0.5, -2, 3};
        double[][] jac = new double[3][3];
        double[] value = call(jacobian("squares", double[].class), v, jac);
        assertArrayEquals(new double[] {0.25, 4, 9}, value, 0.0);
        assertArrayEquals(new double[][] {{1, 0, 0}, {0, -4, 0}, {0, 0, 6}}, jac);
    }

    @Test
    void aTrajectoryAgreesWithCentralDifferences() throws Throwable {
        Method m = jacobian("euler", double.class, double.class, double.class, int.class);
        double r = 2.1;
        double y0 = 0.2;
        double[][] jac = new double[11][2];
        double[] value = call(m, r, y0, 0.1, 10, jac);
        assertEquals(11, value.length);
        for (int k = 0; k < 2; k++) {
            double h = 1e-6;
            double[] up = call(m, k == 0 ? r + h : r, k == 1 ? y0 + h : y0, 0.1, 10, new double[11][2]);
            double[] down = call(m, k == 0 ? r - h : r, k == 1 ? y0 - h : y0, 0.1, 10, new double[11][2]);
            for (int i = 0; i < 11; i++) {
                GeneratedCode.assertMatchesDifference((up[i] - down[i]) / (2 * h), jac[i][k], "d ys[" + i + "] / d input " + k);
            }
        }
        assertEquals(0.0, jac[0][0], 0.0);
        assertEquals(1.0, jac[0][1], 0.0);
    }

    @Test
    void aResultWhoseAdjointFlowsIntoItsOwnParts() throws Throwable {
        double[] x = {0.3, -0.8, 1.1};
        double[][] jac = new double[3][3];
        call(jacobian("reused", double[].class), x, jac);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                double z = Math.tanh(x[i]);
                double expected = i == k ? (1 + 2 * z) * (1 - z * z) : 0;
                assertEquals(expected, jac[i][k], 1e-15, "jac[" + i + "][" + k + "]");
            }
        }
    }

    @Test
    void forwardPassesWhereThereAreFewerInputsThanResultsReversePassesOtherwise() throws Throwable {
        Method m = jacobian("spread", double[].class, double.class, int.class);
        double[] x = {0.4, -1.1};
        double c = 0.8;
        for (int results : new int[] {1, 2, 3, 7}) {
            double[][] jac = new double[results][3];
            call(m, x, c, results, jac);
            for (int i = 0; i < results; i++) {
                double xi = x[i % 2];
                double d = Math.cos(xi * c) * (i + 1);
                double[] expected = {i % 2 == 0 ? d * c : 0, i % 2 == 1 ? d * c : 0, d * xi};
                assertArrayEquals(expected, jac[i], 1e-15, results + " results, row " + i);
            }
        }
        String companion = code.generatedSource("jt.MapsGrad");
        assertTrue(companion.contains("if (n < value.length) {"), "the forward branch of jacobianspread");
    }

    @Test
    void aResultThatDependsOnNoInputHasAZeroJacobianEvenThroughASingularRule() throws Throwable {
        double[][] jac = {{9}, {9}, {9}, {9}};
        call(jacobian("constant", double.class, int.class), 1.9, 4, jac);
        assertArrayEquals(new double[][] {{0}, {0}, {0}, {0}}, jac);
    }

    @Test
    void extraRowsAndEntriesAreLeftAsTheyAre() throws Throwable {
        double[][] jac = {{9, 9, 9, 9}, {9, 9, 9, 9}, {9, 9, 9, 9}, {9, 9, 9, 9}};
        call(jacobian("squares", double[].class), new double[] {1, 2, 3}, jac);
        assertArrayEquals(new double[] {2, 0, 0, 9}, jac[0], 0.0);
        assertArrayEquals(new double[] {9, 9, 9, 9}, jac[3], 0.0);
    }

    @Test
    void wrongSizesSayWhatIsNeeded() throws Throwable {
        Method m = jacobian("squares", double[].class);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> call(m, new double[] {1, 2, 3}, new double[2][3]));
        assertEquals("jac must have at least 3 rows (one per element of the result) of 3 entries (one per differentiated "
                + "input: v) but has 2 rows", rows.getMessage());
        IllegalArgumentException entries = assertThrows(IllegalArgumentException.class,
                () -> call(m, new double[] {1, 2, 3}, new double[][] {{0, 0, 0}, {0, 0}, {0, 0, 0}}));
        assertEquals("row 1 of jac must have at least 3 entries (one per differentiated input: v) but has 2", entries.getMessage());
        assertThrows(NullPointerException.class, () -> call(m, new double[] {1, 2, 3}, null));
    }

    @Test
    void aRowOfTheJacobianThatIsAnArgumentIsRefused() throws Throwable {
        double[] v = {1, 2, 3};
        double[][] jac = {new double[3], v, new double[3]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> call(jacobian("squares", double[].class), v, jac));
        assertTrue(e.getMessage().contains("row 1 of jac") && e.getMessage().contains("v"), e.getMessage());
        assertArrayEquals(new double[] {1, 2, 3}, v, 0.0);
    }

    @Test
    void anEmptyResultHasNoRows() throws Throwable {
        double[][] jac = new double[0][];
        assertEquals(0, call(jacobian("squares", double[].class), new double[0], jac).length);
    }

    @Test
    void aPrivateMethodHasNoJacobianSinceItsCompanionCannotCallIt() {
        assertThrows(NoSuchMethodException.class, () -> jacobian("hidden", double[].class));
        assertNotNull(code.generatedSource("jt.MapsGrad"));
    }
}
