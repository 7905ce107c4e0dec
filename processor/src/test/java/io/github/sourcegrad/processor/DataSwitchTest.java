package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code switch} on a {@code String} or enum parameter (issue 12), statements and expressions, arrow and colon
 * forms, fall-through and default; {@code ==}/{@code !=} with enum constants and {@code null}, and
 * {@code equals} with string literals. Such parameters pass through to both generated forms with their own
 * type; a null selector throws {@link NullPointerException} as Java's switch does. Each gradient is checked in
 * both forms against its exact value and against central differences; every other use of such a parameter is an
 * error at its line.
 */
class DataSwitchTest {

    private static final double EPS = 1e-12;

    private static final String CLS = "ds.Acts";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package ds;

            import io.github.sourcegrad.Differentiable;

            class Acts {
                enum Kind { TANH, RELU, SOFTPLUS, IDENTITY }

                @Differentiable
                static double activate(double x, Kind kind) {
                    switch (kind) {
                        case TANH:
                            return Math.tanh(x);
                        case RELU:
                            return x > 0 ? x : 0;
                        case SOFTPLUS:
                            return Math.log1p(Math.exp(x));
                        default:
                            return x;
                    }
                }

                @Differentiable
                static double everyConstant(double x, Kind kind) {
                    double y = switch (kind) {
                        case TANH -> Math.tanh(x);
                        case RELU, SOFTPLUS -> x * x;
                        case IDENTITY -> x;
                    };
                    return 2 * y;
                }

                @Differentiable
                static double inALoop(double x, Kind kind, int n) {
                    double s = x;
                    for (int i = 0; i < n; i++) {
                        switch (kind) {
                            case TANH -> s = Math.tanh(s) + x;
                            case RELU -> s = s > 0 ? s * 0.5 : 0.1 * s;
                            default -> s = s * x;
                        }
                    }
                    if (kind == Kind.IDENTITY) {
                        return s + 1;
                    }
                    return kind != Kind.SOFTPLUS ? s : -s;
                }

                @Differentiable
                @SuppressWarnings("fallthrough")
                static double byName(double x, String mode) {
                    double y = x;
                    switch (mode) {
                        case "square":
                            y = y * y;
                        case "shift":
                            y = y + 1;
                            break;
                        case "sin", "sine":
                            y = Math.sin(y);
                            break;
                        default:
                            y = -y;
                    }
                    return y;
                }

                @Differentiable
                static double byNameExpression(double x, String mode) {
                    return x * switch (mode) {
                        case "a" -> x;
                        case "b" -> {
                            double t = x * x;
                            yield t + x;
                        }
                        default -> Math.exp(x);
                    };
                }

                @Differentiable
                static double equalsAndNull(double x, String mode) {
                    if (mode != null && mode.equals("half")) {
                        return x / 2;
                    }
                    if ("twice".equals(mode)) {
                        return 2 * x;
                    }
                    return mode == null ? x * x : x;
                }

                @Differentiable
                static double pick(double x, String mode) {
                    return mode.equals("cube") ? x * x * x : x;
                }

                @Differentiable
                static double pick(double x, Kind kind) {
                    return kind == Kind.TANH ? Math.tanh(x) : -x;
                }

                static final String DEFAULT_MODE = "cube";
                static final Kind DEFAULT_KIND = Kind.RELU;

                @Differentiable
                static double constants(double x, String mode, Kind kind) {
                    double y = switch (DEFAULT_MODE) {
                        case "cube" -> x * x * x;
                        default -> x;
                    };
                    if (mode.equals(DEFAULT_MODE) || kind == DEFAULT_KIND) {
                        y = 2 * y;
                    }
                    return y;
                }

