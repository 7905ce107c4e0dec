package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every construct outside the supported subset is a compile error at its own line that names it; nothing
 * reaches javac as an exception, and one bad method does not stop the others.
 */
class DiagnosticsTest {

    /** Line 6 of the generated source holds the statement under test, the second of the body (see {@link #method}). */
    private static final int LINE = 6;

    private static JavaFileObject method(String header, String... bodyLines) {
        List<String> lines = new ArrayList<>();
        lines.add("package p;");
        lines.add("import io.github.sourcegrad.Differentiable;");
        lines.add("class Bad {");
        lines.add("  " + header);
        for (String line : bodyLines) {
            lines.add("    " + line);
        }
        lines.add("  }");
        lines.add("  static double helper(double v) { return v; }");
        lines.add("  double instanceField;");
        lines.add("  private static double counter;");
        lines.add("}");
        return JavaFileObjects.forSourceLines("p.Bad", lines);
    }

    private static final String F = "@Differentiable static double f(double x, double y) {";

    static Stream<Arguments> unsupportedStatements() {
        return Stream.of(
                Arguments.of("a label on", new String[] {"double a = x;", "block: { a = y; }", "return a;"}),
                Arguments.of("a switch on a String is supported when the selector is a String parameter", new String[] {"double a = x;", "switch (\"a\") { case \"a\" -> a = y; default -> { } }", "return a;"}),
                Arguments.of("a switch on an enum is supported when the selector is an enum parameter", new String[] {"double a = x;", "switch (java.time.DayOfWeek.MONDAY) { case MONDAY -> a = y; default -> { } }", "return a;"}),
                Arguments.of("a switch on a double value is not supported", new String[] {"double a = x;", "double b = switch (y) { default -> a; };", "return b;"}),
                Arguments.of("a 'break' or 'yield' of a switch inside a 'synchronized' block", new String[] {"double a = x;", "switch ((int) y) { case 1: synchronized (Bad.class) { break; } default: a = y; }", "return a;"}),
                Arguments.of("a 'try' statement", new String[] {"double a = x;", "try { a = y; } finally { }", "return a;"}),
                Arguments.of("this throw statement is not supported; SourceGrad supports 'throw new E()'",
                        new String[] {"double a = x;", "if (a > y) throw (RuntimeException) null;", "return a;"}),
                Arguments.of("a call in the message of a throw is not supported",
                        new String[] {"double a = x;", "if (a > y) throw new IllegalStateException(\"a = \" + Math.abs(a));", "return a;"}),
                Arguments.of("a lambda expression", new String[] {"double a = x;", "double b = Math.max(a, () -> 1);", "return b;"}),
                Arguments.of("local variables of type 'String'", new String[] {"double a = x;", "String s = \"x\";", "return a;"}),
                Arguments.of("object creation with 'new'", new String[] {"double a = x;", "double b = new Double(a);", "return b;"}),
                Arguments.of("array creation", new String[] {"double a = x;", "double b = Math.max(a, new double[] {a}.length);", "return b;"}),
                Arguments.of("assigning to field 'counter'", new String[] {"double a = x;", "counter = a;", "return a;"}),
                Arguments.of("reading the instance field 'instanceField'", new String[] {"double a = x;", "double b = instanceField;", "return a + b;"}),
                Arguments.of("SourceGrad has no derivative for Bad.helper", new String[] {"double a = x;", "double b = helper(a);", "return b;"}),
                Arguments.of("SourceGrad has no derivative for Math.random", new String[] {"double a = x;", "double b = a * Math.random();", "return b;"}),
                Arguments.of("SourceGrad has no derivative for String.valueOf", new String[] {"double a = x;", "String.valueOf(a);", "return a;"}),
                Arguments.of("float literals", new String[] {"double a = x;", "double b = a * 1.5f;", "return b;"}),
                Arguments.of("an assignment, ++ or -- on a side of ?: that Java evaluates only conditionally",
                        new String[] {"double a = x;", "double b = a > 0 ? (a = y) * 2 : a;", "return b;"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedStatements")
    void unsupportedConstructIsAnErrorAtItsLine(String construct, String[] body) {
        Compilation compilation = compile(method(F, body));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(construct).inFile(compilation.sourceFiles().get(0)).onLine(LINE);
        assertOnlySourceGradErrorsBeforeJavac(compilation);
    }

    static Stream<Arguments> badDeclarations() {
        return Stream.of(
                Arguments.of("@Differentiable double f(double x) {", "the instance method f cannot be @Differentiable", 4),
                Arguments.of("@Differentiable static float f(double x) {", "SourceGrad differentiates methods that return double", 4),
                Arguments.of("@Differentiable static double f(double x, Object s) {", "parameter s has type java.lang.Object", 4),
                Arguments.of("@Differentiable(wrt = \"z\") static double f(double x) {", "wrt names 'z', which is not a parameter of f", 4),
                Arguments.of("@Differentiable(wrt = \"n\") static double f(double x, int n) {", "wrt names 'n', a int parameter", 4),
                Arguments.of("@Differentiable(wrt = \"s\") static double f(double x, String s) {", "wrt names 's', a String or enum parameter", 4),
                Arguments.of("@Differentiable static double f(int n) {", "has no double, double[] or double[][] parameter", 4),
                Arguments.of("@Differentiable static double o(double x) {", "would be called do, a Java keyword", 4),
                Arguments.of("@Differentiable static double f(double o) {", "would be called do, a Java keyword", 4));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badDeclarations")
    void badDeclarationIsAnError(String header, String message, int line) {
        Compilation compilation = compile(method(header, "return 1;"));
        assertThat(compilation).hadErrorContaining(message).inFile(compilation.sourceFiles().get(0)).onLine(line);
    }

    @Test
    void wrongWrtNameIsReportedOnTheAnnotation() {
        Compilation compilation = compile(method("@Differentiable(wrt = {\"x\", \"q\"}) static double f(double x) {", "return x;"));
        Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
        String line = "  @Differentiable(wrt = {\"x\", \"q\"}) static double f(double x) {";
        assertEquals(line.indexOf("\"q\"") + 1, error.getColumnNumber(), "the caret points at the bad name: " + error);
    }

    @Test
    void breakOfALabelThatIsNotALoopIsAnError() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Labels",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Labels {",
                "  @Differentiable static double f(double x) {",
                "    done: {",
                "      if (x > 1) { break done; }",
                "      x = x * 2;",
                "    }",
                "    return x;",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("a label on").inFile(source).onLine(5);
    }

    @Test
    void oneBadMethodDoesNotStopTheOthers() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Mixed",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Mixed {",
                "  @Differentiable static double bad(double x) {",
                "    try { x *= 2; } finally { x += 1; }",
                "    return x;",
                "  }",
                "  @Differentiable static double good(double x) {",
                "    return x * x;",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("a 'try' statement").inFile(source).onLine(5);
        String generated = generatedSource(compilation, "p/MixedGrad.java");
        assertTrue(generated.contains("dgood(double x)"), generated);
        assertFalse(generated.contains("dbad"), generated);
        assertEquals(1, compilation.errors().size(), () -> "only the loop is an error: " + compilation.errors());
    }

    @Test
    void callerOfABrokenMethodIsReportedAtTheCall() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Chain",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Chain {",
                "  @Differentiable static double inner(double x) {",
                "    try { x = -x; } finally { x += 1; }",
                "    return x;",
                "  }",
                "  @Differentiable static double outer(double x) {",
                "    return 2 * inner(x);",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("a 'try' statement").inFile(source).onLine(5);
        assertThat(compilation).hadErrorContaining("cannot differentiate through inner").inFile(source).onLine(9);
    }

    @Test
    void recursionIsAnErrorAtTheCall() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Cycle",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Cycle {",
                "  @Differentiable static double even(double x) {",
                "    return odd(x) * 2;",
                "  }",
                "  @Differentiable static double odd(double x) {",
                "    return even(x) + 1;",
                "  }",
                "  @Differentiable static double self(double x) {",
                "    return self(x);",
                "  }",
                "  @Differentiable static double fine(double x) {",
                "    return x + 1;",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("recursion is not supported: even calls odd").inFile(source).onLine(5);
        assertThat(compilation).hadErrorContaining("recursion is not supported: odd calls even").inFile(source).onLine(8);
        assertThat(compilation).hadErrorContaining("recursion is not supported: self calls self").inFile(source).onLine(11);
        String generated = generatedSource(compilation, "p/CycleGrad.java");
        assertTrue(generated.contains("dfine(double x)"), generated);
        assertFalse(generated.contains("deven"), generated);
    }

    @Test
    void userMethodNamedExpShadowsAStaticImportOfMathExp() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Shadow",
                "package p;",
                "import static java.lang.Math.exp;",
                "import io.github.sourcegrad.Differentiable;",
                "class Shadow {",
                "  static double exp(double v) { return v; }",
                "  @Differentiable static double f(double x) {",
                "    return exp(x);",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("SourceGrad has no derivative for Shadow.exp").inFile(source).onLine(7);
    }

