package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Collections;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Limits that end with a clear error at the user's method, never with javac's stack overflow, {@code code too
 * large} or an internal error: expressions nested too deeply and gradients too large for one JVM method.
 */
class LimitsTest {

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources);
    }

    /** {@code x + x + ... + x}, {@code n} terms: an expression {@code n} levels deep. */
    private static String sum(int n) {
        return String.join(" + ", Collections.nCopies(n, "x"));
    }

    private static void assertNoCrash(Compilation compilation) {
        String all = compilation.diagnostics().stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
        assertFalse(all.contains("internal error"), all);
        assertFalse(all.contains("Exception") || all.contains("StackOverflow"), all);
        assertFalse(all.contains("code too large"), all);
    }

    // ------------------------------------------------------------------ nesting

    @Test
    void expressionOfTwoThousandTermsIsAnErrorAtTheExpression() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Deep",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Deep {",
                "  @Differentiable static double f(double x) {",
                "    double y = 2 * x;",
                "    return y + " + sum(2000) + ";",
                "  }",
                "  @Differentiable static double g(double x) { return x * x; }", // after it in the file: still generated
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("this expression is nested more than 1000 levels deep")
                .inFile(source).onLine(6);
        assertThat(compilation).hadErrorContaining("split it into several statements").inFile(source).onLine(6);
        assertEquals(1, compilation.errors().size(), compilation.errors().toString());
        assertNoCrash(compilation);
    }

    @Test
    void deeplyNestedCallsAndParenthesesCountToo() {
        // 998 levels of sums inside the call, the minus and the parentheses: 1,001 levels (javac's own parser
        // overflows on a few hundred calls nested in one another, long before 1,000)
        String nested = "Math.sin(-(" + sum(998) + "))";
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Calls",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Calls {",
                "  @Differentiable static double f(double x) {",
                "    double y = x;",
                "    y = " + nested + ";",
                "    return y;",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("nested more than 1000 levels deep").inFile(source).onLine(6);
        assertNoCrash(compilation);
    }

    @Test
    void aStackOverflowIsNotReportedAsABug() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Stack",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Stack {",
                "  @Differentiable static double deep(double x) { return x; }",
                "  @Differentiable static double fine(double x) { return x * x; }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor(m -> {
                    if (m.getSimpleName().contentEquals("deep")) {
                        throw new StackOverflowError(); // what javac's recursive tree scanners throw on a very deep expression
                    }
                }))
                .compile(source);
        assertThat(compilation).hadErrorContaining("ran out of stack while differentiating deep").inFile(source).onLine(4);
        assertThat(compilation).hadErrorContaining("split long expressions into several statements");
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
        assertFalse(compilation.errors().get(0).getMessage(null).contains("bug"));
    }

    @Test
    void expressionAtTheLimitIsDifferentiated() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Wide", """
                package p;
                import io.github.sourcegrad.Differentiable;
                class Wide {
                    @Differentiable static double f(double x) {
                        return %s;
                    }
                }
                """.formatted(sum(1000))));
        assertEquals(1000 * 1.5, code.primal("p.Wide", "f", 1.5), 1e-9);
        assertEquals(1000, code.gradient("p.Wide", "f", 1.5).d("x"), 0.0);
    }

    // ------------------------------------------------------------------ code size

    /** {@code n} straight-line statements, each about 145 bytes of estimated bytecode in the gradient (132 real): SourceGrad accepts up to about 455, javac up to about 495. */
    private static String straightLine(String cls, int n) {
        StringBuilder body = new StringBuilder();
        body.append("package p;\n");
        body.append("import io.github.sourcegrad.Differentiable;\n");
        body.append("class ").append(cls).append(" {\n");
        body.append("  @Differentiable static double small(double x) { return x * x; }\n");
        body.append("  @Differentiable static double f(double x, double y) {\n");
        body.append("    double a0 = x; double a1 = y;\n");
        for (int i = 2; i < n; i++) {
            body.append("    double a").append(i).append(" = a").append(i - 1).append(" * x + a").append(i - 2).append(" / y - 0.5;\n");
        }
        body.append("    return a").append(n - 1).append(";\n  }\n}\n");
        return body.toString();
    }

    @Test
    void gradientJustUnderTheLimitCompilesAndWorks() {
        GeneratedCode code = GeneratedCode.compile(GeneratedCode.source("p.Under", straightLine("Under", 450)));
        GeneratedCode.Gradient g = code.gradient("p.Under", "f", 0.5, 4.0);
        assertEquals(code.primal("p.Under", "f", 0.5, 4.0), g.value(), 0.0);
        GeneratedCode.assertMatchesDifference(code.centralDifference("p.Under", "f", 0, 0.5, 4.0), g.d("x"), "df/dx");
        GeneratedCode.assertMatchesDifference(code.centralDifference("p.Under", "f", 1, 0.5, 4.0), g.d("y"), "df/dy");
    }

    @Test
    void gradientOverTheLimitIsAnErrorAtTheMethod() {
        // 550 statements: javac's own limit is about 495 (it would say "code too large" in FGrad.java)
        JavaFileObject source = JavaFileObjects.forSourceString("p.Over", straightLine("Over", 550));
        Compilation compilation = compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("the gradient of f is too large for one Java method").inFile(source).onLine(5);
        assertThat(compilation).hadErrorContaining("the JVM allows at most 65,535 in one method; split f into several "
                + "@Differentiable methods").inFile(source).onLine(5);
        assertEquals(1, compilation.errors().size(), compilation.errors().toString()); // small is generated
        assertNoCrash(compilation);
    }

    /**
     * The body of a method of {@code n} statements that reassign 16 locals from one another and the parameters
     * {@code a}, {@code b}, {@code c}: the method itself stays far below the JVM's limit (about 15 bytes a
     * statement), its gradient does not (some 80 to 90).
     */
    static String reassignedBody(int n) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            body.append("double v").append(i).append(" = ").append("abc".charAt(i % 3)).append(" + ").append(i).append(";\n");
        }
        for (int s = 16; s < n; s++) {
            int target = (s * 7) % 16;
            String left = "v" + (s * 5 + 3) % 16;
            String right = "v" + (s * 11 + 1) % 16;
            char p = "abc".charAt(s % 3);
            body.append("v").append(target).append(" = ").append(switch (s % 4) {
                case 0 -> left + " * " + p + " + " + right;
                case 1 -> "Math.sin(" + left + ") - " + right + " * " + p;
                case 2 -> left + " / (1 + " + right + " * " + right + ")";
                default -> "Math.tanh(" + left + " + " + p + ")";
            }).append(";\n");
        }
        body.append("return v0");
        for (int i = 1; i < 16; i++) {
            body.append(" + v").append(i);
        }
        return body.append(";").toString();
    }

    @Test
    void aMethodOfThreeThousandStatementsGetsThePositionedError() {
        JavaFileObject source = JavaFileObjects.forSourceString("p.Long", "package p;\n"
                + "import io.github.sourcegrad.Differentiable;\n"
                + "class Long {\n"
                + "  @Differentiable static double small(double x) { return x * x; }\n"
                + "  @Differentiable static double big(double a, double b, double c) {\n" + reassignedBody(3000) + "\n  }\n"
                + "}\n");
        Compilation compilation = compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("the gradient of big is too large for one Java method: the generated "
                + "dbig would have about").inFile(source).onLine(5);
        assertEquals(1, compilation.errors().size(), compilation.errors().toString()); // small is generated, big itself compiles
        assertNoCrash(compilation);
        // BytecodeSizeTest calibrates the estimate on this shape (600 statements: 48,683 bytes real, estimated 1.08
        // times that); here it grows with the method: 3,000 statements of some 80 to 90 bytes of gradient each
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("about ([0-9,]+) bytes")
                .matcher(compilation.errors().get(0).getMessage(null));
        assertTrue(m.find());
        int estimated = Integer.parseInt(m.group(1).replace(",", ""));
        assertTrue(estimated > 150_000 && estimated < 400_000, "estimated " + estimated);
    }
}
