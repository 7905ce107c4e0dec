package io.github.sourcegrad.examples;

import io.github.sourcegrad.GradientCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs every example: prints each generated gradient beside a finite difference and the numbers of the
 * lecture (or a hand derivation, or a closed form), including a branch and loops ({@link ControlFlow}),
 * trains {@link Slides#mlpLoss} for a few steps with the zero-allocation form, trains a small network
 * ({@link Mlp}) on two moons with minibatch SGD ({@link MoonsExample}), and shows the source SourceGrad
 * wrote for {@link Slides#f}, for the loop of {@link ControlFlow#newtonSqrt} and for the network's loss.
 * Ends with an exception, failing the build, if anything disagrees.
 */
public final class Main {

    private static final String SLIDES = "slides";
    private static final String NOTES = "notes";
    private static final String BY_HAND = "by hand";
    private static final String CLOSED_FORM = "closed form";

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        List<String> failures = new ArrayList<>();

        out.println();
        out.println("SourceGrad examples");
        out.println("===================");
        out.println("Every gradient below was written as plain Java source by the SourceGrad annotation processor");
        out.println("when this module compiled. Each is checked with GradientCheck against central finite differences");
        out.println("of the original method and against the numbers of the lecture (slides: \"Backpropagation and");
        out.println("Computational Graphs\"; notes: \"Computational Graphs and the Chain Rule\"), a derivation");
        out.println("by hand, or a closed form.");

        List<Example> lecture = lectureChecks();
        List<Example> calls = callChecks();
        List<Example> controlFlow = controlFlowChecks();
        List<Example> all = Stream.of(lecture, calls, controlFlow).flatMap(List::stream).toList();
        int count = all.size();
        int index = 0;

        heading(out, "The lecture's functions: Slides -> SlidesGrad");
        for (Example check : lecture) {
            failures.addAll(check.run(out, ++index, count));
        }
        heading(out, "Calls between differentiable methods: Activations, Neuron -> ActivationsGrad, NeuronGrad");
        for (Example check : calls) {
            failures.addAll(check.run(out, ++index, count));
        }
        heading(out, "Branches and loops: ControlFlow -> ControlFlowGrad");
        for (Example check : controlFlow) {
            failures.addAll(check.run(out, ++index, count));
        }

        heading(out, "Training: gradient descent on Slides.mlpLoss with the zero-allocation form");
        failures.addAll(descend(out));

        heading(out, "Training a network: Mlp.loss on two moons, minibatch SGD with MlpGrad.dloss");
        MoonsExample.Outcome moons = MoonsExample.run(out);
        failures.addAll(moons.failures());

        heading(out, "Optimisers nobody here wrote: Hipparchus with FittingGrad's objective and Jacobian");
        failures.addAll(Optimisers.run(out));

        heading(out, "Derivatives given by hand: SpecialFunctions' @CustomDerivative methods -> SpecialFunctionsGrad");
        failures.addAll(CustomDerivativesExample.run(out));

        heading(out, "What SourceGrad wrote: SlidesGrad.df, the gradient of Slides.f");
        showGeneratedSource(out, SlidesGrad.class, "df");

        heading(out, "What SourceGrad wrote for a loop: ControlFlowGrad.dnewtonSqrt");
        out.println("The forward pass is the while loop, counting its trips and taping the x each step overwrites;");
        out.println("the backward pass runs the trips in reverse, popping x back. (dhuber and drecurrence are in");
        out.println("the same file.)");
        out.println();
        showGeneratedSource(out, ControlFlowGrad.class, "dnewtonSqrt");

        heading(out, "What SourceGrad wrote for the network: MlpGrad.dloss");
        out.println("One ArrayMath call per line of Mlp.loss forward; backward, each operation's adjoint rule on");
        out.println("whole arrays: dH = dZ W2^T (timesTransposed), dW2 = H^T dZ (transposedTimes), db2 = the column");
        out.println("sums of dZ (sumRows), tanh's (1 - H^2) (oneMinusSquare). dexampleLoss, the same network");
        out.println("written with loops, is in the same file.");
        out.println();
        showGeneratedSource(out, MlpGrad.class, "dloss");

        int partials = 0;
        int withExpected = 0;
        Set<String> functions = new LinkedHashSet<>();
        for (Example check : all) {
            partials += check.partialsChecked();
            withExpected += check.partialsWithExpected();
            functions.add(check.method());
        }

        heading(out, "Summary");
        // The network's two losses, each checked at one point (MoonsExample prints a row per parameter array).
        int functionCount = functions.size() + moons.functionsChecked();
        int points = count + moons.functionsChecked();
        partials += moons.partialsChecked();
        String checked = functionCount == points ? points + " functions"
                : functionCount + " functions at " + points + " points";
        out.printf(Locale.ROOT, "%s, %d partial derivatives, each compared with a finite difference "
                + "by GradientCheck%n(both forms; relative tolerance %.0e, the default);%n", checked, partials,
                GradientCheck.DEFAULT_RELATIVE_TOLERANCE);
        out.printf(Locale.ROOT, "%d of them also with the lecture, a hand derivation or a closed form "
                + "(tolerance %.0e).%n", withExpected, Example.EXPECTED_TOLERANCE);
        if (failures.isEmpty()) {
            out.println("All agree.");
            out.println();
            return;
        }
        out.println(failures.size() + " disagreement(s):");
        for (String failure : failures) {
            out.println("  - " + failure);
        }
        out.println();
        throw new IllegalStateException("SourceGrad examples: " + failures.size()
                + " check(s) failed:\n  - " + String.join("\n  - ", failures));
    }

    /**
     * The functions of the lecture, at the lecture's points. Each lambda takes the point of the checked
     * parameters; arguments that are not differentiated are fixed inside it, as in a user's test.
     */
    private static List<Example> lectureChecks() {
        return List.of(
                Example.of("Slides.f", "f(x, y) = 1 / (y + e^-x)")
                        .from("slides: \"Forward Pass Example\", \"Some Gradient Notation\"")
                        .params("x", "y").at(0, 1)
                        .function(p -> Slides.f(p[0], p[1]))
                        .gradient(p -> SlidesGrad.df(p[0], p[1]), r -> r.value(), r -> r.dx(), r -> r.dy())
                        .gradientInto((p, grad) -> SlidesGrad.df(p[0], p[1], grad))
                        .expectValue(SLIDES, 0.5)
                        .expectGradient(SLIDES, 0.25, -0.25),

                Example.of("Slides.g", "g(x, y, z) = [max(3x, 0) - y]^2 + z")
                        .from("slides: the exercise, forward and backward pass")
                        .params("x", "y", "z").at(1, 0, -2)
                        .function(p -> Slides.g(p[0], p[1], p[2]))
                        .gradient(p -> SlidesGrad.dg(p[0], p[1], p[2]),
                                r -> r.value(), r -> r.dx(), r -> r.dy(), r -> r.dz())
                        .gradientInto((p, grad) -> SlidesGrad.dg(p[0], p[1], p[2], grad))
                        .expectValue(SLIDES, 7)
                        .expectGradient(BY_HAND, 18, -6, 1),

                Example.of("Slides.mlpLoss", "L = [max(max(w1 x + b1, 0) w2 + b2, 0) - y]^2")
                        .from("slides: \"Goal For Today's Class\", the point L(2, 10, -1, 4, 3, 1)")
                        .params("w1", "b1", "w2", "b2").at(-1, 4, 3, 1).fixed("data x = 2, y = 10")
                        .function(p -> Slides.mlpLoss(2, 10, p[0], p[1], p[2], p[3]))
                        .gradient(p -> SlidesGrad.dmlpLoss(2, 10, p[0], p[1], p[2], p[3]),
                                r -> r.value(), r -> r.dw1(), r -> r.db1(), r -> r.dw2(), r -> r.db2())
                        .gradientInto((p, grad) -> SlidesGrad.dmlpLoss(2, 10, p[0], p[1], p[2], p[3], grad))
                        .expectValue(BY_HAND, 9)
                        .expectGradient(BY_HAND, -36, -18, -12, -6),

                Example.of("Slides.logOfPolynomial", "z = log(3x^2 + 5xy)")
                        .from("notes: 1.6.4 and 1.6.6 (PyTorch prints 3.7377, 0.6429, 0.2381)")
                        .params("x", "y").at(2, 3)
                        .function(p -> Slides.logOfPolynomial(p[0], p[1]))
                        .gradient(p -> SlidesGrad.dlogOfPolynomial(p[0], p[1]), r -> r.value(), r -> r.dx(), r -> r.dy())
                        .gradientInto((p, grad) -> SlidesGrad.dlogOfPolynomial(p[0], p[1], grad))
                        .expectValue(NOTES, Math.log(42))
                        .expectGradient(NOTES, 27.0 / 42, 10.0 / 42),

                Example.of("Slides.fanOut", "w = x^2 + 3x")
                        .from("slides: \"Handling Multiple Gradients\" (no point given; dw/dx = 2x + 3)")
                        .params("x").at(2)
                        .function(p -> Slides.fanOut(p[0]))
                        .gradient(p -> SlidesGrad.dfanOut(p[0]), r -> r.value(), r -> r.dx())
                        .gradientInto((p, grad) -> SlidesGrad.dfanOut(p[0], grad))
                        .expectValue(BY_HAND, 10)
                        .expectGradient(BY_HAND, 7),

                Example.of("Slides.sumTimes", "w = (x + y) z")
                        .from("slides: \"Functions of > 1 Variable\", at f(1, 2, -3)")
                        .params("x", "y", "z").at(1, 2, -3)
                        .function(p -> Slides.sumTimes(p[0], p[1], p[2]))
                        .gradient(p -> SlidesGrad.dsumTimes(p[0], p[1], p[2]),
                                r -> r.value(), r -> r.dx(), r -> r.dy(), r -> r.dz())
                        .gradientInto((p, grad) -> SlidesGrad.dsumTimes(p[0], p[1], p[2], grad))
                        .expectValue(BY_HAND, -9)
                        .expectGradient(BY_HAND, -3, -3, 3),

                Example.of("Slides.logOfSquaredExp", "w = log([e^x]^2)")
                        .from("slides: \"Example with Del Notation\", at x = 0")
                        .params("x").at(0)
                        .function(p -> Slides.logOfSquaredExp(p[0]))
                        .gradient(p -> SlidesGrad.dlogOfSquaredExp(p[0]), r -> r.value(), r -> r.dx())
                        .gradientInto((p, grad) -> SlidesGrad.dlogOfSquaredExp(p[0], grad))
                        .expectValue(BY_HAND, 0)
                        .expectGradient(BY_HAND, 2),

                Example.of("Slides.reciprocalOfExp", "w = 1 / e^-x")
                        .from("slides: \"Forward Example\", \"Backward Example\", at x = 0")
                        .params("x").at(0)
                        .function(p -> Slides.reciprocalOfExp(p[0]))
                        .gradient(p -> SlidesGrad.dreciprocalOfExp(p[0]), r -> r.value(), r -> r.dx())
                        .gradientInto((p, grad) -> SlidesGrad.dreciprocalOfExp(p[0], grad))
                        .expectValue(BY_HAND, 1)
                        .expectGradient(SLIDES, 1));
    }

    /** Functions that call other differentiable functions, checked against closed forms. */
    private static List<Example> callChecks() {
        double s1 = sigmoid(1);

        // Neuron.loss at (x, y, w, b) = (1.5, 1, 0.5, -0.25): z = 0.5, and dL/dz = 2 (p - y) p (1 - p).
        double p = sigmoid(0.5);
        double dz = 2 * (p - 1) * p * (1 - p);

        // Neuron.tinyNetLoss at (2, 1, 0.5, -0.5, 1.5, -1): h = relu(0.5) = 0.5, p = sigmoid(-0.25);
        // cross-entropy after a sigmoid gives dL/dz2 = p - y, and the ReLU is open.
        double h = 0.5;
        double q = sigmoid(1.5 * h - 1);
        double dz2 = q - 1;
        double dz1 = dz2 * 1.5;

        return List.of(
                Example.of("Activations.sigmoid", "sigmoid(z) = 1 / (1 + e^-z)")
                        .from("closed form: sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))")
                        .params("z").at(0)
                        .function(v -> Activations.sigmoid(v[0]))
                        .gradient(v -> ActivationsGrad.dsigmoid(v[0]), r -> r.value(), r -> r.dz())
                        .gradientInto((v, grad) -> ActivationsGrad.dsigmoid(v[0], grad))
                        .expectValue(CLOSED_FORM, 0.5)
                        .expectGradient(CLOSED_FORM, 0.25),

                Example.of("Activations.swish", "swish(z) = z sigmoid(z)")
                        .from("calls sigmoid; closed form: sigmoid(z) + z sigmoid(z) (1 - sigmoid(z))")
                        .params("z").at(1)
                        .function(v -> Activations.swish(v[0]))
                        .gradient(v -> ActivationsGrad.dswish(v[0]), r -> r.value(), r -> r.dz())
                        .gradientInto((v, grad) -> ActivationsGrad.dswish(v[0], grad))
                        .expectValue(CLOSED_FORM, s1)
                        .expectGradient(CLOSED_FORM, s1 + s1 * (1 - s1)),

                Example.of("Neuron.loss", "L = (sigmoid(w x + b) - y)^2")
                        .from("calls Activations.sigmoid; closed form: dL/dw = 2 (p - y) p (1 - p) x")
                        .params("w", "b").at(0.5, -0.25).fixed("data x = 1.5, y = 1")
                        .function(v -> Neuron.loss(1.5, 1, v[0], v[1]))
                        .gradient(v -> NeuronGrad.dloss(1.5, 1, v[0], v[1]), r -> r.value(), r -> r.dw(), r -> r.db())
                        .gradientInto((v, grad) -> NeuronGrad.dloss(1.5, 1, v[0], v[1], grad))
                        .expectValue(CLOSED_FORM, (p - 1) * (p - 1))
                        .expectGradient(CLOSED_FORM, dz * 1.5, dz),

                Example.of("Neuron.tinyNetLoss", "L = BCE(sigmoid(w2 relu(w1 x + b1) + b2), y)")
                        .from("calls relu and sigmoid; closed form: dL/dz2 = p - y")
                        .params("w1", "b1", "w2", "b2").at(0.5, -0.5, 1.5, -1).fixed("data x = 2, y = 1")
                        .function(v -> Neuron.tinyNetLoss(2, 1, v[0], v[1], v[2], v[3]))
                        .gradient(v -> NeuronGrad.dtinyNetLoss(2, 1, v[0], v[1], v[2], v[3]),
                                r -> r.value(), r -> r.dw1(), r -> r.db1(), r -> r.dw2(), r -> r.db2())
                        .gradientInto((v, grad) -> NeuronGrad.dtinyNetLoss(2, 1, v[0], v[1], v[2], v[3], grad))
                        .expectValue(CLOSED_FORM, -Math.log(q))
                        .expectGradient(CLOSED_FORM, dz1 * 2, dz1, dz2 * h, dz2),

                Example.of("Neuron.batchShare", "(loss(x, y, w, b) + 0.01 w^2) / batchSize")
                        .from("calls Neuron.loss; int parameter batchSize, constant WEIGHT_DECAY")
                        .params("w", "b").at(0.5, -0.25).fixed("data x = 1.5, y = 1, batchSize = 4")
                        .function(v -> Neuron.batchShare(1.5, 1, v[0], v[1], 4))
                        .gradient(v -> NeuronGrad.dbatchShare(1.5, 1, v[0], v[1], 4),
                                r -> r.value(), r -> r.dw(), r -> r.db())
                        .gradientInto((v, grad) -> NeuronGrad.dbatchShare(1.5, 1, v[0], v[1], 4, grad))
                        .expectValue(CLOSED_FORM, ((p - 1) * (p - 1) + Neuron.WEIGHT_DECAY * 0.25) / 4)
                        .expectGradient(CLOSED_FORM, (dz * 1.5 + 2 * Neuron.WEIGHT_DECAY * 0.5) / 4, dz / 4));
    }

    /**
     * A branch and two loops, checked against closed forms and, for the recurrent cell, against forward
     * mode written by hand. The Huber loss is checked on each side of its branch.
     */
    private static List<Example> controlFlowChecks() {
        // recurrence at (w, b, h0) = (0.8, 0.1, 0.5) over 6 steps.
        double[] tangents = recurrenceByForwardMode(0.8, 0.1, 0.5, 6);

        return List.of(
                Example.of("ControlFlow.huber", "r^2 / 2 if |r| <= delta, else delta (|r| - delta / 2)")
                        .from("the quadratic branch (|r| <= delta); closed form: d/dr = r, d/ddelta = 0")
                        .params("r", "delta").at(0.5, 1)
                        .function(p -> ControlFlow.huber(p[0], p[1]))
                        .gradient(p -> ControlFlowGrad.dhuber(p[0], p[1]), r -> r.value(), r -> r.dr(), r -> r.ddelta())
                        .gradientInto((p, grad) -> ControlFlowGrad.dhuber(p[0], p[1], grad))
                        .expectValue(CLOSED_FORM, 0.125)
                        .expectGradient(CLOSED_FORM, 0.5, 0),

                Example.of("ControlFlow.huber", "r^2 / 2 if |r| <= delta, else delta (|r| - delta / 2)")
                        .from("the linear branch (past the early return); closed form: d/dr = delta sign(r), d/ddelta = |r| - delta")
                        .params("r", "delta").at(-3, 1)
                        .function(p -> ControlFlow.huber(p[0], p[1]))
                        .gradient(p -> ControlFlowGrad.dhuber(p[0], p[1]), r -> r.value(), r -> r.dr(), r -> r.ddelta())
                        .gradientInto((p, grad) -> ControlFlowGrad.dhuber(p[0], p[1], grad))
                        .expectValue(CLOSED_FORM, 2.5)
                        .expectGradient(CLOSED_FORM, -1, 2),

                Example.of("ControlFlow.newtonSqrt", "x <- (x + a / x) / 2 while |x^2 - a| > 1e-12 a")
                        .from("a while loop with a data-dependent trip count; closed form: d sqrt(a)/da = 1 / (2 sqrt a)")
                        .params("a").at(2)
                        .function(p -> ControlFlow.newtonSqrt(p[0]))
                        .gradient(p -> ControlFlowGrad.dnewtonSqrt(p[0]), r -> r.value(), r -> r.da())
                        .gradientInto((p, grad) -> ControlFlowGrad.dnewtonSqrt(p[0], grad))
                        .expectValue(CLOSED_FORM, Math.sqrt(2))
                        .expectGradient(CLOSED_FORM, 1 / (2 * Math.sqrt(2))),

                Example.of("ControlFlow.recurrence", "h <- tanh(w h + b), steps times, from h0")
                        .from("a for loop that overwrites h (taped); by hand: dh/dw, dh/db, dh/dh0 carried forward")
                        .params("w", "b", "h0").at(0.8, 0.1, 0.5).fixed("steps = 6")
                        .function(p -> ControlFlow.recurrence(p[0], p[1], p[2], 6))
                        .gradient(p -> ControlFlowGrad.drecurrence(p[0], p[1], p[2], 6),
                                r -> r.value(), r -> r.dw(), r -> r.db(), r -> r.dh0())
                        .gradientInto((p, grad) -> ControlFlowGrad.drecurrence(p[0], p[1], p[2], 6, grad))
                        .expectValue(BY_HAND, tangents[0])
                        .expectGradient(BY_HAND, tangents[1], tangents[2], tangents[3]));
    }

    /**
     * {@link ControlFlow#recurrence} and its gradient by forward mode, written by hand: next to {@code h},
     * each step carries its derivatives with respect to {@code w}, {@code b} and {@code h0}, by the chain
     * rule through {@code tanh' = 1 - tanh^2}. Returns the value and the three derivatives.
     */
    private static double[] recurrenceByForwardMode(double w, double b, double h0, int steps) {
        double h = h0;
        double hw = 0;  // dh/dw
        double hb = 0;  // dh/db
        double hh0 = 1; // dh/dh0
        for (int i = 0; i < steps; i++) {
            double next = Math.tanh(w * h + b);
            double slope = 1 - next * next;
            hw = slope * (h + w * hw);
            hb = slope * (1 + w * hb);
            hh0 = slope * w * hh0;
            h = next;
        }
        return new double[] {h, hw, hb, hh0};
    }

    /**
     * A few steps of gradient descent on the lecture's perceptron, from the lecture's point, with the
     * zero-allocation form and one reused buffer. Fails if the loss does not go down at every step.
     */
    private static List<String> descend(PrintStream out) {
        final double x = 2;
        final double y = 10;
        final double learningRate = 0.005;
        final int steps = 8;
        double w1 = -1;
        double b1 = 4;
        double w2 = 3;
        double b2 = 1;
        double[] grad = new double[4];

        out.printf(Locale.ROOT, "data (x, y) = (%s, %s), start (w1, b1, w2, b2) = (%s, %s, %s, %s), "
                + "learning rate %s%n", Example.fmt(x), Example.fmt(y), Example.fmt(w1),
                Example.fmt(b1), Example.fmt(w2), Example.fmt(b2), learningRate);
        out.println("each step: loss = SlidesGrad.dmlpLoss(x, y, w1, b1, w2, b2, grad), then w1 -= rate * grad[0], ...");
        out.println("(one double[4] for all steps: nothing is allocated per step)");
        out.println();
        out.printf(Locale.ROOT, "%6s%14s%12s%12s%12s%12s%n", "step", "loss", "w1", "b1", "w2", "b2");

        List<String> failures = new ArrayList<>();
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= steps; step++) {
            double loss = SlidesGrad.dmlpLoss(x, y, w1, b1, w2, b2, grad);
            out.printf(Locale.ROOT, "%6d%14.8f%12.6f%12.6f%12.6f%12.6f%n", step, loss, w1, b1, w2, b2);
            if (!(loss < previous)) {
                failures.add("gradient descent: the loss did not go down at step " + step);
            }
            previous = loss;
            w1 -= learningRate * grad[0];
            b1 -= learningRate * grad[1];
            w2 -= learningRate * grad[2];
            b2 -= learningRate * grad[3];
        }
        out.println();
        out.println(failures.isEmpty() ? "ok: the loss goes down at every step" : "FAILED: " + failures);
        out.println();
        return failures;
    }

    /**
     * Prints the record form of the method {@code name} of {@code generatedClass} from the generated source
     * file, if it can be found.
     */
    private static void showGeneratedSource(PrintStream out, Class<?> generatedClass, String name) {
        Optional<Path> file = GeneratedSource.locate(generatedClass);
        if (file.isEmpty()) {
            out.println("(The generated source was not found from " + Path.of("").toAbsolutePath()
                    + "; it is in examples/target/generated-sources/annotations/ after a build.)");
            out.println();
            return;
        }
        List<GeneratedSource.Method> methods;
        try {
            methods = GeneratedSource.methods(GeneratedSource.read(file.get()), name);
        } catch (IOException | RuntimeException e) {
            out.println("(Could not read " + GeneratedSource.display(file.get()) + ": " + e + ")");
            out.println();
            return;
        }
        // The buffer form returns the value; the record form returns the record.
        Optional<GeneratedSource.Method> recordForm = methods.stream()
                .filter(m -> !m.returnType().equals("double")).findFirst();
        if (recordForm.isEmpty()) {
            out.println("(No record form of " + name + " found in " + GeneratedSource.display(file.get()) + ".)");
            out.println();
            return;
        }
        out.println("From " + GeneratedSource.display(file.get()) + ":");
        out.println();
        recordForm.get().text().lines().forEach(line -> out.println(("    " + line).stripTrailing()));
        out.println();
    }

    private static void heading(PrintStream out, String title) {
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
        out.println();
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
