package io.github.sourcegrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** Fast checks that the benchmarks measure what they claim to: run in the normal build, no timing. */
class BenchmarksTest {

    @Test
    void everyVariantComputesTheGeneratedGradient() {
        List<VariantAgreement.Result> results = VariantAgreement.check();
        // 6 straight-line functions x (generated + 8 other variants), and Black-Scholes' forward mode,
        // 3 loops x (generated + 5 other variants), the two-layer network (generated + 6 others), the minibatch
        // network (generated + 2 others), the loop nests (nested network and Lennard-Jones, generated + 2 others
        // each), 4 pairs of matrix products at 2 sizes, 2 functions with branchy callees (generated + 3 others),
        // Black-Scholes' jvp (generated + 6 others), the growth curve's Jacobian (generated + 6 others), and the
        // second derivatives: Black-Scholes' Hessian (generated + 4 others) and Hessian-vector product (generated + 4),
        // the logistic loss's Hessian (generated + 4) and Hessian-vector product (generated + 5)
        assertEquals(6 * 9 + 1 + 3 * 6 + 7 + 3 + 2 * 3 + 2 * 4 * 2 + 2 * 4 + 2 * 7 + 5 + 5 + 5 + 6, results.size());
        String wrong = results.stream().filter(r -> !r.ok())
                .map(r -> r.function() + "." + r.variant() + ": error " + r.maxRelativeError())
                .collect(Collectors.joining("\n"));
        assertTrue(wrong.isEmpty(), wrong);
    }

    @Test
    void everySecondOrderBenchmarkHasItsReferenceAndIsChecked() {
        for (Class<? extends GradientBenchmark> type : VariantAgreement.SECOND_ORDER) {
            List<VariantAgreement.Result> results = VariantAgreement.check(type);
            String variants = results.stream().map(VariantAgreement.Result::variant).collect(Collectors.joining(", "));
            // the generated variant is the reference once it exists; until then Hipparchus' order-2 structure
            boolean generated = results.stream().anyMatch(r -> r.variant().equals("generated"));
            assertEquals(generated ? "generated" : VariantAgreement.SECOND_ORDER_REFERENCE, results.get(0).variant(),
                    type.getSimpleName() + ": " + variants);
            // every variant but the primal wrote a full Hessian (n x n) or a gradient and a product (2n)
            GradientBenchmark bench = newInstance(type);
            int expected = bench instanceof HessianBenchmark h ? h.hessian.length * h.hessian.length : 2 * bench.grad.length;
            for (VariantAgreement.Result r : results) {
                if (!r.variant().equals("primal")) {
                    assertEquals(expected, r.gradient().length, type.getSimpleName() + "." + r.variant());
                }
            }
        }
    }

    @Test
    void theSecondOrderOutputsAreWhatTheCheckCompares() {
        // poison() must reach every slot a variant writes, and gradient() must show them all, so that a variant
        // that forgets one leaves a NaN, which the check counts as infinitely wrong
        List<ArrayGradientBenchmark> benches = List.of(new BlackScholesHessianBenchmark(), new BlackScholesHvpBenchmark(),
                new LogisticLossHessianBenchmark(), new LogisticLossHvpBenchmark(), new GrowthJacobianBenchmark());
        int[] sizes = {5 * 5, 5 + 5, 8 * 8, 8 + 8, Growth.OBSERVATIONS * 4};
        for (int b = 0; b < benches.size(); b++) {
            ArrayGradientBenchmark bench = benches.get(b);
            bench.poison();
            double[] all = bench.gradient();
            assertEquals(sizes[b], all.length, bench.getClass().getSimpleName());
            assertTrue(Arrays.stream(all).allMatch(Double::isNaN), bench.getClass().getSimpleName());
        }
    }

    @Test
    void levenbergMarquardtFitsTheSameWayFromTheJacobianAndFromPerResidualGradients() {
        LevenbergMarquardtBenchmark.Fit generated = LevenbergMarquardtBenchmark.fit(LevenbergMarquardtBenchmark.Jacobian.GENERATED);
        LevenbergMarquardtBenchmark.Fit perResidual = LevenbergMarquardtBenchmark.fit(
                LevenbergMarquardtBenchmark.Jacobian.PER_RESIDUAL_GRADIENTS);
        LevenbergMarquardtBenchmark.Fit byHand = LevenbergMarquardtBenchmark.fit(LevenbergMarquardtBenchmark.Jacobian.HAND_WRITTEN);
        double[] made = {Growth.R, Growth.K, Growth.Y0};
        for (LevenbergMarquardtBenchmark.Fit fit : List.of(generated, perResidual, byHand)) {
            System.out.printf(java.util.Locale.ROOT, "Levenberg-Marquardt: %s%n", describe(fit));
            for (int p = 0; p < 3; p++) {
                // the same optimum to rounding, near the parameters the data were made with (0.1 % noise)
                assertEquals(generated.parameters()[p], fit.parameters()[p], 1e-8 * Math.abs(generated.parameters()[p]),
                        describe(fit));
                assertEquals(made[p], fit.parameters()[p], 0.01 * made[p], describe(fit));
            }
        }
        // the same steps: as many evaluations; jacobiangrowth is called once per evaluation, the per-residual
        // gradients once per observation and evaluation
        assertEquals(generated.evaluations(), perResidual.evaluations());
        assertEquals(generated.evaluations(), generated.derivativeCalls());
        assertEquals((long) Growth.OBSERVATIONS * perResidual.evaluations(), perResidual.derivativeCalls());
        assertTrue(generated.evaluations() < 50, describe(generated));
    }

