package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;

/**
 * Compiles Java sources in memory with {@link DifferentiableProcessor}, insists on a clean compilation
 * (no errors, no warnings under {@code -Xlint:all}) and loads every class the compilation wrote, so
 * that tests can call the original methods and the generated gradients reflectively.
 *
 * <p>Arguments are passed boxed: a {@link Double} (or any other {@link Number}) for a {@code double}
 * parameter, an {@link Integer} for {@code int}, a {@link Long} (or {@link Integer}) for {@code long},
 * a {@link Boolean} for {@code boolean}.
 */
final class GeneratedCode {

    /** Central differences: relative step, scaled by {@code max(1, |x|)}. */
    static final double FD_STEP = 1e-6;
    /** Central differences: tolerance, used both absolutely and relative to the estimate. */
    static final double FD_TOLERANCE = 1e-6;

    private final Compilation compilation;
    private final GeneratedClassLoader loader;

    private GeneratedCode(Compilation compilation) {
        this.compilation = compilation;
        this.loader = new GeneratedClassLoader(classBytes(compilation), GeneratedCode.class.getClassLoader());
    }

    // ------------------------------------------------------------------ compiling

    /** A source file for {@code compile}; {@code qualifiedName} is the top-level class, e.g. {@code p.C}. */
    static JavaFileObject source(String qualifiedName, String code) {
        return JavaFileObjects.forSourceString(qualifiedName, code);
    }

    /** Compiles with the processor and {@code -Xlint:all}; fails the test unless it succeeds without warnings. */
    static GeneratedCode compile(JavaFileObject... sources) {
        return compileWith(new DifferentiableProcessor(), sources);
    }

    /** {@link #compile}, with a processor made for the test. */
    static GeneratedCode compileWith(DifferentiableProcessor processor, JavaFileObject... sources) {
        Compilation compilation = Compiler.javac()
                .withProcessors(processor)
                .withOptions("-Xlint:all")
                .compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        return new GeneratedCode(compilation);
    }

    /** The classes of a compilation made by the test itself (without the processor, say), to load them. */
    static GeneratedCode of(Compilation compilation) {
        assertThat(compilation).succeeded();
        return new GeneratedCode(compilation);
    }

    /**
     * Compiles the sources the first time {@link Once#get()} is called and hands out the same result
     * (or the same failure) afterwards, so a test class compiles each source once and a source the
     * processor rejects only fails the tests that use it.
     */
    static Once once(JavaFileObject... sources) {
        return new Once(sources);
    }

    static final class Once {
        private final JavaFileObject[] sources;
        private GeneratedCode code;
        private Throwable failure;

        private Once(JavaFileObject[] sources) {
            this.sources = sources.clone();
        }

        synchronized GeneratedCode get() {
            if (code == null && failure == null) {
                try {
                    code = compile(sources);
                } catch (Throwable t) {
                    failure = t;
                }
            }
            if (failure != null) {
                throw new AssertionError("compiling " + Arrays.stream(sources).map(JavaFileObject::getName)
                        .collect(Collectors.joining(", ")) + " failed: " + failure.getMessage(), failure);
            }
            return code;
        }
    }

    private static Map<String, byte[]> classBytes(Compilation compilation) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            String marker = "/CLASS_OUTPUT/";
            int at = path.indexOf(marker);
            assertTrue(at >= 0 && path.endsWith(".class"), "unexpected class file location " + file.toUri());
            String binaryName = path.substring(at + marker.length(), path.length() - ".class".length())
                    .replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(binaryName, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classes;
    }

