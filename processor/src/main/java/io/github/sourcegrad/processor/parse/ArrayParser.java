package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.Instruction;
import io.github.sourcegrad.processor.ir.Instruction.BinaryOperator;
import io.github.sourcegrad.processor.ir.Operand;
import io.github.sourcegrad.processor.ir.StaticField;
import io.github.sourcegrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;

/**
 * The arrays of a method body, for {@link MethodParser}: element reads and stores (one load or store with all
 * its indices, evaluated in Java's order) and array creation. Compound stores stay compound where their backward
 * pass needs no old value. Every element access records its site, so that {@link ArrayWrites} can point its
 * errors at the user's code; the scopes and the body being built stay in the parser.
 */
final class ArrayParser {
    private final MethodParser parser;

    ArrayParser(MethodParser parser) {
        this.parser = parser;
    }

    /**
     * {@code a[i] = v}, {@code a[i][j] op= v}, {@code a[i]++}. {@code +=} and {@code -=} stay compound (their backward
     * pass needs no old value); {@code *=} and {@code /=} read the element, combine and store.
     */
    Operand store(ArrayAccessTree target, BinaryOperator compound, java.util.function.Supplier<Operand> valueOf,
            Tree where, boolean valueUsed, boolean postfix) {
        if (parser.inUpdate) {
            throw new Unsupported(where, "the update of a for loop may only change int and long counters; "
                    + "write array elements in the loop body instead");
        }
        Access element = access(target);
        Operand array = element.array();
        if (array instanceof StaticField field) {
            throw new Unsupported(target, ArrayFields.cannotWrite(field.name(), field.type()));
        }
        List<Operand> indices = element.indices();
        if (indices.size() != element.dimensions()) {
            throw new Unsupported(target, "assigning a whole row of the matrix '" + element.base() + "' is not supported; "
                    + "assign its elements " + element.base() + "[i][j]");
        }
        Type elementType = elementOf(array.type());
        Operand value;
        Operand old = null;
        BinaryOperator kept = compound;
        if (combines(compound) || (postfix && valueUsed)) {
            old = parser.emit(new Instruction.Load(parser.newValue(null, elementType), array, indices));
            parser.sites.put(parser.body.get(parser.body.size() - 1), target);
        }
        if (combines(compound)) {
            value = parser.expressions.binary(compound, old, valueOf.get(), where);
            kept = null;
        } else {
            value = valueOf.get();
            MethodParser.requireNumeric(value, where, "an element of a " + array.type().keyword());
        }
        if (elementType == Type.INT && value.type() != Type.INT) {
            // Java narrows a compound assignment (p[i] += 0.5) silently; SourceGrad asks for the cast
            throw new Unsupported(where, "an element of the int[] '" + element.base() + "' can only be assigned an int, "
                    + "but this is a " + value.type().keyword() + "; cast it: (int) (...)");
        }
        Instruction store = new Instruction.Store(parser.newValue(null, elementType), array, indices, value, kept);
        parser.emit(store);
        parser.sites.put(store, where);
        if (!valueUsed) {
            return null;
        }
        if (postfix) {
            return old;
        }
        if (kept == null) {
            // the value stored, as the element's type: what the element now holds
            return value.type() == elementType ? value : parser.emit(new Instruction.Cast(parser.newValue(null, elementType), value));
        }
        // a += or -= stays compound: the new value is read back from the element
        Operand now = parser.emit(new Instruction.Load(parser.newValue(null, elementType), array, indices));
        parser.sites.put(parser.body.get(parser.body.size() - 1), target);
        return now;
    }

    /** True when {@code a[i] op= v} is written as a load, the operation and a store: all but {@code =}, += and -=. */
    private static boolean combines(BinaryOperator compound) {
        return compound == BinaryOperator.MULTIPLY || compound == BinaryOperator.DIVIDE || compound == BinaryOperator.REMAINDER
                || (compound != null && compound.isBitwise());
    }

