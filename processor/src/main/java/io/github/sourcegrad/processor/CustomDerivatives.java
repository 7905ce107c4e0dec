package io.github.sourcegrad.processor;

import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.CustomCallee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import io.github.sourcegrad.processor.parse.MethodParser;
import io.github.sourcegrad.processor.parse.NameResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The methods of this compilation annotated with {@code @CustomDerivative}, each checked against the rule of the
 * annotation's Javadoc: the method is static, visible to its companion, returns {@code double} and takes numbers,
 * booleans and {@code double} arrays; its pullback, named by the annotation, is a static, non-private method of the
 * same class with the method's parameters, {@code double dz}, then {@code double[] grad} (when the method has
 * {@code double} parameters) and one gradient array per array parameter, and returns {@code void}. A pullback is
 * never matched loosely: any mismatch is an error at the annotation that shows the expected signature, and the
 * callers of the method then get an error at their call.
 */
final class CustomDerivatives {
    private CustomDerivatives() {}

    /**
     * The valid methods among {@code annotated}, by key; the key of each invalid one is added to {@code failed}
     * (its callers' errors say so).
     */
    static Map<String, CustomCallee> check(Set<? extends Element> annotated, Set<String> failed, Diagnostics diagnostics,
            Elements elements, Types types) {
        Map<String, CustomCallee> valid = new LinkedHashMap<>();
        for (Element element : annotated) {
            if (element.getKind() != ElementKind.METHOD) {
                continue; // javac itself rejects the annotation anywhere else
            }
            ExecutableElement method = (ExecutableElement) element;
            Callee signature = signature(method);
            Optional<CustomCallee> custom;
            try {
                custom = check(method, diagnostics, elements, types);
            } catch (RuntimeException | StackOverflowError e) {
                diagnostics.error(method, DifferentiableProcessor.internalError(method.getSimpleName().toString(), e));
                custom = Optional.empty();
            }
            if (custom.isPresent()) {
                valid.put(signature.key(), custom.get());
            } else {
                failed.add(signature.key());
            }
        }
        return valid;
    }

    /** The method as its callers name it, with each parameter's type (an unknown type as {@code double}: it fails). */
    private static Callee signature(ExecutableElement method) {
        List<Type> types = method.getParameters().stream()
                .map(p -> MethodParser.typeOf(p.asType()).orElse(Type.DOUBLE)).toList();
        return new Callee(NameResolver.typeRef((TypeElement) method.getEnclosingElement()), method.getSimpleName().toString(), types);
    }

