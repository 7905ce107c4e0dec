package io.github.sourcegrad.processor.fuzz;

import io.github.sourcegrad.ArrayMath;
import io.github.sourcegrad.processor.fuzz.Ast.JType;
import io.github.sourcegrad.processor.fuzz.Interpreter.Val;
import java.util.function.UnaryOperator;

/**
 * The {@code io.github.sourcegrad.ArrayMath} operations for the {@link Interpreter}: values computed with the
 * floating-point operations of ArrayMath in its order (sums from 0 in index order, a matrix row by row), so
 * that they agree bit for bit; tangents from the derivatives, written here without reference to the
 * processor's rules. Shape mismatches throw as ArrayMath does (the interpreter reports them as shape
 * errors).
 */
final class ArrayOps {

    private final Interpreter in;

    private ArrayOps(Interpreter in) {
        this.in = in;
    }

    static Val apply(Interpreter in, String fn, Val[] a) {
        return new ArrayOps(in).call(fn, a);
    }

    private Val call(String fn, Val[] a) {
        switch (fn) {
            case "matmul" -> {
                if (a[0].type == JType.MATRIX && a[1].type == JType.MATRIX) {
                    return matmul(a[0], a[1]);
                }
                if (a[0].type == JType.MATRIX) {
                    return matVec(a[0], a[1]);
                }
                return vecMat(a[0], a[1]);
            }
            case "transpose" -> {
                return transpose(a[0]);
            }
            case "add", "subtract" -> {
                char op = fn.equals("add") ? '+' : '-';
                // with a number: add(a, c), add(c, a), subtract(a, c), subtract(c, a)
                if (a[0].type == JType.DOUBLE || a[0].type == JType.INT || a[0].type == JType.LONG) {
                    Val c = toDouble(a[0]);
                    return map(a[1], x -> in.binary(op, c, x));
                }
                if (a[1].type == JType.DOUBLE || a[1].type == JType.INT || a[1].type == JType.LONG) {
                    Val c = toDouble(a[1]);
                    return map(a[0], x -> in.binary(op, x, c));
                }
                return zip(fn, a[0], a[1], op);
            }
            case "multiply", "divide" -> {
                return zip(fn, a[0], a[1], fn.equals("multiply") ? '*' : '/');
            }
            case "scale" -> {
                Val c = toDouble(a[0]);
                return map(a[1], x -> in.binary('*', c, x));
            }
            case "negate" -> {
                return map(a[0], x -> in.unary('-', x));
            }
            case "addRow", "subtractRow", "multiplyRow" -> {
                char op = fn.equals("addRow") ? '+' : fn.equals("subtractRow") ? '-' : '*';
                return rowBroadcast(fn, a[0], a[1], op);
            }
            case "square" -> {
                return map(a[0], x -> in.binary('*', x, x));
            }
            case "exp" -> {
                return map(a[0], x -> {
                    double r = Math.exp(x.d);
                    return Val.ofDouble(r, in.smooth(x.g, r, r));
                });
            }
            case "log" -> {
                return map(a[0], x -> {
                    if (x.g != null) {
                        in.edge(x.d, x.g, "ArrayMath.log near 0");
                    }
                    return Val.ofDouble(Math.log(x.d), in.smooth(x.g, 1 / x.d, -1 / (x.d * x.d)));
                });
            }
            case "tanh" -> {
                return map(a[0], x -> {
                    // ArrayMath's own tanh (within 3 ulp of Math.tanh), one element at a time
                    double r = ArrayMath.tanh(new double[] {x.d})[0];
                    return Val.ofDouble(r, in.smooth(x.g, 1 - r * r, -2 * r * (1 - r * r)));
                });
            }
            case "sigmoid" -> {
                return map(a[0], x -> {
                    double r;
                    if (x.d >= 0) {
                        r = 1 / (1 + Math.exp(-x.d));
                    } else {
                        double e = Math.exp(x.d);
                        r = e / (1 + e);
                    }
                    return Val.ofDouble(r, in.smooth(x.g, r * (1 - r), r * (1 - r) * (1 - 2 * r)));
                });
            }
            case "relu" -> {
                return map(a[0], x -> {
                    if (x.g != null) {
                        in.edge(Math.abs(x.d), x.g, "ArrayMath.relu near 0");
                    }
                    return x.d > 0 ? Val.ofDouble(x.d, copy(x.g))
                            : Val.ofDouble(Math.max(x.d, 0.0), x.g == null ? null : new double[x.g.length]);
                });
            }
            case "softplus" -> {
                // values from SmoothMath (bit for bit); the tangent: softplus' = 1 / (1 + e^-x)
                return map(a[0], x -> {
                    double s = 1 / (1 + Math.exp(-x.d));
                    return Val.ofDouble(io.github.sourcegrad.SmoothMath.softplus(x.d), in.smooth(x.g, s, s * (1 - s)));
                });
            }
            case "logSigmoid" -> {
                return map(a[0], x -> {
                    // logSigmoid' = sigmoid(-x), logSigmoid'' = -sigmoid(x) sigmoid(-x)
                    double s = 1 / (1 + Math.exp(x.d));
                    return Val.ofDouble(io.github.sourcegrad.SmoothMath.logSigmoid(x.d), in.smooth(x.g, s, -s * (1 - s)));
                });
            }
            case "logAddExp" -> {
                return zipWith(fn, a[0], a[1], (x, y) -> {
                    double r = io.github.sourcegrad.SmoothMath.logAddExp(x.d, y.d);
                    // d/dx log(e^x + e^y) = e^x / (e^x + e^y) = 1 / (1 + e^(y - x)), also where r rounds to x
                    double px = 1 / (1 + Math.exp(y.d - x.d));
                    double py = 1 / (1 + Math.exp(x.d - y.d));
                    return Val.ofDouble(r, in.curve(in.add(x.g, px, y.g, py), x.g, y.g, px * py, -px * py, px * py));
                });
            }
            case "max" -> {
                Val c = toDouble(a[1]);
                return map(a[0], x -> {
                    if (x.g != null || c.g != null) {
                        in.edge(Math.abs(x.d - c.d), in.add(x.g, 1, c.g, -1), "ArrayMath.max near a tie");
                        if (x.d == c.d && (x.g == null || c.g == null)) {
                            // a tie with a constant passes nothing in SourceGrad (relu'(0) = 0), half here: not used
                            in.kink("ArrayMath.max at a tie with a constant");
                        }
                    }
                    double r = Math.max(x.d, c.d);
                    double[] g = x.d > c.d ? copy(x.g) : x.d < c.d ? copy(c.g) : in.add(x.g, 0.5, c.g, 0.5);
                    return Val.ofDouble(r, g);
                });
            }
            case "sum" -> {
                Val s = Val.ofDouble(0, null);
                for (Val x : elements(a[0])) {
                    s = in.binary('+', s, x);
                }
                return s;
            }
            case "sumRows" -> {
                Val m = a[0];
                int cols = columns(m);
                Val[] s = filledZeros(cols);
                for (Val row : m.items) {
                    for (int j = 0; j < cols; j++) {
                        s[j] = in.binary('+', s[j], row.items[j]);
                    }
                }
                return Val.ofArray(JType.VECTOR, s);
            }
            case "dot" -> {
                if (a[0].type == JType.VECTOR) {
                    sameLength("dot", a[0], a[1]);
                    return dot(a[0], a[1], a[0].items.length);
                }
                sameShape("dot", a[0], a[1]);
                Val s = Val.ofDouble(0, null);
                for (int i = 0; i < a[0].items.length; i++) {
                    Val ai = a[0].items[i];
                    Val bi = a[1].items[i];
                    for (int j = 0; j < ai.items.length; j++) {
                        s = in.binary('+', s, in.binary('*', ai.items[j], bi.items[j]));
                    }
                }
                return s;
            }
            case "logSumExp" -> {
                return logSumExp(a[0]);
            }
            case "softmax" -> {
                if (a[0].type == JType.MATRIX) {
                    Val[] rows = new Val[a[0].items.length];
                    for (int i = 0; i < rows.length; i++) {
                        rows[i] = softmax(a[0].items[i]);
                    }
                    return Val.ofArray(JType.MATRIX, rows);
                }
                return softmax(a[0]);
            }
            case "copy" -> {
                return map(a[0], x -> x);
            }
            default -> throw new IllegalStateException("no ArrayMath." + fn + " in the interpreter");
        }
    }

