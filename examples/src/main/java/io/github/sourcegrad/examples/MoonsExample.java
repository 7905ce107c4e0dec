package io.github.sourcegrad.examples;

import io.github.sourcegrad.GradientCheck;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training example of {@link Main}: checks the gradients SourceGrad generated for {@link Mlp} at the
 * initial weights (against finite differences, between the two forms, and between the loop-written and the
 * vectorized loss), then trains the network on {@link TwoMoons} with {@link MoonsTraining} and prints the
 * loss as it falls. Everything it finds wrong goes into the failures that end {@code Main} with an error.
 */
final class MoonsExample {

    /** The accuracy on the training data that training must reach. */
    static final double REQUIRED_ACCURACY = 0.95;
    /** Print the loss every this many epochs. */
    static final int REPORT_EVERY = 20;

    private final List<String> failures = new ArrayList<>();
    private int functionsChecked;
    private int partialsChecked;

    private MoonsExample() {
    }

    /** What the example checked, for {@code Main}'s summary, and what disagreed. */
    record Outcome(List<String> failures, int functionsChecked, int partialsChecked) {
    }

    static Outcome run(PrintStream out) {
        MoonsExample example = new MoonsExample();
        example.print(out);
        return new Outcome(List.copyOf(example.failures), example.functionsChecked, example.partialsChecked);
    }

