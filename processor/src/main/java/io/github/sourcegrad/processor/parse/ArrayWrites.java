package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.ArrayFunction;
import io.github.sourcegrad.processor.ir.ArrayReads;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Node;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.Type;
import io.github.sourcegrad.processor.ir.Value;
import java.util.List;
import java.util.Map;

/**
 * The rules that make element writes safe to differentiate:
 * <ol>
 *   <li>only arrays the method creates ({@code new}, an initializer, {@code ArrayMath.copy}) are written, never
 *       a parameter, which belongs to the caller, nor another {@code ArrayMath} result, whose rule reads it, nor the
 *       result of a call of a {@code @Differentiable} method, nor that of {@code SourceGrad.noGradient} (its argument's
 *       array itself);</li>
 *   <li>a written array has one name: it is not copied to another variable (nor passed to {@code noGradient}), its
 *       rows are not read as arrays, and it is not returned;</li>
 *   <li>an {@code ArrayMath} call's backward rule reads its arguments again, so a call that reads a written array
 *       comes after every write to it, wherever it is.</li>
 * </ol>
 * Element reads may come anywhere: a read inside a loop or branch that a later write may change is taped by the
 * backward pass (the value read, or the elements overwritten: see {@code Schedule}).
 */
final class ArrayWrites {

    private ArrayWrites() {}

    static void check(Function f, Map<Node, Tree> sites, Tree returnType) {
        Map<Value, List<Instruction.Store>> stores = ArrayReads.stores(f);
        for (Map.Entry<Value, List<Instruction.Store>> e : stores.entrySet()) {
            Value array = e.getKey();
            Instruction def = ArrayReads.definition(f, array);
            // an ArrayMath result other than a copy may be read again by its own backward rule (tanh's reads z)
            boolean created = def instanceof Instruction.NewArray || def instanceof Instruction.ArrayLiteral
                    || (def instanceof Instruction.ArrayCall call && call.function() == ArrayFunction.COPY);
            if (!created) {
                throw new Unsupported(sites.get(e.getValue().get(0)), cannotWrite(array, def, f));
            }
        }
        Node.forEach(f.body(), n -> {
            // the backward pass would have to tape which int[] the variable held in each iteration or branch
            if (n instanceof Node.Write write && write.variable().type().isArray() && !write.variable().type().isReal()) {
                Type type = write.variable().type();
                throw new Unsupported(sites.get(n) != null ? sites.get(n) : returnType, "the " + type.keyword()
                        + " variable '" + name(write.variable()) + "' cannot be reassigned inside a loop or branch; "
                        + "write into its elements, or declare another " + type.keyword() + " there");
            }
        });
        if (stores.isEmpty()) {
            return;
        }
        for (Instruction read : f.instructions()) {
            for (Operand operand : reads(read)) {
                if (!(operand instanceof Value array) || !stores.containsKey(array)) {
                    continue;
                }
                Tree site = sites.get(read);
                if (read instanceof Instruction.Copy copy && copy.noGradient()) {
                    throw new Unsupported(site, "'" + name(array) + "' is written element by element, so noGradient "
                            + "cannot return it (its result is the same array, which later writes would change under "
                            + "the backward pass); write all of '" + name(array) + "' first and pass a copy: "
                            + "noGradient(ArrayMath.copy(" + name(array) + "))");
                }
                if (read instanceof Instruction.Copy) {
                    throw new Unsupported(site, "'" + name(array) + "' is written element by element, so it cannot be "
                            + "assigned to another variable; use '" + name(array) + "' itself");
                }
                if (read instanceof Instruction.Load load && load.indices().size() == 1 && array.type().isMatrix()) {
                    throw new Unsupported(site, "reading a row of '" + name(array) + "', which is written element by "
                            + "element, is not supported; read its elements " + name(array) + "[i][j]");
                }
            }
        }
        Node.forEach(f.body(), n -> {
            if (n instanceof Node.Write write && write.value() instanceof Value array && stores.containsKey(array)
                    && write.variable().equals(f.result())) {
                throw new Unsupported(sites.get(n) != null ? sites.get(n) : returnType, "returning '" + name(array)
                        + "', an array written element by element, from inside a branch is not supported yet; fill it "
                        + "in the branches and return it once, after them");
            }
            if (n instanceof Node.Write write && write.value() instanceof Value array && stores.containsKey(array)) {
                throw new Unsupported(sites.get(n) != null ? sites.get(n) : returnType, "'" + name(array) + "' is written "
                        + "element by element, so a branch or loop cannot reassign the variable that holds it; "
                        + "reassign a copy instead: double[] " + name(write.variable()) + "2 = ArrayMath.copy("
                        + name(array) + ")");
            }
        });
        for (ArrayReads.Stale stale : ArrayReads.stale(f)) {
            Instruction read = stale.read();
            String array = name(stale.array());
            Tree site = sites.get(read);
            if (read instanceof Instruction.ArrayCall) {
                throw new Unsupported(site, "this ArrayMath call reads '" + array + "', which is written "
                        + (stale.sameLoop() ? "in the same loop" : "after it") + "; the backward pass reads the "
                        + "arguments again when the array holds its final values. Write all of '"
                        + array + "' first, or work on a copy: ArrayMath.copy(" + array + ")");
            }
            if (read instanceof Instruction.Call call) {
                throw new Unsupported(site, "this call of " + call.callee().name() + " passes '" + array + "', which is "
                        + "written " + (stale.sameLoop() ? "in the same loop" : "after it") + "; the backward pass reads "
                        + "the array again when it holds its final values. Write all of '" + array + "' first, or pass a "
                        + "copy: ArrayMath.copy(" + array + ")");
            }
        }
    }

    /** The arrays an instruction reads the contents of (a length is not a content). */
    private static List<Operand> reads(Instruction i) {
        if (i instanceof Instruction.Load load) {
            return List.of(load.array());
        }
        if (i instanceof Instruction.ArrayCall || i instanceof Instruction.Copy) {
            return i.operands();
        }
        return List.of();
    }

    private static String cannotWrite(Value array, Instruction def, Function f) {
        String name = name(array);
        if (f.parameters().contains(array)) {
            return "writing into the parameter '" + name + "' would change the caller's array, which SourceGrad does not "
                    + "support; make the method work on a copy with one line before the first write: " + name
                    + " = ArrayMath.copy(" + name + ");";
        }
        if (def instanceof Instruction.Load) {
            return "writing through a row of a matrix is not supported; write the matrix's elements m[i][j]";
        }
        if (def instanceof Instruction.ArrayCall) {
            return "writing into '" + name + "', the result of an ArrayMath operation, is not supported (its gradient "
                    + "reads it again); make it a copy with one line before the first write: " + name
                    + " = ArrayMath.copy(" + name + ");";
        }
        if (def instanceof Instruction.Copy copy && copy.noGradient()) {
            return "writing into '" + name + "', the result of noGradient, is not supported: it is the argument's array "
                    + "itself, not a copy, so the write would change that array too; write into a copy with one line "
                    + "before the first write: " + name + " = ArrayMath.copy(" + name + ");";
        }
        if (def instanceof Instruction.Call call) {
            return "writing into '" + name + "', the array that " + call.callee().name() + " returns, is not supported (its "
                    + "gradient reads it again, and " + call.callee().name() + " may return an array it shares); make it a "
                    + "copy with one line before the first write: " + name + " = ArrayMath.copy(" + name + ");";
        }
        return "writing into '" + name + "', which shares its array with another variable, is not supported; "
                + "write through the variable that created the array";
    }

    private static String name(Value v) {
        return v.hint() == null ? "the array" : v.hint();
    }
}
