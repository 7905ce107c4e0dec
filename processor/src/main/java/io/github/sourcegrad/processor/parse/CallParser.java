package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import io.github.sourcegrad.processor.ir.ArrayFunction;
import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The calls of a method body, for {@link MethodParser}: which method a call names (javac's overload choice, as
 * far as primitive parameters need it), and what it becomes: a Math or ArrayMath function with a known
 * derivative, a call to another {@code @Differentiable} method, a pure helper computed as written, or an error
 * that says why there is no derivative. Kept apart from expressions because resolving a call is its own job,
 * with its own error messages.
 */
final class CallParser {
    /** The runtime class with {@code noGradient}, the stop-gradient. */
    static final String SOURCE_GRAD = "io.github.sourcegrad.SourceGrad";

    private final MethodParser parser;

    CallParser(MethodParser parser) {
        this.parser = parser;
    }

    Operand invocation(MethodInvocationTree invocation) {
        if (!invocation.getTypeArguments().isEmpty()) {
            throw new Unsupported(invocation, "explicit type arguments on a call are not supported");
        }
        ExpressionTree select = invocation.getMethodSelect();
        if (select instanceof MemberSelectTree member && member.getIdentifier().contentEquals("equals")
                && (parser.expressions.data(member.getExpression()) != null || invocation.getArguments().stream().anyMatch(a -> parser.expressions.data(a) != null))) {
            return new DataUse(parser).equalsCall(invocation);
        }
        String name;
        List<ExecutableElement> candidates;
        if (select instanceof IdentifierTree id) {
            name = id.getName().toString();
            candidates = parser.resolver.methods(name);
        } else if (select instanceof MemberSelectTree member) {
            name = member.getIdentifier().toString();
            ExpressionTree qualifier = member.getExpression();
            DataUse.Data data = parser.expressions.data(qualifier);
            if (data != null) {
                throw new Unsupported(invocation, DataUse.only(data));
            }
            if (qualifier instanceof IdentifierTree q && parser.lookup(q.getName().toString()) != null) {
                throw new Unsupported(invocation, "calling a method on the local variable '" + q.getName() + "' is not supported");
            }
            Optional<TypeElement> owner = parser.resolver.type(qualifier);
            if (owner.isEmpty()) {
                throw new Unsupported(invocation, "the call '" + select + "(...)' is not supported: SourceGrad "
                        + "differentiates calls to static methods (Math, StrictMath, SmoothMath and ArrayMath functions and other @Differentiable methods)");
            }
            candidates = parser.resolver.methodsOf(owner.get(), name);
        } else {
            throw new Unsupported(invocation, "this kind of call is not supported");
        }
        if (candidates.isEmpty()) {
            boolean arrayMath = select instanceof MemberSelectTree m && parser.resolver.type(m.getExpression())
                    .map(t -> t.getQualifiedName().contentEquals(ArrayFunction.OWNER)).orElse(false);
            throw new Unsupported(invocation, "cannot resolve the method '" + select + "'" + (arrayMath
                    ? "; SourceGrad differentiates these ArrayMath operations: " + ArrayFunction.supportedNames() : ""));
        }

        List<Operand> args = new ArrayList<>();
        for (ExpressionTree argument : invocation.getArguments()) {
            Operand arg = parser.expression(argument);
            args.add(arg);
        }

        TypeElement owner = (TypeElement) candidates.get(0).getEnclosingElement();
        if (candidates.stream().anyMatch(c -> c.getEnclosingElement() != owner)) {
            // imported on demand from Math and from ArrayMath: javac picks by the arguments, arrays or numbers
            boolean arrays = args.stream().anyMatch(a -> a.type().isArray());
            List<ExecutableElement> fitting = candidates.stream().filter(c -> ((TypeElement) c.getEnclosingElement())
                    .getQualifiedName().contentEquals(ArrayFunction.OWNER) == arrays).toList();
            if (!fitting.isEmpty()) {
                return callResolved(invocation, name, fitting, args);
            }
        }
        return callResolved(invocation, name, candidates, args);
    }

