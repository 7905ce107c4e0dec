package io.github.sourcegrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link GradientCheck}. The gradients are written by hand here (the runtime's tests cannot run
 * the processor); each one mirrors what SourceGrad generates for the function, in one of its two forms.
 */
class GradientCheckTest {

    /** The lecture's {@code f(x, y) = 1 / (y + e^-x)}. */
    static double f(double x, double y) {
        return 1 / (y + Math.exp(-x));
    }

    /** Its correct gradient in the zero-allocation form. */
    static double df(double x, double y, double[] grad) {
        if (grad.length < 2) {
            throw new IllegalArgumentException("grad must have length 2 but has length " + grad.length);
        }
        double b = Math.exp(-x);
        double c = y + b;
        double dc = -1 / (c * c);
        grad[0] = -b * dc;
        grad[1] = dc;
        return 1 / c;
    }

    /** The record form, as SourceGrad generates it. */
    record FGradient(double value, double dx, double dy) {
    }

    static FGradient dfRecord(double x, double y) {
        double[] grad = new double[2];
        double value = df(x, y, grad);
        return new FGradient(value, grad[0], grad[1]);
    }

    static final GradientCheck F = GradientCheck.of(p -> f(p[0], p[1]), (p, grad) -> df(p[0], p[1], grad))
            .names("x", "y");

    /** {@code f} with a wrong {@code d/dy} (twice the right one). */
    static final GradientCheck WRONG_DY = GradientCheck.of(p -> f(p[0], p[1]), (p, grad) -> {
        double value = df(p[0], p[1], grad);
        grad[1] *= 2;
        return value;
    }).names("x", "y");

    /** The line of the report's table for {@code label} ({@code "value"}, {@code "d/dx"}). */
    static String row(String table, String label) {
        List<String> rows = table.lines().filter(l -> l.startsWith("  " + label + " ")).toList();
        assertEquals(1, rows.size(), () -> "one row for " + label + " in\n" + table);
        return rows.get(0);
    }

    @Nested
    class CorrectGradients {

        @Test
        void passAtTheSlidesPoint() {
            GradientCheck.Report report = F.assertAt(0, 1);

            assertTrue(report.passed());
            assertEquals(List.of(), report.problems());
            assertEquals(0.5, report.value());
            assertEquals(0.5, report.gradientValue());
            assertEquals(List.of("x", "y"), report.names());
            double[] numeric = report.numeric();
            assertEquals(0.25, numeric[0], 1e-12);
            assertEquals(-0.25, numeric[1], 1e-12);
            assertEquals(0.25, report.analytic()[0]);
            assertEquals(-0.25, report.analytic()[1]);
            for (GradientCheck.Partial partial : report.partials()) {
                assertTrue(partial.passed(), partial::toString);
                assertTrue(partial.absoluteError() < 1e-11, partial::toString);
                assertTrue(partial.absoluteError() <= partial.allowed(), partial::toString);
            }
            String table = report.toString();
            assertTrue(table.startsWith("Gradient check passed at (x, y) = (0, 1)."), table);
            assertTrue(row(table, "d/dx").endsWith("ok"), table);
            assertTrue(row(table, "d/dy").endsWith("ok"), table);
        }

        @Test
        void passAtManyPoints() {
            List<GradientCheck.Report> reports = F.assertAtEach(
                    new double[] {0, 1}, new double[] {-2, 3}, new double[] {5, 0.5}, new double[] {1e3, 1});
            assertEquals(4, reports.size());
            assertTrue(reports.stream().allMatch(GradientCheck.Report::passed));
        }

        @Test
        void passForSmoothFunctionsOfEveryScale() {
            // f(x, y, z) = exp(x) sin(y) + log(z) x^3: every term bends, the scales differ.
            GradientCheck check = GradientCheck.of(
                    p -> Math.exp(p[0]) * Math.sin(p[1]) + Math.log(p[2]) * p[0] * p[0] * p[0],
                    (p, grad) -> {
                        double x = p[0];
                        double y = p[1];
                        double z = p[2];
                        grad[0] = Math.exp(x) * Math.sin(y) + 3 * Math.log(z) * x * x;
                        grad[1] = Math.exp(x) * Math.cos(y);
                        grad[2] = x * x * x / z;
                        return Math.exp(x) * Math.sin(y) + Math.log(z) * x * x * x;
                    });
            check.assertAtEach(new double[] {0.3, -1.2, 2}, new double[] {-4, 10, 0.05}, new double[] {12, 0.7, 1e5},
                    new double[] {1e-3, 1e-3, 1e-3 + 1});
        }

