package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Pieces of the Javadoc that a companion writes for its methods: the {@code @param} lines, links to the user's
 * methods and classes written as text (so that the companion needs no import of them), and lists of parameters.
 */
final class JavadocText {
    private JavadocText() {
    }

    /** One {@code @param} line for each of the method's own parameters; those not in {@code wrt} are held constant. */
    static CodeBlock parameterDocs(Function f, List<Value> wrt) {
        java.util.Set<String> differentiated = wrt.stream().map(Value::hint).collect(Collectors.toSet());
        CodeBlock.Builder doc = CodeBlock.builder();
        for (Value p : f.parameters()) {
            doc.add("@param $N the argument {@code $L} of {@code $L}$L\n", p.hint(), p.hint(), f.name(),
                    differentiated.contains(p.hint()) ? "" : ", held constant");
        }
        return doc.build();
    }

    /** {@code Slides#f(double, double)}, written as text so that no import of the user's class is needed. */
    static String link(Function f) {
        String params = f.parameters().stream()
                .map(p -> p.type() == Type.OBJECT ? f.dataTypes().get(p).qualifiedName() : p.type().keyword())
                .collect(Collectors.joining(", "));
        return javadocName(f.signature().owner()) + "#" + f.name() + "(" + params + ")";
    }

    static String javadocName(TypeRef owner) {
        return String.join(".", owner.simpleNames());
    }

    static String list(List<Value> values) {
        return values.isEmpty() ? "no parameter" : values.stream().map(v -> "{@code " + v.hint() + "}").collect(Collectors.joining(", "));
    }
}
