package io.github.sourcegrad.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Checks that every variant of every benchmarked function computes what SourceGrad's generated code
 * computes: a benchmark of a wrong gradient is worthless. It calls each {@code @Benchmark} method of the
 * benchmark classes once, at the benchmark's own inputs, and compares its value and its {@code grad} with
 * those of the {@code generated} variant. For the functions of arrays ({@link ArrayGradientBenchmark}) it
 * compares the whole gradient, every array flattened; likewise a Jacobian with the values, a Hessian, and a
 * gradient with a Hessian-vector product (issue 14, {@link #FORWARD}, {@link #SECOND_ORDER}). It also checks that
 * each pair of the matrix products of {@link MatmulBenchmark} computes the same matrix, at every size.
 *
 * <p>Run it with {@code java -cp benchmarks/target/benchmarks.jar io.github.sourcegrad.benchmarks.VariantAgreement};
 * the module's tests run it too.
 */
public final class VariantAgreement {

    /** The benchmark classes of the straight-line functions. */
    public static final List<Class<? extends GradientBenchmark>> STRAIGHT_LINE = List.of(FBenchmark.class,
            ExerciseBenchmark.class, MlpLossBenchmark.class, LogPolyBenchmark.class, BlackScholesBenchmark.class,
            BundleAdjustmentBenchmark.class);
    /** The benchmark classes of the loop-heavy functions ({@link Loops}). */
    public static final List<Class<? extends GradientBenchmark>> LOOPS = List.of(RecurrenceBenchmark.class,
            HuberSumBenchmark.class, NewtonSqrtBenchmark.class);
    /** The benchmark classes of the functions of arrays ({@link Networks}, {@link LoopNests}). */
    public static final List<Class<? extends GradientBenchmark>> ARRAYS = List.of(TwoLayerBenchmark.class,
            MlpBatchBenchmark.class, NestedNetworkBenchmark.class, LennardJonesBenchmark.class);
    /** The benchmark classes of the functions that call a {@code @Differentiable} helper with a branch. */
    public static final List<Class<? extends GradientBenchmark>> CALLEES = List.of(BranchyBlackScholesBenchmark.class,
            LogisticLossBenchmark.class);
    /**
     * The benchmark classes of forward mode and Jacobians (issue 14): a directional derivative (its value in
     * {@code grad[0]}) and a Jacobian (the values and the rows of the Jacobian, flattened).
     */
    public static final List<Class<? extends GradientBenchmark>> FORWARD = List.of(BlackScholesJvpBenchmark.class,
            GrowthJacobianBenchmark.class);
    /**
     * The benchmark classes of second derivatives (issue 14): dense Hessians ({@link HessianBenchmark}) and
     * Hessian-vector products with the gradient ({@link HessianVectorBenchmark}). Until they have a {@code generated}
     * variant ({@code hessian<name>}, {@code hvp<name>}) they are compared with {@link #SECOND_ORDER_REFERENCE}.
     */
    public static final List<Class<? extends GradientBenchmark>> SECOND_ORDER = List.of(
            BlackScholesHessianBenchmark.class, BlackScholesHvpBenchmark.class, LogisticLossHessianBenchmark.class,
            LogisticLossHvpBenchmark.class);
    /** The benchmark classes of all functions. */
    public static final List<Class<? extends GradientBenchmark>> FUNCTIONS = concat(concat(concat(concat(concat(
            STRAIGHT_LINE, LOOPS), ARRAYS), CALLEES), FORWARD), SECOND_ORDER);

    /** Largest relative difference allowed for exact methods (AD, by hand), per component. */
    public static final double EXACT_TOLERANCE = 1e-9;
    /**
     * Largest relative difference allowed for the exact methods on arrays, per component, and for the matrix
     * products of {@link MatmulBenchmark}, per element.
     */
    public static final double ARRAY_TOLERANCE = 1e-10;
    /** Largest difference allowed for central finite differences, per component (see {@link #relativeError}). */
    public static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;

    private static final String REFERENCE = "generated";
    /** The reference of a {@link #SECOND_ORDER} benchmark without a {@code generated} variant. */
    static final String SECOND_ORDER_REFERENCE = "hipparchusDS";

    /** One variant's disagreement with the generated gradient (the largest over its components). */
    public record Result(String function, String variant, double value, double[] gradient, double maxRelativeError,
            double tolerance) {

        public boolean ok() {
            return maxRelativeError <= tolerance;
        }
    }

    private VariantAgreement() {
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Runs every variant of every function once and compares it with the generated gradient, then every
     * matrix product of {@link MatmulBenchmark} with its reference.
     */
    public static List<Result> check() {
        List<Result> results = new ArrayList<>();
        for (Class<? extends GradientBenchmark> type : FUNCTIONS) {
            results.addAll(check(type));
        }
        results.addAll(checkProducts());
        return results;
    }

    static List<Result> check(Class<? extends GradientBenchmark> type) {
        String function = type.getSimpleName().replace("Benchmark", "");
        GradientBenchmark bench = newInstance(type);
        double[] referenceGrad = null;
        double referenceValue = Double.NaN;
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                methods.add(m);
            }
        }
        String reference = SECOND_ORDER.contains(type) && methods.stream().noneMatch(m -> m.getName().equals(REFERENCE))
                ? SECOND_ORDER_REFERENCE : REFERENCE;
        // the reference first, then in source-independent (name) order
        methods.sort(Comparator.comparing((Method m) -> !m.getName().equals(reference)).thenComparing(Method::getName));
        if (methods.isEmpty() || !methods.get(0).getName().equals(reference)) {
            throw new IllegalStateException(type + " has no @Benchmark method '" + reference + "'");
        }
        double exactTolerance = ARRAYS.contains(type) ? ARRAY_TOLERANCE : EXACT_TOLERANCE;
        List<Result> results = new ArrayList<>();
        for (Method m : methods) {
            poison(bench);
            double value = invoke(bench, m);
            double[] gradient = gradient(bench);
            if (referenceGrad == null) {
                referenceGrad = gradient;
                referenceValue = value;
                continue;
            }
            // the primal, and for the networks also the primal written with loops
            boolean primal = m.getName().startsWith("primal");
            boolean fd = m.getName().equals("finiteDifferences");
            double error = relativeError(value, referenceValue, false);
            if (!primal) {
                for (int i = 0; i < gradient.length; i++) {
                    error = Math.max(error, relativeError(gradient[i], referenceGrad[i], fd));
                }
            }
            double tolerance = fd ? FINITE_DIFFERENCE_TOLERANCE : exactTolerance;
            results.add(new Result(function, m.getName(), value, primal ? new double[0] : gradient, error, tolerance));
        }
        results.add(0, new Result(function, reference, referenceValue, referenceGrad, 0, exactTolerance));
        return results;
    }

    private static void poison(GradientBenchmark bench) {
        if (bench instanceof ArrayGradientBenchmark arrays) {
            arrays.poison();
        } else {
            Arrays.fill(bench.grad, Double.NaN);
        }
    }

    private static double[] gradient(GradientBenchmark bench) {
        return bench instanceof ArrayGradientBenchmark arrays ? arrays.gradient() : bench.grad.clone();
    }

    /**
     * Each pair of {@link MatmulBenchmark#PAIRS} at every {@code size} the benchmark runs: the alternative's
     * largest relative error against the {@code ArrayMath} product, per element. A result's value is the sum
     * of the product's elements (a checksum), its gradient is empty.
     */
    static List<Result> checkProducts() {
        List<Result> results = new ArrayList<>();
        for (String size : productSizes()) {
            MatmulBenchmark bench = new MatmulBenchmark();
            bench.size = Integer.parseInt(size);
            bench.setUp();
            String function = "Matmul@" + size;
            for (String[] pair : MatmulBenchmark.PAIRS) {
                double[][] reference = product(bench, pair[0]);
                double[][] alternative = product(bench, pair[1]);
                double error = reference.length == alternative.length ? 0 : Double.POSITIVE_INFINITY;
                for (int i = 0; i < Math.min(reference.length, alternative.length); i++) {
                    if (reference[i].length != alternative[i].length) {
                        error = Double.POSITIVE_INFINITY;
                        continue;
                    }
                    for (int j = 0; j < reference[i].length; j++) {
                        error = Math.max(error, relativeError(alternative[i][j], reference[i][j], false));
                    }
                }
                results.add(new Result(function, pair[0], checksum(reference), new double[0], 0, ARRAY_TOLERANCE));
                results.add(new Result(function, pair[1], checksum(alternative), new double[0], error,
                        ARRAY_TOLERANCE));
            }
        }
        return results;
    }

    private static String[] productSizes() {
        try {
            return MatmulBenchmark.class.getField("size").getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[][] product(MatmulBenchmark bench, String variant) {
        try {
            return (double[][]) MatmulBenchmark.class.getMethod(variant).invoke(bench);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("MatmulBenchmark." + variant + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double checksum(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v;
            }
        }
        return s;
    }

    /**
     * The error of {@code a} against the reference {@code b}: {@code |a - b| / |b|}, and for finite
     * differences {@code |a - b| / max(|b|, 1)} (their rounding error, {@code eps |f| / h}, does not shrink
     * with {@code |b|}); NaN counts as infinitely wrong.
     */
    static double relativeError(double a, double b, boolean finiteDifferences) {
        double diff = Math.abs(a - b);
        if (Double.isNaN(diff)) {
            return Double.POSITIVE_INFINITY;
        }
        if (diff == 0) {
            return 0;
        }
        return diff / (finiteDifferences ? Math.max(1, Math.abs(b)) : Math.abs(b));
    }

    private static GradientBenchmark newInstance(Class<? extends GradientBenchmark> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type, e);
        }
    }

    private static double invoke(GradientBenchmark bench, Method m) {
        try {
            return (double) m.invoke(bench);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(bench.getClass().getSimpleName() + "." + m.getName() + " failed",
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints every variant's value, gradient and error; exits with status 1 if one disagrees. */
    public static void main(String[] args) {
        boolean ok = true;
        for (Result r : check()) {
            System.out.printf("%-18s %-20s %-5s err %.1e  value %.15g  grad %s%n", r.function(), r.variant(),
                    r.ok() ? "ok" : "WRONG", r.maxRelativeError(), r.value(), shortened(r.gradient()));
            ok &= r.ok();
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** The gradient for printing: the first 6 components of a long one, and how many there are. */
    private static String shortened(double[] gradient) {
        if (gradient.length <= 8) {
            return Arrays.toString(gradient);
        }
        String head = Arrays.toString(Arrays.copyOf(gradient, 6));
        return head.substring(0, head.length() - 1) + ", ... (" + gradient.length + " components)]";
    }
}