        @Test
        void passForTheRecordForm() {
            GradientCheck check = GradientCheck.ofRecord(p -> f(p[0], p[1]), p -> dfRecord(p[0], p[1]),
                    FGradient::value, FGradient::dx, FGradient::dy);
            GradientCheck.Report report = check.assertAt(-2, 3);
            assertEquals(dfRecord(-2, 3).dx(), report.analytic()[0]);
            assertEquals(dfRecord(-2, 3).dy(), report.analytic()[1]);
        }

        @Test
        void passOnANoisyLargeFunction() {
            // 1e8 + x^2: the values of f carry only about 8 digits of x^2, so the finite difference of
            // d/dx = 2x is off by about 1e-4; the allowance for rounding noise covers that.
            GradientCheck.ScalarFunction large = p -> 1e8 + p[0] * p[0];
            GradientCheck.Report report = GradientCheck.of(large, (p, grad) -> {
                grad[0] = 2 * p[0];
                return large.apply(p);
            }).assertAt(0.3);
            GradientCheck.Partial partial = report.partials().get(0);
            assertTrue(partial.absoluteError() > 1e-9, "the finite difference really is noisy: " + partial);
            assertTrue(partial.allowed() > 1e-3, partial::toString);

            // ... but not so much that a wrong gradient passes.
            GradientCheck.Report wrong = GradientCheck.of(large, (p, grad) -> {
                grad[0] = 2.1 * p[0];
                return large.apply(p);
            }).at(0.3);
            assertFalse(wrong.passed(), wrong::toString);
        }

        @Test
        void passForAWrtRestrictedFunctionWithTheOtherArgumentsFixed() {
            // loss(x, y, w, b) = (w x + b - y)^2 differentiated with respect to w and b only.
            double x = 1.5;
            double y = -2;
            GradientCheck.of(p -> Math.pow(p[0] * x + p[1] - y, 2), (p, grad) -> {
                double r = p[0] * x + p[1] - y;
                grad[0] = 2 * r * x;
                grad[1] = 2 * r;
                return r * r;
            }).names("w", "b").assertAt(0.5, -0.25);
        }
    }

    @Nested
    class WrongGradients {

        @Test
        void failWithAPerParameterTable() {
            GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> WRONG_DY.assertAt(0, 1));
            String message = failure.getMessage();

            assertTrue(message.startsWith("Gradient check failed at (x, y) = (0, 1): d/dy is wrong.\n"), message);
            assertTrue(row(message, "value").endsWith("ok"), message);
            assertTrue(row(message, "d/dx").endsWith("ok"), message);
            String dy = row(message, "d/dy");
            assertTrue(dy.matches("  d/dy\\s+-0\\.5\\s+-0\\.25\\s+2\\.5e-01\\s+5\\.0e-01\\s+5\\.0e-07\\s+FAILED"), dy);
            assertTrue(message.contains("\n  d/dy: the gradient is -0.5, the finite difference -0.25 (off by 2.5e-01,"
                    + " relative 5.0e-01, allowed 5.0e-07)\n"), message);
            assertFalse(message.contains("d/dx: "), "only d/dy has a problem line: " + message);
            assertTrue(message.contains("h = 1.2e-04 * max(1, |x_i|)"), message);
            assertTrue(message.contains("allowed = 1.0e-10 + 1.0e-06 * max(|analytic|, |numeric|)"), message);

            assertEquals(1, failure.reports().size());
            GradientCheck.Report report = failure.reports().get(0);
            assertEquals(message, report.toString());
            assertTrue(report.partials().get(0).passed());
            assertFalse(report.partials().get(1).passed());
            assertEquals(List.of("d/dy: " + report.partials().get(1).problem()), report.problems());
        }

        @Test
        void areAnAssertionError() {
            AssertionError error = assertThrows(AssertionError.class, () -> WRONG_DY.assertAt(0, 1));
            assertTrue(error instanceof GradientCheck.Failure);
        }

        @Test
        void areReportedWithoutThrowingByAt() {
            GradientCheck.Report report = WRONG_DY.at(0, 1);
            assertFalse(report.passed());
            assertTrue(report.toString().startsWith("Gradient check failed"), report::toString);
            assertThrows(GradientCheck.Failure.class, report::assertPassed);
        }

