package io.github.sourcegrad.processor.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a method reads arrays that it also writes element by element, and which of those reads may see a value
 * that a later write changes. Such a read cannot simply be recomputed from the array: the backward pass tapes the
 * value read ({@link #tapingLoop}) or the elements the writes overwrite (see {@code Schedule}), unless it never
 * uses the value; an {@code ArrayMath} call on such an array is rejected by the parser.
 */
public final class ArrayReads {

    /** A read of {@code array} that a write may follow: in the same loop ({@code sameLoop}) or later in the method. */
    public record Stale(Instruction read, Value array, boolean sameLoop) {}

    /**
     * Where a node sits: its place in program order, the loops around it, and the branches it is in (an if's
     * number, negated for its else side).
     */
    private record Position(int order, Set<Integer> loops, boolean nested, Set<Integer> sides) {
        /** True when the two are in different branches of one if: they never both run. */
        boolean excludes(Position other) {
            return sides.stream().anyMatch(side -> other.sides.contains(-side));
        }
    }

    private final Map<Node, Position> positions = new LinkedHashMap<>();
    private final Map<Value, Instruction> definitions = new HashMap<>();
    private int order;
    private int branches;

    private ArrayReads(Function f) {
        walk(f.body(), Set.of(), false, Set.of());
    }

    /** The stores of {@code f}, by the array they write. */
    public static Map<Value, List<Instruction.Store>> stores(Function f) {
        Map<Value, List<Instruction.Store>> stores = new LinkedHashMap<>();
        for (Instruction i : f.instructions()) {
            if (i instanceof Instruction.Store store && store.array() instanceof Value array) {
                stores.computeIfAbsent(array, a -> new ArrayList<>()).add(store);
            }
        }
        return stores;
    }

    /**
     * The reads whose array may hold other values when the backward pass reads it again: an element read inside a
     * loop or branch, or an {@code ArrayMath} call or a call of a {@code @Differentiable} method anywhere (its rule
     * reads its arguments again, or the call is made again in a recomputed iteration), with a write to
     * the array after it or in a loop around both (a loop around the array's creation does not count: each of its
     * iterations makes a new array).
     */
    public static List<Stale> stale(Function f) {
        ArrayReads reads = new ArrayReads(f);
        Map<Value, List<Instruction.Store>> stores = stores(f);
        List<Stale> out = new ArrayList<>();
        for (Map.Entry<Node, Position> e : reads.positions.entrySet()) {
            if (!(e.getKey() instanceof Instruction read) || read instanceof Instruction.Copy) {
                continue;
            }
            boolean nested = e.getValue().nested();
            // a call of a @Differentiable method with control flow stays a call, which a recomputed loop iteration or
            // branch makes again: like an ArrayMath call, it must see the array's final values
            if (!(read instanceof Instruction.ArrayCall) && !(read instanceof Instruction.Call)
                    && !(read instanceof Instruction.Load && nested)) {
                continue;
            }
            for (Operand operand : read instanceof Instruction.Load load ? List.of(load.array()) : read.operands()) {
                if (!(operand instanceof Value array) || !stores.containsKey(array)) {
                    continue;
                }
                Set<Integer> outer = reads.positions.get(reads.definitions.get(array)).loops();
                for (Instruction.Store store : stores.get(array)) {
                    Position written = reads.positions.get(store);
                    boolean sameLoop = written.loops().stream().anyMatch(l -> e.getValue().loops().contains(l) && !outer.contains(l));
                    // the other branch of an if never runs with this one (code after an early return moves into
                    // a branch), unless a loop around both runs each in another iteration
                    boolean later = written.order() > e.getValue().order() && !written.excludes(e.getValue());
                    if (sameLoop || later) {
                        out.add(new Stale(read, array, sameLoop));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The loop whose backward pass can tape the element {@code load} reads, or null: a loop among the method's own
     * statements (so that its forward pass runs once), with {@code load} directly in its body and no {@code break}
     * or {@code continue} of it (so that each iteration reads, and pushes, the same elements).
     */
    public static Node.Loop tapingLoop(Function f, Instruction.Load load) {
        if (load.out().type() != Type.DOUBLE) {
            return null;
        }
        for (Node node : f.body()) {
            if (node instanceof Node.Loop loop && loop.body().stream().anyMatch(n -> n == load)) {
                boolean[] jumps = {false};
                Node.forEach(loop.body(), n -> jumps[0] |= n instanceof Node.Jump jump && jump.loopId() == loop.id());
                return jumps[0] ? null : loop;
            }
        }
        return null;
    }

    /** The instruction that defines {@code v} in {@code f}, or null for a parameter. */
    public static Instruction definition(Function f, Value v) {
        for (Instruction i : f.instructions()) {
            if (i.out().equals(v)) {
                return i;
            }
        }
        return null;
    }

    private void walk(List<Node> nodes, Set<Integer> loops, boolean nested, Set<Integer> sides) {
        for (Node node : nodes) {
            if (node instanceof Instruction i) {
                definitions.put(i.out(), i);
                positions.put(node, new Position(order++, loops, nested, sides));
            } else if (node instanceof Node.If branch) {
                int id = ++branches;
                walk(branch.then(), loops, true, with(sides, id));
                walk(branch.otherwise(), loops, true, with(sides, -id));
            } else if (node instanceof Node.Loop loop) {
                walk(loop.init(), loops, nested, sides);
                Set<Integer> inner = new HashSet<>(loops);
                inner.add(loop.id());
                walk(loop.condition(), inner, true, sides);
                walk(loop.body(), inner, true, sides);
                walk(loop.update(), inner, true, sides);
            }
        }
    }

    private static Set<Integer> with(Set<Integer> set, int element) {
        Set<Integer> out = new HashSet<>(set);
        out.add(element);
        return out;
    }
}
