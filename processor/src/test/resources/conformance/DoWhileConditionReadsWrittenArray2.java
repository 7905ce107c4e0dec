package conformance;
import io.github.sourcegrad.Differentiable;
/** A do-while whose condition reads the element the body just overwrote (stops at the third, sin(0.1) < 0.2). */
class DoWhileConditionReadsWrittenArray2 {
    @Differentiable
    static double f(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        double s = 0;
        int j = 0;
        do {
            a[j] = Math.sin(a[j]);
            s += a[j];
            j++;
        } while (a[j - 1] > 0.2);
        return s;
    }
    static Object[] point() { return new Object[] {new double[] {0.5, 1.5, 0.1, 0.3}}; }
}
