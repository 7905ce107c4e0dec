package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.sourcegrad.processor.GeneratedCode.Gradient;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data in {@code static final double[]} and {@code double[][]} fields, of the method's own class, of another class
 * and of another package, read as constants: elements, rows, lengths, enhanced {@code for}, {@code ArrayMath}
 * arguments and arguments of other {@code @Differentiable} methods; both forms against exact values and central
 * differences. Non-final, private and written fields are errors at the line.
 */
class StaticArraysTest {

    private static final String FIT = "sf.Fit";
    private static final double[][] DATA = {{1, 2}, {2, 3.5}, {3, 5.5}, {4, 7.0}};
    private static final double[] WEIGHTS = {1, 0.5, 2, 1};
    private static final double[] ROW = {0.5, -1.5};
    private static final double[] SCALE = {3, 0.25};

    private static GeneratedCode code;

    @BeforeAll
    static void compile() {
        code = GeneratedCode.compile(
                source(FIT, """
                        package sf;

                        import io.github.sourcegrad.ArrayMath;
                        import io.github.sourcegrad.Differentiable;
                        import sf.data.Constants;

                        class Fit {
                            static final double[][] DATA = {{1, 2}, {2, 3.5}, {3, 5.5}, {4, 7.0}};
                            static final double[] WEIGHTS = {1, 0.5, 2, 1};
                            private static final int LAST = 1;

                            @Differentiable static double loss(double a, double b) {
                                double s = 0;
                                for (int i = 0; i < DATA.length; i++) {
                                    double r = a + b * DATA[i][0] - DATA[i][DATA[i].length - LAST];
                                    s += WEIGHTS[i] * r * r;
                                }
                                return s;
                            }

                            @Differentiable static double rows(double a, double b) {
                                double[] p = {a, b};
                                double[] row = DATA[2];
                                return ArrayMath.dot(p, row) + ArrayMath.sum(ArrayMath.matmul(Fit.DATA, p)) * sf.Fit.WEIGHTS[1];
                            }

                            @Differentiable static double each(double a) {
                                double s = 0;
                                for (double[] row : DATA) {
                                    s += Math.sin(a * row[0]) * row[1];
                                }
                                return s;
                            }

                            @Differentiable static double dotWith(double[] w, double[] p) {
                                return ArrayMath.dot(w, p);
                            }

                            @Differentiable static double passes(double a, double b) {
                                double[] p = {a, b};
                                return dotWith(DATA[1], p) + dotWith(Table.ROW, p) + Constants.SCALE[0] * a * Constants.SCALE.length;
                            }

                            @Differentiable static double alias(double a) {
                                double[][] d = DATA;
                                double[] e = d[1];
                                return e[0] * a + ArrayMath.sum(d) * a * a;
                            }

                            @Differentiable static double nested(double a) {
                                double s = 0;
                                for (double[] row : DATA) {
                                    for (double v : row) {
                                        if (v > 2) {
                                            s = s * 0.5 + v * Math.sin(a * s + v * a);
                                        }
                                    }
                                }
                                return s;
                            }

                            @Differentiable static double copied(double a) {
                                double[] c = ArrayMath.copy(DATA[3]);
                                c[0] = a;
                                return c[0] * c[1];
                            }

                            @Differentiable static double other(double a, double b) {
                                double s = 0;
                                for (int k = 0; k < Table.ROW.length; k++) {
                                    s += Math.exp(Table.ROW[k] * a) * Constants.SCALE[k] * b;
                                }
                                return s;
                            }
                        }
                        """),
                source("sf.Table", """
                        package sf;

                        class Table {
                            static final double[] ROW = {0.5, -1.5};
                        }
                        """),
                source("sf.data.Constants", """
                        package sf.data;

                        import io.github.sourcegrad.Differentiable;

                        public class Constants {
                            public static final double[] SCALE = {3, 0.25};
                            static final double[] HIDDEN = {2, 5};
                            static double k = 3;

                            @Differentiable public static double weigh(double x) {
                                return HIDDEN[1] * x * k + SCALE[1] * x;
                            }
                        }
                        """),
                source("sf.Caller", """
                        package sf;

                        import io.github.sourcegrad.Differentiable;
                        import sf.data.Constants;

                        class Caller {
                            @Differentiable static double twice(double x) {
                                return Constants.weigh(x * x) * 2;
                            }
                        }
                        """));
    }

