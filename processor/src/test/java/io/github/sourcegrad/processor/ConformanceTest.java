package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of ordinary numeric Java in the patterns other AD tools test (loops that overwrite, nested loops, array
 * writes, side effects in expressions, switch, early returns, data in constants), each a class under
 * {@code src/test/resources/conformance} with one {@code @Differentiable} method {@code f} and a
 * {@code static Object[] point()}. Each must either compile to a gradient that agrees with central differences in
 * both forms, or, while the file says {@code // refused today: <text>}, be refused with an error containing that
 * text: when a refused pattern starts to compile, this test fails until the marker is removed, so the corpus tracks
 * what is still refused (issue 12). A wrong gradient or an internal error fails it either way.
 */
class ConformanceTest {

    private static final Path DIR = Paths.get(System.getProperty("conformance.dir", "src/test/resources/conformance"));
    private static final Pattern REFUSED = Pattern.compile("// refused today: (.+)");

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void compilesToAnExactGradientOrIsRefusedAsMarked(String name) throws Exception {
        String source = Files.readString(DIR.resolve(name + ".java"), StandardCharsets.UTF_8);
        Matcher refused = REFUSED.matcher(source);
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Xlint:all", "-parameters")
                .compile(JavaFileObjects.forSourceString("conformance." + name, source));
        for (Diagnostic<?> d : compilation.errors()) {
            assertTrue(!d.getMessage(null).contains("internal error"), name + ": " + d.getMessage(null));
        }
        if (refused.find()) {
            String expected = refused.group(1).trim();
            assertThat(compilation).hadErrorContaining(expected);
            return;
        }
        assertThat(compilation).succeededWithoutWarnings();
        GeneratedCode code = GeneratedCode.of(compilation);
        Class<?> owner = code.load("conformance." + name);
        Class<?> companion = code.load("conformance." + name + "Grad");
        Method point = owner.getDeclaredMethod("point");
        point.setAccessible(true);
        Object[] args = (Object[]) point.invoke(null);
        Method f = method(owner, "f", args.length);
        check(name, f, method(companion, "df", args.length), bufferForm(companion, args.length), args);
    }

    private static Method method(Class<?> owner, String name, int parameters) {
        List<Method> found = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameters)
                .toList();
        assertEquals(1, found.size(), owner.getName() + "." + name + " with " + parameters + " parameters");
        Method m = found.get(0);
        m.setAccessible(true);
        return m;
    }

    private static Method bufferForm(Class<?> companion, int parameters) {
        List<Method> found = Arrays.stream(companion.getDeclaredMethods())
                .filter(m -> m.getName().equals("df") && m.getParameterCount() > parameters
                        && Modifier.isPublic(m.getModifiers()) && m.getReturnType() == double.class)
                .toList();
        assertEquals(1, found.size(), "one buffer form df in " + companion.getName());
        return found.get(0);
    }

    /** Record form against central differences, buffer form against the record form, value against f. */
    private static void check(String name, Method f, Method record, Method buffer, Object[] args) throws Exception {
        Object gradient = record.invoke(null, copy(args));
        RecordComponent[] components = gradient.getClass().getRecordComponents();
        double value = (double) components[0].getAccessor().invoke(gradient);
        double primal = (double) f.invoke(null, copy(args));
        assertEquals(primal, value, 1e-12 * Math.max(1, Math.abs(primal)), name + ": value");

        String[] names = Arrays.stream(f.getParameters()).map(p -> p.getName()).toArray(String[]::new);
        List<Object> partials = new ArrayList<>(); // in the order of the differentiated parameters
        List<Integer> indices = new ArrayList<>();
        for (int c = 1; c < components.length; c++) {
            String param = components[c].getName().substring(1);
            int index = Arrays.asList(names).indexOf(param);
            assertTrue(index >= 0, name + ": component " + components[c].getName() + " names no parameter of "
                    + Arrays.toString(names) + " (compile the corpus with -parameters)");
            Object partial = components[c].getAccessor().invoke(gradient);
            partials.add(partial);
            indices.add(index);
            compareWithDifferences(name + " d/d" + param, f, args, index, partial);
        }

        // the buffer form: grad (one slot per differentiated double, left out if none), then one array per array
        int doubles = (int) indices.stream().filter(i -> args[i] instanceof Double).count();
        List<Object> trailing = new ArrayList<>();
        double[] grad = new double[doubles];
        Arrays.fill(grad, Double.NaN);
        if (doubles > 0) {
            trailing.add(grad);
        }
        List<Object> buffers = new ArrayList<>();
        for (int i : indices) {
            if (!(args[i] instanceof Double)) {
                Object b = fillNaN(copy(args[i]));
                buffers.add(b);
                trailing.add(b);
            }
        }
        Object[] all = Stream.concat(Arrays.stream(copy(args)), trailing.stream()).toArray();
        assertEquals(buffer.getParameterCount(), all.length, name + ": parameters of " + buffer);
        double bufferValue = (double) buffer.invoke(null, all);
        assertEquals(value, bufferValue, 1e-12 * Math.max(1, Math.abs(value)), name + ": value of the buffer form");
        int slot = 0;
        int array = 0;
        for (int k = 0; k < indices.size(); k++) {
            Object expected = partials.get(k);
            Object actual = args[indices.get(k)] instanceof Double ? (Object) grad[slot++] : buffers.get(array++);
            assertClose(name + ": buffer form d/d" + names[indices.get(k)], flatten(expected), flatten(actual), 1e-12);
        }
    }

    private static void compareWithDifferences(String what, Method f, Object[] args, int index, Object partial)
            throws Exception {
        double[] analytic = flatten(partial);
        double[] at = flatten(args[index]);
        assertEquals(at.length, analytic.length, what + ": shape");
        for (int k = 0; k < at.length; k++) {
            double h = 0x1p-13 * Math.max(1, Math.abs(at[k]));
            double fp1 = perturbed(f, args, index, k, h);
            double fm1 = perturbed(f, args, index, k, -h);
            double fp2 = perturbed(f, args, index, k, 2 * h);
            double fm2 = perturbed(f, args, index, k, -2 * h);
            double numeric = (8 * (fp1 - fm1) - (fp2 - fm2)) / (12 * h);
            GeneratedCode.assertMatchesDifference(numeric, analytic[k], what + (at.length > 1 ? "[" + k + "]" : ""));
        }
    }

    private static double perturbed(Method f, Object[] args, int index, int element, double h) throws Exception {
        Object[] moved = copy(args);
        Object a = moved[index];
        if (a instanceof Double d) {
            moved[index] = d + h;
        } else if (a instanceof double[] v) {
            v[element] += h;
        } else {
            double[][] m = (double[][]) a;
            int columns = m[0].length;
            m[element / columns][element % columns] += h;
        }
        return (double) f.invoke(null, moved);
    }

    private static Object[] copy(Object[] args) {
        return Arrays.stream(args).map(ConformanceTest::copy).toArray();
    }

    private static Object copy(Object a) {
        if (a instanceof double[] v) {
            return v.clone();
        }
        if (a instanceof int[] v) {
            return v.clone(); // data: a method that wrote into it would change the next call's labels
        }
        if (a instanceof double[][] m) {
            return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
        }
        return a;
    }

    private static Object fillNaN(Object a) {
        if (a instanceof double[] v) {
            Arrays.fill(v, Double.NaN);
        } else {
            for (double[] row : (double[][]) a) {
                Arrays.fill(row, Double.NaN);
            }
        }
        return a;
    }

    private static double[] flatten(Object a) {
        assertNotNull(a);
        if (a instanceof Double d) {
            return new double[] {d};
        }
        if (a instanceof double[] v) {
            return v;
        }
        if (a instanceof double[][] m) {
            return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
        }
        return fail("not a number or array: " + a);
    }

    private static void assertClose(String what, double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length, what + ": shape");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], relative * (1 + Math.abs(expected[k])), what + "[" + k + "]");
        }
    }
}
