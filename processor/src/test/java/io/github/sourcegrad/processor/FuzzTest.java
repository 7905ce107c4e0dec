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
 * <p>{@code -Dfuzz.count=N} (default 300) programs; {@code -Dfuzz.seed=S} (default {@value #DEFAULT_SEED});
 * {@code -Dfuzz.program=I} checks only program I of the run (to reproduce a failure);
 * {@code -Dfuzz.controlFlow=F} the share of programs with control flow (default 0.5; 0 gives the
 * straight-line programs of earlier versions, 1 only programs with control flow);
 * {@code -Dfuzz.threads=T} javac runs at a time (default: 2, or 1 on a single core).
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
    /** Generated partial vs central difference (when two step sizes agree). */
    private static final double FD_TOLERANCE = 1e-5;
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
        long finiteDifferenceChecks;
        long unstableFiniteDifferences;
        long finiteDifferencesNearBranches;
        int compilations;
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
            finiteDifferenceChecks += o.finiteDifferenceChecks;
            unstableFiniteDifferences += o.unstableFiniteDifferences;
            finiteDifferencesNearBranches += o.finiteDifferencesNearBranches;
            compilations += o.compilations;
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
            for (int i = 0; i < count; i += BATCH) {
                List<Integer> batch = new ArrayList<>();
                for (int j = i; j < Math.min(count, i + BATCH); j++) {
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
                "fuzz: seed %d, %d programs (%d with control flow), %d methods, %d javac runs, %d points (%d skipped "
                        + "near kinks/edges, %d methods without a usable point), %d partials checked against forward mode "
                        + "(worst relative deviation %.2e), %d against central differences (%d unstable, %d near a branch "
                        + "switch, skipped), %d failures, %.1f s (javac %.1f s, checks %.1f s, summed over threads)",
                seed, stats.programs, stats.controlFlowPrograms, stats.methods, stats.compilations, stats.points,
                stats.skippedPoints, stats.methodsWithoutPoints, stats.partials, stats.worstForwardDeviation,
                stats.finiteDifferenceChecks, stats.unstableFiniteDifferences, stats.finiteDifferencesNearBranches,
                failures.size(), seconds, stats.compileNanos / 1e9, stats.checkNanos / 1e9);
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
     * branch switches). So a failure of the test above is the processor's, not the fuzzer's.
     * {@code -Dfuzz.selfCheck=N} programs (default 40).
     */
    @Test
    void fuzzerAgreesWithJavac() throws Exception {
        int count = Integer.getInteger("fuzz.selfCheck", 40);
        String seedText = System.getProperty("fuzz.seed", "");
        long seed = seedText.isBlank() ? DEFAULT_SEED : Long.parseLong(seedText.trim());
        List<Program> programs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            programs.add(Generator.generate(seed, i, 1.0));
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
        int derivatives = 0;
        for (Program p : programs) {
            for (ClassDef c : p.classes()) {
                Class<?> cls = Class.forName(p.binaryName(c.id()), true, loader);
                for (Method m : c.methods()) {
                    java.lang.reflect.Method primal = cls.getDeclaredMethod(m.name(), parameterTypes(m));
                    primal.setAccessible(true);
                    List<Param> diff = m.differentiated();
                    SplittableRandom rnd = new SplittableRandom(p.index() * 7919L + m.params().size());
                    for (int attempt = 0; attempt < 8; attempt++) {
                        Object[] args = sample(m, rnd);
                        String at = "program " + p.index() + " " + c.id() + "." + m.name() + Arrays.toString(args);
                        Interpreter.Result r = Interpreter.evaluate(p, c.id(), m.name(), args);
                        if (!r.valid() || r.kinkDistance() < KINK_MARGIN) {
                            continue;
                        }
                        points++;
                        double value = (Double) primal.invoke(null, args);
                        if (Double.doubleToLongBits(value) != Double.doubleToLongBits(r.value())) {
                            problems.add(at + ": javac " + value + ", interpreter " + r.value());
                            continue;
                        }
                        if (r.branchDistance() < BRANCH_MARGIN) {
                            continue;
                        }
                        for (int i = 0; i < diff.size(); i++) {
                            int index = m.params().indexOf(diff.get(i));
                            double fd1 = centralDifference(primal, args, index, 1e-5);
                            double fd2 = centralDifference(primal, args, index, 1e-6);
                            double tol = FD_TOLERANCE * (1 + Math.abs(fd2));
                            if (!(Math.abs(fd1 - fd2) <= tol / 10)) {
                                continue;
                            }
                            derivatives++;
                            if (!(Math.abs(r.gradient()[i] - fd2) <= tol)) {
                                problems.add(at + ": d" + diff.get(i).name() + " forward mode " + r.gradient()[i]
                                        + ", central differences " + fd2 + " (h=1e-6) and " + fd1 + " (h=1e-5)");
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "fuzzer self-check: %d programs with control flow, %d points, %d derivatives "
                + "checked against central differences%n", count, points, derivatives);
        if (!problems.isEmpty()) {
            fail("the fuzzer disagrees with javac:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size())))
                    + "\n(reproduce: -Dfuzz.seed=" + seed + "; print a program with FuzzTest.programSource)");
        }
        if (points < count) {
            fail("only " + points + " usable points in " + count + " programs");
        }
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
                Program p = Generator.generate(seed, i, share);
                programs.add(p);
                if (Ast.hasControlFlow(p)) {
                    stats.controlFlowPrograms++;
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
            for (Program p : remaining) {
                List<Diagnostic<? extends JavaFileObject>> mine = byProgram.get(p.index());
                if (unattributed) {
                    stats.compilations++;
                    mine = problems(javac(List.of(p)));
                }
                if (mine == null || mine.isEmpty()) {
                    good.add(p);
                } else {
                    failures.add(compileFailure(p, mine));
                }
            }
            if (good.size() == remaining.size() || round == 4) {
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

    private static Failure checkMethod(Program p, ClassDef c, Method m, GeneratedCode code, Stats stats, int wanted) {
        String binary = p.binaryName(c.id());
        Class<?>[] types = parameterTypes(m);
        String where = c.id() + "." + m.name() + "/" + m.params().size();
        java.lang.reflect.Method primal;
        java.lang.reflect.Method record;
        java.lang.reflect.Method into;
        try {
            primal = code.load(binary).getDeclaredMethod(m.name(), types);
            primal.setAccessible(true);
            Class<?> companion = code.companion(binary);
            record = companion.getMethod("d" + m.name(), types);
            Class<?>[] intoTypes = Arrays.copyOf(types, types.length + 1);
            intoTypes[types.length] = double[].class;
            into = companion.getMethod("d" + m.name(), intoTypes);
        } catch (NoSuchMethodException e) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:missing", "missing method " + e.getMessage());
        }
        List<Param> diff = m.differentiated();
        int k = diff.size();
        int[] diffIndex = new int[k];
        for (int i = 0; i < k; i++) {
            diffIndex[i] = m.params().indexOf(diff.get(i));
        }

        RecordComponent[] components = record.getReturnType().getRecordComponents();
        List<String> expectedNames = new ArrayList<>();
        expectedNames.add("value");
        diff.forEach(d -> expectedNames.add("d" + d.name()));
        List<String> names = components == null ? List.of() : Arrays.stream(components).map(RecordComponent::getName).toList();
        if (!names.equals(expectedNames)) {
            return new Failure(p, Kind.API, c.id(), m.name(), "API:components",
                    where + ": record components " + names + ", expected " + expectedNames);
        }

        // a too short grad array is rejected
        if (k > 0) {
            Object[] args = sample(m, new SplittableRandom(1));
            try {
                Interpreter.evaluate(p, c.id(), m.name(), args); // (a shrunk program may not terminate: find out first)
            } catch (IllegalStateException e) {
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:crash", where + Arrays.toString(args)
                        + ": the fuzzer's interpreter failed: " + e.getMessage());
            }
            try {
                into.invoke(null, append(args, new double[k - 1]));
                return new Failure(p, Kind.API, c.id(), m.name(), "API:shortArray",
                        where + ": the zero-allocation form accepted a grad array of length " + (k - 1));
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof IllegalArgumentException)) {
                    return new Failure(p, Kind.API, c.id(), m.name(), "API:shortArray",
                            where + ": a grad array of length " + (k - 1) + " threw " + e.getCause());
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }

        SplittableRandom rnd = new SplittableRandom(p.seed() * 31 + p.index() * 1_000_003L + where.hashCode());
        int good = 0;
        for (int attempt = 0; attempt < ATTEMPTS && good < wanted; attempt++) {
            Object[] args = sample(m, rnd);
            Interpreter.Result expected;
            try {
                expected = Interpreter.evaluate(p, c.id(), m.name(), args);
            } catch (IllegalStateException e) {
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:crash", where + Arrays.toString(args)
                        + ": the fuzzer's interpreter failed: " + e.getMessage());
            }
            if (!expected.valid() || expected.kinkDistance() < KINK_MARGIN) {
                stats.skippedPoints++;
                continue;
            }
            good++;
            stats.points++;
            String at = where + Arrays.toString(args);
            double primalValue;
            Object recordValue;
            double[] grad = new double[k + 1];
            Arrays.fill(grad, Double.NaN);
            double intoValue;
            try {
                primalValue = (Double) primal.invoke(null, args);
            } catch (InvocationTargetException | IllegalAccessException e) {
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:threw",
                        at + ": the original method threw " + cause(e) + " (the interpreter did not)");
            }
            if (Double.doubleToLongBits(primalValue) != Double.doubleToLongBits(expected.value())) {
                return new Failure(p, Kind.INTERPRETER, c.id(), m.name(), "INTERPRETER:value",
                        at + ": original method " + primalValue + ", fuzzer's interpreter " + expected.value());
            }
            try {
                recordValue = record.invoke(null, args);
            } catch (InvocationTargetException | IllegalAccessException e) {
                return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:record:" + cause(e).getClass().getSimpleName(),
                        at + ": d" + m.name() + " threw " + cause(e));
            }
            try {
                intoValue = (Double) into.invoke(null, append(args, grad));
            } catch (InvocationTargetException | IllegalAccessException e) {
                return new Failure(p, Kind.EXCEPTION, c.id(), m.name(), "EXCEPTION:into:" + cause(e).getClass().getSimpleName(),
                        at + ": d" + m.name() + "(..., grad) threw " + cause(e));
            }
            double[] rec = components(recordValue, components);
            double value = rec[0];
            if (!(Math.abs(value - primalValue) <= VALUE_TOLERANCE * Math.max(1, Math.abs(primalValue)))) {
                return new Failure(p, Kind.VALUE, c.id(), m.name(), "VALUE",
                        at + ": value() " + value + " but the method returns " + primalValue);
            }
            // zero-allocation form: the same value, the same partials up to rounding (calls are inlined there,
            // which associates the products differently), nothing written beyond grad[k - 1]
            boolean same = Double.compare(intoValue, value) == 0 && Double.isNaN(grad[k]);
            for (int i = 0; i < k; i++) {
                same &= Math.abs(grad[i] - rec[i + 1]) <= FORWARD_TOLERANCE * (1 + Math.abs(rec[i + 1]));
            }
            if (!same) {
                return new Failure(p, Kind.ZERO_ALLOCATION, c.id(), m.name(), "ZERO_ALLOCATION",
                        at + ": record " + Arrays.toString(rec) + ", zero-allocation form value " + intoValue
                                + " grad " + Arrays.toString(grad) + " (last entry must stay NaN)");
            }
            for (int i = 0; i < k; i++) {
                double actual = rec[i + 1];
                double forward = expected.gradient()[i];
                stats.partials++;
                double deviation = Math.abs(actual - forward) / (1 + Math.abs(forward));
                if (!(deviation <= FORWARD_TOLERANCE)) {
                    double fd = centralDifference(primal, args, diffIndex[i], 1e-6);
                    return new Failure(p, Kind.GRADIENT, c.id(), m.name(), "GRADIENT",
                            at + ": d" + diff.get(i).name() + " generated " + actual + ", forward mode " + forward
                                    + ", central difference " + fd);
                }
                stats.worstForwardDeviation = Math.max(stats.worstForwardDeviation, deviation);
                if (expected.branchDistance() < BRANCH_MARGIN) {
                    // a step of the stencil may take the other branch: the difference quotient means nothing
                    stats.finiteDifferencesNearBranches++;
                    continue;
                }
                double fd1 = centralDifference(primal, args, diffIndex[i], 1e-5);
                double fd2 = centralDifference(primal, args, diffIndex[i], 1e-6);
                double tol = FD_TOLERANCE * (1 + Math.abs(fd2));
                if (!(Math.abs(fd1 - fd2) <= tol / 10)) {
                    stats.unstableFiniteDifferences++;
                    continue;
                }
                stats.finiteDifferenceChecks++;
                if (!(Math.abs(actual - fd2) <= tol)) {
                    return new Failure(p, Kind.FINITE_DIFFERENCE, c.id(), m.name(), "FINITE_DIFFERENCE",
                            at + ": d" + diff.get(i).name() + " generated " + actual + ", forward mode " + forward
                                    + ", central differences " + fd2 + " (h=1e-6) and " + fd1 + " (h=1e-5)");
                }
            }
        }
        if (good == 0) {
            stats.methodsWithoutPoints++;
        }
        return null;
    }

    private static Class<?>[] parameterTypes(Method m) {
        Class<?>[] types = new Class<?>[m.params().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = switch (m.params().get(i).type()) {
                case DOUBLE -> double.class;
                case INT -> int.class;
                case LONG -> long.class;
                case BOOLEAN -> boolean.class;
                case FLOAT -> float.class;
            };
        }
        return types;
    }

    private static Throwable cause(Exception e) {
        return e instanceof InvocationTargetException ite ? ite.getCause() : e;
    }

    private static Object[] append(Object[] args, double[] grad) {
        Object[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = grad;
        return out;
    }

    private static double[] components(Object record, RecordComponent[] components) {
        double[] out = new double[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                java.lang.reflect.Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                out[i] = (Double) accessor.invoke(record);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static Object[] sample(Method m, SplittableRandom rnd) {
        Object[] args = new Object[m.params().size()];
        for (int i = 0; i < args.length; i++) {
            Param p = m.params().get(i);
            args[i] = switch (p.type()) {
                case DOUBLE -> p.lo() + (p.hi() - p.lo()) * rnd.nextDouble();
                case INT -> (int) p.lo() + rnd.nextInt((int) (p.hi() - p.lo()) + 1);
                case LONG -> (long) p.lo() + rnd.nextInt((int) (p.hi() - p.lo()) + 1);
                case BOOLEAN -> rnd.nextBoolean();
                case FLOAT -> throw new IllegalStateException("float parameter");
            };
        }
        return args;
    }

    private static double centralDifference(java.lang.reflect.Method primal, Object[] args, int index, double step) {
        double x = (Double) args[index];
        double h = step * Math.max(1, Math.abs(x));
        Object[] plus = args.clone();
        Object[] minus = args.clone();
        double up = x + h;
        double down = x - h;
        plus[index] = up;
        minus[index] = down;
        try {
            return ((Double) primal.invoke(null, plus) - (Double) primal.invoke(null, minus)) / (up - down);
        } catch (ReflectiveOperationException e) {
            return Double.NaN;
        }
    }

    // ------------------------------------------------------------------ reporting and shrinking

    private static String report(long seed, double share, List<Failure> failures) {
        String shareOption = share == Generator.DEFAULT_CONTROL_FLOW_SHARE ? "" : " -Dfuzz.controlFlow=" + share;
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
        return a.kind() == b.kind() && a.kind() != Kind.API && a.kind() != Kind.EXCEPTION;
    }

    /** For {@link FuzzRegressionTest} and debugging: the printed sources of program {@code index}. */
    static String programSource(long seed, int index) {
        return JavaPrinter.describe(Generator.generate(seed, index));
    }

}
