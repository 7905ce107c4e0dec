package io.github.sourcegrad.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH result file written with {@code -rf csv} into the ratio tables of the README: per function,
 * the generated gradient against the primal and the hand-written one, every peer against the generated
 * gradient, the allocation of the generated forms, and the compile-time cost per method.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.github.sourcegrad.benchmarks.RatioTable jmh.csv}
 */
public final class RatioTable {

    private static final String[] FUNCTIONS = {"F", "Exercise", "MlpLoss", "LogPoly", "BlackScholes",
        "BundleAdjustment", "Recurrence", "HuberSum", "NewtonSqrt"};
    private static final String[] PEERS = {"hipparchusGradient", "hipparchusDS", "commonsMathDS", "finmathAAD",
        "finiteDifferences"};

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
     * NaN}.
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
            double param = cells.size() > 7 && !cells.get(7).isEmpty() ? parse(cells.get(7)) : Double.NaN;
            scores.put(name, new double[] {parse(cells.get(4)), parse(cells.get(5)), param});
        }
        return scores;
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
        out.append("| function | primal ns | generated ns | record ns | hand ns | generated / primal | generated / hand"
                + " | record / hand | generated B/op | record B/op |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
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
        out.append("\n| function | ");
        out.append(String.join(" / generated | ", PEERS)).append(" / generated |\n|---|");
        out.append("---:|".repeat(PEERS.length)).append('\n');
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
        double without = score(s, "CompileTime", "javac");
        double with = score(s, "CompileTime", "javacWithSourceGrad");
        if (!Double.isNaN(without) && !Double.isNaN(with)) {
            double methods = s.get("CompileTimeBenchmark.javac")[2];
            out.append(String.format(Locale.ROOT, "%njavac, %.0f methods: %.1f ms without the processor, %.1f ms with it:"
                    + " %.2f ms added per method%n", methods, without, with, (with - without) / methods));
        }
        return out.toString();
    }

    private static double score(Map<String, double[]> s, String function, String variant) {
        double[] v = s.get(function + "Benchmark." + variant);
        return v == null ? Double.NaN : v[0];
    }

    private static String bytes(Map<String, double[]> s, String function, String variant) {
        double[] v = s.get(function + "Benchmark." + variant + ":gc.alloc.rate.norm");
        return v == null ? "?" : String.format(Locale.ROOT, "%.0f", v[0] < 0.5 ? 0 : v[0]);
    }
}