    @Test
    void loopOverAMatrixFieldMatchesTheLeastSquaresGradient() {
        for (double[] p : new double[][] {{0.5, 1.5}, {-1, 2}, {0, 0}}) {
            double da = 0;
            double db = 0;
            for (int i = 0; i < DATA.length; i++) {
                double r = p[0] + p[1] * DATA[i][0] - DATA[i][1];
                da += 2 * WEIGHTS[i] * r;
                db += 2 * WEIGHTS[i] * r * DATA[i][0];
            }
            assertGradient("loss", p, da, db);
        }
    }

    @Test
    void rowsAndArrayMathOnFields() {
        // dot(p, DATA[2]) + 0.5 * sum(DATA p): (3 + 0.5 * 10, 5.5 + 0.5 * 18)
        assertGradient("rows", new double[] {0.7, -0.2}, 8, 14.5);
    }

    @Test
    void enhancedForOverAMatrixField() {
        double a = 0.3;
        double da = 0;
        for (double[] row : DATA) {
            da += Math.cos(a * row[0]) * row[0] * row[1];
        }
        assertGradient("each", new double[] {a}, da);
    }

    @Test
    void fieldsPassedToAnotherDifferentiableMethod() {
        // dot(DATA[1], p) + dot(ROW, p) + 3 * a * 2
        assertGradient("passes", new double[] {1.1, -0.4}, 2 + ROW[0] + SCALE[0] * 2, 3.5 + ROW[1]);
    }

    @Test
    void fieldsOfAnotherClassAndPackage() {
        double a = 0.8;
        double b = -1.3;
        double da = 0;
        double db = 0;
        for (int k = 0; k < ROW.length; k++) {
            da += Math.exp(ROW[k] * a) * ROW[k] * SCALE[k] * b;
            db += Math.exp(ROW[k] * a) * SCALE[k];
        }
        assertGradient("other", new double[] {a, b}, da, db);
    }

    @Test
    void localsHoldingAFieldOrItsRows() {
        // e[0] a + sum(DATA) a^2 with e = DATA[1]: 2 + 2 * 28 a
        assertGradient("alias", new double[] {0.4}, 2 + 2 * 28 * 0.4);
        // c = copy(DATA[3]) with c[0] = a: a * 7
        assertGradient("copied", new double[] {-2.5}, 7);
    }

    @Test
    void nestedLoopsWithABranchOverAMatrixFieldAreTaped() {
        for (double a : new double[] {-0.6, 0.2, 1.3}) {
            code.assertGradientMatchesDifferences(FIT, "nested", new int[] {0}, a);
        }
    }

    @Test
    void generatedCodeReadsTheFieldsByName() {
        String generated = code.generatedSource(FIT + "Grad");
        assertTrue(generated.contains("Fit.DATA[i][0]"), generated);
        assertTrue(generated.contains("Fit.DATA.length"), generated);
        assertTrue(generated.contains("Table.ROW[k]"), generated);
        assertTrue(generated.contains("Constants.SCALE[k]"), generated);
        assertTrue(generated.contains("import sf.data.Constants;"), generated);
    }

