package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.Callee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Literal;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forward mode written into the IR: from {@code f(x)} the function {@code g(x, tx) = f'(x) tx}, the directional
 * derivative, as ordinary instructions ({@code tc = b * ta + a * tb} after {@code c = a * b}), with a tangent array
 * beside each array that carries a derivative and the same branches and loops. Its tangents come from the same
 * {@link Rules} as {@link ForwardMode}'s.
 *
 * <p>Being an ordinary function, {@code g} can itself be differentiated in reverse mode with respect to {@code x},
 * with the tangents {@code tx} held constant: that gradient is the Hessian times {@code tx}, exact through branches
 * and loops as every gradient is (reverse over forward; it equals forward over reverse, {@code H} being symmetric
 * wherever the second derivatives are continuous).
 */
public final class TangentFunction {

    private TangentFunction() {}

    /**
     * Why {@code g} cannot be written for {@code flat} (with its calls written inline) yet, or empty when it can.
     */
    public static Optional<String> unsupported(Function flat) {
        String so = "hessian = true ";
        if (flat.result() == null || flat.result().type().isArray()) {
            return Optional.of(so + "needs a method that returns a double; " + flat.name() + " returns an array");
        }
        Set<Value> varied = ForwardMode.varied(flat, flat.differentiated());
        for (Instruction i : flat.instructions()) {
            if (i instanceof Instruction.Call call) {
                return Optional.of(so + "cannot follow the call of " + call.callee().name() + " yet: only calls of "
                        + "@Differentiable methods of the same compilation that are written inline are supported");
            }
            if (i instanceof Instruction.ArrayCall a && i.operands().stream().anyMatch(varied::contains)) {
                return Optional.of(so + "does not support ArrayMath." + a.function().javaName() + " on values that depend on "
                        + "the differentiated parameters yet; write the loop out");
            }
        }
        for (Value p : flat.parameters()) {
            if (p.type().isRealArray() && varied.contains(p) && !flat.differentiated().contains(p)) {
                return Optional.of(so + "cannot follow values of the differentiated parameters written into the "
                        + "parameter " + p.hint() + ", which is not differentiated");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code g}: {@code flat}'s parameters, then one tangent per differentiated parameter ({@code tx} for {@code x},
     * of its type), returning the tangent of {@code flat}'s result. {@code g} is differentiated with respect to
     * {@code flat}'s differentiated parameters.
     */
    public static Function of(Function flat, String name) {
        return new Builder(flat).build(name);
    }

    private static final class Builder {
        private final Function flat;
        private final Set<Value> varied;
        private final Map<Value, Operand> tangents = new HashMap<>();
        private final Set<String> hints = new HashSet<>();
        private final Map<String, String> tangentHints = new HashMap<>();
        private int next;

        Builder(Function flat) {
            this.flat = flat;
            this.varied = ForwardMode.varied(flat, flat.differentiated());
            int max = 0;
            for (Value p : flat.parameters()) {
                max = Math.max(max, p.id());
                note(p);
            }
            List<Value> all = new ArrayList<>();
            Node.forEach(flat.body(), n -> {
                if (n instanceof Instruction i) {
                    all.add(i.out());
                    i.operands().stream().filter(Value.class::isInstance).map(Value.class::cast).forEach(all::add);
                } else if (n instanceof Node.Write w) {
                    all.add(w.variable());
                } else if (n instanceof Node.If f) {
                    all.addAll(f.variables());
                } else if (n instanceof Node.Loop l) {
                    l.carried().forEach(c -> {
                        all.add(c.variable());
                        all.add(c.entry());
                    });
                }
            });
            for (Value v : all) {
                max = Math.max(max, v.id());
                note(v);
            }
            next = max + 1;
        }

        private void note(Value v) {
            if (v.hint() != null) {
                hints.add(v.hint());
            }
        }

        Function build(String name) {
            List<Value> parameters = new ArrayList<>(flat.parameters());
            List<Type> types = new ArrayList<>(flat.signature().parameterTypes());
            List<String> typeNames = new ArrayList<>(flat.signature().parameterNames());
            for (Value p : flat.differentiated()) {
                Value t = tangentOf(p);
                parameters.add(t);
                types.add(t.type());
                typeNames.add(t.type().keyword());
            }
            List<Node> body = nodes(flat.body());
            Operand result = tangentOperand(flat.result());
            Callee signature = new Callee(flat.signature().owner(), name, types, typeNames);
            return new Function(signature, parameters, flat.differentiated(), body, result, flat.dataTypes());
        }

        /** {@code t} and the user's name, kept apart from every name of the method: {@code tx}, {@code tW}. */
        private String tangentHint(String hint) {
            if (hint == null) {
                return null;
            }
            return tangentHints.computeIfAbsent(hint, h -> {
                String name = "t" + h;
                while (hints.contains(name)) {
                    name = name + "_";
                }
                hints.add(name);
                return name;
            });
        }

        private Value fresh(String hint, Type type) {
            return new Value(next++, hint, type);
        }

        /** The tangent of a varied value: created where first needed (a variable's or loop entry's may be read first). */
        private Value tangentOf(Value v) {
            Operand t = tangents.get(v);
            if (t instanceof Value value) {
                return value;
            }
            if (t != null) {
                throw new IllegalStateException("the tangent of " + v + " is not a value: " + t);
            }
            Value created = fresh(tangentHint(v.hint()), v.type());
            tangents.put(v, created);
            return created;
        }

        /** What a tangent reads for {@code o}: its tangent, or 0 for what does not depend on the parameters. */
        private Operand tangentOperand(Operand o) {
            if (o instanceof Value v && varied.contains(v)) {
                Operand t = tangents.get(v);
                return t != null ? t : tangentOf(v);
            }
            if (o.type().isArray()) {
                throw new IllegalStateException("an array without a tangent is read as one: " + o);
            }
            return zero();
        }

        private static Literal zero() {
            return new Literal("0", 0, Type.DOUBLE);
        }

        private List<Node> nodes(List<Node> nodes) {
            List<Node> out = new ArrayList<>();
            for (Node n : nodes) {
                node(n, out);
            }
            return out;
        }

        private void node(Node n, List<Node> out) {
            if (n instanceof Instruction i) {
                out.add(i);
                if (i instanceof Instruction.Store store) {
                    store(store, out);
                } else if (varied.contains(i.out())) {
                    instruction(i, out);
                }
            } else if (n instanceof Node.Write w) {
                out.add(w);
                if (varied.contains(w.variable())) {
                    out.add(new Node.Write(tangentOf(w.variable()), tangentOperand(w.value())));
                }
            } else if (n instanceof Node.If f) {
                List<Value> variables = new ArrayList<>(f.variables());
                f.variables().stream().filter(varied::contains).forEach(v -> variables.add(tangentOf(v)));
                out.add(new Node.If(f.condition(), nodes(f.then()), nodes(f.otherwise()), variables));
            } else if (n instanceof Node.Loop l) {
                List<Node.Loop.Carried> carried = new ArrayList<>(l.carried());
                for (Node.Loop.Carried c : l.carried()) {
                    if (varied.contains(c.variable())) {
                        carried.add(new Node.Loop.Carried(tangentOf(c.variable()), tangentOf(c.entry())));
                    }
                }
                // the condition and the update compute no derivative: they stay as they are
                out.add(new Node.Loop(l.id(), l.label(), l.kind(), nodes(l.init()), l.condition(), l.test(), nodes(l.body()),
                        l.update(), carried, l.counter()));
            } else {
                out.add(n);
            }
        }

        private void store(Instruction.Store store, List<Node> out) {
            if (!(store.array() instanceof Value array) || !varied.contains(array)) {
                return;
            }
            Operand value = tangentOperand(store.value());
            if (store.compound() != null && value instanceof Literal) {
                return; // adds 0 to the element's tangent
            }
            List<Operand> operands = new ArrayList<>();
            operands.add(tangentOf(array));
            operands.addAll(store.indices());
            operands.add(value);
            out.add(store.with(fresh(null, store.out().type()), operands));
        }

        private void instruction(Instruction i, List<Node> out) {
            Value v = i.out();
            if (i instanceof Instruction.Load load) {
                List<Operand> operands = new ArrayList<>();
                operands.add(tangentOperand(load.array()));
                operands.addAll(load.indices());
                out.add(load.with(tangentOf(v), operands));
            } else if (i instanceof Instruction.NewArray) {
                out.add(i.with(tangentOf(v), i.operands()));
            } else if (i instanceof Instruction.ArrayLiteral literal) {
                out.add(literal.with(tangentOf(v), literal.elements().stream().map(this::tangentOperand).toList()));
            } else if (v.type().isArray()) {
                // a copy of the reference: the tangent array is the same one
                Operand t = tangentOperand(i.operands().get(0));
                if (v.hint() != null) {
                    out.add(new Instruction.Copy(tangentOf(v), t));
                } else {
                    tangents.put(v, t);
                }
            } else {
                Expr e = ForwardMode.tangent(i, varied);
                if (v.hint() != null) {
                    lowerInto(e, tangentOf(v), out);
                } else {
                    tangents.put(v, lower(e, out));
                }
            }
        }

        /** {@code target = e}, with {@code e}'s last operation writing {@code target} itself. */
        private void lowerInto(Expr e, Value target, List<Node> out) {
            if (e instanceof Expr.Negate || e instanceof Expr.Binary || e instanceof Expr.Call) {
                operation(e, target, out);
            } else {
                out.add(new Instruction.Copy(target, lower(e, out)));
            }
        }

        /** The operand that holds {@code e}, after the instructions that compute it. */
        private Operand lower(Expr e, List<Node> out) {
            if (e instanceof Expr.Forward f) {
                return f.operand();
            }
            if (e instanceof Expr.Tangent t) {
                return tangentOperand(t.of());
            }
            if (e instanceof Expr.Num n) {
                return new Literal(n.text(), n.value(), Type.DOUBLE);
            }
            if (e instanceof Expr.Conditional c) {
                Value test = fresh(null, Type.BOOLEAN);
                out.add(new Instruction.Compare(test, comparison(c.cmp()), lower(c.left(), out), lower(c.right(), out)));
                Value chosen = fresh(null, Type.DOUBLE);
                List<Node> then = new ArrayList<>();
                then.add(new Node.Write(chosen, lower(c.then(), then)));
                List<Node> otherwise = new ArrayList<>();
                otherwise.add(new Node.Write(chosen, lower(c.otherwise(), otherwise)));
                out.add(new Node.If(test, then, otherwise, List.of(chosen)));
                return chosen;
            }
            Value temporary = fresh(null, Type.DOUBLE);
            operation(e, temporary, out);
            return temporary;
        }

        private void operation(Expr e, Value target, List<Node> out) {
            if (e instanceof Expr.Negate n) {
                out.add(new Instruction.Negate(target, lower(n.operand(), out)));
            } else if (e instanceof Expr.Binary b) {
                Operand left = lower(b.left(), out);
                Operand right = lower(b.right(), out);
                out.add(new Instruction.Binary(target, operator(b.op()), left, right));
            } else if (e instanceof Expr.Call c) {
                List<Operand> args = new ArrayList<>();
                for (Expr a : c.args()) {
                    args.add(lower(a, out));
                }
                out.add(new Instruction.MathCall(target, c.function(), false, args));
            } else {
                throw new IllegalStateException("no tangent instruction for " + e);
            }
        }

        private static Instruction.BinaryOperator operator(Expr.Operator op) {
            return switch (op) {
                case ADD -> Instruction.BinaryOperator.ADD;
                case SUBTRACT -> Instruction.BinaryOperator.SUBTRACT;
                case MULTIPLY -> Instruction.BinaryOperator.MULTIPLY;
                case DIVIDE -> Instruction.BinaryOperator.DIVIDE;
            };
        }

        private static Instruction.Comparison comparison(Expr.Comparison cmp) {
            return switch (cmp) {
                case GREATER -> Instruction.Comparison.GREATER;
                case LESS -> Instruction.Comparison.LESS;
                case EQUAL -> Instruction.Comparison.EQUAL;
            };
        }
    }
}
