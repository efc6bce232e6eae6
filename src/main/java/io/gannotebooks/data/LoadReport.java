package io.gannotebooks.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What opening an image folder found.
 *
 * @param filesFound   image files found by extension
 * @param imagesLoaded of those, the ones decoded (the dataset size before any flip)
 * @param skipped      the ones that could not be read
 * @param firstSkipped relative path and reason of the first unreadable file, "" when none
 * @param fromCache    true when the images came from an earlier decode, without decoding anything
 * @param cacheFile    the cache file the images are read from
 */
public record LoadReport(int filesFound, int imagesLoaded, int skipped, String firstSkipped, boolean fromCache,
                         Path cacheFile) {

    /** "skipped 3 unreadable files of 120 (first: cats/bad.jpg: empty file)", or empty when none were. */
    public Optional<String> skipLine() {
        if (skipped == 0) {
            return Optional.empty();
        }
        return Optional.of("skipped " + skipped + " unreadable " + (skipped == 1 ? "file" : "files") + " of "
                + filesFound + " (first: " + firstSkipped + ")");
    }
}
