package io.github.sourcegrad.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH result file written with {@code -rf csv} into the ratio tables of the README: per function,
 * the generated gradient against the primal and the hand-written one, every peer against the generated
 * gradient, the allocation of the generated forms, and the compile-time cost per method; for the functions of
 * arrays, the same ratios against each variant's own primal and the fastest peer, and the {@code ArrayMath}
 * products against their alternatives.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.github.sourcegrad.benchmarks.RatioTable jmh.csv}
 */
public final class RatioTable {

    private static final String[] FUNCTIONS = {"F", "Exercise", "MlpLoss", "LogPoly", "BlackScholes",
        "BundleAdjustment", "Recurrence", "HuberSum", "NewtonSqrt", "BranchyBlackScholes", "LogisticLoss"};
    private static final String[] PEERS = {"hipparchusGradient", "hipparchusDS", "commonsMathDS", "finmathAAD",
        "finiteDifferences"};
    /**
     * The rows of the arrays table: {row label, benchmark (function), primal variant, generated variant}; the
     * two-layer network's vectorized and loop versions share the hand-written gradient and the peers.
     */
    private static final String[][] ARRAY_ROWS = {{"TwoLayer (ArrayMath)", "TwoLayer", "primal", "generated"},
        {"TwoLayer (loops)", "TwoLayer", "primalLoops", "generatedLoops"},
        {"MlpBatch (ArrayMath)", "MlpBatch", "primal", "generated"},
        {"NestedNetwork (loop nest)", "NestedNetwork", "primal", "generated"},
        {"LennardJones (pair loop)", "LennardJones", "primal", "generated"}};
    /** The rows of the products table: {label, {@code ArrayMath} variant, alternative} of {@link MatmulBenchmark}. */
    private static final String[][] PRODUCT_ROWS = {{"a b: matmul (i-k-j) vs naive (i-j-k)", "matmul", "naive"},
        {"aᵀb: transposedTimes vs matmul(transpose(a), b)", "transposedTimes", "transposeThenMatmul"},
        {"a bᵀ: timesTransposed vs matmul(a, transpose(b))", "timesTransposed", "matmulTransposed"}};

