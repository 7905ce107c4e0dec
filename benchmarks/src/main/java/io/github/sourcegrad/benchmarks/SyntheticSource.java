package io.github.sourcegrad.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the Java source of a class with many {@code @Differentiable} methods of varied straight-line bodies,
 * for the compile-time benchmark: locals ({@code double}, {@code var}, {@code final}, {@code int}),
 * reassignment, compound assignment, {@code ++}, every operator and {@code Math} function SourceGrad supports,
 * {@code int} parameters, {@code wrt} subsets and calls to earlier methods. The same seed gives the same
 * source. The code is only compiled, never run, so it does not avoid domain edges.
 */
public final class SyntheticSource {

    private static final String[] UNARY = {"exp", "log", "log10", "log1p", "expm1", "sqrt", "cbrt", "sin", "cos",
        "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "abs", "signum", "floor"};
    private static final String[] BINARY = {"pow", "atan2", "max", "min", "hypot"};
    private static final String[] OPERATORS = {"+", "-", "*", "/"};
    private static final String[] COMPOUND = {"+=", "-=", "*=", "/="};
    private static final String[] PARAMS = {"a", "b", "c", "d", "e"};

    private final Random random;
    private final StringBuilder out = new StringBuilder();
    /** The arity (number of double parameters) of each method written so far; -1 for those with an int. */
    private final List<Integer> arities = new ArrayList<>();

    private SyntheticSource(long seed) {
        random = new Random(seed);
    }

    /** The source of class {@code packageName.className} with {@code methods} differentiable methods. */
    public static String generate(String packageName, String className, int methods, long seed) {
        return new SyntheticSource(seed).write(packageName, className, methods);
    }

    /**
     * The source of class {@code packageName.className} with one {@code @Differentiable} method {@code long0(a, b, c)}
     * of {@code statements} statements: each reassigns one of 16 locals from two others and a parameter, so that
     * the method itself stays well within the JVM's limit on one method's bytecode.
     */
    public static String longMethod(String packageName, String className, int statements, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        out.append("package ").append(packageName).append(";\n\n");
        out.append("import io.github.sourcegrad.Differentiable;\n\n");
        out.append("public final class ").append(className).append(" {\n\n");
        out.append("    @Differentiable\n    static double long0(double a, double b, double c) {\n");
        int locals = 16;
        for (int i = 0; i < locals; i++) {
            out.append("        double v").append(i).append(" = ").append(PARAMS[i % 3]).append(" + ").append(i).append(";\n");
        }
        for (int s = locals; s < statements; s++) {
            int target = random.nextInt(locals);
            String left = "v" + random.nextInt(locals);
            String right = "v" + random.nextInt(locals);
            String p = PARAMS[random.nextInt(3)];
            out.append("        v").append(target).append(" = ").append(switch (random.nextInt(4)) {
                case 0 -> left + " * " + p + " + " + right;
                case 1 -> "Math.sin(" + left + ") - " + right + " * " + p;
                case 2 -> left + " / (1 + " + right + " * " + right + ")";
                default -> "Math.tanh(" + left + " + " + p + ")";
            }).append(";\n");
        }
        out.append("        return v0");
        for (int i = 1; i < locals; i++) {
            out.append(" + v").append(i);
        }
        out.append(";\n    }\n}\n");
        return out.toString();
    }

    private String write(String packageName, String className, int methods) {
        out.append("package ").append(packageName).append(";\n\n");
        out.append("import io.github.sourcegrad.Differentiable;\n\n");
        out.append("public final class ").append(className).append(" {\n\n");
        out.append("    static final double SCALE = 0.75;\n\n");
        for (int i = 0; i < methods; i++) {
            method(i);
        }
        out.append("}\n");
        return out.toString();
    }

    private void method(int index) {
        int arity = 1 + random.nextInt(PARAMS.length);
        boolean withInt = random.nextInt(5) == 0;
        List<String> params = new ArrayList<>(List.of(PARAMS).subList(0, arity));
        // a quarter of the methods with more than one parameter differentiate a subset
        List<String> wrt = new ArrayList<>();
        if (arity > 1 && random.nextInt(4) == 0) {
            for (String p : params) {
                if (random.nextBoolean()) {
                    wrt.add(p);
                }
            }
            if (wrt.isEmpty()) {
                wrt.add(params.get(0));
            }
        }
        out.append("    @Differentiable");
        if (!wrt.isEmpty()) {
            out.append("(wrt = {");
            for (int i = 0; i < wrt.size(); i++) {
                out.append(i == 0 ? "" : ", ").append('"').append(wrt.get(i)).append('"');
            }
            out.append("})");
        }
        out.append("\n    static double m").append(index).append('(');
        for (int i = 0; i < arity; i++) {
            out.append(i == 0 ? "" : ", ").append("double ").append(params.get(i));
        }
        if (withInt) {
            out.append(", int n");
        }
        out.append(") {\n");

        List<String> doubles = new ArrayList<>(params);
        List<String> locals = new ArrayList<>();
        int declared = 0;
        if (withInt) {
            out.append("        int n2 = n * 2 + 1;\n");
        }
        int statements = 4 + random.nextInt(13);
        for (int s = 0; s < statements; s++) {
            int kind = locals.isEmpty() ? 0 : random.nextInt(10);
            if (kind < 6) {
                String name = "v" + ++declared;
                String type = switch (random.nextInt(6)) {
                    case 0 -> "var";
                    case 1 -> "final double";
                    default -> "double";
                };
                Expr init = typed(doubles, 1 + random.nextInt(3));
                if (type.equals("var") && init.isInt()) {
                    type = "double"; // keep every local a double
                }
                out.append("        ").append(type).append(' ').append(name).append(" = ").append(init.text())
                        .append(";\n");
                if (!type.startsWith("final")) {
                    locals.add(name);
                }
                doubles.add(name);
            } else if (kind < 8) {
                String target = locals.get(random.nextInt(locals.size()));
                out.append("        ").append(target).append(' ').append(COMPOUND[random.nextInt(COMPOUND.length)])
                        .append(' ').append(expression(doubles, 1 + random.nextInt(2))).append(";\n");
            } else if (kind < 9) {
                String target = locals.get(random.nextInt(locals.size()));
                out.append("        ").append(target).append(" = ").append(expression(doubles, 2)).append(";\n");
            } else {
                String target = locals.get(random.nextInt(locals.size()));
                out.append("        ").append(target).append(random.nextBoolean() ? "++" : "--").append(";\n");
            }
        }
        String result = doubles.get(doubles.size() - 1);
        if (withInt) {
            result = "(" + result + " * n2 + " + expression(doubles, 1) + ")";
        }
        out.append("        return ").append(result).append(" + ").append(expression(doubles, 1)).append(";\n");
        out.append("    }\n\n");
        arities.add(withInt ? -1 : arity);
    }

    /** An expression and whether Java types it {@code int} (only literals and int arithmetic are). */
    private record Expr(String text, boolean isInt) {
    }

    private String expression(List<String> vars, int depth) {
        return typed(vars, depth).text();
    }

    /** A {@code double} argument for a {@code Math} method: int expressions would pick int or float overloads. */
    private String argument(List<String> vars, int depth) {
        Expr e = typed(vars, depth);
        return e.isInt() ? "(double) " + e.text() : e.text();
    }

    private Expr typed(List<String> vars, int depth) {
        if (depth == 0) {
            return leaf(vars);
        }
        int kind = random.nextInt(20);
        if (kind < 9) {
            Expr left = typed(vars, depth - 1);
            Expr right = typed(vars, depth - 1);
            return new Expr("(" + left.text() + " " + OPERATORS[random.nextInt(OPERATORS.length)] + " " + right.text()
                    + ")", left.isInt() && right.isInt());
        } else if (kind < 14) {
            return new Expr("Math." + UNARY[random.nextInt(UNARY.length)] + "(" + argument(vars, depth - 1) + ")",
                    false);
        } else if (kind < 16) {
            String f = BINARY[random.nextInt(BINARY.length)];
            String first = argument(vars, depth - 1);
            String second = f.equals("pow") && random.nextBoolean() ? Integer.toString(2 + random.nextInt(2))
                    : argument(vars, depth - 1);
            return new Expr("Math." + f + "(" + first + ", " + second + ")", false);
        } else if (kind < 18 && !arities.isEmpty()) {
            return new Expr(call(vars, depth), false);
        } else if (kind < 19) {
            Expr operand = leaf(vars);
            return new Expr("-" + operand.text(), operand.isInt());
        } else {
            return new Expr("(SCALE * " + expression(vars, depth - 1) + ")", false);
        }
    }

    private String call(List<String> vars, int depth) {
        int callee = random.nextInt(arities.size());
        int arity = arities.get(callee);
        StringBuilder call = new StringBuilder("m").append(callee).append('(');
        int doubleArgs = arity < 0 ? countParams(callee) : arity;
        for (int i = 0; i < doubleArgs; i++) {
            call.append(i == 0 ? "" : ", ").append(expression(vars, Math.max(0, depth - 2)));
        }
        if (arity < 0) {
            call.append(", ").append(1 + random.nextInt(4));
        }
        return call.append(')').toString();
    }

    /** The number of double parameters of a method with an int parameter, read back from the source. */
    private int countParams(int callee) {
        String header = "static double m" + callee + "(";
        int start = out.indexOf(header) + header.length();
        String list = out.substring(start, out.indexOf(")", start));
        return list.split(",").length - 1;
    }

    private Expr leaf(List<String> vars) {
        int kind = random.nextInt(5);
        if (kind == 0) {
            return random.nextBoolean() ? new Expr(Integer.toString(1 + random.nextInt(9)), true)
                    : new Expr(Double.toString((1 + random.nextInt(99)) / 8.0), false);
        }
        return new Expr(vars.get(random.nextInt(vars.size())), false);
    }
}
