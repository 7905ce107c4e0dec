package io.github.sourcegrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Fast checks that the benchmarks measure what they claim to: run in the normal build, no timing. */
class BenchmarksTest {

    @Test
    void everyVariantComputesTheGeneratedGradient() {
        List<VariantAgreement.Result> results = VariantAgreement.check();
        // 6 straight-line functions x (generated + 8 other variants), 3 loops x (generated + 5 other variants),
        // the two-layer network (generated + 6 others), the minibatch network (generated + 2 others), the loop
        // nests (nested network and Lennard-Jones, generated + 2 others each), 3 pairs of matrix products at 2
        // sizes, and 2 functions with branchy callees (generated + 3 others)
        assertEquals(6 * 9 + 3 * 6 + 7 + 3 + 2 * 3 + 2 * 3 * 2 + 2 * 4, results.size());
        String wrong = results.stream().filter(r -> !r.ok())
                .map(r -> r.function() + "." + r.variant() + ": error " + r.maxRelativeError())
                .collect(Collectors.joining("\n"));
        assertTrue(wrong.isEmpty(), wrong);
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
