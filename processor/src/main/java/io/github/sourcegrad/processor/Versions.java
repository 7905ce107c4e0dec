package io.github.sourcegrad.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Optional;
import java.util.Properties;
import javax.annotation.processing.Filer;
import javax.tools.StandardLocation;

/**
 * The processor's own version, stamped into every companion, and the version of the {@code sourcegrad-runtime} that
 * the code being compiled sees. Both come from a {@code version.properties} that the build writes into each jar.
 */
final class Versions {
    static final String UNKNOWN = "unknown";

    private Versions() {}

    /** This processor's version, or {@code "unknown"} when its resource is missing (a repackaged jar). */
    static String processor() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            return in == null ? UNKNOWN : read(new Properties(), in);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /**
     * The version of the runtime on the class path of the compilation, if javac can show its resource: not on the
     * module path, nor when the runtime is missing (then javac reports the annotation itself).
     */
    static Optional<String> runtime(Filer filer) {
        try (Reader in = filer.getResource(StandardLocation.CLASS_PATH, "io.github.sourcegrad", "version.properties")
                .openReader(true)) {
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"));
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String read(Properties properties, InputStream in) throws IOException {
        properties.load(in);
        return properties.getProperty("version", UNKNOWN);
    }
}
