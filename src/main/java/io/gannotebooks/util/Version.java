package io.gannotebooks.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, as Maven stamped it into the jar. */
public final class Version {
    private Version() {
    }

    public static String library() {
        try (InputStream in = Version.class.getResourceAsStream("/io/gannotebooks/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