    private RatioTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RatioTable <JMH result file written with -rf csv>");
            System.exit(2);
        }
        Map<String, double[]> scores = read(Path.of(args[0]));
        System.out.println(table(scores));
    }

    /**
     * {@code "FBenchmark.generated"} (and {@code ...:gc.alloc.rate.norm}) to {score, error, first parameter or
     * NaN}. A benchmark with parameters is also under its name with {@code "@"} and its parameters' values,
     * comma-separated: {@code "MatmulBenchmark.naive@256"}.
     */
    static Map<String, double[]> read(Path csv) throws IOException {
        Map<String, double[]> scores = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            String name = cells.get(0);
            int colon = name.indexOf(':');
            String method = colon < 0 ? name : name.substring(0, colon);
            name = name.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            // the "Param: ..." columns: a benchmark's own parameters are the non-empty cells
            List<String> params = cells.subList(Math.min(7, cells.size()), cells.size()).stream()
                    .filter(c -> !c.isEmpty()).toList();
            double param = params.isEmpty() ? Double.NaN : number(params.get(0));
            double[] score = {parse(cells.get(4)), parse(cells.get(5)), param};
            // a benchmark run at several parameters keeps its first under its plain name (the default of
            // MlpBatchBenchmark's size, 64/16, which the tables compare with the earlier runs)
            scores.putIfAbsent(name, score);
            if (!params.isEmpty()) {
                scores.put(name + "@" + String.join(",", params), score);
            }
        }
        return scores;
    }

    /** A numeric parameter's value, NaN for another ({@code "64/16"}). */
    private static double number(String cell) {
        try {
            return parse(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double parse(String cell) {
        return cell.isEmpty() || cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    static String table(Map<String, double[]> s) {
        StringBuilder out = new StringBuilder();
        // a run of some benchmarks only (the loops, the arrays) may have no row for these tables: leave them out
        boolean scalars = Arrays.stream(FUNCTIONS).anyMatch(f -> !Double.isNaN(score(s, f, "generated")));
        if (scalars) {
            out.append("| function | primal ns | generated ns | record ns | hand ns | generated / primal"
                    + " | generated / hand | record / hand | generated B/op | record B/op |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        }
        for (String f : FUNCTIONS) {
            if (Double.isNaN(score(s, f, "generated"))) {
                continue;   // not in this run (a run of some benchmarks only)
            }
            double primal = score(s, f, "primal");
            double generated = score(s, f, "generated");
            double record = score(s, f, "generatedRecord");
            double hand = score(s, f, "handWritten");
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %s | %s |%n",
                    f, primal, generated, record, hand, generated / primal, generated / hand, record / hand,
                    bytes(s, f, "generated"), bytes(s, f, "generatedRecord")));
        }
        if (scalars) {
            out.append("\n| function | ");
            out.append(String.join(" / generated | ", PEERS)).append(" / generated |\n|---|");
            out.append("---:|".repeat(PEERS.length)).append('\n');
        }
        for (String f : FUNCTIONS) {
            double generated = score(s, f, "generated");
            if (Double.isNaN(generated)) {
                continue;
            }
            out.append("| ").append(f).append(" |");
            for (String peer : PEERS) {
                double peerScore = score(s, f, peer);
                // the loop benchmarks have no Commons Math or finmath-lib variant
                out.append(Double.isNaN(peerScore) ? " – |"
                        : String.format(Locale.ROOT, " %.1f |", peerScore / generated));
            }
            out.append('\n');
        }
        out.append(arrayTables(s));
        double without = score(s, "CompileTime", "javac");
        double with = score(s, "CompileTime", "javacWithSourceGrad");
        if (!Double.isNaN(without) && !Double.isNaN(with)) {
            double methods = s.get("CompileTimeBenchmark.javac")[2];
            out.append(String.format(Locale.ROOT, "%njavac, %.0f methods: %.1f ms without the processor, %.1f ms with it:"
                    + " %.2f ms added per method%n", methods, without, with, (with - without) / methods));
        }
        return out.toString();
    }

    /**
     * The functions of arrays: per {@link #ARRAY_ROWS row}, the generated gradient against its own primal and
     * the hand-written one, the allocation of both, and the fastest peer against it; then the
     * {@link MatmulBenchmark} products at each size (empty if none of them ran).
     */
    static String arrayTables(Map<String, double[]> s) {
        StringBuilder out = new StringBuilder();
        boolean header = false;
        for (String[] row : ARRAY_ROWS) {
            String f = row[1];
            double generated = score(s, f, row[3]);
            if (Double.isNaN(generated)) {
                continue;
            }
            if (!header) {
                out.append("\n| function | primal ns | generated ns | hand ns | generated / primal | generated / hand"
                        + " | generated B/op | hand B/op | fastest peer / generated |\n");
                out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
                header = true;
            }
            double primal = score(s, f, row[2]);
            double hand = score(s, f, "handWritten");
            String fastest = "–";
            double fastestScore = Double.POSITIVE_INFINITY;
            for (String peer : PEERS) {
                double peerScore = score(s, f, peer);
                if (peerScore < fastestScore) {     // false for NaN: a peer that did not run
                    fastestScore = peerScore;
                    fastest = String.format(Locale.ROOT, "%.1f (%s)", peerScore / generated, peer);
                }
            }
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f | %.2f | %s | %s | %s |%n", row[0],
                    primal, generated, hand, generated / primal, generated / hand, bytes(s, f, row[3]),
                    bytes(s, f, "handWritten"), fastest));
        }
        header = false;
        for (String size : productSizes(s)) {
            for (String[] row : PRODUCT_ROWS) {
                double reference = score(s, "Matmul", row[1] + "@" + size);
                double alternative = score(s, "Matmul", row[2] + "@" + size);
                if (Double.isNaN(reference) && Double.isNaN(alternative)) {
                    continue;
                }
                if (!header) {
                    out.append("\n| product | size | ArrayMath µs | alternative µs | alternative / ArrayMath"
                            + " | ArrayMath B/op | alternative B/op |\n");
                    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
                    header = true;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %s | %s |%n", row[0], size,
                        reference, alternative, alternative / reference, bytes(s, "Matmul", row[1] + "@" + size),
                        bytes(s, "Matmul", row[2] + "@" + size)));
            }
        }
        return out.toString();
    }

    /** The sizes {@link MatmulBenchmark} ran at, in increasing order. */
    private static List<String> productSizes(Map<String, double[]> s) {
        String prefix = "MatmulBenchmark.";
        return s.keySet().stream().filter(k -> k.startsWith(prefix) && k.indexOf('@') > 0 && k.indexOf(':') < 0)
                .map(k -> k.substring(k.indexOf('@') + 1)).distinct()
                .sorted(Comparator.comparingInt(Integer::parseInt)).toList();
    }

    private static double score(Map<String, double[]> s, String function, String variant) {
        double[] v = s.get(function + "Benchmark." + variant);
        return v == null ? Double.NaN : v[0];
    }

    /** The bytes allocated per call of {@code variant}, which may end in {@code "@"} and parameters. */
    private static String bytes(Map<String, double[]> s, String function, String variant) {
        int at = variant.indexOf('@');
        String key = at < 0 ? variant + ":gc.alloc.rate.norm"
                : variant.substring(0, at) + ":gc.alloc.rate.norm" + variant.substring(at);
        double[] v = s.get(function + "Benchmark." + key);
        return v == null ? "?" : String.format(Locale.ROOT, "%.0f", v[0] < 0.5 ? 0 : v[0]);
    }
}