    private static String describe(LevenbergMarquardtBenchmark.Fit fit) {
        return Arrays.toString(fit.parameters()) + ", " + fit.evaluations() + " evaluations, " + fit.iterations()
                + " iterations, " + fit.derivativeCalls() + " derivative calls, RMS " + fit.rms();
    }

    private static GradientBenchmark newInstance(Class<? extends GradientBenchmark> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theMinibatchNetworkAgreesAtEverySize() throws Exception {
        String[] sizes = MlpBatchBenchmark.class.getField("size").getAnnotation(Param.class).value();
        assertEquals("64/16", new MlpBatchBenchmark().size, "the default is the first size");
        for (String size : sizes) {
            MlpBatchBenchmark bench = new MlpBatchBenchmark();
            bench.size = size;
            bench.setUp();
            assertEquals(Integer.parseInt(size.split("/")[0]), bench.x.length, size);
            double value = bench.generated();
            double[] generated = bench.gradient();
            bench.poison();
            assertEquals(value, bench.handWritten(), 1e-12 * Math.abs(value), size);
            double[] byHand = bench.gradient();
            for (int i = 0; i < generated.length; i++) {
                assertTrue(VariantAgreement.relativeError(byHand[i], generated[i], false)
                        <= VariantAgreement.ARRAY_TOLERANCE, size + ": component " + i);
            }
            assertEquals(value, bench.primal(), 1e-12 * Math.abs(value), size);
        }
    }

    @Test
    void theKernelsComputeWhatEjmlComputes() throws Exception {
        KernelBenchmark bench = new KernelBenchmark();
        String[] shapes = KernelBenchmark.Products.class.getField("shape").getAnnotation(Param.class).value();
        for (String shape : shapes) {
            if (shape.equals("1024x1024x1024")) {
                continue;   // a second each, and nothing the smaller ones do not check
            }
            KernelBenchmark.Products s = new KernelBenchmark.Products();
            s.shape = shape;
            s.setUp();
            assertClose(bench.matmulEjml(s), bench.matmulArrayMath(s), "matmul " + shape);
            assertClose(s.ejmlOut, bench.matmulInto(s), "matmul into " + shape);
            assertClose(bench.transposedTimesEjml(s), bench.transposedTimesArrayMath(s), "transposedTimes " + shape);
            assertClose(s.ejmlOut, bench.transposedTimesInto(s), "transposedTimes into " + shape);
            assertClose(bench.timesTransposedEjml(s), bench.timesTransposedArrayMath(s), "timesTransposed " + shape);
            assertClose(s.ejmlOut, bench.timesTransposedInto(s), "timesTransposed into " + shape);
        }
        for (String shape : KernelBenchmark.MatrixVector.class.getField("shape").getAnnotation(Param.class).value()) {
            KernelBenchmark.MatrixVector s = new KernelBenchmark.MatrixVector();
            s.shape = shape;
            s.setUp();
            assertClose(bench.matvecEjml(s), new double[][] {bench.matvecArrayMath(s)}, "a x " + shape);
            assertClose(s.ejmlOut, new double[][] {bench.matvecInto(s)}, "a x into " + shape);
        }
        for (String shape : KernelBenchmark.ElementWise.class.getField("shape").getAnnotation(Param.class).value()) {
            KernelBenchmark.ElementWise s = new KernelBenchmark.ElementWise();
            s.shape = shape;
            s.setUp();
            assertClose(bench.tanhLoop(s), bench.tanhArrayMath(s), "tanh " + shape);
            assertClose(s.ejmlOut, bench.tanhInto(s), "tanh into " + shape);
            assertClose(bench.expEjml(s), bench.expInto(s), "exp " + shape);
            assertClose(bench.sigmoidLoop(s), bench.sigmoidInto(s), "sigmoid " + shape);
        }
    }

    /** {@code actual} (a matrix, or one row holding a column vector) equals EJML's {@code expected} to 1e-12. */
    private static void assertClose(DMatrixRMaj expected, double[][] actual, String what) {
        double[] flat = Arrays.stream(actual).flatMapToDouble(Arrays::stream).toArray();
        assertEquals(expected.getNumElements(), flat.length, what);
        for (int i = 0; i < flat.length; i++) {
            double e = expected.data[i];
            assertEquals(e, flat[i], 1e-12 * Math.max(1, Math.abs(e)), what + " at " + i);
        }
    }

    @Test
    void theSyntheticSourceCompilesWithAndWithoutTheProcessor() throws Exception {
        String source = SyntheticSource.generate("synthetic", "Functions", 200, 42);
        assertEquals(200, source.split("@Differentiable", -1).length - 1);
        try (InMemoryCompiler compiler = new InMemoryCompiler()) {
            CompileTimeBenchmark.check(compiler.compile(CompileTimeBenchmark.CLASS_NAME, source, false), false);
            InMemoryCompiler.Result with = compiler.compile(CompileTimeBenchmark.CLASS_NAME, source, true);
            CompileTimeBenchmark.check(with, true);
            String generated = with.generatedSources().get(CompileTimeBenchmark.CLASS_NAME + "Grad");
            assertTrue(generated.contains("public static double dm199("), "no gradient of the last method");
        }
    }
}
