package io.github.sourcegrad.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One function checked at one point: the gradient SourceGrad generated, in both its forms, against a
 * central finite difference of the original method and against the numbers a source (the lecture, a
 * hand derivation, a closed form) gives for it. {@link #run} prints a small table and returns what
 * disagreed.
 */
final class GradientCheck {

    /** The original method, called with the point's coordinates. */
    @FunctionalInterface
    interface Function {
        double at(double[] point);
    }

    /** The record form of the generated gradient, unpacked as {value, d1, d2, ...}. */
    @FunctionalInterface
    interface RecordGradient {
        double[] at(double[] point);
    }

    /** The zero-allocation form of the generated gradient: fills {@code grad}, returns the value. */
    @FunctionalInterface
    interface ArrayGradient {
        double at(double[] point, double[] grad);
    }

    /** Agreement asked of the generated gradient and a central finite difference, relative above 1. */
    static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;
    /** Agreement asked of the generated gradient and the exact numbers a source gives, relative above 1. */
    static final double EXPECTED_TOLERANCE = 1e-9;
    /** Agreement asked of the record form and the zero-allocation form, relative above 1. */
    static final double FORMS_TOLERANCE = 1e-12;

    private static final String NUMBER = "%14.8f";
    private static final String BLANK = " ".repeat(14);

    private final String method;
    private final String formula;
    private String source = "";
    private String[] params = {};
    private double[] point = {};
    private String[] wrt;
    private Function function;
    private RecordGradient recordGradient;
    private ArrayGradient arrayGradient;
    private double expectedValue = Double.NaN;
    private String expectedValueSource = "";
    private double[] expectedGradient;
    private String expectedGradientSource = "";

    private int partialsChecked;
    private int partialsWithExpected;

    private GradientCheck(String method, String formula) {
        this.method = method;
        this.formula = formula;
    }

    /** A check of {@code method} (as {@code Class.name}), shown with its mathematical {@code formula}. */
    static GradientCheck of(String method, String formula) {
        return new GradientCheck(method, formula);
    }

    /** Where the function and its numbers come from, for the reader. */
    GradientCheck from(String where) {
        this.source = where;
        return this;
    }

    /** The names of all the method's parameters, in declaration order. */
    GradientCheck params(String... names) {
        this.params = names.clone();
        return this;
    }

    /** The point, one coordinate per parameter ({@code int} parameters too). */
    GradientCheck at(double... coordinates) {
        this.point = coordinates.clone();
        return this;
    }

    /** The differentiated parameters, as in {@code @Differentiable(wrt = ...)}; all of them if not called. */
    GradientCheck wrt(String... names) {
        this.wrt = names.clone();
        return this;
    }

    GradientCheck function(Function f) {
        this.function = f;
        return this;
    }

    GradientCheck gradient(RecordGradient g) {
        this.recordGradient = g;
        return this;
    }

    GradientCheck gradientInto(ArrayGradient g) {
        this.arrayGradient = g;
        return this;
    }

    /** The value at the point, and who says so. */
    GradientCheck expectValue(String who, double value) {
        this.expectedValue = value;
        this.expectedValueSource = who;
        return this;
    }

    /** The gradient at the point, one entry per differentiated parameter, and who says so. */
    GradientCheck expectGradient(String who, double... gradient) {
        this.expectedGradient = gradient.clone();
        this.expectedGradientSource = who;
        return this;
    }

    int partialsChecked() {
        return partialsChecked;
    }

    /** How many partial derivatives were also compared with numbers from a source. */
    int partialsWithExpected() {
        return partialsWithExpected;
    }

    /** Evaluates, prints the table for this check as number {@code index} of {@code count}, returns failures. */
    List<String> run(PrintStream out, int index, int count) {
        String[] differentiated = wrt != null ? wrt : params;
        int[] positions = positions(differentiated);
        int n = positions.length;
        if (point.length != params.length || (expectedGradient != null && expectedGradient.length != n)) {
            throw new IllegalStateException(method + ": the check itself is set up wrong");
        }

        double value = function.at(point.clone());
        double[] fromRecord = recordGradient.at(point.clone());
        double[] grad = new double[n];
        Arrays.fill(grad, Double.NaN);
        double valueFromArray = arrayGradient.at(point.clone(), grad);
        double[] finiteDifference = new double[n];
        for (int i = 0; i < n; i++) {
            finiteDifference[i] = centralDifference(positions[i]);
        }

        List<String> failures = new ArrayList<>();
        String tag = String.format(Locale.ROOT, "[%d/%d]", index, count);
        out.printf(Locale.ROOT, "%-7s %-26s %s%n", tag, method, formula);
        out.printf(Locale.ROOT, "%-7s %s%n", "", source);
        out.printf(Locale.ROOT, "%-7s at %s%n%n", "", pointText());
        out.printf(Locale.ROOT, "%-7s %-8s%14s%14s%14s%n", "", "", "SourceGrad", "finite diff.", "expected");

        // The value row.
        List<String> notes = new ArrayList<>();
        if (fromRecord.length != n + 1) {
            failures.add(method + ": the record has " + (fromRecord.length - 1) + " partials, expected " + n);
            out.printf(Locale.ROOT, "%-7s record has the wrong number of components%n", "");
            return failures;
        }
        if (!close(fromRecord[0], value, FORMS_TOLERANCE)) {
            notes.add("differs from " + method + "(...) = " + fmt(value));
        }
        if (!close(valueFromArray, fromRecord[0], FORMS_TOLERANCE)) {
            notes.add("array form returns " + fmt(valueFromArray));
        }
        if (!Double.isNaN(expectedValue) && !close(fromRecord[0], expectedValue, EXPECTED_TOLERANCE)) {
            notes.add("differs from " + expectedValueSource);
        }
        printRow(out, "value", fromRecord[0], Double.NaN, expectedValue, expectedValueSource, notes);
        for (String note : notes) {
            failures.add(method + " value: " + note);
        }

        // One row per partial derivative.
        for (int i = 0; i < n; i++) {
            notes.clear();
            double generated = fromRecord[i + 1];
            double expected = expectedGradient == null ? Double.NaN : expectedGradient[i];
            partialsChecked++;
            if (!close(generated, finiteDifference[i], FINITE_DIFFERENCE_TOLERANCE)) {
                notes.add("differs from the finite difference");
            }
            if (!close(grad[i], generated, FORMS_TOLERANCE)) {
                notes.add("array form gives " + fmt(grad[i]));
            }
            if (!Double.isNaN(expected)) {
                partialsWithExpected++;
                if (!close(generated, expected, EXPECTED_TOLERANCE)) {
                    notes.add("differs from " + expectedGradientSource);
                }
            }
            printRow(out, "d/d" + differentiated[i], generated, finiteDifference[i], expected,
                    expectedGradientSource, notes);
            for (String note : notes) {
                failures.add(method + " d/d" + differentiated[i] + ": " + note);
            }
        }
        out.printf(Locale.ROOT, "%-7s %s%n%n", "", failures.isEmpty() ? "ok" : "FAILED");
        return failures;
    }

    private static void printRow(PrintStream out, String label, double generated, double finiteDifference,
            double expected, String who, List<String> notes) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-7s %-8s", "", label));
        row.append(String.format(Locale.ROOT, NUMBER, generated));
        row.append(Double.isNaN(finiteDifference) ? BLANK : String.format(Locale.ROOT, NUMBER, finiteDifference));
        if (Double.isNaN(expected)) {
            row.append(BLANK);
        } else {
            row.append(String.format(Locale.ROOT, NUMBER, expected)).append("  ").append(who);
        }
        if (!notes.isEmpty()) {
            row.append("   <-- ").append(String.join("; ", notes));
        }
        out.println(row.toString().stripTrailing());
    }

    private double centralDifference(int position) {
        double x = point[position];
        double h = 1e-6 * Math.max(1, Math.abs(x));
        double[] plus = point.clone();
        double[] minus = point.clone();
        plus[position] = x + h;
        minus[position] = x - h;
        return (function.at(plus) - function.at(minus)) / (plus[position] - minus[position]);
    }

    private int[] positions(String[] names) {
        int[] positions = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            positions[i] = Arrays.asList(params).indexOf(names[i]);
            if (positions[i] < 0) {
                throw new IllegalStateException(method + ": no parameter named " + names[i]);
            }
        }
        return positions;
    }

    private String pointText() {
        List<String> coordinates = Arrays.stream(point).mapToObj(GradientCheck::fmt).toList();
        if (params.length == 1) {
            return params[0] + " = " + coordinates.get(0);
        }
        return "(" + String.join(", ", params) + ") = (" + String.join(", ", coordinates) + ")";
    }

    /** A coordinate as a reader writes it: {@code 2}, {@code -0.25}, {@code 1.5}. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static boolean close(double actual, double expected, double tolerance) {
        return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
    }
}
