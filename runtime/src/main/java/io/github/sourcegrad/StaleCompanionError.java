package io.github.sourcegrad;

/**
 * Thrown when a generated companion class loads and finds that a {@code @Differentiable} method of another class,
 * whose code it calls or writes inline, has changed since the companion was generated: a build compiled that
 * class again but not the class the companion was generated from (an IDE, Gradle, or Maven without incremental
 * compilation recompiles only the files that changed). Running the companion would give the old method's
 * numbers, so it refuses to load instead. Rebuild both classes: {@code mvn clean compile}, or a full rebuild.
 *
 * <p>Each companion has a {@code fingerprint(String)} method that names the version of every gradient it holds;
 * a companion that depends on another checks those fingerprints in its static initializer, once.
 */
public final class StaleCompanionError extends IncompatibleClassChangeError {
    private static final long serialVersionUID = 1L;

    private StaleCompanionError(String message) {
        super(message);
    }

    /**
     * Called by generated code when it loads: throws unless {@code actual}, the fingerprint that {@code method}'s
     * companion has now, is the {@code expected} one that {@code companion} was generated with.
     *
     * @param companion the generated class that is loading
     * @param method the method it depends on, such as {@code p.Shapes#sq(double)}
     * @param expected the fingerprint of {@code method}'s gradient when {@code companion} was generated
     * @param actual the fingerprint of {@code method}'s gradient now, from its own companion ({@code ""} when it
     *        has no gradient of that method any more)
     * @throws StaleCompanionError if the two differ
     */
    public static void check(Class<?> companion, String method, String expected, String actual) {
        if (expected.equals(actual)) {
            return;
        }
        String owner = method.substring(0, Math.max(0, method.indexOf('#')));
        throw new StaleCompanionError(companion.getName() + " is stale: it was generated from an older version of "
                + method + ", whose code it calls or writes inline (" + (actual.isEmpty()
                        ? "that method has no @Differentiable gradient any more"
                        : "fingerprint " + expected + ", now " + actual)
                + "). " + owner + " was compiled again without the class that " + companion.getName()
                + " is generated from, so its gradients would give the old method's numbers. Rebuild both: "
                + "mvn clean compile, or a full rebuild in your IDE or Gradle.");
    }
}