    private static Optional<CustomCallee> check(ExecutableElement method, Diagnostics diagnostics, Elements elements, Types types) {
        AnnotationMirror annotation = method.getAnnotationMirrors().stream()
                .filter(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals(MethodParser.CUSTOM_ANNOTATION))
                .findFirst().orElseThrow();
        AnnotationValue pullbackValue = value(annotation, "pullback");
        String name = method.getSimpleName().toString();
        String prefix = "@CustomDerivative on " + name + ": ";
        if (MethodParser.isDifferentiable(method)) {
            return error(diagnostics, method, annotation, null, prefix + "a method is either @Differentiable (SourceGrad "
                    + "differentiates its body) or has a @CustomDerivative (its pullback is its derivative), not both; remove one");
        }
        if (!(method.getEnclosingElement() instanceof TypeElement owner)
                || (owner.getNestingKind() != NestingKind.TOP_LEVEL && owner.getNestingKind() != NestingKind.MEMBER)) {
            return error(diagnostics, method, annotation, null, prefix + "the method must be declared in a top-level or "
                    + "member class, not in a local or anonymous class");
        }
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            return error(diagnostics, method, annotation, null, prefix + name + " is an instance method; make it static");
        }
        String packageName = NameResolver.typeRef(owner).packageName();
        String hidden = DifferentiableProcessor.hiddenFrom(method, packageName);
        if (hidden != null) {
            return error(diagnostics, method, annotation, null, prefix + hidden + ", and the generated class "
                    + companionName(owner) + " calls it for its value; make it package-private");
        }
        if (method.getReturnType().getKind() != TypeKind.DOUBLE) {
            return error(diagnostics, method, annotation, null, prefix + name + " returns " + method.getReturnType()
                    + "; so far a method with a custom derivative returns double");
        }
        List<Value> parameters = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            Optional<Type> type = MethodParser.typeOf(p.asType());
            if (type.isEmpty() || !(type.get().isReal() || type.get() == Type.INT || type.get() == Type.LONG
                    || type.get() == Type.BOOLEAN)) {
                return error(diagnostics, method, annotation, null, prefix + "parameter " + p.getSimpleName() + " has type "
                        + p.asType() + "; a method with a custom derivative takes double, double[], double[][], int, long "
                        + "and boolean parameters");
            }
            parameters.add(new Value(parameters.size(), p.getSimpleName().toString(), type.get()));
        }
        if (parameters.stream().noneMatch(p -> p.type().isReal())) {
            return error(diagnostics, method, annotation, null, prefix + name + " has no double, double[] or double[][] "
                    + "parameter, so it has no derivative to give");
        }
        String pullbackName = pullbackValue == null ? "" : String.valueOf(pullbackValue.getValue());
        List<String> expectedTypes = CustomCallee.pullbackTypes(parameters).stream().map(Type::keyword).toList();
        String expected = "static void " + (pullbackName.isEmpty() ? name + "Pullback" : pullbackName) + "("
                + pullbackParameters(parameters) + ")";
        String rule = "; the pullback of " + name + " is a method of " + owner.getSimpleName() + " declared as\n    "
                + expected + "\nwhich writes dz times the partial derivatives of " + name + " into the arrays (see the "
                + "Javadoc of @CustomDerivative)";
        if (pullbackName.isEmpty()) {
            return error(diagnostics, method, annotation, pullbackValue, prefix + "the pullback's name is empty" + rule);
        }
        List<ExecutableElement> named = ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .filter(m -> m.getSimpleName().contentEquals(pullbackName)).toList();
        if (named.isEmpty()) {
            return error(diagnostics, method, annotation, pullbackValue, prefix + owner.getSimpleName() + " has no method named "
                    + pullbackName + rule);
        }
        List<ExecutableElement> matching = named.stream().filter(m -> typesOf(m).equals(expectedTypes)).toList();
        if (matching.isEmpty()) {
            String found = named.stream().map(m -> pullbackName + "(" + String.join(", ", typesOf(m)) + ")")
                    .collect(Collectors.joining(", "));
            return error(diagnostics, method, annotation, pullbackValue, prefix + "the parameters of " + found + " do not "
                    + "match: expected (" + String.join(", ", expectedTypes) + ")" + rule);
        }
        ExecutableElement pullback = matching.get(0);
        if (pullback.getReturnType().getKind() != TypeKind.VOID) {
            return error(diagnostics, method, annotation, pullbackValue, prefix + pullbackName + " returns "
                    + pullback.getReturnType() + ", but a pullback returns void (it writes into its gradient arrays)" + rule);
        }
        if (!pullback.getModifiers().contains(Modifier.STATIC)) {
            return error(diagnostics, method, annotation, pullbackValue, prefix + pullbackName + " is an instance method; "
                    + "make it static" + rule);
        }
        String pullbackHidden = DifferentiableProcessor.hiddenFrom(pullback, packageName);
        if (pullbackHidden != null) {
            return error(diagnostics, method, annotation, pullbackValue, prefix + pullbackHidden + ", and the generated "
                    + "class " + companionName(owner) + " calls it; make it package-private" + rule);
        }
        for (ExecutableElement called : List.of(method, pullback)) {
            for (TypeMirror thrown : called.getThrownTypes()) {
                if (!types.isSubtype(thrown, elements.getTypeElement("java.lang.RuntimeException").asType())
                        && !types.isSubtype(thrown, elements.getTypeElement("java.lang.Error").asType())) {
                    return error(diagnostics, method, annotation, called == pullback ? pullbackValue : null, prefix
                            + called.getSimpleName() + " throws the checked exception " + thrown + ", which the generated "
                            + "class " + companionName(owner) + " cannot pass on; catch it inside " + called.getSimpleName());
                }
            }
        }
        List<Value> differentiated = parameters.stream().filter(p -> p.type().isReal()).toList();
        Value value = new Value(parameters.size(), "value", Type.DOUBLE);
        Function function = new Function(signature(method), parameters, differentiated, List.of(), value);
        boolean open = true;
        for (Element e = method; e instanceof ExecutableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
            open &= e.getModifiers().contains(Modifier.PUBLIC);
        }
        return Optional.of(new CustomCallee(function, pullbackName, open));
    }

    /**
     * The pullback's parameters with names: the method's own, then {@code dz}, {@code grad} and {@code grad<Name>} for
     * each array parameter (made unique against the method's names), as the generated buffer form names them.
     */
    static String pullbackParameters(List<Value> parameters) {
        Set<String> taken = new HashSet<>();
        parameters.forEach(p -> taken.add(p.hint()));
        List<String> declared = new ArrayList<>();
        parameters.forEach(p -> declared.add(p.type().keyword() + " " + p.hint()));
        declared.add("double " + unique(taken, "dz"));
        if (parameters.stream().anyMatch(p -> p.type() == Type.DOUBLE)) {
            declared.add("double[] " + unique(taken, "grad"));
        }
        parameters.stream().filter(p -> p.type().isArray() && p.type().isReal()).forEach(p -> declared.add(p.type().keyword()
                + " " + unique(taken, "grad" + Character.toUpperCase(p.hint().charAt(0)) + p.hint().substring(1))));
        return String.join(", ", declared);
    }

    private static String unique(Set<String> taken, String base) {
        String name = base;
        for (int k = 2; !taken.add(name); k++) {
            name = base + k;
        }
        return name;
    }

    /** Each parameter's type as Java writes it ({@code double[]}), or its full text for any other type. */
    private static List<String> typesOf(ExecutableElement method) {
        return method.getParameters().stream().map(p -> keyword(p.asType())).toList();
    }

    private static String keyword(TypeMirror type) {
        return MethodParser.typeOf(type).map(Type::keyword).orElse(type.toString());
    }

    private static String companionName(TypeElement owner) {
        return NameResolver.typeRef(owner).companion().simpleNames().get(0);
    }

    private static AnnotationValue value(AnnotationMirror annotation, String name) {
        return annotation.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static Optional<CustomCallee> error(Diagnostics diagnostics, ExecutableElement method, AnnotationMirror annotation,
            AnnotationValue value, String message) {
        diagnostics.error(method, annotation, value, message); // at the pullback's name, or at the annotation when null
        return Optional.empty();
    }
}
