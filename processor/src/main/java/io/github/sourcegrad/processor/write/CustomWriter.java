package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import io.github.sourcegrad.processor.ir.CustomCallee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The entry point of a method with a hand-written derivative ({@code @CustomDerivative}):
 * <pre>{@code
 * public static LogGammaGradient dlogGamma(double x) {
 *     double[] grad = new double[1];
 *     Special.logGammaPullback(x, 1, grad);
 *     return new LogGammaGradient(Special.logGamma(x), grad[0]);
 * }
 * }</pre>
 * the method's own value and the partial derivatives that the user's pullback gives for an upstream adjoint of 1,
 * in the record that the gradients of callers read, as they read a {@code @Differentiable} method's.
 */
final class CustomWriter {
    private CustomWriter() {}

    static MethodSpec write(CustomCallee custom, Catalog.Entry entry) {
        Function f = custom.function();
        ClassName owner = ExprPrinter.className(f.signature().owner());
        Set<String> taken = new HashSet<>();
        f.parameters().forEach(p -> taken.add(p.hint()));
        MethodSpec.Builder method = MethodSpec.methodBuilder(entry.method())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(entry.record());
        for (Value p : f.parameters()) {
            method.addParameter(ParameterSpec.builder(CompanionWriter.typeName(p.type()), p.hint()).build());
        }
        CodeBlock.Builder code = CodeBlock.builder();
        CodeBlock.Builder arguments = CodeBlock.builder();
        f.parameters().forEach(p -> arguments.add("$N, ", p.hint()));
        arguments.add("1");
        List<CodeBlock> partials = new ArrayList<>();
        List<Value> scalars = f.parameters().stream().filter(p -> p.type() == Type.DOUBLE).toList();
        if (!scalars.isEmpty()) {
            String grad = Names.unused("grad", taken);
            code.addStatement("double[] $N = new double[$L]", grad, scalars.size());
            arguments.add(", $N", grad);
            for (int i = 0; i < scalars.size(); i++) {
                partials.add(CodeBlock.of("$N[$L]", grad, i));
            }
        }
        List<CodeBlock> arrayPartials = new ArrayList<>();
        for (Value p : f.parameters()) {
            if (p.type().isRealArray()) {
                String grad = Names.unused("grad" + Character.toUpperCase(p.hint().charAt(0)) + p.hint().substring(1), taken);
                code.addStatement(p.type() == Type.VECTOR ? "double[] $N = new double[$N.length]" : "double[][] $N = $T.zerosLike($N)",
                        p.type() == Type.VECTOR ? new Object[] {grad, p.hint()} : new Object[] {grad, ExprPrinter.ARRAY_MATH, p.hint()});
                arguments.add(", $N", grad);
                arrayPartials.add(CodeBlock.of("$N", grad));
            }
        }
        code.addStatement("$T.$N($L)", owner, custom.pullback(), arguments.build());
        // the record's partials in the order of the parameters, as callers read them
        CodeBlock.Builder record = CodeBlock.builder().add("$T.$N($L)", owner, f.name(),
                f.parameters().stream().map(p -> CodeBlock.of("$N", p.hint())).collect(CodeBlock.joining(", ")));
        int scalar = 0;
        int array = 0;
        for (Value p : f.parameters()) {
            if (p.type() == Type.DOUBLE) {
                record.add(", $L", partials.get(scalar++));
            } else if (p.type().isRealArray()) {
                record.add(", $L", arrayPartials.get(array++));
            }
        }
        code.addStatement("return new $T($L)", entry.record(), record.build());
        String pullbackTypes = CustomCallee.pullbackTypes(f.parameters()).stream().map(Type::keyword)
                .collect(Collectors.joining(", "));
        method.addJavadoc("Value of {@link $L} and its partial derivatives, from its {@code @CustomDerivative}: the pullback\n"
                + "{@link $L#$L($L)}, called with an upstream adjoint of 1.\n"
                + "<p>The gradients of the methods that call {@code $L} call this method.\n\n$L"
                + "@return the value and the partial derivatives with respect to $L\n",
                JavadocText.link(f), JavadocText.javadocName(f.signature().owner()), custom.pullback(), pullbackTypes, f.name(),
                JavadocText.parameterDocs(f, f.differentiated()), JavadocText.list(f.differentiated()));
        if (f.parameters().stream().anyMatch(p -> p.type().isArray())) {
            method.addJavadoc("@throws NullPointerException if an array is null\n");
        }
        return method.addCode(code.build()).build();
    }
}
