package io.github.sourcegrad.processor.ad;

import io.github.sourcegrad.processor.ir.ArrayFunction;
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
        if (flat.result() == null || flat.result().type().isArray()) {
            return Optional.of("hessian = true needs a method that returns a double; " + flat.name() + " returns an array");
        }
        return unsupported(flat, "hessian = true ", true);
    }

    /**
     * Why forward mode cannot be written for {@code f} through {@code g} yet, or empty. {@code inlined}: its calls
     * should have been written inline, so a call left is not supported; before inlining, calls are not checked.
     */
    public static Optional<String> unsupportedForJvp(Function f, boolean inlined) {
        return unsupported(f, "forward = true ", inlined);
    }

    /** True when forward mode of {@code f} has arrays to follow: it then goes through {@code g}. */
    public static boolean hasArrays(Function f) {
        return f.differentiated().stream().anyMatch(p -> p.type().isArray())
                || f.result() != null && f.result().type().isArray()
                || ForwardMode.varied(f, f.differentiated()).stream().anyMatch(v -> v.type().isArray());
    }

    private static Optional<String> unsupported(Function flat, String so, boolean inlined) {
        Set<Value> varied = varied(flat);
        for (Instruction i : flat.instructions()) {
            if (inlined && i instanceof Instruction.Call call) {
                return Optional.of(so + "cannot follow the call of " + call.callee().name() + " yet: only calls of "
                        + "@Differentiable methods of the same compilation that are written inline are supported");
            }

        }
        Set<Value> inConditions = new HashSet<>();
        Node.forEach(flat.body(), n -> {
            if (n instanceof Node.Loop l) {
                Node.instructions(l.condition()).forEach(i -> inConditions.add(i.out()));
            }
        });
        inConditions.retainAll(varied);
        if (!inConditions.isEmpty()) {
            for (Operand o : readsOutsideConditions(flat.body(), new ArrayList<>())) {
                if (o instanceof Value v && inConditions.contains(v)) {
                    return Optional.of(so + "cannot follow a value that a loop's condition computes and the loop or the code "
                            + "after it reads" + (v.isTemporary() ? "" : " (" + v.hint() + ")") + " yet; compute it before "
                            + "the loop and again at the end of its body");
                }
            }
        }
        for (Value p : flat.parameters()) {
            if (p.type().isRealArray() && varied.contains(p) && !flat.differentiated().contains(p)) {
                return Optional.of(so + "cannot follow the array parameter " + p.hint() + ", which is not differentiated, "
                        + "where it shares a variable with an array that carries derivatives; copy it first (ArrayMath.copy)");
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

    /**
     * The forward mode of {@code flat} along every differentiated parameter at once, all of them {@code double}:
     * {@code function} computes, beside each value, its derivative with respect to each parameter ({@code dys_dr},
     * {@code dys_dk} beside {@code ys}), without tangent parameters; {@code tangents} are the result's derivatives,
     * one per parameter. The columns of a Jacobian in one pass.
     */
    public record Columns(Function function, List<Operand> tangents) {}

    /** {@link Columns} of {@code flat}, whose differentiated parameters are all {@code double}; see {@link #unsupportedForJvp}. */
    public static Columns columns(Function flat, String name) {
        Function current = flat;
        List<Operand> tangents = new ArrayList<>();
        for (Value p : flat.differentiated()) {
            // the values that depend on p, in flat: the tangents of the directions before are constants for this one
            Builder builder = new Builder(current, ForwardMode.varied(flat, List.of(p)), h -> "d" + h + "_d" + p.hint());
            builder.tangents.put(p, new Literal("1", 1, Type.DOUBLE));
            List<Node> body = builder.nodes(current.body());
            tangents.add(builder.resultTangent(flat.result(), body));
            current = new Function(new Callee(flat.signature().owner(), name, flat.signature().parameterTypes(),
                    flat.signature().parameterNames()), flat.parameters(), flat.differentiated(), body, flat.result(), flat.dataTypes());
        }
        return new Columns(current, tangents);
    }

    /** Every operand read by {@code nodes} outside the loops' conditions (a loop's test included). */
    private static List<Operand> readsOutsideConditions(List<Node> nodes, List<Operand> out) {
        for (Node n : nodes) {
            if (n instanceof Node.If f) {
                out.add(f.condition());
                readsOutsideConditions(f.then(), out);
                readsOutsideConditions(f.otherwise(), out);
            } else if (n instanceof Node.Loop l) {
                readsOutsideConditions(l.init(), out);
                readsOutsideConditions(l.body(), out);
                readsOutsideConditions(l.update(), out);
                l.carried().forEach(c -> out.add(c.entry()));
            } else {
                out.addAll(Schedule.operandsOf(n));
            }
        }
        return out;
    }

    /**
     * The values that carry a tangent. Not an array result that depends on no differentiated parameter: its elements
     * would carry tangents of 0 through rules that are NaN at such points ({@code atan2(0, 0)}; fuzz seed 6061207,
     * program 462); its tangent is an array of zeros made at the end ({@link Builder#resultTangent}).
     */
    private static Set<Value> varied(Function flat) {
        return ForwardMode.varied(flat, flat.differentiated());
    }

    private static final class Builder {
        private final Function flat;
        private final Set<Value> varied;
        private final Map<Value, Operand> tangents = new HashMap<>();
        private final Set<String> hints = new HashSet<>();
        private final Map<String, String> tangentHints = new HashMap<>();
        private int next;
        /** The values a write puts into a variable. */
        private final Set<Value> written = new HashSet<>();

        /** {@code t} and the user's name, or, for one direction of several, {@code dys_dr}. */
        private final java.util.function.UnaryOperator<String> prefix;

        Builder(Function flat) {
            this(flat, varied(flat), h -> "t" + h);
        }

        /** Tangents for the values in {@code varied} of {@code flat}, named by {@code prefix}. */
        Builder(Function flat, Set<Value> varied, java.util.function.UnaryOperator<String> prefix) {
            this.flat = flat;
            this.varied = varied;
            this.prefix = prefix;
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
                    if (w.value() instanceof Value value) {
                        written.add(value);
                    }
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
            Operand result = resultTangent(flat.result(), body);
            Callee signature = new Callee(flat.signature().owner(), name, types, typeNames);
            return new Function(signature, parameters, flat.differentiated(), body, result, flat.dataTypes());
        }

        /** {@code t} and the user's name, kept apart from every name of the method: {@code tx}, {@code tW}. */
        private String tangentHint(String hint) {
            if (hint == null) {
                return null;
            }
            return tangentHints.computeIfAbsent(hint, h -> {
                String name = prefix.apply(h);
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

        /** A varied value's tangent in a rule: a number where it is one (a unit direction's 1), so that it folds. */
        private Expr tangentExpression(Value v) {
            return tangentOperand(v) instanceof Literal literal ? Expr.of(literal) : new Expr.Tangent(v);
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
                // the condition and the update compute no derivative (unsupported() refuses a condition whose varied
                // values are read elsewhere): they stay as they are
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
            } else if (i instanceof Instruction.ArrayCall call) {
                arrayCall(call, out);
            } else if (v.type().isArray()) {
                if (!(i instanceof Instruction.Copy)) {
                    throw new IllegalStateException("no tangent for the array of " + i);
                }
                // a copy of the reference: the tangent array is the same one
                Operand t = tangentOperand(i.operands().get(0));
                if (v.hint() != null) {
                    out.add(new Instruction.Copy(tangentOf(v), t));
                } else {
                    tangents.put(v, t);
                }
            } else {
                Expr e = ForwardMode.tangent(i, varied, this::tangentExpression);
                if (!written.contains(v)) {
                    tangent(e, v, out);
                    return;
                }
                // v goes into a variable, which the writer may make one Java variable with v and the variable's old
                // value: nothing after v's definition may read that old value. So the tangent comes first, or, when it
                // reads v itself, v is computed into a temporary that the tangent reads, and copied after it
                int at = out.lastIndexOf(i);
                if (!mentions(e, v)) {
                    List<Node> first = new ArrayList<>();
                    tangent(e, v, first);
                    out.addAll(at, first);
                } else {
                    Value computed = fresh(null, v.type());
                    out.set(at, i.withOut(computed));
                    tangent(substitute(e, v, computed), v, out);
                    out.add(new Instruction.Copy(v, computed));
                }
            }
        }

        private void tangent(Expr e, Value v, List<Node> out) {
            if (v.hint() != null) {
                lowerInto(e, tangentOf(v), out);
            } else {
                tangents.put(v, lower(e, out));
            }
        }

        /** True when {@code e} reads {@code v}'s value. */
        private static boolean mentions(Expr e, Value v) {
            if (e instanceof Expr.Forward f) {
                return f.operand().equals(v);
            } else if (e instanceof Expr.Negate n) {
                return mentions(n.operand(), v);
            } else if (e instanceof Expr.Binary b) {
                return mentions(b.left(), v) || mentions(b.right(), v);
            } else if (e instanceof Expr.Call c) {
                return c.args().stream().anyMatch(a -> mentions(a, v));
            } else if (e instanceof Expr.Conditional c) {
                return mentions(c.left(), v) || mentions(c.right(), v) || mentions(c.then(), v) || mentions(c.otherwise(), v);
            }
            return false;
        }

        /** {@code e} reading {@code by} where it read {@code v}. */
        private static Expr substitute(Expr e, Value v, Value by) {
            if (e instanceof Expr.Forward f) {
                return f.operand().equals(v) ? new Expr.Forward(by) : f;
            } else if (e instanceof Expr.Negate n) {
                return new Expr.Negate(substitute(n.operand(), v, by));
            } else if (e instanceof Expr.Binary b) {
                return new Expr.Binary(b.op(), substitute(b.left(), v, by), substitute(b.right(), v, by));
            } else if (e instanceof Expr.Call c) {
                return new Expr.Call(c.function(), c.args().stream().map(a -> substitute(a, v, by)).toList());
            } else if (e instanceof Expr.Conditional c) {
                return new Expr.Conditional(substitute(c.left(), v, by), c.cmp(), substitute(c.right(), v, by),
                        substitute(c.then(), v, by), substitute(c.otherwise(), v, by));
            }
            return e;
        }

        /**
         * The tangent of an {@code ArrayMath} operation, itself written with {@code ArrayMath} operations (whose reverse
         * mode the Hessian then takes): {@code tC = matmul(tA, B) + matmul(A, tB)}, {@code tz = multiply(z, ta)} for
         * {@code z = exp(a)}. An argument without a tangent contributes nothing.
         */
        private void arrayCall(Instruction.ArrayCall call, List<Node> out) {
            List<Operand> a = call.args();
            Operand x = a.get(0);
            Operand y = a.size() > 1 ? a.get(1) : null;
            Operand tx = tangentOrNull(x);
            Operand ty = y == null ? null : tangentOrNull(y);
            Operand z = call.out();
            Value computed = null;
            if (written.contains(call.out())) {
                // as for a number written into a variable: the tangent reads a temporary, not the variable's new value
                computed = fresh(null, call.out().type());
                out.set(out.lastIndexOf(call), call.withOut(computed));
                z = computed;
            }
            Operand t = switch (call.function()) {
                case MATMUL -> plus(tx == null ? null : op(ArrayFunction.MATMUL, out, tx, y),
                        ty == null ? null : op(ArrayFunction.MATMUL, out, x, ty), out);
                case TRANSPOSE -> op(ArrayFunction.TRANSPOSE, out, tx);
                case ADD -> tx != null && ty != null ? op(ArrayFunction.ADD, out, tx, ty)
                        : tx != null ? spread(tx, y, out) : spread(ty, x, out);
                case SUBTRACT -> tx != null && ty != null ? op(ArrayFunction.SUBTRACT, out, tx, ty)
                        : tx != null ? spread(tx, y, out) : minus(null, spread(ty, x, out), out);
                case MULTIPLY -> plus(tx == null ? null : op(ArrayFunction.MULTIPLY, out, tx, y),
                        ty == null ? null : op(ArrayFunction.MULTIPLY, out, x, ty), out);
                case DIVIDE -> minus(tx == null ? null : op(ArrayFunction.DIVIDE, out, tx, y), ty == null ? null
                        : op(ArrayFunction.MULTIPLY, out, op(ArrayFunction.DIVIDE, out, z, y), ty), out);
                case SCALE -> plus(tx == null ? null : op(ArrayFunction.SCALE, out, tx, y),
                        ty == null ? null : op(ArrayFunction.SCALE, out, x, ty), out);
                case NEGATE -> op(ArrayFunction.NEGATE, out, tx);
                case ADD_ROW -> ty == null ? tx : op(ArrayFunction.ADD_ROW, out, tx != null ? tx : zerosLike(x, out), ty);
                case SUBTRACT_ROW -> ty == null ? tx : op(ArrayFunction.SUBTRACT_ROW, out, tx != null ? tx : zerosLike(x, out), ty);
                case MULTIPLY_ROW -> plus(tx == null ? null : op(ArrayFunction.MULTIPLY_ROW, out, tx, y),
                        ty == null ? null : op(ArrayFunction.MULTIPLY_ROW, out, x, ty), out);
                case SQUARE -> op(ArrayFunction.SCALE, out, two(), op(ArrayFunction.MULTIPLY, out, x, tx));
                case EXP -> op(ArrayFunction.MULTIPLY, out, z, tx);
                case LOG -> op(ArrayFunction.DIVIDE, out, tx, x);
                case TANH -> op(ArrayFunction.MULTIPLY, out, op(ArrayFunction.SUBTRACT, out, one(),
                        op(ArrayFunction.SQUARE, out, z)), tx);
                case SIGMOID -> op(ArrayFunction.MULTIPLY, out, op(ArrayFunction.MULTIPLY, out, z,
                        op(ArrayFunction.SUBTRACT, out, one(), z)), tx);
                case SOFTPLUS -> op(ArrayFunction.MULTIPLY, out, op(ArrayFunction.SIGMOID, out, x), tx);
                case LOG_SIGMOID -> op(ArrayFunction.MULTIPLY, out, op(ArrayFunction.SIGMOID, out, op(ArrayFunction.NEGATE, out, x)), tx);
                case LOG_ADD_EXP -> plus(tx == null ? null : op(ArrayFunction.MULTIPLY, out,
                                op(ArrayFunction.SIGMOID, out, op(ArrayFunction.SUBTRACT, out, x, y)), tx),
                        ty == null ? null : op(ArrayFunction.MULTIPLY, out,
                                op(ArrayFunction.SIGMOID, out, op(ArrayFunction.SUBTRACT, out, y, x)), ty), out);
                case SUM -> op(ArrayFunction.SUM, out, tx);
                case SUM_ROWS -> op(ArrayFunction.SUM_ROWS, out, tx);
                case DOT -> plus(tx == null ? null : op(ArrayFunction.DOT, out, tx, y),
                        ty == null ? null : op(ArrayFunction.DOT, out, x, ty), out);
                case LOG_SUM_EXP -> op(ArrayFunction.DOT, out, op(ArrayFunction.SOFTMAX, out, x), tx);
                case SOFTMAX -> op(ArrayFunction.MULTIPLY, out, z, op(ArrayFunction.SUBTRACT, out, tx, z.type() == Type.VECTOR
                        ? op(ArrayFunction.DOT, out, z, tx) : rowDots(z, tx, out)));
                case COPY -> op(ArrayFunction.COPY, out, tx);
                // the slides' relu'(0) = 0 and max's conventions away from ties: the tangent of the side that wins
                case RELU -> op(ArrayFunction.MASK_GREATER, out, x, zero(), tx);
                case MAX -> plus(op(ArrayFunction.MASK_GREATER, out, x, y, tx), ty == null ? null : op(ArrayFunction.MASK_GREATER,
                        out, op(ArrayFunction.NEGATE, out, x), negated(y, out), spread(ty, x, out)), out);
                case MASK_GREATER -> op(ArrayFunction.MASK_GREATER, out, x, y, tangentOrNull(a.get(2)));
            };
            if (t == null) {
                t = z.type().isArray() ? zerosLike(z, out) : zero();
            }
            Value v = call.out();
            if (computed != null) {
                Operand tangent = t;
                if (v.hint() != null) {
                    out.add(new Instruction.Copy(tangentOf(v), tangent));
                } else {
                    tangents.put(v, tangent);
                }
                out.add(new Instruction.Copy(v, computed));
                return;
            }
            if (v.hint() != null && !out.isEmpty() && out.get(out.size() - 1) instanceof Instruction last && last.out().equals(t)
                    && last.out().isTemporary()) {
                out.set(out.size() - 1, last.withOut(tangentOf(v))); // th = multiply(t6, t4), not t7 = ...; th = t7
            } else if (v.hint() != null) {
                out.add(new Instruction.Copy(tangentOf(v), t));
            } else {
                tangents.put(v, t);
            }
        }

        /**
         * The matrix whose row {@code i} holds {@code p[i] . q[i]} in every element (a row-wise softmax's tangent
         * subtracts it): {@code transpose(subtractRow(transpose(q), s))} shifted back, written with the operations that
         * reverse mode knows, as {@code q - transpose(subtractRow(transpose(q), s))} with {@code s} the row dots
         * {@code sumRows(transpose(multiply(p, q)))}.
         */
        private Operand rowDots(Operand p, Operand q, List<Node> out) {
            if (q == null) {
                return null;
            }
            Operand dots = op(ArrayFunction.SUM_ROWS, out, op(ArrayFunction.TRANSPOSE, out, op(ArrayFunction.MULTIPLY, out, p, q)));
            Operand shifted = op(ArrayFunction.TRANSPOSE, out, op(ArrayFunction.SUBTRACT_ROW, out, op(ArrayFunction.TRANSPOSE, out, q), dots));
            return op(ArrayFunction.SUBTRACT, out, q, shifted);
        }

        /** The tangent of an argument, or null when it has none (a number's 0 counts as none). */
        private Operand tangentOrNull(Operand o) {
            return o instanceof Value v && varied.contains(v) ? tangentOperand(v) : null;
        }

        /**
         * The tangent {@code t} of one argument of an element-wise {@code add} or {@code subtract} whose other argument is
         * {@code other}: a number's tangent added to every element when {@code other} is the array.
         */
        private Operand spread(Operand t, Operand other, List<Node> out) {
            if (t == null || t.type().isArray() || !other.type().isArray()) {
                return t;
            }
            return op(ArrayFunction.ADD, out, zerosLike(other, out), t);
        }

        /** The tangent of the result, an array of zeros added at the end of {@code body} for an array without one. */
        Operand resultTangent(Operand result, List<Node> body) {
            if (result.type().isArray() && !(result instanceof Value v && varied.contains(v))) {
                return zerosLike(result, body);
            }
            return tangentOperand(result);
        }

        /**
         * An array of zeros of {@code a}'s shape: {@code new double[a.length]}, or for a matrix
         * {@code maskGreater(a, Double.POSITIVE_INFINITY, a)}, which is 0 for every element, infinite and NaN ones too
         * ({@code scale(0, a)} would be NaN there).
         */
        private Operand zerosLike(Operand a, List<Node> out) {
            if (a.type() == Type.VECTOR) {
                Value length = fresh(null, Type.INT);
                out.add(new Instruction.Length(length, a));
                Value zeros = fresh(null, Type.VECTOR);
                out.add(new Instruction.NewArray(zeros, List.of(length)));
                return zeros;
            }
            return op(ArrayFunction.MASK_GREATER, out, a, new Literal("Double.POSITIVE_INFINITY", Double.POSITIVE_INFINITY, Type.DOUBLE), a);
        }

        private Operand plus(Operand p, Operand q, List<Node> out) {
            if (p == null || q == null) {
                return p == null ? q : p;
            }
            if (!p.type().isArray()) {
                Value sum = fresh(null, Type.DOUBLE);
                out.add(new Instruction.Binary(sum, Instruction.BinaryOperator.ADD, p, q));
                return sum;
            }
            return op(ArrayFunction.ADD, out, p, q);
        }

        private Operand minus(Operand p, Operand q, List<Node> out) {
            if (q == null) {
                return p;
            }
            if (p == null) {
                if (!q.type().isArray()) {
                    Value negated = fresh(null, Type.DOUBLE);
                    out.add(new Instruction.Negate(negated, q));
                    return negated;
                }
                return op(ArrayFunction.NEGATE, out, q);
            }
            if (!p.type().isArray() && !q.type().isArray()) {
                Value difference = fresh(null, Type.DOUBLE);
                out.add(new Instruction.Binary(difference, Instruction.BinaryOperator.SUBTRACT, p, q));
                return difference;
            }
            return op(ArrayFunction.SUBTRACT, out, p, q);
        }

        /** {@code -c} for a number. */
        private Operand negated(Operand c, List<Node> out) {
            if (c instanceof Literal literal) {
                return literal.negated();
            }
            Value negated = fresh(null, Type.DOUBLE);
            out.add(new Instruction.Negate(negated, c));
            return negated;
        }

        private static Literal one() {
            return new Literal("1", 1, Type.DOUBLE);
        }

        private static Literal two() {
            return new Literal("2", 2, Type.DOUBLE);
        }

        /** {@code ArrayMath.function(args)} into a fresh temporary, of the overload's result type. */
        private Operand op(ArrayFunction function, List<Node> out, Operand... args) {
            if (java.util.Arrays.asList(args).contains(null)) {
                return null;
            }
            List<Type> types = java.util.Arrays.stream(args).map(Operand::type).toList();
            Type type = function.resultType(types).orElseThrow(() -> new IllegalStateException(
                    "no overload " + function.javaName() + types));
            Value result = fresh(null, type);
            out.add(new Instruction.ArrayCall(result, function, List.of(args)));
            return result;
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
