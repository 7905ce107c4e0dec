package io.github.sourcegrad.processor.write;

import static io.github.sourcegrad.processor.write.JavadocText.link;
import static io.github.sourcegrad.processor.write.JavadocText.list;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * {@code jacobian<name>} for a method that returns {@code double[]}: the result, and its Jacobian written into the
 * caller's {@code double[][]}, one row per element of the result, one column per differentiated input (parameters in
 * declaration order, an array element by element, a matrix row by row). Each row is one reverse pass: the pullback's
 * buffer form with a unit upstream adjoint. The value comes from the user's method itself, so the companion must be
 * able to call it.
 */
final class JacobianWriter {

    private JacobianWriter() {
    }

    /**
     * The Jacobian method of {@code f}, whose pullback's buffer form is {@code pullback} (the method's parameters, the
     * upstream adjoint, {@code grad} when a {@code double} is differentiated, then one buffer per differentiated array).
     */
    /** Up to this many {@code double} inputs, one forward pass computes every column of the Jacobian. */
    static final int COLUMNS_AT_ONCE = 8;

    /** The private forward pass {@code jacobian<name>} runs per input when there are fewer inputs than results. */
    static String columnName(Function f) {
        return "column" + Character.toUpperCase(f.name().charAt(0)) + f.name().substring(1);
    }

