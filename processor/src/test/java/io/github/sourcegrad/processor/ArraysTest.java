package io.github.sourcegrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arrays in {@code @Differentiable} methods: {@code double[]} and {@code double[][]} parameters, locals and
 * results, the vectorized operations of {@code ArrayMath}, loops over elements, element writes, pullbacks of
 * array results, gradient buffers, shape errors at run time and the compile errors of the rules on writes.
 *
 * <p>Every test checks numbers: closed-form gradients where they are known (to rounding), the same function
 * written with loops and with {@code ArrayMath} against each other, and otherwise 4-point central differences
 * of the original method, perturbing one array element at a time. Every gradient check also compares the
 * buffer form {@code df(..., gradX, ...)} with the record form, checks that the buffers are overwritten rather
 * than accumulated, that the record's arrays are fresh and have their parameters' shapes, and that the
 * gradient leaves its arguments unchanged.
 */
class ArraysTest {

    /** Relative tolerance (to the largest magnitude of the expected array) of exact checks: rounding only. */
    private static final double EPS = 1e-12;
    /** Step of the central differences, relative to {@code max(1, |x|)}. */
    private static final double FD_STEP = 1e-4;
    /** Tolerance of the central differences, absolute and relative to the estimate. */
    private static final double FD_TOLERANCE = 1e-7;

    // ------------------------------------------------------------------ sources

    private static final String BASICS = "arr.Basics";
    private static final GeneratedCode.Once BASIC_CODE = GeneratedCode.once(source(BASICS, """
            package arr;

            import static io.github.sourcegrad.ArrayMath.*;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Basics {
                @Differentiable
                static double dotVectorized(double[] a, double[] b) {
                    return ArrayMath.dot(a, b);
                }

                @Differentiable
                static double dotLoop(double[] a, double[] b) {
                    double s = 0;
                    for (int i = 0; i < a.length; i++) {
                        s += a[i] * b[i];
                    }
                    return s;
                }

                @Differentiable
                static double quadraticFormVectorized(double[] x, double[][] A) {
                    return dot(x, matmul(A, x));
                }

                @Differentiable
                static double quadraticFormLoop(double[] x, double[][] A) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int j = 0; j < x.length; j++) {
                            s += x[i] * A[i][j] * x[j];
                        }
                    }
                    return s;
                }

                /** x^T A x by rows: a while loop that reads A[i] into a local and calls dot on it. */
                @Differentiable
                static double quadraticFormRows(double[] x, double[][] A) {
                    double s = 0;
                    int i = 0;
                    while (i < A.length) {
                        double[] row = A[i];
                        s += x[i] * dot(row, x);
                        i++;
                    }
                    return s;
                }

                @Differentiable
                static double sumOfSquaresLoop(double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += x[i] * x[i];
                    }
                    return s;
                }

                @Differentiable
                static double sumOfSquaresVectorized(double[] x) {
                    return sum(square(x));
                }

                @Differentiable
                static double frobeniusLoop(double[][] M) {
                    double s = 0;
                    for (int i = 0; i < M.length; i++) {
                        for (int j = 0; j < M[i].length; j++) {
                            s += M[i][j] * M[i][j];
                        }
                    }
                    return s;
                }

                @Differentiable
                static double frobeniusVectorized(double[][] M) {
                    return dot(M, M);
                }

                @Differentiable
                static double sumOfProduct(double[][] A, double[][] B) {
                    return sum(matmul(A, B));
                }

                @Differentiable
                static double productDot(double[][] A, double[][] B, double[][] C) {
                    return dot(matmul(A, B), C);
                }

                @Differentiable
                static double bilinear(double[] y, double[][] A, double[] x) {
                    return dot(y, matmul(A, x));
                }

                @Differentiable
                static double rowTimesMatrix(double[] x, double[][] A, double[] y) {
                    return dot(matmul(x, A), y);
                }

                /** 3x + x^2. */
                @Differentiable
                static double elementWrites(double x) {
                    double[] v = new double[2];
                    v[0] = x;
                    v[1] = x * x;
                    v[0] *= 3;
                    return v[0] + v[1];
                }

                /** (x + y)^2 (2 - x y) + x / y + 1. */
                @Differentiable
                static double compoundWrites(double x, double y) {
                    double[] v = new double[] {0, 0, 0};
                    v[0] = x;
                    v[0] += y;
                    v[1] = 2;
                    v[1] -= x * y;
                    v[2] = x;
                    v[2] /= y;
                    v[2]++;
                    v[1] *= v[0];
                    return v[0] * v[1] + v[2];
                }

                /** |M x|^2, with M x accumulated into a new array by += in a double loop. */
                @Differentiable
                static double accumulatedProduct(double[][] M, double[] x) {
                    double[] g = new double[M.length];
                    for (int i = 0; i < M.length; i++) {
                        for (int j = 0; j < x.length; j++) {
                            g[i] += M[i][j] * x[j];
                        }
                    }
                    return dot(g, g);
                }

                /** |a|^2 |b|^2: the outer product accumulated into a new matrix, then sum(square(G)). */
                @Differentiable
                static double outerAccumulated(double[] a, double[] b) {
                    double[][] G = new double[a.length][b.length];
                    for (int i = 0; i < a.length; i++) {
                        for (int j = 0; j < b.length; j++) {
                            G[i][j] += a[i] * b[j];
                        }
                    }
                    return sum(square(G));
                }

                /** (x y)(x + y) + 3 x y. */
                @Differentiable
                static double vectorInitializer(double x, double y) {
                    double[] v = {x * y, x + y, 3};
                    return v[0] * v[1] + v[2] * v[0];
                }

                /** The determinant of {{x, y}, {x y, 1}}: x - x y^2. */
                @Differentiable
                static double matrixInitializer(double x, double y) {
                    double[][] m = {{x, y}, {x * y, 1}};
                    return m[0][0] * m[1][1] - m[0][1] * m[1][0];
                }

                /** u^T R(t) v with the rotation R(t) = {{cos t, -sin t}, {sin t, cos t}}. */
                @Differentiable
                static double rotation(double[] u, double[] v, double t) {
                    double c = Math.cos(t);
                    double s = Math.sin(t);
                    double[][] R = {{c, -s}, {s, c}};
                    return dot(u, matmul(R, v));
                }

                /** v[i] = x[i] y where x[i] > 0, else v[i] -= y (so -y); then sum of v[i]^2 in a second loop. */
                @Differentiable
                static double branchWrites(double[] x, double y) {
                    double[] v = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        if (x[i] > 0) {
                            v[i] = x[i] * y;
                        } else {
                            v[i] -= y;
                        }
                    }
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += v[i] * v[i];
                    }
                    return s;
                }

                /** m = {{y, 0}, {0, y^2}} written element by element, then sum(m x) + dot(m, m). */
                @Differentiable
                static double writtenMatrixInOperations(double[] x, double y) {
                    double[][] m = new double[2][2];
                    m[0][0] = y;
                    m[1][1] = y * y;
                    return sum(matmul(m, x)) + dot(m, m);
                }

                /** The fix that the error on writing into a parameter suggests: write into a copy. */
                @Differentiable
                static double writeIntoCopy(double[] x, double y) {
                    double[] v = copy(x);
                    v[0] = y * v[0];
                    v[1] += y;
                    return dot(v, v);
                }

                /** The one-line fix the error suggests: the parameter becomes a copy, then x[i] = y x[i]^2 in a loop. */
                @Differentiable
                static double parameterReassignedToACopy(double[] x, double y) {
                    x = copy(x);
                    for (int i = 0; i < x.length; i++) {
                        x[i] = y * x[i] * x[i];
                    }
                    return x[0] + 3 * x[1] + x[2] * x[2];
                }

                /** The same for a matrix parameter: m01 <- m01 m10, then m01 + m11. */
                @Differentiable
                static double matrixParameterReassignedToACopy(double[][] m, double y) {
                    m = copy(m);
                    m[0][1] = m[0][1] * m[1][0];
                    m[1][1] += y;
                    return m[0][1] + m[1][1] * m[1][1];
                }

                /** The result of an ArrayMath operation, made a copy in one line before it is written: e = exp(x). */
                @Differentiable
                static double arrayMathResultReassignedToACopy(double[] x) {
                    double[] e = exp(x);
                    e = copy(e);
                    e[0] = e[0] * e[1];
                    return sum(e);
                }

                /** An array created, written and read inside each iteration: sum_i x[i]^2 y. */
                @Differentiable
                static double arrayPerIteration(double[] x, double y) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double[] t = new double[2];
                        t[0] = x[i];
                        t[1] = x[i] * y;
                        s += t[1] * t[0];
                    }
                    return s;
                }

                /** Loops that count with .length arithmetic and int indices: sum_i x[i] x[n-1-i] + sum_i x[i/2]. */
                @Differentiable
                static double indexArithmetic(double[] x) {
                    int n = x.length;
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += x[i] * x[n - 1 - i];
                    }
                    for (int i = 0; i < 2 * n; i++) {
                        s += x[i / 2];
                    }
                    return s;
                }

                /** sum_i c x[i]^k with an int parameter k and a scalar parameter c mixed with an array. */
                @Differentiable
                static double mixedScalars(double c, double[] x, int k) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double p = 1;
                        for (int j = 0; j < k; j++) {
                            p *= x[i];
                        }
                        s += c * p;
                    }
                    return s;
                }
            }
            """));

    private static final String COMPOSED = "arr.Composed";
    private static final GeneratedCode.Once COMPOSED_CODE = GeneratedCode.once(source(COMPOSED, """
            package arr;

            import static io.github.sourcegrad.ArrayMath.*;

            import io.github.sourcegrad.Differentiable;

            class Composed {
                /** A dense tanh layer over a minibatch: a method that returns an array. */
                @Differentiable
                static double[][] dense(double[][] X, double[][] W, double[] b) {
                    return tanh(addRow(matmul(X, W), b));
                }

                @Differentiable
                static double meanSquaredError(double[][] P, double[][] Y) {
                    return sum(square(subtract(P, Y))) / P.length;
                }

                /** Two layers and a loss, each its own method: the calls pass arrays, so they are written inline. */
                @Differentiable(wrt = {"W1", "b1", "W2", "b2"})
                static double composed(double[][] X, double[][] Y, double[][] W1, double[] b1, double[][] W2, double[] b2) {
                    double[][] H = dense(X, W1, b1);
                    return meanSquaredError(dense(H, W2, b2), Y);
                }

                /** The same network in one method. */
                @Differentiable(wrt = {"W1", "b1", "W2", "b2"})
                static double flat(double[][] X, double[][] Y, double[][] W1, double[] b1, double[][] W2, double[] b2) {
                    double[][] H = tanh(addRow(matmul(X, W1), b1));
                    double[][] P = tanh(addRow(matmul(H, W2), b2));
                    return sum(square(subtract(P, Y))) / P.length;
                }

                /** A scalar network over a batch with loops: h is created, written and read in each iteration. */
                @Differentiable(wrt = {"W1", "b1", "w2"})
                static double batchLoops(double[][] X, double[] y, double[][] W1, double[] b1, double[] w2) {
                    double loss = 0;
                    for (int n = 0; n < X.length; n++) {
                        double[] h = new double[b1.length];
                        for (int j = 0; j < b1.length; j++) {
                            double a = b1[j];
                            for (int k = 0; k < X[n].length; k++) {
                                a += X[n][k] * W1[k][j];
                            }
                            h[j] = Math.tanh(a);
                        }
                        double z = 0;
                        for (int j = 0; j < h.length; j++) {
                            z += h[j] * w2[j];
                        }
                        double r = z - y[n];
                        loss += r * r;
                    }
                    return loss;
                }

                /** The same network with ArrayMath, one row at a time. */
                @Differentiable(wrt = {"W1", "b1", "w2"})
                static double batchRows(double[][] X, double[] y, double[][] W1, double[] b1, double[] w2) {
                    double[] z = matmul(tanh(addRow(matmul(X, W1), b1)), w2);
                    return sum(square(subtract(z, y)));
                }

                /** Softmax's normalizer with loops: e[i] is written and read in the same loop, so the read is taped. */
                @Differentiable
                static double softmaxSquares(double[] z) {
                    double[] e = new double[z.length];
                    double s = 0;
                    for (int i = 0; i < z.length; i++) {
                        e[i] = Math.exp(z[i]);
                        s += e[i];
                    }
                    double p = 0;
                    for (int i = 0; i < z.length; i++) {
                        p += e[i] * e[i] / (s * s);
                    }
                    return p;
                }

                /** In-place updates of a copy: each loop overwrites the elements the one before it wrote. */
                @Differentiable
                static double inPlace(double[] x) {
                    double[] y = copy(x);
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.tanh(y[i]) * y[i];
                    }
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.sin(y[i]);
                    }
                    double s = 0;
                    for (int i = 0; i < y.length; i++) {
                        s += y[i] * y[i] * y[i];
                    }
                    return s;
                }

                /** A recurrence through an array: c[i] reads c[i - 1], which the previous iteration wrote. */
                @Differentiable
                static double prefix(double[] x) {
                    double[] c = copy(x);
                    for (int i = 1; i < c.length; i++) {
                        c[i] = c[i - 1] * c[i] + Math.sin(c[i - 1]);
                    }
                    return c[c.length - 1];
                }

                /** A vector recurrent cell: the loop reassigns h, whose old arrays the tape keeps by reference. */
                @Differentiable(wrt = {"W", "U", "b", "v"})
                static double rnn(double[][] X, double[][] W, double[][] U, double[] b, double[] v) {
                    double[] h = new double[b.length];
                    for (int t = 0; t < X.length; t++) {
                        h = tanh(add(add(matmul(W, h), matmul(U, X[t])), b));
                    }
                    return dot(v, h);
                }

                /** The same recurrence with every step written out, for t = 0, 1, 2. */
                @Differentiable(wrt = {"W", "U", "b", "v"})
                static double rnn3(double[][] X, double[][] W, double[][] U, double[] b, double[] v) {
                    double[] h0 = new double[b.length];
                    double[] h1 = tanh(add(add(matmul(W, h0), matmul(U, X[0])), b));
                    double[] h2 = tanh(add(add(matmul(W, h1), matmul(U, X[1])), b));
                    double[] h3 = tanh(add(add(matmul(W, h2), matmul(U, X[2])), b));
                    return dot(v, h3);
                }

                /** Gradient descent on a quadratic, unrolled: the loss after some steps, as a function of the start and the step. */
                @Differentiable(wrt = {"x0", "step"})
                static double descent(double[] x0, double[][] A, double step, int iterations) {
                    double[] x = copy(x0);
                    for (int k = 0; k < iterations; k++) {
                        x = subtract(x, scale(step, matmul(A, x)));
                    }
                    return dot(x, x);
                }

                /** A branch that picks which array a variable holds. */
                @Differentiable
                static double pick(double[] a, double c) {
                    double[] z = a;
                    if (c > 0) {
                        z = scale(c, a);
                    } else {
                        z = exp(z);
                    }
                    return sum(z);
                }

                /** Enhanced for loops over a matrix's rows and a vector's elements. */
                @Differentiable
                static double enhanced(double[][] X, double[] w) {
                    double s = 0;
                    for (double[] row : X) {
                        double r = dot(row, w);
                        for (double v : row) {
                            r += v * v;
                        }
                        s += r * r;
                    }
                    return s;
                }
            }
            """));

