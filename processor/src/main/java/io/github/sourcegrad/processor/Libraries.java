package io.github.sourcegrad.processor;

import com.sun.source.util.Trees;
import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.LibraryCallee;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.TypeRef;
import io.github.sourcegrad.processor.ir.Value;
import io.github.sourcegrad.processor.parse.ParsedMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Calls to {@code @Differentiable} methods compiled separately: in a library jar or another module, on the class
 * path as class files, so their source is not in this compilation. Such a call composes through the callee's
 * companion, found on the class path too, and its <em>entry point</em>, which every companion carries for each
 * method with scalar parameters and a {@code double} result: a public static method with the method's own
 * parameters that returns a record of the value and the partial derivative with respect to every {@code double}
 * parameter, whatever the method's {@code wrt}. It is {@code d<name>} when {@code wrt} names every {@code double}
 * parameter, and {@code d<name>WrtAll} otherwise (see {@code Planner.isEntryPoint}). The entry point is found by
 * its signature alone, which is all a class file tells.
 */
final class Libraries {
    private Libraries() {}

    /**
     * The separately compiled callees of {@code parsed}, by key. A caller whose callee cannot be reached that way
     * gets an error at the call and is moved from {@code parsed} to {@code failed}. Callees that are neither parsed
     * nor compiled separately are left alone (the caller's other checks report them).
     */
    static Map<String, LibraryCallee> resolve(Map<String, ParsedMethod> parsed, Set<String> failed, Elements elements,
            Trees trees, Diagnostics diagnostics) {
        Map<String, LibraryCallee> found = new LinkedHashMap<>();
        for (ParsedMethod p : List.copyOf(parsed.values())) {
            for (Instruction.Call call : p.function().calls()) {
                String key = call.callee().key();
                if (parsed.containsKey(key) || failed.contains(key) || found.containsKey(key)) {
                    continue;
                }
                TypeElement owner = elements.getTypeElement(call.callee().owner().qualifiedName());
                if (owner == null || trees.getPath(owner) != null) {
                    continue; // not on the class path, or compiled here
                }
                Optional<LibraryCallee> library;
                String problem;
                if (call.out().type().isArray() || call.callee().parameterTypes().stream().anyMatch(Type::isArray)) {
                    library = Optional.empty();
                    problem = "it is compiled separately (" + owner.getQualifiedName() + " comes from the class path), and "
                            + "calls that pass or return arrays to such methods are not supported yet: only calls with double, "
                            + "int, long and boolean arguments and a double result are; compute the arrays here with ArrayMath "
                            + "operations, or call " + call.callee().owner().companion() + ".d" + call.callee().name()
                            + " from your own code";
                } else {
                    TypeRef companionRef = call.callee().owner().companion();
                    TypeElement companion = elements.getTypeElement(companionRef.qualifiedName());
                    library = companion == null ? Optional.empty() : entryPoint(call.callee(), companionRef, companion);
                    problem = companion == null
                            ? owner.getQualifiedName() + " comes from the class path (compiled separately) without its "
                                    + "gradient companion " + companionRef + ": compile " + owner.getQualifiedName()
                                    + " with the SourceGrad annotation processor on the processor path (Maven's "
                                    + "annotationProcessorPaths, Gradle's annotationProcessor, javac -processorpath), and put "
                                    + "the classes it generates on the class path with it"
                            : companionRef + " on the class path has no gradient of " + call.callee().name()
                                    + " with respect to all its double parameters (" + call.callee().name()
                                    + "'s entry point for callers compiled separately); it was written by another version of "
                                    + "SourceGrad: compile " + owner.getQualifiedName() + " again with this one";
                }
                if (library.isPresent()) {
                    found.put(key, library.get());
                    continue;
                }
                diagnostics.error(p.callSites().get(call.out().id()), p.unit(),
                        "cannot differentiate through " + call.callee().name() + ": " + problem);
                String caller = p.function().signature().key();
                parsed.remove(caller);
                failed.add(caller);
                break;
            }
        }
        return found;
    }

    /**
     * The entry point of {@code callee} in its companion: {@code d<name>}, or {@code d<name>WrtAll} (with the
     * {@code _} that a user method named {@code <name>WrtAll} makes it take), public and static, with the
     * callee's parameter types, returning a record of the value and one {@code double} per {@code double}
     * parameter.
     */
    private static Optional<LibraryCallee> entryPoint(Callee callee, TypeRef companionRef, TypeElement companion) {
        long doubles = callee.parameterTypes().stream().filter(t -> t == Type.DOUBLE).count();
        List<String> names = List.of("d" + callee.name(), "d" + callee.name() + "WrtAll", "d" + callee.name() + "WrtAll_");
        for (String name : names) {
            for (ExecutableElement method : ElementFilter.methodsIn(companion.getEnclosedElements())) {
                if (!method.getSimpleName().contentEquals(name) || !method.getModifiers().contains(Modifier.PUBLIC)
                        || !method.getModifiers().contains(Modifier.STATIC) || !sameParameters(method, callee)
                        || !(method.getReturnType() instanceof DeclaredType returned)
                        || returned.asElement().getKind() != ElementKind.RECORD
                        || !returned.asElement().getEnclosingElement().equals(companion)) {
                    continue;
                }
                TypeElement record = (TypeElement) returned.asElement();
                List<RecordComponentElement> components = ElementFilter.recordComponentsIn(record.getEnclosedElements());
                if (components.size() != 1 + doubles
                        || components.stream().anyMatch(c -> c.asType().getKind() != TypeKind.DOUBLE)
                        || components.stream().skip(1).anyMatch(c -> !c.getSimpleName().toString().startsWith("d"))) {
                    continue;
                }
                return Optional.of(new LibraryCallee(function(callee, components), companionRef, name,
                        record.getSimpleName().toString()));
            }
        }
        return Optional.empty();
    }

    private static boolean sameParameters(ExecutableElement method, Callee callee) {
        if (method.getParameters().size() != callee.parameterTypes().size()) {
            return false;
        }
        for (int i = 0; i < callee.parameterTypes().size(); i++) {
            TypeMirror type = method.getParameters().get(i).asType();
            if (!type.getKind().isPrimitive() || !type.toString().equals(callee.parameterTypes().get(i).keyword())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The callee as a function without body: each {@code double} parameter is named after its record component
     * ({@code dx} names {@code x}), which is how generated code reads its partial derivative ({@code qLocal.dx()}).
     */
    private static Function function(Callee callee, List<RecordComponentElement> components) {
        List<Value> parameters = new ArrayList<>();
        List<Value> differentiated = new ArrayList<>();
        int component = 1;
        for (int i = 0; i < callee.parameterTypes().size(); i++) {
            Type type = callee.parameterTypes().get(i);
            String hint = type == Type.DOUBLE ? components.get(component++).getSimpleName().toString().substring(1) : "arg" + i;
            Value parameter = new Value(i, hint, type);
            parameters.add(parameter);
            if (type == Type.DOUBLE) {
                differentiated.add(parameter);
            }
        }
        return new Function(callee, parameters, differentiated, List.of(), null);
    }
}
