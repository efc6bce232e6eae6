package io.gannotebooks.data;

import java.nio.file.Path;

/**
 * One image file found in a dataset folder, with what the cache key needs to notice a change.
 *
 * @param path         where to read it
 * @param relativePath its path below the dataset folder, always with '/' separators (stable across
 *                     platforms, used in messages and in the cache key)
 * @param bytes        file size
 * @param modified     last modification time in milliseconds since the epoch
 */
record ImageFile(Path path, String relativePath, long bytes, long modified) {
}