    /**
     * {@code new double[n]}, {@code new double[n][m]}, {@code {a, b}}, {@code new double[][] {{a, b}, {c, d}}}, and
     * for data {@code new int[n]}, {@code new int[n][m]}, {@code new int[] {0, 2, 1}} and
     * {@code new int[][] {{0, 1}, {1, 2}}}.
     */
    Operand newArray(NewArrayTree tree) {
        Type ints = intArrayCreated(tree);
        if (ints != null && tree.getInitializers() != null) {
            return arrayLiteral(tree, ints);
        }
        if (tree.getInitializers() == null) {
            if (ints != null) {
                List<Operand> dimensions = new ArrayList<>();
                for (ExpressionTree d : tree.getDimensions()) {
                    Operand size = parser.expression(d);
                    if (size.type() != Type.INT) {
                        throw new Unsupported(d, "an array size must be an int, but this is a " + size.type().keyword());
                    }
                    dimensions.add(size);
                }
                return parser.emit(new Instruction.NewArray(parser.newValue(null, ints), dimensions));
            }
            if (!(tree.getType() instanceof PrimitiveTypeTree p) || p.getPrimitiveTypeKind() != TypeKind.DOUBLE
                    || tree.getDimensions().size() > 2) {
                throw new Unsupported(tree, "only double and int arrays can be created: new double[n], new double[n][m] "
                        + "or new int[n]");
            }
            List<Operand> dimensions = new ArrayList<>();
            for (ExpressionTree d : tree.getDimensions()) {
                Operand size = parser.expression(d);
                if (size.type() != Type.INT) {
                    throw new Unsupported(d, "an array size must be an int, but this is a " + size.type().keyword());
                }
                dimensions.add(size);
            }
            Type type = dimensions.size() == 1 ? Type.VECTOR : Type.MATRIX;
            return parser.emit(new Instruction.NewArray(parser.newValue(null, type), dimensions));
        }
        List<? extends ExpressionTree> rows = tree.getInitializers();
        boolean matrix = !rows.isEmpty() && rows.get(0) instanceof NewArrayTree;
        List<Operand> elements = new ArrayList<>();
        int columns = 0;
        if (matrix) {
            for (ExpressionTree row : rows) {
                if (!(row instanceof NewArrayTree r) || r.getInitializers() == null || r.getInitializers().isEmpty()
                        || (columns != 0 && r.getInitializers().size() != columns)) {
                    throw new Unsupported(row, "the rows of a double[][] initializer must be {...} lists of one "
                            + "length (at least 1): a matrix is rectangular");
                }
                columns = r.getInitializers().size();
                for (ExpressionTree e : r.getInitializers()) {
                    elements.add(element(e));
                }
            }
        } else {
            for (ExpressionTree e : rows) {
                elements.add(element(e));
            }
        }
        return parser.emit(new Instruction.ArrayLiteral(parser.newValue(null, matrix ? Type.MATRIX : Type.VECTOR), elements, columns));
    }

    /**
     * The int array type {@code tree} creates ({@code new int[n]}, {@code new int[n][m]}, {@code new int[] {...}},
     * {@code new int[][] {{...}}}), or null for another element type. {@code new int[n][]}, whose rows the method
     * would have to assign, is refused.
     */
    private static Type intArrayCreated(NewArrayTree tree) {
        int levels = tree.getInitializers() != null ? 1 : tree.getDimensions().size();
        Tree component = tree.getType();
        while (component instanceof ArrayTypeTree a) {
            levels++;
            component = a.getType();
        }
        if (!(component instanceof PrimitiveTypeTree p) || p.getPrimitiveTypeKind() != TypeKind.INT) {
            return null;
        }
        if (levels > 2 || (tree.getInitializers() == null && tree.getDimensions().size() != levels)) {
            throw new Unsupported(tree, "SourceGrad creates int[] and int[][] arrays with all their sizes: new int[n] "
                    + "or new int[n][m]");
        }
        return levels == 1 ? Type.INT_VECTOR : Type.INT_MATRIX;
    }

