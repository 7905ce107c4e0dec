package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated source is the product: for each input under {@code src/test/resources/golden}, the companion
 * must equal the reviewed {@code <Name>Grad.java} beside it, character for character. After an intended
 * change of style, regenerate with {@code mvn test -pl processor -Dgolden.update=true} and review the diff.
 */
class GoldenSourceTest {
    private static final Path DIR = Paths.get(System.getProperty("golden.dir", "src/test/resources/golden"));
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> inputs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.endsWith("Grad.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .sorted()
                    .toList();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void generatedSourceMatchesGoldenFile(String name) throws IOException {
        String input = Files.readString(DIR.resolve(name + ".java"), StandardCharsets.UTF_8);
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Xlint:all")
                .compile(JavaFileObjects.forSourceString("golden." + name, input));
        assertThat(compilation).succeededWithoutWarnings();

        JavaFileObject generated = compilation.generatedSourceFile("golden." + name + "Grad").orElseThrow();
        // the version stamp changes with every release; the golden files show where it goes
        String stamp = "\"" + Versions.processor() + "\");";
        String actual = generated.getCharContent(true).toString();
        assertTrue(actual.contains(stamp), "no version stamp " + stamp + " in golden." + name + "Grad");
        actual = actual.replace(stamp, "\"${project.version}\");");
        Path expectedFile = DIR.resolve(name + "Grad.java");
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(expectedFile), "no golden file " + expectedFile + "; run with -Dgolden.update=true and review it");
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
                "generated source of golden." + name + "Grad differs from " + expectedFile);
    }
}
