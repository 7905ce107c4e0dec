package conformance;
import io.github.sourcegrad.Differentiable;
class DoWhileConditionReadsWrittenArray {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        double s = 0;
        int j = 0; do { s += Math.sin(a[j]); j++; } while (a[j - 1] > 0.2 && j < 3);
        return s;
    }
    static Object[] point() { return new Object[] {new double[] {0.5, 1.5, 2.0, 0.3}}; }
}
