package io.github.sourcegrad;

import java.util.function.ToDoubleFunction;

/**
 * A {@code @Differentiable} method as a function of one flat {@code double[]}, with its gradient: what optimisers
 * (Hipparchus, Smile, your own) take. The companion writes {@code objective<name>(arguments...)} for each method that
 * returns a {@code double}: its differentiated parameters become the coordinates of {@code theta}, in declaration
 * order, an array element by element, a matrix row by row, and its other parameters (data) are bound as given.
 *
 * <pre>{@code
 * Objective loss = ModelGrad.objectiveloss(X, y, W0, b0);   // W0, b0: the start point and the shapes
 * double[] theta = loss.start();
 * double[] grad = new double[loss.dimension()];
 * double value = loss.valueAndGradient(theta, grad);
 * }</pre>
 *
 * <p>With Hipparchus: {@code new ObjectiveFunction(loss::value)} and
 * {@code new ObjectiveFunctionGradient(loss::gradient)}; with Smile's {@code DifferentiableMultivariateFunction}:
 * {@code f(x)} is {@link #value(double[])} and {@code g(x, gradient)} is {@link #valueAndGradient(double[], double[])}.
 *
 * <p>Every evaluation unpacks {@code theta} into fresh arrays (and fresh gradient arrays), so one objective may be
 * used from several threads at once; the arguments it was made from are copied, the bound data arrays are not
 * (do not change them while it is in use).
 */
public final class Objective implements ToDoubleFunction<double[]> {

    /** The method's value at the differentiated arguments made from a point ({@code Double}, {@code double[]}, {@code double[][]}). */
    @FunctionalInterface
    public interface Value {
        /**
         * @param arguments the differentiated arguments, in order
         * @return the method's value
         */
        double value(Object[] arguments);
    }

    /** The method's buffer form at the differentiated arguments made from a point. */
    @FunctionalInterface
    public interface ValueAndGradient {
        /**
         * @param arguments the differentiated arguments, in order
         * @param grad the buffer form's {@code grad}: one slot per {@code double} argument
         * @param gradientArrays one gradient array per array argument, at its index (null at a {@code double}'s)
         * @return the method's value
         */
        double valueAndGradient(Object[] arguments, double[] grad, Object[] gradientArrays);
    }

    private final ArgumentLayout layout;
    private final double[] start;
    private final Value value;
    private final ValueAndGradient valueAndGradient;

    private Objective(ArgumentLayout layout, Value value, ValueAndGradient valueAndGradient) {
        this.layout = layout;
        this.start = layout.point();
        this.value = value;
        this.valueAndGradient = valueAndGradient;
    }

    /**
     * Called by generated code.
     *
     * @param names the differentiated parameters' names
     * @param start their arguments: the start point, and the shapes of the arrays (copied)
     * @param value the method itself, or null when the companion cannot call it (the gradient's value is used)
     * @param valueAndGradient the method's buffer form
     * @return the objective
     * @throws NullPointerException if an argument, or a row of a matrix, is null
     */
    public static Objective of(String[] names, Object[] start, Value value, ValueAndGradient valueAndGradient) {
        return new Objective(new ArgumentLayout(start, names), value, valueAndGradient);
    }

    /**
     * The number of coordinates.
     *
     * @return the length of {@code theta}
     */
    public int dimension() {
        return start.length;
    }

    /**
     * The point made of the arguments the objective was created with.
     *
     * @return a new array of {@link #dimension()} coordinates
     */
    public double[] start() {
        return start.clone();
    }

    /**
     * The name of each coordinate: {@code c}, {@code w[3]}, {@code W[1][2]}.
     *
     * @return a new array of {@link #dimension()} names
     */
    public String[] coordinateNames() {
        return layout.coordinateNames();
    }

    /**
     * The method's value at {@code theta}.
     *
     * @param theta the point, of {@link #dimension()} coordinates
     * @return the value
     * @throws IllegalArgumentException if {@code theta} does not have {@link #dimension()} coordinates
     */
    public double value(double[] theta) {
        requireDimension(theta, "theta");
        Object[] arguments = layout.arguments(theta);
        if (value != null) {
            return value.value(arguments);
        }
        return valueAndGradient.valueAndGradient(arguments, layout.scalarGradient(), layout.gradientArrays());
    }

    /**
     * The method's value at {@code theta}, with its gradient written into {@code grad}.
     *
     * @param theta the point, of {@link #dimension()} coordinates
     * @param grad receives the gradient: at least {@link #dimension()} entries (anything beyond is left as it is)
     * @return the value
     * @throws IllegalArgumentException if {@code theta} does not have {@link #dimension()} coordinates, or {@code grad}
     *         has fewer
     */
    public double valueAndGradient(double[] theta, double[] grad) {
        requireDimension(theta, "theta");
        if (grad == null) {
            throw new NullPointerException("grad");
        }
        if (grad.length < start.length) {
            throw new IllegalArgumentException("grad must have at least " + start.length + " entries (the objective's "
                    + "dimension) but has " + grad.length);
        }
        double[] scalars = layout.scalarGradient();
        Object[] arrays = layout.gradientArrays();
        double result = valueAndGradient.valueAndGradient(layout.arguments(theta), scalars, arrays);
        layout.gather(scalars, arrays, grad);
        return result;
    }

    /**
     * The gradient at {@code theta}, in a new array.
     *
     * @param theta the point, of {@link #dimension()} coordinates
     * @return the gradient, of {@link #dimension()} entries
     * @throws IllegalArgumentException if {@code theta} does not have {@link #dimension()} coordinates
     */
    public double[] gradient(double[] theta) {
        double[] grad = new double[start.length];
        valueAndGradient(theta, grad);
        return grad;
    }

    /**
     * The same as {@link #value(double[])}, as a {@code ToDoubleFunction<double[]>}.
     *
     * @param theta the point, of {@link #dimension()} coordinates
     * @return the value
     */
    @Override
    public double applyAsDouble(double[] theta) {
        return value(theta);
    }

    private void requireDimension(double[] theta, String name) {
        if (theta == null) {
            throw new NullPointerException(name);
        }
        if (theta.length != start.length) {
            throw new IllegalArgumentException(name + " must have " + start.length + " coordinates (" + String.join(", ",
                    shapes()) + ") but has " + theta.length);
        }
    }

    private java.util.List<String> shapes() {
        String[] names = layout.coordinateNames();
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String n : names) {
            int bracket = n.indexOf('[');
            counts.merge(bracket < 0 ? n : n.substring(0, bracket), 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