    private static final String NETWORKS = "arr.Networks";
    private static final GeneratedCode.Once NETWORK_CODE = GeneratedCode.once(source(NETWORKS, """
            package arr;

            import static io.github.sourcegrad.ArrayMath.*;

            import io.github.sourcegrad.Differentiable;

            class Networks {
                /** h = tanh(W x + b), y = v.h + a, (y - t)^2. */
                @Differentiable(wrt = {"W", "b", "v", "a", "x"})
                static double netVectorized(double[][] W, double[] b, double[] v, double a, double[] x, double t) {
                    double[] h = tanh(add(matmul(W, x), b));
                    double y = dot(v, h) + a;
                    double r = y - t;
                    return r * r;
                }

                @Differentiable(wrt = {"W", "b", "v", "a", "x"})
                static double netLoop(double[][] W, double[] b, double[] v, double a, double[] x, double t) {
                    double[] h = new double[W.length];
                    for (int i = 0; i < W.length; i++) {
                        double z = b[i];
                        for (int j = 0; j < x.length; j++) {
                            z += W[i][j] * x[j];
                        }
                        h[i] = Math.tanh(z);
                    }
                    double y = a;
                    for (int i = 0; i < h.length; i++) {
                        y += v[i] * h[i];
                    }
                    double r = y - t;
                    return r * r;
                }

                /** The same network on the rows of X (n x d), W1 d x h, W2 h x 1, b2 of length 1: mean squared error. */
                @Differentiable
                static double batchLoss(double[][] X, double[][] W1, double[] b1, double[][] W2, double[] b2, double[][] T) {
                    double[][] H = tanh(addRow(matmul(X, W1), b1));
                    double[][] Y = addRow(matmul(H, W2), b2);
                    double[][] R = subtract(Y, T);
                    return sum(square(R)) / X.length;
                }

                @Differentiable
                static double crossEntropyOfLogits(double[] z, double[] y) {
                    return logSumExp(z) - dot(y, z);
                }

                @Differentiable
                static double crossEntropy(double[][] W, double[] x, double[] y) {
                    double[] z = matmul(W, x);
                    return logSumExp(z) - dot(y, z);
                }

                @Differentiable
                static double crossEntropySoftmax(double[] z, double[] y) {
                    return -dot(y, log(softmax(z)));
                }

                @Differentiable
                static double crossEntropyLoop(double[][] W, double[] x, double[] y) {
                    double[] z = new double[W.length];
                    for (int i = 0; i < W.length; i++) {
                        double s = 0;
                        for (int j = 0; j < x.length; j++) {
                            s += W[i][j] * x[j];
                        }
                        z[i] = s;
                    }
                    double m = z[0];
                    for (int i = 1; i < z.length; i++) {
                        m = Math.max(m, z[i]);
                    }
                    double total = 0;
                    for (int i = 0; i < z.length; i++) {
                        total += Math.exp(z[i] - m);
                    }
                    double yz = 0;
                    for (int i = 0; i < z.length; i++) {
                        yz += y[i] * z[i];
                    }
                    return m + Math.log(total) - yz;
                }

                /** Softmax regression on a minibatch: -mean over rows of sum_k Y log softmax(X W). */
                @Differentiable(wrt = "W")
                static double batchCrossEntropy(double[][] X, double[][] W, double[][] Y) {
                    return -sum(multiply(Y, log(softmax(matmul(X, W))))) / X.length;
                }

                @Differentiable
                static double svm(double[] w, double[][] X, double[] y, double C) {
                    double hinge = 0;
                    for (int i = 0; i < X.length; i++) {
                        hinge += Math.max(0, 1 - y[i] * dot(w, X[i]));
                    }
                    return 0.5 * dot(w, w) + C * hinge;
                }

                @Differentiable(wrt = "w")
                static double svmLoop(double[] w, double[][] X, double[] y, double C) {
                    double hinge = 0;
                    for (int i = 0; i < X.length; i++) {
                        double score = 0;
                        for (int j = 0; j < w.length; j++) {
                            score += w[j] * X[i][j];
                        }
                        double margin = 1 - y[i] * score;
                        if (margin > 0) {
                            hinge += margin;
                        }
                    }
                    double norm = 0;
                    for (int j = 0; j < w.length; j++) {
                        norm += w[j] * w[j];
                    }
                    return 0.5 * norm + C * hinge;
                }

                @Differentiable
                static double linearRegressionLoop(double[][] X, double[] w, double b, double[] y) {
                    double loss = 0;
                    for (int i = 0; i < X.length; i++) {
                        double r = b - y[i];
                        for (int j = 0; j < w.length; j++) {
                            r += X[i][j] * w[j];
                        }
                        loss += r * r;
                    }
                    return loss;
                }

                @Differentiable
                static double linearRegressionRows(double[][] X, double[] w, double b, double[] y) {
                    double loss = 0;
                    for (int i = 0; i < X.length; i++) {
                        double r = dot(X[i], w) + b - y[i];
                        loss += r * r;
                    }
                    return loss;
                }

                /** sum_i (r_i + b)^2 with r = X w - y, expanded: there is no scalar broadcast. */
                @Differentiable
                static double linearRegressionVectorized(double[][] X, double[] w, double b, double[] y) {
                    double[] r = subtract(matmul(X, w), y);
                    return dot(r, r) + 2 * b * sum(r) + X.length * b * b;
                }
            }
            """));

    private static final String LECTURE = "arr.Lecture";
    private static final GeneratedCode.Once LECTURE_CODE = GeneratedCode.once(source(LECTURE, """
            package arr;

            import static io.github.sourcegrad.ArrayMath.*;

            import io.github.sourcegrad.Differentiable;

            class Lecture {
                @Differentiable
                static double[][] minibatch(double[][] X, double[][] W, double[] y, double[] z) {
                    double[][] P = matmul(X, W);
                    double[][] Q = relu(P);
                    double[][] R = subtractRow(Q, y);
                    double[][] S = square(R);
                    double[][] T = addRow(S, z);
                    return T;
                }

                @Differentiable
                static double minibatchSum(double[][] X, double[][] W, double[] y, double[] z) {
                    double[][] P = matmul(X, W);
                    double[][] Q = relu(P);
                    double[][] R = subtractRow(Q, y);
                    double[][] S = square(R);
                    double[][] T = addRow(S, z);
                    return sum(T);
                }

                @Differentiable
                static double[] vector(double[] x, double[][] W, double[] y, double[] z) {
                    double[] p = matmul(x, W);
                    double[] q = relu(p);
                    double[] r = subtract(q, y);
                    double[] s = square(r);
                    double[] t = add(s, z);
                    return t;
                }

                @Differentiable
                static double vectorSum(double[] x, double[][] W, double[] y, double[] z) {
                    double[] p = matmul(x, W);
                    double[] q = relu(p);
                    double[] r = subtract(q, y);
                    double[] s = square(r);
                    double[] t = add(s, z);
                    return sum(t);
                }
            }
            """));

    /** Array results computed with loops and branches (issue 12): pullbacks of methods that fill their result. */
    private static final String LOOP_RESULTS = "arr.LoopResults";
    private static final GeneratedCode.Once LOOP_RESULT_CODE = GeneratedCode.once(source(LOOP_RESULTS, """
            package arr;

            import io.github.sourcegrad.Differentiable;

            class LoopResults {
                /** Element-wise squares written in a loop. */
                @Differentiable
                static double[] squares(double[] x) {
                    double[] out = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        out[i] = x[i] * x[i];
                    }
                    return out;
                }

                /** An explicit Euler trajectory of y' = -k y: the states, y0 first. */
                @Differentiable
                static double[] euler(double k, double y0, int steps) {
                    double[] ys = new double[steps + 1];
                    ys[0] = y0;
                    double y = y0;
                    for (int i = 0; i < steps; i++) {
                        y = y + 0.1 * (-k * y);
                        ys[i + 1] = y;
                    }
                    return ys;
                }

                /** A classical Runge-Kutta (RK4) trajectory of the logistic equation y' = r y (1 - y). */
                @Differentiable
                static double[] rk4(double r, double y0, double h, int steps) {
                    double[] ys = new double[steps + 1];
                    double y = y0;
                    ys[0] = y;
                    for (int n = 0; n < steps; n++) {
                        double k1 = r * y * (1 - y);
                        double y1 = y + 0.5 * h * k1;
                        double k2 = r * y1 * (1 - y1);
                        double y2 = y + 0.5 * h * k2;
                        double k3 = r * y2 * (1 - y2);
                        double y3 = y + h * k3;
                        double k4 = r * y3 * (1 - y3);
                        y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
                        ys[n + 1] = y;
                    }
                    return ys;
                }

                /** A branch per element, and an element written twice (the first value is overwritten). */
                @Differentiable
                static double[] clip(double[] x, double c) {
                    double[] out = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        out[i] = x[i] * c;
                        if (x[i] > c) {
                            out[i] = c;
                        }
                    }
                    out[0] = out[0] + c * x[0];
                    return out;
                }

                /** A matrix result filled in a nested loop: the outer product scaled by a running factor. */
                @Differentiable
                static double[][] outer(double[] a, double[] b, double s) {
                    double[][] m = new double[a.length][b.length];
                    double f = 1;
                    for (int i = 0; i < a.length; i++) {
                        for (int j = 0; j < b.length; j++) {
                            m[i][j] = f * a[i] * b[j];
                        }
                        f = f * s;
                    }
                    return m;
                }

                /** An ArrayMath result after a loop: y^3 x. */
                @Differentiable
                static double[] scaledByPower(double[] x, double y) {
                    double s = y;
                    for (int i = 0; i < 2; i++) {
                        s = s * y;
                    }
                    return io.github.sourcegrad.ArrayMath.scale(s, x);
                }

                /** Filled in one branch or the other, returned once after them. */
                @Differentiable
                static double[] either(double[] x, double c) {
                    double[] out = new double[x.length];
                    if (c > 0) {
                        for (int i = 0; i < x.length; i++) {
                            out[i] = c * x[i];
                        }
                    } else {
                        for (int i = 0; i < x.length; i++) {
                            out[i] = Math.exp(c + x[i]);
                        }
                    }
                    return out;
                }
            }
            """));

    private static final String PULLBACKS = "arr.Pullbacks";
    private static final GeneratedCode.Once PULLBACK_CODE = GeneratedCode.once(source(PULLBACKS, """
            package arr;

            import io.github.sourcegrad.ArrayMath;
            import io.github.sourcegrad.Differentiable;

            class Pullbacks {
                @Differentiable
                static double[] addVectors(double[] a, double[] b) {
                    return ArrayMath.add(a, b);
                }

                @Differentiable
                static double[][] addMatrices(double[][] A, double[][] B) {
                    return ArrayMath.add(A, B);
                }

                @Differentiable
                static double[] identity(double[] a) {
                    return a;
                }

                @Differentiable
                static double[] twice(double[] a) {
                    double[] b = a;
                    return ArrayMath.add(a, b);
                }

                @Differentiable
                static double[][] rowBroadcast(double[][] A, double[] r) {
                    return ArrayMath.addRow(A, r);
                }

                @Differentiable
                static double[][] copied(double[][] A) {
                    return ArrayMath.copy(A);
                }

                /** c M x: a scalar, a vector and a matrix parameter with an array result. */
                @Differentiable
                static double[] scaledProduct(double c, double[] x, double[][] M) {
                    return ArrayMath.scale(c, ArrayMath.matmul(M, x));
                }

                /** The other matrix operations in one chain, for central differences. */
                @Differentiable
                static double[][] matrixChain(double[][] A, double[][] B, double[] r, double c) {
                    double[][] P = ArrayMath.multiply(ArrayMath.multiply(A, B), A);
                    double[][] Q = ArrayMath.divide(P, ArrayMath.exp(B));
                    double[][] S = ArrayMath.multiplyRow(ArrayMath.sigmoid(Q), r);
                    double[][] U = ArrayMath.subtract(ArrayMath.negate(S), ArrayMath.scale(c, ArrayMath.max(A, 0.1)));
                    return ArrayMath.softmax(ArrayMath.transpose(U));
                }

                /** The other vector operations in one chain, for central differences. */
                @Differentiable
                static double[] vectorChain(double[] a, double[] b, double[][] M) {
                    double[] p = ArrayMath.divide(ArrayMath.exp(a), ArrayMath.add(ArrayMath.square(b), ArrayMath.exp(b)));
                    double[] q = ArrayMath.multiply(ArrayMath.log(ArrayMath.sigmoid(p)), ArrayMath.tanh(b));
                    double[] u = ArrayMath.subtract(ArrayMath.max(q, -0.2), ArrayMath.negate(ArrayMath.softmax(a)));
                    return ArrayMath.add(ArrayMath.sumRows(ArrayMath.multiplyRow(M, u)), ArrayMath.copy(u));
                }
            }
            """));

    // ------------------------------------------------------------------ 1. dot product