    private Operand callResolved(MethodInvocationTree invocation, String name, List<ExecutableElement> candidates, List<Operand> args) {
        TypeElement owner = (TypeElement) candidates.get(0).getEnclosingElement();
        String ownerName = owner.getQualifiedName().toString();
        boolean strict = ownerName.equals("java.lang.StrictMath");
        if (strict || ownerName.equals("java.lang.Math") || ownerName.equals(MathFunction.SMOOTH_OWNER)) {
            return mathCall(invocation, ownerName, name, strict, args);
        }
        if (ownerName.equals(ArrayFunction.OWNER)) {
            return arrayCall(invocation, name, args);
        }
        if (ownerName.equals(SOURCE_GRAD) && name.equals("noGradient")) {
            return noGradient(invocation, args);
        }

        ExecutableElement target = overload(invocation, candidates, args);
        boolean custom = MethodParser.hasCustomDerivative(target);
        if (custom && !target.getModifiers().contains(Modifier.STATIC)) {
            throw new Unsupported(invocation, "the @CustomDerivative method " + name + " is not static");
        }
        if (!custom && !MethodParser.isDifferentiable(target)) {
            Operand constant = pureCall(invocation, target, args);
            if (constant != null) {
                return constant;
            }
            throw noDerivative(invocation, target);
        }
        if (!target.getModifiers().contains(Modifier.STATIC)) {
            throw new Unsupported(invocation, "the @Differentiable method " + name + " is not static");
        }
        List<Type> parameterTypes = new ArrayList<>();
        for (VariableElement p : target.getParameters()) {
            Type type = MethodParser.typeOf(p.asType()).orElseThrow(() -> new Unsupported(invocation,
                    "the " + (custom ? "@CustomDerivative" : "@Differentiable") + " method " + name + " has a parameter of type " + p.asType()
                            + (MethodParser.dataClass(p.asType()).isPresent()
                                    ? "; calls to @Differentiable methods with String or enum parameters are not supported yet"
                                    : "; SourceGrad supports double, int, long and boolean parameters")));
            parameterTypes.add(type);
        }
        Type returns = MethodParser.typeOf(target.getReturnType()).filter(Type::isReal).orElse(Type.DOUBLE);
        Callee callee = new Callee(NameResolver.typeRef((TypeElement) target.getEnclosingElement()), name, parameterTypes);
        Value out = parser.newValue(null, returns);
        parser.callSites.put(out.id(), invocation);
        Operand result = parser.emit(new Instruction.Call(out, callee, args));
        parser.sites.put(parser.body.get(parser.body.size() - 1), invocation); // for ArrayWrites: a call that passes an array written later
        return result;
    }

    /**
     * A call computed as written (derivative 0) when {@code target} is static, returns an int, long or boolean and
     * takes int, long, double and boolean values: a method of {@link PureHelpers#JDK}, or a helper of the user's that
     * the companion can call and whose body is pure. Null for any other method, which {@link #noDerivative} explains.
     */
    private Operand pureCall(MethodInvocationTree invocation, ExecutableElement target, List<Operand> args) {
        Optional<Type> returns = MethodParser.typeOf(target.getReturnType());
        if (returns.isEmpty() || returns.get().isReal() || !target.getModifiers().contains(Modifier.STATIC)
                || target.getParameters().stream().anyMatch(p -> MethodParser.typeOf(p.asType()).filter(t -> !t.isArray()).isEmpty())) {
            return null;
        }
        TypeElement owner = (TypeElement) target.getEnclosingElement();
        String call = owner.getSimpleName() + "." + target.getSimpleName();
        String prefix = "SourceGrad has no derivative for " + call + "(...): it returns " + returns.get().keyword();
        boolean jdk = !parser.resolver.compiledHere(owner);
        if (jdk && !PureHelpers.allowedJdk(owner.getQualifiedName().toString(), target.getSimpleName().toString())) {
            if (!parser.resolver.inJdk(owner)) {
                return null; // a library's method: noDerivative says so
            }
            throw new Unsupported(invocation, prefix + ", and of the JDK's methods that return int, long or boolean "
                    + "SourceGrad computes only these as written (derivative 0): " + PureHelpers.jdkNames());
        }
        if (!jdk) {
            String rule = "; a static helper that returns int, long or boolean is computed as written (derivative 0) "
                    + "when the generated class can call it and its body reads only its parameters, its locals and "
                    + "static final constants, and calls only Math functions and such helpers";
            if (!parser.expressions.accessibleFromPackage(target)) {
                TypeElement hiding = owner;
                while (hiding.getNestingKind().isNested() && !hiding.getModifiers().contains(Modifier.PRIVATE)) {
                    hiding = (TypeElement) hiding.getEnclosingElement();
                }
                String why = target.getModifiers().contains(Modifier.PRIVATE) ? " and is private, so the generated class "
                        + "cannot call it; make it package-private"
                        : hiding.getModifiers().contains(Modifier.PRIVATE) ? " and is in the private class "
                        + hiding.getSimpleName() + ", so the generated class cannot call it; make that class package-private"
                        : " and is not public, so the generated class cannot call it from this package; make it public";
                throw new Unsupported(invocation, prefix + why + rule);
            }
            String impurity = parser.pureHelpers == null ? "its source is not available" : parser.pureHelpers.impurity(target);
            if (impurity != null) {
                throw new Unsupported(invocation, prefix + ", and it cannot be computed as written because " + impurity + rule);
            }
        }
        Value out = parser.newValue(null, returns.get());
        return parser.emit(new Instruction.PureCall(out, NameResolver.typeRef(owner), target.getSimpleName().toString(), args,
                ExpressionParser.isPublic(target), jdk));
    }

