package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.github.sourcegrad.processor.ir.MathFunction;
import io.github.sourcegrad.processor.ir.Type;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The static methods a {@code @Differentiable} method may call without differentiating them: their result is an
 * {@code int}, {@code long} or {@code boolean}, piecewise constant (derivative 0), so the generated code calls them
 * as written. The backward pass may call such a method again (when it recomputes a loop iteration or a branch), so
 * it must be pure and deterministic: the JDK's methods only from {@link #JDK}, the user's only when their source is
 * in this compilation and {@link #impurity} finds nothing in their bodies.
 */
public final class PureHelpers {
    /** The JDK methods called as written, by class: pure, deterministic, and none of them throws. */
    static final Map<String, Set<String>> JDK = Map.of(
            "java.lang.Double", Set.of("isNaN", "isFinite", "isInfinite", "compare"),
            "java.lang.Integer", integerMethods(),
            "java.lang.Long", integerMethods(),
            "java.lang.Boolean", Set.of("logicalAnd", "logicalOr", "logicalXor", "compare"));

    private static Set<String> integerMethods() {
        return Set.of("signum", "min", "max", "sum", "compare", "bitCount", "numberOfLeadingZeros",
                "numberOfTrailingZeros", "highestOneBit", "lowestOneBit", "reverse", "rotateLeft", "rotateRight");
    }

    /** The allow-list, for error messages: {@code Double.isNaN, ...}. */
    static String jdkNames() {
        return String.join(", ", JDK.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream().sorted().map(m -> e.getKey().substring("java.lang.".length()) + "." + m))
                .toList());
    }

    /** True when {@code method} of the class {@code owner} (a qualified name) is on the JDK allow-list. */
    static boolean allowedJdk(String owner, String method) {
        return JDK.getOrDefault(owner, Set.of()).contains(method);
    }

    private final Trees trees;
    private final Elements elements;
    private final MemberIndex members;
    /** Each helper checked so far: null when pure, otherwise why not (a helper being checked counts as pure). */
    private final Map<ExecutableElement, String> verdicts = new HashMap<>();

    public PureHelpers(Trees trees, Elements elements, MemberIndex members) {
        this.trees = trees;
        this.elements = elements;
        this.members = members;
    }

    /**
     * Why the user's static method {@code helper} may not be called as written, or null when it may: its body reads
     * only its parameters, its locals and static final constants of primitive types, assigns only its locals, and
     * calls only {@code Math}/{@code StrictMath} functions, the {@link #JDK} methods and other such helpers; its
     * parameters are {@code int}, {@code long}, {@code double} or {@code boolean}. No arrays, objects or fields.
     */
    String impurity(ExecutableElement helper) {
        if (verdicts.containsKey(helper)) {
            return verdicts.get(helper);
        }
        verdicts.put(helper, null); // a helper that calls itself is as pure as the rest of its body
        String reason = check(helper);
        verdicts.put(helper, reason);
        return reason;
    }

    private String check(ExecutableElement helper) {
        if (!helper.getModifiers().contains(Modifier.STATIC)) {
            return "it is an instance method";
        }
        for (VariableElement p : helper.getParameters()) {
            Optional<Type> type = MethodParser.typeOf(p.asType());
            if (type.isEmpty() || type.get().isArray()) {
                return "its parameter " + p.getSimpleName() + " has type " + p.asType();
            }
        }
        if (MethodParser.typeOf(helper.getReturnType()).filter(t -> !t.isArray()).isEmpty()) {
            return "it returns " + helper.getReturnType();
        }
        TreePath path = trees.getPath(helper);
        MethodTree tree = trees.getTree(helper);
        if (path == null || tree == null || tree.getBody() == null) {
            return "its source is not part of this compilation";
        }
        try {
            Nesting.check(tree.getBody());
        } catch (Unsupported e) {
            return "its body nests an expression too deeply";
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        NameResolver resolver = new NameResolver(elements, unit, helper, members, t -> trees.getPath(t) != null);
        Set<String> locals = new HashSet<>();
        tree.getParameters().forEach(p -> locals.add(p.getName().toString()));
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                locals.add(node.getName().toString());
                return super.visitVariable(node, unused);
            }
        }.scan(tree.getBody(), null);
        return new BodyCheck(resolver, locals).run(tree.getBody());
    }

    /** Tree kinds a pure helper's body may contain besides operators, which {@link BodyCheck} lets through. */
    private static final Set<Tree.Kind> ALLOWED = EnumSet.of(Tree.Kind.BLOCK, Tree.Kind.VARIABLE,
            Tree.Kind.EXPRESSION_STATEMENT, Tree.Kind.IF, Tree.Kind.FOR_LOOP, Tree.Kind.WHILE_LOOP,
            Tree.Kind.DO_WHILE_LOOP, Tree.Kind.RETURN, Tree.Kind.BREAK, Tree.Kind.CONTINUE, Tree.Kind.EMPTY_STATEMENT,
            Tree.Kind.LABELED_STATEMENT, Tree.Kind.PARENTHESIZED, Tree.Kind.CONDITIONAL_EXPRESSION, Tree.Kind.TYPE_CAST,
            Tree.Kind.PRIMITIVE_TYPE, Tree.Kind.IDENTIFIER, Tree.Kind.MEMBER_SELECT, Tree.Kind.METHOD_INVOCATION,
            Tree.Kind.INT_LITERAL, Tree.Kind.LONG_LITERAL, Tree.Kind.DOUBLE_LITERAL, Tree.Kind.BOOLEAN_LITERAL);

    /** One pass over a helper's body; the first thing that is not pure ends it. */
    private final class BodyCheck extends TreeScanner<Void, Void> {
        private final NameResolver resolver;
        private final Set<String> locals;
        private String reason;

        BodyCheck(NameResolver resolver, Set<String> locals) {
            this.resolver = resolver;
            this.locals = locals;
        }

        String run(BlockTree body) {
            scan(body, null);
            return reason;
        }

        private void reject(String why) {
            if (reason == null) {
                reason = why;
            }
        }

        @Override
        public Void scan(Tree tree, Void unused) {
            if (tree == null || reason != null) {
                return null;
            }
            boolean operator = tree instanceof BinaryTree || tree instanceof UnaryTree || tree instanceof AssignmentTree
                    || tree instanceof CompoundAssignmentTree;
            if (!operator && !ALLOWED.contains(tree.getKind())) {
                reject("it contains " + tree.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
                return null;
            }
            return super.scan(tree, unused);
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            Tree type = node.getType();
            if (type != null && !(type instanceof PrimitiveTypeTree p
                    && MethodParser.primitive(p.getPrimitiveTypeKind()).isPresent())) {
                reject("it declares '" + node.getName() + "' of type " + type);
                return null;
            }
            return scan(node.getInitializer(), unused);
        }

        @Override
        public Void visitTypeCast(TypeCastTree node, Void unused) {
            if (!(node.getType() instanceof PrimitiveTypeTree)) {
                reject("it casts to " + node.getType());
                return null;
            }
            return scan(node.getExpression(), unused);
        }

        @Override
        public Void visitAssignment(AssignmentTree node, Void unused) {
            writes(node.getVariable());
            return scan(node.getExpression(), unused);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
            writes(node.getVariable());
            return scan(node.getExpression(), unused);
        }

        @Override
        public Void visitUnary(UnaryTree node, Void unused) {
            switch (node.getKind()) {
                case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
                    writes(node.getExpression());
                    return null;
                }
                default -> {
                    return scan(node.getExpression(), unused);
                }
            }
        }

        private void writes(ExpressionTree target) {
            if (!(target instanceof IdentifierTree id && locals.contains(id.getName().toString()))) {
                reject("it writes " + target + ", which is not one of its locals");
            }
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            String name = node.getName().toString();
            if (!locals.contains(name)) {
                constant(resolver.field(name), node);
            }
            return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            constant(resolver.type(node.getExpression()).flatMap(t -> resolver.fieldOf(t, node.getIdentifier().toString())), node);
            return null;
        }

        private void constant(Optional<VariableElement> field, Tree where) {
            boolean ok = field.isPresent() && field.get().getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))
                    && MethodParser.primitive(field.get().asType().getKind()).isPresent();
            if (!ok) {
                reject("it reads " + where + ", which is neither one of its parameters or locals nor a static final "
                        + "constant of a primitive type");
            }
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            if (!node.getTypeArguments().isEmpty()) {
                reject("it calls " + node.getMethodSelect() + " with type arguments");
                return null;
            }
            ExpressionTree select = node.getMethodSelect();
            String name;
            List<ExecutableElement> candidates;
            if (select instanceof IdentifierTree id) {
                name = id.getName().toString();
                candidates = resolver.methods(name);
            } else if (select instanceof MemberSelectTree member) {
                name = member.getIdentifier().toString();
                Optional<TypeElement> owner = resolver.type(member.getExpression());
                candidates = owner.map(t -> resolver.methodsOf(t, name)).orElse(List.of());
            } else {
                candidates = List.of();
                name = select.toString();
            }
            int arity = node.getArguments().size();
            List<ExecutableElement> fitting = candidates.stream().filter(c -> c.getParameters().size() == arity).toList();
            if (fitting.isEmpty() || !fitting.stream().allMatch(c -> callable(c, name, arity))) {
                reject("it calls " + select + ", which is neither a Math function, nor one of " + jdkNames()
                        + ", nor a pure static helper of this compilation");
                return null;
            }
            for (ExpressionTree argument : node.getArguments()) {
                scan(argument, unused);
            }
            return null;
        }

        private boolean callable(ExecutableElement candidate, String name, int arity) {
            String owner = ((TypeElement) candidate.getEnclosingElement()).getQualifiedName().toString();
            if (owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath")) {
                return MathFunction.named(name, arity, false).isPresent(); // not random()
            }
            if (allowedJdk(owner, name)) {
                return true;
            }
            return trees.getPath(candidate) != null && impurity(candidate) == null;
        }
    }
}
