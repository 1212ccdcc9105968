package devstack.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The plugin test kit's Maven coordinates (this project's {@code groupId:artifactId:version}: the kit is in its jar)
 * and the versions of Groovy, Spock and the Maven plugins this project builds with, as Maven wrote them into
 * {@code devstack/scaffold/kit.properties} when it built this program. A generated pom uses exactly these, so it
 * never names a kit that was not built.
 */
public record KitCoordinates(String groupId, String artifactId, String version, Map<String, String> versions) {
    static final String RESOURCE = "/devstack/scaffold/kit.properties";
    private static final List<String> VERSIONS = List.of("groovy.version", "spock.version", "compiler.version",
            "gmavenplus.version", "surefire.version");

    /** The coordinates of the build this program comes from. */
    public static KitCoordinates ofThisBuild() {
        Properties properties = new Properties();
        try (InputStream in = KitCoordinates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from this build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (String key : VERSIONS) {
            versions.put(key, value(properties, key));
        }
        return new KitCoordinates(value(properties, "groupId"), value(properties, "artifactId"),
                value(properties, "version"), Map.copyOf(versions));
    }

    /** {@code groupId:artifactId:version}. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key);
        // Unfiltered (built without Maven's resource filtering), the file still says ${...}.
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException(RESOURCE + ": " + key + " was not filled in by the build; build the "
                    + "program with Maven (mvn -B package)");
        }
        return value.trim();
    }
}
