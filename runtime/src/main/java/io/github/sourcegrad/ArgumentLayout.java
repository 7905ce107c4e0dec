package io.github.sourcegrad;

import java.util.Arrays;
import java.util.Objects;

/**
 * How {@link GradientCheck} lays the arguments of a function of several parameters ({@code double},
 * {@code double[]}, {@code double[][]}) out as one point: every element of every argument, in order, a matrix
 * row by row, each named after its parameter and index ({@code w[3]}, {@code X[1][2]}, {@code c}). It makes
 * fresh arguments of the same shapes from a point, gradient arrays of those shapes for the buffer form, and
 * reads the gradient back from them. Only {@code instanceof} looks at the arguments: no reflection.
 */
final class ArgumentLayout {

    /** At most this many elements of one array are written in a report's first line. */
    private static final int SHOWN_ELEMENTS = 6;

    private final String[] parameters;
    /** The caller's arguments, copied: a {@code Double}, a {@code double[]} or a {@code double[][]} each. */
    private final Object[] arguments;
    /** Where each argument's first element is in the point. */
    private final int[] offsets;
    /** For a scalar argument, its slot in the buffer form's {@code grad}; -1 for an array. */
    private final int[] scalarSlots;
    private final int scalars;
    private final int size;

    ArgumentLayout(Object[] arguments, String[] parameters) {
        int n = arguments.length;
        this.parameters = parameters.clone();
        this.arguments = new Object[n];
        this.offsets = new int[n];
        this.scalarSlots = new int[n];
        int position = 0;
        int scalarCount = 0;
        for (int k = 0; k < n; k++) {
            Object argument = arguments[k];
            String name = parameters[k];
            offsets[k] = position;
            scalarSlots[k] = -1;
            if (argument == null) {
                throw new NullPointerException("the argument " + name + " is null");
            } else if (argument instanceof Double d) {
                scalarSlots[k] = scalarCount++;
                position += 1;
                this.arguments[k] = d;
            } else if (argument instanceof double[] v) {
                position += v.length;
                this.arguments[k] = v.clone();
            } else if (argument instanceof double[][] m) {
                double[][] copy = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    if (m[i] == null) {
                        throw new NullPointerException("row " + i + " of the argument " + name + " is null");
                    }
                    copy[i] = m[i].clone();
                    position += m[i].length;
                }
                this.arguments[k] = copy;
            } else {
                throw new IllegalArgumentException("the argument " + name + " is a " + argument.getClass().getSimpleName()
                        + ": a gradient check differentiates double, double[] and double[][] arguments; fix the"
                        + " others inside the lambdas");
            }
        }
        this.scalars = scalarCount;
        this.size = position;
    }

    /** The point: every element of every argument, in order. */
    double[] point() {
        double[] point = new double[size];
        for (int k = 0; k < arguments.length; k++) {
            int at = offsets[k];
            if (arguments[k] instanceof Double d) {
                point[at] = d;
            } else if (arguments[k] instanceof double[] v) {
                System.arraycopy(v, 0, point, at, v.length);
            } else {
                for (double[] row : (double[][]) arguments[k]) {
                    System.arraycopy(row, 0, point, at, row.length);
                    at += row.length;
                }
            }
        }
        return point;
    }

    /** The names of the point's coordinates: {@code c}, {@code w[3]}, {@code X[1][2]}. */
    String[] coordinateNames() {
        String[] names = new String[size];
        for (int k = 0; k < arguments.length; k++) {
            int at = offsets[k];
            String name = parameters[k];
            if (arguments[k] instanceof Double) {
                names[at] = name;
            } else if (arguments[k] instanceof double[] v) {
                for (int i = 0; i < v.length; i++) {
                    names[at++] = name + "[" + i + "]";
                }
            } else {
                double[][] m = (double[][]) arguments[k];
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        names[at++] = name + "[" + i + "][" + j + "]";
                    }
                }
            }
        }
        return names;
    }

    /** Fresh arguments holding the point's coordinates, shaped like the caller's. */
    Object[] arguments(double[] point) {
        Object[] out = new Object[arguments.length];
        for (int k = 0; k < arguments.length; k++) {
            int at = offsets[k];
            if (arguments[k] instanceof Double) {
                out[k] = point[at];
            } else if (arguments[k] instanceof double[] v) {
                out[k] = Arrays.copyOfRange(point, at, at + v.length);
            } else {
                double[][] m = (double[][]) arguments[k];
                double[][] copy = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    copy[i] = Arrays.copyOfRange(point, at, at + m[i].length);
                    at += m[i].length;
                }
                out[k] = copy;
            }
        }
        return out;
    }

    /** The buffer form's {@code grad}: one slot per {@code double} argument, each holding a marker until written. */
    double[] scalarGradient() {
        double[] grad = new double[scalars];
        Arrays.fill(grad, Double.longBitsToDouble(GradientCheck.UNWRITTEN));
        return grad;
    }

    /** Gradient arrays shaped like the array arguments, holding the marker; null for a {@code double} argument. */
    Object[] gradientArrays() {
        double unwritten = Double.longBitsToDouble(GradientCheck.UNWRITTEN);
        Object[] out = new Object[arguments.length];
        for (int k = 0; k < arguments.length; k++) {
            if (arguments[k] instanceof double[] v) {
                double[] buffer = new double[v.length];
                Arrays.fill(buffer, unwritten);
                out[k] = buffer;
            } else if (arguments[k] instanceof double[][] m) {
                double[][] buffer = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    buffer[i] = new double[m[i].length];
                    Arrays.fill(buffer[i], unwritten);
                }
                out[k] = buffer;
            }
        }
        return out;
    }

    /** Reads the buffer form's gradient ({@code grad} and the gradient arrays) into one array shaped like the point. */
    void gather(double[] scalarGradient, Object[] gradientArrays, double[] into) {
        Object[] components = new Object[arguments.length];
        for (int k = 0; k < arguments.length; k++) {
            components[k] = scalarSlots[k] >= 0 ? (Object) scalarGradient[scalarSlots[k]] : gradientArrays[k];
        }
        gatherComponents(components, into, "gradient array");
    }

    /**
     * Reads gradients given one per argument (a {@code Double}, a {@code double[]} or a {@code double[][]} of
     * the argument's shape, as a record form's components are) into one array shaped like the point.
     */
    void gatherComponents(Object[] components, double[] into, String what) {
        for (int k = 0; k < arguments.length; k++) {
            String name = parameters[k];
            Object component = components[k];
            int at = offsets[k];
            if (component == null) {
                throw new NullPointerException("the " + what + " for " + name + " is null");
            }
            if (arguments[k] instanceof Double) {
                if (!(component instanceof Double d)) {
                    throw new IllegalArgumentException("the " + what + " for " + name + " must be a double, not a "
                            + component.getClass().getSimpleName());
                }
                into[at] = d;
            } else if (arguments[k] instanceof double[] v) {
                if (!(component instanceof double[] g) || g.length != v.length) {
                    throw shape(what, name, component);
                }
                System.arraycopy(g, 0, into, at, v.length);
            } else {
                double[][] m = (double[][]) arguments[k];
                if (!(component instanceof double[][] g) || g.length != m.length) {
                    throw shape(what, name, component);
                }
                for (int i = 0; i < m.length; i++) {
                    if (g[i] == null || g[i].length != m[i].length) {
                        throw shape(what, name, component);
                    }
                    System.arraycopy(g[i], 0, into, at, m[i].length);
                    at += m[i].length;
                }
            }
        }
    }

    private IllegalArgumentException shape(String what, String name, Object component) {
        int k = Arrays.asList(parameters).indexOf(name);
        return new IllegalArgumentException("the " + what + " for " + name + " is " + shapeOf(component)
                + ", but " + name + " is " + shapeOf(arguments[k]));
    }

    private static String shapeOf(Object value) {
        if (value instanceof double[] v) {
            return "a double[" + v.length + "]";
        }
        if (value instanceof double[][] m) {
            StringBuilder rows = new StringBuilder();
            for (double[] row : m) {
                rows.append(rows.length() == 0 ? "" : ", ").append(row == null ? "null" : String.valueOf(row.length));
            }
            return "a double[" + m.length + "][] with rows of length " + (m.length == 0 ? "-" : rows);
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** The point as the arguments, for a report's first line: {@code (w, c) = ([0.5, -1], 2)}. */
    String pointText() {
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < arguments.length; k++) {
            values.append(k == 0 ? "" : ", ");
            if (arguments[k] instanceof Double d) {
                values.append(GradientCheck.number(d));
            } else if (arguments[k] instanceof double[] v) {
                vector(values, v);
            } else {
                double[][] m = (double[][]) arguments[k];
                values.append('[');
                for (int i = 0; i < Math.min(m.length, SHOWN_ELEMENTS); i++) {
                    vector(values.append(i == 0 ? "" : ", "), m[i]);
                }
                values.append(m.length > SHOWN_ELEMENTS ? ", ... (" + m.length + " rows)]" : "]");
            }
        }
        if (arguments.length == 1) {
            return parameters[0] + " = " + values;
        }
        return "(" + String.join(", ", parameters) + ") = (" + values + ")";
    }

    private static void vector(StringBuilder out, double[] v) {
        out.append('[');
        for (int i = 0; i < Math.min(v.length, SHOWN_ELEMENTS); i++) {
            out.append(i == 0 ? "" : ", ").append(GradientCheck.number(v[i]));
        }
        out.append(v.length > SHOWN_ELEMENTS ? ", ... (" + v.length + " elements)]" : "]");
    }

    /** The same arguments under other names (for the report), one per argument. */
    ArgumentLayout named(String... names) {
        Objects.requireNonNull(names, "parameterNames");
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a parameter name is null or blank: " + Arrays.toString(names));
            }
        }
        if (names.length != arguments.length) {
            throw new IllegalArgumentException(names.length + " names " + Arrays.toString(names) + " for "
                    + arguments.length + " arguments");
        }
        return new ArgumentLayout(arguments, names);
    }

    static String[] defaultNames(int n) {
        String[] names = new String[n];
        for (int k = 0; k < n; k++) {
            names[k] = "p" + k;
        }
        return names;
    }

}