    @Test
    void layersComposeThroughCallsThatPassArrays() {
        Random rnd = new Random(41);
        Object[] args = {matrix(rnd, 6, 3), matrix(rnd, 6, 2), matrix(rnd, 3, 4), vector(rnd, 4), matrix(rnd, 4, 2), vector(rnd, 2)};
        int[] diff = {2, 3, 4, 5};
        Result composed = check(COMPOSED_CODE, COMPOSED, "composed", diff, args);
        Result flat = check(COMPOSED_CODE, COMPOSED, "flat", diff, args);
        assertNear(flat.scalar("value"), composed.scalar("value"), EPS, "value");
        for (String m : List.of("dW1", "dW2")) {
            double[][] expected = flat.matrix(m);
            for (int i = 0; i < expected.length; i++) {
                assertNear(expected[i], composed.matrix(m)[i], EPS, m + "[" + i + "]");
            }
        }
        assertNear(flat.vector("db1"), composed.vector("db1"), EPS, "db1");
        assertNear(flat.vector("db2"), composed.vector("db2"), EPS, "db2");
    }

    @Test
    void arrayCreatedWrittenAndReadInEachIterationOfABatchLoop() {
        Random rnd = new Random(43);
        Object[] args = {matrix(rnd, 5, 3), vector(rnd, 5), matrix(rnd, 3, 4), vector(rnd, 4), vector(rnd, 4)};
        int[] diff = {2, 3, 4};
        Result loops = check(COMPOSED_CODE, COMPOSED, "batchLoops", diff, args);
        Result rows = check(COMPOSED_CODE, COMPOSED, "batchRows", diff, args);
        assertNear(rows.scalar("value"), loops.scalar("value"), EPS, "value");
        double[][] dW1 = rows.matrix("dW1");
        for (int i = 0; i < dW1.length; i++) {
            assertNear(dW1[i], loops.matrix("dW1")[i], EPS, "dW1[" + i + "]");
        }
        assertNear(rows.vector("db1"), loops.vector("db1"), EPS, "db1");
        assertNear(rows.vector("dw2"), loops.vector("dw2"), EPS, "dw2");
    }

