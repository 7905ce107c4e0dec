package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to {@code @Differentiable} methods compiled separately (a library jar, another module): the library is
 * compiled in one javac run, with the processor, into its own directory; the application in a second run with
 * only the library's class files on its class path. The application's gradients call the library's companion
 * through its entry point, which has every partial derivative whatever the callee's {@code wrt}.
 */
class LibraryCallsTest {

    private static final String SHAPES = """
            package lib;

            import io.github.sourcegrad.Differentiable;

            public class Shapes {
                @Differentiable
                public static double sq(double x) {
                    return %s;
                }

                /** Differentiated with respect to a only; its callers still need the partial with respect to b. */
                @Differentiable(wrt = "a")
                public static double scaled(double a, double b, int n) {
                    return n * a * Math.sin(b);
                }

                @Differentiable
                public static double norm(double[] v) {
                    return Math.sqrt(v[0] * v[0] + v[1] * v[1]);
                }

                public static class Inner {
                    @Differentiable
                    public static double cube(double x) {
                        return x * x * x;
                    }
                }
            }
            """;

    private static final String MODEL = """
            package app;

            import io.github.sourcegrad.Differentiable;
            import lib.Shapes;

            public class Model {
                @Differentiable
                public static double f(double x, double y) {
                    return Shapes.sq(x) + Shapes.scaled(x, y, 3) * y + Shapes.Inner.cube(y);
                }

                @Differentiable
                public static double g(double x, double y) {
                    double s = 0;
                    for (int i = 0; i < 3; i++) {
                        s += Shapes.sq(x + i) * y;
                    }
                    if (x > 0) {
                        s = s + Shapes.scaled(y, x, 2);
                    }
                    return s;
                }

                /** Calls f, of this compilation, which calls the library: f is written inline, its library calls stay calls. */
                @Differentiable
                public static double h(double x, double y) {
                    return 2 * f(x, y);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void callsComposeThroughTheLibrarysCompanion() throws Exception {
        compileLibrary(SHAPES.formatted("x * x"), true);
        List<Diagnostic<? extends JavaFileObject>> errors = compileApp(MODEL);
        assertTrue(errors.isEmpty(), errors.toString());
        String generated = Files.readString(dir.resolve("app-generated/app/ModelGrad.java"));
        // composed through the entry point: scaled's wrt leaves b out, its dscaledWrtAll has it
        assertTrue(generated.contains("ShapesGrad.ScaledWrtAllGradient"), generated);
        assertTrue(generated.contains("Shapes_InnerGrad.dcube("), generated);
        assertFalse(generated.contains("fingerprint(\"sq(double)\")"), "a library's methods are called, never inline");

        try (URLClassLoader loader = loader()) {
            for (double[] point : new double[][] {{0.7, -1.3}, {-2.0, 0.4}, {1.5, 2.5}}) {
                double x = point[0];
                double y = point[1];
                // f = x^2 + 3 x sin(y) y + y^3
                double f = x * x + 3 * x * Math.sin(y) * y + y * y * y;
                double fx = 2 * x + 3 * Math.sin(y) * y;
                double fy = 3 * x * (Math.cos(y) * y + Math.sin(y)) + 3 * y * y;
                assertGradient(loader, "f", x, y, f, fx, fy);
                assertGradient(loader, "h", x, y, 2 * f, 2 * fx, 2 * fy);
                // g = sum_{i<3} (x + i)^2 y + [x > 0] 2 y sin(x)
                double g = 0;
                double gx = 0;
                double gy = 0;
                for (int i = 0; i < 3; i++) {
                    g += (x + i) * (x + i) * y;
                    gx += 2 * (x + i) * y;
                    gy += (x + i) * (x + i);
                }
                if (x > 0) {
                    g += 2 * y * Math.sin(x);
                    gx += 2 * y * Math.cos(x);
                    gy += 2 * Math.sin(x);
                }
                assertGradient(loader, "g", x, y, g, gx, gy);
            }
        }
    }

    @Test
    void aLibraryCompiledAgainRunsItsNewCodeWithoutRebuildingItsCallers() throws Exception {
        compileLibrary(SHAPES.formatted("x * x"), true);
        assertTrue(compileApp(MODEL).isEmpty());
        // the library's sq becomes x^4 in a new release; the application is not compiled again
        compileLibrary(SHAPES.formatted("x * x * x * x"), true);
        try (URLClassLoader loader = loader()) {
            double x = 0.7;
            double y = -1.3;
            double f = Math.pow(x, 4) + 3 * x * Math.sin(y) * y + y * y * y;
            double fx = 4 * x * x * x + 3 * Math.sin(y) * y;
            double fy = 3 * x * (Math.cos(y) * y + Math.sin(y)) + 3 * y * y;
            assertGradient(loader, "f", x, y, f, fx, fy);
        }
    }

    @Test
    void aLibraryClassWithoutCompanionIsAnErrorAtTheCall() throws Exception {
        compileLibrary(SHAPES.formatted("x * x"), false);
        List<Diagnostic<? extends JavaFileObject>> errors = compileApp(MODEL);
        Diagnostic<? extends JavaFileObject> error = errors.get(0);
        assertEquals(9, error.getLineNumber(), errors.toString());
        assertEquals("[SourceGrad] cannot differentiate through sq: lib.Shapes comes from the class path (compiled "
                + "separately) without its gradient companion lib.ShapesGrad: compile lib.Shapes with the SourceGrad "
                + "annotation processor on the processor path (Maven's annotationProcessorPaths, Gradle's "
                + "annotationProcessor, javac -processorpath), and put the classes it generates on the class path with it",
                error.getMessage(null));
    }

    @Test
    void aLibraryCompanionOfAnotherSourceGradVersionRefusesToLoadWhenCalled() throws Exception {
        compileLibrary(SHAPES.formatted("x * x"), true);
        assertTrue(compileApp(MODEL).isEmpty());
        // the library's companion as another version of the processor wrote it, compiled on its own
        Path companion = dir.resolve("lib-generated/lib/ShapesGrad.java");
        String older = Files.readString(companion).replaceFirst("checkVersion\\(ShapesGrad.class, \"[^\"]*\"\\)",
                "checkVersion(ShapesGrad.class, \"0.0.1\")");
        assertTrue(older.contains("\"0.0.1\""), older);
        Files.writeString(companion, older);
        assertTrue(compile(List.of(companion), dir.resolve("lib"), dir.resolve("lib-generated"),
                dir.resolve("lib") + File.pathSeparator + System.getProperty("java.class.path"), false).isEmpty());
        try (URLClassLoader loader = loader()) {
            Method df = Class.forName("app.ModelGrad", true, loader).getMethod("df", double.class, double.class);
            java.lang.reflect.InvocationTargetException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    java.lang.reflect.InvocationTargetException.class, () -> df.invoke(null, 1.0, 2.0));
            assertTrue(thrown.getCause() instanceof io.github.sourcegrad.StaleCompanionError, thrown.getCause().toString());
            assertTrue(thrown.getCause().getMessage().contains("lib.ShapesGrad"), thrown.getCause().getMessage());
        }
    }

    @Test
    void aCompanionWithoutTheEntryPointIsAnErrorAtTheCall() throws Exception {
        compileLibrary(SHAPES.formatted("x * x"), false);
        // a companion as an older SourceGrad might have written it: scaled's gradient with respect to a only
        Path companion = write(dir.resolve("lib-src/lib/ShapesGrad.java"), """
                package lib;

