package io.github.sourcegrad.examples;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the source that SourceGrad generated for a class of this module and cuts single methods out of
 * it, so that {@link Main} can show the reader what was written for them.
 */
final class GeneratedSource {

    private static final String GENERATED_DIR = "target/generated-sources/annotations";

    private GeneratedSource() {
    }

    /** A method declaration cut out of a source file: its return type, parameters and full text. */
    record Method(String returnType, String parameters, String text) {}

    /**
     * The generated source of {@code generatedClass}. Maven runs the examples with the working directory
     * at the examples module or at the reactor root; the location of the compiled class is tried first,
     * then both of those.
     */
    static Optional<Path> locate(Class<?> generatedClass) {
        String relative = GENERATED_DIR + "/" + generatedClass.getName().replace('.', '/') + ".java";
        Set<Path> candidates = new LinkedHashSet<>();
        try {
            CodeSource code = generatedClass.getProtectionDomain().getCodeSource();
            if (code != null && code.getLocation() != null) {
                Path classes = Path.of(code.getLocation().toURI()); // <module>/target/classes
                Path module = classes.getParent() == null ? null : classes.getParent().getParent();
                if (module != null) {
                    candidates.add(module.resolve(relative));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Not loaded from a directory we can name: fall back on the working directory.
        }
        candidates.add(Path.of(relative));
        candidates.add(Path.of("examples").resolve(relative));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Reads the file, as {@link Files#readString} does. */
    static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    /** The file's path as the reader would type it from the working directory. */
    static String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    /** Every {@code public static} method called {@code name} in {@code source}, with its Javadoc. */
    static List<Method> methods(String source, String name) {
        Pattern declaration = Pattern.compile(
                "(?m)^[ \\t]*public\\s+static\\s+(?:final\\s+)?([\\w.$<>\\[\\]]+)\\s+" + Pattern.quote(name)
                        + "\\s*\\(");
        List<Method> found = new ArrayList<>();
        Matcher m = declaration.matcher(source);
        while (m.find()) {
            int open = m.end() - 1;
            int close = matching(source, open, '(', ')');
            int body = close < 0 ? -1 : source.indexOf('{', close);
            int end = body < 0 ? -1 : matching(source, body, '{', '}');
            if (end < 0) {
                continue;
            }
            String parameters = source.substring(open + 1, close).replaceAll("\\s+", " ").trim();
            String text = source.substring(startWithComments(source, m.start()), end + 1);
            found.add(new Method(m.group(1), parameters, dedent(text)));
        }
        return found;
    }

    /** The start of the line at {@code start}, moved up over the Javadoc and annotations just above it. */
    private static int startWithComments(String source, int start) {
        int lineStart = source.lastIndexOf('\n', start - 1) + 1;
        while (lineStart > 0) {
            int previous = source.lastIndexOf('\n', lineStart - 2) + 1;
            String line = source.substring(previous, lineStart).trim();
            boolean partOfIt = line.startsWith("/**") || line.startsWith("*") || line.startsWith("@")
                    || line.startsWith("//");
            if (!partOfIt) {
                break;
            }
            lineStart = previous;
        }
        return lineStart;
    }

    /** The index of the bracket closing the one at {@code open}, skipping literals and comments; -1 if none. */
    private static int matching(String s, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(s, i, c);
            } else if (s.startsWith("//", i)) {
                int eol = s.indexOf('\n', i);
                i = eol < 0 ? s.length() : eol;
            } else if (s.startsWith("/*", i)) {
                int stop = s.indexOf("*/", i + 2);
                i = stop < 0 ? s.length() : stop + 1;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skipLiteral(String s, int start, char quote) {
        if (quote == '"' && s.startsWith("\"\"\"", start)) {
            int stop = s.indexOf("\"\"\"", start + 3);
            return stop < 0 ? s.length() : stop + 2;
        }
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i;
            }
        }
        return s.length();
    }

    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(Math.min(indent, line.length())).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }
}
