package io.github.sourcegrad;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about the SourceGrad runtime on the class path. */
public final class SourceGrad {
    private static final String VERSION = readVersion();

    private SourceGrad() {}

    /**
     * The version of this {@code sourcegrad-runtime}, such as {@code 0.1.0}; generated companions compare it with
     * the version of the processor that wrote them when they load.
     *
     * @return the version the runtime was built as, or {@code "unknown"} when its version resource is missing (a
     *         repackaged jar that dropped it)
     */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = SourceGrad.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the SourceGrad runtime's version.properties", e);
        }
    }
}