    @Test
    void internalFailureIsAnErrorOnTheMethodNotACrash() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Boom",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Boom {",
                "  @Differentiable static double boom(double x) { return x; }",
                "  @Differentiable static double fine(double x) { return x * x; }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor(m -> {
                    if (m.getSimpleName().contentEquals("boom")) {
                        throw new IllegalStateException("simulated bug");
                    }
                }))
                .compile(source);
        assertThat(compilation).hadErrorContaining("internal error while differentiating boom").inFile(source).onLine(4);
        assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: simulated bug");
        assertThat(compilation).hadErrorContaining("report it");
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
    }

    @Test
    void environmentWithoutTheTreeApiGetsOneClearError() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new WrappingProcessor(new DifferentiableProcessor()))
                .compile(JavaFileObjects.forSourceLines("p.Two",
                        "package p;",
                        "import io.github.sourcegrad.Differentiable;",
                        "class Two {",
                        "  @Differentiable static double f(double x, double y) { return x * y; }",
                        "  @Differentiable static double g(double x) { return x; }",
                        "}"));
        List<String> ours = compilation.errors().stream()
                .map(d -> d.getMessage(null))
                .filter(m -> m.contains("[SourceGrad]"))
                .toList();
        assertEquals(1, ours.size(), () -> "one error, not one per method: " + ours);
        assertTrue(ours.get(0).contains("javac Tree API"), ours.get(0));
        assertFalse(ours.get(0).contains("\tat "), "no stack trace: " + ours.get(0));
    }

    /**
     * compile-testing hides the generated files of a failed compilation, so this compiles again with the
     * JDK's compiler API into a temporary directory and reads what the processor wrote there.
     */
    private static String generatedSource(Compilation compilation, String path) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sourcegrad-diagnostics");
            javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
            javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, null, d -> { },
                    List.of("-proc:only", "-s", dir.toString(), "-cp", System.getProperty("java.class.path")),
                    null, compilation.sourceFiles());
            task.setProcessors(List.of(new DifferentiableProcessor()));
            task.call();
            return java.nio.file.Files.readString(dir.resolve(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources);
    }

    /** The processor reports in the round, before javac's own analysis: its errors come first and are never crashes. */
    private static void assertOnlySourceGradErrorsBeforeJavac(Compilation compilation) {
        String all = compilation.errors().stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
        assertTrue(compilation.errors().get(0).getMessage(null).startsWith("[SourceGrad]"), all);
        assertFalse(all.contains("Exception"), all);
    }
}
