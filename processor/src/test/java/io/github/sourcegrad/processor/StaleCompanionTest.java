package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import io.github.sourcegrad.StaleCompanionError;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that compiles only the files that changed (IDEs, Gradle, Maven without incremental compilation) must
 * never run a companion generated from an older version of a method it writes inline (issue 10). Two javac steps
 * on real directories: compile everything; change the callee; compile only the callee's file; load the caller's
 * companion.
 */
class StaleCompanionTest {

    private static final String SHAPES = """
            package shapes;

            import io.github.sourcegrad.Differentiable;

            public class Shapes {
                @Differentiable
                public static double sq(double x) {
                    return %s;
                }

                @Differentiable
                public static double half(double x) {
                    return x / 2;
                }
            }
            """;

    private static final String USES_SQ = """
            package users;

            import io.github.sourcegrad.Differentiable;
            import shapes.Shapes;

            public class UsesSq {
                @Differentiable
                static double f(double x) {
                    return 3 * Shapes.sq(x);
                }
            }
            """;

    /** Does not call Shapes: it must keep working whatever happens to Shapes. */
    private static final String INDEPENDENT = """
            package users;

            import io.github.sourcegrad.Differentiable;

            public class Independent {
                @Differentiable
                static double g(double x) {
                    return x * x;
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aCompanionGeneratedFromAnOlderCalleeRefusesToLoad() throws Exception {
        Path src = dir.resolve("src");
        Path shapes = write(src.resolve("shapes/Shapes.java"), SHAPES.formatted("x * x"));
        Path usesSq = write(src.resolve("users/UsesSq.java"), USES_SQ);
        Path independent = write(src.resolve("users/Independent.java"), INDEPENDENT);
        compile(shapes, usesSq, independent);

        // 3 x^2 at 2: 12 and 12, in both forms
        assertGradient(12, 12, 2.0);

        // sq becomes x^3, and only its file is compiled again, as an IDE does
        write(shapes, SHAPES.formatted("x * x * x"));
        compile(shapes);
        try (URLClassLoader loader = loader()) {
            Class<?> companion = Class.forName("users.UsesSqGrad", false, loader);
            Method buffer = companion.getMethod("df", double.class, double[].class);
            // the class fails to initialize: the JVM throws the Error itself, not wrapped
            StaleCompanionError thrown = assertThrows(StaleCompanionError.class, () -> buffer.invoke(null, 2.0, new double[1]));
            String message = thrown.getMessage();
            assertTrue(message.startsWith("users.UsesSqGrad is stale: it was generated from an older version of "
                    + "shapes.Shapes#sq(double)"), message);
            assertTrue(message.contains("mvn clean compile"), message);
            // the independent companion and the recompiled callee work
            Method g = Class.forName("users.IndependentGrad", true, loader).getMethod("dg", double.class, double[].class);
            assertEquals(9.0, (Double) g.invoke(null, 3.0, new double[1]));
            Method sq = Class.forName("shapes.ShapesGrad", true, loader).getMethod("dsq", double.class, double[].class);
            double[] grad = new double[1];
            assertEquals(8.0, (Double) sq.invoke(null, 2.0, grad));
            assertEquals(12.0, grad[0]);
        }

        // a whole build regenerates the caller: 3 x^3 at 2 is 24, its derivative 36
        compile(shapes, usesSq, independent);
        assertGradient(24, 36, 2.0);
    }

    @Test
    void aCalleeWhoseGradientIsUnchangedKeepsItsCallersValid() throws Exception {
        Path src = dir.resolve("src");
        Path shapes = write(src.resolve("shapes/Shapes.java"), SHAPES.formatted("x * x"));
        Path usesSq = write(src.resolve("users/UsesSq.java"), USES_SQ);
        compile(shapes, usesSq);
        // a comment and new formatting change no generated code: no rebuild is needed
        write(shapes, SHAPES.formatted("/* squared */ x   *   x"));
        compile(shapes);
        assertGradient(12, 12, 2.0);
    }

    @Test
    void originatingElementsNameEveryClassWhoseCodeWentIn() {
        Map<String, List<String>> originating = new TreeMap<>();
        GeneratedCode.compileWith(new DifferentiableProcessor(method -> { }, file -> originating.put(
                        file.typeSpec().name(), names(file))),
                GeneratedCode.source("shapes.Shapes", SHAPES.formatted("x * x")),
                GeneratedCode.source("users.UsesSq", USES_SQ),
                GeneratedCode.source("users.Independent", INDEPENDENT));
        assertEquals(Map.of(
                "ShapesGrad", List.of("shapes.Shapes"),
                "UsesSqGrad", List.of("users.UsesSq", "shapes.Shapes"),
                "IndependentGrad", List.of("users.Independent")), originating);
    }

    private static List<String> names(JavaFile file) {
        List<String> names = new ArrayList<>();
        for (Element e : file.typeSpec().originatingElements()) {
            names.add(((TypeElement) e).getQualifiedName().toString());
        }
        return names;
    }

    private void assertGradient(double value, double derivative, double x) throws Exception {
        try (URLClassLoader loader = loader()) {
            Class<?> companion = Class.forName("users.UsesSqGrad", true, loader);
            double[] grad = new double[1];
            assertEquals(value, (Double) companion.getMethod("df", double.class, double[].class).invoke(null, x, grad));
            assertEquals(derivative, grad[0]);
            Object record = companion.getMethod("df", double.class).invoke(null, x);
            assertEquals(value, (Double) record.getClass().getMethod("value").invoke(record));
            assertEquals(derivative, (Double) record.getClass().getMethod("dx").invoke(record));
        }
    }

    private URLClassLoader loader() throws IOException {
        return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
    }

    /** javac with the processor, into dir/classes and dir/generated, with what is already in dir/classes on the class path. */
    private void compile(Path... sources) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            String classPath = classes + File.pathSeparator + System.getProperty("java.class.path");
            javax.tools.DiagnosticCollector<javax.tools.JavaFileObject> diagnostics = new javax.tools.DiagnosticCollector<>();
            JavaCompiler.CompilationTask task = javac.getTask(out, files, diagnostics,
                    List.of("-Xlint:all", "-d", classes.toString(), "-s", generated.toString(), "-classpath", classPath),
                    null, files.getJavaFileObjects(sources));
            task.setProcessors(List.of(new DifferentiableProcessor()));
            boolean ok = task.call();
            // javac notes that the companion it regenerates is already on the class path, as in any incremental build
            List<?> unexpected = diagnostics.getDiagnostics().stream()
                    .filter(d -> !d.getMessage(null).contains("already exists on the sourcepath or classpath"))
                    .toList();
            assertTrue(ok && out.toString().isEmpty() && unexpected.isEmpty(),
                    "javac failed or warned:\n" + out + unexpected + "\nsources: "
                    + List.of(sources).stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
    }

    private static Path write(Path file, String code) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, code);
    }
}
