package io.github.sourcegrad.benchmarks;

import io.github.sourcegrad.Differentiable;
import io.github.sourcegrad.processor.DifferentiableProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one source file in-process with the system javac, keeping every output (class files and the
 * sources the processor generates) in memory, so that disk I/O does not blur the compile-time benchmark.
 * The class path is just the SourceGrad annotation's jar or directory. Not thread-safe; one per thread.
 */
public final class InMemoryCompiler implements AutoCloseable {

    /** What one compilation produced. */
    public record Result(boolean success, List<String> errors, Map<String, byte[]> classes,
            Map<String, String> generatedSources) {
    }

    private final JavaCompiler javac;
    private final StandardJavaFileManager standard;
    private final String classPath;

    public InMemoryCompiler() {
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
        }
        standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        classPath = locationOf(Differentiable.class);
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code source}, the text of class {@code qualifiedName}, with SourceGrad's processor or with
     * annotation processing off ({@code -proc:none}); {@code extraOptions} are passed on to javac (for
     * example {@code -proc:only}, to time the processor without compiling what it generates).
     */
    public Result compile(String qualifiedName, String source, boolean withSourceGrad, String... extraOptions) {
        MemoryFileManager files = new MemoryFileManager(standard);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("-classpath", classPath, "-encoding", "UTF-8", "-g"));
        if (!withSourceGrad) {
            options.add("-proc:none");
        }
        options.addAll(List.of(extraOptions));
        JavaFileObject input = new MemoryFile(qualifiedName, JavaFileObject.Kind.SOURCE, source);
        JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null, List.of(input));
        if (withSourceGrad) {
            task.setProcessors(List.of(new DifferentiableProcessor()));
        }
        boolean success = task.call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT));
            }
        }
        return new Result(success, errors, files.classes(), files.sources());
    }

    @Override
    public void close() throws IOException {
        standard.close();
    }

    /** A source given as a string, or an output (class or generated source) kept in memory. */
    private static final class MemoryFile extends SimpleJavaFileObject {
        private final String className;
        private String text;
        private ByteArrayOutputStream bytes;

        MemoryFile(String className, Kind kind, String text) {
            super(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind);
            this.className = className;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            if (text == null && bytes != null) {
                text = bytes.toString(StandardCharsets.UTF_8);
            }
            return text;
        }

        @Override
        public OutputStream openOutputStream() {
            text = null;
            bytes = new ByteArrayOutputStream();
            return bytes;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final List<MemoryFile> outputs = new ArrayList<>();

        MemoryFileManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            MemoryFile file = new MemoryFile(className, kind, null);
            outputs.add(file);
            return file;
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            return a.toUri().equals(b.toUri());
        }

        @Override
        public void close() {
            // the standard file manager is shared between compilations; InMemoryCompiler closes it
        }

        Map<String, byte[]> classes() {
            Map<String, byte[]> classes = new TreeMap<>();
            for (MemoryFile f : outputs) {
                if (f.getKind() == JavaFileObject.Kind.CLASS && f.bytes != null) {
                    classes.put(f.className, f.bytes.toByteArray());
                }
            }
            return classes;
        }

        Map<String, String> sources() {
            Map<String, String> sources = new TreeMap<>();
            for (MemoryFile f : outputs) {
                if (f.getKind() == JavaFileObject.Kind.SOURCE && f.bytes != null) {
                    sources.put(f.className, f.bytes.toString(StandardCharsets.UTF_8));
                }
            }
            return sources;
        }
    }

}