    /**
     * Also, with {@code column} (the forward pass: the method's parameters, then one tangent per differentiated
     * parameter, returning the result's tangent), one forward pass per input instead when there are fewer inputs than
     * elements of the result.
     */
    static MethodSpec write(Function f, List<Value> wrt, List<ParameterSpec> parameters, MethodSpec pullback, MethodSpec column) {
        Set<String> taken = new HashSet<>(parameters.stream().map(ParameterSpec::name).toList());
        String jac = Names.unused("jac", taken);
        String value = Names.unused("value", taken);
        String upstream = Names.unused("upstream", taken);
        String i = Names.unused("i", taken);
        String row = Names.unused("row", taken);
        String k = Names.unused("k", taken);
        List<Value> scalars = wrt.stream().filter(p -> !p.type().isArray()).toList();
        String grad = scalars.isEmpty() ? null : Names.unused("grad", taken);
        java.util.Map<Value, String> buffers = new java.util.LinkedHashMap<>();
        for (Value p : wrt) {
            if (p.type().isArray()) {
                buffers.put(p, Names.unused("grad" + Character.toUpperCase(p.hint().charAt(0)) + p.hint().substring(1), taken));
            }
        }

        CodeBlock.Builder code = CodeBlock.builder();
        CodeBlock.Builder checks = CodeBlock.builder().add("$T.check()", ArgumentChecks.BUFFERS);
        for (Value p : f.parameters()) {
            if (p.type() == Type.VECTOR || p.type() == Type.MATRIX) {
                checks.add(".input($S, $N)", p.hint(), p.hint());
            }
            if (p.type() == Type.MATRIX && wrt.contains(p)) {
                code.addStatement("$T.requireRectangular($S, $N)", ExprPrinter.ARRAY_MATH, p.hint(), p.hint());
            }
        }
        if (f.parameters().stream().anyMatch(p -> p.type() == Type.VECTOR || p.type() == Type.MATRIX)) {
            code.addStatement("$L.buffer($S, $N).requireDistinct()", checks.build(), jac, jac); // no row of jac is an argument
        }
        code.addStatement("double[] $N = $T.$N($L)", value, ExprPrinter.className(f.signature().owner()), f.name(),
                parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", ")));
        String n = Names.unused("n", taken);
        code.addStatement("int $N = $L", n, columns(wrt));
        code.addStatement("$T.requireJacobian($N, $N.length, $N, $S, $S)", ArgumentChecks.BUFFERS, jac, value, n, jac,
                wrt.stream().map(Value::hint).collect(Collectors.joining(", ")));
        if (column != null) {
            // its locals live in its own block: only the names around it are taken
            Set<String> outer = new HashSet<>(parameters.stream().map(ParameterSpec::name).toList());
            outer.addAll(List.of(value, n, jac));
            forwardPasses(code, wrt, parameters, column, value, n, jac, outer);
        }
        code.addStatement("double[] $N = new double[$N.length]", upstream, value);
        if (grad != null) {
            code.addStatement("double[] $N = new double[$L]", grad, scalars.size());
        }
        buffers.forEach((p, name) -> code.addStatement(p.type() == Type.VECTOR
                ? CodeBlock.of("double[] $N = new double[$N.length]", name, p.hint())
                : CodeBlock.of("double[][] $N = new double[$N.length][$N.length == 0 ? 0 : $N[0].length]", name, p.hint(),
                        p.hint(), p.hint())));
        code.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", i, i, value, i);
        code.addStatement("$N[$N] = 1", upstream, i);
        CodeBlock.Builder args = CodeBlock.builder();
        parameters.forEach(p -> args.add("$N, ", p.name()));
        args.add("$N", upstream);
        if (grad != null) {
            args.add(", $N", grad);
        }
        buffers.values().forEach(name -> args.add(", $N", name));
        code.addStatement("$N($L)", pullback.name(), args.build());
        code.addStatement("$N[$N] = 0", upstream, i);
        code.addStatement("double[] $N = $N[$N]", row, jac, i);
        if (buffers.isEmpty()) {
            for (int slot = 0; slot < scalars.size(); slot++) {
                code.addStatement("$N[$L] = $N[$L]", row, slot, grad, slot);
            }
        } else if (wrt.size() == 1 && wrt.get(0).type() == Type.VECTOR) {
            String b = buffers.get(wrt.get(0));
            code.addStatement("System.arraycopy($N, 0, $N, 0, $N.length)", b, row, b);
        } else {
            code.addStatement("int $N = 0", k);
            int slot = 0;
            for (Value p : wrt) {
                String b = buffers.get(p);
                boolean last = p.equals(wrt.get(wrt.size() - 1));
                if (!p.type().isArray()) {
                    code.addStatement(last ? "$N[$N] = $N[$L]" : "$N[$N++] = $N[$L]", row, k, grad, slot++);
                } else if (p.type() == Type.VECTOR) {
                    code.addStatement("System.arraycopy($N, 0, $N, $N, $N.length)", b, row, k, b);
                    if (!last) {
                        code.addStatement("$N += $N.length", k, b);
                    }
                } else {
                    String r = Names.unused(b + "Row", taken);
                    code.beginControlFlow("for (double[] $N : $N)", r, b);
                    code.addStatement("System.arraycopy($N, 0, $N, $N, $N.length)", r, row, k, r);
                    code.addStatement("$N += $N.length", k, r);
                    code.endControlFlow();
                }
            }
        }
        code.endControlFlow();
        code.addStatement("return $N", value);

        String pullbackSignature = pullback.parameters().stream().map(p -> p.type().toString())
                .collect(Collectors.joining(", ", pullback.name() + "(", ")"));
        MethodSpec.Builder method = MethodSpec.methodBuilder("jacobian" + f.name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.get(double[].class))
                .addParameters(parameters)
                .addParameter(TypeName.get(double[][].class), jac)
                .addJavadoc("Value of {@link $L} and its Jacobian\nwith respect to $L: {@code $N[i][k]} receives the "
                        + "derivative of element {@code i} of the\nresult with respect to the {@code k}-th differentiated input, the "
                        + "inputs taken in this order, an array\nelement by element, a matrix row by row.\n"
                        + "<p>One reverse pass per element of the result, through the pullback\n{@link #$L}.\n\n",
                        link(f), list(wrt), jac, pullbackSignature);
        for (Value p : f.parameters()) {
            method.addJavadoc("@param $N the argument {@code $N} of {@code $N}$L\n", p.hint(), p.hint(), f.name(),
                    wrt.contains(p) ? "" : ", held constant");
        }
        return method
                .addJavadoc("@param $N receives the Jacobian: at least one row per element of the result, each of at least\n"
                        + "    $L entries; anything beyond is left as it is\n", jac, columnsDoc(wrt))
                .addJavadoc("@return the value of {@code $N}\n", f.name())
                .addJavadoc("@throws IllegalArgumentException if {@code $N} has too few rows or entries (the message says how many\n"
                        + "    it needs), a matrix is ragged, or a row of {@code $N} is an argument or a row of one\n", jac, jac)
                .addJavadoc("@throws NullPointerException if an array is null\n")
                .addCode(code.build())
                .build();
    }

    /** {@code if (n < value.length) { one forward pass per input, a column each; return value; }}. */
    private static void forwardPasses(CodeBlock.Builder code, List<Value> wrt, List<ParameterSpec> parameters, MethodSpec column,
            String value, String n, String jac, Set<String> taken) {
        String k = Names.unused("k", taken);
        String c = Names.unused("column", taken);
        String i = Names.unused("i", taken);
        String e = Names.unused("e", taken);
        String e2 = Names.unused("e2", taken);
        java.util.Map<Value, String> tangents = new java.util.LinkedHashMap<>();
        for (Value p : wrt) {
            tangents.put(p, Names.unused("t" + p.hint(), taken));
        }
        code.beginControlFlow("if ($N < $N.length)", n, value);
        if (column.returnType().equals(TypeName.VOID)) {
            code.add("// fewer inputs than results: one forward pass, which writes every column\n");
            List<String> args = new java.util.ArrayList<>(parameters.stream().map(ParameterSpec::name).toList());
            args.add(jac);
            code.addStatement("$N($L)", column.name(), String.join(", ", args));
            code.addStatement("return $N", value);
            code.endControlFlow();
            return;
        }
        code.add("// fewer inputs than results: one forward pass per input, a column of the Jacobian each\n");
        code.addStatement("int $N = 0", k);
        code.addStatement("double[] $N", c);
        for (Value p : wrt) {
            if (p.type() == Type.VECTOR) {
                code.addStatement("double[] $N = new double[$N.length]", tangents.get(p), p.hint());
            } else if (p.type() == Type.MATRIX) {
                code.addStatement("double[][] $N = new double[$N.length][$N.length == 0 ? 0 : $N[0].length]", tangents.get(p),
                        p.hint(), p.hint(), p.hint());
            }
        }
        for (Value p : wrt) {
            String t = tangents.get(p);
            List<String> args = new java.util.ArrayList<>(parameters.stream().map(ParameterSpec::name).toList());
            for (Value q : wrt) {
                args.add(q.type().isArray() ? tangents.get(q) : q == p ? "1" : "0");
            }
            CodeBlock call = CodeBlock.of("$N = $N($L)", c, column.name(), String.join(", ", args));
            if (p.type() == Type.VECTOR) {
                code.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", e, e, t, e);
                code.addStatement("$N[$N] = 1", t, e);
            } else if (p.type() == Type.MATRIX) {
                code.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", e, e, t, e);
                code.beginControlFlow("for (int $N = 0; $N < $N[$N].length; $N++)", e2, e2, t, e, e2);
                code.addStatement("$N[$N][$N] = 1", t, e, e2);
            }
            code.addStatement("$L", call);
            if (p.type() == Type.VECTOR) {
                code.addStatement("$N[$N] = 0", t, e);
            } else if (p.type() == Type.MATRIX) {
                code.addStatement("$N[$N][$N] = 0", t, e, e2);
            }
            code.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", i, i, c, i);
            code.addStatement("$N[$N][$N] = $N[$N]", jac, i, k, c, i);
            code.endControlFlow();
            code.addStatement("$N++", k);
            if (p.type() == Type.MATRIX) {
                code.endControlFlow();
            }
            if (p.type().isArray()) {
                code.endControlFlow();
            }
        }
        code.addStatement("return $N", value);
        code.endControlFlow();
    }

    /** The number of differentiated inputs, as an expression of the parameters: {@code x.length + 2}. */
    static CodeBlock columns(List<Value> wrt) {
        List<String> terms = new java.util.ArrayList<>();
        int numbers = 0;
        for (Value p : wrt) {
            switch (p.type()) {
                case VECTOR -> terms.add(p.hint() + ".length");
                case MATRIX -> terms.add("(" + p.hint() + ".length == 0 ? 0 : " + p.hint() + ".length * " + p.hint() + "[0].length)");
                default -> numbers++;
            }
        }
        if (numbers > 0 || terms.isEmpty()) {
            terms.add(Integer.toString(numbers));
        }
        return CodeBlock.of("$L", String.join(" + ", terms));
    }

    private static String columnsDoc(List<Value> wrt) {
        List<String> terms = new java.util.ArrayList<>();
        long numbers = wrt.stream().filter(p -> !p.type().isArray()).count();
        for (Value p : wrt) {
            if (p.type() == Type.VECTOR) {
                terms.add("{@code " + p.hint() + ".length}");
            } else if (p.type() == Type.MATRIX) {
                terms.add("{@code " + p.hint() + ".length * " + p.hint() + "[0].length}");
            }
        }
        if (numbers > 0) {
            terms.add(Long.toString(numbers));
        }
        return String.join(" + ", terms);
    }
}