    /** Child-first: classes of this compilation win over same-named classes of other compilations. */
    private static final class GeneratedClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        GeneratedClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name)) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    // ------------------------------------------------------------------ classes

    Compilation compilation() {
        return compilation;
    }

    /** The generated Java source of a top-level class, for diagnostics. */
    String generatedSource(String qualifiedName) {
        String suffix = "/" + qualifiedName.replace('.', '/') + ".java";
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            if (file.toUri().getPath().endsWith(suffix)) {
                try {
                    return file.getCharContent(true).toString();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return fail("no generated source " + qualifiedName);
    }

    /** Loads a class of this compilation by binary name ({@code p.Outer$Inner} for nested classes). */
    Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, true, loader);
        } catch (ClassNotFoundException e) {
            return fail("class " + binaryName + " was not generated; classes: " + loader.classes.keySet());
        }
    }

    /** The companion's name: {@code p.C -> p.CGrad}, {@code p.Outer$Inner -> p.Outer_InnerGrad}. */
    static String companionName(String binaryName) {
        return binaryName.replace('$', '_') + "Grad";
    }

    Class<?> companion(String binaryName) {
        return load(companionName(binaryName));
    }

    // ------------------------------------------------------------------ calling

    /** Calls the original method {@code cls.method(args)}. */
    double primal(String cls, String method, Object... args) {
        Method m = find(load(cls), method, args);
        m.setAccessible(true);
        return (Double) invoke(m, null, convert(m, args));
    }

    /** The gradient's record method {@code d<method>} of the companion, for the given (boxed) argument values. */
    Method gradientMethod(String cls, String method, Object... args) {
        return find(companion(cls), "d" + method, args);
    }

    /** The zero-allocation method {@code d<method>(..., double[] grad)} of the companion. */
    Method gradientIntoMethod(String cls, String method, Object... args) {
        return find(companion(cls), "d" + method, args, double[].class);
    }

    /** Calls the record form {@code CGrad.d<method>(args)}. */
    Gradient gradient(String cls, String method, Object... args) {
        Method m = gradientMethod(cls, method, args);
        assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()),
                m + " must be public static");
        assertTrue(m.getReturnType().isRecord(), m + " must return a record");
        Object record = invoke(m, null, convert(m, args));
        assertTrue(record != null, m + " returned null");
        return new Gradient(record);
    }

    /** Calls the zero-allocation form {@code CGrad.d<method>(args..., grad)} and returns its value. */
    double gradientInto(String cls, String method, double[] grad, Object... args) {
        Method m = gradientIntoMethod(cls, method, args);
        assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()),
                m + " must be public static");
        assertEquals(double.class, m.getReturnType(), m + " must return double");
        return (Double) invoke(m, null, convert(m, args, grad));
    }

    /**
     * Central finite difference of {@code cls.method} with respect to argument {@code index} (a
     * {@code double} argument), step {@code 1e-6 * max(1, |x|)}.
     */
    double centralDifference(String cls, String method, int index, Object... args) {
        double x = ((Number) args[index]).doubleValue();
        double h = FD_STEP * Math.max(1.0, Math.abs(x));
        double up = x + h;
        double down = x - h;
        Object[] plus = args.clone();
        Object[] minus = args.clone();
        plus[index] = up;
        minus[index] = down;
        return (primal(cls, method, plus) - primal(cls, method, minus)) / (up - down);
    }

    /** Asserts that {@code actual} equals the finite-difference estimate within {@link #FD_TOLERANCE}. */
    static void assertMatchesDifference(double estimate, double actual, String what) {
        double tolerance = FD_TOLERANCE * (1.0 + Math.abs(estimate));
        if (!(Math.abs(actual - estimate) <= tolerance)) {
            fail(what + ": gradient " + actual + " but central difference " + estimate
                    + " (tolerance " + tolerance + ")");
        }
    }

    /**
     * Checks the record gradient of {@code cls.method} at {@code args} against central differences:
     * {@code diffIndices} are the argument positions of the differentiated parameters in declaration
     * order. Also checks value() against the primal and the zero-allocation form against the record.
     */
    Gradient assertGradientMatchesDifferences(String cls, String method, int[] diffIndices, Object... args) {
        String where = cls + "." + method + Arrays.toString(args);
        Gradient g = gradient(cls, method, args);
        double[] partials = g.partials();
        assertEquals(diffIndices.length, partials.length, where + ": number of partials in " + g);
        double primal = primal(cls, method, args);
        assertEquals(primal, g.value(), 1e-12 * Math.max(1.0, Math.abs(primal)), where + ": value()");
        for (int i = 0; i < diffIndices.length; i++) {
            double estimate = centralDifference(cls, method, diffIndices[i], args);
            assertMatchesDifference(estimate, partials[i], where + " d/d(arg " + diffIndices[i] + ")");
        }
        double[] grad = new double[diffIndices.length];
        Arrays.fill(grad, Double.NaN);
        double value = gradientInto(cls, method, grad, args);
        assertEquals(g.value(), value, 0.0, where + ": value of the zero-allocation form");
        for (int i = 0; i < grad.length; i++) {
            // calls are inlined in the zero-allocation form, which associates the products differently
            assertEquals(partials[i], grad[i], 1e-13 * (1 + Math.abs(partials[i])),
                    where + ": grad[" + i + "] of the zero-allocation form");
        }
        return g;
    }

    private static Method find(Class<?> owner, String name, Object[] args, Class<?>... trailing) {
        List<Method> candidates = new ArrayList<>();
        List<Method> exact = new ArrayList<>();
        for (Method m : owner.getDeclaredMethods()) {
            Class<?>[] types = m.getParameterTypes();
            if (!m.getName().equals(name) || types.length != args.length + trailing.length) {
                continue;
            }
            boolean ok = true;
            boolean allExact = true;
            for (int i = 0; i < args.length && ok; i++) {
                ok = accepts(types[i], args[i]);
                allExact &= types[i] == primitiveOf(args[i]);
            }
            for (int i = 0; i < trailing.length && ok; i++) {
                ok = types[args.length + i] == trailing[i];
            }
            if (ok) {
                candidates.add(m);
                if (allExact) {
                    exact.add(m);
                }
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (exact.size() == 1) {
            return exact.get(0);
        }
        return fail("expected one method " + owner.getName() + "." + name + " for arguments "
                + Arrays.toString(args) + (trailing.length > 0 ? " + " + Arrays.toString(trailing) : "")
                + ", found " + candidates + "; declared: " + Arrays.toString(owner.getDeclaredMethods()));
    }

    private static Class<?> primitiveOf(Object arg) {
        if (arg instanceof Double) {
            return double.class;
        } else if (arg instanceof Integer) {
            return int.class;
        } else if (arg instanceof Long) {
            return long.class;
        } else if (arg instanceof Boolean) {
            return boolean.class;
        }
        return null;
    }

    private static boolean accepts(Class<?> type, Object arg) {
        if (type == double.class) {
            return arg instanceof Number;
        } else if (type == int.class) {
            return arg instanceof Integer;
        } else if (type == long.class) {
            return arg instanceof Long || arg instanceof Integer;
        } else if (type == boolean.class) {
            return arg instanceof Boolean;
        }
        return type.isArray() && type.isInstance(arg);
    }

    private static Object[] convert(Method m, Object[] args, Object... trailing) {
        Class<?>[] types = m.getParameterTypes();
        Object[] out = new Object[args.length + trailing.length];
        for (int i = 0; i < args.length; i++) {
            if (types[i] == double.class) {
                out[i] = ((Number) args[i]).doubleValue();
            } else if (types[i] == long.class) {
                out[i] = ((Number) args[i]).longValue();
            } else {
                out[i] = args[i];
            }
        }
        System.arraycopy(trailing, 0, out, args.length, trailing.length);
        return out;
    }

    /** Invokes a method; exceptions thrown by the method itself are rethrown unwrapped. */
    private static Object invoke(Method m, Object target, Object[] args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new AssertionError(m + " threw " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new AssertionError("cannot call " + m, e);
        }
    }

    // ------------------------------------------------------------------ gradient records

    /** A record returned by a generated {@code d<method>}: {@code value()} and {@code d<param>()} components. */
    static final class Gradient {
        private final Object record;
        private final RecordComponent[] components;

        Gradient(Object record) {
            this.record = record;
            this.components = record.getClass().getRecordComponents();
            for (RecordComponent c : components) {
                assertEquals(double.class, c.getType(), "component " + c.getName() + " of " + record.getClass());
            }
        }

        Class<?> type() {
            return record.getClass();
        }

        /** Component names in declaration order, e.g. {@code [value, dx, dy]}. */
        List<String> componentNames() {
            return Arrays.stream(components).map(RecordComponent::getName).toList();
        }

        double value() {
            return component("value");
        }

        /** {@code d("x")} reads component {@code dx()}. */
        double d(String param) {
            return component("d" + param);
        }

        /** Every component after {@code value}, in declaration order. */
        double[] partials() {
            assertTrue(components.length > 0 && components[0].getName().equals("value"),
                    "first component must be value: " + componentNames());
            double[] out = new double[components.length - 1];
            for (int i = 1; i < components.length; i++) {
                out[i - 1] = read(components[i]);
            }
            return out;
        }

        double component(String name) {
            for (RecordComponent c : components) {
                if (c.getName().equals(name)) {
                    return read(c);
                }
            }
            return fail("no component " + name + " in " + record.getClass().getName() + componentNames());
        }

        private double read(RecordComponent c) {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return (Double) invoke(accessor, record, new Object[0]);
        }

        @Override
        public String toString() {
            return String.valueOf(record);
        }
    }
}
