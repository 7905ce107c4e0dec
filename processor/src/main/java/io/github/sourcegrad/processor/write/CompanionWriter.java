package io.github.sourcegrad.processor.write;

import static io.github.sourcegrad.processor.write.ArgumentChecks.aliasingCheck;
import static io.github.sourcegrad.processor.write.ArgumentChecks.nullChecks;
import static io.github.sourcegrad.processor.write.ArgumentChecks.shapeChecks;
import static io.github.sourcegrad.processor.write.JavadocText.javadocName;
import static io.github.sourcegrad.processor.write.JavadocText.link;
import static io.github.sourcegrad.processor.write.JavadocText.list;
import static io.github.sourcegrad.processor.write.JavadocText.parameterDocs;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.sourcegrad.processor.ad.Adjoint;
import io.github.sourcegrad.processor.ad.Expr;
import io.github.sourcegrad.processor.ad.Planner;
import io.github.sourcegrad.processor.ad.ReverseMode;
import io.github.sourcegrad.processor.ad.TangentFunction;
import io.github.sourcegrad.processor.ir.ArrayFunction;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes one companion class: for each function, its gradient record, {@code d<name>} returning the record,
 * the zero-allocation {@code d<name>(..., double[] grad)}, and, when a caller needs it, the gradient with
 * respect to every {@code double} parameter. Method bodies are the forward pass, a blank line, then the
 * backward pass, as the slides write them.
 */
public final class CompanionWriter {
    public static final String PROCESSOR = "io.github.sourcegrad.processor.DifferentiableProcessor";
    /** The runtime's class-retention marker, which coverage tools read from the class files. */
    public static final String GENERATED = "io.github.sourcegrad.Generated";
    private static final ClassName GENERATED_CLASS = ClassName.bestGuess(GENERATED);

    /** The backward helpers and checks of ArrayMath that generated code calls. */
    private static final Set<String> ARRAY_HELPERS = Set.of("timesTransposed", "transposedTimes", "outer", "filled",
            "onesLike", "zerosLike", "clear", "broadcastRows", "maskGreater", "maskGreaterOrHalf", "oneMinus", "oneMinusSquare", "softmaxBackward",
            "addTo", "copyInto", "requireRectangular", "requireSameShape");

    /** Prints straight-line forward statements: every value under its own name, nothing inline. */
    private static final InstructionPrinter STRAIGHT_LINE = new InstructionPrinter(null);

    private static final ClassName STALE_COMPANION = ClassName.get("io.github.sourcegrad", "StaleCompanionError");
    static final ClassName WORKSPACE = ClassName.get("io.github.sourcegrad", "Workspace");

    private final Catalog catalog;
    private final String processorVersion;
    private final boolean generatedAnnotationAvailable;
    private final boolean ownGeneratedAvailable;
    private final java.util.function.Predicate<TypeRef> auxiliary;
    private final java.util.function.Predicate<String> callable;
    private final java.util.function.Predicate<String> objectives;
    private final java.util.function.Predicate<String> hessians;
    private final java.util.Map<String, String> fingerprints = new java.util.HashMap<>();

    /**
     * {@code processorVersion} is stamped into every companion, which checks it against the runtime's;
     * {@code generatedAnnotationAvailable}: the user's code can read {@code javax.annotation.processing.Generated};
     * {@code ownGeneratedAvailable}: the runtime on the class path has {@code io.github.sourcegrad.Generated}.
     * {@code auxiliary} tells which top-level classes are auxiliary (declared in a source file named after another
     * class), which javac's {@code -Xlint:auxiliaryclass} warns about when another file reads them. {@code callable}
     * tells which methods (by key) their companion can call: the Jacobian of a method's array result calls it for its value.
     * {@code objectives} tells which methods asked for {@code objective<name>} ({@code @Differentiable(objective = true)}).
     */
    public CompanionWriter(Catalog catalog, String processorVersion, boolean generatedAnnotationAvailable,
            boolean ownGeneratedAvailable, java.util.function.Predicate<TypeRef> auxiliary,
            java.util.function.Predicate<String> callable, java.util.function.Predicate<String> objectives) {
        this(catalog, processorVersion, generatedAnnotationAvailable, ownGeneratedAvailable, auxiliary, callable, objectives,
                key -> false);
    }

    /** Also {@code hvp<name>} and {@code hessian<name>} for the methods {@code hessians} accepts ({@code hessian = true}). */
    public CompanionWriter(Catalog catalog, String processorVersion, boolean generatedAnnotationAvailable,
            boolean ownGeneratedAvailable, java.util.function.Predicate<TypeRef> auxiliary,
            java.util.function.Predicate<String> callable, java.util.function.Predicate<String> objectives,
            java.util.function.Predicate<String> hessians) {
        this.hessians = hessians;
        this.catalog = catalog;
        this.processorVersion = processorVersion;
        this.generatedAnnotationAvailable = generatedAnnotationAvailable;
        this.ownGeneratedAvailable = ownGeneratedAvailable;
        this.auxiliary = auxiliary;
        this.callable = callable;
        this.objectives = objectives;
    }

    public Set<TypeRef> owners() {
        return catalog.byOwner().keySet();
    }

    /** Two generated methods of one signature: {@code later}'s and {@code earlier}'s, as Java would write it. */
    public record Collision(Function later, Function earlier, String signature) {}

    /**
     * The generated methods of overloads that would clash: {@code f(double[])}'s pullback {@code df(double[],
     * double[])} is also the gradient of {@code f(double[], double[])}. Only overloads can clash: each method's
     * forms differ from one another.
     */
    public List<Collision> collisions(TypeRef owner) {
        List<Catalog.Entry> entries = catalog.byOwner().get(owner);
        java.util.Map<String, Function> seen = new java.util.HashMap<>();
        List<Collision> collisions = new java.util.ArrayList<>();
        for (Catalog.Entry entry : entries) {
            Planner.Plan plan = entry.plan();
            Function f = plan.function();
            if (entries.stream().noneMatch(e -> e != entry && e.plan().function().name().equals(f.name()))) {
                continue;
            }
            for (MethodSpec form : methods(entry)) {
                String signature = form.name() + form.parameters().stream().map(p -> p.type().toString())
                        .collect(Collectors.joining(", ", "(", ")"));
                Function earlier = seen.putIfAbsent(signature, f);
                if (earlier != null && earlier != f) {
                    collisions.add(new Collision(f, earlier, signature));
                }
            }
        }
        // a custom derivative's entry point, d<name>, beside the forms of a @Differentiable overload
        for (Catalog.Custom custom : catalog.customs(owner)) {
            Function c = custom.callee().function();
            String signature = custom.entry().method() + c.parameters().stream().map(p -> typeName(p.type()).toString())
                    .collect(Collectors.joining(", ", "(", ")"));
            for (Catalog.Entry entry : entries) {
                if (entry.plan().function().name().equals(c.name()) && methods(entry).stream().anyMatch(form -> signature.equals(
                        form.name() + form.parameters().stream().map(p -> p.type().toString()).collect(Collectors.joining(", ", "(", ")"))))) {
                    collisions.add(new Collision(c, entry.plan().function(), signature));
                }
            }
        }
        return collisions;
    }

    /** A generated method of {@code function} whose bytecode would exceed the JVM's limit, by an estimate. */
    public record Oversized(Function function, String method, int estimatedBytes) {}

    /**
     * The generated methods of {@code owner} that would be too large for the JVM ({@link BytecodeSize}): javac
     * would reject them as {@code code too large} at a line of the companion.
     */
    public List<Oversized> oversized(TypeRef owner) {
        List<Oversized> oversized = new java.util.ArrayList<>();
        for (Catalog.Entry entry : catalog.byOwner().get(owner)) {
            for (MethodSpec m : methods(entry)) {
                int size = BytecodeSize.estimate(m, code(m));
                if (size > BytecodeSize.LIMIT) {
                    oversized.add(new Oversized(entry.plan().function(), m.name(), size));
                }
            }
        }
        return oversized;
    }

    /** The adjoints whose buffer form keeps its calls because writing them inline would exceed {@link BytecodeSize#JIT_LIMIT}. */
    private final Set<Adjoint> jitFallback = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * Each method's body as text, rendered once for both {@link BytecodeSize} and the {@link #fingerprint}: rendering
     * is a good part of the processor's time, and the companion's file renders it once more.
     */
    private final java.util.Map<MethodSpec, String> code = new java.util.IdentityHashMap<>();

    private String code(MethodSpec method) {
        return code.computeIfAbsent(method, m -> m.code().toString());
    }

    /** Each entry's methods, built once: the record form, the buffer form, and the full record form if any. */
    private final java.util.Map<Catalog.Entry, List<MethodSpec>> methods = new java.util.IdentityHashMap<>();