        @Test
        void failInTheRecordForm() {
            GradientCheck check = GradientCheck.ofRecord(p -> f(p[0], p[1]), p -> dfRecord(p[0], p[1]),
                    FGradient::value, FGradient::dy, FGradient::dx).names("x", "y"); // accessors swapped
            GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> check.assertAt(0, 1));
            assertTrue(failure.getMessage().startsWith(
                    "Gradient check failed at (x, y) = (0, 1): d/dx, d/dy are wrong."), failure.getMessage());
        }

        @Test
        void failOnAWrongValue() {
            GradientCheck check = GradientCheck.of(p -> f(p[0], p[1]), (p, grad) -> df(p[0], p[1], grad) + 0.1)
                    .names("x", "y");
            GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> check.assertAt(0, 1));
            String message = failure.getMessage();
            assertTrue(message.startsWith("Gradient check failed at (x, y) = (0, 1): value is wrong."), message);
            assertTrue(row(message, "value").endsWith("FAILED"), message);
            assertTrue(row(message, "d/dx").endsWith("ok"), message);
            assertTrue(message.contains("value: the gradient returns the value 0.6, but f is 0.5"), message);
        }

        @Test
        void failAtEveryWrongPointOfMany() {
            // A gradient that is wrong only for x > 0 (d/dx has the wrong sign there).
            GradientCheck check = GradientCheck.of(p -> f(p[0], p[1]), (p, grad) -> {
                double value = df(p[0], p[1], grad);
                if (p[0] > 0) {
                    grad[0] = -grad[0];
                }
                return value;
            }).names("x", "y");
            GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> check.assertAtEach(
                    new double[] {-1, 1}, new double[] {2, 1}, new double[] {-3, 2}, new double[] {0.5, 4}));
            String message = failure.getMessage();
            assertTrue(message.startsWith("Gradient check failed at 2 of 4 points.\n"), message);
            assertTrue(message.contains("Gradient check failed at (x, y) = (2, 1): d/dx is wrong."), message);
            assertTrue(message.contains("Gradient check failed at (x, y) = (0.5, 4): d/dx is wrong."), message);
            assertFalse(message.contains("(-1, 1)"), message);
            assertEquals(2, failure.reports().size());
        }

        @Test
        void atAKinkSayThatTheFunctionIsNotDifferentiableThere() {
            // relu(3x) with SourceGrad's convention relu'(0) = 0: right everywhere, but at 0 no finite
            // difference agrees with it.
            GradientCheck relu = GradientCheck.of(p -> Math.max(3 * p[0], 0), (p, grad) -> {
                grad[0] = 3 * p[0] > 0 ? 3 : 0;
                return Math.max(3 * p[0], 0);
            }).names("x");
            relu.assertAtEach(new double[] {1}, new double[] {-1}, new double[] {0.01});

            GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> relu.assertAt(0));
            String message = failure.getMessage();
            assertTrue(message.contains("d/dx: the gradient is 0, the finite difference 1.5"), message);
            assertTrue(message.contains("the one-sided differences disagree (from the left 0, from the right 3):"
                    + " f is probably not differentiable within 2.4e-04 of x = 0"), message);
        }

        @Test
        void atATripCountChangeNameLoopsAndBranchesAsWellAsKinks() {
            // steps of 0.1 * v until x passes 1: x = n(v) * 0.1 * v, with the trip count n fixed in the gradient
            // (what SourceGrad generates for a while (x < 1) loop): right between the changes of n, where n jumps
            // the function jumps and no finite difference agrees.
            GradientCheck walk = GradientCheck.of(p -> {
                double x = 0;
                while (x < 1) {
                    x += 0.1 * p[0];
                }
                return x;
            }, (p, grad) -> {
                double x = 0;
                grad[0] = 0;
                while (x < 1) {
                    x += 0.1 * p[0];
                    grad[0] += 0.1;
                }
                return x;
            }).names("v");
            walk.assertAt(0.3); // four steps, and four steps within 2h either side
            GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> walk.assertAt(2.5));
            String message = failure.getMessage();
            assertTrue(message.contains("f is probably not differentiable within 6.1e-04 of v = 2.5: a kink (max, min,"
                    + " abs at a tie), or a jump where an if or the trip count of a loop changes with a differentiated"
                    + " value (as in while (y > 0) ...): the gradient is taken with the branches and trip counts fixed,"
                    + " so it is the derivative of the path the point takes and misses the jump. Finite differences"
                    + " cannot check a gradient there; check at a point away from it"), message);
        }

        @Test
        void doNotBlameAKinkOnASmoothFunction() {
            GradientCheck.Failure failure = assertThrows(GradientCheck.Failure.class, () -> WRONG_DY.assertAt(0, 1));
            assertFalse(failure.getMessage().contains("one-sided"), failure.getMessage());
        }
    }

    @Nested
    class NonFiniteNumbers {

        @Test
        void aNaNGradientFails() {
            GradientCheck check = GradientCheck.of(p -> p[0] * p[0], (p, grad) -> {
                grad[0] = Double.NaN;
                return p[0] * p[0];
            }).names("x");
            GradientCheck.Report report = check.at(2);
            assertFalse(report.passed());
            assertEquals(List.of("d/dx: the gradient is NaN, the finite difference 4"), report.problems());
            assertTrue(row(report.toString(), "d/dx").endsWith("FAILED"), report::toString);
        }

        @Test
        void anInfiniteGradientFailsEvenWhereTheDerivativeIsInfinite() {
            // sqrt at 0: the gradient's +Infinity is the formula's honest answer, but nothing can check it.
            GradientCheck check = GradientCheck.of(p -> Math.sqrt(p[0]), (p, grad) -> {
                grad[0] = 0.5 / Math.sqrt(p[0]);
                return Math.sqrt(p[0]);
            }).names("x");
            GradientCheck.Report report = check.at(0);
            assertFalse(report.passed());
            assertTrue(report.problems().get(0).startsWith("d/dx: the gradient is Infinity"), report::toString);
        }

        @Test
        void aFunctionThatIsNaNAtThePointFails() {
            GradientCheck check = GradientCheck.of(p -> Math.log(p[0]), (p, grad) -> {
                grad[0] = 1 / p[0];
                return Math.log(p[0]);
            }).names("x");
            GradientCheck.Report report = check.at(-1);
            assertFalse(report.passed());
            String table = report.toString();
            assertTrue(table.contains("value: f is NaN at this point: a gradient check needs a point where f is finite"),
                    table);
            assertTrue(table.contains("d/dx: f is NaN at the point, so there is no finite difference"), table);
            assertTrue(table.startsWith("Gradient check failed at x = -1: value, d/dx are wrong."), table);
        }

        @Test
        void aFunctionThatIsInfiniteAtThePointFails() {
            GradientCheck check = GradientCheck.of(p -> 1 / p[0], (p, grad) -> {
                grad[0] = -1 / (p[0] * p[0]);
                return 1 / p[0];
            });
            GradientCheck.Report report = check.at(0);
            assertFalse(report.passed());
            assertTrue(report.problems().get(0).startsWith("value: f is Infinity at this point"), report::toString);
        }

        @Test
        void aFunctionThatIsNaNNearThePointFailsAndSaysWhere() {
            // sqrt at 1e-5: within 2h of the edge of its domain, so f(x - h) and f(x - 2h) are NaN.
            GradientCheck check = GradientCheck.of(p -> Math.sqrt(p[0]), (p, grad) -> {
                grad[0] = 0.5 / Math.sqrt(p[0]);
                return Math.sqrt(p[0]);
            }).names("x");
            GradientCheck.Report report = check.at(1e-5);
            assertFalse(report.passed());
            String problem = report.problems().get(0);
            assertTrue(problem.startsWith("d/dx: the finite difference is not finite: f(x - 2h = "), problem);
            assertTrue(problem.contains(") = NaN, f(x - h = "), problem);
            assertFalse(problem.contains("x + h"), problem);
            assertTrue(problem.contains("move the point away from the edge of f's domain or set a smaller step()"),
                    problem);

            // A smaller step keeps the stencil inside the domain.
            check.step(1e-7).assertAt(1e-5);
        }

        @Test
        void aNaNValueFromTheGradientFails() {
            GradientCheck check = GradientCheck.of(p -> p[0], (p, grad) -> {
                grad[0] = 1;
                return Double.NaN;
            });
            GradientCheck.Report report = check.at(3);
            assertEquals(List.of("value: the gradient returns the value NaN, but f is 3"), report.problems());
        }

        @Test
        void aNonFinitePointIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.at(0, Double.NaN));
            assertEquals("coordinate 1 of the point is NaN: a gradient check needs a finite point", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> F.at(Double.POSITIVE_INFINITY, 1));
        }
    }

    @Nested
    class Options {

        /** x^2 with a gradient off by a relative 1e-5. */
        final GradientCheck slightlyOff = GradientCheck.of(p -> p[0] * p[0], (p, grad) -> {
            grad[0] = 2 * p[0] * (1 + 1e-5);
            return p[0] * p[0];
        });

        @Test
        void relativeTolerance() {
            assertFalse(slightlyOff.at(3).passed());
            assertTrue(slightlyOff.tolerance(1e-4, 0).at(3).passed());
            assertFalse(slightlyOff.tolerance(1e-6, 0).at(3).passed());
            GradientCheck.Partial partial = slightlyOff.tolerance(1e-4, 0).at(3).partials().get(0);
            // allowed = abs + rel * max(|analytic|, |numeric|) + 1.5 * 64 eps * max|f on the stencil| / h
            double h = partial.step();
            double noise = 1.5 * 64 * Math.ulp(1.0) * (3 + 2 * h) * (3 + 2 * h) / h;
            assertEquals(0 + 1e-4 * 6 * (1 + 1e-5) + noise, partial.allowed(), 1e-15);
            assertTrue(noise > 1e-10 && noise < 1e-9, "noise " + noise);
        }

        @Test
        void absoluteTolerance() {
            // At 0 the derivative of x^2 is 0; a gradient of 1e-7 is wrong by 1e-7.
            GradientCheck offAtZero = GradientCheck.of(p -> p[0] * p[0], (p, grad) -> {
                grad[0] = 2 * p[0] + 1e-7;
                return p[0] * p[0];
            });
            assertFalse(offAtZero.at(0).passed());
            assertTrue(offAtZero.tolerance(0, 1e-6).at(0).passed());
            assertFalse(offAtZero.tolerance(0, 1e-8).at(0).passed());
        }

        @Test
        void defaults() {
            assertEquals(1e-6, GradientCheck.DEFAULT_RELATIVE_TOLERANCE);
            assertEquals(1e-10, GradientCheck.DEFAULT_ABSOLUTE_TOLERANCE);
            assertEquals(Math.scalb(1.0, -13), GradientCheck.DEFAULT_STEP);
            // Off by a relative 1e-7: passes the default relative tolerance of 1e-6.
            GradientCheck.of(p -> p[0] * p[0], (p, grad) -> {
                grad[0] = 2 * p[0] * (1 + 1e-7);
                return p[0] * p[0];
            }).assertAt(3);
        }

        @Test
        void invalidTolerancesAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> F.tolerance(-1e-6, 0));
            assertThrows(IllegalArgumentException.class, () -> F.tolerance(1e-6, -1));
            assertThrows(IllegalArgumentException.class, () -> F.tolerance(Double.NaN, 0));
            assertThrows(IllegalArgumentException.class, () -> F.tolerance(0, Double.POSITIVE_INFINITY));
        }

        @Test
        void theStepScalesWithTheCoordinate() {
            GradientCheck.Report report = F.at(4, 0.25);
            assertEquals(4 * GradientCheck.DEFAULT_STEP, report.partials().get(0).step());
            assertEquals(GradientCheck.DEFAULT_STEP, report.partials().get(1).step());
            assertEquals(1e-3, F.step(1e-3).at(0, 1).partials().get(0).step(), 1e-18);
        }

        @Test
        void aSmallerStepChecksAFunctionThatVariesQuickly() {
            // sin(1000 x) turns within the default step: the finite difference is far off.
            GradientCheck fast = GradientCheck.of(p -> Math.sin(1000 * p[0]), (p, grad) -> {
                grad[0] = 1000 * Math.cos(1000 * p[0]);
                return Math.sin(1000 * p[0]);
            }).names("x");
            assertFalse(fast.at(0.3).passed());
            fast.step(1e-6).assertAt(0.3);
        }

        @Test
        void invalidStepsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> F.step(0));
            assertThrows(IllegalArgumentException.class, () -> F.step(-1e-4));
            assertThrows(IllegalArgumentException.class, () -> F.step(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> F.step(Double.POSITIVE_INFINITY));
        }

        @Test
        void optionsReturnCopies() {
            GradientCheck unnamed = GradientCheck.of(p -> f(p[0], p[1]), (p, grad) -> df(p[0], p[1], grad));
            GradientCheck named = unnamed.names("x", "y");
            GradientCheck loose = slightlyOff.tolerance(1e-3, 0);
            assertEquals(List.of("p0", "p1"), unnamed.at(0, 1).names());
            assertEquals(List.of("x", "y"), named.at(0, 1).names());
            assertFalse(slightlyOff.at(3).passed());
            assertTrue(loose.at(3).passed());
        }

        @Test
        void namesDefaultToP0P1() {
            GradientCheck unnamed = GradientCheck.of(p -> f(p[0], p[1]), (p, grad) -> {
                double value = df(p[0], p[1], grad);
                grad[1] = 0;
                return value;
            });
            GradientCheck.Report report = unnamed.at(0, 1);
            assertEquals(List.of("p0", "p1"), report.names());
            String table = report.toString();
            assertTrue(table.startsWith("Gradient check failed at (p0, p1) = (0, 1): d/dp1 is wrong."), table);
            assertTrue(row(table, "d/dp0").endsWith("ok"), table);
            assertTrue(row(table, "d/dp1").endsWith("FAILED"), table);
        }

        @Test
        void blankNamesAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> F.names("x", " "));
            assertThrows(IllegalArgumentException.class, () -> F.names("x", null));
        }

        @Test
        void theFunctionsGetCopiesOfThePoint() {
            double[] point = {0, 1};
            GradientCheck vandal = GradientCheck.of(p -> {
                double value = f(p[0], p[1]);
                p[0] = 99;
                return value;
            }, (p, grad) -> {
                double value = df(p[0], p[1], grad);
                p[1] = -99;
                return value;
            });
            GradientCheck.Report report = vandal.assertAt(point);
            assertEquals(0, point[0]);
            assertEquals(1, point[1]);
            assertEquals(0.25, report.numeric()[0], 1e-12);
        }
    }

    @Nested
    class MismatchedLengths {

        @Test
        void moreNamesThanCoordinates() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> F.names("x", "y", "z").at(0, 1));
            assertEquals("3 names [x, y, z] for a point of 2 coordinates", e.getMessage());
        }

        @Test
        void fewerNamesThanCoordinates() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.names("x").at(0, 1));
            assertEquals("1 names [x] for a point of 2 coordinates", e.getMessage());
        }

        @Test
        void recordAccessorsAndCoordinates() {
            GradientCheck check = GradientCheck.ofRecord(p -> f(p[0], p[1]), p -> dfRecord(p[0], p[1]),
                    FGradient::value, FGradient::dx);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check.at(0, 1));
            assertEquals("the record form reads 1 partial derivatives, but the point has 2 coordinates",
                    e.getMessage());
        }

        @Test
        void aGradientThatNeedsMoreSlots() {
            // The point checks only x, but df differentiates x and y: SourceGrad's generated code rejects
            // the short array.
            GradientCheck check = GradientCheck.of(p -> f(p[0], 1), (p, grad) -> df(p[0], 1, grad));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check.at(0));
            assertTrue(e.getMessage().startsWith("the gradient failed on an array of length 1 (one slot per"
                    + " coordinate of the point): does it differentiate more parameters than the point has"
                    + " coordinates? grad must have length 2"), e.getMessage());
            assertTrue(e.getCause() instanceof IllegalArgumentException);
        }

        @Test
        void aGradientThatWritesFewerSlots() {
            GradientCheck check = GradientCheck.of(p -> p[0] * p[1], (p, grad) -> {
                grad[0] = p[1];
                return p[0] * p[1];
            }).names("x", "y");
            GradientCheck.Report report = check.at(3, 4);
            assertEquals(List.of("d/dy: the gradient did not write this slot of grad: does it differentiate fewer"
                    + " parameters than the point has coordinates?"), report.problems());
        }

        @Test
        void aGradientThatWritesNaNIsNotMistakenForOneThatWritesNothing() {
            GradientCheck check = GradientCheck.of(p -> p[0] * p[1], (p, grad) -> {
                grad[0] = p[1];
                grad[1] = 0.0 / 0.0;
                return p[0] * p[1];
            }).names("x", "y");
            assertEquals(List.of("d/dy: the gradient is NaN, the finite difference 3"), check.at(3, 4).problems());
        }

        @Test
        void anEmptyPoint() {
            assertThrows(IllegalArgumentException.class, () -> F.at());
        }

        @Test
        void noPointsAtAll() {
            assertThrows(IllegalArgumentException.class, () -> F.assertAtEach());
        }
    }

    @Test
    void theReportIsAnImmutableSnapshot() {
        GradientCheck.Report report = F.at(0, 1);
        double[] point = report.point();
        point[0] = 42;
        assertEquals(0, report.point()[0]);
        assertThrows(UnsupportedOperationException.class, () -> report.partials().clear());
        assertThrows(UnsupportedOperationException.class, () -> report.problems().add("x"));
        assertSame(report, report.assertPassed());
    }
}
