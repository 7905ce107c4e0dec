package io.github.sourcegrad.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.github.sourcegrad.processor.ad.Inliner;
import io.github.sourcegrad.processor.ad.Planner;
import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.CustomCallee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.LibraryCallee;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.parse.MemberIndex;
import io.github.sourcegrad.processor.parse.MethodParser;
import io.github.sourcegrad.processor.parse.NameResolver;
import io.github.sourcegrad.processor.parse.ParsedMethod;
import io.github.sourcegrad.processor.parse.Unsupported;
import io.github.sourcegrad.processor.write.Catalog;
import io.github.sourcegrad.processor.write.CompanionWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * The entry point: finds {@code @Differentiable} methods, parses each into SSA, plans and differentiates them,
 * and writes one companion class per user class. Each method is handled on its own: an unsupported construct
 * or an internal failure becomes an error on that method, never an exception in javac, and never stops the
 * other methods from being generated.
 */
@AutoService(Processor.class)
// The @Generated annotations are claimed too, so that -Xlint:processing stays quiet about the annotation on our own output.
@SupportedAnnotationTypes({MethodParser.ANNOTATION, MethodParser.CUSTOM_ANNOTATION, "javax.annotation.processing.Generated",
        CompanionWriter.GENERATED})
public final class DifferentiableProcessor extends AbstractProcessor {
    /** Where users report bugs, named in internal errors. */
    static final String ISSUES = "https://github.com/sourcegrad/sourcegrad/issues";

    private final Consumer<ExecutableElement> beforeParse;
    private final Consumer<JavaFile> beforeWrite;
    private Trees trees;
    private String treesUnavailable;
    private boolean reportedTreesUnavailable;
    private boolean reportedSourceVersion;
    private Boolean sameRuntimeVersion; // checked once, in the first round with @Differentiable methods
    /** {@link #members}' paths, for one round: finding each method by a walk over its class would cost n^2. */
    private final Map<ClassTree, Map<Element, TreePath>> memberPaths = new java.util.IdentityHashMap<>();
    /** Where each method of this round asks for forward mode ({@code forward = true}), by its key. */
    private final Map<String, ForwardRequest> forward = new HashMap<>();

    /** Where each method of this round asks for second derivatives ({@code hessian = true}), by its key. */
    private final Map<String, ForwardRequest> hessian = new HashMap<>();

    /** An annotation value such as {@code forward = true} of a method: where errors about what it asks for are reported. */
    private record ForwardRequest(ExecutableElement method, AnnotationMirror annotation, AnnotationValue value) {}

    public DifferentiableProcessor() {
        this(method -> { });
    }

    /** For tests: {@code beforeParse} runs before each method is parsed, and may throw to simulate a bug. */
    DifferentiableProcessor(Consumer<ExecutableElement> beforeParse) {
        this(beforeParse, file -> { });
    }