    /**
     * {@code {0, 2, 1}} or {@code new int[] {0, 2, 1}}: an int[] from int elements; {@code {{0, 1}, {1, 2}}} an
     * {@code int[][]} with rows of one length.
     */
    Operand arrayLiteral(NewArrayTree tree, Type type) {
        List<Operand> elements = new ArrayList<>();
        int columns = 0;
        for (ExpressionTree e : tree.getInitializers()) {
            if (type == Type.INT_MATRIX) {
                if (!(e instanceof NewArrayTree row) || row.getInitializers() == null || row.getInitializers().isEmpty()
                        || (columns != 0 && row.getInitializers().size() != columns)) {
                    throw new Unsupported(e, "the rows of an int[][] initializer must be {...} lists of one length "
                            + "(at least 1)");
                }
                columns = row.getInitializers().size();
                for (ExpressionTree x : row.getInitializers()) {
                    elements.add(intElement(x));
                }
            } else if (e instanceof NewArrayTree) {
                throw new Unsupported(e, "an element of an int[] must be an int, but this is an array");
            } else {
                elements.add(intElement(e));
            }
        }
        return parser.emit(new Instruction.ArrayLiteral(parser.newValue(null, type), elements, columns));
    }

    private Operand intElement(ExpressionTree e) {
        Operand value = parser.expression(e);
        if (value.type() != Type.INT) {
            throw new Unsupported(e, "an element of an int array must be an int, but this is a " + value.type().keyword());
        }
        return value;
    }

    private Operand element(ExpressionTree e) {
        Operand value = parser.expression(e);
        MethodParser.requireNumeric(value, e, "a double array initializer");
        return value;
    }

    /** {@code a[i][j]} taken apart: the array (evaluated first, as Java does), then the indices, each an int. */
    private record Access(ExpressionTree base, Operand array, List<Operand> indices, int dimensions) {}

    private Access access(ArrayAccessTree access) {
        List<ExpressionTree> indexTrees = new ArrayList<>();
        ExpressionTree base = access;
        while (base instanceof ArrayAccessTree a) {
            indexTrees.add(0, a.getIndex());
            base = a.getExpression();
        }
        Operand array = parser.expression(base);
        if (!array.type().isArray()) {
            throw new Unsupported(access, "'" + base + "' is not an array");
        }
        int dimensions = array.type().isMatrix() ? 2 : 1;
        if (indexTrees.size() > dimensions) {
            throw new Unsupported(access, "'" + base + "' is a " + array.type().keyword() + " and takes at most "
                    + dimensions + " index(es)");
        }
        List<Operand> indices = new ArrayList<>();
        for (ExpressionTree indexTree : indexTrees) {
            Operand index = parser.expression(indexTree);
            if (index.type() != Type.INT) {
                throw new Unsupported(indexTree, "an array index must be an int, but this is a " + index.type().keyword());
            }
            indices.add(index);
        }
        return new Access(base, array, indices, dimensions);
    }

    /** {@code a[i]}, {@code m[i][j]}, or a matrix's row {@code m[i]}: one load with all its indices. */
    Operand arrayAccess(ArrayAccessTree access) {
        Access element = access(access);
        List<Operand> indices = element.indices();
        Operand array = element.array();
        int dimensions = element.dimensions();
        Type type = indices.size() == dimensions ? elementOf(array.type()) : array.type().element();
        Operand out = parser.emit(new Instruction.Load(parser.newValue(null, type), array, indices));
        parser.sites.put(parser.body.get(parser.body.size() - 1), access);
        return out;
    }

    /** The type of an element of {@code array}: {@code double}, or {@code int} for an int array. */
    private static Type elementOf(Type array) {
        return array.isReal() ? Type.DOUBLE : Type.INT;
    }
}