    private void print(PrintStream out) {
        TwoMoons data = TwoMoons.standard();
        double[][] X = data.points();
        double[][] T = data.signedTargets();
        MoonsTraining.Weights start = MoonsTraining.Weights.initial(MoonsTraining.HIDDEN, MoonsTraining.WEIGHT_SEED);

        out.println("Mlp.loss is a 2-16-1 tanh network's mean binary cross-entropy over a minibatch, one");
        out.println("@Differentiable method in the vectorized style of the lecture:");
        out.println();
        out.println("    double[][] H = tanh(addRow(matmul(X, W1), b1));");
        out.println("    double[][] Z = addRow(matmul(H, W2), b2);");
        out.println("    double[][] S = multiply(T, Z);                  // margins t z, t = +1 or -1");
        out.println("    double[][] losses = softplus(negate(S));        // -log sigmoid(s) = log(1 + e^-s)");
        out.println("    return sum(losses) / X.length;");
        out.println();
        out.printf(Locale.ROOT, "Data: two moons (TwoMoons), %d points, %d of each class, Gaussian noise %s, seed %d.%n",
                data.size(), data.size() / 2, Example.fmt(TwoMoons.STANDARD_NOISE), TwoMoons.STANDARD_SEED);
        out.printf(Locale.ROOT, "Parameters: W1 %s, b1 %d, W2 %s, b2 %d (%d in all).%n", shape(start.W1()),
                start.b1().length, shape(start.W2()), start.b2().length, start.count());
        out.println();

        // 1. The generated gradient at the initial weights, against finite differences.
        out.println("The gradient at the initial weights (seed " + MoonsTraining.WEIGHT_SEED
                + "), each partial derivative checked by GradientCheck:");
        out.println();
        GradientCheck.Report batch = GradientCheck.of(
                        p -> {
                            MoonsTraining.Weights w = start.unflatten(p);
                            return Mlp.loss(X, T, w.W1(), w.b1(), w.W2(), w.b2());
                        },
                        (p, grad) -> {
                            MoonsTraining.Weights w = start.unflatten(p);
                            MoonsTraining.Weights g = w.zeros();
                            double value = MlpGrad.dloss(X, T, w.W1(), w.b1(), w.W2(), w.b2(),
                                    g.W1(), g.b1(), g.W2(), g.b2());
                            System.arraycopy(g.flatten(), 0, grad, 0, grad.length);
                            return value;
                        })
                .names(names(start))
                .at(start.flatten());
        int example = 0;
        double[] x0 = X[example];
        double t0 = T[example][0];
        GradientCheck.Report single = GradientCheck.of(
                        p -> {
                            MoonsTraining.Weights w = start.unflatten(p);
                            return Mlp.exampleLoss(x0, t0, w.W1(), w.b1(), w.W2(), w.b2());
                        },
                        (p, grad) -> {
                            MoonsTraining.Weights w = start.unflatten(p);
                            MoonsTraining.Weights g = w.zeros();
                            double value = MlpGrad.dexampleLoss(x0, t0, w.W1(), w.b1(), w.W2(), w.b2(),
                                    g.W1(), g.b1(), g.W2(), g.b2());
                            System.arraycopy(g.flatten(), 0, grad, 0, grad.length);
                            return value;
                        })
                .names(names(start))
                .at(start.flatten());
        out.printf(Locale.ROOT, "  %-38s %-8s%9s%16s%16s%16s%n", "", "", "partials", "largest |grad|",
                "largest error", "error/allowed");
        blockTable(out, "Mlp.loss, all " + data.size() + " points (vectorized)", batch, start);
        blockTable(out, "Mlp.exampleLoss, point " + example + " (loops)", single, start);
        out.println("  (error: |SourceGrad - finite difference|; allowed: GradientCheck's bound for that partial;");
        out.println("  a partial passes when error/allowed is at most 1)");
        out.println();

        // 2. The record form, the buffer form, and the loop-written loss against the vectorized one.
        MlpGrad.LossGradient record = MlpGrad.dloss(X, T, start.W1(), start.b1(), start.W2(), start.b2());
        MoonsTraining.Weights buffers = start.zeros();
        double value = MlpGrad.dloss(X, T, start.W1(), start.b1(), start.W2(), start.b2(),
                buffers.W1(), buffers.b1(), buffers.W2(), buffers.b2());
        double formsDifference = Math.max(Math.abs(value - record.value()),
                largestDifference(flatten(record), buffers.flatten()));
        agree(out, "the record form dloss(X, T, W1, b1, W2, b2) and the buffer form", formsDifference);

        double[] mean = new double[start.count()];
        double worstSingle = 0;
        MoonsTraining.Weights g = start.zeros();
        for (int i = 0; i < data.size(); i++) {
            double[][] xi = {X[i]};
            double[][] ti = {T[i]};
            MlpGrad.LossGradient vectorized = MlpGrad.dloss(xi, ti, start.W1(), start.b1(), start.W2(), start.b2());
            double loops = MlpGrad.dexampleLoss(X[i], T[i][0], start.W1(), start.b1(), start.W2(), start.b2(),
                    g.W1(), g.b1(), g.W2(), g.b2());
            double[] perExample = g.flatten();
            worstSingle = Math.max(worstSingle, Math.max(relativeDifference(loops, vectorized.value()),
                    largestDifference(perExample, flatten(vectorized))));
            for (int k = 0; k < mean.length; k++) {
                mean[k] += perExample[k] / data.size();
            }
        }
        agree(out, "dexampleLoss (loops) and dloss on a batch of that one point, at each of the " + data.size(),
                worstSingle);
        agree(out, "the mean of the " + data.size() + " dexampleLoss gradients and dloss on all of them",
                largestDifference(mean, flatten(record)));
        out.println();

        // 3. Training with the generated gradient.
        train(out, data);
    }

    private void train(PrintStream out, TwoMoons data) {
        out.printf(Locale.ROOT, "Training: plain SGD, minibatches of %d (the examples shuffled each epoch, seed %d), "
                + "learning rate %s,%n%d epochs. Each step is one call of the buffer form, into the same four "
                + "gradient arrays:%n", MoonsTraining.BATCH_SIZE, MoonsTraining.SHUFFLE_SEED,
                Example.fmt(MoonsTraining.LEARNING_RATE), MoonsTraining.EPOCHS);
        out.println();
        out.println("    MlpGrad.dloss(xb, tb, W1, b1, W2, b2, gradW1, gradB1, gradW2, gradB2);");
        out.println("    W1 -= rate * gradW1; b1 -= rate * gradB1; ...");
        out.println();

        MoonsTraining.Result result = MoonsTraining.train(data, REPORT_EVERY);

        out.printf(Locale.ROOT, "%9s%12s%12s%n", "epoch", "loss", "accuracy");
        for (MoonsTraining.Epoch epoch : result.log()) {
            out.printf(Locale.ROOT, "%9d%12.6f%11.1f%%%n", epoch.epoch(), epoch.loss(), 100 * epoch.accuracy());
        }
        out.println();

        MoonsTraining.Epoch first = result.first();
        MoonsTraining.Epoch last = result.last();
        List<String> problems = new ArrayList<>();
        if (!(last.loss() < first.loss() / 4)) {
            problems.add(String.format(Locale.ROOT, "training: the loss went from %.6f to %.6f, not below a quarter",
                    first.loss(), last.loss()));
        }
        if (!(last.accuracy() > REQUIRED_ACCURACY)) {
            problems.add(String.format(Locale.ROOT, "training: the accuracy is %.1f%%, not above %.0f%%",
                    100 * last.accuracy(), 100 * REQUIRED_ACCURACY));
        }
        int correct = (int) Math.round(last.accuracy() * data.size());
        out.printf(Locale.ROOT, "%s: %d steps; the loss fell from %.4f to %.4f; training accuracy %.1f%% "
                + "(%d of %d; required: above %.0f%%)%n", problems.isEmpty() ? "ok" : "FAILED", result.steps(),
                first.loss(), last.loss(), 100 * last.accuracy(), correct, data.size(), 100 * REQUIRED_ACCURACY);
        out.println();
        failures.addAll(problems);
    }

