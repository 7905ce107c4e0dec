package io.github.sourcegrad.examples;

import io.github.sourcegrad.Objective;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.special.BesselJ;
import org.hipparchus.special.Gamma;

/**
 * The gradients of {@link SpecialFunctions}, whose calls into Hipparchus and a power series get their derivatives
 * from pullbacks written by hand ({@code @CustomDerivative}): each checked against central differences and a closed
 * form (Hipparchus' own Bessel functions, digamma), then a negative binomial model fitted by Hipparchus' conjugate
 * gradient through the generated {@code objectivenegativeBinomialLoss}; its maximum-likelihood mean is the counts'
 * mean, exactly.
 */
final class CustomDerivativesExample {

    /** Overdispersed counts (variance about 3 times the mean), as a negative binomial models them. */
    static final int[] COUNTS = {0, 1, 1, 2, 0, 5, 3, 0, 8, 2, 1, 0, 4, 12, 2, 3, 0, 1, 6, 2, 0, 9, 1, 3, 2, 0, 7, 1, 4, 2};

    private CustomDerivativesExample() {
    }

    /** Checks, prints and fits; returns what disagreed. */
    static List<String> run(PrintStream out) {
        List<String> failures = new ArrayList<>();
        out.println("SpecialFunctions.logGamma calls Hipparchus' Gamma.logGamma, and besselJ0 sums a power series until it");
        out.println("converges: SourceGrad reads neither body. Each names a pullback written by hand,");
        out.println("    @CustomDerivative(pullback = \"logGammaPullback\")");
        out.println("    static double logGamma(double x) { return Gamma.logGamma(x); }");
        out.println("    static void logGammaPullback(double x, double dz, double[] grad) { grad[0] = dz * Gamma.digamma(x); }");
        out.println("and the gradients of their callers call it, through SpecialFunctionsGrad.dlogGamma and dbesselJ0.");
        out.println();

        double a = 1.5;
        double x = 2;
        double j0 = BesselJ.value(0, a * x);
        double j1 = BesselJ.value(1, a * x);
        failures.addAll(Example.of("SpecialFunctions.besselIntensity", "I(a, x) = J0(a x)^2, J0 by its series")
                .from("closed form: dI/da = -2 J0(a x) J1(a x) x, with Hipparchus' BesselJ")
                .params("a", "x").at(a, x)
                .function(p -> SpecialFunctions.besselIntensity(p[0], p[1]))
                .gradient(p -> SpecialFunctionsGrad.dbesselIntensity(p[0], p[1]), r -> r.value(), r -> r.da(), r -> r.dx())
                .gradientInto((p, grad) -> SpecialFunctionsGrad.dbesselIntensity(p[0], p[1], grad))
                .expectValue("Hipparchus", j0 * j0)
                .expectGradient("Hipparchus", -2 * j0 * j1 * x, -2 * j0 * j1 * a)
                .run(out, 1, 2));

        double logMu = Math.log(3);
        double logR = Math.log(2);
        double mu = 3;
        double r = 2;
        double dMu = 0;
        double dR = 0;
        for (int y : COUNTS) {
            dMu -= y / mu - (r + y) / (r + mu);
            dR -= Gamma.digamma(y + r) - Gamma.digamma(r) + Math.log(r / (r + mu)) + (mu - y) / (r + mu);
        }
        failures.addAll(Example.of("SpecialFunctions.negativeBinomialLoss", "-sum log NB(y | mu = e^logMu, r = e^logR)")
                .from("calls logGamma three times per count; closed form with Hipparchus' digamma")
                .params("logMu", "logR").at(logMu, logR).fixed("the 30 counts of CustomDerivativesExample.COUNTS")
                .function(p -> SpecialFunctions.negativeBinomialLoss(p[0], p[1], COUNTS))
                .gradient(p -> SpecialFunctionsGrad.dnegativeBinomialLoss(p[0], p[1], COUNTS),
                        res -> res.value(), res -> res.dlogMu(), res -> res.dlogR())
                .gradientInto((p, grad) -> SpecialFunctionsGrad.dnegativeBinomialLoss(p[0], p[1], COUNTS, grad))
                .expectGradient("closed form", mu * dMu, r * dR)
                .run(out, 2, 2));

        Objective loss = SpecialFunctionsGrad.objectivenegativeBinomialLoss(0.0, 0.0, COUNTS);
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-14));
        PointValuePair optimum = optimizer.optimize(new MaxEval(10_000), new ObjectiveFunction(loss::value),
                new ObjectiveFunctionGradient(loss::gradient), GoalType.MINIMIZE,
                new org.hipparchus.optim.InitialGuess(loss.start()));
        double fittedMu = Math.exp(optimum.getPoint()[0]);
        double fittedR = Math.exp(optimum.getPoint()[1]);
        double mean = 0;
        for (int y : COUNTS) {
            mean += y;
        }
        mean /= COUNTS.length;
        out.println("Fitting the negative binomial to the 30 counts: Hipparchus' NonLinearConjugateGradientOptimizer on");
        out.println("SpecialFunctionsGrad.objectivenegativeBinomialLoss(0, 0, counts), from mu = r = 1:");
        out.printf(Locale.ROOT, "  %d evaluations; mu = %.6f (the counts' mean, the maximum-likelihood estimate: %.6f), r = %.4f%n",
                optimizer.getEvaluations(), fittedMu, mean, fittedR);
        if (!(Math.abs(fittedMu - mean) < 1e-5 * mean) || !(fittedR > 0.5 && fittedR < 5)) {
            failures.add("negative binomial fit: mu = " + fittedMu + " (the counts' mean is " + mean + "), r = " + fittedR);
        }
        return failures;
    }
}
