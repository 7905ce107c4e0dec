package io.github.sourcegrad.examples;

import io.github.sourcegrad.Objective;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Generated gradients in optimisers nobody here wrote: Hipparchus' nonlinear conjugate gradient on the logistic
 * regression {@link Fitting#logisticLoss} through {@code FittingGrad.objectivelogisticLoss}, and Hipparchus'
 * Levenberg-Marquardt on the growth curve {@link Fitting#growth} through {@code FittingGrad.jacobiangrowth}. Each
 * checks its own result: the conjugate gradient's optimum has a gradient of (almost) zero, and the fit recovers the
 * parameters the data were made with.
 */
final class Optimisers {

    private Optimisers() {
    }

    static List<String> run(PrintStream out) {
        List<String> failures = new ArrayList<>();
        conjugateGradient(out, failures);
        out.println();
        levenbergMarquardt(out, failures);
        return failures;
    }

    private static void conjugateGradient(PrintStream out, List<String> failures) {
        SplittableRandom random = new SplittableRandom(2026);
        int n = 200;
        double[] trueW = {1.5, -2.0, 0.5};
        double[][] x = new double[n][trueW.length];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = -0.3;
            for (int j = 0; j < trueW.length; j++) {
                x[i][j] = random.nextGaussian();
                z += trueW[j] * x[i][j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        Objective loss = FittingGrad.objectivelogisticLoss(x, y, new double[trueW.length], 0.0, 1e-3);
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-12, 1e-12));
        PointValuePair optimum = optimizer.optimize(new MaxEval(10_000), new ObjectiveFunction(loss::value),
                new ObjectiveFunctionGradient(loss::gradient), GoalType.MINIMIZE, new InitialGuess(loss.start()));
        double[] theta = optimum.getPoint();
        double[] gradient = loss.gradient(theta);
        double norm = 0;
        for (double g : gradient) {
            norm = Math.max(norm, Math.abs(g));
        }
        out.println("Logistic regression, 200 samples, 3 weights and a bias: Fitting.logisticLoss with");
        out.println("@Differentiable(wrt = {\"w\", \"b\"}, objective = true), minimised by Hipparchus'");
        out.println("NonLinearConjugateGradientOptimizer (Polak-Ribiere) from FittingGrad.objectivelogisticLoss(X, y, w0, b0, lambda):");
        out.println("  new ObjectiveFunction(loss::value), new ObjectiveFunctionGradient(loss::gradient), loss.start()");
        out.printf(Locale.ROOT, "  %d evaluations, %d iterations; loss %.6f at %s%n", optimizer.getEvaluations(),
                optimizer.getIterations(), optimum.getValue(), describe(loss.coordinateNames(), theta));
        double atTruth = loss.value(new double[] {1.5, -2.0, 0.5, -0.3});
        out.printf(Locale.ROOT, "  (the data were drawn with w = [1.5, -2.0, 0.5], b = -0.3, where the loss is %.6f);%n", atTruth);
        out.printf(Locale.ROOT, "  largest |gradient| at the optimum: %.1e (the optimiser stops when the loss stops changing)%n", norm);
        if (!(norm < 1e-3) || !(optimum.getValue() <= atTruth)) {
            failures.add("conjugate gradient on logisticLoss: the gradient at the optimum is " + norm + " (not below 1e-3), or its loss "
                    + optimum.getValue() + " is above the loss at the parameters the data were drawn with, " + atTruth);
        }
    }

    private static void levenbergMarquardt(PrintStream out, List<String> failures) {
        double r = 0.8;
        double k = 10;
        double y0 = 0.5;
        double h = 0.05;
        int every = 10;
        int observations = 20;
        double[] observed = Fitting.growth(r, k, y0, h, every, observations);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < observations; i++) {
            observed[i] *= 1 + 1e-3 * random.nextGaussian();
        }
        double[][] jac = new double[observations][3];
        int[] jacobians = {0};
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(new double[] {0.3, 5, 1})
                .target(observed)
                .model(point -> {
                    jacobians[0]++;
                    double[] values = FittingGrad.jacobiangrowth(point.getEntry(0), point.getEntry(1), point.getEntry(2), h,
                            every, observations, jac);
                    return new Pair<RealVector, org.hipparchus.linear.RealMatrix>(new ArrayRealVector(values, false),
                            new Array2DRowRealMatrix(jac, true));
                })
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
        RealVector fitted = optimum.getPoint();
        out.println("Growth curve y' = r y (1 - y / k), 20 observations of Euler's method (10 steps each), 0.1 % noise:");
        out.println("Fitting.growth returns the 20 values; Hipparchus' LevenbergMarquardtOptimizer fits r, k, y0 from the");
        out.println("model FittingGrad.jacobiangrowth(r, k, y0, h, every, observations, jac), which returns the values and");
        out.println("writes their 20 x 3 Jacobian (one reverse pass per observation):");
        out.printf(Locale.ROOT, "  %d evaluations (value and Jacobian each), %d iterations; r = %.4f, k = %.4f, y0 = %.4f "
                + "(made with 0.8, 10, 0.5); RMS residual %.2e%n", jacobians[0], optimum.getIterations(), fitted.getEntry(0),
                fitted.getEntry(1), fitted.getEntry(2), optimum.getRMS());
        if (Math.abs(fitted.getEntry(0) - r) > 0.02 || Math.abs(fitted.getEntry(1) - k) > 0.1 || Math.abs(fitted.getEntry(2) - y0) > 0.02) {
            failures.add("Levenberg-Marquardt on growth: fitted " + fitted + ", made with [0.8, 10, 0.5]");
        }
    }

    private static String describe(String[] names, double[] theta) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append(String.format(Locale.ROOT, " = %.3f", theta[i]));
        }
        return text.toString();
    }
}
