package io.gannotebooks.util;

import java.nio.file.Path;

/**
 * Where the library keeps what it can rebuild but should not rebuild every time: decoded image folders and
 * the networks it trains for its own use (the shape classifier of the metrics). One place decides it, so
 * {@code GAN_CACHE_DIR} moves all of them together.
 */
public final class CacheDirectory {
    public static final String ENVIRONMENT_VARIABLE = "GAN_CACHE_DIR";
    /**
     * A system property that wins over the environment: a JVM cannot change its own environment, and tests
     * (or a notebook) must keep their cache out of the user's.
     */
    public static final String PROPERTY = "gan.cache.dir";

    private CacheDirectory() {
    }

    /** {@code -Dgan.cache.dir} if set, else {@code $GAN_CACHE_DIR} if set, else {@code ~/.cache/gan-notebooks}. */
    public static Path standard() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String configured = System.getenv(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "gan-notebooks");
    }
}
