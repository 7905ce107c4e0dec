package io.github.sourcegrad.processor;

import static io.github.sourcegrad.processor.GeneratedCode.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A switch expression on the right of an assignment to a local ({@code s += switch (k) {...}}): the parser lowers
 * the switch to branches, which restore the locals from copies, and the assignment must still write the local
 * (it was silently dropped: the value and the gradient were those of {@code s} before the assignment).
 */
class SwitchAssignmentTest {
    private static final String CLS = "sa.Sums";
    private static final GeneratedCode.Once CODE = GeneratedCode.once(source(CLS, """
            package sa;

            import io.github.sourcegrad.Differentiable;

            class Sums {
                @Differentiable
                static double compound(double x, int k) {
                    double s = 1;
                    s += switch (k) {
                        case 0 -> x;
                        default -> x * x;
                    };
                    return s;
                }

                @Differentiable
                static double inLoop(double x) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) {
                        s = s + switch (k) {
                            case 0 -> x;
                            default -> 2 * x;
                        };
                    }
                    return s;
                }
            }
            """));

    @Test
    void theAssignmentKeepsTheSwitchsValue() {
        GeneratedCode code = CODE.get();
        GeneratedCode.Gradient g = code.gradient(CLS, "compound", 0.5, 1);
        assertEquals(1.25, g.value(), 0.0);
        assertEquals(1.0, g.d("x"), 0.0);
        assertEquals(1.5, code.gradient(CLS, "compound", 0.5, 0).value(), 0.0);
        GeneratedCode.Gradient loop = code.gradient(CLS, "inLoop", 0.5);
        assertEquals(2.5, loop.value(), 0.0);
        assertEquals(5.0, loop.d("x"), 0.0);
        code.assertGradientMatchesDifferences(CLS, "inLoop", new int[] {0}, 0.7);
    }
}
