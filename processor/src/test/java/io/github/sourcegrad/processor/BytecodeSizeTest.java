package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.sourcegrad.processor.write.BytecodeSize;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calibrates {@link BytecodeSize} on javac's real output: for methods of each shape SourceGrad generates
 * (straight-line code, calls, loops with a tape, branches, element loops, vectorized arrays), every large
 * generated method's estimated size is at least its real size (read from the class file) and at most 1.3
 * times it, so that the processor rejects nothing javac could compile by much, and never lets through a
 * method javac rejects as {@code code too large}.
 */
class BytecodeSizeTest {

    /** The families of generated code: a source of {@code n} statements, and {@code n} for a method of some 40 KB. */
    static List<Arguments> families() {
        return List.of(
                Arguments.of("straight-line arithmetic", 300, (IntFunction<String>) BytecodeSizeTest::arithmetic),
                Arguments.of("straight-line calls", 300, (IntFunction<String>) BytecodeSizeTest::calls),
                Arguments.of("a loop with a tape", 150, (IntFunction<String>) BytecodeSizeTest::loop),
                Arguments.of("branches", 120, (IntFunction<String>) BytecodeSizeTest::branches),
                Arguments.of("element loops", 120, (IntFunction<String>) BytecodeSizeTest::elements),
                Arguments.of("vectorized arrays", 300, (IntFunction<String>) BytecodeSizeTest::vectorized),
                Arguments.of("integer operators", 150, (IntFunction<String>) BytecodeSizeTest::integerOperators),
                Arguments.of("reassigned locals", 600, (IntFunction<String>) BytecodeSizeTest::reassigned));
    }

    static String arithmetic(int n) {
        StringBuilder body = new StringBuilder("double a0 = x; double a1 = y;\n");
        for (int i = 2; i < n; i++) {
            body.append("double a").append(i).append(" = a").append(i - 1).append(" * x + a").append(i - 2).append(" / y - 0.5;\n");
        }
        return method("double x, double y", body + "return a" + (n - 1) + ";");
    }

    static String calls(int n) {
        StringBuilder body = new StringBuilder("double a0 = x; double a1 = y;\n");
        for (int i = 2; i < n; i++) {
            body.append("double a").append(i).append(" = Math.sin(a").append(i - 1).append(") * Math.exp(-a").append(i - 2).append(");\n");
        }
        return method("double x, double y", body + "return a" + (n - 1) + ";");
    }

    static String loop(int n) {
        StringBuilder body = new StringBuilder("double h = h0;\nfor (int k = 0; k < steps; k++) {\n");
        for (int i = 0; i < n; i++) {
            body.append("h = Math.tanh(w * h + b").append(i % 2 == 0 ? " * h" : "").append(");\n");
        }
        return method("double w, double b, double h0, int steps", body + "}\nreturn h;");
    }

    static String branches(int n) {
        StringBuilder body = new StringBuilder("double s = 0;\n");
        for (int i = 0; i < n; i++) {
            body.append("if (x > ").append(i % 7).append(") { s = s + x * y; } else { s = s - y * y; }\n");
        }
        return method("double x, double y", body + "return s;");
    }

    static String elements(int n) {
        StringBuilder body = new StringBuilder("double s = 0;\n");
        for (int i = 0; i < n; i++) {
            body.append("for (int i").append(i).append(" = 0; i").append(i).append(" < x.length; i").append(i).append("++) { s += x[i")
                    .append(i).append("] * v[i").append(i).append("] * s; }\n");
        }
        return method("double[] x, double[] v", body + "return s;");
    }

    static String vectorized(int n) {
        StringBuilder body = new StringBuilder("double[] a0 = x;\n");
        for (int i = 1; i < n; i++) {
            body.append("double[] a").append(i).append(" = tanh(add(multiply(a").append(i - 1).append(", v), b));\n");
        }
        return method("double[] x, double[] v, double[] b", body + "return sum(a" + (n - 1) + ");");
    }

    static String integerOperators(int n) {
        StringBuilder body = new StringBuilder("double s = x;\nfor (int k = 0; k < steps; k++) {\n");
        for (int i = 0; i < n; i++) {
            body.append("int b").append(i).append(" = ((k ^ ").append(i).append(") >>> 1 & 7 | ~k << 2) >> 1;\n")
                    .append("s = s * x + Integer.signum(b").append(i).append(") + (b").append(i).append(" & 1);\n");
        }
        return method("double x, int steps", body + "}\nreturn s;");
    }