                public final class ShapesGrad {
                    private ShapesGrad() {
                    }

                    public static ScaledGradient dscaled(double a, double b, int n) {
                        return new ScaledGradient(n * a * Math.sin(b), n * Math.sin(b));
                    }

                    public record ScaledGradient(double value, double da) {
                    }
                }
                """);
        assertTrue(compile(List.of(companion), dir.resolve("lib"), dir.resolve("lib-generated"),
                dir.resolve("lib") + File.pathSeparator + System.getProperty("java.class.path"), false).isEmpty());
        List<Diagnostic<? extends JavaFileObject>> errors = compileApp("""
                package app;

                import io.github.sourcegrad.Differentiable;
                import lib.Shapes;

                public class Model {
                    @Differentiable
                    public static double k(double x, double y) {
                        return Shapes.scaled(x, y, 3);
                    }
                }
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(9, errors.get(0).getLineNumber());
        assertEquals("[SourceGrad] cannot differentiate through scaled: lib.ShapesGrad on the class path has no gradient "
                + "of scaled with respect to all its double parameters (scaled's entry point for callers compiled "
                + "separately); it was written by another version of SourceGrad: compile lib.Shapes again with this one",
                errors.get(0).getMessage(null));
    }

    private static final String VECTORS = """
            package lib;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            public class Vectors {
                /** Straight-line, with an array parameter. */
                @Differentiable
                public static double norm(double[] v) {
                    return Math.sqrt(ArrayMath.dot(v, v));
                }

                /** A loop; wrt leaves out the matrix, which its callers still get the gradient of. */
                @Differentiable(wrt = "w")
                public static double quadratic(double[][] A, double[] w, double c) {
                    double s = 0;
                    for (int i = 0; i < A.length; i++) {
                        for (int j = 0; j < w.length; j++) {
                            s += c * w[i] * A[i][j] * w[j];
                        }
                    }
                    return s;
                }

                /** An array result, with a loop: its callers call it for the value and its pullback for the gradient. */
                @Differentiable
                public static double[] cumulative(double[] v, double decay) {
                    double[] out = new double[v.length];
                    double run = 0;
                    for (int i = 0; i < v.length; i++) {
                        run = decay * run + v[i];
                        out[i] = run;
                    }
                    return out;
                }

                /** A matrix result, straight-line, whose wrt leaves out the number. */
                @Differentiable(wrt = "X")
                public static double[][] shifted(double[][] X, double s) {
                    return ArrayMath.add(X, s);
                }
            }
            """;

    private static final String USES_VECTORS = """
            package app;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;
            import lib.Vectors;

            public class Model {
                @Differentiable
                public static double a(double[] v, double k) {
                    return k * Vectors.norm(v) + Vectors.norm(ArrayMath.scale(k, v));
                }

                @Differentiable
                public static double b(double[][] A, double[] w, double c) {
                    double s = 0;
                    for (int i = 0; i < 2; i++) {
                        s += Vectors.quadratic(A, w, c + i);
                    }
                    return s;
                }

                @Differentiable
                public static double c(double[] v, double decay) {
                    double[] r = Vectors.cumulative(v, decay);
                    double s = 0;
                    for (int i = 0; i < r.length; i++) {
                        s += r[i] * r[i];
                    }
                    return s;
                }

                @Differentiable
                public static double d(double[][] X, double s) {
                    return ArrayMath.sum(ArrayMath.square(Vectors.shifted(X, s * s)));
                }
            }
            """;

    @Test
    void callsWithArraysComposeThroughTheLibrarysEntryPoints() throws Exception {
        compileLibrary("lib/Vectors.java", VECTORS, true);
        String library = Files.readString(dir.resolve("lib-generated/lib/VectorsGrad.java"));
        // the entry points: d<name> when wrt names every double, double[] and double[][] parameter, else d<name>WrtAll
        assertTrue(library.contains("public static QuadraticWrtAllGradient dquadraticWrtAll(double[][] A, double[] w, double c)"), library);
        assertTrue(library.contains("public static ShiftedWrtAllGradient dshiftedWrtAll(double[][] X, double s, double[][] dresult)"), library);
        List<Diagnostic<? extends JavaFileObject>> errors = compileApp(USES_VECTORS);
        assertTrue(errors.isEmpty(), errors.toString());
        String generated = Files.readString(dir.resolve("app-generated/app/ModelGrad.java"));
        assertTrue(generated.contains("VectorsGrad.QuadraticWrtAllGradient"), generated);
        assertTrue(generated.contains("double[] r = Vectors.cumulative(v, decay);"), generated);
        assertTrue(generated.contains("VectorsGrad.CumulativeGradient rLocal = VectorsGrad.dcumulative(v, decay, dr);"), generated);
        assertTrue(generated.contains("The methods it calls with arrays are compiled separately and are not written out inline"),
                generated);

        try (URLClassLoader loader = loader()) {
            Class<?> model = Class.forName("app.Model", true, loader);
            Class<?> companion = Class.forName("app.ModelGrad", true, loader);
            double[] v = {0.5, -1.25, 2};
            double k = 1.5;
            // a = k |v| + |k v| = 2 k |v| for k > 0: da/dv = 2 k v / |v|, da/dk = 2 |v|
            double norm = Math.sqrt(0.25 + 1.5625 + 4);
            Object ra = companion.getMethod("da", double[].class, double.class).invoke(null, v, k);
            double[] dv = (double[]) ra.getClass().getMethod("dv").invoke(ra);
            for (int i = 0; i < v.length; i++) {
                assertEquals(2 * k * v[i] / norm, dv[i], 1e-12, "da/dv[" + i + "]");
            }
            assertEquals(2 * norm, (Double) ra.getClass().getMethod("dk").invoke(ra), 1e-12);
            double[][] A = {{1, 0.5}, {-0.25, 2}};
            double[] w = {0.75, -1.5};
            assertMatchesDifferences(model, companion, "a", new Object[] {v, k});
            assertMatchesDifferences(model, companion, "b", new Object[] {A, w, 0.5});
            assertMatchesDifferences(model, companion, "c", new Object[] {v, 0.8});
            assertMatchesDifferences(model, companion, "d", new Object[] {A, 0.3});
            // b = sum_i (c + i) w^T A w: db/dA = (2 c + 1) w w^T
            Object rb = companion.getMethod("db", double[][].class, double[].class, double.class).invoke(null, A, w, 0.5);
            double[][] dA = (double[][]) rb.getClass().getMethod("dA").invoke(rb);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(2 * w[i] * w[j], dA[i][j], 1e-12, "db/dA[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void aLibraryCompanionWithoutTheArrayEntryPointIsAnErrorAtTheCall() throws Exception {
        compileLibrary("lib/Vectors.java", VECTORS, false);
        // a companion as an older SourceGrad wrote it: the gradient of quadratic with respect to w only
        Path companion = write(dir.resolve("lib-src/lib/VectorsGrad.java"), """
                package lib;

                public final class VectorsGrad {
                    private VectorsGrad() {
                    }

                    public static QuadraticGradient dquadratic(double[][] A, double[] w, double c) {
                        return new QuadraticGradient(0, new double[w.length]);
                    }

                    public record QuadraticGradient(double value, double[] dw) {
                    }
                }
                """);
        assertTrue(compile(List.of(companion), dir.resolve("lib"), dir.resolve("lib-generated"),
                dir.resolve("lib") + File.pathSeparator + System.getProperty("java.class.path"), false).isEmpty());
        List<Diagnostic<? extends JavaFileObject>> errors = compileApp("""
                package app;

                import io.github.sourcegrad.Differentiable;
                import lib.Vectors;

                public class Model {
                    @Differentiable
                    public static double k(double[][] A, double[] w) {
                        return Vectors.quadratic(A, w, 2);
                    }
                }
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(9, errors.get(0).getLineNumber());
        assertEquals("[SourceGrad] cannot differentiate through quadratic: lib.VectorsGrad on the class path has no "
                + "gradient of quadratic with respect to all its double, double[] and double[][] parameters (quadratic's "
                + "entry point for callers compiled separately); it was written by another version of SourceGrad: compile "
                + "lib.Vectors again with this one", errors.get(0).getMessage(null));
    }

    /**
     * The record form of {@code app.ModelGrad.d<name>} against 4-point central differences of {@code app.Model.<name>},
     * over every element of every argument, and the buffer form against the record form.
     */
    private static void assertMatchesDifferences(Class<?> model, Class<?> companion, String name, Object[] args) throws Exception {
        Class<?>[] types = java.util.Arrays.stream(args).map(a -> a instanceof Double ? double.class : a.getClass())
                .toArray(Class<?>[]::new);
        Method primal = model.getMethod(name, types);
        Object record = companion.getMethod("d" + name, types).invoke(null, args);
        java.lang.reflect.RecordComponent[] components = record.getClass().getRecordComponents();
        assertEquals((Double) primal.invoke(null, args), (Double) components[0].getAccessor().invoke(record), 1e-12);
        List<Object> buffers = new ArrayList<>();
        buffers.add(new double[(int) java.util.Arrays.stream(args).filter(a -> a instanceof Double).count()]);
        for (Object a : args) {
            if (a instanceof double[] v) {
                buffers.add(new double[v.length]);
            } else if (a instanceof double[][] m) {
                buffers.add(new double[m.length][m[0].length]);
            }
        }
        List<Class<?>> bufferTypes = new ArrayList<>(List.of(types));
        buffers.forEach(b -> bufferTypes.add(b.getClass()));
        List<Object> bufferArgs = new ArrayList<>(List.of(args));
        bufferArgs.addAll(buffers);
        companion.getMethod("d" + name, bufferTypes.toArray(Class<?>[]::new)).invoke(null, bufferArgs.toArray());
        int scalar = 0;
        int array = 1;
        for (int p = 0; p < args.length; p++) {
            Object gradient = components[p + 1].getAccessor().invoke(record);
            Object buffered = args[p] instanceof Double ? (Object) ((double[]) buffers.get(0))[scalar++] : buffers.get(array++);
            double[] flat = flatten(gradient);
            assertEquals(java.util.Arrays.toString(flat), java.util.Arrays.toString(flatten(buffered)), name + ": buffer form");
            for (int e = 0; e < flat.length; e++) {
                double step = 1e-4;
                double[] values = new double[4];
                double[] steps = {-2 * step, -step, step, 2 * step};
                for (int s = 0; s < 4; s++) {
                    Object[] moved = deepCopy(args);
                    moved[p] = add(moved[p], e, steps[s]);
                    values[s] = (Double) primal.invoke(null, moved);
                }
                double fd = (values[0] - 8 * values[1] + 8 * values[2] - values[3]) / (12 * step);
                assertEquals(fd, flat[e], 1e-7 * Math.max(1, Math.abs(fd)), name + ": d/d" + components[p + 1].getName()
                        + "[" + e + "] against central differences");
            }
        }
    }

    private static double[] flatten(Object value) {
        if (value instanceof Double d) {
            return new double[] {d};
        } else if (value instanceof double[] v) {
            return v.clone();
        }
        return java.util.Arrays.stream((double[][]) value).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static Object[] deepCopy(Object[] args) {
        Object[] copy = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            copy[i] = args[i] instanceof double[] v ? v.clone()
                    : args[i] instanceof double[][] m ? java.util.Arrays.stream(m).map(double[]::clone).toArray(double[][]::new)
                    : args[i];
        }
        return copy;
    }

    /** {@code value} with its element {@code e} (in row-major order) moved by {@code step}. */
    private static Object add(Object value, int e, double step) {
        if (value instanceof Double d) {
            return d + step;
        } else if (value instanceof double[] v) {
            v[e] += step;
            return v;
        }
        double[][] m = (double[][]) value;
        m[e / m[0].length][e % m[0].length] += step;
        return m;
    }

    /** Both forms of {@code app.ModelGrad.d<name>} at (x, y): exact values, and central finite differences of the method. */
    private static void assertGradient(URLClassLoader loader, String name, double x, double y,
            double value, double dx, double dy) throws Exception {
        Class<?> companion = Class.forName("app.ModelGrad", true, loader);
        double[] grad = new double[2];
        double buffered = (Double) companion.getMethod("d" + name, double.class, double.class, double[].class)
                .invoke(null, x, y, grad);
        Object record = companion.getMethod("d" + name, double.class, double.class).invoke(null, x, y);
        double[] fromRecord = {
            (Double) record.getClass().getMethod("dx").invoke(record),
            (Double) record.getClass().getMethod("dy").invoke(record)};
        String at = name + " at (" + x + ", " + y + ")";
        assertEquals(value, buffered, 1e-12, at);
        assertEquals(value, (Double) record.getClass().getMethod("value").invoke(record), 1e-12, at);
        for (double[] gradient : List.of(grad, fromRecord)) {
            assertEquals(dx, gradient[0], 1e-12, at + ": d/dx");
            assertEquals(dy, gradient[1], 1e-12, at + ": d/dy");
        }
        Method primal = Class.forName("app.Model", true, loader).getMethod(name, double.class, double.class);
        double h = 1e-6;
        double fdx = ((Double) primal.invoke(null, x + h, y) - (Double) primal.invoke(null, x - h, y)) / (2 * h);
        double fdy = ((Double) primal.invoke(null, x, y + h) - (Double) primal.invoke(null, x, y - h)) / (2 * h);
        assertEquals(fdx, grad[0], 1e-6 * Math.max(1, Math.abs(fdx)), at + ": d/dx against finite differences");
        assertEquals(fdy, grad[1], 1e-6 * Math.max(1, Math.abs(fdy)), at + ": d/dy against finite differences");
    }

    private URLClassLoader loader() throws IOException {
        return new URLClassLoader(new URL[] {dir.resolve("app").toUri().toURL(), dir.resolve("lib").toUri().toURL()},
                getClass().getClassLoader());
    }

    /** The library's own build: javac into dir/lib, with the processor or (a plain javac build) without it. */
    private void compileLibrary(String source, boolean withProcessor) throws IOException {
        compileLibrary("lib/Shapes.java", source, withProcessor);
    }

    private void compileLibrary(String path, String source, boolean withProcessor) throws IOException {
        Path file = write(dir.resolve("lib-src").resolve(path), source);
        List<Diagnostic<? extends JavaFileObject>> errors = compile(List.of(file), dir.resolve("lib"), dir.resolve("lib-generated"),
                System.getProperty("java.class.path"), withProcessor);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /** The application's build: javac into dir/app, with the library's classes (not its sources) on the class path. */
    private List<Diagnostic<? extends JavaFileObject>> compileApp(String source) throws IOException {
        Path file = write(dir.resolve("app-src/app/Model.java"), source);
        return compile(List.of(file), dir.resolve("app"), dir.resolve("app-generated"),
                dir.resolve("lib") + File.pathSeparator + System.getProperty("java.class.path"), true);
    }

    /** The errors and warnings of one javac run with -Xlint:all. */
    private static List<Diagnostic<? extends JavaFileObject>> compile(List<Path> sources, Path classes, Path generated,
            String classPath, boolean withProcessor) throws IOException {
        Files.createDirectories(classes);
        Files.createDirectories(generated);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> options = new ArrayList<>(List.of("-Xlint:all", "-d", classes.toString(), "-s", generated.toString(),
                    "-classpath", classPath));
            if (!withProcessor) {
                options.add("-proc:none");
            }
            JavaCompiler.CompilationTask task = javac.getTask(out, files, diagnostics, options, null,
                    files.getJavaFileObjects(sources.toArray(Path[]::new)));
            if (withProcessor) {
                task.setProcessors(List.of(new DifferentiableProcessor()));
            }
            task.call();
            assertTrue(out.toString().isEmpty(), out.toString());
            return new ArrayList<>(diagnostics.getDiagnostics());
        }
    }

    private static Path write(Path file, String code) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, code);
    }
}