    private Operand mathCall(MethodInvocationTree invocation, String owner, String name, boolean strict, List<Operand> args) {
        boolean smooth = owner.equals(MathFunction.SMOOTH_OWNER);
        String simpleOwner = smooth ? "SmoothMath" : strict ? "StrictMath" : "Math";
        MathFunction function = MathFunction.named(name, args.size(), smooth).orElseThrow(() -> new Unsupported(invocation,
                "SourceGrad has no derivative for " + simpleOwner + "." + name + " with " + args.size()
                        + " argument(s); supported: " + MathFunction.supportedNames(smooth)));
        Type[] types = new Type[args.size()];
        for (int i = 0; i < args.size(); i++) {
            MethodParser.requireNumeric(args.get(i), invocation.getArguments().get(i), owner + "." + name);
            types[i] = args.get(i).type();
        }
        String problem = function.argumentProblem(types);
        if (problem != null) {
            throw new Unsupported(invocation, simpleOwner + "." + name + " of these arguments does not exist: " + problem);
        }
        if (function.computesInFloat(types)) {
            throw new Unsupported(invocation, simpleOwner + "." + name + " of an int or long value computes in float, "
                    + "which SourceGrad does not support; write " + simpleOwner + "." + name + "((double) ...)");
        }
        Type result = function.resultType(types);
        return parser.emit(new Instruction.MathCall(parser.newValue(null, result), function, strict, args));
    }

    /**
     * {@code SourceGrad.noGradient(a)}: the value of {@code a} (a number widened to double, or the same array), which
     * the derivative table treats as a constant (a copy that passes no derivative back).
     */
    private Operand noGradient(MethodInvocationTree invocation, List<Operand> args) {
        Type type = args.size() == 1 ? args.get(0).type() : null;
        if (type == null || !(type.isReal() || type == Type.INT || type == Type.LONG)) {
            throw new Unsupported(invocation, "SourceGrad.noGradient takes one double, double[] or double[][] value"
                    + (type == null ? "" : " (here: " + type.keyword() + ")"));
        }
        Type result = type.isArray() ? type : Type.DOUBLE;
        Operand out = parser.emit(new Instruction.Copy(parser.newValue(null, result), args.get(0), true));
        parser.sites.put(parser.body.get(parser.body.size() - 1), invocation); // for ArrayWrites: which call shares an array
        return out;
    }

    private Operand arrayCall(MethodInvocationTree invocation, String name, List<Operand> args) {
        ArrayFunction function = ArrayFunction.named(name).orElseThrow(() -> new Unsupported(invocation,
                "SourceGrad has no derivative for ArrayMath." + name + "; supported: " + ArrayFunction.supportedNames()));
        List<Type> types = args.stream().map(Operand::type).toList();
        Type result = function.resultType(types).orElseThrow(() -> new Unsupported(invocation,
                "no overload of ArrayMath." + name + " takes (" + types.stream().map(Type::keyword).collect(Collectors.joining(", "))
                        + "); SourceGrad differentiates " + function.overloads()));
        Operand out = parser.emit(new Instruction.ArrayCall(parser.newValue(null, result), function, args));
        parser.sites.put(parser.body.get(parser.body.size() - 1), invocation);
        return out;
    }

