package io.github.sourcegrad.processor.fuzz;

import io.github.sourcegrad.processor.fuzz.Ast.Assign;
import io.github.sourcegrad.processor.fuzz.Ast.Block;
import io.github.sourcegrad.processor.fuzz.Ast.Call;
import io.github.sourcegrad.processor.fuzz.Ast.ClassDef;
import io.github.sourcegrad.processor.fuzz.Ast.Constant;
import io.github.sourcegrad.processor.fuzz.Ast.Decl;
import io.github.sourcegrad.processor.fuzz.Ast.DoWhile;
import io.github.sourcegrad.processor.fuzz.Ast.Expr;
import io.github.sourcegrad.processor.fuzz.Ast.ExprStmt;
import io.github.sourcegrad.processor.fuzz.Ast.Field;
import io.github.sourcegrad.processor.fuzz.Ast.FieldKind;
import io.github.sourcegrad.processor.fuzz.Ast.For;
import io.github.sourcegrad.processor.fuzz.Ast.If;
import io.github.sourcegrad.processor.fuzz.Ast.IncDec;
import io.github.sourcegrad.processor.fuzz.Ast.JType;
import io.github.sourcegrad.processor.fuzz.Ast.Lit;
import io.github.sourcegrad.processor.fuzz.Ast.MathStyle;
import io.github.sourcegrad.processor.fuzz.Ast.Method;
import io.github.sourcegrad.processor.fuzz.Ast.Param;
import io.github.sourcegrad.processor.fuzz.Ast.Program;
import io.github.sourcegrad.processor.fuzz.Ast.Return;
import io.github.sourcegrad.processor.fuzz.Ast.Stmt;
import io.github.sourcegrad.processor.fuzz.Ast.Store;
import io.github.sourcegrad.processor.fuzz.Ast.Var;
import io.github.sourcegrad.processor.fuzz.Ast.Visibility;
import io.github.sourcegrad.processor.fuzz.Ast.While;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Greedy shrinking of a failing program: deletes classes, methods, constants, statements and
 * parameters, inlines blocks, replaces an if by one of its branches and a loop by its body (one pass),
 * drops else branches, and replaces subexpressions by one of their operands, a literal or a parameter
 * (conditions by {@code true} or {@code false}), keeping a change whenever the smaller program still
 * fails the same way. Candidates need not be valid Java, nor terminate; the predicate (which compiles
 * them and interprets them before running them) rejects those.
 */
public final class Shrinker {

    private final Predicate<Program> stillFails;
    private final String classId;
    private final String methodName;
    private final long deadline;
    private final int maxAttempts;
    private int attempts;

    private Shrinker(Predicate<Program> stillFails, String classId, String methodName, long deadline, int maxAttempts) {
        this.stillFails = stillFails;
        this.classId = classId;
        this.methodName = methodName;
        this.deadline = deadline;
        this.maxAttempts = maxAttempts;
    }

    /** The result of shrinking: the smallest failing program found and how many candidates were tried. */
    public record Result(Program program, int attempts, int accepted) {
    }

    /**
     * Shrinks {@code program}, whose method {@code classId.methodName} fails (the method is kept; for a
     * compile failure pass a null method name), within {@code maxAttempts} candidates and {@code millis}.
     */
    public static Result shrink(Program program, String classId, String methodName, Predicate<Program> stillFails,
                                int maxAttempts, long millis) {
        Shrinker s = new Shrinker(stillFails, classId, methodName, System.nanoTime() + millis * 1_000_000, maxAttempts);
        return s.run(program);
    }

    private Result run(Program program) {
        Program current = program;
        int accepted = 0;
        boolean progress = true;
        while (progress && budgetLeft()) {
            progress = false;
            for (Program candidate : candidates(current)) {
                if (!budgetLeft()) {
                    break;
                }
                if (size(candidate) >= size(current)) {
                    continue;
                }
                attempts++;
                if (stillFails.test(candidate)) {
                    current = candidate;
                    accepted++;
                    progress = true;
                    break;
                }
            }
        }
        return new Result(current, attempts, accepted);
    }

    private boolean budgetLeft() {
        return attempts < maxAttempts && System.nanoTime() < deadline;
    }

    // ------------------------------------------------------------------ candidates, biggest cuts first