    /** For tests: {@code beforeWrite} sees each companion, with its originating elements, before it is written. */
    DifferentiableProcessor(Consumer<ExecutableElement> beforeParse, Consumer<JavaFile> beforeWrite) {
        this.beforeParse = beforeParse;
        this.beforeWrite = beforeWrite;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        try {
            trees = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            treesUnavailable = e.toString();
        }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (annotations.isEmpty()) {
            return false;
        }
        if (processingEnv.getSourceVersion().compareTo(SourceVersion.RELEASE_16) < 0) {
            if (!reportedSourceVersion) {
                reportedSourceVersion = true;
                Diagnostics.errorWithoutTrees(processingEnv.getMessager(), "the Java source level of this compilation is "
                        + processingEnv.getSourceVersion().name().replace("RELEASE_", "") + ", but the gradients SourceGrad "
                        + "writes use records, which need Java 16 or newer; compile with --release 17 (Maven: "
                        + "<maven.compiler.release>17</maven.compiler.release>, or <release>17</release> in the "
                        + "maven-compiler-plugin's configuration, version 3.6 or newer; Gradle: options.release = 17)");
            }
            return false;
        }
        if (trees == null) {
            if (!reportedTreesUnavailable) {
                reportedTreesUnavailable = true;
                Diagnostics.errorWithoutTrees(processingEnv.getMessager(),
                        "SourceGrad reads method bodies with the javac Tree API (com.sun.source.util.Trees), which this "
                                + "compiler or processing environment does not provide (" + treesUnavailable + "). "
                                + "Compile with javac (Maven, Gradle or plain javac); the Eclipse compiler and "
                                + "wrapped processing environments are not supported yet.");
            }
            return false;
        }
        if (sameRuntimeVersion == null) {
            sameRuntimeVersion = sameRuntimeVersion();
        }
        if (!sameRuntimeVersion) {
            return false;
        }
        Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager(), trees);
        try {
            processRound(annotations, round, diagnostics);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            Diagnostics.errorWithoutTrees(processingEnv.getMessager(), internalError("this round", e));
        }
        return true;
    }

    /**
     * False, after one error, when the runtime on the class path is another version than this processor: the
     * companions call into the runtime and check, when they load, that it is the version that wrote them.
     */
    private boolean sameRuntimeVersion() {
        String processor = Versions.processor();
        java.util.Optional<String> runtime = Versions.runtime(processingEnv.getFiler());
        if (runtime.isEmpty() || runtime.get().equals(processor) || processor.equals(Versions.UNKNOWN)) {
            return true;
        }
        Diagnostics.errorWithoutTrees(processingEnv.getMessager(), "sourcegrad-processor " + processor
                + " is on the processor path but sourcegrad-runtime " + runtime.get() + " is on the class path: use one "
                + "version for both (in Maven, one property such as ${sourcegrad.version} for the dependency and the "
                + "annotationProcessorPaths entry), then compile from clean (mvn clean compile).");
        return false;
    }

    private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round, Diagnostics diagnostics) {
        memberPaths.clear();
        forward.clear();
        hessian.clear();
        Map<String, ParsedMethod> parsed = new LinkedHashMap<>();
        Set<String> failed = new HashSet<>();
        MemberIndex members = new MemberIndex(processingEnv.getElementUtils());
        Map<String, CustomCallee> customs = new LinkedHashMap<>();
        Map<TypeRef, Element> customOwners = new HashMap<>();
        Map<String, Element> customElements = new HashMap<>();
        for (TypeElement annotation : annotations) {
            if (annotation.getQualifiedName().contentEquals(MethodParser.CUSTOM_ANNOTATION)) {
                Set<? extends Element> annotated = round.getElementsAnnotatedWith(annotation);
                customs.putAll(CustomDerivatives.check(annotated, failed, diagnostics, processingEnv.getElementUtils(),
                        processingEnv.getTypeUtils()));
                annotated.forEach(e -> customOwners.put(NameResolver.typeRef((TypeElement) e.getEnclosingElement()), e.getEnclosingElement()));
                annotated.stream().filter(e -> e.getKind() == ElementKind.METHOD)
                        .forEach(e -> customElements.put(key((ExecutableElement) e), e));
            }
        }
        for (TypeElement annotation : annotations) {
            if (!annotation.getQualifiedName().contentEquals(MethodParser.ANNOTATION)) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind() != ElementKind.METHOD) {
                    continue; // javac itself rejects the annotation anywhere else
                }
                ExecutableElement method = (ExecutableElement) element;
                try {
                    beforeParse.accept(method);
                    parse(method, members, diagnostics).ifPresentOrElse(
                            p -> parsed.put(p.function().signature().key(), p),
                            () -> failed.add(key(method)));
                } catch (RuntimeException | StackOverflowError e) {
                    diagnostics.error(method, internalError(method.getSimpleName().toString(), e));
                    failed.add(key(method));
                }
            }
        }
        Map<String, LibraryCallee> libraries = Libraries.resolve(parsed, failed, processingEnv.getElementUtils(), trees, diagnostics);
        Set<String> called = new HashSet<>(libraries.keySet()); // called through their entry points
        called.addAll(customs.keySet());
        Set<String> recursive = new HashSet<>();
        dropBrokenCallers(parsed, called, failed, recursive, diagnostics);
        dropCycles(parsed, failed, recursive, diagnostics);
        dropBrokenCallers(parsed, called, failed, recursive, diagnostics);
        dropArrayCallsThatStayCalls(parsed, failed, diagnostics);
        dropBrokenCallers(parsed, called, failed, recursive, diagnostics);
        if (parsed.isEmpty() && customs.isEmpty()) {
            return;
        }

        CompanionWriter writer = plan(parsed, libraries.values(), customs.values(), diagnostics);
        while (dropOversized(writer, parsed, failed, diagnostics)) {
            dropBrokenCallers(parsed, called, failed, recursive, diagnostics);
            if (parsed.isEmpty() && customs.isEmpty()) {
                return;
            }
            writer = plan(parsed, libraries.values(), customs.values(), diagnostics);
        }
        Map<TypeRef, Element> originating = new HashMap<>(customOwners);
        parsed.values().forEach(p -> originating.put(p.function().signature().owner(), p.element().getEnclosingElement()));
        for (TypeRef owner : writer.owners()) {
            Element userClass = originating.get(owner);
            List<CompanionWriter.Collision> collisions = writer.collisions(owner);
            for (CompanionWriter.Collision c : collisions) {
                String later = c.later().signature().key();
                diagnostics.error(parsed.containsKey(later) ? parsed.get(later).element() : customElements.get(later), "the generated method "
                        + c.signature() + " of " + c.later().name() + "(" + typesOf(c.later()) + ") would also be one of the "
                        + "overload " + c.earlier().name() + "(" + typesOf(c.earlier()) + ") (an array result's pullback takes its "
                        + "upstream adjoint, the buffer form its gradient arrays, a jvp its tangents, as extra parameters); give the "
                        + "overloads different names");
            }
            if (!collisions.isEmpty()) {
                continue;
            }
            TypeElement taken = processingEnv.getElementUtils().getTypeElement(owner.companion().qualifiedName());
            if (taken != null && trees.getPath(taken) != null && !writtenBySourceGrad(taken)) {
                diagnostics.error(userClass, "SourceGrad cannot write the gradients of " + owner.qualifiedName() + ": "
                        + "they go into a class named " + owner.companion().qualifiedName() + ", and a class of that name "
                        + "already exists; rename that class (or rename " + owner.simpleNames().get(owner.simpleNames().size() - 1) + ")");
                continue;
            }
            List<Element> sources = new ArrayList<>(List.of(userClass));
            writer.dependencyOwners(owner).forEach(dependency -> sources.add(originating.get(dependency)));
            try {
                JavaFile file = writer.write(owner, sources);
                beforeWrite.accept(file);
                writeSource(file);
            } catch (IOException e) {
                diagnostics.error(userClass, "could not write " + owner.companion() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                diagnostics.error(userClass, internalError(owner.companion().toString(), e));
            }
        }
    }

    /**
     * Writes {@code file} where {@link JavaFile#writeTo(javax.annotation.processing.Filer)} would, with the same
     * originating elements, but renders it in memory first and hands the Filer its text in one piece: JavaPoet
     * appends to the Filer's writer token by token, each append passing through the writer's encoder.
     */
    private void writeSource(JavaFile file) throws IOException {
        String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
        String text = file.toString();
        javax.tools.JavaFileObject source = processingEnv.getFiler().createSourceFile(name,
                file.typeSpec().originatingElements().toArray(new Element[0]));
        try (java.io.Writer out = source.openWriter()) {
            out.write(text);
        } catch (IOException | RuntimeException e) {
            try {
                source.delete(); // as JavaPoet does: no half-written companion
            } catch (RuntimeException ignored) {
                // the write's own failure is the one to report
            }
            throw e;
        }
    }

    /**
     * Whether code in {@code module} can use the types of the module {@code target}: an unnamed module reads every
     * module; a named one those it requires, and what they require transitively ({@code java.se} brings
     * {@code java.compiler}). A named module without {@code requires java.compiler} cannot see
     * {@code javax.annotation.processing.Generated}, although javac's {@code getTypeElement} finds it.
     */
    private static boolean reads(javax.lang.model.element.ModuleElement module, String target, Set<String> seen) {
        if (module == null || module.isUnnamed()) {
            return true;
        }
        for (javax.lang.model.element.ModuleElement.Directive d : module.getDirectives()) {
            if (d instanceof javax.lang.model.element.ModuleElement.RequiresDirective r
                    && (r.getDependency().getQualifiedName().contentEquals(target) || transitively(r.getDependency(), target, seen))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code module} gives {@code target} to its readers through {@code requires transitive}. */
    private static boolean transitively(javax.lang.model.element.ModuleElement module, String target, Set<String> seen) {
        if (!seen.add(module.getQualifiedName().toString())) {
            return false;
        }
        for (javax.lang.model.element.ModuleElement.Directive d : module.getDirectives()) {
            if (d instanceof javax.lang.model.element.ModuleElement.RequiresDirective r && r.isTransitive()
                    && (r.getDependency().getQualifiedName().contentEquals(target) || transitively(r.getDependency(), target, seen))) {
                return true;
            }
        }
        return false;
    }

    /** A companion written in an earlier round or build, recognized by SourceGrad's own annotation. */
    private static boolean writtenBySourceGrad(TypeElement type) {
        return type.getAnnotationMirrors().stream().anyMatch(a -> {
            String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
            return name.equals(CompanionWriter.GENERATED) || (name.equals("javax.annotation.processing.Generated")
                    && a.getElementValues().values().stream().anyMatch(v -> v.toString().contains(CompanionWriter.PROCESSOR)));
        });
    }

    private CompanionWriter plan(Map<String, ParsedMethod> parsed, java.util.Collection<LibraryCallee> libraries,
            java.util.Collection<CustomCallee> customs, Diagnostics diagnostics) {
        Map<String, Function> functions = new LinkedHashMap<>();
        parsed.forEach((key, p) -> functions.put(key, p.function()));
        Map<String, Planner.Plan> plans = Planner.plan(functions);
        Set<String> called = new HashSet<>(); // calls that stay calls, through the callee's entry point
        libraries.forEach(l -> called.add(l.function().signature().key()));
        customs.forEach(c -> called.add(c.function().signature().key()));
        // forward mode runs through the callees written inline: what they contain is checked now
        for (java.util.Iterator<Map.Entry<String, ForwardRequest>> it = forward.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ForwardRequest> e = it.next();
            Planner.Plan plan = plans.get(e.getKey());
            if (plan == null) {
                continue;
            }
            Function flat = plan.inlined().function();
            Optional<String> why = io.github.sourcegrad.processor.ad.ForwardMode.unsupported(flat, flat.differentiated(), true,
                            call -> called.contains(call.callee().key()))
                    .or(() -> CompanionWriter.forwardUnsupported(flat));
            if (why.isPresent()) {
                ForwardRequest r = e.getValue();
                diagnostics.error(r.method(), r.annotation(), r.value(), why.get() + (plan.function().calls().isEmpty() ? ""
                        : " (in the code of the methods that " + flat.name() + " calls, written inline)"));
                it.remove();
            }
        }
        // so do second derivatives
        for (java.util.Iterator<Map.Entry<String, ForwardRequest>> it = hessian.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ForwardRequest> e = it.next();
            Planner.Plan plan = plans.get(e.getKey());
            if (plan == null) {
                continue;
            }
            Function flat = plan.inlined().function();
            Optional<String> why = io.github.sourcegrad.processor.ad.TangentFunction.unsupported(flat);
            if (why.isPresent()) {
                ForwardRequest r = e.getValue();
                diagnostics.error(r.method(), r.annotation(), r.value(), why.get() + (plan.function().calls().isEmpty() ? ""
                        : " (in the code of the methods that " + flat.name() + " calls, written inline)"));
                it.remove();
            }
        }
        javax.lang.model.util.Elements elements = processingEnv.getElementUtils();
        boolean javaxGenerated = elements.getTypeElement("javax.annotation.processing.Generated") != null
                && parsed.values().stream().allMatch(p -> reads(elements.getModuleOf(p.element()), "java.compiler", new HashSet<>()));
        Set<String> callable = new HashSet<>();
        parsed.forEach((key, p) -> {
            if (hiddenFrom(p.element(), elements.getPackageOf(p.element()).getQualifiedName().toString()) == null) {
                callable.add(key);
            }
        });
        Set<String> objectives = new HashSet<>();
        parsed.forEach((key, p) -> flag(p.element(), "objective").ifPresent(request -> objectives.add(key)));
        return new CompanionWriter(new Catalog(plans, libraries, forward.keySet(), customs), Versions.processor(), javaxGenerated,
                elements.getTypeElement(CompanionWriter.GENERATED) != null, this::isAuxiliary, callable::contains,
                objectives::contains, Set.copyOf(hessian.keySet())::contains);
    }

    /** A top-level class of this compilation declared in a source file named after another class. */
    private boolean isAuxiliary(TypeRef topLevel) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(topLevel.qualifiedName());
        TreePath path = type == null ? null : trees.getPath(type);
        if (path == null) {
            return false;
        }
        String file = path.getCompilationUnit().getSourceFile().getName().replace('\\', '/');
        return !file.endsWith("/" + topLevel.simpleNames().get(0) + ".java") && !file.equals(topLevel.simpleNames().get(0) + ".java");
    }

    /**
     * Reports, at the user's method, each method whose generated code would exceed the JVM's 64 KB limit on one
     * method (javac would say {@code code too large} at a line of the companion), and drops it. True if any was.
     */
    private boolean dropOversized(CompanionWriter writer, Map<String, ParsedMethod> parsed, Set<String> failed,
            Diagnostics diagnostics) {
        List<CompanionWriter.Oversized> oversized = new ArrayList<>();
        for (TypeRef owner : writer.owners()) {
            try {
                oversized.addAll(writer.oversized(owner));
            } catch (RuntimeException e) {
                // writing this companion fails: write() reports it as an internal error on the class
            }
        }
        for (CompanionWriter.Oversized o : oversized) {
            String key = o.function().signature().key();
            ParsedMethod p = parsed.remove(key);
            if (p == null) {
                continue; // reported for another of its forms
            }
            failed.add(key);
            String name = o.function().name();
            TreePath path = pathOf(p.element());
            String message = "the gradient of " + name + " is too large for one Java method: the generated " + o.method()
                    + " would have about " + String.format("%,d", o.estimatedBytes()) + " bytes of bytecode, and the JVM "
                    + "allows at most " + String.format("%,d", io.github.sourcegrad.processor.write.BytecodeSize.LIMIT)
                    + " in one method; split " + name + " into several @Differentiable methods that call one another "
                    + "(calls that pass arrays are written inline: call their generated gradients or pullbacks from your own code instead)";
            if (path != null) {
                diagnostics.error(path.getLeaf(), p.unit(), message);
            } else {
                diagnostics.error(p.element(), message);
            }
        }
        return !oversized.isEmpty();
    }

    /** Checks what the element alone can tell, then parses the body. Empty when an error was reported. */
    private Optional<ParsedMethod> parse(
            ExecutableElement method, MemberIndex members, Diagnostics diagnostics) {
        TreePath path = pathOf(method);
        MethodTree tree = path == null ? null : (MethodTree) path.getLeaf();
        if (tree == null) {
            diagnostics.error(method, "cannot read the source of " + method.getSimpleName()
                    + ": SourceGrad differentiates methods compiled from source in the same compilation");
            return Optional.empty();
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        Element owner = method.getEnclosingElement();
        if (!(owner instanceof TypeElement type)
                || (type.getNestingKind() != NestingKind.TOP_LEVEL && type.getNestingKind() != NestingKind.MEMBER)) {
            diagnostics.error(tree, unit, "@Differentiable methods must be declared in a top-level or member class, "
                    + "not in a local or anonymous class");
            return Optional.empty();
        }
        String name = method.getSimpleName().toString();
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            diagnostics.error(tree, unit, "the instance method " + name + " cannot be @Differentiable: "
                    + "SourceGrad differentiates static methods; make it static");
            return Optional.empty();
        }
        Optional<Type> returns = MethodParser.typeOf(method.getReturnType());
        if (returns.isEmpty() || !returns.get().isReal()) {
            diagnostics.error(tree.getReturnType(), unit, "@Differentiable method " + name + " returns "
                    + method.getReturnType() + "; SourceGrad differentiates methods that return double, double[] or double[][]");
            return Optional.empty();
        }
        if (SourceVersion.isKeyword("d" + name)) {
            diagnostics.error(tree, unit, "the gradient of " + name + " would be called d" + name
                    + ", a Java keyword; rename the method");
            return Optional.empty();
        }
        boolean ok = true;
        for (int i = 0; i < method.getParameters().size(); i++) {
            VariableElement p = method.getParameters().get(i);
            VariableTree parameterTree = tree.getParameters().get(i);
            if (MethodParser.parameterType(p.asType()).isEmpty()) {
                diagnostics.error(parameterTree.getType(), unit, "parameter " + p.getSimpleName() + " has type "
                        + p.asType() + "; @Differentiable methods take double, double[] and double[][] parameters "
                        + "(and int, long, boolean, int[] and int[][] as constants, and String and enum values to switch on)");
                ok = false;
            } else if (MethodParser.dataClass(p.asType()).filter(c -> !nameable(c, method)).isPresent()) {
                diagnostics.error(parameterTree.getType(), unit, "parameter " + p.getSimpleName() + " has the type "
                        + p.asType() + ", which the generated class " + NameResolver.typeRef((TypeElement) method
                        .getEnclosingElement()).companion().simpleNames().get(0) + " cannot name (it is private, or not "
                        + "public in another package); make the enum package-private or public");
                ok = false;
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        Optional<Set<String>> differentiated = differentiated(method, tree, unit, diagnostics);
        if (differentiated.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < method.getParameters().size(); i++) {
            String parameter = method.getParameters().get(i).getSimpleName().toString();
            if (MethodParser.typeOf(method.getParameters().get(i).asType()).map(Type::isReal).orElse(false)
                    && SourceVersion.isKeyword("d" + parameter)) {
                diagnostics.error(tree.getParameters().get(i), unit, "the partial derivative with respect to "
                        + parameter + " would be called d" + parameter + ", a Java keyword; rename the parameter");
                return Optional.empty();
            }
        }
        NameResolver resolver = new NameResolver(processingEnv.getElementUtils(), unit, method, members,
                t -> trees.getPath(t) != null);
        MethodParser parser = new MethodParser(resolver, unit, trees.getSourcePositions(), method, tree, differentiated.get());
        parser.withPureHelpers(new io.github.sourcegrad.processor.parse.PureHelpers(trees, processingEnv.getElementUtils(), members));
        try {
            ParsedMethod parsedMethod = parser.parse();
            Optional<ForwardRequest> request = flag(method, "forward");
            if (request.isPresent()) {
                Function f = parsedMethod.function();
                Optional<String> why = io.github.sourcegrad.processor.ad.ForwardMode.unsupported(f, f.differentiated(), false)
                        .or(() -> io.github.sourcegrad.processor.write.CompanionWriter.forwardUnsupported(f));
                if (why.isPresent()) {
                    ForwardRequest r = request.get();
                    diagnostics.error(r.method(), r.annotation(), r.value(), why.get());
                    return Optional.empty();
                }
                forward.put(f.signature().key(), request.get());
            }
            Optional<ForwardRequest> second = flag(method, "hessian");
            if (second.isPresent()) {
                Function f = parsedMethod.function();
                ForwardRequest r = second.get();
                if (f.result() == null || f.result().type().isArray()) {
                    diagnostics.error(r.method(), r.annotation(), r.value(), "hessian = true needs a method that returns a "
                            + "double; " + f.name() + " returns an array (its jacobian" + f.name() + " gives first derivatives)");
                    return Optional.empty();
                }
                if (f.differentiated().isEmpty()) {
                    diagnostics.error(r.method(), r.annotation(), r.value(), "hessian = true needs a differentiated parameter; "
                            + f.name() + " has none");
                    return Optional.empty();
                }
                hessian.put(f.signature().key(), r);
            }
            return Optional.of(parsedMethod);
        } catch (Unsupported e) {
            diagnostics.error(e.tree() != null ? e.tree() : tree, unit, e.getMessage()); // no tree: at the method
            return Optional.empty();
        }
    }

    /**
     * The path to {@code method}'s tree, found by walking down from its top-level class through class members
     * only. {@code Trees.getPath(method)} would scan every tree of the file before it (recursively), which
     * overflows the stack on an expression nested a few thousand levels deep, before the parser could say so.
     */
    private TreePath pathOf(ExecutableElement method) {
        List<Element> chain = new ArrayList<>();
        for (Element e = method.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
            chain.add(0, e);
        }
        if (chain.isEmpty() || ((TypeElement) chain.get(0)).getNestingKind() != NestingKind.TOP_LEVEL) {
            return trees.getPath(method); // a local or anonymous class: rejected with its own message
        }
        TreePath path = trees.getPath(chain.get(0)); // found among the file's top-level declarations, without descending
        if (path == null) {
            return null;
        }
        chain.remove(0);
        chain.add(method);
        for (Element next : chain) {
            TreePath found = members(path).get(next);
            if (found == null) {
                return trees.getPath(method);
            }
            path = found;
        }
        return path;
    }

    /** The paths of a class's member classes and methods by element, each class's found once per round. */
    private Map<Element, TreePath> members(TreePath classPath) {
        return memberPaths.computeIfAbsent((ClassTree) classPath.getLeaf(), c -> {
            Map<Element, TreePath> paths = new HashMap<>();
            for (Tree member : c.getMembers()) {
                if (member instanceof ClassTree || member instanceof MethodTree) {
                    TreePath path = new TreePath(classPath, member);
                    Element element = trees.getElement(path);
                    if (element != null) {
                        paths.putIfAbsent(element, path);
                    }
                }
            }
            return paths;
        });
    }

    /** Where the method's annotation says {@code name = true} ({@code forward}, {@code objective}), if it does. */
    private static Optional<ForwardRequest> flag(ExecutableElement method, String name) {
        for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
            if (!((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().contentEquals(MethodParser.ANNOTATION)) {
                continue;
            }
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : annotation.getElementValues().entrySet()) {
                if (e.getKey().getSimpleName().contentEquals(name) && Boolean.TRUE.equals(e.getValue().getValue())) {
                    return Optional.of(new ForwardRequest(method, annotation, e.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    /** The parameters named by {@code wrt}, or every double parameter; empty after an error on the annotation. */
    private Optional<Set<String>> differentiated(ExecutableElement method, MethodTree tree, CompilationUnitTree unit, Diagnostics diagnostics) {
        Map<String, Type> parameters = new LinkedHashMap<>();
        for (VariableElement p : method.getParameters()) {
            parameters.put(p.getSimpleName().toString(), MethodParser.parameterType(p.asType()).orElseThrow());
        }
        AnnotationMirror annotation = method.getAnnotationMirrors().stream()
                .filter(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(MethodParser.ANNOTATION))
                .findFirst().orElseThrow();
        Set<String> wrt = new LinkedHashSet<>();
        boolean ok = true;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : annotation.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("objective") && Boolean.TRUE.equals(e.getValue().getValue())
                    && method.getReturnType().getKind() == javax.lang.model.type.TypeKind.ARRAY) {
                diagnostics.error(method, annotation, e.getValue(), "objective = true needs a method that returns a double: "
                        + method.getSimpleName() + " returns " + method.getReturnType() + ", whose Jacobian is jacobian"
                        + method.getSimpleName() + " (least squares)");
                ok = false;
            }
            if (!e.getKey().getSimpleName().contentEquals("wrt")) {
                continue;
            }
            Object value = e.getValue().getValue();
            List<?> names = value instanceof List<?> list ? list : List.of(e.getValue());
            for (Object item : names) {
                AnnotationValue av = (AnnotationValue) item;
                String name = String.valueOf(av.getValue());
                Type type = parameters.get(name);
                if (type == null) {
                    diagnostics.error(method, annotation, av, "wrt names '" + name + "', which is not a parameter of "
                            + method.getSimpleName() + "; its parameters are " + parameters.keySet());
                    ok = false;
                } else if (!type.isReal()) {
                    diagnostics.error(method, annotation, av, "wrt names '" + name + "', "
                            + (type == Type.OBJECT ? "a String or enum" : (type.isArray() ? "an " : "a ") + type.keyword())
                            + " parameter; only double, double[] and double[][] parameters can be differentiated"
                            + (type.isArray() ? " (an " + type.keyword() + " such as labels or indices is data)" : ""));
                    ok = false;
                } else {
                    wrt.add(name);
                }
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        if (wrt.isEmpty()) {
            parameters.forEach((name, type) -> {
                if (type.isReal()) {
                    wrt.add(name);
                }
            });
        }
        if (wrt.isEmpty()) {
            diagnostics.error(tree, unit, "@Differentiable method " + method.getSimpleName()
                    + " has no double, double[] or double[][] parameter to differentiate with respect to");
            return Optional.empty();
        }
        return Optional.of(wrt);
    }

    /**
     * A caller of a method that could not be differentiated cannot be either: say so at the call. The callees in
     * {@code libraries} are compiled separately and reached through their companions.
     */
    private static void dropBrokenCallers(Map<String, ParsedMethod> parsed, Set<String> libraries, Set<String> failed,
            Set<String> recursive, Diagnostics diagnostics) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ParsedMethod p : List.copyOf(parsed.values())) {
                for (Instruction.Call call : p.function().calls()) {
                    String callee = call.callee().key();
                    if (parsed.containsKey(callee) || libraries.contains(callee)) {
                        continue;
                    }
                    Tree site = p.callSites().get(call.out().id());
                    String why = recursive.contains(callee)
                            ? "cannot differentiate through " + call.callee().name() + ": it is recursive (it calls itself, "
                                    + "directly or through other @Differentiable methods), and recursion is not supported; "
                                    + "write " + call.callee().name() + " with a loop instead"
                            : failed.contains(callee)
                            ? "cannot differentiate through " + call.callee().name() + ", which has errors of its own (see above)"
                            : "cannot differentiate through " + call.callee().name() + ": it is not compiled in this "
                                    + "compilation; calls to @Differentiable methods of other libraries are not supported yet";
                    diagnostics.error(site, p.unit(), why);
                    String key = p.function().signature().key();
                    parsed.remove(key);
                    failed.add(key);
                    changed = true;
                    break;
                }
            }
        }
    }

    /**
     * A call that passes or returns arrays is written inline (see {@code Inliner.carriesArrays}) when the caller and
     * the callee are straight-line code. Otherwise it stays a call, as calls with numbers do: one that returns a
     * {@code double} composes through the callee's gradient record, whose partials with respect to array
     * parameters are arrays; one that returns an array gets its value from the callee itself, which the
     * companion must be able to call (it is not private), and passes the result's adjoint back through the
     * callee's pullback.
     */
    private static void dropArrayCallsThatStayCalls(Map<String, ParsedMethod> parsed, Set<String> failed, Diagnostics diagnostics) {
        for (ParsedMethod p : List.copyOf(parsed.values())) {
            for (Instruction.Call call : p.function().calls()) {
                ParsedMethod callee = parsed.get(call.callee().key());
                if (!Inliner.carriesArrays(call) || callee == null) {
                    continue;
                }
                String where = p.function().hasControlFlow() ? p.function().name() : callee.function().hasControlFlow()
                        ? call.callee().name() : null;
                String uncallable = where != null && call.out().type().isArray()
                        ? hiddenFrom(callee.element(), p.function().signature().owner().packageName()) : null;
                if (uncallable != null) {
                    diagnostics.error(p.callSites().get(call.out().id()), p.unit(), "this call of " + call.callee().name()
                            + " returns an array and stays a call (" + where + " has branches, loops or element writes), "
                            + "so the generated gradient calls " + call.callee().name() + " itself for its value, and "
                            + uncallable + "; make it package-private");
                    String key = p.function().signature().key();
                    parsed.remove(key);
                    failed.add(key);
                    break;
                }
                if (where != null) {
                    continue; // stays a call: the callee's gradient record gives the partials, arrays for arrays
                }
                StaticField hidden = Inliner.hiddenField(callee.function(), p.function().signature().owner().packageName());
                Instruction.PureCall hiddenCall = Inliner.hiddenCall(callee.function(), p.function().signature().owner().packageName());
                if (hidden != null || hiddenCall != null) {
                    List<String> owner = hidden != null ? hidden.owner().simpleNames() : hiddenCall.owner().simpleNames();
                    diagnostics.error(p.callSites().get(call.out().id()), p.unit(), "a call that passes or returns arrays "
                            + "is written inline, and " + call.callee().name() + (hidden != null ? " reads " : " calls ")
                            + owner.get(owner.size() - 1) + "." + (hidden != null ? hidden.name() : hiddenCall.name())
                            + ", which is not public; make it public, or compute the arrays here");
                    String key = p.function().signature().key();
                    parsed.remove(key);
                    failed.add(key);
                    break;
                }
            }
        }
    }

    /**
     * Why the companions in {@code packageName} cannot call {@code method} (it or a class around it is private, or
     * not public in another package), or null when they can.
     */
    static String hiddenFrom(ExecutableElement method, String packageName) {
        Element top = method;
        while (top.getEnclosingElement() instanceof TypeElement) {
            top = top.getEnclosingElement();
        }
        String qualified = ((TypeElement) top).getQualifiedName().toString();
        boolean samePackage = packageName.equals(qualified.lastIndexOf('.') < 0 ? "" : qualified.substring(0, qualified.lastIndexOf('.')));
        for (Element e = method; e instanceof ExecutableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
            String what = e == method ? method.getSimpleName() + " is" : "it is declared in " + e.getSimpleName() + ", which is";
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return what + " private";
            }
            if (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC)) {
                return what + " not public";
            }
        }
        return null;
    }

    private static String typesOf(Function f) {
        return String.join(", ", f.parameters().stream().map(p -> p.type().keyword()).toList());
    }

    /** Recursion is not differentiated (a gradient's call depth would be the data's): every call on a cycle is an error. */
    private static void dropCycles(Map<String, ParsedMethod> parsed, Set<String> failed, Set<String> recursive,
            Diagnostics diagnostics) {
        Map<String, Integer> component = new CallGraph(parsed).components();
        Map<Integer, Integer> sizes = new HashMap<>();
        component.values().forEach(c -> sizes.merge(c, 1, Integer::sum));
        Set<String> onCycle = new LinkedHashSet<>();
        for (Map.Entry<String, ParsedMethod> e : parsed.entrySet()) {
            if (sizes.get(component.get(e.getKey())) > 1 || e.getValue().function().calls().stream()
                    .anyMatch(c -> c.callee().key().equals(e.getKey()))) {
                onCycle.add(e.getKey());
            }
        }
        for (String key : onCycle) {
            ParsedMethod p = parsed.get(key);
            for (Instruction.Call call : p.function().calls()) {
                if (onCycle.contains(call.callee().key()) && component.get(call.callee().key()).equals(component.get(key))) {
                    diagnostics.error(p.callSites().get(call.out().id()), p.unit(), "recursion is not supported: "
                            + p.function().name() + " calls " + call.callee().name() + ", which calls back into "
                            + p.function().name() + "; @Differentiable methods must not call each other in a cycle "
                            + "(write the recursion as a loop)");
                    break;
                }
            }
        }
        onCycle.forEach(parsed::remove);
        failed.addAll(onCycle);
        recursive.addAll(onCycle);
    }

    /**
     * The calls between the parsed methods, and their strongly connected components (Tarjan's algorithm, one
     * pass over the graph): methods that reach one another through calls share a component. One search from
     * every method instead would cost {@code n^2} on a class whose {@code n} methods call earlier ones.
     */
    private static final class CallGraph {
        private final Map<String, List<String>> callees = new HashMap<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final Map<String, Integer> component = new HashMap<>();
        private int components;

        CallGraph(Map<String, ParsedMethod> parsed) {
            parsed.forEach((key, p) -> callees.put(key, p.function().calls().stream().map(c -> c.callee().key())
                    .filter(parsed::containsKey).distinct().toList()));
        }

        /** The component of each method, numbered from 0. */
        Map<String, Integer> components() {
            for (String key : callees.keySet()) {
                if (!index.containsKey(key)) {
                    visit(key);
                }
            }
            return component;
        }

        private void visit(String key) {
            index.put(key, index.size());
            low.put(key, index.get(key));
            stack.push(key);
            onStack.add(key);
            for (String next : callees.get(key)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(key, Math.min(low.get(key), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(key, Math.min(low.get(key), index.get(next)));
                }
            }
            if (low.get(key).equals(index.get(key))) {
                int id = components++;
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.put(member, id);
                } while (!member.equals(key));
            }
        }
    }

    /**
     * A class missing from the processor path, or two versions of one library on it: the user's build puts
     * jars together by hand (plain javac's -processorpath), which is a set-up problem, not a bug.
     */
    static String setUpError(Throwable e) {
        String problem = e instanceof NoClassDefFoundError && e.getMessage() != null
                ? "the class " + e.getMessage().replace('/', '.') + " is missing from the annotation processor path"
                : "the classes on the annotation processor path do not fit together (" + e + ")";
        return "SourceGrad cannot run: " + problem + ". This is a problem of the build's set-up, not of your code: put "
                + "the sourcegrad-processor jar on the processor path as one jar (it bundles what it needs), with no other "
                + "copy of SourceGrad or of its dependencies beside it: Maven's annotationProcessorPaths, Gradle's "
                + "annotationProcessor, or javac -processorpath sourcegrad-processor-<version>.jar";
    }

    /** True when the companion of {@code method}'s class, a top-level class in its package, can name {@code type}. */
    private boolean nameable(TypeElement type, ExecutableElement method) {
        Elements elements = processingEnv.getElementUtils();
        boolean samePackage = elements.getPackageOf(type).equals(elements.getPackageOf(method));
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> modifiers = e.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE) || (!samePackage && !modifiers.contains(Modifier.PUBLIC))) {
                return false;
            }
        }
        return true;
    }

    private static String key(ExecutableElement method) {
        TypeRef owner = NameResolver.typeRef((TypeElement) method.getEnclosingElement());
        List<Type> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            Type type = MethodParser.parameterType(p.asType()).orElse(Type.DOUBLE);
            types.add(type);
            names.add(MethodParser.dataClass(p.asType()).map(c -> NameResolver.typeRef(c).qualifiedName()).orElse(type.keyword()));
        }
        return new Callee(owner, method.getSimpleName().toString(), types, names).key();
    }

    static String internalError(String where, Throwable e) {
        if (e instanceof LinkageError && !(e instanceof ExceptionInInitializerError)) {
            return setUpError(e);
        }
        if (e instanceof StackOverflowError) {
            return "ran out of stack while differentiating " + where + ": javac's tree readers and SourceGrad's are "
                    + "recursive, and an expression nested very deeply exhausts the stack (javac itself overflows at about "
                    + "1,600 levels of x + x + ... + x); split long expressions into several statements, or give javac a "
                    + "larger thread stack (-J-Xss16m)";
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String[] lines = trace.toString().split("\\R");
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 8); i++) {
            top.append("\n    ").append(lines[i].strip());
        }
        return "internal error while differentiating " + where + ". This is a bug in SourceGrad, not in your code: "
                + "please report it at " + ISSUES + " with the method's source and this trace:" + top;
    }
}
