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
}