    private List<Program> candidates(Program p) {
        List<Program> out = new ArrayList<>();
        if (p.q() != null && classId.equals("P")) {
            out.add(p.withoutQ());
        }
        // whole methods that nothing left calls
        for (ClassDef c : p.classes()) {
            for (Method m : c.methods()) {
                if (isTarget(c, m) || calledBy(p, c.id(), m.name())) {
                    continue;
                }
                List<Method> rest = new ArrayList<>(c.methods());
                rest.remove(m);
                if (rest.isEmpty()) {
                    if (c.id().equals("Q")) {
                        out.add(p.withoutQ());
                    }
                    continue;
                }
                out.add(p.withClass(c.withMethods(rest)));
            }
        }
        // constants nobody reads
        for (Constant k : p.p().constants()) {
            if (!constantUsed(p, k.name())) {
                List<Constant> rest = new ArrayList<>(p.p().constants());
                rest.remove(k);
                out.add(p.withClass(p.p().withConstants(rest)));
            }
        }
        for (ClassDef c : p.classes()) {
            for (int mi = 0; mi < c.methods().size(); mi++) {
                Method m = c.methods().get(mi);
                for (Method smaller : methodCandidates(p, c, m)) {
                    List<Method> methods = new ArrayList<>(c.methods());
                    methods.set(mi, smaller);
                    out.add(p.withClass(c.withMethods(methods)));
                }
                for (Program changed : parameterCandidates(p, c, m)) {
                    out.add(changed);
                }
            }
        }
        // presentation
        for (ClassDef c : p.classes()) {
            if (c.mathStyle() != MathStyle.QUALIFIED) {
                out.add(p.withClass(c.withMathStyle(MathStyle.QUALIFIED)));
            }
        }
        return out;
    }

    private boolean isTarget(ClassDef c, Method m) {
        return c.id().equals(classId) && m.name().equals(methodName);
    }

    private List<Method> methodCandidates(Program p, ClassDef c, Method m) {
        List<Method> out = new ArrayList<>();
        int statements = countStatements(m.body());
        // delete statements
        for (int k = 0; k < statements; k++) {
            Stmt s = statementAt(m.body(), k);
            if (s instanceof Decl d && mentioned(m, d.name(), s)) {
                continue;
            }
            out.add(m.withBody(deleteStatement(m.body(), k), m.result()));
        }
        // inline blocks, replace an if by a branch and a loop by its body
        for (int k = 0; k < statements; k++) {
            Stmt s = statementAt(m.body(), k);
            if (s instanceof Block || s instanceof If || s instanceof For || s instanceof While || s instanceof DoWhile
                    || s instanceof Ast.ForEach) {
                out.add(m.withBody(editStatements(m.body(), k, new int[] {0}, Edit.FIRST), m.result()));
            }
            if (s instanceof If i && i.otherwise() != null) {
                out.add(m.withBody(editStatements(m.body(), k, new int[] {0}, Edit.SECOND), m.result()));
            }
        }
        // smaller expressions
        int exprs = countExpressions(m);
        for (int k = 0; k < exprs; k++) {
            Expr e = expressionAt(m, k);
            for (Expr replacement : replacements(m, e)) {
                out.add(replaceExpression(m, k, replacement));
            }
        }
        // fewer differentiated parameters
        List<Param> diff = m.differentiated();
        if (diff.size() > 1) {
            for (Param d : diff) {
                out.add(m.withParams(m.params(), List.of(d.name())));
            }
        }
        if (m.visibility() != Visibility.PACKAGE && !(p.q() != null && p.q().placement() == Ast.Placement.OTHER_PACKAGE)) {
            out.add(m.withVisibility(Visibility.PACKAGE));
        }
        return out;
    }

    private List<Expr> replacements(Method m, Expr e) {
        List<Expr> out = new ArrayList<>();
        JType t = e.type();
        for (Expr child : e.children()) {
            if (child.type() == t) {
                out.add(child);
            }
        }
        if (!(e instanceof Lit) && !(e instanceof Var)) {
            switch (t) {
                case DOUBLE -> {
                    out.add(new Lit("0.5", JType.DOUBLE, 0.5));
                    out.add(new Lit("2.0", JType.DOUBLE, 2.0));
                }
                case INT -> {
                    out.add(new Lit("0", JType.INT, 0));
                    out.add(new Lit("2", JType.INT, 2));
                }
                case LONG -> out.add(new Lit("2L", JType.LONG, 2));
                case BOOLEAN -> {
                    out.add(new Lit("true", JType.BOOLEAN, 0));
                    out.add(new Lit("false", JType.BOOLEAN, 0));
                }
                default -> { }
            }
            for (Param p : m.params()) {
                if (p.type() == t) {
                    out.add(new Var(p.name(), t));
                    break;
                }
            }
        }
        return out;
    }

