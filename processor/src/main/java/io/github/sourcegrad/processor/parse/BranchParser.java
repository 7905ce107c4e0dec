package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The branches of a method body, for {@link MethodParser}: an if (and a lowered switch) becomes one {@link Node.If}
 * whose sides each parse into their own body and write the locals they change where they complete normally, so
 * the values merge after it. A branch that returns takes the statements after it as its own continuation, so
 * that every path ends in its own return and nothing needs to merge there.
 */
final class BranchParser {
    private final MethodParser parser;

    BranchParser(MethodParser parser) {
        this.parser = parser;
    }

    /** An if whose branches return: each branch continues with the statements after it, up to its own return. */
    void returningIf(IfTree branch, MethodParser.Continuation next) {
        Operand condition = parser.branchCondition(branch.getCondition());
        returningIfElse(condition, branch, () -> returningBranch(branch.getThenStatement(), next),
                () -> returningBranch(branch.getElseStatement(), next));
    }

    /** An if on {@code condition} whose sides both end in a return: they write the result, and nothing merges after it. */
    void returningIfElse(Operand condition, Tree site, MethodParser.Alternative thenSide, MethodParser.Alternative elseSide) {
        List<Map<String, MethodParser.Variable>> saved = parser.saveScopes();
        List<Node> outer = parser.body;
        List<Node> then = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        parser.body = then;
        if (thenSide.parse()) {
            throw new Unsupported(site, "a @Differentiable method must end with 'return <expression>;'");
        }
        parser.restoreScopes(saved);
        parser.body = otherwise;
        if (elseSide.parse()) {
            throw new Unsupported(site, "a @Differentiable method must end with 'return <expression>;'");
        }
        parser.restoreScopes(saved);
        parser.body = outer;
        parser.body.add(new Node.If(condition, then, otherwise, List.of(parser.resultVariable)));
    }

    boolean returningBranch(StatementTree statement, MethodParser.Continuation next) {
        parser.scopes.push(new HashMap<>());
        if (statement == null) {
            return parser.sequence(List.of(), 0, next);
        }
        if (statement instanceof BlockTree block) {
            return parser.sequence(block.getStatements(), 0, next);
        }
        return parser.sequence(List.of(statement), 0, next);
    }

    /**
     * An if that falls through: the locals its branches assign become variables, written where a branch ends,
     * and read after the if.
     */
    boolean ifStatement(IfTree branch) {
        Operand condition = parser.branchCondition(branch.getCondition());
        StatementTree thenStatement = branch.getThenStatement();
        StatementTree elseStatement = branch.getElseStatement();
        return ifElse(condition, MethodParser.assignedNames(thenStatement, elseStatement), branch,
                () -> parser.statement(thenStatement), () -> elseStatement == null || parser.statement(elseStatement));
    }

    /**
     * An if on {@code condition} whose sides may assign the locals {@code names} (a superset is fine): they become
     * variables, written where a side ends, and read after the if. True when a side completes normally.
     */
    boolean ifElse(Operand condition, Set<String> names, Tree site, MethodParser.Alternative thenSide, MethodParser.Alternative elseSide) {
        Map<String, Value> variables = new LinkedHashMap<>();
        Map<String, Operand> entry = new HashMap<>();
        Map<String, Node> entryWrites = new HashMap<>();
        for (String name : names) {
            MethodParser.Variable variable = parser.lookup(name);
            if (variable == null) {
                continue; // a local of a branch, or a field (reported where it is assigned)
            }
            Value m = parser.newValue(variable.name, variable.type);
            if (variable.current != null) {
                Node write = new Node.Write(m, variable.current);
                parser.emit(write);
                parser.sites.put(write, site);
                entryWrites.put(name, write);
            }
            variables.put(name, m);
            entry.put(name, variable.current);
        }
        List<Map<String, MethodParser.Variable>> saved = parser.saveScopes();
        List<Node> outer = parser.body;
        List<Node> then = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        Set<String> unassignedSomewhere = new HashSet<>();
        Set<String> keptSomewhere = new HashSet<>();

        parser.body = then;
        boolean thenNormal = branch(thenSide, variables, entry, unassignedSomewhere, keptSomewhere);
        parser.restoreScopes(saved);
        parser.body = otherwise;
        boolean elseNormal = branch(elseSide, variables, entry, unassignedSomewhere, keptSomewhere);
        parser.restoreScopes(saved);
        parser.body = outer;
        boolean anyNormal = thenNormal || elseNormal;
        // a variable that both sides write needs no value before the if (else if chains stay flat); a side that
        // jumps keeps it, as the reversed loop reads it on that path too
        entryWrites.forEach((name, write) -> {
            if (thenNormal && elseNormal && !keptSomewhere.contains(name)) {
                parser.body.remove(write);
                parser.sites.remove(write);
            }
        });
        parser.body.add(new Node.If(condition, then, otherwise, List.copyOf(variables.values())));
        variables.forEach((name, m) -> {
            boolean assigned = entry.get(name) != null || (anyNormal && !unassignedSomewhere.contains(name));
            parser.lookup(name).current = assigned ? m : null;
        });
        return anyNormal;
    }

    /** Parses one branch; where it completes normally, writes the variables it changed. */
    private boolean branch(MethodParser.Alternative side, Map<String, Value> variables, Map<String, Operand> entry,
            Set<String> unassignedSomewhere, Set<String> keptSomewhere) {
        int depth = parser.scopes.size();
        parser.scopes.push(new HashMap<>());
        boolean normal = side.parse();
        while (parser.scopes.size() > depth) {
            parser.scopes.pop();
        }
        if (normal) {
            variables.forEach((name, m) -> {
                Operand now = parser.lookup(name).current;
                if (now == null) {
                    unassignedSomewhere.add(name);
                } else if (!now.equals(entry.get(name))) {
                    parser.emit(new Node.Write(m, now));
                } else {
                    keptSomewhere.add(name);
                }
            });
        }
        return normal;
    }
}
