package conformance;
import io.github.sourcegrad.Differentiable;
class DoWhileShortCircuitWrittenArray {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        double s = 0;
        int j = 0; do { a[j] = Math.sin(a[j]); s += a[j]; j++; } while (j < a.length && a[j] > 0);
        return s;
    }
    static Object[] point() { return new Object[] {new double[] {0.5, 1.5, 2.0, 0.3}}; }
}
