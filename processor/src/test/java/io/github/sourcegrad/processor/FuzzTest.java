package io.github.sourcegrad.processor;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.sourcegrad.processor.fuzz.Ast;
import io.github.sourcegrad.processor.fuzz.Ast.ClassDef;
import io.github.sourcegrad.processor.fuzz.Ast.Method;
import io.github.sourcegrad.processor.fuzz.Ast.Param;
import io.github.sourcegrad.processor.fuzz.Ast.Program;
import io.github.sourcegrad.processor.fuzz.Generator;
import io.github.sourcegrad.processor.fuzz.Interpreter;
import io.github.sourcegrad.processor.fuzz.JavaPrinter;
import io.github.sourcegrad.processor.fuzz.Shrinker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing: random {@code @Differentiable} programs over the supported subset (see
 * {@link Generator}) are compiled in memory with the processor (many per javac run), loaded, and every
 * generated gradient, in record and zero-allocation form, is compared at random points with
 * <ul>
 *   <li>a forward-mode (dual number) evaluation of the same program ({@link Interpreter}), tightly, and</li>
 *   <li>central finite differences of the compiled original method, where they are stable.</li>
 * </ul>
 * Points near kinks and domain edges are discarded. Half of the programs have control flow (branches,
 * loops, {@code break}/{@code continue}, early returns, {@code ?:}): forward mode follows the path taken,
 * so it is compared exactly as for straight-line code, but finite differences are skipped at points
 * where a comparison of doubles is within {@value #BRANCH_MARGIN} (in input units) of switching. A
 * failing program is shrunk and printed with the seed.
 *
 * <p>A third of the programs have arrays ({@link Generator}): every element of an array parameter's gradient
 * is checked the same way (forward mode seeds one tangent per element, finite differences perturb one element
 * at a time), a method that returns an array is checked through its pullback with a random upstream array
 * (the gradient of {@code sum(value * upstream)}), and the buffer form {@code d<name>(..., [upstream], [grad],
 * gradX, ...)} must give the record's numbers, overwrite every entry of the caller's arrays and reject arrays
 * of the wrong shape; no form may change its arguments or the upstream array, and the record's gradient
 * arrays must be fresh (not the caller's, not each other's).
 *
 * <p>Second order: in half of the programs (drawn apart from those that ask for {@code forward = true}), every method
 * that returns a double and is not overloaded asks for {@code hessian = true}, whatever its parameters' types; where
 * the processor refuses that with its positioned "hessian = true ..." error (an ArrayMath operation on a differentiated
 * value, a call it cannot write inline), the program is compiled again without it on those methods. At each usable
 * point (not at log-uniform ones) {@code hvp<name>} along a random direction {@code v} must give the buffer form's
 * value and gradient bit for bit, and a Hessian times {@code v} that agrees with central differences of the generated
 * gradient along {@code v} (as the partials do with those of the value: where two steps agree, not near a branch
 * switch) and with a forward-over-forward evaluation of the program with hyper-dual numbers
 * ({@link Interpreter#hessianVector}, second-derivative rules of its own) within {@value #HESSIAN_TOLERANCE}; where the
 * method has at most {@value #HESSIAN_MAX_INPUTS} inputs, {@code hessian<name>} must be symmetric and give {@code hv}
 * when multiplied by {@code v}, within rounding. {@code -Dfuzz.hessian=F} sets the share of programs that ask for
 * Hessians (0 for none).
 *
 * <p>{@code -Dfuzz.count=N} (default 300) programs, from program {@code -Dfuzz.first=F} on (default 0: a long run
 * can be split into parts); {@code -Dfuzz.seed=S} (default {@value #DEFAULT_SEED});
 * {@code -Dfuzz.program=I} checks only program I of the run (to reproduce a failure);
 * {@code -Dfuzz.controlFlow=F} the share of programs with control flow (default 0.5; 0 gives the
 * straight-line programs of earlier versions, 1 only programs with control flow);
 * {@code -Dfuzz.arrays=F} the share of programs with arrays (default 1/3; 0 gives the programs of the
 * versions before arrays, 1 only programs with arrays); {@code -Dfuzz.knownBugs=true} also generates the
 * constructs of bugs SourceGrad is known to have ({@link Generator#KNOWN_BUGS}, {@code FuzzRegressionTest});
 * {@code -Dfuzz.threads=T} javac runs at a time (default: 2, or 1 on a single core);
 * {@code -Dfuzz.sideEffects=false} no side effects inside expressions ({@code (x = e) * y}, {@code a = b = e},
 * {@code x += (y *= c)}, {@code k++} and {@code v[k++]} as values, {@code (w[i] += e)} as a value,
 * {@code while (n-- > 0)}); {@code -Dfuzz.switchExpressions=false} no int switch expressions (arrow form,
 * {@code yield} blocks); {@code -Dfuzz.arrayFill=false} no methods that return an array they fill with loops;
 * {@code -Dfuzz.moreJumps=false} at most one guarded jump per loop body (otherwise a break and a return may meet);
 * {@code -Dfuzz.staleReads=false} reads of written arrays only where SourceGrad needed no tape for them before
 * (the rules the generator followed before the tape of overwritten elements; see {@link Generator});
 * {@code -Dfuzz.logUniform=F} the share of programs checked at inputs across the whole double range (default
 * {@value #DEFAULT_LOG_UNIFORM_SHARE}, see below).
 *
 * <p>Extreme magnitudes: at a share of the programs, most double inputs (and array elements) are drawn
 * log-uniformly, {@code |x| = 10^U(-300, 300)} with a random sign (the sign of the parameter's range where that has
 * one). A point counts where every value and forward derivative on the way is finite (an infinite or NaN primal
 * makes its derivative meaningless) and no kink is met exactly. There each generated partial must be finite, and
 * within {@value #WIDE_TOLERANCE} of the forward-mode one relative to the sum of the magnitudes of the terms both add
 * up (forward and reverse mode add the same products in different orders, so where they cancel only that sum
 * bounds the rounding), plus a few subnormal steps. Where forward mode met a subnormal local derivative, tangent or
 * term of one, or where an adjoint (which only reverse mode computes) may underflow by more than rounding (bounded
 * from the magnitudes, see {@code Interpreter.track}), digits were lost in an order-dependent way: there the
 * generated partial only has to be finite. A point where a value underflowed (to a subnormal number or to 0, as
 * {@code exp(-1e200)}) or where an adjoint may overflow is skipped like one where a value overflowed: the value's
 * adjoint may overflow while its local derivative is 0, and reverse mode multiplies the two.
 * Finite differences mean nothing at 1e300 and are not taken.
 *
 * <p>Programs are compiled {@value #BATCH} to a javac run; when a run fails, the programs responsible are
 * found from the diagnostics (or one by one) and reported, and the others are compiled again.
 */
class FuzzTest {

    static final long DEFAULT_SEED = 20_240_611L;
    private static final int BATCH = 40;
    private static final int POINTS = 3;
    private static final int ATTEMPTS = 40;
    /** Points whose estimated distance (in input units) to a kink or domain edge is below this are skipped. */
    private static final double KINK_MARGIN = 1e-4;
    /**
     * Finite differences are skipped at points whose estimated distance (in input units) to a switch of a
     * comparison is below this: ten times the larger step below, so neither stencil crosses it.
     */
    static final double BRANCH_MARGIN = 1e-4;
    /** A generated method (or the original method) that runs longer than this at one point does not terminate. */
    private static final long METHOD_TIMEOUT_SECONDS = 30;
    /** Generated partial vs forward mode: relative to {@code 1 + |expected|}. */
    private static final double FORWARD_TOLERANCE = 1e-8;
    /** Generated value vs the original method. */
    private static final double VALUE_TOLERANCE = 1e-12;
    /**
     * Generated Hessian times v vs forward over forward: relative to {@code 1 + |expected|}, ten times
     * {@link #FORWARD_TOLERANCE}: a second derivative goes through twice the local derivatives, and the two sides
     * add its terms in different orders (reverse over forward, forward over forward).
     */
    private static final double HESSIAN_TOLERANCE = 1e-7;
    /** hessian<name> times v vs hvp<name>, and H vs its transpose: relative to 1 + the magnitudes of the terms compared. */
    private static final double HESSIAN_PASSES_TOLERANCE = 1e-9;
    /** hessian<name> is checked where the method has at most this many differentiated inputs. */
    private static final int HESSIAN_MAX_INPUTS = 6;
    /** Generated partial vs central difference (when two step sizes agree). */
    private static final double FD_TOLERANCE = 1e-5;
    /** Generated partial vs forward mode at log-uniform points: relative to the sum of the magnitudes of the terms. */
    private static final double WIDE_TOLERANCE = 1e-9;
    static final double DEFAULT_LOG_UNIFORM_SHARE = 0.3;
    /** At a log-uniform point, the chance that a double input is log-uniform (the others are drawn as usual). */
    private static final double LOG_UNIFORM_INPUT = 0.8;
    private static final int MAX_SHRUNK = 6;
    private static final int MAX_LISTED = 60;

    enum Kind {
        /** The processor rejected or warned about a program of the supported subset, or wrote code javac rejects. */
        COMPILE,
        /** javac rejected the generated program itself: a bug of the generator. */
        INVALID_PROGRAM,
        /** The companion lacks a documented member or its record is not as documented. */
        API,
        /** value() differs from the original method. */
        VALUE,
        /** A partial differs from forward mode. */
        GRADIENT,
        /** A partial differs from stable central differences (forward mode agreeing or not). */
        FINITE_DIFFERENCE,
        /** The zero-allocation form differs from the record form or writes outside its entries. */
        ZERO_ALLOCATION,
        /** A generated method threw. */
        EXCEPTION,
        /** Checking a method did not finish in time: a generated loop (or an original one, near the point) does not terminate. */
        TIMEOUT,
        /** The fuzzer's own interpreter disagrees with the compiled original method: a bug of the fuzzer. */
        INTERPRETER,
        /** The generator itself failed: a bug of the fuzzer. */
        GENERATOR
    }

    /** One failed check. {@code signature} identifies "the same failure" while shrinking. */
    record Failure(Program program, Kind kind, String classId, String method, String signature, String detail) {
    }

    /** Counters for the summary line. */
    static final class Stats {
        int programs;
        int controlFlowPrograms;
        int methods;
        int points;
        int skippedPoints;
        int methodsWithoutPoints;
        long partials;
        /** Partials of array parameters (one per element). */
        long arrayPartials;
        int arrayPrograms;
        int wideMethods;
        int widePoints;
        long widePartials;
        /** Log-uniform partials checked for finiteness only: forward mode met an underflow. */
        long wideUnderflows;
        long finiteDifferenceChecks;
        long unstableFiniteDifferences;
        long finiteDifferencesNearBranches;
        int compilations;
        /**
         * Programs rejected with the processor's positioned "too large for one Java method" error and nothing
         * else: the designed answer to a gradient beyond the JVM's 64 KB, not a failure (the generator's
         * array expressions can nest that deep).
         */
        int tooLarge;
        /**
         * Methods that the interpreter found do not terminate as written (a loop bound the loop itself raises,
         * {@code it < (int) Math.round(acc)} with {@code acc += 2} in the body: seed 2499 program 227): there is
         * nothing to differentiate, so they are skipped and counted, not failed.
         */
        int nonTerminating;
        /** Points at which jacobian<name> was checked against the pullback. */
        int jacobians;
        /**
         * Programs whose only errors are the processor's positioned refusals of {@code forward = true} (an array local
         * that carries a derivative, a call that stays a call), and at their callers: what forward mode does not support
         * yet. They are compiled and checked again without {@code forward = true}.
         */
        int forwardRefused;
        /** Points where {@code jvp<name>} along a random direction was checked against the gradient. */
        long jvpChecks;
        /**
         * Programs whose only errors are the processor's positioned refusals of {@code hessian = true} (an ArrayMath
         * operation on a differentiated value, a call that stays a call), and at their callers. They are compiled and
         * checked again without {@code hessian = true}.
         */
        int hessianRefused;
        /** The methods whose hessian = true was refused in those programs: checked again without it. */
        int hessianRefusedMethods;
        /** Points where {@code hvp<name>} along a random direction was checked (value, gradient, Hessian times v). */
        long hvpChecks;
        /** Of them, at methods with a differentiated array parameter. */
        long hvpArrayChecks;
        /** Of them, where hv was compared with central differences of the generated gradient along v (stable, away from switches). */
        long hvpFiniteDifferenceChecks;
        /** Of them, where those central differences were unstable (two steps disagree) or a step met a branch switch. */
        long hvpFiniteDifferencesSkipped;
        /** Of them, where hv was compared with the interpreter's forward-over-forward Hessian times v. */
        long hvpInterpreterChecks;
        /** Points where {@code hessian<name>} (n <= {@value #HESSIAN_MAX_INPUTS}) was checked against hvp. */
        long hessianChecks;
        /** The worst deviation of a generated hv entry from forward-over-forward, relative to 1 + |expected|. */
        double worstHessianDeviation;
        double worstForwardDeviation;
        long compileNanos;
        long checkNanos;

        void add(Stats o) {
            programs += o.programs;
            controlFlowPrograms += o.controlFlowPrograms;
            methods += o.methods;
            points += o.points;
            skippedPoints += o.skippedPoints;
            methodsWithoutPoints += o.methodsWithoutPoints;
            partials += o.partials;
            arrayPartials += o.arrayPartials;
            arrayPrograms += o.arrayPrograms;
            wideMethods += o.wideMethods;
            widePoints += o.widePoints;
            widePartials += o.widePartials;
            wideUnderflows += o.wideUnderflows;
            finiteDifferenceChecks += o.finiteDifferenceChecks;
            unstableFiniteDifferences += o.unstableFiniteDifferences;
            finiteDifferencesNearBranches += o.finiteDifferencesNearBranches;
            compilations += o.compilations;
            tooLarge += o.tooLarge;
            nonTerminating += o.nonTerminating;
            jacobians += o.jacobians;
            forwardRefused += o.forwardRefused;
            jvpChecks += o.jvpChecks;
            hessianRefused += o.hessianRefused;
            hessianRefusedMethods += o.hessianRefusedMethods;
            hvpChecks += o.hvpChecks;
            hvpArrayChecks += o.hvpArrayChecks;
            hvpFiniteDifferenceChecks += o.hvpFiniteDifferenceChecks;
            hvpFiniteDifferencesSkipped += o.hvpFiniteDifferencesSkipped;
            hvpInterpreterChecks += o.hvpInterpreterChecks;
            hessianChecks += o.hessianChecks;
            worstHessianDeviation = Math.max(worstHessianDeviation, o.worstHessianDeviation);
            compileNanos += o.compileNanos;
            checkNanos += o.checkNanos;
            worstForwardDeviation = Math.max(worstForwardDeviation, o.worstForwardDeviation);
        }
    }

    @Test
    void generatedGradientsAgreeWithForwardModeAndFiniteDifferences() throws Exception {
        int count = Integer.getInteger("fuzz.count", 300);
        String seedText = System.getProperty("fuzz.seed", "");
        long seed = seedText.isBlank() ? DEFAULT_SEED : Long.parseLong(seedText.trim());
        String only = System.getProperty("fuzz.program", "");
        double share = controlFlowShare();
        long start = System.nanoTime();

        List<List<Integer>> batches = new ArrayList<>();
        if (!only.isBlank()) {
            batches.add(List.of(Integer.parseInt(only.trim())));
        } else {
            int first = Integer.getInteger("fuzz.first", 0);
            for (int i = first; i < first + count; i += BATCH) {
                List<Integer> batch = new ArrayList<>();
                for (int j = i; j < Math.min(first + count, i + BATCH); j++) {
                    batch.add(j);
                }
                batches.add(batch);
            }
        }

        // two javac runs at a time: the machine has two cores and javac uses one
        Stats stats = new Stats();
        List<Failure> failures = new ArrayList<>();
        int threads = Integer.getInteger("fuzz.threads", Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BatchResult>> results = new ArrayList<>();
            for (List<Integer> batch : batches) {
                results.add(pool.submit(() -> runBatch(seed, share, batch)));
            }
            for (Future<BatchResult> f : results) {
                BatchResult r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    throw new AssertionError("fuzz batch crashed", e.getCause());
                }
                stats.add(r.stats);
                failures.addAll(r.failures);
            }
        } finally {
            pool.shutdownNow();
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = String.format(Locale.ROOT,
                "fuzz: seed %d, %d programs (%d with control flow, %d with arrays), %d methods, %d javac runs, %d points (%d skipped "
                        + "near kinks/edges or non-finite, %d methods without a usable point), %d partials (%d of array elements) checked against "
                        + "forward mode (worst relative deviation %.2e; of them %d partials at %d log-uniform points in %d methods, %d of them "
                        + "past an underflow, for finiteness only), "
                        + "%d against central differences (%d unstable, %d near a branch "
                        + "switch, skipped), %d Jacobians against pullbacks, %d programs rejected as too large for one Java method, %d methods that do not terminate as written "
                        + "skipped, %d jvp checks along random directions (%d programs whose forward = true was refused), "
                        + "%d hvp checks along random directions (%d at methods with array parameters; %d hv entries against central "
                        + "differences of the gradient, %d of those "
                        + "unstable or near a branch switch, skipped; %d against forward-over-forward, worst relative deviation %.2e), "
                        + "%d hessian checks against hvp (%d programs, %d methods whose hessian = true was refused), "
                        + "%d failures, %.1f s (javac %.1f s, checks %.1f s, summed over threads)",
                seed, stats.programs, stats.controlFlowPrograms, stats.arrayPrograms, stats.methods, stats.compilations, stats.points,
                stats.skippedPoints, stats.methodsWithoutPoints, stats.partials, stats.arrayPartials, stats.worstForwardDeviation,
                stats.widePartials, stats.widePoints, stats.wideMethods, stats.wideUnderflows,
                stats.finiteDifferenceChecks, stats.unstableFiniteDifferences, stats.finiteDifferencesNearBranches,
                stats.jacobians, stats.tooLarge, stats.nonTerminating, stats.jvpChecks, stats.forwardRefused,
                stats.hvpChecks, stats.hvpArrayChecks, stats.hvpFiniteDifferenceChecks, stats.hvpFiniteDifferencesSkipped, stats.hvpInterpreterChecks,
                stats.worstHessianDeviation, stats.hessianChecks, stats.hessianRefused, stats.hessianRefusedMethods, failures.size(), seconds,
                stats.compileNanos / 1e9, stats.checkNanos / 1e9);
        System.out.println(summary);
        if (!failures.isEmpty()) {
            String report = report(seed, share, failures);
            System.out.println(report);
            fail(summary + "\n" + report);
        }
    }

    // ------------------------------------------------------------------ the fuzzer itself

    /**
     * The fuzzer against plain javac, without the processor: programs with control flow compile without
     * warnings, the interpreter's value equals the compiled method's bit for bit, and its forward-mode
     * derivatives agree with central differences of the compiled method (away from kinks, domain edges and
     * branch switches). Half of the programs have arrays: array values, and every element of the gradient
     * of an array parameter, are compared too (for an array result, the pullback of a random upstream array).
     * For methods that return a double, the interpreter's forward-over-forward Hessian times a random vector agrees
     * with central differences of its forward-mode gradient (there ArrayMath operations on differentiated values
     * are checked too, which hessian = true refuses so far).
     * So a failure of the test above is the processor's, not the fuzzer's.
     * {@code -Dfuzz.selfCheck=N} programs (default 40).
     */
    @Test
    void fuzzerAgreesWithJavac() throws Exception {
        int count = Integer.getInteger("fuzz.selfCheck", 40);
        String seedText = System.getProperty("fuzz.seed", "");
        long seed = seedText.isBlank() ? DEFAULT_SEED : Long.parseLong(seedText.trim());
        List<Program> programs = new ArrayList<>();
        int withArrays = 0;
        for (int i = 0; i < count; i++) {
            Program p = Generator.generate(seed, i, 1.0, 0.5);
            programs.add(p);
            withArrays += p.hasArrays() ? 1 : 0;
        }
        Compilation compilation = Compiler.javac().withOptions("-proc:none", "-Xlint:all").compile(sources(programs));
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : problems(compilation)) {
            problems.add("javac: " + (d.getSource() == null ? "?" : d.getSource().getName()) + ":" + d.getLineNumber() + ": "
                    + d.getMessage(Locale.ROOT));
        }
        if (!problems.isEmpty()) {
            fail("the generated programs are not clean Java:\n" + String.join("\n", problems));
        }
        ClassLoader loader = new PlainLoader(compilation);
        int points = 0;
        int arrayPoints = 0;
        int derivatives = 0;
        int arrayDerivatives = 0;
        int secondDerivatives = 0;
        List<String> nonTerminating = new ArrayList<>();
        for (Program p : programs) {
            for (ClassDef c : p.classes()) {
                Class<?> cls = Class.forName(p.binaryName(c.id()), true, loader);
                for (Method m : c.methods()) {
                    java.lang.reflect.Method primal = cls.getDeclaredMethod(m.name(), parameterTypes(m));
                    primal.setAccessible(true);
                    List<Slot> slots = slots(m);
                    boolean arrays = m.hasArrays() || Ast.usesArrays(m);
                    SplittableRandom rnd = new SplittableRandom(p.index() * 7919L + m.params().size());
                    for (int attempt = 0; attempt < 8; attempt++) {
                        Object[] args = sample(m, rnd);
                        String at = "program " + p.index() + " " + c.id() + "." + m.name() + deep(args);
                        Interpreter.Result r;
                        try {
                            r = Interpreter.evaluate(p, c.id(), m.name(), args, like -> randomLike(like, rnd));
                        } catch (IllegalStateException e) {
                            if (e.getMessage() == null || !e.getMessage().endsWith(Interpreter.NON_TERMINATING)) {
                                throw e;
                            }
                            nonTerminating.add(at); // a while loop that never ends at this point, as the main test skips
                            break;
                        }
                        if (r.shapeError() != null) {
                            problems.add(at + ": the program fails on arrays of its parameters' shapes: " + r.shapeError());
                            break;
                        }
                        if (!r.valid() || r.kinkDistance() < KINK_MARGIN) {
                            continue;
                        }
                        points++;
                        arrayPoints += arrays ? 1 : 0;
                        Object value = primal.invoke(null, args);
                        Object interpreted = m.resultType().isArray() ? r.array() : (Object) r.value();
                        if (!bitwiseEqual(value, interpreted)) {
                            problems.add(at + ": javac " + deep(value) + ", interpreter " + deep(interpreted));
                            continue;
                        }
                        if (r.branchDistance() < BRANCH_MARGIN) {
                            continue;
                        }
                        for (int i = 0; i < slots.size(); i++) {
                            double fd1 = centralDifference(primal, args, r.upstream(), slots.get(i), 1e-5);
                            double fd2 = centralDifference(primal, args, r.upstream(), slots.get(i), 1e-6);
                            double tol = FD_TOLERANCE * (1 + Math.abs(fd2));
                            if (!(Math.abs(fd1 - fd2) <= tol / 10)) {
                                continue;
                            }
                            derivatives++;
                            arrayDerivatives += slots.get(i).col() >= 0 ? 1 : 0;
                            if (!(Math.abs(r.gradient()[i] - fd2) <= tol)) {
                                problems.add(at + (r.upstream() == null ? "" : " upstream " + deep(r.upstream())) + ": "
                                        + slots.get(i).name() + " forward mode " + r.gradient()[i]
                                        + ", central differences " + fd2 + " (h=1e-6) and " + fd1 + " (h=1e-5)");
                            }
                        }
                        if (m.resultType() == Ast.JType.DOUBLE && !slots.isEmpty()) {
                            String problem = secondOrderAgrees(p, c, m, args, r, slots, rnd);
                            secondDerivatives += problem == null ? 1 : 0;
                            if (problem != null && !problem.isEmpty()) {
                                problems.add(at + ": " + problem);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "fuzzer self-check: %d programs with control flow (%d with arrays), %d points (%d of "
                + "methods with arrays), %d derivatives (%d of array elements) checked against central differences, %d Hessian-vector "
                + "products (forward over forward) against central differences of the forward-mode gradient, %d methods "
                + "that do not terminate as written skipped%s%n", count, withArrays, points, arrayPoints, derivatives,
                arrayDerivatives, secondDerivatives, nonTerminating.size(), nonTerminating.isEmpty() ? "" : " (first: " + nonTerminating.get(0) + ")");
        if (!problems.isEmpty()) {
            fail("the fuzzer disagrees with javac:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size())))
                    + "\n(reproduce: -Dfuzz.seed=" + seed + "; print a program with FuzzTest.programSource)");
        }
        if (points < count || arrayPoints < withArrays) {
            fail("only " + points + " usable points in " + count + " programs (" + arrayPoints + " in the " + withArrays
                    + " with arrays)");
        }
    }

    /**
     * The interpreter's forward-over-forward Hessian times a random {@code v} against central differences of its own
     * forward-mode gradient along {@code v} (which the self-check compares with javac's values): null where they agree,
     * "" where they could not be compared (near a branch switch, a step invalid, the two steps disagree), else the
     * problem. So the second-derivative rules of {@link Interpreter#hessianVector} are checked without the processor.
     */
    private static String secondOrderAgrees(Program p, ClassDef c, Method m, Object[] args, Interpreter.Result r, List<Slot> slots,
            SplittableRandom rnd) {
        if (r.branchDistance() < BRANCH_MARGIN) {
            return "";
        }
        int n = slots.size();
        double[] v = new double[n];
        double largest = 1;
        for (int i = 0; i < n; i++) {
            v[i] = -1 + 2 * rnd.nextDouble();
            largest = Math.max(largest, Math.abs(get(args, slots.get(i))));
        }
        Interpreter.SecondOrder second = Interpreter.hessianVector(p, c.id(), m.name(), args, v);
        if (!second.valid()) {
            return "";
        }
        if (!bitwiseEqual(second.value(), r.value()) || !Arrays.equals(second.gradient(), r.gradient())) {
            return "forward over forward gives value " + second.value() + " gradient " + Arrays.toString(second.gradient())
                    + ", forward mode " + r.value() + " " + Arrays.toString(r.gradient());
        }
        double[][] fd = new double[2][];
        for (int s = 0; s < 2; s++) {
            double t = (s == 0 ? 1e-5 : 1e-6) * largest;
            Object[] plus = deepCopy(args);
            Object[] minus = deepCopy(args);
            for (int i = 0; i < n; i++) {
                double x = get(args, slots.get(i));
                set(plus, slots.get(i), x + t * v[i]);
                set(minus, slots.get(i), x - t * v[i]);
            }
            Interpreter.Result up = Interpreter.evaluate(p, c.id(), m.name(), plus);
            Interpreter.Result down = Interpreter.evaluate(p, c.id(), m.name(), minus);
            if (!up.valid() || !down.valid()) {
                return "";
            }
            fd[s] = new double[n];
            for (int i = 0; i < n; i++) {
                fd[s][i] = (up.gradient()[i] - down.gradient()[i]) / (2 * t);
            }
        }
        for (int i = 0; i < n; i++) {
            double tol = FD_TOLERANCE * (1 + Math.abs(fd[1][i]));
            if (!(Math.abs(fd[0][i] - fd[1][i]) <= tol / 10)) {
                return "";
            }
            if (!(Math.abs(second.hessianVector()[i] - fd[1][i]) <= tol)) {
                return "forward over forward: (H v)[" + i + "] (" + slots.get(i).name() + ") = " + second.hessianVector()[i]
                        + " along v = " + Arrays.toString(v) + ", central differences of the forward-mode gradient " + fd[1][i]
                        + " (h=1e-6) and " + fd[0][i] + " (h=1e-5)";
            }
        }
        return null;
    }

    /** Loads the classes of a compilation without the processor. */
    private static final class PlainLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        PlainLoader(Compilation compilation) {
            super(FuzzTest.class.getClassLoader());
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() != JavaFileObject.Kind.CLASS) {
                    continue;
                }
                String path = file.toUri().getPath();
                String marker = "/CLASS_OUTPUT/";
                String name = path.substring(path.indexOf(marker) + marker.length(), path.length() - ".class".length());
                try (InputStream in = file.openInputStream()) {
                    classes.put(name.replace('/', '.'), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name)) {
                    byte[] bytes = classes.get(name);
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }

    // ------------------------------------------------------------------ one javac run

    record BatchResult(Stats stats, List<Failure> failures) {
    }

    /** {@code -Dfuzz.arrays}: the share of programs with arrays. */
    static double arrayShare() {
        String text = System.getProperty("fuzz.arrays", "");
        return text.isBlank() ? Generator.DEFAULT_ARRAY_SHARE : Double.parseDouble(text.trim());
    }

    /** {@code -Dfuzz.logUniform}: the share of programs checked at log-uniform points across the double range. */
    static double logUniformShare() {
        String text = System.getProperty("fuzz.logUniform", "");
        return text.isBlank() ? DEFAULT_LOG_UNIFORM_SHARE : Double.parseDouble(text.trim());
    }

    /** Whether program {@code p} is checked at log-uniform points: drawn from its seed and index, so shrinking keeps it. */
    static boolean logUniform(Program p) {
        return new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + p.index() * 31L + 7).nextDouble() < logUniformShare();
    }

    /** {@code -Dfuzz.controlFlow}: the share of programs with control flow. */
    static double controlFlowShare() {
        String text = System.getProperty("fuzz.controlFlow", "");
        return text.isBlank() ? Generator.DEFAULT_CONTROL_FLOW_SHARE : Double.parseDouble(text.trim());
    }

    private static BatchResult runBatch(long seed, double share, List<Integer> indices) {
        Stats stats = new Stats();
        List<Failure> failures = new ArrayList<>();
        List<Program> programs = new ArrayList<>();
        for (int i : indices) {
            try {
                Program p = Generator.generate(seed, i, share, arrayShare());
                programs.add(p);
                if (Ast.hasControlFlow(p)) {
                    stats.controlFlowPrograms++;
                }
                if (p.hasArrays()) {
                    stats.arrayPrograms++;
                }
            } catch (RuntimeException | StackOverflowError e) {
                Program none = new Program(i, seed, "fz" + i, null, null);
                failures.add(new Failure(none, Kind.GENERATOR, "P", null, "GENERATOR:" + e.getClass().getSimpleName(),
                        "generating program " + i + " threw " + e));
            }
        }
        stats.programs = programs.size();
        long t0 = System.nanoTime();
        Compiled compiled = compile(programs, stats);
        long t1 = System.nanoTime();
        failures.addAll(compiled.failures);
        if (compiled.code != null) {
            for (Program p : compiled.programs) {
                failures.addAll(check(p, compiled.code, stats, POINTS, null));
            }
        }
        stats.compileNanos += t1 - t0;
        stats.checkNanos += System.nanoTime() - t1;
        return new BatchResult(stats, failures);
    }

    record Compiled(GeneratedCode code, List<Program> programs, List<Failure> failures) {
    }

    private static JavaFileObject[] sources(List<Program> programs) {
        List<JavaFileObject> files = new ArrayList<>();
        for (Program p : programs) {
            JavaPrinter.sources(p).forEach((name, code) -> files.add(GeneratedCode.source(name, code)));
        }
        return files.toArray(new JavaFileObject[0]);
    }

    /**
     * Compiles the programs together; when that fails, finds the programs responsible (by the package of
     * each diagnostic, or one by one) and compiles the others again.
     */
    private static Compiled compile(List<Program> programs, Stats stats) {
        List<Failure> failures = new ArrayList<>();
        List<Program> remaining = programs;
        // An error in one program's source stops javac before it compiles the code generated for the others,
        // so the errors in that code only show in the next run: find the culprits in rounds.
        for (int round = 0; round < 5 && !remaining.isEmpty(); round++) {
            stats.compilations++;
            AssertionError together;
            try {
                return new Compiled(GeneratedCode.compile(sources(remaining)), remaining, failures);
            } catch (AssertionError e) {
                together = e;
            }
            Compilation all = javac(remaining);
            stats.compilations++;
            Map<Integer, List<Diagnostic<? extends JavaFileObject>>> byProgram = new LinkedHashMap<>();
            boolean unattributed = false;
            for (Diagnostic<? extends JavaFileObject> d : problems(all)) {
                Integer index = programIndex(d);
                if (index == null) {
                    unattributed = true;
                } else {
                    byProgram.computeIfAbsent(index, k -> new ArrayList<>()).add(d);
                }
            }
            List<Program> good = new ArrayList<>();
            boolean retry = false;
            for (Program p : remaining) {
                List<Diagnostic<? extends JavaFileObject>> mine = byProgram.get(p.index());
                if (unattributed) {
                    stats.compilations++;
                    mine = problems(javac(List.of(p)));
                }
                if (mine == null || mine.isEmpty()) {
                    good.add(p);
                } else if (mine.stream().anyMatch(FuzzTest::isTooLarge)
                        && mine.stream().allMatch(d -> isTooLarge(d) || isBrokenCallee(d))) {
                    // an oversized method, and its callers told that it has errors of its own (seed 6061207, program 56)
                    stats.tooLarge++;
                } else if (mine.stream().anyMatch(d -> isForwardRefusal(d) || isHessianRefusal(d))
                        && mine.stream().allMatch(d -> isTooLarge(d) || isForwardRefusal(d) || isHessianRefusal(d) || isBrokenCallee(d))) {
                    // what forward mode (or hessian = true) does not support yet: check the program again without it
                    if (mine.stream().anyMatch(FuzzTest::isForwardRefusal)) {
                        stats.forwardRefused++;
                        JavaPrinter.withoutForward(p);
                    }
                    if (mine.stream().anyMatch(FuzzTest::isHessianRefusal)) {
                        // on the methods refused (their callers' errors go with them), or the program's when unclear
                        stats.hessianRefused++;
                        for (Diagnostic<? extends JavaFileObject> d : mine) {
                            if (isHessianRefusal(d)) {
                                stats.hessianRefusedMethods++;
                                JavaPrinter.withoutHessian(p, annotatedMethod(d));
                            }
                        }
                    }
                    retry = true;
                    good.add(p);
                } else {
                    failures.add(compileFailure(p, mine));
                }
            }
            if (good.size() == remaining.size() && !retry || round == 4) {
                for (Program p : good) {
                    failures.add(new Failure(p, Kind.COMPILE, "P", null, "COMPILE:together",
                            "compiles alone but not together with other programs: " + together.getMessage()));
                }
                return new Compiled(null, List.of(), failures);
            }
            remaining = good;
        }
        return new Compiled(null, List.of(), failures);
    }

    /** The processor's error at a method whose gradient would exceed the JVM's limit on one method's bytecode. */
    private static boolean isTooLarge(Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT);
        return d.getKind() == Diagnostic.Kind.ERROR && message.startsWith("[SourceGrad] the gradient of ")
                && message.contains(" is too large for one Java method: ") && d.getLineNumber() > 0;
    }

    /** The processor's positioned refusal of {@code forward = true} for what forward mode does not support yet. */
    private static boolean isForwardRefusal(Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT);
        return d.getKind() == Diagnostic.Kind.ERROR && message.startsWith("[SourceGrad] forward = true ") && d.getLineNumber() > 0;
    }

    /** The processor's positioned refusal of {@code hessian = true} for what it cannot follow yet. */
    private static boolean isHessianRefusal(Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT);
        return d.getKind() == Diagnostic.Kind.ERROR && message.startsWith("[SourceGrad] hessian = true ") && d.getLineNumber() > 0;
    }

    private static final Pattern DECLARATION = Pattern.compile("\\bstatic [\\w\\[\\]]+ (\\w+)\\(");

    /** The name of the method whose annotation {@code d} is at (the next declaration from its line on), or null. */
    private static String annotatedMethod(Diagnostic<? extends JavaFileObject> d) {
        try {
            List<String> lines = d.getSource().getCharContent(true).toString().lines().toList();
            for (int i = (int) d.getLineNumber() - 1; i >= 0 && i < lines.size(); i++) {
                Matcher m = DECLARATION.matcher(lines.get(i));
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The processor's error at a caller of a method that has errors of its own (here: a refused forward or hessian = true). */
    private static boolean isBrokenCallee(Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT);
        return d.getKind() == Diagnostic.Kind.ERROR && message.startsWith("[SourceGrad] cannot differentiate through ")
                && message.contains("which has errors of its own");
    }

    private static Compilation javac(List<Program> programs) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources(programs));
    }

    private static List<Diagnostic<? extends JavaFileObject>> problems(Compilation c) {
        List<Diagnostic<? extends JavaFileObject>> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
                    || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                out.add(d);
            }
        }
        return out;
    }

    private static final Pattern PACKAGE = Pattern.compile("(?:(?:^|[/:])fz(\\d+)/|(?:^|[/:])Fz(\\d+)[PQ])");

    private static Integer programIndex(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null) {
            return null;
        }
        Matcher m = PACKAGE.matcher(d.getSource().toUri().toString());
        return m.find() ? Integer.valueOf(m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    /** A diagnostic about the program's own source, not from the processor nor in generated code. */
    private static boolean inProgramSource(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "?" : d.getSource().toUri().getPath();
        return !d.getMessage(Locale.ROOT).contains("[SourceGrad]") && !file.contains("SOURCE_OUTPUT") && !file.endsWith("Grad.java");
    }

    private static Failure compileFailure(Program p, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        StringBuilder detail = new StringBuilder();
        boolean processor = false;
        boolean generated = false;
        String first = null;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            String message = d.getMessage(Locale.ROOT);
            String file = d.getSource() == null ? "?" : d.getSource().toUri().getPath();
            boolean fromProcessor = message.contains("[SourceGrad]");
            boolean inGenerated = file.contains("SOURCE_OUTPUT") || file.endsWith("Grad.java");
            processor |= fromProcessor;
            generated |= inGenerated;
            if (first == null && (fromProcessor || inGenerated)) {
                first = (fromProcessor ? "processor " : "generated code ") + d.getCode() + " "
                        + message.replaceAll("'[^']*'", "'_'").replaceAll("\\b(variable|method|class) [^ ]+", "$1 _")
                                .replaceAll("\\d+", "#").lines().findFirst().orElse("");
            }
            detail.append(d.getKind()).append(' ').append(file).append(':').append(d.getLineNumber()).append(": ")
                    .append(message).append('\n');
        }
        Kind kind = processor || generated ? Kind.COMPILE : Kind.INVALID_PROGRAM;
        String signature = kind + ":" + (first != null ? first : diagnostics.get(0).getCode());
        return new Failure(p, kind, "P", null, signature, detail.toString());
    }

    // ------------------------------------------------------------------ checking one program

    /**
     * Checks every method of {@code p} (or only {@code onlyMethod}, "Class.method") at up to {@code points}
     * points each.
     */
    private static List<Failure> check(Program p, GeneratedCode code, Stats stats, int points, String onlyMethod) {
        List<Failure> failures = new ArrayList<>();
        for (ClassDef c : p.classes()) {
            for (Method m : c.methods()) {
                if (onlyMethod != null && !onlyMethod.equals(c.id() + "." + m.name())) { // all overloads
                    continue;
                }
                stats.methods++;
                // on a thread of its own, so that a generated loop that never ends fails the check instead of hanging it
                Stats own = new Stats();
                Future<Failure> result = CHECKER.submit(() -> checkMethod(p, c, m, code, own, points));
                try {
                    Failure f = result.get(METHOD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    stats.add(own);
                    if (f != null) {
                        failures.add(f);
                    }
                } catch (TimeoutException e) {
                    result.cancel(true);
                    failures.add(new Failure(p, Kind.TIMEOUT, c.id(), m.name(), "TIMEOUT",
                            "checking " + c.id() + "." + m.name() + " did not finish within " + METHOD_TIMEOUT_SECONDS
                                    + " s: a generated method (or the original, at a point near the checked one) does not terminate"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    failures.add(new Failure(p, Kind.API, c.id(), m.name(), "API:" + t.getClass().getSimpleName(),
                            "checking " + c.id() + "." + m.name() + " failed: " + t));
                }
            }
        }
        return failures;
    }

    /** Daemon threads: one left running a loop that never ends does not keep the JVM alive. */
    private static final ExecutorService CHECKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-check");
        t.setDaemon(true);
        return t;
    });

    /**
     * One number of the gradient: parameter {@code param} (an index into the method's parameters), or an
     * element of it ({@code row} and {@code col} for a matrix, {@code col} for a vector, -1 where unused).
     * {@code name} as messages show it: {@code dx}, {@code dxs[2]}, {@code dW[1][0]}.
     */
    record Slot(int param, int row, int col, String name) {
    }

    /** The slots of a method's gradient, in the order of the interpreter's tangents: parameters in order, arrays row-major. */
    static List<Slot> slots(Method m) {
        List<Slot> out = new ArrayList<>();
        for (Param d : m.differentiated()) {
            int index = m.params().indexOf(d);
            switch (d.type()) {
                case VECTOR -> {
                    for (int j = 0; j < d.shape().get(0); j++) {
                        out.add(new Slot(index, -1, j, "d" + d.name() + "[" + j + "]"));
                    }
                }
                case MATRIX -> {
                    for (int i = 0; i < d.shape().get(0); i++) {
                        for (int j = 0; j < d.shape().get(1); j++) {
                            out.add(new Slot(index, i, j, "d" + d.name() + "[" + i + "][" + j + "]"));
                        }
                    }
                }
                default -> out.add(new Slot(index, -1, -1, "d" + d.name()));
            }
        }
        return out;
    }

    private static Failure checkMethod(Program p, ClassDef c, Method m, GeneratedCode code, Stats stats, int wanted) {
        String binary = p.binaryName(c.id());
        Class<?>[] types = parameterTypes(m);
        String where = c.id() + "." + m.name() + "/" + m.params().size();
        boolean arrayResult = m.resultType().isArray();
        Class<?> resultClass = javaType(m.resultType());
        List<Param> diff = m.differentiated();
        List<Param> scalars = diff.stream().filter(d -> d.type() == Ast.JType.DOUBLE).toList();
        List<Param> arrays = diff.stream().filter(d -> d.type().isArray()).toList();
        int k = scalars.size();
        // the zero-allocation form: (params..., [upstream], [double[] grad if a double is differentiated], one array per array)
        List<Class<?>> intoList = new ArrayList<>(Arrays.asList(types));
        if (arrayResult) {
            intoList.add(resultClass);
        }
        List<Class<?>> recordList = new ArrayList<>(intoList);
        if (k > 0) {
            intoList.add(double[].class);
        }
        arrays.forEach(a -> intoList.add(javaType(a.type())));
        java.lang.reflect.Method primal;
        java.lang.reflect.Method record;
        java.lang.reflect.Method into;
        java.lang.reflect.Method jacobian = null;
        try {
            primal = code.load(binary).getDeclaredMethod(m.name(), types);
            primal.setAccessible(true);
            Class<?> companion = code.companion(binary);
            record = companion.getMethod("d" + m.name(), recordList.toArray(new Class<?>[0]));
            into = companion.getMethod("d" + m.name(), intoList.toArray(new Class<?>[0]));
            if (m.resultType() == Ast.JType.VECTOR && !diff.isEmpty() && companionCanCall(primal)) {
                List<Class<?>> jacobianList = new ArrayList<>(Arrays.asList(types));
                jacobianList.add(double[][].class);
                jacobian = companion.getMethod("jacobian" + m.name(), jacobianList.toArray(new Class<?>[0]));
            }
        } catch (NoSuchMethodException e) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:missing", "missing method " + e.getMessage());
        }
        if (into.getReturnType() != resultClass) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:returns",
                    where + ": the zero-allocation form returns " + into.getReturnType().getSimpleName() + ", expected " + resultClass.getSimpleName());
        }
        List<Slot> slots = slots(m);
        // forward mode: jvp<name>(params..., one tangent per differentiated parameter, of its type), where the method
        // asks for it
        java.lang.reflect.Method jvp = null;
        if (JavaPrinter.forward(p, m)) {
            List<Class<?>> jvpList = new ArrayList<>(Arrays.asList(types));
            diff.forEach(d -> jvpList.add(javaType(d.type())));
            try {
                jvp = code.companion(binary).getMethod("jvp" + m.name(), jvpList.toArray(new Class<?>[0]));
            } catch (NoSuchMethodException e) {
                return new Failure(p, Kind.API, c.id(), m.name(), "API:missingJvp", "missing method " + e.getMessage());
            }
        }

        // second order: hvp<name>(params..., v, grad, hv) and hessian<name>(params..., h), where the method asks for them
        java.lang.reflect.Method hvp = null;
        java.lang.reflect.Method hessian = null;
        if (JavaPrinter.hessian(p, m)) {
            List<Class<?>> hvpList = new ArrayList<>(Arrays.asList(types));
            hvpList.addAll(List.of(double[].class, double[].class, double[].class));
            List<Class<?>> hessianList = new ArrayList<>(Arrays.asList(types));
            hessianList.add(double[][].class);
            try {
                hvp = code.companion(binary).getMethod("hvp" + m.name(), hvpList.toArray(new Class<?>[0]));
                hessian = code.companion(binary).getMethod("hessian" + m.name(), hessianList.toArray(new Class<?>[0]));
            } catch (NoSuchMethodException e) {
                return new Failure(p, Kind.API, c.id(), m.name(), "API:missingHvp", "missing method " + e.getMessage());
            }
        }

        RecordComponent[] components = record.getReturnType().getRecordComponents();
        List<String> expectedNames = new ArrayList<>();
        List<Class<?>> expectedTypes = new ArrayList<>();
        expectedNames.add("value");
        expectedTypes.add(resultClass);
        diff.forEach(d -> {
            expectedNames.add("d" + d.name());
            expectedTypes.add(javaType(d.type()));
        });
        List<String> names = components == null ? List.of() : Arrays.stream(components).map(RecordComponent::getName).toList();
        List<Class<?>> componentTypes = components == null ? List.of() : Arrays.stream(components).map(RecordComponent::getType).toList();
        if (!names.equals(expectedNames) || !componentTypes.equals(expectedTypes)) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:components",
                    where + ": record components " + names + " " + componentTypes + ", expected " + expectedNames + " " + expectedTypes);
        }

        // the first point, for the checks of argument validation
        Object[] firstArgs = sample(m, new SplittableRandom(1));
        Interpreter.Result first;
        try {
            first = Interpreter.evaluate(p, c.id(), m.name(), firstArgs, like -> Interpreter.ones(like)); // (a shrunk program may not terminate: find out first)
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().endsWith(Interpreter.NON_TERMINATING)) {
                stats.nonTerminating++;
                return null;
            }
            return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:crash", where + deep(firstArgs)
                    + ": the fuzzer's interpreter failed: " + e.getMessage());
        }
        if (first.shapeError() != null) {
            return new Failure(p, Kind.GENERATOR, c.id(), m.name(), "GENERATOR:shape", where + deep(firstArgs)
                    + ": the program itself fails on arrays of its parameters' shapes: " + first.shapeError());
        }
        if (first.valid()) {
            Object up = first.upstream();
            // a too short grad array is rejected
            if (k > 0) {
                Failure f = expectRejected(p, c, m, into, bufferArgs(firstArgs, up, new double[k - 1], arrays), "API:shortArray",
                        where + ": the zero-allocation form with a grad array of length " + (k - 1));
                if (f != null) {
                    return f;
                }
            }
            // a gradient array of the wrong shape is rejected
            if (!arrays.isEmpty()) {
                Object[] args = bufferArgs(firstArgs, up, k > 0 ? new double[k] : null, arrays);
                int at = args.length - arrays.size();
                args[at] = wrongShape(args[at]);
                Failure f = expectRejected(p, c, m, into, args, "API:bufferShape",
                        where + ": the zero-allocation form with a gradient array of shape " + shapeOf(args[at]) + " for "
                                + arrays.get(0).name() + " of shape " + arrays.get(0).shape());
                if (f != null) {
                    return f;
                }
            }
            // an upstream array of the wrong shape is rejected
            if (arrayResult) {
                Object[] args = append(firstArgs, wrongShape(up));
                Failure f = expectRejected(p, c, m, record, args, "API:upstreamShape",
                        where + ": the pullback with an upstream array of shape " + shapeOf(args[args.length - 1])
                                + " for a result of shape " + shapeOf(first.array()));
                if (f != null) {
                    return f;
                }
            }
            // hvp<name> with one entry too few in v, grad or hv, and hessian<name> with a row too few, are rejected
            if (hvp != null && !slots.isEmpty()) {
                int n = slots.size();
                for (int which = 0; which < 3; which++) {
                    Object[] args = Arrays.copyOf(firstArgs, firstArgs.length + 3);
                    for (int b = 0; b < 3; b++) {
                        args[firstArgs.length + b] = new double[b == which ? n - 1 : n];
                    }
                    Failure f = expectRejected(p, c, m, hvp, args, "API:hvpShortArray", where + ": hvp" + m.name() + " with "
                            + List.of("v", "grad", "hv").get(which) + " of length " + (n - 1) + " for " + n + " inputs");
                    if (f != null) {
                        return f;
                    }
                }
                Failure f = expectRejected(p, c, m, hessian, append(firstArgs, new double[n - 1][n]), "API:hessianShortArray",
                        where + ": hessian" + m.name() + " with " + (n - 1) + " rows for " + n + " inputs");
                if (f != null) {
                    return f;
                }
            }
        }

        SplittableRandom rnd = new SplittableRandom(p.seed() * 31 + p.index() * 1_000_003L + where.hashCode());
        boolean wide = logUniform(p);
        if (wide) {
            stats.wideMethods++;
        }
        int good = 0;
        for (int attempt = 0; attempt < ATTEMPTS && good < wanted; attempt++) {
            Object[] args = wide ? sampleWide(m, rnd) : sample(m, rnd);
            Interpreter.Result expected;
            try {
                expected = Interpreter.evaluate(p, c.id(), m.name(), args, like -> randomLike(like, rnd), wide);
            } catch (IllegalStateException e) {
                if (e.getMessage() != null && e.getMessage().endsWith(Interpreter.NON_TERMINATING)) {
                    stats.skippedPoints++; // the program's own loop does not end at this point: nothing to check
                    continue;
                }
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:crash", where + deep(args)
                        + ": the fuzzer's interpreter failed: " + e.getMessage());
            }
            if (expected.shapeError() != null && wide) {
                // an index computed from a double of 1e200: the generator keeps indices in range for its own ranges only
                stats.skippedPoints++;
                continue;
            }
            if (expected.shapeError() != null) {
                return new Failure(p, Kind.GENERATOR, c.id(), m.name(), "GENERATOR:shape", where + deep(args)
                        + ": the program itself fails on arrays of its parameters' shapes: " + expected.shapeError());
            }
            // at log-uniform points only an exact kink is skipped: "near" means nothing at 1e-200, and forward and
            // reverse mode see the same values, so they take the same side
            if (!expected.valid() || (wide ? !(expected.kinkDistance() > 0) || expected.underflow() == Interpreter.VALUE_UNDERFLOW
                    : expected.kinkDistance() < KINK_MARGIN)) {
                stats.skippedPoints++;
                continue;
            }
            good++;
            stats.points++;
            stats.widePoints += wide ? 1 : 0;
            String at = where + deep(args);
            Object up = expected.upstream();
            Object[] pristine = deepCopy(args);
            Object pristineUp = deepCopy(up);
            Object primalValue;
            try {
                primalValue = primal.invoke(null, args);
            } catch (InvocationTargetException | IllegalAccessException e) {
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:threw",
                        at + ": the original method threw " + cause(e) + " (the interpreter did not)");
            }
            Object interpreted = arrayResult ? expected.array() : (Object) expected.value();
            if (!bitwiseEqual(primalValue, interpreted)) {
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:value",
                        at + ": original method " + deep(primalValue) + ", fuzzer's interpreter " + deep(interpreted));
            }
            Object recordValue;
            try {
                recordValue = record.invoke(null, arrayResult ? append(args, up) : args);
            } catch (InvocationTargetException | IllegalAccessException e) {
                return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:record:" + cause(e).getClass().getSimpleName(),
                        at + ": d" + m.name() + " threw " + cause(e));
            }
            Failure mutated = unchanged(p, c, m, at + ": d" + m.name() + "(...)", pristine, args, pristineUp, up);
            if (mutated != null) {
                return mutated;
            }
            // the zero-allocation form, its arrays filled with NaN: each entry must be written, grad[k] must stay NaN
            double[] grad = new double[k + 1];
            Arrays.fill(grad, Double.NaN);
            Object[] intoArgs = bufferArgs(args, up, k > 0 ? grad : null, arrays);
            Object intoValue;
            try {
                intoValue = into.invoke(null, intoArgs);
            } catch (InvocationTargetException | IllegalAccessException e) {
                return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:into:" + cause(e).getClass().getSimpleName(),
                        at + ": d" + m.name() + "(..., grad) threw " + cause(e));
            }
            mutated = unchanged(p, c, m, at + ": d" + m.name() + "(..., grad)", pristine, args, pristineUp, up);
            if (mutated != null) {
                return mutated;
            }
            Object[] rec = components(recordValue, components);
            Object value = rec[0];
            if (!close(value, primalValue, VALUE_TOLERANCE)) {
                return new Failure(p, Kind.VALUE, c.id(), m.name(), "VALUE",
                        at + ": value() " + deep(value) + " but the method returns " + deep(primalValue));
            }
            String aliasing = aliasing(rec, args, up, intoValue);
            if (aliasing != null) {
                return new Failure(p, Kind.API, c.id(), m.name(), "API:aliasing", at + ": " + aliasing);
            }
            double[] generated = new double[slots.size()];
            String shapes = flatten(m, diff, rec, generated);
            if (shapes != null) {
                return new Failure(p, Kind.API, c.id(), m.name(), "API:gradientShape", at + ": " + shapes);
            }
            // zero-allocation form: the same value and the same partials bit for bit (both forms write the callees
            // inline and run the same code), nothing written beyond grad[k - 1]
            double[] buffered = new double[slots.size()];
            Object[] fromBuffers = new Object[diff.size() + 1];
            int s = 0;
            for (int i = 0; i < diff.size(); i++) {
                Param d = diff.get(i);
                fromBuffers[i + 1] = d.type().isArray() ? intoArgs[intoArgs.length - arrays.size() + arrays.indexOf(d)] : grad[s++];
            }
            flatten(m, diff, fromBuffers, buffered);
            boolean same = bitwiseEqual(intoValue, value) && Double.isNaN(grad[k]);
            for (int i = 0; i < slots.size(); i++) {
                same &= Double.compare(buffered[i], generated[i]) == 0;
            }
            if (!same) {
                return new Failure(p, Kind.ZERO_ALLOCATION, c.id(), m.name(), "ZERO_ALLOCATION",
                        at + ": record value " + deep(value) + " gradient " + Arrays.toString(generated) + ", zero-allocation form value "
                                + deep(intoValue) + " gradient " + Arrays.toString(buffered) + " grad " + Arrays.toString(grad)
                                + " (every entry must be written, the last one of grad must stay NaN)");
            }
            if (jacobian != null && !wide) {
                Failure f = checkJacobian(p, c, m, jacobian, args, (double[]) up, (double[]) primalValue, generated, slots, at);
                if (f != null) {
                    return f;
                }
                stats.jacobians++;
            }
            if (jvp != null && !wide) {
                Failure f = checkJvp(p, c, m, jvp, args, primalValue, generated, at);
                if (f != null) {
                    return f;
                }
                stats.jvpChecks++;
            }
            if (hvp != null && !wide) {
                Failure f = checkHvp(p, c, m, hvp, hessian, into, intoValue, primalValue, args, buffered, slots, expected, at, stats);
                if (f != null) {
                    return f;
                }
            }
            String upstreamNote = arrayResult ? " (upstream " + deep(up) + ")" : "";
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                double actual = generated[i];
                double forward = expected.gradient()[i];
                stats.partials++;
                if (slot.col() >= 0) {
                    stats.arrayPartials++;
                }
                if (wide) {
                    stats.widePartials++;
                    double terms = expected.magnitudes()[i];
                    boolean underflow = expected.finitenessOnly()[i];
                    stats.wideUnderflows += underflow ? 1 : 0;
                    for (double a : new double[] {actual, buffered[i]}) {
                        if (!Double.isFinite(a) || !(underflow || Math.abs(a - forward) <= WIDE_TOLERANCE * terms + 64 * Double.MIN_VALUE)) {
                            String form = a == actual ? "" : " (zero-allocation form; the record's is " + actual + ")";
                            return new Failure(p, Kind.GRADIENT, c.id(), m.name(), Double.isFinite(a) ? "GRADIENT:wide" : "GRADIENT:nonFinite",
                                    at + upstreamNote + ": " + slot.name() + " generated " + a + form + ", forward mode " + forward
                                            + " (terms of magnitude " + terms + ", log-uniform point)");
                        }
                    }
                    continue; // finite differences mean nothing at 1e300
                }
                double deviation = Math.abs(actual - forward) / (1 + Math.abs(forward));
                if (!(deviation <= FORWARD_TOLERANCE)) {
                    double fd = centralDifference(primal, args, up, slot, 1e-6);
                    return new Failure(p, Kind.GRADIENT, c.id(), m.name(), "GRADIENT",
                            at + upstreamNote + ": " + slot.name() + " generated " + actual + ", forward mode " + forward
                                    + ", central difference " + fd);
                }
                stats.worstForwardDeviation = Math.max(stats.worstForwardDeviation, deviation);
                if (expected.branchDistance() < BRANCH_MARGIN) {
                    // a step of the stencil may take the other branch: the difference quotient means nothing
                    stats.finiteDifferencesNearBranches++;
                    continue;
                }
                double fd1 = centralDifference(primal, args, up, slot, 1e-5);
                double fd2 = centralDifference(primal, args, up, slot, 1e-6);
                double tol = FD_TOLERANCE * (1 + Math.abs(fd2));
                if (!(Math.abs(fd1 - fd2) <= tol / 10)) {
                    stats.unstableFiniteDifferences++;
                    continue;
                }
                stats.finiteDifferenceChecks++;
                if (!(Math.abs(actual - fd2) <= tol)) {
                    return new Failure(p, Kind.FINITE_DIFFERENCE, c.id(), m.name(), "FINITE_DIFFERENCE",
                            at + upstreamNote + ": " + slot.name() + " generated " + actual + ", forward mode " + forward
                                    + ", central differences " + fd2 + " (h=1e-6) and " + fd1 + " (h=1e-5)");
                }
            }
        }
        if (good == 0) {
            stats.methodsWithoutPoints++;
        }
        return null;
    }

    /**
     * Null if {@code jvp<name>} at {@code args} along a random direction gives the method's value and the reverse
     * gradient {@code gradient} dotted with the direction; otherwise the failure.
     */
    private static Failure checkJvp(Program p, ClassDef c, Method m, java.lang.reflect.Method jvp, Object[] args,
            Object primalValue, double[] gradient, String at) {
        java.util.Random random = new java.util.Random(at.hashCode());
        List<Param> diff = m.differentiated();
        Object[] all = Arrays.copyOf(args, args.length + diff.size());
        // one tangent per differentiated parameter, of its shape; flattened, the direction lines up with the gradient
        double[] direction = random.doubles(gradient.length).map(u -> u * 2 - 1).toArray();
        int slot = 0;
        for (int d = 0; d < diff.size(); d++) {
            Param param = diff.get(d);
            Object arg = args[m.params().indexOf(param)];
            if (arg instanceof double[] vector) {
                double[] t = new double[vector.length];
                for (int j = 0; j < t.length; j++) {
                    t[j] = direction[slot++];
                }
                all[args.length + d] = t;
            } else if (arg instanceof double[][] matrix) {
                double[][] t = new double[matrix.length][];
                for (int i = 0; i < t.length; i++) {
                    t[i] = new double[matrix[i].length];
                    for (int j = 0; j < t[i].length; j++) {
                        t[i][j] = direction[slot++];
                    }
                }
                all[args.length + d] = t;
            } else {
                all[args.length + d] = direction[slot++];
            }
        }
        if (slot != gradient.length) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:jvpShape", at + ": the arguments' shapes give " + slot
                    + " inputs, the gradient has " + gradient.length);
        }
        double dot = 0;
        double scale = 0;
        for (int i = 0; i < gradient.length; i++) {
            dot += gradient[i] * direction[i];
            scale += Math.abs(gradient[i] * direction[i]);
        }
        double value;
        double tangent;
        try {
            Object record = jvp.invoke(null, all);
            value = (Double) record.getClass().getMethod("value").invoke(record);
            tangent = (Double) record.getClass().getMethod("tangent").invoke(record);
        } catch (InvocationTargetException e) {
            return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:jvp:" + cause(e).getClass().getSimpleName(),
                    at + ": jvp" + m.name() + " threw " + cause(e));
        } catch (ReflectiveOperationException e) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:jvp", at + ": jvp" + m.name() + ": " + e);
        }
        if (!close(value, primalValue, VALUE_TOLERANCE)) {
            return new Failure(p, Kind.VALUE, c.id(), m.name(), "VALUE:jvp",
                    at + ": jvp" + m.name() + " value() " + value + " but the method returns " + deep(primalValue));
        }
        if (!(Math.abs(tangent - dot) <= FORWARD_TOLERANCE * (1 + scale)) && !(Double.isNaN(dot) && Double.isNaN(tangent))) {
            return new Failure(p, Kind.GRADIENT, c.id(), m.name(), "GRADIENT:jvp",
                    at + ": jvp" + m.name() + " tangent " + tangent + " along " + Arrays.toString(direction)
                            + ", but the gradient " + Arrays.toString(gradient) + " dotted with it is " + dot);
        }
        return null;
    }

    /**
     * {@code hvp<name>} at {@code args} along a random direction {@code v} (entries in [-1, 1], now and then 0):
     * <ul>
     *   <li>its value is the buffer form's bit for bit (and the method's within {@value #VALUE_TOLERANCE}), its gradient
     *       the buffer form's {@code gradient} bit for bit (both run the same inlined code), every entry of
     *       {@code grad} and {@code hv} is written and nothing beyond them, no argument (nor {@code v}) is changed;</li>
     *   <li>{@code hv} agrees with central differences of the generated gradient along {@code v} where two steps agree,
     *       as the partials do with those of the value, and not where a step may cross a branch switch;</li>
     *   <li>{@code hv} agrees with the interpreter's forward-over-forward Hessian times {@code v}
     *       ({@link Interpreter#hessianVector}) within {@value #HESSIAN_TOLERANCE} relative to {@code 1 + |expected|};</li>
     *   <li>for {@code n <= }{@value #HESSIAN_MAX_INPUTS}, {@code hessian<name>} gives the same value, a Hessian whose
     *       product with {@code v} is {@code hv} and which is symmetric, within rounding (see the tolerances).</li>
     * </ul>
     */
    private static Failure checkHvp(Program p, ClassDef c, Method m, java.lang.reflect.Method hvp, java.lang.reflect.Method hessian,
            java.lang.reflect.Method into, Object bufferValue, Object primalValue, Object[] args, double[] gradient, List<Slot> slots,
            Interpreter.Result expected, String at, Stats stats) {
        int n = slots.size();
        java.util.Random random = new java.util.Random(at.hashCode() * 31L + 7);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble() < 0.1 ? 0 : -1 + 2 * random.nextDouble();
        }
        double[] pristineV = v.clone();
        Object[] pristine = deepCopy(args);
        // one entry more than needed, NaN: each of the n entries must be written, the last left alone
        double[] grad = new double[n + 1];
        double[] hv = new double[n + 1];
        Arrays.fill(grad, Double.NaN);
        Arrays.fill(hv, Double.NaN);
        String call = "hvp" + m.name();
        double value;
        try {
            value = (Double) hvp.invoke(null, with(args, v, grad, hv));
        } catch (InvocationTargetException | IllegalAccessException e) {
            return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:hvp:" + cause(e).getClass().getSimpleName(),
                    at + ": " + call + " threw " + cause(e));
        }
        Failure mutated = unchanged(p, c, m, at + ": " + call + "(...)", pristine, args, null, null);
        if (mutated != null) {
            return mutated;
        }
        if (!Arrays.equals(v, pristineV)) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:mutatesDirection", at + ": " + call + " changed v from "
                    + Arrays.toString(pristineV) + " to " + Arrays.toString(v));
        }
        if (!close(value, primalValue, VALUE_TOLERANCE)) {
            return new Failure(p, Kind.VALUE, c.id(), m.name(), "VALUE:hvp", at + ": " + call + " returns " + value
                    + " but the method returns " + deep(primalValue));
        }
        boolean same = bitwiseEqual(value, bufferValue) && Double.isNaN(grad[n]) && Double.isNaN(hv[n]);
        for (int i = 0; i < n; i++) {
            same &= Double.compare(grad[i], gradient[i]) == 0 && !Double.isNaN(hv[i]);
        }
        if (!same) {
            return new Failure(p, Kind.ZERO_ALLOCATION, c.id(), m.name(), "ZERO_ALLOCATION:hvp", at + ": " + call + " value "
                    + value + " grad " + Arrays.toString(grad) + " hv " + Arrays.toString(hv) + ", the buffer form's value "
                    + deep(bufferValue) + " gradient " + Arrays.toString(gradient)
                    + " (the same bit for bit; every entry written, the last one of grad and hv left NaN)");
        }
        stats.hvpChecks++;
        stats.hvpArrayChecks += slots.stream().anyMatch(slot -> slot.col() >= 0) ? 1 : 0;
        String along = " along v = " + Arrays.toString(v);

        // central differences of the generated gradient along v, with steps whose largest move of one input is h
        double[] fd1 = null;
        double[] fd2 = null;
        if (expected.branchDistance() < BRANCH_MARGIN) {
            stats.hvpFiniteDifferencesSkipped += n;
        } else {
            fd1 = gradientDifference(m, into, args, slots, v, 1e-5);
            fd2 = gradientDifference(m, into, args, slots, v, 1e-6);
        }
        for (int i = 0; fd1 != null && fd2 != null && i < n; i++) {
            double tol = FD_TOLERANCE * (1 + Math.abs(fd2[i]));
            if (!(Math.abs(fd1[i] - fd2[i]) <= tol / 10)) {
                stats.hvpFiniteDifferencesSkipped++;
                continue;
            }
            stats.hvpFiniteDifferenceChecks++;
            if (!(Math.abs(hv[i] - fd2[i]) <= tol)) {
                return new Failure(p, Kind.FINITE_DIFFERENCE, c.id(), m.name(), "FINITE_DIFFERENCE:hvp",
                        at + ": " + call + " hv[" + i + "] (" + slots.get(i).name() + ") = " + hv[i] + along
                                + ", central differences of the gradient " + fd2[i] + " (h=1e-6) and " + fd1[i] + " (h=1e-5)");
            }
        }

        // forward over forward
        Interpreter.SecondOrder second = Interpreter.hessianVector(p, c.id(), m.name(), args, v);
        if (second.valid()) {
            if (!bitwiseEqual(second.value(), expected.value()) || !Arrays.equals(second.gradient(), expected.gradient())) {
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:secondOrder", at
                        + ": the interpreter's forward-over-forward evaluation gives value " + second.value() + " gradient "
                        + Arrays.toString(second.gradient()) + ", its forward mode " + expected.value() + " "
                        + Arrays.toString(expected.gradient()));
            }
            for (int i = 0; i < n; i++) {
                double exact = second.hessianVector()[i];
                double deviation = Math.abs(hv[i] - exact) / (1 + Math.abs(exact));
                if (!(deviation <= HESSIAN_TOLERANCE)) {
                    return new Failure(p, Kind.GRADIENT, c.id(), m.name(), "GRADIENT:hvp",
                            at + ": " + call + " hv[" + i + "] (" + slots.get(i).name() + ") = " + hv[i] + along
                                    + ", forward over forward " + exact + (fd2 == null ? "" : ", central differences of the gradient "
                                    + fd2[i] + " (h=1e-6) and " + fd1[i] + " (h=1e-5)"));
                }
                stats.worstHessianDeviation = Math.max(stats.worstHessianDeviation, deviation);
                stats.hvpInterpreterChecks++;
            }
        }

        if (n > HESSIAN_MAX_INPUTS) {
            return null;
        }
        double[][] h = new double[n][n + 1];
        for (double[] row : h) {
            Arrays.fill(row, Double.NaN);
        }
        double hessianValue;
        try {
            hessianValue = (Double) hessian.invoke(null, with(args, (Object) h));
        } catch (InvocationTargetException | IllegalAccessException e) {
            return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:hessian:" + cause(e).getClass().getSimpleName(),
                    at + ": hessian" + m.name() + " threw " + cause(e));
        }
        mutated = unchanged(p, c, m, at + ": hessian" + m.name() + "(...)", pristine, args, null, null);
        if (mutated != null) {
            return mutated;
        }
        // the method's value, or (where the companion cannot call the method: a private one) the gradient's
        if (!bitwiseEqual(hessianValue, primalValue) && !bitwiseEqual(hessianValue, bufferValue)) {
            return new Failure(p, Kind.VALUE, c.id(), m.name(), "VALUE:hessian", at + ": hessian" + m.name() + " returns "
                    + hessianValue + ", the method " + deep(primalValue) + ", its gradient's value " + deep(bufferValue));
        }
        for (int i = 0; i < n; i++) {
            double product = 0;
            double size = Math.abs(hv[i]);
            for (int k = 0; k < n; k++) {
                product += h[i][k] * v[k];
                size += Math.abs(h[i][k] * v[k]);
            }
            // hv and the columns of H come from different passes: the same terms, rounded differently
            if (!(Math.abs(product - hv[i]) <= HESSIAN_PASSES_TOLERANCE * (1 + size)) || !Double.isNaN(h[i][n])) {
                return new Failure(p, Kind.GRADIENT, c.id(), m.name(), "GRADIENT:hessian", at + ": row " + i + " of hessian"
                        + m.name() + " " + Arrays.toString(h[i]) + " times v is " + product + ", " + call + " gives " + hv[i] + along
                        + " (and the entry past the row must be left NaN)");
            }
            for (int k = 0; k < i; k++) {
                if (!(Math.abs(h[i][k] - h[k][i]) <= HESSIAN_PASSES_TOLERANCE * (1 + Math.abs(h[i][k]) + Math.abs(h[k][i])))) {
                    return new Failure(p, Kind.GRADIENT, c.id(), m.name(), "GRADIENT:hessianSymmetry", at + ": hessian" + m.name()
                            + " gives h[" + i + "][" + k + "] = " + h[i][k] + " but h[" + k + "][" + i + "] = " + h[k][i]);
                }
            }
        }
        stats.hessianChecks++;
        return null;
    }

    /**
     * {@code (grad f(x + t v) - grad f(x - t v)) / 2t} from the buffer form, with {@code t} such that the largest move
     * of one input is {@code step * max(1, |x|)} ({@code |x|} the largest differentiated input); null if a call threw.
     */
    private static double[] gradientDifference(Method m, java.lang.reflect.Method into, Object[] args, List<Slot> slots,
            double[] v, double step) {
        double largest = 1;
        double reach = 0;
        for (int i = 0; i < slots.size(); i++) {
            largest = Math.max(largest, Math.abs(get(args, slots.get(i))));
            reach = Math.max(reach, Math.abs(v[i]));
        }
        if (reach == 0) {
            return new double[slots.size()];
        }
        double t = step * largest / reach;
        Object[] plus = deepCopy(args);
        Object[] minus = deepCopy(args);
        for (int i = 0; i < slots.size(); i++) {
            double x = get(args, slots.get(i));
            set(plus, slots.get(i), x + t * v[i]);
            set(minus, slots.get(i), x - t * v[i]);
        }
        double[] up = bufferGradient(m, into, plus, slots.size());
        double[] down = bufferGradient(m, into, minus, slots.size());
        if (up == null || down == null) {
            return null;
        }
        double[] out = new double[up.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (up[i] - down[i]) / (2 * t);
        }
        return out;
    }

    /** The gradient from the buffer form {@code d<name>(..., grad, arrays...)}, flattened; null if it threw. */
    private static double[] bufferGradient(Method m, java.lang.reflect.Method into, Object[] point, int n) {
        List<Param> diff = m.differentiated();
        List<Param> arrays = diff.stream().filter(d -> d.type().isArray()).toList();
        int k = diff.size() - arrays.size();
        double[] grad = new double[k];
        Object[] all = bufferArgs(point, null, k > 0 ? grad : null, arrays);
        try {
            into.invoke(null, all);
        } catch (InvocationTargetException | IllegalAccessException e) {
            return null;
        }
        Object[] fromBuffers = new Object[diff.size() + 1];
        int s = 0;
        for (int i = 0; i < diff.size(); i++) {
            Param d = diff.get(i);
            fromBuffers[i + 1] = d.type().isArray() ? all[all.length - arrays.size() + arrays.indexOf(d)] : grad[s++];
        }
        double[] flat = new double[n];
        flatten(m, diff, fromBuffers, flat);
        return flat;
    }

    private static Object[] with(Object[] args, Object... extra) {
        Object[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return all;
    }

    /** Null if calling {@code method} with {@code args} throws an IllegalArgumentException, as it must; otherwise the failure. */
    private static Failure expectRejected(Program p, ClassDef c, Method m, java.lang.reflect.Method method, Object[] args,
                                          String signature, String what) {
        try {
            method.invoke(null, args);
            return new Failure(p, Kind.API, c.id(), m.name(), signature, what + " was accepted");
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof IllegalArgumentException)) {
                return new Failure(p, Kind.API, c.id(), m.name(), signature, what + " threw " + e.getCause());
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return null;
    }

    /**
     * The arguments of the zero-allocation form: the method's, the upstream array if any, {@code grad} if not
     * null (when a double is differentiated), fresh gradient arrays filled with NaN.
     */
    private static Object[] bufferArgs(Object[] args, Object upstream, double[] grad, List<Param> arrays) {
        List<Object> out = new ArrayList<>(Arrays.asList(args));
        if (upstream != null) {
            out.add(upstream);
        }
        if (grad != null) {
            out.add(grad);
        }
        for (Param a : arrays) {
            out.add(nanArray(a));
        }
        return out.toArray();
    }

    private static Object nanArray(Param a) {
        if (a.type() == Ast.JType.VECTOR) {
            double[] v = new double[a.shape().get(0)];
            Arrays.fill(v, Double.NaN);
            return v;
        }
        double[][] m = new double[a.shape().get(0)][a.shape().get(1)];
        for (double[] row : m) {
            Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    /** An array of another shape than {@code a}'s: one element (or row) more. */
    private static Object wrongShape(Object a) {
        if (a instanceof double[] v) {
            return new double[v.length + 1];
        }
        double[][] m = (double[][]) a;
        return new double[m.length + 1][m.length == 0 ? 1 : m[0].length];
    }

    private static String shapeOf(Object a) {
        if (a instanceof double[] v) {
            return "[" + v.length + "]";
        }
        double[][] m = (double[][]) a;
        return "[" + m.length + "][" + (m.length == 0 ? 0 : m[0].length) + "]";
    }

    static Class<?> javaType(Ast.JType t) {
        return switch (t) {
            case DOUBLE -> double.class;
            case INT -> int.class;
            case LONG -> long.class;
            case BOOLEAN -> boolean.class;
            case FLOAT -> float.class;
            case VECTOR -> double[].class;
            case MATRIX -> double[][].class;
        };
    }

    static Class<?>[] parameterTypes(Method m) {
        Class<?>[] types = new Class<?>[m.params().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = javaType(m.params().get(i).type());
        }
        return types;
    }

    private static Throwable cause(Exception e) {
        return e instanceof InvocationTargetException ite ? ite.getCause() : e;
    }

    /** True when the method and the classes around it are not private: its companion calls it for a Jacobian's value. */
    private static boolean companionCanCall(java.lang.reflect.Method method) {
        if (java.lang.reflect.Modifier.isPrivate(method.getModifiers())) {
            return false;
        }
        for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
            if (java.lang.reflect.Modifier.isPrivate(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code jacobian<name>}: the method's value, and rows whose combination with the upstream adjoint is the pullback's
     * gradient ({@code up^T J = the vector-Jacobian product}), in the pullback's order of inputs.
     */
    private static Failure checkJacobian(Program p, ClassDef c, Method m, java.lang.reflect.Method jacobian, Object[] args,
            double[] up, double[] primalValue, double[] generated, List<Slot> slots, String at) {
        double[][] jac = new double[primalValue.length][slots.size()];
        Object value;
        try {
            value = jacobian.invoke(null, append(args, jac));
        } catch (InvocationTargetException | IllegalAccessException e) {
            return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:jacobian:" + cause(e).getClass().getSimpleName(),
                    at + ": jacobian" + m.name() + " threw " + cause(e));
        }
        if (!bitwiseEqual(value, primalValue)) {
            return new Failure(p, Kind.VALUE, c.id(), m.name(), "VALUE:jacobian",
                    at + ": jacobian" + m.name() + " returns " + deep(value) + " but the method returns " + deep(primalValue));
        }
        for (int s = 0; s < slots.size(); s++) {
            double product = 0;
            double size = 0;
            for (int i = 0; i < jac.length; i++) {
                product += up[i] * jac[i][s];
                size += Math.abs(up[i] * jac[i][s]);
            }
            // the pullback sums the same terms in another order, and its own terms may cancel (to 1e-16 where J has 0)
            if (!(Math.abs(product - generated[s]) <= 1e-10 * (1 + size + Math.abs(generated[s])))) {
                return new Failure(p, Kind.GRADIENT, c.id(), m.name(), "GRADIENT:jacobian",
                        at + " (upstream " + deep(up) + "): column " + s + " (" + slots.get(s).name() + ") of jacobian" + m.name()
                                + " times the upstream adjoint is " + product + ", the pullback gives " + generated[s]);
            }
        }
        return null;
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = last;
        return out;
    }

    private static Object[] components(Object record, RecordComponent[] components) {
        Object[] out = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                java.lang.reflect.Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                out[i] = accessor.invoke(record);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /**
     * Writes the gradient components {@code values[1..]} (a Double, double[] or double[][] per differentiated
     * parameter) into {@code flat} in slot order; a message if an array does not have its parameter's shape.
     */
    private static String flatten(Method m, List<Param> diff, Object[] values, double[] flat) {
        int s = 0;
        for (int i = 0; i < diff.size(); i++) {
            Param d = diff.get(i);
            Object v = values[i + 1];
            switch (d.type()) {
                case VECTOR -> {
                    double[] a = (double[]) v;
                    if (a == null || a.length != d.shape().get(0)) {
                        return "d" + d.name() + " has shape " + (a == null ? "null" : shapeOf(a)) + ", " + d.name() + " " + d.shape();
                    }
                    for (double x : a) {
                        flat[s++] = x;
                    }
                }
                case MATRIX -> {
                    double[][] a = (double[][]) v;
                    boolean ok = a != null && a.length == d.shape().get(0);
                    for (int r = 0; ok && r < a.length; r++) {
                        ok = a[r] != null && a[r].length == d.shape().get(1);
                    }
                    if (!ok) {
                        return "d" + d.name() + " has shape " + (a == null ? "null" : deep(a)) + ", " + d.name() + " " + d.shape();
                    }
                    for (double[] row : a) {
                        for (double x : row) {
                            flat[s++] = x;
                        }
                    }
                }
                default -> flat[s++] = (Double) v;
            }
        }
        return null;
    }

    /** A failure if a call changed its arguments or the upstream array. */
    private static Failure unchanged(Program p, ClassDef c, Method m, String call, Object[] pristine, Object[] args,
                                     Object pristineUp, Object up) {
        for (int i = 0; i < args.length; i++) {
            if (!bitwiseEqual(pristine[i], args[i])) {
                return new Failure(p, Kind.API, c.id(), m.name(), "API:mutatesArgument",
                        call + " changed its argument " + m.params().get(i).name() + " from " + deep(pristine[i]) + " to " + deep(args[i]));
            }
        }
        if (up != null && !bitwiseEqual(pristineUp, up)) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:mutatesUpstream",
                    call + " changed the upstream array from " + deep(pristineUp) + " to " + deep(up));
        }
        return null;
    }

    /**
     * A message if the gradient arrays of a record (and their rows) are the caller's arrays, the value, or each
     * other's: they are documented as fresh arrays, which the caller may keep and change. (The value may share
     * the caller's arrays as the method's own result does: {@code return m[0];}.)
     */
    private static String aliasing(Object[] rec, Object[] args, Object up, Object intoValue) {
        java.util.IdentityHashMap<Object, String> owners = new java.util.IdentityHashMap<>();
        for (int i = 0; i < args.length; i++) {
            collectArrays(args[i], "argument " + i, owners);
        }
        collectArrays(up, "the upstream array", owners);
        collectArrays(rec[0], "the value", owners);
        for (int i = 1; i < rec.length; i++) {
            String problem = collectArrays(rec[i], "record component " + i, owners);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String collectArrays(Object a, String what, java.util.IdentityHashMap<Object, String> owners) {
        if (a instanceof double[] v) {
            if (v.length == 0) {
                return null; // empty arrays hold nothing to share
            }
            String owner = owners.put(v, what);
            return owner != null ? what + " shares an array with " + owner : null;
        }
        if (a instanceof double[][] m) {
            if (m.length > 0) {
                String owner = owners.put(m, what);
                if (owner != null) {
                    return what + " shares an array with " + owner;
                }
            }
            for (double[] row : m) {
                String problem = collectArrays(row, what + " (a row)", owners);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    static Object[] sample(Method m, SplittableRandom rnd) {
        Object[] args = new Object[m.params().size()];
        for (int i = 0; i < args.length; i++) {
            Param p = m.params().get(i);
            args[i] = switch (p.type()) {
                case DOUBLE -> p.lo() + (p.hi() - p.lo()) * rnd.nextDouble();
                case INT -> (int) p.lo() + rnd.nextInt((int) (p.hi() - p.lo()) + 1);
                case LONG -> (long) p.lo() + rnd.nextInt((int) (p.hi() - p.lo()) + 1);
                case BOOLEAN -> rnd.nextBoolean();
                case VECTOR -> sampleVector(p, p.shape().get(0), rnd);
                case MATRIX -> {
                    double[][] a = new double[p.shape().get(0)][];
                    for (int r = 0; r < a.length; r++) {
                        a[r] = sampleVector(p, p.shape().get(1), rnd);
                    }
                    yield a;
                }
                case FLOAT -> throw new IllegalStateException("float parameter");
            };
        }
        return args;
    }

    /**
     * A point across the whole double range: each double (and array element) is, with probability
     * {@value #LOG_UNIFORM_INPUT}, {@code 10^U(-300, 300)} with the sign of the parameter's range (a random one where
     * the range has both), otherwise drawn as usual.
     */
    static Object[] sampleWide(Method m, SplittableRandom rnd) {
        Object[] args = sample(m, rnd);
        for (int i = 0; i < args.length; i++) {
            Param p = m.params().get(i);
            if (args[i] instanceof Double) {
                args[i] = wide(p, (Double) args[i], rnd);
            } else if (args[i] instanceof double[] v) {
                widen(p, v, rnd);
            } else if (args[i] instanceof double[][] rows) {
                for (double[] row : rows) {
                    widen(p, row, rnd);
                }
            }
        }
        return args;
    }

    private static void widen(Param p, double[] v, SplittableRandom rnd) {
        for (int j = 0; j < v.length; j++) {
            v[j] = wide(p, v[j], rnd);
        }
    }

    private static double wide(Param p, double usual, SplittableRandom rnd) {
        if (rnd.nextDouble() >= LOG_UNIFORM_INPUT) {
            return usual;
        }
        double magnitude = Math.pow(10, -300 + 600 * rnd.nextDouble());
        boolean negative = p.lo() >= 0 ? false : p.hi() <= 0 || rnd.nextBoolean();
        return negative ? -magnitude : magnitude;
    }

    private static double[] sampleVector(Param p, int n, SplittableRandom rnd) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = p.lo() + (p.hi() - p.lo()) * rnd.nextDouble();
        }
        return v;
    }

    /** An upstream array of the shape of {@code like}: elements in [-1.5, 1.5], now and then a 0. */
    static Object randomLike(Object like, SplittableRandom rnd) {
        if (like instanceof double[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = rnd.nextDouble() < 0.1 ? 0 : -1.5 + 3 * rnd.nextDouble();
            }
            return out;
        }
        double[][] m = (double[][]) like;
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = (double[]) randomLike(m[i], rnd);
        }
        return out;
    }

    /** The scalar the gradient is of: the method's value, or {@code sum(value * upstream)} for an array result. */
    static double objective(Object value, Object upstream) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof double[] v) {
            double[] u = (double[]) upstream;
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += u[i] * v[i];
            }
            return s;
        }
        double[][] m = (double[][]) value;
        double[][] u = (double[][]) upstream;
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            s += objective(m[i], u[i]);
        }
        return s;
    }

    static double centralDifference(java.lang.reflect.Method primal, Object[] args, Object upstream, Slot slot, double step) {
        double x = get(args, slot);
        double h = step * Math.max(1, Math.abs(x));
        Object[] plus = deepCopy(args);
        Object[] minus = deepCopy(args);
        double upValue = x + h;
        double down = x - h;
        set(plus, slot, upValue);
        set(minus, slot, down);
        try {
            return (objective(primal.invoke(null, plus), upstream) - objective(primal.invoke(null, minus), upstream)) / (upValue - down);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double get(Object[] args, Slot s) {
        Object a = args[s.param()];
        if (s.row() >= 0) {
            return ((double[][]) a)[s.row()][s.col()];
        }
        if (s.col() >= 0) {
            return ((double[]) a)[s.col()];
        }
        return (Double) a;
    }

    private static void set(Object[] args, Slot s, double x) {
        Object a = args[s.param()];
        if (s.row() >= 0) {
            ((double[][]) a)[s.row()][s.col()] = x;
        } else if (s.col() >= 0) {
            ((double[]) a)[s.col()] = x;
        } else {
            args[s.param()] = x;
        }
    }

    static Object[] deepCopy(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = deepCopy(out[i]);
        }
        return out;
    }

    static Object deepCopy(Object a) {
        if (a instanceof double[] v) {
            return v.clone();
        }
        if (a instanceof double[][] m) {
            double[][] out = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                out[i] = m[i].clone();
            }
            return out;
        }
        return a;
    }

    /** Equal bit for bit (arrays element by element). */
    static boolean bitwiseEqual(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        }
        return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }

    /** Equal within {@code tolerance} relative to {@code max(1, |expected|)}, element by element; arrays of the same shape. */
    private static boolean close(Object actual, Object expected, double tolerance) {
        if (actual instanceof Double x && expected instanceof Double y) {
            return Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(y));
        }
        if (actual instanceof double[] x && expected instanceof double[] y) {
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!(Math.abs(x[i] - y[i]) <= tolerance * Math.max(1, Math.abs(y[i])))) {
                    return false;
                }
            }
            return true;
        }
        if (actual instanceof double[][] x && expected instanceof double[][] y) {
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!close(x[i], y[i], tolerance)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Arguments and values as text: arrays with their elements. */
    static String deep(Object a) {
        if (a instanceof Object[] args) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < args.length; i++) {
                out.append(i > 0 ? ", " : "").append(deep(args[i]));
            }
            return out.append(']').toString();
        }
        if (a instanceof double[] v) {
            return Arrays.toString(v);
        }
        if (a instanceof double[][] m) {
            return Arrays.deepToString(m);
        }
        return String.valueOf(a);
    }

    // ------------------------------------------------------------------ reporting and shrinking

    private static String report(long seed, double share, List<Failure> failures) {
        String shareOption = (share == Generator.DEFAULT_CONTROL_FLOW_SHARE ? "" : " -Dfuzz.controlFlow=" + share)
                + (arrayShare() == Generator.DEFAULT_ARRAY_SHARE ? "" : " -Dfuzz.arrays=" + arrayShare())
                + (logUniformShare() == DEFAULT_LOG_UNIFORM_SHARE ? "" : " -Dfuzz.logUniform=" + logUniformShare())
                + (JavaPrinter.HESSIAN_SHARE == 0.5 ? "" : " -Dfuzz.hessian=" + JavaPrinter.HESSIAN_SHARE);
        StringBuilder out = new StringBuilder();
        Map<String, List<Failure>> bySignature = new LinkedHashMap<>();
        for (Failure f : failures) {
            bySignature.computeIfAbsent(f.signature(), k -> new ArrayList<>()).add(f);
        }
        out.append("failures by signature:\n");
        bySignature.forEach((signature, list) -> out.append("  ").append(list.size()).append(" x ").append(signature).append('\n'));
        int shrunk = 0;
        for (List<Failure> list : bySignature.values()) {
            Failure f = list.get(0);
            out.append("\n==== ").append(f.kind()).append(" in program ").append(f.program().index())
                    .append(f.method() == null ? "" : " at " + f.classId() + "." + f.method())
                    .append(" (reproduce: -Dfuzz.seed=").append(seed).append(" -Dfuzz.program=")
                    .append(f.program().index()).append(shareOption).append(")\n").append(f.detail()).append('\n');
            if (f.kind() == Kind.GENERATOR) {
                continue;
            }
            if (shrunk++ < MAX_SHRUNK) {
                Failure small = shrink(f);
                out.append("---- shrunk to (").append(small.kind()).append("): ").append(small.detail()).append('\n')
                        .append(JavaPrinter.describe(small.program()));
                appendCompanion(out, small);
            } else {
                out.append(JavaPrinter.describe(f.program()));
            }
        }
        out.append("\n==== all failures\n");
        int listed = 0;
        for (Failure f : failures) {
            if (listed++ >= MAX_LISTED) {
                out.append("... and ").append(failures.size() - MAX_LISTED).append(" more\n");
                break;
            }
            out.append("program ").append(f.program().index()).append(' ').append(f.signature()).append(": ")
                    .append(f.detail().lines().findFirst().orElse("")).append('\n');
        }
        return out.toString();
    }

    private static void appendCompanion(StringBuilder out, Failure f) {
        if (f.kind() == Kind.COMPILE || f.kind() == Kind.INVALID_PROGRAM) {
            return;
        }
        try {
            GeneratedCode code = GeneratedCode.compile(sources(List.of(f.program())));
            String top = f.program().binaryName(f.classId());
            String companion = GeneratedCode.companionName(top);
            out.append("// ---- generated ").append(companion.replace('.', '/')).append(".java\n")
                    .append(code.generatedSource(companion));
        } catch (AssertionError | RuntimeException e) {
            out.append("// (generated source unavailable: ").append(e.getMessage()).append(")\n");
        }
    }

    /** Shrinks a failure to the smallest program found that fails with the same signature. */
    static Failure shrink(Failure original) {
        Failure[] smallest = {original};
        Shrinker.Result result = Shrinker.shrink(original.program(), original.classId(), original.method(), candidate -> {
            Failure f = reproduce(candidate, original);
            if (f != null) {
                smallest[0] = f;
                return true;
            }
            return false;
        }, 600, 120_000);
        Failure f = smallest[0];
        return new Failure(f.program(), f.kind(), f.classId(), f.method(), f.signature(),
                f.detail() + "\n(shrinking: " + result.attempts() + " candidates tried, " + result.accepted() + " accepted)");
    }

    /** The failure of {@code candidate} if it fails like {@code original}, otherwise null. */
    static Failure reproduce(Program candidate, Failure original) {
        boolean compileKind = original.kind() == Kind.COMPILE || original.kind() == Kind.INVALID_PROGRAM;
        GeneratedCode code;
        try {
            code = GeneratedCode.compile(sources(List.of(candidate)));
        } catch (AssertionError e) {
            if (!compileKind) {
                return null;
            }
            List<Diagnostic<? extends JavaFileObject>> problems = problems(javac(List.of(candidate)));
            if (problems.isEmpty()) {
                return null;
            }
            if (original.kind() == Kind.COMPILE && problems.stream().anyMatch(FuzzTest::inProgramSource)) {
                return null; // the candidate is not valid Java itself (a loop without exit, an unreachable statement)
            }
            Failure f = compileFailure(candidate, problems);
            return f.signature().equals(original.signature()) ? f : null;
        } catch (RuntimeException e) {
            return null;
        }
        if (compileKind) {
            return null;
        }
        try {
            List<Failure> failures = check(candidate, code, new Stats(), 8, original.classId() + "." + original.method());
            for (Failure f : failures) {
                if (f.signature().equals(original.signature()) || sameKind(f, original)) {
                    return f;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static boolean sameKind(Failure a, Failure b) {
        if (a.signature().equals("GRADIENT:nonFinite") != b.signature().equals("GRADIENT:nonFinite")) {
            return false; // an infinite partial shrinks to an infinite partial, not to a rounding difference
        }
        return a.kind() == b.kind() && a.kind() != Kind.API && a.kind() != Kind.EXCEPTION;
    }

    /** For {@link FuzzRegressionTest} and debugging: the printed sources of program {@code index}. */
    static String programSource(long seed, int index) {
        return JavaPrinter.describe(Generator.generate(seed, index, Generator.DEFAULT_CONTROL_FLOW_SHARE, arrayShare()));
    }

}