                @Differentiable
                static double onlyDefault(double x, String mode) {
                    double y = x;
                    switch (mode) {
                        default -> y = 3 * x;
                    }
                    return y;
                }
            }
            """));

    // ------------------------------------------------------------------ enum

    @ParameterizedTest
    @CsvSource({"0.7, TANH", "0.7, RELU", "-0.7, RELU", "0.3, SOFTPLUS", "0.3, IDENTITY"})
    void aColonSwitchOnAnEnumWhoseCasesReturn(double x, String kind) {
        double[] expected = switch (kind) {
            case "TANH" -> new double[] {Math.tanh(x), 1 - Math.tanh(x) * Math.tanh(x)};
            case "RELU" -> x > 0 ? new double[] {x, 1} : new double[] {0, 0};
            case "SOFTPLUS" -> new double[] {Math.log1p(Math.exp(x)), Math.exp(x) / (1 + Math.exp(x))};
            default -> new double[] {x, 1};
        };
        check("activate", expected, x, kind(kind));
    }

    @ParameterizedTest
    @CsvSource({"0.7, TANH", "0.7, RELU", "0.7, SOFTPLUS", "0.7, IDENTITY"})
    void aSwitchExpressionThatCoversEveryConstant(double x, String kind) {
        double[] expected = switch (kind) {
            case "TANH" -> new double[] {2 * Math.tanh(x), 2 * (1 - Math.tanh(x) * Math.tanh(x))};
            case "RELU", "SOFTPLUS" -> new double[] {2 * x * x, 4 * x};
            default -> new double[] {2 * x, 2};
        };
        check("everyConstant", expected, x, kind(kind));
    }

    @ParameterizedTest
    @CsvSource({"0.8, TANH, 3", "0.8, RELU, 4", "-0.8, RELU, 2", "1.1, SOFTPLUS, 3", "0.9, IDENTITY, 2", "0.9, TANH, 0"})
    void aSwitchOnAnEnumInALoopAndComparisonsWithItsConstants(double x, String kind, int n) {
        double s = x;
        double ds = 1;
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case "TANH" -> {
                    double t = Math.tanh(s);
                    ds = (1 - t * t) * ds + 1;
                    s = t + x;
                }
                case "RELU" -> {
                    double f = s > 0 ? 0.5 : 0.1;
                    s *= f;
                    ds *= f;
                }
                default -> {
                    ds = ds * x + s;
                    s *= x;
                }
            }
        }
        double[] expected = kind.equals("IDENTITY") ? new double[] {s + 1, ds}
                : kind.equals("SOFTPLUS") ? new double[] {-s, -ds} : new double[] {s, ds};
        check("inALoop", expected, x, kind(kind), n);
    }

    // ------------------------------------------------------------------ String

    @ParameterizedTest
    @CsvSource({"0.6, square", "0.6, shift", "0.6, sin", "0.6, sine", "0.6, other", "0.6, ''"})
    void aColonSwitchOnAStringWithFallThrough(double x, String mode) {
        double[] expected = switch (mode) {
            case "square" -> new double[] {x * x + 1, 2 * x};
            case "shift" -> new double[] {x + 1, 1};
            case "sin", "sine" -> new double[] {Math.sin(x), Math.cos(x)};
            default -> new double[] {-x, -1};
        };
        check("byName", expected, x, mode);
    }

    @ParameterizedTest
    @CsvSource({"0.6, a", "0.6, b", "0.6, c"})
    void aSwitchExpressionOnAString(double x, String mode) {
        double[] expected = switch (mode) {
            case "a" -> new double[] {x * x, 2 * x};
            case "b" -> new double[] {x * x * x + x * x, 3 * x * x + 2 * x};
            default -> new double[] {x * Math.exp(x), Math.exp(x) * (1 + x)};
        };
        check("byNameExpression", expected, x, mode);
    }

    @ParameterizedTest
    @CsvSource(value = {"0.6, half", "0.6, twice", "0.6, other", "0.6, NULL"}, nullValues = "NULL")
    void equalsWithLiteralsAndComparisonsWithNull(double x, String mode) {
        double[] expected = "half".equals(mode) ? new double[] {x / 2, 0.5} : "twice".equals(mode) ? new double[] {2 * x, 2}
                : mode == null ? new double[] {x * x, 2 * x} : new double[] {x, 1};
        check("equalsAndNull", expected, x, mode);
    }

    @Test
    void overloadsThatDifferInTheirStringOrEnumParameter() throws Throwable {
        Method byString = CODE.get().companion(CLS).getMethod("dpick", double.class, String.class);
        Method byKind = CODE.get().companion(CLS).getMethod("dpick", double.class, CODE.get().load("ds.Acts$Kind"));
        Object cube = call(byString, 0.5, "cube");
        assertEquals(0.75, (Double) cube.getClass().getRecordComponents()[1].getAccessor().invoke(cube), EPS);
        Object tanh = call(byKind, 0.5, kind("TANH"));
        assertEquals(1 - Math.pow(Math.tanh(0.5), 2), (Double) tanh.getClass().getRecordComponents()[1].getAccessor().invoke(tanh), EPS);
        Object other = call(byKind, 0.5, kind("RELU"));
        assertEquals(-1, (Double) other.getClass().getRecordComponents()[1].getAccessor().invoke(other), EPS);
    }

    @ParameterizedTest
    @CsvSource({"0.6, cube, TANH", "0.6, square, RELU", "0.6, square, TANH"})
    void staticFinalStringAndEnumFields(double x, String mode, String kind) {
        double factor = mode.equals("cube") || kind.equals("RELU") ? 2 : 1;
        check("constants", new double[] {factor * x * x * x, factor * 3 * x * x}, x, mode, kind(kind));
        assertTrue(CODE.get().generatedSource("ds.ActsGrad").contains("mode.equals(Acts.DEFAULT_MODE) || kind == Acts.DEFAULT_KIND"));
    }

    // ------------------------------------------------------------------ null selectors

    static Stream<Arguments> nullSelectors() {
        return Stream.of(Arguments.of("activate"), Arguments.of("everyConstant"), Arguments.of("byName"),
                Arguments.of("byNameExpression"), Arguments.of("onlyDefault"));
    }

    @ParameterizedTest
    @MethodSource("nullSelectors")
    void aNullSelectorThrowsLikeJavasSwitch(String method) {
        assertThrows(NullPointerException.class, () -> call(primal(method), 0.5, null), "the method itself");
        assertThrows(NullPointerException.class, () -> call(record(method), 0.5, null), "the record form");
        assertThrows(NullPointerException.class, () -> call(buffer(method), 0.5, null, new double[1]), "the buffer form");
    }

    @Test
    void onlyDefaultStillRunsItsCase() {
        check("onlyDefault", new double[] {1.5, 3}, 0.5, "anything");
    }

    // ------------------------------------------------------------------ generated code

    @Test
    void theParametersKeepTheirTypesAndTheCasesReadAsComparisons() throws Exception {
        String generated = CODE.get().generatedSource("ds.ActsGrad");
        Class<?> kind = CODE.get().load("ds.Acts$Kind");
        assertEquals(kind, record("activate").getParameterTypes()[1]);
        assertEquals(String.class, buffer("byName").getParameterTypes()[1]);
        assertTrue(generated.contains("if (Objects.requireNonNull(kind) == Acts.Kind.TANH) {"), generated);
        assertTrue(generated.contains("} else if (kind == Acts.Kind.RELU) {"), generated);
        assertTrue(generated.contains("if (mode.equals(\"square\")) {"), generated);
        assertTrue(generated.contains("} else if (mode.equals(\"sin\") || mode.equals(\"sine\")) {"), generated);
        assertTrue(generated.contains("\"twice\".equals(mode)"), generated);
        assertTrue(generated.contains("{@link Acts#activate(double, ds.Acts.Kind)}"), generated);
        // a switch with only a default still throws on null
        assertTrue(generated.contains("        Objects.requireNonNull(mode);\n        double y2 = 3 * x;"), generated);
    }

    // ------------------------------------------------------------------ errors

    static Stream<Arguments> unsupportedUses() {
        return Stream.of(
                Arguments.of("double d = mode.length();",
                        "the String parameter 'mode' can only be a switch selector, compared to a string literal with mode.equals(\"...\")"),
                Arguments.of("double d = kind.ordinal();",
                        "the enum parameter 'kind' (Kind) can only be a switch selector, or compared with == or != to a constant of Kind (kind == Kind.A)"),
                Arguments.of("double d = mode == \"a\" ? 1 : 0;", "== and != compare String references, not their text"),
                Arguments.of("double d = mode.equals(other()) ? 1 : 0;", "the String parameter 'mode' can only be"),
                Arguments.of("double d = helper(kind);", "the enum parameter 'kind' (Kind) can only be"),
                Arguments.of("mode = \"b\"; double d = 0;", "assigning the parameter 'mode' is not supported"),
                Arguments.of("double d = kind == OTHER && MODE.equals(mode) ? 1 : MODE.length();",
                        "the String field 'MODE' can only be"),
                Arguments.of("double d = switch (SECRET) { case \"a\" -> 1; default -> 2; };",
                        "the generated class cannot read the private field 'SECRET'; make it package-private"));
    }

    @ParameterizedTest
    @MethodSource("unsupportedUses")
    void everyOtherUseIsAnErrorAtItsLine(String statement, String message) {
        JavaFileObject file = JavaFileObjects.forSourceLines("p.Bad",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Bad {",
                "  enum Kind { A, B }",
                "  static final Kind OTHER = Kind.B;",
                "  static final String MODE = \"a\";",
                "  private static final String SECRET = \"b\";",
                "  @Differentiable static double f(double x, String mode, Kind kind) {",
                "    " + statement,
                "    return x + d;",
                "  }",
                "  static String other() { return \"a\"; }",
                "  static double helper(Kind k) { return 1; }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(file);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(9);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void qualifiedEnumLabelsAndCaseNullOnJdk21() throws Throwable {
        assumeTrue(Runtime.version().feature() >= 21, "qualified enum case labels and case null need JDK 21");
        GeneratedCode code = GeneratedCode.compile(source("q.Qualified", """
                package q;