    private List<MethodSpec> methods(Catalog.Entry entry) {
        return methods.computeIfAbsent(entry, e -> {
            Planner.Plan plan = e.plan();
            MethodSpec buffer = arrayMethod(plan.function(), plan.inlined(), e.method());
            Adjoint body = plan.inlined();
            if (plan.inlined() != plan.primary() && plan.inlined().function().hasControlFlow()
                    && BytecodeSize.estimate(buffer) > BytecodeSize.JIT_LIMIT) {
                // callees written inline with their branches and loops would leave the method interpreted: keep the calls
                jitFallback.add(plan.primary());
                MethodSpec calls = arrayMethod(plan.function(), plan.primary(), e.method());
                if (BytecodeSize.estimate(calls) < BytecodeSize.estimate(buffer)) {
                    buffer = calls;
                    body = plan.primary();
                }
            }
            // the record form runs the buffer form's code: a callee's partials taken for an adjoint of 1 and multiplied
            // afterwards can underflow where the caller's adjoint carried through the callee does not
            MethodSpec record = delegates(plan.function(), body)
                    ? delegatingRecordMethod(body, e.method(), e.record(), buffer)
                    : recordMethod(plan.function(), body, e.method(), e.record(), false);
            List<MethodSpec> list = new java.util.ArrayList<>(List.of(record, buffer));
            if (plan.full() != null) {
                MethodSpec full = recordMethod(plan.function(), plan.fullInlined(), e.fullMethod(), e.fullRecord(), true);
                if (plan.fullInlined() != plan.full() && plan.fullInlined().function().hasControlFlow()
                        && BytecodeSize.estimate(full) > BytecodeSize.JIT_LIMIT) {
                    jitFallback.add(plan.full());
                    MethodSpec calls = recordMethod(plan.function(), plan.full(), e.fullMethod(), e.fullRecord(), true);
                    if (BytecodeSize.estimate(calls) < BytecodeSize.estimate(full)) {
                        full = calls;
                    }
                }
                list.add(full);
            }
            Function f = plan.function();
            if (resultType(f) == Type.VECTOR && !body.wrt().isEmpty() && callable.test(f.signature().key())) {
                Function flat = plan.inlined().function();
                boolean forward = TangentFunction.unsupportedForJvp(flat, true).isEmpty() && TangentWriter.unsupported(flat).isEmpty();
                // with a few doubles as inputs, one pass computes every column; otherwise one pass per input
                boolean together = body.wrt().size() <= JacobianWriter.COLUMNS_AT_ONCE
                        && body.wrt().stream().allMatch(p -> p.type() == Type.DOUBLE);
                MethodSpec column = !forward ? null : together ? columnsMethod(f, flat) : columnMethod(f, flat);
                if (column != null && BytecodeSize.estimate(column) > BytecodeSize.JIT_LIMIT) {
                    column = null; // the forward passes are an optimisation: never a reason to refuse the method
                }
                list.add(JacobianWriter.write(f, body.wrt(), parameters(f), buffer, column));
                if (column != null) {
                    list.add(column);
                }
            }
            if (objectives.test(f.signature().key()) && !resultType(f).isArray() && !body.wrt().isEmpty()) {
                list.add(ObjectiveWriter.write(f, body.wrt(), parameters(f), buffer, callable.test(f.signature().key())));
            }
            ClassName tangentRecord = catalog.tangentRecord(e);
            if (tangentRecord != null) {
                list.add(jvpMethod(plan.function(), plan.inlined().function(), tangentRecord));
            }
            if (hessians.test(f.signature().key()) && !body.wrt().isEmpty()) {
                String helperName = HessianWriter.helperName(f);
                Function jvp = TangentFunction.of(plan.inlined().function(), helperName);
                MethodSpec helper = HessianWriter.helper(f, arrayMethod(jvp, ReverseMode.differentiate(jvp, jvp.differentiated()), helperName));
                HessianWriter hessian = new HessianWriter(f, body.wrt(), parameters(f), buffer, helper);
                list.add(hessian.hvp());
                list.add(hessian.hessian(callable.test(f.signature().key()) ? CodeBlock.of("$T.$N($L)",
                        ExprPrinter.className(f.signature().owner()), f.name(),
                        parameters(f).stream().map(ParameterSpec::name).collect(java.util.stream.Collectors.joining(", "))) : null));
                list.add(helper);
            }
            return list;
        });
    }

