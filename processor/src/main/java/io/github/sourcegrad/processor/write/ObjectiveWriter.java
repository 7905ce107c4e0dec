package io.github.sourcegrad.processor.write;

import static io.github.sourcegrad.processor.write.JavadocText.link;
import static io.github.sourcegrad.processor.write.JavadocText.list;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * {@code objective<name>(arguments...)} for a method that returns a {@code double}: the method as a function of one flat
 * {@code double[]} of its differentiated parameters, for optimisers ({@code io.github.sourcegrad.Objective}). The
 * differentiated arguments give the start point and the shapes; the others are bound. Evaluations run the buffer form
 * (and, for the value alone, the method itself when the companion can call it) on fresh arrays.
 */
final class ObjectiveWriter {
    static final ClassName OBJECTIVE = ClassName.get("io.github.sourcegrad", "Objective");

    private ObjectiveWriter() {
    }

    /** The objective of {@code f}, whose buffer form is {@code buffer}; {@code callable}: the companion can call {@code f}. */
    static MethodSpec write(Function f, List<Value> wrt, List<ParameterSpec> parameters, MethodSpec buffer, boolean callable) {
        Set<String> taken = new HashSet<>(parameters.stream().map(ParameterSpec::name).toList());
        String a = Names.unused("a", taken);
        String grad = Names.unused("grad", taken);
        String arrays = Names.unused("arrays", taken);
        CodeBlock.Builder names = CodeBlock.builder();
        CodeBlock.Builder start = CodeBlock.builder();
        for (int k = 0; k < wrt.size(); k++) {
            names.add(k == 0 ? "$S" : ", $S", wrt.get(k).hint());
            start.add(k == 0 ? "$N" : ", $N", wrt.get(k).hint());
        }
        CodeBlock arguments = arguments(f, wrt, a);
        CodeBlock.Builder bufferArguments = CodeBlock.builder().add("$L", arguments);
        if (wrt.stream().anyMatch(p -> !p.type().isArray())) {
            bufferArguments.add(", $N", grad);
        }
        for (int k = 0; k < wrt.size(); k++) {
            Value p = wrt.get(k);
            if (p.type().isArray()) {
                bufferArguments.add(", ($L) $N[$L]", p.type().keyword(), arrays, k);
            }
        }
        CodeBlock value = callable
                ? CodeBlock.of("$N -> $T.$N($L)", a, ExprPrinter.className(f.signature().owner()), f.name(), arguments)
                : CodeBlock.of("null");
        MethodSpec.Builder method = MethodSpec.methodBuilder("objective" + f.name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(OBJECTIVE)
                .addParameters(parameters)
                .addJavadoc("{@link $L} as an {@link $T} of $L, taken in this order as the coordinates of one\n"
                        + "{@code double[]} (an array element by element, a matrix row by row), for optimisers.\n"
                        + "<p>The arguments given for them are copied: they set the shapes and {@link $T#start()}.$L\n"
                        + "Each evaluation works on fresh arrays, so the objective may be used from several threads at once.\n\n",
                        link(f), OBJECTIVE, list(wrt), OBJECTIVE, bound(f, wrt));
        for (Value p : f.parameters()) {
            method.addJavadoc("@param $N the argument {@code $N} of {@code $N}$L\n", p.hint(), p.hint(), f.name(),
                    wrt.contains(p) ? ": the start point" + (p.type().isArray() ? " and the shape" : "") : ", bound");
        }
        return method
                .addJavadoc("@return the objective\n")
                .addJavadoc("@throws NullPointerException if an argument given for a differentiated array, or a row of one, is null\n")
                .addStatement("return $T.of(new String[] {$L}, new Object[] {$L},\n$>$L,\n($N, $N, $N) -> $N($L))$<",
                        OBJECTIVE, names.build(), start.build(), value, a, grad, arrays, buffer.name(), bufferArguments.build())
                .build();
    }

    /** The method's arguments: the bound ones by name, the differentiated ones cast from {@code a[k]}. */
    private static CodeBlock arguments(Function f, List<Value> wrt, String a) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (int i = 0; i < f.parameters().size(); i++) {
            Value p = f.parameters().get(i);
            int k = wrt.indexOf(p);
            code.add(i == 0 ? "" : ", ");
            code.add(k < 0 ? CodeBlock.of("$N", p.hint()) : CodeBlock.of("($L) $N[$L]",
                    p.type() == Type.DOUBLE ? "double" : p.type().keyword(), a, k));
        }
        return code.build();
    }

    private static String bound(Function f, List<Value> wrt) {
        List<String> data = f.parameters().stream().filter(p -> !wrt.contains(p)).map(p -> "{@code " + p.hint() + "}")
                .collect(Collectors.toList());
        if (data.isEmpty()) {
            return "";
        }
        return " The others (" + String.join(", ", data) + ") are bound as given,\nnot copied: do not change them while the "
                + "objective is in use.";
    }
}