                import io.github.sourcegrad.Differentiable;

                class Qualified {
                    enum Kind { A, B }

                    @Differentiable
                    static double f(double x, Kind kind) {
                        return switch (kind) {
                            case Kind.A -> x * x;
                            case B -> 3 * x;
                        };
                    }
                }
                """));
        Object b = Enum.valueOf((Class) code.load("q.Qualified$Kind"), "B");
        Method df = code.companion("q.Qualified").getMethod("df", double.class, code.load("q.Qualified$Kind"));
        Object r = call(df, 0.5, b);
        assertEquals(3, (Double) r.getClass().getRecordComponents()[1].getAccessor().invoke(r), EPS);

        JavaFileObject file = JavaFileObjects.forSourceLines("q.Null",
                "package q;",
                "import io.github.sourcegrad.Differentiable;",
                "class Null {",
                "  @Differentiable static double f(double x, String mode) {",
                "    return switch (mode) {",
                "      case null -> 0;",
                "      default -> x;",
                "    };",
                "  }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(file);
        assertThat(compilation).hadErrorContaining("'case null' is not supported; test mode == null in an if before the switch")
                .inFile(file).onLine(6);
    }

    @Test
    void aPrivateEnumCannotBeNamedByTheGeneratedClass() {
        JavaFileObject file = JavaFileObjects.forSourceLines("p.Hidden",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "class Hidden {",
                "  private enum Kind { A, B }",
                "  @Differentiable",
                "  static double f(double x, Kind kind) {",
                "    return kind == Kind.A ? x : 2 * x;",
                "  }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(file);
        assertThat(compilation).hadErrorContaining("which the generated class HiddenGrad cannot name").inFile(file).onLine(6);
    }

    // ------------------------------------------------------------------ checks

    private static Object kind(String name) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object constant = Enum.valueOf((Class) CODE.get().load("ds.Acts$Kind"), name);
        return constant;
    }

    private static Method primal(String method) {
        return only(CODE.get().load(CLS), method, -1);
    }

    private static Method record(String method) {
        return only(CODE.get().companion(CLS), "d" + method, 0);
    }

    private static Method buffer(String method) {
        return only(CODE.get().companion(CLS), "d" + method, 1);
    }

    /** The method named {@code name}: of the companion's two, the one with {@code extra} more parameters than the other. */
    private static Method only(Class<?> owner, String name, int extra) {
        Method[] found = Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                .sorted((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount())).toArray(Method[]::new);
        if (found.length == 0) {
            return fail("no method " + name + " in " + owner);
        }
        Method m = extra <= 0 ? found[0] : found[found.length - 1];
        m.setAccessible(true);
        return m;
    }

    private static Object call(Method m, Object... args) throws Throwable {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Value and derivative with respect to {@code x} (the first argument) in both forms, and against central differences. */
    private static void check(String method, double[] expected, Object... args) {
        String where = method + Arrays.toString(args);
        try {
            double primal = (Double) call(primal(method), args);
            assertRelative(expected[0], primal, where + ": the method itself");
            Object r = call(record(method), args);
            RecordComponent[] parts = r.getClass().getRecordComponents();
            assertRelative(expected[0], (Double) parts[0].getAccessor().invoke(r), where + ": value()");
            double dx = (Double) parts[1].getAccessor().invoke(r);
            assertRelative(expected[1], dx, where + ": dx");
            Object[] withGrad = Arrays.copyOf(args, args.length + 1);
            double[] grad = {Double.NaN};
            withGrad[args.length] = grad;
            assertRelative(expected[0], (Double) call(buffer(method), withGrad), where + ": value of the buffer form");
            assertRelative(expected[1], grad[0], where + ": grad[0]");
            double x = (Double) args[0];
            double h = GeneratedCode.FD_STEP * Math.max(1, Math.abs(x));
            Object[] up = args.clone();
            Object[] down = args.clone();
            up[0] = x + h;
            down[0] = x - h;
            double estimate = ((Double) call(primal(method), up) - (Double) call(primal(method), down)) / (2 * h);
            GeneratedCode.assertMatchesDifference(estimate, dx, where);
        } catch (Throwable e) {
            if (e instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(where + ": " + e, e);
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        double allowed = EPS * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }
}