    /**
     * The companion of {@code owner}; {@code originating} are the user's classes whose code went into it (the
     * owner and the classes of the methods it calls or writes inline), for incremental builds.
     */
    public JavaFile write(TypeRef owner, List<? extends Element> originating) {
        List<Catalog.Entry> entries = catalog.byOwner().get(owner);
        ClassName companion = catalog.companion(owner);
        TypeSpec.Builder type = TypeSpec.classBuilder(companion)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Reverse-mode gradients of the {@code @Differentiable} methods of {@link $L}, written by SourceGrad.\n$L"
                        + "<p>Generated at compile time from the source of {@link $L}: edit that class, not this one.\n",
                        javadocName(owner), (entries.stream().anyMatch(e -> catalog.tangentRecord(e) != null)
                                ? "<p>Also their directional derivatives by forward mode, {@code jvp<name>}, where {@code forward = true} asks for them.\n" : "")
                                + (catalog.customs(owner).isEmpty() ? "" : "<p>Also the derivatives of its methods with a "
                                        + "{@code @CustomDerivative}, from the pullbacks written by hand that their annotations name.\n"),
                        javadocName(owner))
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        originating.forEach(type::addOriginatingElement);
        type.addStaticBlock(staleChecks(owner, companion));
        if (generatedAnnotationAvailable) {
            type.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", PROCESSOR)
                    .build());
        }
        if (ownGeneratedAvailable) {
            type.addAnnotation(AnnotationSpec.builder(GENERATED_CLASS).addMember("value", "$S", PROCESSOR).build());
        }
        if (readsAuxiliaryClass(owner)) {
            // the user's constants and methods live where the user put them: in a second class of a source file
            type.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "auxiliaryclass").build());
        }
        for (Catalog.Entry entry : entries) {
            Planner.Plan plan = entry.plan();
            Function f = plan.function();
            List<MethodSpec> methods = methods(entry);
            type.addType(record(f, entry.record(), f.differentiated()));
            type.addMethod(methods.get(0));
            type.addMethod(methods.get(1));
            if (plan.full() != null) {
                type.addType(record(f, entry.fullRecord(), plan.full().wrt()));
                type.addMethod(methods.get(2));
            }
            ClassName tangentRecord = catalog.tangentRecord(entry);
            if (tangentRecord != null) {
                type.addType(tangentRecord(f, tangentRecord));
            }
            methods.subList(plan.full() != null ? 3 : 2, methods.size()).forEach(type::addMethod); // Jacobian, objective, jvp
        }
        for (Catalog.Custom custom : catalog.customs(owner)) {
            Function f = custom.callee().function();
            type.addType(record(f, custom.entry().record(), f.differentiated()));
            type.addMethod(CustomWriter.write(custom.callee(), custom.entry()));
        }
        if (!entries.isEmpty()) {
            type.addMethod(fingerprintMethod(owner, entries));
        }
        TypeSpec spec = type.build();
        JavaFile.Builder file = JavaFile.builder(companion.packageName(), spec)
                .skipJavaLangImports(true)
                .indent("    ");
        // matmul(X, W) reads like the slides' X @ W; a companion method of the same name would hide the import
        boolean clash = spec.methodSpecs().stream().anyMatch(m -> ArrayFunction.named(m.name()).isPresent()
                || ARRAY_HELPERS.contains(m.name()));
        boolean arrays = entries.stream().map(e -> e.plan().function()).anyMatch(CompanionWriter::usesArrays);
        if (arrays && !clash) {
            file.addStaticImport(ExprPrinter.ARRAY_MATH, "*");
        }
        return file.build();
    }

    /**
     * True when the companion of {@code owner} may name an auxiliary class: the owner itself, the class of a field
     * that its code or the code it writes inline reads, or of a method it calls.
     */
    private boolean readsAuxiliaryClass(TypeRef owner) {
        List<Function> functions = new java.util.ArrayList<>();
        catalog.byOwner().get(owner).forEach(e -> functions.add(e.plan().function()));
        dependencies(owner).values().forEach(e -> functions.add(e.plan().function()));
        Set<TypeRef> named = new java.util.HashSet<>(List.of(owner));
        for (Function f : functions) {
            for (Instruction i : f.instructions()) {
                if (i instanceof Instruction.Call call) {
                    named.add(call.callee().owner());
                }
                i.operands().forEach(o -> {
                    if (o instanceof StaticField field) {
                        named.add(field.owner());
                    }
                });
            }
        }
        return named.stream().anyMatch(t -> auxiliary.test(TypeRef.of(t.packageName(), t.simpleNames().get(0))));
    }

    /**
     * The classes, other than {@code owner}, of the methods whose code {@code owner}'s companion calls or writes
     * inline, directly or through other calls.
     */
    public Set<TypeRef> dependencyOwners(TypeRef owner) {
        Set<TypeRef> owners = new java.util.LinkedHashSet<>();
        dependencies(owner).values().forEach(e -> owners.add(e.plan().function().signature().owner()));
        return owners;
    }

    /** The methods of other classes that {@code owner}'s companion depends on, transitively, by key in key order. */
    private java.util.SortedMap<String, Catalog.Entry> dependencies(TypeRef owner) {
        java.util.SortedMap<String, Catalog.Entry> found = new java.util.TreeMap<>();
        java.util.Deque<Function> pending = new java.util.ArrayDeque<>();
        Set<String> seen = new java.util.HashSet<>();
        catalog.byOwner().get(owner).forEach(e -> pending.add(e.plan().function()));
        while (!pending.isEmpty()) {
            for (Instruction.Call call : pending.poll().calls()) {
                String key = call.callee().key();
                Catalog.Entry callee = catalog.entry(key);
                // a library's method is called, never written here: its new code runs as it is, nothing goes stale
                if (callee != null && !callee.library() && seen.add(key)) {
                    pending.add(callee.plan().function());
                    if (!call.callee().owner().equals(owner)) {
                        found.put(key, callee);
                    }
                }
            }
        }
        return found;
    }

    /**
     * The static initializer of a companion that depends on methods of other classes: it checks, once, that each
     * still has the gradient it was generated with, so that a build that compiled only the callee's class fails
     * fast instead of running the old callee's numbers.
     */
    private CodeBlock staleChecks(TypeRef owner, ClassName companion) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("// refuses to load with another version of the runtime than the processor that wrote it\n")
                .addStatement("$T.checkVersion($T.class, $S)", STALE_COMPANION, companion, processorVersion);
        java.util.SortedMap<String, Catalog.Entry> dependencies = dependencies(owner);
        if (!dependencies.isEmpty()) {
            code.add("// refuses to load after a build that compiled a callee's class again without $L's\n",
                    owner.simpleNames().get(0));
        }
        dependencies.forEach((key, callee) -> code.addStatement("$T.check($T.class, $S, $S, $T.fingerprint($S))",
                STALE_COMPANION, companion, key, fingerprint(callee), callee.companion(), localKey(callee)));
        return code.build();
    }

    /**
     * {@code fingerprint(String)}: the fingerprint of each gradient this companion holds, which the companions of
     * callers check when they load.
     */
    private MethodSpec fingerprintMethod(TypeRef owner, List<Catalog.Entry> entries) {
        CodeBlock.Builder cases = CodeBlock.builder().add("return switch (method) {\n").indent();
        for (Catalog.Entry entry : entries) {
            cases.add("case $S -> $S;\n", localKey(entry), fingerprint(entry));
        }
        cases.add("default -> \"\";\n").unindent().add("};\n");
        return MethodSpec.methodBuilder("fingerprint")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(String.class)
                .addParameter(String.class, "method")
                .addJavadoc("Identifies the code generated here for each {@code @Differentiable} method of {@link $L}. The\n"
                        + "companion of a class that calls one of them checks it when it loads, and fails fast with a\n"
                        + "{@link $T} after a build that compiled {@code $L} again without that class.\n\n"
                        + "@param method a method's name and parameter types, such as {@code $L}\n"
                        + "@return the fingerprint of its gradient, or {@code \"\"} if this class has none\n",
                        javadocName(owner), STALE_COMPANION, owner.simpleNames().get(0), localKey(entries.get(0)))
                .addCode(cases.build())
                .build();
    }

    /** The method's name and parameter types, {@code sq(double)}: its key without its class. */
    private static String localKey(Catalog.Entry entry) {
        String key = entry.plan().function().signature().key();
        return key.substring(key.indexOf('#') + 1);
    }

    /**
     * A hash of everything generated for one method: its gradients' code, which includes what it writes inline
     * from its own callees and the constants it reads, so any change that changes a caller's inline copy changes it.
     */
    private String fingerprint(Catalog.Entry entry) {
        return fingerprints.computeIfAbsent(entry.plan().function().signature().key(), key -> {
            Function f = entry.plan().function();
            StringBuilder text = new StringBuilder().append(record(f, entry.record(), f.differentiated()));
            for (MethodSpec m : methods(entry)) { // the signature and the code; the Javadoc does not run
                text.append(m.returnType()).append(' ').append(m.name()).append(m.parameters()).append(code(m));
            }
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(hash, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        });
    }

    private TypeSpec record(Function f, ClassName name, List<Value> wrt) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addParameter(typeName(resultType(f)), "value");
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The value of {@link $L} and its $L at one point.\n\n", link(f),
                        resultType(f).isArray() ? "vector-Jacobian products with an upstream adjoint" : "partial derivatives")
                .add("@param value the value of {@code $L}\n", f.name());
        for (Value p : wrt) {
            constructor.addParameter(typeName(p.type()), "d" + p.hint());
            if (p.type().isArray()) {
                doc.add("@param d$L the gradient with respect to {@code $L}, an array of its shape\n", p.hint(), p.hint());
            } else {
                doc.add("@param d$L the partial derivative with respect to {@code $L}\n", p.hint(), p.hint());
            }
        }
        TypeSpec.Builder record = TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(doc.build())
                .recordConstructor(constructor.build());
        if (ownGeneratedAvailable) {
            record.addAnnotation(GENERATED_CLASS); // a class file of its own, which coverage tools look at separately
        }
        return record.build();
    }

    /** Why the forward-mode method of {@code f} cannot be written yet, beyond {@code ForwardMode.unsupported}, or empty. */
    public static java.util.Optional<String> forwardUnsupported(Function f) {
        return TangentWriter.unsupported(f);
    }

    /** The record of a forward-mode method: the value and the directional derivative. */
    private TypeSpec tangentRecord(Function f, ClassName name) {
        TypeName type = typeName(resultType(f));
        MethodSpec constructor = MethodSpec.constructorBuilder()
                .addParameter(type, "value")
                .addParameter(type, "tangent")
                .build();
        TypeSpec.Builder record = TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The value of {@link $L} and its directional derivative at one point.\n\n"
                        + "@param value the value of {@code $L}\n"
                        + "@param tangent the directional derivative$L: the sum, over the differentiated parameters, of the partial\n"
                        + "derivative with respect to each times its tangent\n", link(f), f.name(),
                        resultType(f).isArray() ? " (an array of the value's shape, element by element)" : "")
                .recordConstructor(constructor);
        if (ownGeneratedAvailable) {
            record.addAnnotation(GENERATED_CLASS);
        }
        return record.build();
    }

    /**
     * {@code jvp<name>}: the value and the directional derivative of {@code original}, by forward mode over {@code flat},
     * the function with its calls written inline.
     */
    private MethodSpec jvpMethod(Function original, Function flat, ClassName record) {
        if (TangentFunction.hasArrays(flat)) {
            return arrayJvpMethod(original, flat, record);
        }
        io.github.sourcegrad.processor.ad.ForwardMode.Tangents tangents =
                io.github.sourcegrad.processor.ad.ForwardMode.differentiate(flat, flat.differentiated());
        TangentWriter writer = new TangentWriter(flat, tangents, catalog);
        MethodSpec.Builder method = MethodSpec.methodBuilder(Catalog.jvpName(original))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(record)
                .addParameters(parameters(flat));
        CodeBlock.Builder tangentDocs = CodeBlock.builder();
        for (Value p : flat.differentiated()) {
            String name = writer.tangentParameter(p);
            method.addParameter(TypeName.DOUBLE, name);
            tangentDocs.add("@param $N the tangent of {@code $L}: the component of the direction along {@code $L}\n", name, p.hint(), p.hint());
        }
        method.addJavadoc("Value and directional derivative of {@link $L}, computed by forward mode.\n"
                + "<p>Each value of {@code $L} is followed by its tangent: its derivative along the direction that the\n"
                + "tangents of the parameters give.$L\n\n$L$L"
                + "@return the value and the directional derivative, the sum over $L of the partial derivative times the tangent\n",
                link(original), original.name(), flat.calls().isEmpty() ? flat != original ? "\n<p>The methods that {@code "
                        + original.name() + "} calls are written out inline." : ""
                        : "\n<p>The methods that {@code " + original.name() + "} calls " + (original.calls().stream().allMatch(this::callsLibrary)
                                ? "are" : "are written out inline, except those") + " called through their companions (with a\n"
                                + "{@code @CustomDerivative}, or compiled separately): their records' partial derivatives times the\n"
                                + "tangents of the arguments give the tangent of each call.",
                parameterDocs(flat, flat.differentiated()), tangentDocs.build(), list(flat.differentiated()));
        if (flat.parameters().stream().anyMatch(p -> p.type().isArray())) {
            method.addJavadoc("@throws NullPointerException if an array is null\n");
        }
        method.addJavadoc(thrownDocs(flat, ""));
        method.addCode(writer.write(record));
        return method.build();
    }

    /**
     * {@code jvp<name>} of a method with arrays to follow: the code of {@link TangentFunction}'s {@code g}, each value
     * followed by the statements of its tangent, a tangent array beside each array that carries a derivative.
     */
    private MethodSpec arrayJvpMethod(Function original, Function flat, ClassName record) {
        Function g = TangentFunction.of(flat, Catalog.jvpName(original));
        TangentWriter writer = TangentWriter.plain(g, catalog);
        List<ParameterSpec> all = parameters(g);
        MethodSpec.Builder method = MethodSpec.methodBuilder(Catalog.jvpName(original))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(record)
                .addParameters(all);
        CodeBlock.Builder tangentDocs = CodeBlock.builder();
        for (int k = 0; k < flat.differentiated().size(); k++) {
            Value p = flat.differentiated().get(k);
            String name = all.get(flat.parameters().size() + k).name();
            tangentDocs.add("@param $N the tangent of {@code $L}: the component of the direction along {@code $L}$L\n", name,
                    p.hint(), p.hint(), p.type().isArray() ? ", an array of its shape" : "");
        }
        boolean arrayResult = resultType(flat).isArray();
        method.addJavadoc("Value and directional derivative of {@link $L}, computed by forward mode.\n"
                + "<p>Each value of {@code $L} is followed by its tangent: its derivative along the direction that the\n"
                + "tangents of the parameters give; each array that carries a derivative has a tangent array of its shape.\n"
                + "It reads the tangents' arrays and does not change them; it allocates the tangent arrays of the arrays it\n"
                + "creates.$L\n\n$L$L"
                + "@return the value and the directional derivative$L, the sum over $L of the partial derivative times the tangent\n",
                link(original), original.name(), flat != original ? "\n<p>The methods that {@code " + original.name()
                        + "} calls are written out inline." : "",
                parameterDocs(flat, flat.differentiated()), tangentDocs.build(),
                arrayResult ? " (an array of the result's shape)" : "", list(flat.differentiated()));
        method.addJavadoc("@throws NullPointerException if an array is null\n");
        method.addJavadoc(thrownDocs(flat, ""));
        CodeBlock.Builder code = CodeBlock.builder();
        for (int k = 0; k < flat.differentiated().size(); k++) {
            Value p = flat.differentiated().get(k);
            if (p.type().isArray()) {
                String name = all.get(flat.parameters().size() + k).name();
                code.addStatement("$T.requireSameShape($S, $N, $S, $N)", ExprPrinter.ARRAY_MATH, name, name, p.hint(), p.hint());
            }
        }
        code.add(writer.write(record, flat.result(), g.result()));
        method.addCode(code.build());
        return method.build();
    }

    /**
     * The forward pass that {@code jacobian<name>} runs once per input where there are fewer inputs than results: the
     * tangent of the result along the tangents of the parameters, as {@code jvp<name>} computes it.
     */
    private MethodSpec columnMethod(Function original, Function flat) {
        String name = JacobianWriter.columnName(original);
        Function g = TangentFunction.of(flat, name);
        TangentWriter writer = TangentWriter.plain(g, catalog);
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(typeName(resultType(flat)))
                .addParameters(parameters(g))
                .addJavadoc("The derivative of {@link $L} along the tangents {@code t...} of its differentiated\n"
                        + "parameters, by forward mode: a column of its Jacobian for a unit tangent.\n", link(original))
                .addCode(writer.write(null, flat.result(), g.result()))
                .build();
    }

    /**
     * The forward pass that {@code jacobian<name>} runs where there are fewer inputs than results and the inputs are a
     * few {@code double}s: each value followed by its derivative with respect to each input, the result's derivatives
     * written into the Jacobian's columns.
     */
    private MethodSpec columnsMethod(Function original, Function flat) {
        String name = JacobianWriter.columnName(original);
        TangentFunction.Columns columns = TangentFunction.columns(flat, name);
        Function g = columns.function();
        TangentWriter writer = TangentWriter.plain(g, catalog);
        java.util.Set<String> taken = new java.util.HashSet<>();
        Node.forEach(g.body(), n -> {
            if (n instanceof Instruction i && i.out().hint() != null) {
                taken.add(i.out().hint());
            }
        });
        g.parameters().forEach(p -> taken.add(p.hint()));
        String jac = Names.unused("jac", taken);
        String i = Names.unused("i", taken);
        CodeBlock code = writer.write(columns.tangents(), printed -> {
            CodeBlock.Builder tail = CodeBlock.builder()
                    .beginControlFlow("for (int $N = 0; $N < $L.length; $N++)", i, i, printed.get(0), i);
            for (int k = 0; k < printed.size(); k++) {
                tail.addStatement("$N[$N][$L] = $L[$N]", jac, i, k, printed.get(k), i);
            }
            return tail.endControlFlow().build();
        });
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameters(parameters(flat))
                .addParameter(double[][].class, jac)
                .addJavadoc("The Jacobian of {@link $L} by forward mode, in one pass: each value followed by\n"
                        + "its derivatives with respect to $L ({@code dv_dx} beside {@code v}), the result's written into\n"
                        + "the columns of {@code $N}.\n", link(original), list(flat.differentiated()), jac)
                .addCode(code)
                .build();
    }

    /** One {@code @throws} for each exception class the method's own {@code throw} statements create. */
    private static CodeBlock thrownDocs(Function f, String after) {
        java.util.Set<io.github.sourcegrad.processor.ir.TypeRef> thrown = new java.util.LinkedHashSet<>();
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Throw t) {
                thrown.add(t.exception());
            }
        });
        CodeBlock.Builder doc = CodeBlock.builder();
        for (io.github.sourcegrad.processor.ir.TypeRef type : thrown) {
            doc.add("@throws $T where {@code $L} throws it, with the same message$L\n",
                    ExprPrinter.className(type), f.name(), after);
        }
        return doc.build();
    }

    /**
     * True when the record form of {@code original} runs its buffer form instead of a copy of its code: when that code
     * has callees written inline (so it is long, and the same in both forms) and every partial is a number.
     */
    private static boolean delegates(Function original, Adjoint adjoint) {
        return adjoint.function() != original && original.result() != null && !original.result().type().isArray()
                && !adjoint.wrt().isEmpty() && adjoint.wrt().stream().noneMatch(p -> p.type().isArray());
    }

    /** The record form that calls the buffer form {@code buffer} with a new {@code grad} and packs what it wrote. */
    private MethodSpec delegatingRecordMethod(Adjoint adjoint, String methodName, ClassName record, MethodSpec buffer) {
        Function f = adjoint.function();
        Set<String> taken = new java.util.HashSet<>(parameters(f).stream().map(ParameterSpec::name).toList());
        String grad = Names.unused("grad", taken);
        String value = Names.unused("value", taken);
        int n = adjoint.wrt().size();
        CodeBlock.Builder call = CodeBlock.builder();
        for (ParameterSpec p : parameters(f)) {
            call.add("$N, ", p.name());
        }
        CodeBlock.Builder args = CodeBlock.builder().add("$N", value);
        for (int k = 0; k < n; k++) {
            args.add(", $N[$L]", grad, k);
        }
        String signature = buffer.parameters().stream().map(p -> p.type().toString())
                .collect(Collectors.joining(", ", methodName + "(", ")"));
        // with only calls through companions (compiled separately, custom derivatives), nothing is written inline
        String why = f.calls().stream().allMatch(this::callsLibrary) && !f.calls().isEmpty()
                ? "the code is written once" : "the methods that {@code " + f.name() + "} calls are written out inline there, and the code is written once";
        return MethodSpec.methodBuilder(methodName)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(record)
                .addParameters(parameters(f))
                .addJavadoc("Value and gradient of {@link $L}, computed by reverse mode.\n"
                        + "<p>Runs the buffer form, {@link #$L}:\n$L.\n\n$L"
                        + "@return the value and the partial derivatives with respect to $L\n",
                        link(f), signature, why, parameterDocs(f, adjoint.wrt()), list(adjoint.wrt()))
                .addJavadoc(f.parameters().stream().anyMatch(p -> p.type().isArray())
                        ? CodeBlock.of("@throws NullPointerException if an array is null\n") : CodeBlock.of(""))
                .addJavadoc(thrownDocs(f, ""))
                .addStatement("double[] $N = new double[$L]", grad, n)
                .addStatement("double $N = $N($L$N)", value, buffer.name(), call.build(), grad)
                .addStatement("return new $T($L)", record, args.build())
                .build();
    }

    private MethodSpec recordMethod(Function original, Adjoint adjoint, String methodName, ClassName record, boolean full) {
        Function f = adjoint.function(); // the method itself, or with its calls written inline
        Names names = new Names(f, adjoint);
        MethodSpec.Builder method = MethodSpec.methodBuilder(methodName)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(record)
                .addParameters(parameters(f));
        String upstream = upstream(f, names);
        if (upstream != null) {
            method.addParameter(typeName(resultType(f)), upstream);
        }
        StructuredWriter structured = adjoint.flow() == null ? null : new StructuredWriter(f, adjoint, names, catalog);
        String kept = adjoint.activeCalls().isEmpty() ? null : keptCalls(f, adjoint, false); // the budget goes unsaid
        String tape = (f != original ? recordInlineNote(f) : "") + (kept == null ? "" : kept)
                + (structured == null ? "" : structured.tapeDescription()) + pullbackNote(adjoint);
        CodeBlock.Builder args = CodeBlock.builder();
        method.addCode(nullChecks(f, upstream == null ? List.of() : List.of(upstream)));
        method.addCode(shapeChecks(f));
        CodeBlock.Builder code = CodeBlock.builder();
        // the arrays it returns are fresh; its other arrays may come from the thread's workspace
        String workspace = upstream == null && (structured != null || hasArrayResults(f)) ? names.fresh("ws") : null;
        boolean[] allocatedArrays = new boolean[1];
        if (structured != null) {
            structured.useWorkspace(workspace);
            code.add(structured.write());
            args.add("$L", returned(f, CodeBlock.of("$L", structured.resultName())));
            if (!structured.usesWorkspace()) {
                workspace = null;
            }
        } else {
            code.add(body(f, adjoint, names, upstream, workspace, allocatedArrays));
            args.add("$L", returned(f, new ExprPrinter(names, null).operand(f.result())));
        }
        for (Value p : adjoint.wrt()) {
            args.add(", $N", names.adjoint(p));
        }
        if (workspace != null) {
            boolean some = allocatedArrays[0] || f.instructions().stream().anyMatch(i -> i instanceof Instruction.ArrayLiteral);
            tape = (some ? "<p>Most of its intermediate arrays" : "<p>Its intermediate arrays")
                    + (structured != null ? " created outside loops" : "")
                    + " and their adjoints are arrays of the thread's\n{@link " + WORKSPACE.canonicalName()
                    + " Workspace}, reused from call to call; the gradient arrays it returns are new.\n" + tape;
        }
        if (upstream != null) {
            method.addJavadoc("Value of {@link $L} and its pullback: the gradients of {@code sum(value * $N)}, computed by\n"
                    + "reverse mode (a vector-Jacobian product), so that layers compose: pass the adjoint that the next\n"
                    + "layer's gradient gives for this result as {@code $N}.\n$L$L\n$L"
                    + "@param $N the upstream adjoint of the result, an array of its shape\n"
                    + "@return the value and the gradients with respect to $L\n"
                    + "@throws IllegalArgumentException if {@code $N} does not have the result's shape, or a matrix is ragged\n",
                    link(f), upstream, upstream, full ? "<p>With respect to every {@code double}, {@code double[]} and "
                            + "{@code double[][]} parameter: called by the gradients of methods\nthat call {@code " + f.name()
                            + "} where they do not write it inline and need gradients that its {@code wrt} leaves out;\n"
                            + "the gradients of callers compiled separately always call it.\n" : "", tape, parameterDocs(f, adjoint.wrt()), upstream,
                    list(adjoint.wrt()), upstream);
        } else if (full) {
            boolean arrays = f.parameters().stream().anyMatch(p -> p.type().isArray());
            method.addJavadoc("Value of {@link $L} and its gradient with respect to every {@code double}$L parameter.\n"
                    + "<p>Called by the gradients of methods that call {@code $L} where they do not write it inline and need\n"
                    + "partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always\n"
                    + "call it.\n$L\n$L"
                    + "@return the value and the partial derivatives with respect to $L\n", link(f),
                    arrays ? ", {@code double[]} and {@code double[][]}" : "", f.name(), tape,
                    parameterDocs(f, adjoint.wrt()), list(adjoint.wrt()));
        } else {
            method.addJavadoc("Value and gradient of {@link $L}, computed by reverse mode.\n$L\n$L"
                    + "@return the value and the partial derivatives with respect to $L\n", link(f), tape,
                    parameterDocs(f, adjoint.wrt()), list(adjoint.wrt()));
        }
        if (f.parameters().stream().anyMatch(p -> p.type().isArray())) {
            method.addJavadoc("@throws NullPointerException if an array is null\n");
        }
        method.addJavadoc(thrownDocs(f, ""));
        code.addStatement("return new $T($L)", record, args.build());
        method.addCode(structured != null ? structured.withTape(code.build()) : withWorkspace(workspace, code.build()));
        return method.build();
    }

    /** True when {@code call} goes to a method compiled separately, through its companion's entry point. */
    private boolean callsLibrary(Instruction.Call call) {
        Catalog.Entry callee = catalog.entry(call.callee().key());
        return callee != null && callee.library();
    }

    /** Why the calls with arrays of {@code adjoint} stay calls, for the buffer form's Javadoc. */
    private String arrayCallees(Adjoint adjoint) {
        boolean library = adjoint.activeCalls().keySet().stream()
                .anyMatch(c -> io.github.sourcegrad.processor.ad.Inliner.carriesArrays(c) && callsLibrary(c));
        boolean branchy = adjoint.activeCalls().keySet().stream()
                .anyMatch(c -> io.github.sourcegrad.processor.ad.Inliner.carriesArrays(c) && !callsLibrary(c));
        return library && branchy ? "have loops or branches, or are compiled separately," : library
                ? "are compiled separately" : "have loops or branches";
    }

    /** True when {@code call} stays a call because the callee (of this compilation) has branches, loops or element writes. */
    private boolean callsBranchy(Instruction.Call call) {
        Catalog.Entry callee = catalog.entry(call.callee().key());
        return callee != null && !callee.library() && callee.plan().function().hasControlFlow();
    }

    private static String inlineNote(Function f) {
        return "<p>The methods that {@code " + f.name() + "} calls are written out inline here (their names prefixed with\n"
                + "theirs), so that no gradient record is allocated.\n";
    }

    /**
     * The record form's note when it writes its callees inline: it runs the buffer form's code, so that the two agree
     * (a callee's partials taken for an adjoint of 1 and multiplied afterwards could underflow where the adjoint
     * carried through the callee does not).
     */
    private static String recordInlineNote(Function f) {
        return "<p>The methods that {@code " + f.name() + "} calls are written out inline here (their names prefixed with\n"
                + "theirs), as in the buffer form: the adjoint runs through their backward passes, and both forms give the\n"
                + "same numbers.\n";
    }

    /**
     * Why the calls with numbers that {@code flat} keeps stay calls, each with its real reason, or null when there
     * are none; with {@code always} false also null when the only reasons are the budget and separate compilation,
     * which the straight-line form words on its own.
     */
    private static final String CUSTOM_KEPT = "has a derivative written by hand ({@code @CustomDerivative}), called through its companion";

    private String keptCalls(Function flat, Adjoint adjoint, boolean always) {
        java.util.function.Function<String, Function> lookup = key -> {
            Catalog.Entry entry = catalog.entry(key);
            return entry == null || entry.library() ? null : entry.plan().function();
        };
        java.util.Map<String, String> reasons = new java.util.LinkedHashMap<>();
        for (Instruction.Call call : adjoint.activeCalls().keySet()) {
            if (!io.github.sourcegrad.processor.ad.Inliner.carriesArrays(call)) {
                String reason = catalog.isCustom(catalog.entry(call.callee().key())) ? CUSTOM_KEPT
                        : io.github.sourcegrad.processor.ad.Inliner.whyKept(flat, call, lookup);
                if (jitFallback.contains(adjoint) && reason.startsWith("would make")) {
                    reason = "would make this method, written inline with its branches and loops, larger than the\n"
                            + String.format(java.util.Locale.ROOT, "%,d", BytecodeSize.JIT_LIMIT)
                            + " bytes of bytecode that HotSpot compiles";
                }
                reasons.putIfAbsent(call.callee().name(), reason);
            }
        }
        if (reasons.isEmpty() || (!always && !jitFallback.contains(adjoint) && reasons.values().stream()
                .allMatch(r -> r.startsWith("would make") || r.startsWith("is compiled separately") || r.equals(CUSTOM_KEPT)))) {
            return null;
        }
        List<String> lines = new java.util.ArrayList<>();
        reasons.forEach((name, reason) -> lines.add("{@code " + name + "} " + reason));
        return "<p>Some calls stay calls, and return their local gradients as small records, which the JIT removes only\n"
                + "where it inlines the callee: " + String.join(";\n", lines) + ".\n";
    }

    /** {@code adjoint} is of {@code f} with its calls inlined, so that this form allocates nothing. */
    private MethodSpec arrayMethod(Function f, Adjoint adjoint, String methodName) {
        Function flat = adjoint.function();
        Names names = new Names(flat, adjoint);
        String grad = names.grad();
        List<Value> scalars = adjoint.wrt().stream().filter(p -> !p.type().isArray()).toList();
        List<Value> arrays = adjoint.wrt().stream().filter(p -> p.type().isArray()).toList();
        int n = scalars.size();
        MethodSpec.Builder method = MethodSpec.methodBuilder(methodName)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(typeName(resultType(f)))
                .addParameters(parameters(f));
        String upstream = upstream(flat, names);
        if (upstream != null) {
            method.addParameter(typeName(resultType(f)), upstream);
        }
        if (n > 0) {
            method.addParameter(ParameterSpec.builder(double[].class, grad).build());
        }
        List<String> buffers = arrays.stream().map(p -> names.fresh("grad" + capitalized(p.hint()))).toList();
        for (int i = 0; i < arrays.size(); i++) {
            method.addParameter(typeName(arrays.get(i).type()), buffers.get(i));
            names.buffer(arrays.get(i), buffers.get(i));
        }
        String allocation;
        boolean arrayCalls = adjoint.activeCalls().keySet().stream().anyMatch(io.github.sourcegrad.processor.ad.Inliner::carriesArrays);
        if (!adjoint.activeCalls().isEmpty() && adjoint.activeCalls().keySet().stream().anyMatch(c -> io.github.sourcegrad.processor.ad.Inliner.carriesArrays(c) && callsBranchy(c))) {
            allocation = "for calls in a loop with a reused array.\n"
                    + "<p>Some of the methods it calls have loops or branches, which are not written out inline here: they\n"
                    + "return their local gradients as records (with arrays for array parameters, which are allocated), and the\n"
                    + "JIT removes a record only where it inlines the callee.\n\n";
        } else if (!adjoint.activeCalls().isEmpty() && keptCalls(flat, adjoint, false) != null) {
            allocation = "for calls in a loop with a reused array.\n" + keptCalls(flat, adjoint, true);
        } else if (!adjoint.activeCalls().isEmpty()) {
            boolean library = adjoint.activeCalls().keySet().stream().anyMatch(this::callsLibrary);
            boolean large = adjoint.activeCalls().keySet().stream().anyMatch(c -> !callsLibrary(c));
            allocation = "for calls in a loop with a reused array.\n" + (!library
                    ? "<p>Some of the methods it calls are too large to write out inline here; they return their local\n"
                            + "gradients as small records, which the JIT removes only where it inlines the callee.\n\n"
                    : large
                    ? "<p>Some of the methods it calls are too large to write out inline here, and those of classes compiled\n"
                            + "separately are called through their companions: they return their local gradients as small records,\n"
                            + "which the JIT removes only where it inlines the callee.\n\n"
                    : adjoint.activeCalls().keySet().stream().anyMatch(c -> catalog.isCustom(catalog.entry(c.callee().key())))
                    ? "<p>The methods it calls that have a {@code @CustomDerivative} (or are of classes compiled separately)\n"
                            + "are called through their companions: they return their local gradients as small records, which the\n"
                            + "JIT removes only where it inlines the callee.\n\n"
                    : "<p>The methods it calls are of classes compiled separately, called through their companions: they\n"
                            + "return their local gradients as small records, which the JIT removes only where it inlines the callee.\n\n");
        } else if (flat != f) {
            allocation = "allocates nothing,\nfor calls in a loop with a reused array.\n" + inlineNote(f) + "\n";
        } else {
            allocation = "allocates nothing,\nfor calls in a loop with a reused array.\n\n";
        }
        StructuredWriter structured = adjoint.flow() == null ? null : new StructuredWriter(flat, adjoint, names, catalog);
        if (structured != null) {
            String kept = keptCalls(flat, adjoint, true);
            allocation = structured.allocation(kept != null ? kept : flat != f ? inlineNote(f) : "") + "\n";
        }
        // the body is written first, so that the Javadoc can say whether anything is still allocated
        String workspace = upstream == null && (structured != null || hasArrayResults(flat)) ? names.fresh("ws") : null;
        boolean[] allocatedArrays = new boolean[1];
        CodeBlock written;
        if (structured != null) {
            structured.useWorkspace(workspace);
            written = structured.write();
            allocatedArrays[0] = structured.allocatedArrays;
            if (!structured.usesWorkspace()) {
                workspace = null;
            }
        } else {
            written = body(flat, adjoint, names, upstream, workspace, allocatedArrays);
        }
        if (workspace != null && structured != null && !arrayCalls && !allocatedArrays[0] && !arrays.isEmpty()) {
            allocation = "for calls in a loop with reused gradient arrays.\n"
                    + "<p>The gradients of array parameters are accumulated in the arrays passed for them, which are\n"
                    + "cleared first. The arrays it creates outside loops, and their adjoints, are arrays of the thread's\n"
                    + "{@link " + WORKSPACE.canonicalName() + " Workspace}, reused from call to call and released when the method returns:\n"
                    + "it allocates nothing once warm.\n\n";
        } else if (workspace != null && structured != null) {
            // described as before: a loop, a call or an ArrayMath operation still allocates
            if (!arrays.isEmpty()) {
                allocation = legacyArrayAllocation(flat, adjoint, arrayCalls, structured != null && structured.tapeName != null);
            }
        } else if (workspace != null && !arrayCalls) {
            boolean allocates = allocatedArrays[0] || !adjoint.activeCalls().isEmpty()
                    || flat.instructions().stream().anyMatch(i -> i instanceof Instruction.ArrayLiteral);
            String scratch = "The results of ArrayMath operations and their adjoints are written\n"
                    + "into arrays of the thread's {@link " + WORKSPACE.canonicalName() + " Workspace}, which are reused from call to\n"
                    + "call and released when the method returns";
            String rest = allocates ? ";\nthe other arrays it creates" + (adjoint.activeCalls().isEmpty() ? "" : " and the records of the methods it calls")
                    + " are allocated.\n\n" : ".\n\n";
            allocation = arrays.isEmpty()
                    ? (allocates ? "" : "allocates nothing once warm,\n") + "for calls in a loop with a reused array.\n<p>" + scratch + rest
                    : "for calls in a loop with reused gradient arrays.\n<p>The gradients of array parameters are written into the\n"
                            + "arrays passed for them. " + scratch + (allocates ? rest : ":\nit allocates nothing once warm.\n\n");
        } else if (!arrays.isEmpty()) {
            allocation = legacyArrayAllocation(flat, adjoint, arrayCalls, structured != null && structured.tapeName != null);
        }
        String pullbacks = pullbackNote(adjoint);
        if (!pullbacks.isEmpty()) {
            allocation = allocation.substring(0, allocation.length() - 1) + pullbacks + "\n";
        }
        return arrayMethod(f, adjoint, method, names, grad, scalars, arrays, buffers, upstream, allocation, structured,
                written, workspace);
    }

    /** What the buffer form's Javadoc says about the arrays it allocates, where it still does. */
    private String legacyArrayAllocation(Function flat, Adjoint adjoint, boolean arrayCalls, boolean tapes) {
        boolean allocates = flat.instructions().stream().anyMatch(i -> i instanceof Instruction.ArrayCall
                || i instanceof Instruction.NewArray || i instanceof Instruction.ArrayLiteral);
        return arrayCalls ? "for calls in a loop with reused gradient arrays.\n"
                    + "<p>The gradients of array parameters are accumulated in the arrays passed for them, which are\n"
                    + "cleared first. The methods it calls with arrays " + arrayCallees(adjoint) + " and are not written out inline\n"
                    + "here: they return their local gradients as records whose arrays are allocated, and so are the adjoints\n"
                    + "of the arrays it passes them.\n\n"
                    : allocates ? "for calls in a loop with reused gradient arrays.\n"
                    + "<p>The gradients of array parameters are written into the arrays passed for them; the arrays the\n"
                    + "method creates and the results of ArrayMath operations are allocated, and so are their adjoints.\n\n"
                    : "for calls in a loop with reused gradient arrays.\n"
                    + "<p>The gradients of array parameters are accumulated in the arrays passed for them, which are\n"
                    + "cleared first; it allocates nothing" + (tapes ? " once the thread's tape has grown" : "")
                    + ".\n\n";
    }

    private MethodSpec arrayMethod(Function f, Adjoint adjoint, MethodSpec.Builder method, Names names, String grad,
            List<Value> scalars, List<Value> arrays, List<String> buffers, String upstream, String allocation,
            StructuredWriter structured, CodeBlock written, String workspace) {
        Function flat = adjoint.function();
        int n = scalars.size();
        CodeBlock.Builder doc = CodeBlock.builder();
        if (n > 0) {
            doc.add("Value of {@link $L}, with its gradient written into {@code $N}$L: $L", link(f), grad,
                    arrays.isEmpty() ? "" : " and the arrays passed for the array parameters", allocation);
        } else {
            doc.add("Value of {@link $L}, with its gradient written into the arrays passed for it: $L", link(f), allocation);
        }
        doc.add(parameterDocs(f, adjoint.wrt()));
        if (upstream != null) {
            doc.add("@param $N the upstream adjoint of the result, an array of its shape\n", upstream);
        }
        if (n > 0) {
            CodeBlock.Builder slots = CodeBlock.builder();
            for (int i = 0; i < n; i++) {
                slots.add("{@code $N[$L]} with respect to {@code $L}$L", grad, i, scalars.get(i).hint(), i + 1 < n ? ", " : "");
            }
            doc.add("@param $N receives the partial derivatives: $L\n", grad, slots.build());
        }
        for (int i = 0; i < arrays.size(); i++) {
            doc.add("@param $N receives the gradient with respect to {@code $L}; it must have the shape of {@code $L}\n",
                    buffers.get(i), arrays.get(i).hint(), arrays.get(i).hint());
        }
        doc.add("@return the value of {@code $L}\n", f.name());
        CodeBlock aliasing = aliasingCheck(f, upstream, n > 0 ? grad : null, buffers);
        String shared = aliasing.isEmpty() ? "" : ",\n    or a gradient array is an argument or another gradient array, or shares a row with one";
        if (n > 0) {
            doc.add("@throws IllegalArgumentException if {@code $N} has fewer than $L elements$L$L\n", grad, n,
                    arrays.isEmpty() && upstream == null ? "" : ", or an array does not have the shape it must have", shared);
        } else {
            doc.add("@throws IllegalArgumentException if an array does not have the shape it must have$L\n", shared);
        }
        if (aliasing.isEmpty()) {
            doc.add("@throws NullPointerException if {@code $N} is null\n", grad); // the one array: grad
        } else {
            doc.add("@throws NullPointerException if an array is null\n");
        }
        doc.add(thrownDocs(f, ";\n    nothing is written into the gradient arrays then"));
        method.addJavadoc(doc.build());
        List<String> checkedBuffers = new java.util.ArrayList<>();
        if (upstream != null) {
            checkedBuffers.add(upstream);
        }
        if (n > 0) {
            checkedBuffers.add(grad);
        }
        checkedBuffers.addAll(buffers);
        if (aliasing.isEmpty()) {
            checkedBuffers.remove(grad); // requireLength checks it for null
        }
        method.addCode(aliasing.isEmpty() ? nullChecks(f, checkedBuffers) : aliasing); // the aliasing check checks for null too
        if (n > 0) { // the message is built in the runtime, off this method's fast path
            method.addStatement("$T.requireLength($N, $L, $S, $S)", ArgumentChecks.BUFFERS, grad, n, grad, names(scalars));
        }
        method.addCode(shapeChecks(f));
        for (int i = 0; i < arrays.size(); i++) {
            Value p = arrays.get(i);
            method.addStatement("$T.requireSameShape($S, $N, $S, $N)", ExprPrinter.ARRAY_MATH, buffers.get(i), buffers.get(i),
                    p.hint(), p.hint());
        }
        CodeBlock.Builder code = CodeBlock.builder();
        code.add(written);
        for (int i = 0; i < n; i++) {
            code.addStatement("$N[$L] = $N", grad, i, names.adjoint(scalars.get(i)));
        }
        for (int i = 0; i < arrays.size(); i++) {
            if (!names.isInBuffer(arrays.get(i))) {
                code.addStatement("$T.copyInto($N, $N)", ExprPrinter.ARRAY_MATH, names.adjoint(arrays.get(i)), buffers.get(i));
            }
        }
        code.addStatement("return $L", returned(flat, structured != null ? CodeBlock.of("$L", structured.resultName())
                : new ExprPrinter(names, null).operand(flat.result())));
        method.addCode(structured != null ? structured.withTape(code.build()) : withWorkspace(workspace, code.build()));
        return method.build();
    }

    /** True when {@code f} computes arrays with ArrayMath: the buffer form takes them from the thread's workspace. */
    private static boolean hasArrayResults(Function f) {
        return f.instructions().stream().anyMatch(i -> i instanceof Instruction.ArrayCall a && a.out().type().isReal()
                && a.out().type().isArray());
    }

    /** {@code try (Workspace ws = Workspace.open()) { body }}, or the body alone without a workspace. */
    static CodeBlock withWorkspace(String ws, CodeBlock body) {
        if (ws == null) {
            return body;
        }
        return CodeBlock.builder()
                .beginControlFlow("try ($T $N = $T.open())", WORKSPACE, ws, WORKSPACE)
                .add(body)
                .endControlFlow()
                .build();
    }

    /** Forward pass, blank line, backward pass; shared by every form of one gradient. */
    private CodeBlock body(Function f, Adjoint adjoint, Names names, String upstream, String workspace,
            boolean[] allocatedArrays) {
        ExprPrinter printer = new ExprPrinter(names, partial -> {
            Function callee = catalog.entry(partial.call().callee().key()).plan().function();
            String param = callee.parameters().get(partial.index()).hint();
            return CodeBlock.of("$N.d$L()", names.local(partial.call()), param);
        });
        if (workspace != null) {
            printer = printer.withWorkspace(workspace);
        }
        ArrayShapes.Exact exact = ArrayShapes.Exact.of(f, adjoint);
        CodeBlock.Builder code = CodeBlock.builder();
        for (Instruction instruction : f.straightLine()) {
            if (workspace != null && instruction instanceof Instruction.ArrayCall a) {
                Expr op = new Expr.ArrayOp(a.function().javaName(), a.args().stream().map(Expr::of).toList());
                code.addStatement("$L $N = $L", a.out().type().keyword(), names.of(a.out()), printer.print(op));
                continue;
            }
            forward(code, instruction, adjoint, names, printer);
        }
        if (upstream != null) {
            code.addStatement("$T.requireSameShape($S, $N, $S, $L)", ExprPrinter.ARRAY_MATH, upstream, upstream,
                    "the result of " + f.name(), printer.operand(f.result()));
        }
        if (!adjoint.statements().isEmpty() || !adjoint.wrt().isEmpty()) {
            code.add("\n");
        }
        Set<Instruction.Call> pulled = new java.util.HashSet<>();
        for (Adjoint.Statement s : adjoint.statements()) {
            Instruction.Call pulledBack = pullbackRead(s.expr());
            if (pulledBack != null && pulled.add(pulledBack)) {
                code.add(pullback(pulledBack, adjoint, names, printer));
            }
            String name = names.adjoint(s.target());
            Type type = s.target().type();
            boolean gradient = adjoint.wrt().contains(s.target()); // a record returns it: never from the workspace
            CodeBlock intoBuffer = s.declares() && names.hasBuffer(s.target()) && gradient
                    ? printer.printInto(s.expr(), CodeBlock.of("$N", names.bufferName(s.target())), exact) : null;
            if (s.expr() instanceof Expr.Scatter scatter) {
                if (s.declares()) {
                    CodeBlock scratch = names.hasBuffer(s.target()) || gradient ? null : printer.workspaceZeros(s.target());
                    code.addStatement("$L $N = $L", type.keyword(), name, scratch != null ? scratch : zeros(s.target(), names));
                }
                code.addStatement("$L", printer.scatter(name, type, scatter));
            } else if (intoBuffer != null) {
                // a parameter's gradient, computed straight into the caller's array: every element is overwritten
                names.buffer(s.target());
                code.addStatement("$L $N = $L", type.keyword(), name, intoBuffer);
            } else if (s.declares()) {
                code.addStatement("$L $N = $L", type.keyword(), name,
                        gradient && !names.hasBuffer(s.target()) ? printer.printFresh(s.expr()) : printer.print(s.expr()));
            } else if (type.isArray()) {
                code.addStatement("$T.addTo($N, $L)", ExprPrinter.ARRAY_MATH, name, printer.print(s.expr()));
            } else {
                code.addStatement("$N += $L", name, printer.print(s.expr()));
            }
        }
        for (Value p : adjoint.wrt()) {
            if (!adjoint.reached().contains(p)) {
                code.add("$L $N = $L; // $L does not reach the result\n", p.type().keyword(), names.adjoint(p),
                        p.type().isArray() ? zeros(p, names) : "0.0", p.hint());
            }
        }
        allocatedArrays[0] = printer.allocatedArrays();
        return code.build();
    }

    /**
     * What the Javadoc says about calls that return arrays and stay calls: each runs the callee's forward pass twice
     * or more, and allocates.
     */
    private String pullbackNote(Adjoint adjoint) {
        java.util.Set<String> callees = new java.util.TreeSet<>();
        java.util.Set<String> pullbacks = new java.util.TreeSet<>();
        adjoint.activeCalls().keySet().stream().filter(c -> c.out().type().isArray()).forEach(call -> {
            Catalog.Entry callee = catalog.entry(call.callee().key());
            boolean primary = Planner.coveredByPrimary(callee.plan().function(), Planner.readPartials(adjoint, call));
            callees.add("{@link " + link(callee.plan().function()) + "}");
            pullbacks.add("{@code " + callee.companion().simpleName() + "." + (primary ? callee.method() : callee.fullMethod()) + "}");
        });
        if (callees.isEmpty()) {
            return "";
        }
        boolean one = pullbacks.size() == 1;
        String value = callees.size() == 1 ? "its value" : "their values";
        String shared = sharedResult(adjoint.function())
                ? " The value returned is a copy of the\ncallee's result, which the callee may share with its arguments." : "";
        return "<p>Calls " + String.join(", ", callees) + " for " + value
                + (adjoint.flow() != null ? " (again where the backward pass\nrecomputes a loop iteration or branch)" : "")
                + ", and in the backward pass " + (one ? "its pullback " : "their pullbacks ") + String.join(", ", pullbacks)
                + ",\nwhich " + (one ? "runs" : "run") + " the callee's forward pass again: each call allocates the callee's "
                + "result, and each\npullback its record (with arrays for array arguments)." + shared + "\n";
    }

    /** The value a gradient returns: {@code value}, or a copy of it where {@link #sharedResult} says so. */
    private static CodeBlock returned(Function f, CodeBlock value) {
        return sharedResult(f) ? CodeBlock.of("$T.copy($L)", ExprPrinter.ARRAY_MATH, value) : value;
    }

    /**
     * True when {@code f} returns the array that a call returns which stays a call: the callee may return an array
     * it shares with its arguments (its parameter itself), so the gradient returns a copy, as the parser makes a
     * method that returns its own parameter do (the arrays of a gradient's record are fresh).
     */
    private static boolean sharedResult(Function f) {
        if (!(f.result() instanceof Value result) || !result.type().isArray()) {
            return false;
        }
        Set<Value> calls = new java.util.HashSet<>();
        f.instructions().forEach(i -> {
            if (i instanceof Instruction.Call call && call.out().type().isArray()) {
                calls.add(call.out());
            }
        });
        boolean[] written = {calls.contains(result)};
        io.github.sourcegrad.processor.ir.Node.forEach(f.body(), n -> {
            if (n instanceof io.github.sourcegrad.processor.ir.Node.Write w && w.variable().equals(result) && calls.contains(w.value())) {
                written[0] = true;
            }
        });
        return written[0];
    }

    /** The call whose pullback {@code e} reads ({@code ysLocal.dv()}), for a call that returns an array, or null. */
    private static Instruction.Call pullbackRead(Expr e) {
        if (e instanceof Expr.Partial partial && partial.call().out().type().isArray()) {
            return partial.call();
        }
        // one call's partials, summed where it gets the same array twice: add(vLocal.da(), vLocal.db())
        List<Expr> parts = e instanceof Expr.ArrayOp op ? op.args() : e instanceof Expr.Binary b ? List.of(b.left(), b.right()) : List.of();
        for (Expr part : parts) {
            Instruction.Call call = pullbackRead(part);
            if (call != null) {
                return call;
            }
        }
        return null;
    }

    /**
     * {@code Rk4Gradient ysLocal = TrajectoriesGrad.drk4(y0, h, dys);}: the pullback of a call that returns an
     * array, called with the call's arguments and the result's adjoint, before the first statement that reads it.
     */
    private CodeBlock pullback(Instruction.Call call, Adjoint adjoint, Names names, ExprPrinter p) {
        Catalog.Entry callee = catalog.entry(call.callee().key());
        boolean primary = Planner.coveredByPrimary(callee.plan().function(), Planner.readPartials(adjoint, call));
        return CodeBlock.builder().addStatement("$T $N = $T.$N($L, $N)", primary ? callee.record() : callee.fullRecord(),
                names.local(call), callee.companion(), primary ? callee.method() : callee.fullMethod(),
                arguments(call.args(), p), names.adjoint(call.out())).build();
    }

    private static boolean usesArrays(Function f) {
        return f.parameters().stream().anyMatch(p -> p.type().isArray())
                || f.instructions().stream().anyMatch(i -> i.out().type().isArray());
    }

    /** A zero array of {@code v}'s shape: what an adjoint that receives element by element starts from. */
    static CodeBlock zeros(Value v, Names names) {
        if (names.hasBuffer(v)) {
            return CodeBlock.of("$T.clear($N)", ExprPrinter.ARRAY_MATH, names.buffer(v)); // the caller's array: no allocation
        }
        return v.type() == Type.VECTOR ? CodeBlock.of("new double[$N.length]", names.of(v))
                : CodeBlock.of("$T.zerosLike($N)", ExprPrinter.ARRAY_MATH, names.of(v));
    }

    /** The pullback's upstream parameter, named as the result's adjoint ({@code dT} for {@code T}), or null for a double result. */
    private static String upstream(Function f, Names names) {
        return f.result() instanceof Value result && result.type().isArray() ? names.adjoint(result) : null;
    }

    /** What the method returns: an array, or a double (an int or long result widens, as in the user's method). */
    private static Type resultType(Function f) {
        return f.result().type().isArray() ? f.result().type() : Type.DOUBLE;
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private void forward(CodeBlock.Builder code, Instruction instruction, Adjoint adjoint, Names names, ExprPrinter p) {
        Value out = instruction.out();
        String type = out.type().keyword();
        String name = names.of(out);
        if (instruction instanceof Instruction.NonNull) { // a switch with only a default: no test reads it
            code.addStatement("$L", STRAIGHT_LINE.expression(instruction, names::of).code());
            return;
        }
        if (!(instruction instanceof Instruction.Call call)) {
            CodeBlock expr = STRAIGHT_LINE.expression(instruction, names::of).code();
            String comment = InstructionPrinter.comment(instruction);
            if (comment != null) {
                code.add("$L $N = $L; // $L\n", type, name, expr, comment);
            } else {
                code.addStatement("$L $N = $L", type, name, expr);
            }
            return;
        }
        Catalog.Entry callee = catalog.entry(call.callee().key());
        Set<Integer> read = Planner.readPartials(adjoint, call);
        if (out.type().isArray()) {
            // the value comes from the method itself; the backward pass calls its pullback (see pullback)
            code.addStatement("$L $N = $T.$N($L)", type, name, ExprPrinter.className(call.callee().owner()),
                    call.callee().name(), arguments(call.args(), p));
        } else if (read.isEmpty() && catalog.callsItself(call, adjoint.function().signature().owner().packageName())) {
            code.addStatement("$L $N = $T.$N($L)", type, name, ExprPrinter.className(call.callee().owner()),
                    call.callee().name(), arguments(call.args(), p)); // no derivative needed: the pullback need not run
        } else if (read.isEmpty()) {
            code.addStatement("$L $N = $T.$N($L).value()", type, name, callee.companion(), callee.method(), arguments(call.args(), p));
        } else {
            boolean primary = Planner.coveredByPrimary(callee.plan().function(), read);
            code.addStatement("$T $N = $T.$N($L)", primary ? callee.record() : callee.fullRecord(), names.local(call),
                    callee.companion(), primary ? callee.method() : callee.fullMethod(), arguments(call.args(), p));
            code.addStatement("$L $N = $N.value()", type, name, names.local(call));
        }
    }

    private static CodeBlock arguments(List<? extends Operand> args, ExprPrinter p) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (int i = 0; i < args.size(); i++) {
            code.add(i == 0 ? "$L" : ", $L", p.operand(args.get(i)));
        }
        return code.build();
    }

    private static List<ParameterSpec> parameters(Function f) {
        return f.parameters().stream()
                .map(p -> ParameterSpec.builder(p.type() == Type.OBJECT ? ExprPrinter.className(f.dataTypes().get(p)) : typeName(p.type()),
                        p.hint()).build())
                .toList();
    }

    static TypeName typeName(Type type) {
        return switch (type) {
            case DOUBLE -> TypeName.DOUBLE;
            case LONG -> TypeName.LONG;
            case INT -> TypeName.INT;
            case BOOLEAN -> TypeName.BOOLEAN;
            case VECTOR -> TypeName.get(double[].class);
            case MATRIX -> TypeName.get(double[][].class);
            case OBJECT -> ClassName.OBJECT;
            case INT_VECTOR -> TypeName.get(int[].class);
            case INT_MATRIX -> TypeName.get(int[][].class);
        };
    }

    private static String names(List<Value> values) {
        return values.stream().map(Value::hint).collect(Collectors.joining(", "));
    }
}