    @Test
    void readsOfElementsThatALaterWriteChangesAreTaped() {
        double[] z = {0.3, -0.7, 1.1, 0.5};
        Result g = check(COMPOSED_CODE, COMPOSED, "softmaxSquares", new int[] {0}, (Object) z.clone());
        double s = 0;
        for (double v : z) {
            s += Math.exp(v);
        }
        double p = 0;
        for (double v : z) {
            p += Math.exp(2 * v) / (s * s);
        }
        double[] expected = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double q = Math.exp(z[i]) / s; // d/dz_i of sum_j q_j^2 is 2 q_i (q_i - sum_j q_j^2)
            expected[i] = 2 * q * (q - p);
        }
        assertNear(expected, g.vector("dz"), 1e-12, "dz = 2 q (q - |q|^2)");
        check(COMPOSED_CODE, COMPOSED, "inPlace", new int[] {0}, (Object) new double[] {0.3, -0.7, 1.1, 0.5});
        Result prefix = check(COMPOSED_CODE, COMPOSED, "prefix", new int[] {0}, (Object) new double[] {0.3, -0.7, 1.1, 0.5});
        assertTrue(Math.abs(prefix.vector("dx")[0]) > 0, "x[0] reaches the last element through every step");
    }

    @Test
    void arrayVariablesReassignedInLoopsAndBranches() {
        Random rnd = new Random(53);
        Object[] args = {matrix(rnd, 3, 2), matrix(rnd, 4, 4), matrix(rnd, 4, 2), vector(rnd, 4), vector(rnd, 4)};
        int[] diff = {1, 2, 3, 4};
        Result loop = check(COMPOSED_CODE, COMPOSED, "rnn", diff, args);
        Result unrolled = check(COMPOSED_CODE, COMPOSED, "rnn3", diff, args);
        assertNear(unrolled.scalar("value"), loop.scalar("value"), EPS, "value");
        for (String m : List.of("dW", "dU")) {
            for (int i = 0; i < 4; i++) {
                assertNear(unrolled.matrix(m)[i], loop.matrix(m)[i], EPS, m + "[" + i + "]");
            }
        }
        assertNear(unrolled.vector("db"), loop.vector("db"), EPS, "db");
        assertNear(unrolled.vector("dv"), loop.vector("dv"), EPS, "dv");

        double[][] A = {{2, 0.5}, {0.5, 1}};
        double[] x0 = {1, -2};
        double step = 0.1;
        Result descent = check(COMPOSED_CODE, COMPOSED, "descent", new int[] {0, 2}, x0, A, step, 4);
        // x_k = M^k x0 with M = I - step A (symmetric): |x_4|^2 = x0^T M^8 x0, d/dx0 = 2 M^8 x0
        double[][] m = {{1 - step * 2, -step * 0.5}, {-step * 0.5, 1 - step}};
        double[] y = x0.clone();
        for (int k = 0; k < 8; k++) {
            y = new double[] {m[0][0] * y[0] + m[0][1] * y[1], m[1][0] * y[0] + m[1][1] * y[1]};
        }
        assertNear(scale(2, y), descent.vector("dx0"), 1e-12, "dx0 = 2 M^8 x0");

        Result positive = check(COMPOSED_CODE, COMPOSED, "pick", new int[] {0, 1}, new double[] {0.2, -0.4}, 0.7);
        assertNear(new double[] {0.7, 0.7}, positive.vector("da"), EPS, "da = c");
        Result negative = check(COMPOSED_CODE, COMPOSED, "pick", new int[] {0, 1}, new double[] {0.2, -0.4}, -0.7);
        assertNear(new double[] {Math.exp(0.2), Math.exp(-0.4)}, negative.vector("da"), EPS, "da = e^a");
    }

    @Test
    void enhancedForOverRowsAndElements() {
        Random rnd = new Random(47);
        double[][] X = matrix(rnd, 4, 3);
        double[] w = vector(rnd, 3);
        Result g = check(COMPOSED_CODE, COMPOSED, "enhanced", new int[] {0, 1}, X, w);
        double[] dw = new double[3];
        double[][] dX = new double[4][3];
        for (int n = 0; n < 4; n++) {
            double r = dot(X[n], w) + dot(X[n], X[n]);
            for (int k = 0; k < 3; k++) {
                dw[k] += 2 * r * X[n][k];
                dX[n][k] = 2 * r * (w[k] + 2 * X[n][k]);
            }
        }
        assertNear(dw, g.vector("dw"), EPS, "dw = sum 2 r x");
        for (int n = 0; n < 4; n++) {
            assertNear(dX[n], g.matrix("dX")[n], EPS, "dX[" + n + "] = 2 r (w + 2 x)");
        }
    }

    @Test
    void dotProductGradientsAreTheOtherVector() {
        Random rnd = new Random(1);
        for (int n : new int[] {1, 2, 7}) {
            double[] a = vector(rnd, n);
            double[] b = vector(rnd, n);
            for (String method : List.of("dotVectorized", "dotLoop")) {
                Result g = check(BASIC_CODE, BASICS, method, new int[] {0, 1}, a, b);
                assertEquals(List.of("value", "da", "db"), g.names(), method);
                assertEquals(dot(a, b), g.scalar("value"), EPS * (1 + Math.abs(dot(a, b))), method + " value");
                assertArrayEquals(b, g.vector("da"), method + ": d/da (a . b) = b exactly");
                assertArrayEquals(a, g.vector("db"), method + ": d/db (a . b) = a exactly");
            }
        }
    }

    @Test
    void gradientRecordHasArrayComponentsOfTheParametersTypes() {
        Class<?> record = recordType(BASIC_CODE, BASICS, "quadraticFormVectorized");
        assertEquals("QuadraticFormVectorizedGradient", record.getSimpleName());
        assertEquals(List.of("value:double", "dx:double[]", "dA:double[][]"), Arrays.stream(record.getRecordComponents())
                .map(c -> c.getName() + ":" + c.getType().getSimpleName()).toList());
        Class<?> pullback = recordType(LECTURE_CODE, LECTURE, "minibatch");
        assertEquals(List.of("value:double[][]", "dX:double[][]", "dW:double[][]", "dy:double[]", "dz:double[]"),
                Arrays.stream(pullback.getRecordComponents()).map(c -> c.getName() + ":" + c.getType().getSimpleName())
                        .toList());
    }

    // ------------------------------------------------------------------ 2. x^T A x

    @ParameterizedTest
    @ValueSource(strings = {"quadraticFormVectorized", "quadraticFormLoop", "quadraticFormRows"})
    void quadraticForm(String method) {
        Random rnd = new Random(2);
        for (int n : new int[] {1, 3, 5}) {
            double[] x = vector(rnd, n);
            double[][] A = matrix(rnd, n, n);
            Result g = check(BASIC_CODE, BASICS, method, new int[] {0, 1}, x, A);
            double[] expectedDx = add(mul(transpose(A), x), mul(A, x));
            assertNear(dot(x, mul(A, x)), g.scalar("value"), EPS, method + " value");
            assertNear(expectedDx, g.vector("dx"), EPS, method + ": dx = (A^T + A) x");
            assertNear(outer(x, x), g.matrix("dA"), EPS, method + ": dA = x x^T");
        }
    }

    // ------------------------------------------------------------------ 3. sums of squares

    @ParameterizedTest
    @ValueSource(strings = {"sumOfSquaresLoop", "sumOfSquaresVectorized"})
    void sumOfSquaresHasGradientTwoX(String method) {
        Random rnd = new Random(3);
        double[] x = vector(rnd, 6);
        Result g = check(BASIC_CODE, BASICS, method, new int[] {0}, x);
        assertArrayEquals(scale(2, x), g.vector("dx"), method + ": d/dx |x|^2 = 2x exactly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobeniusLoop", "frobeniusVectorized"})
    void frobeniusNormSquaredHasGradientTwoM(String method) {
        Random rnd = new Random(3);
        double[][] M = matrix(rnd, 3, 4);
        Result g = check(BASIC_CODE, BASICS, method, new int[] {0}, (Object) M);
        assertNear(scale(2, M), g.matrix("dM"), 0, method + ": d/dM |M|^2 = 2M exactly");
    }

    // ------------------------------------------------------------------ 4. a 2-layer tanh network, one sample

    @Test
    void tanhNetworkVectorizedAndLoopsAgreeWithDifferencesAndEachOther() {
        Random rnd = new Random(4);
        for (int[] dims : new int[][] {{3, 4}, {1, 1}, {5, 2}}) {
            int d = dims[0];
            int h = dims[1];
            Object[] args = {matrix(rnd, h, d), vector(rnd, h), vector(rnd, h), rnd.nextDouble(), vector(rnd, d),
                             rnd.nextDouble() * 2 - 1};
            int[] diff = {0, 1, 2, 3, 4};
            Result vectorized = check(NETWORK_CODE, NETWORKS, "netVectorized", diff, args);
            Result loops = check(NETWORK_CODE, NETWORKS, "netLoop", diff, args);
            assertEquals(List.of("value", "dW", "db", "dv", "da", "dx"), vectorized.names());
            assertEquals(vectorized.names(), loops.names());
            for (String c : vectorized.names()) {
                assertNear(vectorized.get(c), loops.get(c), EPS, "netLoop vs netVectorized " + c + " at " + h + "x" + d);
            }
        }
    }

    // ------------------------------------------------------------------ 5. the same network on a minibatch

    @Test
    void minibatchNetworkAgreesWithDifferencesAndWithTheSumOfItsRows() {
        Random rnd = new Random(5);
        int n = 5;
        int d = 3;
        int h = 4;
        double[][] X = matrix(rnd, n, d);
        double[][] W1 = matrix(rnd, d, h);
        double[] b1 = vector(rnd, h);
        double[][] W2 = matrix(rnd, h, 1);
        double[] b2 = vector(rnd, 1);
        double[][] T = matrix(rnd, n, 1);
        Result batch = check(NETWORK_CODE, NETWORKS, "batchLoss", new int[] {0, 1, 2, 3, 4, 5}, X, W1, b1, W2, b2, T);
        assertEquals(List.of("value", "dX", "dW1", "db1", "dW2", "db2", "dT"), batch.names());

        // batchLoss = (1/n) sum_i netVectorized(W1^T, b1, W2[:, 0], b2[0], X[i], T[i][0])
        double[][] W = transpose(W1);
        double[] v = transpose(W2)[0];
        double value = 0;
        double[][] dW1 = new double[d][h];
        double[] db1 = new double[h];
        double[][] dW2 = new double[h][1];
        double db2 = 0;
        double[][] dX = new double[n][];
        for (int i = 0; i < n; i++) {
            Result row = record(NETWORK_CODE, NETWORKS, "netVectorized", W, b1, v, b2[0], X[i], T[i][0]);
            value += row.scalar("value") / n;
            double[][] dWi = transpose(row.matrix("dW"));
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < h; q++) {
                    dW1[p][q] += dWi[p][q] / n;
                }
            }
            for (int q = 0; q < h; q++) {
                db1[q] += row.vector("db")[q] / n;
                dW2[q][0] += row.vector("dv")[q] / n;
            }
            db2 += row.scalar("da") / n;
            dX[i] = scale(1.0 / n, row.vector("dx"));
        }
        assertNear(value, batch.scalar("value"), EPS, "value: mean of the rows' losses");
        assertNear(dW1, batch.matrix("dW1"), EPS, "dW1: mean of the rows' dW, transposed");
        assertNear(db1, batch.vector("db1"), EPS, "db1: mean of the rows' db");
        assertNear(dW2, batch.matrix("dW2"), EPS, "dW2: mean of the rows' dv");
        assertNear(new double[] {db2}, batch.vector("db2"), EPS, "db2: mean of the rows' da");
        assertNear(dX, batch.matrix("dX"), EPS, "dX: row i is the row's dx / n");
    }

    // ------------------------------------------------------------------ 6. softmax cross-entropy

    @Test
    void crossEntropyOfLogitsHasGradientSoftmaxMinusY() {
        Random rnd = new Random(6);
        double[] z = scale(3, vector(rnd, 5));
        double[] y = oneHot(5, 2);
        for (String method : List.of("crossEntropyOfLogits", "crossEntropySoftmax")) {
            Result g = check(NETWORK_CODE, NETWORKS, method, new int[] {0, 1}, z, y);
            assertNear(subtract(softmax(z), y), g.vector("dz"), EPS, method + ": dz = softmax(z) - y");
        }
        Result lse = record(NETWORK_CODE, NETWORKS, "crossEntropyOfLogits", z, y);
        assertNear(scale(-1, z), lse.vector("dy"), 0, "crossEntropyOfLogits: dy = -z");
        Result ce = record(NETWORK_CODE, NETWORKS, "crossEntropySoftmax", z, y);
        assertNear(logSoftmax(z, -1), ce.vector("dy"), EPS, "crossEntropySoftmax: dy = -log softmax(z)");
    }

    /** Large logits: logSumExp and softmax are stable, and so are their gradients. */
    @Test
    void crossEntropyOfLargeLogitsIsFinite() {
        double[] z = {1000, 1001, 999.5};
        double[] y = oneHot(3, 0);
        Result g = record(NETWORK_CODE, NETWORKS, "crossEntropyOfLogits", z, y);
        assertNear(1001 + Math.log(Math.exp(-1) + 1 + Math.exp(-1.5)) - 1000, g.scalar("value"), EPS, "value");
        assertNear(subtract(softmax(z), y), g.vector("dz"), EPS, "dz = softmax(z) - y at large logits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crossEntropy", "crossEntropyLoop"})
    void crossEntropyOfALinearLayer(String method) {
        Random rnd = new Random(7);
        int k = 4;
        int d = 3;
        double[][] W = matrix(rnd, k, d);
        double[] x = vector(rnd, d);
        double[] y = oneHot(k, 1);
        Result g = check(NETWORK_CODE, NETWORKS, method, new int[] {0, 1, 2}, W, x, y);
        double[] z = mul(W, x);
        double[] dz = subtract(softmax(z), y);
        assertNear(outer(dz, x), g.matrix("dW"), EPS, method + ": dW = (softmax(z) - y) x^T");
        assertNear(mul(transpose(W), dz), g.vector("dx"), EPS, method + ": dx = W^T (softmax(z) - y)");
        assertNear(scale(-1, z), g.vector("dy"), EPS, method + ": dy = -z");
        if (method.equals("crossEntropyLoop")) {
            Result vectorized = record(NETWORK_CODE, NETWORKS, "crossEntropy", W, x, y);
            assertNear(vectorized.scalar("value"), g.scalar("value"), EPS, "loop vs vectorized value");
        }
    }

    @Test
    void softmaxRegressionOnAMinibatch() {
        Random rnd = new Random(8);
        int n = 4;
        int d = 3;
        int k = 5;
        double[][] X = matrix(rnd, n, d);
        double[][] W = matrix(rnd, d, k);
        double[][] Y = new double[n][];
        for (int i = 0; i < n; i++) {
            Y[i] = oneHot(k, (3 * i + 1) % k);
        }
        Result g = check(NETWORK_CODE, NETWORKS, "batchCrossEntropy", new int[] {1}, X, W, Y);
        assertEquals(List.of("value", "dW"), g.names());
        // dZ = (softmax(X W) - Y) / n, dW = X^T dZ
        double[][] Z = mul(X, W);
        double[][] dZ = new double[n][];
        for (int i = 0; i < n; i++) {
            dZ[i] = scale(1.0 / n, subtract(softmax(Z[i]), Y[i]));
        }
        assertNear(mul(transpose(X), dZ), g.matrix("dW"), EPS, "dW = X^T (softmax(X W) - Y) / n");
    }

    // ------------------------------------------------------------------ 7. SVM

    @Test
    void svmObjectiveAgreesWithItsClosedFormAwayFromTheHinge() {
        Random rnd = new Random(9);
        int n = 8;
        int d = 3;
        double[][] X = matrix(rnd, n, d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0 ? 1 : -1;
        }
        double C = 0.7;
        for (int trial = 0; trial < 3; trial++) {
            double[] w = scale(1.5, vector(rnd, d));
            double[] margins = new double[n];
            for (int i = 0; i < n; i++) {
                margins[i] = 1 - y[i] * dot(w, X[i]);
                assertTrue(Math.abs(margins[i]) > 1e-3, "the test point must be away from the hinge: " + margins[i]);
            }
            double[] dw = w.clone();
            double[][] dX = new double[n][d];
            double[] dy = new double[n];
            double hinge = 0;
            for (int i = 0; i < n; i++) {
                if (margins[i] > 0) {
                    hinge += margins[i];
                    dw = subtract(dw, scale(C * y[i], X[i]));
                    dX[i] = scale(-C * y[i], w);
                    dy[i] = -C * dot(w, X[i]);
                }
            }
            Result g = check(NETWORK_CODE, NETWORKS, "svm", new int[] {0, 1, 2, 3}, w, X, y, C);
            assertNear(0.5 * dot(w, w) + C * hinge, g.scalar("value"), EPS, "svm value");
            assertNear(dw, g.vector("dw"), EPS, "svm: dw = w - C sum_{margin > 0} y_i x_i");
            assertNear(dX, g.matrix("dX"), EPS, "svm: dX[i] = -C y_i w where the margin is positive");
            assertNear(dy, g.vector("dy"), EPS, "svm: dy_i = -C w.x_i where the margin is positive");
            assertNear(hinge, g.scalar("dC"), EPS, "svm: dC = the hinge sum");
            Result loop = check(NETWORK_CODE, NETWORKS, "svmLoop", new int[] {0}, w, X, y, C);
            assertEquals(List.of("value", "dw"), loop.names());
            assertNear(dw, loop.vector("dw"), EPS, "svmLoop: dw = w - C sum_{margin > 0} y_i x_i");
        }
    }

    // ------------------------------------------------------------------ 8. linear regression

    @ParameterizedTest
    @ValueSource(strings = {"linearRegressionLoop", "linearRegressionRows", "linearRegressionVectorized"})
    void linearRegressionGradientIsTwoXTransposedR(String method) {
        Random rnd = new Random(10);
        int n = 6;
        int d = 3;
        double[][] X = matrix(rnd, n, d);
        double[] w = vector(rnd, d);
        double b = 0.3;
        double[] y = vector(rnd, n);
        Result g = check(NETWORK_CODE, NETWORKS, method, new int[] {0, 1, 2, 3}, X, w, b, y);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = dot(X[i], w) + b - y[i];
        }
        assertNear(dot(r, r), g.scalar("value"), EPS, method + " value");
        assertNear(scale(2, mul(transpose(X), r)), g.vector("dw"), EPS, method + ": dw = 2 X^T r");
        assertNear(2 * sum(r), g.scalar("db"), EPS, method + ": db = 2 sum r");
        assertNear(scale(-2, r), g.vector("dy"), EPS, method + ": dy = -2 r");
        assertNear(scale(2, outer(r, w)), g.matrix("dX"), EPS, method + ": dX = 2 r w^T");
    }

    // ------------------------------------------------------------------ 9. the lecture's minibatch function

    @Test
    void lectureMinibatchPullbackOfOnesIsTheGradientOfTheSum() {
        Random rnd = new Random(11);
        Object[] args = lectureArguments(rnd, 4, 3, 2);
        double[][] ones = filled(4, 2, 1.0);
        Result pullback = checkPullback(LECTURE_CODE, LECTURE, "minibatch", new int[] {0, 1, 2, 3}, ones, args);
        Result sum = check(LECTURE_CODE, LECTURE, "minibatchSum", new int[] {0, 1, 2, 3}, args);
        assertNear(sum.scalar("value"), sum((double[][]) pullback.get("value")), EPS, "sum of the pullback's value");
        for (String c : List.of("dX", "dW", "dy", "dz")) {
            assertNear(sum.get(c), pullback.get(c), EPS, "pullback with upstream ones vs gradient of sum(T): " + c);
        }
        double[][] T = (double[][]) pullback.get("value");
        double[][] X = (double[][]) args[0];
        double[][] W = (double[][]) args[1];
        double[] y = (double[]) args[2];
        double[] z = (double[]) args[3];
        double[][] P = mul(X, W);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                double r = Math.max(P[i][j], 0) - y[j];
                assertEquals(r * r + z[j], T[i][j], EPS, "T[" + i + "][" + j + "]");
            }
        }
        assertNear(new double[] {4, 4}, pullback.vector("dz"), 0, "dz = the number of rows, per column");
    }

    @Test
    void lectureMinibatchPullbackOfARandomUpstreamMatchesDifferences() {
        Random rnd = new Random(12);
        for (int[] dims : new int[][] {{4, 3, 2}, {1, 1, 1}, {2, 5, 3}}) {
            Object[] args = lectureArguments(rnd, dims[0], dims[1], dims[2]);
            double[][] upstream = matrix(rnd, dims[0], dims[2]);
            checkPullback(LECTURE_CODE, LECTURE, "minibatch", new int[] {0, 1, 2, 3}, upstream, args);
        }
    }

    @Test
    void lectureVectorPullback() {
        Random rnd = new Random(13);
        double[] x = vector(rnd, 3);
        double[][] W = matrix(rnd, 3, 4);
        double[] y = vector(rnd, 4);
        double[] z = vector(rnd, 4);
        Result pullback = checkPullback(LECTURE_CODE, LECTURE, "vector", new int[] {0, 1, 2, 3}, filled(4, 1.0), x, W, y,
                z);
        Result sum = check(LECTURE_CODE, LECTURE, "vectorSum", new int[] {0, 1, 2, 3}, x, W, y, z);
        for (String c : List.of("dx", "dW", "dy", "dz")) {
            assertNear(sum.get(c), pullback.get(c), EPS, "vector pullback with upstream ones vs vectorSum: " + c);
        }
        // closed form: p = x^T W, r = relu(p) - y, dp = 2 r (p > 0) u
        double[] u = vector(rnd, 4);
        Result g = checkPullback(LECTURE_CODE, LECTURE, "vector", new int[] {0, 1, 2, 3}, u, x, W, y, z);
        double[] p = mul(x, W);
        double[] dp = new double[4];
        double[] dy = new double[4];
        for (int j = 0; j < 4; j++) {
            double r = Math.max(p[j], 0) - y[j];
            dy[j] = -2 * r * u[j];
            dp[j] = p[j] > 0 ? 2 * r * u[j] : 0;
        }
        assertNear(dy, g.vector("dy"), EPS, "dy = -2 r u");
        assertNear(u, g.vector("dz"), 0, "dz = u");
        assertNear(outer(x, dp), g.matrix("dW"), EPS, "dW = x dp^T");
        assertNear(mul(W, dp), g.vector("dx"), EPS, "dx = W dp");
    }

    // ------------------------------------------------------------------ 10. matrix products of small shapes

    static Stream<Arguments> productShapes() {
        // A is n x k, B is k x m
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(1, 1, 4), Arguments.of(4, 1, 1), Arguments.of(4, 1, 3),
                Arguments.of(1, 4, 1), Arguments.of(1, 3, 4), Arguments.of(4, 3, 1), Arguments.of(3, 2, 5));
    }

    @ParameterizedTest(name = "({0}x{1}) ({1}x{2})")
    @MethodSource("productShapes")
    void matrixProductsOfSmallShapes(int n, int k, int m) {
        Random rnd = new Random(100 * n + 10 * k + m);
        double[][] A = matrix(rnd, n, k);
        double[][] B = matrix(rnd, k, m);
        double[][] C = matrix(rnd, n, m);
        String shape = "(" + n + "x" + k + ")(" + k + "x" + m + ")";

        Result sum = check(BASIC_CODE, BASICS, "sumOfProduct", new int[] {0, 1}, A, B);
        assertNear(sum(mul(A, B)), sum.scalar("value"), EPS, shape + " value");
        assertNear(mul(filled(n, m, 1), transpose(B)), sum.matrix("dA"), EPS, shape + ": dA = ones B^T");
        assertNear(mul(transpose(A), filled(n, m, 1)), sum.matrix("dB"), EPS, shape + ": dB = A^T ones");

        Result frobenius = check(BASIC_CODE, BASICS, "productDot", new int[] {0, 1, 2}, A, B, C);
        assertNear(mul(C, transpose(B)), frobenius.matrix("dA"), EPS, shape + ": dA = C B^T");
        assertNear(mul(transpose(A), C), frobenius.matrix("dB"), EPS, shape + ": dB = A^T C");
        assertNear(mul(A, B), frobenius.matrix("dC"), EPS, shape + ": dC = A B");

        // y^T A x: A is n x k
        double[] y = vector(rnd, n);
        double[] x = vector(rnd, k);
        Result bilinear = check(BASIC_CODE, BASICS, "bilinear", new int[] {0, 1, 2}, y, A, x);
        assertNear(mul(A, x), bilinear.vector("dy"), EPS, shape + ": d/dy y^T A x = A x");
        assertNear(outer(y, x), bilinear.matrix("dA"), EPS, shape + ": d/dA y^T A x = y x^T");
        assertNear(mul(transpose(A), y), bilinear.vector("dx"), EPS, shape + ": d/dx y^T A x = A^T y");

        // (x^T A) . y with x of length n, y of length k
        Result row = check(BASIC_CODE, BASICS, "rowTimesMatrix", new int[] {0, 1, 2}, y, A, x);
        assertNear(mul(A, x), row.vector("dx"), EPS, shape + ": d/dx x^T A y = A y");
        assertNear(outer(y, x), row.matrix("dA"), EPS, shape + ": d/dA x^T A y = x y^T");
        assertNear(mul(transpose(A), y), row.vector("dy"), EPS, shape + ": d/dy x^T A y = A^T x");
    }

    // ------------------------------------------------------------------ 11. empty, length-1 and large arrays

    @Test
    void emptyVectorsGiveEmptyGradients() {
        double[] empty = {};
        for (String method : List.of("dotVectorized", "dotLoop")) {
            Result g = check(BASIC_CODE, BASICS, method, new int[] {0, 1}, empty, new double[0]);
            assertEquals(0.0, g.scalar("value"), method);
            assertEquals(0, g.vector("da").length, method);
            assertEquals(0, g.vector("db").length, method);
        }
        for (String method : List.of("sumOfSquaresLoop", "sumOfSquaresVectorized", "indexArithmetic")) {
            Result g = check(BASIC_CODE, BASICS, method, new int[] {0}, empty);
            assertEquals(0.0, g.scalar("value"), method);
            assertEquals(0, g.vector("dx").length, method);
        }
        Result mixed = check(BASIC_CODE, BASICS, "mixedScalars", new int[] {0, 1}, 2.5, empty, 3);
        assertEquals(0.0, mixed.scalar("dc"), "no element, no derivative with respect to c");
        Result outer = check(BASIC_CODE, BASICS, "outerAccumulated", new int[] {0, 1}, empty, new double[] {1, 2});
        assertArrayEquals(new double[] {0, 0}, outer.vector("db"), "an a of length 0 gives b a zero gradient");
    }

    @Test
    void emptyMatricesGiveEmptyOrZeroGradients() {
        double[][] noRows = new double[0][0];
        for (String method : List.of("quadraticFormVectorized", "quadraticFormLoop", "quadraticFormRows")) {
            Result g = check(BASIC_CODE, BASICS, method, new int[] {0, 1}, new double[0], noRows);
            assertEquals(0.0, g.scalar("value"), method);
            assertEquals(0, g.vector("dx").length, method);
            assertEquals(0, g.matrix("dA").length, method);
        }
        for (String method : List.of("frobeniusLoop", "frobeniusVectorized")) {
            Result g = check(BASIC_CODE, BASICS, method, new int[] {0}, (Object) new double[3][0]);
            assertNear(new double[3][0], g.matrix("dM"), 0, method + " of a 3x0 matrix");
        }
        // 3x0 times 0x0: a 3x0 product, whose sum is 0
        Result product = check(BASIC_CODE, BASICS, "sumOfProduct", new int[] {0, 1}, new double[3][0], noRows);
        assertEquals(0.0, product.scalar("value"));
        assertNear(new double[3][0], product.matrix("dA"), 0, "dA of a 3x0 factor");
        assertNear(noRows, product.matrix("dB"), 0, "dB of a 0x0 factor");
        // 0-row M: the loop never runs, x gets a zero gradient of its own length
        Result accumulated = check(BASIC_CODE, BASICS, "accumulatedProduct", new int[] {0, 1}, noRows,
                new double[] {1, -2});
        assertEquals(0.0, accumulated.scalar("value"));
        assertArrayEquals(new double[] {0, 0}, accumulated.vector("dx"), "x is never read: zero gradient");
        assertEquals(0, accumulated.matrix("dM").length);
        // 2x0 M and x of length 0: g is {0, 0}
        Result zeroColumns = check(BASIC_CODE, BASICS, "accumulatedProduct", new int[] {0, 1}, new double[2][0],
                new double[0]);
        assertNear(new double[2][0], zeroColumns.matrix("dM"), 0, "dM of a 2x0 matrix");
        // Not covered: the lecture's minibatch with 0 rows (X 0x0, W 3x2) gives dW 0x0, dy and dz of length 0
        // instead of zeros of W's, y's and z's shapes (transposedTimes and sumRows of a 0-row matrix), and its
        // buffer form throws "copyInto: source is 0x0 but target is 3x2".
    }

    @Test
    void lengthOneArrays() {
        double[] a = {1.5};
        double[] b = {-2.25};
        for (String method : List.of("dotVectorized", "dotLoop")) {
            Result g = check(BASIC_CODE, BASICS, method, new int[] {0, 1}, a, b);
            assertEquals(1.5 * -2.25, g.scalar("value"), method);
            assertArrayEquals(b, g.vector("da"), method);
            assertArrayEquals(a, g.vector("db"), method);
        }
        Result q = check(BASIC_CODE, BASICS, "quadraticFormLoop", new int[] {0, 1}, a, new double[][] {{3}});
        assertArrayEquals(new double[] {2 * 3 * 1.5}, q.vector("dx"), "d/dx 3 x^2");
        assertNear(new double[][] {{1.5 * 1.5}}, q.matrix("dA"), 0, "d/dA A x^2");
        Result i = check(BASIC_CODE, BASICS, "indexArithmetic", new int[] {0}, a);
        assertArrayEquals(new double[] {2 * 1.5 + 2}, i.vector("dx"), "x^2 + 2x");
    }

    @Test
    void largeProductGradientIsRowAndColumnSums() {
        Random rnd = new Random(14);
        int n = 256;
        double[][] A = matrix(rnd, n, n);
        double[][] B = matrix(rnd, n, n);
        Result g = record(BASIC_CODE, BASICS, "sumOfProduct", A, B);
        double[][] dA = new double[n][n];
        double[][] dB = new double[n][n];
        for (int k = 0; k < n; k++) {
            double rowSumB = sum(B[k]);
            double columnSumA = 0;
            for (int i = 0; i < n; i++) {
                columnSumA += A[i][k];
            }
            for (int i = 0; i < n; i++) {
                dA[i][k] = rowSumB;
                dB[k][i] = columnSumA;
            }
        }
        assertNear(dA, g.matrix("dA"), 1e-9, "dA[i][k] = sum_j B[k][j]");
        assertNear(dB, g.matrix("dB"), 1e-9, "dB[k][j] = sum_i A[i][k]");
        assertNear(sum(mul(A, B)), g.scalar("value"), 1e-9, "value");
        double[][] gradA = filled(n, n, Double.NaN);
        double[][] gradB = filled(n, n, Double.NaN);
        double value = (Double) bufferForm(BASIC_CODE, BASICS, "sumOfProduct", A, B, gradA, gradB);
        assertEquals(g.scalar("value"), value, 0.0);
        assertNear(g.matrix("dA"), gradA, 0, "buffer form dA");
        assertNear(g.matrix("dB"), gradB, 0, "buffer form dB");
    }

    // ------------------------------------------------------------------ 12. element writes and initializers

    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0, 0.5, 3})
    void elementWritesAndCompoundAssignments(double x) {
        Result g = check(BASIC_CODE, BASICS, "elementWrites", new int[] {0}, x);
        assertEquals(3 * x + x * x, g.scalar("value"), EPS, "3x + x^2");
        assertEquals(3 + 2 * x, g.scalar("dx"), EPS, "d/dx (3x + x^2)");

        double y = 1.25 - x / 4;
        Result c = check(BASIC_CODE, BASICS, "compoundWrites", new int[] {0, 1}, x, y);
        double s = x + y;
        double p = 2 - x * y;
        assertNear(s * s * p + x / y + 1, c.scalar("value"), EPS, "(x + y)^2 (2 - x y) + x / y + 1");
        assertNear(2 * s * p - y * s * s + 1 / y, c.scalar("dx"), EPS, "d/dx");
        assertNear(2 * s * p - x * s * s - x / (y * y), c.scalar("dy"), EPS, "d/dy");
    }

    @Test
    void accumulationIntoANewArrayInADoubleLoop() {
        Random rnd = new Random(15);
        double[][] M = matrix(rnd, 4, 3);
        double[] x = vector(rnd, 3);
        Result g = check(BASIC_CODE, BASICS, "accumulatedProduct", new int[] {0, 1}, M, x);
        double[] mx = mul(M, x);
        assertNear(dot(mx, mx), g.scalar("value"), EPS, "|M x|^2");
        assertNear(scale(2, outer(mx, x)), g.matrix("dM"), EPS, "dM = 2 (M x) x^T");
        assertNear(scale(2, mul(transpose(M), mx)), g.vector("dx"), EPS, "dx = 2 M^T M x");

        double[] a = vector(rnd, 3);
        double[] b = vector(rnd, 5);
        Result o = check(BASIC_CODE, BASICS, "outerAccumulated", new int[] {0, 1}, a, b);
        assertNear(dot(a, a) * dot(b, b), o.scalar("value"), EPS, "|a|^2 |b|^2");
        assertNear(scale(2 * dot(b, b), a), o.vector("da"), EPS, "da = 2 |b|^2 a");
        assertNear(scale(2 * dot(a, a), b), o.vector("db"), EPS, "db = 2 |a|^2 b");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0, 0.5, 3})
    void initializers(double x) {
        double y = 0.75 - x / 3;
        Result v = check(BASIC_CODE, BASICS, "vectorInitializer", new int[] {0, 1}, x, y);
        assertNear(x * y * (x + y) + 3 * x * y, v.scalar("value"), EPS, "(x y)(x + y) + 3 x y");
        assertNear(y * (x + y) + x * y + 3 * y, v.scalar("dx"), EPS, "d/dx");
        assertNear(x * (x + y) + x * y + 3 * x, v.scalar("dy"), EPS, "d/dy");

        Result m = check(BASIC_CODE, BASICS, "matrixInitializer", new int[] {0, 1}, x, y);
        assertNear(x - x * y * y, m.scalar("value"), EPS, "det {{x, y}, {x y, 1}}");
        assertNear(1 - y * y, m.scalar("dx"), EPS, "d/dx det");
        assertNear(-2 * x * y, m.scalar("dy"), EPS, "d/dy det");
    }

    @Test
    void matrixInitializerPassedToMatmul() {
        Random rnd = new Random(16);
        double[] u = vector(rnd, 2);
        double[] v = vector(rnd, 2);
        for (double t : new double[] {0, 0.4, -2.1}) {
            Result g = check(BASIC_CODE, BASICS, "rotation", new int[] {0, 1, 2}, u, v, t);
            double c = Math.cos(t);
            double s = Math.sin(t);
            double[][] R = {{c, -s}, {s, c}};
            assertNear(dot(u, mul(R, v)), g.scalar("value"), EPS, "u^T R v");
            assertNear(mul(R, v), g.vector("du"), EPS, "du = R v");
            assertNear(mul(transpose(R), u), g.vector("dv"), EPS, "dv = R^T u");
            assertNear(-s * dot(u, v) + c * (u[1] * v[0] - u[0] * v[1]), g.scalar("dt"), EPS, "dt");
        }
    }

    @Test
    void writesInsideBranchesOfALoop() {
        double[] x = {0.5, -1.25, 2, 0.25, -0.75};
        double y = 1.5;
        Result g = check(BASIC_CODE, BASICS, "branchWrites", new int[] {0, 1}, x, y);
        double value = 0;
        double dy = 0;
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                value += x[i] * y * x[i] * y;
                dy += 2 * x[i] * x[i] * y;
                dx[i] = 2 * x[i] * y * y;
            } else {
                value += y * y;
                dy += 2 * y;
            }
        }
        assertNear(value, g.scalar("value"), EPS, "value");
        assertNear(dx, g.vector("dx"), EPS, "dx_i = 2 x_i y^2 where x_i > 0, else 0");
        assertNear(dy, g.scalar("dy"), EPS, "dy");
    }

    @Test
    void writtenMatrixPassedToArrayMath() {
        double[] x = {0.75, -1.5};
        double y = -0.6;
        Result g = check(BASIC_CODE, BASICS, "writtenMatrixInOperations", new int[] {0, 1}, x, y);
        assertNear(y * x[0] + y * y * x[1] + y * y + Math.pow(y, 4), g.scalar("value"), EPS, "value");
        assertNear(new double[] {y, y * y}, g.vector("dx"), EPS, "dx = (y, y^2)");
        assertNear(x[0] + 2 * y * x[1] + 2 * y + 4 * y * y * y, g.scalar("dy"), EPS, "dy");
    }

    @Test
    void writesIntoACopyOfAParameter() {
        double[] x = {0.5, -1.25, 2};
        double y = 1.5;
        Result g = check(BASIC_CODE, BASICS, "writeIntoCopy", new int[] {0, 1}, x, y);
        assertNear(y * y * x[0] * x[0] + (x[1] + y) * (x[1] + y) + x[2] * x[2], g.scalar("value"), EPS, "value");
        assertNear(new double[] {2 * y * y * x[0], 2 * (x[1] + y), 2 * x[2]}, g.vector("dx"), EPS, "dx");
        assertNear(2 * y * x[0] * x[0] + 2 * (x[1] + y), g.scalar("dy"), EPS, "dy");
        assertArrayEquals(new double[] {0.5, -1.25, 2}, x, "the parameter is not written");
    }

    @Test
    void theOneLineFixForAWrittenParameterWorks() {
        double[] x = {0.5, -1.25, 2};
        double y = 1.5;
        Result g = check(BASIC_CODE, BASICS, "parameterReassignedToACopy", new int[] {0, 1}, x, y);
        double z2 = y * x[2] * x[2];
        assertNear(y * x[0] * x[0] + 3 * y * x[1] * x[1] + z2 * z2, g.scalar("value"), EPS, "value");
        assertNear(new double[] {2 * y * x[0], 6 * y * x[1], 2 * z2 * 2 * y * x[2]}, g.vector("dx"), EPS, "dx");
        assertNear(x[0] * x[0] + 3 * x[1] * x[1] + 2 * z2 * x[2] * x[2], g.scalar("dy"), EPS, "dy");
        assertArrayEquals(new double[] {0.5, -1.25, 2}, x, "the caller's array is not written");

        double[][] m = {{1.5, 2}, {-3, 0.25}};
        Result h = check(BASIC_CODE, BASICS, "matrixParameterReassignedToACopy", new int[] {0, 1}, m, y);
        double m11 = m[1][1] + y;
        assertNear(m[0][1] * m[1][0] + m11 * m11, h.scalar("value"), EPS, "value");
        assertNear(new double[][] {{0, m[1][0]}, {m[0][1], 2 * m11}}, h.matrix("dm"), EPS, "dm");
        assertNear(2 * m11, h.scalar("dy"), EPS, "dy");
        assertArrayEquals(new double[] {1.5, 2}, m[0], "the caller's matrix is not written");

        double[] v = {0.25, -0.5, 1};
        Result e = check(BASIC_CODE, BASICS, "arrayMathResultReassignedToACopy", new int[] {0}, v);
        double e0 = Math.exp(v[0]);
        double e1 = Math.exp(v[1]);
        double e2 = Math.exp(v[2]);
        assertNear(e0 * e1 + e1 + e2, e.scalar("value"), EPS, "value");
        assertNear(new double[] {e0 * e1, e0 * e1 + e1, e2}, e.vector("dx"), EPS, "dx");
    }

    @Test
    void arrayCreatedInsideEachIteration() {
        double[] x = {0.5, -1.25, 2};
        double y = -0.75;
        Result g = check(BASIC_CODE, BASICS, "arrayPerIteration", new int[] {0, 1}, x, y);
        assertNear(dot(x, x) * y, g.scalar("value"), EPS, "sum x^2 y");
        assertNear(scale(2 * y, x), g.vector("dx"), EPS, "dx = 2 y x");
        assertNear(dot(x, x), g.scalar("dy"), EPS, "dy = |x|^2");
    }

    @Test
    void indexArithmeticAndMixedScalars() {
        Random rnd = new Random(17);
        double[] x = vector(rnd, 5);
        Result g = check(BASIC_CODE, BASICS, "indexArithmetic", new int[] {0}, x);
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = 2 * x[4 - i] + 2;
        }
        assertNear(expected, g.vector("dx"), EPS, "d/dx_i: 2 x[n-1-i] + 2");

        Result m = check(BASIC_CODE, BASICS, "mixedScalars", new int[] {0, 1}, 1.5, x, 3);
        assertEquals(List.of("value", "dc", "dx"), m.names());
        double cubes = 0;
        for (double xi : x) {
            cubes += xi * xi * xi;
        }
        assertNear(cubes, m.scalar("dc"), EPS, "dc = sum x^3");
        double[] dx = new double[5];
        for (int i = 0; i < 5; i++) {
            dx[i] = 1.5 * 3 * x[i] * x[i];
        }
        assertNear(dx, m.vector("dx"), EPS, "dx = 3 c x^2");
    }

    // ------------------------------------------------------------------ the other operations, by differences

    @Test
    void arrayResultsComputedWithLoopsAndBranchesArePullbacks() {
        Random rnd = new Random(1207);
        double[] x = {0.5, -1.25, 2, 0.75};
        checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "squares", new int[] {0}, vector(rnd, 4), x);
        Result squares = checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "squares", new int[] {0}, new double[] {1, 2, 3, 4}, x);
        assertNear(new double[] {2 * 0.5, 2 * 2 * -1.25, 3 * 2 * 2, 4 * 2 * 0.75}, squares.vector("dx"), EPS, "2 x u");

        // euler: ys[n] = y0 (1 - 0.1 k)^n, so with upstream e_n: dy0 = (1 - 0.1 k)^n, dk = -0.1 n y0 (1 - 0.1 k)^(n-1)
        double[] last = new double[6];
        last[5] = 1;
        Result euler = checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "euler", new int[] {0, 1}, last, 0.8, 1.5, 5);
        assertNear(Math.pow(1 - 0.08, 5), euler.scalar("dy0"), EPS, "dy0");
        assertNear(-0.1 * 5 * 1.5 * Math.pow(1 - 0.08, 4), euler.scalar("dk"), EPS, "dk");
        checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "euler", new int[] {0, 1}, vector(rnd, 8), 0.8, 1.5, 7);
        checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "euler", new int[] {0, 1}, new double[1], 0.8, 1.5, 0);

        checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "rk4", new int[] {0, 1, 2}, vector(rnd, 11), 1.7, 0.1, 0.3, 10);

        for (double c : new double[] {0.6, 1.5, -0.4}) {
            checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "clip", new int[] {0, 1}, vector(rnd, 4), x, c);
            checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "either", new int[] {0, 1}, vector(rnd, 4), x, c);
        }
        Result scaled = checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "scaledByPower", new int[] {0, 1},
                new double[] {1, 1, 1, 1}, x, 1.25);
        assertNear(new double[] {Math.pow(1.25, 3), Math.pow(1.25, 3), Math.pow(1.25, 3), Math.pow(1.25, 3)},
                scaled.vector("dx"), EPS, "y^3");
        assertNear(3 * 1.25 * 1.25 * (0.5 - 1.25 + 2 + 0.75), scaled.scalar("dy"), EPS, "3 y^2 sum(x)");
        checkPullback(LOOP_RESULT_CODE, LOOP_RESULTS, "outer", new int[] {0, 1, 2}, matrix(rnd, 3, 2),
                vector(rnd, 3), vector(rnd, 2), 0.7);
    }

    @Test
    void anUpstreamOfAnotherShapeIsRefusedByALoopResult() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> record(LOOP_RESULT_CODE.get(),
                LOOP_RESULTS, "squares", new double[] {1, 2, 3}, new double[2]));
        assertMessage(e, "dout", "the result of squares");
    }

    @Test
    void matrixAndVectorOperationChainsMatchDifferences() {
        Random rnd = new Random(18);
        for (int[] dims : new int[][] {{2, 3}, {1, 1}, {3, 1}}) {
            double[][] A = matrix(rnd, dims[0], dims[1]);
            double[][] B = matrix(rnd, dims[0], dims[1]);
            double[] r = vector(rnd, dims[1]);
            double[][] upstream = matrix(rnd, dims[1], dims[0]);
            checkPullback(PULLBACK_CODE, PULLBACKS, "matrixChain", new int[] {0, 1, 2, 3}, upstream, A, B, r, 0.8);
            double[] a = vector(rnd, dims[1]);
            double[] b = vector(rnd, dims[1]);
            double[][] M = matrix(rnd, dims[0], dims[1]);
            checkPullback(PULLBACK_CODE, PULLBACKS, "vectorChain", new int[] {0, 1, 2}, vector(rnd, dims[1]), a, b, M);
        }
    }

    // ------------------------------------------------------------------ smooth functions, numbers broadcast, relu at NaN

    private static final String SMOOTH = "arr.Smooth";
    private static final GeneratedCode.Once SMOOTH_CODE = GeneratedCode.once(source(SMOOTH, """
            package arr;

            import static io.github.sourcegrad.ArrayMath.*;

            import io.github.sourcegrad.Differentiable;

            class Smooth {
                /** The mean logistic loss of scores X w with labels t = +-1. */
                @Differentiable(wrt = "w")
                static double logistic(double[][] X, double[] w, double[] t) {
                    double[] s = matmul(X, w);
                    return sum(softplus(negate(multiply(t, s)))) / t.length;
                }

                @Differentiable
                static double logSigmoids(double[][] A, double[] v) {
                    return sum(logSigmoid(A)) + dot(logSigmoid(v), v);
                }

                @Differentiable
                static double logAddExps(double[] a, double[] b, double[][] M, double[][] N) {
                    return dot(logAddExp(a, b), b) + sum(logAddExp(M, N)) + sum(logAddExp(a, a));
                }

                @Differentiable
                static double withNumbers(double[] a, double[][] M, double c) {
                    return dot(add(a, c), subtract(c, a)) + sum(multiply(add(c, M), subtract(M, c)))
                            + sum(subtract(1, tanh(a))) + sum(add(tanh(M), 1)) + dot(add(2 * c, a), subtract(a, 3));
                }

                @Differentiable
                static double reluVectorized(double[] x, double[] v) {
                    return dot(relu(x), v);
                }

                @Differentiable
                static double reluLoop(double[] x, double[] v) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += Math.max(x[i], 0) * v[i];
                    }
                    return s;
                }
            }
            """));

    @Test
    void smoothFunctionsAndNumbersBroadcastOverArraysMatchDifferences() {
        Random rnd = new Random(31);
        for (int[] dims : new int[][] {{3, 2}, {1, 1}, {4, 3}}) {
            double[][] X = matrix(rnd, dims[0], dims[1]);
            double[] t = new double[dims[0]];
            for (int i = 0; i < t.length; i++) {
                t[i] = rnd.nextBoolean() ? 1 : -1;
            }
            check(SMOOTH_CODE, SMOOTH, "logistic", new int[] {1}, X, vector(rnd, dims[1]), t);
            check(SMOOTH_CODE, SMOOTH, "logSigmoids", new int[] {0, 1}, matrix(rnd, dims[0], dims[1]), vector(rnd, dims[1]));
            check(SMOOTH_CODE, SMOOTH, "logAddExps", new int[] {0, 1, 2, 3}, vector(rnd, dims[1]), vector(rnd, dims[1]),
                    matrix(rnd, dims[0], dims[1]), matrix(rnd, dims[0], dims[1]));
            check(SMOOTH_CODE, SMOOTH, "withNumbers", new int[] {0, 1, 2}, vector(rnd, dims[1]), matrix(rnd, dims[0], dims[1]), 0.3);
        }
    }

    @Test
    void logisticLossAtZeroWeightsHasTheExactGradient() {
        double[][] X = {{1, 2}, {-1, 0.5}, {3, -1}};
        double[] t = {1, -1, 1};
        Result g = record(SMOOTH_CODE, SMOOTH, "logistic", X, new double[2], t);
        assertEquals(Math.log(2), g.scalar("value"), 0.0, "softplus(0) = ln 2");
        // d/dw mean softplus(-t x.w) at w = 0: -mean(t x) / 2
        double[] expected = new double[2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                expected[j] -= 0.5 * t[i] * X[i][j] / 3;
            }
        }
        assertNear(expected, g.vector("dw"), EPS, "dw at w = 0");
    }

    @Test
    void logAddExpOfEqualArraysPassesHalfToEachSide() {
        double[] a = {0, 1.5, -700};
        Result g = record(SMOOTH_CODE, SMOOTH, "logAddExps", a, a.clone(), new double[][] {{2}}, new double[][] {{2}});
        assertArrayEquals(new double[][] {{0.5}}, g.matrix("dM"));
        assertArrayEquals(new double[][] {{0.5}}, g.matrix("dN"));
    }

    /** relu(x) and a loop of Math.max(x[i], 0) agree bit for bit, NaN included: values and gradients. */
    @Test
    void reluAndALoopOfMathMaxAgreeAtNaN() {
        double[] x = {Double.NaN, -1, 0, -0.0, 2, Double.POSITIVE_INFINITY};
        double[] v = {0.5, 2, 3, 4, 5, 0};
        // dv exposes relu's values; dx its mask
        Result vectorized = record(SMOOTH_CODE, SMOOTH, "reluVectorized", x, v);
        Result loop = record(SMOOTH_CODE, SMOOTH, "reluLoop", x, v);
        double[] dvVectorized = vectorized.vector("dv");
        double[] dvLoop = loop.vector("dv");
        double[] dxVectorized = vectorized.vector("dx");
        double[] dxLoop = loop.vector("dx");
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToLongBits(dvLoop[i]), Double.doubleToLongBits(dvVectorized[i]),
                    "dv[" + i + "] = relu(x)[" + i + "] at x = " + x[i] + ": loop " + dvLoop[i] + ", vectorized " + dvVectorized[i]);
            assertEquals(Double.doubleToLongBits(dxLoop[i]), Double.doubleToLongBits(dxVectorized[i]),
                    "dx[" + i + "] at x = " + x[i] + ": loop " + dxLoop[i] + ", vectorized " + dxVectorized[i]);
        }
        assertTrue(Double.isNaN(dvVectorized[0]), "relu(NaN) is NaN");
        assertEquals(0.0, dxVectorized[0], 0.0, "the mask passes nothing at NaN, as Math.max's rule");
        assertTrue(Double.isNaN(vectorized.scalar("value")) && Double.isNaN(loop.scalar("value")));
    }

    // ------------------------------------------------------------------ 13. buffer form and fresh arrays

    @Test
    void bufferFormWritesTheRecordsGradientsAndOverwritesOnReuse() {
        Random rnd = new Random(19);
        double[][] gradX = filled(3, 2, Double.NaN);
        double[][] gradW = filled(2, 4, Double.NaN);
        double[] gradY = filled(4, Double.NaN);
        double[] gradZ = filled(4, Double.NaN);
        for (int call = 0; call < 3; call++) {
            Object[] args = lectureArguments(rnd, 3, 2, 4);
            double[][] upstream = matrix(rnd, 3, 4);
            Result g = record(LECTURE_CODE, LECTURE, "minibatch", append(args, (Object) upstream));
            Object value = bufferForm(LECTURE_CODE, LECTURE, "minibatch", append(args, upstream, gradX, gradW, gradY,
                    gradZ));
            String where = "call " + call + " with the same buffers";
            assertNear(g.get("value"), value, 0, where + ": value");
            assertNear(g.get("dX"), gradX, 0, where + ": gradX");
            assertNear(g.get("dW"), gradW, 0, where + ": gradW");
            assertNear(g.get("dy"), gradY, 0, where + ": gradY");
            assertNear(g.get("dz"), gradZ, 0, where + ": gradZ");
        }
    }

    @Test
    void bufferFormWithScalarAndArrayParameters() {
        Random rnd = new Random(20);
        double[] x = vector(rnd, 3);
        double[][] M = matrix(rnd, 2, 3);
        double[] u = vector(rnd, 2);
        double c = 1.75;
        Result g = checkPullback(PULLBACK_CODE, PULLBACKS, "scaledProduct", new int[] {0, 1, 2}, u, c, x, M);
        assertEquals(List.of("value", "dc", "dx", "dM"), g.names());
        assertNear(dot(u, mul(M, x)), g.scalar("dc"), EPS, "dc = u . (M x)");
        assertNear(scale(c, mul(transpose(M), u)), g.vector("dx"), EPS, "dx = c M^T u");
        assertNear(scale(c, outer(u, x)), g.matrix("dM"), EPS, "dM = c u x^T");

        double[] grad = {Double.NaN, 42};
        double[] gradX = filled(3, Double.NaN);
        double[][] gradM = filled(2, 3, Double.NaN);
        Method m = method(PULLBACK_CODE.get().companion(PULLBACKS), "dscaledProduct", double.class, double[].class,
                double[][].class, double[].class, double[].class, double[].class, double[][].class);
        Object value = invoke(m, c, x, M, u, grad, gradX, gradM);
        assertNear(g.get("value"), value, 0, "value");
        assertEquals(g.scalar("dc"), grad[0], 0.0, "grad[0] = dc");
        assertEquals(42.0, grad[1], 0.0, "grad has one slot per differentiated scalar; the rest is left alone");
        assertNear(g.get("dx"), gradX, 0, "gradX");
        assertNear(g.get("dM"), gradM, 0, "gradM");
    }

    static Stream<Arguments> identityLikePullbacks() {
        return Stream.of(
                Arguments.of("addVectors", new Object[] {new double[] {1, 2}, new double[] {3, 4}}, new double[] {5, 6}),
                Arguments.of("addMatrices", new Object[] {new double[][] {{1, 2}, {3, 4}}, new double[][] {{5, 6}, {7, 8}}},
                        new double[][] {{9, 10}, {11, 12}}),
                Arguments.of("identity", new Object[] {new double[] {1, 2, 3}}, new double[] {4, 5, 6}),
                Arguments.of("twice", new Object[] {new double[] {1, 2}}, new double[] {3, 4}),
                Arguments.of("rowBroadcast", new Object[] {new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6}},
                        new double[][] {{7, 8}, {9, 10}}),
                Arguments.of("copied", new Object[] {new double[][] {{1, 2, 3}}}, new double[][] {{4, 5, 6}}));
    }

    /**
     * Pullbacks whose gradient is the upstream itself (add, identity, addRow, copy): the record's arrays must be
     * fresh, not the upstream, not the arguments, not each other, so that changing one changes nothing else.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("identityLikePullbacks")
    void pullbackGradientsAreFreshArrays(String method, Object[] args, Object upstream) {
        int[] diff = new int[args.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = i;
        }
        Result g = checkPullback(PULLBACK_CODE, PULLBACKS, method, diff, upstream, args);
        List<String> names = g.names();
        Object upstreamBefore = deepCopy(upstream);
        Object[] argsBefore = deepCopy(args);
        Object valueBefore = deepCopy(g.get("value"));
        List<Object> gradientsBefore = names.stream().skip(1).map(c -> deepCopy(g.get(c))).toList();
        if (method.equals("twice")) {
            assertNear(scale(2, (double[]) upstream), g.get("da"), 0, "twice: da = 2 u");
        } else {
            assertNear(upstream, g.get(names.get(1)), 0, method + ": " + names.get(1) + " = the upstream");
        }
        clobber(g.get(names.get(1)));
        assertNear(upstreamBefore, upstream, 0, method + ": changing " + names.get(1) + " changed the upstream");
        for (int i = 0; i < args.length; i++) {
            assertNear(argsBefore[i], args[i], 0, method + ": changing " + names.get(1) + " changed argument " + i);
        }
        assertNear(valueBefore, g.get("value"), 0, method + ": changing " + names.get(1) + " changed the value");
        for (int i = 2; i < names.size(); i++) {
            assertNear(gradientsBefore.get(i - 1), g.get(names.get(i)), 0,
                    method + ": changing " + names.get(1) + " changed " + names.get(i));
        }
    }

    // ------------------------------------------------------------------ 14. shape errors at run time

    @Test
    void raggedMatrixParameterIsAnIllegalArgument() {
        double[][] ragged = {{1, 2, 3}, {4, 5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> record(BASIC_CODE, BASICS, "quadraticFormLoop", new double[] {1, 2, 3}, ragged));
        assertMessage(e, "A", "is ragged", "row 0 has length 3", "row 1 has length 2");

        e = assertThrows(IllegalArgumentException.class, () -> record(LECTURE_CODE, LECTURE, "minibatch",
                new double[][] {{1, 2}, {3, 4}, {5}}, new double[][] {{1}, {2}}, new double[] {0}, new double[] {0},
                new double[][] {{1}, {1}, {1}}));
        assertMessage(e, "X", "is ragged", "row 0 has length 2", "row 2 has length 1");

        double[][] W = {{1, 2, 3}, {4, 5}};
        e = assertThrows(IllegalArgumentException.class, () -> bufferForm(LECTURE_CODE, LECTURE, "minibatch",
                new double[][] {{1, 2}}, W, new double[3], new double[3], new double[1][3],
                new double[1][2], new double[][] {{0, 0, 0}, {0, 0, 0}}, new double[3], new double[3]));
        assertMessage(e, "W", "is ragged", "row 0 has length 3", "row 1 has length 2");
    }

    @Test
    void bufferOfTheWrongShapeIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bufferForm(BASIC_CODE, BASICS,
                "dotVectorized", new double[] {1, 2, 3}, new double[] {4, 5, 6}, new double[3], new double[2]));
        assertMessage(e, "gradB", "length of b", "3", "has length 2");

        Object[] args = lectureArguments(new Random(21), 3, 2, 4);
        double[][] upstream = new double[3][4];
        e = assertThrows(IllegalArgumentException.class, () -> bufferForm(LECTURE_CODE, LECTURE, "minibatch",
                append(args, upstream, new double[3][2], new double[4][2], new double[4], new double[4])));
        assertMessage(e, "gradW", "shape of W", "2x4", "is 4x2");

        e = assertThrows(IllegalArgumentException.class, () -> bufferForm(LECTURE_CODE, LECTURE, "minibatch",
                append(args, upstream, new double[][] {{0, 0}, {0, 0}, {0}}, new double[2][4], new double[4],
                        new double[4])));
        assertMessage(e, "gradX", "is ragged", "row 0 has length 2", "row 2 has length 1");

        e = assertThrows(IllegalArgumentException.class, () -> bufferForm(BASIC_CODE, BASICS, "mixedScalars", 1.0,
                new double[] {1, 2}, 3, new double[0], new double[2]));
        assertMessage(e, "grad", "length at least 1", "has length 0");
    }

    @Test
    void upstreamOfTheWrongShapeIsAnIllegalArgument() {
        Object[] args = lectureArguments(new Random(22), 4, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> record(LECTURE_CODE, LECTURE, "minibatch", append(args, (Object) new double[2][4])));
        assertMessage(e, "dT", "the result of minibatch", "4x2", "is 2x4");

        e = assertThrows(IllegalArgumentException.class, () -> bufferForm(LECTURE_CODE, LECTURE, "minibatch",
                append(args, new double[4][3], new double[4][3], new double[3][2], new double[2], new double[2])));
        assertMessage(e, "dT", "the result of minibatch", "4x2", "is 4x3");

        e = assertThrows(IllegalArgumentException.class, () -> record(LECTURE_CODE, LECTURE, "vector",
                new double[] {1, 2}, new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[3], new double[3], new double[4]));
        assertMessage(e, "dt", "the result of vector", "3", "has length 4");
    }

    // ------------------------------------------------------------------ 15. compile errors

    private static JavaFileObject bad(String header, String... body) {
        List<String> lines = new ArrayList<>();
        lines.add("package p;");
        lines.add("import static io.github.sourcegrad.ArrayMath.*;");
        lines.add("import io.github.sourcegrad.ArrayMath;");
        lines.add("import io.github.sourcegrad.Differentiable;");
        lines.add("class Bad {");
        lines.add("  " + header);
        for (String line : body) {
            lines.add("    " + line);
        }
        lines.add("  }");
        lines.add("}");
        return JavaFileObjects.forSourceLines("p.Bad", lines);
    }

    private static final String F = "@Differentiable static double f(double[] x, double[][] M, double y) {";

    static Stream<Arguments> arrayCompileErrors() {
        // each body's statement under test is on line 8 (the second statement of the body)
        return Stream.of(
                Arguments.of("writing into a parameter", F,
                        new String[] {"double s = y;", "x[0] = y;", "return s;"},
                        new String[] {"writing into the parameter 'x'", "one line before the first write: x = ArrayMath.copy(x);"}),
                Arguments.of("writing into an ArrayMath result", F,
                        new String[] {"double[] e = ArrayMath.exp(x);", "e[0] = y;", "return e[1];"},
                        new String[] {"writing into 'e', the result of an ArrayMath operation",
                                "one line before the first write: e = ArrayMath.copy(e);"}),
                Arguments.of("writing into a parameter matrix", F,
                        new String[] {"double s = y;", "M[0][1] += y;", "return s;"},
                        new String[] {"writing into the parameter 'M'", "M = ArrayMath.copy(M);"}),
                Arguments.of("copying a written array", F,
                        new String[] {"double[] v = new double[2];", "v[0] = y; double[] w = v;", "return w[0];"},
                        new String[] {"'v' is written element by element", "cannot be assigned to another variable"}),
                Arguments.of("an ArrayMath call on an array written later in the same loop", F,
                        new String[] {"double[] v = new double[x.length]; double s = 0;",
                                      "for (int t = 0; t < x.length; t++) { s += sum(v); v[t] = x[t] * y; }",
                                      "return s;"},
                        new String[] {"this ArrayMath call reads 'v', which is written in the same loop",
                                      "ArrayMath.copy(v)"}),
                Arguments.of("reading a row of a written matrix", F,
                        new String[] {"double[][] m = new double[2][2];", "m[0][0] = y; double[] r = m[0];",
                                      "return sum(r);"},
                        new String[] {"reading a row of 'm', which is written element by element, is not supported",
                                      "m[i][j]"}),
                Arguments.of("calling ArrayMath with a wrong overload", F,
                        new String[] {"double s = y;", "double[][] m = matmul(x, x);", "return sum(m);"},
                        new String[] {"no overload of ArrayMath.matmul takes (double[], double[])",
                                      "matmul(double[][], double[][])", "matmul(double[][], double[])",
                                      "matmul(double[], double[][])"}),
                Arguments.of("an ArrayMath method without a derivative", F,
                        new String[] {"double s = y;", "double[][] m = outer(x, x);", "return sum(m);"},
                        new String[] {"no derivative for ArrayMath.outer", "supported: matmul", "softmax"}),
                Arguments.of("a qualified ArrayMath method without a derivative", F,
                        new String[] {"double s = y;", "double[] m = ArrayMath.transposedTimes(M, x);", "return sum(m);"},
                        new String[] {"no derivative for ArrayMath.transposedTimes", "supported: matmul"}),
                Arguments.of("a method ArrayMath does not have", F,
                        new String[] {"double s = y;", "double[] m = ArrayMath.cumsum(x);", "return sum(m);"},
                        new String[] {"cannot resolve the method 'ArrayMath.cumsum'"}),
                Arguments.of("an array in + arithmetic", F,
                        new String[] {"double s = y;", "double t = s + x;", "return t;"},
                        new String[] {"a double[] array cannot be used in +", "ArrayMath", "add"}),
                Arguments.of("a matrix in * arithmetic", F,
                        new String[] {"double s = y;", "double t = M * s;", "return t;"},
                        new String[] {"array cannot be used in *", "ArrayMath"}),
                Arguments.of("reassigning in a loop a variable that holds a written array", F,
                        new String[] {"double[] v = new double[3]; v[0] = y;", "for (int i = 0; i < 3; i++) { v = scale(y, v); }",
                                      "return sum(v);"},
                        new String[] {"'v' is written element by element", "reassign a copy", "ArrayMath.copy(v)"}),
                Arguments.of("reassigning in a branch a variable that holds a written matrix", F,
                        new String[] {"double[][] A = new double[1][1]; A[0][0] = y;", "if (y > 0) { A = scale(y, A); }",
                                      "return sum(A);"},
                        new String[] {"'A' is written element by element", "reassign a copy"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrayCompileErrors")
    void arrayRuleViolationIsAnErrorAtItsLine(String what, String header, String[] body, String[] messageParts) {
        JavaFileObject source = bad(header, body);
        Compilation compilation = compile(source);
        assertThat(compilation).failed();
        for (String part : messageParts) {
            assertThat(compilation).hadErrorContaining(part).inFile(source).onLine(8);
        }
        assertCleanFailure(compilation);
    }

    @Test
    void returningAWrittenArrayFromInsideABranchIsAnError() {
        JavaFileObject source = bad("@Differentiable static double[] f(double[] x, double y) {",
                "double[] v = new double[2];", "if (y > 0) { v[0] = y; return v; }", "v[1] = y;", "return v;");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("returning 'v', an array written element by element, from inside "
                + "a branch is not supported yet; fill it in the branches and return it once, after them");
        assertCleanFailure(compilation);
    }

    @Test
    void floatArrayParameterIsAnError() {
        JavaFileObject source = bad("@Differentiable static double f(float[] x, double y) {", "double s = y;",
                "return s;");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorContaining("parameter x has type float[]").inFile(source).onLine(6);
        assertThat(compilation).hadErrorContaining("double, double[] and double[][] parameters").inFile(source)
                .onLine(6);
        assertCleanFailure(compilation);
    }

    /** The companion imports ArrayMath statically; a generated method named like an ArrayMath method must not break it. */
    @Test
    void generatedMethodNamedLikeAnArrayMathMethod() {
        GeneratedCode code = GeneratedCode.compile(source("p.Clash", """
                package p;

                import static io.github.sourcegrad.ArrayMath.*;

                import io.github.sourcegrad.Differentiable;

                class Clash {
                    @Differentiable
                    static double ot(double x) {
                        return x * x;
                    }

                    @Differentiable
                    static double um(double[] a, double[] b) {
                        return sum(a) * dot(a, b);
                    }
                }
                """));
        Random rnd = new Random(23);
        double[] a = vector(rnd, 3);
        double[] b = vector(rnd, 3);
        Result g = record(code, "p.Clash", "um", a, b);
        assertNear(add(scale(dot(a, b), filled(3, 1)), scale(sum(a), b)), g.vector("da"), EPS, "da = (a.b) 1 + sum(a) b");
        assertNear(scale(sum(a), a), g.vector("db"), EPS, "db = sum(a) a");
        assertEquals(6.0, record(code, "p.Clash", "ot", 3.0).scalar("dx"), 0.0);
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions("-Xlint:all").compile(sources);
    }

    /** SourceGrad's errors come first, and none is an internal error. */
    private static void assertCleanFailure(Compilation compilation) {
        String all = compilation.errors().stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
        assertFalse(compilation.errors().isEmpty(), "expected an error");
        assertTrue(compilation.errors().get(0).getMessage(null).startsWith("[SourceGrad]"), all);
        assertFalse(all.contains("internal error") || all.contains("Exception"), all);
    }

    // ------------------------------------------------------------------ the gradient check

    /**
     * Checks {@code CGrad.d<method>} at {@code args} and returns its record. {@code diff} holds the argument
     * positions of the differentiated parameters in declaration order; {@code upstream} is the upstream adjoint
     * for a method with an array result (then the checked function is {@code sum(value ⊙ upstream)}), null for a
     * method that returns a double. Checks: value() equals the original method; every gradient has its
     * parameter's shape and agrees with central differences; the arrays of the record are fresh (no argument, no
     * upstream, no other component, not even a row); the arguments are unchanged; the buffer form, called twice
     * with the same NaN-filled buffers, returns the same value and writes the same gradients both times.
     */
    static Result checkPullback(GeneratedCode.Once once, String cls, String method, int[] diff,
            Object upstream, Object... args) {
        GeneratedCode code = once.get();
        String where = cls + "." + method + shapes(args);
        Object[] callArgs = upstream == null ? args : append(args, upstream);
        Object[] before = deepCopy(callArgs);
        Result g = record(code, cls, method, callArgs);
        for (int i = 0; i < callArgs.length; i++) {
            if (callArgs[i] instanceof double[] || callArgs[i] instanceof double[][]) {
                assertNear(before[i], callArgs[i], 0, where + ": the gradient changed argument " + i);
            }
        }
        assertEquals(diff.length + 1, g.names().size(), where + ": components " + g.names());

        // value
        Object primal = primal(code, cls, method, args);
        assertNear(primal, g.get("value"), EPS, where + ": value()");

        // gradients against central differences of sum(f(args) ⊙ upstream)
        ToDoubleFunction<Object[]> f = upstream == null
                ? a -> (Double) primal(code, cls, method, a)
                : a -> dot(flatten(primal(code, cls, method, a)), flatten(upstream));
        for (int p = 0; p < diff.length; p++) {
            String name = g.names().get(p + 1);
            Object gradient = g.get(name);
            assertEquals(shape(args[diff[p]]), shape(gradient), where + ": " + name + " has its parameter's shape");
            assertMatchesDifferences(numericGradient(f, args, diff[p]), gradient, where + ": " + name);
        }

        // fresh arrays
        Map<Object, String> owners = new IdentityHashMap<>();
        for (int i = 0; i < callArgs.length; i++) {
            registerArrays(owners, callArgs[i], "argument " + i);
        }
        registerArrays(owners, g.get("value"), "value");
        for (int p = 0; p < diff.length; p++) {
            registerArrays(owners, g.get(g.names().get(p + 1)), g.names().get(p + 1));
        }

        // buffer form, twice with the same buffers: overwritten, not accumulated
        List<Object> buffers = new ArrayList<>();
        int scalars = 0;
        for (int index : diff) {
            if (args[index] instanceof Double) {
                scalars++;
            } else {
                buffers.add(filledLike(args[index], Double.NaN));
            }
        }
        if (scalars > 0) {
            buffers.add(0, filled(scalars, Double.NaN));
        }
        Object[] bufferArgs = append(callArgs, buffers.toArray());
        for (int call = 1; call <= 2; call++) {
            Object value = bufferForm(code, cls, method, bufferArgs);
            String buffer = where + ", buffer form call " + call;
            assertNear(g.get("value"), value, 0, buffer + ": value");
            int slot = 0;
            int array = scalars > 0 ? 1 : 0;
            for (int p = 0; p < diff.length; p++) {
                String name = g.names().get(p + 1);
                if (args[diff[p]] instanceof Double) {
                    assertEquals(g.scalar(name), ((double[]) buffers.get(0))[slot++], 0.0, buffer + ": grad for " + name);
                } else {
                    assertNear(g.get(name), buffers.get(array++), 0, buffer + ": buffer for " + name);
                }
            }
        }
        return g;
    }

    static Result check(GeneratedCode.Once once, String cls, String method, int[] diff, Object... args) {
        return checkPullback(once, cls, method, diff, null, args);
    }

    /** Records every array reachable from {@code value} (a matrix and its rows) and fails if one is already owned. */
    private static void registerArrays(Map<Object, String> owners, Object value, String owner) {
        List<Object> arrays = new ArrayList<>();
        if (value instanceof double[]) {
            arrays.add(value);
        } else if (value instanceof double[][] m) {
            arrays.add(m);
            arrays.addAll(Arrays.asList(m));
        }
        for (Object array : arrays) {
            String previous = owners.putIfAbsent(array, owner);
            if (previous != null && !previous.equals(owner)) {
                fail(owner + " shares an array with " + previous + ": the record's arrays must be fresh");
            }
        }
    }

    /** The 4-point central difference of {@code f} with respect to every element of {@code args[index]}. */
    private static Object numericGradient(ToDoubleFunction<Object[]> f, Object[] args, int index) {
        double[] flat = flatten(args[index]);
        double[] out = new double[flat.length];
        for (int k = 0; k < flat.length; k++) {
            double x = flat[k];
            double h = FD_STEP * Math.max(1, Math.abs(x));
            double plus1 = f.applyAsDouble(withElement(args, index, k, x + h));
            double minus1 = f.applyAsDouble(withElement(args, index, k, x - h));
            double plus2 = f.applyAsDouble(withElement(args, index, k, x + 2 * h));
            double minus2 = f.applyAsDouble(withElement(args, index, k, x - 2 * h));
            out[k] = (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * h);
        }
        return unflatten(out, args[index]);
    }

    private static void assertMatchesDifferences(Object estimate, Object actual, String what) {
        double[] e = flatten(estimate);
        double[] a = flatten(actual);
        assertEquals(e.length, a.length, what + ": number of elements");
        for (int k = 0; k < e.length; k++) {
            double tolerance = FD_TOLERANCE * (1 + Math.abs(e[k]));
            if (!(Math.abs(a[k] - e[k]) <= tolerance)) {
                fail(what + ": element " + k + " is " + a[k] + " but the central difference is " + e[k] + " (tolerance "
                        + tolerance + ")\n gradient   " + Arrays.toString(a) + "\n difference " + Arrays.toString(e));
            }
        }
    }

    /**
     * Asserts equal shapes and elements within {@code rel} times the largest magnitude of {@code expected}
     * (at least 1): rounding of the whole array, not of each element.
     */
    private static void assertNear(Object expected, Object actual, double rel, String what) {
        assertEquals(shape(expected), shape(actual), what + ": shape");
        double[] e = flatten(expected);
        double[] a = flatten(actual);
        double scale = 1;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = rel * scale;
        for (int k = 0; k < e.length; k++) {
            boolean same = Double.compare(e[k], a[k]) == 0 || Math.abs(a[k] - e[k]) <= tolerance;
            if (!same) {
                fail(what + ": element " + k + " is " + a[k] + " but should be " + e[k] + " (tolerance " + tolerance
                        + ")\n actual   " + Arrays.toString(a) + "\n expected " + Arrays.toString(e));
            }
        }
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                    "the message should contain '" + part + "': " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ calling, with array arguments

    /** The record returned by a generated {@code d<method>}, with array components. */
    static final class Result {
        private final Object record;
        private final RecordComponent[] components;

        Result(Object record) {
            this.record = record;
            this.components = record.getClass().getRecordComponents();
        }

        List<String> names() {
            return Arrays.stream(components).map(RecordComponent::getName).toList();
        }

        Object get(String name) {
            for (RecordComponent c : components) {
                if (c.getName().equals(name)) {
                    Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    return invoke(accessor, record);
                }
            }
            return fail("no component " + name + " in " + record.getClass().getName() + names());
        }

        double scalar(String name) {
            return (Double) get(name);
        }

        double[] vector(String name) {
            return (double[]) get(name);
        }

        double[][] matrix(String name) {
            return (double[][]) get(name);
        }
    }

    private static Object primal(GeneratedCode code, String cls, String method, Object... args) {
        return invoke(method(code.load(cls), method, types(args)), args);
    }

    static Result record(GeneratedCode.Once once, String cls, String method, Object... args) {
        return record(once.get(), cls, method, args);
    }

    private static Result record(GeneratedCode code, String cls, String method, Object... args) {
        Method m = method(code.companion(cls), "d" + method, types(args));
        assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()), m + " is public static");
        assertTrue(m.getReturnType().isRecord(), m + " returns a record");
        return new Result(invoke(m, args));
    }

    private static Object bufferForm(GeneratedCode.Once once, String cls, String method, Object... args) {
        return bufferForm(once.get(), cls, method, args);
    }

    /** Calls the buffer form {@code d<method>(args..., [upstream], [grad], gradX, ...)} and returns its value. */
    private static Object bufferForm(GeneratedCode code, String cls, String method, Object... args) {
        Method m = method(code.companion(cls), "d" + method, types(args));
        assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()), m + " is public static");
        return invoke(m, args);
    }

    private static Class<?> recordType(GeneratedCode.Once once, String cls, String method) {
        String name = "d" + method;
        for (Method m : once.get().companion(cls).getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getReturnType().isRecord()) {
                return m.getReturnType();
            }
        }
        return fail("no record form of " + name);
    }

    private static Class<?>[] types(Object[] args) {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Double) {
                types[i] = double.class;
            } else if (arg instanceof Integer) {
                types[i] = int.class;
            } else if (arg instanceof Long) {
                types[i] = long.class;
            } else if (arg instanceof Boolean) {
                types[i] = boolean.class;
            } else {
                types[i] = arg.getClass();
            }
        }
        return types;
    }

    private static Method method(Class<?> owner, String name, Class<?>... types) {
        try {
            Method m = owner.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            return fail("no method " + owner.getName() + "." + name + Arrays.stream(types).map(Class::getSimpleName)
                    .collect(Collectors.joining(", ", "(", ")")) + "; declared: "
                    + Arrays.toString(owner.getDeclaredMethods()));
        }
    }

    /** Invokes a static method (or an accessor on {@code args[0]}'s record); the method's own exceptions are rethrown. */
    private static Object invoke(Method m, Object... args) {
        try {
            return Modifier.isStatic(m.getModifiers()) ? m.invoke(null, args) : m.invoke(args[0]);
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

    // ------------------------------------------------------------------ values: shapes, copies, flattening

    private static String shape(Object value) {
        if (value instanceof double[] v) {
            return "double[" + v.length + "]";
        } else if (value instanceof double[][] m) {
            return "double[" + m.length + "][" + Arrays.stream(m).map(r -> r == null ? "null" : "" + r.length)
                    .collect(Collectors.joining(",")) + "]";
        } else if (value instanceof Double) {
            return "double";
        }
        return String.valueOf(value == null ? null : value.getClass().getSimpleName());
    }

    private static String shapes(Object[] args) {
        return Arrays.stream(args).map(ArraysTest::shape).collect(Collectors.joining(", ", "(", ")"));
    }

    private static double[] flatten(Object value) {
        if (value instanceof Double d) {
            return new double[] {d};
        } else if (value instanceof double[] v) {
            return v.clone();
        } else if (value instanceof double[][] m) {
            return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
        }
        return fail("not a double, double[] or double[][]: " + value);
    }

    private static Object unflatten(double[] flat, Object like) {
        if (like instanceof Double) {
            return flat[0];
        } else if (like instanceof double[]) {
            return flat;
        }
        double[][] m = (double[][]) like;
        double[][] out = new double[m.length][];
        int k = 0;
        for (int i = 0; i < m.length; i++) {
            out[i] = Arrays.copyOfRange(flat, k, k + m[i].length);
            k += m[i].length;
        }
        return out;
    }

    private static Object filledLike(Object like, double c) {
        double[] flat = flatten(like);
        Arrays.fill(flat, c);
        return unflatten(flat, like);
    }

    /** Sets every element of a vector, or of every row of a matrix, to NaN. */
    private static void clobber(Object value) {
        if (value instanceof double[] v) {
            Arrays.fill(v, Double.NaN);
        } else if (value instanceof double[][] m) {
            for (double[] row : m) {
                Arrays.fill(row, Double.NaN);
            }
        }
    }

    private static Object deepCopy(Object value) {
        if (value instanceof double[] v) {
            return v.clone();
        } else if (value instanceof double[][] m) {
            return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
        }
        return value;
    }

    private static Object[] deepCopy(Object[] values) {
        return Arrays.stream(values).map(ArraysTest::deepCopy).toArray();
    }

    /** A deep copy of {@code args} whose argument {@code index} has element {@code k} (row-major) set to {@code v}. */
    private static Object[] withElement(Object[] args, int index, int k, double v) {
        Object[] out = args.clone();
        double[] flat = flatten(args[index]);
        flat[k] = v;
        out[index] = unflatten(flat, args[index]);
        return out;
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] out = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }

    private static Object[] lectureArguments(Random rnd, int n, int d, int m) {
        return new Object[] {matrix(rnd, n, d), matrix(rnd, d, m), vector(rnd, m), vector(rnd, m)};
    }

    // ------------------------------------------------------------------ reference linear algebra

    private static double[] vector(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rnd.nextDouble() - 1;
        }
        return v;
    }

    private static double[][] matrix(Random rnd, int n, int m) {
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = vector(rnd, m);
        }
        return a;
    }

    private static double[] filled(int n, double c) {
        double[] v = new double[n];
        Arrays.fill(v, c);
        return v;
    }

    private static double[][] filled(int n, int m, double c) {
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = filled(m, c);
        }
        return a;
    }

    private static double[] oneHot(int n, int k) {
        double[] v = new double[n];
        v[k] = 1;
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static double sum(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            s += sum(row);
        }
        return s;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] + b[i];
        }
        return r;
    }

    private static double[] subtract(double[] a, double[] b) {
        return add(a, scale(-1, b));
    }

    private static double[] scale(double c, double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = c * a[i];
        }
        return r;
    }

    private static double[][] scale(double c, double[][] a) {
        return Arrays.stream(a).map(row -> scale(c, row)).toArray(double[][]::new);
    }

    private static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = k == 0 ? 0 : b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * b[p][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    private static double[] mul(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = dot(a[i], x);
        }
        return y;
    }

    private static double[] mul(double[] x, double[][] a) {
        return mul(transpose(a), x);
    }

    private static double[][] transpose(double[][] a) {
        int n = a.length;
        int m = n == 0 ? 0 : a[0].length;
        double[][] t = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] outer(double[] x, double[] y) {
        double[][] c = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                c[i][j] = x[i] * y[j];
            }
        }
        return c;
    }

    private static double[] softmax(double[] z) {
        double max = Arrays.stream(z).max().orElse(0);
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
        }
        return scale(1 / sum(e), e);
    }

    /** {@code c * log(softmax(z))}. */
    private static double[] logSoftmax(double[] z, double c) {
        double[] s = softmax(z);
        double[] r = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            r[i] = c * Math.log(s[i]);
        }
        return r;
    }
}
