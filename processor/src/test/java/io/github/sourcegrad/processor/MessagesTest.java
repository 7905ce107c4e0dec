package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages that once misled (issue 11): each names the construct, says why it is not supported, and gives a fix
 * the user can apply.
 */
class MessagesTest {

    @Test
    void callerOfARecursiveMethodIsToldItIsRecursive() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Rec",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Rec {",
                "  @Differentiable static double halve(double x) {",
                "    return x > 1 ? halve(x / 2) : x;",
                "  }",
                "  @Differentiable static double caller(double x) {",
                "    return 3 * halve(x);",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("recursion is not supported: halve calls halve").inFile(source).onLine(5);
        assertThat(compilation).hadErrorContaining("cannot differentiate through halve: it is recursive (it calls itself, "
                + "directly or through other @Differentiable methods), and recursion is not supported; write halve with a loop "
                + "instead").inFile(source).onLine(8);
        assertNoErrorContaining(compilation, "other libraries");
    }

    static Stream<Arguments> callsWithoutADerivative() {
        return Stream.of(
                Arguments.of("double[] c = java.util.Arrays.copyOf(v, 2);",
                        "SourceGrad has no derivative for Arrays.copyOf(...): it is a JDK method, and SourceGrad has derivative "
                                + "rules only for Math and StrictMath functions, the operations of io.github.sourcegrad.SmoothMath "
                                + "and io.github.sourcegrad.ArrayMath, and calls to @Differentiable methods (of this "
                                + "compilation, or of libraries compiled with SourceGrad); write the computation with those"),
                Arguments.of("System.arraycopy(v, 0, v, 1, 1); double[] c = v;",
                        "SourceGrad has no derivative for System.arraycopy(...): it is a JDK method"),
                Arguments.of("String.valueOf(x); double[] c = v;",
                        "SourceGrad has no derivative for String.valueOf(...): it is a JDK method"),
                Arguments.of("fill(v); double[] c = v;",
                        "SourceGrad has no derivative for Calls.fill(...): it returns void, and a method that returns nothing "
                                + "cannot be differentiated (SourceGrad follows values, not side effects); make fill return the "
                                + "value it computes (a double, double[] or double[][]) and annotate it with @Differentiable"),
                Arguments.of("double[] c = v; x = count(v);",
                        "SourceGrad has no derivative for Calls.count(...): it returns int, and only methods that return "
                                + "double, double[] or double[][] can be @Differentiable, and one that returns int is computed "
                                + "as written only when it is static and takes int, long, double and boolean values; compute "
                                + "its value in this method instead"),
                Arguments.of("double[] c = v; x = helper(x);",
                        "SourceGrad has no derivative for Calls.helper(...): it is not @Differentiable; annotate Calls.helper "
                                + "with @Differentiable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsWithoutADerivative")
    void callWithoutADerivativeSaysWhatIsWrong(String statement, String message) {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Calls",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Calls {",
                "  @Differentiable static double f(double x, double[] v) {",
                "    " + statement,
                "    return x * c[0];",
                "  }",
                "  static void fill(double[] a) { a[0] = 1; }",
                "  static int count(double[] a) { return a.length; }",
                "  static double helper(double v) { return v; }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(5);
        if (!message.contains("helper")) {
            assertNoErrorContaining(compilation, "annotate Calls");
            assertNoErrorContaining(compilation, "annotate Arrays");
            assertNoErrorContaining(compilation, "annotate System");
            assertNoErrorContaining(compilation, "annotate String");
        }
    }

    static Stream<Arguments> arrayFieldReads() {
        return Stream.of(
                Arguments.of("double a = DATA[0][1];"),
                Arguments.of("double a = Table.DATA[1][0];"),
                Arguments.of("double a = p.Table.DATA[1][0];"),
                Arguments.of("double a = DATA.length;"),
                Arguments.of("double a = Table.ROW.length;"),
                Arguments.of("double a = ROW[1];"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrayFieldReads")
    void staticFinalArrayFieldsAreReadAsData(String statement) {
        Compilation compilation = compile(table(statement, "final"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrayFieldReads")
    void readingANonFinalArrayFieldSaysMakeItFinalOrPassItAsAParameter(String statement) {
        JavaFileObject source = table(statement, "");
        Compilation compilation = compile(source);
        String field = statement.contains("DATA") ? "DATA" : "ROW";
        assertThat(compilation).hadErrorContaining("reading the array field '" + field + "' is not supported: it is not "
                + "final, and SourceGrad reads only static final arrays as data; make it final, or pass " + field
                + " as a parameter (leave it out of wrt if it is data, not a variable to differentiate)")
                .inFile(source).onLine(5);
        assertNoErrorContaining(compilation, "as a class");
    }

    private static JavaFileObject table(String statement, String modifier) {
        return JavaFileObjects.forSourceLines("p.Table",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Table {",
                "  @Differentiable static double f(double x) {",
                "    " + statement,
                "    return a * x;",
                "  }",
                "  static " + modifier + " double[][] DATA = {{1, 2}, {3, 4}};",
                "  static " + modifier + " double[] ROW = {1, 2};",
                "}");
    }

    static Stream<Arguments> mathArguments() {
        return Stream.of(
                Arguments.of("double a = Math.addExact(x, 2);", "Math.addExact of these arguments does not exist: "
                        + "addExact takes int and long values"),
                Arguments.of("long n = 3; double a = Math.scalb(x, n);", "Math.scalb of these arguments does not exist: "
                        + "scalb's scale factor is an int"),
                Arguments.of("double a = Math.copySign(2, -1) * x;", "Math.copySign of an int or long value computes in "
                        + "float, which SourceGrad does not support; write Math.copySign((double) ...)"),
                Arguments.of("double a = StrictMath.scalb(3, 2) * x;", "StrictMath.scalb of an int or long value computes "
                        + "in float"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mathArguments")
    void mathFunctionsWithArgumentsJavaHasNoOverloadForAreErrors(String statement, String message) {
        JavaFileObject source = table(statement, "final");
        assertThat(compile(source)).hadErrorContaining(message).inFile(source).onLine(5);
    }

    @Test
    void companionNameTakenByAUserClassIsAnErrorAtTheClass() {
        JavaFileObject foo = JavaFileObjects.forSourceLines("p.Foo",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Foo {",
                "  @Differentiable static double f(double x) { return x * x; }",
                "}");
        JavaFileObject fooGrad = JavaFileObjects.forSourceLines("p.FooGrad",
                "package p;",
                "class FooGrad {",
                "}");
        Compilation compilation = compile(foo, fooGrad);
        assertThat(compilation).hadErrorContaining("SourceGrad cannot write the gradients of p.Foo: they go into a class "
                + "named p.FooGrad, and a class of that name already exists; rename that class (or rename Foo)")
                .inFile(foo).onLine(3);
        assertNoErrorContaining(compilation, "Attempt to recreate");
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
    }

    @Test
    void aPrivateCalleeThatReturnsAnArraySaysWhyItMustBeCallable() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Twice",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Twice {",
                "  @Differentiable private static double[] twice(double[] v) { return io.github.sourcegrad.ArrayMath.scale(2, v); }",
                "  @Differentiable static double f(double[] v) {",
                "    double s = 0;",
                "    for (int i = 0; i < 2; i++) { s += twice(v)[i]; }",
                "    return s;",
                "  }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("this call of twice returns an array and stays a call (f has branches, "
                + "loops or element writes), so the generated gradient calls twice itself for its value, and twice is "
                + "private; make it package-private").inFile(source).onLine(7);
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());

        // package-private, the same call compiles, without warnings
        JavaFileObject callable = JavaFileObjects.forSourceLines("p.Twice",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Twice {",
                "  @Differentiable static double[] twice(double[] v) { return io.github.sourcegrad.ArrayMath.scale(2, v); }",
                "  @Differentiable static double f(double[] v) {",
                "    double s = 0;",
                "    for (int i = 0; i < 2; i++) { s += twice(v)[i]; }",
                "    return s;",
                "  }",
                "}");
        assertThat(compile(callable)).succeededWithoutWarnings();
    }

    @Test
    void internalErrorsNameTheIssueTracker() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor(m -> {
                    throw new IllegalStateException("simulated bug");
                }))
                .compile(twoMethods());
        assertThat(compilation).hadErrorContaining("This is a bug in SourceGrad, not in your code: please report it at "
                + "https://github.com/sourcegrad/sourcegrad/issues with the method's source and this trace:");
    }

    @Test
    void aMissingClassOnTheProcessorPathIsASetUpProblem() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor(m -> {
                    throw new NoClassDefFoundError("com/palantir/javapoet/JavaFile");
                }, file -> { }))
                .compile(twoMethods());
        assertThat(compilation).hadErrorContaining("SourceGrad cannot run: the class com.palantir.javapoet.JavaFile is "
                + "missing from the annotation processor path. This is a problem of the build's set-up, not of your code: "
                + "put the sourcegrad-processor jar on the processor path as one jar (it bundles what it needs)");
        assertNoErrorContaining(compilation, "bug in SourceGrad");
        assertEquals(1, sourceGradErrors(compilation).size(), () -> "one error, not one per method: " + compilation.errors());
    }

    @Test
    void aSourceLevelWithoutRecordsGetsOneClearError() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("--release", "11")
                .compile(twoMethods());
        List<String> ours = sourceGradErrors(compilation);
        assertEquals(1, ours.size(), () -> "one error, not one per method: " + compilation.errors());
        assertTrue(ours.get(0).contains("the Java source level of this compilation is 11, but the gradients SourceGrad "
                + "writes use records, which need Java 16 or newer; compile with --release 17 (Maven: "
                + "<maven.compiler.release>17</maven.compiler.release>"), ours.get(0));
        assertEquals(1, compilation.errors().size(), () -> "javac fails in no generated file: " + compilation.errors());
    }

    private static JavaFileObject twoMethods() {
        return JavaFileObjects.forSourceLines("p.Two",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Two {",
                "  @Differentiable static double f(double x, double y) { return x * y; }",
                "  @Differentiable static double g(double x) { return x; }",
                "}");
    }

    private static List<String> sourceGradErrors(Compilation compilation) {
        return compilation.errors().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[SourceGrad]")).toList();
    }

    static Stream<Arguments> helpersNotComputedAsWritten() {
        String because = "SourceGrad has no derivative for Helpers.%s(...): it returns int, and it cannot be computed as "
                + "written because ";
        return Stream.of(
                Arguments.of("hidden(n)", "SourceGrad has no derivative for Helpers.hidden(...): it returns int and is "
                        + "private, so the generated class cannot call it; make it package-private; a static helper that "
                        + "returns int, long or boolean is computed as written (derivative 0) when the generated class can "
                        + "call it and its body reads only its parameters, its locals and static final constants, and calls "
                        + "only Math functions and such helpers"),
                Arguments.of("Inner.hidden(n)", "SourceGrad has no derivative for Inner.hidden(...): it returns int and is "
                        + "in the private class Inner, so the generated class cannot call it; make that class package-private"),
                Arguments.of("readsCounter(n)", String.format(because, "readsCounter") + "it reads counter, which is neither "
                        + "one of its parameters or locals nor a static final constant of a primitive type"),
                Arguments.of("writesCounter(n)", String.format(because, "writesCounter") + "it writes counter, which is not "
                        + "one of its locals"),
                Arguments.of("random(n)", String.format(because, "random") + "it calls Math.random, which is neither a Math "
                        + "function, nor one of Boolean.compare"),
                Arguments.of("withArray(n)", String.format(because, "withArray") + "it declares 'a' of type int[]"),
                Arguments.of("outer(n)", String.format(because, "outer") + "it calls readsCounter, which is neither"),
                Arguments.of("Integer.reverseBytes(n)", "SourceGrad has no derivative for Integer.reverseBytes(...): it returns "
                        + "int, and of the JDK's methods that return int, long or boolean SourceGrad computes only these as "
                        + "written (derivative 0): Boolean.compare, Boolean.logicalAnd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helpersNotComputedAsWritten")
    void helperThatIsNotPureOrVisibleSaysWhy(String call, String message) {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Helpers",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Helpers {",
                "  @Differentiable static double f(double x, int n) {",
                "    return x * " + call + ";",
                "  }",
                "  static int counter;",
                "  private static int hidden(int n) { return n + 1; }",
                "  static int readsCounter(int n) { return n + counter; }",
                "  static int writesCounter(int n) { counter++; return n; }",
                "  static int random(int n) { return (int) (Math.random() * n); }",
                "  static int withArray(int n) { int[] a = {n}; return 2 * a[0]; }",
                "  static int outer(int n) { return readsCounter(n) + 1; }",
                "  private static class Inner { static int hidden(int n) { return n; } }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(5);
    }

    static Stream<Arguments> bitwiseOperatorsOnDoubles() {
        return Stream.of(
                Arguments.of("x & 1", "the operator & takes int and long values, or two booleans, not double and int"),
                Arguments.of("n << x", "the operator << takes int and long values, not int and double"),
                Arguments.of("~x", "the operator ~ takes an int or a long, not a double"),
                Arguments.of("(x > 0) | n", "the operator | takes int and long values, or two booleans, not boolean and int"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bitwiseOperatorsOnDoubles")
    void bitwiseOperatorOnADoubleSaysWhatItTakes(String expression, String message) {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.Bits",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Bits {",
                "  @Differentiable static double f(double x, int n) {",
                "    double z = " + expression + ";",
                "    return x * z;",
                "  }",
                "}");
        assertThat(compile(source)).hadErrorContaining(message).inFile(source).onLine(5);
    }

    private static void assertNoErrorContaining(Compilation compilation, String text) {
        String all = compilation.errors().stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
        assertFalse(all.contains(text), all);
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources);
    }
}