    /** One row per parameter array: how many partials, the largest gradient, the largest error. */
    private void blockTable(PrintStream out, String label, GradientCheck.Report report, MoonsTraining.Weights shapes) {
        functionsChecked++;
        partialsChecked += report.partials().size();
        String[] blocks = {"W1", "b1", "W2", "b2"};
        String[] blockShapes = {shape(shapes.W1()), Integer.toString(shapes.b1().length), shape(shapes.W2()),
                Integer.toString(shapes.b2().length)};
        boolean firstRow = true;
        for (int b = 0; b < blocks.length; b++) {
            int count = 0;
            double largest = 0;
            double error = 0;
            double ratio = 0;
            boolean passed = true;
            for (GradientCheck.Partial p : report.partials()) {
                if (!p.name().startsWith(blocks[b] + "[")) {
                    continue;
                }
                count++;
                largest = Math.max(largest, Math.abs(p.analytic()));
                error = Math.max(error, p.absoluteError());
                ratio = Math.max(ratio, p.allowed() > 0 ? p.absoluteError() / p.allowed() : Double.POSITIVE_INFINITY);
                passed &= p.passed();
            }
            out.printf(Locale.ROOT, "  %-38s %-2s %-5s%9d%16.3e%16.1e%16.1e  %s%n", firstRow ? label : "",
                    blocks[b], blockShapes[b], count, largest, error, ratio, passed ? "ok" : "FAILED");
            firstRow = false;
        }
        if (!report.passed()) {
            out.println();
            report.toString().lines().forEach(line -> out.println(("    " + line).stripTrailing()));
            out.println();
            for (String problem : report.problems()) {
                failures.add(label + ": " + problem);
            }
        }
    }

    /** Prints that two computations agree to {@code difference}, or records that they do not. */
    private void agree(PrintStream out, String what, double difference) {
        boolean ok = difference <= Example.FORMS_TOLERANCE;
        out.printf(Locale.ROOT, "  %-8s %s: largest difference %.1e (allowed %.0e)%n", ok ? "agree" : "DIFFER",
                what, difference, Example.FORMS_TOLERANCE);
        if (!ok) {
            failures.add(String.format(Locale.ROOT, "%s differ by %.1e", what, difference));
        }
    }

    private static String[] names(MoonsTraining.Weights w) {
        String[] names = new String[w.count()];
        for (int i = 0; i < names.length; i++) {
            names[i] = w.name(i);
        }
        return names;
    }

    private static double[] flatten(MlpGrad.LossGradient g) {
        return new MoonsTraining.Weights(g.dW1(), g.db1(), g.dW2(), g.db2()).flatten();
    }

    /** The largest {@code |a[i] - b[i]| / max(1, |b[i]|)}. */
    private static double largestDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, relativeDifference(a[i], b[i]));
        }
        return largest;
    }

    private static double relativeDifference(double a, double b) {
        double d = Math.abs(a - b) / Math.max(1, Math.abs(b));
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    private static String shape(double[][] m) {
        return m.length + "x" + m[0].length;
    }
}
