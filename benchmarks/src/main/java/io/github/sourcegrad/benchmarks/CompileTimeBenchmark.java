package io.github.sourcegrad.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What SourceGrad adds to a build: javac compiles one generated class with {@link #methods} {@code @Differentiable}
 * methods ({@link SyntheticSource}) in-process, in memory, without annotation processing ({@code javac}) and
 * with SourceGrad's processor ({@code javacWithSourceGrad}: parsing the bodies, differentiating them, writing
 * the companion class and compiling it too). The processor's cost per method is
 * {@code (javacWithSourceGrad - javac) / methods}. javac and the processor need some 30 to 50 compilations
 * to reach steady state, hence the long warm-up: run this benchmark with its own settings, not with the
 * short ones used for the function benchmarks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 10)
@Measurement(iterations = 8, time = 5)
@Fork(1)
public class CompileTimeBenchmark {

    static final String CLASS_NAME = "synthetic.Functions";

    @Param("200")
    public int methods;

    private String source;
    private InMemoryCompiler compiler;

    @Setup(Level.Trial)
    public void setUp() {
        source = SyntheticSource.generate("synthetic", "Functions", methods, 42);
        compiler = new InMemoryCompiler();
        // measure only successful compilations that generate what they should
        check(compiler.compile(CLASS_NAME, source, false), false);
        check(compiler.compile(CLASS_NAME, source, true), true);
    }

    static void check(InMemoryCompiler.Result result, boolean withSourceGrad) {
        if (!result.success()) {
            throw new IllegalStateException("the synthetic source does not compile: " + result.errors());
        }
        boolean generated = result.generatedSources().containsKey(CLASS_NAME + "Grad")
                && result.classes().containsKey(CLASS_NAME + "Grad");
        if (generated != withSourceGrad) {
            throw new IllegalStateException("expected " + (withSourceGrad ? "" : "no ") + "generated FunctionsGrad, got "
                    + result.classes().keySet());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        compiler.close();
    }

    @Benchmark
    public int javac() {
        return compiler.compile(CLASS_NAME, source, false).classes().size();
    }

    @Benchmark
    public int javacWithSourceGrad() {
        return compiler.compile(CLASS_NAME, source, true).classes().size();
    }
}