    // ------------------------------------------------------------------ products

    private Val matmul(Val a, Val b) {
        int k = columns(a);
        int m = columns(b);
        int n = a.items.length;
        if (n == 0) {
            return Val.ofArray(JType.MATRIX, new Val[0]);
        }
        if (k != b.items.length) {
            throw Interpreter.shapeError("matmul: a is " + n + "x" + k + " but b is " + b.items.length + "x" + m);
        }
        Val[] rows = new Val[n];
        for (int i = 0; i < n; i++) {
            Val[] ci = filledZeros(m);
            for (int p = 0; p < k; p++) {
                Val aip = a.items[i].items[p];
                Val bp = b.items[p];
                for (int j = 0; j < m; j++) {
                    ci[j] = in.binary('+', ci[j], in.binary('*', aip, bp.items[j]));
                }
            }
            rows[i] = Val.ofArray(JType.VECTOR, ci);
        }
        return Val.ofArray(JType.MATRIX, rows);
    }

    private Val matVec(Val a, Val x) {
        int k = columns(a);
        int n = a.items.length;
        if (n == 0) {
            return Val.ofArray(JType.VECTOR, new Val[0]);
        }
        if (k != x.items.length) {
            throw Interpreter.shapeError("matmul: a is " + n + "x" + k + " but x has length " + x.items.length);
        }
        Val[] y = new Val[n];
        for (int i = 0; i < n; i++) {
            y[i] = dot(a.items[i], x, k);
        }
        return Val.ofArray(JType.VECTOR, y);
    }

