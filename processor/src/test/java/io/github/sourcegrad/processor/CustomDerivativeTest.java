package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code @CustomDerivative}: a method that SourceGrad does not read (a series, a loop with an early exit, anything)
 * gets its derivative from a pullback written by hand, at every call in {@code @Differentiable} methods. The numbers
 * are checked against exact values and central differences of the original methods; a deliberately wrong pullback
 * shows that the gradient comes from the pullback, not from the method's body; every signature that does not match
 * the rule is an error at the annotation that shows the expected signature.
 */
class CustomDerivativeTest {

    private static final String SPECIAL = "cd.Special";
    private static final String MODEL = "cd.Model";

    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(SPECIAL, """
            package cd;

            import io.github.sourcegrad.CustomDerivative;

            public class Special {
                /** The Bessel function J0 by its power series, summed until the terms stop mattering. */
                @CustomDerivative(pullback = "besselJ0Pullback")
                public static double besselJ0(double x) {
                    double term = 1;
                    double sum = 1;
                    double q = x * x / 4;
                    for (int k = 1; k < 200; k++) {
                        term *= -q / ((double) k * k);
                        sum += term;
                        if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                            break;
                        }
                    }
                    return sum;
                }

                /** J0' = -J1, J1 by its series. */
                static void besselJ0Pullback(double x, double dz, double[] grad) {
                    grad[0] = -dz * besselJ1(x);
                }

                static double besselJ1(double x) {
                    double term = x / 2;
                    double sum = term;
                    double q = x * x / 4;
                    for (int k = 1; k < 200; k++) {
                        term *= -q / ((double) k * (k + 1));
                        sum += term;
                        if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                            break;
                        }
                    }
                    return sum;
                }

                /** Deliberately wrong: the derivative of x * x is 2 x, this pullback says 7, whatever x. */
                @CustomDerivative(pullback = "sevenPullback")
                static double square(double x) {
                    return x * x;
                }

                static void sevenPullback(double x, double dz, double[] grad) {
                    grad[0] = 7 * dz;
                }

                /** a k sum(w) + b^2, with a constant k and an array w between the doubles. */
                @CustomDerivative(pullback = "weightedPullback")
                static double weighted(double a, int k, double[] w, double b) {
                    double s = 0;
                    for (double v : w) {
                        s += v;
                    }
                    return a * k * s + b * b;
                }

                static void weightedPullback(double a, int k, double[] w, double b, double dz, double[] grad, double[] gradW) {
                    double s = 0;
                    for (double v : w) {
                        s += v;
                    }
                    grad[0] = dz * k * s;
                    grad[1] = dz * 2 * b;
                    for (int j = 0; j < w.length; j++) {
                        gradW[j] = dz * a * k;
                    }
                }

                /** Called only where its derivative is not needed: its pullback must not run. */
                @CustomDerivative(pullback = "throwingPullback")
                static double scale(double x) {
                    return 3 * x;
                }

                static void throwingPullback(double x, double dz, double[] grad) {
                    throw new IllegalStateException("the pullback ran");
                }

                public static class Inner {
                    /** A matrix parameter: sum of m[i][j]^3 / 3. */
                    @CustomDerivative(pullback = "cubesPullback")
                    static double cubes(double[][] m) {
                        double s = 0;
                        for (double[] row : m) {
                            for (double v : row) {
                                s += v * v * v / 3;
                            }
                        }
                        return s;
                    }

                    static void cubesPullback(double[][] m, double dz, double[][] gradM) {
                        for (int i = 0; i < m.length; i++) {
                            for (int j = 0; j < m[i].length; j++) {
                                gradM[i][j] = dz * m[i][j] * m[i][j];
                            }
                        }
                    }
                }
            }
            """), source(MODEL, """
            package cd;

            import static cd.Special.besselJ0;

            import io.github.sourcegrad.Differentiable;

            class Model {
                @Differentiable
                static double twice(double x) {
                    return besselJ0(x) * besselJ0(2 * x);
                }

                @Differentiable
                static double looped(double x, int n) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += besselJ0(x + i) * x;
                    }
                    return s;
                }

                @Differentiable
                static double branched(double x) {
                    if (x > 1) {
                        return besselJ0(x) * x;
                    }
                    return x * x;
                }

                @Differentiable
                static double wrong(double x) {
                    return 2 * Special.square(x) + x;
                }

                @Differentiable
                static double arrays(double a, double[] w, double b) {
                    return Math.sin(Special.weighted(a, 3, w, b));
                }

                @Differentiable
                static double matrix(double[][] m, double c) {
                    return c * Special.Inner.cubes(m);
                }

                @Differentiable
                static double[] elementwise(double[] x) {
                    double[] r = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        r[i] = 2 * besselJ0(x[i]);
                    }
                    return r;
                }

                @Differentiable
                static double constantStraight(double x, int n) {
                    return x * Special.scale(n);
                }

                @Differentiable(forward = true)
                static double constantLoop(double x, int n) {
                    double s = x;
                    for (int i = 0; i < n; i++) {
                        s = s * x + Special.scale(i);
                    }
                    return s;
                }

                @Differentiable(forward = true)
                static double forward(double x, double y) {
                    double s = besselJ0(x * y) + Special.square(2.0) * y;
                    for (int i = 0; i < 2; i++) {
                        s = s * besselJ0(s);
                    }
                    return s;
                }
            }
            """));

    /** J0 and J1 at 1 and 2, from tables (Abramowitz and Stegun, table 9.1). */
    private static final double J0_1 = 0.7651976865579666;
    private static final double J1_1 = 0.4400505857449335;
    private static final double J0_2 = 0.2238907791412357;
    private static final double J1_2 = 0.5767248077568734;

    @Test
    void theCompanionOfTheMethodsOwnerHasItsEntryPoint() {
        GeneratedCode code = CODE.get();
        GeneratedCode.Gradient g = code.gradient(SPECIAL, "besselJ0", 1.0);
        assertEquals(J0_1, g.value(), 1e-15);
        assertEquals(-J1_1, g.d("x"), 1e-15);
        String generated = code.generatedSource("cd.SpecialGrad");
        assertTrue(generated.contains("Special.besselJ0Pullback(x, 1, grad);"), generated);
        assertTrue(generated.contains("return new BesselJ0Gradient(Special.besselJ0(x), grad[0]);"), generated);
    }

    @Test
    void callingItTwiceGivesTheProductRule() {
        GeneratedCode code = CODE.get();
        // d/dx J0(x) J0(2x) = -J1(x) J0(2x) - 2 J0(x) J1(2x), at x = 1
        GeneratedCode.Gradient g = code.assertGradientMatchesDifferences(MODEL, "twice", new int[] {0}, 1.0);
        assertEquals(J0_1 * J0_2, g.value(), 1e-15);
        assertEquals(-J1_1 * J0_2 - 2 * J0_1 * J1_2, g.d("x"), 1e-14);
        String generated = code.generatedSource("cd.ModelGrad");
        assertTrue(generated.contains("SpecialGrad.dbesselJ0("), generated);
    }

    @Test
    void inALoopAndInABranch() {
        GeneratedCode code = CODE.get();
        for (double x : new double[] {-0.8, 0.3, 1.7, 4.2}) {
            code.assertGradientMatchesDifferences(MODEL, "looped", new int[] {0}, x, 3);
            code.assertGradientMatchesDifferences(MODEL, "branched", new int[] {0}, x);
        }
        // looped(1, 2) = J0(1) + J0(2): derivative J0(1) - J1(1) + J0(2) - J1(2)
        assertEquals(J0_1 - J1_1 + J0_2 - J1_2, code.gradient(MODEL, "looped", 1.0, 2).d("x"), 1e-14);
        assertEquals(J0_2 - 2 * J1_2, code.gradient(MODEL, "branched", 2.0).d("x"), 1e-14); // J0(x) - x J1(x)
    }

    @Test
    void theGradientComesFromThePullbackNotFromTheBody() {
        GeneratedCode code = CODE.get();
        for (double x : new double[] {-3, 0.5, 10}) {
            GeneratedCode.Gradient g = code.gradient(MODEL, "wrong", x);
            assertEquals(2 * x * x + x, g.value(), 1e-12);
            assertEquals(2 * 7 + 1, g.d("x"), 0.0, "the pullback says 7, the body's derivative would be 2 x");
            double[] grad = new double[1];
            code.gradientInto(MODEL, "wrong", grad, x);
            assertEquals(15, grad[0], 0.0);
        }
    }

    @Test
    void arrayAndIntParametersBetweenTheDoubles() throws Exception {
        GeneratedCode code = CODE.get();
        double a = 0.7;
        double b = -1.3;
        double[] w = {0.2, -0.5, 1.1};
        Method m = code.companion(MODEL).getMethod("darrays", double.class, double[].class, double.class);
        Object record = m.invoke(null, a, w, b);
        double s = 0.2 - 0.5 + 1.1;
        double inner = a * 3 * s + b * b;
        double cos = Math.cos(inner);
        assertEquals(Math.sin(inner), (double) record.getClass().getMethod("value").invoke(record), 1e-15);
        assertEquals(cos * 3 * s, (double) record.getClass().getMethod("da").invoke(record), 1e-14);
        assertEquals(cos * 2 * b, (double) record.getClass().getMethod("db").invoke(record), 1e-14);
        double[] dw = (double[]) record.getClass().getMethod("dw").invoke(record);
        for (double d : dw) {
            assertEquals(cos * a * 3, d, 1e-14);
        }
        // and the buffer form, checked against central differences of the original method
        double[] grad = new double[2];
        double[] gradW = new double[3];
        Method buffer = code.companion(MODEL).getMethod("darrays", double.class, double[].class, double.class,
                double[].class, double[].class);
        buffer.invoke(null, a, w, b, grad, gradW);
        Method f = code.load(MODEL).getDeclaredMethod("arrays", double.class, double[].class, double.class);
        f.setAccessible(true);
        double h = 1e-6;
        GeneratedCode.assertMatchesDifference(((double) f.invoke(null, a + h, w, b) - (double) f.invoke(null, a - h, w, b)) / (2 * h),
                grad[0], "d/da");
        GeneratedCode.assertMatchesDifference(((double) f.invoke(null, a, w, b + h) - (double) f.invoke(null, a, w, b - h)) / (2 * h),
                grad[1], "d/db");
        for (int j = 0; j < w.length; j++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += h;
            down[j] -= h;
            GeneratedCode.assertMatchesDifference(((double) f.invoke(null, a, up, b) - (double) f.invoke(null, a, down, b)) / (2 * h),
                    gradW[j], "d/dw[" + j + "]");
        }
    }

    @Test
    void aMatrixParameterInANestedClass() throws Exception {
        GeneratedCode code = CODE.get();
        double[][] mat = {{1.5, -2}, {0.5, 3}};
        double c = 0.25;
        double[] grad = new double[1];
        double[][] gradM = {new double[2], new double[2]};
        Method buffer = code.companion(MODEL).getMethod("dmatrix", double[][].class, double.class, double[].class, double[][].class);
        double value = (double) buffer.invoke(null, mat, c, grad, gradM);
        double cubes = (1.5 * 1.5 * 1.5 - 8 + 0.125 + 27) / 3;
        assertEquals(c * cubes, value, 1e-15);
        assertEquals(cubes, grad[0], 1e-15);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(c * mat[i][j] * mat[i][j], gradM[i][j], 1e-15, "gradM" + Arrays.toString(new int[] {i, j}));
            }
        }
    }

    @Test
    void forwardModeGoesThroughTheEntryPoint() throws Exception {
        GeneratedCode code = CODE.get();
        Method jvp = code.companion(MODEL).getMethod("jvpforward", double.class, double.class, double.class, double.class);
        for (double[] p : new double[][] {{0.3, 1.1}, {-1.4, 0.6}, {2.0, -0.7}}) {
            GeneratedCode.Gradient g = code.gradient(MODEL, "forward", p[0], p[1]);
            Object tangent = jvp.invoke(null, p[0], p[1], 0.6, -0.8);
            double value = (double) tangent.getClass().getMethod("value").invoke(tangent);
            double t = (double) tangent.getClass().getMethod("tangent").invoke(tangent);
            assertEquals(g.value(), value, 0.0);
            // the same derivative by reverse mode, and by central differences (the square's pullback is constant data)
            assertEquals(0.6 * g.d("x") - 0.8 * g.d("y"), t, 1e-13);
            GeneratedCode.assertMatchesDifference(0.6 * code.centralDifference(MODEL, "forward", 0, p[0], p[1])
                    - 0.8 * code.centralDifference(MODEL, "forward", 1, p[0], p[1]), t, "directional derivative");
        }
        String generated = code.generatedSource("cd.ModelGrad");
        assertTrue(generated.contains("SpecialGrad.BesselJ0Gradient t2Local = SpecialGrad.dbesselJ0(t1);"), generated);
    }

    @Test
    void anArrayResultsJacobianAndPullback() throws Exception {
        GeneratedCode code = CODE.get();
        double[] x = {1.0, 2.0, 0.5};
        double[][] jac = new double[3][3];
        Method jacobian = code.companion(MODEL).getMethod("jacobianelementwise", double[].class, double[][].class);
        double[] r = (double[]) jacobian.invoke(null, x, jac);
        assertEquals(2 * J0_1, r[0], 1e-15);
        assertEquals(2 * J0_2, r[1], 1e-15);
        assertEquals(-2 * J1_1, jac[0][0], 1e-15);
        assertEquals(-2 * J1_2, jac[1][1], 1e-15);
        assertEquals(0.0, jac[0][1], 0.0);
        double h = 1e-6;
        double fd = 2 * (code.primal(SPECIAL, "besselJ0", 0.5 + h) - code.primal(SPECIAL, "besselJ0", 0.5 - h)) / (2 * h);
        GeneratedCode.assertMatchesDifference(fd, jac[2][2], "d r[2] / d x[2]");
    }

    @Test
    void whereNoDerivativeIsNeededThePullbackDoesNotRun() throws Exception {
        GeneratedCode code = CODE.get();
        assertEquals(12.0, code.gradient(MODEL, "constantStraight", 1.5, 4).d("x"), 0.0); // x scale(4) = 12 x
        double[] grad = new double[1];
        code.gradientInto(MODEL, "constantStraight", grad, 1.5, 4);
        assertEquals(12.0, grad[0], 0.0);
        code.gradientInto(MODEL, "constantLoop", grad, 0.7, 2);
        assertEquals(3 * 0.7 * 0.7, grad[0], 1e-15);
        // s = x, then s = s x + 3 i: at n = 2, s = x^3 + 3, ds/dx = 3 x^2
        assertEquals(3 * 0.7 * 0.7, code.gradient(MODEL, "constantLoop", 0.7, 2).d("x"), 1e-15);
        Method jvp = code.companion(MODEL).getMethod("jvpconstantLoop", double.class, int.class, double.class);
        Object tangent = jvp.invoke(null, 0.7, 2, 1.0);
        assertEquals(3 * 0.7 * 0.7, (double) tangent.getClass().getMethod("tangent").invoke(tangent), 1e-15);
        assertTrue(code.generatedSource("cd.ModelGrad").contains("= Special.scale("), code.generatedSource("cd.ModelGrad"));
    }

    // ------------------------------------------------------------------ signatures checked exactly

    /** A class whose method {@code f} names {@code pullback}, declared by {@code declaration}; a caller on line 16. */
    private static Compilation compileWithPullback(String annotation, String declaration) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("cd.Bad", """
                package cd;

                import io.github.sourcegrad.CustomDerivative;
                import io.github.sourcegrad.Differentiable;

                class Bad {
                    %s
                    static double f(double x, int n) {
                        return n * x;
                    }

                    %s

                    @Differentiable
                    static double caller(double x) {
                        return f(x, 2) * x;
                    }
                }
                """.formatted(annotation, declaration)));
    }

    private static final String EXPECTED = "static void fPullback(double x, int n, double dz, double[] grad)";

    private static void assertRejected(Compilation compilation, String message) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(compilation.sourceFiles().get(0)).onLine(7);
        assertThat(compilation).hadErrorContaining(EXPECTED).inFile(compilation.sourceFiles().get(0)).onLine(7);
        // and the caller is not written with a derivative that is not there
        assertThat(compilation).hadErrorContaining("cannot differentiate through f, which has errors of its own")
                .inFile(compilation.sourceFiles().get(0)).onLine(16);
    }

    @Test
    void thePullbackMustExist() {
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "static void fPullbak(double x, int n, double dz, double[] grad) { grad[0] = n * dz; }"),
                "@CustomDerivative on f: Bad has no method named fPullback");
    }

    @Test
    void aScalarShortcutIsNotAcceptedSilently() {
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "static double fPullback(double x, double dz) { return 2 * dz; }"),
                "the parameters of fPullback(double, double) do not match: expected (double, int, double, double[])");
    }

    @Test
    void theParameterTypesAndTheirOrderAreChecked() {
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "static void fPullback(int n, double x, double dz, double[] grad) { grad[0] = n * dz; }"),
                "the parameters of fPullback(int, double, double, double[]) do not match");
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "static void fPullback(double x, int n, float dz, double[] grad) { grad[0] = n * dz; }"),
                "the parameters of fPullback(double, int, float, double[]) do not match");
    }

    @Test
    void thePullbackReturnsVoid() {
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "static double fPullback(double x, int n, double dz, double[] grad) { return grad[0] = n * dz; }"),
                "fPullback returns double, but a pullback returns void");
    }

    @Test
    void thePullbackIsStatic() {
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "void fPullback(double x, int n, double dz, double[] grad) { grad[0] = n * dz; }"),
                "fPullback is an instance method; make it static");
    }

    @Test
    void thePullbackIsNotPrivate() {
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "private static void fPullback(double x, int n, double dz, double[] grad) { grad[0] = n * dz; }"),
                "fPullback is private, and the generated class BadGrad calls it; make it package-private");
    }

    @Test
    void theNameIsNotEmpty() {
        assertRejected(compileWithPullback("@CustomDerivative(pullback = \"\")",
                "static void fPullback(double x, int n, double dz, double[] grad) { grad[0] = n * dz; }"),
                "the pullback's name is empty");
    }

    @Test
    void aPullbackThatThrowsACheckedExceptionIsRefused() {
        Compilation compilation = compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "static void fPullback(double x, int n, double dz, double[] grad) throws java.io.IOException { grad[0] = n * dz; }");
        assertThat(compilation).hadErrorContaining("fPullback throws the checked exception java.io.IOException, which the "
                + "generated class BadGrad cannot pass on; catch it inside fPullback").inFile(compilation.sourceFiles().get(0)).onLine(7);
        assertThat(compilation).hadErrorContaining("cannot differentiate through f, which has errors of its own")
                .inFile(compilation.sourceFiles().get(0)).onLine(16);
        // an unchecked one is fine
        assertThat(compileWithPullback("@CustomDerivative(pullback = \"fPullback\")",
                "static void fPullback(double x, int n, double dz, double[] grad) throws ArithmeticException { grad[0] = n * dz; }"))
                .succeededWithoutWarnings();
    }

    @Test
    void aMethodIsDifferentiableOrHasACustomDerivative() {
        Compilation compilation = compileWithPullback("@Differentiable @CustomDerivative(pullback = \"fPullback\")",
                "static void fPullback(double x, int n, double dz, double[] grad) { grad[0] = n * dz; }");
        assertThat(compilation).hadErrorContaining("a method is either @Differentiable (SourceGrad differentiates its body) "
                + "or has a @CustomDerivative (its pullback is its derivative), not both").inFile(compilation.sourceFiles().get(0)).onLine(7);
    }

    @Test
    void theMethodItselfIsChecked() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("cd.Methods", """
                package cd;

                import io.github.sourcegrad.CustomDerivative;

                class Methods {
                    @CustomDerivative(pullback = "p")
                    double instance(double x) {
                        return x;
                    }

                    @CustomDerivative(pullback = "p")
                    static double[] array(double x) {
                        return new double[] {x};
                    }

                    @CustomDerivative(pullback = "p")
                    private static double hidden(double x) {
                        return x;
                    }

                    @CustomDerivative(pullback = "p")
                    static double constant(int n) {
                        return n;
                    }

                    @CustomDerivative(pullback = "p")
                    static double text(double x, String s) {
                        return x;
                    }

                    static void p(double x, double dz, double[] grad) {
                    }
                }
                """));
        JavaFileObjectLike file = new JavaFileObjectLike(compilation);
        assertThat(compilation).hadErrorContaining("instance is an instance method; make it static").inFile(file.get()).onLine(6);
        assertThat(compilation).hadErrorContaining("array returns double[]; so far a method with a custom derivative returns double")
                .inFile(file.get()).onLine(11);
        assertThat(compilation).hadErrorContaining("hidden is private, and the generated class MethodsGrad calls it for its value")
                .inFile(file.get()).onLine(16);
        assertThat(compilation).hadErrorContaining("constant has no double, double[] or double[][] parameter").inFile(file.get()).onLine(21);
        assertThat(compilation).hadErrorContaining("parameter s has type java.lang.String").inFile(file.get()).onLine(26);
        assertEquals(5, compilation.errors().size(), compilation.errors().toString());
    }

    @Test
    void aCallWithoutADerivativePointsToCustomDerivatives() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("cd.Refused", """
                package cd;

                import io.github.sourcegrad.Differentiable;

                class Refused {
                    @Differentiable
                    static double f(double x) {
                        return Math.exp(x) + Double.longBitsToDouble(7L) * x;
                    }
                }
                """));
        assertThat(compilation).hadErrorContaining("it is a JDK method").inFile(compilation.sourceFiles().get(0)).onLine(8);
        assertThat(compilation).hadErrorContaining("or call it from a static method of your own with a @CustomDerivative, "
                + "whose pullback gives its derivative").inFile(compilation.sourceFiles().get(0)).onLine(8);
    }

    @Test
    void aHelperWithoutADerivativePointsToCustomDerivatives() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("cd.Helper", """
                package cd;

                import io.github.sourcegrad.Differentiable;

                class Helper {
                    @Differentiable
                    static double f(double x) {
                        return helper(x);
                    }

                    static double helper(double x) {
                        return x;
                    }
                }
                """));
        assertThat(compilation).hadErrorContaining("it is not @Differentiable; annotate Helper.helper with @Differentiable, or give it "
                + "a @CustomDerivative whose pullback gives its derivative").inFile(compilation.sourceFiles().get(0)).onLine(8);
    }

    @Test
    void anEntryPointThatWouldClashWithAnOverloadsGradientIsAnError() {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(source("cd.Clash", """
                package cd;

                import io.github.sourcegrad.CustomDerivative;
                import io.github.sourcegrad.Differentiable;

                class Clash {
                    @Differentiable
                    static double f(double x) {
                        return x * x;
                    }

                    @CustomDerivative(pullback = "fPullback")
                    static double f(double x, double[] w) {
                        return x * w[0];
                    }

                    static void fPullback(double x, double[] w, double dz, double[] grad, double[] gradW) {
                        grad[0] = dz * w[0];
                        gradW[0] = dz * x;
                    }
                }
                """));
        assertThat(compilation).hadErrorContaining("the generated method df(double, double[]) of f(double, double[]) would also be "
                + "one of the overload f(double)").inFile(compilation.sourceFiles().get(0)).onLine(13);
    }

    /** The one source file of a compilation. */
    private record JavaFileObjectLike(Compilation compilation) {
        javax.tools.JavaFileObject get() {
            return compilation.sourceFiles().get(0);
        }
    }

    // ------------------------------------------------------------------ compiled separately

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /**
     * A library compiled with SourceGrad carries the entry point of its custom derivative in its companion, and an
     * application compiled later against its class files calls it, as it calls a library's {@code @Differentiable} methods.
     */
    @Test
    void aLibrarysCustomDerivativeIsUsedByCallersCompiledLater() throws Exception {
        compileInto("lib", "lib/Erf.java", """
                package lib;

                import io.github.sourcegrad.CustomDerivative;

                public class Erf {
                    /** erf by its Taylor series (for |x| < 3). */
                    @CustomDerivative(pullback = "erfPullback")
                    public static double erf(double x) {
                        double term = x;
                        double sum = x;
                        for (int n = 1; n < 100; n++) {
                            term *= -x * x / n;
                            sum += term / (2 * n + 1);
                        }
                        return 2 / Math.sqrt(Math.PI) * sum;
                    }

                    public static void erfPullback(double x, double dz, double[] grad) {
                        grad[0] = dz * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
                    }
                }
                """, System.getProperty("java.class.path"));
        compileInto("app", "app/Model.java", """
                package app;

                import io.github.sourcegrad.Differentiable;
                import lib.Erf;

                public class Model {
                    @Differentiable(forward = true)
                    public static double cdf(double x, double mu, double sigma) {
                        return 0.5 * (1 + Erf.erf((x - mu) / (sigma * Math.sqrt(2))));
                    }
                }
                """, dir.resolve("lib") + java.io.File.pathSeparator + System.getProperty("java.class.path"));
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {
                dir.resolve("app").toUri().toURL(), dir.resolve("lib").toUri().toURL()}, getClass().getClassLoader())) {
            Method d = loader.loadClass("app.ModelGrad").getMethod("dcdf", double.class, double.class, double.class, double[].class);
            double x = 1.3;
            double mu = 0.4;
            double sigma = 1.7;
            double[] grad = new double[3];
            double value = (double) d.invoke(null, x, mu, sigma, grad);
            double z = (x - mu) / sigma;
            double density = Math.exp(-z * z / 2) / (sigma * Math.sqrt(2 * Math.PI));
            assertEquals(0.7017400806366911, value, 1e-14); // Python: 0.5 * (1 + math.erf(0.9 / (1.7 * math.sqrt(2))))
            assertEquals(density, grad[0], 1e-14);
            assertEquals(-density, grad[1], 1e-14);
            assertEquals(-density * z, grad[2], 1e-14);
            // forward mode through the library's entry point too
            Method jvp = loader.loadClass("app.ModelGrad").getMethod("jvpcdf", double.class, double.class, double.class,
                    double.class, double.class, double.class);
            Object tangent = jvp.invoke(null, x, mu, sigma, 0.5, 0.25, -2.0);
            assertEquals(0.5 * grad[0] + 0.25 * grad[1] - 2.0 * grad[2],
                    (double) tangent.getClass().getMethod("tangent").invoke(tangent), 1e-14);
        }
    }

    /** javac with the processor and -Xlint:all into dir/{@code name}; fails on any diagnostic. */
    private void compileInto(String name, String path, String source, String classPath) throws Exception {
        java.nio.file.Path file = dir.resolve(name + "-src").resolve(path);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, source);
        java.nio.file.Files.createDirectories(dir.resolve(name));
        java.nio.file.Files.createDirectories(dir.resolve(name + "-generated"));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        javax.tools.DiagnosticCollector<javax.tools.JavaFileObject> diagnostics = new javax.tools.DiagnosticCollector<>();
        try (javax.tools.StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, java.util.List.of("-Xlint:all",
                    "-d", dir.resolve(name).toString(), "-s", dir.resolve(name + "-generated").toString(), "-classpath", classPath),
                    null, files.getJavaFileObjects(file));
            task.setProcessors(java.util.List.of(new DifferentiableProcessor()));
            assertTrue(task.call() && diagnostics.getDiagnostics().isEmpty(), diagnostics.getDiagnostics().toString());
        }
    }
}
