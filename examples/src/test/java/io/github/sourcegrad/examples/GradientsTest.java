package io.github.sourcegrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sourcegrad.GradientCheck;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The examples' generated gradients checked the way a user checks theirs: with {@link GradientCheck} in a
 * JUnit test, at a few points away from the kinks of {@code max}, on both sides of a branch and over loops of
 * several lengths. (The first test is the README's snippet, at more points.)
 */
class GradientsTest {

    @Test
    void gradientOfF() {
        GradientCheck.of(p -> Slides.f(p[0], p[1]),                   // the function, over the checked parameters
                         (p, grad) -> SlidesGrad.df(p[0], p[1], grad)) // the generated gradient, zero-allocation form
                .names("x", "y")                                      // for the report
                .assertAtEach(new double[] {0, 1}, new double[] {-1.5, 2}, new double[] {3, 0.25});
    }

    @Test
    void gradientOfTheExerciseAwayFromTheKink() {
        GradientCheck.of(p -> Slides.g(p[0], p[1], p[2]), (p, grad) -> SlidesGrad.dg(p[0], p[1], p[2], grad))
                .names("x", "y", "z")
                .assertAtEach(new double[] {1, 0, -2}, new double[] {-0.5, 1, 3}, new double[] {2.5, -4, 0.1});
    }

    @Test
    void gradientOfTheMlpLossWithTheDataFixed() {
        // @Differentiable(wrt = {"w1", "b1", "w2", "b2"}): the data x = 2, y = 10 are fixed in the lambdas.
        GradientCheck.of(p -> Slides.mlpLoss(2, 10, p[0], p[1], p[2], p[3]),
                         (p, grad) -> SlidesGrad.dmlpLoss(2, 10, p[0], p[1], p[2], p[3], grad))
                .names("w1", "b1", "w2", "b2")
                .assertAtEach(new double[] {-1, 4, 3, 1}, new double[] {0.5, -0.3, 2, 0.1},
                        new double[] {-3, 1, 1, 1}); // the last one with the first ReLU closed
    }

    @Test
    void gradientsOfTheNotesAndSlidesExamples() {
        GradientCheck.of(p -> Slides.logOfPolynomial(p[0], p[1]),
                        (p, grad) -> SlidesGrad.dlogOfPolynomial(p[0], p[1], grad))
                .names("x", "y").assertAtEach(new double[] {2, 3}, new double[] {0.1, 7}, new double[] {-1, -2});
        GradientCheck.of(p -> Slides.sumTimes(p[0], p[1], p[2]),
                        (p, grad) -> SlidesGrad.dsumTimes(p[0], p[1], p[2], grad))
                .names("x", "y", "z").assertAt(1, 2, -3);
        GradientCheck.of(p -> Slides.logOfSquaredExp(p[0]), (p, grad) -> SlidesGrad.dlogOfSquaredExp(p[0], grad))
                .names("x").assertAtEach(new double[] {0}, new double[] {-3}, new double[] {20});
    }

    @Test
    void recordFormOfACallingFunction() {
        GradientCheck.ofRecord(p -> Neuron.loss(1.5, 1, p[0], p[1]),
                        p -> NeuronGrad.dloss(1.5, 1, p[0], p[1]),
                        NeuronGrad.LossGradient::value, NeuronGrad.LossGradient::dw, NeuronGrad.LossGradient::db)
                .names("w", "b")
                .assertAtEach(new double[] {0.5, -0.25}, new double[] {-2, 3});
    }

    @Test
    void crossEntropyOfTheTinyNetwork() {
        GradientCheck.of(p -> Neuron.tinyNetLoss(2, 1, p[0], p[1], p[2], p[3]),
                        (p, grad) -> NeuronGrad.dtinyNetLoss(2, 1, p[0], p[1], p[2], p[3], grad))
                .names("w1", "b1", "w2", "b2")
                .assertAtEach(new double[] {0.5, -0.5, 1.5, -1}, new double[] {1, 0.2, -0.7, 0.3});
    }

    @Test
    void huberOnBothSidesOfItsBranch() {
        GradientCheck.of(p -> ControlFlow.huber(p[0], p[1]), (p, grad) -> ControlFlowGrad.dhuber(p[0], p[1], grad))
                .names("r", "delta")
                .assertAtEach(new double[] {0.5, 1}, new double[] {-0.2, 0.3},   // quadratic: |r| <= delta
                        new double[] {-3, 1}, new double[] {4, 2.5});            // linear: the early return not taken
        GradientCheck.ofRecord(p -> ControlFlow.huber(p[0], p[1]), p -> ControlFlowGrad.dhuber(p[0], p[1]),
                        ControlFlowGrad.HuberGradient::value, ControlFlowGrad.HuberGradient::dr,
                        ControlFlowGrad.HuberGradient::ddelta)
                .names("r", "delta")
                .assertAtEach(new double[] {0.5, 1}, new double[] {-3, 1});
    }

    @Test
    void newtonSqrtHasTheDerivativeOfTheSquareRoot() {
        double[] grad = new double[1];
        for (double a : new double[] {0.01, 0.25, 2, 9, 1e6}) {
            GradientCheck.of(p -> ControlFlow.newtonSqrt(p[0]), (p, g) -> ControlFlowGrad.dnewtonSqrt(p[0], g))
                    .names("a").assertAt(a);
            double value = ControlFlowGrad.dnewtonSqrt(a, grad);
            assertEquals(Math.sqrt(a), value, 1e-12 * Math.sqrt(a), "sqrt(" + a + ")");
            assertEquals(1 / (2 * Math.sqrt(a)), grad[0], 1e-9 / (2 * Math.sqrt(a)), "d sqrt(a)/da at " + a);
        }
    }

    @Test
    void newtonSqrtIsDifferentiatedAlongThePathTaken() {
        // At a = 1 the loop does not run: the program is x = a, whose derivative is 1.
        assertEquals(1, ControlFlowGrad.dnewtonSqrt(1).da());
    }

    @Test
    void recurrenceOverSeveralLengths() {
        for (int steps : new int[] {0, 1, 6, 50}) {
            GradientCheck.of(p -> ControlFlow.recurrence(p[0], p[1], p[2], steps),
                            (p, grad) -> ControlFlowGrad.drecurrence(p[0], p[1], p[2], steps, grad))
                    .names("w", "b", "h0")
                    .assertAtEach(new double[] {0.8, 0.1, 0.5}, new double[] {-1.2, 0.4, -0.9},
                            new double[] {2, -0.5, 0.1});
            GradientCheck.ofRecord(p -> ControlFlow.recurrence(p[0], p[1], p[2], steps),
                            p -> ControlFlowGrad.drecurrence(p[0], p[1], p[2], steps),
                            ControlFlowGrad.RecurrenceGradient::value, ControlFlowGrad.RecurrenceGradient::dw,
                            ControlFlowGrad.RecurrenceGradient::db, ControlFlowGrad.RecurrenceGradient::dh0)
                    .names("w", "b", "h0")
                    .assertAt(0.8, 0.1, 0.5);
        }
    }

    @Test
    void activations() {
        for (double z : new double[] {-4, -0.3, 0, 0.8, 6}) {
            GradientCheck.of(p -> Activations.sigmoid(p[0]), (p, grad) -> ActivationsGrad.dsigmoid(p[0], grad))
                    .names("z").assertAt(z);
            GradientCheck.of(p -> Activations.swish(p[0]), (p, grad) -> ActivationsGrad.dswish(p[0], grad))
                    .names("z").assertAt(z);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The network of the training example: Mlp, TwoMoons, MoonsTraining

    /** Positions in {@link MoonsTraining.Weights#flatten()} checked one by one: a few of each parameter array. */
    private static final int[] SOME_WEIGHTS = {0, 5, 17, 31, 32, 40, 47, 48, 55, 63, 64};

    @Test
    void mlpLossGradientAgreesWithFiniteDifferences() {
        TwoMoons data = TwoMoons.standard();
        double[][] X = data.points();
        double[][] T = data.signedTargets();
        MoonsTraining.Weights initial = MoonsTraining.Weights.initial(MoonsTraining.HIDDEN, MoonsTraining.WEIGHT_SEED);
        MoonsTraining.Weights trained = MoonsTraining.train(data, initial, 10, 16, 0.3, 5, 10).weights();
        double[][] batch = Arrays.copyOfRange(X, 40, 72);
        double[][] batchTargets = Arrays.copyOfRange(T, 40, 72);
        for (MoonsTraining.Weights at : new MoonsTraining.Weights[] {initial, trained}) {
            checkSomeWeights(at, w -> Mlp.loss(X, T, w.W1(), w.b1(), w.W2(), w.b2()),
                    w -> MlpGrad.dloss(X, T, w.W1(), w.b1(), w.W2(), w.b2()));
            checkSomeWeights(at, w -> Mlp.loss(batch, batchTargets, w.W1(), w.b1(), w.W2(), w.b2()),
                    w -> MlpGrad.dloss(batch, batchTargets, w.W1(), w.b1(), w.W2(), w.b2()));
            for (int i : new int[] {0, 1, 77, 150}) {
                double[] x = X[i];
                double t = T[i][0];
                checkSomeWeights(at, w -> Mlp.exampleLoss(x, t, w.W1(), w.b1(), w.W2(), w.b2()), w -> {
                    MlpGrad.ExampleLossGradient g = MlpGrad.dexampleLoss(x, t, w.W1(), w.b1(), w.W2(), w.b2());
                    return new MlpGrad.LossGradient(g.value(), g.dW1(), g.db1(), g.dW2(), g.db2());
                });
            }
        }
    }

    @Test
    void everyPartialOfTheMlpLossAtTheInitialWeights() {
        TwoMoons data = TwoMoons.standard();
        double[][] X = data.points();
        double[][] T = data.signedTargets();
        MoonsTraining.Weights start = MoonsTraining.Weights.initial(MoonsTraining.HIDDEN, MoonsTraining.WEIGHT_SEED);
        // The arrays are the point: every element of W1, b1, W2 and b2 is perturbed; X and T are fixed.
        GradientCheck.Report report = GradientCheck.arguments(start.W1(), start.b1(), start.W2(), start.b2())
                .names("W1", "b1", "W2", "b2")
                .assertGradient((W1, b1, W2, b2) -> Mlp.loss(X, T, W1, b1, W2, b2),
                        (W1, b1, W2, b2, grad, gW1, gb1, gW2, gb2) -> MlpGrad.dloss(X, T, W1, b1, W2, b2, gW1, gb1, gW2, gb2));
        assertEquals(start.count(), report.partials().size());
        assertEquals("W1[1][3]", report.names().get(MoonsTraining.HIDDEN + 3));

        // the record form, read through its accessors
        GradientCheck.arguments(start.W1(), start.b1(), start.W2(), start.b2())
                .names("W1", "b1", "W2", "b2")
                .assertRecord((W1, b1, W2, b2) -> Mlp.loss(X, T, W1, b1, W2, b2),
                        (W1, b1, W2, b2) -> MlpGrad.dloss(X, T, W1, b1, W2, b2),
                        MlpGrad.LossGradient::value, MlpGrad.LossGradient::dW1, MlpGrad.LossGradient::db1,
                        MlpGrad.LossGradient::dW2, MlpGrad.LossGradient::db2);
    }

    @Test
    void anArrayAndADoubleWithoutPacking() {
        // smoothLoop(X, t, w, b) with wrt = {"w", "b"}: the buffer form takes grad (for b) and gradW
        TwoMoons data = TwoMoons.standard();
        double[][] X = data.points();
        double[] t = Arrays.stream(data.signedTargets()).mapToDouble(row -> row[0]).toArray();
        GradientCheck.arguments(new double[] {0.7, -1.2}, 0.3)
                .names("w", "b")
                .assertGradient((w, b) -> LogisticRegression.smoothLoop(X, t, w, b),
                        (w, b, grad, gw, gb) -> LogisticRegressionGrad.dsmoothLoop(X, t, w, b, grad, gw));
        GradientCheck.arguments(new double[] {0.7, -1.2}, 0.3)
                .names("w", "b")
                .assertRecord((w, b) -> LogisticRegression.smoothLoop(X, t, w, b),
                        (w, b) -> LogisticRegressionGrad.dsmoothLoop(X, t, w, b),
                        r -> r.value(), r -> r.dw(), r -> r.db());

        // a wrong gradient is caught and the report names the element
        GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class,
                () -> GradientCheck.arguments(new double[] {0.7, -1.2}, 0.3)
                        .names("w", "b")
                        .assertRecord((w, b) -> LogisticRegression.smoothLoop(X, t, w, b),
                                (w, b) -> LogisticRegressionGrad.dsmoothLoop(X, t, w, b),
                                r -> r.value(), r -> new double[] {r.dw()[1], r.dw()[0]}, r -> r.db()));
        assertTrue(failure.getMessage().contains(": d/dw[0], d/dw[1] are wrong."), failure.getMessage());
    }

    @Test
    void mlpBufferFormEqualsRecordForm() {
        TwoMoons data = TwoMoons.standard();
        double[][] X = data.points();
        double[][] T = data.signedTargets();
        MoonsTraining.Weights w = MoonsTraining.Weights.initial(MoonsTraining.HIDDEN, 3);
        MlpGrad.LossGradient record = MlpGrad.dloss(X, T, w.W1(), w.b1(), w.W2(), w.b2());

        // Gradient arrays reused from an earlier call hold old numbers: the buffer form overwrites them.
        MoonsTraining.Weights g = w.zeros();
        double[] garbage = new double[w.count()];
        Arrays.fill(garbage, Double.NaN);
        g = g.unflatten(garbage);
        double value = MlpGrad.dloss(X, T, w.W1(), w.b1(), w.W2(), w.b2(), g.W1(), g.b1(), g.W2(), g.b2());
        assertEquals(record.value(), value);
        assertArrayEquals(flatten(record), g.flatten());
        assertEquals(Mlp.loss(X, T, w.W1(), w.b1(), w.W2(), w.b2()), value);

        double[] x = X[3];
        double t = T[3][0];
        MlpGrad.ExampleLossGradient one = MlpGrad.dexampleLoss(x, t, w.W1(), w.b1(), w.W2(), w.b2());
        g = g.unflatten(garbage);
        double oneValue = MlpGrad.dexampleLoss(x, t, w.W1(), w.b1(), w.W2(), w.b2(), g.W1(), g.b1(), g.W2(), g.b2());
        assertEquals(one.value(), oneValue);
        assertArrayEquals(new MoonsTraining.Weights(one.dW1(), one.db1(), one.dW2(), one.db2()).flatten(), g.flatten());
    }

    @Test
    void loopWrittenLossHasTheVectorizedGradient() {
        TwoMoons data = TwoMoons.standard();
        double[][] X = data.points();
        double[][] T = data.signedTargets();
        MoonsTraining.Weights w = MoonsTraining.Weights.initial(MoonsTraining.HIDDEN, 4);
        double[] mean = new double[w.count()];
        for (int i = 0; i < data.size(); i++) {
            MlpGrad.LossGradient vectorized =
                    MlpGrad.dloss(new double[][] {X[i]}, new double[][] {T[i]}, w.W1(), w.b1(), w.W2(), w.b2());
            MlpGrad.ExampleLossGradient loops = MlpGrad.dexampleLoss(X[i], T[i][0], w.W1(), w.b1(), w.W2(), w.b2());
            double[] perExample = new MoonsTraining.Weights(loops.dW1(), loops.db1(), loops.dW2(), loops.db2()).flatten();
            assertEquals(vectorized.value(), loops.value(), 1e-14, "loss of example " + i);
            assertArrayEquals(flatten(vectorized), perExample, 1e-14, "gradient of example " + i);
            for (int k = 0; k < mean.length; k++) {
                mean[k] += perExample[k] / data.size();
            }
        }
        // The minibatch gradient is the mean of the examples' gradients.
        assertArrayEquals(flatten(MlpGrad.dloss(X, T, w.W1(), w.b1(), w.W2(), w.b2())), mean, 1e-14);
    }

    @Test
    void mlpLossStaysFiniteAtHugeLogits() {
        // Logits of order 1e4 in both directions: log(sigmoid(s)) would be log(0) = -Infinity for the wrong
        // ones; the loss uses softplus(-s), which is exact there.
        TwoMoons data = TwoMoons.standard();
        double[][] X = data.points();
        double[][] T = data.signedTargets();
        MoonsTraining.Weights w = MoonsTraining.Weights.initial(MoonsTraining.HIDDEN, MoonsTraining.WEIGHT_SEED);
        for (double[] row : w.W2()) {
            row[0] *= 1e4;
        }
        double[][] Z = Mlp.logits(X, w.W1(), w.b1(), w.W2(), w.b2());
        double expected = 0;
        for (int i = 0; i < Z.length; i++) {
            expected += Math.max(-T[i][0] * Z[i][0], 0) / Z.length; // -log sigmoid(s) = max(-s, 0) to rounding here
        }
        MlpGrad.LossGradient g = MlpGrad.dloss(X, T, w.W1(), w.b1(), w.W2(), w.b2());
        assertTrue(expected > 100, "some logits are badly wrong: " + expected);
        assertEquals(expected, g.value(), 1e-9 * expected);
        assertTrue(Arrays.stream(flatten(g)).allMatch(Double::isFinite), "a gradient is not finite");
    }

    @Test
    void trainingOnTwoMoonsReducesTheLossAndClassifiesWell() {
        TwoMoons data = TwoMoons.standard();
        MoonsTraining.Result result = MoonsTraining.train(data, 50);
        assertEquals(MoonsTraining.EPOCHS * 7, result.steps()); // 200 points: six batches of 32 and one of 8
        assertEquals(List.of(0, 50, 100, 150, 200), result.log().stream().map(MoonsTraining.Epoch::epoch).toList());
        double first = result.first().loss();
        double last = result.last().loss();
        assertTrue(last < first / 4, "the loss went from " + first + " to " + last);
        assertTrue(result.last().accuracy() > 0.95, "training accuracy " + result.last().accuracy());
        assertEquals(MoonsTraining.loss(data, result.weights()), last);
        assertEquals(MoonsTraining.accuracy(data, result.weights()), result.last().accuracy());

        // Deterministic: the same seeds give the same network, to the bit.
        MoonsTraining.Result again = MoonsTraining.train(data, 50);
        assertArrayEquals(result.weights().flatten(), again.weights().flatten());
    }

    @Test
    void twoMoonsIsDeterministicAndBalanced() {
        TwoMoons a = TwoMoons.standard();
        TwoMoons b = TwoMoons.generate(200, 0.15, 7);
        assertEquals(200, a.size());
        assertTrue(Arrays.deepEquals(a.points(), b.points()));
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(100, Arrays.stream(a.labels()).sum());
        // Without noise every point lies on its half circle: radius 1 around (0, 0) or (1, 0.5).
        TwoMoons exact = TwoMoons.generate(50, 0, 1);
        for (int i = 0; i < exact.size(); i++) {
            double[] p = exact.points()[i];
            double cx = exact.labels()[i] == 0 ? 0 : 1;
            double cy = exact.labels()[i] == 0 ? 0 : 0.5;
            assertEquals(1, Math.hypot(p[0] - cx, p[1] - cy), 1e-12);
            assertTrue(exact.labels()[i] == 0 ? p[1] >= -1e-12 : p[1] <= 0.5 + 1e-12);
        }
    }

    /** Checks the partials of {@link #SOME_WEIGHTS} with GradientCheck, the other weights fixed at {@code at}. */
    private static void checkSomeWeights(MoonsTraining.Weights at,
            ToDoubleFunction<MoonsTraining.Weights> loss,
            Function<MoonsTraining.Weights, MlpGrad.LossGradient> gradient) {
        double[] all = at.flatten();
        String[] names = Arrays.stream(SOME_WEIGHTS).mapToObj(at::name).toArray(String[]::new);
        double[] point = Arrays.stream(SOME_WEIGHTS).mapToDouble(i -> all[i]).toArray();
        GradientCheck.of(p -> loss.applyAsDouble(at.unflatten(with(all, p))), (p, grad) -> {
                    MlpGrad.LossGradient g = gradient.apply(at.unflatten(with(all, p)));
                    double[] flat = flatten(g);
                    for (int k = 0; k < SOME_WEIGHTS.length; k++) {
                        grad[k] = flat[SOME_WEIGHTS[k]];
                    }
                    return g.value();
                })
                .names(names)
                .assertAt(point);
    }

    /** {@code all} with the entries at {@link #SOME_WEIGHTS} replaced by {@code some}. */
    private static double[] with(double[] all, double[] some) {
        double[] p = all.clone();
        for (int k = 0; k < SOME_WEIGHTS.length; k++) {
            p[SOME_WEIGHTS[k]] = some[k];
        }
        return p;
    }

    private static double[] flatten(MlpGrad.LossGradient g) {
        return new MoonsTraining.Weights(g.dW1(), g.db1(), g.dW2(), g.db2()).flatten();
    }
}
