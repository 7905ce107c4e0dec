package io.github.sourcegrad.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden sources are not only the right text: every function in them gives the right numbers, checked
 * against central finite differences at generic points (away from kinks), through both generated forms.
 */
class GoldenNumbersTest {
    private static final Path DIR = Paths.get(System.getProperty("golden.dir", "src/test/resources/golden"));
    private static final Map<String, GeneratedCode> COMPILED = new HashMap<>();

    private static synchronized GeneratedCode compiled(String name) {
        return COMPILED.computeIfAbsent(name, n -> {
            try {
                String text = Files.readString(DIR.resolve(n + ".java"), StandardCharsets.UTF_8);
                return GeneratedCode.compile(GeneratedCode.source("golden." + n, text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                row("Slides", "f", new int[] {0, 1}, 0.3, 1.7),
                row("Slides", "fInline", new int[] {0, 1}, -0.4, 2.1),
                row("Slides", "exercise", new int[] {0, 1, 2}, 1.0, 0.5, -2.0),
                row("Slides", "exercise", new int[] {0, 1, 2}, -1.0, 0.5, -2.0),
                row("Slides", "scalarInput", new int[] {0, 1, 2, 3}, 0.8, 1.3, 0.2, 0.6),
                row("Slides", "mlpLoss", new int[] {2, 3, 4, 5}, 2.0, 10.0, -1.0, 4.0, 3.0, 1.0),
                row("Slides", "mlpLoss", new int[] {2, 3, 4, 5}, 0.7, 1.5, 0.9, 0.1, -1.2, 2.5),
                row("Slides", "fanOut", new int[] {0}, 1.3),
                row("Slides", "reciprocal", new int[] {0}, 0.4),
                row("Slides", "logOfSquare", new int[] {0}, 0.6),
                row("Slides", "sumTimes", new int[] {0, 1, 2}, 1.0, 2.0, -3.0),
                row("ChainRule", "z", new int[] {0, 1}, 2.0, 3.0),
                row("NeuralNetworks", "cubeMinusLog", new int[] {0}, 1.7),
                row("NeuralNetworks", "sigmoid", new int[] {0}, -0.8),
                row("NeuralNetworks", "hinge", new int[] {0, 1, 2}, 0.5, 0.7, 1.1),
                row("NeuralNetworks", "activation", new int[] {0, 1, 2}, 0.5, 0.7, 0.3),
                row("Calls", "sigmoid", new int[] {0}, 0.9),
                row("Calls", "neuron", new int[] {0}, 0.5, 1.3, -0.2),
                row("Calls", "loss", new int[] {0, 1, 2, 3}, 0.5, 1.3, -0.2, 0.9),
                row("Custom", "normalCdf", new int[] {0, 1, 2}, 0.3, -0.2, 1.4),
                row("Naming", "clash", new int[] {0, 1}, 0.7, 1.9),
                row("ControlFlow", "piecewise", new int[] {0}, 0.6),
                row("ControlFlow", "piecewise", new int[] {0}, 1.4),
                row("ControlFlow", "piecewise", new int[] {0}, 3.1),
                row("ControlFlow", "huber", new int[] {0, 1}, 0.4, 1.5),
                row("ControlFlow", "huber", new int[] {0, 1}, -2.5, 1.5),
                row("ControlFlow", "softClip", new int[] {0, 1}, 0.3, 1.0),
                row("ControlFlow", "softClip", new int[] {0, 1}, 2.5, 1.0),
                row("ControlFlow", "squaredRelu", new int[] {0}, 0.8),
                row("ControlFlow", "squaredRelu", new int[] {0}, -0.8),
                row("ControlFlow", "recurrence", new int[] {0, 1, 2}, 0.9, 0.1, 0.3, 50),
                row("ControlFlow", "recurrence", new int[] {0, 1, 2}, 0.9, 0.1, 0.3, 0),
                row("ControlFlow", "newtonSqrt", new int[] {0}, 2.0),
                row("ControlFlow", "newtonSqrt", new int[] {0}, 0.01),
                row("ControlFlow", "skipNegative", new int[] {0}, 0.7, 12),
                row("ControlFlow", "meanSquaredError", new int[] {0, 1}, 0.7, -0.2, 20),
                row("ControlFlow", "guardedRecurrence", new int[] {0, 1}, 0.9, 0.1, 30),
                row("ControlFlow", "guardedRecurrence", new int[] {0, 1}, 0.9, 0.1, 0),
                row("ControlFlow", "meanSquaredError", new int[] {0, 1}, 0.7, -0.2, 1),
                row("ControlFlow", "untilLimit", new int[] {0}, 0.9, 3.3),
                row("ControlFlow", "untilLimit", new int[] {0}, 0.5, 100.0),
                row("Guard", "logNormal", new int[] {0, 1, 2}, 0.3, -0.4, 1.7));
    }

    private static Arguments row(String cls, String method, int[] differentiated, Object... args) {
        return Arguments.of(cls, method, differentiated, args);
    }

    @ParameterizedTest(name = "{0}.{1} at {3}")
    @MethodSource("functions")
    void gradientMatchesFiniteDifferences(String cls, String method, int[] differentiated, Object[] args) {
        compiled(cls).assertGradientMatchesDifferences("golden." + cls, method, differentiated, args);
    }
}
