package io.github.sourcegrad.examples;

import io.github.sourcegrad.Objective;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
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
        newton(out, failures);
        out.println();
        levenbergMarquardt(out, failures);
        return failures;
    }

    /** The logistic regression's data: 200 samples of 3 features, labels drawn with w = [1.5, -2.0, 0.5], b = -0.3. */
    private static double[][] features(double[] y) {
        SplittableRandom random = new SplittableRandom(2026);
        int n = y.length;
        double[] trueW = {1.5, -2.0, 0.5};
        double[][] x = new double[n][trueW.length];
        for (int i = 0; i < n; i++) {
            double z = -0.3;
            for (int j = 0; j < trueW.length; j++) {
                x[i][j] = random.nextGaussian();
                z += trueW[j] * x[i][j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return x;
    }

    private static void conjugateGradient(PrintStream out, List<String> failures) {
        double[] trueW = {1.5, -2.0, 0.5};
        double[] y = new double[200];
        double[][] x = features(y);
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

    /**
     * Newton's method on the same logistic regression: each step solves {@code H d = -g} with the Hessian from
     * {@code FittingGrad.hessianlogisticLoss} and the gradient from {@code FittingGrad.hvplogisticLoss}.
     */
    private static void newton(PrintStream out, List<String> failures) {
        double[] y = new double[200];
        double[][] x = features(y);
        double lambda = 1e-3;
        double[] w = new double[3];
        double b = 0;
        double[][] h = new double[4][4];
        double[] grad = new double[4];
        double[] none = new double[4];
        double[] hv = new double[4];
        int iterations = 0;
        double norm = Double.POSITIVE_INFINITY;
        double value = Double.NaN;
        List<String> path = new ArrayList<>();
        while (iterations < 20) {
            value = FittingGrad.hvplogisticLoss(x, y, w, b, lambda, none, grad, hv);
            norm = 0;
            for (double g : grad) {
                norm = Math.max(norm, Math.abs(g));
            }
            path.add(String.format(Locale.ROOT, "%.1e", norm));
            if (norm < 1e-12) {
                break;
            }
            FittingGrad.hessianlogisticLoss(x, y, w, b, lambda, h);
            RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false)).getSolver()
                    .solve(new ArrayRealVector(grad, false));
            for (int j = 0; j < 3; j++) {
                w[j] -= step.getEntry(j);
            }
            b -= step.getEntry(3);
            iterations++;
        }
        out.println("The same regression by Newton's method, with @Differentiable(..., hessian = true): each step solves");
        out.println("H d = -g (Hipparchus' Cholesky), H from FittingGrad.hessianlogisticLoss(X, y, w, b, lambda, h) and g from");
        out.println("FittingGrad.hvplogisticLoss(X, y, w, b, lambda, v, grad, hv):");
        out.printf(Locale.ROOT, "  %d Newton steps; loss %.6f at w = [%.3f, %.3f, %.3f], b = %.3f%n", iterations, value, w[0], w[1],
                w[2], b);
        out.println("  largest |gradient| at the start and after each step: " + String.join(", ", path));
        if (!(norm < 1e-12) || iterations > 10) {
            failures.add("Newton's method on logisticLoss: largest |gradient| " + norm + " after " + iterations + " steps");
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
        out.println("writes their 20 x 3 Jacobian (3 inputs, 20 results: one forward pass computes the 3 columns):");
        out.printf(Locale.ROOT, "  %d evaluations (value and Jacobian each), %d iterations; r = %.4f, k = %.4f, y0 = %.4f "
                + "(made with 0.8, 10, 0.5); RMS residual %.2e%n", jacobians[0], optimum.getIterations(), fitted.getEntry(0),
                fitted.getEntry(1), fitted.getEntry(2), optimum.getRMS());
        if (Math.abs(fitted.getEntry(0) - r) > 0.02 || Math.abs(fitted.getEntry(1) - k) > 0.1 || Math.abs(fitted.getEntry(2) - y0) > 0.02) {
            failures.add("Levenberg-Marquardt on growth: fitted " + fitted + ", made with [0.8, 10, 0.5]");
        }

        // the same fit with the Jacobian built row by row from the gradient of each observation alone
        int[] gradients = {0};
        double[] grad = new double[3];
        LeastSquaresOptimizer.Optimum rowByRow = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(new double[] {0.3, 5, 1})
                .target(observed)
                .model(point -> {
                    double[] values = new double[observations];
                    double[][] rows = new double[observations][];
                    for (int i = 0; i < observations; i++) {
                        gradients[0]++;
                        values[i] = FittingGrad.dgrowthAt(point.getEntry(0), point.getEntry(1), point.getEntry(2), h, every, i, grad);
                        rows[i] = grad.clone();
                    }
                    return new Pair<RealVector, org.hipparchus.linear.RealMatrix>(new ArrayRealVector(values, false),
                            new Array2DRowRealMatrix(rows, false));
                })
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
        RealVector again = rowByRow.getPoint();
        // Euler steps run per evaluation: the Jacobian's value pass and one forward pass of 200 steps (each with its 3
        // derivatives); per observation i, a gradient runs its (i + 1) * 10 steps forward and back
        int jacobianSteps = 2 * observations * every;
        int gradientSteps = 2 * every * observations * (observations + 1) / 2;
        out.printf(Locale.ROOT, "  With the Jacobian built from FittingGrad.dgrowthAt, one gradient per observation: %d evaluations,%n"
                + "  %d gradient calls; the same fit (r, k, y0 within %.0e). Euler steps per evaluation: %d from jacobiangrowth,%n"
                + "  %d from the 20 gradients (benchmarks/README compares their times).%n", rowByRow.getEvaluations(), gradients[0],
                again.getL1Distance(fitted), jacobianSteps, gradientSteps);
        if (again.getL1Distance(fitted) > 1e-6) {
            failures.add("Levenberg-Marquardt on growth, row by row: fitted " + again + ", with jacobiangrowth " + fitted);
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