    /** Overload resolution by arity, then by exact primitive types, then by widening (enough for primitive parameters). */
    private ExecutableElement overload(MethodInvocationTree invocation, List<ExecutableElement> candidates, List<Operand> args) {
        List<ExecutableElement> applicable = new ArrayList<>();
        List<ExecutableElement> exact = new ArrayList<>();
        for (ExecutableElement candidate : candidates) {
            if (candidate.getParameters().size() != args.size() || candidate.isVarArgs()) {
                continue;
            }
            boolean all = true;
            boolean same = true;
            for (int i = 0; i < args.size(); i++) {
                Optional<Type> p = MethodParser.typeOf(candidate.getParameters().get(i).asType());
                if (p.isEmpty() || !MethodParser.assignable(args.get(i).type(), p.get())) {
                    all = false;
                    break;
                }
                same &= p.get() == args.get(i).type();
            }
            if (all) {
                applicable.add(candidate);
                if (same) {
                    exact.add(candidate);
                }
            }
        }
        if (exact.size() == 1) {
            return exact.get(0);
        }
        if (applicable.size() == 1) {
            return applicable.get(0);
        }
        if (applicable.isEmpty()) {
            ExecutableElement any = candidates.get(0);
            if (!MethodParser.isDifferentiable(any)) {
                throw noDerivative(invocation, any);
            }
            throw new Unsupported(invocation, "no overload of " + any.getSimpleName()
                    + " takes these arguments; SourceGrad passes double, double[], double[][], int, long and boolean arguments");
        }
        throw new Unsupported(invocation, "the call to " + candidates.get(0).getSimpleName()
                + " is ambiguous between overloads; give the overloads different names");
    }

    /**
     * Why a call to a method without {@code @Differentiable} cannot be differentiated, and what the user can do:
     * a JDK or library method has no rule (use the functions that have one), a void method has no value to
     * differentiate; only a static method of the user's own that returns double, double[] or double[][] could
     * carry {@code @Differentiable}.
     */
    private Unsupported noDerivative(MethodInvocationTree invocation, ExecutableElement target) {
        TypeElement owner = (TypeElement) target.getEnclosingElement();
        String call = owner.getSimpleName() + "." + target.getSimpleName();
        String prefix = "SourceGrad has no derivative for " + call + "(...): ";
        if (!parser.resolver.compiledHere(owner)) {
            return new Unsupported(invocation, prefix + (parser.resolver.inJdk(owner) ? "it is a JDK method" : "it is a library method")
                    + ", and SourceGrad has derivative rules only for Math and StrictMath functions, the operations of "
                    + "io.github.sourcegrad.SmoothMath and io.github.sourcegrad.ArrayMath, and calls to @Differentiable "
                    + "methods (of this compilation, or of libraries compiled with SourceGrad); write the computation with those, "
                    + "or call it from a static method of your own with a @CustomDerivative, whose pullback gives its derivative");
        }
        if (target.getReturnType().getKind() == TypeKind.VOID) {
            return new Unsupported(invocation, prefix + "it returns void, and a method that returns nothing cannot be "
                    + "differentiated (SourceGrad follows values, not side effects); make " + target.getSimpleName()
                    + " return the value it computes (a double, double[] or double[][]) and annotate it with @Differentiable");
        }
        if (!target.getModifiers().contains(Modifier.STATIC)) {
            return new Unsupported(invocation, prefix + "it is an instance method, and @Differentiable methods are static; "
                    + "make it static and annotate it with @Differentiable");
        }
        Optional<Type> returns = MethodParser.typeOf(target.getReturnType());
        if (returns.isEmpty() || !returns.get().isReal()) {
            String computed = returns.isPresent() && returns.get() != Type.DOUBLE ? ", and one that returns "
                    + returns.get().keyword() + " is computed as written only when it is static and takes int, long, double "
                    + "and boolean values" : "";
            return new Unsupported(invocation, prefix + "it returns " + target.getReturnType() + ", and only methods "
                    + "that return double, double[] or double[][] can be @Differentiable" + computed
                    + "; compute its value in this method instead");
        }
        for (VariableElement p : target.getParameters()) {
            if (MethodParser.typeOf(p.asType()).isEmpty()) {
                return new Unsupported(invocation, prefix + "its parameter " + p.getSimpleName() + " has type " + p.asType()
                        + ", and @Differentiable methods take double, double[], double[][], int, long and boolean "
                        + "parameters; compute its value in this method instead");
            }
        }
        return new Unsupported(invocation, prefix + "it is not @Differentiable; annotate " + call + " with @Differentiable, "
                + "or give it a @CustomDerivative whose pullback gives its derivative");
    }
}
