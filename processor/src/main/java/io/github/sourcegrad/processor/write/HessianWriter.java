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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * {@code hvp<name>} and {@code hessian<name>} for {@code @Differentiable(hessian = true)}. Both run the gradient of the
 * method's directional derivative ({@code ad.TangentFunction}'s {@code g(x, tx) = f'(x) tx}), whose gradient with
 * respect to {@code x} is the Hessian times {@code tx}: {@code hvp} once, along {@code v}; {@code hessian} once per
 * differentiated input, along each unit vector, one row of the Hessian each. The inputs are flattened as for
 * {@code jacobian<name>}: parameters in declaration order, an array element by element, a matrix row by row.
 */
final class HessianWriter {

    /** The name of the private method that computes the Hessian times a direction: the gradient of the jvp. */
    static String helperName(Function f) {
        return "gradJvp" + f.name();
    }

    private final Function f;
    private final List<Value> wrt;
    private final List<ParameterSpec> parameters;
    private final MethodSpec gradient;
    private final MethodSpec helper;
    private final Set<String> parameterNames;
    private Set<String> taken;
    private final Map<Value, String> tangents = new LinkedHashMap<>();
    private final Map<Value, String> buffers = new LinkedHashMap<>();
    private final List<Value> scalars;
    private String scalarBuffer;

    /**
     * {@code gradient}: the buffer form of {@code f}'s gradient; {@code helper}: the buffer form of the jvp's gradient
     * (the method's parameters, one tangent per differentiated parameter, {@code grad} when a {@code double} is
     * differentiated, then one buffer per differentiated array).
     */
    HessianWriter(Function f, List<Value> wrt, List<ParameterSpec> parameters, MethodSpec gradient, MethodSpec helper) {
        this.f = f;
        this.wrt = wrt;
        this.parameters = parameters;
        this.gradient = gradient;
        this.helper = helper;
        this.parameterNames = new HashSet<>(parameters.stream().map(ParameterSpec::name).toList());
        this.scalars = wrt.stream().filter(p -> !p.type().isArray()).toList();
    }

    /** The helper, private, with Javadoc that says what it computes. */
    static MethodSpec helper(Function f, MethodSpec buffer) {
        List<ParameterSpec> params = buffer.parameters();
        String grad = params.get(params.size() - 1).name();
        return MethodSpec.methodBuilder(helperName(f))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(buffer.returnType())
                .addParameters(params)
                .addJavadoc("The directional derivative of {@link $L} along the tangents {@code t...},\n"
                        + "and its gradient with respect to the differentiated parameters, which is the Hessian of\n"
                        + "{@code $N} times the tangents: forward mode (each value followed by its tangent), then reverse mode\n"
                        + "of that code, with the tangents held constant. Its gradient buffers receive the Hessian-vector product.\n",
                        link(f), f.name())
                .addCode(buffer.code())
                .build();
    }

    /** One differentiated {@code double[]}: no offsets to count. */
    private boolean oneVector() {
        return wrt.size() == 1 && wrt.get(0).type() == Type.VECTOR;
    }

    private boolean arrays() {
        return wrt.stream().anyMatch(p -> p.type().isArray());
    }

    /** The names of the tangents and buffers, the same in both methods; each method's own locals are named after them. */
    private void names() {
        taken = new HashSet<>(parameterNames);
        tangents.clear();
        buffers.clear();
        for (Value p : wrt) {
            tangents.put(p, Names.unused("t" + p.hint(), taken));
        }
        if (arrays()) {
            scalarBuffer = scalars.isEmpty() ? null : Names.unused("scalars", taken);
            for (Value p : wrt) {
                if (p.type().isArray()) {
                    buffers.put(p, Names.unused("hv" + Character.toUpperCase(p.hint().charAt(0)) + p.hint().substring(1), taken));
                }
            }
        }
    }

    /** The checks of the arrays: non-null, rectangular matrices, and no buffer (or row of one) an argument. */
    private void checks(CodeBlock.Builder code, List<String> vectors, String matrix) {
        CodeBlock.Builder distinct = CodeBlock.builder().add("$T.check()", ArgumentChecks.BUFFERS);
        for (Value p : f.parameters()) {
            if (p.type() == Type.VECTOR || p.type() == Type.MATRIX) {
                distinct.add(".input($S, $N)", p.hint(), p.hint());
            }
            if (p.type() == Type.MATRIX && wrt.contains(p)) {
                code.addStatement("$T.requireRectangular($S, $N)", ExprPrinter.ARRAY_MATH, p.hint(), p.hint());
            }
        }
        for (int i = 0; i < vectors.size(); i++) {
            distinct.add(i == 0 ? ".input($S, $N)" : ".buffer($S, $N)", vectors.get(i), vectors.get(i));
        }
        if (matrix != null) {
            distinct.add(".buffer($S, $N)", matrix, matrix);
        }
        code.addStatement("$L.requireDistinct()", distinct.build());
    }

    /** The number of differentiated inputs: {@code 2}, or {@code w.length + 1}. */
    private CodeBlock count() {
        return JacobianWriter.columns(wrt);
    }

    private void declareBuffers(CodeBlock.Builder code) {
        if (scalarBuffer != null) {
            code.addStatement("double[] $N = new double[$L]", scalarBuffer, scalars.size());
        }
        buffers.forEach((p, name) -> code.addStatement("$L $N = $L", p.type().keyword(), name, zerosLike(p)));
    }

    private static CodeBlock zerosLike(Value p) {
        return p.type() == Type.VECTOR
                ? CodeBlock.of("new double[$N.length]", p.hint())
                : CodeBlock.of("new double[$N.length][$N.length == 0 ? 0 : $N[0].length]", p.hint(), p.hint(), p.hint());
    }

    /** A call of {@code method} with the method's arguments, then {@code extra}. */
    private CodeBlock call(String method, List<String> extra) {
        List<String> args = new ArrayList<>(parameters.stream().map(ParameterSpec::name).toList());
        args.addAll(extra);
        return CodeBlock.of("$N($L)", method, String.join(", ", args));
    }

    /** The scalar slots and array buffers a buffer form writes, in its order. */
    private List<String> bufferArguments() {
        List<String> out = new ArrayList<>();
        if (scalarBuffer != null) {
            out.add(scalarBuffer);
        }
        out.addAll(buffers.values());
        return out;
    }

    /** Copies the scalar slots and array buffers into the flat {@code target}, from {@code k = 0} on. */
    private void flatten(CodeBlock.Builder code, String target, String k) {
        if (oneVector()) {
            String b = buffers.get(wrt.get(0));
            code.addStatement("System.arraycopy($N, 0, $N, 0, $N.length)", b, target, b);
            return;
        }
        code.addStatement("$N = 0", k);
        int slot = 0;
        for (Value p : wrt) {
            boolean last = p.equals(wrt.get(wrt.size() - 1));
            if (!p.type().isArray()) {
                code.addStatement(last ? "$N[$N] = $N[$L]" : "$N[$N++] = $N[$L]", target, k, scalarBuffer, slot++);
            } else if (p.type() == Type.VECTOR) {
                String b = buffers.get(p);
                code.addStatement("System.arraycopy($N, 0, $N, $N, $N.length)", b, target, k, b);
                if (!last) {
                    code.addStatement("$N += $N.length", k, b);
                }
            } else {
                String b = buffers.get(p);
                String r = Names.unused(b + "Row", taken);
                code.beginControlFlow("for (double[] $N : $N)", r, b);
                code.addStatement("System.arraycopy($N, 0, $N, $N, $N.length)", r, target, k, r);
                code.addStatement("$N += $N.length", k, r);
                code.endControlFlow();
            }
        }
    }

    /** {@code hvp<name>(args..., v, grad, hv)}. */
    MethodSpec hvp() {
        names();
        String v = Names.unused("v", taken);
        String grad = Names.unused("grad", taken);
        String hv = Names.unused("hv", taken);
        String inputs = wrt.stream().map(Value::hint).collect(Collectors.joining(", "));
        CodeBlock.Builder code = CodeBlock.builder();
        String n = arrays() ? Names.unused("n", taken) : null;
        if (n != null) {
            code.addStatement("int $N = $L", n, count());
        }
        CodeBlock size = n != null ? CodeBlock.of("$N", n) : count();
        for (String vector : List.of(v, grad, hv)) {
            code.addStatement("$T.requireInputs($N, $L, $S, $S)", ArgumentChecks.BUFFERS, vector, size, vector, inputs);
        }
        checks(code, List.of(v, grad, hv), null);
        if (!arrays()) {
            String value = Names.unused("value", taken);
            code.addStatement("double $N = $L", value, call(gradient.name(), List.of(grad)));
            List<String> along = new ArrayList<>();
            for (int i = 0; i < wrt.size(); i++) {
                along.add(v + "[" + i + "]");
            }
            along.add(hv);
            code.addStatement("$L", call(helper.name(), along));
            code.addStatement("return $N", value);
        } else {
            String k = Names.unused("k", taken);
            String value = Names.unused("value", taken);
            if (!oneVector()) {
                code.addStatement("int $N = 0", k);
            }
            for (Value p : wrt) {
                String t = tangents.get(p);
                boolean last = p.equals(wrt.get(wrt.size() - 1));
                if (!p.type().isArray()) {
                    code.addStatement(last ? "double $N = $N[$N]" : "double $N = $N[$N++]", t, v, k);
                } else {
                    code.addStatement("$L $N = $L", p.type().keyword(), t, zerosLike(p));
                    if (oneVector()) {
                        code.addStatement("System.arraycopy($N, 0, $N, 0, $N.length)", v, t, t);
                    } else if (p.type() == Type.VECTOR) {
                        code.addStatement("System.arraycopy($N, $N, $N, 0, $N.length)", v, k, t, t);
                        if (!last) {
                            code.addStatement("$N += $N.length", k, t);
                        }
                    } else {
                        String r = Names.unused(t + "Row", taken);
                        code.beginControlFlow("for (double[] $N : $N)", r, t);
                        code.addStatement("System.arraycopy($N, $N, $N, 0, $N.length)", v, k, r, r);
                        code.addStatement("$N += $N.length", k, r);
                        code.endControlFlow();
                    }
                }
            }
            declareBuffers(code);
            code.addStatement("double $N = $L", value, call(gradient.name(), bufferArguments()));
            flatten(code, grad, k);
            List<String> along = new ArrayList<>(tangents.values());
            along.addAll(bufferArguments());
            code.addStatement("$L", call(helper.name(), along));
            flatten(code, hv, k);
            code.addStatement("return $N", value);
        }
        MethodSpec.Builder method = MethodSpec.methodBuilder("hvp" + f.name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.DOUBLE)
                .addParameters(parameters)
                .addParameter(double[].class, v)
                .addParameter(double[].class, grad)
                .addParameter(double[].class, hv)
                .addJavadoc("Value of {@link $L}, its gradient and its Hessian times a vector,\nwith respect to $L, the "
                        + "inputs taken in this order$L.\n<p>One reverse pass for the gradient, and one for the gradient of the "
                        + "directional derivative\nalong {@code $N} ({@link #$N}), which is the Hessian times {@code $N}: "
                        + "exact through branches and\nloops as the gradient is. $L\n\n",
                        link(f), list(wrt), arrays() ? ", an array element by element, a matrix row by row" : "", v,
                        helper.name(), v, arrays() ? "It allocates arrays of the shapes of the array parameters." : "It allocates nothing.");
        for (Value p : f.parameters()) {
            method.addJavadoc("@param $N the argument {@code $N} of {@code $N}$L\n", p.hint(), p.hint(), f.name(),
                    wrt.contains(p) ? "" : ", held constant");
        }
        return method
                .addJavadoc("@param $N the direction: one entry per differentiated input\n", v)
                .addJavadoc("@param $N receives the gradient, one entry per differentiated input\n", grad)
                .addJavadoc("@param $N receives the Hessian times {@code $N}, one entry per differentiated input\n", hv, v)
                .addJavadoc("@return the value of {@code $N}\n", f.name())
                .addJavadoc("@throws IllegalArgumentException if {@code $N}, {@code $N} or {@code $N} has fewer entries than "
                        + "inputs (the message says\n    how many it needs), or {@code $N} or {@code $N} is an argument\n",
                        v, grad, hv, grad, hv)
                .addJavadoc("@throws NullPointerException if an array is null\n")
                .addCode(code.build())
                .build();
    }

    /**
     * {@code hessian<name>(args..., h)}; {@code value}: a call of the user's method for its value, or null where the
     * companion cannot call it (then the gradient's buffer form gives it).
     */
    MethodSpec hessian(CodeBlock value) {
        names();
        String h = Names.unused("h", taken);
        String inputs = wrt.stream().map(Value::hint).collect(Collectors.joining(", "));
        CodeBlock.Builder code = CodeBlock.builder();
        String n = arrays() ? Names.unused("n", taken) : null;
        if (n != null) {
            code.addStatement("int $N = $L", n, count());
        }
        code.addStatement("$T.requireHessian($N, $L, $S, $S)", ArgumentChecks.BUFFERS, h, n != null ? CodeBlock.of("$N", n) : count(),
                h, inputs);
        checks(code, List.of(), h);
        if (!arrays()) {
            for (int i = 0; i < wrt.size(); i++) {
                List<String> along = new ArrayList<>();
                for (int j = 0; j < wrt.size(); j++) {
                    along.add(i == j ? "1" : "0");
                }
                along.add(h + "[" + i + "]");
                code.addStatement("$L", call(helper.name(), along));
            }
        } else {
            String row = Names.unused("row", taken);
            String hRow = Names.unused(h + "Row", taken);
            String k = Names.unused("k", taken);
            String i = Names.unused("i", taken);
            String j = Names.unused("j", taken);
            code.addStatement("int $N = 0", row);
            if (!oneVector()) {
                code.addStatement("int $N", k);
            }
            code.addStatement("double[] $N", hRow);
            for (Value p : wrt) {
                if (p.type().isArray()) {
                    code.addStatement("$L $N = $L", p.type().keyword(), tangents.get(p), zerosLike(p));
                }
            }
            declareBuffers(code);
            for (Value p : wrt) {
                String t = tangents.get(p);
                List<String> along = new ArrayList<>();
                for (Value q : wrt) {
                    along.add(q.type().isArray() ? tangents.get(q) : q == p ? "1" : "0");
                }
                along.addAll(bufferArguments());
                if (p.type() == Type.VECTOR) {
                    code.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", i, i, t, i);
                    code.addStatement("$N[$N] = 1", t, i);
                    code.addStatement("$L", call(helper.name(), along));
                    code.addStatement("$N[$N] = 0", t, i);
                } else if (p.type() == Type.MATRIX) {
                    code.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", i, i, t, i);
                    code.beginControlFlow("for (int $N = 0; $N < $N[$N].length; $N++)", j, j, t, i, j);
                    code.addStatement("$N[$N][$N] = 1", t, i, j);
                    code.addStatement("$L", call(helper.name(), along));
                    code.addStatement("$N[$N][$N] = 0", t, i, j);
                } else {
                    code.addStatement("$L", call(helper.name(), along));
                }
                code.addStatement("$N = $N[$N++]", hRow, h, row);
                flatten(code, hRow, k);
                if (p.type() == Type.MATRIX) {
                    code.endControlFlow();
                }
                if (p.type().isArray()) {
                    code.endControlFlow();
                }
            }
        }
        // row i is H e_i, column i is e_i^T H by another pass: they agree to rounding, and solvers (Cholesky) want
        // them equal
        // the loops' names need only avoid the method's own locals, none of which is i, j or mean
        Set<String> outer = new HashSet<>(parameterNames);
        outer.addAll(List.of(h, "row", "k"));
        String i = Names.unused("i", outer);
        String j = Names.unused("j", outer);
        String mean = Names.unused("mean", outer);
        code.add("// each pair of mirrored entries, from two passes, replaced by their mean: exactly symmetric\n");
        code.beginControlFlow("for (int $N = 1; $N < $L; $N++)", i, i, n != null ? CodeBlock.of("$N", n) : count(), i);
        code.beginControlFlow("for (int $N = 0; $N < $N; $N++)", j, j, i, j);
        code.addStatement("double $N = 0.5 * ($N[$N][$N] + $N[$N][$N])", mean, h, i, j, h, j, i);
        code.addStatement("$N[$N][$N] = $N", h, i, j, mean);
        code.addStatement("$N[$N][$N] = $N", h, j, i, mean);
        code.endControlFlow();
        code.endControlFlow();
        if (value != null) {
            code.addStatement("return $L", value);
        } else if (arrays()) {
            code.addStatement("return $L", call(gradient.name(), bufferArguments()));
        } else {
            code.addStatement("return $L", call(gradient.name(), List.of("new double[" + scalars.size() + "]")));
        }
        MethodSpec.Builder method = MethodSpec.methodBuilder("hessian" + f.name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.DOUBLE)
                .addParameters(parameters)
                .addParameter(double[][].class, h)
                .addJavadoc("Value of {@link $L} and its Hessian with respect to $L,\nthe inputs taken in this order$L: "
                        + "{@code $N[i][k]} receives the second derivative with respect to inputs\n{@code i} and {@code k}.\n"
                        + "<p>Row {@code i} is the Hessian times the {@code i}-th unit vector, one pass of {@link #$N} each:\n"
                        + "exact through branches and loops as the gradient is. {@code $N[i][k]} and {@code $N[k][i]} come from\n"
                        + "different passes, which agree to rounding; each is set to their mean, so that {@code $N} is exactly "
                        + "symmetric.$L\n\n",
                        link(f), list(wrt), arrays() ? ", an array element by element, a matrix row by row" : "", h,
                        helper.name(), h, h, h, arrays() ? " It allocates arrays of the shapes of\nthe array parameters." : "");
        for (Value p : f.parameters()) {
            method.addJavadoc("@param $N the argument {@code $N} of {@code $N}$L\n", p.hint(), p.hint(), f.name(),
                    wrt.contains(p) ? "" : ", held constant");
        }
        return method
                .addJavadoc("@param $N receives the Hessian: at least one row per differentiated input, each of at least one\n"
                        + "    entry per input; anything beyond is left as it is\n", h)
                .addJavadoc("@return the value of {@code $N}\n", f.name())
                .addJavadoc("@throws IllegalArgumentException if {@code $N} has too few rows or entries (the message says how many\n"
                        + "    it needs), a matrix is ragged, or a row of {@code $N} is an argument or another row of it\n", h, h)
                .addJavadoc("@throws NullPointerException if an array is null\n")
                .addCode(code.build())
                .build();
    }
}