    @Test
    void aCalleeInAnotherPackageThatReadsPackagePrivateFieldsStaysACall() {
        // weigh(x) = (5 * 3 + 0.25) x; twice(x) = 2 weigh(x^2): 4 * 15.25 x. Inlined into sf.CallerGrad, the callee's
        // Constants.HIDDEN and Constants.k would not compile there
        Gradient g = code.assertGradientMatchesDifferences("sf.Caller", "twice", new int[] {0}, 1.5);
        assertEquals(4 * 15.25 * 1.5, g.d("x"), 1e-12);
        assertTrue(!code.generatedSource("sf.CallerGrad").contains("HIDDEN"), code.generatedSource("sf.CallerGrad"));
    }

    @Test
    void anArrayCallIntoAnotherPackageThatReadsAPackagePrivateFieldIsAnError() {
        JavaFileObject lib = JavaFileObjects.forSourceLines("a.Lib",
                "package a;",
                "import io.github.sourcegrad.Differentiable;",
                "public class Lib {",
                "  static final double[] W = {1, 2};",
                "  @Differentiable public static double f(double[] x) { return io.github.sourcegrad.ArrayMath.dot(W, x); }",
                "}");
        JavaFileObject user = JavaFileObjects.forSourceLines("b.User",
                "package b;",
                "import io.github.sourcegrad.Differentiable;",
                "class User {",
                "  @Differentiable static double g(double x) {",
                "    return a.Lib.f(new double[] {x, x * x});",
                "  }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all")
                .compile(lib, user);
        assertThat(compilation).hadErrorContaining("a call that passes or returns arrays is written inline, and f reads "
                + "Lib.W, which is not public; make it public, or compute the arrays here").inFile(user).onLine(5);
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
    }

    private static void assertGradient(String method, double[] point, double... exact) {
        Object[] args = java.util.Arrays.stream(point).boxed().toArray();
        int[] indices = java.util.stream.IntStream.range(0, point.length).toArray();
        Gradient g = code.assertGradientMatchesDifferences(FIT, method, indices, args);
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], g.partials()[i], 1e-12 * (1 + Math.abs(exact[i])), method + " partial " + i);
        }
    }

    // ------------------------------------------------------------------ errors

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("double a = MUTABLE[0];", "reading the array field 'MUTABLE' is not supported: it is not "
                        + "final, and SourceGrad reads only static final arrays as data; make it final, or pass MUTABLE as a "
                        + "parameter (leave it out of wrt if it is data, not a variable to differentiate)"),
                Arguments.of("double a = HIDDEN.length;", "the array field 'HIDDEN' is private, and the generated class, "
                        + "which reads it forward and backward, cannot see it; make HIDDEN package-private (drop 'private'), "
                        + "or pass it as a parameter"),
                Arguments.of("double a = WIDE[0];", "the array field 'WIDE' has type long[]; SourceGrad reads double[], "
                        + "double[][], int[] and int[][] fields as data"),
                Arguments.of("COUNTS[0] = 3; double a = 1;", "writing into the array field 'COUNTS' is not supported: "
                        + "SourceGrad reads static final arrays as constant data; write into a copy: int[] counts = "
                        + "ArrayMath.copy(COUNTS);"),
                Arguments.of("DATA[0][1] = x; double a = 1;", "writing into the array field 'DATA' is not supported: "
                        + "SourceGrad reads static final arrays as constant data; write into a copy: "
                        + "double[][] data = ArrayMath.copy(DATA);"),
                Arguments.of("Table.ROW[1] += x; double a = 1;", "writing into the array field 'ROW' is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedFieldsAreErrorsAtTheLine(String statement, String message) {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Table",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Table {",
                "  @Differentiable static double f(double x) {",
                "    " + statement,
                "    return a * x;",
                "  }",
                "  static final double[][] DATA = {{1, 2}, {3, 4}};",
                "  static final double[] ROW = {1, 2};",
                "  static double[] MUTABLE = {1, 2};",
                "  private static final double[] HIDDEN = {1, 2};",
                "  static final int[] COUNTS = {1, 2};",
                "  static final long[] WIDE = {1, 2};",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all")
                .compile(source);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(5);
    }
}
