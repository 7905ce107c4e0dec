package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves the names a method body uses without javac's attribution, which has not run yet when annotation
 * processors see the trees. It follows the JLS order for names that are not locals: members of the enclosing
 * classes (innermost first; a method named {@code exp} there hides a static import of {@code Math.exp}),
 * single static imports, on-demand static imports, and for types also single-type imports, the package,
 * on-demand imports and {@code java.lang}.
 */
public final class NameResolver {
    private final Elements elements;
    private final CompilationUnitTree unit;
    private final MemberIndex members;
    private final List<TypeElement> enclosingTypes = new ArrayList<>();
    private final Predicate<TypeElement> compiledHere;

    /**
     * {@code members} indexes the members of classes for one round, shared by the resolvers of all methods:
     * asking javac, or scanning all members, for every name would make a large class quadratic to process.
     */
    public NameResolver(Elements elements, CompilationUnitTree unit, Element method, MemberIndex members,
            Predicate<TypeElement> compiledHere) {
        this.elements = elements;
        this.compiledHere = compiledHere;
        this.unit = unit;
        this.members = members;
        for (Element e = method.getEnclosingElement(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
            enclosingTypes.add(type);
        }
    }

    /** True if {@code type} is compiled from source in this compilation (the user's own code), not read from a class file. */
    public boolean compiledHere(TypeElement type) {
        return compiledHere.test(type);
    }

    /** True if {@code type} belongs to the JDK (a {@code java.*} or {@code jdk.*} module, or a {@code java.*}/{@code javax.*} package). */
    public boolean inJdk(TypeElement type) {
        String module = elements.getModuleOf(type) == null ? "" : elements.getModuleOf(type).getQualifiedName().toString();
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        return module.startsWith("java.") || module.startsWith("jdk.")
                || packageName.startsWith("java.") || packageName.startsWith("javax.");
    }

    /** A field named by a simple name. */
    public Optional<VariableElement> field(String name) {
        for (TypeElement type : enclosingTypes) {
            Optional<VariableElement> field = fieldOf(type, name);
            if (field.isPresent()) {
                return field;
            }
        }
        Optional<VariableElement> single = importedField(name, name);
        return single.isPresent() ? single : importedField(name, "*");
    }

    /** A field named {@code name} of the types of the static imports that end in {@code imported}. */
    private Optional<VariableElement> importedField(String name, String imported) {
        for (ImportTree imp : staticImports()) {
            MemberSelectTree select = (MemberSelectTree) imp.getQualifiedIdentifier();
            if (select.getIdentifier().contentEquals(imported)) {
                Optional<VariableElement> field = typeNamed(select.getExpression().toString()).flatMap(t -> fieldOf(t, name));
                if (field.isPresent()) {
                    return field;
                }
            }
        }
        return Optional.empty();
    }

    /** The methods an unqualified call {@code name(...)} can mean: all of one scope's methods of that name. */
    public List<ExecutableElement> methods(String name) {
        for (TypeElement type : enclosingTypes) {
            List<ExecutableElement> found = methodsOf(type, name);
            if (!found.isEmpty()) {
                return found;
            }
        }
        List<ExecutableElement> imported = new ArrayList<>();
        for (ImportTree imp : staticImports()) {
            MemberSelectTree select = (MemberSelectTree) imp.getQualifiedIdentifier();
            if (select.getIdentifier().contentEquals(name)) {
                typeNamed(select.getExpression().toString()).ifPresent(t -> imported.addAll(methodsOf(t, name)));
            }
        }
        if (!imported.isEmpty()) {
            return imported;
        }
        for (ImportTree imp : staticImports()) {
            MemberSelectTree select = (MemberSelectTree) imp.getQualifiedIdentifier();
            if (select.getIdentifier().contentEquals("*")) {
                typeNamed(select.getExpression().toString()).ifPresent(t -> imported.addAll(methodsOf(t, name)));
            }
        }
        return imported;
    }

    /** The methods named {@code name} of {@code type}, inherited ones included. */
    public List<ExecutableElement> methodsOf(TypeElement type, String name) {
        return ElementFilter.methodsIn(members.named(type, name));
    }

    public Optional<VariableElement> fieldOf(TypeElement type, String name) {
        return ElementFilter.fieldsIn(members.named(type, name)).stream().findFirst();
    }

    /** The type a qualifier such as {@code Math} or {@code java.lang.StrictMath} names, if it names one. */
    public Optional<TypeElement> type(ExpressionTree tree) {
        if (tree.getKind() == Tree.Kind.IDENTIFIER) {
            return simpleType(((IdentifierTree) tree).getName().toString());
        }
        if (tree.getKind() == Tree.Kind.MEMBER_SELECT) {
            MemberSelectTree select = (MemberSelectTree) tree;
            Optional<TypeElement> outer = type(select.getExpression());
            if (outer.isPresent()) {
                return memberType(outer.get(), select.getIdentifier().toString());
            }
            return Optional.ofNullable(elements.getTypeElement(tree.toString()));
        }
        return Optional.empty();
    }

    private Optional<TypeElement> simpleType(String name) {
        for (TypeElement type : enclosingTypes) {
            if (type.getSimpleName().contentEquals(name)) {
                return Optional.of(type);
            }
            Optional<TypeElement> member = memberType(type, name);
            if (member.isPresent()) {
                return member;
            }
        }
        for (ImportTree imp : unit.getImports()) {
            if (!imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
                    && select.getIdentifier().contentEquals(name)) {
                Optional<TypeElement> imported = typeNamed(select.toString());
                if (imported.isPresent()) {
                    return imported;
                }
            }
        }
        String packagePrefix = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
        Optional<TypeElement> samePackage = typeNamed(packagePrefix + name);
        if (samePackage.isPresent()) {
            return samePackage;
        }
        for (ImportTree imp : unit.getImports()) {
            if (!imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
                    && select.getIdentifier().contentEquals("*")) {
                Optional<TypeElement> imported = typeNamed(select.getExpression() + "." + name);
                if (imported.isPresent()) {
                    return imported;
                }
            }
        }
        return typeNamed("java.lang." + name);
    }

    private Optional<TypeElement> memberType(TypeElement type, String name) {
        return ElementFilter.typesIn(members.named(type, name)).stream().findFirst();
    }

    private Optional<TypeElement> typeNamed(String canonicalName) {
        return Optional.ofNullable(elements.getTypeElement(canonicalName));
    }

    private List<ImportTree> staticImports() {
        List<ImportTree> result = new ArrayList<>();
        for (ImportTree imp : unit.getImports()) {
            if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree) {
                result.add(imp);
            }
        }
        return result;
    }

    /** The IR name of a class: its package and its nesting. */
    public static TypeRef typeRef(TypeElement type) {
        List<String> names = new ArrayList<>();
        Element e = type;
        while (e instanceof TypeElement t) {
            names.add(0, t.getSimpleName().toString());
            e = e.getEnclosingElement();
        }
        String packageName = e instanceof PackageElement p ? p.getQualifiedName().toString() : "";
        return new TypeRef(packageName, names);
    }
}
