package io.gannotebooks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a downloaded archive may cost, whatever it says about itself: an archive comes from a URL a user
 * typed, and a few megabytes can claim, or really hold, gigabytes.
 *
 * @param maxEntryBytes  an image entry larger than this is skipped (a 64x64 training image needs kilobytes; a
 *                       64 MB BMP is already 4 800 x 3 500 pixels)
 * @param maxExpansion   how many times its own size an archive may expand to, counted over everything it
 *                       expands to so far beyond {@link #expansionAllowance()}. Deflate cannot pass about 1 030
 *                       times; zip bombs sit near that, image archives near 1 (JPEG and PNG are compressed
 *                       already), flat-coloured BMPs near 100, so 200 refuses the first and none of the others
 * @param maxHeaderBytes the bytes a tar may spend on the headers of one entry (its GNU long name or PAX
 *                       records, which the reader keeps in memory): a real name needs under 4 KB
 * @param keepFreeBytes  the free space that extraction and download leave on the cache's disk: they stop
 *                       before writing past it
 * @param freeSpace      how the free space of a folder's disk is read: the file store's usable space, except in
 *                       tests, which cannot rely on a shared disk's figure (other processes write and delete, and
 *                       file systems such as ZFS and btrfs report what was written only after their next commit)
 */
record ArchiveLimits(long maxEntryBytes, double maxExpansion, long maxHeaderBytes, long keepFreeBytes,
                     FreeSpace freeSpace) {
    static final long MB = 1_000_000;
    static final ArchiveLimits DEFAULT = new ArchiveLimits(64 * MB, 200, MB, 1000 * MB,
            folder -> Files.getFileStore(folder).getUsableSpace());

    /** The bytes that may still be written to the disk that holds a folder. */
    @FunctionalInterface
    interface FreeSpace {
        long usableBytes(Path folder) throws IOException;
    }

    ArchiveLimits {
        if (maxEntryBytes <= 0 || maxExpansion < 1 || maxHeaderBytes <= 0 || keepFreeBytes < 0) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }

    ArchiveLimits withKeepFreeBytes(long bytes) {
        return new ArchiveLimits(maxEntryBytes, maxExpansion, maxHeaderBytes, bytes, freeSpace);
    }

    ArchiveLimits withMaxEntryBytes(long bytes) {
        return new ArchiveLimits(bytes, maxExpansion, maxHeaderBytes, keepFreeBytes, freeSpace);
    }

    ArchiveLimits withFreeSpace(FreeSpace reading) {
        return new ArchiveLimits(maxEntryBytes, maxExpansion, maxHeaderBytes, keepFreeBytes, reading);
    }

    /**
     * The expansion every archive is allowed before {@link #maxExpansion} counts: one image of the largest
     * size allowed may compress very well (a flat BMP) without the archive being refused for it.
     */
    long expansionAllowance() {
        return 2 * maxEntryBytes;
    }

    /**
     * Empty while writing {@code more} bytes into {@code folder} leaves {@link #keepFreeBytes} free on its disk;
     * otherwise why not, as a clause for an error line ("would leave less than 1.0 GB free on the disk of …").
     */
    Optional<String> lowSpace(Path folder, Path shownAs, long more) throws IOException {
        long free = freeSpace.usableBytes(folder);
        if (free - more >= keepFreeBytes) {
            return Optional.empty();
        }
        return Optional.of("would leave less than " + size(keepFreeBytes) + " free on the disk of " + shownAs
                + " (" + size(free) + " free now)");
    }

    /** Sizes as the other lines of the download print them, decimal (64 MB is 64 000 000 bytes). */
    static String size(long bytes) {
        return bytes >= 1000 * MB ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : ArchiveDownload.megabytes(bytes);
    }
}
