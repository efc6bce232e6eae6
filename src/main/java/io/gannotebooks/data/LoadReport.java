package io.gannotebooks.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What opening an image folder found.
 *
 * @param filesFound   image files found by extension
 * @param imagesLoaded of those, the ones decoded (the dataset size before any flip)
 * @param skipped      the ones that could not be read
 * @param skipReasons  how many for each reason, "3 damaged, 1 empty"; "" when none
 * @param fromCache    true when the images came from an earlier decode, without decoding anything
 * @param cacheFile    the cache file the images are read from
 * @param skippedList  the text file next to the cache naming every skipped file and its reason; empty when
 *                     nothing was skipped (or the list was deleted since)
 */
public record LoadReport(int filesFound, int imagesLoaded, int skipped, String skipReasons, boolean fromCache,
                         Path cacheFile, Optional<Path> skippedList) {

    /**
     * "skipped 4 of 120 files (3 damaged, 1 empty), each with its reason in /cache/cats-…skipped.txt", or
     * empty when nothing was skipped.
     */
    public Optional<String> skipLine() {
        if (skipped == 0) {
            return Optional.empty();
        }
        return Optional.of("skipped " + skipped + " of " + filesFound + (filesFound == 1 ? " file" : " files")
                + " (" + skipReasons + ")" + skippedList.map(list -> ", each with its reason in " + list).orElse(""));
    }
}
