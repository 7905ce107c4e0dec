package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.spi.ToolProvider;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What tools read from the companions: coverage tools find {@code io.github.sourcegrad.Generated} in every class
 * file (the companion and each record nested in it, which is a class file of its own), and Javadoc finds every
 * parameter and result of the generated methods documented. The golden inputs cover the record and buffer forms,
 * pullbacks, loops and calls.
 */
class ToolFriendlyOutputTest {
    private static final Path GOLDEN = Paths.get(System.getProperty("golden.dir", "src/test/resources/golden"));

    static List<String> inputs() throws IOException {
        return GoldenSourceTest.inputs().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everyGeneratedClassFileCarriesTheClassRetentionGeneratedAnnotation(String name) throws IOException {
        Compilation compilation = compile(name);
        assertThat(compilation).succeeded();
        Path dir = Files.createTempDirectory("sourcegrad-classes");
        int companions = 0;
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            String simple = path.substring(path.lastIndexOf('/') + 1);
            if (file.getKind() != JavaFileObject.Kind.CLASS || !simple.startsWith(name + "Grad")) {
                continue;
            }
            Path classFile = dir.resolve(simple);
            try (InputStream in = file.openInputStream()) {
                Files.copy(in, classFile);
            }
            String javap = javap(classFile);
            int annotations = javap.indexOf("RuntimeInvisibleAnnotations:");
            assertTrue(annotations >= 0, simple + " has no class-retention annotation:\n" + javap);
            assertTrue(javap.substring(annotations).contains("io.github.sourcegrad.Generated")
                    || javap.substring(annotations).contains("io/github/sourcegrad/Generated"),
                    simple + " is not marked io.github.sourcegrad.Generated:\n" + javap);
            companions++;
        }
        assertTrue(companions >= 2, "the companion and its records: " + companions + " class files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void generatedJavadocHasNoDoclintWarnings(String name) throws IOException {
        Compilation compilation = compile(name, "-Xdoclint:all/protected");
        assertThat(compilation).succeeded();
        List<String> warnings = compilation.diagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .filter(d -> d.getSource() != null && d.getSource().getName().endsWith(name + "Grad.java"))
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null))
                .toList();
        assertEquals(List.of(), warnings);
    }

    /** The check above would see doclint's warnings: they are reported through the same compilation. */
    @org.junit.jupiter.api.Test
    void doclintWarningsAreSeen() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Xdoclint:all/protected")
                .compile(JavaFileObjects.forSourceLines("p.Undocumented",
                        "package p;",
                        "/** A class. */",
                        "public class Undocumented {",
                        "  /** A method. */",
                        "  public static double f(double x) { return x; }",
                        "}"));
        assertTrue(compilation.diagnostics().stream().anyMatch(d -> d.getMessage(null).contains("no @param for x")),
                () -> compilation.diagnostics().toString());
    }

    /**
     * In a named module that does not read {@code java.compiler}, {@code javax.annotation.processing.Generated} is
     * not accessible, although javac finds it when another module brings {@code java.compiler} into the module graph:
     * the companion leaves it out (and keeps SourceGrad's own).
     */
    @org.junit.jupiter.api.Test
    void aNamedModuleWithoutJavaCompilerGetsACompanionThatCompiles() throws Exception {
        Path dir = Files.createTempDirectory("sourcegrad-module");
        // the runtime as the automatic module io.github.sourcegrad: its jar (mvn verify), or a jar made of its classes
        Path location = Paths.get(io.github.sourcegrad.Differentiable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path runtime = location;
        if (Files.isDirectory(location)) {
            runtime = dir.resolve("sourcegrad-runtime.jar");
            java.util.jar.Manifest manifest = new java.util.jar.Manifest();
            manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Automatic-Module-Name", "io.github.sourcegrad");
            try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(Files.newOutputStream(runtime), manifest);
                    java.util.stream.Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new java.util.jar.JarEntry(location.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
        }
        Path src = Files.createDirectories(dir.resolve("src/p"));
        Files.writeString(dir.resolve("src/module-info.java"), "module m { requires io.github.sourcegrad; }\n");
        Files.writeString(src.resolve("C.java"), String.join("\n",
                "package p;",
                "import io.github.sourcegrad.Differentiable;",
                "public class C {",
                "  @Differentiable static double f(double x) { return x * x; }",
                "}", ""));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        javax.tools.DiagnosticCollector<JavaFileObject> diagnostics = new javax.tools.DiagnosticCollector<>();
        try (javax.tools.StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    // java.compiler in the module graph (as another module's dependency would put it), not read by m
                    List.of("--module-path", runtime.toString(), "--add-modules", "java.compiler", "-d", dir.resolve("out").toString(),
                            "-s", Files.createDirectories(dir.resolve("gen")).toString(), "-Xlint:all,-requires-automatic"),
                    null, files.getJavaFileObjects(dir.resolve("src/module-info.java"), src.resolve("C.java")));
            task.setProcessors(List.of(new DifferentiableProcessor()));
            boolean ok = task.call();
            assertTrue(ok && diagnostics.getDiagnostics().isEmpty(), () -> diagnostics.getDiagnostics().toString());
        }
        String companion = Files.readString(dir.resolve("gen/p/CGrad.java"));
        assertTrue(!companion.contains("javax.annotation.processing") && companion.contains("io.github.sourcegrad.Generated"), companion);
    }

    private static Compilation compile(String name, String... options) throws IOException {
        String input = Files.readString(GOLDEN.resolve(name + ".java"), StandardCharsets.UTF_8);
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions((Object[]) options)
                .compile(JavaFileObjects.forSourceString("golden." + name, input));
    }

    private static String javap(Path classFile) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        StringWriter out = new StringWriter();
        int status = javap.run(new PrintWriter(out), new PrintWriter(out), "-v", classFile.toString());
        assertEquals(0, status, out::toString);
        return out.toString();
    }
}
