package io.sparkdp.driver.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What Maven recorded about this build of sparkdp, and versions read from the libraries' own jars. */
public final class BuildInfo {
    public static final String UNKNOWN = "unknown";
    private static final Properties BUILD = load("/io/sparkdp/driver/build.properties");

    private BuildInfo() {
    }

    public static String version() {
        return value(BUILD, "version");
    }

    /** The git commit built, with "-dirty" when the work tree had uncommitted changes. */
    public static String commit() {
        String commit = value(BUILD, "commit");
        return "true".equals(value(BUILD, "dirty")) ? commit + "-dirty" : commit;
    }

    /** A Maven artifact's version from the {@code pom.properties} its jar carries, or "unknown". */
    public static String artifactVersion(String groupId, String artifactId) {
        return value(load("/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties"), "version");
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, UNKNOWN);
        return value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource is reported as "unknown", like a missing one.
        }
        return properties;
    }
}