    /** {@code n} statements that reassign 16 locals, as {@code LimitsTest}'s 3,000-statement method does. */
    static String reassigned(int n) {
        return method("double a, double b, double c", LimitsTest.reassignedBody(n));
    }

    private static String method(String parameters, String body) {
        return "package cal;\n"
                + "import static io.github.sourcegrad.ArrayMath.*;\n"
                + "import io.github.sourcegrad.Differentiable;\n"
                + "class Cal {\n"
                + "  @Differentiable static double f(" + parameters + ") {\n" + body + "\n  }\n"
                + "}\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void estimateIsSafeAndClose(String family, int n, IntFunction<String> source) {
        Compilation compilation = Compiler.javac().withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("cal.Cal", source.apply(n)));
        assertThat(compilation).succeeded();
        Map<String, Integer> real = codeLengths(compilation, "cal.CalGrad");
        Map<String, Integer> estimated = estimates(compilation);
        int large = 0;
        for (Map.Entry<String, Integer> e : estimated.entrySet()) {
            if (e.getKey().startsWith("fingerprint/")) {
                continue; // a switch of one case per method, never large; the processor does not estimate it
            }
            int actual = real.get(e.getKey());
            double ratio = (double) e.getValue() / actual;
            System.out.printf("%s: %s real %d, estimated %d (%.2f)%n", family, e.getKey(), actual, e.getValue(), ratio);
            assertTrue(e.getValue() >= actual, family + ": " + e.getKey() + " is " + actual + " bytes, estimated " + e.getValue());
            if (actual >= 10_000) {
                large++;
                assertTrue(ratio <= 1.3, family + ": " + e.getKey() + " is " + actual + " bytes, estimated " + e.getValue());
            }
        }
        assertTrue(large > 0, family + ": no method of 10,000 bytes or more to calibrate on: " + real);
    }

    // ------------------------------------------------------------------ the generated source and its class file

    private static final Pattern HEADER = Pattern.compile("^    public static [^=;]*? (\\w+)\\(([^)]*)\\) \\{$", Pattern.MULTILINE);

    /** The estimate of every method of the generated companion, by name and number of parameters. */
    private static Map<String, Integer> estimates(Compilation compilation) {
        String source = compilation.generatedSourceFile("cal.CalGrad").map(f -> {
            try {
                return f.getCharContent(true).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElseThrow();
        String joined = source.replaceAll(",\\n\\s+", ", "); // parameter lists that JavaPoet wrapped
        Map<String, Integer> estimates = new HashMap<>();
        Matcher m = HEADER.matcher(joined);
        while (m.find()) {
            int end = joined.indexOf("\n    }\n", m.end());
            String body = joined.substring(m.end(), end);
            String[] parameters = m.group(2).isBlank() ? new String[0] : m.group(2).split(",");
            Map<String, Boolean> slots = new java.util.LinkedHashMap<>();
            for (String p : parameters) {
                String[] typeAndName = p.strip().split(" ");
                slots.put(typeAndName[1], typeAndName[0].equals("double") || typeAndName[0].equals("long"));
            }
            estimates.put(m.group(1) + "/" + parameters.length, BytecodeSize.estimate(body, slots) + 1);
        }
        return estimates;
    }

    /** The code length of every method of {@code className}, by name and number of parameters. */
    private static Map<String, Integer> codeLengths(Compilation compilation, String className) {
        String path = "/" + className.replace('.', '/') + ".class";
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith(path)) {
                try (InputStream in = file.openInputStream()) {
                    return codeLengths(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no class file " + className);
    }

    /** Reads the class file format (JVMS 4) just far enough to find each method's Code attribute. */
    static Map<String, Integer> codeLengths(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        in.skipBytes(6); // access, this, super
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
        Map<String, Integer> lengths = new HashMap<>();
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.skipBytes(2);
            String name = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.skipBytes(4);
                    int code = in.readInt();
                    lengths.put(name + "/" + parameterCount(descriptor), code);
                    in.skipBytes(length - 8);
                } else {
                    in.skipBytes(length);
                }
            }
        }
        return lengths;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }

    private static int parameterCount(String descriptor) {
        List<String> parameters = new ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int start = i;
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
            parameters.add(descriptor.substring(start, i));
        }
        return parameters.size();
    }
}
