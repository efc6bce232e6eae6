package io.gannotebooks.util;

import java.nio.file.Path;

/**
 * Where the library keeps what it can rebuild but should not rebuild every time: decoded image folders and
 * the networks it trains for its own use (the shape classifier of the metrics). One place decides it, so
 * {@code GAN_CACHE_DIR} moves all of them together.
 */
public final class CacheDirectory {
    public static final String ENVIRONMENT_VARIABLE = "GAN_CACHE_DIR";

    private CacheDirectory() {
    }

    /** {@code $GAN_CACHE_DIR} if set, else {@code ~/.cache/gan-notebooks}. */
    public static Path standard() {
        String configured = System.getenv(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "gan-notebooks");
    }
}
