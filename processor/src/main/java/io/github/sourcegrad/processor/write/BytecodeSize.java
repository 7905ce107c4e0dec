package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A conservative estimate of the bytecode javac emits for a generated method, from its source: the JVM limits a
 * method's code to {@value #LIMIT} bytes, and javac reports a larger one as {@code code too large} at a line of
 * the generated file, where the user can do nothing about it. The processor compares the estimate with the
 * limit and reports at the user's method instead.
 *
 * <p>The estimate charges each token of the generated code what it costs at most in javac's output for the
 * code SourceGrad writes (only locals, {@code double}/{@code int} arithmetic, static calls, array accesses,
 * the tape): a local variable is loaded or stored with a {@code wide} instruction (4 bytes, which every local
 * beyond the first 128 {@code double}s needs), a literal with {@code ldc2_w} (3), a call with an {@code invoke}
 * (3), a comparison with a compare and a branch (4), a compound assignment loads and stores its variable.
 * Calibrated against javac's real output ({@code BytecodeSizeTest}): the estimate is never below the real size
 * of a large method and at most about a quarter above it.
 */
public final class BytecodeSize {
    /** The JVM's limit on the code of one method (JVMS 4.7.3: {@code code_length < 65536}). */
    public static final int LIMIT = 65_535;

    /**
     * HotSpot does not compile a method of more bytecode than this ({@code -XX:+DontCompileHugeMethods}, the
     * default): it stays interpreted. The zero-allocation form keeps its calls rather than grow beyond it.
     */
    public static final int JIT_LIMIT = 8_000;

    private BytecodeSize() {
    }

    /** The estimated size in bytes of the code of {@code method}, a static method. */
    public static int estimate(MethodSpec method) {
        return estimate(method, method.code().toString());
    }

    /** The estimated size in bytes of the code of {@code method}, a static method whose body renders as {@code code}. */
    public static int estimate(MethodSpec method, String code) {
        Map<String, Boolean> parameters = new LinkedHashMap<>();
        for (ParameterSpec p : method.parameters()) {
            parameters.put(p.name(), p.type().equals(TypeName.DOUBLE) || p.type().equals(TypeName.LONG));
        }
        return estimate(code, parameters) + 1; // a void method's implicit return
    }

    /**
     * The estimated size in bytes of the bytecode of a static method's body written as {@code code}; {@code
     * parameters} maps each parameter's name, in order, to whether it takes two slots ({@code double}, {@code
     * long}).
     */
    public static int estimate(String code, Map<String, Boolean> parameters) {
        Estimate estimate = new Estimate(code);
        parameters.forEach((name, wide) -> estimate.declare(name, wide ? 2 : 1));
        return estimate.run();
    }

    /**
     * One pass over the tokens. Locals get their slots as javac gives them: in declaration order after the
     * parameters, two for a {@code double} or {@code long}, and a block's slots are free again after it, so
     * that a load costs what its slot number costs ({@code dload_1}: 1 byte, {@code dload 200}: 2, {@code wide
     * dload 300}: 4). A name that is neither a parameter nor a local and qualifies something ({@code
     * io.github.sourcegrad.ArrayMath.tanh}) is a package or class: free.
     */
    private static final class Estimate {
        private final String code;
        private final Map<String, Integer> slots = new HashMap<>();
        private final Deque<Integer> blocks = new ArrayDeque<>();
        private int next;
        private int size;
        private int i;
        private char previous = ' '; // the last character of the previous token
        private String declaring; // the type of a declaration whose name comes next

        Estimate(String code) {
            this.code = code;
        }

        void declare(String name, int size) {
            slots.put(name, next);
            next += size;
        }