    private List<Program> parameterCandidates(Program p, ClassDef c, Method m) {
        List<Program> out = new ArrayList<>();
        for (int i = 0; i < m.params().size(); i++) {
            Param param = m.params().get(i);
            if (mentioned(m, param.name(), null)) {
                continue;
            }
            List<Param> params = new ArrayList<>(m.params());
            params.remove(i);
            if (params.stream().noneMatch(x -> x.type().isReal())) {
                continue;
            }
            List<String> wrt = m.wrt() == null ? null : new ArrayList<>(m.wrt());
            if (wrt != null) {
                wrt.remove(param.name());
                if (wrt.isEmpty()) {
                    continue;
                }
            }
            Method smaller = m.withParams(params, wrt);
            List<Method> methods = new ArrayList<>(c.methods());
            methods.set(methods.indexOf(m), smaller);
            Program changed = p.withClass(c.withMethods(methods));
            out.add(dropArgument(changed, c.id(), m.name(), i));
        }
        return out;
    }

    // ------------------------------------------------------------------ size

    /** A size that strictly decreases with every accepted change. */
    static int size(Program p) {
        int n = 0;
        for (ClassDef c : p.classes()) {
            n += 10 + c.constants().size() * 2 + (c.mathStyle() == MathStyle.QUALIFIED ? 0 : 1);
            for (Method m : c.methods()) {
                n += 5 + m.params().size() * 2 + m.differentiated().size() + (m.visibility() == Visibility.PACKAGE ? 0 : 1);
                n += countStatements(m.body()) * 2 + countExpressions(m);
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ statements (pre-order numbering)
    // Numbered: every statement of a statement list (a method body, a block, a branch, a loop body), and an
    // else-if (the If in another If's else). The blocks that are branches and loop bodies are not numbered
    // themselves: their statements are.

    static int countStatements(List<Stmt> body) {
        int n = 0;
        for (Stmt s : body) {
            n += 1 + countInside(s);
        }
        return n;
    }

    private static int countInside(Stmt s) {
        if (s instanceof Block b) {
            return countStatements(b.body());
        } else if (s instanceof If i) {
            int n = countStatements(i.then().body());
            if (i.otherwise() instanceof Block b) {
                n += countStatements(b.body());
            } else if (i.otherwise() instanceof If elseIf) {
                n += 1 + countInside(elseIf);
            }
            return n;
        } else if (s instanceof For f) {
            return countStatements(f.body().body());
        } else if (s instanceof While w) {
            return countStatements(w.body().body());
        } else if (s instanceof DoWhile d) {
            return countStatements(d.body().body());
        } else if (s instanceof Ast.ForEach fe) {
            return countStatements(fe.body().body());
        }
        return 0;
    }

    /** The statement lists directly inside a statement, in source order. */
    private static List<List<Stmt>> lists(Stmt s) {
        if (s instanceof Block b) {
            return List.of(b.body());
        } else if (s instanceof For f) {
            return List.of(f.body().body());
        } else if (s instanceof While w) {
            return List.of(w.body().body());
        } else if (s instanceof DoWhile d) {
            return List.of(d.body().body());
        } else if (s instanceof Ast.ForEach fe) {
            return List.of(fe.body().body());
        }
        return List.of();
    }

    private static Stmt statementAt(List<Stmt> body, int k) {
        int[] counter = {0};
        return find(body, k, counter);
    }

    private static Stmt find(List<Stmt> body, int k, int[] counter) {
        for (Stmt s : body) {
            if (counter[0]++ == k) {
                return s;
            }
            Stmt found = findInside(s, k, counter);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Stmt findInside(Stmt s, int k, int[] counter) {
        if (s instanceof If i) {
            Stmt found = find(i.then().body(), k, counter);
            if (found != null) {
                return found;
            }
            if (i.otherwise() instanceof Block b) {
                return find(b.body(), k, counter);
            } else if (i.otherwise() instanceof If elseIf) {
                if (counter[0]++ == k) {
                    return elseIf;
                }
                return findInside(elseIf, k, counter);
            }
            return null;
        }
        for (List<Stmt> list : lists(s)) {
            Stmt found = find(list, k, counter);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<Stmt> deleteStatement(List<Stmt> body, int k) {
        return editStatements(body, k, new int[] {0}, Edit.DELETE);
    }

    /**
     * DELETE: remove the statement (an else-if: drop it and what follows). FIRST: a block by its
     * statements, an if by its then branch, a loop by its body (a for loop's counter declaration first).
     * SECOND: an if by its else branch (an else-if chain: by the rest of the chain).
     */
    private enum Edit { DELETE, FIRST, SECOND }

    private static List<Stmt> editStatements(List<Stmt> body, int k, int[] counter, Edit edit) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (counter[0]++ == k) {
                counter[0] += countInside(s);
                switch (edit) {
                    case DELETE -> { }
                    case FIRST -> out.addAll(first(s));
                    case SECOND -> {
                        if (s instanceof If i && i.otherwise() instanceof Block b) {
                            out.addAll(b.body());
                        } else if (s instanceof If i && i.otherwise() instanceof If elseIf) {
                            out.add(elseIf);
                        }
                    }
                }
                continue;
            }
            out.add(editInside(s, k, counter, edit));
        }
        return out;
    }

    private static List<Stmt> first(Stmt s) {
        if (s instanceof Block b) {
            return b.body();
        } else if (s instanceof If i) {
            return i.then().body();
        } else if (s instanceof For f) {
            List<Stmt> out = new ArrayList<>();
            out.add(f.init());
            out.addAll(f.body().body());
            return out;
        } else if (s instanceof While w) {
            return w.body().body();
        } else if (s instanceof DoWhile d) {
            return d.body().body();
        } else if (s instanceof Ast.ForEach fe) {
            // one iteration, on the first element
            List<Stmt> out = new ArrayList<>();
            out.add(new Decl(Ast.DeclStyle.TYPED, fe.type(), fe.var(), new Ast.Index(fe.array(), new Lit("0", JType.INT, 0)), false));
            out.addAll(fe.body().body());
            return out;
        }
        return List.of();
    }

    private static Stmt editInside(Stmt s, int k, int[] counter, Edit edit) {
        if (s instanceof Block b) {
            return new Block(editStatements(b.body(), k, counter, edit));
        } else if (s instanceof If i) {
            return editIf(i, k, counter, edit);
        } else if (s instanceof For f) {
            return new For(f.label(), f.init(), f.cond(), f.update(), new Block(editStatements(f.body().body(), k, counter, edit)));
        } else if (s instanceof While w) {
            return new While(w.label(), w.cond(), new Block(editStatements(w.body().body(), k, counter, edit)));
        } else if (s instanceof DoWhile d) {
            return new DoWhile(d.label(), new Block(editStatements(d.body().body(), k, counter, edit)), d.cond());
        } else if (s instanceof Ast.ForEach fe) {
            return new Ast.ForEach(fe.label(), fe.style(), fe.type(), fe.var(), fe.array(),
                    new Block(editStatements(fe.body().body(), k, counter, edit)));
        }
        return s;
    }

    private static If editIf(If i, int k, int[] counter, Edit edit) {
        Block then = new Block(editStatements(i.then().body(), k, counter, edit));
        Stmt otherwise = i.otherwise();
        if (otherwise instanceof Block b) {
            otherwise = new Block(editStatements(b.body(), k, counter, edit));
        } else if (otherwise instanceof If elseIf) {
            if (counter[0]++ == k) {
                counter[0] += countInside(elseIf);
                otherwise = switch (edit) {
                    case DELETE -> null;
                    case FIRST -> elseIf.then();
                    case SECOND -> elseIf.otherwise();
                };
            } else {
                otherwise = editIf(elseIf, k, counter, edit);
            }
        }
        return new If(i.cond(), then, otherwise, i.braces());
    }

    // ------------------------------------------------------------------ expressions (pre-order numbering)

    static int countExpressions(Method m) {
        List<Expr> all = new ArrayList<>();
        forEachRoot(m, root -> collect(root, all));
        return all.size();
    }

    private static Expr expressionAt(Method m, int k) {
        List<Expr> all = new ArrayList<>();
        forEachRoot(m, root -> collect(root, all));
        return all.get(k);
    }

    private static void collect(Expr e, List<Expr> out) {
        out.add(e);
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }

    private static void forEachRoot(Method m, java.util.function.Consumer<Expr> f) {
        forEachRoot(m.body(), f);
        f.accept(m.result());
    }

    private static void forEachRoot(List<Stmt> body, java.util.function.Consumer<Expr> f) {
        for (Stmt s : body) {
            forEachRoot(s, f);
        }
    }

    /** The expressions of a statement, then those of the statements inside it (the order {@link #replaceIn} numbers them). */
    private static void forEachRoot(Stmt s, java.util.function.Consumer<Expr> f) {
        Ast.expressions(s).forEach(f);
        if (s instanceof If i) {
            forEachRoot(i.then().body(), f);
            if (i.otherwise() != null) {
                forEachRoot(i.otherwise(), f);
            }
        } else {
            for (List<Stmt> list : lists(s)) {
                forEachRoot(list, f);
            }
        }
    }

    private static Method replaceExpression(Method m, int k, Expr replacement) {
        int[] counter = {0};
        List<Stmt> body = replaceIn(m.body(), k, replacement, counter);
        Expr result = replace(m.result(), k, replacement, counter);
        return m.withBody(body, result);
    }

    private static List<Stmt> replaceIn(List<Stmt> body, int k, Expr replacement, int[] counter) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(replaceIn(s, k, replacement, counter));
        }
        return out;
    }

    private static Stmt replaceIn(Stmt s, int k, Expr replacement, int[] counter) {
        if (s instanceof Decl d) {
            return d.init() == null ? d : new Decl(d.style(), d.type(), d.name(), replace(d.init(), k, replacement, counter), d.joined());
        } else if (s instanceof Assign a) {
            return new Assign(a.name(), a.op(), replace(a.value(), k, replacement, counter));
        } else if (s instanceof ExprStmt e) {
            return new ExprStmt(replace(e.call(), k, replacement, counter));
        } else if (s instanceof Return r) {
            return new Return(replace(r.value(), k, replacement, counter));
        } else if (s instanceof Store st) {
            List<Expr> indices = new ArrayList<>();
            for (Expr i : st.indices()) {
                indices.add(replace(i, k, replacement, counter));
            }
            return new Store(st.array(), indices, st.op(), replace(st.value(), k, replacement, counter));
        } else if (s instanceof Block b) {
            return new Block(replaceIn(b.body(), k, replacement, counter));
        } else if (s instanceof If i) {
            Expr cond = replace(i.cond(), k, replacement, counter);
            Block then = new Block(replaceIn(i.then().body(), k, replacement, counter));
            Stmt otherwise = i.otherwise() == null ? null : replaceIn(i.otherwise(), k, replacement, counter);
            return new If(cond, then, otherwise, i.braces());
        } else if (s instanceof For f) {
            Decl init = (Decl) replaceIn(f.init(), k, replacement, counter);
            Expr cond = replace(f.cond(), k, replacement, counter);
            Stmt update = replaceIn(f.update(), k, replacement, counter);
            return new For(f.label(), init, cond, update, new Block(replaceIn(f.body().body(), k, replacement, counter)));
        } else if (s instanceof While w) {
            Expr cond = replace(w.cond(), k, replacement, counter);
            return new While(w.label(), cond, new Block(replaceIn(w.body().body(), k, replacement, counter)));
        } else if (s instanceof DoWhile d) {
            Expr cond = replace(d.cond(), k, replacement, counter);
            return new DoWhile(d.label(), new Block(replaceIn(d.body().body(), k, replacement, counter)), cond);
        } else if (s instanceof Ast.ForEach fe) {
            Expr array = replace(fe.array(), k, replacement, counter);
            return new Ast.ForEach(fe.label(), fe.style(), fe.type(), fe.var(), array,
                    new Block(replaceIn(fe.body().body(), k, replacement, counter)));
        }
        return s;
    }

    private static Expr replace(Expr e, int k, Expr replacement, int[] counter) {
        if (counter[0]++ == k) {
            // skip the numbers of the replaced subtree
            List<Expr> sub = new ArrayList<>();
            collect(e, sub);
            counter[0] += sub.size() - 1;
            return replacement;
        }
        if (e.children().isEmpty()) {
            return e;
        }
        List<Expr> children = new ArrayList<>();
        for (Expr c : e.children()) {
            children.add(replace(c, k, replacement, counter));
        }
        return e.withChildren(children);
    }

    // ------------------------------------------------------------------ uses

    /** Whether {@code name} is read or assigned anywhere in {@code m} other than by statement {@code except}. */
    private static boolean mentioned(Method m, String name, Stmt except) {
        Set<String> names = new HashSet<>();
        namesIn(m.body(), except, names);
        collectNames(m.result(), names);
        return names.contains(name);
    }

    private static void namesIn(List<Stmt> body, Stmt except, Set<String> names) {
        for (Stmt s : body) {
            namesIn(s, except, names);
        }
    }

    private static void namesIn(Stmt s, Stmt except, Set<String> names) {
        if (s == except) {
            return;
        }
        if (s instanceof Assign a) {
            names.add(a.name());
        } else if (s instanceof IncDec i) {
            names.add(i.name());
        } else if (s instanceof Store st) {
            names.add(st.array());
        }
        for (Expr e : Ast.expressions(s)) {
            collectNames(e, names);
        }
        if (s instanceof For f) {
            namesIn(f.update(), except, names);
        }
        if (s instanceof If i) {
            namesIn(i.then().body(), except, names);
            if (i.otherwise() != null) {
                namesIn(i.otherwise(), except, names);
            }
        } else {
            for (List<Stmt> list : lists(s)) {
                namesIn(list, except, names);
            }
        }
    }

    private static void collectNames(Expr e, Set<String> names) {
        if (e instanceof Var v) {
            names.add(v.name());
        } else if (e instanceof Ast.AssignExpr a) {
            names.add(a.name());
        } else if (e instanceof Ast.IncDecExpr i) {
            names.add(i.name());
        } else if (e instanceof Ast.StoreExpr st) {
            names.add(st.array());
        } else if (e instanceof Ast.SwitchExpr sw) {
            sw.cases().forEach(c -> namesIn(c.body().body(), null, names));
        }
        for (Expr c : e.children()) {
            collectNames(c, names);
        }
    }

    private static boolean calledBy(Program p, String owner, String method) {
        for (ClassDef c : p.classes()) {
            for (Method m : c.methods()) {
                Set<String> calls = new LinkedHashSet<>();
                forEachRoot(m, root -> collectCalls(root, calls));
                if (calls.contains(owner + "." + method)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collectCalls(Expr e, Set<String> out) {
        if (e instanceof Call c) {
            out.add(c.owner() + "." + c.method());
        }
        for (Expr child : e.children()) {
            collectCalls(child, out);
        }
    }

    private static boolean constantUsed(Program p, String name) {
        for (ClassDef c : p.classes()) {
            for (Method m : c.methods()) {
                boolean[] used = {false};
                forEachRoot(m, root -> used[0] |= usesField(root, name));
                if (used[0]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean usesField(Expr e, String name) {
        if (e instanceof Field f && f.kind() == FieldKind.CONSTANT && f.name().equals(name)) {
            return true;
        }
        for (Expr c : e.children()) {
            if (usesField(c, name)) {
                return true;
            }
        }
        return false;
    }

    /** Removes argument {@code index} from every call of {@code owner.method}. */
    private static Program dropArgument(Program p, String owner, String method, int index) {
        Program out = p;
        for (ClassDef c : p.classes()) {
            List<Method> methods = new ArrayList<>();
            for (Method m : c.methods()) {
                int n = countExpressions(m);
                Method current = m;
                // rewrite bottom-up by re-scanning: calls are few, programs small
                for (int k = n - 1; k >= 0; k--) {
                    Expr e = expressionAt(current, k);
                    if (e instanceof Call call && call.owner().equals(owner) && call.method().equals(method)
                            && call.args().size() > index) {
                        List<Expr> args = new ArrayList<>(call.args());
                        args.remove(index);
                        current = replaceExpression(current, k, new Call(call.owner(), call.method(), args, call.qualified(), call.type()));
                    }
                }
                methods.add(current);
            }
            out = out.withClass(out.classDef(c.id()).withMethods(methods));
        }
        return out;
    }
}
