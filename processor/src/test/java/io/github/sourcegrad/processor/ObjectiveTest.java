package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.sourcegrad.Objective;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code objective<name>(arguments...)} of {@code @Differentiable(objective = true)}: the method as an {@link Objective} of
 * one flat {@code double[]} of its differentiated parameters (declaration order, arrays element by element, matrices
 * row by row), the other parameters bound; value and gradient as the generated gradient gives them.
 */
class ObjectiveTest {

    private static final String CLS = "ob.Models";
    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(source(CLS, """
                package ob;

                import io.github.sourcegrad.Differentiable;

                class Models {
                    @Differentiable(objective = true)
                    static double rosenbrock(double x, double y) {
                        double a = 1 - x;
                        double b = y - x * x;
                        return a * a + 100 * b * b;
                    }

                    /** Least squares of a linear model y ~ X w + c over the rows of X. */
                    @Differentiable(wrt = {"W", "c"}, objective = true)
                    static double leastSquares(double[][] X, double[] y, double[][] W, double c) {
                        double loss = 0;
                        for (int i = 0; i < X.length; i++) {
                            double p = c;
                            for (int j = 0; j < X[i].length; j++) {
                                p += W[0][j] * X[i][j] + W[1][j] * X[i][j] * X[i][j];
                            }
                            double r = p - y[i];
                            loss += r * r;
                        }
                        return loss;
                    }

                    @Differentiable(objective = true)
                    private static double hidden(double[] v) {
                        double s = 0;
                        for (double e : v) {
                            s += e * e * e;
                        }
                        return s;
                    }
                }
                """));
    }

    private static Objective objective(String name, Class<?>[] types, Object... args) throws Exception {
        try {
            return (Objective) code.companion(CLS).getMethod("objective" + name, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void numbersAreTheCoordinates() throws Exception {
        Objective f = objective("rosenbrock", new Class<?>[] {double.class, double.class}, -1.2, 1.0);
        assertEquals(2, f.dimension());
        assertArrayEquals(new double[] {-1.2, 1.0}, f.start(), 0.0);
        assertArrayEquals(new String[] {"x", "y"}, f.coordinateNames());
        double[] theta = {0.5, 0.7};
        GeneratedCode.Gradient g = code.gradient(CLS, "rosenbrock", 0.5, 0.7);
        assertEquals(g.value(), f.value(theta), 0.0);
        assertEquals(g.value(), f.applyAsDouble(theta), 0.0);
        double[] grad = new double[2];
        assertEquals(g.value(), f.valueAndGradient(theta, grad), 0.0);
        assertArrayEquals(new double[] {g.d("x"), g.d("y")}, grad, 0.0);
        assertArrayEquals(grad, f.gradient(theta), 0.0);
    }

    @Test
    void aMatrixRowByRowThenANumberWithTheDataBound() throws Exception {
        double[][] x = {{1, 2}, {0.5, -1}, {2, 0}};
        double[] y = {1, 0, 3};
        double[][] w0 = {{0.1, 0.2}, {0.3, 0.4}};
        Objective f = objective("leastSquares", new Class<?>[] {double[][].class, double[].class, double[][].class, double.class},
                x, y, w0, 0.5);
        assertEquals(5, f.dimension());
        assertArrayEquals(new String[] {"W[0][0]", "W[0][1]", "W[1][0]", "W[1][1]", "c"}, f.coordinateNames());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, f.start(), 0.0);
        w0[0][0] = 99; // the start point was copied
        assertEquals(0.1, f.start()[0], 0.0);
        double[] theta = {-0.3, 0.8, 0.05, -0.2, 1.5};
        double[][] w = {{-0.3, 0.8}, {0.05, -0.2}};
        double[] grad = new double[6];
        grad[5] = 42;
        double value = f.valueAndGradient(theta, grad);
        Object record = code.companion(CLS).getMethod("dleastSquares", double[][].class, double[].class, double[][].class,
                double.class).invoke(null, x, y, w, 1.5);
        java.lang.reflect.Method dW = record.getClass().getMethod("dW");
        java.lang.reflect.Method dc = record.getClass().getMethod("dc");
        java.lang.reflect.Method v = record.getClass().getMethod("value");
        double[][] gw = (double[][]) dW.invoke(record);
        assertEquals((Double) v.invoke(record), value, 0.0);
        assertArrayEquals(new double[] {gw[0][0], gw[0][1], gw[1][0], gw[1][1], (Double) dc.invoke(record), 42}, grad, 0.0);
        assertEquals(value, f.value(theta), 0.0);
    }

    @Test
    void aPrivateMethodTakesItsValueFromTheGradient() throws Exception {
        Objective f = objective("hidden", new Class<?>[] {double[].class}, (Object) new double[] {1, 2});
        assertEquals(0.5 * 0.5 * 0.5 - 8, f.value(new double[] {0.5, -2}), 0.0);
        assertArrayEquals(new double[] {3 * 0.25, 12}, f.gradient(new double[] {0.5, -2}), 0.0);
    }

    @Test
    void oneObjectiveFromSeveralThreadsGivesEachTheSequentialNumbers() throws Exception {
        Objective f = objective("leastSquares", new Class<?>[] {double[][].class, double[].class, double[][].class, double.class},
                new double[][] {{1, 2, 3}, {0.5, -1, 2}}, new double[] {1, -1}, new double[2][3], 0.0);
        List<double[]> points = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int k = 0; k < 64; k++) {
            points.add(random.doubles(f.dimension(), -1, 1).toArray());
        }
        List<double[]> sequential = new ArrayList<>();
        for (double[] p : points) {
            sequential.add(f.gradient(p));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                List<Future<double[]>> results = new ArrayList<>();
                for (double[] p : points) {
                    results.add(pool.submit(() -> f.gradient(p)));
                }
                for (int k = 0; k < points.size(); k++) {
                    assertArrayEquals(sequential.get(k), results.get(k).get(), 0.0);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongLengthsSayTheDimension() throws Exception {
        Objective f = objective("leastSquares", new Class<?>[] {double[][].class, double[].class, double[][].class, double.class},
                new double[][] {{1, 2}}, new double[] {1}, new double[2][2], 0.0);
        IllegalArgumentException theta = assertThrows(IllegalArgumentException.class, () -> f.value(new double[4]));
        assertEquals("theta must have 5 coordinates (W: 4, c: 1) but has 4", theta.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                () -> f.valueAndGradient(new double[5], new double[3]));
        assertEquals("grad must have at least 5 entries (the objective's dimension) but has 3", grad.getMessage());
    }

    @Test
    void anObjectiveOfAnArrayResultIsAnErrorAtTheAnnotation() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("ob.Wrong", """
                package ob;

                import io.github.sourcegrad.Differentiable;

                class Wrong {
                    @Differentiable(objective = true)
                    static double[] twice(double[] v) {
                        double[] r = new double[v.length];
                        for (int i = 0; i < v.length; i++) {
                            r[i] = 2 * v[i];
                        }
                        return r;
                    }
                }
                """));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("objective = true needs a method that returns a double: twice returns "
                + "double[], whose Jacobian is jacobiantwice (least squares)");
        assertTrue(compilation.errors().stream().allMatch(d -> d.getLineNumber() == 6), compilation.errors().toString());
    }
}
