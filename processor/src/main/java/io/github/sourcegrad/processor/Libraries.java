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
 * {@code @Differentiable} method, whatever the method's {@code wrt}:
 * <ul>
 *   <li>for a method that returns a {@code double}: a public static method with the method's own parameters that
 *       returns a record of the value and the partial derivative with respect to every {@code double},
 *       {@code double[]} and {@code double[][]} parameter, in the order of the parameters (an array parameter's
 *       partial is a fresh array of its shape);</li>
 *   <li>for a method that returns a {@code double[]} or {@code double[][]}: its pullback, a public static method
 *       with the method's own parameters and then the result's upstream adjoint, an array of the result's type,
 *       that returns a record of the value (the result) and the vector-Jacobian product with respect to every
 *       such parameter. A caller gets the result's value from the method itself, which is public.</li>
 * </ul>
 * It is {@code d<name>} when {@code wrt} names every such parameter, and {@code d<name>WrtAll} otherwise (see
 * {@code Planner.isEntryPoint}); each record component is {@code d} and the parameter's name. The entry point is
 * found by its signature and its record's components alone, which is all a class file tells.
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
                TypeRef companionRef = call.callee().owner().companion();
                TypeElement companion = elements.getTypeElement(companionRef.qualifiedName());
                Optional<LibraryCallee> library = companion == null ? Optional.empty()
                        : entryPoint(call.callee(), call.out().type(), companionRef, companion);
                String problem = companion == null
                        ? owner.getQualifiedName() + " comes from the class path (compiled separately) without its "
                                + "gradient companion " + companionRef + ": compile " + owner.getQualifiedName()
                                + " with the SourceGrad annotation processor on the processor path (Maven's "
                                + "annotationProcessorPaths, Gradle's annotationProcessor, javac -processorpath), and put "
                                + "the classes it generates on the class path with it"
                        : companionRef + " on the class path has no " + (call.out().type().isArray() ? "pullback" : "gradient")
                                + " of " + call.callee().name() + " with respect to all its " + (call.callee().parameterTypes()
                                        .stream().anyMatch(Type::isArray) || call.out().type().isArray()
                                        ? "double, double[] and double[][]" : "double")
                                + " parameters (" + call.callee().name()
                                + "'s entry point for callers compiled separately); it was written by another version of "
                                + "SourceGrad: compile " + owner.getQualifiedName() + " again with this one";
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
     * callee's parameter types (and, for an array result, the upstream adjoint of type {@code result}), returning
     * a record of the value and one component per {@code double}, {@code double[]} or {@code double[][]}
     * parameter, of its type.
     */
    private static Optional<LibraryCallee> entryPoint(Callee callee, Type result, TypeRef companionRef, TypeElement companion) {
        List<Type> differentiated = callee.parameterTypes().stream().filter(Type::isReal).toList();
        List<Type> parameters = new ArrayList<>(callee.parameterTypes());
        if (result.isArray()) {
            parameters.add(result);
        }
        List<String> names = List.of("d" + callee.name(), "d" + callee.name() + "WrtAll", "d" + callee.name() + "WrtAll_");
        for (String name : names) {
            for (ExecutableElement method : ElementFilter.methodsIn(companion.getEnclosedElements())) {
                if (!method.getSimpleName().contentEquals(name) || !method.getModifiers().contains(Modifier.PUBLIC)
                        || !method.getModifiers().contains(Modifier.STATIC) || !sameParameters(method, parameters)
                        || !(method.getReturnType() instanceof DeclaredType returned)
                        || returned.asElement().getKind() != ElementKind.RECORD
                        || !returned.asElement().getEnclosingElement().equals(companion)) {
                    continue;
                }
                TypeElement record = (TypeElement) returned.asElement();
                List<RecordComponentElement> components = ElementFilter.recordComponentsIn(record.getEnclosedElements());
                if (components.size() != 1 + differentiated.size() || !is(components.get(0).asType(), result.isArray() ? result : Type.DOUBLE)
                        || components.stream().skip(1).anyMatch(c -> !c.getSimpleName().toString().startsWith("d"))) {
                    continue;
                }
                boolean typesMatch = true;
                for (int i = 0; i < differentiated.size(); i++) {
                    typesMatch &= is(components.get(i + 1).asType(), differentiated.get(i));
                }
                if (!typesMatch) {
                    continue;
                }
                return Optional.of(new LibraryCallee(function(callee, result, components), companionRef, name,
                        record.getSimpleName().toString()));
            }
        }
        return Optional.empty();
    }

    /** True when {@code type} is {@code expected}: {@code double}, {@code double[]}, {@code double[][]}, {@code int}, ... */
    private static boolean is(TypeMirror type, Type expected) {
        if (type.getKind() == TypeKind.ARRAY) {
            TypeMirror component = ((javax.lang.model.type.ArrayType) type).getComponentType();
            return expected == Type.VECTOR ? component.getKind() == TypeKind.DOUBLE
                    : expected == Type.MATRIX && component.getKind() == TypeKind.ARRAY && is(component, Type.VECTOR);
        }
        return type.getKind().isPrimitive() && type.toString().equals(expected.keyword());
    }

    private static boolean sameParameters(ExecutableElement method, List<Type> types) {
        if (method.getParameters().size() != types.size()) {
            return false;
        }
        for (int i = 0; i < types.size(); i++) {
            if (!is(method.getParameters().get(i).asType(), types.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The callee as a function without body: each {@code double}, {@code double[]} and {@code double[][]} parameter
     * is named after its record component ({@code dx} names {@code x}), which is how generated code reads its
     * partial derivative ({@code qLocal.dx()}). Its result is a value of the callee's result type.
     */
    private static Function function(Callee callee, Type result, List<RecordComponentElement> components) {
        List<Value> parameters = new ArrayList<>();
        List<Value> differentiated = new ArrayList<>();
        int component = 1;
        for (int i = 0; i < callee.parameterTypes().size(); i++) {
            Type type = callee.parameterTypes().get(i);
            String hint = type.isReal() ? components.get(component++).getSimpleName().toString().substring(1) : "arg" + i;
            Value parameter = new Value(i, hint, type);
            parameters.add(parameter);
            if (type.isReal()) {
                differentiated.add(parameter);
            }
        }
        Value value = result.isArray() ? new Value(parameters.size(), "result", result) : null;
        return new Function(callee, parameters, differentiated, List.of(), value);
    }
}
