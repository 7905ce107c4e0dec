package io.github.sourcegrad.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One element of a function body: an {@link Instruction}, or a piece of structured control flow whose parts are
 * again lists of nodes. Values are SSA within the whole function, with one exception: a <em>variable</em> (a
 * {@link Value} written by {@link Write}) holds what a branch or loop leaves in a user's local. A branch or loop
 * body reads the values current at its entry (a loop: {@link Loop.Carried#entry()} for each iteration) and writes
 * its variables where it ends, so every other value keeps exactly one definition.
 */
public sealed interface Node permits Instruction, Node.Write, Node.If, Node.Loop, Node.Jump, Node.Throw {

    /** {@code variable = value}: a branch or loop leaving a value in a user's local. */
    record Write(Value variable, Operand value) implements Node {}

    /**
     * {@code if (condition) then else otherwise}; {@code condition} is a boolean operand. {@code variables} are
     * the locals its branches write, declared before it (a write just before the if gives one its entry value).
     */
    record If(Operand condition, List<Node> then, List<Node> otherwise, List<Value> variables) implements Node {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
            variables = List.copyOf(variables);
        }
    }

    /**
     * A loop, as the user wrote it: {@code init; for (; test; update) body}, {@code while (test) body} or
     * {@code do body while (test)}. {@code init} runs once: a for loop's declarations, then the first writes
     * of the carried variables. {@code condition} computes {@code test} (it reads variables directly and is
     * never differentiated); {@code update} changes only integral variables. {@code carried} are the variables the
     * body writes; the body reads them only through their entry values. {@code counter} is set for a
     * {@code for} loop that counts an {@code int} up by one from a literal start and assigns it nowhere else: its
     * reversal can count down instead of saving the counter.
     */
    record Loop(
            int id,
            String label,
            Kind kind,
            List<Node> init,
            List<Node> condition,
            Operand test,
            List<Node> body,
            List<Node> update,
            List<Carried> carried,
            Counter counter) implements Node {
        public Loop {
            init = List.copyOf(init);
            condition = List.copyOf(condition);
            body = List.copyOf(body);
            update = List.copyOf(update);
            carried = List.copyOf(carried);
        }

        public enum Kind { FOR, WHILE, DO_WHILE }

        /** A variable the body writes, and the value that names its content at the start of each iteration. */
        public record Carried(Value variable, Value entry) {}

        /** {@code for (int i = start; ...; i++)}: {@code variable} is also in {@code carried}. */
        public record Counter(Value variable, int start) {}
    }

    /** {@code break} or {@code continue} of the loop with {@code loopId}, or ({@code loopId == -1}) nothing else. */
    record Jump(Kind kind, int loopId, String label) implements Node {
        public enum Kind { BREAK, CONTINUE }
    }

    /**
     * {@code throw new exception(message)}: ends its path in the forward pass. The backward pass never runs on a
     * path that threw, so it has no adjoint and is not recomputed. {@code message} is the constructor's argument,
     * a string concatenation of its pieces in Java's string conversion; empty for {@code new exception()}.
     */
    record Throw(TypeRef exception, List<Piece> message) implements Node {
        public Throw {
            message = List.copyOf(message);
        }

        /** One piece of the message: a text, or ({@code text == null}) a number or boolean value. */
        public record Piece(String text, Operand value) {}

        /** The values the message reads. */
        public List<Operand> operands() {
            return message.stream().filter(p -> p.text() == null).map(Piece::value).toList();
        }
    }

    /** Every instruction in {@code nodes}, nested ones included, in program order. */
    static List<Instruction> instructions(List<Node> nodes) {
        List<Instruction> out = new ArrayList<>();
        forEach(nodes, n -> {
            if (n instanceof Instruction i) {
                out.add(i);
            }
        });
        return out;
    }

    /** Visits every node in program order: an {@code if} before its branches, a loop before its parts. */
    static void forEach(List<Node> nodes, Consumer<Node> visitor) {
        for (Node node : nodes) {
            visitor.accept(node);
            if (node instanceof If f) {
                forEach(f.then(), visitor);
                forEach(f.otherwise(), visitor);
            } else if (node instanceof Loop l) {
                forEach(l.init(), visitor);
                forEach(l.condition(), visitor);
                forEach(l.body(), visitor);
                forEach(l.update(), visitor);
            }
        }
    }
}