    private Val vecMat(Val x, Val a) {
        int m = columns(a);
        int n = a.items.length;
        if (x.items.length != n) {
            throw Interpreter.shapeError("matmul: x has length " + x.items.length + " but a is " + n + "x" + m);
        }
        Val[] y = filledZeros(m);
        for (int i = 0; i < n; i++) {
            Val xi = x.items[i];
            Val ai = a.items[i];
            for (int j = 0; j < m; j++) {
                y[j] = in.binary('+', y[j], in.binary('*', xi, ai.items[j]));
            }
        }
        return Val.ofArray(JType.VECTOR, y);
    }

    private Val transpose(Val a) {
        int m = columns(a);
        int n = a.items.length;
        Val[] rows = new Val[m];
        for (int j = 0; j < m; j++) {
            Val[] row = new Val[n];
            for (int i = 0; i < n; i++) {
                row[i] = a.items[i].items[j];
            }
            rows[j] = Val.ofArray(JType.VECTOR, row);
        }
        return Val.ofArray(JType.MATRIX, rows);
    }

    /** {@code s = 0; s += a[i] * b[i]} over the first {@code n} elements. */
    private Val dot(Val a, Val b, int n) {
        Val s = Val.ofDouble(0, null);
        for (int i = 0; i < n; i++) {
            s = in.binary('+', s, in.binary('*', a.items[i], b.items[i]));
        }
        return s;
    }

    // ------------------------------------------------------------------ element-wise

    private Val zip(String fn, Val a, Val b, char op) {
        return zipWith(fn, a, b, (x, y) -> in.binary(op, x, y));
    }

    private Val zipWith(String fn, Val a, Val b, java.util.function.BinaryOperator<Val> f) {
        if (a.type == JType.MATRIX) {
            sameShape(fn, a, b);
            Val[] rows = new Val[a.items.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = zipWith(fn, a.items[i], b.items[i], f);
            }
            return Val.ofArray(JType.MATRIX, rows);
        }
        sameLength(fn, a, b);
        Val[] r = new Val[a.items.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.apply(a.items[i], b.items[i]);
        }
        return Val.ofArray(JType.VECTOR, r);
    }

    private Val rowBroadcast(String fn, Val a, Val r, char op) {
        int m = columns(a);
        if (a.items.length > 0 && r.items.length != m) {
            throw Interpreter.shapeError(fn + ": a is " + a.items.length + "x" + m + " but r has length " + r.items.length);
        }
        Val[] rows = new Val[a.items.length];
        for (int i = 0; i < rows.length; i++) {
            Val[] row = new Val[m];
            for (int j = 0; j < m; j++) {
                row[j] = in.binary(op, a.items[i].items[j], r.items[j]);
            }
            rows[i] = Val.ofArray(JType.VECTOR, row);
        }
        return Val.ofArray(JType.MATRIX, rows);
    }

    private Val map(Val a, UnaryOperator<Val> f) {
        Val[] r = new Val[a.items.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.type == JType.MATRIX ? map(a.items[i], f) : f.apply(a.items[i]);
        }
        return Val.ofArray(a.type, r);
    }

    // ------------------------------------------------------------------ softmax

