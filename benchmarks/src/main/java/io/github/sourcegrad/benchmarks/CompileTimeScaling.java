package io.github.sourcegrad.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * How the processor's compile time grows with the size of a class: for classes of 100, 200 and 500 synthetic
 * methods ({@link SyntheticSource}), the median of several in-process compilations with and without
 * SourceGrad, after a warm-up, and the time added per method, {@code (with - without) / methods}; then one
 * method of 3,000 statements. Times are the compiling thread's CPU time (javac and the processor run on it), which
 * a busy machine disturbs much less than elapsed time. A plain main rather than JMH, to keep the run short:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.sourcegrad.benchmarks.CompileTimeScaling [sizes...]}.
 * Per-method time that grows with the class size would show a lookup quadratic in the class.
 */
public final class CompileTimeScaling {

    private CompileTimeScaling() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {100, 200, 500}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        try (InMemoryCompiler compiler = new InMemoryCompiler()) {
            String warm = SyntheticSource.generate("synthetic", "Functions", 200, 42);
            for (int i = 0; i < 10; i++) { // javac and the processor need some compilations to warm up
                compiler.compile(CompileTimeBenchmark.CLASS_NAME, warm, true);
                compiler.compile(CompileTimeBenchmark.CLASS_NAME, warm, false);
            }
            for (int methods : sizes) {
                String source = SyntheticSource.generate("synthetic", "Functions", methods, 42);
                CompileTimeBenchmark.check(compiler.compile(CompileTimeBenchmark.CLASS_NAME, source, true), true);
                int runs = Math.max(3, 1000 / methods);
                double without = median(compiler, source, false, runs, CompileTimeBenchmark.CLASS_NAME);
                double only = median(compiler, source, true, runs, CompileTimeBenchmark.CLASS_NAME, "-proc:only");
                double with = median(compiler, source, true, runs, CompileTimeBenchmark.CLASS_NAME);
                System.out.printf("%4d methods (CPU time): javac %7.1f ms, with SourceGrad %7.1f ms (processor alone, -proc:only: %7.1f ms); "
                        + "%.2f ms per method (processor alone %.2f)%n", methods, without, with, only,
                        (with - without) / methods, (only - without) / methods);
            }
            String longSource = SyntheticSource.longMethod("synthetic", "Long", 3000, 7);
            InMemoryCompiler.Result result = compiler.compile("synthetic.Long", longSource, true);
            System.out.printf("one method of 3,000 statements: %s%n", result.success() ? "compiles" : result.errors());
            double without = median(compiler, longSource, false, 3, "synthetic.Long");
            double with = median(compiler, longSource, true, 3, "synthetic.Long");
            System.out.printf("one method of 3,000 statements: javac %7.1f ms, with SourceGrad %7.1f ms%n", without, with);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static double median(InMemoryCompiler compiler, String source, boolean withSourceGrad, int runs,
            String className, String... options) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            compiler.compile(className, source, withSourceGrad, options);
            ms[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