        int run() {
            int n = code.length();
            while (i < n) {
                char c = code.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') { // a comment
                    while (i < n && code.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '"') { // a string literal: ldc
                    i++;
                    while (i < n && code.charAt(i) != '"') {
                        i += code.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                    size += 3;
                    previous = '"';
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '.' || code.charAt(i) == '_'
                            || ((code.charAt(i) == '-' || code.charAt(i) == '+') && Character.toLowerCase(code.charAt(i - 1)) == 'e'))) {
                        i++;
                    }
                    String literal = code.substring(start, i);
                    size += literal.equals("0") || literal.equals("1") || literal.equals("0.0") || literal.equals("1.0") ? 1 : 3;
                    previous = '0';
                } else if (Character.isJavaIdentifierStart(c)) {
                    int start = i;
                    while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) {
                        i++;
                    }
                    int next = i;
                    while (next < n && code.charAt(next) == ' ') {
                        next++;
                    }
                    size += word(code.substring(start, i), next < n ? code.charAt(next) : ' ');
                    previous = 'a';
                } else {
                    size += operator();
                }
            }
            return size;
        }

        private int word(String word, char after) {
            switch (word) {
                case "double", "long" -> {
                    declaring = after == '[' ? "array" : word;
                    return 0;
                }
                case "int", "boolean" -> {
                    declaring = after == '[' ? "array" : word;
                    return word.equals("boolean") ? 5 : 0; // a comparison's value: iconst_1, goto, iconst_0
                }
                case "if", "while" -> {
                    return 0; // the comparison pays for its own branch (a boolean variable's from the margin)
                }
                case "else", "break", "continue", "for", "do" -> {
                    return 3; // a goto
                }
                case "return", "throw" -> {
                    return 1;
                }
                case "new" -> {
                    return 7; // new, dup, invokespecial; or newarray / multianewarray and their dimensions
                }
                case "true", "false", "null", "this", "final", "var", "void" -> {
                    return word.equals("final") || word.equals("void") ? 0 : 1;
                }
                default -> {
                    if (after == '(') {
                        declaring = null;
                        return 3; // an invoke
                    }
                    if (after == '.' && !slots.containsKey(word)) {
                        return 0; // a package or class name qualifying a static call or field
                    }
                    if (previous == '.') {
                        return 3; // a field: getstatic, or arraylength
                    }
                    if (declaring == null && Character.isUpperCase(word.charAt(0)) && Character.isJavaIdentifierStart(after)) {
                        declaring = "reference"; // Tape tape, or a record
                        return 0;
                    }
                    if (declaring != null && (after == '=' || after == ';' || after == ':')) {
                        declare(word, declaring.equals("double") || declaring.equals("long") ? 2 : 1);
                        declaring = null;
                    }
                    Integer slot = slots.get(word);
                    return slot == null || slot > 255 ? 4 : slot > 3 ? 2 : 1; // a load or a store
                }
            }
        }

        /** The first characters of {@link #LONG_OPERATORS}: any other character is an operator of its own. */
        private static final String MAY_BEGIN_LONG_OPERATOR = "<>=!&|+-*/";

        /** The operators of more than one character, longest first where one begins another. */
        private static final String[] LONG_OPERATORS = {">>>", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "++", "--"};

        private int operator() {
            String op = null;
            if (MAY_BEGIN_LONG_OPERATOR.indexOf(code.charAt(i)) >= 0) {
                for (String candidate : LONG_OPERATORS) {
                    if (code.startsWith(candidate, i)) {
                        op = candidate;
                        break;
                    }
                }
            }
            if (op == null) {
                op = String.valueOf(code.charAt(i));
            }
            i += op.length();
            previous = op.charAt(op.length() - 1);
            switch (op) {
                case "{" -> blocks.push(next);
                case "}" -> next = blocks.isEmpty() ? next : blocks.pop();
                case "]" -> {
                    if (declaring != null) {
                        declaring = "array";
                    }
                }
                default -> { }
            }
            if (!op.equals("[") && !op.equals("]")) {
                declaring = op.equals(",") && declaring != null ? declaring : null;
            }
            return switch (op) {
                case "<", ">", "<=", ">=", "==", "!=" -> 4; // dcmpg and a branch, or if_icmpXX
                case "&&", "||" -> 3; // a branch
                case "!" -> 4;
                case "?" -> 6; // a branch and a goto
                case "+=", "-=", "*=", "/=" -> 5; // the operation, and a load of the variable
                case "++", "--" -> 2; // iinc, wide
                case "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>" -> 1;
                case "~" -> 4; // ldc2_w -1L and lxor (iconst_m1 and ixor for an int)
                case "[" -> 1; // an array load or store
                case ";" -> 1; // margin: an implicit i2d, a cast, a pop that the tokens do not show
                default -> 0; // ( ) { } , . = :
            };
        }
    }
}
