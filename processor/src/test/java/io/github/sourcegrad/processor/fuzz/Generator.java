package io.github.sourcegrad.processor.fuzz;

import io.github.sourcegrad.processor.fuzz.Ast.ArrCall;
import io.github.sourcegrad.processor.fuzz.Ast.ArrLit;
import io.github.sourcegrad.processor.fuzz.Ast.ArrayStyle;
import io.github.sourcegrad.processor.fuzz.Ast.Assign;
import io.github.sourcegrad.processor.fuzz.Ast.Binary;
import io.github.sourcegrad.processor.fuzz.Ast.Block;
import io.github.sourcegrad.processor.fuzz.Ast.Break;
import io.github.sourcegrad.processor.fuzz.Ast.Call;
import io.github.sourcegrad.processor.fuzz.Ast.Cast;
import io.github.sourcegrad.processor.fuzz.Ast.ClassDef;
import io.github.sourcegrad.processor.fuzz.Ast.Cmp;
import io.github.sourcegrad.processor.fuzz.Ast.Cond;
import io.github.sourcegrad.processor.fuzz.Ast.Constant;
import io.github.sourcegrad.processor.fuzz.Ast.Continue;
import io.github.sourcegrad.processor.fuzz.Ast.Decl;
import io.github.sourcegrad.processor.fuzz.Ast.DeclStyle;
import io.github.sourcegrad.processor.fuzz.Ast.DoWhile;
import io.github.sourcegrad.processor.fuzz.Ast.Empty;
import io.github.sourcegrad.processor.fuzz.Ast.Expr;
import io.github.sourcegrad.processor.fuzz.Ast.ExprStmt;
import io.github.sourcegrad.processor.fuzz.Ast.Field;
import io.github.sourcegrad.processor.fuzz.Ast.FieldKind;
import io.github.sourcegrad.processor.fuzz.Ast.For;
import io.github.sourcegrad.processor.fuzz.Ast.If;
import io.github.sourcegrad.processor.fuzz.Ast.IncDec;
import io.github.sourcegrad.processor.fuzz.Ast.Index;
import io.github.sourcegrad.processor.fuzz.Ast.JType;
import io.github.sourcegrad.processor.fuzz.Ast.Length;
import io.github.sourcegrad.processor.fuzz.Ast.Lit;
import io.github.sourcegrad.processor.fuzz.Ast.Logic;
import io.github.sourcegrad.processor.fuzz.Ast.MathCall;
import io.github.sourcegrad.processor.fuzz.Ast.MathStyle;
import io.github.sourcegrad.processor.fuzz.Ast.Method;
import io.github.sourcegrad.processor.fuzz.Ast.NewArr;
import io.github.sourcegrad.processor.fuzz.Ast.Not;
import io.github.sourcegrad.processor.fuzz.Ast.Param;
import io.github.sourcegrad.processor.fuzz.Ast.Placement;
import io.github.sourcegrad.processor.fuzz.Ast.Program;
import io.github.sourcegrad.processor.fuzz.Ast.Return;
import io.github.sourcegrad.processor.fuzz.Ast.Stmt;
import io.github.sourcegrad.processor.fuzz.Ast.Store;
import io.github.sourcegrad.processor.fuzz.Ast.TypeKind;
import io.github.sourcegrad.processor.fuzz.Ast.Unary;
import io.github.sourcegrad.processor.fuzz.Ast.Var;
import io.github.sourcegrad.processor.fuzz.Ast.Visibility;
import io.github.sourcegrad.processor.fuzz.Ast.While;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Generates random programs over SourceGrad's supported subset: classes of {@code @Differentiable}
 * methods with locals, {@code var}, reassignment, compound assignment, {@code ++}/{@code --}, nested
 * blocks, int and long arithmetic, casts, every operator and every supported {@code Math} function, static
 * constants, calls between the methods (and from a second class), {@code wrt} subsets and static
 * imports.
 *
 * <p>Every expression carries a conservative {@link Interval} of its values (for parameters in their
 * ranges); an argument is wrapped into its function's domain when its interval does not fit (as in
 * {@code Math.log(1.5 + v * v)} or {@code Math.asin(0.5 * Math.tanh(v))}) and a value that could grow
 * beyond {@link #LIMIT} is squashed ({@code Math.tanh}, {@code Math.sin}, a small factor). Kinks are not
 * avoided here: the test discards points near them.
 *
 * <p>A share of the programs (half by default) also has control flow: {@code if}/{@code else if}/{@code
 * else} on comparisons of doubles and ints, boolean locals and parameters, {@code &&}, {@code ||},
 * {@code !}, {@code ?:}, early {@code return} (also inside loops, nested ones too), {@code for}, {@code while} and
 * {@code do}-{@code while} loops over an int counter with small trip counts (at most {@value #OUTER_TRIPS},
 * nested loops at most {@value #INNER_TRIPS}), nesting depth 2, guarded {@code break} and {@code continue},
 * labelled ones to an outer loop. Intervals stay sound across branches (the hull of the paths that reach a
 * point) and loops: a double that a loop updates (a <em>loop-carried</em> variable) gets an invariant
 * interval at the loop's entry that every update keeps, either a symmetric bound {@code [-M, M]} (updates
 * like {@code h = Math.tanh(w * h + b)}, {@code h = 0.5 * h + 0.5 * e}, {@code h *= e} with
 * {@code |e| <= 1}, {@code h /= e} with {@code 1 <= e <= 3}) or, for an accumulator ({@code s += e} with
 * {@code |e| <= c}), its entry interval widened by {@code c} times the most iterations that can run. Other
 * variables of enclosing scopes are read-only inside a loop. Straight-line programs are drawn exactly as
 * before control flow existed: whether a program has control flow comes from a separate random stream.
 *
 * <p>A share of the programs (a third by default, drawn from a stream of its own, so the other programs are
 * those of earlier versions) also has arrays: {@code double[]} and {@code double[][]} parameters of small
 * shapes that the generator fixes (lengths 0 to 4; the test draws the elements), element reads with indices
 * whose intervals lie inside the shape (loop counters of {@code for (int i = 0; i < a.length; i++)}, constant
 * indices), {@code .length}, enhanced {@code for} over elements and rows, {@code ArrayMath} operations on
 * arguments of matching shapes (kept in their domains as the scalar functions are: {@code log} of
 * {@code exp(c tanh(a))}, ...), local arrays ({@code new double[n]}, initializers, {@code ArrayMath} results)
 * and reassignments of array variables, arrays written element by element ({@code =}, {@code +=}, ...) under
 * SourceGrad's rules (only new arrays, initializers and {@code ArrayMath.copy}; a written array is neither
 * copied nor read by rows; a read inside a loop or branch comes after every write and never in a loop that
 * writes the array, a loop around the array's creation aside; an {@code ArrayMath} call reads a written array
 * only after every write). A share of the methods with arrays are straight-line code without writes: those
 * may return arrays, and call each other with arrays (SourceGrad writes such calls inline); the others return a
 * {@code double} and are called with arrays from any method with arrays (a call passes arrays under the rules
 * of an {@code ArrayMath} call). An array's interval holds all its elements; it only grows.
 *
 * <p>A program is a function of {@code (seed, index)} (and the control-flow and array shares) only, so any
 * program of a run can be regenerated.
 */
public final class Generator {

    /** Names a method of P may have that are also names of Math functions (so Math calls must be qualified). */
    public static final Set<String> MATH_NAMED_METHODS = Set.of("exp", "sin", "hypot", "log", "max");

    /**
     * {@code -Dfuzz.knownBugs=true} also generates what SourceGrad is known to get wrong (so that a fix can be
     * checked): overloads in programs with arrays (a pullback's or buffer form's signature can be another
     * overload's, which SourceGrad reports as a compile error, so such programs fail to compile by design); products and row broadcasts with a factor of 0 rows next to a non-empty one (the other
     * factor's adjoint gets the 0-row factor's shape, as documented in the README).
     */
    public static final boolean KNOWN_BUGS = Boolean.getBoolean("fuzz.knownBugs");

    /** Values beyond this (in interval terms) are squashed. */
    static final double LIMIT = 40;
    private static final Interval POSITIVE = new Interval(0.1, 1e4);
    private static final Interval DIVISOR = new Interval(0.5, 1e4);
    private static final Interval EXP_ARG = new Interval(-3, 3);
    private static final Interval TAN_ARG = new Interval(-1.3, 1.3);
    private static final Interval ASIN_ARG = new Interval(-0.9, 0.9);
    private static final Interval LOG1P_ARG = new Interval(-0.8, 1e4);
    private static final Interval POW_BASE = new Interval(0.2, 5);
    private static final Interval POW_EXPONENT = new Interval(-2, 2);
    private static final Interval INT_POW_BASE = new Interval(-6, 6);
    private static final int INT_LIMIT = 60;
    /** The share of programs with control flow when none is given. */
    public static final double DEFAULT_CONTROL_FLOW_SHARE = 0.5;
    /** The share of programs with arrays when none is given. */
    public static final double DEFAULT_ARRAY_SHARE = 1.0 / 3;

    /**
     * Element reads of written arrays anywhere, also inside a loop or branch before a later write or in a loop that
     * writes the array (the backward pass tapes them). On by default since issue 12 (it was off while the tape of
     * overwritten elements was new); {@code -Dfuzz.staleReads=false} gives the programs of the versions before.
     */
    private static final boolean STALE_READS = !"false".equals(System.getProperty("fuzz.staleReads"));
    /**
     * {@code -Dfuzz.sideEffects=false} turns off side effects inside expressions: {@code (x = e) * y}, {@code a = b = e},
     * {@code x += (y *= c)}, {@code k++} and {@code a[k++]} as values, {@code (w[i] += e)} as a value, and
     * {@code while (n-- > 0)} loops (never on a side of {@code &&}, {@code ||} or {@code ?:} that Java may skip).
     */
    private static final boolean SIDE_EFFECTS = !"false".equals(System.getProperty("fuzz.sideEffects"));
    /**
     * {@code -Dfuzz.moreJumps=false} turns off a second guarded jump in a loop body (so a {@code break} and a
     * {@code return} in one loop, the return after the break or before it, nested loops too).
     */
    private static final boolean MORE_JUMPS = !"false".equals(System.getProperty("fuzz.moreJumps"));
    /** {@code -Dfuzz.switchExpressions=false} turns off int switch expressions (arrow form, {@code yield} blocks). */
    private static final boolean SWITCH_EXPRESSIONS = !"false".equals(System.getProperty("fuzz.switchExpressions"));
    /**
     * {@code -Dfuzz.arrayFill=false} turns off methods that return an array they fill with loops (and write, among
     * other statements with control flow); array results then come only from straight-line ArrayMath code.
     */
    private static final boolean ARRAY_FILL = !"false".equals(System.getProperty("fuzz.arrayFill"));
    /** The share of methods that are a pair loop only adding to a sum (see {@link #summingNest}). */
    private static final double SUMMING_NESTS = Double.parseDouble(System.getProperty("fuzz.summingNests", "0.06"));
    /** The most iterations of a loop that is not nested in another, and of a nested one. */
    static final int OUTER_TRIPS = 6;
    static final int INNER_TRIPS = 4;
    /** Accumulators move by at most this much over all the iterations of the loop that carries them. */
    private static final double ACCUMULATION = 6;
    /** How deep ifs and loops nest. */
    private static final int MAX_CONTROL_DEPTH = 3;
    private static final String[] COUNTER_NAMES = {"i", "j", "k", "it", "step", "iter", "i2", "ti"};
    private static final String[] BOOLEAN_NAMES = {"pos", "big", "neg", "ok", "done", "first", "inside", "small", "flag2", "isX"};
    private static final String[] LABELS = {"outer", "loop", "scan", "rows", "L1", "again"};

    private static final String[][] DOUBLE_LITERALS = {
        {"0.5", "0.5"}, {"1.5", "1.5"}, {"2.0", "2"}, {"0.25", "0.25"}, {"0.75", "0.75"}, {"1.25", "1.25"},
        {"3.0", "3"}, {".5", "0.5"}, {"1e-1", "0.1"}, {"2d", "2"}, {"0x1p-1", "0.5"}, {"1.0E0", "1"},
        {"2.5e0", "2.5"}, {"1_0.0e-1", "1"}, {"0.1", "0.1"}, {"1.", "1"}, {"4.0D", "4"}, {"0.0", "0"},
        {"1.0", "1"}, {"0.3", "0.3"},
    };
    private static final String[][] INT_LITERALS = {
        {"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}, {"10", "10"}, {"0x3", "3"}, {"010", "8"},
        {"0b11", "3"}, {"1_0", "10"}, {"7", "7"}, {"0", "0"},
    };
    private static final String[][] LONG_LITERALS = {{"2L", "2"}, {"3L", "3"}, {"1l", "1"}, {"0x10L", "16"}, {"5L", "5"}};

    private static final String[] PARAM_NAMES = {"x", "y", "z", "w", "u", "v", "a", "b", "c", "p", "q", "s", "t", "r", "h"};
    private static final String[] TRICKY_NAMES = {"x1", "x2", "dx", "t1", "t2", "value", "grad", "xLocal", "dd", "d_x", "y2", "dy",
        "dvalue", "\u03b1", "_x", "x$", "dt1", "tLocal", "a2", "v1"};
    private static final String[] LOCAL_NAMES = {"a", "b", "c", "e", "f", "g", "h", "k", "m", "r", "s", "u", "v", "w",
        "v0", "v1", "v2", "v3", "v4", "tmp", "sum", "acc", "prod"};
    private static final String[] TRICKY_LOCALS = {"t1", "t2", "t3", "x2", "x3", "y2", "dx", "dy", "dd", "da", "d_a",
        "value", "grad", "xLocal", "qLocal", "exp", "max", "result", "dt", "dvalue", "a2", "a3", "b2", "c2", "s2", "w2",
        "dt1", "dt2", "dt3", "aLocal", "bLocal", "t1Local", "vLocal", "\u03b2", "_a", "$b", "d$b", "da2", "dx2", "d_x", "dy2"};
    private static final String[] INT_NAMES = {"n", "m", "k", "i", "j", "n2", "cnt", "idx"};

    private static final String[] SMOOTH_UNARY = {"exp", "expm1", "log", "log10", "log1p", "sqrt", "cbrt", "sin", "cos",
        "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh"};
    private static final String[] KINKED_UNARY = {"abs", "signum", "floor", "ceil", "rint", "round"};

    private final SplittableRandom rnd;
    private final long seed;
    private final int index;
    /** Whether the method being generated may have control flow (a method that returns an array may not). */
    private boolean controlFlow;
    private final boolean arrays;
    /** Decides which jumps inside loops are returns: a stream of its own, so the other jumps stay as they were. */
    private final SplittableRandom loopReturns;
    /**
     * Decides where the constructs added for issue 12 go (side effects in expressions, switch expressions, array
     * results filled by loops): a stream of its own, so that with them turned off the programs are those of before.
     */
    private final SplittableRandom extras;
    private String pkg;

    // program state
    private Placement qPlacement;
    private boolean publicApi;
    private final List<Constant> pConstants = new ArrayList<>();
    private final List<Method> pMethods = new ArrayList<>();
    private final List<Method> qMethods = new ArrayList<>();
    private final Map<String, Interval> returns = new HashMap<>();
    private String currentClass;

    // method state
    private final Deque<Map<String, VarInfo>> scopes = new ArrayDeque<>();
    private String biasVar;
    private int blockDepth;

    // control flow state of the method
    private final List<Loop> loops = new ArrayList<>();
    private int controlDepth;
    private int controlMade;
    private Interval earlyReturns;
    /** Inside a loop's bound or condition: no calls of other methods and no ?: there (see loopBound). */
    private int loopHeader;

    /** How a loop-carried variable may change inside the loop that carries it. */
    private enum Role {
        /** Every update keeps it in {@code invariant = [-M, M]}. */
        BOUNDED,
        /** Only {@code +=}/{@code -=} of at most {@code step}, at most {@code budget} times over the loop. */
        ACCUMULATE
    }

    /** A loop being generated: its label (or null), most iterations, and whether {@code continue} may target it. */
    private record Loop(String label, int trips, boolean continueAllowed, int id) {
    }

    /** What the generator knows about a variable in scope. */
    private final class VarInfo {
        final String name;
        final JType type;
        final boolean isFinal;
        /** How many loops enclose the declaration: only code at the same depth may assign it freely. */
        final int loopLevel = loops.size();
        boolean assigned;
        Interval iv;
        // while a loop carries the variable
        Role role;
        Interval invariant;
        int carrier;
        int budget;
        double step;
        boolean accumulated;
        // arrays: the shape (normalized: 0 rows means 0 columns) and iv holds every element
        List<Integer> shape = List.of();
        /** Created by this method outside loops and branches: it may be written element by element. */
        boolean writable;
        /** Written element by element: never copied to another variable nor read by rows. */
        boolean written;
        /** Copied to another variable or read by rows: never written. */
        boolean shared;
        /** Read inside a loop or branch: never written after that. */
        boolean frozen;
        /** The loops that write it (other than those around its creation): it is not read inside them. */
        final Set<Integer> writingLoops = new HashSet<>();
        /** The loops around its creation: each of their iterations has an array of its own. */
        final Set<Integer> creationLoops = new HashSet<>();
        /** Created inside a loop or branch (see {@link #loadable}). */
        boolean nestedCreation;
        /** How many scopes were open where it was declared. */
        final int scopeDepth = scopes.size();

        VarInfo(String name, JType type, boolean isFinal, boolean assigned, Interval iv) {
            this.name = name;
            this.type = type;
            this.isFinal = isFinal;
            this.assigned = assigned;
            this.iv = iv;
        }
    }

    /** An expression with its type and value range. */
    private record G(Expr e, Interval iv) {
        JType type() {
            return e.type();
        }
    }

    private Generator(long seed, int index) {
        this(seed, index, DEFAULT_CONTROL_FLOW_SHARE);
    }

    private Generator(long seed, int index, double controlFlowShare) {
        this(seed, index, controlFlowShare, DEFAULT_ARRAY_SHARE);
    }

    private Generator(long seed, int index, double controlFlowShare, double arrayShare) {
        this.seed = seed;
        this.index = index;
        this.rnd = new SplittableRandom(mix(seed, index));
        // a stream of its own, so that the straight-line programs stay those of earlier versions
        this.controlFlow = new SplittableRandom(mix(seed, index) ^ 0x6A09E667F3BCC909L).nextDouble() < controlFlowShare;
        // and one for arrays, so that the programs without arrays stay those of earlier versions
        this.arrays = new SplittableRandom(mix(seed, index) ^ 0xBB67AE8584CAA73BL).nextDouble() < arrayShare;
        this.loopReturns = new SplittableRandom(mix(seed, index) ^ 0x3C6EF372FE94F82BL);
        this.extras = new SplittableRandom(mix(seed, index) ^ 0xA54FF53A5F1D36F1L);
        this.pkg = "fz" + index;
    }

    /** Program {@code index} of the run with seed {@code seed}, half of them with control flow, a third with arrays. */
    public static Program generate(long seed, int index) {
        return new Generator(seed, index).program();
    }

    /** Program {@code index} of the run with seed {@code seed}; {@code controlFlowShare} of the programs have control flow. */
    public static Program generate(long seed, int index, double controlFlowShare) {
        return new Generator(seed, index, controlFlowShare).program();
    }

    /**
     * Program {@code index} of the run with seed {@code seed}; {@code controlFlowShare} of the programs have
     * control flow, {@code arrayShare} have arrays (the two are drawn independently).
     */
    public static Program generate(long seed, int index, double controlFlowShare, double arrayShare) {
        return new Generator(seed, index, controlFlowShare, arrayShare).program();
    }

    static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ program and classes

    private Program program() {
        boolean hasQ = chance(0.5);
        boolean defaultPackage = chance(0.05);
        if (defaultPackage) {
            pkg = "";
        }
        if (hasQ) {
            double r = rnd.nextDouble();
            qPlacement = r < 0.5 ? Placement.TOP : r < 0.75 || defaultPackage ? Placement.NESTED : Placement.OTHER_PACKAGE;
        }
        publicApi = qPlacement == Placement.OTHER_PACKAGE;
        TypeKind pKind = typeKind(0.85);

        // constants of P
        pConstants.add(new Constant(publicApi ? Visibility.PUBLIC : pick(Visibility.PACKAGE, Visibility.PRIVATE, Visibility.PUBLIC),
                true, JType.DOUBLE, "K", pickText(new String[][] {{"0.75", "0.75"}, {"1.5", "1.5"}, {"0.5", "0.5"}, {"2.5", "2.5"}, {"1.25", "1.25"}}),
                0));
        fixConstantValue(0);
        if (chance(0.5)) {
            int v = 1 + rnd.nextInt(4);
            pConstants.add(new Constant(publicApi ? Visibility.PUBLIC : pick(Visibility.PACKAGE, Visibility.PRIVATE),
                    true, JType.INT, "N", Integer.toString(v), v));
        }
        if (chance(0.3)) {
            pConstants.add(new Constant(publicApi ? Visibility.PUBLIC : Visibility.PACKAGE, false, JType.DOUBLE, "S", "1.25", 1.25));
        }
        if (chance(0.3)) {
            pConstants.add(new Constant(Visibility.PRIVATE, true, JType.DOUBLE, "C", "0.5", 0.5));
        }

        currentClass = "P";
        int nP = 1 + rnd.nextInt(4);
        for (int i = 0; i < nP; i++) {
            String name = "f" + i;
            Set<Integer> takenArities = new java.util.HashSet<>();
            double r = rnd.nextDouble();
            if (r < 0.08) {
                String candidate = pick(MATH_NAMED_METHODS.stream().sorted().toArray(String[]::new));
                if (pMethods.stream().noneMatch(m -> m.name().equals(candidate))) {
                    name = candidate;
                }
            } else if (r < 0.14 && !pMethods.isEmpty() && (KNOWN_BUGS || !arrays)) {
                // an overload of an earlier method (another arity, so calls are never ambiguous)
                name = pMethods.get(rnd.nextInt(pMethods.size())).name();
                for (Method m : pMethods) {
                    if (m.name().equals(name)) {
                        takenArities.add(m.params().size());
                    }
                }
            } else if (r < 0.18 && !pMethods.isEmpty()) {
                // names that differ only in case (f0, F0), or that end like a generated name (f0WrtAll)
                String earlier = pMethods.get(rnd.nextInt(pMethods.size())).name();
                String candidate = chance(0.5) ? Character.toUpperCase(earlier.charAt(0)) + earlier.substring(1) : earlier + "WrtAll";
                if (pMethods.stream().noneMatch(m -> m.name().equals(candidate))) {
                    name = candidate;
                }
            }
            Visibility vis = publicApi ? Visibility.PUBLIC
                    : pick(Visibility.PACKAGE, Visibility.PACKAGE, Visibility.PUBLIC, qPlacement == null || qPlacement == Placement.NESTED ? Visibility.PRIVATE : Visibility.PACKAGE);
            pMethods.add(method(name, vis, i > 0 ? 0.6 : 0, takenArities));
        }
        ClassDef p = new ClassDef("P", pKind, Placement.TOP, publicApi || chance(0.3), mathStyle(), chance(0.15), false,
                pConstants, pMethods);
        if (arrays) {
            p = p.withArrayStyle(arrayStyle());
        }
        ClassDef q = null;
        if (hasQ) {
            currentClass = "Q";
            int nQ = 1 + rnd.nextInt(2);
            for (int i = 0; i < nQ; i++) {
                qMethods.add(method("g" + i, pick(Visibility.PACKAGE, Visibility.PUBLIC), 0.9, Set.of()));
            }
            boolean staticImport = qPlacement != Placement.NESTED && !pkg.isEmpty() && chance(0.25); // no imports from the default package
            MathStyle style = qPlacement == Placement.NESTED ? p.mathStyle() : mathStyle();
            q = new ClassDef("Q", typeKind(0.9), qPlacement, qPlacement == Placement.OTHER_PACKAGE || chance(0.3), style,
                    chance(0.15), staticImport, List.of(), qMethods);
            if (arrays) {
                q = q.withArrayStyle(qPlacement == Placement.NESTED ? p.arrayStyle() : arrayStyle());
            }
        }
        return new Program(index, seed, pkg, p, q);
    }

    private void fixConstantValue(int i) {
        Constant k = pConstants.get(i);
        pConstants.set(i, new Constant(k.visibility(), k.isFinal(), k.type(), k.name(), k.text(), Double.parseDouble(k.text())));
    }

    private TypeKind typeKind(double classes) {
        double r = rnd.nextDouble();
        if (r < classes) {
            return TypeKind.CLASS;
        }
        r = rnd.nextDouble();
        return r < 0.4 ? TypeKind.INTERFACE : r < 0.7 ? TypeKind.ENUM : TypeKind.RECORD;
    }

    private ArrayStyle arrayStyle() {
        double r = rnd.nextDouble();
        return r < 0.55 ? ArrayStyle.IMPORTED : r < 0.7 ? ArrayStyle.FULLY_QUALIFIED : r < 0.85 ? ArrayStyle.ON_DEMAND : ArrayStyle.SINGLE;
    }

    private MathStyle mathStyle() {
        double r = rnd.nextDouble();
        return r < 0.6 ? MathStyle.QUALIFIED : r < 0.85 ? MathStyle.ON_DEMAND : MathStyle.SINGLE;
    }

    // ------------------------------------------------------------------ methods

    private double callChance;
    private int callsMade;
    private int callNesting;

    private Method method(String name, Visibility vis, double callChance, Set<Integer> takenArities) {
        this.callChance = callChance;
        this.callsMade = 0;
        scopes.clear();
        blockDepth = 0;
        biasVar = null;
        loops.clear();
        controlDepth = 0;
        controlMade = 0;
        earlyReturns = null;
        scopes.push(new LinkedHashMap<>());
        boolean programControlFlow = controlFlow;
        arrayMethod = arrays && chance(0.85);
        resultType = JType.DOUBLE;
        noStores = false;
        branchDepth = 0;
        condExprDepth = 0;
        writingTargets.clear();
        int nVector = 0;
        int nMatrix = 0;
        if (arrayMethod) {
            methodDims = new ArrayList<>();
            int nDims = 1 + rnd.nextInt(3);
            for (int i = 0; i < nDims; i++) {
                double r = rnd.nextDouble();
                methodDims.add(r < 0.07 ? 0 : r < 0.22 ? 1 : r < 0.5 ? 2 : r < 0.8 ? 3 : 4);
            }
            nVector = rnd.nextInt(3);
            nMatrix = rnd.nextInt(rnd.nextInt(3) + 1);
            if (nVector + nMatrix == 0 && chance(0.85)) {
                nVector = 1;
            }
        }

        List<Param> params = new ArrayList<>();
        int nDouble = chance(0.04) ? 5 + rnd.nextInt(5) : 1 + rnd.nextInt(rnd.nextInt(4) + 1);
        if (arrayMethod && nVector + nMatrix > 0 && chance(0.35)) {
            nDouble = 0;
        }
        int nInt = chance(0.35) ? 1 + rnd.nextInt(2) : 0;
        int nLong = chance(0.1) ? 1 : 0;
        int nBool = chance(0.07) ? 1 : 0;
        if (controlFlow && nBool == 0 && chance(0.2)) {
            nBool = 1;
        }
        while (takenArities.contains(nDouble + nInt + nLong + nBool + nVector + nMatrix)) {
            nDouble++;
        }
        List<JType> types = new ArrayList<>();
        for (int i = 0; i < nVector; i++) {
            types.add(JType.VECTOR);
        }
        for (int i = 0; i < nMatrix; i++) {
            types.add(JType.MATRIX);
        }
        for (int i = 0; i < nDouble; i++) {
            types.add(JType.DOUBLE);
        }
        for (int i = 0; i < nInt; i++) {
            types.add(JType.INT);
        }
        for (int i = 0; i < nLong; i++) {
            types.add(JType.LONG);
        }
        for (int i = 0; i < nBool; i++) {
            types.add(JType.BOOLEAN);
        }
        shuffle(types);
        for (JType t : types) {
            String pname = switch (t) {
                case DOUBLE -> chance(0.12) ? freshName(TRICKY_NAMES) : freshName(PARAM_NAMES);
                case VECTOR, MATRIX -> freshName(ARRAY_NAMES);
                case INT, LONG -> freshName(INT_NAMES);
                default -> freshName(new String[] {"flag", "on", "b0"});
            };
            double lo;
            double hi;
            switch (t) {
                case DOUBLE, VECTOR, MATRIX -> {
                    double[][] ranges = {{-2, 2}, {-1, 1}, {0.5, 2.5}, {-3, 3}, {1, 3}, {-2.5, -0.5}};
                    double[] range = ranges[rnd.nextInt(ranges.length)];
                    lo = range[0];
                    hi = range[1];
                }
                case INT, LONG -> {
                    int[][] ranges = {{-3, 3}, {1, 4}, {0, 5}};
                    int[] range = ranges[rnd.nextInt(ranges.length)];
                    lo = range[0];
                    hi = range[1];
                }
                default -> {
                    lo = 0;
                    hi = 1;
                }
            }
            boolean fin = chance(0.08);
            List<Integer> shape = t.isArray() ? randomShape(t) : List.of();
            Param p = new Param(t, pname, lo, hi, fin, shape);
            params.add(p);
            VarInfo info = new VarInfo(pname, t, fin, true, new Interval(lo, hi));
            info.shape = shape;
            scopes.peek().put(pname, info);
        }

        List<String> wrt = null;
        List<String> doubles = params.stream().filter(p -> arrayMethod ? p.type().isReal() : p.type() == JType.DOUBLE)
                .map(Param::name).toList();
        if (chance(0.45)) {
            List<String> chosen = new ArrayList<>();
            for (String d : doubles) {
                if (chance(0.6)) {
                    chosen.add(d);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add(doubles.get(rnd.nextInt(doubles.size())));
            }
            shuffle(chosen);
            wrt = chosen;
        }

        List<Integer> resultShape = null;
        if (arrayMethod && nVector + nMatrix > 0 && chance(0.3)) {
            resultType = chance(0.6) ? JType.VECTOR : JType.MATRIX;
            resultShape = randomShape(resultType);
        }
        arrayResult = resultType.isArray() && ARRAY_FILL && extras.nextDouble() < 0.5;
        boolean pure = arrayMethod && !arrayResult && (resultType.isArray() || chance(0.3));
        if (pure) {
            // straight-line code without element writes: it may return an array, call and be called with arrays
            controlFlow = false;
            noStores = true;
        }
        String key = currentClass + "." + name + "/" + params.size();
        Param summed = params.stream().filter(p -> p.type() == JType.VECTOR).findFirst().orElse(null);
        if (controlFlow && !pure && resultType == JType.DOUBLE && summed != null && extras.nextDouble() < SUMMING_NESTS) {
            arrayMethod = false;
            Method nest = summingNest(name, vis, params, wrt, summed, key);
            controlFlow = programControlFlow;
            return nest;
        }

        scopes.push(new LinkedHashMap<>());
        List<Stmt> body = new ArrayList<>();
        int n = rnd.nextInt(rnd.nextInt(8) + 1);
        if (controlFlow) {
            n = Math.max(n, 1 + rnd.nextInt(4));
        }
        for (int i = 0; i < n; i++) {
            statement(body);
        }
        if (controlFlow && controlMade == 0 && chance(0.85)) {
            controlStatement(body);
        }
        if (arrayResult) {
            // double[] res = new double[n]; for (...) res[i] = ...; [more writes;] return res;
            VarInfo target = newArray(body, resultType, resultShape);
            if (count(resultShape) > 0 && extras.nextDouble() < 0.4) {
                writeElement(body, target);
            }
            arrayResult = false;
            controlFlow = programControlFlow;
            arrayMethod = false;
            return new Method(name, vis, params, wrt, body, new Var(target.name, target.type), resultType);
        }
        if (resultType.isArray()) {
            AG result = arr(resultType, resultShape, 2 + rnd.nextInt(2));
            controlFlow = programControlFlow;
            arrayMethod = false;
            pureMethods.add(key);
            arrayReturns.put(key, result);
            return new Method(name, vis, params, wrt, body, result.e(), resultType);
        }
        G result = returnExpr();
        if (callsMade == 0 && hasCallees() && chance(callChance)) {
            result = bound(binary(chance(0.5) ? '+' : '*', result, bound(call(1))));
        }
        if (arrayMethod) {
            // make the array parameters count
            for (Param p : params) {
                if (p.type().isArray() && chance(0.6)) {
                    result = bound(binary('+', result, bound(reduction(arrayVar(p.name()), 1))));
                }
            }
        }
        Interval resultRange = earlyReturns == null ? result.iv : result.iv.hull(earlyReturns);
        returns.put(key, resultRange);
        arrayMethod = false;
        if (pure) {
            controlFlow = programControlFlow;
            pureMethods.add(key);
        }
        return new Method(name, vis, params, wrt, body, result.e);
    }

    /**
     * A pair loop that only adds to a sum, the shape SourceGrad differentiates as it goes ({@code Schedule.findSums}):
     * {@code acc += term(v[i], v[j], p)} over {@code i} and {@code j} (from 0, i or i + 1; with {@code i <= v.length}
     * when the inner loop then runs no time at {@code i == v.length}), returned as it is (its derivatives go straight
     * into the gradient) or squared or scaled (they are summed per unit and scaled). All choices come from
     * {@code extras}, so the other programs of a seed stay as they were.
     */
    private Method summingNest(String name, Visibility vis, List<Param> params, List<String> wrt, Param summed, String key) {
        Var v = new Var(summed.name(), JType.VECTOR);
        Param scalar = params.stream().filter(p -> p.type() == JType.DOUBLE).findFirst().orElse(null);
        Expr p = scalar == null ? new Lit("0.5", JType.DOUBLE, 0.5) : new Var(scalar.name(), JType.DOUBLE);
        String acc = freshName(new String[] {"acc", "energy", "total"});
        String i = freshName(new String[] {"i", "a1"});
        String j = freshName(new String[] {"j", "b1"});
        int start = extras.nextInt(3); // j from 0, i or i + 1
        boolean pastEnd = start > 0 && extras.nextDouble() < 0.3;
        Expr vi = new Index(v, new Var(i, JType.INT));
        Expr vj = new Index(v, new Var(j, JType.INT));
        Expr d = new Binary('-', vi, vj);
        // |term| <= 10 for |v|, |p| <= 3
        Expr term = switch (extras.nextInt(4)) {
            case 0 -> new Binary('*', new Binary('*', vi, vj), new MathCall(false, "sin", List.of(p), true));
            case 1 -> new MathCall(false, "sin", List.of(new Binary('+', new Binary('*', vi, vj), p)), true);
            case 2 -> new Binary('/', new Lit("1.0", JType.DOUBLE, 1), new Binary('+', new Lit("1.0", JType.DOUBLE, 1), new Binary('*', d, d)));
            default -> new Binary('*', vi, new MathCall(false, "cos", List.of(new Binary('+', vj, p)), true));
        };
        Expr jInit = switch (start) {
            case 0 -> new Lit("0", JType.INT, 0);
            case 1 -> new Var(i, JType.INT);
            default -> new Binary('+', new Var(i, JType.INT), new Lit("1", JType.INT, 1));
        };
        Stmt inner = new For(null, new Decl(DeclStyle.TYPED, JType.INT, j, jInit, false),
                new Cmp("<", new Var(j, JType.INT), new Length(v)), new IncDec(j, true, false),
                new Block(List.of(new Assign(acc, "+=", term))));
        List<Stmt> outerBody = new ArrayList<>();
        if (!pastEnd && extras.nextDouble() < 0.3) {
            outerBody.add(new Assign(acc, "+=", new Binary('*', vi, p))); // a term of the outer loop too
        }
        outerBody.add(inner);
        Stmt outer = new For(null, new Decl(DeclStyle.TYPED, JType.INT, i, new Lit("0", JType.INT, 0), false),
                new Cmp(pastEnd ? "<=" : "<", new Var(i, JType.INT), new Length(v)), new IncDec(i, true, false),
                new Block(outerBody));
        Expr init = extras.nextDouble() < 0.5 ? new Lit("0.0", JType.DOUBLE, 0) : p;
        List<Stmt> body = new ArrayList<>(List.of(new Decl(DeclStyle.TYPED, JType.DOUBLE, acc, init, false), outer));
        Expr result = switch (extras.nextInt(3)) {
            case 0 -> new Var(acc, JType.DOUBLE);
            case 1 -> new Binary('*', new Var(acc, JType.DOUBLE), new Var(acc, JType.DOUBLE));
            default -> new Binary('*', new Var(acc, JType.DOUBLE), p);
        };
        // at most 4 elements: 16 pairs and 4 outer terms of at most 10 and 9, and a start of at most 3
        double m = 16 * 10 + 4 * 9 + 3;
        returns.put(key, result instanceof Var ? new Interval(-m, m) : new Interval(-m * m, m * m));
        return new Method(name, vis, params, wrt, body, result);
    }

    private G returnExpr() {
        G r = dbl(2 + rnd.nextInt(2));
        // make most of the live variables count
        List<VarInfo> live = doubleVars();
        int extra = live.isEmpty() ? 0 : rnd.nextInt(Math.min(3, live.size()) + 1);
        for (int i = 0; i < extra; i++) {
            VarInfo v = live.get(rnd.nextInt(live.size()));
            G term = new G(new Var(v.name, v.type), v.iv);
            r = bound(chance(0.7) ? binary('+', r, term) : binary('*', r, bound(term)));
        }
        if (chance(0.1) && !intVars().isEmpty()) {
            r = binary('+', r, intLeaf());
        }
        return r;
    }

    // ------------------------------------------------------------------ statements

    private void statement(List<Stmt> out) {
        if (SIDE_EFFECTS && extras.nextDouble() < 0.07 && sideEffect(out)) {
            return;
        }
        if (SWITCH_EXPRESSIONS && !inSwitchExpression && extras.nextDouble() < 0.03 && controlFlow) {
            switchExpressionStatement(out);
            return;
        }
        if (arrayMethod && chance(0.35)) {
            arrayStatement(out);
            return;
        }
        if (controlFlow && controlDepth < MAX_CONTROL_DEPTH && chance(0.3)) {
            controlStatement(out);
            return;
        }
        double r = rnd.nextDouble();
        if (r < 0.30) {
            declareDouble(out);
        } else if (r < 0.34) {
            declareLater(out);
        } else if (r < 0.42) {
            declareIntegral(out);
        } else if (r < 0.57) {
            assign(out);
        } else if (r < 0.73) {
            compound(out);
        } else if (r < 0.79) {
            incDec(out);
        } else if (r < 0.90 && blockDepth < 2) {
            block(out);
        } else if (r < 0.935 && hasCallees()) {
            out.add(new ExprStmt(call(1).e));
        } else if (r < 0.94) {
            out.add(new ExprStmt(smoothUnary(1).e)); // a Math call whose result is dropped
        } else if (r < 0.95) {
            out.add(new Empty());
        } else {
            declareDouble(out);
        }
    }

    private void declareDouble(List<Stmt> out) {
        declareDouble(out, null);
    }

    private void declareDouble(List<Stmt> out, DeclStyle forced) {
        G init = dbl(1 + rnd.nextInt(3));
        String name = freshLocal();
        double r = rnd.nextDouble();
        DeclStyle style = forced != null ? forced
                : r < 0.6 ? DeclStyle.TYPED : r < 0.8 ? DeclStyle.VAR : r < 0.95 ? DeclStyle.FINAL_TYPED : DeclStyle.FINAL_VAR;
        JType type = JType.DOUBLE;
        if (style == DeclStyle.VAR || style == DeclStyle.FINAL_VAR) {
            type = init.type();
            if (type == JType.FLOAT) { // a float local is outside the subset
                style = DeclStyle.TYPED;
                type = JType.DOUBLE;
            }
        }
        // sometimes declare the next variable in the same statement: double a = e1, b = e2;
        boolean joined = (style == DeclStyle.TYPED || style == DeclStyle.FINAL_TYPED) && chance(0.12);
        out.add(new Decl(style, type, name, init.e, joined));
        scopes.peek().put(name, new VarInfo(name, type, style == DeclStyle.FINAL_TYPED || style == DeclStyle.FINAL_VAR, true, init.iv));
        if (joined) {
            declareDouble(out, style);
        }
    }

    /** {@code double a;} and, later in the same statement list (possibly inside a block), {@code a = ...;}. */
    private void declareLater(List<Stmt> out) {
        String name = freshLocal();
        boolean fin = chance(0.2);
        out.add(new Decl(fin ? DeclStyle.FINAL_TYPED : DeclStyle.TYPED, JType.DOUBLE, name, null, false));
        VarInfo info = new VarInfo(name, JType.DOUBLE, fin, false, null);
        scopes.peek().put(name, info);
        if (chance(0.3)) {
            statement(out);
        }
        G value = dbl(1 + rnd.nextInt(2));
        Stmt assignment = new Assign(name, "=", value.e);
        if (chance(0.3) && blockDepth < 2) {
            out.add(new Block(List.of(assignment)));
        } else {
            out.add(assignment);
        }
        info.assigned = true;
        info.iv = value.iv;
    }

    private void declareIntegral(List<Stmt> out) {
        boolean isLong = chance(0.25);
        G init = isLong ? longExpr(2) : intExpr(2);
        String name = freshName(INT_NAMES);
        if (name == null) {
            name = freshLocal();
        }
        double r = rnd.nextDouble();
        DeclStyle style = r < 0.6 ? DeclStyle.TYPED : r < 0.85 ? DeclStyle.VAR : DeclStyle.FINAL_TYPED;
        JType type = style == DeclStyle.VAR ? init.type() : (isLong ? JType.LONG : JType.INT);
        out.add(new Decl(style, type, name, init.e, false));
        scopes.peek().put(name, new VarInfo(name, type, style == DeclStyle.FINAL_TYPED, true, init.iv));
    }

    private void assign(List<Stmt> out) {
        VarInfo target = pickAssignable(true);
        if (target == null) {
            declareDouble(out);
            return;
        }
        if (target.role != null) {
            carriedUpdate(target, out);
            return;
        }
        biasVar = chance(0.7) ? target.name : null;
        G value = switch (target.type) {
            case DOUBLE -> dbl(1 + rnd.nextInt(3));
            case LONG -> chance(0.5) ? longExpr(2) : intExpr(2);
            default -> intExpr(2);
        };
        biasVar = null;
        out.add(new Assign(target.name, "=", value.e));
        target.iv = value.iv;
    }

    private void compound(List<Stmt> out) {
        VarInfo target = pickAssignable(true);
        if (target == null) {
            declareDouble(out);
            return;
        }
        if (target.role != null) {
            carriedUpdate(target, out);
            return;
        }
        if (target.type == JType.DOUBLE) {
            String op = pick("+=", "-=", "*=", "/=");
            G value;
            Interval next;
            switch (op) {
                case "+=", "-=" -> {
                    value = dbl(1 + rnd.nextInt(2));
                    next = op.equals("+=") ? target.iv.plus(value.iv) : target.iv.minus(value.iv);
                    if (next.maxAbs() > LIMIT) {
                        value = fit(value, new Interval(-1, 1));
                        next = op.equals("+=") ? target.iv.plus(value.iv) : target.iv.minus(value.iv);
                    }
                }
                case "*=" -> {
                    value = dbl(1 + rnd.nextInt(2));
                    next = target.iv.times(value.iv);
                    if (next.maxAbs() > LIMIT) {
                        value = fit(value, chance(0.5) ? new Interval(-1, 1) : new Interval(0.5, 1.5));
                        next = target.iv.times(value.iv);
                    }
                }
                default -> {
                    value = divisor(dbl(1 + rnd.nextInt(2)));
                    next = target.iv.dividedBy(value.iv);
                }
            }
            if (next.maxAbs() > LIMIT) {
                // still too wide (the variable itself is wide): squash the variable instead
                G squashed = squash(new G(new Var(target.name, target.type), target.iv));
                out.add(new Assign(target.name, "=", squashed.e));
                target.iv = squashed.iv;
                return;
            }
            out.add(new Assign(target.name, op, value.e));
            target.iv = next;
        } else {
            // int or long: keep the right-hand side int (a wider one would be a lossy narrowing, flagged by -Xlint)
            String op = pick("+=", "-=", "*=", "/=", "%=");
            G value;
            Interval next;
            switch (op) {
                case "+=", "-=" -> {
                    value = intFit(new Interval(-4, 4));
                    next = op.equals("+=") ? target.iv.plus(value.iv) : target.iv.minus(value.iv);
                }
                case "*=" -> {
                    value = intLiteral(pickInt(2, 3, -1, -2));
                    next = target.iv.times(value.iv);
                }
                case "/=" -> {
                    value = intLiteral(pickInt(2, 3, -2, 4));
                    next = intDivide(target.iv, value.iv);
                }
                default -> {
                    value = intLiteral(pickInt(2, 3, 5));
                    next = remainder(target.iv, value.iv);
                }
            }
            if (next.maxAbs() > INT_LIMIT) {
                value = intLiteral(pickInt(2, 3, 5));
                op = "%=";
                next = remainder(target.iv, value.iv);
            }
            if (target.type == JType.LONG && chance(0.3) && !op.equals("%=") && !op.equals("/=") && !op.equals("*=")) {
                value = new G(new Lit("1L", JType.LONG, 1), Interval.point(1));
                next = op.equals("+=") ? target.iv.plus(value.iv) : target.iv.minus(value.iv);
            }
            out.add(new Assign(target.name, op, value.e));
            target.iv = next;
        }
    }

    private void incDec(List<Stmt> out) {
        VarInfo target = pickAssignable(false);
        if (target == null) {
            declareDouble(out);
            return;
        }
        if (target.role != null) {
            carriedUpdate(target, out);
            return;
        }
        boolean inc = chance(0.5);
        Interval next = target.iv.plus(Interval.point(inc ? 1 : -1));
        if (next.maxAbs() > (target.type == JType.DOUBLE ? LIMIT : INT_LIMIT)) {
            inc = !inc;
            next = target.iv.plus(Interval.point(inc ? 1 : -1));
        }
        out.add(new IncDec(target.name, inc, chance(0.4)));
        target.iv = next;
    }

    private void block(List<Stmt> out) {
        blockDepth++;
        scopes.push(new LinkedHashMap<>());
        List<Stmt> inner = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            statement(inner);
        }
        scopes.pop();
        blockDepth--;
        out.add(new Block(inner));
    }

    // ------------------------------------------------------------------ side effects inside expressions (issue 12)

    /**
     * Locals of this type that a statement here may assign freely: not final, assigned, declared at this loop depth
     * and not carried by a loop (whose updates keep an invariant).
     */
    private List<VarInfo> freelyAssignable(JType type) {
        List<VarInfo> out = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == type && !v.isFinal && v.assigned && v.role == null && v.loopLevel == loops.size()) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * A statement whose expression has a side effect: generated in Java's evaluation order (left to right), so that
     * an operand generated after an assignment sees the variable's new interval and one generated before it the old.
     * Never inside {@code ?:} or on the right of {@code &&}/{@code ||}, and never passed through {@link #fit}, which
     * may use its operand twice. False if nothing fits here.
     */
    private boolean sideEffect(List<Stmt> out) {
        double r = rnd.nextDouble();
        if (r < 0.3) {
            return assignInExpression(out);
        } else if (r < 0.45) {
            return chainedAssignment(out);
        } else if (r < 0.6) {
            return compoundOfCompound(out);
        } else if (r < 0.75) {
            return incDecInExpression(out);
        } else if (r < 0.9) {
            return indexCounter(out);
        }
        return storeAsValue(out);
    }

    /**
     * {@code t = value} (a new local, or an assignable double, possibly one assigned inside). A new local's name is
     * taken before the value is generated: it is in scope in its own initializer, so a switch expression's case may
     * not declare it.
     */
    private void assignResult(List<Stmt> out, Supplier<G> make) {
        List<VarInfo> targets = freelyAssignable(JType.DOUBLE);
        if (!targets.isEmpty() && chance(0.4)) {
            VarInfo t = targets.get(rnd.nextInt(targets.size()));
            G value = bound(make.get());
            out.add(new Assign(t.name, "=", value.e));
            t.iv = value.iv;
            return;
        }
        String name = freshLocal();
        VarInfo placeholder = new VarInfo(name, JType.DOUBLE, true, false, null);
        scopes.peek().put(name, placeholder);
        G value = bound(make.get());
        out.add(new Decl(DeclStyle.TYPED, JType.DOUBLE, name, value.e, false));
        scopes.peek().put(name, new VarInfo(name, JType.DOUBLE, false, true, value.iv));
    }

    /** Combines an effect and another operand in evaluation order: {@code effect op other} or {@code other op effect}. */
    private G combine(Supplier<G> effect, int depth) {
        char op = pick('+', '-', '*');
        if (chance(0.5)) {
            G first = effect.get();
            G second = dbl(depth);
            return binary(op, first, second);
        }
        G first = dbl(depth);
        G second = effect.get();
        return binary(op, first, second);
    }

    /** {@code double t = (x = e) * y;}, {@code (x += e)}, {@code (x *= 0.5)} as an operand. */
    private boolean assignInExpression(List<Stmt> out) {
        List<VarInfo> xs = freelyAssignable(JType.DOUBLE);
        if (xs.isEmpty()) {
            return false;
        }
        VarInfo x = xs.get(rnd.nextInt(xs.size()));
        assignResult(out, () -> combine(() -> {
            String op = pick("=", "=", "+=", "-=", "*=");
            G value;
            Interval next;
            if (op.equals("*=")) {
                value = pickDoubleLiteral("0.5", "1.5", "0.75");
                next = x.iv.times(value.iv);
            } else if (!op.equals("=")) {
                value = dbl(1);
                next = op.equals("+=") ? x.iv.plus(value.iv) : x.iv.minus(value.iv);
            } else {
                value = dbl(1 + rnd.nextInt(2));
                next = value.iv;
            }
            if (next.maxAbs() > LIMIT) {
                op = "=";
                value = bound(value);
                next = value.iv;
            }
            x.iv = next;
            return new G(new Ast.AssignExpr(x.name, op, value.e, JType.DOUBLE), next);
        }, 1 + rnd.nextInt(2)));
        return true;
    }

    /** {@code a = b = e;} or {@code double t = b = e;}. */
    private boolean chainedAssignment(List<Stmt> out) {
        List<VarInfo> xs = freelyAssignable(JType.DOUBLE);
        if (xs.isEmpty()) {
            return false;
        }
        VarInfo b = xs.get(rnd.nextInt(xs.size()));
        G value = dbl(1 + rnd.nextInt(3));
        if (value.type() == JType.FLOAT) {
            value = cast(JType.DOUBLE, value);
        }
        Expr inner = new Ast.AssignExpr(b.name, "=", value.e, JType.DOUBLE);
        b.iv = value.iv;
        xs.remove(b);
        if (!xs.isEmpty() && chance(0.6)) {
            VarInfo a = xs.get(rnd.nextInt(xs.size()));
            out.add(new Assign(a.name, "=", inner));
            a.iv = value.iv;
        } else {
            String name = freshLocal();
            out.add(new Decl(DeclStyle.TYPED, JType.DOUBLE, name, inner, false));
            scopes.peek().put(name, new VarInfo(name, JType.DOUBLE, false, true, value.iv));
        }
        return true;
    }

    /** {@code x += (y *= 0.5);} or {@code x -= (y += 0.25);}: two variables, the inner one changed first. */
    private boolean compoundOfCompound(List<Stmt> out) {
        List<VarInfo> xs = freelyAssignable(JType.DOUBLE);
        if (xs.size() < 2) {
            return false;
        }
        VarInfo x = xs.remove(rnd.nextInt(xs.size()));
        VarInfo y = xs.get(rnd.nextInt(xs.size()));
        String innerOp = pick("*=", "+=", "-=");
        G c = innerOp.equals("*=") ? pickDoubleLiteral("0.5", "1.5", "0.75") : pickDoubleLiteral("0.25", "0.5", "1.5");
        Interval yNext = innerOp.equals("*=") ? y.iv.times(c.iv) : innerOp.equals("+=") ? y.iv.plus(c.iv) : y.iv.minus(c.iv);
        if (yNext.maxAbs() > LIMIT) {
            return false;
        }
        String outerOp = pick("+=", "-=", "*=", "=");
        Interval xNext = switch (outerOp) {
            case "+=" -> x.iv.plus(yNext);
            case "-=" -> x.iv.minus(yNext);
            case "*=" -> x.iv.times(yNext);
            default -> yNext;
        };
        if (xNext.maxAbs() > LIMIT) {
            outerOp = "=";
            xNext = yNext;
        }
        out.add(new Assign(x.name, outerOp, new Ast.AssignExpr(y.name, innerOp, c.e, JType.DOUBLE)));
        y.iv = yNext;
        x.iv = xNext;
        return true;
    }

    /** {@code double t = e * (0.5 * k++);} with an int local {@code k}: the old value (or the new one, prefix) is read. */
    private boolean incDecInExpression(List<Stmt> out) {
        List<VarInfo> ks = freelyAssignable(JType.INT);
        if (ks.isEmpty()) {
            return false;
        }
        VarInfo k = ks.get(rnd.nextInt(ks.size()));
        assignResult(out, () -> combine(() -> {
            boolean inc = chance(0.5);
            if (k.iv.plus(Interval.point(inc ? 1 : -1)).maxAbs() > INT_LIMIT) {
                inc = !inc;
            }
            boolean prefix = chance(0.5);
            Interval old = k.iv;
            k.iv = k.iv.plus(Interval.point(inc ? 1 : -1));
            G read = new G(new Ast.IncDecExpr(k.name, inc, prefix, JType.INT), prefix ? k.iv : old);
            return chance(0.5) ? read : binary('*', pickDoubleLiteral("0.5", "0.25", "1.5"), read);
        }, 1 + rnd.nextInt(2)));
        return true;
    }

    /** {@code int k = 0; double t = v[k++] * v[k++] + ...;}: a counter that moves along a vector inside one expression. */
    private boolean indexCounter(List<Stmt> out) {
        if (!arrayMethod) {
            return false;
        }
        List<VarInfo> vectors = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.VECTOR && v.assigned && count(v.shape) > 0 && canRead(v) && loadable(v)) {
                vectors.add(v);
            }
        }
        if (vectors.isEmpty()) {
            return false;
        }
        VarInfo a = vectors.get(rnd.nextInt(vectors.size()));
        int len = a.shape.get(0);
        int reads = 1 + rnd.nextInt(Math.min(3, len));
        int start = rnd.nextInt(len - reads + 1);
        boolean prefix = chance(0.4);
        String name = freshName(INT_NAMES);
        if (name == null) {
            name = freshLocal();
        }
        out.add(new Decl(DeclStyle.TYPED, JType.INT, name, intLiteral(prefix ? start - 1 : start).e, false));
        VarInfo k = new VarInfo(name, JType.INT, false, true, Interval.point(start + (prefix ? -1 : 0)));
        scopes.peek().put(name, k);
        G sum = null;
        for (int i = 0; i < reads; i++) {
            noteRead(a);
            G read = new G(new Index(new Var(a.name, a.type), new Ast.IncDecExpr(name, true, prefix, JType.INT)), a.iv);
            sum = sum == null ? read : bound(binary(pick('+', '-', '*'), sum, read));
        }
        k.iv = Interval.point(start + reads + (prefix ? -1 : 0));
        G read = sum;
        assignResult(out, () -> read);
        return true;
    }

    /** {@code double t = (w[i] += e) * y;}: an element write of an array this method may write, used as a value. */
    private boolean storeAsValue(List<Stmt> out) {
        if (!arrayMethod) {
            return false;
        }
        List<VarInfo> writable = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type.isArray() && canWrite(v)) {
                writable.add(v);
            }
        }
        if (writable.isEmpty()) {
            return false;
        }
        VarInfo target = writable.get(rnd.nextInt(writable.size()));
        List<Expr> indices = new ArrayList<>();
        for (int d : target.shape) {
            indices.add(index(d).e);
        }
        Store st = store(target, indices, topLevel());
        G value = new G(new Ast.StoreExpr(st.array(), st.indices(), st.op(), st.value()), target.iv);
        if (chance(0.5)) {
            assignResult(out, () -> binary(pick('+', '-', '*'), value, dbl(1)));
        } else {
            assignResult(out, () -> value);
        }
        return true;
    }

    /**
     * {@code double t = e op switch (k) { case 1 -> v; case 2, 3 -> { ...; yield w; } default -> u; };} (or the
     * switch alone, or assigned to a variable). The cases hold simple statements (no loops, ifs or jumps, no arrays).
     */
    private void switchExpressionStatement(List<Stmt> out) {
        if (chance(0.5)) {
            assignResult(out, this::switchExpression);
            return;
        }
        char op = pick('+', '-', '*');
        boolean switchFirst = chance(0.5);
        assignResult(out, () -> {
            if (switchFirst) {
                G first = switchExpression();
                return binary(op, first, dbl(1));
            }
            G first = dbl(1);
            return binary(op, first, switchExpression());
        });
    }

    private G switchExpression() {
        G selector = intExpr(1);
        if (selector.type() != JType.INT) {
            selector = cast(JType.INT, selector);
        }
        double lo = Math.max(-1000, Math.min(1000, Math.floor(selector.iv.lo())));
        double hi = Math.max(lo, Math.min(lo + 4, Math.floor(selector.iv.hi())));
        List<Integer> candidates = new ArrayList<>();
        for (int v = (int) lo - 1; v <= (int) hi + 1; v++) {
            candidates.add(v);
        }
        shuffle(candidates);
        int n = 2 + rnd.nextInt(3);
        int defaultAt = rnd.nextInt(n);
        boolean savedControlFlow = controlFlow;
        boolean savedArrayMethod = arrayMethod;
        int savedSwitch = switchLoopLevel;
        controlFlow = false;
        arrayMethod = false;
        inSwitchExpression = true;
        switchLoopLevel = loops.size();
        branchDepth++;
        Map<VarInfo, VarState> before = snapshot();
        List<Map<VarInfo, VarState>> ends = new ArrayList<>();
        List<Ast.ExprCase> cases = new ArrayList<>();
        Interval values = null;
        try {
            for (int i = 0; i < n; i++) {
                List<Integer> labels = new ArrayList<>();
                if (i != defaultAt) {
                    int count = Math.min(candidates.size(), chance(0.3) ? 2 : 1);
                    for (int j = 0; j < count; j++) {
                        labels.add(candidates.remove(candidates.size() - 1));
                    }
                    if (labels.isEmpty()) {
                        continue;
                    }
                }
                restore(before);
                scopes.push(new LinkedHashMap<>());
                List<Stmt> body = new ArrayList<>();
                int statements = chance(0.5) ? 0 : 1 + rnd.nextInt(2);
                for (int j = 0; j < statements; j++) {
                    statement(body);
                }
                G value = dbl(1 + rnd.nextInt(2));
                if (value.type() != JType.DOUBLE) {
                    value = cast(JType.DOUBLE, value);
                }
                scopes.pop();
                ends.add(snapshot());
                values = values == null ? value.iv : values.hull(value.iv);
                cases.add(new Ast.ExprCase(labels, new Block(body), value.e));
            }
            join(ends);
        } finally {
            branchDepth--;
            switchLoopLevel = savedSwitch;
            inSwitchExpression = false;
            controlFlow = savedControlFlow;
            arrayMethod = savedArrayMethod;
        }
        return new G(new Ast.SwitchExpr(selector.e, cases, JType.DOUBLE), values);
    }

    // ------------------------------------------------------------------ control flow

    /** Whether code at the current point may assign {@code v}: declared at this loop depth, or carried by a loop. */
    private boolean assignableHere(VarInfo v) {
        return v.loopLevel == loops.size() || v.role != null;
    }

    private void controlStatement(List<Stmt> out) {
        controlMade++;
        controlDepth++;
        try {
            double r = rnd.nextDouble();
            boolean canLoop = loops.size() < 2;
            if (r < 0.22) {
                out.add(ifChain(0));
            } else if (r < 0.36 && jumpAllowed()) {
                jumpIf(out);
            } else if (r < 0.36) {
                out.add(ifChain(0));
            } else if (r < 0.56 && canLoop) {
                forLoop(out);
            } else if (r < 0.66 && canLoop) {
                whileLoop(out, false);
            } else if (r < 0.72 && canLoop) {
                whileLoop(out, true);
            } else if (r < 0.80) {
                booleanLocal(out);
            } else if (r < 0.90) {
                declareByBranches(out);
            } else if (r < 0.95 && chance(0.7)) {
                switchStatement(out);
            } else {
                out.add(ifChain(0));
            }
        } finally {
            controlDepth--;
        }
    }

    // ------------------------------------------------------------------ paths: what each variable may hold

    /** Whether a variable is definitely assigned, and the range of its values, on one path. */
    private record VarState(boolean assigned, Interval iv) {
    }

    private Map<VarInfo, VarState> snapshot() {
        Map<VarInfo, VarState> out = new IdentityHashMap<>();
        for (VarInfo v : allVars()) {
            if (!v.type.isArray()) { // an array's interval only grows: it holds on every path
                out.put(v, new VarState(v.assigned, v.iv));
            }
        }
        return out;
    }

    private static void restore(Map<VarInfo, VarState> state) {
        state.forEach((v, s) -> {
            v.assigned = s.assigned();
            v.iv = s.iv();
        });
    }

    /** Joins the paths that reach the same point: assigned on all of them, values in the hull. */
    private static void join(List<Map<VarInfo, VarState>> paths) {
        Map<VarInfo, VarState> first = paths.get(0);
        for (VarInfo v : first.keySet()) {
            boolean assigned = true;
            Interval iv = null;
            for (Map<VarInfo, VarState> path : paths) {
                VarState s = path.get(v);
                assigned &= s.assigned();
                if (s.iv() != null) {
                    iv = iv == null ? s.iv() : iv.hull(s.iv());
                }
            }
            v.assigned = assigned;
            v.iv = iv;
        }
    }

    private static boolean abrupt(Block b) {
        if (b.body().isEmpty()) {
            return false;
        }
        Stmt last = b.body().get(b.body().size() - 1);
        return last instanceof Break || last instanceof Continue || last instanceof Return;
    }

    /** A branch: {@code n} statements in a scope of their own. */
    private Block branch(int n) {
        scopes.push(new LinkedHashMap<>());
        branchDepth++;
        List<Stmt> body = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statement(body);
        }
        branchDepth--;
        scopes.pop();
        return new Block(body);
    }

    // ------------------------------------------------------------------ if

    /** {@code if (c) {...} [else if (c2) {...}] [else {...}]}; afterwards the variables hold the join of the branches. */
    private If ifChain(int depth) {
        Expr cond = condition(2);
        Map<VarInfo, VarState> before = snapshot();
        Block then = branch(1 + rnd.nextInt(3));
        Map<VarInfo, VarState> afterThen = snapshot();
        restore(before);
        Stmt otherwise = null;
        Map<VarInfo, VarState> afterElse = before;
        double r = rnd.nextDouble();
        if (r < 0.4) {
            // no else
        } else if (r < 0.8 || depth >= 1) {
            otherwise = branch(1 + rnd.nextInt(3));
            afterElse = snapshot();
        } else {
            branchDepth++; // the else-if's condition is inside the else branch
            otherwise = ifChain(depth + 1);
            branchDepth--;
            afterElse = snapshot();
        }
        join(List.of(afterThen, afterElse));
        return new If(cond, then, otherwise, !chance(0.3));
    }

    /**
     * {@code if (c) { [s;] jump; }}, the jump a {@code return} outside loops and a {@code break},
     * {@code continue} (possibly labelled) or, a quarter of the time, a {@code return} inside them; sometimes with an else branch, sometimes with the
     * jump in the else branch. Only one branch jumps, so the code after the if stays reachable.
     */
    private void jumpIf(List<Stmt> out) {
        Expr cond = condition(2);
        Map<VarInfo, VarState> before = snapshot();
        scopes.push(new LinkedHashMap<>());
        branchDepth++;
        List<Stmt> jumping = new ArrayList<>();
        if (chance(0.4)) {
            statement(jumping);
        }
        jumping.add(jump());
        branchDepth--;
        scopes.pop();
        restore(before); // the jumping path does not reach the code after the if
        Block jumpBlock = new Block(jumping);
        double r = rnd.nextDouble();
        If stmt;
        if (r < 0.7) {
            stmt = new If(cond, jumpBlock, null, chance(0.5));
        } else if (r < 0.85) {
            Block other = branch(1 + rnd.nextInt(2));
            stmt = new If(cond, jumpBlock, other, chance(0.5));
        } else {
            Block other = branch(1 + rnd.nextInt(2));
            stmt = new If(cond, other, jumpBlock, chance(0.5));
        }
        out.add(stmt);
    }

    private Stmt jump() {
        // SourceGrad has no return inside a switch, not even from a loop nested in it
        boolean returnDrawn = !loops.isEmpty() && loopReturns.nextDouble() < 0.25 && !arrayResult;
        if (loops.isEmpty() || returnDrawn && switchLoopLevel < 0) {
            G value = dbl(1 + rnd.nextInt(2));
            if (value.type() == JType.FLOAT) {
                value = cast(JType.DOUBLE, value);
            }
            earlyReturns = earlyReturns == null ? value.iv : earlyReturns.hull(value.iv);
            return new Return(value.e);
        }
        // the innermost loop, or (labelled) an enclosing one
        int target = loops.size() - 1;
        if (target > 0 && loops.get(0).label() != null && chance(0.5)) {
            target = 0;
        }
        Loop loop = loops.get(target);
        boolean innermost = target == loops.size() - 1;
        String label = innermost ? (loop.label() != null && chance(0.3) ? loop.label() : null) : loop.label();
        if (loop.continueAllowed() && chance(0.45)) {
            return new Continue(label);
        }
        return new Break(label);
    }

    /**
     * A jump needs a target the switch around it does not capture: an unlabelled break in a switch leaves the
     * switch, and SourceGrad has no return inside a switch. So inside a switch, jumps come only from loops nested in it.
     */
    private boolean jumpAllowed() {
        if (arrayResult && loops.isEmpty()) {
            return false; // the early return would return a double
        }
        return switchLoopLevel < 0 || loops.size() > switchLoopLevel;
    }

    /**
     * {@code switch (k)} on an int, arrow or colon form, with labels near the selector's range so that several cases
     * are taken, a default somewhere (or none), and in the colon form some cases falling through into the next.
     * Afterwards the variables hold the join of the paths that leave it.
     */
    private void switchStatement(List<Stmt> out) {
        G selector = intExpr(1);
        if (selector.type() != JType.INT) {
            selector = cast(JType.INT, selector);
        }
        double lo = Math.max(-1000, Math.min(1000, Math.floor(selector.iv.lo())));
        double hi = Math.max(lo, Math.min(lo + 4, Math.floor(selector.iv.hi())));
        List<Integer> candidates = new ArrayList<>();
        for (int v = (int) lo - 1; v <= (int) hi + 1; v++) {
            candidates.add(v);
        }
        shuffle(candidates);
        int n = 2 + rnd.nextInt(3);
        int defaultAt = chance(0.65) ? rnd.nextInt(n) : -1;
        boolean arrow = chance(0.5);
        int saved = switchLoopLevel;
        switchLoopLevel = loops.size();
        Map<VarInfo, VarState> before = snapshot();
        List<Map<VarInfo, VarState>> ends = new ArrayList<>();
        Map<VarInfo, VarState> fallsIn = null;
        List<Ast.Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> labels = new ArrayList<>();
            if (i != defaultAt) {
                int count = Math.min(candidates.size(), chance(0.3) ? 2 : 1);
                for (int j = 0; j < count; j++) {
                    labels.add(candidates.remove(candidates.size() - 1));
                }
                if (labels.isEmpty()) {
                    continue;
                }
            }
            if (fallsIn == null) {
                restore(before);
            } else {
                join(List.of(before, fallsIn));
            }
            Block body = branch(1 + rnd.nextInt(2));
            boolean breaks = arrow || i == n - 1 || chance(0.6);
            Map<VarInfo, VarState> end = snapshot();
            if (breaks) {
                ends.add(end);
            }
            fallsIn = breaks ? null : end;
            cases.add(new Ast.Case(labels, body, breaks));
        }
        if (fallsIn != null) {
            ends.add(fallsIn);
        }
        if (defaultAt < 0 || ends.isEmpty()) {
            ends.add(before);
        }
        join(ends);
        switchLoopLevel = saved;
        if (!cases.isEmpty() && !arrow && !cases.get(cases.size() - 1).breaks()) {
            Ast.Case last = cases.remove(cases.size() - 1); // the last case needs no break: print none
            cases.add(new Ast.Case(last.labels(), last.body(), true));
        }
        out.add(new Ast.Switch(selector.e, cases, arrow));
    }

    /** {@code double a; if (c) { ...; a = e1; } else { ...; a = e2; }}: definitely assigned after the if. */
    private void declareByBranches(List<Stmt> out) {
        String name = freshLocal();
        boolean fin = chance(0.3);
        out.add(new Decl(fin ? DeclStyle.FINAL_TYPED : DeclStyle.TYPED, JType.DOUBLE, name, null, false));
        VarInfo info = new VarInfo(name, JType.DOUBLE, fin, false, null);
        scopes.peek().put(name, info);
        Expr cond = condition(2);
        Map<VarInfo, VarState> before = snapshot();
        Block then = assigningBranch(info);
        Map<VarInfo, VarState> afterThen = snapshot();
        restore(before);
        Block otherwise = assigningBranch(info);
        Map<VarInfo, VarState> afterElse = snapshot();
        join(List.of(afterThen, afterElse));
        out.add(new If(cond, then, otherwise, !chance(0.3)));
    }

    private Block assigningBranch(VarInfo target) {
        scopes.push(new LinkedHashMap<>());
        branchDepth++;
        List<Stmt> body = new ArrayList<>();
        if (chance(0.4)) {
            statement(body);
        }
        G value = dbl(1 + rnd.nextInt(2));
        body.add(new Assign(target.name, "=", value.e));
        branchDepth--;
        scopes.pop();
        target.assigned = true;
        target.iv = value.iv;
        return new Block(body);
    }

    /** {@code boolean big = x > 0.5;}, or a new value for a boolean local declared at this loop depth. */
    private void booleanLocal(List<Stmt> out) {
        List<VarInfo> reassignable = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.BOOLEAN && !v.isFinal && v.assigned && v.loopLevel == loops.size() && !isParam(v)) {
                reassignable.add(v);
            }
        }
        if (!reassignable.isEmpty() && chance(0.3)) {
            VarInfo v = reassignable.get(rnd.nextInt(reassignable.size()));
            out.add(new Assign(v.name, "=", condition(2)));
            return;
        }
        String name = freshName(BOOLEAN_NAMES);
        if (name == null) {
            name = freshLocal();
        }
        Expr init = condition(2);
        double r = rnd.nextDouble();
        DeclStyle style = r < 0.6 ? DeclStyle.TYPED : r < 0.8 ? DeclStyle.VAR : DeclStyle.FINAL_TYPED;
        out.add(new Decl(style, JType.BOOLEAN, name, init, false));
        scopes.peek().put(name, new VarInfo(name, JType.BOOLEAN, style == DeclStyle.FINAL_TYPED, true, new Interval(0, 1)));
    }

    private boolean isParam(VarInfo v) {
        return scopes.peekLast().get(v.name) == v;
    }

    // ------------------------------------------------------------------ conditions

    /** A boolean expression: comparisons, boolean variables, {@code &&}, {@code ||}, {@code !}. */
    private Expr condition(int depth) {
        double r = rnd.nextDouble();
        if (depth <= 0 || r < 0.55) {
            return comparison();
        }
        if (r < 0.67) {
            List<VarInfo> booleans = booleanVars();
            if (!booleans.isEmpty()) {
                VarInfo v = booleans.get(rnd.nextInt(booleans.size()));
                Expr e = new Var(v.name, JType.BOOLEAN);
                return chance(0.3) ? new Not(e) : e;
            }
            return comparison();
        }
        if (r < 0.9) {
            String op = chance(0.5) ? "&&" : "||";
            Expr left = condition(depth - 1);
            condExprDepth++; // the right operand runs only sometimes: a branch
            Expr right = condition(depth - 1);
            condExprDepth--;
            return new Logic(op, left, right);
        }
        return new Not(condition(depth - 1));
    }

    private Expr comparison() {
        String op = pick("<", "<=", ">", ">=");
        double r = rnd.nextDouble();
        List<VarInfo> ints = intVars();
        if (r < 0.55 || (r >= 0.75 && ints.isEmpty())) {
            // a double against a threshold inside its range, so both outcomes happen
            List<VarInfo> vars = doubleVars();
            G left = !vars.isEmpty() && chance(0.6) ? varG(vars.get(rnd.nextInt(vars.size()))) : varying();
            G right = threshold(left.iv);
            return chance(0.85) ? new Cmp(op, left.e, right.e) : new Cmp(op, right.e, left.e);
        } else if (r < 0.75) {
            G left = varying();
            G right = dbl(1);
            if (right.type() == JType.FLOAT) {
                right = cast(JType.DOUBLE, right);
            }
            return chance(0.5) ? new Cmp(op, left.e, right.e) : new Cmp(op, right.e, left.e);
        }
        // ints: counters, int parameters and locals
        G left = varG(ints.get(rnd.nextInt(ints.size())));
        G right;
        if (chance(0.7)) {
            int lo = (int) Math.max(-6, Math.floor(left.iv.lo()));
            int hi = (int) Math.min(8, Math.ceil(left.iv.hi()));
            right = intLiteral(hi >= lo ? lo + rnd.nextInt(hi - lo + 1) : 1);
        } else {
            right = intExpr(1);
        }
        return new Cmp(op, left.e, right.e);
    }

    /** A double expression of depth 1 that reads a variable, if a few tries find one (constant conditions waste a branch). */
    private G varying() {
        G g = dbl(1);
        for (int attempt = 0; attempt < 3 && !readsVariable(g.e); attempt++) {
            g = dbl(1);
        }
        return g.type() == JType.FLOAT ? cast(JType.DOUBLE, g) : g;
    }

    private static boolean readsVariable(Expr e) {
        if (e instanceof Var) {
            return true;
        }
        for (Expr c : e.children()) {
            if (readsVariable(c)) {
                return true;
            }
        }
        return false;
    }

    private G threshold(Interval iv) {
        if (!Double.isFinite(iv.lo()) || !Double.isFinite(iv.hi()) || iv.maxAbs() > 1e3) {
            return chance(0.5) ? literal(0) : doubleLiteral();
        }
        double v = iv.lo() + (iv.hi() - iv.lo()) * (0.15 + 0.7 * rnd.nextDouble());
        if (chance(0.25)) {
            return intLiteral((int) Math.round(v));
        }
        return literal(v);
    }

    /** {@code c ? a : b}: a ReLU-like choice on the sign of a value, or two arbitrary branches. */
    private G conditional(int depth) {
        // the condition is computed before the branches, but the first form reads its value again in a branch
        condExprDepth++;
        try {
            return conditionalExpr(depth);
        } finally {
            condExprDepth--;
        }
    }

    private G conditionalExpr(int depth) {
        G a;
        G b;
        Expr cond;
        if (chance(0.35)) {
            G v = depth > 1 ? varying() : leaf();
            if (v.type() == JType.FLOAT) {
                v = cast(JType.DOUBLE, v);
            }
            G zero = chance(0.7) ? literal(0) : threshold(v.iv);
            cond = new Cmp(pick(">", ">=", "<", "<="), v.e, zero.e);
            a = v;
            b = chance(0.5) ? zero : binary('*', literal(pick(0.1, 0.01, 0.5)), v);
        } else {
            cond = condition(1);
            a = dbl(depth - 1);
            b = dbl(depth - 1);
        }
        if (chance(0.5)) {
            G t = a;
            a = b;
            b = t;
        }
        if (a.type() == JType.FLOAT || b.type() == JType.FLOAT) {
            a = cast(JType.DOUBLE, a);
            b = cast(JType.DOUBLE, b);
        }
        return new G(new Cond(cond, a.e, b.e), a.iv.hull(b.iv));
    }

    private List<VarInfo> booleanVars() {
        List<VarInfo> out = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.BOOLEAN && v.assigned) {
                out.add(v);
            }
        }
        return out;
    }

    private static G varG(VarInfo v) {
        return new G(new Var(v.name, v.type), v.iv);
    }

    // ------------------------------------------------------------------ loops

    /**
     * {@code [label:] for (int i = a; i < n; i++) {...}} and its variants ({@code <=}, step 2, counting
     * down, {@code ++i}, {@code i += 1}, {@code i = i + 1}, {@code var}), sometimes with {@code && h < c}
     * in the condition.
     */
    private void forLoop(List<Stmt> out) {
        List<VarInfo> carried = carried(out);
        int cap = loops.isEmpty() ? OUTER_TRIPS : INNER_TRIPS;
        G bound = loopBound(cap);
        int hi = (int) Math.floor(bound.iv.hi());
        String name = freshName(COUNTER_NAMES);
        if (name == null) {
            name = freshLocal();
        }
        Var counter = new Var(name, JType.INT);
        double r = rnd.nextDouble();
        G start;
        Expr cond;
        Stmt update;
        int trips;
        Interval counterRange;
        if (r < 0.55) {
            // i = start; i < n; i++
            int s = chance(0.8) ? 0 : 1;
            start = intLiteral(s);
            cond = new Cmp("<", counter, bound.e);
            update = increment(name, 1);
            trips = Math.max(0, hi - s);
            counterRange = new Interval(s, Math.max(s, hi - 1));
        } else if (r < 0.68 && hi + 1 <= cap) {
            // i = 0; i <= n; i++ (or n >= i)
            start = intLiteral(0);
            cond = chance(0.7) ? new Cmp("<=", counter, bound.e) : new Cmp(">=", bound.e, counter);
            update = increment(name, 1);
            trips = Math.max(0, hi + 1);
            counterRange = new Interval(0, Math.max(0, hi));
        } else if (r < 0.78) {
            // i = 0; i < n; i += 2
            start = intLiteral(0);
            cond = new Cmp("<", counter, bound.e);
            update = chance(0.7) ? new Assign(name, "+=", intLiteral(2).e) : new Assign(name, "=", new Binary('+', counter, intLiteral(2).e));
            trips = Math.max(0, (hi + 1) / 2);
            counterRange = new Interval(0, Math.max(0, hi - 1));
        } else if (r < 0.92 || hi + 1 > cap) {
            // i = n; i > 0; i--
            start = bound;
            cond = chance(0.8) ? new Cmp(">", counter, intLiteral(0).e) : new Cmp("<", intLiteral(0).e, counter);
            update = increment(name, -1);
            trips = Math.max(0, hi);
            counterRange = new Interval(1, Math.max(1, hi));
        } else {
            // i = n; i >= 0; i--
            start = bound;
            cond = new Cmp(">=", counter, intLiteral(0).e);
            update = increment(name, -1);
            trips = Math.max(0, hi + 1);
            counterRange = new Interval(0, Math.max(0, hi));
        }
        Decl init = new Decl(chance(0.85) ? DeclStyle.TYPED : DeclStyle.VAR, JType.INT, name, start.e, false);
        String counterName = name;
        Interval range = counterRange;
        Stmt step = update;
        loop(out, carried, trips, true, cond, body -> new For(body.label, init, body.cond, step, body.block),
                () -> scopes.peek().put(counterName, new VarInfo(counterName, JType.INT, true, true, range)), null, null);
    }

    /**
     * {@code int k = 0; [label:] while (k < n) { k++; ... }} (or counting down, or the counter update last,
     * in which case nothing may {@code continue} the loop), or the same as {@code do {...} while (...)}.
     */
    private void whileLoop(List<Stmt> out, boolean doWhile) {
        List<VarInfo> carried = carried(out);
        int cap = loops.isEmpty() ? OUTER_TRIPS : INNER_TRIPS;
        G bound = loopBound(cap);
        int hi = (int) Math.floor(bound.iv.hi());
        int lo = (int) Math.ceil(bound.iv.lo());
        String name = freshName(COUNTER_NAMES);
        if (name == null) {
            name = freshLocal();
        }
        Var counter = new Var(name, JType.INT);
        if (SIDE_EFFECTS && extras.nextDouble() < 0.25) {
            countInCondition(out, carried, doWhile, name, bound, lo, hi);
            return;
        }
        boolean down = chance(0.3);
        Expr cond;
        Stmt update;
        Interval range;
        if (down) {
            out.add(new Decl(DeclStyle.TYPED, JType.INT, name, bound.e, false));
            cond = new Cmp(">", counter, intLiteral(0).e);
            update = increment(name, -1);
            range = new Interval(Math.min(lo, 0) - 1, Math.max(hi, 0));
        } else {
            out.add(new Decl(chance(0.8) ? DeclStyle.TYPED : DeclStyle.VAR, JType.INT, name, intLiteral(0).e, false));
            cond = new Cmp("<", counter, bound.e);
            update = increment(name, 1);
            range = new Interval(0, Math.max(hi, 1));
        }
        // read-only for the generated statements: only the loop's own update changes it
        VarInfo info = new VarInfo(name, JType.INT, true, true, range);
        scopes.peek().put(name, info);
        int trips = doWhile ? Math.max(1, hi) : Math.max(0, hi);
        // with the update last, a continue would skip it and loop forever
        boolean updateFirst = doWhile || chance(0.6);
        loop(out, carried, trips, updateFirst, cond,
                body -> doWhile ? new DoWhile(body.label, body.block, body.cond) : new While(body.label, body.cond, body.block),
                null, updateFirst ? update : null, updateFirst ? null : update);
    }

    /**
     * {@code int n = bound; while (n-- > 0) {...}} (or {@code --n >= 0}), or {@code do {...} while (--n > 0);} (or
     * {@code n-- > 1}): the counter changes in the condition, on every test. A do-while whose condition assigns may not
     * be continued (SourceGrad refuses it).
     */
    private void countInCondition(List<Stmt> out, List<VarInfo> carried, boolean doWhile, String name, G bound, int lo, int hi) {
        out.add(new Decl(DeclStyle.TYPED, JType.INT, name, bound.e, false));
        boolean prefix = chance(0.5);
        Expr counter = new Ast.IncDecExpr(name, false, prefix, JType.INT);
        Expr cond;
        if (doWhile) {
            cond = new Cmp(">", counter, intLiteral(prefix ? 0 : 1).e);
        } else {
            cond = prefix ? new Cmp(">=", counter, intLiteral(0).e) : new Cmp(">", counter, intLiteral(0).e);
        }
        VarInfo info = new VarInfo(name, JType.INT, true, true, new Interval(Math.min(lo, 0) - 1, Math.max(hi, 0)));
        scopes.peek().put(name, info);
        int trips = doWhile ? Math.max(1, hi) : Math.max(0, hi);
        effectfulCounter = true;
        try {
            loop(out, carried, trips, !doWhile, cond,
                    body -> doWhile ? new DoWhile(body.label, body.block, body.cond) : new While(body.label, body.cond, body.block),
                    null, null, null);
        } finally {
            effectfulCounter = false;
        }
    }

    private Stmt increment(String name, int by) {
        double r = rnd.nextDouble();
        if (r < 0.6) {
            return new IncDec(name, by > 0, false);
        } else if (r < 0.75) {
            return new IncDec(name, by > 0, true);
        } else if (r < 0.9) {
            return new Assign(name, by > 0 ? "+=" : "-=", intLiteral(1).e);
        }
        return new Assign(name, "=", new Binary(by > 0 ? '+' : '-', new Var(name, JType.INT), intLiteral(1).e));
    }

    /**
     * An int expression for a trip count: at most {@code cap}, not changed by the loop (outer ints are
     * read-only there). Loop headers hold no calls of other methods and no {@code ?:}: SourceGrad asks for
     * those to be computed into a local in the loop body.
     */
    private G loopBound(int cap) {
        loopHeader++;
        try {
            return loopBoundExpr(cap);
        } finally {
            loopHeader--;
        }
    }

    private G loopBoundExpr(int cap) {
        if (arrayMethod && chance(lengthBound ? 0.9 : 0.4)) {
            G length = lengthLeaf(cap);
            if (length != null) {
                return length;
            }
        }
        double r = rnd.nextDouble();
        List<VarInfo> fitting = new ArrayList<>();
        for (VarInfo v : intVars()) {
            if (v.iv.within(-5, cap)) {
                fitting.add(v);
            }
        }
        if (r < 0.45 && !fitting.isEmpty()) {
            return varG(fitting.get(rnd.nextInt(fitting.size())));
        }
        if (r < 0.55) {
            for (Constant k : pConstants) {
                if (k.type() == JType.INT && k.value() <= cap && (currentClass.equals("P") || qPlacement == Placement.NESTED
                        || k.visibility() == Visibility.PUBLIC || (k.visibility() == Visibility.PACKAGE && qPlacement != Placement.OTHER_PACKAGE))) {
                    return new G(new Field(FieldKind.CONSTANT, "P", k.name(), JType.INT, k.value(), chance(0.4)), Interval.point(k.value()));
                }
            }
        }
        if (r < 0.65 && !intVars().isEmpty()) {
            G m = mathCall("min", intLeaf(), intLiteral(2 + rnd.nextInt(cap - 1)));
            if (m.iv.within(-5, cap)) {
                return m;
            }
        }
        if (r < 0.72) {
            G e = intExpr(1);
            if (e.iv.within(-5, cap)) {
                return e;
            }
        }
        return intLiteral(1 + rnd.nextInt(cap));
    }

    /** The parts of a loop statement once its body exists. */
    private record LoopParts(String label, Expr cond, Block block) {
    }

    /** The doubles a loop will carry: declared at this loop depth, assigned, not final; or declared now. */
    private List<VarInfo> carried(List<Stmt> out) {
        List<VarInfo> candidates = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.DOUBLE && v.assigned && !v.isFinal && v.loopLevel == loops.size() && v.role == null) {
                candidates.add(v);
            }
        }
        if (candidates.isEmpty() || chance(0.5)) {
            candidates.add(0, carriedLocal(out));
        }
        int nCarried = Math.min(candidates.size(), chance(0.35) ? 2 : 1);
        List<VarInfo> carried = new ArrayList<>(candidates.subList(0, 1));
        List<VarInfo> rest = new ArrayList<>(candidates.subList(1, candidates.size()));
        shuffle(rest);
        carried.addAll(rest.subList(0, nCarried - 1));
        return carried;
    }

    /**
     * Generates a loop carrying {@code carried}: their invariants, the label, the condition (the
     * counter's, sometimes {@code && } a comparison), and the body, in which each carried variable is
     * updated once and a guarded {@code break} or {@code continue} may appear. {@code first}/{@code last}:
     * statements the body must begin/end with (a while loop's counter update); {@code declareCounter}
     * declares a for loop's counter in the body's scope.
     */
    private void loop(List<Stmt> out, List<VarInfo> carried, int trips, boolean continueAllowed, Expr counterCond,
                      java.util.function.Function<LoopParts, Stmt> make, Runnable declareCounter, Stmt first, Stmt last) {
        int level = loops.size();
        String label = null;
        if (chance(level == 0 ? 0.4 : 0.15)) {
            label = pick(LABELS);
            if (level == 1 && label.equals(loops.get(0).label())) {
                label = null;
            }
        }
        Loop loop = new Loop(label, trips, continueAllowed, ++loopIds);
        // the most times a statement of this body can run while the loop runs, nested loops included
        int runs = trips * (level == 0 ? INNER_TRIPS : 1);
        for (VarInfo v : carried) {
            boolean zero = v.iv.lo() == 0 && v.iv.hi() == 0;
            v.role = chance(zero ? 0.75 : 0.35) ? Role.ACCUMULATE : Role.BOUNDED;
            v.carrier = level;
            if (v.role == Role.ACCUMULATE) {
                v.budget = Math.max(1, runs);
                v.step = Math.min(1.5, Math.floor(ACCUMULATION / v.budget * 100) / 100);
                v.invariant = v.iv.widen(v.step * v.budget);
                v.accumulated = false;
            } else {
                double m = Math.max(2, v.iv.maxAbs());
                v.invariant = new Interval(-m, m);
            }
            v.iv = v.invariant;
        }
        loops.add(loop);
        Expr cond = counterCond;
        if (counterCond != null && chance(0.2)) {
            loopHeader++;
            Expr extra = comparison();
            loopHeader--;
            cond = chance(0.7) || effectfulCounter ? new Logic("&&", counterCond, extra) : new Logic("&&", extra, counterCond);
        }

        scopes.push(new LinkedHashMap<>());
        if (declareCounter != null) {
            declareCounter.run();
        }
        scopes.push(new LinkedHashMap<>());
        List<Stmt> body = new ArrayList<>();
        if (first != null) {
            body.add(first);
        }
        // the plan: a few statements, one update per carried variable, maybe a guarded jump
        List<Object> plan = new ArrayList<>(carried);
        int n = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            plan.add("statement");
        }
        if (chance(0.35)) {
            plan.add("jump");
        }
        if (MORE_JUMPS && extras.nextDouble() < 0.2) {
            plan.add("jump"); // a second guarded jump: a break and, after it, a return (a search that may also give up)
        }
        shuffle(plan);
        controlDepth++;
        for (Object step : plan) {
            if (step instanceof VarInfo v) {
                carriedUpdate(v, body);
            } else if (step.equals("jump")) {
                jumpIf(body);
            } else {
                statement(body);
            }
        }
        controlDepth--;
        if (last != null) {
            body.add(last);
        }
        scopes.pop();
        scopes.pop();
        loops.remove(loops.size() - 1);
        for (VarInfo v : carried) {
            v.iv = v.invariant;
            v.role = null;
            v.invariant = null;
        }
        out.add(make.apply(new LoopParts(label, cond, new Block(body))));
    }

    /** A fresh double for a loop to carry: {@code double s = 0;} or {@code double h = e;}. */
    private VarInfo carriedLocal(List<Stmt> out) {
        String name = freshLocal();
        G init;
        double r = rnd.nextDouble();
        if (r < 0.35) {
            init = chance(0.5) ? new G(new Lit("0.0", JType.DOUBLE, 0), Interval.point(0)) : intLiteral(0);
        } else if (r < 0.45) {
            init = pickDoubleLiteral("1.0", "0.5");
        } else {
            init = dbl(1 + rnd.nextInt(2));
        }
        DeclStyle style = init.type() == JType.DOUBLE && chance(0.2) ? DeclStyle.VAR : DeclStyle.TYPED;
        out.add(new Decl(style, JType.DOUBLE, name, init.e, false));
        VarInfo v = new VarInfo(name, JType.DOUBLE, false, true, init.iv);
        scopes.peek().put(name, v);
        return v;
    }

    /** An update of a loop-carried variable that keeps its invariant. */
    private void carriedUpdate(VarInfo v, List<Stmt> out) {
        if (v.role == Role.ACCUMULATE) {
            accumulate(v, out);
            return;
        }
        Interval bounds = v.invariant;
        G self = varG(v);
        biasVar = v.name;
        double r = rnd.nextDouble();
        try {
            if (r < 0.12) {
                // h *= e, |e| <= 1
                G factor = fit(dbl(1), chance(0.5) ? new Interval(-1, 1) : new Interval(0.5, 1));
                Interval next = v.iv.times(factor.iv);
                if (next.within(bounds)) {
                    out.add(new Assign(v.name, "*=", factor.e));
                    v.iv = next;
                    return;
                }
            } else if (r < 0.2) {
                // h /= e, 1 <= e <= 3
                G divisor = fit(dbl(1), new Interval(1, 3));
                Interval next = v.iv.dividedBy(divisor.iv);
                if (next.within(bounds)) {
                    out.add(new Assign(v.name, "/=", divisor.e));
                    v.iv = next;
                    return;
                }
            }
            G value;
            if (r < 0.5) {
                // h = tanh(w * h + b)
                G w = chance(0.5) ? leaf() : pickDoubleLiteral("0.5", "0.9", "1.5", "2.0");
                G pre = bound(binary('+', binary('*', w, self), dbl(1)));
                value = mathCall(pick("tanh", "tanh", "sin", "atan"), pre);
            } else if (r < 0.7) {
                // h = a * h + (1 - a) * e
                double a = pick(0.5, 0.25, 0.75, 0.9);
                G e = fit(dbl(1 + rnd.nextInt(2)), bounds);
                value = binary('+', binary('*', literal(a), self), binary('*', literal(1 - a), e));
            } else if (r < 0.75) {
                value = negate(self);
            } else {
                value = dbl(1 + rnd.nextInt(3));
            }
            if (value.type() != JType.DOUBLE || !value.iv.within(bounds)) {
                value = fit(value, bounds);
            }
            out.add(new Assign(v.name, "=", value.e));
            v.iv = value.iv;
        } finally {
            biasVar = null;
        }
    }

    /** {@code s += e} with {@code |e| <= step}, at most once per iteration of the loops that carry s. */
    private void accumulate(VarInfo v, List<Stmt> out) {
        int runs = 1;
        for (int i = v.carrier; i < loops.size(); i++) {
            runs *= loops.get(i).trips();
        }
        if (v.accumulated || runs > v.budget) {
            declareDouble(out);
            return;
        }
        v.accumulated = true;
        double c = v.step;
        double r = rnd.nextDouble();
        if (r < 0.1 && c >= 1) {
            out.add(new IncDec(v.name, chance(0.6), chance(0.4)));
        } else {
            biasVar = chance(0.3) ? v.name : null;
            G term = dbl(1 + rnd.nextInt(2));
            biasVar = null;
            if (!term.iv.within(-c, c) || term.type() == JType.FLOAT) {
                term = fit(term, new Interval(-c, c));
            }
            if (r < 0.75) {
                out.add(new Assign(v.name, chance(0.7) ? "+=" : "-=", term.e));
            } else {
                out.add(new Assign(v.name, "=", new Binary(chance(0.7) ? '+' : '-', new Var(v.name, JType.DOUBLE), term.e)));
            }
        }
        v.iv = v.invariant; // by counting: at most budget updates of at most step each
    }

    private VarInfo pickAssignable(boolean preferDouble) {
        List<VarInfo> all = new ArrayList<>();
        for (Map<String, VarInfo> scope : scopes) {
            for (VarInfo v : scope.values()) {
                if (!v.isFinal && v.assigned && v.type.isNumeric() && assignableHere(v)
                        && (!preferDouble || v.type == JType.DOUBLE || chance(0.3))) {
                    all.add(v);
                }
            }
        }
        return all.isEmpty() ? null : all.get(rnd.nextInt(all.size()));
    }

    // ------------------------------------------------------------------ double-valued expressions

    /** An expression used where a double is expected (its Java type may be int, long or float too). */
    private G dbl(int depth) {
        if (depth <= 0 || chance(0.15)) {
            return leaf();
        }
        if (arrayMethod && loopHeader == 0 && chance(0.12)) {
            return bound(reduction(null, depth));
        }
        if (controlFlow && loopHeader == 0 && chance(0.06)) {
            return bound(conditional(depth));
        }
        double r = rnd.nextDouble();
        G g;
        if (r < 0.17) {
            g = binary(chance(0.5) ? '+' : '-', dbl(depth - 1), dbl(depth - 1));
        } else if (r < 0.31) {
            g = product(depth);
        } else if (r < 0.39) {
            g = binary('/', dbl(depth - 1), divisor(dbl(depth - 1)));
        } else if (r < 0.43) {
            G inner = dbl(depth - 1);
            boolean minus = chance(0.85);
            g = new G(new Unary(minus ? '-' : '+', inner.e), minus ? inner.iv.negate() : inner.iv);
        } else if (r < 0.68) {
            g = chance(0.12) ? smoothMath(depth) : smoothUnary(depth);
        } else if (r < 0.79) {
            g = binaryMath(depth);
        } else if (r < 0.83) {
            g = kinkedUnary(depth);
        } else if (r < 0.86) {
            g = chance(0.5) ? cast(JType.DOUBLE, intExpr(depth - 1)) : intExpr(depth - 1);
        } else if (r < 0.93 && hasCallees() && chance(callChance + 0.2)) {
            g = call(depth - 1);
        } else {
            g = fanOut(depth);
        }
        return bound(g);
    }

    private G product(int depth) {
        G a = dbl(depth - 1);
        G b = dbl(depth - 1);
        return binary('*', a, b);
    }

    private G leaf() {
        List<VarInfo> vars = doubleVars();
        if (biasVar != null && chance(0.5)) {
            VarInfo v = lookup(biasVar);
            if (v != null && v.assigned && v.type != JType.BOOLEAN) {
                return new G(new Var(v.name, v.type), v.iv);
            }
        }
        if (arrayMethod && chance(0.3)) {
            G element = elementRead();
            if (element != null) {
                return element;
            }
        }
        double r = rnd.nextDouble();
        if (r < 0.5 && !vars.isEmpty()) {
            VarInfo v = vars.get(rnd.nextInt(vars.size()));
            return new G(new Var(v.name, v.type), v.iv);
        } else if (r < 0.65) {
            return doubleLiteral();
        } else if (r < 0.70) {
            return intLiteral(1 + rnd.nextInt(5));
        } else if (r < 0.78 && !intVars().isEmpty()) {
            return intLeaf();
        } else if (r < 0.84) {
            double k = rnd.nextDouble();
            if (k < 0.45) {
                return new G(new Field(FieldKind.MATH_PI, "Math", "PI", JType.DOUBLE, Math.PI, chance(0.5)), Interval.point(Math.PI));
            } else if (k < 0.85) {
                return new G(new Field(FieldKind.MATH_E, "Math", "E", JType.DOUBLE, Math.E, chance(0.5)), Interval.point(Math.E));
            } else if (k < 0.93) {
                return new G(new Field(FieldKind.STRICT_PI, "StrictMath", "PI", JType.DOUBLE, StrictMath.PI, true), Interval.point(Math.PI));
            }
            return new G(new Field(FieldKind.STRICT_E, "StrictMath", "E", JType.DOUBLE, StrictMath.E, true), Interval.point(Math.E));
        } else if (r < 0.92) {
            G c = constant();
            if (c != null) {
                return c;
            }
        } else if (hasCallees() && chance(callChance + 0.1)) {
            return call(1);
        }
        if (!vars.isEmpty()) {
            VarInfo v = vars.get(rnd.nextInt(vars.size()));
            return new G(new Var(v.name, v.type), v.iv);
        }
        return doubleLiteral();
    }

    private G constant() {
        List<Constant> usable = new ArrayList<>();
        for (Constant k : pConstants) {
            boolean accessible = currentClass.equals("P") || qPlacement == Placement.NESTED
                    || (k.visibility() != Visibility.PRIVATE && (qPlacement != Placement.OTHER_PACKAGE || k.visibility() == Visibility.PUBLIC));
            if (accessible) {
                usable.add(k);
            }
        }
        if (usable.isEmpty()) {
            return null;
        }
        Constant k = usable.get(rnd.nextInt(usable.size()));
        return new G(new Field(FieldKind.CONSTANT, "P", k.name(), k.type(), k.value(), chance(0.4)), Interval.point(k.value()));
    }

    private G doubleLiteral() {
        String[] lit = DOUBLE_LITERALS[rnd.nextInt(DOUBLE_LITERALS.length)];
        double v = Double.parseDouble(lit[1]);
        return new G(new Lit(lit[0], JType.DOUBLE, v), Interval.point(v));
    }

    private G smoothUnary(int depth) {
        String fn = pick(SMOOTH_UNARY);
        G arg = dbl(depth - 1);
        G a = switch (fn) {
            case "exp", "expm1", "sinh", "cosh" -> fit(arg, EXP_ARG);
            case "log", "log10", "sqrt" -> fit(arg, POSITIVE);
            case "log1p" -> fit(arg, LOG1P_ARG);
            case "cbrt" -> arg.iv.awayFromZero(0.1) ? arg : chance(0.5) ? fit(arg, POSITIVE) : negate(fit(arg, POSITIVE));
            case "tan" -> fit(arg, TAN_ARG);
            case "asin", "acos" -> fit(arg, ASIN_ARG);
            default -> arg;
        };
        return mathCall(fn, a);
    }

    /** A function of {@code io.github.sourcegrad.SmoothMath}: smooth everywhere, any argument. */
    private G smoothMath(int depth) {
        String fn = pick("softplus", "logSigmoid", "sigmoid", "logAddExp");
        return fn.equals("logAddExp") ? mathCall(fn, dbl(depth - 1), dbl(depth - 1)) : mathCall(fn, dbl(depth - 1));
    }

    private G kinkedUnary(int depth) {
        String fn = pick(KINKED_UNARY);
        G arg = chance(0.2) ? intExpr(depth - 1) : dbl(depth - 1);
        if (arg.type() == JType.FLOAT) {
            arg = dbl(depth - 1);
        }
        if (fn.equals("signum") && arg.type() != JType.DOUBLE) {
            // Math.signum(int) is Math.signum(float): float arithmetic, outside the subset
            arg = cast(JType.DOUBLE, arg);
        }
        return mathCall(fn, arg);
    }

    private G binaryMath(int depth) {
        double r = rnd.nextDouble();
        if (r < 0.35) {
            return pow(depth);
        } else if (r < 0.5) {
            return mathCall("atan2", dbl(depth - 1), chance(0.6) ? fit(dbl(depth - 1), new Interval(0.3, 1e4)) : dbl(depth - 1));
        } else if (r < 0.65) {
            return mathCall("hypot", dbl(depth - 1), dbl(depth - 1));
        }
        String fn = chance(0.5) ? "max" : "min";
        G a = dbl(depth - 1);
        G b = chance(0.2) ? intLiteral(0) : chance(0.2) ? doubleLiteral() : dbl(depth - 1);
        return chance(0.5) ? mathCall(fn, a, b) : mathCall(fn, b, a);
    }

    private G pow(int depth) {
        double r = rnd.nextDouble();
        if (r < 0.3) {
            // constant positive integer exponent, any base
            G base = fit(dbl(depth - 1), INT_POW_BASE);
            G exp = chance(0.5) ? intLiteral(pickInt(2, 3)) : pickDoubleLiteral("2.0", "3.0", "2d");
            return mathCall("pow", base, exp);
        } else if (r < 0.55) {
            // constant exponent, positive base
            G base = fit(dbl(depth - 1), POW_BASE);
            G exp;
            double k = rnd.nextDouble();
            if (k < 0.6) {
                exp = pickDoubleLiteral("0.5", "1.5", "2.5", "0.3", "-1.5", "-0.5", "-1.0", "1e-1");
                if (((Lit) exp.e).text().startsWith("-")) {
                    String t = ((Lit) exp.e).text().substring(1);
                    double v = Double.parseDouble(t);
                    exp = new G(new Unary('-', new Lit(t, JType.DOUBLE, v)), Interval.point(-v));
                }
            } else if (k < 0.8) {
                G c = constant();
                exp = c != null && c.type() == JType.DOUBLE ? c : pickDoubleLiteral("0.5", "1.5");
            } else {
                exp = new G(new Unary('-', new Lit("2", JType.INT, 2)), Interval.point(-2));
            }
            return mathCall("pow", base, exp);
        } else if (r < 0.8) {
            // variable exponent, positive base
            G base = fit(dbl(depth - 1), POW_BASE);
            G exp = fit(dbl(depth - 1), POW_EXPONENT);
            return mathCall("pow", base, exp);
        } else if (r < 0.9 && !intVars().isEmpty()) {
            // int variable exponent: any base away from 0
            G base = chance(0.5) ? fit(dbl(depth - 1), POW_BASE) : negate(fit(dbl(depth - 1), new Interval(0.5, 3)));
            return mathCall("pow", base, intLeaf());
        }
        // constant base, variable exponent
        G base = chance(0.5) ? pickDoubleLiteral("2.0", "0.5", "1.5", "3.0") : new G(new Field(FieldKind.MATH_E, "Math", "E", JType.DOUBLE, Math.E, chance(0.5)), Interval.point(Math.E));
        return mathCall("pow", base, fit(dbl(depth - 1), POW_EXPONENT));
    }

    /** Patterns that use one value many times. */
    private G fanOut(int depth) {
        List<VarInfo> vars = doubleVars();
        G v;
        if (!vars.isEmpty() && chance(0.8)) {
            VarInfo info = vars.get(rnd.nextInt(vars.size()));
            v = new G(new Var(info.name, info.type), info.iv);
        } else {
            v = dbl(depth - 1);
        }
        G sv = v.iv.maxAbs() > 6 ? squash(v) : v;
        return switch (rnd.nextInt(9)) {
            case 0 -> binary('*', sv, sv);
            case 1 -> binary('*', binary('*', sv, sv), sv);
            case 2 -> binary('+', v, v);
            case 3 -> mathCall("pow", fit(v, INT_POW_BASE), intLiteral(2));
            case 4 -> mathCall("max", v, v);
            case 5 -> mathCall("hypot", v, v);
            case 6 -> binary('*', sv, mathCall("exp", fit(v, EXP_ARG)));
            case 7 -> binary('-', binary('*', v, doubleLiteral()), mathCall("sin", v));
            default -> binary('/', v, divisor(v));
        };
    }

    private G call(int depth) {
        callsMade++;
        callNesting++;
        List<Method> callees = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        callees(callees, owners);
        int pick = rnd.nextInt(callees.size());
        Method m = callees.get(pick);
        String owner = owners.get(pick);
        List<Expr> args = arguments(m, depth);
        callNesting--;
        boolean qualified = chance(0.4);
        return new G(new Call(owner, m.name(), args, qualified), returns.get(owner + "." + m.name() + "/" + m.params().size()));
    }

    /** Arguments for a call of {@code m}: values in the ranges its parameters were generated for, arrays of their shapes. */
    private List<Expr> arguments(Method m, int depth) {
        List<Expr> args = new ArrayList<>();
        for (Param p : m.params()) {
            Interval range = new Interval(p.lo(), p.hi());
            switch (p.type()) {
                case VECTOR, MATRIX -> args.add(fitArray(arr(p.type(), p.shape(), Math.max(0, depth - 1)), range).e());
                case DOUBLE -> args.add(fit(dbl(Math.max(0, depth - 1)), range).e);
                case INT -> args.add(intFit(range).e);
                case LONG -> args.add(chance(0.3) ? new Lit((int) p.lo() + "L", JType.LONG, (int) p.lo()) : intFit(range).e);
                default -> {
                    VarInfo b = boolVar();
                    args.add(b != null && chance(0.6) ? new Var(b.name, JType.BOOLEAN)
                            : new Lit(chance(0.5) ? "true" : "false", JType.BOOLEAN, 0));
                }
            }
        }
        return args;
    }

    /**
     * The methods returning {@code result} that the current one may call, and their classes: those without
     * arrays; from a method of straight-line code without element writes, such methods with arrays
     * (SourceGrad writes those calls inline); and from any method with arrays, methods with arrays that return a
     * {@code double} (with loops or branches on either side, the call stays a call).
     */
    private void callees(List<Method> callees, List<String> owners, JType result) {
        for (Method m : pMethods) {
            if ((currentClass.equals("P") || m.visibility() != Visibility.PRIVATE || qPlacement == Placement.NESTED)
                    && callable("P", m) && m.resultType() == result) {
                callees.add(m);
                owners.add("P");
            }
        }
        if (currentClass.equals("Q")) {
            for (Method m : qMethods) {
                if (callable("Q", m) && m.resultType() == result) {
                    callees.add(m);
                    owners.add("Q");
                }
            }
        }
    }

    private void callees(List<Method> callees, List<String> owners) {
        callees(callees, owners, JType.DOUBLE);
    }

    private boolean callable(String owner, Method m) {
        return !m.hasArrays() || (arrayMethod && noStores && !controlFlow && pureMethods.contains(owner + "." + m.name() + "/" + m.params().size()))
                // one that returns a double stays a call where it cannot be written inline (issue 12)
                || (arrayMethod && m.resultType() == JType.DOUBLE);
    }

    /** Methods of straight-line code without element writes, by class, name and arity. */
    private final Set<String> pureMethods = new HashSet<>();
    /** The results of the methods that return arrays: their shapes and intervals. */
    private final Map<String, AG> arrayReturns = new HashMap<>();

    /** A call of a method that returns an array of this type and shape, or null if there is none to call. */
    private AG arrayMethodCall(JType type, List<Integer> shape, int depth) {
        List<Method> callees = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        callees(callees, owners, type);
        List<Integer> fitting = new ArrayList<>();
        for (int i = 0; i < callees.size(); i++) {
            AG r = arrayReturns.get(owners.get(i) + "." + callees.get(i).name() + "/" + callees.get(i).params().size());
            if (r != null && r.shape().equals(shape)) {
                fitting.add(i);
            }
        }
        if (fitting.isEmpty() || callNesting >= 2) {
            return null;
        }
        int pick = fitting.get(rnd.nextInt(fitting.size()));
        Method m = callees.get(pick);
        String owner = owners.get(pick);
        callsMade++;
        callNesting++;
        List<Expr> args = arguments(m, depth);
        callNesting--;
        AG r = arrayReturns.get(owner + "." + m.name() + "/" + m.params().size());
        return new AG(new Call(owner, m.name(), args, chance(0.4), type), type, shape, r.iv());
    }

    private boolean hasCallees() {
        if (loopHeader > 0) {
            return false;
        }
        if (callNesting >= 2) {
            return false; // calls in the arguments of calls in the arguments of calls: enough
        }
        if (arrays) {
            List<Method> callees = new ArrayList<>();
            callees(callees, new ArrayList<>());
            return !callees.isEmpty();
        }
        if (currentClass.equals("P")) {
            return !pMethods.isEmpty();
        }
        return true;
    }

    // ------------------------------------------------------------------ int and long expressions

    private G intLeaf() {
        if (arrayMethod && chance(0.15)) {
            G length = lengthLeaf(Integer.MAX_VALUE);
            if (length != null) {
                return length;
            }
        }
        List<VarInfo> ints = intVars();
        if (!ints.isEmpty() && chance(0.85)) {
            VarInfo v = ints.get(rnd.nextInt(ints.size()));
            return new G(new Var(v.name, v.type), v.iv);
        }
        return intLiteral(1 + rnd.nextInt(4));
    }

    private G intExpr(int depth) {
        if (depth > 0 && controlFlow && loopHeader == 0 && chance(0.04)) {
            condExprDepth++;
            G a = intExpr(depth - 1);
            G b = intExpr(depth - 1);
            Expr cond = condition(1);
            condExprDepth--;
            return new G(new Cond(cond, a.e, b.e), a.iv.hull(b.iv));
        }
        if (depth <= 0 || chance(0.3)) {
            if (chance(0.2)) {
                for (Constant k : pConstants) {
                    if (k.type() == JType.INT && (currentClass.equals("P") || qPlacement == Placement.NESTED
                            || k.visibility() == Visibility.PUBLIC || (k.visibility() == Visibility.PACKAGE && qPlacement != Placement.OTHER_PACKAGE))) {
                        return new G(new Field(FieldKind.CONSTANT, "P", k.name(), JType.INT, k.value(), chance(0.4)), Interval.point(k.value()));
                    }
                }
            }
            G leaf = intLeaf();
            if (leaf.type() == JType.INT) {
                return leaf;
            }
            return intLiteral(1 + rnd.nextInt(4));
        }
        G g;
        double r = rnd.nextDouble();
        if (r < 0.2) {
            g = binary(pick('+', '-'), intExpr(depth - 1), intExpr(depth - 1));
        } else if (r < 0.3) {
            g = binary('*', intExpr(depth - 1), intLiteral(pickInt(2, 3, -1)));
        } else if (r < 0.4) {
            g = binary('/', intExpr(depth - 1), intLiteral(pickInt(2, 3, -2)));
        } else if (r < 0.47) {
            g = binary('%', intExpr(depth - 1), intLiteral(pickInt(2, 3, 5)));
        } else if (r < 0.62) {
            G d = dbl(depth - 1);
            if (d.type() == JType.DOUBLE) {
                g = cast(JType.INT, d.iv.maxAbs() > INT_LIMIT ? squash(d) : d);
            } else {
                g = intLiteral(2);
            }
        } else if (r < 0.7) {
            g = mathCall("abs", intExpr(depth - 1));
        } else if (r < 0.78) {
            g = mathCall(pick("max", "min"), intExpr(depth - 1), intExpr(depth - 1));
        } else if (r < 0.84) {
            G d = dbl(depth - 1);
            if (d.type() != JType.DOUBLE) {
                d = cast(JType.DOUBLE, d);
            }
            g = cast(JType.INT, mathCall("round", d.iv.maxAbs() > INT_LIMIT ? squash(d) : d));
        } else if (r < 0.86) {
            g = mathCall("round", intExpr(depth - 1)); // Math.round(float): int
        } else if (r < 0.88) {
            G inner = intExpr(depth - 1);
            g = new G(new Unary('-', inner.e), inner.iv.negate());
        } else if (r < 0.9) {
            g = binary('&', intExpr(depth - 1), intLiteral(pickInt(1, 3, 7))); // a mask: 0 to the mask, also of negatives
        } else {
            g = intLeaf();
        }
        if (g.type() != JType.INT) {
            g = g.type() == JType.LONG ? cast(JType.INT, g) : intLiteral(1);
        }
        if (g.iv.maxAbs() > INT_LIMIT) {
            g = binary('%', g, intLiteral(7));
        }
        return g;
    }

    private G longExpr(int depth) {
        double r = rnd.nextDouble();
        List<VarInfo> longs = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.LONG && v.assigned) {
                longs.add(v);
            }
        }
        if (r < 0.3 && !longs.isEmpty()) {
            VarInfo v = longs.get(rnd.nextInt(longs.size()));
            return new G(new Var(v.name, v.type), v.iv);
        } else if (r < 0.45) {
            String[] lit = LONG_LITERALS[rnd.nextInt(LONG_LITERALS.length)];
            double v = Double.parseDouble(lit[1]);
            return new G(new Lit(lit[0], JType.LONG, v), Interval.point(v));
        } else if (r < 0.6) {
            G d = dbl(depth - 1);
            if (d.type() != JType.DOUBLE) {
                d = cast(JType.DOUBLE, d);
            }
            return mathCall("round", d.iv.maxAbs() > INT_LIMIT ? squash(d) : d);
        } else if (r < 0.75) {
            G d = dbl(depth - 1);
            if (d.type() == JType.DOUBLE) {
                return cast(JType.LONG, d.iv.maxAbs() > INT_LIMIT ? squash(d) : d);
            }
        } else if (r < 0.9) {
            G g = binary('*', intExpr(depth - 1), new G(new Lit("2L", JType.LONG, 2), Interval.point(2)));
            if (g.iv.maxAbs() <= INT_LIMIT) {
                return g;
            }
        }
        return cast(JType.LONG, intExpr(depth - 1));
    }

    /** An int expression whose values lie in {@code range} (for int arguments and small increments). */
    private G intFit(Interval range) {
        List<VarInfo> fitting = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.INT && v.assigned && v.iv.within(range)) {
                fitting.add(v);
            }
        }
        if (!fitting.isEmpty() && chance(0.7)) {
            VarInfo v = fitting.get(rnd.nextInt(fitting.size()));
            return new G(new Var(v.name, v.type), v.iv);
        }
        if (chance(0.3)) {
            G e = intExpr(1);
            if (e.iv.within(range)) {
                return e;
            }
        }
        int lo = (int) Math.ceil(range.lo());
        int hi = (int) Math.floor(range.hi());
        int v = lo + rnd.nextInt(hi - lo + 1);
        return intLiteral(v);
    }

    private G intLiteral(int v) {
        if (v < 0) {
            G pos = intLiteral(-v);
            return new G(new Unary('-', pos.e), Interval.point(v));
        }
        String text = Integer.toString(v);
        if (chance(0.3)) {
            for (String[] lit : INT_LITERALS) {
                if (Integer.parseInt(lit[1]) == v && chance(0.5)) {
                    text = lit[0];
                }
            }
        }
        return new G(new Lit(text, JType.INT, v), Interval.point(v));
    }

    // ------------------------------------------------------------------ building blocks

    private G binary(char op, G a, G b) {
        Expr e = new Binary(op, a.e, b.e);
        JType t = e.type();
        Interval iv;
        if (t.isIntegral()) {
            iv = switch (op) {
                case '+' -> a.iv.plus(b.iv);
                case '-' -> a.iv.minus(b.iv);
                case '*' -> a.e.equals(b.e) && !hasEffect(a.e) ? a.iv.square() : a.iv.times(b.iv);
                case '/' -> intDivide(a.iv, b.iv);
                case '&' -> Interval.of(0, b.iv.hi()); // & with a non-negative literal mask
                default -> remainder(a.iv, b.iv);
            };
        } else {
            iv = switch (op) {
                case '+' -> a.iv.plus(b.iv);
                case '-' -> a.iv.minus(b.iv);
                case '*' -> a.e.equals(b.e) && !hasEffect(a.e) ? a.iv.square() : a.iv.times(b.iv);
                case '/' -> a.iv.dividedBy(b.iv);
                default -> throw new IllegalStateException("% on " + t);
            };
        }
        return new G(e, iv);
    }

    /** Whether evaluating {@code e} changes a variable or an element ({@code v[k++] * v[k++]} reads two elements). */
    private static boolean hasEffect(Expr e) {
        if (e instanceof Ast.AssignExpr || e instanceof Ast.IncDecExpr || e instanceof Ast.StoreExpr || e instanceof Ast.SwitchExpr) {
            return true;
        }
        for (Expr c : e.children()) {
            if (hasEffect(c)) {
                return true;
            }
        }
        return false;
    }

    private static Interval intDivide(Interval a, Interval b) {
        // an int takes integer values only: [0.5, 2.5] holds 1 and 2, never 0
        if (Math.ceil(b.lo()) <= Math.floor(b.hi())) {
            b = new Interval(Math.ceil(b.lo()), Math.floor(b.hi()));
        }
        if (!b.awayFromZero(1)) {
            throw new IllegalStateException("int divisor may be 0: " + b);
        }
        Interval q = a.dividedBy(b);
        return new Interval(Math.floor(q.lo()) - 1, Math.ceil(q.hi()) + 1);
    }

    private static Interval remainder(Interval a, Interval b) {
        double m = b.maxAbs() - 1;
        double lo = a.lo() >= 0 ? 0 : -Math.min(m, a.maxAbs());
        double hi = a.hi() <= 0 ? 0 : Math.min(m, a.maxAbs());
        return new Interval(lo, hi);
    }

    private G cast(JType to, G a) {
        if (a.type() == to) {
            return a; // a redundant cast would be a -Xlint warning
        }
        Interval iv = a.iv;
        if (to.isIntegral() && !a.type().isIntegral()) {
            iv = new Interval(Math.ceil(a.iv.lo()) - 1, Math.floor(a.iv.hi()) + 1);
        }
        return new G(new Cast(to, a.e), iv);
    }

    private G negate(G a) {
        return new G(new Unary('-', a.e), a.iv.negate());
    }

    private G mathCall(String fn, G... args) {
        boolean strict = chance(0.07);
        List<Expr> es = new ArrayList<>();
        for (G g : args) {
            es.add(g.e);
        }
        MathCall call = new MathCall(strict, fn, es, chance(0.5));
        Interval x = args[0].iv;
        Interval iv = switch (fn) {
            case "exp" -> x.monotone(Math::exp);
            case "expm1" -> x.monotone(Math::expm1);
            case "log" -> x.monotone(Math::log);
            case "log10" -> x.monotone(Math::log10);
            case "log1p" -> x.monotone(Math::log1p);
            case "sqrt" -> x.monotone(Math::sqrt);
            case "cbrt" -> x.monotone(Math::cbrt);
            case "sin", "cos", "tanh", "signum" -> new Interval(-1, 1);
            case "tan" -> x.monotone(Math::tan);
            case "asin" -> x.monotone(Math::asin);
            case "acos" -> new Interval(Math.acos(x.hi()), Math.acos(x.lo()));
            case "atan" -> new Interval(-Math.PI / 2, Math.PI / 2);
            case "sinh" -> x.monotone(Math::sinh);
            case "cosh" -> new Interval(1, Math.cosh(x.maxAbs()));
            case "abs" -> x.abs();
            case "floor", "ceil", "rint", "round" -> x.widen(1);
            case "max" -> new Interval(Math.max(x.lo(), args[1].iv.lo()), Math.max(x.hi(), args[1].iv.hi()));
            case "min" -> new Interval(Math.min(x.lo(), args[1].iv.lo()), Math.min(x.hi(), args[1].iv.hi()));
            case "hypot" -> new Interval(0, Math.hypot(x.maxAbs(), args[1].iv.maxAbs()));
            case "atan2" -> new Interval(-Math.PI, Math.PI);
            case "pow" -> powRange(x, args[1].iv);
            case "softplus" -> x.monotone(io.github.sourcegrad.SmoothMath::softplus);
            case "logSigmoid" -> x.monotone(io.github.sourcegrad.SmoothMath::logSigmoid);
            case "sigmoid" -> x.monotone(io.github.sourcegrad.SmoothMath::sigmoid);
            case "logAddExp" -> new Interval(Math.max(x.lo(), args[1].iv.lo()), Math.max(x.hi(), args[1].iv.hi()) + Math.log(2));
            default -> throw new IllegalStateException(fn);
        };
        return new G(call, iv);
    }

    private static Interval powRange(Interval base, Interval exp) {
        if (base.awayFromZero(1e-9)) {
            Interval size = base.abs();
            double a = Math.pow(size.lo(), exp.lo());
            double b = Math.pow(size.lo(), exp.hi());
            double c = Math.pow(size.hi(), exp.lo());
            double d = Math.pow(size.hi(), exp.hi());
            double lo = Math.min(Math.min(a, b), Math.min(c, d));
            double hi = Math.max(Math.max(a, b), Math.max(c, d));
            return base.lo() > 0 ? new Interval(lo, hi) : new Interval(-hi, hi); // a negative base: integer exponents
        }
        // a positive integer exponent (2 or 3), any base
        double m = Math.pow(base.maxAbs(), exp.hi());
        return exp.hi() == 2 ? new Interval(0, m) : new Interval(-m, m);
    }

    /** Keeps magnitudes bounded. */
    private G bound(G g) {
        return g.iv.maxAbs() > LIMIT ? squash(g) : g;
    }

    private G squash(G g) {
        double r = rnd.nextDouble();
        if (r < 0.3) {
            return mathCall("tanh", g);
        } else if (r < 0.5) {
            return mathCall("sin", g);
        } else if (r < 0.6) {
            return mathCall("cos", g);
        } else if (r < 0.75) {
            return mathCall("atan", g);
        }
        if (!Double.isFinite(g.iv.maxAbs())) {
            return mathCall("tanh", g);
        }
        // a small factor
        double c = Math.pow(10, -Math.ceil(Math.log10(g.iv.maxAbs() / (LIMIT / 2))));
        G lit = literal(c);
        return chance(0.5) ? binary('*', lit, g) : binary('*', g, lit);
    }

    /** A double literal printed from a value (rounded to a few digits). */
    private G literal(double v) {
        String text = BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
            text = text + ".0";
        }
        double value = Double.parseDouble(text);
        if (value < 0) {
            String pos = text.substring(1);
            return new G(new Unary('-', new Lit(pos, JType.DOUBLE, -value)), Interval.point(value));
        }
        return new G(new Lit(text, JType.DOUBLE, value), Interval.point(value));
    }

    private G pickDoubleLiteral(String... texts) {
        String t = pick(texts);
        return new G(new Lit(t, JType.DOUBLE, Double.parseDouble(t)), Interval.point(Double.parseDouble(t)));
    }

    /** A divisor safely away from zero. */
    private G divisor(G g) {
        if (g.iv.awayFromZero(DIVISOR.lo()) && g.iv.maxAbs() <= DIVISOR.hi() && g.type() != JType.FLOAT) {
            return g;
        }
        if (chance(0.15)) {
            return chance(0.5) ? intLiteral(pickInt(2, 3, 4, -2)) : pickDoubleLiteral("2.0", "0.5", "1.5", "4.0");
        }
        G fitted = fit(g, DIVISOR);
        return chance(0.25) ? negate(fitted) : fitted;
    }

    /** Wraps {@code g} so that its values lie in {@code target}. */
    private G fit(G g, Interval target) {
        if (g.iv.within(target) && g.type() == JType.DOUBLE) {
            return g;
        }
        if (g.iv.within(target) && g.type().isIntegral() && chance(0.5)) {
            return g;
        }
        G s = g.iv.maxAbs() > LIMIT || g.type() == JType.FLOAT ? squash(g) : g;
        List<Supplier<G>> options = new ArrayList<>();
        double lo = target.lo();
        double hi = target.hi();
        double m = s.iv.maxAbs();
        if (lo > 0) {
            for (double c : new double[] {1, 1.5, 2, 0.5}) {
                if (c >= lo && c + m * m <= hi) {
                    options.add(() -> binary('+', literal(c), binary('*', s, s)));
                }
                if (c - 1 >= lo && c + 1 <= hi) {
                    options.add(() -> binary('+', literal(c), mathCall(pick("sin", "cos", "tanh"), s)));
                    options.add(() -> binary('-', literal(c), mathCall(pick("sin", "tanh"), s)));
                }
                if (c >= lo && c + m <= hi) {
                    options.add(() -> binary('+', literal(c), mathCall("abs", s)));
                    options.add(() -> mathCall("hypot", s, literal(c)));
                }
            }
            if (s.iv.within(-3, 3)) {
                G e = mathCall("exp", s);
                if (e.iv.within(target)) {
                    options.add(() -> mathCall("exp", s));
                }
                G ch = mathCall("cosh", s);
                if (ch.iv.within(target)) {
                    options.add(() -> mathCall("cosh", s));
                }
            }
            if (1 + m * m <= hi && 1 >= lo) {
                options.add(() -> mathCall("sqrt", binary('+', literal(1), binary('*', s, s))));
            }
        }
        if (lo < 0 && hi > 0) {
            double a = Math.min(-lo, hi);
            if (a >= 0.5) {
                options.add(() -> binary('*', literal(Math.floor(a * 0.9 * 10) / 10), mathCall(pick("tanh", "sin", "cos"), s)));
            }
            if (1 / (2 * Math.sqrt(2)) <= a) {
                options.add(() -> binary('/', s, binary('+', literal(2), binary('*', s, s))));
            }
        }
        if (!options.isEmpty() && chance(0.8)) {
            G out = options.get(rnd.nextInt(options.size())).get();
            if (out.iv.within(target)) {
                return out;
            }
        }
        // affine squash: c + r * tanh(s)
        double c = round2((lo + Math.min(hi, lo + 10)) / 2);
        double width = Math.min(hi, lo + 10) - lo;
        double r = Math.floor(width * 0.45 * 100) / 100;
        while (c - r < lo || c + r > hi) {
            r = Math.floor(r * 0.9 * 100) / 100;
        }
        String fn = pick("tanh", "sin", "cos");
        G inner = r == 1 ? mathCall(fn, s) : binary('*', literal(r), mathCall(fn, s));
        return c == 0 ? inner : binary('+', literal(c), inner);
    }

    private static double round2(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    // ------------------------------------------------------------------ arrays

    private static final String[] ARRAY_NAMES = {"xs", "ys", "w", "W", "v", "a", "b", "m", "X", "A", "B", "bias", "h", "u",
        "z", "gradXs", "da", "dm", "t1", "value", "dw", "grad", "row", "dt2"};
    private static final String[] ARRAY_LOCALS = {"e", "f", "g", "hs", "zs", "ps", "q", "r", "acts", "probs", "out", "tmp",
        "m2", "t2", "dxs", "gradB", "o", "sig", "rows", "cols", "t3", "dt1"};
    private static final Interval SIGMOID_RANGE = new Interval(0, 1);

    /** Whether the method being generated may use arrays (only in array programs). */
    private boolean arrayMethod;
    private JType resultType = JType.DOUBLE;
    /** A method that returns an array writes no elements. */
    private boolean noStores;
    /** The method returns an array it fills (issue 12): no early returns, which would return a double. */
    private boolean arrayResult;
    /** Inside the cases of a switch expression: no other switch expression there. */
    private boolean inSwitchExpression;
    /** The loop being generated counts in its condition ({@code n-- > 0}): nothing may precede that on a side of &&. */
    private boolean effectfulCounter;
    /** Inside the branches of ifs, and of ?: and && / || (reads of written arrays there follow the rules of nested reads). */
    private int branchDepth;
    /** The number of loops around the innermost switch being generated, or -1 outside switches. */
    private int switchLoopLevel = -1;
    private int condExprDepth;
    private int loopIds;
    /**
     * The arrays whose elements are being written (by the statement or fill loop being generated): the values
     * may not read them inside loops and branches (the read would come before the write), nor as a whole.
     */
    private final List<String> writingTargets = new ArrayList<>();
    /** The counter of a fill loop: indices prefer it. */
    private String preferredIndex;
    /** A loop made for arrays takes an array's length as its bound. */
    private boolean lengthBound;
    /** The sizes the method's shapes are made of. */
    private List<Integer> methodDims = List.of(2);

    /** An array expression with its type, its shape (normalized: a matrix of 0 rows has 0 columns) and the interval of its elements. */
    private record AG(Expr e, JType type, List<Integer> shape, Interval iv) {
    }

    private static List<Integer> shape(JType type, int rows, int cols) {
        if (type == JType.VECTOR) {
            return List.of(rows);
        }
        return rows == 0 ? List.of(0, 0) : List.of(rows, cols);
    }

    private static int count(List<Integer> shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private int dim() {
        return methodDims.get(rnd.nextInt(methodDims.size()));
    }

    /** A dimension of at least 1. */
    private int positiveDim() {
        List<Integer> positive = methodDims.stream().filter(d -> d > 0).toList();
        return positive.isEmpty() ? 1 + rnd.nextInt(3) : positive.get(rnd.nextInt(positive.size()));
    }

    private List<Integer> randomShape(JType type) {
        if (arrayMethod && noStores && !controlFlow && chance(0.5)) {
            // the shape of an array a method returns, so that the method can be called
            List<Method> callees = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            callees(callees, owners, type);
            if (!callees.isEmpty()) {
                int pick = rnd.nextInt(callees.size());
                AG r = arrayReturns.get(owners.get(pick) + "." + callees.get(pick).name() + "/" + callees.get(pick).params().size());
                if (r != null) {
                    return r.shape();
                }
            }
        }
        List<VarInfo> same = arrayVars(type);
        if (!same.isEmpty() && chance(0.5)) {
            return same.get(rnd.nextInt(same.size())).shape;
        }
        return type == JType.VECTOR ? List.of(dim()) : shape(JType.MATRIX, dim(), dim());
    }

    private JType randomArrayType() {
        return chance(0.65) ? JType.VECTOR : JType.MATRIX;
    }

    private List<VarInfo> arrayVars(JType type) {
        List<VarInfo> out = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == type && v.assigned) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Inside a loop, a branch, or a ?: or the right operand of && and ||; or after an early return (what
     * follows it is the else branch of its if).
     */
    private boolean nested() {
        return !loops.isEmpty() || branchDepth > 0 || condExprDepth > 0 || earlyReturns != null;
    }

    /** Where an array declared now may be written: the method's own statements (plain blocks included). */
    private boolean topLevel() {
        return !nested();
    }

    /** Whether an element of {@code a} may be read here (SourceGrad's rules for written arrays). */
    private boolean canRead(VarInfo a) {
        if (STALE_READS || !a.writable || !nested()) {
            return true;
        }
        return canReadWhole(a);
    }

    /**
     * Whether {@code a} may be read as a whole here (an ArrayMath call's argument, whose rule reads it again, a
     * copy, a result, the array of an enhanced for): not before a write to it, nor in a loop that writes it.
     */
    private boolean canReadWhole(VarInfo a) {
        if (!a.writable) {
            return true;
        }
        if (loopHeader > 0 || writingTargets.contains(a.name)) {
            return false;
        }
        for (Loop l : loops) {
            if (a.writingLoops.contains(l.id())) {
                return false;
            }
        }
        return true;
    }

    /** An element read inside a loop or branch: no write may follow. */
    private void noteRead(VarInfo a) {
        if (a.writable && nested() && !STALE_READS) {
            a.frozen = true;
        }
    }

    /**
     * Whether elements or rows of {@code a} may be read: always, now that the backward pass recomputes an array
     * created inside a loop iteration or a branch where it allocates the array's adjoint (it once did not).
     */
    private static boolean loadable(VarInfo a) {
        return true;
    }

    /** Whether an element of an array expression (not a variable) may be read here: see {@link #loadable}. */
    private boolean loadableExpression() {
        return true;
    }

    /** A read as a whole: no write may follow. */
    private void noteWholeRead(VarInfo a) {
        if (a.writable) {
            a.frozen = true;
        }
    }

    private boolean canWrite(VarInfo a) {
        return a.writable && a.assigned && !a.frozen && !a.shared && !noStores && count(a.shape) > 0 && a.scopeDepth >= writeFloor;
    }

    /** Arrays declared in fewer scopes than this are not written (see {@link #KNOWN_BUGS}). */
    private int writeFloor;

    private AG arrayVar(String name) {
        VarInfo v = lookup(name);
        noteWholeRead(v);
        return new AG(new Var(v.name, v.type), v.type, v.shape, v.iv);
    }

    // ------------------------------------------------------------------ array statements

    private void arrayStatement(List<Stmt> out) {
        double r = rnd.nextDouble();
        boolean top = topLevel();
        if (r < 0.28) {
            declareArray(out);
        } else if (r < 0.46 && !noStores) {
            newArray(out);
        } else if (r < 0.53 && top) {
            declareLiteralArray(out);
        } else if (r < 0.7 && !noStores) {
            if (!writeElement(out)) {
                declareArray(out);
            }
        } else if (r < 0.77 && top) {
            reassignArray(out);
        } else if (r < 0.82) {
            aliasArray(out);
        } else if (r < 0.95 && !noStores && loops.size() < 2) {
            // a loop over an array, such as a sum of products
            controlDepth++;
            lengthBound = true;
            try {
                if (chance(0.3)) {
                    forEachLoop(out);
                } else {
                    forLoop(out);
                }
            } finally {
                lengthBound = false;
                controlDepth--;
            }
        } else {
            declareDouble(out);
        }
    }

    private String freshArrayLocal() {
        String name = freshName(ARRAY_LOCALS);
        return name != null ? name : freshLocal();
    }

    /**
     * Whether a variable holding {@code e} may have its elements written: a new array, an initializer, or
     * {@code ArrayMath.copy} (the rules of the other operations read their results again).
     */
    private static boolean fresh(Expr e) {
        return (e instanceof ArrCall call && call.fn().equals("copy")) || e instanceof NewArr || e instanceof ArrLit;
    }

    /** A value for an array variable: a copy of a written array would break the rules, so that is ArrayMath.copy. */
    private AG arrayValue(JType type, List<Integer> shape, int depth) {
        AG v = arr(type, shape, depth);
        if (v.e() instanceof Var source) {
            VarInfo s = lookup(source.name());
            if (s.written) {
                return new AG(arrayCall("copy", type, v.e()), type, v.shape(), v.iv());
            }
            if (s.writable) {
                s.shared = true;
            }
        }
        return v;
    }

    private VarInfo declare(List<Stmt> out, JType type, AG value, boolean allowBare) {
        String name = freshArrayLocal();
        double r = rnd.nextDouble();
        DeclStyle style = r < 0.7 ? DeclStyle.TYPED : r < 0.87 ? DeclStyle.VAR : r < 0.95 ? DeclStyle.FINAL_TYPED : DeclStyle.FINAL_VAR;
        Expr init = value.e();
        if (init instanceof ArrLit lit && lit.bare() && !(allowBare && (style == DeclStyle.TYPED || style == DeclStyle.FINAL_TYPED))) {
            init = new ArrLit(lit.type(), lit.elements(), lit.columns(), false);
        }
        out.add(new Decl(style, type, name, init, false));
        VarInfo info = new VarInfo(name, type, style == DeclStyle.FINAL_TYPED || style == DeclStyle.FINAL_VAR, true, value.iv());
        info.shape = value.shape();
        info.writable = fresh(init);
        info.nestedCreation = nested();
        for (Loop l : loops) {
            info.creationLoops.add(l.id());
        }
        scopes.peek().put(name, info);
        return info;
    }

    /** {@code double[] c = <ArrayMath expression>;} (or {@code double[] c;} and the assignment later). */
    private void declareArray(List<Stmt> out) {
        JType type = randomArrayType();
        if (topLevel() && chance(0.08)) {
            String name = freshArrayLocal();
            out.add(new Decl(DeclStyle.TYPED, type, name, null, false));
            VarInfo info = new VarInfo(name, type, false, false, null);
            scopes.peek().put(name, info);
            if (chance(0.3)) {
                statement(out);
            }
            AG value = arrayValue(type, null, 1 + rnd.nextInt(3));
            out.add(new Assign(name, "=", value.e()));
            info.assigned = true;
            info.iv = value.iv();
            info.shape = value.shape();
            info.writable = fresh(value.e());
            return;
        }
        declare(out, type, arrayValue(type, null, 1 + rnd.nextInt(3)), false);
    }

    /** {@code double[] c = {x, 2 * y};} or {@code double[][] c = new double[][] {{...}, {...}};}. */
    private void declareLiteralArray(List<Stmt> out) {
        JType type = randomArrayType();
        List<Integer> shape = randomShape(type);
        if (type == JType.MATRIX && (shape.get(0) == 0 || shape.get(1) == 0 || count(shape) > 9)) {
            shape = List.of(1 + rnd.nextInt(2), 1 + rnd.nextInt(3));
        }
        AG lit = literalArray(type, shape, chance(0.6));
        declare(out, type, lit, true);
    }

    /** {@code double[] c = new double[n];} and a loop that fills it, or a few element writes. */
    private void newArray(List<Stmt> out) {
        JType type = randomArrayType();
        newArray(out, type, randomShape(type));
    }

    private VarInfo newArray(List<Stmt> out, JType type, List<Integer> shape) {
        List<Expr> dims = new ArrayList<>();
        for (int k = 0; k < shape.size(); k++) {
            int d = shape.get(k);
            if (type == JType.MATRIX && k == 1 && shape.get(0) == 0) {
                d = dim(); // new double[0][d] has no rows: its shape is 0x0 whatever d is
            }
            dims.add(sizeExpr(d));
        }
        VarInfo target = declare(out, type, new AG(new NewArr(type, dims), type, shape, Interval.point(0)), false);
        if (count(shape) == 0) {
            return target;
        }
        if (chance(0.7) && loops.size() < 2) {
            fillLoop(out, target);
        } else {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                writeElement(out, target);
            }
        }
        return target;
    }

    /** An int expression of value {@code d}: a literal, or the length of an array of that length. */
    private Expr sizeExpr(int d) {
        if (chance(0.5)) {
            List<VarInfo> same = new ArrayList<>();
            for (VarInfo v : allVars()) {
                if (v.type.isArray() && v.assigned && v.shape.get(0) == d) {
                    same.add(v);
                }
            }
            if (!same.isEmpty()) {
                VarInfo v = same.get(rnd.nextInt(same.size()));
                return new Length(new Var(v.name, v.type));
            }
        }
        return intLiteral(d).e;
    }

    /**
     * {@code for (int i = 0; i < c.length; i++) { c[i] = ...; }}, for a matrix two nested loops (the inner one
     * to a literal or another array's length: {@code c[i].length} would read a row of c).
     */
    private void fillLoop(List<Stmt> out, VarInfo target) {
        List<Integer> shape = target.shape;
        controlDepth++;
        scopes.push(new LinkedHashMap<>());
        try {
            out.add(fillLoopLevel(target, shape, 0, new ArrayList<>()));
        } finally {
            scopes.pop();
            controlDepth--;
        }
    }

    private Stmt fillLoopLevel(VarInfo target, List<Integer> shape, int level, List<Expr> indices) {
        int n = shape.get(level);
        String counter = freshName(COUNTER_NAMES);
        if (counter == null) {
            counter = freshLocal();
        }
        Expr bound = level == 0 && chance(0.7) ? new Length(new Var(target.name, target.type)) : sizeExpr(n);
        Decl init = new Decl(chance(0.85) ? DeclStyle.TYPED : DeclStyle.VAR, JType.INT, counter, intLiteral(0).e, false);
        Expr cond = new Cmp("<", new Var(counter, JType.INT), bound);
        Stmt update = increment(counter, 1);
        Loop loop = new Loop(null, n, true, ++loopIds);
        loops.add(loop);
        scopes.push(new LinkedHashMap<>());
        scopes.peek().put(counter, new VarInfo(counter, JType.INT, true, true, new Interval(0, Math.max(0, n - 1))));
        scopes.push(new LinkedHashMap<>());
        List<Stmt> body = new ArrayList<>();
        List<Expr> here = new ArrayList<>(indices);
        here.add(new Var(counter, JType.INT));
        String previous = preferredIndex;
        writingTargets.add(target.name); // the loop writes the target: nothing in it may read the target
        try {
            if (level + 1 < shape.size()) {
                if (chance(0.3)) {
                    statement(body);
                }
                body.add(fillLoopLevel(target, shape, level + 1, here));
            } else {
                preferredIndex = counter;
                if (chance(0.35)) {
                    statement(body);
                }
                body.add(store(target, here, false));
                if (chance(0.2)) {
                    statement(body);
                }
            }
        } finally {
            preferredIndex = previous;
            writingTargets.remove(writingTargets.size() - 1);
            scopes.pop();
            scopes.pop();
            loops.remove(loops.size() - 1);
        }
        return new For(null, init, cond, update, new Block(body));
    }

    /** {@code for (double v : a) {...}} or {@code for (double[] row : m) {...}}, carrying doubles as the other loops do. */
    private void forEachLoop(List<Stmt> out) {
        List<VarInfo> arrays = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type.isArray() && v.assigned && canReadWhole(v) && (v.type == JType.VECTOR || !v.written) && loadable(v)) {
                arrays.add(v);
            }
        }
        AG source;
        if ((!arrays.isEmpty() && chance(0.75)) || !loadableExpression()) {
            if (arrays.isEmpty()) {
                forLoop(out);
                return;
            }
            VarInfo v = arrays.get(rnd.nextInt(arrays.size()));
            source = arrayVar(v.name);
            if (v.type == JType.MATRIX) {
                v.shared = true; // its rows are read
            }
        } else {
            source = arr(randomArrayType(), null, 1 + rnd.nextInt(2));
            if (source.type() == JType.MATRIX && source.e() instanceof Ast.Var ref && lookup(ref.name()) != null
                    && lookup(ref.name()).writable) {
                forLoop(out); // an expression that is just a matrix the method may write: its rows are not read
                return;
            }
        }
        List<VarInfo> carried = carried(out);
        JType element = source.type() == JType.VECTOR ? JType.DOUBLE : JType.VECTOR;
        String name = element == JType.DOUBLE ? freshLocal() : freshArrayLocal();
        double r = rnd.nextDouble();
        DeclStyle style = r < 0.75 ? DeclStyle.TYPED : r < 0.9 ? DeclStyle.VAR : DeclStyle.FINAL_TYPED;
        AG array = source;
        loop(out, carried, source.shape().get(0), true, null,
                parts -> new Ast.ForEach(parts.label(), style, element, name, array.e(), parts.block()),
                () -> {
                    VarInfo info = new VarInfo(name, element, true, true, array.iv());
                    if (element == JType.VECTOR) {
                        info.shape = List.of(array.shape().get(1));
                        info.nestedCreation = true; // a row made in the loop
                    }
                    scopes.peek().put(name, info);
                }, null, null);
    }

    /** An element write to some array that may be written here; false if there is none. */
    private boolean writeElement(List<Stmt> out) {
        List<VarInfo> writable = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type.isArray() && canWrite(v)) {
                writable.add(v);
            }
        }
        if (writable.isEmpty()) {
            return false;
        }
        writeElement(out, writable.get(rnd.nextInt(writable.size())));
        return true;
    }

    private void writeElement(List<Stmt> out, VarInfo target) {
        List<Expr> indices = new ArrayList<>();
        for (int d : target.shape) {
            indices.add(index(d).e);
        }
        out.add(store(target, indices, topLevel()));
    }

    /** {@code target[indices] op value}, keeping the target's interval. */
    private Store store(VarInfo target, List<Expr> indices, boolean top) {
        int runs = 1;
        for (Loop l : loops) {
            runs *= Math.max(1, l.trips());
        }
        String op = top ? pick("=", "=", "+=", "-=", "*=", "/=") : pick("=", "=", "+=", "-=");
        writingTargets.add(target.name);
        G value;
        try {
            value = dbl(1 + rnd.nextInt(2));
        } finally {
            writingTargets.remove(writingTargets.size() - 1);
        }
        if (value.type() == JType.FLOAT) {
            value = cast(JType.DOUBLE, value);
        }
        Interval iv = target.iv;
        double m = iv.maxAbs();
        switch (op) {
            case "+=", "-=" -> {
                double room = (LIMIT - m) / runs;
                if (room < 0.1) {
                    op = "=";
                    iv = iv.hull(value.iv);
                } else {
                    if (value.iv.maxAbs() > room) {
                        value = fit(value, new Interval(-Math.floor(room * 10) / 10, Math.floor(room * 10) / 10));
                    }
                    Interval step = op.equals("+=") ? value.iv : value.iv.negate();
                    iv = new Interval(iv.lo() + runs * Math.min(0, step.lo()), iv.hi() + runs * Math.max(0, step.hi()));
                }
            }
            case "*=" -> {
                value = fit(value, new Interval(-1, 1));
                iv = iv.hull(new Interval(-m, m));
            }
            case "/=" -> {
                value = fit(value, new Interval(1, 3));
                if (chance(0.3)) {
                    value = negate(value);
                }
                iv = iv.hull(new Interval(-m, m));
            }
            default -> iv = iv.hull(value.iv);
        }
        target.iv = iv;
        target.written = true;
        for (Loop l : loops) {
            if (!target.creationLoops.contains(l.id())) {
                target.writingLoops.add(l.id());
            }
        }
        return new Store(target.name, indices, op, value.e);
    }

    /** {@code c = <ArrayMath expression>;} at the method's own level (SourceGrad does not support it in loops and branches). */
    private void reassignArray(List<Stmt> out) {
        List<VarInfo> candidates = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type.isArray() && v.assigned && !v.isFinal) {
                candidates.add(v);
            }
        }
        if (candidates.isEmpty()) {
            declareArray(out);
            return;
        }
        VarInfo v = candidates.get(rnd.nextInt(candidates.size()));
        List<Integer> shape = chance(0.6) ? v.shape : null;
        String previous = biasArray;
        biasArray = v.name;
        AG value;
        try {
            value = arrayValue(v.type, shape, 1 + rnd.nextInt(3));
        } finally {
            biasArray = previous;
        }
        out.add(new Assign(v.name, "=", value.e()));
        v.iv = value.iv();
        v.shape = value.shape();
        v.writable = fresh(value.e());
        v.written = false;
        v.shared = false;
        v.frozen = false;
        v.writingLoops.clear();
    }

    /** An array variable the next array expression prefers as a leaf. */
    private String biasArray;

    /** {@code double[] d = c;} (c is never written then) or {@code double[] row = m[i];}. */
    private void aliasArray(List<Stmt> out) {
        List<VarInfo> rows = new ArrayList<>();
        List<VarInfo> copies = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type.isArray() && v.assigned && !v.written && canReadWhole(v)) {
                copies.add(v);
                if (v.type == JType.MATRIX && v.shape.get(0) > 0 && loadable(v)) {
                    rows.add(v);
                }
            }
        }
        if (!rows.isEmpty() && chance(0.5)) {
            VarInfo m = rows.get(rnd.nextInt(rows.size()));
            noteRead(m);
            m.shared = true;
            Expr row = new Index(new Var(m.name, m.type), index(m.shape.get(0)).e);
            declare(out, JType.VECTOR, new AG(row, JType.VECTOR, List.of(m.shape.get(1)), m.iv), false);
        } else if (!copies.isEmpty()) {
            VarInfo c = copies.get(rnd.nextInt(copies.size()));
            noteRead(c);
            c.shared = true;
            declare(out, c.type, new AG(new Var(c.name, c.type), c.type, c.shape, c.iv), false);
        } else {
            declareArray(out);
        }
    }

    // ------------------------------------------------------------------ array reads in scalar expressions

    /** {@code a[i]} or {@code m[i][j]} of an array in scope, with indices that stay inside it; null if there is none. */
    private G elementRead() {
        List<VarInfo> candidates = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type.isArray() && v.assigned && count(v.shape) > 0 && canRead(v) && loadable(v)) {
                candidates.add(v);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        VarInfo a = candidates.get(rnd.nextInt(candidates.size()));
        noteRead(a);
        return new G(element(new Var(a.name, a.type), a.shape), a.iv);
    }

    /** An element of the array {@code e} of shape {@code shape} (not empty). */
    private Expr element(Expr e, List<Integer> shape) {
        Expr out = e;
        for (int d : shape) {
            out = new Index(out, index(d).e);
        }
        return out;
    }

    /** An int index in {@code [0, len - 1]}: a counter whose interval fits (the fill loop's first), or a literal. */
    private G index(int len) {
        Interval range = new Interval(0, len - 1);
        if (preferredIndex != null && chance(0.8)) {
            VarInfo p = lookup(preferredIndex);
            if (p != null && p.iv.within(range)) {
                return varG(p);
            }
        }
        List<VarInfo> fitting = new ArrayList<>();
        for (VarInfo v : intVars()) {
            if (v.iv.within(range)) {
                fitting.add(v);
            }
        }
        double r = rnd.nextDouble();
        if (!fitting.isEmpty() && r < 0.7) {
            G g = varG(fitting.get(rnd.nextInt(fitting.size())));
            if (len > 1 && chance(0.15)) {
                return binary('-', intLiteral(len - 1), g); // from the end
            }
            return g;
        }
        if (r < 0.8) {
            for (VarInfo v : intVars()) {
                if (v.iv.lo() >= 0 && v.iv.hi() <= INT_LIMIT && len > 1) {
                    return binary('%', varG(v), intLiteral(len));
                }
            }
        }
        return intLiteral(rnd.nextInt(len));
    }

    /** {@code a.length} (or {@code m[i].length}, the number of columns) of an array of at most {@code cap} elements there. */
    private G lengthLeaf(int cap) {
        List<VarInfo> candidates = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type.isArray() && v.assigned && v.shape.get(0) <= cap) {
                candidates.add(v);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        VarInfo v = candidates.get(rnd.nextInt(candidates.size()));
        if (v.type == JType.MATRIX && v.shape.get(0) > 0 && v.shape.get(1) <= cap && !v.written && canReadWhole(v) && loadable(v)
                && chance(0.25)) {
            // a row's length reads the row: the matrix is never written then
            v.shared = true;
            return new G(new Length(new Index(new Var(v.name, v.type), index(v.shape.get(0)).e)), Interval.point(v.shape.get(1)));
        }
        return new G(new Length(new Var(v.name, v.type)), Interval.point(v.shape.get(0)));
    }

    /** A double from an array: a sum, a dot product, a logSumExp, or an element of an array expression. */
    private G reduction(AG source, int depth) {
        AG a = source != null ? source : arr(randomArrayType(), null, Math.max(0, depth - 1));
        int n = count(a.shape());
        double r = rnd.nextDouble();
        if (r < 0.4 || n == 0) {
            return new G(arrayCall("sum", JType.DOUBLE, a.e()), sumInterval(a.iv(), n));
        } else if (r < 0.65) {
            AG b = arr(a.type(), a.shape(), Math.max(0, depth - 2));
            return chance(0.5)
                    ? new G(arrayCall("dot", JType.DOUBLE, a.e(), b.e()), sumInterval(a.iv().times(b.iv()), n))
                    : new G(arrayCall("dot", JType.DOUBLE, b.e(), a.e()), sumInterval(b.iv().times(a.iv()), n));
        } else if (r < 0.8 && a.type() == JType.VECTOR && n > 0) {
            return new G(arrayCall("logSumExp", JType.DOUBLE, a.e()), new Interval(a.iv().lo(), a.iv().hi() + Math.log(n)));
        }
        Expr base = a.e();
        if (base instanceof Var v ? !loadable(lookup(v.name())) : !loadableExpression()) {
            return new G(arrayCall("sum", JType.DOUBLE, a.e()), sumInterval(a.iv(), n));
        }
        return new G(element(base, a.shape()), a.iv());
    }

    private static Interval sumInterval(Interval iv, int n) {
        return n == 0 ? Interval.point(0) : iv.times(Interval.point(n));
    }

    // ------------------------------------------------------------------ array expressions

    private ArrCall arrayCall(String fn, JType type, Expr... args) {
        return new ArrCall(fn, List.of(args), type, chance(0.5));
    }

    /** An array expression of type {@code type} and shape {@code shape} (null: any), its elements within {@link #LIMIT}. */
    private AG arr(JType type, List<Integer> shape, int depth) {
        List<Integer> s = shape != null ? shape : randomShape(type);
        AG g = arrExpr(type, s, depth);
        if (!g.shape().equals(s)) {
            throw new IllegalStateException("made " + g.shape() + " for " + s + ": " + g.e());
        }
        return boundArray(g);
    }

    private AG arrExpr(JType type, List<Integer> shape, int depth) {
        if (depth <= 0 || chance(0.25)) {
            if (depth >= 0 && arrayMethod && noStores && !controlFlow && loopHeader == 0 && chance(0.2)) {
                AG call = arrayMethodCall(type, shape, 0);
                if (call != null) {
                    return call;
                }
            }
            return arrayLeaf(type, shape);
        }
        if (arrayMethod && noStores && !controlFlow && loopHeader == 0 && chance(0.4)) {
            AG call = arrayMethodCall(type, shape, depth - 1);
            if (call != null) {
                return call;
            }
        }
        double r = rnd.nextDouble();
        if (r < 0.32) {
            return elementWise(type, shape, depth);
        } else if (r < 0.52) {
            String fn = pick("add", "subtract", "multiply", "divide", "add", "subtract", "logAddExp");
            if ((fn.equals("add") || fn.equals("subtract")) && chance(0.35)) {
                return withNumber(fn, type, shape, depth);
            }
            AG a = arr(type, shape, depth - 1);
            AG b = arr(type, shape, depth - 1);
            Interval iv = switch (fn) {
                case "add" -> a.iv().plus(b.iv());
                case "subtract" -> a.iv().minus(b.iv());
                case "multiply" -> a.iv().times(b.iv());
                case "logAddExp" -> new Interval(Math.max(a.iv().lo(), b.iv().lo()), Math.max(a.iv().hi(), b.iv().hi()) + Math.log(2));
                default -> {
                    b = divisorArray(b);
                    yield a.iv().dividedBy(b.iv());
                }
            };
            return new AG(arrayCall(fn, type, a.e(), b.e()), type, shape, iv);
        } else if (r < 0.6) {
            G c = dbl(depth - 1);
            if (c.type() == JType.FLOAT) {
                c = cast(JType.DOUBLE, c);
            }
            if (c.iv.maxAbs() > 4) {
                c = fit(c, new Interval(-2, 2));
            }
            AG a = arr(type, shape, depth - 1);
            return new AG(arrayCall("scale", type, c.e, a.e()), type, shape, c.iv.times(a.iv()));
        } else if (r < 0.85) {
            AG product = type == JType.VECTOR ? vectorProduct(shape.get(0), depth) : matrixProduct(shape, depth);
            if (product != null) {
                return product;
            }
        } else if (type == JType.MATRIX) {
            String fn = pick("addRow", "subtractRow", "multiplyRow");
            AG a = arr(JType.MATRIX, shape, depth - 1);
            AG row = arr(JType.VECTOR, List.of(shape.get(0) == 0 ? (KNOWN_BUGS ? dim() : 0) : shape.get(1)), depth - 1);
            Interval iv = switch (fn) {
                case "addRow" -> a.iv().plus(row.iv());
                case "subtractRow" -> a.iv().minus(row.iv());
                default -> a.iv().times(row.iv());
            };
            return new AG(arrayCall(fn, type, a.e(), row.e()), type, shape, iv);
        }
        return arrayLeaf(type, shape);
    }

    /** An element-wise function of an array of the same shape. */
    private AG elementWise(JType type, List<Integer> shape, int depth) {
        String fn = pick("tanh", "sigmoid", "relu", "square", "exp", "log", "negate", "copy", "softmax", "max", "softplus",
                "logSigmoid");
        AG a = arr(type, shape, depth - 1);
        Interval x = a.iv();
        switch (fn) {
            case "exp" -> {
                a = fitArray(a, EXP_ARG);
                return new AG(arrayCall(fn, type, a.e()), type, shape, a.iv().monotone(Math::exp));
            }
            case "log" -> {
                a = fitArray(a, POSITIVE);
                return new AG(arrayCall(fn, type, a.e()), type, shape, a.iv().monotone(Math::log));
            }
            case "max" -> {
                G c = chance(0.5) ? (chance(0.5) ? literal(0) : doubleLiteral()) : chance(0.5) ? dbl(depth - 1) : paramThreshold();
                if (c.type() == JType.FLOAT || c.type() == JType.LONG) {
                    c = cast(JType.DOUBLE, c);
                }
                Interval iv = new Interval(Math.max(x.lo(), c.iv.lo()), Math.max(x.hi(), c.iv.hi()));
                return new AG(arrayCall(fn, type, a.e(), c.e), type, shape, iv);
            }
            default -> {
                Interval iv = switch (fn) {
                    case "tanh" -> x.monotone(Math::tanh);
                    case "sigmoid" -> SIGMOID_RANGE;
                    case "softplus" -> x.monotone(io.github.sourcegrad.SmoothMath::softplus);
                    case "logSigmoid" -> x.monotone(io.github.sourcegrad.SmoothMath::logSigmoid);
                    case "relu" -> new Interval(Math.max(0, x.lo()), Math.max(0, x.hi()));
                    case "square" -> x.square();
                    case "negate" -> x.negate();
                    case "softmax" -> new Interval(0, 1);
                    default -> x;
                };
                return new AG(arrayCall(fn, type, a.e()), type, shape, iv);
            }
        }
    }

    /** {@code add(a, c)}, {@code add(c, a)}, {@code subtract(a, c)} or {@code subtract(c, a)} with a number {@code c}. */
    private AG withNumber(String fn, JType type, List<Integer> shape, int depth) {
        G c = chance(0.4) ? (chance(0.5) ? intLiteral(pickInt(1, 2)) : doubleLiteral()) : dbl(depth - 1);
        if (c.type() == JType.FLOAT) {
            c = cast(JType.DOUBLE, c);
        }
        AG a = arr(type, shape, depth - 1);
        Interval cv = c.iv;
        boolean numberFirst = chance(0.5);
        Interval iv = fn.equals("add") ? a.iv().plus(cv) : numberFirst ? cv.minus(a.iv()) : a.iv().minus(cv);
        ArrCall call = numberFirst ? arrayCall(fn, type, c.e, a.e()) : arrayCall(fn, type, a.e(), c.e);
        return new AG(call, type, shape, iv);
    }

    /**
     * A threshold for {@code ArrayMath.max(a, c)} that moves with the parameters: a double parameter, maybe
     * scaled, or a literal.
     */
    private G paramThreshold() {
        List<VarInfo> params = new ArrayList<>();
        for (VarInfo v : scopes.peekLast().values()) {
            if (v.type == JType.DOUBLE) {
                params.add(v);
            }
        }
        if (params.isEmpty()) {
            return doubleLiteral();
        }
        G p = varG(params.get(rnd.nextInt(params.size())));
        return chance(0.5) ? p : binary('*', pickDoubleLiteral("0.5", "2.0", "0.25"), p);
    }

    /** A vector of length {@code n} from a product: {@code matmul(A, x)}, {@code matmul(x, A)} or {@code sumRows(A)}. */
    private AG vectorProduct(int n, int depth) {
        double r = rnd.nextDouble();
        if (r < 0.45) {
            int k = dim();
            AG a = arr(JType.MATRIX, shape(JType.MATRIX, n, k), depth - 1);
            // with a factor of 0 rows, x may have any length (see KNOWN_BUGS)
            int inner = n == 0 ? (KNOWN_BUGS ? dim() : 0) : a.shape().get(1);
            AG x = arr(JType.VECTOR, List.of(inner), depth - 1);
            return new AG(arrayCall("matmul", JType.VECTOR, a.e(), x.e()), JType.VECTOR, List.of(n), productInterval(a.iv(), x.iv(), inner));
        } else if (r < 0.8) {
            int k = n == 0 ? dim() : positiveDim();
            AG a = arr(JType.MATRIX, shape(JType.MATRIX, k, n), depth - 1);
            if (!shape(JType.MATRIX, k, n).equals(List.of(k, n))) {
                return null;
            }
            AG x = arr(JType.VECTOR, List.of(k), depth - 1);
            return new AG(arrayCall("matmul", JType.VECTOR, x.e(), a.e()), JType.VECTOR, List.of(n), productInterval(x.iv(), a.iv(), k));
        }
        int k = n == 0 ? dim() : positiveDim();
        if (k == 0 && n > 0) {
            return null;
        }
        AG a = arr(JType.MATRIX, shape(JType.MATRIX, k, n), depth - 1);
        if (a.shape().get(0) == 0 && n > 0) {
            return null;
        }
        return new AG(arrayCall("sumRows", JType.VECTOR, a.e()), JType.VECTOR, List.of(n), sumInterval(a.iv(), k));
    }

    /** A matrix of shape {@code shape} from a product: {@code matmul(A, B)} or {@code transpose(A)}. */
    private AG matrixProduct(List<Integer> shape, int depth) {
        int rows = shape.get(0);
        int cols = shape.get(1);
        if (chance(0.6)) {
            if (rows == 0) {
                // a product with a factor of 0 rows has 0 rows whatever the other factor is
                AG a = arr(JType.MATRIX, List.of(0, 0), depth - 1);
                AG b = arr(JType.MATRIX, KNOWN_BUGS ? shape(JType.MATRIX, dim(), dim()) : List.of(0, 0), depth - 1);
                return new AG(arrayCall("matmul", JType.MATRIX, a.e(), b.e()), JType.MATRIX, shape, Interval.point(0));
            }
            int k = cols == 0 ? dim() : positiveDim();
            AG a = arr(JType.MATRIX, shape(JType.MATRIX, rows, k), depth - 1);
            AG b = arr(JType.MATRIX, shape(JType.MATRIX, k, cols), depth - 1);
            if (k == 0 && cols > 0) {
                return null;
            }
            return new AG(arrayCall("matmul", JType.MATRIX, a.e(), b.e()), JType.MATRIX, shape, productInterval(a.iv(), b.iv(), k));
        }
        if (cols == 0 && rows > 0) {
            return null; // the transpose of a 0xr matrix has 0 rows
        }
        AG a = arr(JType.MATRIX, shape(JType.MATRIX, cols, rows), depth - 1);
        return new AG(arrayCall("transpose", JType.MATRIX, a.e()), JType.MATRIX, shape, a.iv());
    }

    private static Interval productInterval(Interval a, Interval b, int k) {
        return sumInterval(a.times(b), k);
    }

    /** A variable of this type and shape, a row of a matrix, or a literal or {@code new} array. */
    private AG arrayLeaf(JType type, List<Integer> shape) {
        List<VarInfo> vars = new ArrayList<>();
        for (VarInfo v : arrayVars(type)) {
            if (v.shape.equals(shape) && canReadWhole(v)) {
                vars.add(v);
            }
        }
        if (biasArray != null && chance(0.6)) {
            VarInfo v = lookup(biasArray);
            if (v != null && vars.contains(v)) {
                return arrayVar(v.name);
            }
        }
        if (!vars.isEmpty() && chance(0.85)) {
            return arrayVar(vars.get(rnd.nextInt(vars.size())).name);
        }
        if (type == JType.VECTOR && chance(0.5)) {
            List<VarInfo> matrices = new ArrayList<>();
            for (VarInfo v : arrayVars(JType.MATRIX)) {
                if (v.shape.get(0) > 0 && v.shape.get(1).equals(shape.get(0)) && !v.written && canReadWhole(v) && loadable(v)) {
                    matrices.add(v);
                }
            }
            if (!matrices.isEmpty()) {
                VarInfo m = matrices.get(rnd.nextInt(matrices.size()));
                noteRead(m);
                m.shared = true; // a row read: m is never written then
                return new AG(new Index(new Var(m.name, m.type), index(m.shape.get(0)).e), type, shape, m.iv);
            }
        }
        return literalArray(type, shape, false);
    }

    /** {@code new double[] {...}}, {@code new double[][] {{...}}}, or {@code new double[n][m]} for empty or large shapes. */
    private AG literalArray(JType type, List<Integer> shape, boolean bare) {
        int n = count(shape);
        if (n == 0 || n > 9) {
            List<Expr> dims = new ArrayList<>();
            for (int k = 0; k < shape.size(); k++) {
                dims.add(intLiteral(type == JType.MATRIX && k == 1 && shape.get(0) == 0 ? dim() : shape.get(k)).e);
            }
            if (n == 0 && type == JType.VECTOR && chance(0.3)) {
                return new AG(new ArrLit(type, List.of(), 0, bare), type, shape, Interval.point(0));
            }
            return new AG(new NewArr(type, dims), type, shape, Interval.point(0));
        }
        List<Expr> elements = new ArrayList<>();
        Interval iv = null;
        for (int i = 0; i < n; i++) {
            G e = chance(0.3) ? doubleLiteral() : dbl(1);
            if (e.type() == JType.FLOAT) {
                e = cast(JType.DOUBLE, e);
            }
            elements.add(e.e);
            iv = iv == null ? e.iv : iv.hull(e.iv);
        }
        return new AG(new ArrLit(type, elements, type == JType.MATRIX ? shape.get(1) : 0, bare), type, shape, iv);
    }

    private AG boundArray(AG g) {
        if (g.iv().maxAbs() <= LIMIT) {
            return g;
        }
        if (!Double.isFinite(g.iv().maxAbs()) || chance(0.5)) {
            return new AG(arrayCall(chance(0.7) ? "tanh" : "sigmoid", g.type(), g.e()), g.type(), g.shape(),
                    new Interval(-1, 1));
        }
        double c = Math.pow(10, -Math.ceil(Math.log10(g.iv().maxAbs() / (LIMIT / 2))));
        G lit = literal(c);
        return new AG(arrayCall("scale", g.type(), lit.e, g.e()), g.type(), g.shape(), g.iv().times(lit.iv));
    }

    /** Wraps an array expression so that its elements lie in {@code target}. */
    private AG fitArray(AG g, Interval target) {
        if (g.iv().within(target)) {
            return g;
        }
        AG s = boundArray(g);
        JType t = s.type();
        AG tanh = new AG(arrayCall("tanh", t, s.e()), t, s.shape(), s.iv().monotone(Math::tanh));
        double lo = target.lo();
        double hi = target.hi();
        if (lo < 0 && hi > 0 && Math.min(-lo, hi) >= 0.5) {
            double a = Math.floor(Math.min(-lo, hi) * 0.9 * 10) / 10;
            if (a >= 1 && chance(0.4)) {
                return tanh;
            }
            G c = literal(Math.min(a, 2.5));
            return new AG(arrayCall("scale", t, c.e, tanh.e()), t, s.shape(), c.iv.times(tanh.iv()));
        }
        if (lo > 0 && lo < 1 && hi > 1) {
            // positive: exp(c tanh(s)), or max(s, c)
            if (chance(0.15) && s.iv().hi() <= hi && lo <= 0.5) {
                G c = pickDoubleLiteral("0.5", "1.0");
                return new AG(arrayCall("max", t, s.e(), c.e), t, s.shape(), new Interval(c.iv.lo(), Math.max(c.iv.hi(), s.iv().hi())));
            }
            double c = Math.min(Math.log(hi), -Math.log(lo));
            c = Math.min(1, Math.floor(c * 0.9 * 10) / 10);
            G lit = literal(c);
            AG scaled = new AG(arrayCall("scale", t, lit.e, tanh.e()), t, s.shape(), lit.iv.times(tanh.iv()));
            return new AG(arrayCall("exp", t, scaled.e()), t, s.shape(), scaled.iv().monotone(Math::exp));
        }
        // c + r tanh(s), with an array of constants c
        double c = round2((lo + hi) / 2);
        double r = Math.floor((hi - lo) * 0.45 * 100) / 100;
        while (c - r < lo || c + r > hi) {
            r = Math.floor(r * 0.9 * 100) / 100;
        }
        G radius = literal(r);
        AG scaled = new AG(arrayCall("scale", t, radius.e, tanh.e()), t, s.shape(), radius.iv.times(tanh.iv()));
        AG constants = constantArray(t, s.shape(), c);
        return new AG(arrayCall("add", t, scaled.e(), constants.e()), t, s.shape(), scaled.iv().plus(constants.iv()));
    }

    /** An initializer of this shape whose elements are all {@code c} ({@code new double[n][0]} and the like when empty). */
    private AG constantArray(JType type, List<Integer> shape, double c) {
        int n = count(shape);
        if (n == 0 && type == JType.MATRIX) {
            int rows = shape.get(0);
            return new AG(new NewArr(type, List.of(intLiteral(rows).e, intLiteral(rows == 0 ? dim() : 0).e)), type, shape, Interval.point(0));
        }
        List<Expr> elements = new ArrayList<>();
        G lit = literal(c);
        for (int i = 0; i < n; i++) {
            elements.add(lit.e);
        }
        return new AG(new ArrLit(type, elements, type == JType.MATRIX ? shape.get(1) : 0, false), type, shape, lit.iv);
    }

    /** An array safely away from zero in every element: positive, or its negation. */
    private AG divisorArray(AG g) {
        if (g.iv().awayFromZero(DIVISOR.lo()) && g.iv().maxAbs() <= DIVISOR.hi()) {
            return g;
        }
        AG positive = fitArray(g, DIVISOR);
        if (chance(0.25)) {
            return new AG(arrayCall("negate", positive.type(), positive.e()), positive.type(), positive.shape(), positive.iv().negate());
        }
        return positive;
    }

    // ------------------------------------------------------------------ scopes and names

    private List<VarInfo> allVars() {
        List<VarInfo> out = new ArrayList<>();
        for (Map<String, VarInfo> scope : scopes) {
            out.addAll(scope.values());
        }
        return out;
    }

    private List<VarInfo> doubleVars() {
        List<VarInfo> out = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.DOUBLE && v.assigned) {
                out.add(v);
            }
        }
        return out;
    }

    private List<VarInfo> intVars() {
        List<VarInfo> out = new ArrayList<>();
        for (VarInfo v : allVars()) {
            if (v.type == JType.INT && v.assigned) {
                out.add(v);
            }
        }
        return out;
    }

    private VarInfo boolVar() {
        for (VarInfo v : allVars()) {
            if (v.type == JType.BOOLEAN) {
                return v;
            }
        }
        return null;
    }

    private VarInfo lookup(String name) {
        for (Map<String, VarInfo> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        return null;
    }

    private String freshLocal() {
        String name = chance(0.12) ? freshName(TRICKY_LOCALS) : freshName(LOCAL_NAMES);
        if (name == null) {
            name = freshName(LOCAL_NAMES);
        }
        for (int i = 0; name == null; i++) {
            String candidate = "l" + i;
            if (lookup(candidate) == null) {
                name = candidate;
            }
        }
        return name;
    }

    /** A name from {@code pool} not visible in the current scopes (Java forbids shadowing a local). */
    private String freshName(String[] pool) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String name = pool[rnd.nextInt(pool.length)];
            if (lookup(name) == null) {
                return name;
            }
        }
        for (String name : pool) {
            if (lookup(name) == null) {
                return name;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ randomness

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private char pick(char a, char b) {
        return chance(0.5) ? a : b;
    }

    private int pickInt(int... options) {
        return options[rnd.nextInt(options.length)];
    }

    private String pickText(String[][] options) {
        return options[rnd.nextInt(options.length)][0];
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
