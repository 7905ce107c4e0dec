package io.github.sourcegrad.examples;

import io.github.sourcegrad.GradientCheck;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One function of the examples at one point: its generated gradient, in both forms, checked with
 * {@link GradientCheck} (the check a user runs in their own tests) and compared with the numbers a source
 * (the lecture, a hand derivation, a closed form) gives for it. {@link #run} prints a small table and
 * returns what disagreed.
 *
 * <p>As in a user's test, the lambdas take the point of the <em>checked</em> parameters; parameters
 * that are not differentiated ({@code wrt}, {@code int}) are fixed inside them and named with
 * {@link #fixed} for the reader.
 */
final class Example {

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
    private String fixed = "";
    private GradientCheck.ScalarFunction function;
    private GradientCheck recordForm;
    private GradientCheck.GradientInto arrayForm;
    private double expectedValue = Double.NaN;
    private String expectedValueSource = "";
    private double[] expectedGradient;
    private String expectedGradientSource = "";

    private int partialsChecked;
    private int partialsWithExpected;

    private Example(String method, String formula) {
        this.method = method;
        this.formula = formula;
    }

    /** An example of {@code method} (as {@code Class.name}), shown with its mathematical {@code formula}. */
    static Example of(String method, String formula) {
        return new Example(method, formula);
    }

    /** Where the function and its numbers come from, for the reader. */
    Example from(String where) {
        this.source = where;
        return this;
    }

    /** The names of the checked (differentiated) parameters, in the gradient's order. */
    Example params(String... names) {
        this.params = names.clone();
        return this;
    }

    /** The point, one coordinate per checked parameter. */
    Example at(double... coordinates) {
        this.point = coordinates.clone();
        return this;
    }

    /** The arguments fixed inside the lambdas, as the reader should see them: {@code "x = 2, y = 10"}. */
    Example fixed(String arguments) {
        this.fixed = arguments;
        return this;
    }

    /** The original method, over the checked parameters. */
    Example function(GradientCheck.ScalarFunction f) {
        this.function = f;
        return this;
    }

    /**
     * The record form of the generated gradient and the accessors of its value and partial derivatives;
     * after {@link #function}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // partials only goes on to ofRecord, itself @SafeVarargs: it only reads them
    final <R> Example gradient(Function<double[], R> gradient, ToDoubleFunction<R> value,
            ToDoubleFunction<R>... partials) {
        this.recordForm = GradientCheck.ofRecord(function, gradient, value, partials);
        return this;
    }

    /** The zero-allocation form of the generated gradient. */
    Example gradientInto(GradientCheck.GradientInto g) {
        this.arrayForm = g;
        return this;
    }

    /** The value at the point, and who says so. */
    Example expectValue(String who, double value) {
        this.expectedValue = value;
        this.expectedValueSource = who;
        return this;
    }

    /** The gradient at the point, one entry per checked parameter, and who says so. */
    Example expectGradient(String who, double... gradient) {
        this.expectedGradient = gradient.clone();
        this.expectedGradientSource = who;
        return this;
    }

    /** The method checked, as {@code Class.name}: one method may be checked at several points. */
    String method() {
        return method;
    }

    int partialsChecked() {
        return partialsChecked;
    }

    /** How many partial derivatives were also compared with numbers from a source. */
    int partialsWithExpected() {
        return partialsWithExpected;
    }

    /** Checks, prints the table for this example as number {@code index} of {@code count}, returns failures. */
    List<String> run(PrintStream out, int index, int count) {
        int n = point.length;
        if (params.length != n || (expectedGradient != null && expectedGradient.length != n)) {
            throw new IllegalStateException(method + ": the example itself is set up wrong");
        }

        // What a user's test does: one check per form of the generated gradient.
        GradientCheck.Report record = recordForm.names(params).at(point);
        GradientCheck.Report array = GradientCheck.of(function, arrayForm).names(params).at(point);

        List<String> failures = new ArrayList<>();
        String tag = String.format(Locale.ROOT, "[%d/%d]", index, count);
        out.printf(Locale.ROOT, "%-7s %-26s %s%n", tag, method, formula);
        out.printf(Locale.ROOT, "%-7s %s%n", "", source);
        out.printf(Locale.ROOT, "%-7s at %s%n%n", "", pointText());
        out.printf(Locale.ROOT, "%-7s %-8s%14s%14s%14s%n", "", "", "SourceGrad", "finite diff.", "expected");

        // The value row. A note marks a row; what GradientCheck finds goes to the failures in its own words
        // (below), what this class finds goes there as the note.
        List<String> notes = new ArrayList<>();
        if (record.problems().stream().anyMatch(p -> p.startsWith("value:"))) {
            notes.add("differs from " + method + "(...) = " + fmt(record.value()));
        }
        List<String> mine = new ArrayList<>();
        if (!close(array.gradientValue(), record.gradientValue(), FORMS_TOLERANCE)) {
            mine.add("array form returns " + fmt(array.gradientValue()));
        }
        if (!Double.isNaN(expectedValue) && !close(record.gradientValue(), expectedValue, EXPECTED_TOLERANCE)) {
            mine.add("differs from " + expectedValueSource);
        }
        notes.addAll(mine);
        printRow(out, "value", record.gradientValue(), Double.NaN, expectedValue, expectedValueSource, notes);
        for (String note : mine) {
            failures.add(method + " value: " + note);
        }

        // One row per partial derivative.
        for (int i = 0; i < n; i++) {
            GradientCheck.Partial partial = record.partials().get(i);
            double generated = partial.analytic();
            double fromArray = array.partials().get(i).analytic();
            double expected = expectedGradient == null ? Double.NaN : expectedGradient[i];
            partialsChecked++;
            notes.clear();
            if (!partial.passed()) {
                notes.add("differs from the finite difference");
            }
            mine.clear();
            if (!close(fromArray, generated, FORMS_TOLERANCE)) {
                mine.add("array form gives " + fmt(fromArray));
            }
            if (!Double.isNaN(expected)) {
                partialsWithExpected++;
                if (!close(generated, expected, EXPECTED_TOLERANCE)) {
                    mine.add("differs from " + expectedGradientSource);
                }
            }
            notes.addAll(mine);
            printRow(out, "d/d" + params[i], generated, partial.numeric(), expected, expectedGradientSource, notes);
            for (String note : mine) {
                failures.add(method + " d/d" + params[i] + ": " + note);
            }
        }
        boolean ok = failures.isEmpty() && record.passed() && array.passed();
        out.printf(Locale.ROOT, "%-7s %s%n%n", "", ok ? "ok" : "FAILED");

        // GradientCheck's own report, when it found something.
        for (GradientCheck.Report report : List.of(record, array)) {
            if (!report.passed()) {
                String form = report == record ? "record form" : "zero-allocation form";
                out.println("        GradientCheck on the " + form + ":");
                report.toString().lines().forEach(line -> out.println(("        " + line).stripTrailing()));
                out.println();
                for (String problem : report.problems()) {
                    failures.add(method + " (" + form + ") " + problem);
                }
            }
        }
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

    private String pointText() {
        List<String> coordinates = Arrays.stream(point).mapToObj(Example::fmt).toList();
        String text = params.length == 1
                ? params[0] + " = " + coordinates.get(0)
                : "(" + String.join(", ", params) + ") = (" + String.join(", ", coordinates) + ")";
        return fixed.isEmpty() ? text : text + ", with " + fixed;
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
