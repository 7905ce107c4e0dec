package io.github.sourcegrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sourcegrad.GradientCheck;
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
}
