package io.gannotebooks.metrics;

import java.nio.file.Path;

/**
 * The cache directory of the metrics tests: under target/, so the shape classifier is trained once per
 * clean build (and once per JVM at most, see {@link ShapeClassifier#load}), never in the user's cache.
 */
final class TestCache {
    private TestCache() {
    }

    static Path directory() {
        return Path.of("target", "test-cache").toAbsolutePath();
    }

    static ShapeClassifier classifier() {
        return ShapeClassifier.load(directory(), System.out);
    }
}