    private Val softmax(Val x) {
        int n = x.items.length;
        double max = Double.NEGATIVE_INFINITY;
        for (Val v : x.items) {
            max = Math.max(max, v.d);
        }
        double[] r = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(x.items[i].d - max);
            r[i] = e;
            s += e;
        }
        double inv = 1 / s;
        for (int i = 0; i < n; i++) {
            r[i] *= inv;
        }
        // d s_i = s_i (dx_i - sum_j s_j dx_j)
        double[] mean = null;
        for (int j = 0; j < n; j++) {
            if (x.items[j].g != null) {
                mean = in.add(mean, 1, x.items[j].g, r[j]);
            }
        }
        Val[] out = new Val[n];
        for (int i = 0; i < n; i++) {
            double[] g = mean == null ? null : in.add(x.items[i].g, r[i], mean, -r[i]);
            out[i] = Val.ofDouble(r[i], g);
        }
        if (in.secondOrder() && mean != null) {
            // the derivatives of the gradients along v from exp(x_i - max) / sum_j exp(x_j - max); the rest as above
            Val[] e = exponentials(x, max);
            Val total = Val.ofDouble(0, null);
            for (Val v : e) {
                total = in.binary('+', total, v);
            }
            for (int i = 0; i < n; i++) {
                in.secondOrderFrom(out[i].g, in.binary('/', e[i], total).g);
            }
        }
        return Val.ofArray(JType.VECTOR, out);
    }

    /** {@code exp(x_i - max)} as hyper-dual numbers, or null where {@code x_i} is constant. */
    private Val[] exponentials(Val x, double max) {
        Val shift = Val.ofDouble(max, null);
        Val[] e = new Val[x.items.length];
        for (int i = 0; i < e.length; i++) {
            Val u = in.binary('-', x.items[i], shift);
            double r = Math.exp(u.d);
            e[i] = Val.ofDouble(r, in.smooth(u.g, r, r));
        }
        return e;
    }

    private Val sumOfExponentials(Val x, double max) {
        Val s = Val.ofDouble(0, null);
        for (Val e : exponentials(x, max)) {
            s = in.binary('+', s, e);
        }
        return s;
    }

    private Val logSumExp(Val x) {
        double max = Double.NEGATIVE_INFINITY;
        for (Val v : x.items) {
            max = Math.max(max, v.d);
        }
        if (Double.isInfinite(max)) {
            return Val.ofDouble(max, null);
        }
        double s = 0;
        for (Val v : x.items) {
            s += Math.exp(v.d - max);
        }
        double value = max + Math.log(s);
        // d lse = sum_i softmax_i dx_i
        double[] g = null;
        for (Val v : x.items) {
            if (v.g != null) {
                g = in.add(g, 1, v.g, Math.exp(v.d - value));
            }
        }
        if (in.secondOrder() && g != null) {
            // the derivative of the gradient along v from log(sum_i exp(x_i - max)) (max shifts the value, not its
            // derivatives); the rest as above
            Val sum = sumOfExponentials(x, max);
            in.secondOrderFrom(g, in.smooth(sum.g, 1 / sum.d, -1 / (sum.d * sum.d)));
        }
        return Val.ofDouble(value, g);
    }

    // ------------------------------------------------------------------ helpers

    private static Val toDouble(Val v) {
        return v.type == JType.DOUBLE ? v : Val.ofDouble(v.asDouble(), null);
    }

    private static double[] copy(double[] g) {
        return g == null ? null : g.clone();
    }

    private static Val[] filledZeros(int n) {
        Val[] out = new Val[n];
        java.util.Arrays.fill(out, Val.ofDouble(0, null));
        return out;
    }

    /** The elements of a vector, or of a matrix row by row. */
    private static java.util.List<Val> elements(Val a) {
        java.util.List<Val> out = new java.util.ArrayList<>();
        for (Val item : a.items) {
            if (item.type == JType.VECTOR) {
                out.addAll(java.util.Arrays.asList(item.items));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static int columns(Val a) {
        if (a.type != JType.MATRIX) {
            throw new IllegalStateException("a matrix expected, not " + a.type);
        }
        if (a.items.length == 0) {
            return 0;
        }
        int m = a.items[0].items.length;
        for (Val row : a.items) {
            if (row.items.length != m) {
                throw Interpreter.shapeError("ragged matrix");
            }
        }
        return m;
    }

    private static void sameLength(String fn, Val a, Val b) {
        if (a.type != JType.VECTOR || b.type != JType.VECTOR) {
            throw new IllegalStateException(fn + " of " + a.type + " and " + b.type);
        }
        if (a.items.length != b.items.length) {
            throw Interpreter.shapeError(fn + ": a has length " + a.items.length + " but b has length " + b.items.length);
        }
    }

    private static void sameShape(String fn, Val a, Val b) {
        int ca = columns(a);
        int cb = columns(b);
        if (a.items.length != b.items.length || ca != cb) {
            throw Interpreter.shapeError(fn + ": a is " + a.items.length + "x" + ca + " but b is " + b.items.length + "x" + cb);
        }
    }
}
